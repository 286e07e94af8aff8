"""Pairing by content: which Korean document is the original of which English one.

What :mod:`pipeline.pair.by_name` (manifest, shared stems) leaves over is paired here by what
the texts say. Every English × Korean candidate gets a score from document-level evidence:

* numbers, compared by value (``15,000`` = ``1만 5천``), years and months, as found by
  :func:`pipeline.pair.anchors.ko_anchors` / :func:`~pipeline.pair.anchors.en_anchors` on the
  whole text; a small integer (0–12) or a month counts less than a year or ``1182.17``;
* Latin-script tokens kept in the Korean (``NASA``, ``G20``) that the English also has; a
  common English word (``who`` for WHO) counts less;
* names by sound: a capitalised English word whose consonant skeleton
  (:func:`~pipeline.pair.anchors.en_skeleton`, at least four classes) begins a Korean word's
  skeleton (:func:`~pipeline.pair.anchors.ko_skeleton`): ``Clinton ~ 클린턴은``;
* concepts of the concept list (``대통령 ~ president``);
* the number of double quotation marks;
* length: English characters against the length model's expectation
  (:mod:`pipeline.pair.length_model`, summed over the Korean paragraphs).

The features are combined by a logistic model (:data:`WEIGHTS`, fitted on
``koen-news-park2016`` pseudo-documents 0–49; see :data:`THRESHOLD`) into
``confidence`` in (0, 1). Pairs are then taken one-to-one, best score first (greedy). A pair is
accepted only when its confidence is at least :data:`THRESHOLD`; when the runner-up (another
free Korean document for the English one, or another English document for the Korean one) is
within :data:`MARGIN` on the log-odds scale, the English document is reported ``ambiguous``
instead of paired.

Anchors are extracted once per document, so a batch of 50 × 50 takes a fraction of a second.
Pure functions: no I/O apart from the packaged data the anchors and length model read once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pipeline.model import Document
from pipeline.pair.anchors import (  # _NAME: the capitalised-word pattern of en_names
    _NAME,
    CONCEPTS_RESOURCE,
    en_anchors,
    en_skeleton,
    ko_anchors,
    ko_skeleton,
)
from pipeline.pair.length_model import char_count, load_model

__all__ = [
    "MARGIN",
    "THRESHOLD",
    "THRESHOLD_LOGIT",
    "WEIGHTS",
    "ContentPair",
    "ContentPairing",
    "pair_by_content",
    "pair_scores",
]

#: Logistic weights: (bias, numbers, concepts, names, latin, quotes, length).
#: Fitted (class-balanced logistic regression) on every English × Korean pair of
#: koen-news-park2016 pseudo-documents 0–49 (50 right pairs, 2,450 wrong ones); documents
#: 50–99 are held out for the tests. Quotation marks got a small negative weight next to the
#: others (no signal of their own), so they are evidence for people only (weight 0).
WEIGHTS = (-9.44, 9.05, 10.43, 6.51, 2.35, 0.0, -2.99)

#: Least confidence of an accepted pair. On the tuning half the best wrong pair had log-odds
#: −0.50 and the worst right pair 2.10; the threshold is their midpoint, log-odds 0.80
#: (confidence 0.69). On the held-out half: wrong pairs at most 0.29, right ones at least 2.76.
THRESHOLD_LOGIT = 0.80
THRESHOLD = 1.0 / (1.0 + math.exp(-THRESHOLD_LOGIT))

#: A pair is ambiguous when a runner-up is within this many log-odds units of it (the
#: runner-up is at least ``exp(-MARGIN)`` ≈ 22 % as likely). The smallest margin of a right
#: pair over its best wrong rival was 4.7 on the tuning half (5.4 held out).
MARGIN = 1.5

_NAME_MIN = 4  # consonant classes an English name needs to count (and a Korean prefix to match)
_COMMON_ZIPF = 5.0  # wordfreq Zipf frequency from which a capitalised word is not a name
_LATIN_COMMON_ZIPF = 4.0  # a Latin token this frequent in English counts little
_HANGUL = re.compile("[\uac00-\ud7a3]+")
_SHOW = 6  # items listed per evidence string

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True)
class ContentPair:
    """An English document and the Korean one judged to be its original."""

    english_path: str
    korean_path: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class ContentPairing:
    """The outcome of :func:`pair_by_content`.

    ``unpaired_english`` / ``unpaired_korean``: documents with no acceptable partner;
    ``ambiguous``: ``(english path, candidate korean paths, reason)``, best candidate first.
    The lists are disjoint: an English document in ``ambiguous`` is not in
    ``unpaired_english``, and a Korean candidate named there and not paired is not in
    ``unpaired_korean``.
    """

    pairs: list[ContentPair] = field(default_factory=list)
    unpaired_english: list[str] = field(default_factory=list)
    unpaired_korean: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str], str]] = field(default_factory=list)


# ----------------------------------------------------------------------------- profiles


@dataclass(frozen=True)
class _KoProfile:
    path: str
    numbers: dict[str, float]  # number key -> weight
    latin: frozenset[str]
    name_prefixes: dict[str, str]  # skeleton prefix -> first Korean word showing it
    concepts: frozenset[int]
    quotes: int
    chars: int
    expected_en: float


@dataclass(frozen=True)
class _EnProfile:
    path: str
    numbers: dict[str, float]
    tokens: frozenset[str]
    acronyms: frozenset[str]
    names: dict[str, str]  # skeleton -> first English word with it
    concepts: frozenset[int]
    quotes: int
    chars: int


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loaded on first use (a tenth of a second)

    return zipf_frequency(word, "en")


def _number_weight(key: str) -> float:
    """How telling a shared number is: a month or 0–12 little, anything else fully."""
    if key.startswith("m"):
        return 0.5
    value = float(key)
    if value == int(value) and 0 <= value <= 12:
        return 0.3
    return 1.0


def _ko_profile(doc: Document) -> _KoProfile:
    numbers, latin, _keys, concepts, _quote = ko_anchors(doc.text)
    prefixes: dict[str, str] = {}
    for word in doc.text.split():
        skeleton = ko_skeleton(word).replace(" ", "")
        if len(skeleton) < _NAME_MIN:
            continue
        hangul = _HANGUL.search(word)
        shown = hangul.group(0) if hangul else word
        for size in range(_NAME_MIN, len(skeleton) + 1):
            prefixes.setdefault(skeleton[:size], shown)
    model = load_model()
    paragraphs = [p for p in doc.text.splitlines() if p.strip()]
    return _KoProfile(
        path=doc.path,
        numbers={k: _number_weight(k) for k in numbers},
        latin=latin,
        name_prefixes=prefixes,
        concepts=concepts,
        quotes=sum(doc.text.count(q) for q in '"“”「」『』'),
        chars=char_count(doc.text),
        expected_en=sum(model.expected_en(char_count(p)) for p in paragraphs),
    )


def _en_profile(doc: Document) -> _EnProfile:
    numbers, tokens, acronyms, _keys, concepts, _quote = en_anchors(doc.text)
    names: dict[str, str] = {}
    for word in _NAME.findall(doc.text):
        skeleton = en_skeleton(word)
        if len(skeleton) >= _NAME_MIN and skeleton not in names:
            if _zipf(word.lower()) < _COMMON_ZIPF:
                names[skeleton] = word
    return _EnProfile(
        path=doc.path,
        numbers={k: _number_weight(k) for k in numbers},
        tokens=tokens,
        acronyms=acronyms,
        names=names,
        concepts=concepts,
        quotes=sum(doc.text.count(q) for q in '"“”'),
        chars=char_count(doc.text),
    )


def _latin_weight(token: str, en: _EnProfile) -> float:
    if token in en.acronyms or _zipf(token) < _LATIN_COMMON_ZIPF:
        return 1.0
    return 0.2


# ----------------------------------------------------------------------------- scoring


def _features(ko: _KoProfile, en: _EnProfile) -> tuple[float, ...]:
    """(numbers, concepts, names, latin, quotes, length) of one candidate pair."""
    shared = ko.numbers.keys() & en.numbers.keys()
    total = sum(ko.numbers.values()) + sum(en.numbers.values())
    numbers = 2 * sum(ko.numbers[k] for k in shared) / total if total else 0.0
    both = len(ko.concepts & en.concepts)
    size = len(ko.concepts) + len(en.concepts)
    concepts = 2 * both / size if size else 0.0
    found = sum(1 for s in en.names if s in ko.name_prefixes)
    names = found / len(en.names) if en.names else 0.0
    latin = min(sum(_latin_weight(t, en) for t in ko.latin & en.tokens), 3.0) / 3.0
    top = max(ko.quotes, en.quotes)
    quotes = 1.0 - abs(ko.quotes - en.quotes) / top if top else 0.0
    length = abs(math.log(max(en.chars, 1) / max(ko.expected_en, 1.0)))
    return (numbers, concepts, names, latin, quotes, length)


def _logit(features: tuple[float, ...]) -> float:
    bias, *weights = WEIGHTS
    return bias + sum(w * x for w, x in zip(weights, features, strict=True))


def _confidence(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-logit))


def pair_scores(english: list[Document], korean: list[Document]) -> list[list[float]]:
    """Confidence of every candidate: ``scores[i][j]`` for ``english[i]`` × ``korean[j]``."""
    ens = [_en_profile(d) for d in english]
    kos = [_ko_profile(d) for d in korean]
    return [[_confidence(_logit(_features(k, e))) for k in kos] for e in ens]


# ----------------------------------------------------------------------------- evidence


@lru_cache(maxsize=1)
def _concept_labels() -> list[str]:
    """``"대통령 ~ president"`` per concept number (the first form of each side)."""
    package, name = CONCEPTS_RESOURCE
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    labels = []
    for row in rows[1:]:
        ko, en = row.split("\t")[:2]
        en_form = en.split()[0].lstrip("=").rstrip("*").replace("_", " ")
        labels.append(f"{ko.split()[0].replace('_', ' ')} ~ {en_form}")
    return labels


def _show_number(key: str) -> str:
    """``m3`` → March, ``2024`` → 2024, ``45000`` → 45,000, ``1.2e+12`` → 1.2 trillion."""
    if key.startswith("m"):
        return _MONTH_NAMES[int(key[1:]) - 1]
    value = float(key)
    if value == int(value) and 1900 <= value <= 2100:
        return str(int(value))
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{value / scale:g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _listing(count: int, noun: str, items: list[str]) -> str:
    more = ", …" if len(items) > _SHOW else ""
    return f"{count} {noun}: {', '.join(items[:_SHOW])}{more}"


def _evidence(ko: _KoProfile, en: _EnProfile) -> list[str]:
    out = []
    shared = ko.numbers.keys() & en.numbers.keys()
    years = sorted(k for k in shared if not k.startswith("m") and 1900 <= float(k) <= 2100)
    months = sorted((k for k in shared if k.startswith("m")), key=lambda k: int(k[1:]))
    others = sorted(
        (k for k in shared if k not in years and k not in months),
        key=lambda k: (-ko.numbers[k], -float(k)),
    )
    if others:
        out.append(_listing(len(others), "shared numbers", [_show_number(k) for k in others]))
    if years:
        out.append(_listing(len(years), "shared years", [_show_number(k) for k in years]))
    if months:
        out.append(_listing(len(months), "shared months", [_show_number(k) for k in months]))
    names = [f"{w} ~ {ko.name_prefixes[s]}" for s, w in en.names.items() if s in ko.name_prefixes]
    if names:
        out.append(_listing(len(names), "names", names))
    latin = sorted(ko.latin & en.tokens)
    if latin:
        out.append(_listing(len(latin), "Latin tokens", latin))
    labels = _concept_labels()
    concepts = [labels[c] for c in sorted(ko.concepts & en.concepts) if c < len(labels)]
    if concepts:
        out.append(_listing(len(concepts), "concepts", concepts))
    if ko.quotes or en.quotes:
        out.append(f"quotation marks: {en.quotes} English, {ko.quotes} Korean")
    k = max(ko.chars, 1)
    out.append(f"length ratio {en.chars / k:.1f} (expected {ko.expected_en / k:.1f})")
    return out


# ----------------------------------------------------------------------------- pairing


def pair_by_content(english: list[Document], korean: list[Document]) -> ContentPairing:
    """Pair English documents with their Korean originals by content (one-to-one).

    See the module docstring for the score, :data:`THRESHOLD` and :data:`MARGIN`. Output
    lists keep the input order (pairs: best first).
    """
    ens = [_en_profile(d) for d in english]
    kos = [_ko_profile(d) for d in korean]
    logits = [[_logit(_features(k, e)) for k in kos] for e in ens]
    floor = THRESHOLD_LOGIT
    order = sorted(
        ((logits[i][j], i, j) for i in range(len(ens)) for j in range(len(kos))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    result = ContentPairing()
    en_done: set[int] = set()
    ko_taken: set[int] = set()
    ko_named: set[int] = set()
    for score, i, j in order:
        if score < floor:
            break
        if i in en_done or j in ko_taken:
            continue
        rivals_ko = [
            jj
            for jj in range(len(kos))
            if jj != j and jj not in ko_taken and logits[i][jj] >= score - MARGIN
        ]
        rivals_en = [
            ii
            for ii in range(len(ens))
            if ii != i and ii not in en_done and logits[ii][j] >= score - MARGIN
        ]
        if rivals_ko:
            cands = sorted([j, *rivals_ko], key=lambda jj: -logits[i][jj])
            runner = cands[1]
            reason = (
                f"{kos[runner].path} (log-odds {logits[i][runner]:.1f}) is within {MARGIN} of "
                f"{kos[j].path} (log-odds {score:.1f})"
            )
            result.ambiguous.append((ens[i].path, [kos[jj].path for jj in cands], reason))
            en_done.add(i)
            ko_named.update(cands)
            continue
        if rivals_en:
            for ii in [i, *rivals_en]:
                others = [ens[x].path for x in [i, *rivals_en] if x != ii]
                reason = (
                    f"{kos[j].path} fits {', '.join(others)} about as well "
                    f"(log-odds {logits[ii][j]:.1f} here, margin {MARGIN})"
                )
                result.ambiguous.append((ens[ii].path, [kos[j].path], reason))
                en_done.add(ii)
            ko_named.add(j)
            continue
        result.pairs.append(
            ContentPair(
                english_path=ens[i].path,
                korean_path=kos[j].path,
                confidence=_confidence(score),
                evidence=_evidence(kos[j], ens[i]),
            )
        )
        en_done.add(i)
        ko_taken.add(j)
    result.unpaired_english = [e.path for i, e in enumerate(ens) if i not in en_done]
    result.unpaired_korean = [
        k.path for j, k in enumerate(kos) if j not in ko_taken and j not in ko_named
    ]
    return result
