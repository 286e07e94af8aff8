"""Numbers, amounts and percentages read from Korean and English, and compared across them."""

import pytest

from pipeline.lexicon.quantities import (
    Quantity,
    compare_quantities,
    english_quantities,
    korean_quantities,
)


def diff(ko: str, en: str):
    return compare_quantities(korean_quantities(ko), english_quantities(en))


def assert_offsets_true(text: str, found: list[Quantity]) -> None:
    for q in found:
        assert text[q.start : q.end] == q.text


def only(found: list[Quantity]) -> tuple[float, str | None, bool]:
    assert len(found) == 1, found
    return found[0].value, found[0].unit, found[0].approx


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("경기장에는 관중 1만 5천 명이 모였다.", (15000, "person", False)),
        # the last digits after 천 without a unit of their own
        ("근로자가 더 내는 돈은 월 7천500원이다.", (7500, "won", False)),
        ("기금 적립금은 1천300조 원을 넘었다.", (1.3e15, "won", False)),
        ("사업비는 5천500만 원이다.", (5.5e7, "won", False)),
        ("산불로 주민 3천여 명이 대피했다.", (3000, "person", True)),
        ("미국 공장에 2억 달러를 추가 투자한다.", (2e8, "dollar", False)),
        ("정부는 추경 1조 2천억 원을 투입한다.", (1.2e12, "won", False)),
        ("집회에는 5만여 명이 참가했다.", (50000, "person", True)),
        ("구호품 1,500톤이 도착했다.", (1500, "ton", False)),
        ("성장률은 2.5%에 그쳤다.", (2.5, "percent", False)),
        ("지지율이 30퍼센트로 떨어졌다.", (30, "percent", False)),
        ("기준금리를 0.25%포인트 인하했다.", (0.25, "percent-point", False)),
        ("두 달 뒤 협상이 재개됐다.", (2, "month-count", False)),
        ("석 달 만에 복귀했다.", (3, "month-count", False)),
        ("양국 정상은 세 번 만났다.", (3, "times", False)),
        ("공사 현장에서 열 명이 다쳤다.", (10, "person", False)),
        ("폭우가 사흘간 이어졌다.", (3, "day-count", False)),
        ("3년간 임금이 동결됐다.", (3, "year-count", False)),
        ("피해액이 3배로 늘었다.", (3, "times", False)),
        ("태풍이 시속 15km로 북상 중이다.", (15, "km", False)),
        ("수도권에 시간당 50mm의 비가 내렸다.", (50, "mm", False)),
        ("철원은 영하 12도까지 떨어졌다.", (-12, "degree", False)),
        ("약 1,500명이 부상을 입었다.", (1500, "person", True)),
        ("사망자가 1만 명 이상으로 늘었다.", (10000, "person", True)),
        ("백만 달러의 상금이 걸렸다.", (1e6, "dollar", False)),
        ("삼천 명이 서명했다.", (3000, "person", False)),
        ("유권자의 3분의 1이 투표하지 않았다.", (1 / 3, None, False)),
        ("그는 타율 3할 2푼 5리를 기록했다.", (0.325, None, False)),
        ("이번 시즌 팀 승률은 6할이다.", (60, "percent", False)),
        ("취임 100일 만에 지지율이 떨어졌다.", (100, "day-count", False)),
        ("20대 남성이 체포됐다.", (20, "decade", False)),
        ("1990년대 이후 처음이다.", (1990, "decade", False)),
        ("1억2천만 원이 사라졌다.", (1.2e8, "won", False)),
        ("금리가 2년째 동결됐다.", (2, "year-count", False)),
        ("5000년 역사를 자랑한다.", (5000, "year-count", False)),
        ("아파트값이 3주 연속 하락했다.", (3, "week-count", False)),
    ],
)
def test_korean_numbers_units_and_approximators(text, expected):
    found = korean_quantities(text)
    assert_offsets_true(text, found)
    assert only(found) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 15,000 spectators packed the stadium.", (15000, "person", True)),
        ("More than 3,000 residents were evacuated.", (3000, "person", True)),
        ("Samsung will invest $200 million in the plant.", (2e8, "dollar", False)),
        ("The budget adds ₩3 trillion for roads.", (3e12, "won", False)),
        ("The extra budget is 1.2 trillion won.", (1.2e12, "won", False)),
        ("About 1.5 million people voted early.", (1.5e6, "person", True)),
        ("Nearly 15 thousand workers walked out.", (15000, "person", True)),
        ("Talks resumed two months later.", (2, "month-count", False)),
        ("The leaders have met three times.", (3, "times", False)),
        ("A dozen houses were flooded.", (12, None, False)),
        ("Exports rose 30 percent.", (30, "percent", False)),
        ("Exports rose 30%.", (30, "percent", False)),
        ("The bank cut rates by 0.25 percentage points.", (0.25, "percent-point", False)),
        ("The bank cut rates by 25 basis points.", (0.25, "percent-point", False)),
        ("Approximately 500 tons of aid arrived.", (500, "ton", True)),
        ("The typhoon moved north at 15 km an hour.", (15, "km", False)),
        ("Temperatures fell to minus 12 degrees.", (-12, "degree", False)),
        ("It was 12 degrees below zero in Cheorwon.", (-12, "degree", False)),
        ("Seoul hit -12C on Monday.", (-12, "degree", False)),
        ("He is batting .325 this season.", (0.325, None, False)),
        ("One-third of voters stayed home.", (1 / 3, None, False)),
        ("Rain continued for three days.", (3, "day-count", False)),
        ("Damage rose 2.5 times.", (2.5, "times", False)),
        ("Up to 200 mm of rain is forecast.", (200, "mm", True)),
        ("Two hundred fifty people signed.", (250, "person", False)),
        ("A man in his 20s was arrested.", (20, "decade", False)),
        ("The fund lost $3m.", (3e6, "dollar", False)),
        ("More than 20 countries joined.", (20, "country", True)),
        ("The plan costs KRW 3 trillion.", (3e12, "won", False)),
        ("Prices fell for a third straight week.", (3, "week-count", False)),
        ("Rates were frozen for the 2nd consecutive year.", (2, "year-count", False)),
    ],
)
def test_english_numbers_units_and_approximators(text, expected):
    found = english_quantities(text)
    assert_offsets_true(text, found)
    assert only(found) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "수천 명이 거리로 나왔다.",  # vague
        "한두 달 안에 결론이 난다.",  # a range: vague
        "두세 명이 더 있었다.",
        "그는 3위를 차지했다.",  # ordinal
        "제3회 포럼이 열렸다.",
        "세 번째 회의가 열렸다.",
        "1분기에 반등했다.",
        "코로나19 이후 처음이다.",
        "5G 가입자가 늘었다.",
        "2025년 4월 28일 오후 3시 30분에 발표했다.",  # a date and a time
        "지난 25일 개막했다.",
        "2025 시즌 개막전이 열렸다.",  # a bare year
        "손흥민은 후반 23분 결승골을 넣었다.",  # match time
        "6·25 전쟁 75주년 기념식이 열렸다.",  # a named day; an anniversary (ordinal)
        "올해 1~3월 수출이 늘었다.",  # a month range
    ],
)
def test_korean_non_quantities(text):
    assert korean_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "It was the first time.",
        "The 21st century began.",
        "Twenty-first-century politics.",
        "One of them left.",  # "one" is not counted (English says "a"/"one" freely)
        "Hundreds of people gathered.",  # vague
        "Thousands fled.",
        "He wore No. 7 shirts.",
        "COVID-19 spread fast.",
        "5G users grew.",
        "The G20 met in 2025.",
        "The ministry announced it at 3 p.m. on April 28, 2025.",
        "The meeting starts at 15:30 tomorrow.",
        "Korea reached the round of 16.",
        "Under Article 3, the ban applies.",
        "The zero-sum game of net zero.",
        "Son scored in the 23rd minute.",
    ],
)
def test_english_non_quantities(text):
    assert english_quantities(text) == []


