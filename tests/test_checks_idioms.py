"""Calque checks: literal renderings of Korean idioms, and unusual quoted phrases.

Minimal pairs (the faulty sentence fires, the idiomatic fix does not), the Korean original
raising or lowering a finding, inflection and punctuation variants, a clean op-ed that
must stay quiet, the lexicon's own consistency, and the time per document.
"""

import pytest

import pipeline.checks.idioms  # noqa: F401  (registers the calque checks)
from pipeline.checks import registry
from pipeline.checks.registry import REGISTRY, CheckContext, run_checks
from pipeline.lexicon import calques
from pipeline.model import AlignedPair, Document, Passage
from pipeline.segment import segment_document

IDS = ("calque.literal_idiom", "calque.unidiomatic_idiom", "calque.rare_collocation")
registry.all_checks()
SPECS = {check_id: REGISTRY[check_id] for check_id in IDS}

LITERAL, STYLE, RARE = IDS


def passage(text: str, lang: str = "en", document: str = "op-ed.en.txt") -> Passage:
    return Passage("d-p001", document, 1, 10, 10 + len(text), text, lang)


def findings_of(
    text: str,
    checks=IDS,
    source: str | None = None,
    korean_document: str | None = None,
):
    p = passage(text)
    doc = Document(
        path="op-ed.en.txt", text=" " * 10 + text, lang="en", content_hash="0", encoding="utf-8"
    )
    korean = passage(source, "ko", "op-ed.ko.txt") if source is not None else None
    ctx = CheckContext(doc, [p])
    if korean_document is not None:
        ctx.source = Document(
            path="op-ed.ko.txt", text=korean_document, lang="ko", content_hash="1", encoding="utf-8"
        )
    found, errors = run_checks([AlignedPair(p, korean)], ctx, [SPECS[c] for c in checks])
    assert errors == []
    for f in found:
        assert doc.text[f.start : f.end] == f.text
    return found


# ------------------------------------------------------------------ minimal pairs

MINIMAL_PAIRS = [
    (
        LITERAL,
        "Opposition lawmakers accused the ministry of wasting blood tax on a stadium nobody uses.",
        "Opposition lawmakers accused the ministry of wasting taxpayers' money on a stadium "
        "nobody uses.",
    ),
    (
        LITERAL,
        "With the pension fund running dry, fire has fallen on the government's instep.",
        "With the pension fund running dry, the government faces an urgent crisis.",
    ),
    (
        LITERAL,
        "The party courted its house rabbits in Daegu before chasing mountain rabbits in Seoul.",
        "The party courted its core supporters in Daegu before chasing swing voters in Seoul.",
    ),
    (
        LITERAL,
        "The airline heiress's gapjil toward a flight attendant drew public fury.",
        "The airline heiress's abuse of power toward a flight attendant drew public fury.",
    ),
    (
        LITERAL,
        "Critics called the revised fare scheme three in the morning and four in the evening.",
        "Critics called the revised fare scheme a shell game.",
    ),
    (
        LITERAL,
        "Prosecutors suspect that the two executives matched their mouths before the hearing.",
        "Prosecutors suspect that the two executives got their stories straight before the "
        "hearing.",
    ),
    (
        LITERAL,
        "The striker scored a wedge goal in the 88th minute to seal the title.",
        "The striker scored an insurance goal in the 88th minute to seal the title.",
    ),
    (
        LITERAL,
        "After the server outage, the emergency call system became an ink pot for six hours.",
        "After the server outage, the emergency call system went dead for six hours.",
    ),
    (
        STYLE,
        "Regulators are fixing the barn after losing the cow, tightening ferry rules only "
        "after the sinking.",
        "Regulators are closing the stable door after the horse has bolted, tightening ferry "
        "rules only after the sinking.",
    ),
    (
        STYLE,
        "Pyongyang returned to its familiar cliff-edge tactics with another launch.",
        "Pyongyang returned to its familiar brinkmanship with another launch.",
    ),
    (
        STYLE,
        "For the governor, the teachers' union has long been a thorn in the eye.",
        "For the governor, the teachers' union has long been a thorn in his side.",
    ),
    (
        STYLE,
        "Naming a former campaign aide to run the utility was a textbook parachute appointment.",
        "Naming a former campaign aide to run the utility was a textbook patronage appointment.",
    ),
    (
        STYLE,
        "New cafés are opening like bamboo shoots after rain along the riverside.",
        "New cafés are springing up everywhere along the riverside.",
    ),
    (
        RARE,
        "Economists fear the export subsidy will become a “poisoned candy” for shipbuilders.",
        "Economists fear the export subsidy will become a “poison pill” for shipbuilders.",
    ),
    (
        RARE,
        "The new tariff regime is an ‘iron wall’ that small exporters cannot climb.",
        "The new tariff regime is a barrier that small exporters cannot climb.",
    ),
]


