"""An unpaged rendering of a real chapter, with a contents list on top and a content index at the end, gets the
verdicts of the paged text.

Unpaged formats (HTML, Markdown without page-break markers, text without form feeds) are one page. Contents and
index detection used to work per page, so a contents title marked the whole page, and with it the whole report,
as a table of contents: every requirement came out missing. Roles are now decided per block.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.ingest.document import BlockKind, BlockRole, Document
from checker.pipeline import load_standards
from checker.report.model import Profile

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
SAMPLE = SHARED / "cmcc-2024-esg-excerpt.zh-Hant.paged.txt"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared samples directory not present")

# NOTE: our own contents and index rows (codes and page numbers), not the report's.
CONTENTS = [("網絡安全專題", 2), ("鄉村振興與社區", 10), ("員工發展", 21), ("健康與安全", 24)]
INDEX_ROWS = [
    ("A1.1", "排放物種類及相關排放數據", "12"),
    ("A2.1", "按類型劃分的直接及間接能源總耗量", "13"),
    ("B1.1", "按性別、僱傭類型、年齡組別及地區劃分的僱員總數", "21"),
    ("B2.1", "過去三年每年因工亡故的人數及比率", "24"),
    ("B3.2", "按性別及僱員類別劃分的平均受訓時數", "22"),
    ("B5.1", "按地區劃分的供應商數目", "17"),
    ("B6.5", "消費者資料保障及私隱政策", "3"),
    ("B8.2", "在專注範疇所動用資源", "19"),
]


def _html(document: Document) -> str:
    parts = ["<html><body>", "<h1>目錄</h1>", "<ul>"]
    parts += [f"<li>{html.escape(title)} ........ {page}</li>" for title, page in CONTENTS]
    parts.append("</ul>")
    for block in document.blocks:
        text = html.escape(block.text)
        if block.kind is BlockKind.HEADING:
            parts.append(f"<h2>{text}</h2>")
        elif block.kind is BlockKind.LIST_ITEM:
            parts.append(f"<ul><li>{text}</li></ul>")
        elif block.kind is BlockKind.TABLE and block.rows:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in block.rows)
            parts.append(f"<table>{rows}</table>")
        else:
            parts.append(f"<p>{text}</p>")
    parts += ["<h2>聯交所《環境、社會及管治報告指引》內容索引</h2>", "<table>"]
    parts.append("<tr><td>指標</td><td>描述</td><td>頁碼</td></tr>")
    parts += [f"<tr><td>{c}</td><td>{d}</td><td>{p}</td></tr>" for c, d, p in INDEX_ROWS]
    parts += ["</table>", "</body></html>"]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], Document]:
    paged = read_document(SAMPLE)
    page = tmp_path_factory.mktemp("unpaged") / "chapter.html"
    page.write_text(_html(paged), encoding="utf-8")
    unpaged = read_document(page)
    auditor = Auditor(load_standards(["hkex-esg-2020"]))
    profile = Profile(tier="main_board", financial_year=2024)
    before = {f.id: f.status.value for f in auditor.audit(paged, profile).findings}
    after = {f.id: f.status.value for f in auditor.audit(unpaged, profile).findings}
    return before, after, unpaged


def test_the_rendering_is_one_page(verdicts: tuple[dict[str, str], dict[str, str], Document]) -> None:
    _, _, unpaged = verdicts
    assert len(unpaged.pages) == 1


def test_contents_and_index_are_marked_and_nothing_else(
    verdicts: tuple[dict[str, str], dict[str, str], Document],
) -> None:
    _, _, unpaged = verdicts
    roles = [block.role for block in unpaged.blocks]
    assert roles.count(BlockRole.TOC) == len(CONTENTS) + 1
    assert roles[-1] is BlockRole.CONTENT_INDEX
    assert roles.count(BlockRole.BODY) > 0.9 * len(roles)


def test_same_verdicts_as_the_paged_text(verdicts: tuple[dict[str, str], dict[str, str], Document]) -> None:
    before, after, _ = verdicts
    assert sum(v != "missing" for v in before.values()) >= 15  # NOTE: the chapter discloses; this is not vacuous
    changed = {rid: (before[rid], after[rid]) for rid in before if before[rid] != after[rid]}
    assert changed == {}
