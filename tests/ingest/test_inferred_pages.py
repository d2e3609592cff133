"""Pages of a text export without form feeds, rebuilt from its running header (``checker.ingest.reflow``).

Each draft is written for this test the way PDF-to-text exports come out: no form feeds, a running header line
on every page (alone, mirrored on facing pages, fused with the navigation bar, or fused with the page's own title).
The header must split the pages, give them their printed numbers, be marked running, and never head a section.
"""

from __future__ import annotations

from pathlib import Path

from checker.ingest.document import BlockRole, Document
from checker.ingest.options import ReadOptions
from checker.ingest.registry import document_from_bytes

NAV = "1 Overview 2 Environment 3 Our People 4 Governance 5 Appendix"


def _read(text: str, tmp_path: Path) -> Document:
    file = tmp_path / "export.txt"
    data = text.encode("utf-8")
    file.write_bytes(data)
    return document_from_bytes(data, file, ReadOptions())


def _body(n: int) -> str:
    return "\n".join(
        f"Paragraph {k} of page {n}: our plants cut water use with closed-loop cooling and reuse of rinse water."
        for k in range(1, 10)
    )


def test_a_header_fused_with_the_navigation_bar_splits_pages_at_its_inner_folio(tmp_path: Path) -> None:
    # the folio sits between the title and the navigation bar's own chapter numbers
    pages = [f"HARBOURLINE SUSTAINABILITY REPORT 2025 {n} {NAV}\n{_body(n)}" for n in range(10, 22)]
    document = _read("\n\n".join(pages) + "\n", tmp_path)
    labels = [page.label for page in document.pages]
    assert labels == [str(n) for n in range(10, 22)]
    headers = [b for b in document.blocks if b.text.startswith("HARBOURLINE")]
    assert headers
    assert {b.role for b in headers} == {BlockRole.RUNNING}


def test_mirrored_headers_on_facing_pages_are_one_running_header(tmp_path: Path) -> None:
    pages = [
        f"{n} Harbourline plc Sustainability Report 2025 harbourline.com"
        if n % 2 == 0
        else f"harbourline.com Harbourline plc Sustainability Report 2025 {n}"
        for n in range(2, 14)
    ]
    text = "\f".join(f"{header}\n\n{_body(i)}\n" for i, header in enumerate(pages))
    document = _read(text, tmp_path)
    headers = [b for b in document.blocks if "Harbourline plc Sustainability Report" in b.text]
    assert len(headers) == 12
    assert {b.role for b in headers} == {BlockRole.RUNNING}


def test_a_header_fused_with_the_pages_title_is_cut_from_it(tmp_path: Path) -> None:
    # alone on most pages, fused on others with the title the page opens with
    titles = {12: "Water Stewardship", 15: "Health and Safety", 18: "Board Oversight"}
    pages = []
    for n in range(10, 22):
        header = f"HARBOURLINE SUSTAINABILITY REPORT 2025 {n}"
        pages.append(f"{header} {titles[n]}\n{_body(n)}" if n in titles else f"{header}\n{_body(n)}")
    document = _read("\n\n".join(pages) + "\n", tmp_path)
    assert [page.label for page in document.pages] == [str(n) for n in range(10, 22)]
    for title in titles.values():
        (block,) = [b for b in document.blocks if b.text.strip() == title]
        assert block.role is BlockRole.BODY
    headers = [b for b in document.blocks if b.text.startswith("HARBOURLINE")]
    assert len(headers) == 12
    assert {b.role for b in headers} == {BlockRole.RUNNING}


def test_a_running_header_never_heads_a_section(tmp_path: Path) -> None:
    # "... ENVIRONMENTAL, SOCIAL AND GOVERNANCE REPORT" at the top of every page would otherwise put every passage
    # under an environment heading, and under a governance one
    pages = [f"ACME HOLDINGS ENVIRONMENTAL, SOCIAL AND GOVERNANCE REPORT\n\n{_body(n)}\n\n{n}" for n in range(1, 9)]
    document = _read("\f".join(pages), tmp_path)
    body = [b for b in document.blocks if b.role is BlockRole.BODY and b.text.startswith("Paragraph")]
    assert body
    assert not [b.section for b in body if any("ENVIRONMENTAL" in heading for heading in b.section)]


def test_a_short_repeated_word_does_not_open_the_lines_that_start_with_it(tmp_path: Path) -> None:
    # "Environment" heads every left page; body lines that open with "Environmental ..." are not page headers
    pages = []
    for n in range(2, 16):
        header = f"{n} Environment" if n % 2 == 0 else f"Acme Holdings Annual Report {n}"
        topic = ["water", "waste", "noise", "energy", "dust", "land", "air"][n % 7]
        pages.append(f"{header}\n{_body(n)}\nEnvironmental management of {topic} at plant {n} follows ISO 14001 rules.")
    document = _read("\n\n".join(pages) + "\n", tmp_path)
    assert len(document.pages) == 14
    environmental = [b for b in document.blocks if "Environmental management of" in b.text]
    assert len(environmental) == 14
    assert {b.role for b in environmental} == {BlockRole.BODY}
