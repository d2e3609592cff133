"""``localize``: the report model in Chinese before any writer runs, and the i18n files it reads, checked strictly.

The writer-test pack (tests/fixtures/rules) is copied to a temporary folder and given i18n files, so each case can
write exactly the file it needs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checker.dsl.diagnostics import RuleErrors
from checker.dsl.pack import RulePack, load_pack
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.report import labels
from checker.report.i18n_catalog import Catalog, Words, load_catalog, missing_entries
from checker.report.localize import localize, translate_message
from checker.report.model import AuditResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ENGINE_SOURCES = [
    Path(__file__).resolve().parents[2] / "checker" / "evaluate" / n
    for n in ("engine.py", "applicability.py", "reliefs.py")
]

GOOD_HANT = """\
[parts]
"A" = "A部分"
[aspects]
"X1 Emissions" = "層面X1：排放物"
["X1.1"]
title = "範圍1及範圍2溫室氣體排放"
elements."scope 1 emissions" = "範圍1排放量"
elements."scope 2 emissions" = "範圍2排放量"
["X1.2"]
title = "按性別劃分的僱員"
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rules", root)
    return root


def _pack(rules: Path) -> RulePack:
    return load_pack(rules / "gapfix-2025")


def _write(rules: Path, text: str, lang: str = "zh-Hant", folder: str = "gapfix-common") -> Path:
    path = rules / folder / "i18n" / f"{lang}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _result(pack: RulePack) -> AuditResult:
    return Auditor([pack]).audit(read_document(FIXTURES / "drafts" / "small-draft.txt"))


# (file text, what the error says, the line it points at)
BAD_FILES = [
    ('["X1.1"]\ntitle = "ok"\n["X9.9"]\ntitle = "無"\n', "unknown requirement id 'X9.9'", 3),
    ('["X1.1"]\ntitle = "ok"\nelements."scope 3 emissions" = "範圍3"\n', "unknown key 'scope 3 emissions'", 3),
    ('["X1.1"]\ntitel = "錯字"\n', "unknown field 'titel'", 2),
    (  # a key valid in one requirement, wrong in the next: pointed at where it is wrong
        '["X1.1"]\nelements."scope 1 emissions" = "範圍1"\n["X1.2"]\nelements."scope 1 emissions" = "範圍1"\n',
        "unknown key 'scope 1 emissions'",
        4,
    ),
    ('["X1.1"]\ntitle = ""\n', "must be a non-empty string", 2),
    ('["X1.1"]\ntitle = 3\n', "must be a non-empty string", 2),
    ('["X1.1"]\ntitle = "no closing quote\n', "malformed TOML", 2),
    ('[aspects]\n"X9 Nothing" = "無"\n', "unknown key 'X9 Nothing'", 2),
    ('[pack]\nname = "not beside a pack.rule"\n', "belongs beside a pack.rule", 1),
    ('["X1.1"]\nuncheckable = "不可檢查"\n', "the rule is not uncheckable", 2),
]


@pytest.mark.parametrize(("text", "message", "line"), BAD_FILES, ids=[m for _, m, _ in BAD_FILES])
def test_bad_i18n_file_is_a_rule_error_naming_file_and_line(rules: Path, text: str, message: str, line: int) -> None:
    path = _write(rules, text)
    with pytest.raises(RuleErrors) as caught:
        load_catalog([_pack(rules)], "zh-Hant")
    problem = caught.value.diagnostics[0]
    assert message in problem.message
    assert (problem.path, problem.line) == (str(path), line)
    assert caught.value.exit_code == 2


def test_i18n_file_that_is_not_utf8_is_a_rule_error(rules: Path) -> None:
    path = _write(rules, "")
    path.write_bytes('["X1.1"]\ntitle = "排放"\n'.encode("big5"))
    with pytest.raises(RuleErrors, match="not UTF-8"):
        load_catalog([_pack(rules)], "zh-Hant")


def test_english_needs_no_files_and_changes_nothing(rules: Path) -> None:
    _write(rules, "this is not TOML at all [")
    pack = _pack(rules)
    catalog = load_catalog([pack], "en")
    result = _result(pack)
    assert localize(result, "en", catalog) is result


