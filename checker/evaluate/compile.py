"""Compile a validated RulePack's AST into predicate objects, registering every term with the matcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.dsl import ast
from checker.dsl.pack import RulePack
from checker.evaluate import predicates as p
from checker.evaluate.matcher import TermMatcher

OMISSION_LEXICON = "omission"


@dataclass(frozen=True)
class CompiledElement:
    """An element with its compiled predicate."""

    name: str
    optional: bool
    predicate: p.Predicate


@dataclass(frozen=True)
class CompiledRequirement:
    """A requirement ready to be judged."""

    pack: RulePack
    spec: ast.Requirement
    elements: tuple[CompiledElement, ...]
    explain: p.Predicate | None
    topic: p.Predicate | None


class Compiler:
    """Turns AST expressions into predicates; identical term sets share one predicate (and one evaluation)."""

    def __init__(self, pack: RulePack, matcher: TermMatcher) -> None:
        """Compile against ``pack``'s lexicons, registering terms in ``matcher``."""
        self.pack = pack
        self.matcher = matcher
        self._terms_cache: dict[tuple[str, ...], p.Terms] = {}

    def terms(self, node: ast.Arg) -> p.Terms:
        """Compile a term set (literal, lexicon name or [list]) into a Terms predicate."""
        texts = tuple(dict.fromkeys(self._term_texts(node)))
        if texts not in self._terms_cache:
            self._terms_cache[texts] = p.Terms(tuple(dict.fromkeys(self.matcher.register(texts))))
        return self._terms_cache[texts]

    def _term_texts(self, node: ast.Arg) -> list[str]:
        if isinstance(node, ast.Literal):
            return [node.text]
        if isinstance(node, ast.LexRef):
            return list(self.pack.lexicons[node.name])
        if isinstance(node, ast.TermList):
            return [t for item in node.items for t in self._term_texts(item)]
        raise TypeError(f"not a term set: {node!r}")  # pragma: no cover - rejected by the semantic pass

    def operand(self, node: ast.Arg) -> p.Predicate:
        """A term set or a nested expression."""
        if isinstance(node, (ast.Call, ast.And, ast.Or, ast.Not)):
            return self.expr(node)
        return self.terms(node)

    def expr(self, node: ast.Arg) -> p.Predicate:
        """Compile an element expression."""
        if isinstance(node, ast.And):
            return p.AllOf(tuple(self.expr(part) for part in node.parts))
        if isinstance(node, ast.Or):
            return p.AnyOf(tuple(self.expr(part) for part in node.parts))
        if isinstance(node, ast.Not):
            return p.NoneOf(self.expr(node.inner))
        if not isinstance(node, ast.Call):  # pragma: no cover - rejected by the semantic pass
            raise TypeError(f"not an expression: {node!r}")
        operands = [a for a in node.args if not isinstance(a, ast.KeywordArg)]
        options = {a.name: a.value for a in node.args if isinstance(a, ast.KeywordArg)}
        name = node.name
        if name == "any":
            return self.terms(ast.TermList(tuple(_flatten(operands)), node.span))
        if name == "all":
            return p.AllTerms(tuple(self.terms(o) for o in operands))
        if name == "near":
            return p.Near(tuple(self.operand(o) for o in operands), options.get("within", "sentence"))
        if name == "quantity":
            return p.Quantity(frozenset(o.name for o in operands if isinstance(o, ast.LexRef)))
        if name == "years":
            count = operands[0].value if isinstance(operands[0], ast.Number) else 3
            return p.Years(count, str(options.get("within", "block")))
        if name == "table":
            return p.Table(tuple(self.operand(o) for o in operands))
        if name == "heading":
            return p.Heading(self.terms(ast.TermList(tuple(_flatten(operands)), node.span)))
        if name == "under":
            return p.Under(self.terms(operands[0]), self.expr(operands[1]))
        if name == "count":
            minimum = operands[1].value if isinstance(operands[1], ast.Number) else 1
            return p.Count(self.operand(operands[0]), minimum)
        raise TypeError(f"unknown predicate {name}")  # pragma: no cover - rejected by the semantic pass


def _flatten(operands: Sequence[ast.Arg]) -> list[ast.Literal | ast.LexRef]:
    out: list[ast.Literal | ast.LexRef] = []
    for operand in operands:
        if isinstance(operand, ast.TermList):
            out.extend(operand.items)
        elif isinstance(operand, (ast.Literal, ast.LexRef)):
            out.append(operand)
    return out


def compile_pack(pack: RulePack, matcher: TermMatcher) -> list[CompiledRequirement]:
    """Compile every requirement of ``pack``."""
    compiler = Compiler(pack, matcher)
    compiled = []
    for spec in pack.requirements:
        topic = compiler.terms(ast.TermList(tuple(_flatten(list(spec.topic))), spec.span)) if spec.topic else None
        if spec.explain is not None:
            explain: p.Predicate | None = compiler.expr(spec.explain)
        elif topic is not None and OMISSION_LEXICON in pack.lexicons:
            # NOTE: the default comply-or-explain test: an omission phrase in the same sentence as the topic.
            omission = compiler.terms(ast.LexRef(OMISSION_LEXICON, spec.span))
            explain = p.Near((omission, topic), "sentence")
        else:
            explain = None
        elements = tuple(CompiledElement(e.name, e.optional, compiler.expr(e.expr)) for e in spec.elements)
        compiled.append(CompiledRequirement(pack, spec, elements, explain, topic))
    return compiled
