"""The calque lexicon's entries for set phrases of Korean columns: minimal pairs, the Korean
original confirming a rendering, renderings in other words, and ordinary English near misses.

Each minimal pair is a literal rendering as machine translation produces it (the sentence
fires) and the idiomatic English a native writer would use (no calque check fires).
"""

import pytest

import pipeline.checks.idioms  # noqa: F401  (registers the calque checks)
from pipeline.checks import registry
from pipeline.checks.registry import REGISTRY, CheckContext, run_checks
from pipeline.lexicon import calques
from pipeline.model import AlignedPair, Document, Passage

IDS = ("calque.literal_idiom", "calque.unidiomatic_idiom", "calque.rare_collocation")
registry.all_checks()
SPECS = {check_id: REGISTRY[check_id] for check_id in IDS}
LITERAL, STYLE, RARE = IDS


def findings_of(text: str, checks=IDS, source: str | None = None):
    en = Passage("d-p001", "col.en.txt", 1, 0, len(text), text, "en")
    doc = Document(path="col.en.txt", text=text, lang="en", content_hash="0", encoding="utf-8")
    ko = Passage("d-p001", "col.ko.txt", 1, 0, len(source), source, "ko") if source else None
    found, errors = run_checks(
        [AlignedPair(en, ko)], CheckContext(doc, [en]), [SPECS[c] for c in checks]
    )
    assert errors == []
    return found


# (entry id, check that fires, literal sentence, idiomatic sentence)
MINIMAL_PAIRS = [
    (
        "thin-ice-race",
        LITERAL,
        "With two days to go, the mayoral race remains a thin-ice contest.",
        "With two days to go, the mayoral race remains neck and neck.",
    ),
    (
        "receive-elasticity",
        LITERAL,
        "Talks on the free trade deal received elasticity after the summit.",
        "Talks on the free trade deal gained momentum after the summit.",
    ),
    (
        "first-button",
        STYLE,
        "The new cabinet fastened the first button badly by naming a tainted nominee.",
        "The new cabinet got off to a bad start by naming a tainted nominee.",
    ),
    (
        "filial-son-product",
        LITERAL,
        "Semiconductors remain Korea's filial son product, a fifth of all exports.",
        "Semiconductors remain Korea's cash cow, a fifth of all exports.",
    ),
    (
        "mountain-beyond-mountain",
        STYLE,
        "For the new finance minister, it is mountain beyond mountain.",
        "For the new finance minister, it is one problem after another.",
    ),
    (
        "pull-out-the-foot",
        STYLE,
        "The insurer quietly pulled out its foot from the consortium.",
        "The insurer quietly pulled out of the consortium.",
    ),
    (
        "eating-from-the-same-pot",
        LITERAL,
        "Next season the striker will eat from the same pot as his old rival.",
        "Next season the striker will be teammates with his old rival.",
    ),
    (
        "taegeuk-mark",
        LITERAL,
        "She first wore the Taegeuk mark at seventeen.",
        "She was first called up to the national team at seventeen.",
    ),
    (
        "bed-soccer",
        LITERAL,
        "The visitors resorted to bed soccer after taking the lead.",
        "The visitors resorted to time-wasting after taking the lead.",
    ),
    (
        "same-bed-different-dreams",
        STYLE,
        "The two parties signed the merger, but it is same bed, different dreams.",
        "The two parties signed the merger, but they are pursuing different agendas.",
    ),
    (
        "wu-and-yue-same-boat",
        LITERAL,
        "On pension reform the rival parties are Wu and Yue in the same boat.",
        "On pension reform the rival parties are strange bedfellows.",
    ),
    (
        "heaven-and-earth-one-throw",
        LITERAL,
        "Both leaders see the by-election as heaven and earth in one throw.",
        "Both leaders see the by-election as make-or-break.",
    ),
    (
        "white-clad-service",
        LITERAL,
        "The former prime minister vowed to serve in white clothes during the campaign.",
        "The former prime minister vowed to help the campaign without any post.",
    ),
    (
        "words-with-bones",
        LITERAL,
        "The governor's words with bones drew nervous laughter from the ministers.",
        "The governor's pointed remark drew nervous laughter from the ministers.",
    ),
    (
        "ink-on-the-face",
        LITERAL,
        "The bribery case smeared ink on the face of the judiciary.",
        "The bribery case disgraced the judiciary.",
    ),
    (
        "sweep-down-the-chest",
        LITERAL,
        "Exporters swept down their chests when the tariff was postponed.",
        "Exporters breathed a sigh of relief when the tariff was postponed.",
    ),
    (
        "lips-and-teeth",
        STYLE,
        "Beijing still acts as if, when the lips are gone, the teeth are cold.",
        "Beijing still treats Pyongyang as a buffer it cannot afford to lose.",
    ),
    (
        "iron-barrel-security",
        LITERAL,
        "The summit venue was put under iron barrel security.",
        "The summit venue was put under airtight security.",
    ),
    (
        "lightning-beggar",
        LITERAL,
        "Renters who did not buy in 2020 now call themselves lightning beggars.",
        "Renters who did not buy in 2020 now feel left behind by the asset boom.",
    ),
    (
        "goblin-club",
        LITERAL,
        "Tax cuts are not a goblin's club that conjures growth.",
        "Tax cuts are not a magic wand that conjures growth.",
    ),
    (
        "long-snake-formation",
        LITERAL,
        "Shoppers formed a long snake formation outside the store.",
        "Shoppers formed a long queue outside the store.",
    ),
    (
        "safety-insensitivity",
        LITERAL,
        "The collapse exposed the safety insensitivity of the construction industry.",
        "The collapse exposed the lax safety culture of the construction industry.",
    ),
    (
        "porridge-for-the-dog",
        LITERAL,
        "By splitting the vote, the opposition made porridge and gave it to the dog.",
        "By splitting the vote, the opposition handed its rival the win.",
    ),
    (
        "raise-the-antennae",
        STYLE,
        "Markets raised their antennae ahead of the Fed decision.",
        "Markets watched closely ahead of the Fed decision.",
    ),
    (
        "chicken-game",
        STYLE,
        "Memory chipmakers are locked in a chicken game over prices.",
        "Memory chipmakers are locked in a game of chicken over prices.",
    ),
    (
        "employment-cliff",
        STYLE,
        "This year's graduates face an employment cliff.",
        "This year's graduates face a hiring freeze.",
    ),
    (
        "one-touch-explosion",
        STYLE,
        "The border standoff is one touch away from explosion.",
        "The border standoff is on a knife-edge.",
    ),
    (
        "bear-does-the-tricks",
        LITERAL,
        "Korean shipyards build the hulls, but the bear does the tricks and Wang takes the money.",
        "Korean shipyards build the hulls, but others pocket the profit.",
    ),
    (
        "temperature-difference",
        LITERAL,
        "There is a clear temperature difference over sanctions between the allies.",
        "There is a clear difference in emphasis over sanctions between the allies.",
    ),
    (
        "out-of-court-struggle",
        LITERAL,
        "The main opposition party launched an out-of-court struggle against the budget.",
        "The main opposition party took its fight against the budget to the streets.",
    ),
]


