"""``python -m checker`` (and the console script) ends without the interpreter's teardown, as a normal exit would.

``checker.cli.run`` leaves through ``os._exit`` once a command is done; these tests hold it to what a normal exit
gives: the same output and exit code, atexit handlers run, streams flushed, and a normal exit whenever another
thread still runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
DRAFT = FIXTURES / "drafts" / "small-draft.txt"
RULES = FIXTURES / "rules"
AUDIT = ["audit", str(DRAFT), "--rules-dir", str(RULES), "-s", "gapfix-2025", "--format", "json", "--no-cache"]


def _script(prelude: str, argv: list[str]) -> subprocess.CompletedProcess[str]:
    code = f"import sys\n{prelude}\nsys.argv = ['gapcheck', *{argv!r}]\nfrom checker.cli import run\nrun()\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)


def _content(text: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(text)
    data.pop("generated_at")
    return data


def test_the_output_is_the_one_main_writes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*AUDIT, "--exit-zero"])
    assert stopped.value.code == 0
    in_process = capsys.readouterr().out
    run = subprocess.run(
        [sys.executable, "-m", "checker", *AUDIT, "--exit-zero"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert _content(run.stdout) == _content(in_process)


def test_the_exit_codes_are_kept() -> None:
    assert _script("", [*AUDIT, "--min-coverage", "1.0"]).returncode == 1  # NOTE: the gate failed
    usage = _script("", ["audit", str(DRAFT), "--format", "nope"])
    assert usage.returncode == 2 and "nope" in usage.stderr
    assert _script("", ["--version"]).returncode == 0


def test_atexit_handlers_run_after_the_output() -> None:
    run = _script("import atexit\natexit.register(print, 'handler ran')", [*AUDIT, "--exit-zero"])
    assert run.returncode == 0, run.stderr
    output, handler = run.stdout.rstrip("\n").rsplit("\n", 1)
    assert handler == "handler ran"
    assert _content(output)["findings"]


def test_a_running_thread_gets_a_normal_exit() -> None:
    prelude = "import threading, time\nthreading.Thread(target=lambda: (time.sleep(2.0), print('thread done'))).start()"
    run = _script(prelude, [*AUDIT, "--exit-zero"])
    assert run.returncode == 0, run.stderr
    assert run.stdout.rstrip("\n").endswith("thread done")  # NOTE: os._exit would have killed the thread


def test_main_alone_keeps_nothing_until_exit(capsys: pytest.CaptureFixture[str]) -> None:
    import checker.cli

    with pytest.raises(SystemExit):
        main([*AUDIT, "--exit-zero"])
    capsys.readouterr()
    assert checker.cli._kept == [], "a process that goes on after main frees what the command made"


def test_run_keeps_the_audits_objects_until_exit() -> None:
    code = "import atexit, checker.cli\natexit.register(lambda: print('kept', len(checker.cli._kept)))"
    run = _script(code, [*AUDIT, "--exit-zero"])
    assert run.returncode == 0, run.stderr
    output, kept = run.stdout.rstrip("\n").rsplit("\n", 1)
    assert kept == "kept 6" and _content(output)["findings"]
