"""Every requirement of the researched catalogues has a rule, or is listed with the reason it cannot be checked.

The catalogues live in ../shared/standards (beside the repository); the test is skipped where that is absent.
A reason is either an ``uncheckable "..."`` rule or a row ``| ID | reason |`` in a NOT_CHECKED.md of the pack.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.dsl.pack import default_rules_root, load_pack

STANDARDS = Path(__file__).resolve().parents[2].parent / "shared" / "standards"
RULES = default_rules_root()
pytestmark = pytest.mark.skipif(not STANDARDS.is_dir(), reason="shared/standards is not beside the repository")


def _catalogue(name: str) -> list[dict[str, object]]:
    return yaml.safe_load((STANDARDS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _not_checked(pack_dir: Path) -> dict[str, str]:
    """ids -> reason from NOT_CHECKED.md tables in the pack and the folders it includes."""
    reasons: dict[str, str] = {}
    folders = [pack_dir, *(p for p in pack_dir.parent.iterdir() if p.is_dir() and not (p / "pack.rule").exists())]
    for folder in folders:
        for path in folder.rglob("NOT_CHECKED.md"):
            for line in path.read_text(encoding="utf-8").splitlines():
                cells = [c.strip(" `") for c in line.strip().strip("|").split("|")]
                if len(cells) >= 2 and cells[0] and not set(cells[0]) <= {"-", ":"} and cells[1]:
                    reasons[cells[0]] = cells[1]
    return reasons


def _uncovered(pack_name: str, ids: list[str]) -> list[str]:
    pack_dir = RULES / pack_name
    if not (pack_dir / "pack.rule").exists():
        pytest.fail(f"pack {pack_name} does not exist")
    rules = load_pack(pack_dir).by_id
    reasons = _not_checked(pack_dir)
    return [i for i in ids if i not in rules and not reasons.get(i)]


def test_hkex_2025_covers_parts_b_c_d() -> None:
    ids = [
        str(r["id"])
        for r in _catalogue("hkex_c2.yaml")
        if r["part"] in ("B", "C", "D") and "removed" not in str(r["kind"])
    ]
    assert _uncovered("hkex-esg-2025", ids) == []


def test_hkex_2020_covers_the_removed_provisions_too() -> None:
    ids = [str(r["id"]) for r in _catalogue("hkex_c2.yaml") if r["part"] in ("B", "C")]
    assert _uncovered("hkex-esg-2020", ids) == []


@pytest.mark.parametrize(
    ("pack", "standard"), [("issb-s2-2023", "IFRS S2"), ("issb-s1-2023", "IFRS S1"), ("tcfd", "TCFD")]
)
def test_international_packs_cover_their_catalogue(pack: str, standard: str) -> None:
    ids = [str(r["id"]) for r in _catalogue("issb_tcfd_gri.yaml") if r["standard"] == standard]
    assert _uncovered(pack, ids) == []


def test_every_hkex_2025_id_is_listed_by_rules_list() -> None:
    import json
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "checker", "rules", "list", "--standard", "hkex-esg", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    listed = {row["id"] for row in json.loads(run.stdout)}
    ids = {
        str(r["id"])
        for r in _catalogue("hkex_c2.yaml")
        if r["part"] in ("B", "C", "D") and "removed" not in str(r["kind"])
    }
    reasons = _not_checked(RULES / "hkex-esg-2025")
    assert {i for i in ids - listed if not re.match(r"^D\.(relief|meta)", i) and i not in reasons} == set()
