"""JSON: the complete, versioned result. One object per draft; a list when several drafts were audited.

The text is pydantic-core's (``model_dump_json``, written in Rust): byte for byte what ``json.dumps(
result.model_dump(mode="json"), ensure_ascii=False, indent=2)`` writes, in ~3 ms instead of ~16 ms on a 200-page
report (the standard library's encoder runs in Python whenever it indents). The two differ only in floats that
Python writes with an exponent (``1e-05`` against ``0.00001``), infinities and NaN, and in strings holding a lone
surrogate (pydantic refuses them); a result holding any of these is written by the standard library, as before.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from checker.report.model import AuditResult


def render(results: list[AuditResult]) -> str:
    """Serialise results; a single draft gives one object, several give a list."""
    if all(_floats_agree(result) for result in results):
        from pydantic_core import PydanticSerializationError

        try:
            if len(results) == 1:
                return results[0].model_dump_json(indent=2) + "\n"
            data: bytes = _list_adapter().dump_json(results, indent=2)
            return data.decode() + "\n"
        except PydanticSerializationError:
            pass  # NOTE: a lone surrogate in some text; the standard library writes it as it always did
    return _standard_library(results)


def _standard_library(results: list[AuditResult]) -> str:
    """The reference rendering: what ``render`` returns for every result."""
    payload = [r.model_dump(mode="json") for r in results]
    return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"


@cache
def _list_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(list[AuditResult])


def _floats_agree(result: AuditResult) -> bool:
    """Whether every float of ``result`` is one both encoders write alike: finite, and without an exponent.

    NOTE: the result's only floats are the coverage and whatever the gate dict holds (its ``min_coverage``, from
    the user); ``tests/report/test_json_writer.py`` fails if the model gains another float field.
    """
    return _plain(result.summary.coverage) and _plain_within(result.gate)


def _plain(value: float) -> bool:
    # NOTE: Python's repr switches to an exponent below 1e-4 and from 1e16 on; in between both print the same digits
    return value == 0 or (math.isfinite(value) and 1e-4 <= abs(value) < 1e16)


def _plain_within(value: object) -> bool:
    if isinstance(value, float):
        return _plain(value)
    if isinstance(value, dict):
        return all(_plain_within(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_plain_within(v) for v in value)
    return True
