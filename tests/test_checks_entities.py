"""Minimal pairs for the entity checks: the faulty sentence fires, the corrected one does not.

The texts are written for these tests (news about Gaza, Ukraine, the Caucasus, East Asia);
the checks must stay quiet on correct international news and fire on wrong war parties and
on cities or regions called peninsulas, islands, straits or provinces.
"""

import importlib

import pytest

from pipeline.checks.registry import REGISTRY, CheckContext, all_checks, run_checks
from pipeline.lexicon.gazetteer import gazetteer
from pipeline.model import AlignedPair, Document
from pipeline.segment import segment_document

WAR = "entity.war_parties"
GEO = "geo.feature_mismatch"


@pytest.fixture(scope="module", autouse=True)
def entities():
    """The registry with every check module loaded (entities among them)."""
    all_checks()
    return importlib.import_module("pipeline.checks.entities")


def document(text: str, path: str = "column.en.txt", trusted: bool = False) -> Document:
    return Document(
        path=path, text=text, lang="en", content_hash="0", encoding="utf-8", trusted=trusted
    )


def context(text: str, trusted: tuple[str, ...] = ()) -> CheckContext:
    doc = document(text)
    passages = segment_document(doc)
    return CheckContext(
        document=doc,
        passages=passages,
        pairs=[AlignedPair(p) for p in passages],
        trusted=[document(t, f"trusted-{i}.en.txt", True) for i, t in enumerate(trusted)],
    )


def findings(check_id: str, text: str, trusted: tuple[str, ...] = ()):
    ctx = context(text, trusted)
    found, errors = run_checks(ctx.pairs, ctx, [REGISTRY[check_id]])
    assert errors == []
    for f in found:
        assert ctx.document.text[f.start : f.end] == f.text
        assert f.check == check_id and f.category == "accuracy/mistranslation"
    return found


GAZA = (
    "Israeli tanks pushed deeper into the southern Gaza Strip on Tuesday as negotiators in "
    "Doha tried to revive a ceasefire between Israel and Hamas.\n\n"
    "The fighting has displaced most of Gaza's population, and aid agencies warn of famine. "
    "Israeli officials say the offensive will go on until Hamas frees the remaining "
    "hostages.\n\n"
    "{S}\n\n"
    "Analysts compare the stalemate with the Iran-Iraq war of the 1980s, when neither side "
    "could impose its terms on the other."
)
UKRAINE = (
    "Ukraine said on Monday that Russian drones had struck power plants in Kharkiv and Odesa "
    "overnight. Kyiv has asked its allies for more air defence systems.\n\n"
    "Belgium, which hosts NATO headquarters, has promised more F-16 jets.\n\n"
    "{S}"
)
CAUCASUS = (
    "Azerbaijan and Armenia initialled a peace treaty in Washington, ending decades of "
    "hostility over Nagorno-Karabakh.\n\n"
    "Armenian Prime Minister Nikol Pashinyan said the deal would reopen transit routes to "
    "Georgia and Iran. Azerbaijani troops have already withdrawn from several border posts.\n\n"
    "{S}"
)
CAUCASUS_TRUSTED = (
    "Armenian Prime Minister Nikol Pashinyan and Azerbaijan's president initialled the "
    "treaty in Washington. The Armenia-Azerbaijan war of 2020 killed more than 6,500 "
    "soldiers. Baku retook Nagorno-Karabakh in 2023, and the new treaty is meant to end "
    "the Armenia-Azerbaijan war for good."
)
EUROPE = (
    "French and German ministers met in Paris to prepare the next European Council.\n\n"
    "{S}\n\n"
    "Both governments want the European Union to spend more on air defence."
)

