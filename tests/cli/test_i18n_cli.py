"""``--lang zh-Hant|zh-Hans`` end to end on the shared real chapter: Chinese titles in text, Markdown, workbook."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from checker.report import labels
from checker.report.workbook_state import role_of

SHARED_CHAPTER = Path("/work/shared/samples/cmcc-2024-esg-excerpt.zh-Hant.paged.txt")
FIXTURE_RULES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"
Gapcheck = Callable[..., Any]

# (language, the Code's title of B1.GD, its aspect, a word only that script writes)
LANGS = [
    ("zh-Hant", "一般披露B1：僱傭政策及遵守相關法律及規例的情況", "層面B1：僱傭", "狀態"),
    ("zh-Hans", "一般披露B1：雇佣政策及遵守相关法律及规例的情况", "层面B1：雇佣", "状态"),
]


@pytest.fixture(autouse=True)
def _no_policy_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.skipif(not SHARED_CHAPTER.exists(), reason="shared sample chapter not available")
@pytest.mark.parametrize(("lang", "title", "aspect", "status_header"), LANGS, ids=[row[0] for row in LANGS])
def test_audit_in_chinese_writes_chinese_titles_everywhere(
    gapcheck: Gapcheck, tmp_path: Path, lang: str, title: str, aspect: str, status_header: str
) -> None:
    book, markdown, data = tmp_path / "gaps.xlsx", tmp_path / "gaps.md", tmp_path / "gaps.json"
    run = gapcheck(
        "audit", str(SHARED_CHAPTER), "-s", "hkex-esg", "--lang", lang, "--exit-zero",
        "--report", f"xlsx={book}", "--report", f"md={markdown}", "--report", f"json={data}",
    )  # fmt: skip
    assert run.code == 0, run.err

    assert title in run.out  # the terminal summary (text format), with its words in the same language
    assert labels.header("coverage", lang) in run.out and labels.status_word("covered", lang) in run.out

    md = markdown.read_text(encoding="utf-8")
    assert f"| {title} |" in md and status_header in md
    assert labels.text("page_count", lang).format(n=27) in md  # the 27-page chapter

    result = json.loads(data.read_text(encoding="utf-8"))  # one draft: one object
    finding = next(f for f in result["findings"] if f["id"] == "B1.GD")
    assert (finding["title"], finding["aspect"]) == (title, aspect)
    assert finding["status"] in labels._STATUS  # NOTE: machine fields stay English codes
    assert all(f["id"].isascii() and f["standard"] == "hkex-esg-2025" for f in result["findings"])

    workbook = load_workbook(book)
    assert [ws.title for ws in workbook.worksheets if role_of(ws) in ("summary", "matrix")] == [
        labels.sheet_name("summary", lang),
        labels.sheet_name("matrix", lang),
    ]
    matrix = workbook[labels.sheet_name("matrix", lang)]
    header = [c.value for c in matrix[1]]
    rows = {r[header.index(labels.header("id", lang))]: r for r in matrix.iter_rows(min_row=2, values_only=True)}
    assert rows["B1.GD"][header.index(labels.header("requirement", lang))] == title
    titles = [str(r[header.index(labels.header("requirement", lang))]) for r in rows.values()]
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in titles)  # every requirement title is Chinese
    summary_cells = {
        str(c) for row in workbook[labels.sheet_name("summary", lang)].iter_rows(values_only=True) for c in row
    }
    assert aspect in summary_cells  # coverage by aspect, in the Code's words


def test_rules_validate_reports_i18n_coverage(gapcheck: Gapcheck) -> None:
    run = gapcheck("rules", "validate")
    assert run.code == 0, run.err
    assert re.search(r"ok  i18n zh-Hant: (\d+)/\1 requirement titles, 0 missing entries", run.out), run.out
    assert re.search(r"ok  i18n zh-Hans: (\d+)/\1 requirement titles, 0 missing entries", run.out), run.out


def test_unknown_id_in_an_i18n_file_fails_validate_and_audit_with_exit_2(gapcheck: Gapcheck, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, rules)
    i18n = rules / "gapfix-common" / "i18n"
    i18n.mkdir()
    (i18n / "zh-Hant.toml").write_text('["X1.1"]\ntitle = "排放"\n\n["X7.7"]\ntitle = "不存在"\n', encoding="utf-8")
    run = gapcheck("rules", "validate", str(rules))
    assert run.code == 2
    assert f"{i18n / 'zh-Hant.toml'}: 4:2: unknown requirement id 'X7.7'" in run.err
    draft = Path(__file__).resolve().parents[1] / "fixtures" / "drafts" / "small-draft.txt"
    run = gapcheck("audit", str(draft), "--rules-dir", str(rules), "-s", "gapfix", "--lang", "zh-Hant")
    assert run.code == 2 and "X7.7" in run.err
    # NOTE: English output does not read the Chinese files, so a broken one cannot stop an English audit
    assert gapcheck("audit", str(draft), "--rules-dir", str(rules), "-s", "gapfix").code == 0
