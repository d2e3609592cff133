"""Every rule pack speaks Chinese: each requirement has Traditional and Simplified titles and element names.

The words live in ``rules/*/i18n/zh-Hant.toml`` and ``zh-Hans.toml`` (``checker/report/i18n_catalog.py``). These
tests hold the files to what a reviewer in Hong Kong or on the mainland reads: nothing left in English, each
file in its own script, and both files of a folder carrying the same keys.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest

from checker.dsl.pack import RulePack, default_rules_root, load_rule_path
from checker.report.i18n_catalog import CHINESE, I18N_DIR, Catalog, load_catalog, missing_entries

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Traditional character -> its Simplified form, for characters common in ESG text whose two forms differ. (The brief
# also listed 候, 境, 排 and 放, which are written the same in both scripts, so they cannot tell the files apart.)
SCRIPT_PAIRS = {
    "層": "层", "體": "体", "與": "与", "專": "专", "業": "业", "關": "关", "氣": "气", "風": "风", "險": "险",
    "環": "环", "會": "会", "員": "员", "發": "发", "數": "数", "據": "据", "報": "报", "標": "标", "準": "准",
    "應": "应", "對": "对", "廢": "废", "棄": "弃", "產": "产", "訓": "训", "練": "练", "營": "营", "運": "运",
    "團": "团", "計": "计", "劃": "划", "資": "资", "務": "务", "僱": "雇", "溫": "温", "範": "范", "圍": "围",
}  # fmt: skip
CJK = re.compile(r"[\u3400-\u9fff]")
I18N_FILES = sorted((default_rules_root()).glob(f"*/{I18N_DIR}/*.toml"))


@cache
def _packs() -> list[RulePack]:
    return load_rule_path(default_rules_root())


@cache
def _catalog(lang: str) -> Catalog:
    return load_catalog(_packs(), lang)


def _values(path: Path) -> list[tuple[str, str]]:
    """Every (key path, translation) of an i18n file."""
    found: list[tuple[str, str]] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            found.append((prefix, str(value)))

    walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return found


def test_every_pack_folder_with_rules_has_both_files() -> None:
    folders = {path.parent for path in I18N_FILES}
    assert folders, "no i18n files found"
    for folder in folders:
        assert {p.name for p in folder.glob("*.toml")} == {f"{lang}.toml" for lang in CHINESE}, folder


@pytest.mark.parametrize("lang", CHINESE)
def test_no_missing_translations(lang: str) -> None:
    assert missing_entries(_packs(), _catalog(lang)) == []


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("pack_id", [p.id for p in _packs()])
def test_every_requirement_has_a_chinese_title_and_element_names(lang: str, pack_id: str) -> None:
    pack = next(p for p in _packs() if p.id == pack_id)
    catalog = _catalog(lang)
    assert pack.id in catalog.pack_names
    for requirement in pack.requirements:
        words = catalog.words(pack.id, requirement.id)
        assert words.title and CJK.search(words.title), (requirement.id, words.title)
        for element in requirement.elements:
            name = words.elements.get(element.name, "")
            assert CJK.search(name), (requirement.id, element.name, name)


@pytest.mark.parametrize("path", I18N_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_translation_is_chinese(path: Path) -> None:
    # NOTE: codes such as A1.1, Scope 1, GHG, ISO 14064 may appear inside the Chinese text; a value with no
    # Chinese at all is an untranslated English word.
    latin_only = [(key, value) for key, value in _values(path) if not CJK.search(value)]
    assert latin_only == []


@pytest.mark.parametrize("path", I18N_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_each_file_is_in_its_own_script(path: Path) -> None:
    wrong = set(SCRIPT_PAIRS) if path.stem == "zh-Hans" else set(SCRIPT_PAIRS.values())
    found = [(key, value, sorted(wrong & set(value))) for key, value in _values(path) if wrong & set(value)]
    assert found == []


@pytest.mark.parametrize("folder", sorted({p.parent for p in I18N_FILES}), ids=lambda p: p.parent.name)
def test_traditional_and_simplified_files_have_the_same_keys(folder: Path) -> None:
    hant, hans = (dict(_values(folder / f"{lang}.toml")) for lang in CHINESE)
    assert sorted(hant) == sorted(hans)


def test_the_hkex_code_s_own_terms_are_used() -> None:
    hant, hans = _catalog("zh-Hant"), _catalog("zh-Hans")
    assert hant.aspects["A1 Emissions"] == "層面A1：排放物"
    assert hans.aspects["A1 Emissions"] == "层面A1：排放物"
    assert hant.words("hkex-esg-2025", "A1.GD").title is not None
    assert str(hant.words("hkex-esg-2025", "A1.GD").title).startswith("一般披露A1")
    assert hant.parts["Governance"] == "管治" and hans.parts["Governance"] == "治理"
    assert {hant.aspects["Risk management"], hans.aspects["Risk management"]} == {"風險管理", "风险管理"}
