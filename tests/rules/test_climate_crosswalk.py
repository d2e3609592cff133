"""The climate cross-walk between HKEX Part D, IFRS S2 and TCFD holds in both directions.

Every S2 and TCFD id of the catalogue has a rule (or an uncheckable rule / NOT_CHECKED row with a reason); every
S2 rule names the HKEX Part D id for its catalogue topic and the catalogue's TCFD id; every TCFD rule names the
catalogue's S2 paragraphs; every id a climate rule maps to exists in the pack it belongs to; and
``gapcheck rules show`` prints the cross-walk.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.dsl.pack import RulePack, default_rules_root, load_pack

STANDARDS = Path(__file__).resolve().parents[2].parent / "shared" / "standards"
RULES = default_rules_root()
needs_catalogue = pytest.mark.skipif(not STANDARDS.is_dir(), reason="shared/standards is not beside the repository")


@cache
def _pack(name: str) -> RulePack:
    return load_pack(RULES / name)


@cache
def _catalogue() -> dict[str, dict[str, object]]:
    rows = yaml.safe_load((STANDARDS / "issb_tcfd_gri.yaml").read_text(encoding="utf-8"))
    return {str(r["id"]): r for r in rows}


def _not_checked(pack: str) -> set[str]:
    ids = set()
    for path in (RULES / pack).rglob("NOT_CHECKED.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip(" `") for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and cells[0] and cells[1] and not set(cells[0]) <= {"-", ":"}:
                ids.add(cells[0])
    return ids


def _maps(pack: str, rid: str) -> list[str]:
    return list(_pack(pack).by_id[rid].maps_to)


@needs_catalogue
@pytest.mark.parametrize(("pack", "prefix"), [("issb-s2-2023", "S2."), ("tcfd", "TCFD-"), ("issb-s1-2023", "S1.")])
def test_every_catalogue_id_has_a_rule_or_a_reason(pack: str, prefix: str) -> None:
    rules = _pack(pack).by_id
    skipped = _not_checked(pack)
    missing = [i for i in _catalogue() if i.startswith(prefix) and i not in rules and i not in skipped]
    assert missing == []
    for rid in skipped:
        assert rid not in rules, f"{rid} has a rule and a NOT_CHECKED row"


@needs_catalogue
def test_s2_rules_name_their_hkex_part_d_id_and_tcfd_id() -> None:
    hkex = _pack("hkex-esg-2025").by_id
    problems = []
    for rid, row in _catalogue().items():
        if not rid.startswith("S2.") or rid not in _pack("issb-s2-2023").by_id:
            continue
        maps = _maps("issb-s2-2023", rid)
        if row.get("hkex_part_d_topic"):
            part_d = [m for m in maps if m.startswith("D.")]
            if not part_d or any(m not in hkex for m in part_d):
                problems.append(f"{rid}: maps_to {maps} names no existing HKEX Part D id")
        if row.get("tcfd") and row["tcfd"] not in maps:
            problems.append(f"{rid}: maps_to {maps} lacks the catalogue's {row['tcfd']}")
    assert problems == []


@needs_catalogue
def test_tcfd_rules_name_their_s2_paragraphs_and_part_d_ids() -> None:
    s2 = _pack("issb-s2-2023").by_id
    hkex = _pack("hkex-esg-2025").by_id
    problems = []
    for rid, row in _catalogue().items():
        if not rid.startswith("TCFD-"):
            continue
        maps = _maps("tcfd", rid)
        for para in row.get("maps_to") or []:
            if para not in maps:
                problems.append(f"{rid}: maps_to lacks {para}")
        if not any(m.startswith("D.") and m in hkex for m in maps):
            problems.append(f"{rid}: maps_to {maps} names no HKEX Part D id")
        problems += [f"{rid}: {m} is not an IFRS S2 rule" for m in maps if m.startswith("S2.") and m not in s2]
    assert problems == []


def test_part_d_rules_map_to_existing_s2_and_tcfd_rules() -> None:
    s2 = _pack("issb-s2-2023").by_id
    tcfd = _pack("tcfd").by_id
    problems = []
    for rid, req in _pack("hkex-esg-2025").by_id.items():
        if not rid.startswith("D.") or req.uncheckable is not None:
            continue
        maps = list(req.maps_to)
        if not any(m.startswith("S2.") for m in maps) or not any(m.startswith("TCFD-") for m in maps):
            problems.append(f"{rid}: maps_to {maps} needs an IFRS S2 paragraph and a TCFD id")
        problems += [f"{rid}: {m} is not an IFRS S2 rule" for m in maps if m.startswith("S2.") and m not in s2]
        problems += [f"{rid}: {m} is not a TCFD rule" for m in maps if m.startswith("TCFD-") and m not in tcfd]
    assert problems == []


def test_cross_walk_is_symmetric_between_part_d_and_s2() -> None:
    """If S2.x names D.y, D.y names S2.x back (so `rules show` reads the same from either side)."""
    hkex = _pack("hkex-esg-2025").by_id
    problems = []
    for rid, req in _pack("issb-s2-2023").by_id.items():
        for target in (m for m in req.maps_to if m.startswith("D.")):
            if target in hkex and hkex[target].uncheckable is None and rid not in hkex[target].maps_to:
                problems.append(f"{rid} -> {target} but not back")
    assert problems == []


def test_rules_show_prints_the_cross_walk() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "checker", "rules", "show", "S2.6(a)(iii)", "--standard", "issb-s2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "cross-walk" in run.stdout
    assert "D.gov.1" in run.stdout and "TCFD-Gov-a" in run.stdout
