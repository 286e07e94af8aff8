"""Checks on named entities: the parties of wars and alliances.

Machine translation of Korean abbreviations and place words goes wrong in recognisable
ways: a one-syllable country abbreviation (러, 우, 영, 이…) is expanded to the wrong
country, so a war gets the wrong party or the same party twice. The knowledge (countries
and their forms, known wars) lives in the data files read by :mod:`pipeline.lexicon.gazetteer`;
the rules here only compare the text with it. Places given a wrong feature are checked in
:mod:`pipeline.checks.geography`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.checks.registry import CheckContext, Hit, check, related_trusted
from pipeline.lexicon.gazetteer import Gazetteer, Mention, War, gazetteer
from pipeline.model import AlignedPair

# -- war and alliance names ---------------------------------------------------------------

_WORD = r"[A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_AFTER = re.compile(rf"[ \t]+({_WORD})(?:[ \t]+({_WORD}))?(?:[ \t]+({_WORD}))?(?:[ \t]+({_WORD}))?")
_SEP = re.compile(r"[ ]?[-–—/][ ]?")
_BETWEEN = re.compile(r"\b(wars?|conflicts?|hostilities|fighting)\s+between\s+(?:the\s+)?", re.I)
_AND = re.compile(r"\s+and\s+(?:the\s+)?")
_DEFINITE = re.compile(r"\b[Tt]he\s+$")
_INDEFINITE = re.compile(
    r"(?:\b(?:an?|any|another)\s+|\b(?:possible|potential|future|hypothetical|wider|prevent|"
    r"avoid|risk of|fears? of|threat of|prospect of|danger of)\s+(?:an?\s+|the\s+)?)$",
    re.I,
)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_WAR_WORDS = re.compile(
    r"\b(?:wars?|invasion|invaded|troops|soldiers|front|battles?|offensive|fighting|ceasefire|"
    r"air ?strikes?|shelling|military|army|missiles?|drones?|casualties|hostages?|combat)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s")


@dataclass(frozen=True)
class Compound:
    """A name built from two or more parties: "Russo-Japanese War", "Korea-US alliance"."""

    parties: tuple[str, ...]  # entity ids, in text order
    forms: tuple[str, ...]  # how each party is written ("Russo", "Japanese")
    starts: tuple[int, ...]  # start offsets of the party mentions
    start: int
    end: int  # end of the head noun
    head: str
    tail: str  # the words after the parties, up to the head ("border war")
    kind: str  # "war" | "relation"
    nonmilitary: bool  # "trade war", "chip war"…
    definite: bool
    indefinite: bool
    sentence: str

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.parties)


def _head(g: Gazetteer, text: str, end: int) -> tuple[str, str, int, bool] | None:
    """The head noun after a compound: (head, kind, end offset, non-military)."""
    match = _AFTER.match(text, end)
    if not match:
        return None
    words = [w for w in match.groups() if w]
    found = None
    for k, word in enumerate(words):
        lower = word.lower()
        before = [w.lower() for w in words[:k]]
        if not all(w in g.neutral_modifiers or w in g.nonmilitary_modifiers for w in before):
            break
        kind = "war" if lower in g.war_heads else "relation" if lower in g.relation_heads else None
        if kind:  # a later head wins: "border talks", "border war"
            nonmilitary = any(w in g.nonmilitary_modifiers for w in before)
            found = (word, kind, match.end(k + 1), nonmilitary)
            if kind == "war":
                break
    return found


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’]*)")


def _doubled_head(text: str, chain: list[Mention]):
    """A head for a chain that names one country twice with hyphens ("Russia-Russia joint
    patrol"): such a name is wrong whatever noun follows, so the next word stands in."""
    entities = [m.entity for m in chain]
    if len(set(entities)) == len(entities):
        return None
    if any(text[a.end : b.start] not in "-–" for a, b in zip(chain, chain[1:], strict=False)):
        return None
    word = _NEXT_WORD.match(text, chain[-1].end)
    if word is None:
        return None
    return (word.group(1), "relation", word.end(1), False)


def _sentence(text: str, start: int, end: int) -> str:
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() + 1 if right else len(text)]


