"""Korean→English word evidence for the aligner: which words of a sentence its translation has.

A Korean sentence and its English translation share meaning word by word: 경찰 ~ police,
체포 ~ arrested, 해변 ~ beach. With a Korean→English word list this becomes a measurable
signal that length and numbers lack: a Korean sentence inserted in a document has almost no
word whose translation is in the English sentence next to it. On lines 1–1000 of the
koen-news-park2016 test split, 34 % of the Korean dictionary words of a sentence find a
translation in its English pair, 2 % in a random English sentence and 7 % in the next one.

The word list is ``data/ko_en_lexicon.tsv.gz`` (built from the Basic Korean Dictionary of the
National Institute of Korean Language, CC BY-SA 2.0 KR, by :mod:`pipeline.pair.build_lexicon`;
see ``data/README.md``). It is read once through :mod:`importlib.resources`.

* :func:`ko_words`: the dictionary words of a Korean text, each as the set of English stems of
  its translations. Each run of Hangul is cut greedily into the longest keys of the list from
  its start (미국에서 → 미국, then 에서 is no key: stop), so compounds written together
  (테러용의자 → 테러, 용의자) are found and endings are left out.
* :func:`en_words`: the stems of an English text that some Korean word of the list translates
  (names and function words are left out: they say nothing here).
* :class:`WordMatches`: for one alignment problem, which words of each unit find their
  translation in each unit of the other side, as bit masks, so a bead of one or two units per
  side costs a few ``|`` and ``bit_count``.

Stems are the first :data:`STEM` letters of a lowercase word (arrested, arrests → "arres"):
crude, but cheap and symmetric, and it is used on both sides.
"""

from __future__ import annotations

import gzip
import html
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.cache import cached_object
from pipeline.pair.anchors import english_words

__all__ = [
    "EN_STOPWORDS",
    "LEXICON_RESOURCE",
    "STEM",
    "Lexicon",
    "WordMatches",
    "WordModel",
    "load_word_model",
    "en_words",
    "ko_words",
    "load_lexicon",
]

LEXICON_RESOURCE = ("pipeline.pair", "data/ko_en_lexicon.tsv.gz")
WORD_MODEL_RESOURCE = ("pipeline.pair", "data/word_model.json")
STEM = 5

# English function words and words too general to be evidence (in translations and texts).
EN_STOPWORDS = frozenset(
    """a an the of to in on at by for with from and or but nor not no yes be is are was were
    been being am do does did done have has had having it its this that these those as into
    onto out up down off over under about than then so such very too also more most less
    least some any all each every both either neither one ones own same other others which
    who whom whose what when where why how i you he she we they me him her us them my your
    his our their mine yours ours theirs myself itself himself herself themselves make made
    get got give gave take took go went gone come came put set thing things way something
    someone somebody anything anyone person people kind sort state act time place part will
    would shall should can could may might must there here if because while whether just
    only even still yet again ever never now well much many lot lots""".split()
)

_HANGUL_RUN = re.compile(r"[가-힣]+")


def _stem(word: str) -> str:
    return word[:STEM]


class Lexicon:
    """The word list: Korean key → frozenset of English stems (:meth:`stems`, or ``table``
    for all of them); ``vocabulary``: every stem.

    The stems of each key are kept as one string and made a set the first time the key is
    met: a process that aligns one document meets a few hundred of the 46,000 keys, and the
    cached list (:func:`load_lexicon`) loads in half the time without 46,000 sets in it.
    """

    def __init__(self, table: dict[str, frozenset[str]]) -> None:
        #: key → its stems, sorted, separated by spaces
        self.words = {key: " ".join(sorted(stems)) for key, stems in table.items()}
        # Key lengths by first two syllables, longest first: most positions start no key.
        lengths: dict[str, set[int]] = {}
        for key in table:
            lengths.setdefault(key[:2], set()).add(len(key))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        self.vocabulary = frozenset().union(*table.values()) if table else frozenset()
        self._sets: dict[str, frozenset[str]] = {}

    def __getstate__(self) -> dict:
        return {"words": self.words, "lengths": self.lengths, "vocabulary": self.vocabulary}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._sets = {}

    def stems(self, key: str) -> frozenset[str] | None:
        """The stems of ``key``'s translations, or None when it is not a key."""
        found = self._sets.get(key)
        if found is None:
            words = self.words.get(key)
            if words is None:
                return None
            found = self._sets[key] = frozenset(words.split(" "))
        return found

    @property
    def table(self) -> dict[str, frozenset[str]]:
        """Every key with its stems."""
        return {key: self.stems(key) for key in self.words}


