"""Korean expressions that machine translation renders word for word (calques), from data.

The knowledge is in ``data/calques.toml``: each entry has the Korean forms of an idiom,
proverb, four-character idiom or Konglish word, the literal English renderings MT produces
when it does not recognise it, the idiomatic English, a severity hint and its sources. This
module loads the file once (and keeps it in the lexicon cache for later runs) and answers
two questions:

* :func:`find_literals` — where in an English text is a literal rendering? Matching ignores
  case, treats a hyphen and a space (or a comma, dash or quotation mark between words) alike,
  accepts a plural or possessive -s on the last word, or its absence ("house-rabbits",
  "House Rabbit’s", "cliff-edge tactic" for "cliff-edge tactics"),
  and fills the placeholders ``{poss}`` (one's/his/its/the/Name's…) and ``{the}`` (the/a/an).
  Spans are exact string offsets; quotation marks around a rendering are not part of it.
* :func:`find_korean` — which entries' Korean forms occur in a Korean text? A form matches
  with or without the spaces written in it (Korean spacing varies); a verb idiom is listed by the
  stem that survives conjugation ("발등에 불이 떨어" for 떨어지다/떨어졌다). A form written
  with a leading ``^`` must start a word.

:func:`established_english` tells whether a short English phrase is a known English idiom or
compound (the file's ``[english]`` list plus every entry's idiomatic suggestions).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.cache import cached_object
from pipeline.lexicon.loose_match import LooseMatcher

SEVERITIES = ("minor", "major")


@dataclass(frozen=True)
class Source:
    key: str
    cite: str  # short, quoted in findings
    note: str  # full explanation


@dataclass(frozen=True)
class Calque:
    """One lexicon entry: a Korean expression and its wrong literal English renderings."""

    id: str
    ko: tuple[str, ...]
    literal: tuple[str, ...]
    idiomatic: tuple[str, ...]
    meaning: str
    severity: str  # "major": the literal misleads; "minor": merely unidiomatic
    ambiguous: bool  # the literal is also ordinary English in another sense
    domain: str
    sources: tuple[Source, ...]

    @property
    def korean(self) -> str:
        """The main Korean form, as a reader would write it."""
        return self.ko[0].lstrip("^")

    @property
    def suggestion(self) -> str:
        return self.idiomatic[0]

    @property
    def cite(self) -> str:
        return "; ".join(source.cite for source in self.sources)

    @property
    def source_note(self) -> str:
        return " ".join(source.note for source in self.sources)


@dataclass(frozen=True)
class EnglishMatch:
    start: int
    end: int
    text: str
    calque: Calque
    literal: str  # the lexicon rendering that matched


@dataclass(frozen=True)
class KoreanMatch:
    start: int
    end: int
    text: str
    calque: Calque
    form: str


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Calque, ...]
    by_id: dict[str, Calque]
    established: frozenset[str]  # normalised English idioms and compounds
    english: _EnglishMatcher
    korean: _KoreanMatcher
    loose: LooseMatcher  # renderings by their content words (pipeline.lexicon.loose_match)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, from the lexicon cache (:mod:`pipeline.lexicon.cache`), or read from
    ``data/calques.toml`` and cached; its patterns are compiled as texts need them."""
    files = resources.files("pipeline.lexicon")
    sources = [
        files.joinpath("calques.py"),
        files.joinpath("loose_match.py"),
        files.joinpath("data/calques.toml"),
    ]
    return cached_object("calques", _load, sources)


def _load() -> Lexicon:
    text = resources.files("pipeline.lexicon").joinpath("data/calques.toml").read_text("utf-8")
    return _build(tomllib.loads(text))


def entries() -> tuple[Calque, ...]:
    return lexicon().entries