@pytest.mark.parametrize("check_id,faulty,fixed", MINIMAL_PAIRS)
def test_faulty_sentence_fires_and_idiomatic_fix_does_not(check_id, faulty, fixed):
    assert findings_of(faulty, [check_id]), f"{check_id} missed: {faulty}"
    assert findings_of(fixed) == [], f"false alarm on the fix: {fixed}"


def test_every_calque_check_has_a_minimal_pair_and_documents_itself():
    assert {check_id for check_id, _, _ in MINIMAL_PAIRS} == set(IDS)
    for spec in SPECS.values():
        assert spec.title and spec.false_positives.startswith("False positives"), spec.id


def test_finding_quotes_the_korean_the_sense_the_suggestion_and_the_source():
    [f] = findings_of("The audit found blood taxes spent on a bridge to nowhere.")
    assert f.check == LITERAL and f.category == "accuracy/mistranslation"
    assert f.severity == "major"
    assert f.text == "blood taxes"
    assert "혈세" in f.message and "taxpayers' money" in f.message
    assert "표준국어대사전" in f.message
    assert f.suggestion == "taxpayers' money"


def test_style_entry_is_a_style_finding():
    [f] = findings_of("It was a case of eating mustard in tears.")
    assert f.check == LITERAL  # misleading: the reader cannot guess 'against one's will'
    [g] = findings_of("Talks went back to cliff-edge tactics.")
    assert g.check == STYLE and g.category == "style/unidiomatic style"
    assert g.severity == "minor"


# ------------------------------------------------------------------ with the Korean original


def test_korean_with_the_idiom_confirms_and_raises_to_major():
    [f] = findings_of(
        "Pyongyang returned to cliff-edge tactics.",
        source="북한은 또다시 벼랑 끝 전술을 꺼내 들었다.",
    )
    assert f.check == STYLE and f.severity == "major"
    assert "Confirmed" in f.message and "벼랑 끝 전술" in f.message


def test_korean_without_the_idiom_lowers_to_minor():
    [f] = findings_of(
        "The mayor said the blood tax on the poor must end.",
        source="시장은 빈곤층에 대한 과도한 세금 부담을 없애야 한다고 말했다.",
    )
    assert f.check == LITERAL and f.severity == "minor"
    assert "no 혈세" in f.message


def test_korean_verb_idiom_is_found_by_its_stem_whatever_the_spacing():
    [f] = findings_of(
        "Fire fell on the instep of the health ministry.",
        source="보건복지부 발등에 불이떨어졌다.",
    )
    assert f.severity == "major" and "발등에 불이떨어" in f.message


def test_ambiguous_entry_is_not_raised_by_the_korean():
    [f] = findings_of(
        "A north wind swept through the campaign.",
        source="선거를 앞두고 또 북풍이 불었다.",
    )
    assert f.severity == "minor"  # the entry's own severity: 'north wind' is also weather
    assert "ordinary sense" in f.message


