"""Encodings: UTF-16 without a byte-order mark is read; Japanese, Korean and Western legacy text is refused by name."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.ingest.encoding import detect_encoding

HANT = (
    "本集團於二零二四年持續推進節能減排，範疇一及範疇二溫室氣體排放總量較上年下降百分之八。\n"
    "董事會全面負責本集團環境、社會及管治策略。\n"
)
HANS = "本集团二零二四年持续推进节能减排，温室气体排放强度较上年下降百分之八。\n"
JA = (
    "当社は、温室効果ガスの排出量を削減するため、再生可能エネルギーの導入を進めています。"
    "取締役会は気候関連のリスクを監督しています。\n"
)
KO = (
    "당사는 온실가스 배출량을 줄이기 위해 재생 에너지 도입을 추진하고 있습니다. 이사회는 기후 관련 위험을 감독합니다.\n"
)
LATIN = "Our café in Zürich reduced émissions by 5% — naïve coöperation, façade renovation.\n"

READ = [
    ("utf-16-le Traditional", HANT.encode("utf-16-le"), "utf-16-le", HANT),
    ("utf-16-be Simplified", HANS.encode("utf-16-be"), "utf-16-be", HANS),
    ("utf-16-le English", b"S\x00c\x00o\x00p\x00e\x00 \x001\x00\n\x00", "utf-16-le", "Scope 1\n"),
    ("big5", HANT.encode("big5hkscs"), "big5hkscs", HANT),
    ("gb18030", HANS.encode("gb18030"), "gb18030", HANS),
]
REFUSED = [
    ("shift-jis", JA.encode("shift_jis"), "Japanese (Shift-JIS)"),
    ("euc-jp", JA.encode("euc_jp"), "Japanese (EUC-JP)"),
    ("euc-kr", KO.encode("euc_kr"), "Korean (EUC-KR)"),
    ("windows-1252", LATIN.encode("cp1252"), "Western legacy encoding"),
]


@pytest.mark.parametrize(("case", "data", "encoding", "text"), READ, ids=[r[0] for r in READ])
def test_text_is_read_in_its_encoding(case: str, data: bytes, encoding: str, text: str) -> None:
    decoded = detect_encoding(data)
    assert (decoded.encoding, decoded.text) == (encoding, text)


@pytest.mark.parametrize(("case", "data", "named"), REFUSED, ids=[r[0] for r in REFUSED])
def test_other_legacy_encodings_are_refused_by_name(case: str, data: bytes, named: str) -> None:
    with pytest.raises(InputError) as info:
        detect_encoding(data)
    assert named in info.value.message and "save it as UTF-8" in info.value.message
