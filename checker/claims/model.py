"""The issuer's own content index, read as claims: what it says each requirement's disclosure is, and where.

A content index (HKEX, TCFD, or a regulator's correspondence table) is never evidence of disclosure. It is what
the issuer *claims*: "KPI B6.1 ... Not applicable", "A1.1 ... 5.2 Emissions ... 48-49". Each claim names a
requirement, the pages and sections it cites, and any explanation it gives instead of a disclosure. The claims are
checked against the body by the evaluator; an explanation given in the index is the one thing an index may ever be
evidence for (comply-or-explain is met).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Claim(BaseModel):
    """One requirement as the issuer's index lists it."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="the requirement, normalised: 'HKEX:A1.1', 'HKEX:A1.GD', 'TCFD:Gov-a'")
    label: str = Field(description="the code as printed ('KPI A1.1', '層面A1 一般披露', 'Governance a)')")
    pages: list[str] = Field(default_factory=list, description="printed page numbers cited, as printed")
    sections: list[str] = Field(default_factory=list, description="section numbers or names cited")
    explanation: str | None = Field(default=None, description="the reason given instead of a disclosure")
    text: str = Field(description="the index row, as printed")
    span: tuple[int, int] = Field(description="[start, end) of the row in Document.text")
    page: int = Field(ge=1, description="physical page of the row")


class TopicRow(BaseModel):
    """A row of an index that names its item by topic, not by code, and gives a reason instead of a disclosure.

    Which requirement it explains is decided by the evaluator, from each requirement's topic terms.
    """

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the index row, as printed")
    span: tuple[int, int] = Field(description="[start, end) of the row in Document.text")
    page: int = Field(ge=1, description="physical page of the row")
    table_row: bool = Field(
        default=False, description="a row of its own: a table row or a line set in columns (else a wrapped line)"
    )
    item: str | None = Field(
        default=None,
        description="the labelled reason, when the row gives it for one item it names ('內部碳價：不適用'): the row "
        "explains that item only",
    )


class ContentIndex(BaseModel):
    """The issuer's content index(es) found in a document."""

    model_config = ConfigDict(frozen=True)

    found: bool = False
    pages: list[int] = Field(default_factory=list, description="physical pages holding index rows")
    standards: list[str] = Field(default_factory=list, description="frameworks the index cites: HKEX, TCFD")
    claims: list[Claim] = Field(default_factory=list)
    topic_rows: list[TopicRow] = Field(
        default_factory=list, description="uncoded rows that explain an omission ('內部碳價 | 不適用…')"
    )

    def for_code(self, code: str) -> list[Claim]:
        """The claims of one normalised code, in document order."""
        return [claim for claim in self.claims if claim.code == code]
