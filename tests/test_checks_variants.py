"""Name variants: against trusted press of the batch, and inside one document."""

import pytest
from checking import check_text

from pipeline.model import Document

PRESS = Document(
    path="press.en.txt",
    lang="en",
    content_hash="1",
    encoding="utf-8",
    trusted=True,
    text=(
        "Prime Minister Han spoke at the Gwangju Memorial Hall of Democracy on Sunday.\n"
        "Troops of the 17th Mechanized Infantry Division took part in the parade.\n"
        "Officials from the Ministry of Oceans and Fisheries attended.\n"
        "Choe Son-hui met Sergey Lavrov in Moscow.\n"
    ),
)


def findings(check_id: str, text: str, trusted=(PRESS,)):
    return check_text(check_id, text, trusted)


def _press_of(text: str) -> Document:
    return Document(
        path="p.en.txt", lang="en", content_hash="3", encoding="utf-8", trusted=True, text=text
    )


def test_official_name_rendered_differently_from_trusted_press_fires():
    text = "The ceremony was held at the Gwangju Democracy Memorial Center in the rain.\n"
    [f] = findings("variant.trusted_name", text)
    assert f.text == "Gwangju Democracy Memorial Center"
    assert f.suggestion == "Gwangju Memorial Hall of Democracy"


def test_military_unit_with_the_same_number_fires():
    text = "Soldiers of the 17th Mechanised Infantry Unit marched past the stand.\n"
    [f] = findings("variant.trusted_name", text)
    assert f.suggestion == "17th Mechanized Infantry Division"


def test_same_rendering_as_trusted_press_does_not_fire():
    text = "The ceremony was held at the Gwangju Memorial Hall of Democracy in the rain.\n"
    assert findings("variant.trusted_name", text) == []


def test_british_and_american_spellings_of_one_name_are_no_variant():
    press = _press_of(
        "Estonia, Latvia and Lithuania are building bunkers under the Baltic Defence Line "
        "project, the Estonian Centre for Defence Investment said in Tallinn.\n"
    )
    same = "Estonia, Latvia and Lithuania build bunkers for the Baltic Defense Line in Tallinn.\n"
    assert findings("variant.trusted_name", same, trusted=(press,)) == []
    # words reordered is another rendering all the same, in either spelling
    other = "Estonia, Latvia and Lithuania signed with the Estonian Defense Investment Center.\n"
    [f] = findings("variant.trusted_name", other, trusted=(press,))
    assert f.text == "Estonian Defense Investment Center"


def test_different_institutions_without_shared_distinctive_words_do_not_fire():
    text = "The Ministry of Foreign Affairs and the Seoul Central District Court declined.\n"
    assert findings("variant.trusted_name", text) == []


def test_no_trusted_press_no_finding():
    text = "The ceremony was held at the Gwangju Democracy Memorial Center.\n"
    assert findings("variant.trusted_name", text, trusted=()) == []


def test_name_spelt_two_ways_in_one_document_fires_on_the_rarer_spelling():
    text = (
        "Ri Il-hwan opened the session.\n"
        "Later Ri Il-hwan spoke again, and Ri Il Hwan closed the meeting.\n"
    )
    [f] = findings("variant.spelling", text, trusted=())
    assert f.text == "Ri Il Hwan" and f.suggestion == "Ri Il-hwan"


def test_trusted_press_spelling_wins():
    text = "Choe Son Hui arrived in Moscow on Monday.\n"
    [f] = findings("variant.spelling", text)
    assert f.suggestion == "Choe Son-hui"


def test_consistent_spelling_does_not_fire():
    text = "Choe Son-hui arrived in Moscow. Choe Son-hui left on Friday.\n"
    assert findings("variant.spelling", text) == []


def test_near_spelling_of_a_rare_name_fires_on_the_misspelling():
    text = (
        "Flooding hit Gokseong county on Monday.\n"
        "Residents of Gogseong said the river rose within an hour.\n"
        "Gokseong officials opened two shelters.\n"
    )
    [f] = findings("variant.near_spelling", text, trusted=())
    assert f.text == "Gogseong" and f.suggestion == "Gokseong"


def test_romanisation_variants_of_one_korean_name_are_caught():
    press = _press_of("Kim Yo-jong issued a statement on Sunday.\n")
    [f] = findings("variant.near_spelling", "Kim Yeo-jeong warned Seoul again.\n", trusted=(press,))
    assert f.text == "Yeo-jeong" and f.suggestion == "Yo-jong"


def test_one_korean_name_romanised_two_ways_less_alike_in_letters_is_caught():
    # 천무: eo or u, u or oo; the letters are only 57 % alike, the consonants the same
    text = (
        "Estonia chose the Chunmoo rocket launcher in March.\n"
        "The first Cheonmu launchers will reach Tallinn in 2027.\n"
        "Chunmoo crews will train in Korea.\n"
    )
    [f] = findings("variant.near_spelling", text, trusted=())
    assert f.text == "Cheonmu" and f.suggestion == "Chunmoo"


