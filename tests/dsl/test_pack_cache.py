"""Compiled rule packs: used only for unchanged files, not switched off by --no-cache, corrupt entries ignored,
errors never stored."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from checker.dsl import pack_cache
from checker.dsl.pack import discover_packs, load_pack, resolve_standard
from checker.errors import RuleError

MINI = Path(__file__).parents[1] / "fixtures" / "mini-rules" / "mini"
BROKEN = Path(__file__).parent / "bad" / "unclosed-quote.rule"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "rules" / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the rule files parsed with lark (a cache hit parses none)."""
    import checker.dsl.parser as parser

    seen: list[str] = []
    original = parser.parse_rule_file

    def spy(path: Path) -> object:
        seen.append(path.name)
        return original(path)

    monkeypatch.setattr(parser, "parse_rule_file", spy)
    return seen


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / pack_cache.SUBDIRECTORY).glob("pack-*.json"))


def test_second_load_is_a_hit_and_equal(cache_dir: Path, pack: Path, parses: list[str]) -> None:
    first = load_pack(pack)
    assert parses and len(_entries(cache_dir)) == 1
    parses.clear()
    second = load_pack(pack)
    assert parses == [], "an unchanged pack must not be parsed again"
    assert second == first
    assert second.fingerprint == first.fingerprint and second.by_id.keys() == first.by_id.keys()


def test_editing_a_rule_file_is_a_miss_with_the_new_behaviour(cache_dir: Path, pack: Path, parses: list[str]) -> None:
    before = load_pack(pack)
    rule = pack / "B1.1.rule"
    rule.write_text(rule.read_text(encoding="utf-8").replace("Total workforce by gender", "Head count by sex"), "utf-8")
    parses.clear()
    after = load_pack(pack)
    assert "B1.1.rule" in parses
    assert after.by_id["B1.1"].title == "Head count by sex and region"
    assert after.fingerprint != before.fingerprint
    parses.clear()
    assert load_pack(pack).by_id["B1.1"].title == after.by_id["B1.1"].title and parses == []


def test_after_an_edit_only_the_edited_file_is_parsed(cache_dir: Path, pack: Path, parses: list[str]) -> None:
    load_pack(pack)
    rule = pack / "B1.1.rule"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# a reviewer's comment\n", encoding="utf-8")
    parses.clear()
    load_pack(pack)
    assert parses == ["B1.1.rule"]


def test_adding_and_removing_files_is_a_miss(cache_dir: Path, pack: Path, parses: list[str]) -> None:
    load_pack(pack)
    (pack / "extra.rule").write_text('lexicon extra_terms = "extra"\n', encoding="utf-8")
    parses.clear()
    assert "extra" in load_pack(pack).lexicons["extra_terms"]
    assert "extra.rule" in parses
    (pack / "extra.rule").unlink()
    parses.clear()
    assert "extra_terms" not in load_pack(pack).lexicons
    assert parses == [], "the remaining files were parsed before: their trees are reused"


def test_corrupt_entry_is_ignored_and_rewritten(cache_dir: Path, pack: Path, parses: list[str]) -> None:
    expected = load_pack(pack)
    [entry] = _entries(cache_dir)
    for garbage in (b"", b"not json", entry.read_bytes()[:20]):
        entry.write_bytes(garbage)
        assert load_pack(pack) == expected, "a corrupt entry is a miss"
        assert entry.read_bytes() != garbage, "and the fresh load rewrites it"
    parses.clear()
    assert load_pack(pack) == expected and parses == []


def test_corrupt_file_trees_are_parsed_again(cache_dir: Path, pack: Path, parses: list[str]) -> None:
    expected = load_pack(pack)
    folder = cache_dir / pack_cache.SUBDIRECTORY
    for entry in [*folder.glob("pack-*.json"), *folder.glob("file-*.json")]:
        entry.write_bytes(b'{"$c": "Popen", "a": ["touch", "PWNED"]}')
    parses.clear()
    assert load_pack(pack) == expected
    assert "B1.1.rule" in parses and "pack.rule" in parses


