"""Compare two audits of a draft (JSON results or gap-matrix workbooks): what improved, regressed, appeared, went.

Verdicts are ranked covered / explained / waived / not_applicable > partial / manual > missing / error; a move
between ranks is an improvement or a regression, a move within a rank (covered -> explained) is unchanged.
Reviews (the reviewer's status and note in the workbook, ``review`` in the JSON) are compared too: a review given,
changed, withdrawn or gone stale is listed whatever the verdict did.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.report.matrix import row_key
from checker.report.model import AuditResult, Review

RANK = {
    "covered": 2,
    "explained": 2,
    "waived": 2,
    "not_applicable": 2,
    "partial": 1,
    "manual": 1,
    "missing": 0,
    "error": 0,
}
CHANGES = ("regressed", "improved", "added", "removed", "unchanged")


@dataclass(frozen=True)
class Side:
    """One audit as the diff sees it: requirement key -> (verdict, title)."""

    source: str
    statuses: dict[str, str]
    titles: dict[str, str]
    reviews: dict[str, str] = field(default_factory=dict)  # key -> the review in one line


@dataclass(frozen=True)
class Change:
    """The change of one requirement between the two audits."""

    standard: str
    id: str
    title: str
    old: str | None
    new: str | None
    change: str
    old_review: str | None = None
    new_review: str | None = None

    @property
    def review_changed(self) -> bool:
        """Whether the review was given, changed, withdrawn or went stale between the two audits."""
        return self.old_review != self.new_review


def load_side(path: Path) -> Side:
    """Read a JSON result or a gapcheck workbook.

    Raises:
        InputError: unreadable, not a result, or several drafts in one JSON file.
        OutputError: a workbook that is not gapcheck's (from the carry-over reader).
    """
    if not path.is_file():
        raise InputError("file not found", path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from checker.report.carry_over import read_previous
        from checker.report.reviews import review_for

        previous = read_previous(path)
        reviews = {
            key: review_line(review_for(entry, previous.statuses.get(key, entry.status)))
            for key, entry in previous.reviews().items()
        }
        return Side(str(path), dict(previous.statuses), dict(previous.titles), reviews)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list):
            if len(data) != 1:
                raise InputError(f"holds {len(data)} results; diff compares one draft's audits", path)
            data = data[0]
        result = AuditResult.model_validate(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not a gapcheck JSON result or workbook ({type(exc).__name__})", path) from exc
    return side_of(result, str(path))


def side_of(result: AuditResult, source: str) -> Side:
    """One audit held in memory, as the diff sees it (``audit --baseline`` compares the new result this way)."""
    statuses = {row_key(f.standard, f.id): f.status.value for f in result.findings}
    titles = {row_key(f.standard, f.id): f.title for f in result.findings}
    reviews = {row_key(f.standard, f.id): review_line(f.review) for f in result.findings if f.review is not None}
    return Side(source, statuses, titles, reviews)


def review_line(review: Review) -> str:
    """A review in one line: ``agree by M. Chan on 2026-03-01: note [stale: covered -> missing]``."""
    line = review.status or "-"
    if review.reviewer:
        line += f" by {review.reviewer}"
    if review.reviewed_on:
        line += f" on {review.reviewed_on}"
    if review.note:
        line += f": {review.note}"
    if review.stale:
        line += f" [stale: given against {review.reviewed_verdict}]"
    return line


def compare(old: Side, new: Side) -> list[Change]:
    """Every requirement of either side, with its change, in a stable order (worst news first)."""
    changes: list[Change] = []
    for key in dict.fromkeys([*old.statuses, *new.statuses]):
        before, after = old.statuses.get(key), new.statuses.get(key)
        if before is None:
            kind = "added"
        elif after is None:
            kind = "removed"
        else:
            delta = RANK.get(after, 0) - RANK.get(before, 0)
            kind = "improved" if delta > 0 else "regressed" if delta < 0 else "unchanged"
        standard, _, requirement_id = key.partition("|")
        title = new.titles.get(key) or old.titles.get(key) or ""
        reviews = old.reviews.get(key), new.reviews.get(key)
        changes.append(Change(standard, requirement_id, title, before, after, kind, *reviews))
    order = {name: i for i, name in enumerate(CHANGES)}
    return sorted(changes, key=lambda c: order[c.change])


def counts(changes: list[Change]) -> dict[str, int]:
    """How many requirements changed each way (and how many reviews changed, in ``reviews_changed``)."""
    totals = {name: sum(1 for c in changes if c.change == name) for name in CHANGES}
    totals["reviews_changed"] = sum(1 for c in changes if c.review_changed)
    return totals


def render_text(old: Side, new: Side, changes: list[Change], *, all_rows: bool = False) -> str:
    """A terminal summary; unchanged requirements only with ``all_rows``."""
    totals = counts(changes)
    summary = ", ".join(f"{totals[name]} {name}" for name in CHANGES)
    if totals["reviews_changed"]:
        summary += f", {totals['reviews_changed']} review(s) changed"
    lines = [f"{old.source} -> {new.source}: {summary}"]
    for c in changes:
        if c.change == "unchanged" and not all_rows and not c.review_changed:
            continue
        lines.append(f"  {c.change:<10} {c.standard}:{c.id:<10} {c.old or '-':>14} -> {c.new or '-':<14} {c.title}")
        if c.review_changed:
            lines.append(f"  {'':<10} review: {c.old_review or '(none)'} -> {c.new_review or '(none)'}")
    return "\n".join(lines) + "\n"


def render_json(old: Side, new: Side, changes: list[Change]) -> str:
    """The diff as JSON: sources, counts and every requirement."""
    payload = {
        "old": old.source,
        "new": new.source,
        "counts": counts(changes),
        "changes": [asdict(c) for c in changes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_markdown(old: Side, new: Side, changes: list[Change], *, all_rows: bool = False) -> str:
    """A Markdown table for a pull-request comment."""
    from checker.report.markdown import cell

    marks = {
        "regressed": "🔻",
        "improved": "🔺",
        "added": "➕",
        "removed": "➖",
        "unchanged": "·",
        "reviews_changed": "✎",
    }
    totals = counts(changes)
    lines = [
        f"## gapcheck diff: `{cell(old.source)}` → `{cell(new.source)}`",
        "",
        " · ".join(f"{marks[name]} {n} {name.replace('_', ' ')}" for name, n in totals.items() if n or name in CHANGES),
        "",
        "| Change | ID | Before | After | Requirement | Review |",
        "|---|---|---|---|---|---|",
    ]
    for c in changes:
        if c.change == "unchanged" and not all_rows and not c.review_changed:
            continue
        review = f"{cell(c.old_review or '(none)')} → {cell(c.new_review or '(none)')}" if c.review_changed else ""
        lines.append(
            f"| {marks[c.change]} {c.change} | `{cell(c.standard)}:{cell(c.id)}` | {c.old or '-'} | {c.new or '-'} "
            f"| {cell(c.title)} | {review} |"
        )
    return "\n".join(lines) + "\n"