WAR_PAIRS = [
    # (context, faulty sentence, corrected sentence, flagged text, expected suggestion)
    (
        GAZA,
        "Two years into the Italy-Hamas war, the army says it has destroyed most tunnels.",
        "Two years into the Israel-Hamas war, the army says it has destroyed most tunnels.",
        "Italy-Hamas war",
        "Israel-Hamas war",
    ),
    (
        GAZA,
        "Two years into the Israeli-Belgian war, the army says it has destroyed most tunnels.",
        "Two years into the Israeli-Hamas war, the army says it has destroyed most tunnels.",
        "Israeli-Belgian war",
        "Israel-Hamas war",
    ),
    (
        GAZA,
        "The war between Israel and Belgium has already reshaped the region.",
        "The war between Israel and Hamas has already reshaped the region.",
        "war between Israel and Belgium",
        "Israel-Hamas war",
    ),
    (
        GAZA,
        "Two years into the Israeli-Israeli war, the army says it has destroyed most tunnels.",
        "Two years into the Israeli-Palestinian war, the army says it has destroyed most tunnels.",
        "Israeli-Israeli war",
        "Israel-Hamas war",
    ),
    (
        UKRAINE,
        "The Russo-Belgian War, which began with a full-scale invasion in February 2022, is "
        "now in its fourth year.",
        "The Russia-Ukraine war, which began with a full-scale invasion in February 2022, is "
        "now in its fourth year.",
        "Russo-Belgian War",
        "Russia-Ukraine war",
    ),
    (
        UKRAINE,
        "India and China also held Sino-Chinese border talks in Beijing on Monday.",
        "India and China also held Sino-Indian border talks in Beijing on Monday.",
        "Sino-Chinese border talks",
        "China-India border talks",
    ),
    (
        EUROPE,
        "Both described the Franco-French alliance as the engine of Europe.",
        "Both described the Franco-German alliance as the engine of Europe.",
        "Franco-French alliance",
        "France-Germany alliance",
    ),
]


@pytest.mark.parametrize(("template", "faulty", "fixed", "flagged", "suggestion"), WAR_PAIRS)
def test_war_parties_minimal_pairs(template, faulty, fixed, flagged, suggestion):
    found = findings(WAR, template.replace("{S}", faulty))
    assert [f.text for f in found] == [flagged]
    assert found[0].severity == "major"
    assert found[0].suggestion == suggestion
    assert findings(WAR, template.replace("{S}", fixed)) == []


def test_absent_party_message_names_what_the_document_mentions():
    (found,) = findings(WAR, GAZA.replace("{S}", "Two years into the Italy-Hamas war, it goes on."))
    assert "Italy is mentioned nowhere else" in found.message
    assert "Israel (" in found.message and "Hamas (" in found.message


def test_trusted_press_names_the_war():
    faulty = CAUCASUS.replace("{S}", "Thousands died in the Armenia-Georgia war.")
    (found,) = findings(WAR, faulty, (CAUCASUS_TRUSTED,))
    assert found.text == "Armenia-Georgia war"
    assert found.suggestion == "Armenia-Azerbaijan war"
    assert "the trusted press calls the war of Armenia 'Armenia-Azerbaijan war'" in found.message
    fixed = CAUCASUS.replace("{S}", "Thousands died in the Armenia-Azerbaijan war.")
    assert findings(WAR, fixed, (CAUCASUS_TRUSTED,)) == []
    # without the trusted press, Georgia (mentioned in the text) may be a real party
    assert findings(WAR, faulty) == []


def test_every_instance_of_a_flagged_war_name_is_reported():
    text = UKRAINE.replace(
        "{S}",
        "The Russo-Belgian War began with a full-scale invasion in February 2022.\n\n"
        "Few expected the Russo-Belgian War to last this long.",
    )
    assert [f.text for f in findings(WAR, text)] == ["Russo-Belgian War", "Russo-Belgian War"]


HISTORY = [
    "The Russo-Japanese War of 1904 ended with the Treaty of Portsmouth.",
    "The Sino-Japanese War left deep scars in both countries.",
    "Paris never forgot the Franco-Prussian War.",
    "London fought the Anglo-Boer War at great cost.",
    "The Korean War ended in an armistice, not a peace treaty.",
    "Veterans of the Iran-Iraq war still suffer from gas attacks.",
    "The Indo-Pakistani war of 1971 created Bangladesh.",
    "The Soviet-Afghan war drained Moscow for a decade.",
    "Some see echoes of the US-Mexico war in today's border politics.",
    "A US-China war over Taiwan would be catastrophic, analysts warn.",
    "The US-China trade war has hurt exporters on both sides.",
    "The Korea-US alliance and the Japan-Korea summit were also discussed.",
    "The Sino-Russian border has been quiet since the 1969 clashes.",
    "The Israel-Hezbollah war and the Red Sea crisis unsettled markets.",
    "Iran still remembers the Anglo-Soviet invasion of 1941.",
]