def _compound(g, text, mentions: list[Mention], start: int, head) -> Compound:
    word, kind, end, nonmilitary = head
    before = text[max(0, start - 40) : start]
    return Compound(
        parties=tuple(m.entity for m in mentions),
        forms=tuple(m.text for m in mentions),
        starts=tuple(m.start for m in mentions),
        start=start,
        end=end,
        head=word,
        tail=" ".join(text[mentions[-1].end : end].split()) or word,
        kind=kind,
        nonmilitary=nonmilitary,
        definite=bool(_DEFINITE.search(before)) or word[0].isupper(),
        indefinite=bool(_INDEFINITE.search(before)),
        sentence=_sentence(text, start, end),
    )


@lru_cache(maxsize=512)
def analyse(text: str) -> tuple[tuple[Mention, ...], tuple[Compound, ...]]:
    """Country/actor mentions and party compounds of a text (cached by text, for the
    checks of one document to share: a document's passages, not a whole batch)."""
    g = gazetteer()
    mentions = g.mentions(text)
    parties = [m for m in mentions if m.role != "capital"]
    compounds: list[Compound] = []
    i = 0
    while i < len(parties):
        chain = [parties[i]]
        while i + 1 < len(parties) and _SEP.fullmatch(text[parties[i].end : parties[i + 1].start]):
            chain.append(parties[i + 1])
            i += 1
        i += 1
        if len(chain) < 2 or chain[-1].role == "combining":
            continue
        head = _head(g, text, chain[-1].end) or _doubled_head(text, chain)
        if head:
            compounds.append(_compound(g, text, chain, chain[0].start, head))
    by_start = {m.start: m for m in parties}
    between = _BETWEEN.finditer(text) if "between" in text.lower() else ()
    for match in between:
        first = by_start.get(match.end())
        if not first:
            continue
        link = _AND.match(text, first.end)
        second = by_start.get(link.end()) if link else None
        if second:
            head = (match.group(1), "war", second.end, False)
            found = _compound(g, text, [first, second], match.start(), head)
            compounds.append(found)
    return tuple(mentions), tuple(compounds)


@dataclass
class _Document:
    """A document's mentions and compounds in document offsets."""

    mentions: list[Mention]
    compounds: list[Compound]
    text: str  # the reviewable passages, joined (for context words)


def _document(ctx: CheckContext) -> _Document:
    mentions: list[Mention] = []
    compounds: list[Compound] = []
    texts = []
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        found, comps = analyse(passage.text)
        shift = passage.start
        texts.append(passage.text)
        mentions += [
            Mention(m.entity, m.role, m.start + shift, m.end + shift, m.text) for m in found
        ]
        for c in comps:
            compounds.append(
                replace(
                    c,
                    starts=tuple(s + shift for s in c.starts),
                    start=c.start + shift,
                    end=c.end + shift,
                )
            )
    return _Document(mentions, compounds, "\n\n".join(texts))


def _is_war(c: Compound) -> bool:
    return c.kind == "war" and not c.nonmilitary


@dataclass(frozen=True)
class _Named:
    """A war name used by the trusted press or (a known war) by the document."""

    label: str  # the text, e.g. "Russia-Ukraine war"
    compound: Compound
    where: str  # "the trusted press" | "the document"


def _suggest_for(
    g: Gazetteer,
    party: str,
    exclude: frozenset[str],
    named: list[_Named],
    counts: Counter,
) -> str | None:
    """A war name for ``party``: one the trusted press or the document uses, else a current
    war whose other side the document mentions."""
    for n in named:
        label, c = n.label, n.compound
        if party in c.parties and not (c.pair - {party}) & exclude:
            return label
    for war in g.current_wars(party):
        if any(counts[e] for e in war.enemies_of(party)):
            return war.name
    return None