def test_broken_rule_file_raises_the_same_error_and_is_never_cached(
    cache_dir: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(pack)
    shutil.copy(BROKEN, pack / "broken.rule")
    with pytest.raises(RuleError) as cached_run:
        load_pack(pack)
    monkeypatch.setenv("GAPCHECK_NO_CACHE", "1")
    with pytest.raises(RuleError) as uncached_run:
        load_pack(pack)
    assert cached_run.value.detail == uncached_run.value.detail
    assert cached_run.value.one_line() == uncached_run.value.one_line()
    assert f"{pack / 'broken.rule'}:4:" in (cached_run.value.detail or "")
    monkeypatch.delenv("GAPCHECK_NO_CACHE")
    entries = _entries(cache_dir)
    with pytest.raises(RuleError):
        load_pack(pack)  # NOTE: still an error on the next run: the broken pack was not stored
    assert _entries(cache_dir) == entries


@pytest.mark.parametrize("no_cache", ["1", "true", "yes"])
def test_no_cache_does_not_turn_compiled_packs_off(
    cache_dir: Path, pack: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch, no_cache: str
) -> None:
    # NOTE: GAPCHECK_NO_CACHE (and --no-cache) concern the Document cache; compiled packs are not a cache
    monkeypatch.setenv("GAPCHECK_NO_CACHE", no_cache)
    first = load_pack(pack)
    assert len(_entries(cache_dir)) == 1
    parses.clear()
    assert load_pack(pack) == first and parses == []
    rule = pack / "B1.1.rule"
    rule.write_text(rule.read_text(encoding="utf-8").replace("Total workforce by gender", "Head count by sex"), "utf-8")
    assert load_pack(pack).by_id["B1.1"].title == "Head count by sex and region", "a changed file is never stale"


def test_compiled_pack_carries_the_folding_of_every_term(cache_dir: Path, pack: Path) -> None:
    from checker.ingest.normalize import fold_term

    compiled = load_pack(pack)
    for terms in compiled.lexicons.values():
        for text in terms:
            assert compiled.folded[text] == fold_term(text.rstrip("*"))


def _ship_from(tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make ``pack``'s folder the shipped rules, compiled into a package folder under ``tmp_path`` (returned)."""
    package = tmp_path / "package-compiled"
    monkeypatch.setattr(pack_cache, "PACKAGE_DIRECTORY", package)
    monkeypatch.setattr(pack_cache, "_SHIPPED_RULES", pack.parent)
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(tmp_path / "user-cache"))
    return package


def test_shipped_packs_compile_into_the_package_when_it_is_ours(
    tmp_path: Path, pack: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _ship_from(tmp_path, pack, monkeypatch)
    load_pack(pack)
    assert len(list(package.glob("pack-*.json"))) == 1
    assert not list((tmp_path / "user-cache").rglob("pack-*.json"))
    parses.clear()
    load_pack(pack)
    assert parses == []


def test_read_only_package_folder_falls_back_to_the_user_cache(
    tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _ship_from(tmp_path, pack, monkeypatch)
    package.mkdir()
    package.chmod(0o775)  # NOTE: writable by the group: never read nor written
    load_pack(pack)
    assert list(package.iterdir()) == []
    assert len(list((tmp_path / "user-cache" / pack_cache.SUBDIRECTORY).glob("pack-*.json"))) == 1


def test_resolve_standard_follows_header_edits(cache_dir: Path, pack: Path) -> None:
    assert resolve_standard("mini", pack.parent) == pack
    assert discover_packs(pack.parent) == {"mini-2025": pack}
    header = pack / "pack.rule"
    header.write_text(header.read_text(encoding="utf-8").replace('alias "mini"', 'alias "tiny"'), encoding="utf-8")
    assert resolve_standard("tiny", pack.parent) == pack
    with pytest.raises(RuleError, match="unknown standard"):
        resolve_standard("mini", pack.parent)


@pytest.fixture
def table_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The parser's stored tables go to a private folder, and every get_parser() call starts afresh."""
    from checker.dsl.parser import get_parser

    folder = tmp_path / "package-compiled"
    monkeypatch.setattr(pack_cache, "PACKAGE_DIRECTORY", folder)
    get_parser.cache_clear()
    yield folder
    get_parser.cache_clear()


def _outcomes(parse: object) -> list[str]:
    from checker.dsl.parser import parse_rule_file

    out = []
    for path in sorted([*BROKEN.parent.glob("*.rule"), *MINI.glob("*.rule")]):
        try:
            out.append(repr(parse_rule_file(path)))
        except RuleError as exc:
            out.append(f"{exc.one_line()}\n{exc.detail}")
    return out


def test_stored_parser_tables_parse_and_report_errors_exactly_as_built_ones(table_folder: Path) -> None:
    from checker.dsl.parser import get_parser

    built = _outcomes(get_parser())
    [entry] = table_folder.glob("lalr-*.json")
    get_parser.cache_clear()
    assert _outcomes(get_parser()) == built
    entry.write_bytes(b'{"$d": [["data", 1], ["memo", 2]]}')  # NOTE: decodes, but is no parser: built again
    get_parser.cache_clear()
    assert _outcomes(get_parser()) == built


def test_read_only_install_reads_its_compiled_packs_and_compiles_edits_for_the_user(
    tmp_path: Path, pack: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _ship_from(tmp_path, pack, monkeypatch)
    load_pack(pack)  # NOTE: the image build compiles into the package
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == package else real_access(path, mode))
    parses.clear()
    load_pack(pack)
    assert parses == [], "compiled at build time, read by a user who cannot write there"
    rule = pack / "B1.1.rule"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_pack(pack)
    assert parses == ["B1.1.rule"]
    assert list((tmp_path / "user-cache" / pack_cache.SUBDIRECTORY).glob("pack-*.json")), "compiled for the user"
    parses.clear()
    load_pack(pack)
    assert parses == [], "and is found there next time"


def test_an_entry_names_each_rule_file_once_and_decodes_to_the_same_pack(cache_dir: Path, pack: Path) -> None:
    loaded = load_pack(pack)
    text = json.dumps(pack_cache.encode(loaded), ensure_ascii=False)
    for path in {str(r.span.path) for r in loaded.requirements}:
        # NOTE: the first span of a file names its path, later ones its number
        assert text.count('{"$s": [' + json.dumps(path, ensure_ascii=False)) == 1
    again = pack_cache.loads(text)
    assert again == loaded
    assert [r.span for r in again.requirements] == [r.span for r in loaded.requirements]


def test_a_repeated_tuple_of_strings_is_written_once_and_decodes_to_equal_tuples() -> None:
    phrases = ("equal opportunities", "equal pay")
    value = {"employees": phrases, "staff": ("equal opportunities", "equal pay"), "one": ("x",), "mixed": (1, 2)}
    value |= {"again": (("x",), (1, 2), phrases)}
    text = json.dumps(pack_cache.encode(value))
    assert text.count("equal pay") == 1, "the repeat is a reference"
    assert text.count('"x"') == 2 and text.count("[1, 2]") == 2, "short or non-string tuples are written out"
    assert pack_cache.loads(text) == value


@pytest.mark.parametrize(
    "entry",
    [
        '{"$t":[{"$r":0}]}',  # a reference before any tuple
        '{"$t":[{"$t":["a","b"]},{"$r":1}]}',  # a reference to no tuple written yet (the outer one is not done)
        '{"$t":[{"$t":["a","b"]},{"$r":"0"}]}',
    ],
)
def test_a_malformed_reference_is_not_cache_data(entry: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        pack_cache.loads(entry)


@pytest.mark.parametrize(
    "entry",
    [
        '{"$t":[{"$s":[0,1,1,1,5]}]}',  # a number before any path
        '{"$t":[{"$s":["a.rule",1,1,1,5]},{"$s":[1,1,1,1,5]}]}',  # a number no path has
        '{"$t":[{"$s":[true,1,1,1,5]}]}',
        '{"$t":[{"$s":["a.rule",1,1]}]}',
        '{"$s":"a.rule"}',
    ],
)
def test_a_malformed_span_is_not_cache_data(entry: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        pack_cache.loads(entry)


def test_non_ascii_terms_are_stored_as_themselves(cache_dir: Path, pack: Path) -> None:
    loaded = load_pack(pack)
    (entry,) = (cache_dir / "packs").glob("pack-*.json")
    text = entry.read_text(encoding="utf-8")
    assert "\\u" not in text
    assert pack_cache.loads(entry.read_bytes())[2] == loaded  # NOTE: (include folders, digest, pack)
