"""Run every rule's examples: the examples in rule files are tests (``gapcheck rules test`` and pytest)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from checker.dsl.pack import RulePack
from checker.evaluate.engine import Auditor
from checker.ingest.document import Document, SourceInfo
from checker.ingest.options import ReadOptions
from checker.report.model import Profile


@dataclass(frozen=True)
class ExampleOutcome:
    """One example's expected and actual verdict."""

    pack: str
    requirement: str
    number: int
    expected: str
    actual: str
    message: str
    location: str

    @property
    def passed(self) -> bool:
        """Whether the rule gave the labelled verdict."""
        return self.expected == self.actual

    @property
    def test_id(self) -> str:
        """A readable id such as ``hkex-esg-2025::B1.1::partial-2``."""
        return f"{self.pack}::{self.requirement}::{self.expected}-{self.number}"


def example_document(text: str, name: str) -> Document:
    """Read an example snippet as Markdown, so headings and tables in examples work as in a draft."""
    from checker.ingest import markdown
    from checker.ingest.registry import finish_reading

    data = text.encode("utf-8")
    source = SourceInfo(path=name, format="markdown", sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data))
    return finish_reading(markdown.read(data, source, ReadOptions()))


def run_examples(pack: RulePack, auditor: Auditor | None = None) -> list[ExampleOutcome]:
    """Evaluate every example of every requirement of ``pack`` with that requirement alone."""
    auditor = auditor or Auditor([pack])
    outcomes = []
    for requirement in pack.requirements:
        counters: dict[str, int] = {}
        for example in requirement.examples:
            counters[example.status] = counters.get(example.status, 0) + 1
            profile_values = dict(example.profile)
            profile = Profile(
                tier=str(profile_values.get("tier", "main_board")),
                financial_year=int(profile_values["year"]) if "year" in profile_values else None,
                reliefs=[str(profile_values["relief"])] if "relief" in profile_values else [],
            )
            name = f"<example {requirement.id} {example.status}-{counters[example.status]}>"
            findings = auditor.judge(example_document(example.text, name), profile, {(pack.id, requirement.id)})
            finding = findings[0]
            outcomes.append(
                ExampleOutcome(
                    pack=pack.id,
                    requirement=requirement.id,
                    number=counters[example.status],
                    expected=example.status,
                    actual=finding.status.value,
                    message=finding.message,
                    location=f"{example.span.path}:{example.span.line}:{example.span.column}",
                )
            )
    return outcomes