@pytest.mark.parametrize(
    ("ko", "right", "wrong"),
    [
        (  # economy
            "정부는 올해 청년 1만 5천 명을 채용하기로 했다.",
            "The government will hire 15,000 young people this year.",
            "The government will hire 1,500 young people this year.",
        ),
        (  # disaster
            "산불로 주민 3천여 명이 대피했다.",
            "More than 3,000 residents were evacuated because of the wildfire.",
            "About 300 residents were evacuated because of the wildfire.",
        ),
        (  # economy
            "삼성전자는 미국 공장에 2억 달러를 추가 투자한다.",
            "Samsung Electronics will invest an additional $200 million in its U.S. plant.",
            "Samsung Electronics will invest an additional $2 billion in its U.S. plant.",
        ),
        (  # politics
            "여야는 두 달 뒤 협상을 재개했다.",
            "The ruling and opposition parties resumed talks two months later.",
            "The ruling and opposition parties resumed talks three months later.",
        ),
        (  # economy
            "반도체 수출이 30% 증가했다.",
            "Chip exports rose 30 percent.",
            "Chip exports rose 13 percent.",
        ),
        (  # economy
            "정부는 1조 2천억 원을 긴급 투입한다.",
            "The government will inject 1.2 trillion won in emergency funds.",
            "The government will inject 12 trillion won in emergency funds.",
        ),
        (  # sports
            "손흥민은 이날 세 번이나 골대를 맞혔다.",
            "Son Heung-min hit the post three times that day.",
            "Son Heung-min hit the post four times that day.",
        ),
        (  # weather
            "철원의 아침 기온은 영하 12도까지 떨어졌다.",
            "The morning temperature in Cheorwon fell to minus 12 degrees Celsius.",
            "The morning temperature in Cheorwon fell to 12 degrees Celsius.",
        ),
        (  # economy: a percentage point is not a percent
            "한국은행은 기준금리를 0.25%포인트 인하했다.",
            "The Bank of Korea cut its base rate by 0.25 percentage points.",
            "The Bank of Korea cut its base rate by 0.25 percent.",
        ),
        (  # sports
            "그는 시즌 타율 3할 2푼 5리로 타격왕에 올랐다.",
            "He won the batting title with a .325 average.",
            "He won the batting title with a .352 average.",
        ),
        (  # politics
            "유권자의 3분의 1이 아직 마음을 정하지 못했다.",
            "One-third of voters are still undecided.",
            "Two-thirds of voters are still undecided.",
        ),
        (  # disaster
            "지진으로 건물 120채가 무너지고 약 1,500명이 다쳤다.",
            "The quake destroyed 120 buildings and injured about 1,500 people.",
            "The quake destroyed 210 buildings and injured about 1,500 people.",
        ),
        (  # economy
            "서울 아파트값이 3주 연속 하락했다.",
            "Seoul apartment prices fell for the third consecutive week.",
            "Seoul apartment prices fell for the second consecutive week.",
        ),
        (  # weather
            "폭우가 사흘간 이어지며 강수량이 300mm를 넘었다.",
            "Heavy rain lasted three days, with rainfall topping 300 mm.",
            "Heavy rain lasted two days, with rainfall topping 300 mm.",
        ),
    ],
)
def test_minimal_pairs_right_and_wrong_translation(ko, right, wrong):
    good = diff(ko, right)
    assert good.missing_in_en == [] and good.extra_in_en == [], good
    bad = diff(ko, wrong)
    assert bad.missing_in_en and bad.extra_in_en, bad