@pytest.mark.parametrize("sentence", HISTORY)
def test_known_and_hypothetical_wars_never_fire(sentence):
    assert findings(WAR, GAZA.replace("{S}", sentence)) == []
    assert findings(WAR, UKRAINE.replace("{S}", sentence)) == []


DONBAS = (
    "Ukrainian officials said Russian glide bombs hit apartment blocks overnight, killing "
    "four people.\n\n"
    "{S}\n\n"
    "The governor of the Donetsk region said evacuations would continue, and officials in "
    "Kharkiv asked for more air defence."
)

GEO_PAIRS = [
    # (faulty, corrected, flagged text, severity, suggestion)
    (
        "Russian forces shelled villages across the Donetsk Peninsula overnight.",
        "Russian forces shelled villages across the Donetsk region overnight.",
        "Donetsk Peninsula",
        "major",
        "Donetsk region",
    ),
    (
        "Russia moved Iskander launchers to Kaliningrad Island, its exclave on the Baltic Sea.",
        "Russia moved Iskander launchers to Kaliningrad, its exclave on the Baltic Sea.",
        "Kaliningrad Island",
        "major",  # "its exclave" in apposition: land, no island
        "Kaliningrad region",
    ),
    (
        "The leaders will meet on the Busan Peninsula next month.",
        "The leaders will meet in Busan next month, far from the Korean Peninsula's front line.",
        "Busan Peninsula",
        "minor",
        "Busan",
    ),
    (
        "Chinese destroyers sailed through the Chengdu Strait on Sunday.",
        "Chinese destroyers sailed through the Taiwan Strait on Sunday.",
        "Chengdu Strait",
        "major",  # Chengdu lies far from the sea (inland_cities.txt)
        "Chengdu",
    ),
    (
        "Officials in Chengdu Province said the earthquake killed twelve people.",
        "Officials in Sichuan Province said the earthquake killed twelve people.",
        "Chengdu Province",
        "minor",
        "Chengdu",
    ),
    (
        "A drone hit a refinery in Sochi Province, and another a depot in Belgorod Province.",
        "A drone hit a refinery in Krasnodar Krai, and another a depot in Belgorod Province.",
        "Sochi Province",
        "minor",
        "Sochi",
    ),
    (
        "Officials of Seoul Province met the mayor of Busan.",
        "Officials of Gyeonggi Province met the mayor of Busan.",
        "Seoul Province",
        "major",
        "Seoul",
    ),
    (
        "Russian ships in Kharkiv Bay were hit by sea drones.",
        "Russian ships in Sevastopol Bay were hit by sea drones.",
        "Kharkiv Bay",
        "major",
        "Kharkiv region",
    ),
]


@pytest.mark.parametrize(("faulty", "fixed", "flagged", "severity", "suggestion"), GEO_PAIRS)
def test_feature_mismatch_minimal_pairs(faulty, fixed, flagged, severity, suggestion):
    text = DONBAS.replace("{S}", faulty)
    if flagged == "Kharkiv Bay":  # a bay needs evidence that the name is an inland region
        text = text.replace("officials in Kharkiv", "officials of the Kharkiv region")
    found = findings(GEO, text)
    assert [f.text for f in found] == [flagged]
    assert found[0].severity == severity
    assert found[0].suggestion == suggestion
    assert findings(GEO, DONBAS.replace("{S}", fixed)) == []