def _build(data: dict) -> Lexicon:
    sources = {
        key: Source(key, value["cite"], value["note"]) for key, value in data["sources"].items()
    }
    found: list[Calque] = []
    for raw in data["entry"]:
        keys = raw["source"] if isinstance(raw["source"], list) else [raw["source"]]
        unknown = [key for key in keys if key not in sources]
        if unknown:
            raise ValueError(f"calque {raw['id']}: unknown source {unknown}")
        if raw["severity"] not in SEVERITIES:
            raise ValueError(f"calque {raw['id']}: severity {raw['severity']!r}")
        found.append(
            Calque(
                id=raw["id"],
                ko=tuple(raw["ko"]),
                literal=tuple(raw["literal"]),
                idiomatic=tuple(raw["idiomatic"]),
                meaning=raw.get("meaning", ""),
                severity=raw["severity"],
                ambiguous=bool(raw.get("ambiguous", False)),
                domain=raw.get("domain", "general"),
                sources=tuple(sources[key] for key in keys),
            )
        )
    by_id = {calque.id: calque for calque in found}
    if len(by_id) != len(found):
        raise ValueError("calques.toml: duplicate entry ids")
    established = {normalize_phrase(p) for p in data.get("english", {}).get("established", [])}
    for calque in found:
        established.update(normalize_phrase(p) for p in calque.idiomatic)
    return Lexicon(
        tuple(found),
        by_id,
        frozenset(established),
        _EnglishMatcher(found),
        _KoreanMatcher(found),
        _loose_matcher(found),
    )


def _loose_matcher(calques: list[Calque]) -> LooseMatcher:
    matcher = LooseMatcher()
    for calque in calques:
        for literal in calque.literal:
            matcher.add(literal, (calque.id, literal))
    return matcher


# --------------------------------------------------------------------------- English side

_APOSTROPHE = "['’]"
_SEP = r"[\s\u00a0,;:\-\u2010\u2011\u2013\u2014'\"‘’“”]+"
_SPLIT = re.compile(r"[\s\u00a0,;:\-\u2010\u2011\u2013\u2014]+")
_QUOTES = "'\"‘’“”"
_PLACEHOLDERS = {
    "{poss}": rf"(?:(?:the|a|an)\s+)?(?:one{_APOSTROPHE}s|his|her|their|its|our|my|your|the|a|an"
    rf"|[\w.-]+{_APOSTROPHE}s?)",
    "{the}": r"(?:the|a|an)",
}
#: words that never take a plural -s when matching
_FUNCTION = frozenset(
    "a an the of on in into onto to and or but with without for from by at as is are was were "
    "be been it its it's one's his her their our my your i you we he she they if not no so than "
    "then when while even just only also up out off over under before after".split()
)
_WORD = re.compile(r"\w+")


def _token_pattern(token: str, last: bool) -> str:
    if token in _PLACEHOLDERS:
        return _PLACEHOLDERS[token]
    core = token.strip(_QUOTES)
    dot = core.endswith(".")
    core = core.rstrip(".")
    escaped = "".join(_APOSTROPHE if c in "'’" else re.escape(c) for c in core)
    low = core.lower()
    if not last or not core or low in _FUNCTION or not core[-1].isalpha():
        suffix = ""
    elif len(low) > 3 and low.endswith("ies"):
        escaped, suffix = escaped[:-3], rf"(?:y|ies|y{_APOSTROPHE}s)"
    elif len(low) > 2 and low[-1] == "y" and low[-2] not in "aeiou":
        escaped, suffix = escaped[:-1], rf"(?:y|ies|y{_APOSTROPHE}s)"
    else:
        if len(low) > 3 and low[-1] == "s" and low[-2] not in "suiy'’":
            escaped = escaped[:-1]  # a plural in the lexicon also matches the singular
        # no bare trailing apostrophe: it would swallow a closing quotation mark
        suffix = rf"(?:s|es|{_APOSTROPHE}s)?"
    return escaped + suffix + (r"\.?" if dot else "")


def _literal_key(literal: str) -> tuple[str, list[str]]:
    """The first word of a literal rendering (its index key) and its tokens."""
    tokens = [t for t in _SPLIT.split(literal.strip()) if t.strip(_QUOTES)]
    if not tokens or tokens[0] in _PLACEHOLDERS:
        raise ValueError(f"literal {literal!r} must start with a word")
    first = _WORD.search(tokens[0].strip(_QUOTES))
    if first is None:
        raise ValueError(f"literal {literal!r} has no word to index")
    return first.group().lower(), tokens


#: the words a text must hold, as whole runs of letters a-z in lower case (ASCII bytes, as
#: :func:`_letter_runs` gives them), for a rendering to match it: every one of a set, and
#: (unless None) one of the forms its last word may take
_Needs = tuple[frozenset[bytes], frozenset[bytes] | None]
_LETTERS = re.compile("[a-z]+")


