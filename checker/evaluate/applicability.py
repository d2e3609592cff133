"""Applicability and obligation levels from the issuer profile (tier, financial year) and the claimed reliefs.

A relief is claimed when the profile claims it or the draft states it (``stated``: the names of the reliefs whose
``stated:`` expression holds in the draft).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection

from checker.dsl import ast
from checker.report.model import Profile

_COMPARE: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}


def holds(cond: ast.Cond, profile: Profile, year: int | None, stated: Collection[str] = ()) -> bool:
    """Whether ``cond`` holds for the profile and the reliefs the draft states.

    An unknown year satisfies no year comparison.
    """
    if isinstance(cond, ast.CondTier):
        return profile.tier in cond.tiers
    if isinstance(cond, ast.CondYear):
        return year is not None and _COMPARE[cond.op](year, cond.year)
    if isinstance(cond, ast.CondRelief):
        return cond.relief in profile.reliefs or cond.relief in stated
    if isinstance(cond, ast.CondAll):
        return all(holds(part, profile, year, stated) for part in cond.parts)
    if isinstance(cond, ast.CondAny):
        return any(holds(part, profile, year, stated) for part in cond.parts)
    return not holds(cond.inner, profile, year, stated)


def describe(cond: ast.Cond) -> str:
    """Plain words for a condition, for 'not applicable' reasons."""
    if isinstance(cond, ast.CondTier):
        return "issuer tier is " + " or ".join(t.replace("_", " ") for t in cond.tiers)
    if isinstance(cond, ast.CondYear):
        return f"financial year {cond.op} {cond.year}"
    if isinstance(cond, ast.CondRelief):
        return f"relief '{cond.relief}' is claimed"
    if isinstance(cond, ast.CondAll):
        return " and ".join(describe(p) for p in cond.parts)
    if isinstance(cond, ast.CondAny):
        return "(" + " or ".join(describe(p) for p in cond.parts) + ")"
    return f"not ({describe(cond.inner)})"


def obligation_for(
    requirement: ast.Requirement, profile: Profile, year: int | None, stated: Collection[str] = ()
) -> str:
    """The obligation level for this profile: the last ``obligation ... when`` clause that holds wins."""
    level = requirement.obligations[0].level if requirement.obligations else "voluntary"
    for clause in requirement.obligations:
        if clause.when is None or holds(clause.when, profile, year, stated):
            level = clause.level
    return level


def not_applicable_reason(
    requirement: ast.Requirement, profile: Profile, year: int | None, stated: Collection[str] = ()
) -> str | None:
    """Why the requirement does not apply to this profile, or None when it applies.

    NOTE: a claimed relief (``relief`` field) does not make a requirement inapplicable: it is judged, and an
    omission it covers is ``explained`` (``checker.evaluate.reliefs``).
    """
    if requirement.applies is not None and not holds(requirement.applies, profile, year, stated):
        return f"Applies only when {describe(requirement.applies)} (profile: tier {profile.tier}, FY{year})."
    return None