def test_approximate_values_match_within_ten_percent_only_when_both_hedge():
    ko = "집회 참가자는 약 3천 명으로 추산됐다."
    assert not diff(ko, "An estimated 3,100 people attended the rally.").missing_in_en
    assert diff(ko, "Some 3,500 people attended the rally.").missing_in_en  # over 10 %
    assert diff(ko, "Exactly 3,100 people attended the rally.").missing_in_en  # English exact
    exact = "집회 참가자는 3천 명이었다."
    assert diff(exact, "About 3,000 people attended the rally.").missing_in_en == []
    assert diff(exact, "About 3,100 people attended the rally.").missing_in_en


def test_units_must_be_compatible():
    ko = "부상자는 30명이다."
    assert diff(ko, "Thirty people were injured.").missing_in_en == []
    assert diff(ko, "Injuries rose 30 percent.").missing_in_en  # person vs percent
    assert diff("30명이 다쳤다.", "30 were injured.").missing_in_en == []  # None fits anything


def test_years_dates_and_clock_times_are_not_quantities():
    ko = "2025년 4월 28일 오후 3시 경주에서 규모 4.5의 지진이 발생했다."
    en = "A magnitude 4.5 earthquake struck Gyeongju at 3 p.m. on April 28, 2025."
    assert [q.value for q in korean_quantities(ko)] == [4.5]
    assert [q.value for q in english_quantities(en)] == [4.5]
    assert diff(ko, en).missing_in_en == diff(ko, en).extra_in_en == []
    assert english_quantities("The 2026 budget was passed in 2025.") == []
    assert korean_quantities("2026년도 예산안이 지난해 통과됐다.") == []


