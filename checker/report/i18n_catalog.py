"""The Chinese words of the rule packs: requirement titles, element names, hints, parts and aspects.

They live beside the rules, in ``i18n/zh-Hant.toml`` and ``i18n/zh-Hans.toml``, so that a rule author edits one
place and the grammar stays as it is. A requirement's words are in the ``i18n/`` folder of the nearest folder
above its rule file that has one (``rules/hkex-common/i18n/`` serves every HKEX rule shared by both editions;
``rules/hkex-esg-2025/i18n/`` the Part D rules). A file looks like::

    [pack]                                  # only beside a pack.rule: the standard's name
    name = "環境、社會及管治報告守則"
    [parts]
    "C" = "C部分"
    [aspects]
    "A1 Emissions" = "層面A1：排放物"
    ["A1.1"]
    title = "排放物種類及相關排放數據"
    elements."types of emissions named" = "已列明排放物種類"
    hints."the English hint, as in the rule" = "..."
    partials."what a weak disclosure shows, as in the rule" = "..."
    reliefs.scope3-interim = "..."           # by relief name: the reason shown when it is claimed
    uncheckable = "..."                      # why a reviewer must judge it

Keys are the English words exactly as the rule files write them, so a renamed element shows up as an unknown
key. An unknown key or a malformed file is a rule error (exit 2) naming the file and line; a missing entry is not
an error at audit time (the English word is shown) and is listed by ``gapcheck rules validate``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.dsl import ast
from checker.dsl.diagnostics import Diagnostic, RuleErrors
from checker.dsl.pack import RulePack

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

I18N_DIR = "i18n"
CHINESE = ("zh-Hant", "zh-Hans")
_FIELDS = ("title", "elements", "hints", "partials", "reliefs", "uncheckable")


@dataclass(frozen=True)
class Words:
    """The translated words of one requirement (any of them may be absent)."""

    title: str | None = None
    elements: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    partials: dict[str, str] = field(default_factory=dict)
    reliefs: dict[str, str] = field(default_factory=dict)
    uncheckable: str | None = None


@dataclass(frozen=True)
class Catalog:
    """Every translated word for one language, for the packs it was loaded for."""

    lang: str
    pack_names: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    aspects: dict[str, str] = field(default_factory=dict)
    requirements: dict[tuple[str, str], Words] = field(default_factory=dict)

    def words(self, standard: str, requirement_id: str) -> Words:
        """The words of one requirement of one pack (empty when it has none)."""
        return self.requirements.get((standard, requirement_id), _NO_WORDS)


_NO_WORDS = Words()


def i18n_folder(rule_file: Path, stop: Path) -> Path | None:
    """The ``i18n/`` folder that serves a rule file: in the nearest folder above it that has one, up to ``stop``."""
    folder = rule_file.resolve().parent
    stop = stop.resolve()
    while True:
        candidate = folder / I18N_DIR
        if candidate.is_dir():
            return candidate
        if folder in (stop, folder.parent):
            return None
        folder = folder.parent


def _owners(packs: list[RulePack]) -> tuple[dict[Path, dict[str, ast.Requirement]], dict[tuple[str, str], Path]]:
    """Requirements by the ``i18n/`` folder that holds their words, and that folder by (pack id, requirement id)."""
    owners: dict[Path, dict[str, ast.Requirement]] = {}
    served: dict[tuple[str, str], Path] = {}
    seen: dict[str, Path | None] = {}
    for pack in packs:
        for requirement in pack.requirements:
            path = requirement.span.path
            if path not in seen:
                # NOTE: stop at the folder that holds the packs, so a rules dir never picks up an i18n/ above it
                seen[path] = i18n_folder(Path(path), pack.root.parent)
            folder = seen[path]
            if folder is not None:
                owners.setdefault(folder, {})[requirement.id] = requirement
                served[(pack.id, requirement.id)] = folder
    return owners, served


def _line_of(source: str, key: str, start: int = 1) -> tuple[int, int]:
    """Where ``key`` is first written at or after line ``start`` of a TOML source, for the caret; else (start, 1)."""
    for number, line in enumerate(source.splitlines()[start - 1 :], start=start):
        for written in (f'"{key}"', f"'{key}'", key):
            column = line.find(written)
            if column >= 0 and not line.lstrip().startswith("#"):
                return number, column + 1
    return start, 1


class _FileReader:
    """Reads one i18n file into a catalog, collecting every problem with its line."""

    def __init__(self, path: Path, requirements: dict[str, ast.Requirement]) -> None:
        self.path = path
        self.requirements = requirements
        self.problems: list[Diagnostic] = []
        self.source = ""
        # NOTE: the line of the table being read, so a key that several requirements share ("intensity") is
        # pointed at inside the right one
        self.table_line = 1

    def problem(self, message: str, key: str, help_text: str | None = None) -> None:
        line, column = _line_of(self.source, key, self.table_line)
        self.problems.append(Diagnostic(message, str(self.path), line, column, help=help_text))

    def read(self) -> dict[str, Any]:
        try:
            self.source = self.path.read_text(encoding="utf-8")
            data: dict[str, Any] = tomllib.loads(self.source)
            return data
        except UnicodeDecodeError:
            self.problems.append(Diagnostic("not UTF-8 text", str(self.path), 1, 1))
        except OSError as exc:
            self.problems.append(Diagnostic(f"cannot be read ({exc.strerror or exc})", str(self.path), 1, 1))
        except tomllib.TOMLDecodeError as exc:
            line, column = _toml_position(exc)
            self.problems.append(Diagnostic(f"malformed TOML: {_toml_message(exc)}", str(self.path), line, column))
        return {}

    def strings(self, value: object, where: str, allowed: set[str] | None) -> dict[str, str]:
        """A table of English key -> translation; every value a non-empty string, every key one of ``allowed``."""
        if not isinstance(value, dict):
            self.problem(f'{where} must be a table of "English" = "translation"', where.split(".")[-1])
            return {}
        table: dict[str, str] = {}
        for key, word in value.items():
            if not isinstance(word, str) or not word.strip():
                self.problem(f"{where}.{key!r} must be a non-empty string", key)
            elif allowed is not None and key not in allowed:
                self.problem(f"{where}: unknown key {key!r}", key, _did_you_mean(key, allowed))
            else:
                table[key] = word.strip()
        return table

    def text(self, value: object, where: str, key: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.problem(f"{where} must be a non-empty string", key)
        return None

    def requirement(self, rid: str, value: object) -> Words | None:
        self.table_line = _line_of(self.source, rid)[0]
        spec = self.requirements.get(rid)
        if spec is None:
            known = set(self.requirements)
            self.problem(
                f"unknown requirement id {rid!r} (no rule served by this folder has it)", rid, _did_you_mean(rid, known)
            )
            return None
        if not isinstance(value, dict):
            self.problem(f"[{rid!r}] must be a table (title, elements, hints, partials, reliefs, uncheckable)", rid)
            return None
        for key in value:
            if key not in _FIELDS:
                self.problem(f"[{rid!r}]: unknown field {key!r}", key, _did_you_mean(key, set(_FIELDS)))
        title = self.text(value["title"], f"[{rid!r}].title", "title") if "title" in value else None
        uncheckable = None
        if "uncheckable" in value:
            if spec.uncheckable is None:
                self.problem(f"[{rid!r}].uncheckable: the rule is not uncheckable", "uncheckable")
            else:
                uncheckable = self.text(value["uncheckable"], f"[{rid!r}].uncheckable", "uncheckable")
        return Words(
            title=title,
            elements=self.strings(value.get("elements", {}), f"{rid}.elements", {e.name for e in spec.elements}),
            hints=self.strings(value.get("hints", {}), f"{rid}.hints", {h.message for h in spec.hints}),
            partials=self.strings(value.get("partials", {}), f"{rid}.partials", {w.message for w in spec.partials}),
            reliefs=self.strings(value.get("reliefs", {}), f"{rid}.reliefs", _relief_names(spec)),
            uncheckable=uncheckable,
        )


def _did_you_mean(key: str, known: set[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f"did you mean {close[0]!r}?" if close else None


def _toml_position(exc: tomllib.TOMLDecodeError) -> tuple[int, int]:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    import re

    match = re.search(r"at line (\d+), column (\d+)", str(exc))
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)


def _toml_message(exc: tomllib.TOMLDecodeError) -> str:
    message = getattr(exc, "msg", None)
    return message if isinstance(message, str) else str(exc).split(" (at line")[0]


def load_catalog(packs: list[RulePack], lang: str) -> Catalog:
    """The words of ``packs`` in ``lang`` (``zh-Hant`` or ``zh-Hans``); empty for English.

    Raises:
        RuleErrors: an i18n file is malformed, or names an id, element, hint or relief no rule has.
    """
    catalog = Catalog(lang=lang)
    if lang not in CHINESE:
        return catalog
    problems: list[Diagnostic] = []
    owners, served = _owners(packs)
    for pack in packs:
        # NOTE: a pack folder may hold no rule of its own (all included), yet it names the pack in its i18n file
        owners.setdefault(pack.root.resolve() / I18N_DIR, {})
    by_folder: dict[Path, dict[str, Words]] = {}
    for folder, requirements in owners.items():
        path = folder / f"{lang}.toml"
        if not path.is_file():
            continue
        reader = _FileReader(path, requirements)
        data = reader.read()
        words: dict[str, Words] = {}
        for key, value in data.items():
            reader.table_line = _line_of(reader.source, key)[0]
            if key == "pack":
                table = reader.strings(value, "[pack]", {"name"})
                owner = [pack.id for pack in packs if pack.root.resolve() == folder.parent]
                if not owner:
                    reader.problem("[pack] belongs beside a pack.rule; this folder holds no pack", "pack")
                elif "name" in table:
                    catalog.pack_names[owner[0]] = table["name"]
            elif key == "parts":
                parts = {r.part for r in requirements.values() if r.part}
                catalog.parts.update(reader.strings(value, "[parts]", parts))
            elif key == "aspects":
                used = {r.aspect for r in requirements.values() if r.aspect}
                catalog.aspects.update(reader.strings(value, "[aspects]", used))
            else:
                found = reader.requirement(key, value)
                if found is not None:
                    words[key] = found
        problems.extend(reader.problems)
        by_folder[folder] = words
    if problems:
        raise RuleErrors(problems)
    for served_key, folder in served.items():
        served_words = by_folder.get(folder, {}).get(served_key[1])
        if served_words is not None:
            catalog.requirements[served_key] = served_words
    return catalog


def _relief_names(spec: ast.Requirement) -> set[str]:
    """The reliefs whose reason a requirement's messages can show: its own and the one it grants."""
    return {r.name for r in spec.reliefs} | ({spec.grants} if spec.grants is not None else set())