def _mentioned(g: Gazetteer, counts: Counter, limit: int = 6) -> str:
    top = [
        f"{g.name(e)} ({n})"
        for e, n in counts.most_common()
        if n and g.entities.get(e) and g.entities[e].kind in ("country", "actor", "territory")
    ]
    return ", ".join(top[:limit]) or "no country"


@lru_cache(maxsize=1)
def _named_wars() -> tuple[re.Pattern[str], dict[str, War]]:
    """The known wars whose name holds no country ("Winter War", "Gulf War"), and a pattern
    that finds such a name right after a hyphenated pair of parties."""
    g = gazetteer()
    wars = {war.name: war for war in g.wars if not g.mentions(war.name)}
    names = "|".join(re.escape(name) for name in sorted(wars, key=len, reverse=True))
    return re.compile(rf"[ ](?:the[ ])?({names})\b"), wars


def _party_of(g: Gazetteer, party: str, war: War) -> bool:
    """Whether ``party`` fought ``war``, itself or as the successor or predecessor of a side."""
    sides = war.sides[0] | war.sides[1]
    entity = g.entities.get(party)
    return (
        party in sides
        or (entity is not None and entity.successor in sides)
        or any(g.entities[s].successor == party for s in sides if s in g.entities)
    )


def _side_name(g: Gazetteer, war: War, side: int) -> str:
    """The name of a side's main party, the former state when it has one ("Soviet Union"
    rather than Russia, its successor, for the Winter War)."""
    historic = [p for p in war.sides[side] if g.entities[p].kind == "historic"]
    return g.name(historic[0] if historic else war.main[side])


def _known_war_misnamed(g: Gazetteer, ctx: CheckContext) -> Iterator[Hit]:
    """Rule (9) of entity.war_parties: a pair of parties before the name of a known war that
    names no country ("Sweden-Finland Winter War"), one of them no side of it."""
    pattern, wars = _named_wars()
    for passage in ctx.passages:
        if not passage.reviewable or " War" not in passage.text:
            continue
        found = [m for m in analyse(passage.text)[0] if m.role in ("name", "adj", "combining")]
        for first, second in zip(found, found[1:], strict=False):
            name = pattern.match(passage.text, second.end)
            if name is None or passage.text[first.end : second.start] not in ("-", "–"):
                continue
            war = wars[name.group(1)]
            strangers = [m for m in (first, second) if not _party_of(g, m.entity, war)]
            if not strangers or g.known_wars(first.entity, second.entity):
                continue  # "Iran-Iraq Gulf War": the pair's own war, loosely named
            yield Hit(
                passage.start + first.start,
                passage.start + name.end(),
                f"in the {war.name} (wars.toml: {_side_name(g, war, 0)} against "
                f"{_side_name(g, war, 1)}), {' and '.join(g.name(m.entity) for m in strangers)} "
                "fought on neither side",
                suggestion=war.name,
            )


