"""Check that every rendered sample reads back the way its expected.yaml assumes.

    python samples/verify.py [case ...]

For each case: the draft reads with ``checker.ingest.read_document``; it has as many pages as draft.md has
``<!-- pagebreak -->``-separated pages; every figure written on a Markdown page (numbers with a separator or a
decimal point, e.g. 1,234 / 51.9) is found on the same page of the rendered draft; and every page that
expected.yaml cites exists. Exit status 1 on any mismatch.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from checker.ingest import read_document  # noqa: E402

PAGE_BREAK = re.compile(r"^[ \t]*<!--\s*pagebreak\s*-->[ \t]*$", re.M)
FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def verify(case: Path) -> list[str]:
    problems: list[str] = []
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    draft = case / expected["draft"]
    doc = read_document(draft)
    md_pages = PAGE_BREAK.split((case / "draft.md").read_text(encoding="utf-8"))
    if len(doc.pages) != len(md_pages):
        problems.append(f"{case.name}: {len(doc.pages)} pages read back, draft.md has {len(md_pages)}")
        return problems
    for number, (md, page) in enumerate(zip(md_pages, doc.pages, strict=True), start=1):
        rendered = _squash(" ".join(block.text for block in page.blocks))
        for figure in sorted(set(FIGURE.findall(md))):
            if figure not in rendered:
                problems.append(f"{case.name}: figure {figure} of page {number} not found on rendered page {number}")
    for standard, items in expected["expected"].items():
        for rid, verdict in items.items():
            for p in verdict.get("pages", []) or []:
                if not 1 <= p <= len(doc.pages):
                    problems.append(f"{case.name}: {standard} {rid} cites page {p} of {len(doc.pages)}")
    return problems


def main(argv: list[str]) -> int:
    # A case without draft.md (a text draft that is its own source) has nothing to compare against.
    names = argv or sorted(
        p.name for p in HERE.iterdir() if (p / "expected.yaml").is_file() and (p / "draft.md").is_file()
    )
    failed = False
    for name in names:
        problems = verify(HERE / name)
        failed |= bool(problems)
        print(f"{name}: {'ok' if not problems else str(len(problems)) + ' problem(s)'}")
        for problem in problems[:20]:
            print("   ", problem)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
