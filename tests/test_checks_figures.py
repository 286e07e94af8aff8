"""Figures that contradict trusted press, and dates that do not follow from each other."""

from checking import check_text

from pipeline.model import Document

PRESS = Document(
    path="press.en.txt",
    lang="en",
    content_hash="1",
    encoding="utf-8",
    trusted=True,
    text=(
        "Typhoon Haikui leaves trail of damage across Jeju and Busan\n"
        "Typhoon Haikui killed 14 people and forced 3,200 residents from their homes in "
        "Jeju and Busan, the Ministry of the Interior and Safety said on Tuesday. It was the "
        "third typhoon to hit South Korea this year. The government set aside $120 million "
        "for recovery work in Jeju, Busan and Ulsan.\n"
    ),
)


def findings(check_id: str, text: str, trusted=(PRESS,)):
    return check_text(check_id, text, trusted)


def _press(text: str) -> Document:
    return Document(
        path="press.en.txt", lang="en", content_hash="4", encoding="utf-8", trusted=True, text=text
    )


COLUMN = (
    "When Typhoon Haikui swept over Jeju and Busan, {n} residents of Jeju, Busan and Ulsan "
    "had to leave their homes. It was the {ordinal} typhoon of the year. The Ministry of the "
    "Interior and Safety promised {money} for recovery work.\n"
)


def test_figures_matching_trusted_press_do_not_fire():
    text = COLUMN.format(n="3,200", ordinal="third", money="$120 million")
    assert findings("figure.trusted_contradiction", text) == []


def test_count_ordinal_and_amount_that_contradict_trusted_press_fire():
    text = COLUMN.format(n="32,000", ordinal="fifth", money="$12 million")
    found = findings("figure.trusted_contradiction", text)
    assert [f.text for f in found] == ["32,000 residents", "fifth", "$12 million"]
    assert "3,200 residents" in found[0].message


def test_press_about_other_events_is_not_compared():
    text = (
        "Wildfires in Uiseong and Andong forced 32,000 residents out. It was the fifth "
        "fire of the spring in North Gyeongsang Province.\n"
    )
    assert findings("figure.trusted_contradiction", text) == []


def test_next_day_that_is_not_the_next_day_fires():
    text = "The talks opened in Geneva on March 3. The next day, March 5, the delegates left.\n"
    [f] = findings("figure.date_arithmetic", text, trusted=())
    assert f.text == "March 5" and f.suggestion == "March 4"


def test_consistent_relative_dates_do_not_fire():
    text = (
        "The talks opened in Geneva on March 3. The next day, March 4, the delegates met "
        "again. Three days later, on March 7, they signed.\n"
    )
    assert findings("figure.date_arithmetic", text, trusted=()) == []


def test_trusted_press_is_analysed_once_for_all_documents(monkeypatch):
    """Cross-document checks cost the same per document however much trusted press a
    batch holds: each report's figures are computed once, not once per document."""
    from pipeline.checks import figures

    figures._DOCUMENT_FIGURES.clear()
    seen: list[str] = []
    real = figures.passage_figures

    def counting(passage):
        seen.append(passage.text)
        return real(passage)

    monkeypatch.setattr(figures, "passage_figures", counting)
    for n in ("2,100", "3,200", "4,000"):
        findings(
            "figure.trusted_contradiction",
            COLUMN.format(n=n, ordinal="third", money="$120 million"),
        )
    press_passages = [t for t in seen if "Typhoon Haikui killed 14 people" in t]
    assert len(press_passages) == 1


def test_press_figure_the_document_also_gives_is_no_evidence_against_its_other_figures():
    text = COLUMN.format(n="3,200", ordinal="third", money="$120 million") + (
        "A further $45 million of recovery work was promised for the ports of Jeju and Busan.\n"
    )
    assert findings("figure.trusted_contradiction", text) == []


def test_length_that_contradicts_trusted_press_fires():
    press = _press(
        "Typhoon Haikui leaves trail of damage across Jeju and Busan\n"
        "Typhoon Haikui washed away 12 kilometers of coastal road between Jeju and "
        "Seogwipo, the Ministry of the Interior and Safety said.\n"
    )
    text = (
        "When Typhoon Haikui swept over Jeju and Busan, it washed away {km} of the coastal "
        "road between Jeju and Seogwipo, the Ministry of the Interior and Safety said.\n"
    )
    (found,) = findings("figure.trusted_contradiction", text.format(km="21 kilometers"), (press,))
    assert found.text == "21 kilometers" and found.suggestion == "12 kilometers"
    assert findings("figure.trusted_contradiction", text.format(km="12 km"), (press,)) == []


def test_lengths_of_two_countries_borders_are_not_compared():
    press = _press(
        "Estonia and Finland buy Hanwha rocket launchers\n"
        "Estonia, which shares a border of about 300 kilometres with Russia, ordered K9 "
        "howitzers with Finland in 2018, Tallinn and Helsinki said.\n"
    )
    text = (
        "Estonia and Finland ordered K9 howitzers from Hanwha in 2018, Tallinn and Helsinki "
        "said. Helsinki says that Finland's {km} border with Russia is the border of Europe.\n"
    )
    assert (
        findings("figure.trusted_contradiction", text.format(km="1,340-kilometer"), (press,)) == []
    )
    # Estonia's own border, given wrong, is compared
    wrong = text.replace("Finland's {km}", "Estonia's {km}")
    (found,) = findings("figure.trusted_contradiction", wrong.format(km="900-kilometer"), (press,))
    assert found.text == "900-kilometer"