def test_feature_message_quotes_gazetteer_and_document():
    text = DONBAS.replace("{S}", "Shelling continued across the Donetsk Peninsula.")
    (found,) = findings(GEO, text)
    assert "Donetsk is a city in Ukraine (GeoNames" in found.message
    assert "oblast of Ukraine (pycountry UA-14 Donetska oblast)" in found.message
    assert "the document also says 'Donetsk region'" in found.message


def test_feature_evidence_from_trusted_press_and_battle_names():
    text = "Drones were shot down over the Bryansk Peninsula on Friday, the ministry said."
    (found,) = findings(GEO, text, ("Fighting moved toward the Battle of Bryansk lines.",))
    assert found.severity == "major"
    assert "the trusted press also says 'Battle of Bryansk'" in found.message
    assert findings(GEO, text)[0].severity == "minor"


def test_a_bay_of_a_city_without_evidence_is_left_alone():
    assert findings(GEO, DONBAS.replace("{S}", "Russian ships in Kharkiv Bay were hit.")) == []


REAL_FEATURES = (
    "Ships crossed from Jeju Island to Sakhalin Island, past the Liaodong Peninsula, the "
    "Yellow Sea, the Korea Strait and the Taiwan Strait, then on to the Gulf of Aden, Tokyo "
    "Bay, the Strait of Hormuz, the Sea of Azov, the Kerch Strait, the Shandong Peninsula, "
    "Hainan Island, the Bay of Bengal, the Gulf of Riga, the Kamchatka Peninsula, the Kuril "
    "Islands, Hong Kong Island, the Gulf of Finland, the Sea of Okhotsk, the Crimean "
    "Peninsula, Vancouver Island, Manila Bay, the Isle of Wight, Long Island, the Korean "
    "Peninsula, the Sea of Japan, the Taman Peninsula, the Kerch Peninsula, Okinawa Island, "
    "the Strait of Messina, the Istanbul Strait, Cebu Island, the Senkaku Islands, the "
    "Spratly Islands, the Bay of Naples and San Francisco Bay. The governor of Gyeonggi "
    "Province, officials from Sichuan Province and Guangdong Province, the governor of "
    "Kandahar Province and the Belgorod Province administration attended."
)


def test_real_features_never_fire():
    assert findings(GEO, REAL_FEATURES) == []


CLEAN_NEWS = """Seoul and Tokyo pledge closer coordination as tensions rise from the Taiwan Strait to the Red Sea

South Korean President Lee Jae-myung and Japanese Prime Minister Sanae Takaichi agreed on Saturday to deepen security cooperation, meeting in the southeastern port city of Busan as concern grows over North Korea's missile program and its military ties with Russia.

The two leaders, who met for nearly three hours at a hotel overlooking the Korea Strait, said in a joint statement that the Korea-Japan relationship had entered "a new chapter" and that both governments would work with Washington to keep the Korean Peninsula free of nuclear weapons. The statement also reaffirmed support for the Korea-US alliance and for the US-Japan alliance, which officials in both capitals describe as the backbone of deterrence in Northeast Asia.

North Korea fired two short-range ballistic missiles into the East Sea on Thursday, the South Korean Joint Chiefs of Staff said, the latest in a series of launches this year. Japanese officials said the missiles fell outside Japan's exclusive economic zone, west of Hokkaido. Pyongyang has also sent thousands of troops to help Russia in its war against Ukraine, according to intelligence agencies in Seoul and Kyiv, and analysts say it may be receiving missile technology in return.

The meeting comes as China steps up military activity around Taiwan. Chinese warships and coast guard vessels have held repeated drills near the Taiwan Strait and around the Penghu Islands, while Chinese and Philippine vessels have clashed near Scarborough Shoal in the South China Sea. Beijing says the waters belong to China; Manila cites a 2016 ruling by an international tribunal in The Hague. Japan has protested against Chinese ships entering waters around the Senkaku Islands in the East China Sea, which China calls the Diaoyu Islands.

Further west, shipping companies are still avoiding the Red Sea and the Gulf of Aden after a long campaign of attacks by Yemen's Houthi rebels, who said they were acting in solidarity with Palestinians during the Israel-Hamas war. Many container ships now sail around the Cape of Good Hope, adding roughly ten days to voyages between Shanghai and Rotterdam. Insurers are watching the Strait of Hormuz and the Persian Gulf closely after the brief Iran-Israel war in June, which sent oil prices sharply higher.

In Europe, Ukrainian drones have struck oil depots in Russia's Belgorod region and naval targets near Sevastopol on the Crimean Peninsula, and Kyiv says it has pushed the Russian Black Sea Fleet away from the western Black Sea. Russia has moved some of its ships to Novorossiysk and into the Sea of Azov, behind the Kerch Strait. NATO members around the Baltic Sea, from Finland to Poland, have tightened security after a series of incidents involving undersea cables in the Gulf of Finland, and Lithuania and Poland are watching Russian deployments in the Kaliningrad region.

Historians point out that the region has seen such rivalries before. The Russo-Japanese War of 1904-05, fought largely around the Liaodong Peninsula and in the Korea Strait, and the First Sino-Japanese War a decade earlier were both struggles for influence over the Korean Peninsula. The Korean War, which ended in an armistice in 1953, left the peninsula divided. More recently, the Iran-Iraq war and the Gulf War showed how quickly a regional conflict can threaten energy routes through the Persian Gulf.

Economic issues were also on the agenda. Officials discussed the US-China trade war, which has hit exporters in both countries, and plans to build hydrogen facilities on Jeju Island and in Gyeonggi Province. South Korean firms have invested heavily in battery plants in Georgia and Tennessee, and Japanese companies in factories in Guangdong Province and Sichuan Province in China.

Lee is expected to travel to Tokyo next month, and the two governments plan a trilateral summit with Washington before the end of the year, possibly on Jeju Island or in Hiroshima Prefecture.
"""  # noqa: E501