def parse_lexicon(text: str) -> Lexicon:
    """A word list in the format of ``data/ko_en_lexicon.tsv``: ``key<TAB>word word …``."""
    interned: dict[str, str] = {}
    table: dict[str, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        key, sep, words = line.partition("\t")
        if not sep or not key or not words.split():
            raise ValueError(f"lexicon line {number}: {line!r}")
        stems = frozenset(interned.setdefault(s, s) for s in map(_stem, words.split()))
        table[key] = stems
    return Lexicon(table)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged word list (``data/ko_en_lexicon.tsv.gz``), read once: from the lexicon
    cache (:mod:`pipeline.lexicon.cache`) when it holds this version, a quarter of the time
    parsing takes."""
    package, name = LEXICON_RESOURCE
    files = resources.files(package)
    sources = [files.joinpath("lexicon.py"), files.joinpath(name)]
    return cached_object("ko-en-word-list", _read_lexicon, sources)


def _read_lexicon() -> Lexicon:
    package, name = LEXICON_RESOURCE
    data = resources.files(package).joinpath(name).read_bytes()
    return parse_lexicon(gzip.decompress(data).decode("utf-8"))


def ko_words(text: str, lexicon: Lexicon | None = None) -> tuple[frozenset[str], ...]:
    """The distinct dictionary words of a Korean text, each as its English stems."""
    lex = lexicon or load_lexicon()
    words, lengths = lex.words, lex.lengths
    found: dict[str, frozenset[str]] = {}
    for run in _HANGUL_RUN.findall(text):
        p, size = 0, len(run)
        while size - p >= 2:
            for length in lengths.get(run[p : p + 2], ()):
                if length <= size - p:
                    key = run[p : p + length]
                    if key in words:
                        found[key] = lex.stems(key)
                        p += length
                        break
            else:
                break
    return tuple(found.values())


def en_words(text: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """The stems of an English text that some Korean word of the list translates."""
    lex = lexicon or load_lexicon()
    if "&" in text:
        text = html.unescape(text)
    words = english_words(text.lower()) - EN_STOPWORDS
    return frozenset({w[:STEM] for w in words}) & lex.vocabulary


@dataclass(frozen=True)
class WordModel:
    """How many words of a unit find a translation on the other side of a bead.

    Paired (the bead is right): beta-binomial with parameters ``a_*``, ``b_*`` (a translation
    shows about a third of the dictionary words of its source, more or less from one pair to
    the next). Unrelated: binomial, each word matched with probability ``1 - (1 - q_*)^M``
    for ``M`` stems on the other side (so a longer other side matches more by chance).
    ``*_ko`` for Korean units (``M``: English stems), ``*_en`` for English units (``M``: the
    English stems of the Korean words). Fitted by ``benchmarks/fit_length_model.py``.
    """

    a_ko: float
    b_ko: float
    q_ko: float
    a_en: float
    b_en: float
    q_en: float


@lru_cache(maxsize=1)
def load_word_model() -> WordModel:
    """The fitted :class:`WordModel` (``data/word_model.json``, with its provenance), read once."""
    package, name = WORD_MODEL_RESOURCE
    doc = json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    return WordModel(**{k: float(v) for k, v in doc["word_model"].items()})


def _log_beta(x: float, y: float) -> float:
    return math.lgamma(x) + math.lgamma(y) - math.lgamma(x + y)


@lru_cache(maxsize=512)
def _paired_table(n: int, a: float, b: float) -> tuple[float, ...]:
    """``log P(h | paired)`` for ``h`` = 0..n, without the binomial coefficient (kept: the
    table depends on the word count only)."""
    base = _log_beta(a, b)
    return tuple(_log_beta(h + a, n - h + b) - base for h in range(n + 1))


@lru_cache(maxsize=1024)
def _chance_logs(size: int, q: float) -> tuple[float, float]:
    """``(log p, log(1 - p))`` of a word matched by chance among ``size`` stems."""
    if size <= 0:
        return -math.inf, 0.0
    miss = (1.0 - q) ** size
    return math.log(1.0 - miss), math.log(miss)


class WordMatches:
    """Word evidence of the beads of one alignment problem.

    ``ko[i]``: the words of Korean unit ``i`` (:func:`ko_words`); ``en[j]``: the stems of
    English unit ``j`` (:func:`en_words`). For each unit of a bead with text on both sides,
    the evidence is the log-likelihood ratio of the number ``h`` of its words found translated
    on the other side, paired against unrelated (:class:`WordModel`): a Korean sentence with
    twelve dictionary words and none of them in the English beside it is about 80 times
    likelier to be unrelated to it than its translation. The cost of a bead is
    ``-weight ×`` the sum of the ratios of its units.

    A unit absorbed into a merge with one unrelated to it gets a low ratio, a unit on its own
    in a 1-0 / 0-1 bead none. A merge of two units that are each translated by one unit on the
    other side gains little: the words of the second unit are chance matches, and chance is
    likelier with more words on the other side.

    Which words of unit ``i`` are translated in unit ``j``, and which stems of ``j`` translate a
    word of ``i``, are kept per pair of units (a bit mask, a set), computed on first use from
    the stems both share, so a bead of two units on a side costs a ``|``.
    """

    def __init__(
        self,
        ko: list[tuple[frozenset[str], ...]],
        en: list[frozenset[str]],
        model: WordModel,
        weight: float,
    ) -> None:
        self.ko = ko
        self.ko_stems = [frozenset().union(*words) for words in ko]
        self.en = en
        self.weight = weight
        self.ko_n = [len(words) for words in ko]
        self.en_n = [len(stems) for stems in en]
        self.ko_paired = [_paired_table(x, model.a_ko, model.b_ko) for x in self.ko_n]
        self.en_paired = [_paired_table(x, model.a_en, model.b_en) for x in self.en_n]
        # Chance logs of a Korean word facing English units j-1 (size 1) or j-2, j-1 (size 2),
        # by end position j; and of an English stem facing Korean units.
        sizes_en = [len(s) for s in en]
        sizes_ko = [len(s) for s in self.ko_stems]
        self.ko_chance = [
            [_chance_logs(sum(sizes_en[max(0, j - d) : j]), model.q_ko) for j in range(len(en) + 1)]
            for d in (0, 1, 2)
        ]
        self.en_chance = [
            [_chance_logs(sum(sizes_ko[max(0, i - d) : i]), model.q_en) for i in range(len(ko) + 1)]
            for d in (0, 1, 2)
        ]
        # masks(i, j) by Korean unit i, then English unit j.
        self._pairs: list[dict[int, tuple[int, frozenset[str]]]] = [{} for _ in ko]

    def masks(self, i: int, j: int) -> tuple[int, frozenset[str]]:
        """``(ko, en)``: bit ``b`` of ``ko`` set when word ``b`` of Korean unit ``i`` has a
        translation in English unit ``j``; ``en``: the stems of ``j`` that translate a word of
        ``i``."""
        pair = self._pairs[i].get(j)
        if pair is None:
            ko_mask = 0
            common = self.ko_stems[i] & self.en[j]
            if common:
                for bit, stems in enumerate(self.ko[i]):
                    if not common.isdisjoint(stems):
                        ko_mask |= 1 << bit
            pair = self._pairs[i][j] = (ko_mask, common)
        return pair

    def _ko_ratio(self, u: int, mask: int, chance: tuple[float, float]) -> float:
        """Log-likelihood ratio of Korean unit ``u`` with the words ``mask`` matched."""
        h = mask.bit_count()
        lp, lq = chance
        r = self.ko_paired[u][h] - (self.ko_n[u] - h) * lq
        return r - h * lp if h else r

    def _en_ratio(self, v: int, found: frozenset[str], chance: tuple[float, float]) -> float:
        """Log-likelihood ratio of English unit ``v`` with the stems ``found`` matched."""
        h = len(found)
        lp, lq = chance
        r = self.en_paired[v][h] - (self.en_n[v] - h) * lq
        return r - h * lp if h else r

    def cost(self, i: int, di: int, j: int, dj: int) -> float:
        """Word cost of the bead of Korean units ``i-di .. i-1`` and English ``j-dj .. j-1``
        (``di``, ``dj`` in 1, 2): ``-weight ×`` the sum of its units' ratios."""
        # masks(), without a call when the pair is known (a pair is never empty, so never false).
        pairs, masks = self._pairs, self.masks
        kc, ec = self.ko_chance[dj][j], self.en_chance[di][i]
        k1, e1 = pairs[i - 1].get(j - 1) or masks(i - 1, j - 1)
        if di == 1:
            if dj == 1:
                # The common bead, written out.
                h = k1.bit_count()
                r = self.ko_paired[i - 1][h] - (self.ko_n[i - 1] - h) * kc[1]
                if h:
                    r -= h * kc[0]
                h = len(e1)
                r += self.en_paired[j - 1][h] - (self.en_n[j - 1] - h) * ec[1]
                if h:
                    r -= h * ec[0]
                return -self.weight * r
            k2, e2 = pairs[i - 1].get(j - 2) or masks(i - 1, j - 2)
            r = (
                self._ko_ratio(i - 1, k1 | k2, kc)
                + self._en_ratio(j - 1, e1, ec)
                + self._en_ratio(j - 2, e2, ec)
            )
        elif dj == 1:
            k3, e3 = pairs[i - 2].get(j - 1) or masks(i - 2, j - 1)
            r = (
                self._ko_ratio(i - 1, k1, kc)
                + self._ko_ratio(i - 2, k3, kc)
                + self._en_ratio(j - 1, e1 | e3, ec)
            )
        else:
            k2, e2 = pairs[i - 1].get(j - 2) or masks(i - 1, j - 2)
            k3, e3 = pairs[i - 2].get(j - 1) or masks(i - 2, j - 1)
            k4, e4 = pairs[i - 2].get(j - 2) or masks(i - 2, j - 2)
            r = (
                self._ko_ratio(i - 1, k1 | k2, kc)
                + self._ko_ratio(i - 2, k3 | k4, kc)
                + self._en_ratio(j - 1, e1 | e3, ec)
                + self._en_ratio(j - 2, e2 | e4, ec)
            )
        return -self.weight * r
