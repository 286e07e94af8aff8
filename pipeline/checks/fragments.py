"""Sentences without a main clause: what MT leaves when a Korean predicate is lost.

Korean columns end sentences in nominal forms and chain clauses that MT renders as an
English noun phrase followed only by relative or adverbial clauses ("Also the long hours
when the helicopters could not take off."; "Samsung, which is the largest chipmaker but
which has lost its lead."). Such a sentence has verbs, but none in its main clause.

Which words can be finite verbs comes from lemminflect's English inflection tables
(packaged with it, MIT licence; read through :mod:`pipeline.lexicon.verbs`): a word is a
finite-verb candidate when it is an auxiliary or modal, or the past (VBD), third-person
(VBZ) or present (VBP) form of a verb in a place where a verb can stand (see
``has_finite_verb``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.verbs import finite_tags, parts_of_speech
from pipeline.model import AlignedPair

#: words that open a subordinate or relative clause: what follows is not the main clause
_SUBORDINATORS = frozenset(
    "which who whom whose where when while because although though whereas if unless whether "
    "that".split()
)
_AUXILIARIES = frozenset(
    "is are was were be am has have had do does did will would shall should can could may "
    "might must ought isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't "
    "won't wouldn't shouldn't can't cannot couldn't mustn't".split()
)
#: contractions that hold a verb ("it's", "they're", "you'll"); 's only after a pronoun,
#: since after a noun it is a possessive ("the world's")
_CONTRACTED = re.compile(
    r"(?i)^(?:\w+['’](?:re|ll|ve|m|d)|\w+n['’]t|(?:it|he|she|that|there|"
    r"what|who|here|where|how|let)['’]s)$"
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?(?:[-.,][A-Za-z0-9]+)*")
_QUOTE_OPEN = "\"“‘'"
_MIN_WORDS = 6
#: matches a text ``_WORD.findall`` finds at least _MIN_WORDS words in: the words taken one
#: after the other as findall takes them (atomic: never cut another way), skipping what
#: cannot start one; it stops at the sixth word instead of reading the whole sentence
_ENOUGH_WORDS = re.compile(rf"(?:[^A-Za-z0-9]*(?>{_WORD.pattern})){{{_MIN_WORDS}}}")

#: words after which a verb-looking word is a noun or an infinitive ("the talks", "to close")
_NOT_BEFORE_VERB = frozenset(
    "the a an this that these those its their his her our my your to of in on at for from "
    "with by about into over under between among against during without most more less very "
    "so too".split()
)
#: subjects a bare present form agrees with ("they want", "people say")
_PLURAL_SUBJECTS = frozenset("i we you they these those people police children men women".split())
_CONJUNCTIONS = frozenset("and but or yet so".split())
_GROUP_ADVERBS = frozenset("not n't never also already still just been being be".split())


@lru_cache(maxsize=65536)
def verb_forms(word: str) -> frozenset[str]:
    """The finite tags ``word`` can have: AUX, VBD (past), VBZ (-s), VBP (present)."""
    w = word.lower().replace("’", "'")
    if w in _AUXILIARIES or _CONTRACTED.match(w):
        return frozenset({"AUX"})
    if "-" in w:  # "blasted-off": the verb part
        w = w.split("-")[0]
    return finite_tags(w)


@lru_cache(maxsize=65536)
def _parts_of_speech(word: str) -> frozenset[str]:
    return parts_of_speech(word.lower())


def _adjective_only(word: str) -> bool:
    """An adjective that is neither a noun nor an adverb ("new", "political", "advanced")."""
    pos = _parts_of_speech(word)
    return "ADJ" in pos and not pos & {"NOUN", "ADV"}


def _plural(word: str) -> bool:
    w = word.lower()
    if w in _PLURAL_SUBJECTS or (w.endswith("men") and len(w) > 4):  # "fishermen"
        return True
    return w.endswith("s") and not w.endswith("ss") and len(w) > 3


def _finite_positions(words: list[str], before: list[str] = ()) -> Iterator[int]:
    """Where the finite verb groups of a clause start, left to right (``before``: the words
    of the sentence before the clause, for subject agreement). An auxiliary always counts; a past
    or -s form unless a determiner or preposition precedes it ("the talks"); a bare present
    form after a plural subject ("analysts expect") or as the first word of the sentence
    (an imperative), not after "to" or a determiner; never a word that is also a noun right
    after an adjective ("new rules"). A verb right after an auxiliary (and "not",
    "also"…) belongs to the auxiliary's group."""
    for i, word in enumerate(words):
        tags = verb_forms(word)
        if not tags:
            continue
        j = i - 1
        while j >= 0 and words[j].lower() in _GROUP_ADVERBS:
            j -= 1
        if j >= 0 and "AUX" in verb_forms(words[j]):
            continue  # "could not take", "has lost": one group
        if "AUX" in tags:
            yield i
            continue
        previous = words[i - 1].lower() if i else ""
        if previous in _NOT_BEFORE_VERB:
            continue
        if i and "NOUN" in _parts_of_speech(word) and _adjective_only(previous):
            continue  # "advanced products", "new rules": a noun after its adjective
        if tags & {"VBD", "VBZ"}:
            yield i
        elif (i == 0 and not before) or any(_plural(w) for w in [*before, *words[:i]]):
            yield i


def _has_finite_verb(words: list[str], before: list[str]) -> bool:
    return next(_finite_positions(words, before), None) is not None


def _verb_groups_up_to_two(words: list[str], before: list[str]) -> int:
    return len(list(islice(_finite_positions(words, before), 2)))


