"""The stages wired together: resolve standards, read drafts, audit. Used by the CLI, eval and batch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.cache import DocumentCache, default_cache
from checker.dsl.pack import RulePack, load_pack, resolve_standard
from checker.evaluate.engine import Auditor
from checker.ingest import ReadOptions, read_document
from checker.report.model import AuditResult, Profile

DEFAULT_STANDARD = "hkex-esg"


def load_standards(names: Sequence[str], rules_dir: Path | None = None) -> list[RulePack]:
    """Load the packs named by ``--standard`` values (ids, aliases or pack folders), each once, in order."""
    packs: list[RulePack] = []
    seen: set[Path] = set()
    for name in names or [DEFAULT_STANDARD]:
        directory = resolve_standard(name, rules_dir).resolve()
        if directory not in seen:
            seen.add(directory)
            packs.append(load_pack(directory))
    return packs


_DEFAULT_CACHE: Any = object()


def audit_path(
    path: str | Path,
    auditor: Auditor,
    profile: Profile | None = None,
    options: ReadOptions | None = None,
    cache: DocumentCache | None = _DEFAULT_CACHE,
) -> AuditResult:
    """Read one draft (through the Document cache unless ``cache`` is None) and audit it with the compiled packs.

    The default cache is ``checker.cache.default_cache()``: on, unless ``GAPCHECK_NO_CACHE=1``.
    """
    if cache is _DEFAULT_CACHE:
        cache = default_cache()
    from checker.evaluate.index_ahead import ahead_of_index
    from checker.report.confidence import with_confidence

    # NOTE: a long new draft's term pass and quantity scan run in a helper beside its structure pass when a core
    # is free; the index takes their result (same as computing it here)
    with ahead_of_index(auditor.matcher):
        document = cache.read(path, options) if cache is not None else read_document(path, options)
        return with_confidence(auditor.audit(document, profile))
