"""Free each predicate's result once the last requirement (or element) that can use it has been judged.

Predicates are evaluated once per document and kept (``Predicate.evaluate``'s cache, the index's memo), because
requirements share them. Keeping every result until the end made the hits of every term of every rule live at
once: on a 2,000-page report that was most of an audit's peak memory. Requirements are judged in a fixed order,
so the last requirement that can reach each predicate is known before the document is read; after it, the
predicate's match, the per-term hits behind it and the groupings built from its hits are dropped.

Freeing is an optimisation only: a result needed again is recomputed (the same result, so verdicts and evidence
never depend on it); the plan errs towards keeping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from itertools import repeat

from checker.evaluate.compile import CompiledRequirement
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import Term
from checker.evaluate.predicates import Match, Predicate, Terms, term_memo_key, terms_memo_key

# NOTE: the units ``_grouped`` keys its memo by (predicates.py); a grouping of hits no longer held is dead weight.
_GROUPINGS = ("sentence", "block", "page", "table")  # NOTE: "table": structural._table_groups
# A term with at least this many hits has them dropped between uses (see ``ReleasePlan.release``).
IDLE_TERM_HITS = 256
_COMMON = ("release", "common terms")  # NOTE: the memo key of the ids of a document's common terms


class ReleasePlan:
    """For each step of judging, in order, the predicates and terms last needed by it.

    A requirement's steps are its elements, one by one (the first also computes the evidence scope), then the
    rest of its verdict (explanation, topic, omission, hints, weak disclosures); ``for_requirement`` releases them
    as they are done, so an element's own intermediate results go before the next element is judged.
    """

    def __init__(self, requirements: Sequence[CompiledRequirement]) -> None:
        """Plan the releases for judging ``requirements`` in this order."""
        steps: list[list[Predicate | None]] = []
        self._first_step: list[int] = []
        scopes = _scope_computed(requirements)
        for number, requirement in enumerate(requirements):
            self._first_step.append(len(steps))
            scope = [requirement.subject, requirement.ignore_under] if number in scopes else []
            # NOTE: whether the draft states a relief decides applicability, before the first element is judged
            stated: list[Predicate | None] = [predicate for _, predicate in requirement.stated]
            for element_number, element in enumerate(requirement.elements):
                steps.append([*(scope + stated if element_number == 0 else []), element.predicate, element.required_if])
            steps.append(
                [
                    *(scope + stated if not requirement.elements else []),
                    requirement.explain,
                    requirement.topic,
                    # NOTE: the explanation a plan sits beside is read before the elements and again for the verdict
                    # (checker.evaluate.plans): released with the rest of the verdict
                    requirement.opening,
                    requirement.planned,
                    requirement.absence,
                    requirement.omission,
                    *(hint.predicate for hint in requirement.hints),
                    *(weak.predicate for weak in requirement.partials),
                ]
            )
        # NOTE: walked from the last step back, so a predicate is first met at its last use; its operands were then
        # met there too (at that use or a later one), and a shared subtree is walked once, not once for every step
        # that reaches it.
        self.predicates: list[list[Predicate]] = [[] for _ in steps]
        seen: set[int] = set()
        for step in range(len(steps) - 1, -1, -1):
            self.predicates[step].extend(_unseen(steps[step], seen))
        # NOTE: terms are tracked by id (a Term hashes in Python, and there are ~40,000 term uses in one pack); an
        # equal Term under another id is at worst dropped late or rebuilt, never wrong.
        term_lists = [(step, p) for step, ps in enumerate(self.predicates) for p in ps if isinstance(p, Terms)]
        self._term_last: dict[int, int] = {}
        for step, p in term_lists:  # NOTE: in step order, so the last step that names a term wins
            self._term_last.update(zip(map(id, p.terms), repeat(step)))
        self._term_by_id: dict[int, Term] = {}
        for _, p in term_lists:
            self._term_by_id.update(zip(map(id, p.terms), p.terms, strict=True))
        self._term_ids = {id(p): frozenset(map(id, p.terms)) for _, p in term_lists}
        terms_at: list[list[Term]] = [[] for _ in steps]
        for key, step in self._term_last.items():
            terms_at[step].append(self._term_by_id[key])
        # NOTE: the memo keys are built here once; releasing runs after every element of every requirement
        self._matches = [
            [(id(p), terms_memo_key(p.terms) if isinstance(p, Terms) else None) for p in ps] for ps in self.predicates
        ]
        self._term_keys = [[term_memo_key(term) for term in terms] for terms in terms_at]

    def for_requirement(self, requirement: int, index: DocumentIndex, cache: dict[int, Match]) -> RequirementRelease:
        """The releases of judging requirement ``requirement``: call it after each element, ``finish`` at the end."""
        return RequirementRelease(self, self._first_step[requirement], self._steps_end(requirement), index, cache)

    def _steps_end(self, requirement: int) -> int:
        following = requirement + 1
        return self._first_step[following] if following < len(self._first_step) else len(self.predicates)

    def release(self, step: int, index: DocumentIndex, cache: dict[int, Match]) -> None:
        """Drop what only the steps up to ``step`` (done) could use."""
        memo = index.memo
        idle: list[frozenset[int]] = []
        for predicate, terms_key in self._matches[step]:
            match = cache.pop(predicate, None)
            if terms_key is not None:
                memo.pop(terms_key, None)
                idle.append(self._term_ids[predicate])
            if match is not None and match.hits:
                key = id(match.hits)
                memo.pop(("by_start", key), None)
                memo.pop(("starts", key), None)
                for unit in _GROUPINGS:
                    memo.pop(("grouped", unit, key), None)
        for term_key in self._term_keys[step]:
            memo.pop(term_key, None)
        # NOTE: a common term's hits that no live term list holds are dropped too, even if a later step needs them:
        # rebuilding them from the index's arrays is cheap, keeping them meanwhile is not (a fifth of the peak at
        # 2,000 pages). A rare term's few hits cost less to keep than to check.
        if not idle:
            return
        common: frozenset[int] | None = memo.get(_COMMON)
        if common is None:
            common = frozenset(id(t) for t, at in index.term_starts.items() if len(at) >= IDLE_TERM_HITS)
            memo[_COMMON] = common
        term_last = self._term_last
        pending = [term for term in frozenset().union(*idle) & common if term_last[term] > step]
        if not pending:
            return  # NOTE: the live term lists are read only when a term may go: it walks the whole cache
        term_ids = self._term_ids
        live = [term_ids[key] for key in cache if key in term_ids]
        for term in pending:
            if not any(term in held for held in live):
                memo.pop(term_memo_key(self._term_by_id[term]), None)


class RequirementRelease:
    """Releases the steps of one requirement as they are done; ``finish`` releases the rest (an early verdict)."""

    def __init__(self, plan: ReleasePlan, first: int, end: int, index: DocumentIndex, cache: dict[int, Match]) -> None:
        """Release ``plan``'s steps [first, end) against ``index`` and ``cache``."""
        self._plan, self._next, self._end, self._index, self._cache = plan, first, end, index, cache
        self._first = first

    def __call__(self, element: int) -> None:
        """Element number ``element`` of the requirement has been judged."""
        self._release_to(self._first + element + 1)

    def finish(self) -> None:
        """The requirement's verdict is done."""
        self._release_to(self._end)

    def _release_to(self, stop: int) -> None:
        while self._next < stop:
            self._plan.release(self._next, self._index, self._cache)
            self._next += 1