def test_clean_international_news_has_no_finding():
    assert len(CLEAN_NEWS.split()) > 600
    assert findings(WAR, CLEAN_NEWS) == []
    assert findings(GEO, CLEAN_NEWS) == []


def test_gazetteer_forms_and_places():
    g = gazetteer()
    found = [(m.entity, m.role) for m in g.mentions("the Russo-Japanese War and North Korea's")]
    assert found == [("RU", "combining"), ("JP", "adj"), ("KP", "name")]
    assert g.mentions("Franco and Russo were there") == []  # combining forms need a hyphen
    assert g.mentions("Latin American and Indo-Pacific states") == []
    assert [m.entity for m in g.mentions("Britain, the UK and the U.S.")] == ["GB", "GB", "US"]
    assert g.cities_named("Donetsk")[0].country == "UA"
    assert any(r.country == "UA" for r in g.regions_named("Donetsk"))
    assert g.regions_named("Gyeonggi") and not g.cities_named("Gyeonggi")
    assert "peninsula" in g.feature_families("Korean")
    assert "island" in g.feature_families("jeju")
    assert g.known_wars("RU", "JP") and not g.known_wars("AM", "GE")


def test_war_data_names_real_parties():
    g = gazetteer()
    for war in g.wars:
        assert war.sides[0] and war.sides[1], war.name
        for side in war.sides:
            assert all(party in g.entities for party in side), war.name


@pytest.mark.parametrize(
    "faulty,fixed,expected",
    [
        (
            "Troops left the Gaza Peninsula on Friday.",
            "Troops left the Gaza Strip on Friday.",
            "Gaza Peninsula",
        ),
        (
            "Herders on the Mongolian Peninsula moved south.",
            "Herders in Mongolia moved south.",
            "Mongolian Peninsula",
        ),
        (
            "Ships waited off the Crimean Island for days.",
            "Ships waited off the Crimean Peninsula for days.",
            "Crimean Island",
        ),
    ],
)
def test_feature_of_territories_landlocked_countries_and_known_peninsulas(faulty, fixed, expected):
    assert [f.text for f in findings("geo.feature_mismatch", faulty)] == [expected]
    assert findings("geo.feature_mismatch", fixed) == []