_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PART_END = re.compile(r"[,;:–—]")


def _opening(k: int, stretch: list[str]) -> bool:
    """Whether the ``k``-th word of a part opens it: the first word, or the second after
    a conjunction."""
    return k == 0 or (k == 1 and bool(stretch) and stretch[-1].lower() in _CONJUNCTIONS)


def _parts(sentence: str) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Each comma-separated part of the sentence (brackets left out), in order: its words
    outside subordinate and relative clauses, and those clauses (each from its opening
    word to the next one or the part's end). "That" opening the part, or after
    "and"/"but", is a pronoun ("That is …", "…, but that number is …"), not a clause."""
    for part in _PART_END.split(_BRACKETED.sub(" ", sentence)):
        inside = False
        stretch: list[str] = []
        subordinate: list[list[str]] = []
        tokens = _WORD.findall(part)
        lowered = [token.lower() for token in tokens]
        if _SUBORDINATORS.isdisjoint(lowered):  # most parts: all main clause
            yield tokens, subordinate
            continue
        for k, (token, lower) in enumerate(zip(tokens, lowered, strict=True)):
            if lower in _SUBORDINATORS and not (lower == "that" and _opening(k, stretch)):
                subordinate.append([token])
                inside = True
            elif inside:
                subordinate[-1].append(token)
            else:
                stretch.append(token)
        yield stretch, subordinate


def _clauses(sentence: str) -> tuple[list[list[str]], list[list[str]]]:
    """The stretches of words outside subordinate and relative clauses and brackets (one
    per comma-separated part that has any), and the subordinate clauses themselves (see
    ``_parts``)."""
    main: list[list[str]] = []
    subordinate: list[list[str]] = []
    for stretch, clauses in _parts(sentence):
        if stretch:
            main.append(stretch)
        subordinate += clauses
    return main, subordinate


def main_clause_words(sentence: str) -> list[str]:
    """The words of the sentence outside subordinate and relative clauses and brackets."""
    return [w for stretch in _clauses(sentence)[0] for w in stretch]


def is_fragment(sentence: str) -> bool:
    """Six words or more, a statement, and no finite verb outside subordinate clauses.

    A relative clause that no comma closes ("the corridor that Ukraine opened carried…")
    hides the main verb inside it, so a subordinate clause with two verb groups of its own
    means the sentence has a main verb after all.
    """
    stripped = sentence.strip()
    if not stripped.endswith((".", "!")) or stripped[0] in _QUOTE_OPEN:
        return False
    if any(q in stripped for q in '"“”'):
        return False  # quotations carry their own grammar (and attributions)
    if not _ENOUGH_WORDS.match(stripped):  # fewer than _MIN_WORDS words
        return False
    seen: list[str] = []  # the main-clause words so far
    subordinate: list[list[str]] = []
    parts = 0
    for stretch, clauses in _parts(stripped):  # part by part: most have a verb at once
        subordinate += clauses
        if stretch and _has_finite_verb(stretch, seen):
            return False
        seen += stretch
        parts += 1
    if not seen:
        # one subordinate clause standing alone: "Because of the fear that they may lose
        # their deposits." ("If …, they will …" has its main clause after the comma)
        first = stripped.split(maxsplit=1)[0].lower()
        if first not in _LONE_OPENERS or _PART_END.search(stripped):
            return False
    if parts == 2 and _name_and_apposition(seen):
        return True  # "Estonia, a country … that borders Russia and has lived …": no verb
    return all(_verb_groups_up_to_two(clause[1:], seen) < 2 for clause in subordinate)


def _name_and_apposition(words: list[str]) -> bool:
    """Whether the main-clause words of a sentence of two parts are a name and a noun phrase
    in apposition to it ("Estonia" + "a country of 1.4 million people"): then a relative
    clause after them belongs to the apposition and hides no main verb."""
    k = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
    if not (0 < k <= 4 and k < len(words) and words[k].lower() in ("a", "an", "the")):
        return False
    # a name, not an English word capitalised because it opens the sentence ("Meanwhile")
    return not any(parts_of_speech(w.lower()) for w in words[:k])


#: subordinators that cannot open a sentence of their own (unlike "when" in a question)
_LONE_OPENERS = frozenset("because although though whereas whether unless while".split())


@check(
    id="structure.fragment",
    category="linguistic conventions/grammar",
    severity="minor",
)
def sentence_fragment(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A sentence with no main verb: a noun phrase followed only by subordinate clauses.

    The words outside relative and adverbial clauses (which, when, because…) and brackets
    must hold a finite verb candidate (an auxiliary; a past or third-person form not right
    after a determiner or preposition; a present form after a plural subject), by
    lemminflect's tables; a subordinate clause standing alone ("Because of the fear that
    they may lose their deposits.") is a fragment too, and so is a name with an apposition
    whose relative clause runs to the end ("Estonia, a country that borders Russia and has
    lived in its shadow."). Sentences under six words, questions,
    headings and
    sentences with quotation marks are left alone. False positives: deliberate stylistic
    fragments ("A bold move, and a costly one."); a verb that is also a common noun counts
    as a verb, so real fragments built on such words ("The plans for the bridge.") are
    missed rather than flagged.
    """
    passage = pair.target
    if passage.kind != "body":
        return
    for s in passage.segments:
        if is_fragment(s.text):
            start = s.start - passage.start
            yield Hit(
                start,
                start + len(s.text),
                "this sentence has no main verb (only a noun phrase and subordinate clauses): "
                "part of the original sentence may be missing",
            )
