"""``gapcheck audit`` end to end: exit codes 0/1/2, the policy file, output formats, and the golden gap matrix."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.report.matrix import matrix_rows
from checker.report.model import AuditResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RULES = FIXTURES / "rules"
DRAFT = FIXTURES / "drafts" / "small-draft.txt"

SHARED_CHAPTER = Path("/work/shared/samples/cmcc-2024-esg-excerpt.zh-Hant.paged.txt")
GOLDEN = FIXTURES / "golden" / "small-draft.matrix.json"
FIXTURE_PACK = ("--rules-dir", str(RULES), "--standard", "gapfix")

Gapcheck = Callable[..., Any]  # the `gapcheck` fixture: run(*args) -> Run(code, out, err)


@pytest.fixture(autouse=True)
def _no_policy_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty folder so no policy file of the project (or the machine) changes the gate."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), 0),  # default gate: missing:mandatory, error -- X1.1 is only partial
        (("--fail-on", "missing"), 1),
        (("--fail-on", "partial:mandatory"), 1),
        (("--fail-on", "partial:comply_or_explain,missing:mandatory"), 0),
        (("--fail-on", "partial", "--fail-on", "missing"), 1),
        (("--fail-on", "missing", "--exit-zero"), 0),
        (("--min-coverage", "0.9"), 1),
        (("--min-coverage", "0.5"), 0),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_gate_exit_codes(gapcheck: Gapcheck, args: tuple[str, ...], code: int) -> None:
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, *args)
    assert run.code == code, run.err
    if code == 1:
        assert "gate failed" in run.err


@pytest.mark.skipif(not SHARED_CHAPTER.exists(), reason="shared sample chapter not available")
def test_fail_on_missing_fails_on_the_shared_chapter(gapcheck: Gapcheck) -> None:
    run = gapcheck("audit", str(SHARED_CHAPTER), "--standard", "hkex-esg", "--fail-on", "missing", "--format", "json")
    assert run.code == 1
    gate = json.loads(run.out)["gate"]
    assert gate["passed"] is False
    assert gate["failing"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--standard", "no-such-standard"), "unknown standard"),
        (("--fail-on", "absent"), "--fail-on"),
        (("--output", "report.pdf"), "cannot tell the format"),
        (("--format", "xlsx"), "writes a file"),
        (("--config", "nowhere.toml"), "policy file not found"),
    ],
    ids=["unknown-standard", "bad-fail-on", "unknown-suffix", "xlsx-to-stdout", "missing-config"],
)
def test_usage_errors_exit_2_with_one_line(gapcheck: Gapcheck, args: tuple[str, ...], message: str) -> None:
    rules = () if "--standard" in args else FIXTURE_PACK
    run = gapcheck("audit", str(DRAFT), *rules, *args)
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert run.err.startswith("gapcheck: error:")
    assert message in run.err
    assert "Traceback" not in run.err


def test_unreadable_draft_exits_2(gapcheck: Gapcheck, tmp_path: Path) -> None:
    run = gapcheck("audit", str(tmp_path / "absent.docx"), *FIXTURE_PACK)
    assert run.code == 2
    assert run.err.count("\n") == 1


def test_policy_file_is_found_and_cli_overrides_it(gapcheck: Gapcheck, tmp_path: Path) -> None:
    (tmp_path / "gapcheck.toml").write_text('standards = ["gapfix"]\n[gate]\nfail_on = ["missing"]\n', encoding="utf-8")
    assert gapcheck("audit", str(DRAFT), "--rules-dir", str(RULES)).code == 1
    assert gapcheck("audit", str(DRAFT), "--rules-dir", str(RULES), "--fail-on", "error").code == 0
    assert gapcheck("audit", str(DRAFT), "--rules-dir", str(RULES), "--exit-zero").code == 0


def test_bad_policy_file_exits_2_naming_key_and_file(gapcheck: Gapcheck, tmp_path: Path) -> None:
    (tmp_path / "gapcheck.toml").write_text("[gate]\nfail_om = []\n", encoding="utf-8")
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK)
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "gapcheck.toml" in run.err and "'gate.fail_om'" in run.err


def test_waivers_from_policy_reach_the_result_and_stderr(gapcheck: Gapcheck, tmp_path: Path) -> None:
    (tmp_path / "gapcheck.toml").write_text(
        '[gate]\nfail_on = ["missing"]\n'
        '[[waivers]]\nid = "X2.2"\nreason = "no programme yet"\nowner = "CSR"\nexpires = 2999-12-31\n'
        '[[waivers]]\nid = "X1.1"\nreason = "old"\nowner = "CSR"\nexpires = 2001-01-01\n'
        '[[waivers]]\nid = "Q7"\nreason = "typo"\nowner = "CSR"\nexpires = 2999-12-31\n',
        encoding="utf-8",
    )
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "--format", "json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert {f["id"]: f["status"] for f in result["findings"]}["X2.2"] == "waived"
    assert [w["id"] for w in result["gate"]["expired_waivers"]] == ["X1.1"]
    assert [w["id"] for w in result["gate"]["unused_waivers"]] == ["Q7"]
    assert result["gate"]["policy"]["source"].endswith("gapcheck.toml")
    assert "waiver for X1.1 expired on 2001-01-01" in run.err
    assert "waiver for Q7 is unused" in run.err


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda p: json.loads(p.read_text(encoding="utf-8"))["gate"]["passed"] is True),
        ("out.csv", lambda p: p.read_bytes().startswith(b"\xef\xbb\xbf")),
        ("out.md", lambda p: "| `X2.2` |" in p.read_text(encoding="utf-8")),
        ("out.xml", lambda p: "<testsuites" in p.read_text(encoding="utf-8")),
        ("out.xlsx", lambda p: p.read_bytes().startswith(b"PK")),
        ("out.txt", lambda p: "X2.2" in p.read_text(encoding="utf-8")),
    ],
)
def test_format_from_suffix(gapcheck: Gapcheck, tmp_path: Path, name: str, check: Callable[[Path], bool]) -> None:
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "--output", str(tmp_path / name))
    assert run.code == 0, run.err
    assert check(tmp_path / name)


def test_no_carry_over_over_reviewed_workbook_exits_2(gapcheck: Gapcheck, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "gaps.xlsx"
    assert gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "-o", str(out)).code == 0
    wb = load_workbook(out)
    wb["Gap Matrix"]["N2"] = "Agree"
    wb.save(out)
    before = out.read_bytes()
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "-o", str(out), "--no-carry-over")
    assert run.code == 2
    assert "reviewer entries" in run.err and run.err.count("\n") == 1
    assert out.read_bytes() == before
    assert gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "-o", str(out), "--no-carry-over", "--force").code == 0


def test_foreign_workbook_exits_2_and_is_left_identical(gapcheck: Gapcheck, tmp_path: Path) -> None:
    out = tmp_path / "budget.xlsx"
    out.write_bytes(b"not a workbook at all")
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "-o", str(out))
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert out.read_bytes() == b"not a workbook at all"


def test_init_writes_a_policy_and_refuses_to_overwrite(gapcheck: Gapcheck, tmp_path: Path) -> None:
    assert gapcheck("init").code == 0
    written = (tmp_path / "gapcheck.toml").read_text(encoding="utf-8")
    assert written.startswith("# gapcheck policy")
    (tmp_path / "gapcheck.toml").write_text("# mine\n", encoding="utf-8")
    run = gapcheck("init")
    assert run.code == 2 and "--force" in run.err
    assert (tmp_path / "gapcheck.toml").read_text(encoding="utf-8") == "# mine\n"
    assert gapcheck("init", "--force").code == 0
    assert (tmp_path / "gapcheck.toml").read_text(encoding="utf-8") == written


# --- the golden gap matrix --------------------------------------------------------------------------------------


def _canonical(result: AuditResult) -> list[dict[str, object]]:
    """The gap matrix as plain rows; nothing volatile (paths, times, hashes of the run) is in it."""
    return [dict(row) for row in matrix_rows(result)]


def _digest(rows: list[dict[str, object]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@pytest.mark.golden
def test_golden_gap_matrix(gapcheck: Gapcheck, update_golden: bool) -> None:
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "--format", "json")
    assert run.code == 0, run.err
    rows = _canonical(AuditResult.model_validate_json(run.out))
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        payload = {
            "_comment": "generated, do not edit: rewrite with `pytest --update-golden` (tests/cli/test_audit_cli.py)",
            "_sha256": _digest(rows),
            "rows": rows,
        }
        GOLDEN.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert golden["_comment"].startswith("generated, do not edit")
    assert golden["_sha256"] == _digest(golden["rows"]), "golden file was edited by hand; use --update-golden"
    assert rows == golden["rows"]


def test_extra_reports_in_one_run(gapcheck: Gapcheck, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    run = gapcheck(
        "audit",
        str(DRAFT),
        *FIXTURE_PACK,
        "--fail-on",
        "missing",
        "-o",
        str(tmp_path / "gaps.xlsx"),
        "--report",
        f"md={tmp_path / 'summary.md'}",
        "--report",
        f"junit={tmp_path / 'junit.xml'}",
    )
    assert run.code == 1
    assert (tmp_path / "gaps.xlsx").read_bytes().startswith(b"PK")
    assert "**Gate: ❌ Failed**" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert ET.parse(tmp_path / "junit.xml").getroot().get("failures") == "1"


@pytest.mark.parametrize("value", ["md", "pdf=out.pdf", "md="], ids=["no-path", "unknown-format", "empty-path"])
def test_bad_extra_report_exits_2(gapcheck: Gapcheck, value: str) -> None:
    run = gapcheck("audit", str(DRAFT), *FIXTURE_PACK, "--report", value)
    assert run.code == 2
    assert "--report" in run.err and run.err.count("\n") == 1


def test_json_output_does_not_import_openpyxl_or_pandas(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from checker.cli import main\n"
        "try:\n"
        f"    main(['audit', {str(DRAFT)!r}, '--rules-dir', {str(RULES)!r}, '-s', 'gapfix', '--format', 'json',"
        f" '-o', {str(tmp_path / 'r.json')!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "print(sorted(m for m in ('openpyxl', 'pandas') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "[]"


def test_an_audit_with_compiled_packs_never_imports_lark(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from checker.cli import main\n"
        "try:\n"
        f"    main(['audit', {str(DRAFT)!r}, '--rules-dir', {str(RULES)!r}, '-s', 'gapfix', '--format', 'json',"
        f" '-o', {str(tmp_path / 'r.json')!r}, '--no-cache'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "print('lark' in sys.modules)\n"
    )
    env = {**os.environ, "GAPCHECK_CACHE_DIR": str(tmp_path / "cache"), "GAPCHECK_NO_CACHE": "1"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
        for _ in range(2)
    ]
    assert runs[0].stdout.strip() == "True", "the first run compiles the packs"
    assert runs[1].stdout.strip() == "False", "later runs load them compiled, --no-cache or not"
