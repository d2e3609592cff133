"""The short reasons an issuer's content index gives in a row, instead of a page: each must make the row's item
`explained` when the body does not disclose it.

The rows are written for this test, in the words index cells use (English, Traditional Chinese): not applicable,
not relevant, not material, data not available or being collected, to be set or disclosed later, no such procedure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.claims.model import Claim
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards
from checker.report.model import Finding, Profile

ROWS = [
    ("A1.3", "有害廢棄物", "不適用，本集團營運不產生有害廢棄物"),
    ("A2.5", "包裝材料", "N/A – the Group has no finished products"),
    ("B6.1", "產品回收", "Not relevant to our business"),
    ("B6.3", "知識產權", "對本集團影響輕微，未有披露"),
    ("B1.2", "僱員流失比率", "資料收集中，將於下年度披露"),
    ("B2.2", "因工傷損失日數", "Data not available"),
    ("B3.2", "平均受訓時數", "Not reported this year"),
    ("B5.4", "綠色採購", "本集團採購規模小，暫不披露"),
    ("B6.4", "質量檢定及產品回收程序", "本集團提供服務，無此程序"),
    ("A1.6", "減廢目標", "Under review; to be set in 2026"),
    ("A2.4", "求取水源", "沒有求取水源問題；用水目標尚在制定中"),
    ("B6.5", "消費者資料保障", "Immaterial – B2B only"),
    ("A3.1", "環境及天然資源", "The Group's activities have no significant impact"),
    ("B4.2", "消除童工的步驟", "無童工個案，不適用"),
]
BODY = "# 關於本報告\n\n本報告涵蓋本集團於香港的營運。二〇二五年，本集團僱員共有120名。\n\n<!-- pagebreak -->\n\n"
INDEX = "# 香港聯交所環境、社會及管治報告守則內容索引\n\n| 層面 | 描述 | 章節／說明 |\n|---|---|---|\n"


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    draft = tmp_path_factory.mktemp("index-reasons") / "draft.md"
    draft.write_text(BODY + INDEX + "".join(f"| {c} | {d} | {r} |\n" for c, d, r in ROWS), encoding="utf-8")
    auditor = Auditor(load_standards(["hkex-esg-2025"]))
    result = auditor.audit(read_document(Path(draft)), Profile(tier="main_board", financial_year=2025))
    return {f.id: f for f in result.findings}


@pytest.mark.parametrize(("code", "item", "reason"), ROWS, ids=[row[0] for row in ROWS])
def test_the_rows_reason_explains_its_item(findings: dict[str, Finding], code: str, item: str, reason: str) -> None:
    assert findings[code].status.value == "explained", findings[code].message


# A Part D table that names its items by topic follows the coded rows: a coded row ends with its own table line, so
# a reason given in an uncoded row below ("融資排放 | 不適用") is not the coded row's.
UNCODED_BELOW = [
    ("| B5 | 供應鏈管理：B5.1至B5.4 | 9 |", "| D部分 | 融資排放 | 不適用 |", "B5.4"),
    ("| B6 | 产品责任：B6.1至B6.5 | 10 |", "| D部分 指标 | 融资排放 | 不适用 |", "B6.5"),
    ("| B7 | Anti-corruption: B7.1 to B7.3 | 11 |", "| Part D | Financed emissions | Not applicable |", "B7.3"),
]


def _claims_of(tmp_path: Path, rows: list[str]) -> list[Claim]:
    """The claims read from a draft whose content index is ``rows``, after a short body."""
    draft = tmp_path / "draft.md"
    draft.write_text(BODY + INDEX + "\n".join(rows) + "\n", encoding="utf-8")
    document = read_document(draft)
    assert document.content_index is not None
    return document.content_index.claims


@pytest.mark.parametrize(("coded", "uncoded", "code"), UNCODED_BELOW, ids=["zh-hant", "zh-hans", "en"])
def test_a_reason_in_an_uncoded_row_below_is_not_the_coded_rows(
    tmp_path: Path, coded: str, uncoded: str, code: str
) -> None:
    rows = [
        "| A1 | 排放物：A1.1至A1.6 | 4 |",
        "| B1 | 僱傭：B1.1、B1.2 | 7 |",
        coded,
        "| D部分 | 管治 | 12 |",
        uncoded,
        "| D部分 | 氣候相關目標 | 14 |",
    ]
    claims = [c for c in _claims_of(tmp_path, rows) if c.code == f"HKEX:{code}"]
    assert claims and all(c.explanation is None for c in claims), [c.explanation for c in claims]


@pytest.mark.parametrize(
    "cell", ["| B6 | 產品責任 | 10 |", "| b6 | Product responsibility | 10 |"], ids=["zh-hant", "en"]
)
def test_an_aspect_code_alone_in_its_cell_is_the_aspects_row(tmp_path: Path, cell: str) -> None:
    rows = [
        "| A1 | 排放物：A1.1至A1.6 | 4 |",
        "| B1 | 僱傭：B1.1、B1.2 | 7 |",
        cell,
        "| B7 | 反貪污：B7.1至B7.3 | 11 |",
    ]
    claims = {c.code: c for c in _claims_of(tmp_path, rows)}
    assert claims["HKEX:B6.GD"].pages == ["10"]