def test_span_of_years_that_contradicts_trusted_press_fires():
    press = _press(
        "Typhoon Haikui leaves trail of damage across Jeju, Busan and Ulsan\n"
        "Repairs to the Jeju and Busan sea walls are scheduled from 2026 to 2030, the "
        "Ministry of the Interior and Safety said.\n"
    )
    text = (
        "After Typhoon Haikui hit Jeju, Busan and Ulsan, the Ministry of the Interior and "
        "Safety said repairs to the sea walls are scheduled from 2026 to {end}.\n"
    )
    (found,) = findings("figure.trusted_contradiction", text.format(end="2032"), (press,))
    assert found.text == "2032" and found.suggestion == "2030"
    assert findings("figure.trusted_contradiction", text.format(end="2030"), (press,)) == []


def test_count_the_press_gives_stays_evidence_against_a_later_count_of_it():
    text = COLUMN.format(n="3,200", ordinal="third", money="$120 million") + (
        "By Wednesday most of the 32,000 residents of Jeju and Busan had gone home.\n"
    )
    (found,) = findings("figure.trusted_contradiction", text)
    assert found.text == "32,000 residents" and found.suggestion == "3,200 residents"


TYPHOON_PRESS = _press(
    "Typhoon Haikui leaves trail of damage across Jeju and Busan\n"
    "Typhoon Haikui made landfall on Jeju on September 4, flooding coastal villages from "
    "Seogwipo to Ulsan, the "
    "Ministry of the Interior and Safety said. Rice farms in Jeju and Busan lost about "
    "12 percent of their harvest to flooding, the ministry estimated.\n"
)


def test_share_and_date_that_contradict_trusted_press_fire():
    text = (
        "When Typhoon Haikui made landfall on Jeju on {day}, flooding coastal villages from "
        "Seogwipo to Ulsan, the Ministry of the Interior and Safety was ready. Rice farms in "
        "Jeju and Busan lost "
        "about {share} of their harvest to flooding, the ministry estimated.\n"
    )
    found = findings(
        "figure.trusted_contradiction",
        text.format(day="September 14", share="21 percent"),
        (TYPHOON_PRESS,),
    )
    assert [(f.text, f.suggestion) for f in found] == [
        ("September 14", "September 4"),
        ("21 percent", "12 percent"),
    ]
    right = text.format(day="September 4", share="12 percent")
    assert findings("figure.trusted_contradiction", right, (TYPHOON_PRESS,)) == []


def test_share_of_another_topic_is_not_compared():
    text = (
        "When Typhoon Haikui hit Jeju and Busan, the Ministry of the Interior and Safety "
        "said turnout at the local by-election was 21 percent.\n"
    )
    assert findings("figure.trusted_contradiction", text, (TYPHOON_PRESS,)) == []


def _text_figures(text):
    from pipeline.checks.figures import _sentence_figures
    from pipeline.segment import split_sentences

    return _sentence_figures(tuple((s.start, s.text) for s in split_sentences(text, "en")))


def test_scores_are_no_counts():
    found = _text_figures("He won a penalty in a 2-2 draw. LAFC drew 1-1 before 300 fans.")
    assert [(f.value, f.head) for f in found] == [(300.0, "person")]


def test_rates_and_totals_of_a_part_are_not_compared_as_totals():
    def heads(text):
        return [(f.text, f.head) for f in _text_figures(text)]

    assert heads("A 28 billion peso deal, about 14 billion pesos per ship.") == [
        ("28 billion", "peso")
    ]
    assert heads("Takaichi won 237 of the 465 votes.") == [("237", "vote")]
    # "a" before an ordinary noun is no rate
    assert heads("The storm forced 3,200 residents from a town.") == [("3,200 residents", "person")]


def test_press_on_a_neighbouring_story_gives_no_figure_evidence():
    # the column's own report shares many names with it; a report on another country's
    # deal shares a few, and its figures of "tanks" and "kilometers" are other things
    own = _press(
        "Poland signs second K2 tank deal with Hyundai Rotem\n"
        "WARSAW - Poland signed a contract with Hyundai Rotem for 180 K2 tanks, Polish "
        "Defence Minister Wladyslaw Kosiniak-Kamysz said in Warsaw, with deliveries to Bumar "
        "from 2026 and production in Gliwice and Poznan later; Donald Tusk visited Morag and "
        "Drawsko, where the Borsuk and Krab units train.\n"
    )
    neighbour = _press(
        "Estonia buys Chunmoo launchers\n"
        "TALLINN - Estonia ordered 6 Chunmoo launchers from Hanwha, and Lithuania and Poland "
        "watch the Suwalki Gap, a stretch of 65 kilometres, officials in Tallinn and Warsaw "
        "said; Hyundai Rotem and Hanwha compete for 250 tanks.\n"
    )
    text = (
        "In Warsaw, Poland signed for 180 K2 tanks with Hyundai Rotem; Wladyslaw "
        "Kosiniak-Kamysz said Bumar will assemble them in Gliwice and Poznan. The Suwalki Gap, "
        "a 50-kilometer stretch, worries Poland; Donald Tusk saw the Borsuk and Krab units in "
        "Morag and Drawsko.\n"
    )
    assert findings("figure.trusted_contradiction", text, (own, neighbour)) == []
    # the same press alone is the closest report: its figures are evidence
    found = findings("figure.trusted_contradiction", text, (neighbour,))
    assert "50-kilometer" in [f.text for f in found]
