"""A leader or a company named with another country's adjective: "Japanese Prime Minister
Putin", "the Danish chipmaker ASML".

MT expands Korean one-syllable country abbreviations (러, 일, 중, 북…) and confuses country
names that sound alike in Korean (네덜란드 the Netherlands, 덴마크 Denmark); the result
is a leader introduced as the head of a country they do not lead, or a company given
another country. Who leads which country comes from data/leaders.toml, where companies
have their headquarters from data/companies.toml (both read by
:mod:`pipeline.lexicon.leaders`), country names and adjectives from the gazetteer.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from pipeline.checks.entities import analyse
from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.gazetteer import gazetteer
from pipeline.lexicon.leaders import companies, leaders
from pipeline.model import AlignedPair

#: titles that may stand between the country and the name ("South Korean President …")
_TITLE = re.compile(
    r"^\s*(?:(?:former|then|late|acting|incumbent|outgoing|new|current)\s+)?"
    r"(?:president|prime minister|premier|leader|chancellor|chairman|general secretary|"
    r"supreme leader|foreign minister|head of state|dictator|ruler|king|state affairs "
    r"commission chairman|vice president|president-elect|defen[cs]e minister|"
    r"defen[cs]e secretary|foreign secretary|secretary of state|crown prince|emperor|"
    r"queen|emir|sultan)\s+$",
    re.I,
)
#: "Putin, the Japanese prime minister": a title after the name
_APPOSITION = re.compile(r"^,\s+(?:the\s+)?(?:(?:former|then|late|acting|new|current)\s+)?$", re.I)
#: "Korea"/"Korean" alone names either Korea in many texts: never a conflict with the North
_AMBIGUOUS = {("Korea", "KP"), ("Korean", "KP")}


def _conflict(mention_text: str, country: str, entity: str) -> bool:
    if entity == country or (mention_text, country) in _AMBIGUOUS:
        return False
    successor = gazetteer().entities.get(entity)
    return not (successor and successor.successor == country)


@check(id="entity.leader_country", category="accuracy/mistranslation", severity="major")
def leader_country(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A leader introduced as the head of a country they do not lead.

    A country name or adjective right before a title and a leader's name ("Russian
    President Zelensky", "China's leader Kishida", "Japanese Defense Minister Shoigu"), or
    after the name in apposition ("Zelensky, the Russian president"), is compared with the
    country the leader leads or led (data/leaders.toml, about 460 heads of state and
    government and foreign and defence ministers, 2012–2026). "Korea"/"Korean" alone is
    not a conflict for North Korea's leader; an organisation or movement ("NATO leader
    Rutte", "Arab leader") is not a country and is not compared. False positives: a title
    of an office held abroad (an ambassador, an envoy) is not among the titles, so
    "Russian envoy to Ukraine" is not read as a leader's title; a leader's namesake in
    another country.
    """
    text = pair.target.text
    names = leaders().mentions(text)
    if not names:
        return
    countries = analyse(text)[0]  # the gazetteer's mentions, shared with the entity checks
    g = gazetteer()
    for person in names:
        for place in countries:
            if place.role not in ("name", "adj") or g.entities[place.entity].kind == "actor":
                continue  # "NATO leader Rutte", "Arab leader Mohammed bin Salman"
            if place.end <= person.start:
                between = text[place.end : person.start]
                possessive = place.text.endswith(("'s", "’s")) or between.startswith(("'s", "’s"))
                if place.role == "name" and not possessive:
                    continue  # "Russia Putin" is not a title; "Russia's President Putin" is
                between = between.removeprefix("'s").removeprefix("’s")
                if not _TITLE.match(between):
                    continue
            elif person.end <= place.start:
                gap = text[person.end : place.start]
                after = text[place.end : place.end + 40]
                if not _APPOSITION.match(gap) or not re.match(r"\s+\w", after):
                    continue
                title = re.match(r"\s+([\w ]+?)(?=[,.;)]|$)", after)
                if not title or not _TITLE.match(" " + title.group(1).strip() + " "):
                    continue
            else:
                continue
            if _conflict(place.text, person.country, place.entity):
                who = g.name(person.country)
                yield Hit(
                    place.start,
                    place.end,
                    f"{person.text} leads (or led) {who}, not {g.name(place.entity)}: "
                    f"{place.text!r} does not fit the name",
                    suggestion=None,
                )


#: nouns for a company, after a country and up to five lowercase words ("Dutch
#: chip-equipment maker", "Saudi private power and water company"); plural forms are left
#: out ("Korean firms Samsung and LG" may name several countries' firms in other texts, but
#: these name one)
_COMPANY_WORDS = (
    r"(?:company|firm|group|giant|maker|chipmaker|carmaker|automaker|manufacturer|"
    r"conglomerate|shipbuilder|supplier|producer|airline|carrier|bank|lender|retailer|"
    r"start-?up|operator|developer|designer|foundry|brand|corporation|multinational|utility|"
    r"platform|exporter|contractor|behemoth|powerhouse|enterprise|leader|steelmaker|miner|"
    r"refiner|drugmaker|insurer|brewer|shipyard|chaebol|telco|club|team)"
)
#: between the country word and the company's name: "company", "chip-equipment maker,"
_BEFORE_COMPANY = re.compile(rf"^(?:'s|’s)?\s+(?:[a-z][\w-]*\s+){{0,5}}?{_COMPANY_WORDS},?\s+$")
#: between the company's name and the country word after it: "ASML, the "
_COMPANY_APPOSITION = re.compile(r"^,\s+(?:the|a|an)\s+$")
#: after that country word: " semiconductor equipment maker"
_APPOSITION_NOUN = re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,3}}?{_COMPANY_WORDS}\b")


