"""Names spelt or rendered differently: inside a document, or against trusted press."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from pipeline.checks.registry import CheckContext, Hit, check, related_trusted
from pipeline.lexicon.frequency import zipf
from pipeline.lexicon.names import (
    FUNCTION_WORDS,
    NamePhrase,
    class_groups,
    head_synonyms,
    name_class,
    name_phrases,
)
from pipeline.model import AlignedPair, Document

_THE = re.compile(r"^the ", re.I)
_VOWELS = re.compile(r"[aeiouy'\-]")
#: words rarer than this (wordfreq Zipf) are distinctive enough to identify a name
_DISTINCTIVE_ZIPF = 3.5
_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _fold(text: str) -> str:
    return text.translate(_QUOTE_FOLD).lower()


#: British spellings that name the same thing in American spelling (lower case): a name in
#: the one and trusted press in the other is no variant ("Baltic Defence Line")
_BRITISH = re.compile(
    r"\b(?:(def|off|lic|pret)ence|(cent|met|lit|theat|fib|calib|manoeuv)re"
    r"|(lab|harb|hon|fav|col|neighb|behavi|arm|rum|endeav|vap|flav|sav)our"
    r"|(program)me|(organ|modern|real|civil|privat|normal|util|stabil|mobil)isation)"
    r"(?=s?\b)"
)


def _american(folded: str) -> str:
    """``folded`` text (see ``_fold``) in American spelling: defence → defense, centre →
    center, labour → labor, programme → program, organisation → organization."""

    def spelled(m: re.Match[str]) -> str:
        stem, ending = next((g, k) for k, g in enumerate(m.groups()) if g)
        return stem + ("ense", "er", "or", "", "ization")[ending]

    return _BRITISH.sub(spelled, folded)


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    return zipf(word)


def distinctive_words(name: NamePhrase) -> frozenset[str]:
    """Words that identify the name: numbers and rare words, not class or function words."""
    classes = class_groups()
    found = set()
    for word in name.words:
        low = _fold(word).strip("'")
        if low in FUNCTION_WORDS or low in classes:
            continue
        if any(c.isdigit() for c in low) or _zipf(low) < _DISTINCTIVE_ZIPF:
            found.add(low)
    return frozenset(found)


def _reviewable_names(ctx: CheckContext) -> list[NamePhrase]:
    names = []
    for passage in ctx.passages:
        if passage.reviewable:
            for name in name_phrases(passage.text):
                names.append(
                    NamePhrase(name.text, passage.start + name.start, passage.start + name.end)
                )
    return names


def _document_names(doc: Document) -> list[NamePhrase]:
    return name_phrases(doc.text)


@check(
    id="variant.trusted_name",
    category="terminology/inconsistent use of terminology",
    severity="minor",
    scope="document",
)
def trusted_name_variant(ctx: CheckContext) -> Iterator[Hit]:
    """An official name rendered differently from the trusted press of the same batch.

    Two names are taken to be the same institution, venue, unit or document when they
    share the same distinctive words (numbers, rare words such as place names) and a head
    word of the same kind (House/Center/Hall are venues, Corps/Regiment are units…), yet
    neither contains the other ("X Cultural Center" against trusted "X House of Culture").
    Names of three words or more are also compared with the batch's trusted press about
    the same events when all their words but one are the same ("China-Europe Polar
    Express" against "China-Europe Arctic Express"), unless that word is a number, a
    direction or a place; two-word names when their heads are synonyms a translation swaps
    ("Development Path" against "Development Road", name_classes.toml [synonyms]); and a
    name that translates a romanised Korean place word of the trusted name ("West Sea
    Satellite Launch Site" against "Sohae Satellite Launching Station") and shares another
    word with it. British and American spellings are one rendering ("Defence Line" and
    "Defense Line"). A name given the same acronym in brackets as another name of the
    related press ("Yacimientos Litíferos Bolivianos (YLB)" against "Yacimientos de Litio
    Bolivianos (YLB)") is flagged unless one only adds or drops words. The trusted
    rendering is suggested. False positives: two really
    different institutions of one kind sharing a rare word and a number, or all words but
    one.
    """
    if not ctx.trusted:
        return
    trusted_text = _american(_fold(" ".join(doc.text for doc in ctx.trusted)))
    candidates: list[tuple[str, frozenset[str], NamePhrase]] = []
    for doc in ctx.trusted:
        for name in _document_names(doc):
            kind, anchors = name_class(name.words), distinctive_words(name)
            if kind and anchors:
                candidates.append((kind, anchors, name))
    related_docs = related_trusted(ctx)
    related = [name for doc in related_docs for name in _document_names(doc)]
    acronyms = {
        acronym: name
        for doc in related_docs
        for name, acronym in _with_acronyms(_document_names(doc), doc.text)
    }
    own_acronyms = dict(_with_acronyms(_reviewable_names(ctx), ctx.document.text))
    reported = set()
    for name in _reviewable_names(ctx):
        folded = _american(_fold(name.text))
        if folded in trusted_text or folded in reported:
            continue
        kind, anchors = name_class(name.words), distinctive_words(name)
        reference = next(
            (ref for k, a, ref in candidates if k == kind and _same_anchors(anchors, a)), None
        )
        if not kind or not anchors:
            reference = None
        reference = (
            reference
            or _one_word_apart(name, related, ctx.document.text)
            or _translated_korean(name, related)
            or _same_acronym(name, own_acronyms.get(name), acronyms)
        )
        theirs = None if reference is None else _american(_fold(reference.text))
        if theirs is None or theirs in folded or folded in theirs:
            continue
        reported.add(folded)
        yield Hit(
            name.start,
            name.end,
            f"{name.text!r} is called {reference.text!r} in the trusted press of this batch",
            suggestion=reference.text,
        )


#: an acronym in brackets right after a name: "Yacimientos de Litio Bolivianos (YLB)"
_ACRONYM_AFTER = re.compile(r"[ ]?\(([A-Z][A-Z&]{1,7})\)")


def _with_acronyms(names: list[NamePhrase], text: str) -> list[tuple[NamePhrase, str]]:
    """The names that an acronym in brackets follows, each with its acronym."""
    found = []
    for name in names:
        match = _ACRONYM_AFTER.match(text, name.end)
        if match:
            found.append((name, match.group(1)))
    return found


def _same_acronym(
    name: NamePhrase, acronym: str | None, trusted: dict[str, NamePhrase]
) -> NamePhrase | None:
    """The name the related trusted press gives the same acronym, when its words are not
    just more or fewer than those of ``name`` ("Korea Hydro & Nuclear Power Co." is the
    same as "Korea Hydro and Nuclear Power"): "Yacimientos Litíferos Bolivianos (YLB)"
    against the press's "Yacimientos de Litio Bolivianos (YLB)"."""
    other = trusted.get(acronym) if acronym else None
    if other is None:
        return None
    ours, theirs = (
        set(_american(_fold(n.text)).replace("&", " and ").split()) for n in (name, other)
    )
    ours -= FUNCTION_WORDS
    theirs -= FUNCTION_WORDS
    return None if ours <= theirs or theirs <= ours else other


#: kinds of subdivision: two-word names that differ only here are one place named two ways
#: (an island and a province of one name are two places: features are not listed)
_PLACE_WORDS = frozenset(
    "province region oblast krai prefecture state county district governorate municipality".split()
)
#: words whose change makes another real name, not a variant: "East Sea"/"West Sea"
_DIRECTIONS = frozenset("north south east west northern southern eastern western".split())


def _one_word_apart(name: NamePhrase, trusted: list[NamePhrase], text: str) -> NamePhrase | None:
    """A name of the related trusted press that has the same words as ``name`` but one
    ("China-Europe Polar Express" against "China-Europe Arctic Express"), when neither
    name is used by the other text. Names of three words or more, whose differing words
    may not be numbers, directions or places (Bank of Korea, Bank of Japan); or a rare
    place name with another kind of subdivision ("Vysočina Province" against "Vysočina
    Region")."""
    from pipeline.lexicon.gazetteer import gazetteer

    words = [w.lower() for w in name.words]
    if len(words) < 2:
        return None
    g = gazetteer()
    for other in trusted:
        theirs = [w.lower() for w in other.words]
        if len(theirs) != len(words) or other.text in text:
            continue
        differ = [i for i, (a, b) in enumerate(zip(words, theirs, strict=True)) if a != b]
        if len(differ) != 1:
            continue
        pair = (name.words[differ[0]], other.words[differ[0]])
        if len(words) == 2:  # "Vysočina Province" / "Vysočina Region": the place word differs
            if all(w.lower() in _PLACE_WORDS for w in pair) and _zipf(words[1 - differ[0]]) < 3.5:
                return other
            synonyms = head_synonyms()
            a, b = (w.lower() for w in pair)
            if differ[0] == 1 and a in synonyms and synonyms.get(b) == synonyms[a]:
                return other  # "Development Path" / "Development Road": one head, two words
            continue
        if any(
            w.lower() in FUNCTION_WORDS
            or w.lower() in _DIRECTIONS
            or any(c.isdigit() for c in w)
            or g.regions_named(w)
            or g.cities_named(w)
            or g.country_of_form(w)
            for w in pair
        ):
            continue
        return other
    return None


#: romanised Korean place words and what they mean, as a translation renders them
#: ("Sohae Satellite Launching Station" → "West Sea Satellite Launch Site")
_KOREAN_MEANINGS = {
    "sohae": ("west", "sea"),
    "seohae": ("west", "sea"),
    "tonghae": ("east", "sea"),
    "donghae": ("east", "sea"),
    "namhae": ("south", "sea"),
    "hwanghae": ("yellow", "sea"),
}


def _translated_korean(name: NamePhrase, trusted: list[NamePhrase]) -> NamePhrase | None:
    """A trusted name with a romanised Korean place word whose meaning ``name`` gives
    instead ("West Sea" for Sohae), sharing another distinctive word ("Satellite")."""
    words = [w.lower() for w in name.words]
    for other in trusted:
        theirs = [w.lower() for w in other.words]
        for k, word in enumerate(theirs):
            meaning = _KOREAN_MEANINGS.get(word)
            if meaning is None or word in words:
                continue
            at = next(
                (i for i in range(len(words) - 1) if tuple(words[i : i + 2]) == meaning), None
            )
            if at is None:
                continue
            rest = {w[:5] for w in theirs[:k] + theirs[k + 1 :] if w not in FUNCTION_WORDS}
            mine = {w[:5] for w in words[:at] + words[at + 2 :] if w not in FUNCTION_WORDS}
            if rest & mine:
                return other
    return None


def _same_anchors(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each distinctive word of one name has a near-identical one in the other (both ways)."""
    from rapidfuzz.fuzz import ratio

    def covered(xs, ys):
        return all(
            any(x == y or (not x[0].isdigit() and ratio(x, y) >= 85) for y in ys) for x in xs
        )

    return bool(a) and bool(b) and covered(a, b) and covered(b, a)


@check(
    id="variant.spelling",
    category="terminology/inconsistent use of terminology",
    severity="minor",
    scope="document",
)
def spelling_variant(ctx: CheckContext) -> Iterator[Hit]:
    """The same name spelt two ways ("Kim Jong-un" and "Kim Jong Un") in one document.

    Names that differ only in case, hyphens, spaces or apostrophes are one name; the
    spelling used by trusted press (or else the most frequent spelling in the document)
    is taken as right and the other spellings are flagged; when two spellings are equally
    frequent, both are. Names of the body are also looked up in a title, where every word
    is capitalised, and a title spelling that differs only in case is not a variant. An
    institution's name of three words or more with its words in another order ("Korea
    Housing and Land Corporation" beside "Korea Land and Housing Corporation") is flagged
    against the trusted press's order, else the first one used, and so is a two-word name in
    both orders ("Takaichi Sanae" beside "Sanae Takaichi"). False positives: a quotation
    that keeps a source's own spelling.
    """
    names = _reviewable_names(ctx)
    names += _names_in_titles(ctx, names)
    keys = [name.key for name in names]
    by_key: dict[str, Counter[str]] = {}
    for name, key in zip(names, keys, strict=True):
        spellings = by_key.get(key)
        if spellings is None:
            spellings = by_key[key] = Counter()
        spellings[name.text.translate(_QUOTE_FOLD)] += 1
    trusted_spelling = {}
    for doc in ctx.trusted:
        for name in _document_names(doc):
            trusted_spelling.setdefault(name.key, name.text.translate(_QUOTE_FOLD))
    for name, key in zip(names, keys, strict=True):
        spellings = by_key[key]
        if len(spellings) < 2 and key not in trusted_spelling:
            continue
        surface = name.text.translate(_QUOTE_FOLD)
        preferred = trusted_spelling.get(key)
        source = "the trusted press"
        if preferred is None:
            source = "this document"
            (preferred, most), *rest = spellings.most_common()
            if surface == preferred and rest and rest[0][1] == most:  # a tie: flag both
                preferred = rest[0][0]
        if surface == preferred or _only_case_at_start(surface, preferred):
            continue
        if surface.lower() == preferred.lower() and (surface.isupper() or preferred.isupper()):
            continue  # capitals for emphasis or a heading: the same spelling
        yield Hit(
            name.start,
            name.end,
            f"{name.text!r} is spelt {preferred!r} elsewhere in {source}",
            suggestion=preferred,
        )
    yield from _reordered(ctx)
    yield from _reversed_names(names, ctx)


#: titles before a person's name ("Prime Minister Takaichi Sanae")
_TITLES = frozenset(
    "prime minister president premier chancellor chairman chairwoman governor mayor king "
    "queen general senator secretary ambassador professor speaker leader mr mrs ms dr".split()
)


def _without_title(name: NamePhrase) -> NamePhrase | None:
    """The two-word person name of ``name`` without a title before it, or None."""
    text, start = name.text, name.start
    while " " in text and text.split(" ", 1)[0].lower().rstrip(".") in _TITLES:
        cut = text.index(" ") + 1
        text, start = text[cut:], start + cut
    if text.count(" ") != 1:
        return None
    return NamePhrase(text, start, start + len(text))


def _reversed_names(names: list[NamePhrase], ctx: CheckContext) -> Iterator[Hit]:
    """A two-word name written in both orders ("Sanae Takaichi" and "Takaichi Sanae"): the
    trusted press's order, else the first one used, is right."""
    pairs = [p for p in map(_without_title, names) if p is not None]
    texts = {n.text for n in pairs}
    trusted = {
        p.text for doc in ctx.trusted for p in map(_without_title, _document_names(doc)) if p
    }
    first: dict[frozenset[str], str] = {}
    for name in sorted(pairs, key=lambda n: n.start):
        a, b = name.text.split(" ", 1)
        swapped = f"{b} {a}"
        if swapped not in texts and swapped not in trusted:
            continue
        key = frozenset((name.text, swapped))
        right = swapped if swapped in trusted and name.text not in trusted else None
        right = right or first.setdefault(key, name.text)
        if right == name.text:
            continue
        yield Hit(
            name.start,
            name.end,
            f"{name.text!r} is {right!r} elsewhere, with the names in the other order",
            suggestion=right,
        )


#: a proper name of several capitalised words, "and", "of", "for" or "&" inside it; opens
#: with the capital (what precedes it checked behind it), so the engine skips to capitals
_LONG_NAME = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])[\w'’-]*(?:[ ](?:(?:and|of|for|&)[ ])?[A-Z][\w'’-]*){2,7}"
)
_CONNECTORS = frozenset({"and", "of", "for", "&", "the"})


