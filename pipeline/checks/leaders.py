"""A leader named with another country's adjective: "Japanese Prime Minister Putin".

MT expands Korean one-syllable country abbreviations (러, 일, 중, 북…) and attaches titles
to the wrong name; the result is a leader introduced as the head of a country they do not
lead. Who leads which country comes from data/leaders.toml (read by
:mod:`pipeline.lexicon.leaders`), country names and adjectives from the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.gazetteer import gazetteer
from pipeline.lexicon.leaders import leaders
from pipeline.model import AlignedPair

#: titles that may stand between the country and the name ("South Korean President …")
_TITLE = re.compile(
    r"^\s*(?:(?:former|then|late|acting|incumbent|outgoing|new|current)\s+)?"
    r"(?:president|prime minister|premier|leader|chancellor|chairman|general secretary|"
    r"supreme leader|foreign minister|head of state|dictator|ruler|king|state affairs "
    r"commission chairman)\s+$",
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
    President Zelensky", "China's leader Kishida"), or after the name in apposition
    ("Zelensky, the Russian president"), is compared with the country the leader leads
    or led (data/leaders.toml, 2012–2026 office holders). "Korea"/"Korean" alone is not a
    conflict for North Korea's leader. False positives: a title of an office held abroad
    (an ambassador, an envoy) is not among the titles, so "Russian envoy to Ukraine" is
    not read as a leader's title; a leader's namesake in another country.
    """
    text = pair.target.text
    names = leaders().mentions(text)
    if not names:
        return
    countries = gazetteer().mentions(text)
    for person in names:
        for place in countries:
            if place.role not in ("name", "adj"):
                continue
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
                who = gazetteer().name(person.country)
                yield Hit(
                    place.start,
                    place.end,
                    f"{person.text} leads (or led) {who}, not {gazetteer().name(place.entity)}: "
                    f"{place.text!r} does not fit the name",
                    suggestion=None,
                )