def test_a_lone_one_is_not_reported_either_way():
    assert diff("1명이 숨졌다.", "A worker died.").missing_in_en == []
    assert diff("한 명이 숨졌다.", "One person died.").extra_in_en == []
    assert diff("1%가 올랐다.", "It rose.").missing_in_en  # 1 percent is a real number


def test_day_counts_are_durations_not_days_of_the_month():
    assert only(korean_quantities("파업이 5일간 계속됐다.")) == (5, "day-count", False)
    assert korean_quantities("파업은 5일 끝났다.") == []  # the 5th: a date


def test_offsets_are_true_on_a_long_mixed_sentence():
    ko = "지난해 수출은 6,838억 달러로 전년보다 8.2% 늘었고, 무역수지는 약 518억 달러 흑자였다."
    en = (
        "Exports rose 8.2 percent from a year earlier to $683.8 billion last year, "
        "and the trade surplus was about $51.8 billion."
    )
    ko_found, en_found = korean_quantities(ko), english_quantities(en)
    assert_offsets_true(ko, ko_found)
    assert_offsets_true(en, en_found)
    result = compare_quantities(ko_found, en_found)
    assert result.missing_in_en == result.extra_in_en == []
    assert len(result.matched) == 3


def test_bare_large_unit_syllables_are_words_not_numbers():
    # 조건 (condition), 만약 (if), 억울 (unfair) start with 조/만/억 but hold no number
    found = korean_quantities("정부는 8개 조건을 내걸었다. 만약 억울하다면 항의하라.")
    assert [q.value for q in found] == [8]
    assert [q.value for q in korean_quantities("조건 3건")] == [3]
    assert [q.value for q in korean_quantities("1조 2천억 원")] == [1.2e12]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # letters a case-insensitive pattern reads as i or s but str.lower keeps apart
        ("ſix hundred workers", (600, "person", False)),
        ("EİGHT people", (8, "person", False)),
        ("3 mıllion dollars", (3e6, "dollar", False)),
        ("two fıfths", (0.4, None, False)),
        ("the ſecond straight year", (2, "year-count", False)),
        ("Five THOUSAND troops", (5000, "person", False)),
    ],
)
def test_english_words_are_valued_whatever_their_case(text, expected):
    assert only(english_quantities(text)) == expected


def test_numbers_in_digits_and_in_words_read_left_to_right_without_overlap():
    found = english_quantities("5 million people and two million more, US$ two million")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("5 million people", 5e6, "person"),  # "million" is not read again as a word
        ("two million", 2e6, None),
        ("US$ two million", 2e6, "dollar"),  # a currency before a number in words
    ]
    mixed = english_quantities("twenty 5 times, then one hundred and five")
    assert [(q.text, q.value) for q in mixed] == [
        ("twenty", 20),
        ("5 times", 5),
        ("one hundred and five", 105),
    ]


def test_number_words_inside_other_words_are_not_numbers():
    # "one" in "someone", "ten" in "often": the words are only read where they stand alone
    assert english_quantities("Someone often mentioned the tone.") == []
    assert [q.value for q in english_quantities("Someone said ten.")] == [10]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("오후 3시 30분 약 200명이 모였다.", [(200, "person", True)]),
        ("후반 23분 3골을 넣었다.", [(3, None, False)]),
        ("3·1절에 5만 명이 모였다.", [(5e4, "person", False)]),
        ("타율 3할 2푼 5리, 4분의 1", [(0.325, None, False), (0.25, None, False)]),
        ("열흘 동안 스무 명이 일했다.", [(10, "day-count", False), (20, "person", False)]),
    ],
)
def test_korean_numbers_next_to_times_and_native_numerals(text, expected):
    found = korean_quantities(text)
    assert_offsets_true(text, found)
    assert [(q.value, q.unit, q.approx) for q in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words read just before a number: hedges, signs and labels, in any case
        ("ABOUT 300 people", (300, "person", True)),
        ("ſome 300 people", (300, "person", True)),
        ("in excess of  $5 billion", (5e9, "dollar", True)),
        ("MINUS 5 degrees", (-5, "degree", False)),
        ("a low of (−5 degrees)", (-5, "degree", False)),
        ("영하 5도", (-5, "degree", False)),
    ],
)
def test_words_just_before_a_number(text, expected):
    found = korean_quantities(text) if "영하" in text else english_quantities(text)
    assert only(found) == expected