@check(
    id="entity.war_parties",
    category="accuracy/mistranslation",
    severity="major",
    scope="document",
)
def war_parties(ctx: CheckContext) -> Iterator[Hit]:
    """A war or alliance named after the wrong countries ("Franco-French war").

    Names built from country forms ("the Russia-Ukraine war", "Sino-Indian border war",
    "Korea-US alliance", "war between Iran and Iraq") are read into their parties (names,
    adjectives, combining forms such as Russo-, Sino-, Anglo-; geo_countries.toml) and
    compared with the rest of the document, the batch's trusted press about the same events
    (sharing four rare names with it) and the wars of wars.toml. Flagged: (1) the same
    country on both sides, for any head noun (war, alliance, summit, relations…); for a war
    name (war, conflict, hostilities…, not a "trade war") that is no known war between the
    two: (2) one party is a country that the
    document and the trusted press mention nowhere else, while the other party is
    mentioned; (3) the trusted press, or the document elsewhere, names the war of one party
    with a different enemy; (4) the sentence dates the war to the start year of a current
    war of one party against another enemy; (5) a treaty, pact, summit, alliance or talks
    named after a country that the document and the trusted press mention nowhere else,
    while the other party is named twice and a third country at least three times (the
    suggestion names that country), and a bidding, trade or price war named after such a
    country; (6) a war name dated right after it ("of 1980-88") to the year another war of
    one party began, when no war of the pair covers it ("Iraq-Kuwait war of 1980-88": the
    Iran-Iraq War); (7) a war named after a country that only backed one side of the known war
    of that time, current or dated by the sentence ("Belarus-Ukraine war": the Russia-Ukraine
    war), unless the main party it stands in for is a non-state actor ("an Israel-Lebanon war"
    for Hezbollah); (8) a war whose sentence says it began with an attack by a party its
    name leaves out, when a current war of wars.toml sets that party against one of the
    named ones ("the Israel-Lebanon war, which broke out with the Hamas attack": the
    Israel-Hamas war); (9) a pair of parties before the name of a known war that names no
    country ("Sweden-Finland Winter War": the Soviet Union against Finland), one of them on
    neither side, unless the pair fought a known war of its own. A country named twice with
    a hyphen ("Russia-Russia joint patrol") is flagged whatever noun follows. Every instance
    of a flagged name is reported.
    The suggestion is the name the trusted press or the document uses, else a current war
    of the party whose enemy the document mentions, else the most mentioned pair.

    False positives: a real war missing from wars.toml when it is also absent from the rest
    of the text (for example a passing historical reference with no year); compounds naming
    allies or a joint actor ("Anglo-French forces") are only checked for a doubled party.
    Known wars are never flagged, even when the pair is wrong for this document (an
    "Israeli-Egyptian war" in a column about Gaza is a real historical pair and passes), and
    a compound preceded by "a", "any", "risk of"… (a hypothetical war) is only checked for a
    doubled party.
    """
    if ctx.document.lang == "ko":
        return
    g = gazetteer()
    yield from _known_war_misnamed(g, ctx)
    doc = _document(ctx)
    if not doc.compounds:
        return
    counts: Counter = Counter(m.entity for m in doc.mentions)
    trusted_counts: Counter = Counter()
    named: list[_Named] = []  # war names of the trusted press first, then of the document
    for trusted in related_trusted(ctx):  # press on other events says nothing here
        found, comps = analyse(trusted.text)
        trusted_counts.update(m.entity for m in found)
        for c in comps:
            if _is_war(c) and len(set(c.parties)) == len(c.parties) == 2:
                named.append(_Named(trusted.text[c.start : c.end], c, "the trusted press"))
    doc_text = ctx.document.text
    for c in doc.compounds:
        if _is_war(c) and len(c.pair) == 2 and _standing(g, c) in ("current", "named", "dated"):
            named.append(_Named(doc_text[c.start : c.end], c, "the document"))
    war_words = len(_WAR_WORDS.findall(doc.text))

    verdicts: dict[frozenset[str], tuple[str, str | None]] = {}
    hits: list[tuple[Compound, str, str | None]] = []
    backers: set[frozenset[str]] = set()  # pairs named after a side's backer: even if dated
    for c in doc.compounds:
        span = doc_text[c.start : c.end]
        if len(c.pair) < len(c.parties):
            doubled = next(p for p in c.parties if c.parties.count(p) > 1)
            forms = ", ".join(
                f"{form} = {g.name(p)}" for p, form in zip(c.parties, c.forms, strict=True)
            )
            message = (
                f"{span!r} names {g.name(doubled)} on both sides ({forms}); "
                f"the document mentions {_mentioned(g, counts)}"
            )
            suggestion = None
            if c.kind == "war":
                suggestion = _suggest_for(g, doubled, frozenset({doubled}), named, counts)
            else:  # the other country of the sentence, else of the document
                nearby = [m.entity for m in analyse(c.sentence)[0]]
                other = [
                    e
                    for e in nearby + [e for e, _ in counts.most_common()]
                    if e != doubled and g.entities[e].kind == "country"
                ]
                if other:
                    suggestion = f"{g.name(doubled)}-{g.name(other[0])} {c.tail}"
            hits.append((c, message, suggestion))
            continue
        verdict = _supporter_verdict(g, c, span) or _origin_verdict(g, c, span)
        if verdict is not None:
            verdicts[c.pair] = verdict
            backers.add(c.pair)
            continue
        verdict = _war_verdict(g, c, span, doc, counts, trusted_counts, named, war_words)
        if verdict is None:
            verdict = _relation_verdict(g, c, span, doc, trusted_counts)
        if verdict is None:
            continue
        verdicts[c.pair] = verdict
    for c in doc.compounds:  # every instance, unless dated to a real war of the pair
        if c.pair not in verdicts:
            continue
        rivalry = c.kind == "war" and c.nonmilitary
        if (
            (_is_war(c) and _standing(g, c) != "dated")
            or c.pair in backers
            or rivalry
            or c.head.lower() in _ACT_HEADS
        ):
            message, suggestion = verdicts[c.pair]
            hits.append((c, message, suggestion))
    seen = set()
    for c, message, suggestion in sorted(hits, key=lambda h: h[0].start):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        yield Hit(c.start, c.end, message, suggestion)