def _needed_words(tokens: list[str]) -> _Needs:
    r"""What a text matched by the rendering of ``tokens`` (see :func:`_token_pattern`) holds
    as whole runs of letters a-z, in lower case: each word (run of ``\w``) of its tokens but
    the placeholders, whose surroundings in the text are separators or word ends; the last
    word of the last token as one of the forms its plural endings give it. Words with other
    characters than a-z are left out (a weaker but still true condition)."""
    exact: set[str] = set()
    last_forms: frozenset[str] | None = None
    for i, token in enumerate(tokens):
        if token in _PLACEHOLDERS:
            continue
        core = token.strip(_QUOTES).rstrip(".")
        low = core.lower()
        stem, endings = low, ("",)
        if i < len(tokens) - 1 or not core or low in _FUNCTION or not core[-1].isalpha():
            pass  # no ending: matched as written
        elif len(low) > 3 and low.endswith("ies"):
            stem, endings = low[:-3], ("y", "ies")
        elif len(low) > 2 and low[-1] == "y" and low[-2] not in "aeiou":
            stem, endings = low[:-1], ("y", "ies")
        else:
            if len(low) > 3 and low[-1] == "s" and low[-2] not in "suiy'’":
                stem = low[:-1]
            endings = ("", "s", "es")
        words = _WORD.findall(stem)
        if endings != ("",):
            if not words or not _WORD.fullmatch(stem[-1]):
                words = []  # an ending after a separator: no word to rely on
            else:
                final = words.pop()
                forms = frozenset(final + ending for ending in endings)
                if all(_LETTERS.fullmatch(form) for form in forms):
                    last_forms = forms
        exact.update(word for word in words if _LETTERS.fullmatch(word))
    last = None if last_forms is None else frozenset(form.encode() for form in last_forms)
    return frozenset(word.encode() for word in exact), last


def _literal_regex(tokens: list[str]) -> re.Pattern[str]:
    body = _SEP.join(_token_pattern(t, i == len(tokens) - 1) for i, t in enumerate(tokens))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


