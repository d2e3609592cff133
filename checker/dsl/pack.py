"""Rule packs: load ``rules/<pack>/`` into a validated ``RulePack`` and resolve ``--standard`` names."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from checker.dsl import ast, pack_cache
from checker.dsl.diagnostics import Diagnostic, RuleErrors
from checker.errors import RuleError

PACK_FILE = "pack.rule"
RULE_SUFFIX = ".rule"


@dataclass(frozen=True)
class RulePack:
    """A validated rule pack: one standard edition."""

    id: str
    name: str
    edition: str
    aliases: tuple[str, ...]
    default_year: int | None
    root: Path
    lexicons: dict[str, tuple[str, ...]]
    requirements: tuple[ast.Requirement, ...]
    files: tuple[Path, ...]
    fingerprint: str
    # NOTE: lexicon -> term -> the phrases in which that term is not the lexicon's topic (``except``)
    exceptions: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # NOTE: lexicon -> term -> the terms whose presence in the same sentence makes a hit another sense
    # (``except in sentences with``)
    contexts: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # NOTE: every term text of the pack (as written, ``*`` kept) -> its folded form: folding ~7,500 terms costs
    # ~0.1 s a run, so compiled packs carry it (``pack_cache`` keys them by the folding source too)
    folded: dict[str, str] = field(default_factory=dict)
    # NOTE: the pack's declared reliefs by name (``relief "name" "reason" stated: ...``)
    reliefs: dict[str, ast.ReliefDecl] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[str, ast.Requirement]:
        """Requirements keyed by id."""
        return {r.id: r for r in self.requirements}


def default_rules_root() -> Path:
    """Where packs live: $GAPCHECK_RULES, else the ``rules/`` folder next to the package."""
    env = os.environ.get("GAPCHECK_RULES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "rules"


_PART_ORDER = {"A": 0, "B": 1, "C": 2, "D": 3}
# Pillar order of climate standards (HKEX Part D ids, TCFD ids): governance, strategy, risk, metrics.
_PILLAR_ORDER = {"gov": 0, "str": 1, "rm": 2, "mt": 3, "relief": 4, "meta": 5}


def natural_key(requirement_id: str) -> tuple[object, ...]:
    """Sort key that puts B1.2 before B1.10 and GD first within an aspect."""
    parts = re.split(r"(\d+)", requirement_id.replace(".GD", ".0GD"))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def reading_order(requirement: ast.Requirement) -> tuple[object, ...]:
    """Order requirements as the standard reads: Part A, B, C, D; climate pillars in order; then by number."""
    segments = re.split(r"[.\-]", requirement.id)
    pillar = next((_PILLAR_ORDER[s.lower()] for s in segments[:2] if s.lower() in _PILLAR_ORDER), -1)
    part = _PART_ORDER.get((requirement.part or "").strip(), 9)
    if requirement.id.startswith("Part"):
        part = _PART_ORDER.get(requirement.id[4:5], 9)
    return (part, pillar, natural_key(requirement.id))


def discover_packs(root: Path | None = None) -> dict[str, Path]:
    """Map pack id -> directory for every ``<root>/*/pack.rule``."""
    root = root or default_rules_root()
    packs: dict[str, Path] = {}
    if not root.is_dir():
        return packs
    for directory, pack_id, _aliases in _pack_headers(root):
        packs[pack_id] = directory
    return packs


def resolve_standard(name: str, root: Path | None = None) -> Path:
    """Resolve a ``--standard`` value (pack id, alias, or a pack directory) to the pack directory.

    Raises:
        RuleError: unknown standard, with the known ones and a "did you mean".
    """
    candidate = Path(name)
    if (candidate / PACK_FILE).is_file():
        return candidate
    root = root or default_rules_root()
    names: dict[str, Path] = {}
    for directory, pack_id, aliases in _pack_headers(root) if root.is_dir() else []:
        names[pack_id] = directory
        for alias in aliases:
            names.setdefault(alias, directory)
    if name in names:
        return names[name]
    close = difflib.get_close_matches(name, list(names), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    known = ", ".join(sorted(names)) or "none found"
    raise RuleError(f"--standard {name}: unknown standard{hint} (known: {known})")


_Header = tuple[Path, str, tuple[str, ...]]


def _pack_headers(root: Path) -> list[_Header]:
    """(directory, id, aliases) of every ``<root>/*/pack.rule`` with a standard declaration, in path order.

    Resolving ``--standard`` reads every pack's header; the answer is cached by the headers' paths and bytes, so an
    audit with an unchanged rules folder never builds the lark parser.
    """
    pack_files = sorted(root.glob(f"*/{PACK_FILE}"))
    name: str | None = None
    digest = pack_cache.files_digest(pack_files)
    if digest is not None:
        name = pack_cache.key("headers", str(root), digest)
        cached = pack_cache.load(name, root)
        if isinstance(cached, list) and all(_is_header(entry) for entry in cached):
            return cached
    from checker.dsl.parser import parse_rule_file  # NOTE: lazily: lark costs start-up time, a cache hit none

    headers: list[_Header] = []
    for pack_file in pack_files:
        header = parse_rule_file(pack_file).standard
        if header is not None:
            headers.append((pack_file.parent, header.id, header.aliases))
    if name is not None and pack_cache.files_digest(pack_files) == digest:
        pack_cache.store(name, headers, root)
    return headers


def _is_header(entry: object) -> bool:
    return (
        isinstance(entry, tuple)
        and len(entry) == 3
        and isinstance(entry[0], Path)
        and isinstance(entry[1], str)
        and isinstance(entry[2], tuple)
    )


def load_pack(directory: str | Path) -> RulePack:
    """Load and validate the pack in ``directory`` (its ``pack.rule``, its rule files and its includes).

    A pack that validated before and whose files are unchanged is loaded compiled (``pack_cache``), without lark.

    Raises:
        RuleError: every syntax or semantic problem, rendered with file:line:col and a caret.
    """
    pack_dir = Path(directory)
    pack_file = pack_dir / PACK_FILE
    if not pack_file.is_file():
        raise RuleError(f"not a rule pack: {PACK_FILE} is missing", path=str(pack_dir))
    name: str | None = None
    header_digest = pack_cache.files_digest([pack_file])
    if header_digest is not None:
        name = pack_cache.key("pack", str(pack_dir), header_digest)
        cached = _cached_pack(name, pack_file, pack_dir)
        if cached is not None:
            return cached
    header_file, include_dirs = _read_header(pack_dir, pack_file)
    if name is None:
        return _build_pack(pack_dir, pack_file, header_file, include_dirs)
    # NOTE: rule files may be edited while they are parsed; the entry is stored only when the files hashed before
    # and after parsing agree, so it never pairs new bytes with a pack parsed from old ones.
    before = _pack_files_digest(pack_file, pack_dir, include_dirs)
    pack = _build_pack(pack_dir, pack_file, header_file, include_dirs)
    if before is not None and _pack_files_digest(pack_file, pack_dir, include_dirs) == before:
        pack_cache.store(name, (tuple(include_dirs), before, pack), pack_dir)
    return pack


def _pack_files_digest(pack_file: Path, pack_dir: Path, include_dirs: Sequence[Path]) -> str | None:
    """Digest of the path and bytes of every file of the pack and its includes; None if one is unreadable."""
    paths = [pack_file, *_rule_files(pack_dir)]
    for include_dir in include_dirs:
        if not include_dir.is_dir():
            return None
        paths.extend(_rule_files(include_dir))
    return pack_cache.files_digest(paths)


def _cached_pack(name: str, pack_file: Path, pack_dir: Path) -> RulePack | None:
    entry = pack_cache.load(name, pack_dir)
    if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[2], RulePack)):
        return None
    include_dirs, digest = entry[0], entry[1]
    if not (isinstance(include_dirs, tuple) and all(isinstance(d, Path) for d in include_dirs)):
        return None
    if _pack_files_digest(pack_file, pack_dir, include_dirs) != digest:
        return None
    return entry[2]


def _read_header(pack_dir: Path, pack_file: Path) -> tuple[ast.RuleFile, list[Path]]:
    """Parse ``pack.rule``; returns it and the (resolved) include folders its header names."""
    from checker.dsl.parser import parse_rule_file  # NOTE: lazily: lark costs start-up time, a cache hit none

    header_file = _parse_compiled(pack_file, pack_dir, parse_rule_file)
    header = header_file.standard
    if header is None:
        raise Diagnostic(
            "pack.rule must start with a 'standard' declaration",
            str(pack_file),
            1,
            1,
            help='standard "hkex-esg-2025" "HKEX ESG Reporting Code" edition "2025" { alias "hkex-esg" }',
        ).to_error()
    include_dirs: list[Path] = []
    for include in header.includes:
        include_dir = (pack_dir / include).resolve()
        if not include_dir.is_dir():
            raise Diagnostic(
                f"included folder {include!r} does not exist",
                str(pack_file),
                header.span.line,
                header.span.column,
            ).to_error()
        include_dirs.append(include_dir)
    return header_file, include_dirs


def _build_pack(pack_dir: Path, pack_file: Path, header_file: ast.RuleFile, include_dirs: list[Path]) -> RulePack:
    """Parse the pack's rule files and validate the whole pack (no cache)."""
    from checker.dsl.parser import parse_rule_file
    from checker.dsl.semantics import check_pack

    header = header_file.standard
    assert header is not None  # NOTE: checked by _read_header
    rule_paths = _rule_files(pack_dir)
    for include_dir in include_dirs:
        rule_paths.extend(_rule_files(include_dir))
    files = [header_file] + [_parse_compiled(p, pack_dir, parse_rule_file) for p in rule_paths]
    diagnostics = check_pack(header, files)
    if diagnostics:
        raise RuleErrors(diagnostics)
    lexicons = _resolve_lexicons(files)
    exceptions = _resolve_exceptions(files, lexicons)
    contexts = _resolve_exceptions(files, lexicons, attribute="contexts")
    reliefs = {declared.name: declared for f in files for declared in f.reliefs}
    requirements = sorted((_with_reasons(r, reliefs) for f in files for r in f.requirements), key=reading_order)
    all_paths = [pack_file, *rule_paths]
    digest = hashlib.sha256()
    for path in sorted(all_paths, key=lambda p: p.name + str(p)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return RulePack(
        id=header.id,
        name=header.name,
        edition=header.edition,
        aliases=header.aliases,
        default_year=header.default_year,
        root=pack_dir,
        lexicons=lexicons,
        exceptions=exceptions,
        requirements=tuple(requirements),
        files=tuple(all_paths),
        fingerprint="sha256:" + digest.hexdigest()[:16],
        folded=_fold_terms([*requirements, *reliefs.values()], lexicons, exceptions, contexts),
        contexts=contexts,
        reliefs=reliefs,
    )


def _with_reasons(requirement: ast.Requirement, reliefs: dict[str, ast.ReliefDecl]) -> ast.Requirement:
    """``requirement`` with each relief's reason filled in from its declaration where the rule gives none."""
    if all(relief.reason is not None for relief in requirement.reliefs):
        return requirement
    filled = tuple(
        relief if relief.reason is not None else dataclasses.replace(relief, reason=reliefs[relief.name].reason)
        for relief in requirement.reliefs
    )
    return dataclasses.replace(requirement, reliefs=filled)


def _fold_terms(
    requirements: Sequence[ast.Requirement | ast.ReliefDecl],
    lexicons: dict[str, tuple[str, ...]],
    exceptions: dict[str, dict[str, tuple[str, ...]]],
    contexts: dict[str, dict[str, tuple[str, ...]]],
) -> dict[str, str]:
    """Every term text a compiled pack can register, folded exactly as the matcher would fold it."""
    from checker.ingest.normalize import fold_term

    texts: set[str] = {t for terms in lexicons.values() for t in terms}
    for phrases_by_term in (*exceptions.values(), *contexts.values()):
        texts.update(p for phrases in phrases_by_term.values() for p in phrases)
    pending: list[object] = list(requirements)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Literal):
            texts.add(node.text)
        elif isinstance(node, tuple):
            pending.extend(node)
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            pending.extend(getattr(node, f.name) for f in dataclasses.fields(node))
    return {text: fold_term(text.rstrip("*")) for text in sorted(texts)}


