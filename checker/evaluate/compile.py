"""Compile a validated RulePack's AST into predicate objects, registering every term with the matcher."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from checker.dsl import ast
from checker.dsl.pack import RulePack
from checker.evaluate import predicates as p
from checker.evaluate import structural as st
from checker.evaluate.matcher import TermItem, TermMatcher, seed_folded

OMISSION_LEXICON = "omission"
REFERENCE_LEXICON = "omission_reference"
# NOTE: a sentence that says the thing does not exist yet ("we have not yet established a process to identify
# climate-related opportunities", "尚未建立…機制") names what an element asks for without disclosing it; no element is
# met by it (a pack without this lexicon keeps every hit).
ABSENCE_LEXICON = "stated_absence"
# NOTE: real reports often explain by giving the reason for an absence rather than an omission phrase ("because the
# specifications are fixed by customers' formulations, we have not yet established green procurement criteria",
# "由於…，本集團尚未建立…"): a stated absence with its reason, in a sentence that names the topic, is an explanation.
REASON_LEXICON = "omission_reason"
# NOTE: what a plan says it will do ("will", 計劃, 將於): beside an explanation, the plan is part of it (plans.py)
PLAN_LEXICON = "plan_cue"
PARTLY_LEXICON = "partly_qualifier"
# NOTE: Chinese puts what is missing between the negation and the verb ("現階段未有就環保產品訂立供應商揀選準則",
# "尚未就此制定政策"): a lead ("未有就") and a verb of setting something up ("訂立", "制定") close together state an
# absence as the single phrases of ABSENCE_LEXICON do.
ABSENCE_LEAD_LEXICON = "stated_absence_lead"
ABSENCE_VERB_LEXICON = "stated_absence_verb"
ABSENCE_SPLIT_WITHIN = 24

_P = TypeVar("_P", bound=p.Predicate)


@dataclass(frozen=True)
class CompiledElement:
    """An element with its compiled predicate."""

    name: str
    optional: bool
    predicate: p.Predicate
    required_when: ast.Cond | None = None
    required_if: p.Predicate | None = None


@dataclass(frozen=True)
class CompiledHint:
    """A message and its predicate, for a rule's ``hint`` or its ``looks_partial`` pattern.

    A hint is said when the requirement is not covered and the predicate holds; a pattern is the weak disclosure that
    makes a verdict partial.
    """

    message: str
    predicate: p.Predicate


@dataclass(frozen=True)
class CompiledRequirement:
    """A requirement ready to be judged.

    ``subject`` (the rule's ``subject``, else its ``topic``) scopes the evidence unless ``scoped`` is False
    (``scope document``); ``ignore_under`` names the sections whose passages are never evidence.
    """

    pack: RulePack
    spec: ast.Requirement
    elements: tuple[CompiledElement, ...]
    explain: p.Predicate | None
    topic: p.Predicate | None
    subject: p.Predicate | None = None
    scoped: bool = True
    ignore_under: p.Predicate | None = None
    hints: tuple[CompiledHint, ...] = ()
    # The omission phrases, for an explanation given under the topic's own heading (see explanations.py).
    omission: p.Predicate | None = None
    # The weak disclosures that make the verdict partial when no element is met (``looks_partial``).
    partials: tuple[CompiledHint, ...] = ()
    # How the draft states each relief the requirement depends on (its ``relief``, ``grants`` and ``relief "x"``
    # conditions), by name: a relief stated in the draft is claimed for that audit.
    stated: tuple[tuple[str, p.Predicate], ...] = ()
    # The sentences that state an omission or an absence, or a plan: beside the requirement's explanation they are
    # part of it, not a disclosure (``checker.evaluate.plans``).
    planned: p.Predicate | None = None
    # The explanation, where it explains the whole item (not "not yet a complete plan"): the section it opens is
    # where ``planned`` sentences are part of it.
    opening: p.Predicate | None = None
    # The stated-absence phrases: one that opens the topic's section explains the item (``checker.evaluate.plans``).
    absence: p.Predicate | None = None


class Compiler:
    """Turns AST expressions into predicates; structurally identical predicates are one object.

    Predicates are interned by a structural key (their kind, options and already-interned operands), within a pack
    and across the packs sharing ``interned``: an expression written in many requirements (the same near(...) of
    a shared vocabulary, the default omission test of a topic) is evaluated once per document, so evaluation grows
    with the number of *distinct* expressions, not with the number of rules.
    """

    def __init__(
        self, pack: RulePack, matcher: TermMatcher, interned: dict[Hashable, p.Predicate] | None = None
    ) -> None:
        """Compile against ``pack``'s lexicons, registering terms in ``matcher``, interning into ``interned``."""
        self.pack = pack
        self.matcher = matcher
        self.interned: dict[Hashable, p.Predicate] = {} if interned is None else interned
        self._terms_cache: dict[tuple[TermItem, ...], p.Terms] = {}
        # NOTE: a term set written the same way (the same literals and lexicon names, in order) compiles to the same
        # Terms every time within a pack; hkex-esg writes ~1,600 term sets, and building and hashing their item
        # tuples (a lexicon's items each) for every one was a third of compiling
        self._by_spelling: dict[Hashable, p.Terms] = {}
        # NOTE: a lexicon's items (each term with its exception phrases and contexts), built once per pack: term sets
        # of different spellings name the same lexicons (~1,000 lexicon references compile for ~100 lexicons)
        self._lexicon_items: dict[str, list[TermItem]] = {}

    def _intern(self, predicate: _P, key: Hashable) -> _P:
        found = self.interned.setdefault((type(predicate), key), predicate)
        assert isinstance(found, type(predicate))
        return found

    def terms(self, node: ast.Arg) -> p.Terms:
        """Compile a term set (literal, lexicon name or [list]) into a Terms predicate."""
        key = _spelling(node)
        found = self._by_spelling.get(key)
        if found is None:
            found = self._by_spelling[key] = self._terms(node)
        return found

    def _terms(self, node: ast.Arg) -> p.Terms:
        texts = tuple(dict.fromkeys(self._term_texts(node)))
        if texts not in self._terms_cache:
            folded = tuple(dict.fromkeys(self.matcher.register(texts)))
            self._terms_cache[texts] = self._intern(p.Terms(folded), folded)
        return self._terms_cache[texts]

    def _term_texts(self, node: ast.Arg) -> list[TermItem]:
        """The term texts of a term set, each with the exception phrases and sentence contexts of its lexicon."""
        if isinstance(node, ast.Literal):
            return [(node.text, (), ())]
        if isinstance(node, ast.LexRef):
            items = self._lexicon_items.get(node.name)
            if items is None:
                exceptions = self.pack.exceptions.get(node.name, {})
                contexts = self.pack.contexts.get(node.name, {})
                items = [
                    (text, exceptions.get(text, ()), contexts.get(text, ())) for text in self.pack.lexicons[node.name]
                ]
                self._lexicon_items[node.name] = items
            return items  # NOTE: callers read it (dict.fromkeys, a list's own comprehension), never change it
        if isinstance(node, ast.TermList):
            return [t for item in node.items for t in self._term_texts(item)]
        raise TypeError(f"not a term set: {node!r}")  # pragma: no cover - rejected by the semantic pass

    def operand(self, node: ast.Arg) -> p.Predicate:
        """A term set or a nested expression."""
        if isinstance(node, (ast.Call, ast.And, ast.Or, ast.Not)):
            return self.expr(node)
        return self.terms(node)

    def expr(self, node: ast.Arg) -> p.Predicate:
        """Compile an element expression (interned: see the class)."""
        if isinstance(node, ast.And):
            parts = tuple(self.expr(part) for part in node.parts)
            return self._intern(p.AllOf(parts), parts)
        if isinstance(node, ast.Or):
            parts = tuple(self.expr(part) for part in node.parts)
            return self._intern(p.AnyOf(parts), parts)
        if isinstance(node, ast.Not):
            inner = self.expr(node.inner)
            return self._intern(p.NoneOf(inner), inner)
        if not isinstance(node, ast.Call):  # pragma: no cover - rejected by the semantic pass
            raise TypeError(f"not an expression: {node!r}")
        operands = [a for a in node.args if not isinstance(a, ast.KeywordArg)]
        options = {a.name: a.value for a in node.args if isinstance(a, ast.KeywordArg)}
        name = node.name
        if name == "any":
            return self.terms(ast.TermList(tuple(_flatten(operands)), node.span))
        if name == "all":
            sets = tuple(self.terms(o) for o in operands)
            return self._intern(p.AllTerms(sets), sets)
        if name == "near":
            return self.near(tuple(self.operand(o) for o in operands), options.get("within", "sentence"))
        if name == "quantity":
            kinds = frozenset(o.name for o in operands if isinstance(o, ast.LexRef))
            role = str(options.get("of", "any"))
            return self._intern(p.Quantity(kinds, role), (kinds, role))
        if name == "years":
            count = operands[0].value if isinstance(operands[0], ast.Number) else 3
            within = str(options.get("within", "block"))
            return self._intern(st.Years(count, within), (count, within))
        if name == "table":
            table_operands = tuple(self.operand(o) for o in operands)
            return self._intern(st.Table(table_operands), table_operands)
        if name == "column":
            header, inner = self.operand(operands[0]), self.operand(operands[1])
            return self._intern(st.Column(header, inner), (header, inner))
        if name == "heading":
            heading_terms = self.terms(ast.TermList(tuple(_flatten(operands)), node.span))
            return self._intern(st.Heading(heading_terms), heading_terms)
        if name == "under":
            under_terms, inner = self.terms(operands[0]), self.expr(operands[1])
            return self._intern(st.Under(under_terms, inner), (under_terms, inner))
        if name == "without":
            return self.without(self.operand(operands[0]), self.operand(operands[1]), options.get("within", "sentence"))
        if name == "stated":
            # NOTE: the relief's own expression, interned: every rule asking whether the draft states it shares one
            declared = self.pack.reliefs[operands[0].text if isinstance(operands[0], ast.Literal) else ""]
            assert declared.stated is not None  # NOTE: checked by the semantic pass
            return self.expr(declared.stated)
        if name == "count":
            minimum = operands[1].value if isinstance(operands[1], ast.Number) else 1
            counted = self.operand(operands[0])
            return self._intern(p.Count(counted, minimum), (counted, minimum))
        raise TypeError(f"unknown predicate {name}")  # pragma: no cover - rejected by the semantic pass

    def without(self, kept: p.Predicate, excluded: p.Predicate | None, within: str | int = "sentence") -> p.Predicate:
        """An interned ``without``: ``kept`` less its hits near ``excluded`` (``kept`` itself when there is none)."""
        if excluded is None:
            return kept
        return self._intern(p.Without(kept, excluded, within), (kept, excluded, within))

    def near(self, operands: tuple[p.Predicate, ...], within: str | int) -> p.Near:
        """An interned ``near``."""
        return self._intern(p.Near(operands, within), (operands, within))

    def any_of(self, parts: tuple[p.Predicate, ...]) -> p.Predicate:
        """An interned ``a or b``."""
        return self._intern(p.AnyOf(parts), parts)


def _absence(compiler: Compiler, pack: RulePack, span: ast.Span) -> p.Predicate | None:
    """The stated-absence predicate: the pack's absence phrases, and its split leads and verbs close together."""
    if ABSENCE_LEXICON not in pack.lexicons:
        return None
    absent: p.Predicate = compiler.terms(ast.LexRef(ABSENCE_LEXICON, span))
    if ABSENCE_LEAD_LEXICON in pack.lexicons and ABSENCE_VERB_LEXICON in pack.lexicons:
        lead = compiler.terms(ast.LexRef(ABSENCE_LEAD_LEXICON, span))
        verb = compiler.terms(ast.LexRef(ABSENCE_VERB_LEXICON, span))
        absent = compiler.any_of((absent, compiler.near((lead, verb), ABSENCE_SPLIT_WITHIN)))
    return absent


def _flatten(operands: Sequence[ast.Arg]) -> list[ast.Literal | ast.LexRef]:
    out: list[ast.Literal | ast.LexRef] = []
    for operand in operands:
        if isinstance(operand, ast.TermList):
            out.extend(operand.items)
        elif isinstance(operand, (ast.Literal, ast.LexRef)):
            out.append(operand)
    return out


def compile_pack(
    pack: RulePack, matcher: TermMatcher, interned: dict[Hashable, p.Predicate] | None = None
) -> list[CompiledRequirement]:
    """Compile every requirement of ``pack``; packs compiled with one ``interned`` share equal predicates."""
    seed_folded(pack.folded)
    compiler = Compiler(pack, matcher, interned)
    compiled = []
    for spec in pack.requirements:
        topic = compiler.terms(ast.TermList(tuple(_flatten(list(spec.topic))), spec.span)) if spec.topic else None
        omission: p.Predicate | None = None
        if topic is not None and OMISSION_LEXICON in pack.lexicons:
            omission = compiler.terms(ast.LexRef(OMISSION_LEXICON, spec.span))
        if spec.explain is not None:
            explain: p.Predicate | None = compiler.expr(spec.explain)
        elif omission is not None and topic is not None:
            # NOTE: the default comply-or-explain test: an omission phrase in the same sentence as the topic, or in a
            # sentence that refers back to it ("...so we have not set up a procedure for such cases") in the
            # paragraph that names the topic.
            explain = compiler.near((omission, topic), "sentence")
            if REFERENCE_LEXICON in pack.lexicons:
                reference = compiler.terms(ast.LexRef(REFERENCE_LEXICON, spec.span))
                referring = compiler.near((omission, reference), "sentence")
                explain = compiler.any_of((explain, compiler.near((referring, topic), "block")))
            absent_phrase = _absence(compiler, pack, spec.span)
            if absent_phrase is not None and REASON_LEXICON in pack.lexicons:
                absent = absent_phrase
                reason = compiler.terms(ast.LexRef(REASON_LEXICON, spec.span))
                stated = compiler.near((absent, topic), "sentence")
                explain = compiler.any_of((explain, compiler.near((stated, reason), "block")))
        else:
            explain = None
        absence = _absence(compiler, pack, spec.span)
        elements = tuple(
            CompiledElement(
                e.name,
                e.optional,
                compiler.without(compiler.expr(e.expr), absence),
                e.required_when,
                compiler.expr(e.required_if) if e.required_if is not None else None,
            )
            for e in spec.elements
        )
        ignore = (
            compiler.terms(ast.TermList(tuple(_flatten(list(spec.ignore_under))), spec.span))
            if spec.ignore_under
            else None
        )
        hints = tuple(CompiledHint(h.message, compiler.expr(h.expr)) for h in spec.hints)
        # NOTE: a weak disclosure is still a disclosure: a sentence saying the thing does not exist, or is not
        # disclosed (an omission phrase: "未有披露", "not disclosed this year"), is none
        unsaid = compiler.terms(ast.LexRef(OMISSION_LEXICON, spec.span)) if OMISSION_LEXICON in pack.lexicons else None
        partials = tuple(
            CompiledHint(weak.message, compiler.without(compiler.without(compiler.expr(weak.expr), absence), unsaid))
            for weak in spec.partials
        )
        subject = (
            compiler.terms(ast.TermList(tuple(_flatten(list(spec.subject))), spec.span)) if spec.subject else topic
        )
        scoped = spec.scope != "document" and subject is not None
        statements = tuple(
            (name, compiler.expr(stated_by))
            for name in relief_names(spec)
            if (stated_by := pack.reliefs[name].stated) is not None
        )
        planned = (
            compiler.terms(ast.LexRef(PLAN_LEXICON, spec.span))
            if explain is not None and PLAN_LEXICON in pack.lexicons
            else None
        )
        # NOTE: "not yet a complete transition plan" (尚未制定完整的…) says what exists is partial: it opens no
        # explanation of the whole item, and the dated actions after it are the plan disclosed
        opening, opening_absence = explain, absence if topic is not None else None
        if PARTLY_LEXICON in pack.lexicons:
            partly = compiler.terms(ast.LexRef(PARTLY_LEXICON, spec.span))
            opening = compiler.without(explain, partly) if explain is not None else None
            opening_absence = compiler.without(opening_absence, partly) if opening_absence is not None else None
        compiled.append(
            CompiledRequirement(
                pack,
                spec,
                elements,
                explain,
                topic,
                subject,
                scoped,
                ignore,
                hints,
                omission,
                partials,
                statements,
                planned,
                opening,
                opening_absence,
            )
        )
    return compiled


def relief_names(spec: ast.Requirement) -> list[str]:
    """The reliefs a requirement's verdict depends on: its ``relief`` and ``grants`` fields and its conditions."""
    names = [relief.name for relief in spec.reliefs]
    if spec.grants is not None:
        names.append(spec.grants)
    conditions = [spec.applies, *(c.when for c in spec.obligations), *(e.required_when for e in spec.elements)]
    pending = [c for c in conditions if c is not None]
    while pending:
        cond = pending.pop()
        if isinstance(cond, ast.CondRelief):
            names.append(cond.relief)
        elif isinstance(cond, (ast.CondAll, ast.CondAny)):
            pending.extend(cond.parts)
        elif isinstance(cond, ast.CondNot):
            pending.append(cond.inner)
    return list(dict.fromkeys(names))


def _spelling(node: ast.Arg) -> Hashable:
    """What a term set's terms depend on within a pack: its literals and lexicon names, in order."""
    if isinstance(node, ast.Literal):
        return ("literal", node.text)
    if isinstance(node, ast.LexRef):
        return ("lexicon", node.name)
    if isinstance(node, ast.TermList):
        return ("list", tuple(_spelling(item) for item in node.items))
    raise TypeError(f"not a term set: {node!r}")  # pragma: no cover - rejected by the semantic pass