class _EnglishMatcher:
    """Literal renderings indexed by their first word: the text is scanned word by word and
    only the renderings that start with that word are tried there. A word's patterns are
    compiled the first time the word is seen (most first words never occur in a text)."""

    def __init__(self, calques: list[Calque]):
        self._raw: dict[str, list[tuple[list[str], Calque, str]]] = defaultdict(list)
        #: key -> forms the next word must take, or None when any next word may do
        self._second: dict[str, set[str] | None] = {}
        for calque in calques:
            for literal in calque.literal:
                key, tokens = _literal_key(literal)
                self._raw[key].append((tokens, calque, literal))
                self._note_second_word(key, tokens)
        self._compiled: dict[str, list[tuple[re.Pattern[str], Calque, str]]] = {}
        self._next_words = self._next_word_index()
        self._anchors, self._unanchored = self._anchor_index()
        self._anchor_words = frozenset(self._anchors)

    def _anchor_index(self) -> tuple[dict[bytes, list[_Needs]], bool]:
        """What each rendering needs of a text's words (see :func:`_needed_words`), indexed
        by the rarest English word it needs (or by each form of its last word, when they are
        rarer); and whether a rendering needs no word at all (every text must then be read)."""
        from pipeline.lexicon.frequency import zipf

        anchors: dict[bytes, list[_Needs]] = defaultdict(list)
        unanchored = False
        for renderings in self._raw.values():
            for tokens, _calque, _literal in renderings:
                needs = _needed_words(tokens)
                exact, last = needs
                options = [(zipf(word.decode()), word, (word,)) for word in sorted(exact)]
                if last is not None:
                    rarity = max(zipf(form.decode()) for form in last)
                    options.append((rarity, b"", tuple(sorted(last))))
                if not options:
                    unanchored = True
                    continue
                for word in min(options)[2]:
                    anchors[word].append(needs)
        return dict(anchors), unanchored

    def possible(self, words: set[bytes]) -> bool:
        """Whether a text whose runs of letters a-z (lower case) are ``words`` may hold a
        rendering: a pre-test, most texts hold none."""
        if self._unanchored:
            return True
        anchors = self._anchors
        for anchor in words & self._anchor_words:
            for exact, last in anchors[anchor]:
                if exact <= words and (last is None or not last.isdisjoint(words)):
                    return True
        return False

    def _note_second_word(self, key: str, tokens: list[str]) -> None:
        """Remember what word follows ``key`` in a rendering, to skip hopeless positions."""
        if key in self._second and self._second[key] is None:
            return
        second = _WORD.match(tokens[1].strip(_QUOTES)) if len(tokens) > 1 else None
        if not _WORD.fullmatch(tokens[0]) or second is None or tokens[1] in _PLACEHOLDERS:
            self._second[key] = None
            return
        self._second.setdefault(key, set()).update(_singulars(second.group().lower()))

    def _next_word_index(self) -> dict[str, frozenset[str] | None]:
        """For each lower-case word a rendering may start with (every plural form of each
        first word): the words that may follow it (plural forms of the second words), or
        None when any word may. A text is then read with one lookup a word."""
        following: dict[str, set[str] | None] = {}
        for key, second in self._second.items():
            for form in _plurals(key):
                known = following.setdefault(form, set())
                if second is None or known is None:
                    following[form] = None
                else:
                    known.update(after for word in second for after in _plurals(word))
        return {
            form: None if after is None else frozenset(after) for form, after in following.items()
        }

    def _patterns(self, key: str) -> list[tuple[re.Pattern[str], Calque, str]]:
        patterns = self._compiled.get(key)
        if patterns is None:
            raw = self._raw.get(key, ())
            patterns = [(_literal_regex(tokens), calque, lit) for tokens, calque, lit in raw]
            self._compiled[key] = patterns
        return patterns

    def _candidates(self, words: list[str]) -> list[int]:
        """Indexes of the words (lower case) a rendering may start at, given the next word."""
        index = self._next_words
        found = []
        for i, word in enumerate(words):
            if word in index:
                after = index[word]
                if after is None or (i + 1 < len(words) and words[i + 1] in after):
                    found.append(i)
        return found

    def find(self, text: str) -> list[EnglishMatch]:
        found: list[EnglishMatch] = []
        words = _lower_words(text)
        candidates = self._candidates(words)
        if not candidates:
            return found
        starts = [m.start() for m in _WORD.finditer(text)]
        raw = self._raw
        for i in candidates:
            following = _singulars(words[i + 1]) if i + 1 < len(words) else frozenset()
            for key in _singulars(words[i]):
                if key not in raw:
                    continue
                second = self._second.get(key)
                if second is not None and not (second & following):
                    continue
                for pattern, calque, literal in self._patterns(key):
                    m = pattern.match(text, starts[i])
                    if m:
                        found.append(EnglishMatch(m.start(), m.end(), m.group(), calque, literal))
        # longest match first at each start, then drop anything overlapping a kept match
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[EnglishMatch] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                continue
            kept.append(match)
        return kept


def _lower_words(text: str) -> list[str]:
    """The words of ``text`` in lower case; the text is lowered whole, unless it holds one
    of the two letters whose lower case is not one letter for one (İ becomes two
    characters, Σ depends on the letters after it)."""
    if "\u0130" in text or "\u03a3" in text:
        return [word.lower() for word in _WORD.findall(text)]
    return _WORD.findall(text.lower())


#: letters whose lower case is a-z though they are not (İ, K) or that a case-insensitive
#: pattern reads as a-z (ı, ſ): a text with one is read without the word pre-tests
_ODD_LETTERS = re.compile("[\u0130\u0131\u017f\u212a]")


#: ASCII letters to lower case, every other byte to a space
_LOWER_LETTERS_ONLY = bytes(
    c | 0x20 if chr(c).isascii() and chr(c).isalpha() else 0x20 for c in range(256)
)


def _letter_runs(text: str) -> set[bytes] | None:
    """The runs of letters a-z in ``text`` lowered, as ASCII bytes (the words both
    matchers' pre-tests read), or None when the text holds one of ``_ODD_LETTERS``. Other
    characters (any other letter becomes "?") are spaces, so the runs are the words of a
    plain split: faster than a pattern's findall."""
    if _ODD_LETTERS.search(text):
        return None
    return set(text.encode("ascii", "replace").translate(_LOWER_LETTERS_ONLY).split())


