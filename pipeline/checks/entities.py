"""Checks on named entities: the parties of wars and alliances, and what a place really is.

Machine translation of Korean abbreviations and place words goes wrong in recognisable
ways: a one-syllable country abbreviation (러, 우, 영, 이…) is expanded to the wrong
country, so a war gets the wrong party or the same party twice; a place word (지역 "region",
반도 "peninsula", 섬 "island") is attached to the wrong name. The knowledge (countries and
their forms, known wars, cities, regions, real features) lives in the data files read by
:mod:`pipeline.lexicon.gazetteer`; the rules here only compare the text with it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.gazetteer import Gazetteer, Mention, Region, gazetteer

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


@lru_cache(maxsize=2048)
def analyse(text: str) -> tuple[tuple[Mention, ...], tuple[Compound, ...]]:
    """Country/actor mentions and party compounds of a text (cached by text)."""
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
        head = _head(g, text, chain[-1].end)
        if head:
            compounds.append(_compound(g, text, chain, chain[0].start, head))
    by_start = {m.start: m for m in parties}
    for match in _BETWEEN.finditer(text):
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
    compared with the rest of the document, the batch's trusted press and the wars of
    wars.toml. Flagged: (1) the same country on both sides, for any head noun (war,
    alliance, summit, relations…); for a war name (war, conflict, hostilities…, not a
    "trade war") that is no known war between the two: (2) one party is a country that the
    document and the trusted press mention nowhere else, while the other party is
    mentioned; (3) the trusted press, or the document elsewhere, names the war of one party
    with a different enemy; (4) the sentence dates the war to the start year of a current
    war of one party against another enemy. Every instance of a flagged name is reported.
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
    doc = _document(ctx)
    if not doc.compounds:
        return
    counts: Counter = Counter(m.entity for m in doc.mentions)
    trusted_counts: Counter = Counter()
    named: list[_Named] = []  # war names of the trusted press first, then of the document
    for trusted in ctx.trusted:
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
        verdict = _war_verdict(g, c, span, doc, counts, trusted_counts, named, war_words)
        if verdict is None:
            continue
        verdicts[c.pair] = verdict
    for c in doc.compounds:  # every instance, unless dated to a real war of the pair
        if c.pair in verdicts and _is_war(c) and _standing(g, c) != "dated":
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
    if standing in ("current", "named", "dated"):
        return None
    known = _known_text(g, a, b)
    inside = {s for other in doc.compounds if other.pair == c.pair for s in other.starts}
    mentioned = _mentioned(g, Counter(m.entity for m in doc.mentions if m.start not in inside))
    years = {int(y) for y in _YEAR.findall(c.sentence)}
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
    if years:  # a dated reference to some other war: leave it
        return None
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


def _count_outside(doc: _Document, entity: str, pair: frozenset[str]) -> int:
    """Mentions of ``entity`` in the document outside the compounds naming ``pair``."""
    inside = {s for c in doc.compounds if c.pair == pair for s in c.starts}
    return sum(1 for m in doc.mentions if m.entity == entity and m.start not in inside)


# -- geographic features ------------------------------------------------------------------

_FEATURE = re.compile(
    r"\b(Peninsulas?|Islands?|Isles?|Archipelago|Sea|Straits?|Bay|Gulf|Province|"
    r"peninsulas?|islands?|straits?|province)\b"
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
    "governor".split()
)
_WEAK_NOUNS = frozenset("city metropolitan area town mayor".split())


@dataclass(frozen=True)
class _Evidence:
    phrase: str  # as written, e.g. "Donetsk region", "Battle of Bakhmut"
    where: str  # "the document" | "the trusted press"
    strong: bool


@lru_cache(maxsize=4096)
def _evidence_patterns(name: str) -> tuple[re.Pattern, re.Pattern]:
    x = re.escape(name)
    nouns = "|".join(sorted(_STRONG_NOUNS | _WEAK_NOUNS))
    after = re.compile(rf"(?<![\w-]){x}(?:['’]s)?\s+(?i:({nouns}))\b")
    before = re.compile(
        r"\b(?i:(battles?|siege|fall|liberation|capture|recapture|city|region|oblast|"
        rf"province|town|mayor|governor)\s+(?:of|for))\s+{x}(?![\w-])"
    )
    return after, before


def _evidence(
    name: str, ctx: CheckContext, skip: tuple[int, int], province: bool
) -> _Evidence | None:
    """A phrase elsewhere calling ``name`` a region, a front or a city, and where it is; a
    strong one (region, front, battle…) is preferred. For "X Province" only city words
    count."""
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
                noun = match.group(1).lower()
                if noun in _WEAK_NOUNS:
                    weak = weak or _Evidence(match.group(), where, False)
                elif not province:
                    return _Evidence(match.group(), where, True)
    return weak


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
        parts.append(f"a city in {g.name(city.country)} (GeoNames, pop. {city.population:,})")
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
    are flagged when X is a city (GeoNames, 100,000 people or more; a smaller town only
    with the evidence below) or a region (pycountry subdivisions, geo_regions.toml) and no
    feature of that kind is known by that name
    (geo_features.toml). "X Province" is flagged when X is a city of a country whose
    provinces are covered (geo_regions.toml) and no province or region has that name, or
    when X is a metropolitan or special city. The finding is major when the document or the
    trusted press elsewhere calls X a region, oblast, city, front or battle ("the X region",
    "Battle of X"), which it quotes, and minor otherwise; a bay or gulf is only flagged with
    such evidence, since coastal cities often name one. The suggestion is the document's own
    phrase ("X region"), else "X region" / "X Province" from the subdivision type.

    False positives: a real feature named after a city and missing from geo_features.toml
    (the list has about 1,500 names, not all of the world's islands and peninsulas); a
    coastal city's strait or sea without a listed name; a name shared by a city and an
    unrelated feature elsewhere. Country names and adjectives ("Korean Peninsula", "Taiwan
    Strait") are never checked.
    """
    if ctx.document.lang == "ko":
        return
    g = gazetteer()
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        text = passage.text
        for match in _FEATURE.finditer(text):
            hit = _feature_hit(
                g, ctx, passage.start, text, match.start(), match.end(), match.group(1)
            )
            if hit:
                yield hit


