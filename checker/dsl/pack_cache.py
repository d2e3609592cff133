"""Compiled rule packs: every pack is parsed with lark once per change of its files, never per run.

This is not a cache that a flag turns off: ``--no-cache`` and ``GAPCHECK_NO_CACHE`` concern the Document cache
only. An audit with unchanged rules never builds the lark grammar nor parses ~200 rule files (~0.7 s together);
it hashes the rule files (a few milliseconds) and decodes one JSON file (~30 ms). ``gapcheck rules compile`` (or
``rules validate``) builds them ahead of time, e.g. in an image build; otherwise the first run builds them.

Four kinds of entry: ``pack-*`` (a validated ``RulePack``, every term's folding included), ``file-*`` (one rule
file's syntax tree, by path and content hash: after an edit only the changed files are parsed, then the pack is
checked as a whole), ``lalr-*`` (the parser's LALR tables as plain data, so a parse needs no grammar build) and
``headers-*`` (the ids and aliases that resolve ``--standard``). A pack entry is keyed by the gapcheck version, a
fingerprint of the rule-language and folding source (``checker/dsl`` and ``checker/ingest/normalize.py``, since
the entry holds terms already folded), the pack folder and its ``pack.rule`` bytes; it holds the include folders
that ``pack.rule`` names, a SHA-256 over the path and bytes of every rule file of the pack and its includes, and
the ``RulePack``. A hit needs the digest to match the files on disk now, so editing, adding, removing or renaming
any rule file is a miss: a changed file is never served stale. Only packs that validated are stored: a broken
file is always a miss, and its error is reported exactly as without compiled packs.

Where: the packs shipped in the project's ``rules/`` compile into ``checker/dsl/compiled/`` inside the installed
package when this user can write to it (package data, beside the code it configures; also read when root owns
it, as in an image compiled at build time); otherwise, and for every other rules folder, into
``<cache dir>/packs/`` (``$GAPCHECK_CACHE_DIR``, else ``~/.cache/gapcheck``). Never pickle, so a planted file is
data that can at worst fail to decode, never code that runs. Decoding builds only the rule-language AST classes,
``RulePack`` and plain values, by name from a fixed list (lark rebuilds its own parser classes from the tables).
A user folder that other users can write to is not used at all (see ``cache_location.private_directory``). A
corrupt, truncated or foreign entry is ignored and rewritten; an unwritable folder never fails a command, it only
costs the parse.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.cache_location import default_directory, private_directory
from checker.dsl.ast import Span

_DSL = Path(__file__).parent
_NORMALIZE = _DSL.parent / "ingest" / "normalize.py"
_SHIPPED_RULES = _DSL.parent.parent / "rules"  # NOTE: the project's own packs, not $GAPCHECK_RULES
SUBDIRECTORY = "packs"
PACKAGE_DIRECTORY = _DSL / "compiled"


def directory() -> Path:
    """Where the user's compiled packs live (packs outside the shipped ``rules/``, or a read-only install)."""
    return default_directory() / SUBDIRECTORY


def _shipped(root: Path | None) -> bool:
    if root is None:
        return False
    try:
        shipped = _SHIPPED_RULES.resolve()
        target = root.resolve()
    except OSError:
        return False
    return target == shipped or shipped in target.parents


def _package_folder(write: bool) -> Path | None:
    """``checker/dsl/compiled`` when it can be trusted, and written to when ``write`` (made if missing).

    NOTE: the folder is as trusted as the code beside it when it belongs to this user or to root (an install
    compiled at image build time, read by every user) and no one else can write to it.
    """
    folder = PACKAGE_DIRECTORY
    try:
        if write and not folder.exists():
            folder.mkdir(mode=0o755)
        info = os.stat(folder)
    except OSError:
        return None  # NOTE: a read-only install without compiled packs: the user's cache folder takes over
    if not stat.S_ISDIR(info.st_mode) or info.st_uid not in (os.geteuid(), 0):
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or (write and not os.access(folder, os.W_OK)):
        return None
    return folder


def _folder(root: Path | None, write: bool) -> Path | None:
    if _shipped(root):
        found = _package_folder(write)
        if found is not None:
            return found
    return private_directory(directory())


