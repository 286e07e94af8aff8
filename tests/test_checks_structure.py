"""Document-shape checks: a title run into the body, a quotation given twice."""

from checking import check_text


def check_document(check_id: str, text: str, title: str | None = None):
    return check_text(check_id, text, title=title)


TITLE = "[Opinion] Rain, Rivers and the “Green New Deal” Promise"
SPLICED = (
    TITLE + "\n\n"
    "Flood damage has grown every summer since 2020, beginning with Rain, Rivers and the "
    '"Green New Deal" promise\n\n. The government pledged to rebuild levees in six provinces.\n'
)
FIXED = (
    TITLE + "\n\n"
    "Flood damage has grown every summer since 2020.\n\n"
    "The government pledged to rebuild levees in six provinces.\n"
)


def test_title_spliced_into_first_sentence_fires():
    [finding] = check_document("structure.title_spliced", SPLICED, TITLE)
    assert finding.text.lower().startswith("rain, rivers")
    assert finding.severity == "major"


def test_opening_without_the_title_does_not_fire():
    assert check_document("structure.title_spliced", FIXED, TITLE) == []


def test_short_titles_are_not_compared():
    text = "Seoul Votes\n\nSeoul votes on Wednesday in a close race.\n"
    assert check_document("structure.title_spliced", text, "Seoul Votes") == []


QUOTE = "“We will rebuild every home before the first snow falls,” the governor said."


def test_quotation_given_twice_fires_on_the_second():
    text = f"{QUOTE}\n\nResidents were doubtful.\n\n{QUOTE}\n"
    [finding] = check_document("structure.repeated_quotation", text)
    assert finding.start > len(QUOTE)


def test_different_quotations_do_not_fire():
    other = "“We will not raise taxes to pay for the levees this year,” the minister said."
    text = f"{QUOTE}\n\nResidents were doubtful.\n\n{other}\n"
    assert check_document("structure.repeated_quotation", text) == []


def test_sentence_given_twice_fires_on_the_second():
    text = (
        "The ministry will announce the new quota for mackerel next week. Fishermen worry.\n\n"
        "Officials in Busan said talks would resume. The ministry will announce the new "
        "quota for mackerel next week."
    )
    (found,) = check_text("structure.repeated_sentence", text)
    assert found.text == "The ministry will announce the new quota for mackerel next week."
    assert found.start > 60 and "at character 0" in found.message
    once = text.replace("The ministry will announce the new quota for mackerel next week. ", "", 1)
    assert check_text("structure.repeated_sentence", once) == []


def test_short_refrains_are_not_repeated_sentences():
    text = "We will not give up. The talks failed again.\n\nWe will not give up."
    assert check_text("structure.repeated_sentence", text) == []


def test_headline_without_its_subtitle_spliced_into_the_first_sentence():
    title = "[Opinion] What Remains Where Jeonse Has Disappeared: The Sighs of Monthly Renters"
    text = (
        f"{title}\n\nThe agencies are quiet [Opinion] What Remains Where Jeonse Has Disappeared. "
        "Listings have vanished.\n\nThe sighs of monthly renters grow louder every autumn.\n"
    )
    found = check_text("structure.title_spliced", text, title=title)
    assert [f.text for f in found] == ["What Remains Where Jeonse Has Disappeared"]


def test_spliced_headline_with_a_decimal_number_is_found():
    title = "[Opinion] The 2.5 Percent Rate on the Pay Slip: Who Pays for the Young?"
    text = (
        f"{title}\n\nWorkers paused at the new line [Opinion] The 2.5 Percent Rate on the Pay "
        "Slip. The rate rose this month.\n"
    )
    found = check_text("structure.title_spliced", text, title=title)
    assert [f.text for f in found] == ["The 2.5 Percent Rate on the Pay Slip"]