def test_whole_korean_document_is_used_when_the_passage_has_no_aligned_korean():
    [f] = findings_of(
        "Pyongyang returned to cliff-edge tactics.",
        korean_document="제목\n\n북한은 또다시 벼랑끝 전술을 택했다.",
    )
    assert f.severity == "major" and "the Korean original" in f.message


# ------------------------------------------------------------------ variants


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The talks collapsed amid CLIFF-EDGE TACTICS.", "CLIFF-EDGE TACTICS"),
        ("The talks collapsed amid cliff edge tactics.", "cliff edge tactics"),
        ("The talks collapsed amid cliff–edge tactics.", "cliff–edge tactics"),
        ("Both sides used “cliff-edge tactic” once more.", "cliff-edge tactic"),
        ("Both sides used 'cliff-edge tactics' once more.", "cliff-edge tactics"),
        ("The party's house-rabbits stayed loyal.", "house-rabbits"),
        ("The House Rabbit vote held firm.", "House Rabbit"),
        ("Fire has fallen on Seoul’s instep.", "Fire has fallen on Seoul’s instep"),
        ("Fire fell on their insteps overnight.", "Fire fell on their insteps"),
        ("a classic ‘thorn in the eye’ for the regulator", "thorn in the eye"),
        ("The mayor's Gap-jil scandal widened.", "Gap-jil"),
        ("He said, if I do it, it’s romance, and moved on.", "if I do it, it’s romance"),
    ],
)
def test_inflection_hyphen_case_and_quote_variants(sentence, expected):
    found = findings_of(sentence, [LITERAL, STYLE])
    assert [f.text for f in found] == [expected]


def test_established_english_idioms_do_not_fire():
    text = (
        "The pension reform is a hot potato. Conscripts were cannon fodder. The blood alliance "
        "held, brinkmanship failed, and the iron rice bowl of civil servants survived. "
        "It was a thorn in the side of the coalition and a drop in the bucket for the budget."
    )
    assert findings_of(text) == []


def test_a_phrase_reported_as_a_calque_is_not_reported_again_as_rare():
    found = findings_of("Critics dubbed it a new “cliff-edge tactics” era.")
    assert [f.check for f in found] == [STYLE]


def test_rare_collocation_skips_attributed_quotations_and_hyphenated_compounds():
    assert findings_of("The coach said his players showed “real grit” on the night.") == []
    assert findings_of("Officials called the plan a “reckless gamble” on Monday.") == []
    assert findings_of("The firm opened a “billion-dollar research” campus in Pangyo.") == []


def test_rare_collocation_needs_quotes_in_the_korean_when_the_korean_is_known():
    text = "The subsidy became a “poisoned candy” for shipbuilders."
    assert findings_of(text, [RARE], source="보조금은 조선업체에 ‘독이 든 사탕’이 됐다.")
    assert findings_of(text, [RARE], source="보조금은 조선업체에 독이 됐다.") == []


def test_apostrophes_are_not_taken_for_quotation_marks():
    text = "The workers' union and the owners' group met at the mayor's office."
    assert findings_of(text, [RARE]) == []


# ------------------------------------------------------------------ Korean lookup


def test_korean_lookup_respects_word_starts_and_written_spaces():
    assert "tasting-the-liver" in calques.korean_forms("여당은 여론의 간을 보고 있다.")
    assert "tasting-the-liver" not in calques.korean_forms("회의에서 긴 시간을 보냈다.")
    assert "shadow-power" in calques.korean_forms("비선 실세 의혹이 커졌다.")
    assert "shadow-power" not in calques.korean_forms("그는 비 선거구에 출마했다.")
    match = calques.korean_forms("‘총알받이’가 된 병사들")["cannon-fodder"]
    assert match.text == "총알받이"


# ------------------------------------------------------------------ the clean op-ed