def _company_country_word(text: str, company, places):
    """The country word that gives ``company`` its nationality in ``text``, or None:
    "Dutch company ASML", "Denmark's chipmaker ASML", "ASML, the Dutch chipmaker"."""
    for place in places:
        if place.role not in ("name", "adj"):
            continue
        if place.end <= company.start:
            if _BEFORE_COMPANY.match(text[place.end : company.start]):
                return place
        elif company.end <= place.start:
            gap = text[company.end : place.start]
            if _COMPANY_APPOSITION.match(gap) and _APPOSITION_NOUN.match(text, place.end):
                return place
    return None


@check(id="entity.company_country", category="accuracy/mistranslation", severity="major")
def company_country(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A company introduced with the adjective of a country it does not belong to.

    A country name or adjective before a company noun and a company's name ("the Danish
    chipmaker ASML", "US carmaker Toyota"), or after the name in apposition ("ASML, the
    Danish chip-equipment maker"), is compared with the country of the company's
    headquarters (data/companies.toml, about 850 companies Korean columns name most). Only a
    company noun (company, firm, chipmaker, carmaker, group…) ties the two together, so
    "a Chinese Tesla factory" or "Japan's Sony fans" are not read. False positives: a
    subsidiary named after its parent ("the Chinese company Volvo Cars" is Swedish in the
    list although owned in China); a company listed under one country that others give
    another (names with two common nationalities are left out of the list).
    """
    text = pair.target.text
    found = companies().mentions(text)
    if not found:
        return
    places = analyse(text)[0]  # the gazetteer's mentions, shared with the entity checks
    g = gazetteer()
    for company in found:
        place = _company_country_word(text, company, places)
        if place is None or g.entities[place.entity].kind != "country":
            continue
        if _conflict(place.text, company.country, place.entity):
            yield Hit(
                place.start,
                place.end,
                f"{company.text} is a company of {g.name(company.country)} "
                f"(headquarters, companies.toml), not of {g.name(place.entity)}: "
                f"{place.text!r} does not fit the name",
                suggestion=_country_word(company.country, text, place),
            )


def _country_word(country: str, text: str, place) -> str:
    """What replaces the country word ``place``: the country's name for a possessive
    ("Japan's" when the span holds the "'s"), its adjective ("Japanese") otherwise."""
    if place.text.endswith(("'s", "’s")):
        return gazetteer().name(country) + place.text[-2:]
    if text.startswith(("'s", "’s"), place.end):
        return gazetteer().name(country)
    return gazetteer().adjective(country)


# -- offices a country does not have ------------------------------------------------------------

#: "Moroccan President Ghazouani", "Brazil's Prime Minister Lula": a title and a name after
#: the country word
_OFFICE_AFTER = re.compile(
    r"(?:'s|’s)?[ ](?:(?:former|then|late|acting|new|current)[ ])?"
    r"(President|Prime[ ]Minister|Premier)[ ][A-Z]"
)


@lru_cache(maxsize=1)
def _offices() -> dict[str, frozenset[str]]:
    raw = files("pipeline.lexicon").joinpath("data", "offices.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return {
        "President": frozenset(data["no_president"]),
        "Prime Minister": frozenset(data["no_prime_minister"]),
        "Premier": frozenset(data["no_prime_minister"]),
    }


@check(id="entity.office_country", category="accuracy/mistranslation", severity="major")
def office_country(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A leader given an office their country does not have ("Moroccan President X": Morocco
    is a kingdom; "Brazilian Prime Minister X": Brazil has none).

    A country name or adjective right before "President", "Prime Minister" or "Premier"
    and a name is compared with the offices the country lacks (data/offices.toml:
    monarchies without a president, presidential republics without a prime minister). The
    leader's name may be unknown to leaders.toml: the office alone gives the error away,
    usually a wrong country (Mauritania's president called Moroccan). False positives: a
    country whose system changed, named in a text about its past (such countries are left
    out of the list: Turkey, Iran).
    """
    text = pair.target.text
    if "President" not in text and "Minister" not in text and "Premier" not in text:
        return
    offices = _offices()
    g = gazetteer()
    for place in analyse(text)[0]:
        if place.role not in ("name", "adj") or place.text in ("Korea", "Korean"):
            continue
        match = _OFFICE_AFTER.match(text, place.end)
        if match is None or place.entity not in offices[match.group(1)]:
            continue
        office = match.group(1).lower()
        yield Hit(
            place.start,
            place.end,
            f"{place.text!r} {match.group(1)}: {g.name(place.entity)} has no {office} "
            "(offices.toml); the leader may belong to another country",
            suggestion=None,
        )