def _feature_hit(g, ctx, shift, text, start, end, word) -> Hit | None:
    family = _FAMILY[word.lower()]
    candidates = _candidates(text, start, end, word)
    if not candidates:
        return None
    for phrase, _, _ in candidates:
        if g.is_country_form(phrase):
            return None
        families = g.feature_families(phrase)
        if families and (family in families or family == "water" or family == "province"):
            return None
        if family == "island" and "island" in families:
            return None
    for phrase, p_start, p_end in candidates:
        cities = g.cities_named(phrase)
        regions = g.regions_named(phrase)
        if not cities and not regions:
            continue
        span = (shift + p_start, shift + p_end)
        if family == "province":
            return _province_hit(g, ctx, phrase, span, cities, regions, text[p_start:p_end])
        big = bool(cities) and cities[0].population >= _BIG_CITY
        evidence = _evidence(phrase, ctx, span, province=False)
        if not (big or regions or (evidence and evidence.strong)):
            return None  # a small town: only when the text calls it a region or front
        if word.lower() in ("bay", "gulf") and not (evidence and evidence.strong):
            return None
        major = evidence is not None and (evidence.strong or family != "water")
        label = word.lower().rstrip("s") if word.lower() != "isles" else "isle"
        message = (
            f"{text[p_start:p_end]!r}: {phrase} is {_facts(g, phrase, cities, regions)}; "
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
    return None


def _province_hit(g, ctx, name, span, cities, regions, shown) -> Hit | None:
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
            f"a city in {g.name(country)} (GeoNames, pop. {cities[0].population:,}) "
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