@lru_cache(maxsize=1024)
def _find_literals(text: str) -> tuple[EnglishMatch, ...]:
    lex = lexicon()
    words = _letter_runs(text)
    possible = words is None or lex.english.possible(words)
    exact = lex.english.find(text) if possible else []
    possible = words is None or lex.loose.possible(words)
    loose = [
        EnglishMatch(m.start, m.end, text[m.start : m.end], lex.by_id[m.key[0]], m.key[1])
        for m in (lex.loose.find(text) if possible else ())
    ]
    kept = list(exact)
    for match in sorted(loose, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(match.start < k.end and k.start < match.end for k in kept):
            kept.append(match)
    return tuple(sorted(kept, key=lambda m: m.start))


def find_literals(text: str) -> list[EnglishMatch]:
    """Every literal rendering of a lexicon entry in ``text``, left to right, not
    overlapping: word for word, or by its content words in order (other tenses, articles
    and prepositions: "fire had fallen on the tops of their feet")."""
    return list(_find_literals(text))


def normalize_phrase(phrase: str) -> str:
    """Lower case, hyphens and runs of spaces as one space, curly apostrophes straight."""
    phrase = phrase.lower().replace("’", "'")
    return " ".join(_SPLIT.split(phrase.strip(_QUOTES + " "))).strip()


def established_english(phrase: str) -> bool:
    """Is ``phrase`` (or its singular) a known English idiom or compound?"""
    known = lexicon().established
    norm = normalize_phrase(phrase)
    head, _, last = norm.rpartition(" ")
    return any(f"{head} {word}".strip() in known for word in _singulars(last))


def _plurals(word: str) -> tuple[str, ...]:
    """The forms whose :func:`_singulars` include ``word``: itself, -s, -es, and -ies for a
    final y."""
    forms = (word, word + "s", word + "es")
    return (*forms, word[:-1] + "ies") if word.endswith("y") else forms


@lru_cache(maxsize=65536)
def _singulars(word: str) -> frozenset[str]:
    """The word and the forms it would have without a plural ending."""
    if not word.endswith("s"):
        return frozenset((word,))
    forms = {word, word[:-1]}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    return frozenset(forms)


# --------------------------------------------------------------------------- Korean side


def _form_regex(form: str) -> re.Pattern[str]:
    """A space in the form is optional in the text ("불이 떨어" matches "불이떨어")."""
    word_start = form.startswith("^")
    words = [re.escape(word) for word in form.lstrip("^").split()]
    prefix = r"(?<![\uac00-\ud7a3])" if word_start else ""
    return re.compile(prefix + r"\s*".join(words))


class _KoreanMatcher:
    """Korean forms grouped by their first character: a group is tried only when that
    character occurs in the text, and its patterns are compiled the first time it is."""

    def __init__(self, calques: list[Calque]):
        self._by_first: dict[str, list[tuple[Calque, str]]] = defaultdict(list)
        for calque in calques:
            for form in calque.ko:
                stripped = form.lstrip("^").strip()
                if not stripped:
                    raise ValueError(f"calque {calque.id}: empty Korean form")
                self._by_first[stripped[0]].append((calque, form))
        self._compiled: dict[str, list[tuple[re.Pattern[str], Calque, str]]] = {}

    def _patterns(self, first: str) -> list[tuple[re.Pattern[str], Calque, str]]:
        patterns = self._compiled.get(first)
        if patterns is None:
            group = self._by_first[first]
            patterns = [(_form_regex(form), calque, form) for calque, form in group]
            self._compiled[first] = patterns
        return patterns

    def find(self, text: str) -> list[KoreanMatch]:
        found: list[KoreanMatch] = []
        for first in self._by_first:
            if first not in text:
                continue
            for pattern, calque, form in self._patterns(first):
                for m in pattern.finditer(text):
                    found.append(KoreanMatch(m.start(), m.end(), m.group(), calque, form))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return found


@lru_cache(maxsize=256)
def _find_korean(text: str) -> tuple[KoreanMatch, ...]:
    return tuple(lexicon().korean.find(text))


def find_korean(text: str) -> list[KoreanMatch]:
    """Every occurrence of an entry's Korean form in ``text`` (overlaps allowed: a long form
    and its stem both match), in text order."""
    return list(_find_korean(text))


def korean_forms(text: str) -> dict[str, KoreanMatch]:
    """The first occurrence of each entry's Korean forms in ``text``, by entry id."""
    found: dict[str, KoreanMatch] = {}
    for match in _find_korean(text):
        found.setdefault(match.calque.id, match)
    return found