def _reordered(ctx: CheckContext) -> Iterator[Hit]:
    """Names of three words or more with the same words in another order ("Korea Housing and
    Land Corporation" beside "Korea Land and Housing Corporation"): the order of the trusted
    press, else the order used first, is taken as right."""

    def order(text: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in text.split() if w.lower() not in _CONNECTORS)

    right: dict[tuple[str, ...], tuple[str, ...]] = {}
    shown: dict[tuple[str, ...], str] = {}
    for doc in ctx.trusted:
        for m in _LONG_NAME.finditer(doc.text):
            words = order(m.group())
            right.setdefault(tuple(sorted(words)), words)
            shown.setdefault(words, _THE.sub("", m.group()))
    found = []
    for passage in ctx.passages:
        if passage.reviewable and (" and " in passage.text or " of " in passage.text):
            for m in _LONG_NAME.finditer(passage.text):
                if name_class(m.group().split()):  # an institution, not "China and Japan"
                    found.append((passage.start + m.start(), m.group()))
    for _, text in found:
        words = order(text)
        right.setdefault(tuple(sorted(words)), words)
        shown.setdefault(words, _THE.sub("", text))
    for start, text in found:
        words = order(text)
        if len(words) < 3 or right[tuple(sorted(words))] == words:
            continue
        preferred = shown[right[tuple(sorted(words))]]
        yield Hit(
            start,
            start + len(text),
            f"{text!r} has the words of {preferred!r} in another order",
            suggestion=preferred,
        )