CLEAN_OPED = (
    "The budget season has always been a hot potato in Seoul, but this year the fight over "
    "the supplementary budget has turned into something closer to brinkmanship. The "
    "opposition, which controls the National Assembly, has threatened to block the bill "
    "unless the government drops its plan to cut the inheritance tax. The presidential "
    "office, for its part, insists that the cut is a modest step that will keep family "
    "firms from selling out to foreign buyers. Neither side wants to be blamed for a "
    "shutdown of public services in an election year, and both know it.\n\n"
    "Economists are less worried about the tax cut than about the deficit. The government "
    "expects to borrow another 30 trillion won this year, and the debt-to-GDP ratio is "
    "approaching 50 percent for the first time. That is still low by the standards of most "
    "rich democracies, but the population is ageing faster than anywhere else in the "
    "developed world, and pension spending will rise sharply in the next decade. Spending a "
    "windfall today, one senior official at the finance ministry admitted, is a drop in the "
    "bucket compared with the bill that is coming.\n\n"
    "Critics on the left accuse the president of a double standard: he preached fiscal "
    "discipline while in opposition and now spends freely. His allies answer that the "
    "economy needs support while exports recover and that the alternative, a sharp cut in "
    "welfare, would hit the poorest households hardest. Both arguments have merit, and both "
    "sides know that the voters who will decide the next election care more about rents and "
    "jobs than about the deficit.\n\n"
    "Abroad, the picture is no simpler. The alliance with the United States, often "
    "described as a blood alliance forged during the Korean War, remains the cornerstone of "
    "security policy. Yet Washington's demands on trade and on the cost of stationing "
    "American troops have become a thorn in the side of the relationship. Officials in "
    "Seoul privately complain that they are walking a tightrope between their main ally and "
    "their largest trading partner, China, and that any misstep could cost them dearly.\n\n"
    "North Korea, meanwhile, has returned to familiar habits. After a year of silence it "
    'has tested a new solid-fuel missile and warned of "merciless" retaliation against '
    "joint military drills. Analysts in Seoul see little that is new. Pyongyang has long "
    'used such threats to extract concessions, and past American policies, from "strategic '
    'patience" to "maximum pressure," have done little to change its calculations. Some '
    "former negotiators argue that it is time to accept that denuclearisation is pie in the "
    "sky and to aim instead for arms control. Others warn that such a shift would reward "
    "the regime for decades of defiance.\n\n"
    "The war in Ukraine has added another layer. Reports that North Korean soldiers have "
    "been sent to fight for Russia have alarmed governments across Asia. Military analysts "
    "say the troops, who have little experience of modern drone warfare, are being used as "
    "cannon fodder. The deal has nevertheless given Pyongyang hard currency and access to "
    "Russian technology, which is why officials in Seoul regard it as more than a passing "
    "episode.\n\n"
    "At home, the ruling party faces a problem of its own. Its leader, elected only last "
    "year, is already being called a lame duck by some of his own lawmakers. Party elders "
    "complain that the leadership has lost touch with younger voters, who worry about "
    "housing, precarious jobs and the glass ceiling that still keeps women out of most "
    "boardrooms. A reshuffle is expected before the summer, although few believe it will "
    "change much.\n\n"
    "Business leaders have their own grievances. They say that the new rules on industrial "
    "accidents, introduced after a series of deadly incidents at construction sites, punish "
    "company owners without making workplaces safer. Labour unions reply that the previous "
    "regime amounted to a slap on the wrist for firms that cut corners. The truth, as so "
    "often, lies somewhere in between. Fines alone will not fix a culture of subcontracting "
    "in which responsibility is passed down the chain until nobody holds it.\n\n"
    "Sport, at least, offers some relief. The national football team has qualified for the "
    "World Cup for the eleventh time in a row, and its captain, who plays in the English "
    "Premier League, remains the most popular athlete in the country. Fans packed the "
    "stadium in Seoul for the final qualifier and celebrated long into the night. The "
    "coach, who had been criticised for cautious tactics, said after the game that his "
    'players had shown "real character" and that the team would travel to the tournament '
    "hoping to reach the knockout stage.\n\n"
    "None of these problems lends itself to a quick fix. The government would do well to "
    "resist the temptation to look for a single stroke that kills two birds with one stone. "
    "What the country needs instead is patient work on pensions, housing and the labour "
    "market, and a diplomacy that keeps its options open. That will not make headlines, but "
    "it is the only way to avoid going back to square one every time the political wind "
    "changes."
)