@pytest.mark.parametrize("entry,check_id,faulty,fixed", MINIMAL_PAIRS)
def test_literal_rendering_fires_and_idiomatic_english_does_not(entry, check_id, faulty, fixed):
    found = findings_of(faulty, [check_id])
    assert found, f"{check_id} missed: {faulty}"
    assert entry in {m.calque.id for m in calques.find_literals(faulty)}
    assert findings_of(fixed) == [], f"false alarm on the fix: {fixed}"


def test_minimal_pairs_cover_both_severities_and_many_domains():
    entries = [calques.lexicon().by_id[entry] for entry, _, _, _ in MINIMAL_PAIRS]
    assert {e.severity for e in entries} == {"major", "minor"}
    assert {e.domain for e in entries} >= {"politics", "diplomacy", "economy", "society", "sports"}


def test_korean_original_confirms_a_new_entry():
    [f] = findings_of(
        "Talks on the free trade deal received elasticity after the summit.",
        source="정상회담 이후 자유무역협정 협상이 탄력을 받았다.",
    )
    assert f.severity == "major" and "Confirmed" in f.message and "탄력을 받" in f.message


def test_ambiguous_new_entry_is_not_raised_by_the_korean():
    [f] = findings_of(
        "Seoul and Tokyo now ride the same boat on supply chains.",
        source="한일 양국은 공급망 문제에서 한 배를 탄 처지다.",
    )
    assert f.check == STYLE and f.severity == "minor" and "ordinary sense" in f.message


def test_new_rendering_in_other_words_is_found_by_its_content_words():
    text = "Banks have been swimming with both hands on the ground for years."
    found = findings_of(text, [LITERAL, STYLE])
    assert [f.text for f in found] == ["swimming with both hands on the ground"]


@pytest.mark.parametrize(
    "sentence",
    [
        # ordinary English that shares words with a rendering of the new entries
        "The two candidates share the same track record on housing.",
        "Prices of older flats were cut in half within a year.",
        "Insects may become an important source of protein in the years ahead.",
        "She lay awake tossing and turning over the mortgage.",
        "The answer was right in front of our noses all along.",
        "The winger raised both hands to the crowd after the goal.",
        "Investors are smacking their lips at the prospect of a rate cut.",
        "Too many voters still see the past through rose-colored glasses.",
        "The report has been gathering dust on a shelf in the ministry.",
        "He pushed her back into the car and drove off.",
        "The couple will tie the knot on Saturday in Busan.",
        "Pyongyang keeps trying to drive a wedge between Seoul and Washington.",
        "There is not a kernel of truth in the rumor.",
        "The hostage's hands and feet were tied with tape.",
        "A fight broke out at a club in the middle of the night.",
        "A cold air current from Siberia will bring snow on Thursday.",
        "The board shook up the management after the loss.",
        "Rescuers said the swift current made the search difficult.",
        "The apartment was built with bad materials and collapsed.",
        "His eldest brother played a role in the family business.",
    ],
)
def test_ordinary_english_near_misses_do_not_fire(sentence):
    assert findings_of(sentence) == [], sentence
