"""Typed, frozen AST of the rule language. Every node keeps its source span for diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Span:
    """Where a node is in its rule file (1-based lines and columns)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


# ---- terms -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Literal:
    """A quoted term, e.g. ``"total workforce"``."""

    text: str
    span: Span


@dataclass(frozen=True)
class LexRef:
    """A bare name: a lexicon, or (inside some predicates) a keyword such as a unit kind or scope."""

    name: str
    span: Span


@dataclass(frozen=True)
class TermList:
    """An inline set of terms: ``["full-time", "part-time", employment_type]``."""

    items: tuple[Literal | LexRef, ...]
    span: Span


TermSet = Union[Literal, LexRef, TermList]


# ---- element expressions -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Number:
    """An integer argument (a count, a distance in characters, a number of years)."""

    value: int
    span: Span


@dataclass(frozen=True)
class KeywordArg:
    """``name=value`` inside a predicate call, e.g. ``within=block``."""

    name: str
    value: str | int
    span: Span


@dataclass(frozen=True)
class Call:
    """A predicate call, e.g. ``near(workforce, gender, within=block)``."""

    name: str
    args: tuple[Arg, ...]
    span: Span


@dataclass(frozen=True)
class And:
    """All parts must hold."""

    parts: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True)
class Or:
    """Any part may hold."""

    parts: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True)
class Not:
    """The inner expression must not hold."""

    inner: Expr
    span: Span


Expr = Union[Call, And, Or, Not]
Arg = Union[Expr, Literal, LexRef, TermList, Number, KeywordArg]


# ---- applicability conditions ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CondTier:
    """True when the issuer's tier is one of ``tiers``."""

    tiers: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class CondYear:
    """Compares the financial year of the report, e.g. ``year >= 2026``."""

    op: str
    year: int
    span: Span


@dataclass(frozen=True)
class CondRelief:
    """True when the named relief is claimed: in the issuer's profile, or stated in the draft."""

    relief: str
    span: Span


@dataclass(frozen=True)
class CondAll:
    """All conditions hold."""

    parts: tuple[Cond, ...]
    span: Span


@dataclass(frozen=True)
class CondAny:
    """Any condition holds."""

    parts: tuple[Cond, ...]
    span: Span


@dataclass(frozen=True)
class CondNot:
    """The condition does not hold."""

    inner: Cond
    span: Span


Cond = Union[CondTier, CondYear, CondRelief, CondAll, CondAny, CondNot]


# ---- declarations ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StandardHeader:
    """The ``standard`` declaration of a pack (in ``pack.rule``)."""

    id: str
    name: str
    edition: str
    aliases: tuple[str, ...]
    includes: tuple[str, ...]
    default_year: int | None
    effective: str | None
    span: Span


@dataclass(frozen=True)
class Lexicon:
    """A named vocabulary, written once and referenced by name."""

    name: str
    terms: tuple[Literal | LexRef, ...]
    span: Span
    exceptions: tuple[Literal | LexRef, ...] = ()
    # terms whose presence in the same sentence makes a hit of this lexicon's terms another sense
    contexts: tuple[Literal | LexRef, ...] = ()


@dataclass(frozen=True)
class Hint:
    """A note for the finding when the requirement is not covered but ``expr`` holds."""

    message: str
    expr: Expr
    span: Span


@dataclass(frozen=True)
class PartialPattern:
    """``looks_partial "what" : expr``: a weak disclosure of the item (the catalogue's "partial looks like")."""

    message: str
    expr: Expr
    span: Span


@dataclass(frozen=True)
class ObligationClause:
    """``obligation LEVEL [when COND]``: the last clause whose condition holds wins."""

    level: str
    when: Cond | None
    span: Span


@dataclass(frozen=True)
class ReliefDecl:
    """``relief "name" "reason" stated: expr``: a relief declared once per pack.

    ``stated`` is how a draft says it uses the relief; where it holds, the relief counts as claimed for that audit.
    """

    name: str
    reason: str
    stated: Expr | None
    span: Span


@dataclass(frozen=True)
class Relief:
    """A declared relief a requirement may be left out under; claimed, an omission is ``explained`` by it.

    ``reason`` is None where the requirement takes its declaration's (the loaded pack fills it in).
    """

    name: str
    reason: str | None
    span: Span


@dataclass(frozen=True)
class Element:
    """A named sub-disclosure a reviewer looks for.

    With ``required_when``, required only where that profile condition holds; with ``required_if``, only where the
    report shows what makes it relevant (the expression holds in the document).
    """

    name: str
    optional: bool
    expr: Expr
    span: Span
    required_when: Cond | None = None
    required_if: Expr | None = None


@dataclass(frozen=True)
class Example:
    """A snippet with the verdict the rule must give on it; examples are tests."""

    status: str
    profile: tuple[tuple[str, str | int], ...]
    text: str
    span: Span


@dataclass(frozen=True)
class Requirement:
    """One disclosure requirement of a standard."""

    id: str
    symbol: str
    span: Span
    title: str | None = None
    cite: str | None = None
    part: str | None = None
    aspect: str | None = None
    lifecycle: str | None = None
    obligations: tuple[ObligationClause, ...] = ()
    applies: Cond | None = None
    reliefs: tuple[Relief, ...] = ()
    topic: tuple[TermSet, ...] = ()
    subject: tuple[TermSet, ...] = ()
    scope: str | None = None
    ignore_under: tuple[TermSet, ...] = ()
    hints: tuple[Hint, ...] = ()
    partials: tuple[PartialPattern, ...] = ()
    elements: tuple[Element, ...] = ()
    explain: Expr | None = None
    examples: tuple[Example, ...] = ()
    notes: tuple[str, ...] = ()
    maps_to: tuple[str, ...] = ()
    uncheckable: str | None = None
    # the relief this requirement is the granting paragraph of (``grants``)
    grants: str | None = None
    field_spans: dict[str, Span] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class RuleFile:
    """The parsed content of one ``.rule`` file."""

    path: str
    standard: StandardHeader | None
    lexicons: tuple[Lexicon, ...]
    requirements: tuple[Requirement, ...]
    reliefs: tuple[ReliefDecl, ...] = ()