def test_same_consonants_in_a_name_and_a_common_word_are_not_one_name():
    text = "Armed groups held Ramadi for a year.\nRamadi was retaken in 2015. Armed men fled.\n"
    assert findings("variant.near_spelling", text, trusted=()) == []


def test_same_following_word_links_two_spellings():
    press = _press_of("Trucks queued at the Kerem Shalom crossing.\n")
    [f] = findings(
        "variant.near_spelling", "Aid moved through the Kerem Salom crossing.\n", trusted=(press,)
    )
    assert f.text == "Salom"


def test_different_real_names_and_demonyms_are_not_variants():
    text = (
        "Austria and Australia signed a deal. Iran and Iraq met in Baghdad.\n"
        "Korea and Korean firms, Israel and Israeli troops, Gaza and Gazans.\n"
        "North Pyongan Province lies north of Pyongyang.\n"
    )
    assert findings("variant.near_spelling", text, trusted=()) == []


TITLED = (
    "Why the Quiet Sejong Cultural Center Worries Seoul\n\n"
    "The concert at the Sejong Culture Center on Friday drew fewer than 300 people. "
    "Organisers blamed the rain and the ticket prices."
)


def test_title_spelling_of_a_body_name_is_compared():
    text = TITLED.replace("Sejong Culture Center", "Sejong Cultural Center")
    title = text.split("\n", 1)[0]
    assert check_text("variant.spelling", text, title=title) == []  # one spelling
    faulty = TITLED.replace("Sejong Cultural Center", "Sejong-Cultural Centre")
    faulty = faulty.replace("Sejong Culture Center", "Sejong Cultural Centre")
    found = check_text("variant.spelling", faulty, title=faulty.split("\n", 1)[0])
    # one spelling each in the title and the body: a tie, both are shown to the reviewer
    assert sorted(f.text for f in found) == ["Sejong Cultural Centre", "Sejong-Cultural Centre"]


def test_title_case_and_capitals_are_not_other_spellings():
    text = (
        "What the Institute For Peace Studies Found\n\n"
        "The Institute for Peace Studies published its survey. A banner read INSTITUTE FOR "
        "PEACE STUDIES in red."
    )
    assert check_text("variant.spelling", text, title=text.split("\n", 1)[0]) == []


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        ("Envidia shares rose 5 percent.", "Nvidia shares rose 5 percent.", "Envidia", "Nvidia"),
        (
            "Fighters of Hezbolah fired rockets at Haifa.",
            "Fighters of Hezbollah fired rockets at Haifa.",
            "Hezbolah",
            "Hezbollah",
        ),
        (
            "Hanhwa suspended most of the work in 2022.",
            "Hanwha suspended most of the work in 2022.",
            "Hanhwa",
            "Hanwha",
        ),
        (
            "Fishing boats from Cheju were turned back.",
            "Fishing boats from Jeju were turned back.",
            "Cheju",
            "Jeju",
        ),
        (
            "Netanyahou said talks would go on.",
            "Netanyahu said talks would go on.",
            "Netanyahou",
            "Netanyahu",
        ),
    ],
)
def test_misspelt_known_name(faulty, fixed, flagged, suggestion):
    (found,) = check_text("variant.known_name", faulty)
    assert (found.text, found.suggestion) == (flagged, suggestion)
    assert check_text("variant.known_name", fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "Zelenskiy met Erdoğan in Ankara.",  # other accepted spellings of the same names
        "Typhoon Maemi hit Busan in 2003; Dimitry Boras and Jedidiah Koirala reported it.",
        "Envidia, as the Nvidia chip is nicknamed, sold out.",  # the text has the known name
        "She studied at Pusan National University.",  # an official name keeps its spelling
    ],
)
def test_real_names_and_accepted_spellings_are_not_misspellings(text):
    assert check_text("variant.known_name", text) == []


def test_two_real_places_that_look_alike_are_not_a_misspelling():
    text = (
        "Coal output rose in Shanxi and fell in Shaanxi. Northeast winds reached the "
        "Northwest by evening, and Shanxi officials blamed the weather."
    )
    assert findings("variant.near_spelling", text, trusted=()) == []


