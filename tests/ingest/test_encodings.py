"""The same text saved in every supported encoding reads identically; Traditional stays Traditional."""

from __future__ import annotations

import codecs
from pathlib import Path

import opencc
import pytest

from checker.errors import InputError
from checker.ingest import read_document
from checker.ingest.encoding import BINARY_ERROR, ENCODING_ERROR, detect_encoding

HANT = (
    "環境、社會及管治報告\n\n"
    "中國移動堅持包容創新、擁抱變化，與社會共成長、同發展，將企業發展融入國家發展戰略。\n"
    "2024 年員工總數 455,405 人，全體員工中女性比例 51.93%，範疇一排放 12,345 tCO2e。\n\n"
    "- 董事會負責監督氣候相關風險\n- 供應鏈管理與溫室氣體排放\n"
)
HANS = opencc.OpenCC("t2s.json").convert(HANT)
# NOTE: 邨 and 啲 exist only in HKSCS, not in plain Big5/CP950: they prove Big5-HKSCS is tried first.
HKSCS = HANT + "\n屯門大興邨啲居民\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def expected(tmp_path: Path) -> str:
    return read_document(write(tmp_path, "utf8.txt", HANT.encode("utf-8"))).text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "big5", "cp950", "big5hkscs"])
def test_traditional_reads_identically(tmp_path: Path, expected: str, encoding: str) -> None:
    data = HANT.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert read_document(write(tmp_path, f"{encoding}.txt", data)).text == expected


def test_bomless_utf16_is_recognised_by_its_nul_bytes(tmp_path: Path) -> None:
    text = "Scope 1 emissions 範疇一排放 12,345 tCO2e\nEmployees 員工總數 455,405\n" * 3
    doc = read_document(write(tmp_path, "le.txt", text.encode("utf-16-le")))
    assert doc.text == read_document(write(tmp_path, "u8.txt", text.encode("utf-8"))).text


def test_hkscs_characters_survive(tmp_path: Path) -> None:
    decoded = detect_encoding(HKSCS.encode("big5hkscs"))
    assert decoded.text == HKSCS
    assert decoded.encoding == "big5hkscs"


def test_simplified_gb18030_reads_as_simplified(tmp_path: Path) -> None:
    expected = read_document(write(tmp_path, "hans8.txt", HANS.encode("utf-8"))).text
    for encoding in ("gb18030", "gbk", "gb2312"):
        doc = read_document(write(tmp_path, f"{encoding}.txt", HANS.encode(encoding)))
        assert doc.text == expected
        assert "员工总数" in doc.text


@pytest.mark.parametrize("text", ["報告", "環境保護", "董事會", "員工總數 455,405 人"])
def test_short_traditional_is_not_mistaken_for_gb18030(text: str) -> None:
    assert detect_encoding(text.encode("big5")).text == text


@pytest.mark.parametrize("text", ["报告", "环境保护", "董事会", "员工总数 455,405 人"])
def test_short_simplified_is_not_mistaken_for_big5(text: str) -> None:
    assert detect_encoding(text.encode("gb18030")).text == text


def test_markdown_and_html_share_the_detection(tmp_path: Path) -> None:
    md = read_document(write(tmp_path, "r.md", ("# 標題\n\n" + HANT).encode("big5hkscs")))
    assert "中國移動堅持包容創新" in md.text
    page = f"<html><head><meta charset='big5'></head><body><p>{HKSCS}</p></body></html>"
    doc = read_document(write(tmp_path, "r.html", page.encode("big5hkscs")))
    assert "大興邨啲居民" in doc.text
    assert doc.warnings == []  # NOTE: "big5" is read with the HKSCS superset, so the label fits


def test_html_with_a_wrong_charset_label_warns_and_still_reads(tmp_path: Path) -> None:
    page = f"<html><head><meta charset='utf-8'></head><body><p>{HANT}</p></body></html>"
    doc = read_document(write(tmp_path, "wrong.html", page.encode("big5")))
    assert "擁抱變化" in doc.text
    assert any("utf-8" in warning and "big5hkscs" in warning for warning in doc.warnings)


def test_one_stray_byte_is_replaced_with_a_warning(tmp_path: Path) -> None:
    data = (HANT * 20).encode("utf-8") + b"\xff" + HANT.encode("utf-8")
    doc = read_document(write(tmp_path, "stray.txt", data))
    assert doc.text.count("\ufffd") == 1
    assert len(doc.warnings) == 1 and "1 undecodable" in doc.warnings[0]


def test_undecodable_and_binary_data_are_refused() -> None:
    with pytest.raises(InputError, match="cannot detect the text encoding") as info:
        detect_encoding(b"report text " + b"\x80\xff" * 300)
    assert info.value.message == ENCODING_ERROR
    with pytest.raises(InputError) as binary:
        detect_encoding(bytes(range(256)) * 40)
    assert binary.value.message == BINARY_ERROR