@lru_cache(maxsize=1)
def _named_pairs() -> frozenset[frozenset[str]]:
    """Pairs a war is known by: the pair it is named after ("Russo-Japanese War", "Iran-Iraq
    War") and its main belligerents (the first party of each side in wars.toml: the Korean
    War is South Korea-North Korea, the Iraq War United States-Iraq); a former state also
    stands for its successor ("Franco-Prussian" → France-Germany)."""
    g = gazetteer()
    found = set()
    for war in g.wars:
        pairs = [war.main]
        for c in analyse(war.name)[1]:
            if c.kind == "war" and len(c.pair) == 2 and war.opposes(*c.parties):
                pairs.append(c.parties)
        for a, b in pairs:
            for x in (a, g.entities[a].successor or a):
                for y in (b, g.entities[b].successor or b):
                    found.add(frozenset((x, y)))
    return frozenset(found)


def _standing(g: Gazetteer, c: Compound) -> str | None:
    """How a two-party war name stands against wars.toml: "current" (a war going on),
    "named" (the war is called after this pair), "dated" (the sentence gives a year of a
    war of this pair), "historic" (the pair fought only in an older, otherwise named war),
    or None (no known war)."""
    wars = g.known_wars(*c.parties)
    if not wars:
        return None
    if any(w.current for w in wars):
        return "current"
    if c.pair in _named_pairs():
        return "named"
    years = [int(y) for y in _YEAR.findall(c.sentence)]
    if any((w.start or 0) - 1 <= y <= (w.end or w.start or 0) + 1 for w in wars for y in years):
        return "dated"
    return "historic"


def _known_text(g: Gazetteer, a: str, b: str) -> str:
    wars = g.known_wars(a, b)
    if not wars:
        return f"no known war between {g.name(a)} and {g.name(b)} (wars.toml)"
    listed = ", ".join(f"{w.name} ({w.start}-{w.end})" for w in wars[:2])
    return f"{g.name(a)} and {g.name(b)} fought only in earlier wars ({listed}; wars.toml)"