def test_name_one_word_apart_from_related_trusted_press():
    press = Document(
        path="press.en.txt",
        text=(
            "Cosco said its ship, the China-Europe Arctic Express, left Ningbo for Felixstowe "
            "by the Northern Sea Route. The voyage to Rotterdam and Gdansk takes 18 days."
        ),
        lang="en",
        content_hash="p",
        encoding="utf-8",
        trusted=True,
    )
    column = (
        "Cosco said its ship, the China-Europe Polar Express, sailed from Ningbo to "
        "Felixstowe in 18 days, then on to Rotterdam and Gdansk."
    )
    (found,) = check_text("variant.trusted_name", column, trusted=[press])
    assert (found.text, found.suggestion) == (
        "China-Europe Polar Express",
        "China-Europe Arctic Express",
    )
    same = column.replace("Polar", "Arctic")
    assert check_text("variant.trusted_name", same, trusted=[press]) == []
    # a place or a direction makes another real name: Bank of Korea is not Bank of Japan
    other = column + " The Bank of Korea and the West Sea Fleet were not mentioned."
    press_names = press.text + " The Bank of Japan and the East Sea Fleet were."
    press2 = Document(
        path="p2.en.txt",
        text=press_names,
        lang="en",
        content_hash="q",
        encoding="utf-8",
        trusted=True,
    )
    assert [f.text for f in check_text("variant.trusted_name", other, trusted=[press2])] == [
        "China-Europe Polar Express"
    ]


def test_h_dropped_by_a_transliteration_is_one_name():
    text = "Bismayah New City was half built. Work at Besmaya stopped in 2022. Bismayah waits."
    (found,) = findings("variant.near_spelling", text, trusted=())
    assert (found.text, found.suggestion) == ("Besmaya", "Bismayah")


def test_place_called_another_kind_of_subdivision_than_in_trusted_press():
    press = Document(
        path="press.en.txt",
        text=(
            "CEZ will build two reactors at Dukovany in the Vysočina Region, about 40 km "
            "from Brno, Prime Minister Petr Fiala said in Prague."
        ),
        lang="en",
        content_hash="p",
        encoding="utf-8",
        trusted=True,
    )
    column = "The Dukovany site in Vysočina Province, near Brno, was chosen by Fiala in Prague."
    (found,) = check_text("variant.trusted_name", column, trusted=[press])
    assert (found.text, found.suggestion) == ("Vysočina Province", "Vysočina Region")
    # an island and a province of one name are two places
    island = Document(
        path="p2.en.txt",
        text="Tourism in Jeju Province, Fiala said in Prague near Brno and Dukovany, grew.",
        lang="en",
        content_hash="q",
        encoding="utf-8",
        trusted=True,
    )
    other = "Flights to Jeju Island resumed, Fiala said in Prague near Brno and Dukovany."
    assert check_text("variant.trusted_name", other, trusted=[island]) == []


def test_older_name_of_a_city_is_one_city_not_two_real_places():
    # GeoNames knows "Pusan" as Busan's older name: the two are one city, so the variant
    # is still reported (a regression once the gazetteer read alternate names)
    text = "It will make Busan the hub port and will support a trial voyage from Pusan next year."
    found = check_text("variant.near_spelling", text)
    assert [(f.text, f.suggestion) for f in found] == [("Pusan", "Busan")]


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        (
            "Hyundai Rotem will build the tanks. Hyundai Lotem promised to transfer technology.",
            "Lotem",
            "Rotem",
        ),
        (
            "Hanwha won the contract. Hanwha built the homes. In 2022 Hanhwa stopped work.",
            "Hanhwa",
            "Hanwha",
        ),
        (
            "Jeannette Jara lost the runoff. Jeannette Jara conceded. Jeanette Jara left.",
            "Jeanette",
            "Jeannette",
        ),
    ],
)
def test_misspelt_names_a_letter_apart(text, flagged, suggestion):
    found = check_text("variant.near_spelling", text)
    assert [(f.text, f.suggestion) for f in found] == [(flagged, suggestion)]


def test_plural_of_a_rare_word_is_no_misspelling():
    text = "Norovirus spreads fast. Noroviruses are common in winter."
    assert check_text("variant.near_spelling", text) == []


def test_two_word_name_with_a_synonymous_head_is_the_press_name_written_another_way():
    press = Document(
        "press.en.txt",
        "Iraq pushes Development Road project with Turkey\nIraq's Development Road project "
        "will link the Grand Faw Port in Basra to the Turkish border, the Iraqi transport "
        "minister said on Monday in Baghdad.",
        "en",
        "1",
        "utf-8",
        trusted=True,
    )
    text = (
        "Iraq's transport minister said in Baghdad that the Development {head} project will "
        "link the Grand Faw Port in Basra to the Turkish border."
    )
    found = check_text("variant.trusted_name", text.format(head="Path"), trusted=[press])
    assert [(f.text, f.suggestion) for f in found] == [("Development Path", "Development Road")]
    assert check_text("variant.trusted_name", text.format(head="Road"), trusted=[press]) == []
    # another kind of head is another thing, not a variant
    bank = check_text("variant.trusted_name", text.format(head="Bank"), trusted=[press])
    assert bank == []