def missing_entries(packs: list[RulePack], catalog: Catalog) -> list[str]:
    """What the catalog lacks: every requirement needs a title and every element a name (hints, reliefs too)."""
    missing: dict[str, None] = {}
    for pack in packs:
        for spec in pack.requirements:
            words = catalog.words(pack.id, spec.id)
            where = f"{spec.span.path}: {spec.id}"
            if words.title is None:
                missing[f"{where}: title"] = None
            for name in [e.name for e in spec.elements if e.name not in words.elements]:
                missing[f"{where}: element {name!r}"] = None
            for name in [h.message for h in spec.hints if h.message not in words.hints]:
                missing[f"{where}: hint {name!r}"] = None
            for name in [w.message for w in spec.partials if w.message not in words.partials]:
                missing[f"{where}: looks_partial {name!r}"] = None
            for name in [name for name in _relief_names(spec) if name not in words.reliefs]:
                missing[f"{where}: relief {name!r}"] = None
            if spec.uncheckable is not None and words.uncheckable is None:
                missing[f"{where}: uncheckable"] = None
            for label, value, table in (("part", spec.part, catalog.parts), ("aspect", spec.aspect, catalog.aspects)):
                if value and value not in table:
                    missing[f"{label} {value!r}"] = None
        if pack.id not in catalog.pack_names:
            missing[f"{pack.root}: [pack] name"] = None
    return list(missing)