def test_localize_replaces_rule_words_and_falls_back_to_english_per_entry(rules: Path) -> None:
    _write(rules, GOOD_HANT)
    _write(rules, '[pack]\nname = "写作测试规则包"\n', folder="gapfix-2025", lang="zh-Hant")
    pack = _pack(rules)
    catalog = load_catalog([pack], "zh-Hant")
    english = _result(pack)
    chinese = localize(english, "zh-Hant", catalog)
    by_id = {f.id: f for f in chinese.findings}
    assert by_id["X1.1"].title == "範圍1及範圍2溫室氣體排放"
    assert by_id["X1.1"].part == "A部分" and by_id["X1.1"].aspect == "層面X1：排放物"
    assert {e.name for e in by_id["X1.1"].elements} == {"範圍1排放量", "範圍2排放量"}
    assert all(e.element in (None, "範圍1排放量", "範圍2排放量") for e in by_id["X1.1"].evidence)
    assert set(by_id["X1.1"].missing_elements) <= {"範圍1排放量", "範圍2排放量"}
    # NOTE: no words for these: the English stays, entry by entry
    assert by_id["X1.2"].title == "按性別劃分的僱員" and by_id["X1.2"].elements[0].name == "by gender"
    assert by_id["X2.1"].title == "Anti-corruption policy and whistleblowing procedures"
    assert by_id["X2.1"].aspect == "X3 Anti-corruption"
    # machine fields never change
    for before, after in zip(english.findings, chinese.findings, strict=True):
        assert (after.id, after.standard, after.status, after.obligation) == (
            before.id,
            before.standard,
            before.status,
            before.obligation,
        )
        assert [e.text for e in after.evidence] == [e.text for e in before.evidence]
    assert chinese.standard.name == "写作测试规则包" and chinese.standard.id == english.standard.id
    missing = missing_entries([pack], catalog)
    assert any("X2.1: title" in m for m in missing) and any("'by gender'" in m for m in missing)


WORDS = Words(
    elements={"scope 1 emissions": "範圍1排放量", "scope 2 emissions": "範圍2排放量"},
    hints={"a combined total is not Scope 1": "合計總量並非範圍1"},
    reliefs={"scope3-interim": "過渡性條文"},
    uncheckable="須由審閱人判斷。",
)

# (the engine's English message, the same in Traditional Chinese)
MESSAGES = [
    ("All 2 element(s) disclosed (pages 1, 2).", "已披露全部 2 項要素（第 1, 2 頁）。"),
    ("All 1 element(s) disclosed.", "已披露全部 1 項要素。"),
    (
        "Omission explained on page 4; not disclosed: scope 1 emissions.",
        "第 4 頁說明了不披露的原因；未披露：範圍1排放量。",
    ),
    (
        "Omission explained in the content index (page 9): Not applicable; not material; not disclosed: "
        "scope 1 emissions; scope 2 emissions.",
        "內容索引（第 9 頁）說明了不披露的原因：Not applicable; not material；未披露：範圍1排放量；範圍2排放量。",
    ),
    (
        "Cannot judge: page(s) 3, 4 have no text layer (scanned?); not found in the readable pages: scope 2 emissions.",
        "無法判斷：第 3, 4 頁沒有文字層（掃描件？）；可讀頁面中未找到：範圍2排放量。",
    ),
    (
        "Missing: scope 2 emissions. Found: scope 1 emissions (page 2).",
        "缺漏：範圍2排放量。已披露：範圍1排放量（第 2 頁）。",
    ),
    (
        "Topic mentioned (e.g. page 5) but not disclosed: scope 1 emissions; scope 2 emissions.",
        "提及相關議題（例如第 5 頁），但未披露：範圍1排放量；範圍2排放量。",
    ),
    ("Not disclosed: scope 1 emissions; an element with no words.", "未披露：範圍1排放量；an element with no words。"),
    (
        "Not disclosed: scope 1 emissions. Cover page(s) 1 have no text layer.",
        "未披露：範圍1排放量。封面頁（第 1 頁）沒有文字層。",
    ),
    (
        "Missing: scope 1 emissions. Found: scope 2 emissions. Note: a combined total is not Scope 1 (page 3).",
        "缺漏：範圍1排放量。已披露：範圍2排放量。注意：合計總量並非範圍1（第 3 頁）。",
    ),
    ("Not disclosed: scope 1 emissions. Note: an unknown hint.", "未披露：範圍1排放量。注意：an unknown hint。"),
    (
        "Relief 'scope3-interim' claimed in the issuer profile: Scope 3 may be omitted; not disclosed: "
        "scope 1 emissions; scope 2 emissions.",
        "發行人資料已援引寬免「scope3-interim」：過渡性條文；未披露：範圍1排放量；範圍2排放量。",
    ),
    # NOTE: a reason with its own semicolon stays whole; the list after "not disclosed" is the elements'
    (
        "Relief 'scope3-first-year' stated in the draft on page 11: Scope 3 need not; not yet: disclosed; "
        "not disclosed: scope 1 emissions.",
        "報告第 11 頁說明援引寬免「scope3-first-year」：Scope 3 need not; not yet: disclosed；未披露：範圍1排放量。",
    ),
    (
        "Relief 'scope3-interim' stated in the draft on page 3: Scope 3 may be omitted.",
        "報告第 3 頁說明援引寬免「scope3-interim」：過渡性條文。",
    ),
    (
        "Applies only when not (issuer tier is gem) (profile: tier gem, FY2025).",
        "僅在並非（發行人類別為GEM發行人）時適用（發行人資料：類別 GEM發行人，財政年度 2025）。",
    ),
    (
        "Applies only when (issuer tier is largecap or main board and financial year >= 2026) "
        "(profile: tier main_board, FY2025).",
        "僅在（發行人類別為大型股發行人或主板發行人且財政年度 >= 2026）時適用"
        "（發行人資料：類別 主板發行人，財政年度 2025）。",
    ),
    ("Needs a reviewer: Report text cannot show this.", "需人工審閱：須由審閱人判斷。"),
    ("A sentence the engine does not write.", "A sentence the engine does not write."),
]