def test_labels_before_a_number_are_not_quantities():
    assert english_quantities("Article 3 and No. 5 and #7 and round of 16") == []
    assert english_quantities("ARTICLE 3") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sentences of professionally translated news (koen-news-park2016) once misread
        (
            "질문에 응답한 청소년들 중 약 10%가 만 14세 때 첫 성경험을 했으며",
            [(10, "percent"), (14, "age")],
        ),
        ("원유재고가 2조3100억만배럴에 달한다고 밝혔다.", [(2.31e12, "barrel")]),
        ("이날 참석한 천주교 신도의 휴대전화에", []),
        ("데이런 로블스(쿠바)가 13초04로 또 한번 우승했다.", [(13.04, "second-count")]),
        ("사용량의 1/3이상을 해외에 의존하고 있는", [(1 / 3, None)]),
        ("이번 에어쇼에서 여객기 100대를 주문했다.", [(100, None)]),
        ("피살     2005.12 버락 오바마는", []),  # a year and month
        ("코스피는 2005.12포인트로 마감했다.", [(2005.12, "point")]),
    ],
)
def test_korean_numbers_misread_before(text, expected):
    found = korean_quantities(text)
    assert_offsets_true(text, found)
    assert [(q.value, q.unit) for q in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MADRID, Spain (CNN) -Fifteen Africans died", [(15, None)]),  # a dash, not minus
        ("are the ultimate million-dollar babies", []),  # a scale word alone is vague
        ("by more than 1/3 and help shift", [(1 / 3, None)]),
        ("since 9/11, open 24/7", [(9, None), (11, None), (24, None), (7, None)]),
        ("reach the semifinals for a third successive year", [(3, "year-count")]),  # no 1/3
    ],
)
def test_english_numbers_misread_before(text, expected):
    found = english_quantities(text)
    assert_offsets_true(text, found)
    assert [(q.value, q.unit) for q in found] == expected


def conflicts(ko: str, en: str) -> list[tuple[str, list[str]]]:
    return [(e.text, [k.text for k in ks]) for e, ks in diff(ko, en).conflicts()]


@pytest.mark.parametrize(
    ("ko", "right", "wrong"),
    [
        (  # miles for km (koen-news-park2016)
            "밴쿠버에서 남서쪽으로 64km 떨어진 조지아 해협의 섬에서 발견됐다.",
            "They were found about 40 miles southwest of Vancouver.",
            "They were found about 60 miles southwest of Vancouver.",
        ),
        (  # Fahrenheit for Celsius, the unit written once for a range
            "적정한 온도: 22~25도",
            "Ideal temperature: 72 to 78 degrees.",
            "Ideal temperature: 62 to 68 degrees.",
        ),
        (
            "5574평방미터 부지의 이 대저택을 사들였다.",
            "He purchased the roughly 60,000 square-foot oceanfront home.",
            "He purchased the roughly 6,000 square-foot oceanfront home.",
        ),
        (  # speeds: mph for km/h
            "178km/h에서 209km/h의 강풍을 동반한 3급 허리케인으로 발달했다.",
            "A Category 3 has wind speeds of 111 to 130 mph.",
            "A Category 3 has wind speeds of 178 to 209 mph.",
        ),
        (
            "시리아는 2005년까지 약 30년간 레바논을 지배했다.",
            "Syria dominated Lebanon for almost three decades until 2005.",
            "Syria dominated Lebanon for almost three years until 2005.",
        ),
        (
            "산불은 엿새 동안 산림 4만 5천 헥타르를 태웠다.",
            "The fire burned 111,000 acres of forest in six days.",
            "The fire burned 45,000 acres of forest in six days.",
        ),
        (
            "화씨 77도까지 올랐다.",
            "It rose to 25 degrees Celsius.",
            "It rose to 30 degrees Celsius.",
        ),
    ],
)
def test_an_amount_converted_to_other_units_matches_and_a_wrong_one_does_not(ko, right, wrong):
    assert conflicts(ko, right) == []
    assert conflicts(ko, wrong)


def test_degrees_read_as_fahrenheit_do_not_hide_a_lost_minus():
    assert conflicts("영하 12도까지 떨어졌다.", "It fell to 12 degrees.") == [
        ("12 degrees", ["12도"])
    ]