def _names_in_titles(ctx: CheckContext, found: list[NamePhrase]) -> list[NamePhrase]:
    """Names of the body found again in a title, where every word is capitalised and name
    phrases cannot be cut from the words around them ("Empty Kim Il Sung Stadium Tells
    Us"): each body name key is looked up in the title's key form, at word boundaries."""
    titles = [p for p in ctx.passages if p.kind == "title"]
    if not titles:
        return []
    in_title = [n for n in found if any(t.start <= n.start < t.end for t in titles)]
    spelt: dict[str, set[str]] = {}
    for n in found:
        if n not in in_title and len(n.words) >= 2:
            spelt.setdefault(n.key, set()).add(n.text.lower())
    taken = {(n.start, n.end) for n in in_title}
    extra = []
    for passage in titles:
        if not spelt:
            break
        text = passage.text
        # the characters a name key keeps (not spaces, hyphens, apostrophes), lowercased
        kept = [(i, ch.lower()) for i, ch in enumerate(text) if NamePhrase(ch, 0, 1).key]
        folded = "".join(ch for _, ch in kept)
        used: list[tuple[int, int]] = []
        for key in sorted(spelt, key=len, reverse=True):
            at = folded.find(key)
            while at >= 0:
                start, end = kept[at][0], kept[at + len(key) - 1][0] + 1
                boundary = (start == 0 or not text[start - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()
                )
                if boundary and not any(s < end and start < e for s, e in used):
                    used.append((start, end))
                    span = (passage.start + start, passage.start + end)
                    # a spelling of the body in title case is not another spelling
                    title_case = text[start:end].lower() in spelt.get(key, ())
                    if span not in taken and not title_case:
                        extra.append(NamePhrase(text[start:end], *span))
                at = folded.find(key, at + 1)
    return extra


def _only_case_at_start(a: str, b: str) -> bool:
    """True when the spellings differ only by a capital on a leading "The"/"the"."""
    return _THE.sub("", a) == _THE.sub("", b)


#: a capitalised word; opens with the capital (what precedes it checked behind it), so
#: that the regex engine skips to capitals
_CAPITALISED = re.compile(r"[A-Z](?<![\w’'-][A-Z])[a-z]++(?:-[a-z]++)?+(?=(?:[’']s)?(?![\w-]))")
_FOLLOWER = re.compile(r"\s+([a-z]{3,})")
#: endings that turn a place into its adjective or people (Korea/Korean, Israel/Israeli)
_DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "ite", "er", "ic")
_SIMILAR = 75  # rapidfuzz ratio (0–100) from which two spellings may be one name
#: the ratio from which two spellings with the same consonants (three or more) may be one
#: name romanised two ways ("Cheonmu"/"Chunmoo": 천무, eo or u, u or oo)
_SAME_CONSONANTS_SIMILAR = 50
#: Revised Romanization vs McCune–Reischauer and common variants of Korean names
_ROMANIZATION = (
    ("'", ""),
    ("-", ""),
    ("eo", "o"),
    ("eu", "u"),
    ("ae", "e"),
    ("ui", "i"),
    ("ch", "j"),
    ("k", "g"),
    ("t", "d"),
    ("p", "b"),
)


