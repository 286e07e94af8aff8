"""A landlocked country given a navy, a coast or ships of the sea.

Korean writes some country names almost alike (오스트리아 Austria, 오스트레일리아
Australia; 스위스 Switzerland, 스웨덴 Sweden; 슬로바키아 Slovakia, 슬로베니아 Slovenia),
and MT or a hurried translator picks the wrong one. When the country picked has no sea
coast, what the sentence says of it gives the error away: "Austria commissioned an
icebreaker", "Switzerland's navy". The landlocked countries, those that keep a navy on a
lake or river anyway, and the usual confusions are data (geo_features.toml [inland], read by
:mod:`pipeline.lexicon.gazetteer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.checks.entities import analyse
from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.gazetteer import gazetteer
from pipeline.model import AlignedPair

#: things only a country with a sea coast has (a lake or river navy is listed per country)
_SEA_NOUNS = re.compile(
    r"\b(icebreakers?|submarines?|aircraft[ ]carriers?|destroyers?|frigates?|corvettes?|"
    r"warships?|naval[ ]base|navy|coast[ ]guard|coastline|coasts?|seaports?|"
    r"exclusive[ ]economic[ ]zone|territorial[ ]waters|fishing[ ]fleet)\b",
    re.I,
)
#: what every match of _SEA_NOUNS holds (lower case): a cheap test before the pattern
_SEA_STEMS = (
    "icebreaker submarine carrier destroyer frigate corvette warship naval navy coast "
    "seaport economic zone territorial fishing fleet".split()
)
#: the sentence says the country has no coast: nothing to find
_NO_SEA = re.compile(r"\b(landlocked|land-locked|no[ ](?:sea|coast|access)|without[ ]a)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\s|$)")
#: how many words after the country the noun may come ("Austria commissioned the
#: 160-meter icebreaker")
_WINDOW_WORDS = 6


@check(id="entity.landlocked_sea", category="accuracy/mistranslation", severity="major")
def landlocked_sea(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A landlocked country given a navy, a coast, warships or an icebreaker.

    A country with no sea coast (the UN list, geo_features.toml [inland]) named, or its
    adjective used, and within the next six words of the same sentence a thing only a
    coastal country has: an icebreaker, submarine, destroyer, frigate, warship, navy, naval
    base, coast guard, coastline, seaport, exclusive economic zone or fishing fleet
    ("Austria commissioned the icebreaker Nuyina", "the Swiss navy"). Another country
    named in between ends the search, and a sentence that says the country is landlocked
    or has no coast is left alone. The usual confusion is suggested (Austria → Australia,
    Switzerland → Sweden, Slovakia → Slovenia, Niger → Nigeria, Zambia → Gambia).

    False positives: the landlocked countries that keep a navy on a lake, a river or the
    Caspian are not read (Bolivia, Paraguay, Kazakhstan, Hungary, Serbia…); history before
    a country lost its coast ("Austria-Hungary's navy" reads as Austria-Hungary, but an
    old "Austrian fleet" does not); a port, ship or company merely registered there.
    """
    text = pair.target.text
    lowered = text.lower()
    if not any(stem in lowered for stem in _SEA_STEMS):
        return
    g = gazetteer()
    mentions = [m for m in analyse(text)[0] if m.role != "capital"]
    for k, place in enumerate(mentions):
        if place.role not in ("name", "adj") or place.entity not in g.inland_countries:
            continue
        if place.entity in g.inland_navies or g.entities[place.entity].kind != "country":
            continue
        end = _SENTENCE_END.search(text, place.end)
        stop = end.start() if end else len(text)
        if k + 1 < len(mentions):
            stop = min(stop, mentions[k + 1].start)
        words = text[place.end : stop].split()[:_WINDOW_WORDS]
        window = text[place.end : place.end + len(" ".join(words)) + 1]
        noun = _SEA_NOUNS.search(window)
        if noun is None:
            continue
        start = max(text.rfind(". ", 0, place.start) + 1, 0)
        if _NO_SEA.search(text, start, stop):
            continue
        other = g.inland_confused_with.get(place.entity)
        hint = f"; did the original mean {g.name(other)}?" if other else ""
        yield Hit(
            place.start,
            place.end,
            f"{place.text!r} is given {_a(noun.group(1).lower())}, but {g.name(place.entity)} "
            f"has no sea coast (geo_features.toml [inland]){hint}",
            suggestion=_suggested_form(g, place, other) if other else None,
        )


def _a(noun: str) -> str:
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _suggested_form(g, place, other: str) -> str:
    """The confused country written the way the text wrote the landlocked one."""
    if place.role == "adj":
        return g.adjective(other)
    possessive = (
        place.text[len(g.name(place.entity)) :]
        if place.text.startswith(g.name(place.entity))
        else ""
    )
    return g.name(other) + possessive
