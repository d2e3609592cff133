"""Find and load the policy file, and turn validation errors into one line that names the key and the file.

``--config PATH``, else the nearest ``gapcheck.toml`` or ``pyproject.toml`` with a ``[tool.gapcheck]`` table,
searching from the current directory upward. No file means the default policy.

Precedence (lowest to highest): defaults, the policy file, command-line options.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from checker.config.model import GatePolicy, Policy, ProfilePolicy, Waiver
from checker.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

POLICY_FILE = "gapcheck.toml"
PYPROJECT = "pyproject.toml"


def find_policy_file(start: Path | None = None) -> Path | None:
    """The nearest policy file at or above ``start`` (default: the current directory)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / POLICY_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and "gapcheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_policy(config: Path | None = None, start: Path | None = None) -> tuple[Policy, Path | None]:
    """Load the policy from ``config`` or the discovered file.

    Returns:
        The validated policy and the file it came from (``None``: defaults).

    Raises:
        ConfigError: unreadable TOML, an unknown key (named, with a suggestion) or an invalid value.
    """
    path = config if config is not None else find_policy_file(start)
    if path is None:
        return Policy(), None
    if not path.is_file():
        raise ConfigError("policy file not found", path)
    data = _read_toml(path)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if "gapcheck" not in tool:
            raise ConfigError("has no [tool.gapcheck] table", path)
        data = tool["gapcheck"]
        prefix = "tool.gapcheck."
    else:
        prefix = ""
    try:
        return Policy.model_validate(data), path
    except ValidationError as exc:
        raise ConfigError(_describe(exc, prefix), path) from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from exc


def _describe(exc: ValidationError, prefix: str) -> str:
    """The first validation problem in our own words, naming the key (from pydantic's ``loc`` and ``type``)."""
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    key = prefix + ".".join(loc)
    if error["type"] == "extra_forbidden":
        hint = _suggest(loc)
        return f"unknown key {key!r}{hint}"
    if error["type"] == "missing":
        return f"missing key {key!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"invalid value for {key!r}: {message}"


# The tables of the policy file and the model of each (for "did you mean" on a nested key).
_NESTED: dict[str, type[BaseModel]] = {"profile": ProfilePolicy, "gate": GatePolicy, "waivers": Waiver}


def _suggest(loc: list[str]) -> str:
    """A "did you mean" for an unknown key, from the fields of the model that holds it."""
    model: type[BaseModel] = Policy
    for part in loc[:-1]:
        nested = _NESTED.get(part)
        if nested is not None:
            model = nested
    close = difflib.get_close_matches(loc[-1], list(model.model_fields), n=1)
    return f"; did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(model.model_fields)})"