def test_name_that_translates_the_romanised_korean_of_the_press_name():
    press = Document(
        "press.en.txt",
        "North Korea launches satellite from Sohae\nNorth Korea launched the Malligyong-1 "
        "reconnaissance satellite on a Chollima-1 rocket from the Sohae Satellite Launching "
        "Station in Cholsan County on Tuesday, Pyongyang's state media said. Kim Jong Un "
        "watched the launch.",
        "en",
        "1",
        "utf-8",
        trusted=True,
    )
    text = (
        "On Tuesday Pyongyang launched the Malligyong-1 satellite on a Chollima-1 rocket from "
        "the {name} in Cholsan County as Kim Jong Un watched, North Korea's state media said."
    )
    faulty = text.format(name="West Sea Satellite Launch Site")
    found = check_text("variant.trusted_name", faulty, trusted=[press])
    assert [(f.text, f.suggestion) for f in found] == [
        ("West Sea Satellite Launch Site", "Sohae Satellite Launching Station")
    ]
    fixed = text.format(name="Sohae Satellite Launching Station")
    assert check_text("variant.trusted_name", fixed, trusted=[press]) == []


def test_institution_name_with_its_words_in_another_order():
    text = (
        "The Korea Land and Housing Corporation (LH) buys homes at auction. Later the Korea "
        "Housing and Land Corporation said it would buy more. Japan, China and South Korea "
        "met; South Korea and China agreed."  # a list of countries is no name
    )
    found = check_text("variant.spelling", text)
    assert [(f.text, f.suggestion) for f in found] == [
        ("Korea Housing and Land Corporation", "Korea Land and Housing Corporation")
    ]


def test_equally_frequent_spellings_flag_the_later_one():
    text = "Mayor Oh Se-hoon spoke first. Oh Se-hun later signed the order."
    found = check_text("variant.near_spelling", text)
    assert [f.text for f in found] == ["Se-hun"]


def test_a_number_opening_a_sentence_is_no_part_of_a_name_but_an_ordinal_is():
    from pipeline.lexicon.names import name_phrases

    assert [n.text for n in name_phrases("57 Hanwha Ocean workers struck.")] == ["Hanwha Ocean"]
    assert [n.text for n in name_phrases("17th Mechanized Division moved.")] == [
        "17th Mechanized Division"
    ]


def test_b_for_v_and_ordinary_words_against_rare_names():
    text = (
        "The BRP Miguel Malvar arrived. The Miguel Malvar is new. Later the Miguel Malbar sailed."
    )
    found = check_text("variant.near_spelling", text)
    assert [(f.text, f.suggestion) for f in found] == [("Malbar", "Malvar")]
    press = Document("p.en.txt", "Talks in Brno ended on Friday.", "en", "1", "utf-8", trusted=True)
    assert check_text("variant.near_spelling", "Born in 1961, she rose fast.", [press]) == []


def test_hyphenated_given_name_is_never_an_ordinary_word():
    text = "Son Heung-min scored. Son Heung-min ran. Later Son Hung-min waved to the fans."
    found = check_text("variant.near_spelling", text)
    assert [(f.text, f.suggestion) for f in found] == [("Hung-min", "Heung-min")]


def test_two_word_name_in_both_orders():
    text = "Sanae Takaichi won the vote. It shows Prime Minister Takaichi Sanae is careful."
    found = check_text("variant.spelling", text)
    assert [(f.text, f.suggestion) for f in found] == [("Takaichi Sanae", "Sanae Takaichi")]
    assert check_text("variant.spelling", "Sanae Takaichi won. Takaichi will be cautious.") == []


def test_name_with_the_acronym_of_another_press_name_fires():
    press = _press_of(
        "LA PAZ - Bolivia's state lithium company, Yacimientos de Litio Bolivianos (YLB), "
        "signed a deal with POSCO Holdings and LG Energy Solution in La Paz on Tuesday.\n"
    )
    text = (
        "In La Paz, POSCO Holdings and LG Energy Solution signed with Yacimientos Litíferos "
        "Bolivianos (YLB), Bolivia's state lithium company.\n"
    )
    [f] = findings("variant.trusted_name", text, trusted=(press,))
    assert f.text == "Yacimientos Litíferos Bolivianos"
    assert f.suggestion == "Yacimientos de Litio Bolivianos"


def test_acronym_names_with_words_only_added_or_dropped_pass():
    press = _press_of(
        "SEOUL - Korea Hydro & Nuclear Power Co. (KHNP) signed the Dukovany contract in Prague "
        "with Czech utility CEZ on Wednesday, Seoul said.\n"
    )
    text = (
        "In Prague, Korea Hydro and Nuclear Power (KHNP) signed the Dukovany contract with "
        "CEZ, Seoul said on Wednesday.\n"
    )
    assert findings("variant.trusted_name", text, trusted=(press,)) == []
