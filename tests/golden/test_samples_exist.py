"""The golden sample drafts under samples/ are well-formed: each case has its draft and a valid expected.yaml.

A case is a folder samples/<case>/ with draft.md (the source), the rendered draft named by expected.yaml, and
expected.yaml with human verdicts. This test checks the shape of expected.yaml, that every cited page exists in
the draft as ``checker.ingest.read_document`` reads it, and (where ../shared/standards is present) that every
checkable requirement id of the judged standard is labelled, and no unknown id is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.ingest import read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
STANDARDS = ROOT.parent / "shared" / "standards"
STATUSES = {"covered", "partial", "missing", "explained", "not_applicable"}
NEEDS_PAGES = {"covered", "partial", "explained"}
TOP_KEYS = {"title", "draft", "language", "standards", "profile", "expected"}
OPTIONAL_KEYS = {"notes", "set", "index"}
LANGUAGES = {"en", "zh-Hant", "zh-Hans", "en+zh-Hant", "en+zh-Hans"}
TIERS = {"largecap", "main_board", "gem"}
PAGE_BREAK = re.compile(r"^[ \t]*<!--\s*pagebreak\s*-->[ \t]*$", re.M)

CASES = (
    sorted(p.name for p in SAMPLES.iterdir() if p.is_dir() and (p / "draft.md").is_file()) if SAMPLES.is_dir() else []
)


def _expected(case: str) -> dict:
    return yaml.safe_load((SAMPLES / case / "expected.yaml").read_text(encoding="utf-8"))


@cache
def _page_count(path: Path) -> int:
    return len(read_document(path).pages)


@cache
def _catalogue_ids(standard: str) -> frozenset[str] | None:
    """The ids a report can be judged against, per standard; None when the catalogue is not available."""
    if not STANDARDS.is_dir():
        return None
    if standard.startswith("hkex-esg-"):
        rows = yaml.safe_load((STANDARDS / "hkex_c2.yaml").read_text(encoding="utf-8"))
        if standard == "hkex-esg-2020":
            return frozenset(str(r["id"]) for r in rows if r["part"] in ("B", "C"))
        return frozenset(
            str(r["id"])
            for r in rows
            if r["part"] in ("B", "C", "D")
            and "removed" not in str(r["kind"])
            and not re.match(r"^D\.(meta|relief)", str(r["id"]))
        )
    rows = yaml.safe_load((STANDARDS / "issb_tcfd_gri.yaml").read_text(encoding="utf-8"))
    name = {"tcfd-2017": "TCFD", "issb-s2-2023": "IFRS S2", "issb-s1-2023": "IFRS S1"}.get(standard)
    if name is None:
        return None
    return frozenset(str(r["id"]) for r in rows if r["standard"] == name)


def test_there_are_at_least_nine_cases() -> None:
    assert len(CASES) >= 9, CASES


@pytest.mark.parametrize("case", CASES)
def test_case_files_exist(case: str) -> None:
    folder = SAMPLES / case
    assert (folder / "expected.yaml").is_file(), f"{case}: expected.yaml is missing"
    expected = _expected(case)
    assert (folder / expected["draft"]).is_file(), f"{case}: draft {expected['draft']} is missing"


@pytest.mark.parametrize("case", CASES)
def test_expected_yaml_shape(case: str) -> None:
    expected = _expected(case)
    assert set(expected) >= TOP_KEYS, f"{case}: missing keys {TOP_KEYS - set(expected)}"
    assert set(expected) <= TOP_KEYS | OPTIONAL_KEYS, f"{case}: unknown keys {set(expected) - TOP_KEYS - OPTIONAL_KEYS}"
    assert isinstance(expected["title"], str) and expected["title"]
    assert expected["language"] in LANGUAGES
    assert isinstance(expected["standards"], list) and expected["standards"]
    profile = expected["profile"]
    assert set(profile) <= {"tier", "financial_year", "reliefs"}
    assert profile["tier"] in TIERS
    assert isinstance(profile["financial_year"], int) and 2015 <= profile["financial_year"] <= 2030
    assert set(expected["expected"]) == set(expected["standards"]), (
        f"{case}: verdicts per standard must match standards"
    )
    for standard, items in expected["expected"].items():
        assert items, f"{case}: no verdicts for {standard}"
        for rid, verdict in items.items():
            assert set(verdict) <= {"status", "pages"}, f"{case} {rid}: unknown keys {set(verdict)}"
            assert verdict["status"] in STATUSES, f"{case} {rid}: bad status {verdict['status']!r}"
            pages = verdict.get("pages")
            if verdict["status"] in NEEDS_PAGES:
                assert pages, f"{case} {rid}: a {verdict['status']} verdict needs the pages that show it"
            else:
                assert not pages, f"{case} {rid}: a {verdict['status']} verdict cites no pages"
            for page in pages or []:
                assert isinstance(page, int) and not isinstance(page, bool), f"{case} {rid}: page {page!r}"
    for rid, note in (expected.get("notes") or {}).items():
        assert any(rid in items for items in expected["expected"].values()), f"{case}: note for unlabelled id {rid}"
        assert isinstance(note, str) and note


@pytest.mark.parametrize("case", CASES)
def test_cited_pages_exist_in_the_draft(case: str) -> None:
    expected = _expected(case)
    count = _page_count(SAMPLES / case / expected["draft"])
    source_pages = len(PAGE_BREAK.split((SAMPLES / case / "draft.md").read_text(encoding="utf-8")))
    assert count == source_pages, f"{case}: the draft reads as {count} pages, draft.md has {source_pages}"
    assert 8 <= count <= 20, f"{case}: {count} pages"
    for items in expected["expected"].values():
        for rid, verdict in items.items():
            for page in verdict.get("pages") or []:
                assert 1 <= page <= count, f"{case} {rid}: page {page} of {count}"


@pytest.mark.parametrize("case", CASES)
def test_every_catalogue_id_is_labelled(case: str) -> None:
    expected = _expected(case)
    for standard, items in expected["expected"].items():
        ids = _catalogue_ids(standard)
        if ids is None:
            pytest.skip(f"no catalogue for {standard} beside the repository")
        assert set(items) - ids == set(), f"{case}: ids not in the {standard} catalogue"
        assert ids - set(items) == set(), f"{case}: {standard} ids without a verdict"