@lru_cache(maxsize=65536)
def _romanization_key(word: str) -> str:
    key = word.lower()
    for old, new in _ROMANIZATION:
        key = key.replace(old, new)
    return key


def _consonants(word: str) -> str:
    return _VOWELS.sub("", word.lower())


def _same_consonant_pairs(mine: list[int], lowered: list[str]) -> list[tuple[int, int, bool]]:
    """Pairs of the spellings ``mine`` (indexes into ``lowered``) with the same three
    consonants or more, a final "h" aside, and letters at least half alike."""
    from rapidfuzz.fuzz import ratio

    by_skeleton: dict[str, list[int]] = {}
    for i in mine:
        skeleton = _unvoiced_h(_consonants(lowered[i]))
        if len(skeleton) >= 3:
            by_skeleton.setdefault(skeleton, []).append(i)
    return [
        (i, j, False)
        for group in by_skeleton.values()
        for k, i in enumerate(group)
        for j in group[k + 1 :]
        if ratio(lowered[i], lowered[j]) >= _SAME_CONSONANTS_SIMILAR
    ]


def _sound_alike(a: str, b: str) -> bool:
    """The same consonants (a final "h" aside), or the same Korean name under the usual
    romanisation variants, or the same letters but for a doubled one ("Jeanette"), an r
    for an l (Korean ㄹ is either: "Lotem"/"Rotem") or two neighbours swapped
    ("Hanhwa"/"Hanwha")."""
    if _unvoiced_h(_consonants(a)) == _unvoiced_h(_consonants(b)):
        return True
    low_a, low_b = a.lower(), b.lower()
    if _single(low_a) == _single(low_b) or _liquid(low_a) == _liquid(low_b):
        return True
    return _romanization_key(a) == _romanization_key(b) or _swapped(low_a, low_b)