def test_amounts_in_other_currencies_are_conversions_not_contradictions():
    ko = "100만위안(약 1억5000만원)을 상금으로 준다는 말을 듣고"
    en = "a person could win more than 1 million yuan (about US$146,000) for finding it"
    assert diff(ko, en).missing_in_en == diff(ko, en).extra_in_en == []  # the yuan agree
    ko = "강도에게 9만4000원을 주고 밖으로 도망쳤다."
    assert conflicts(ko, "The housewife handed the man about $100.") == []
    assert conflicts(ko, "The housewife handed the man 10,000 yen.") == []
    # the same number in another currency is a currency confused, not a conversion
    assert conflicts("2억 달러를 투자한다.", "It will invest 200 million won.") == [
        ("200 million won", ["2억 달러"])
    ]
    assert conflicts("2억 달러를 투자한다.", "It will invest $300 million.")  # same currency


def test_an_amount_repeated_in_brackets_goes_with_the_one_before_it():
    ko = "유가족들과 피해자들에게 280만파운드(약 56억원)를 지불하기로 했다"
    en = "it agreed to pay nearly $5.6 million (2.8 million pounds) to the families"
    found = english_quantities(en)
    assert [(q.text, q.alias) for q in found] == [
        ("$5.6 million", False),
        ("2.8 million pounds", True),
    ]
    result = diff(ko, en)
    assert result.missing_in_en == result.extra_in_en == []
    assert conflicts(ko, en.replace("2.8 million", "28 million")) == [
        ("28 million pounds", ["280만파운드"])
    ]


@pytest.mark.parametrize(
    ("ko", "en"),
    [
        # a hyphenated age is the years of what it describes: 설립 5년째 is a five-year-old firm
        (
            "설립 5년째를 맞은 에티하드 항공은 여객기 100대를 주문했다.",
            "one big order from five-year-old Etihad Airways",
        ),
        ("만 13세와 14세 청소년들은", "One in five 13 or 14-year-olds in relationships say"),
        ("10주에서 12주가 걸릴 것으로 보인다", "he will be sidelined for 10 or 12 weeks"),
        ("오바마를 13% 앞서있다", "McCain is winning white voters by 13 points"),
        ("1,2차 세계 대전의 전쟁 중에", "living through two world wars"),  # a bare 1: a rank
    ],
)
def test_news_renderings_that_agree(ko, en):
    assert conflicts(ko, en) == []


def _first_characters(items) -> tuple[set[str], bool]:
    """The characters a parsed pattern's matches can start with, and whether it can match
    the empty string (literals, character sets, groups, alternatives and repeats only)."""
    from re import _constants as c

    found: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            found.add(chr(arg))
            return found, False
        if op is c.IN:
            for kind, value in arg:
                if kind is c.LITERAL:
                    found.add(chr(value))
                elif kind is c.RANGE:
                    found.update(chr(x) for x in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                    found.update(chr(x) for x in range(0x3001) if chr(x).isspace())
                else:
                    raise AssertionError(f"unexpected set member {kind} {value}")
            return found, False
        if op is c.SUBPATTERN:
            inner, empty = _first_characters(arg[3])
            found |= inner
            if not empty:
                return found, False
        elif op is c.BRANCH:
            empty = False
            for branch in arg[1]:
                inner, branch_empty = _first_characters(branch)
                found |= inner
                empty = empty or branch_empty
            if not empty:
                return found, False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            inner, empty = _first_characters(arg[2])
            found |= inner
            if arg[0] > 0 and not empty:
                return found, False
        elif op not in (c.AT, c.ASSERT, c.ASSERT_NOT):
            raise AssertionError(f"unexpected pattern element {op}")
    return found, True


def test_unit_pretest_knows_every_first_character():
    """Every character a unit of _EN_UNITS can start with (in either case) is in
    _UNIT_FIRST, the pre-test that spares the unit pattern after most numbers."""
    from re import _parser

    from pipeline.lexicon import quantities

    units = "|".join(f"(?:{pattern})" for pattern, _ in quantities._EN_UNITS)
    first, empty = _first_characters(_parser.parse(units))
    assert not empty
    folded = {variant for ch in first for variant in (ch, ch.lower(), ch.upper())}
    folded |= {"\u212a"} if "k" in folded else set()
    folded |= {"\u017f"} if "s" in folded else set()
    folded |= {"\u0130", "\u0131"} if "i" in folded else set()
    missing = {ch for ch in folded if len(ch) == 1} - quantities._UNIT_FIRST
    assert not missing, missing
    assert quantities._unit_may_follow("5 km", 1) and quantities._unit_may_follow("5%", 1)
    assert not quantities._unit_may_follow("5 (five)", 1)