MANILA = (
    "Japanese Prime Minister Shigeru Ishiba flew to Manila on Monday, the first visit by a "
    "Japanese leader in two years. Tokyo and Manila have drawn closer as both face pressure "
    "at sea.\n\n{S}\n\nJapan has also given the Philippine coast guard patrol boats, and "
    "Japanese officials say more will follow. Philippine officials welcomed the aid."
)


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "The Sino-Philippine defence pact signed in Manila in July 2024 lets troops train "
            "in each other's country.",
            "The Japan-Philippines defence pact signed in Manila in July 2024 lets troops "
            "train in each other's country.",
            "Sino-Philippine defence pact",
            "Japan-Philippines defence pact",
        ),
        (
            "Under the Anglo-Philippine treaty, troops can train in each other's country.",
            "Under the Japanese-Philippine treaty, troops can train in each other's country.",
            "Anglo-Philippine treaty",
            "Japan-Philippines treaty",
        ),
    ],
)
def test_treaty_named_after_a_country_the_text_never_mentions(faulty, fixed, flagged, suggestion):
    (found,) = findings(WAR, MANILA.replace("{S}", faulty))
    assert (found.text, found.suggestion) == (flagged, suggestion)
    assert "is mentioned nowhere else" in found.message and "Japan (5)" in found.message
    assert findings(WAR, MANILA.replace("{S}", fixed)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Anglo-Irish Agreement of 1985 is sometimes cited as a model.",  # history
        "A Sino-Philippine summit is not planned.",  # indefinite
        "The US-China rivalry hangs over every such visit.",  # a passing reference
    ],
)
def test_treaty_rule_leaves_history_and_passing_references(sentence):
    assert findings(WAR, MANILA.replace("{S}", sentence)) == []


def test_treaty_rule_trusts_the_trusted_press():
    faulty = MANILA.replace("{S}", "Under the Anglo-Philippine treaty, troops train together.")
    press = (
        "Shigeru Ishiba arrived in Manila on Monday. Britain and the Philippines signed a treaty "
        "on joint training in London last year, and Tokyo hopes for a similar deal."
    )
    assert findings(WAR, faulty, (press,)) == []


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        (
            "Chinese and Russian ships held the first Russia-Russia joint patrol.",
            "Russia-Russia joint",
        ),
        ("The Japan-Japan Joint Committee met in Tokyo.", "Japan-Japan Joint"),
    ],
)
def test_one_country_twice_is_wrong_whatever_follows(sentence, flagged):
    (found,) = findings(WAR, MANILA.replace("{S}", sentence))
    assert found.text == flagged and "on both sides" in found.message


def test_war_dated_to_another_war_of_one_party():
    text = GAZA.replace(
        "{S}", "Korean builders stayed in Baghdad even during the Iraq-Kuwait war of 1980-88."
    )
    (found,) = findings(WAR, text)
    assert (found.text, found.suggestion) == ("Iraq-Kuwait war", "Iran-Iraq War")
    assert "dated to 1980" in found.message
    for right in (
        "Korean builders stayed in Baghdad even during the Iran-Iraq war of 1980-88.",
        "Korean builders left Kuwait during the Iraq-Kuwait war of 1990.",
        # a year that belongs to another war name of the sentence
        "The Russo-Japanese War of 1904-05 and the Sino-Japanese War were both fought there.",
    ):
        assert findings(WAR, GAZA.replace("{S}", right)) == []


def test_bidding_war_named_after_a_country_the_text_never_mentions():
    text = MANILA.replace(
        "{S}", "The Japan-Germany bidding war for the Philippine rail contract is over."
    )
    (found,) = findings(WAR, text)
    assert found.text == "Japan-Germany bidding war" and found.suggestion is None
    assert "Germany is mentioned nowhere else" in found.message
    fixed = MANILA.replace(
        "{S}", "The Japan-Philippines bidding war for the rail contract is over."
    )
    assert findings(WAR, fixed) == []


