"""The semantic pass over parsed rule files: everything the grammar cannot check.

Duplicate ids, unknown lexicons, predicates, obligations, tiers, unit kinds and verdicts, wrong argument
shapes, lexicon cycles, and missing mandatory fields. Each problem becomes a Diagnostic with "did you mean".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from checker.dsl import ast
from checker.dsl.diagnostics import Diagnostic
from checker.dsl.vocabulary import (
    EXAMPLE_STATUSES,
    LIFECYCLES,
    OBLIGATIONS,
    PREDICATES,
    PROFILE_KEYS,
    QUANTITY_ROLES,
    SCOPES,
    TIERS,
    UNIT_KINDS,
)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.()\-]*$")


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _at(span: ast.Span, message: str, help: str | None = None, note: str | None = None) -> Diagnostic:
    width = span.end_column if span.end_line == span.line else None
    return Diagnostic(message, span.path, span.line, span.column, width, help, note)


def check_pack(header: ast.StandardHeader, files: list[ast.RuleFile]) -> list[Diagnostic]:
    """Validate a whole pack; returns every problem found (empty when the pack is valid)."""
    problems: list[Diagnostic] = []
    for rule_file in files:
        if rule_file.standard is not None and rule_file.standard is not header:
            problems.append(_at(rule_file.standard.span, "only pack.rule may declare the standard"))
    lexicons = _once_by_name([x for f in files for x in f.lexicons], "lexicon", "defined", problems)
    problems.extend(_check_lexicons(lexicons))
    reliefs = _once_by_name([x for f in files for x in f.reliefs], "relief", "declared", problems)
    for declared in reliefs.values():
        if not declared.reason.strip():
            problems.append(_at(declared.span, f"relief '{declared.name}' needs a reason"))
        if declared.stated is not None:
            problems.extend(_check_expr(declared.stated, lexicons, reliefs, stating=declared.name))
    seen_ids: dict[str, ast.Requirement] = {}
    seen_symbols: dict[str, ast.Requirement] = {}
    for rule_file in files:
        for requirement in rule_file.requirements:
            if requirement.id in seen_ids:
                first = seen_ids[requirement.id].span
                problems.append(
                    _at(
                        requirement.span,
                        f"requirement '{requirement.id}' is defined twice",
                        help="each requirement id may appear once in a pack",
                        note=f"first defined at {first.path}:{first.line}:{first.column}",
                    )
                )
            else:
                seen_ids[requirement.id] = requirement
            if requirement.symbol in seen_symbols and seen_symbols[requirement.symbol].id != requirement.id:
                other = seen_symbols[requirement.symbol]
                problems.append(_at(requirement.span, f"symbol '{requirement.symbol}' is already used by '{other.id}'"))
            seen_symbols.setdefault(requirement.symbol, requirement)
            problems.extend(_check_requirement(requirement, lexicons, reliefs))
    return problems


_Named = TypeVar("_Named", ast.Lexicon, ast.ReliefDecl)


def _once_by_name(items: list[_Named], kind: str, verb: str, problems: list[Diagnostic]) -> dict[str, _Named]:
    """The lexicons or reliefs by name, in file order; a second of a name is an error pointing at the first."""
    found: dict[str, _Named] = {}
    for item in items:
        first = found.get(item.name)
        if first is not None:
            problems.append(
                _at(
                    item.span,
                    f"{kind} '{item.name}' is {verb} twice",
                    note=f"first {verb} at {first.span.path}:{first.span.line}:{first.span.column}",
                )
            )
        else:
            found[item.name] = item
    return found


def _unknown_relief(name: str, span: ast.Span, reliefs: dict[str, ast.ReliefDecl]) -> Iterator[Diagnostic]:
    if name not in reliefs:
        yield _at(
            span,
            f"unknown relief '{name}'",
            _did_you_mean(name, reliefs) or 'declare it once in the pack: relief "name" "reason" stated: ...',
        )


def _check_lexicons(lexicons: dict[str, ast.Lexicon]) -> Iterator[Diagnostic]:
    for lexicon in lexicons.values():
        for term in (*lexicon.terms, *lexicon.exceptions, *lexicon.contexts):
            if isinstance(term, ast.LexRef) and term.name not in lexicons:
                yield _at(term.span, f"unknown lexicon '{term.name}'", _did_you_mean(term.name, lexicons))
        for exception in (*lexicon.exceptions, *lexicon.contexts):
            if isinstance(exception, ast.Literal) and not exception.text.strip().rstrip("*"):
                yield _at(exception.span, "an exception needs some text")
            if isinstance(term, ast.Literal) and not term.text.strip("* "):
                yield _at(term.span, "empty term")
    # NOTE: a cycle would make lexicon expansion loop forever; report it at the lexicon that closes it.
    state: dict[str, int] = {}

    def visit(name: str) -> Iterator[Diagnostic]:
        state[name] = 1
        for term in lexicons[name].terms:
            if isinstance(term, ast.LexRef) and term.name in lexicons:
                if state.get(term.name) == 1:
                    yield _at(term.span, f"lexicon '{name}' includes itself through '{term.name}'")
                elif state.get(term.name) is None:
                    yield from visit(term.name)
        state[name] = 2

    for name in lexicons:
        if name not in state:
            yield from visit(name)


EVIDENCE_SCOPES = ("topic", "document")


def _check_requirement(
    req: ast.Requirement, lexicons: dict[str, ast.Lexicon], reliefs: dict[str, ast.ReliefDecl]
) -> Iterator[Diagnostic]:
    if not ID_PATTERN.match(req.id):
        yield _at(
            req.span,
            f"'{req.id}' is not a valid requirement id",
            help="use the standard's own numbering, e.g. B1.1, PartB.13(i), S2.29(a)(i)(1), TCFD-Gov-a",
        )
    for key, span in req.field_spans.items():
        if key.startswith("duplicate:"):
            yield _at(span, f"'{key.split(':')[1]}' is given twice in requirement '{req.id}'")
    for name in ("title", "cite"):
        if getattr(req, name) is None:
            yield _at(req.span, f"requirement '{req.id}' has no {name}", help=f'add a line such as: {name} "..."')
    if not req.obligations:
        yield _at(
            req.span,
            f"requirement '{req.id}' has no obligation",
            help=f"add: obligation {' | '.join(OBLIGATIONS)}",
        )
    for clause in req.obligations:
        if clause.level not in OBLIGATIONS:
            yield _at(
                clause.span,
                f"unknown obligation '{clause.level}'",
                _did_you_mean(clause.level, OBLIGATIONS) or f"use one of: {', '.join(OBLIGATIONS)}",
            )
        if clause.when is not None:
            yield from _check_cond(clause.when, reliefs)
    if req.applies is not None:
        yield from _check_cond(req.applies, reliefs)
    for relief in req.reliefs:
        yield from _unknown_relief(relief.name, relief.span, reliefs)
    if req.grants is not None:
        span = req.field_spans["grants"]
        yield from _unknown_relief(req.grants, span, reliefs)
        declared = reliefs.get(req.grants)
        if declared is not None and declared.stated is None:
            yield _at(span, f"relief '{req.grants}' has no 'stated:' expression, so no draft could state it")
    if req.lifecycle is not None and req.lifecycle not in LIFECYCLES:
        yield _at(
            req.field_spans["lifecycle"],
            f"unknown status '{req.lifecycle}'",
            _did_you_mean(req.lifecycle, LIFECYCLES) or f"use one of: {', '.join(LIFECYCLES)}",
        )
    if not req.elements and req.uncheckable is None:
        yield _at(
            req.span,
            f"requirement '{req.id}' has no element",
            help='add: element "what a reviewer looks for": any(...), or uncheckable "why"',
        )
    names: set[str] = set()
    for element in req.elements:
        if element.required_when is not None:
            yield from _check_cond(element.required_when, reliefs)
        if element.required_if is not None:
            yield from _check_expr(element.required_if, lexicons, reliefs)
        if element.name in names:
            yield _at(element.span, f"element '{element.name}' is given twice")
        names.add(element.name)
        yield from _check_expr(element.expr, lexicons, reliefs)
    if req.elements and all(e.optional for e in req.elements):
        yield _at(req.span, f"every element of '{req.id}' is optional, so it could never be missing")
    for termset in (*req.topic, *req.subject, *req.ignore_under):
        yield from _check_termset(termset, lexicons)
    if req.scope is not None and req.scope not in EVIDENCE_SCOPES:
        yield _at(
            req.field_spans["scope"],
            f"unknown scope '{req.scope}'",
            _did_you_mean(req.scope, EVIDENCE_SCOPES) or f"use one of: {', '.join(EVIDENCE_SCOPES)}",
        )
    for hint in req.hints:
        if not hint.message.strip():
            yield _at(hint.span, "a hint needs a message")
        yield from _check_expr(hint.expr, lexicons, reliefs)
    for pattern in req.partials:
        if not pattern.message.strip():
            yield _at(pattern.span, "looks_partial needs a message: what a weak disclosure shows")
        if pattern.message in {e.name for e in req.elements}:
            yield _at(pattern.span, f"looks_partial '{pattern.message}' has an element's name; name what it finds")
        yield from _check_expr(pattern.expr, lexicons, reliefs)
    if req.explain is not None:
        yield from _check_expr(req.explain, lexicons, reliefs)
    for example in req.examples:
        if example.status not in EXAMPLE_STATUSES:
            yield _at(
                example.span,
                f"unknown verdict '{example.status}'",
                _did_you_mean(example.status, EXAMPLE_STATUSES) or f"use one of: {', '.join(EXAMPLE_STATUSES)}",
            )
        for key, value in example.profile:
            if key not in PROFILE_KEYS:
                yield _at(example.span, f"unknown profile key '{key}'", _did_you_mean(key, PROFILE_KEYS))
            if key == "tier" and value not in TIERS:
                yield _at(example.span, f"unknown tier '{value}'", _did_you_mean(str(value), TIERS))
            if key == "relief":
                yield from _unknown_relief(str(value), example.span, reliefs)
        if not example.text.strip():
            yield _at(example.span, "an example needs some text")


def _check_cond(cond: ast.Cond, reliefs: dict[str, ast.ReliefDecl]) -> Iterator[Diagnostic]:
    if isinstance(cond, ast.CondTier):
        for tier in cond.tiers:
            if tier not in TIERS:
                yield _at(
                    cond.span,
                    f"unknown tier '{tier}'",
                    _did_you_mean(tier, TIERS) or f"use one of: {', '.join(TIERS)}",
                )
    elif isinstance(cond, ast.CondYear):
        if not 2000 <= cond.year <= 2100:
            yield _at(cond.span, f"{cond.year} is not a plausible financial year")
    elif isinstance(cond, ast.CondRelief):
        yield from _unknown_relief(cond.relief, cond.span, reliefs)
    elif isinstance(cond, (ast.CondAll, ast.CondAny)):
        for part in cond.parts:
            yield from _check_cond(part, reliefs)
    elif isinstance(cond, ast.CondNot):
        yield from _check_cond(cond.inner, reliefs)


def _check_termset(termset: ast.Arg, lexicons: dict[str, ast.Lexicon]) -> Iterator[Diagnostic]:
    if isinstance(termset, ast.LexRef):
        if termset.name not in lexicons:
            yield _at(
                termset.span,
                f"unknown lexicon '{termset.name}'",
                _did_you_mean(termset.name, lexicons) or 'define it with: lexicon NAME = "term", ...',
            )
    elif isinstance(termset, ast.TermList):
        for item in termset.items:
            yield from _check_termset(item, lexicons)
    elif isinstance(termset, ast.Literal):
        if not termset.text.strip("* "):
            yield _at(termset.span, "empty term")
    else:
        yield _at(_span_of(termset), "expected a term, a lexicon name or a [list] of terms here")


def _span_of(node: ast.Arg) -> ast.Span:
    return node.span


def _check_expr(
    expr: ast.Arg,
    lexicons: dict[str, ast.Lexicon],
    reliefs: dict[str, ast.ReliefDecl],
    stating: str | None = None,
) -> Iterator[Diagnostic]:
    """Check an expression; ``stating`` names the relief whose ``stated:`` expression this is (no ``stated()``)."""
    if isinstance(expr, (ast.And, ast.Or)):
        for part in expr.parts:
            yield from _check_expr(part, lexicons, reliefs, stating)
        return
    if isinstance(expr, ast.Not):
        yield from _check_expr(expr.inner, lexicons, reliefs, stating)
        return
    if not isinstance(expr, ast.Call):
        yield _at(
            _span_of(expr),
            "expected a predicate such as any(...), near(...), quantity(...)",
            help='a bare term is not a condition: wrap it, e.g. any("term")',
        )
        return
    spec = PREDICATES.get(expr.name)
    if spec is None:
        span = expr.span
        name_span = ast.Span(span.path, span.line, span.column, span.line, span.column + len(expr.name))
        yield _at(
            name_span,
            f"unknown predicate '{expr.name}'",
            _did_you_mean(expr.name, PREDICATES) or f"use one of: {', '.join(PREDICATES)}",
        )
        return
    operands = [a for a in expr.args if not isinstance(a, ast.KeywordArg)]
    for keyword in (a for a in expr.args if isinstance(a, ast.KeywordArg)):
        if keyword.name not in spec.keywords:
            allowed = ", ".join(spec.keywords) or "none"
            yield _at(keyword.span, f"{expr.name}() has no option '{keyword.name}' (options: {allowed})")
        elif keyword.name == "of" and keyword.value not in QUANTITY_ROLES:
            yield _at(
                keyword.span,
                f"of={keyword.value} is not a quantity role",
                _did_you_mean(str(keyword.value), QUANTITY_ROLES) or f"use {', '.join(QUANTITY_ROLES)}",
            )
        elif keyword.name == "within" and not (isinstance(keyword.value, int) or keyword.value in SCOPES):
            yield _at(
                keyword.span,
                f"within={keyword.value} is not a scope",
                _did_you_mean(str(keyword.value), SCOPES) or f"use {', '.join(SCOPES)} or a number of characters",
            )
    count = len(operands)
    if count < spec.min_operands or (spec.max_operands is not None and count > spec.max_operands):
        wanted = f"{spec.min_operands}" if spec.max_operands == spec.min_operands else f"at least {spec.min_operands}"
        yield _at(expr.span, f"{expr.name}() takes {wanted} operand(s), got {count}", help=spec.summary)
        return
    yield from _check_operands(expr, spec.operands, operands, lexicons, reliefs, stating)


def _check_operands(
    expr: ast.Call,
    kind: str,
    operands: Sequence[ast.Arg],
    lexicons: dict[str, ast.Lexicon],
    reliefs: dict[str, ast.ReliefDecl],
    stating: str | None,
) -> Iterator[Diagnostic]:
    if kind == "relief":
        operand = operands[0]
        if stating is not None:
            yield _at(expr.span, "stated() cannot be used inside a relief's own 'stated:' expression")
        elif not isinstance(operand, ast.Literal):
            yield _at(_span_of(operand), 'stated() takes the quoted name of a declared relief, e.g. stated("scope3")')
        elif operand.text not in reliefs:
            yield from _unknown_relief(operand.text, operand.span, reliefs)
        elif reliefs[operand.text].stated is None:
            yield _at(operand.span, f"relief '{operand.text}' has no 'stated:' expression")
        return
    if kind == "terms":
        for operand in operands:
            yield from _check_termset(operand, lexicons)
    elif kind == "any":
        for operand in operands:
            if isinstance(operand, (ast.Call, ast.And, ast.Or, ast.Not)):
                yield from _check_expr(operand, lexicons, reliefs, stating)
            else:
                yield from _check_termset(operand, lexicons)
    elif kind == "units":
        for operand in operands:
            if not isinstance(operand, ast.LexRef) or operand.name not in UNIT_KINDS:
                word = operand.name if isinstance(operand, ast.LexRef) else ""
                yield _at(
                    _span_of(operand),
                    f"'{word or 'this'}' is not a unit kind",
                    _did_you_mean(word, UNIT_KINDS) or f"use one of: {', '.join(UNIT_KINDS)}",
                )
    elif kind == "count":
        if not isinstance(operands[0], ast.Number) or operands[0].value < 1:
            yield _at(_span_of(operands[0]), f"{expr.name}() needs a whole number of at least 1")
    elif kind == "terms+expr":
        yield from _check_termset(operands[0], lexicons)
        yield from _check_expr(operands[1], lexicons, reliefs, stating)
    elif kind == "any+count":
        first, second = operands
        if isinstance(first, (ast.Call, ast.And, ast.Or, ast.Not)):
            yield from _check_expr(first, lexicons, reliefs, stating)
        else:
            yield from _check_termset(first, lexicons)
        if not isinstance(second, ast.Number) or second.value < 1:
            yield _at(_span_of(second), f"{expr.name}() needs a whole number of at least 1 as its last operand")
