"""Small real batches for store and CLI tests, built in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"

#: a short Google-Translate-style English column with errors the first checks find
COLUMN_EN = """[Opinion] The price of rice and the 농협 reform

Park Ji-won, Professor of Agricultural Economics at Chungnam National University

Rice prices rose for the third month in a row , the statistics office said on Monday.
The the government promised to release 50,000 tons from its reserves before the harvest.
Farmers called the plan “a drop in the bucket and demanded direct payments instead.

(This column was translated into English with the help of Google Translate.)
"""

#: its Korean original, saved as CP949 like many Korean sites still do
COLUMN_KO = """[오피니언] 쌀값과 농협 개혁

박지원 충남대 농업경제학과 교수

쌀값이 석 달 연속 올랐다고 통계청이 월요일 밝혔다.
정부는 수확 전에 비축미 5만 톤을 방출하겠다고 약속했다.
농민들은 이 계획을 "언 발에 오줌 누기"라고 부르며 직접 지불을 요구했다.
"""


def make_batch(root: Path, with_seeds: bool = True) -> Path:
    """A batch folder: the seed corpus (column + trusted news), and a CP949 ko/en pair."""
    batch = root / "batch"
    batch.mkdir()
    if with_seeds:
        for path in CORPUS.iterdir():
            shutil.copy(path, batch / path.name)
    (batch / "rice.en.txt").write_text(COLUMN_EN, encoding="utf-8")
    (batch / "rice.ko.txt").write_bytes(COLUMN_KO.encode("cp949"))
    return batch