def load_shared(name: str) -> object | None:
    """An entry that belongs to the rule language, not to one rules folder (the parser's tables)."""
    return load(name, _SHIPPED_RULES)


def store_shared(name: str, value: object) -> None:
    """Store an entry that belongs to the rule language (see ``load_shared``)."""
    store(name, value, _SHIPPED_RULES)


def location(root: Path) -> Path | None:
    """The folder that holds the compiled packs of the rules folder ``root`` (None: none is usable)."""
    return _folder(root, write=True)


@lru_cache(maxsize=1)
def dsl_fingerprint() -> str:
    """Hash of the rule-language and folding source: a changed DSL or folding never gets an old pack."""
    digest = hashlib.sha256()
    for source in [*sorted([*_DSL.glob("*.py"), *_DSL.glob("*.lark")]), _NORMALIZE]:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    digest.update(_opencc_version().encode())
    return digest.hexdigest()


def _opencc_version() -> str:
    # NOTE: folded terms depend on OpenCC's dictionaries, so its installed version is part of the key. Read from the
    # dist-info folder's name: importlib.metadata parses every METADATA file it passes (~10 ms a run).
    from importlib.util import find_spec

    spec = find_spec("opencc")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        return "none"
    package = Path(spec.origin).parent
    found = sorted(p.name for p in package.parent.glob("[oO]pen[cC][cC]-*.dist-info"))
    return ";".join(found) or str(package)


def key(kind: str, *parts: str) -> str:
    """The entry name for ``parts`` (strings that identify the input) of one ``kind`` of entry."""
    text = "\0".join([__version__, dsl_fingerprint(), kind, *parts])
    return f"{kind}-{hashlib.sha256(text.encode('utf-8', 'surrogateescape')).hexdigest()}"