@pytest.mark.parametrize(("english", "chinese"), MESSAGES, ids=[e[:40] for e, _ in MESSAGES])
def test_engine_messages_in_traditional_chinese(english: str, chinese: str) -> None:
    assert translate_message(english, WORDS, "zh-Hant") == chinese


def test_simplified_messages_use_simplified_templates() -> None:
    words = Words(elements={"scope 1 emissions": "范围1排放量"})
    assert translate_message("Not disclosed: scope 1 emissions.", words, "zh-Hans") == "未披露：范围1排放量。"
    assert (
        translate_message("All 1 element(s) disclosed (page 7).", words, "zh-Hans")
        == "已披露全部 1 项要素（第 7 页）。"
    )


@pytest.mark.parametrize("key", sorted(k for k in labels._MESSAGES if not k.startswith(("cond_", "tier_", "list_"))))
def test_message_templates_match_the_sentences_the_engine_writes(key: str) -> None:
    # NOTE: localize reads the engine's sentences back by their shape; when engine.py rewords one, the fixed parts
    # of its English template here stop matching, and this test names the template to update.
    source = "".join(path.read_text(encoding="utf-8") for path in ENGINE_SOURCES)
    source = re.sub(r'"\s*\n\s*f?"', "", source)  # implicit concatenation of f-strings over lines
    for fixed in re.split(r"\{[a-z_]+\}", labels.message(key, "en")):
        assert fixed.strip(" .") in source, (key, fixed)


def test_sheet_names_in_every_language() -> None:
    roles = ("summary", "matrix", "evidence", "index", "run", "carried")
    assert [labels.sheet_name(r, "en") for r in roles] == [
        labels.SHEET_SUMMARY,
        labels.SHEET_MATRIX,
        labels.SHEET_EVIDENCE,
        labels.SHEET_INDEX,
        labels.SHEET_RUN,
        labels.SHEET_CARRIED,
    ]
    for lang in ("zh-Hant", "zh-Hans"):
        names = [labels.sheet_name(r, lang) for r in roles]
        assert len(set(names)) == len(roles) and all(len(n) <= 31 for n in names)  # NOTE: Excel's limit


def test_empty_catalog_keeps_every_english_word() -> None:
    catalog = Catalog(lang="zh-Hant")
    assert catalog.words("any", "X1.1") == Words()