def _scope_computed(requirements: Sequence[CompiledRequirement]) -> set[int]:
    """The numbers of the requirements that compute an evidence scope: the first of each (subject, ignored) pair.

    NOTE: the scope is memoised by that pair (``evidence_scope``), so later requirements with the same pair never
    evaluate their subject or ignored sections: a topic's vocabulary (hundreds of terms, the whole report's hits
    of "climate") need not live until the last climate requirement.
    """
    first: dict[tuple[int, int], int] = {}
    for number, requirement in enumerate(requirements):
        if requirement.scoped and requirement.subject is not None:
            first.setdefault((id(requirement.subject), id(requirement.ignore_under)), number)
    return set(first.values())


def _unseen(roots: Sequence[Predicate | None], seen: set[int]) -> Iterator[Predicate]:
    """The predicates evaluating ``roots`` may evaluate, operands included, that are not in ``seen`` (added)."""
    stack = [root for root in roots if root is not None]
    while stack:
        predicate = stack.pop()
        if id(predicate) in seen:
            continue
        seen.add(id(predicate))
        yield predicate
        stack.extend(_operands(predicate))


def _operands(predicate: Predicate) -> Iterator[Predicate]:
    # NOTE: read from the dataclass fields, so a new predicate kind's operands are found without listing it here
    for name in _field_names(type(predicate)):
        value = getattr(predicate, name)
        if isinstance(value, Predicate):
            yield value
        elif isinstance(value, tuple):
            yield from (item for item in value if isinstance(item, Predicate))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type[Predicate]) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return names