def _war_verdict(g, c, span, doc, counts, trusted_counts, named, war_words):
    """Why the two-party war name ``c`` is wrong (message, suggestion), or None."""
    if not _is_war(c) or len(c.parties) != 2 or c.indefinite:
        return None
    a, b = c.parties
    kinds = [g.entities[p].kind for p in (a, b)]
    if "territory" in kinds or "historic" in kinds:
        return None
    standing = _standing(g, c)
    known = _known_text(g, a, b)
    years = {int(y) for y in _YEAR.findall(c.sentence)}
    own_years = _years_after(c.sentence, span)
    if standing == "named" and own_years:  # a known pair, dated to another war's years?
        return _dated_to_other_war(g, span, a, b, own_years)
    if standing in ("current", "named", "dated"):
        return None
    inside = {s for other in doc.compounds if other.pair == c.pair for s in other.starts}
    mentioned = _mentioned(g, Counter(m.entity for m in doc.mentions if m.start not in inside))
    # (4) the sentence dates it to a current war of one party against another enemy
    for x, y in ((a, b), (b, a)):
        for war in g.current_wars(x):
            enemies = war.enemies_of(x)
            if war.start in years and y not in enemies and g.entities[y].kind == "country":
                seen = [e for e in enemies if counts[e] or trusted_counts[e]]
                if seen:
                    return (
                        f"{span!r}: {known}; the sentence dates it to {war.start}, when the "
                        f"{war.name} began, and the document mentions "
                        f"{', '.join(g.name(e) for e in seen)}",
                        _suggest_for(g, x, frozenset({y}), named, counts) or war.name,
                    )
    if years:
        return _dated_to_other_war(g, span, a, b, own_years) if own_years else None
    # (2) one party appears nowhere else
    if war_words >= 3:
        for p, q in ((a, b), (b, a)):
            if g.entities[p].kind != "country":
                continue
            p_count = _count_outside(doc, p, c.pair) + trusted_counts[p]
            q_count = _count_outside(doc, q, c.pair) + trusted_counts[q]
            if p_count == 0 and q_count > 0:
                suggestion = _suggest_for(g, q, frozenset({p}), named, counts)
                if suggestion is None:
                    others = [
                        e
                        for e, n in counts.most_common()
                        if n and e not in (p, q) and g.entities[e].kind in ("country", "actor")
                    ]
                    if others:
                        suggestion = f"{g.name(q)}-{g.name(others[0])} war"
                return (
                    f"{span!r}: {g.name(p)} is mentioned nowhere else in the document or the "
                    f"trusted press, while the document talks about a war involving "
                    f"{g.name(q)}; {known}; the document mentions {mentioned}",
                    suggestion,
                )
    # (3) the trusted press or the document names the war of one party with another enemy
    if standing is None and "actor" not in kinds and c.definite:
        if any(n.compound.pair == c.pair for n in named):
            return None  # the trusted press names the same pair
        for n in named:
            shared = n.compound.pair & c.pair
            if len(shared) == 1 and c.head.lower() in ("war", "wars"):
                (x,) = shared
                return (
                    f"{span!r}: {known}; {n.where} calls the war of {g.name(x)} {n.label!r}",
                    n.label,
                )
    return None


def _supporter_verdict(g: Gazetteer, c: Compound, span: str) -> tuple[str, str] | None:
    """(7) A war named after a party that only backed one side: the pair fought in a known
    war (a current one, or one of the years the sentence gives) where one of them is not
    the main party of its side ("Belarus-Ukraine war": the Russia-Ukraine war), and no war
    is named after the pair or dated there."""
    if not _is_war(c) or len(c.parties) != 2 or c.indefinite or c.nonmilitary:
        return None
    a, b = c.parties
    if any(g.entities[p].kind != "country" for p in (a, b)):
        return None
    standing = _standing(g, c)
    if standing == "named":
        years = _years_after(c.sentence, span) or None
        if years is None:
            return None
    elif standing == "dated":
        years = {int(y) for y in _YEAR.findall(c.sentence)}
    elif standing == "current":
        years = None
    else:
        return None
    wars = [
        war
        for war in g.known_wars(a, b)
        if (war.current if years is None else _dated_to(war, years))
    ]
    if any({a, b} == set(war.main) for war in wars):
        return None  # a war of this time is named after the pair
    for war in wars:
        backers = [p for p in (a, b) if p not in war.main]
        if len(backers) != 1:
            continue
        (backer,) = backers
        main = war.main[0] if war.main[1] in (a, b) else war.main[1]
        if g.entities[main].kind != "country":
            continue  # "Israel-Lebanon war" for Hezbollah: named after the actor's country
        when = f"{war.start}" if war.end == war.start else f"{war.start}-{war.end or ''}"
        return (
            f"{span!r}: {g.name(backer)} backed a side of the {war.name} "
            f"({when}), whose main parties are {g.name(war.main[0])} and "
            f"{g.name(war.main[1])} (wars.toml); {g.name(main)} is meant",
            war.name,
        )
    return None


