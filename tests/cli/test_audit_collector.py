"""A one-file ``gapcheck audit`` freezes what its paused blocks made, and stops when the command ends."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.ingest import collector


def test_a_one_file_audit_stops_freezing_when_it_ends(gapcheck: Callable[..., Any], tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Emissions\n\nScope 1 emissions were 12 t.\n", encoding="utf-8")
    frozen = gc.get_freeze_count()
    try:
        run = gapcheck("audit", str(draft), "-s", "hkex-esg", "--format", "json", "--no-cache")
        assert run.code in (0, 1), run.err
        assert gc.get_freeze_count() > frozen, "the packs and imports were frozen"
        assert not collector._freeze_on_resume, "a caller in the same process goes on collecting as before"
    finally:
        gc.unfreeze()
