"""The closed vocabularies of the rule language: predicates, obligations, verdicts, tiers, units, scopes.

Semantic checks and the evaluator both read these tables, so a new predicate is declared in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

OBLIGATIONS = ("mandatory", "comply_or_explain", "recommended", "voluntary")
EXAMPLE_STATUSES = ("covered", "partial", "missing", "explained", "not_applicable")
TIERS = ("largecap", "main_board", "gem")
LIFECYCLES = ("preview", "stable", "deprecated", "removed")
PROFILE_KEYS = ("tier", "year", "relief")
SCOPES = ("sentence", "block", "page")
# What a figure measures: a level ("used 1,820 MWh"), or a change ("saved 170,000 kWh", "cut emissions by 12%");
# an amount is a level that is not a rate ("0.57 tCO2/MWh", "85 kWh/m2" are levels of an intensity, not amounts).
# ``reporting`` keeps the years that are the audited report's own financial year ("acquired in May 2025" in a FY2025
# report): what happened in the year, not a comparative or a target year.
QUANTITY_ROLES = ("any", "level", "amount", "change", "share", "reporting")
UNIT_KINDS = (
    "persons",
    "percent",
    "tonnes",
    "tco2e",
    "energy",
    "water",
    "money",
    "hours",
    "days",
    "count",
    "year",
    "period",
    "number",
)


@dataclass(frozen=True)
class PredicateSpec:
    """What a predicate accepts.

    ``operands``: "terms" (term sets only), "any" (term sets or predicate calls), "units" (unit-kind names),
    "count" (a whole number), "terms+expr" (``under``: a term set, then an expression), or "relief" (the quoted
    name of a declared relief).
    """

    operands: str
    min_operands: int
    max_operands: int | None
    keywords: tuple[str, ...]
    summary: str


PREDICATES: dict[str, PredicateSpec] = {
    "any": PredicateSpec("terms", 1, None, (), "any of the terms occurs"),
    "all": PredicateSpec("terms", 2, None, (), "every term occurs in the same block"),
    "near": PredicateSpec(
        "any",
        2,
        None,
        ("within",),
        "all operands occur together within a sentence, block, page or N characters",
    ),
    "quantity": PredicateSpec(
        "units",
        1,
        None,
        ("of",),
        "a number with a unit of one of these kinds (of=level|amount|share|change|reporting|any, default any)",
    ),
    "years": PredicateSpec("count", 1, 1, ("within",), "values for at least N distinct years (a multi-year series)"),
    "table": PredicateSpec("any", 1, None, (), "a table that contains every operand"),
    "column": PredicateSpec("any", 2, 2, (), "the second operand's hits in table columns headed by the first"),
    "heading": PredicateSpec("terms", 1, None, (), "a heading that contains one of the terms"),
    "under": PredicateSpec("terms+expr", 2, 2, (), "the expression holds inside a section whose heading matches"),
    "without": PredicateSpec(
        "any", 2, 2, ("within",), "the first operand's hits with no second operand in the same sentence/block/N chars"
    ),
    "count": PredicateSpec("any+count", 2, 2, (), "the operand occurs at least N times"),
    "stated": PredicateSpec("relief", 1, 1, (), "the draft states that it uses the relief (its 'stated:' expression)"),
}