#: "…, which broke out with the Hamas attack on …": what started the war, after its name
_ORIGIN = re.compile(
    r"\b(?:broke[ ]out|began|started|erupted|was[ ](?:triggered|sparked|started))[ ]"
    r"(?:with|after|by|following|when)[ ](?:the[ ]|a[ ]|an[ ])?$"
)
_ATTACK = re.compile(
    r"^(?:'s|’s)?[ ](?:surprise[ ]|cross-border[ ]|terrorist[ ]|full-scale[ ])?"
    r"(?:attack|attacks|invasion|assault|raid|incursion|offensive|massacre)\b"
)


def _origin_verdict(g: Gazetteer, c: Compound, span: str) -> tuple[str, str] | None:
    """(8) The sentence says the war began with an attack by a party that its name leaves
    out, and a known war sets that party against one of the named ones ("the
    Israel-Lebanon war, which broke out with the Hamas attack": the Israel-Hamas war)."""
    if not _is_war(c) or len(c.parties) != 2 or c.indefinite:
        return None
    sentence = c.sentence
    offset = sentence.find(span)
    if offset < 0:
        return None
    for m in analyse(sentence)[0]:
        if m.start < offset + len(span) or m.role not in ("name", "adj"):
            continue
        if not _ORIGIN.search(sentence, max(0, m.start - 40), m.start):
            continue
        if not _ATTACK.match(sentence[m.end : m.end + 40]) or m.entity in c.parties:
            break
        for party in c.parties:
            wars = [w for w in g.known_wars(m.entity, party) if w.current]
            if wars and set(wars[0].main) == {m.entity, party}:
                return (
                    f"{span!r}: the sentence says the war began with an attack by "
                    f"{g.name(m.entity)}, which is no party of that name; the war of "
                    f"{g.name(m.entity)} and {g.name(party)} is the {wars[0].name} (wars.toml)",
                    wars[0].name,
                )
        break
    return None


def _dated_to(war, years) -> bool:
    return any((war.start or 0) - 1 <= y <= (war.end or war.start or 0) + 1 for y in years)


#: relation heads that name one act of two parties (a treaty, a summit), usually the topic
#: of the sentence rather than a passing reference like "US-China rivalry"
_ACT_HEADS = frozenset(
    "treaty treaties pact accord accords agreement summit summits talks alliance "
    "partnership declaration communique communiqué deal armistice negotiations".split()
)
#: a country named this often is what the document is about
_DOMINANT = 3


def _relation_verdict(g, c, span, doc, trusted_counts):
    """Why the treaty, summit or alliance name ``c`` is wrong (message, suggestion), or None.

    One party is a country the document and the trusted press mention nowhere else, while
    the other party is named at least twice and a third country, the likelier party, at
    least three times ("the Sino-Russian treaty" in a text about North Korea and Russia
    that never mentions China). A sentence with a year before 2000 is history: left alone.
    """
    rivalry = c.kind == "war" and c.nonmilitary  # "bidding war", "trade war"
    if (c.head.lower() not in _ACT_HEADS and not rivalry) or len(c.parties) != 2:
        return None
    if c.indefinite:
        return None
    if not c.definite or any(int(y) < 2000 for y in _YEAR.findall(c.sentence)):
        return None
    inside = {s for other in doc.compounds if other.pair == c.pair for s in other.starts}
    counts = Counter(m.entity for m in doc.mentions if m.start not in inside)
    for p, q in (c.parties, tuple(reversed(c.parties))):
        if g.entities[p].kind != "country" or trusted_counts[p]:
            continue
        if _count_outside(doc, p, c.pair) or _count_outside(doc, q, c.pair) < 2:
            continue
        others = [
            e
            for e, n in counts.most_common()
            if n >= (1 if rivalry else _DOMINANT)
            and e not in (p, q)
            and g.entities[e].kind == "country"
        ]
        if not others:
            continue
        return (
            f"{span!r}: {g.name(p)} is mentioned nowhere else in the document or the trusted "
            f"press, while the document mentions {_mentioned(g, counts)}",
            None if rivalry else f"{g.name(others[0])}-{g.name(q)} {c.tail}",
        )
    return None