def _liquid(word: str) -> str:
    """Letters Korean does not tell apart written alike: ㄹ is r or l, ㅂ b or v, ㅍ p or f
    ("Lotem"/"Rotem", "Malbar"/"Malvar")."""
    return word.replace("l", "r").replace("v", "b").replace("f", "p")


def _swapped(a: str, b: str) -> bool:
    """``b`` is ``a`` with two neighbouring letters swapped (not the first)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[0] > 0
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _unvoiced_h(consonants: str) -> str:
    """Consonants without an "h" after a vowel or at the end, which transliterations of
    Arabic and other names drop or keep at will (Bismayah/Besmaya, Rafah/Rafa)."""
    return consonants[:-1] if consonants.endswith("h") else consonants


class _Token(NamedTuple):
    text: str
    start: int
    follower: str  # the lower-case word right after it, if any


#: a capitalised word and the lower-case word right after it, if any (_FOLLOWER)
_NAME_TOKEN = re.compile(rf"({_CAPITALISED.pattern})(?:(?={_FOLLOWER.pattern}))?")


def _name_tokens(text: str, offset: int) -> list[_Token]:
    return [
        _Token(match.group(1), offset + match.start(), match.group(2) or "")
        for match in _NAME_TOKEN.finditer(text)
    ]


@lru_cache(maxsize=512)
def _name_words(text: str) -> tuple[tuple[str, str], ...]:
    """Each capitalised word of ``text`` with its follower ("" if none), without offsets
    (cached: variant.near_spelling and variant.known_name read the same passages)."""
    return tuple(_NAME_TOKEN.findall(text))


@lru_cache(maxsize=512)
def _text_tokens(text: str) -> tuple[_Token, ...]:
    """Name tokens of a whole text (trusted press: the same for every document of a run)."""
    return tuple(_name_tokens(text, 0))


def _derived(a: str, b: str) -> bool:
    """One spelling is the other plus a demonym or plural ending (Korea/Korean, Gaza/Gazans)."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    rest = long[len(short) :] if long.startswith(short) else None
    if rest is None and short.endswith("a"):  # Russia/Russian, Somalia/Somali
        stem = short[:-1]
        rest = long[len(stem) :] if long.startswith(stem) else None
    return rest is not None and rest.rstrip("s") in (*_DEMONYM_ENDINGS, "")