def test_trusted_press_on_other_events_is_not_evidence():
    # press about something else that happens to mention the country does not vouch for it
    faulty = MANILA.replace("{S}", "Under the Anglo-Philippine treaty, troops train together.")
    unrelated = "Britain's economy grew 0.2 percent in the third quarter, official data showed."
    assert [f.text for f in findings(WAR, faulty, (unrelated,))] == ["Anglo-Philippine treaty"]


@pytest.mark.parametrize(
    ("sentence", "flagged", "suggestion"),
    [
        (  # Belarus backs Russia in the current war: the name keeps the main parties
            "Since the Belarus-Ukraine war began in February 2022, Warsaw has rearmed.",
            "Belarus-Ukraine war",
            "Russia-Ukraine war",
        ),
        (  # Turkey backed Azerbaijan in 2020
            "In the Armenia-Turkey war of 2020, Azerbaijan retook most of Karabakh.",
            "Armenia-Turkey war",
            "Second Nagorno-Karabakh War",
        ),
    ],
)
def test_war_named_after_a_country_that_only_backed_a_side(sentence, flagged, suggestion):
    (found,) = findings(WAR, GAZA.replace("{S}", sentence))
    assert (found.text, found.suggestion) == (flagged, suggestion)
    assert "backed a side" in found.message


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the Russia-Ukraine war began in February 2022, Warsaw has rearmed.",
        "In the Armenia-Azerbaijan war of 2020, Azerbaijan retook most of Karabakh.",
        "The Armenia-Turkey war of 1920 ended with the Treaty of Alexandropol.",  # a war of its own
        "Two years into the Israeli-Palestinian war, the army says it has destroyed most tunnels.",
    ],
)
def test_wars_named_after_their_main_parties_pass(sentence):
    assert findings(WAR, GAZA.replace("{S}", sentence)) == []


def test_war_that_began_with_an_attack_by_a_party_its_name_leaves_out():
    faulty = (
        "The Israel-Lebanon war, which broke out with the Hamas attack on southern Israel on "
        "October 7, 2023, has lasted two years."
    )
    (found,) = findings(WAR, GAZA.replace("{S}", faulty))
    assert (found.text, found.suggestion) == ("Israel-Lebanon war", "Israel-Hamas war")
    assert "began with an attack by Hamas" in found.message
    for right in (
        faulty.replace("Israel-Lebanon", "Israel-Hamas"),
        "The Russia-Ukraine war, which began with the Russian invasion in 2022, goes on.",
    ):
        assert findings(WAR, GAZA.replace("{S}", right)) == []


def test_one_korea_on_both_sides_of_an_inter_korean_word():
    context = "North Korea sent its athletes south for the first time since 2018. {S}"
    faulty = "The South-South unified women's ice hockey team lost all five games."
    (found,) = findings("entity.korean_sides", context.replace("{S}", faulty))
    assert (found.text, found.suggestion) == ("South-South", "inter-Korean")
    for right in (
        "The South-North unified women's ice hockey team lost all five games.",
        "South-South cooperation among developing countries grew.",  # another sense
    ):
        assert findings("entity.korean_sides", context.replace("{S}", right)) == []
    # without North Korea in the document nothing is read
    assert findings("entity.korean_sides", faulty) == []


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged"),
    [
        (
            "Finland lost a tenth of its land after the Sweden-Finland Winter War of 1939-1940.",
            "Finland lost a tenth of its land after the Soviet-Finnish Winter War of 1939-1940.",
            "Sweden-Finland Winter War",
        ),
        (
            "Ankara stayed out of the Turkey-Israel Six-Day War of 1967.",
            "Ankara stayed out of the Egypt-Israel Six-Day War of 1967.",
            "Turkey-Israel Six-Day War",
        ),
    ],
)
def test_known_war_named_after_a_country_on_neither_side(faulty, fixed, flagged):
    (found,) = findings(WAR, faulty)
    assert found.text == flagged and "fought on neither side" in found.message
    assert findings(WAR, fixed) == []


def test_pair_with_a_war_of_its_own_before_another_war_name_passes():
    # the Iran-Iraq War is also called the first Gulf War
    assert findings(WAR, "The Iran-Iraq Gulf War of the 1980s cost a million lives.") == []
