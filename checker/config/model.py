"""The policy: which standards, for which issuer, and when the gate fails. Validated strictly (unknown keys fail).

A policy file reads::

    standards = ["hkex-esg"]

    [profile]
    tier = "main_board"
    financial_year = 2025
    reliefs = []

    [gate]
    fail_on = ["missing:mandatory", "error"]
    min_coverage = 0.8
    honour_reviews = false   # true: a reviewer's "Accepted" / "Not applicable" with a note waives the requirement

    [[waivers]]
    id = "B1.2"
    reason = "Turnover data is collected from FY2026"
    owner = "ESG team"
    expires = 2026-06-30
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

FAIL_STATUSES = ("missing", "partial", "error", "manual")
# NOTE: ``index`` fails on problems with the issuer's content index; ``index:KIND`` on one kind only.
INDEX_KINDS = ("overclaim", "omitted", "page_out_of_range", "unknown_section")
OBLIGATIONS = ("mandatory", "comply_or_explain", "recommended", "voluntary")
DEFAULT_FAIL_ON = ("missing:mandatory", "error")

_FAIL_ON = re.compile(r"^(?P<status>[a-z_]+)(?::(?P<obligation>[a-z_]+))?$")


def check_fail_on(entry: str) -> str:
    """Validate one ``fail_on`` entry: ``STATUS``, ``STATUS:OBLIGATION``, ``index`` or ``index:KIND``.

    Raises:
        ValueError: an unknown status or obligation, with the allowed values.
    """
    text = entry.strip().lower().replace("-", "_")
    match = _FAIL_ON.match(text)
    if match is not None and match["status"] == "index":
        if match["obligation"] is not None and match["obligation"] not in INDEX_KINDS:
            raise ValueError(f"fail_on {entry!r}: index findings are one of {', '.join(INDEX_KINDS)}")
        return text
    if match is None or match["status"] not in FAIL_STATUSES:
        raise ValueError(
            f"fail_on {entry!r}: expected STATUS or STATUS:OBLIGATION with STATUS one of {', '.join(FAIL_STATUSES)}, "
            f"or index[:{'|'.join(INDEX_KINDS)}]"
        )
    if match["obligation"] is not None and match["obligation"] not in OBLIGATIONS:
        raise ValueError(f"fail_on {entry!r}: obligation must be one of {', '.join(OBLIGATIONS)}")
    return text


class ProfilePolicy(BaseModel):
    """The issuer profile: decides which requirements apply and how strictly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: Literal["largecap", "main_board", "gem"] | None = None
    financial_year: int | None = Field(default=None, ge=2000, le=2100)
    reliefs: list[str] = Field(default_factory=list)


class GatePolicy(BaseModel):
    """When the audit fails the build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fail_on: list[str] = Field(default_factory=lambda: list(DEFAULT_FAIL_ON))
    min_coverage: float | None = Field(default=None, ge=0.0, le=1.0)
    honour_reviews: bool = Field(
        default=False,
        description="a reviewer's 'accepted' or 'not applicable' with a note, not stale, keeps the requirement "
        "from failing the gate",
    )

    @field_validator("fail_on")
    @classmethod
    def _valid_fail_on(cls, value: list[str]) -> list[str]:
        return [check_fail_on(entry) for entry in value]


class Waiver(BaseModel):
    """An accepted gap: the requirement, why, who owns it, and until when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="requirement id, optionally 'standard:id' (e.g. hkex-esg-2025:B1.2)")
    reason: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    expires: date

    def matches(self, standard: str, requirement_id: str) -> bool:
        """Whether this waiver names the requirement ``requirement_id`` of ``standard``."""
        wanted_standard, _, wanted_id = self.id.rpartition(":")
        return wanted_id == requirement_id and wanted_standard in ("", standard)


class Policy(BaseModel):
    """The whole policy file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    standards: list[str] = Field(default_factory=list)
    profile: ProfilePolicy = Field(default_factory=ProfilePolicy)
    gate: GatePolicy = Field(default_factory=GatePolicy)
    waivers: list[Waiver] = Field(default_factory=list)