@check(
    id="variant.near_spelling",
    category="terminology/inconsistent use of terminology",
    severity="minor",
    scope="document",
)
def near_spelling(ctx: CheckContext) -> Iterator[Hit]:
    """A name spelt almost like another name of the same text or of trusted press.

    Capitalised words that look alike ("Uiseong"/"Euiseong", "Hezbollah"/"Hizbullah",
    "Yo-jong"/"Yeo-jeong", "Bismayah"/"Besmaya") are one name misspelt when at least one
    spelling is rare in English (wordfreq) and both sound the same: the same consonants
    (a final "h" aside), or the same Korean name under the usual romanisation variants
    (eo/o, eu/u, ae/e, ui/i, k/g, t/d, p/b, ch/j), or the same letters but for a doubled
    one ("Jeanette"/"Jeannette"), an r for an l or a b for a v ("Lotem"/"Rotem",
    "Malbar"/"Malvar") or two neighbours swapped ("Hanhwa"/"Hanwha"). Two rare spellings
    of the document less alike in letters are one name when they have the same three
    consonants or more (천무 as "Chunmoo" and "Cheonmu"). Two spellings
    followed by the same word ("Rafah crossing"/"Rafa crossing") are compared even when
    common, but a spelling that is an ordinary English word ("Born" against "Brno") is
    never reported. The trusted-press spelling, else the more frequent one in the
    document, else the one used first, is suggested.

    False positives: two real, different names that look alike (Austria/Australia,
    Iran/Iraq are common words and so skipped; two names that are both known regions or
    cities, such as Shanxi/Shaanxi, and compass words are never compared); a place and its
    adjective (Korea/Korean) are never compared.
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    passages = [p for p in ctx.passages if p.reviewable]
    words = [word for p in passages for word in _name_words(p.text)]
    first: dict[str, int] = {}  # where each spelling is first used: the later one is the variant
    for k, (word, _) in enumerate(words):
        first.setdefault(word, k)
    trusted_tokens = [t for doc in ctx.trusted for t in _text_tokens(doc.text)]
    trusted = Counter(t.text for t in trusted_tokens)
    counts = Counter(word for word, _ in words)
    followers: dict[str, set[str]] = {}
    for word, follower in [*words, *((t.text, t.follower) for t in trusted_tokens)]:
        followers.setdefault(word, set()).add(follower)
    spellings = sorted(s for s in set(counts) | set(trusted) if len(s) >= 4)
    lowered = [s.lower() for s in spellings]
    preferred_over: dict[str, str] = {}
    compared: set[tuple[int, int]] = set()
    # only pairs with a spelling of this document can be reported: compare those, all in
    # one call (scores below _SIMILAR are 0)
    mine = [i for i, a in enumerate(spellings) if a in counts]
    scores = process.cdist(
        [lowered[i] for i in mine], lowered, scorer=ratio, score_cutoff=_SIMILAR, dtype=np.float64
    )
    candidates: list[tuple[int, int, bool]] = []  # (i, j, near in letters)
    for i, row in zip(mine, scores, strict=True):
        # the most similar first, as process.extract orders them (ties in list order)
        order = sorted(np.flatnonzero(row).tolist(), key=lambda j: -row[j])
        candidates += [(i, j, True) for j in order]
    # less alike in letters, only as romanisations of one sound ("Cheonmu"/"Chunmoo"): two
    # spellings of this document with the same consonants
    candidates += _same_consonant_pairs(mine, lowered)
    for i, j, near in candidates:
        pair = (min(i, j), max(i, j))
        if j == i or pair in compared:
            continue
        a, b = spellings[pair[0]], spellings[pair[1]]
        compared.add(pair)
        if abs(len(a) - len(b)) > 3 or _derived(a, b) or _two_real_names(a, b):
            continue
        zipfs = (_zipf(a.lower()), _zipf(b.lower()))
        rare = (min(zipfs) if near else max(zipfs)) < 3.0  # not near: both names
        shared_follower = near and bool((followers[a] & followers[b]) - {""})
        if not ((rare and _sound_alike(a, b)) or shared_follower):
            continue
        good, bad = _rank(a, b, trusted, counts, first)
        if "-" not in bad and _zipf(bad.lower()) >= _COMMON_ZIPF:
            continue  # an ordinary word ("Born") is no misspelt name ("Brno")
        if bad in counts:
            preferred_over[bad] = good
    if not preferred_over:
        return
    tokens = [t for p in passages for t in _name_tokens(p.text, p.start)]
    for t in tokens:
        if t.text in preferred_over:
            good = preferred_over[t.text]
            where = "the trusted press" if good in trusted else "this document"
            yield Hit(
                t.start,
                t.start + len(t.text),
                f"{t.text!r} looks like a misspelling of {good!r}, used in {where}",
                suggestion=good,
            )


#: a spelling this frequent in English (Zipf) is an ordinary word, never reported as a
#: misspelt name
_COMMON_ZIPF = 4.0


def _rank(
    a: str, b: str, trusted: Counter, counts: Counter, first: dict[str, int]
) -> tuple[str, str]:
    """(right, wrong): trusted press first, then frequency in the document, then the
    spelling used first (the later one is the variant), then frequency in English."""

    def weight(s: str) -> tuple:
        return (trusted[s] > 0, counts[s], -first.get(s, len(first)), _zipf(s.lower()))

    return (a, b) if weight(a) >= weight(b) else (b, a)


#: a word this frequent in English (Zipf) is an ordinary word, not a misspelt name
_ORDINARY_ZIPF = 2.5
#: rapidfuzz ratio (0–100) from which a spelling is a near miss of a known name
_NEAR_KNOWN = 80


@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    """Single-word names known to be spelt one way: countries, armed groups and other
    parties (gazetteer), companies (companies.toml) and leaders' surnames (leaders.toml);
    lowercased spelling -> spelling. Cities and given names are left out: too many real,
    less known names sound like one of them."""
    from pipeline.lexicon.gazetteer import gazetteer
    from pipeline.lexicon.leaders import companies, leaders

    g = gazetteer()
    names = {e.name for e in g.entities.values()}
    # a company's words, but not the city in its name ("Miami" of "Inter Miami")
    names |= {
        word
        for form in companies().forms
        for word in form.split()
        if not g.cities_named(word) or g.is_country_form(word)
    }
    names |= {form.split()[-1] for form in leaders().forms}
    return {n.lower(): n for n in names if _CAPITALISED.fullmatch(n) and len(n) >= 5}


@lru_cache(maxsize=1)
def _known_list() -> list[str]:
    return list(_known_names())


_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")


@lru_cache(maxsize=1)
def _korean_places() -> dict[str, str]:
    """South Korea's provinces and metropolitan cities (pycountry, Revised Romanization) by
    their romanisation key: "busan" -> "Busan"."""
    import pycountry

    names = {
        sub.name.split("-")[0].removesuffix("buk").removesuffix("nam")
        for sub in pycountry.subdivisions.get(country_code="KR")
    }
    return {_romanization_key(name.lower()): name for name in names if len(name) >= 4}


_COMPASS = re.compile(r"north|south|east|west", re.I)


def _two_real_names(a: str, b: str) -> bool:
    """Both spellings name real, different places (Shanxi and Shaanxi are two provinces;
    Northeast and Northwest two directions)."""
    from pipeline.lexicon.gazetteer import gazetteer

    if _COMPASS.sub("", a) != a and _COMPASS.sub("", b) != b:
        return True
    g = gazetteer()
    if set(g.cities_named(a)) & set(g.cities_named(b)):
        return False  # two names of one city: "Pusan" is GeoNames' older name of Busan
    return all(g.regions_named(x) or g.cities_named(x) for x in (a, b))


def _near_spelling_reports(a: str, b: str) -> bool:
    """Whether variant.near_spelling compares and reports the two lowercased spellings when
    both are in the text."""
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) >= _SIMILAR and _sound_alike(a, b)


def _rare_unknown(low: str, known: dict[str, str]) -> bool:
    """A lower-cased capitalised word that variant.known_name compares with known names:
    four letters or more, not itself a known name, rare in English."""
    return len(low) >= 4 and low not in known and _zipf(low) < _ORDINARY_ZIPF


#: capitalised words found not to be rare unknown words (see ``_any_rare_unknown``)
_ORDINARY_NAMES: set[str] = set()
_MAX_ORDINARY = 200_000


def _any_rare_unknown(words: list[str], known: dict[str, str]) -> bool:
    """Whether one of the capitalised ``words`` is a rare unknown word (``_rare_unknown``).
    Most are ordinary ones seen before ("The", "Korea"): each word is judged once and those
    that are not are remembered, so a text is mostly sorted with one set difference."""
    if len(_ORDINARY_NAMES) > _MAX_ORDINARY:
        _ORDINARY_NAMES.clear()
    for word in set(words).difference(_ORDINARY_NAMES):
        if _rare_unknown(word.lower(), known):
            return True
        _ORDINARY_NAMES.add(word)
    return False


@lru_cache(maxsize=65536)
def _nearest_known(low: str) -> str | None:
    """The known name (lower case) most like ``low`` by rapidfuzz ratio, 80 or more, or None
    (the first such of the list when several are as like it)."""
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    match = process.extractOne(low, _known_list(), scorer=ratio, score_cutoff=_NEAR_KNOWN)
    return None if match is None else match[0]


def _single(letters: str) -> str:
    """Doubled letters written once ("hzbllh" -> "hzblh")."""
    return re.sub(r"(.)\1+", r"\1", letters)


@check(
    id="variant.known_name",
    category="terminology/inconsistent use of terminology",
    severity="minor",
)
def known_name_misspelt(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A rare word spelt almost like a well-known name ("Envidia" for Nvidia, "Hizbullah"
    for Hezbollah) that the document and the trusted press never spell the known way.

    Capitalised words of five letters or more that are rare in English (wordfreq Zipf
    below 2.5) and not themselves a known name are compared with the names of countries
    and parties to wars (gazetteer), companies (companies.toml) and leaders' surnames
    (leaders.toml). A word that is close (rapidfuzz ratio 80 or more) and sounds the same
    (the same consonants, doubled or not, or the same Korean name under the usual
    romanisation variants) or has the same letters in another order ("Hanhwa") is flagged
    with the known spelling as the suggestion. Korean provinces and metropolitan cities
    (pycountry) in an older romanisation ("Pusan", "Cheju", "Kwangju") are flagged too,
    unless a capitalised word follows (the official name "Pusan National University").
    When the text also has the known spelling, variant.near_spelling reports it instead.

    False positives: a real, less known name that sounds like a known one (a small town
    named like a big city, a person's surname like a company's name); a historical name
    that keeps the older romanisation ("the Inchon landing").
    """
    known = _known_names()
    text = pair.target.text
    # the capitalised words are those of _name_words (its first group is _CAPITALISED)
    if not _any_rare_unknown([word for word, _ in _name_words(text)], known):
        return  # the common case, read without match objects
    from rapidfuzz.fuzz import ratio

    places = _korean_places()
    for token in _CAPITALISED.finditer(text):
        word, low = token.group(), token.group().lower()
        if not _rare_unknown(low, known):
            continue
        place = places.get(_romanization_key(low))
        if place and place != word and not _CAPITALISED_NEXT.match(text, token.end()):
            if ratio(low, place.lower()) < _SIMILAR:  # else variant.near_spelling has it
                yield Hit(
                    token.start(),
                    token.end(),
                    f"{word!r} is an older romanisation of {place!r} "
                    "(Revised Romanization, pycountry)",
                    suggestion=place,
                )
            continue
        if len(low) < 5:
            continue
        nearest = _nearest_known(low)
        if nearest is None:
            continue
        name = known[nearest]
        same_sound = (
            _single(_consonants(low)) == _single(_consonants(name))
            or _romanization_key(low) == _romanization_key(name)
            or (low[0] == nearest[0] and sorted(low) == sorted(nearest))  # Hanhwa/Hanwha
        )
        if not same_sound or _derived(word, name):
            continue
        if name in ctx.document.text and _near_spelling_reports(low, name.lower()):
            continue
        if any(name in doc.text for doc in ctx.trusted):
            continue
        yield Hit(
            token.start(),
            token.end(),
            f"{word!r} looks like a misspelling of {name!r}, a known name "
            f"(gazetteer, companies.toml, leaders.toml)",
            suggestion=name,
        )