#: a year right after a war name: "war of 1980-88", "war in 1950", "war (1904-05)"
_YEAR_AFTER = re.compile(r"\s*(?:of|in|from|\()\s*(1[5-9]\d\d|20\d\d)\b")


def _years_after(sentence: str, span: str) -> set[int]:
    at = sentence.find(span)
    match = _YEAR_AFTER.match(sentence, at + len(span)) if at >= 0 else None
    return {int(match.group(1))} if match else set()


def _dated_to_other_war(g, span, a, b, years):
    """A war name dated, right after it, to the start of another war of one of its parties
    ("the Iraq-Kuwait war of 1980-88": the Iran-Iraq War), when no known war of the pair
    covers that year (message, suggestion), else None."""
    own = g.known_wars(a, b)
    if any(w.start and w.start <= y <= (w.end or 9999) for w in own for y in years):
        return None
    for x, y in ((a, b), (b, a)):
        for war in g.wars:
            if war.start in years and x in war.sides[0] | war.sides[1] and not war.opposes(x, y):
                fought = ", ".join(f"{w.name} ({w.start}-{w.end})" for w in own[:2])
                pair = f"{g.name(a)} and {g.name(b)}"
                return (
                    f"{span!r} is dated to {war.start}, when the {war.name} of {g.name(x)} "
                    f"began; "
                    + (f"{pair} fought in the {fought}" if own else f"no war of {pair} is known")
                    + " (wars.toml)",
                    war.name,
                )
    return None


def _count_outside(doc: _Document, entity: str, pair: frozenset[str]) -> int:
    """Mentions of ``entity`` in the document outside the compounds naming ``pair``."""
    inside = {s for c in doc.compounds if c.pair == pair for s in c.starts}
    return sum(1 for m in doc.mentions if m.entity == entity and m.start not in inside)


# -- the two Koreas as "South" and "North" ------------------------------------------------

#: "South-South unified team": 남북 (South-North) with one side doubled, before a word of
#: inter-Korean relations
_KOREAN_SIDES = re.compile(
    r"\b(South|North)[-–](South|North)(?=[ ](?:Korean[ ])?(?:summits?|talks|relations|unified|"
    r"joint|military|dialogue|agreements?|teams?|exchanges|liaison|border|hotline|"
    r"communication|reunions?|athletes)\b)"
)


@check(id="entity.korean_sides", category="accuracy/mistranslation", severity="major")
def korean_sides(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """ "South-South" or "North-North" for the two Koreas ("the South-South unified team").

    Korean writes inter-Korean relations as 남북 (South-North) or 북남; MT that expands one
    syllable wrongly names one Korea twice. Read only before a word of inter-Korean
    relations (summit, talks, unified team, military agreement, liaison office…) in a
    document that names North Korea. The suggestion is "inter-Korean". False positives:
    "South-South cooperation" among developing countries is not read ("cooperation" is
    not among the words).
    """
    text = pair.target.text
    if "South-" not in text and "North-" not in text and "–" not in text:
        return
    if "North Korea" not in ctx.document.text and "Pyongyang" not in ctx.document.text:
        return
    for match in _KOREAN_SIDES.finditer(text):
        if match.group(1) != match.group(2):
            continue
        side = "South Korea" if match.group(1) == "South" else "North Korea"
        yield Hit(
            match.start(),
            match.end(),
            f"{match.group()!r} names {side} on both sides; the two Koreas are "
            "'South-North' (남북) or 'inter-Korean'",
            suggestion="inter-Korean",
        )
