"""Labelled cases for ``gapcheck eval``: our fictional samples and real reports kept in the shared corpus.

A case is a folder with ``expected.yaml`` (see samples/README.md and samples/real/README.md): the draft, the
standards and profile it is judged against, the set it belongs to, and a reviewer's verdict for every
requirement. A real report's draft is named ``corpus:<path>`` (inside the shared corpus) or ``shared:<path>``
(inside the shared folder); those documents never enter this repository, and a case whose document is absent is
skipped, not failed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from checker.errors import InputError
from checker.report.model import Profile

LABELS = ("covered", "partial", "missing", "explained", "not_applicable", "manual")
DISCLOSED = ("covered", "partial", "explained")
SETS = ("tuning", "heldout", "real-tuning", "real-heldout")
_ROOT = Path(__file__).resolve().parents[2]


class Label(BaseModel):
    """A reviewer's verdict for one requirement, with where the disclosure is."""

    model_config = ConfigDict(extra="forbid")

    status: str
    pages: list[int] = Field(default_factory=list)
    lines: list[int] = Field(default_factory=list, description="1-based lines of a text document")

    @field_validator("status")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in LABELS:
            raise ValueError(f"unknown verdict {value!r} (use one of {', '.join(LABELS)})")
        return value


class IndexTruth(BaseModel):
    """What the report's own content index lists, read by a person: the measure for the claims parser."""

    model_config = ConfigDict(extra="forbid")

    lines: list[tuple[int, int]] = Field(default_factory=list, description="1-based line ranges (text documents)")
    pages: list[tuple[int, int]] = Field(default_factory=list, description="physical page ranges (PDFs)")
    codes: list[str] = Field(default_factory=list, description="HKEX requirement ids the index lists")
    explained: list[str] = Field(default_factory=list, description="ids the index gives a reason for")
    cited: dict[str, str] = Field(default_factory=dict, description="what a few rows cite, as printed")


class Case(BaseModel):
    """One labelled case (``expected.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    draft: str
    language: str | None = None
    set: str = "tuning"
    standards: list[str]
    profile: Profile = Field(default_factory=Profile)
    labelled_by: str | None = None
    expected: dict[str, dict[str, Label]]
    notes: dict[str, str] = Field(default_factory=dict)
    index: IndexTruth | None = None

    @field_validator("set")
    @classmethod
    def _known_set(cls, value: str) -> str:
        if value not in SETS:
            raise ValueError(f"unknown set {value!r} (use one of {', '.join(SETS)})")
        return value

    @field_validator("expected", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # NOTE: `B1.2: missing` is shorthand for `B1.2: {status: missing}`.
        if isinstance(value, dict):
            return {
                std: {rid: ({"status": lab} if isinstance(lab, str) else lab) for rid, lab in (labels or {}).items()}
                for std, labels in value.items()
            }
        return value


def shared_folder() -> Path:
    """The shared folder beside the checkout (``$GAPCHECK_SHARED`` overrides)."""
    return Path(os.environ.get("GAPCHECK_SHARED") or _ROOT.parent / "shared")


def corpus_folder() -> Path:
    """The real-report corpus (``$GAPCHECK_CORPUS``, else ``corpus/`` in the shared folder)."""
    return Path(os.environ.get("GAPCHECK_CORPUS") or shared_folder() / "corpus")


def resolve_draft(folder: Path, draft: str) -> Path:
    """The file a case's ``draft`` names: relative to the case, or inside the corpus or shared folder."""
    if draft.startswith("corpus:"):
        return corpus_folder() / draft.removeprefix("corpus:")
    if draft.startswith("shared:"):
        return shared_folder() / draft.removeprefix("shared:")
    return folder / draft


def load_case(path: Path) -> tuple[Case, Path]:
    """Load ``<folder>/expected.yaml`` (or the yaml path itself); returns the case and the draft path.

    Raises:
        InputError: unreadable or invalid expected.yaml, with the field that is wrong.
    """
    import yaml

    file = path / "expected.yaml" if path.is_dir() else path
    if not file.is_file():
        raise InputError("no expected.yaml here", path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        case = Case.model_validate(data)
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {first['msg']}", file) from exc
    return case, resolve_draft(file.parent, case.draft)


def case_name(path: Path) -> str:
    """The case's name: its folder's name."""
    return path.name if path.is_dir() else path.parent.name
