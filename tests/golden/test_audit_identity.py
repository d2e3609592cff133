"""Speed work never changes a verdict: every samples/*/draft.* audits to the same content as when last accepted.

Generated snapshot (practice 7): ``audit_identity.json`` holds, per draft, a SHA-256 of every finding's canonical
JSON (status, elements, evidence, pages, ...) and one of the document-level rest (summary, index findings, gate),
with volatile fields (time, tool version, path) removed. Comparing digests per finding names the requirements
whose verdict or evidence changed without storing any verdict here. A deliberate change of behaviour rewrites
the file with ``pytest tests/golden/test_audit_identity.py --update-golden``; a speed change must not need to.
This never reads labels: ``expected.yaml`` gives only the standards a draft is audited against.

NOTE: the PDF samples draw CJK text in fonts they do not embed, so PDFium lays them out with the machine's system
fonts: installing CJK fonts (fonts-wqy-zenhei) moves some line breaks and every later offset by a character.
The snapshot was taken with the fonts the project machine has now (fonts-wqy-zenhei included); after a font
change, regenerate it from the unchanged code first, then compare the change under test.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards
from checker.report.json_writer import render

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SNAPSHOT = Path(__file__).with_name("audit_identity.json")
VOLATILE = ("generated_at", "tool_version")

DRAFTS = sorted(p for p in SAMPLES.glob("*/draft.*") if p.suffix != ".yaml") if SAMPLES.is_dir() else []


@cache
def _auditor(standards: tuple[str, ...]) -> Auditor:
    return Auditor(load_standards(list(standards)))


def _standards(draft: Path) -> tuple[str, ...]:
    header = yaml.safe_load((draft.parent / "expected.yaml").read_text(encoding="utf-8"))
    return tuple(header["standards"])


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def canonical_digests(draft: Path) -> dict[str, str]:
    """Finding key -> digest of its content, plus ``"document"`` for everything outside the findings."""
    result = _auditor(_standards(draft)).audit(read_document(draft))
    data = json.loads(render([result]))
    for key in VOLATILE:
        data.pop(key, None)
    data["document"].pop("path", None)
    digests = {f"{f['standard']}:{f['id']}": _digest(f) for f in data.pop("findings")}
    digests["document"] = _digest(data)
    return digests


def _snapshot() -> dict[str, dict[str, str]]:
    if not SNAPSHOT.is_file():
        return {}
    loaded: dict[str, dict[str, str]] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.golden
@pytest.mark.parametrize("draft", DRAFTS, ids=[f"{d.parent.name}-{d.suffix[1:]}" for d in DRAFTS])
def test_audit_content_is_unchanged(draft: Path, update_golden: bool) -> None:
    name = f"{draft.parent.name}/{draft.name}"
    digests = canonical_digests(draft)
    if update_golden:
        snapshot = _snapshot()
        snapshot[name] = digests
        SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    expected = _snapshot().get(name)
    assert expected is not None, f"no snapshot for {name}: run with --update-golden"
    changed = sorted(k for k in expected.keys() | digests.keys() if expected.get(k) != digests.get(k))
    assert not changed, f"{name}: audit content changed for {changed[:12]} ({len(changed)} in all)"