def _parse_compiled(path: Path, pack_dir: Path, parse: Callable[[Path], ast.RuleFile]) -> ast.RuleFile:
    """One rule file's syntax tree, parsed with lark only when these bytes were never parsed before.

    After an edit, a pack is checked again as a whole (lexicons and ids cross files), but only the edited files
    are parsed: the others' trees are stored by path and content hash beside the compiled packs. A file that does
    not parse raises here as before and is never stored.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return parse(path)  # NOTE: reports the unreadable file exactly as the parser does
    name = pack_cache.key("file", str(path), hashlib.sha256(data).hexdigest())
    stored = pack_cache.load(name, pack_dir)
    if isinstance(stored, ast.RuleFile) and stored.path == str(path):
        return stored
    parsed = parse(path)
    with contextlib.suppress(OSError):
        if path.read_bytes() == data:  # NOTE: never pair a tree with bytes it was not parsed from
            pack_cache.store(name, parsed, pack_dir)
    return parsed


def _rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob(f"*{RULE_SUFFIX}") if p.name != PACK_FILE)


def _resolve_lexicons(files: list[ast.RuleFile]) -> dict[str, tuple[str, ...]]:
    """Flatten lexicons that reference other lexicons (cycles were rejected by the semantic pass)."""
    raw = {lex.name: lex for f in files for lex in f.lexicons}
    resolved: dict[str, tuple[str, ...]] = {}

    def expand(name: str) -> tuple[str, ...]:
        if name in resolved:
            return resolved[name]
        terms: list[str] = []
        for term in raw[name].terms:
            terms.extend(expand(term.name) if isinstance(term, ast.LexRef) else [term.text])
        resolved[name] = tuple(dict.fromkeys(terms))
        return resolved[name]

    for name in raw:
        expand(name)
    return resolved


def _resolve_exceptions(
    files: list[ast.RuleFile], lexicons: dict[str, tuple[str, ...]], attribute: str = "exceptions"
) -> dict[str, dict[str, tuple[str, ...]]]:
    """For every lexicon, the exception phrases of each of its terms (``attribute="contexts"``: sentence contexts).

    A lexicon's ``except`` phrases apply to all its terms, including those it takes from other lexicons, and an
    included lexicon's own exceptions stay with its terms: ``lexicon opp = climate_opp except "equal opportunit*"``.
    Sentence contexts (``except in sentences with``) are resolved the same way.
    """
    raw = {lex.name: lex for f in files for lex in f.lexicons}
    resolved: dict[str, dict[str, tuple[str, ...]]] = {}

    def phrases(items: tuple[ast.Literal | ast.LexRef, ...]) -> list[str]:
        out: list[str] = []
        for item in items:
            out.extend(lexicons[item.name] if isinstance(item, ast.LexRef) else [item.text])
        return out

    def expand(name: str) -> dict[str, tuple[str, ...]]:
        if name in resolved:
            return resolved[name]
        own = phrases(getattr(raw[name], attribute))
        found: dict[str, list[str]] = {}
        for term in raw[name].terms:
            if isinstance(term, ast.LexRef):
                for text, inherited in expand(term.name).items():
                    found.setdefault(text, []).extend(inherited)
            else:
                found.setdefault(term.text, [])
        # NOTE: every term is kept here, with or without exceptions: a lexicon that only names other lexicons
        # ("lexicon opp = base_opp except ...") must see their terms to give them its own exceptions.
        resolved[name] = {text: tuple(dict.fromkeys([*inherited, *own])) for text, inherited in found.items()}
        return resolved[name]

    for name in raw:
        expand(name)
    kept = {name: {text: ex for text, ex in terms.items() if ex} for name, terms in resolved.items()}
    return {name: terms for name, terms in kept.items() if terms}


def load_rule_path(path: str | Path) -> list[RulePack]:
    """Load every pack under ``path``: a pack directory, or a folder of packs (``rules/``)."""
    target = Path(path)
    if (target / PACK_FILE).is_file():
        return [load_pack(target)]
    if target.is_dir():
        packs = [load_pack(p.parent) for p in sorted(target.glob(f"*/{PACK_FILE}"))]
        if packs:
            return packs
    raise RuleError("no rule pack here (expected a folder with pack.rule, or a folder of packs)", path=str(target))
