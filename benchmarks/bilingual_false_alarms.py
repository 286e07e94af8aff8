"""False alarms of the bilingual checks on professional translations.

Builds the first 60 pseudo-documents of ../shared/data/koen-news-park2016 (news sentences
and their professional Korean translations, Park et al. 2016) as a batch: each document an
English file with its Korean original under the same name, three lines to a paragraph. Runs
``mtreview run`` on it with a temporary SQLite store, exports the findings and prints the
count per check, then every number.mismatch and date.mismatch finding with its message.
The translations are professional, so nearly every finding is a false alarm.

    .venv/bin/python benchmarks/bilingual_false_alarms.py [--documents 60] [--all]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "docs.jsonl"
MTREVIEW = Path(sys.executable).with_name("mtreview")
SHOWN = ("number.mismatch", "date.mismatch")


def paragraphs(lines: list[str], size: int = 3) -> str:
    return "\n\n".join(" ".join(lines[i : i + size]) for i in range(0, len(lines), size)) + "\n"


def build_batch(folder: Path, documents: int) -> None:
    folder.mkdir()
    for line in DATA.read_text("utf-8").splitlines()[:documents]:
        record = json.loads(line)
        (folder / f"{record['id']}.en.txt").write_text(paragraphs(record["en"]), "utf-8")
        (folder / f"{record['id']}.ko.txt").write_text(paragraphs(record["ko"]), "utf-8")


def findings(documents: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        batch, db, out = work / "news", f"sqlite:///{work / 'store.sqlite3'}", work / "f.jsonl"
        build_batch(batch, documents)
        subprocess.run([MTREVIEW, "run", batch, "--db", db], check=True, capture_output=True)
        subprocess.run(
            [MTREVIEW, "export", "findings", "--db", db, "--output", out],
            check=True,
            capture_output=True,
        )
        return [json.loads(line) for line in out.read_text("utf-8").splitlines() if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--all", action="store_true", help="print every finding's message")
    args = parser.parse_args()
    found = findings(args.documents)
    counts = Counter(f["check"] for f in found)
    print(f"{len(found)} findings on {args.documents} documents")
    for check, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:5d}  {check}")
    for f in found:
        if args.all or f["check"] in SHOWN:
            print(f"\n{f['check']}  {f['document']}  {f['text']!r}\n    {f['message']}")


if __name__ == "__main__":
    main()