def files_digest(paths: Iterable[Path]) -> str | None:
    """SHA-256 over the path and bytes of each file, in the order given; None when one cannot be read."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(str(path).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def load(name: str, root: Path | None = None) -> object | None:
    """The value stored under ``name`` for packs under ``root``, or None (absent, unreadable, corrupt, foreign)."""
    # NOTE: a shipped pack edited in a read-only install is compiled into the user's folder: look there too
    folders = [_package_folder(write=False) if _shipped(root) else None, private_directory(directory())]
    for folder in folders:
        if folder is None:
            continue
        try:
            with open(folder / f"{name}.json", "rb") as handle:
                value: object = loads(handle.read())
                return value
        except Exception:  # NOTE: absent, truncated or written by another version: a miss, the caller rewrites it
            continue
    return None


def store(name: str, value: object, root: Path | None = None) -> None:
    """Store ``value`` under ``name`` atomically; failures (read-only or full folder) are ignored."""
    folder = _folder(root, write=True)
    if folder is None:
        return
    temp: str | None = None
    try:
        # NOTE: non-ASCII as itself: the Chinese terms and examples written as \uXXXX escapes made the entry ~15%
        # longer, and the parser's time goes by the byte
        text = json.dumps(encode(value), separators=(",", ":"), ensure_ascii=False)
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, 0o644 if folder == PACKAGE_DIRECTORY else 0o600)
        os.replace(temp, folder / f"{name}.json")
        temp = None
    except Exception:  # NOTE: an entry that cannot be written must never fail a command
        return
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


# ---- a JSON codec for the pack's own types ---------------------------------------------------------------------
# NOTE: JSON has no tuples, paths or dataclasses; each is a one-key object tagged with "$t" (tuple), "$p" (path),
# "$d" (dict with any keys) or "$c" (a dataclass by class name, from the fixed list in ``_classes``). A source span
# (~10,000 in hkex-esg; written as a dataclass, a third of the entry's bytes, mostly its file's path) is "$s":
# [file, line, column, end line, end column], the file being its path where the entry names it first and that
# path's number (in order of first appearance) afterwards. JSON is parsed in the order it was written, and the
# decoder's hook sees each span as it is parsed, so every number comes after its path. Tuples are numbered the same
# way (after their items: the hook runs bottom-up), and a tuple of two or more strings written before is "$r": its
# number. A lexicon's exception phrases and contexts repeat for each of its terms: they were a fifth of hkex-esg's
# entry (~0.5 MB of 2.4 MB), and parsing goes by the byte.


def encode(value: object) -> Any:
    """``value`` as plain JSON data (raises TypeError for a type the codec does not know)."""
    return _encode(value, _Written())


class _Written:
    """What an entry has written so far: span paths by number, and tuples of strings by number (``$r``)."""

    def __init__(self) -> None:
        self.paths: dict[str, int] = {}
        self.tuples = 0
        self.texts: dict[tuple[str, ...], int] = {}


def _encode(value: object, written: _Written) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        texts = len(value) > 1 and all(type(v) is str for v in value)
        if texts:
            number = written.texts.get(value)
            if number is not None:
                return {"$r": number}
        encoded = {"$t": [_encode(v, written) for v in value]}
        # NOTE: numbered after its items, as the decoder's hook meets it (bottom-up, in text order)
        if texts:
            written.texts[value] = written.tuples
        written.tuples += 1
        return encoded
    if isinstance(value, list):
        return [_encode(v, written) for v in value]
    if isinstance(value, Path):
        return {"$p": str(value)}
    if isinstance(value, dict):
        return {"$d": [[_encode(k, written), _encode(v, written)] for k, v in value.items()]}
    if type(value) is Span:
        number = written.paths.get(value.path)
        if number is None:
            written.paths[value.path] = len(written.paths)
        file: str | int = value.path if number is None else number
        return {"$s": [file, value.line, value.column, value.end_line, value.end_column]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _classes().get(name) is not type(value):
            raise TypeError(f"cannot cache a {name}")
        fields = [_encode(getattr(value, f.name), written) for f in dataclasses.fields(value) if f.init]
        return {"$c": name, "a": fields}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(data: Any) -> Any:
    """The value ``encode`` turned into ``data`` (raises ValueError / TypeError / KeyError for anything else)."""
    return loads(json.dumps(data))


def loads(text: str | bytes) -> Any:
    """Parse and decode a cache entry in one pass (the JSON parser calls the hook bottom-up, in text order)."""
    paths: list[str] = []
    tuples: list[tuple[Any, ...]] = []
    classes = _classes()

    def hook(data: dict[str, Any]) -> Any:
        # NOTE: every JSON object in an entry is one of the tags (a plain dict is always written as "$d"); the hook
        # runs ~25,000 times for hkex-esg, so the tags are tested by frequency (spans, dataclasses, tuples) and the
        # class table is looked up once per entry
        span = data.get("$s")
        if span is not None:
            if not isinstance(span, list) or len(span) != 5:
                raise ValueError("not cache data")
            file = span[0]
            if type(file) is str:
                paths.append(file)
            elif type(file) is int and 0 <= file < len(paths):
                file = paths[file]
            else:
                raise ValueError("not cache data")
            return Span(file, span[1], span[2], span[3], span[4])
        name = data.get("$c")
        if name is not None:
            cls = classes[str(name)]
            values = data.get("a")
            if not isinstance(values, list):
                raise ValueError("not cache data")
            return cls(*values)
        if "$t" in data:
            found = tuple(data["$t"])
            tuples.append(found)
            return found
        reference = data.get("$r")
        if reference is not None:
            # NOTE: a tuple of strings written before (exception phrases repeat for every term of a lexicon)
            if type(reference) is not int or not 0 <= reference < len(tuples):
                raise ValueError("not cache data")
            return tuples[reference]
        if "$p" in data:
            return Path(str(data["$p"]))
        if "$d" in data:
            return {key: value for key, value in data["$d"]}
        raise ValueError("not cache data")

    return json.loads(text, object_hook=hook)


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    """The only classes a cache entry may name: the AST's dataclasses and ``RulePack``."""
    from checker.dsl import ast
    from checker.dsl.pack import RulePack

    found: dict[str, type] = {"RulePack": RulePack}
    for name, value in vars(ast).items():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == ast.__name__:
            found[name] = value
    return found