def test_clean_professional_oped_produces_no_finding():
    assert 750 <= len(CLEAN_OPED.split()) <= 900
    doc = Document(
        path="oped.en.txt", text=CLEAN_OPED, lang="en", content_hash="0", encoding="utf-8"
    )
    passages = segment_document(doc)
    assert len(passages) >= 10
    found, errors = run_checks(
        [AlignedPair(p) for p in passages], CheckContext(doc), list(SPECS.values())
    )
    assert errors == []
    assert found == [], [(f.text, f.check) for f in found]


# ------------------------------------------------------------------ the lexicon itself


def test_lexicon_is_broad():
    entries = calques.entries()
    assert len(entries) >= 120
    assert {e.domain for e in entries} >= {"politics", "economy", "society", "sports"}
    assert {e.severity for e in entries} == {"major", "minor"}


def test_every_entry_is_complete():
    for e in calques.entries():
        assert e.ko and all(form.lstrip("^").strip() for form in e.ko), e.id
        assert e.literal and e.idiomatic and e.meaning, e.id
        assert e.sources and all(s.cite and s.note for s in e.sources), e.id
        assert e.severity in ("major", "minor"), e.id
        assert any("\uac00" <= c <= "\ud7a3" for c in e.korean), e.id


def test_no_literal_rendering_equals_its_suggestion():
    for e in calques.entries():
        idioms = {calques.normalize_phrase(i) for i in e.idiomatic}
        for literal in e.literal:
            assert calques.normalize_phrase(literal) not in idioms, (e.id, literal)


def test_every_literal_rendering_is_found_as_written():
    for e in calques.entries():
        for literal in e.literal:
            text = "x " + literal.replace("{poss}", "his").replace("{the}", "the") + " x"
            ids = {m.calque.id for m in calques.find_literals(text)}
            assert e.id in ids, (e.id, literal)


def test_idiomatic_suggestions_and_established_english_never_fire():
    lexicon = calques.lexicon()
    for phrase in sorted(lexicon.established):
        assert calques.find_literals(phrase) == [], phrase
    for e in lexicon.entries:
        for literal in e.literal:
            probe = literal.replace("{poss}", "one's").replace("{the}", "the")
            assert not calques.established_english(probe), (e.id, literal)


# ------------------------------------------------------------------ speed


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # other tenses, articles and prepositions around the lexicon's content words
        (
            "Exporters felt as if fire had fallen on the tops of their feet.",
            "fire had fallen on the tops of their feet",
        ),
        (
            "Seoul cannot just watch the fire from across the river.",
            "watch the fire from across the river",
        ),
        (
            "It is like clothes getting soaked in a drizzle without one knowing it.",
            "clothes getting soaked in a drizzle",
        ),
    ],
)
def test_renderings_in_other_words_are_found_by_their_content_words(sentence, expected):
    found = findings_of(sentence, [LITERAL, STYLE])
    assert [f.text for f in found] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Firefighters watched the river rise as the fire crossed the valley.",  # other order
        "The fire spread to the foot of the mountain by noon.",  # two content words only
    ],
)
def test_content_words_out_of_order_or_missing_do_not_match(sentence):
    assert findings_of(sentence, [LITERAL, STYLE]) == []


def test_stems_ignore_tense_number_and_a_final_e():
    from pipeline.lexicon.loose_match import stem

    assert {stem(w) for w in ("fall", "falls", "fell", "fallen", "falling")} == {"fall"}
    assert {stem(w) for w in ("place", "placed", "placing", "places")} == {"plac"}
    assert {stem(w) for w in ("foot", "feet")} == {"foot"}
    assert stem("getting") == stem("get") and stem("tops") == stem("top")
