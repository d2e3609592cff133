"""Decode the bytes of a text-like draft (plain text, Markdown, HTML) into ``str``.

Order: byte-order mark, strict UTF-8, BOM-less UTF-16 (recognised by its NUL bytes), then the two legacy Chinese
encodings. Big5 and GB18030 byte sequences overlap, so a file often decodes *strictly* as both; the winner is the
decoding that yields more of the ~1,600 most common Chinese characters (Simplified and Traditional forms), because the
wrong decoding produces valid but rare characters (mojibake). Big5-HKSCS is tried before plain CP950 because it is a
superset that also covers the Hong Kong characters in HKEX filings.
"""

from __future__ import annotations

import codecs
import itertools
import re
from dataclasses import dataclass

from checker.errors import InputError
from checker.ingest.document import DocumentBuilder

ENCODING_ERROR = "cannot detect the text encoding (tried UTF-8, UTF-16, Big5-HKSCS, GB18030)"
BINARY_ERROR = "unsupported file type: binary data"

# NOTE: the ~1,160 most frequent Simplified characters plus their OpenCC s2t forms (generated once with opencc, kept
# inline so detection needs no dictionary at run time). Mojibake from the wrong legacy codec rarely hits this set.
_COMMON_HAN = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实日"
    "者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体政美相见"
    "被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真"
    "论处走义各入几口认条平系气题活更别打女变四总何电数安少报才结反受目太量再感建务做接必场件计管期市直德"
    "资命山金指许统区保至队形社便空决治展马科司五基书非则听白却界达光放强即像难且权思王象完设式色路记南品"
    "住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑风步改收根干造言联持组每"
    "济车亲极林服快办议往元英士证近失转夫令准布始怎存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花"
    "党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功包片史委乎查轻易"
    "早曾除农找装广显阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房"
    "半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝"
    "奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝"
    "限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药"
    "适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村"
    "哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀"
    "执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座"
    "释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败"
    "屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽"
    "巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻"
    "厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍"
    "凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨"
    "齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜"
    "闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩"
    "盟末乃悲拍丁赵碳董披链這個們來爲國說時會對於過發後裏種經麼學現當沒動還進樣開從實無與長機關點業將兩間"
    "問並應頭體見產話內給門兒東聲員論處義幾認條氣題別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記"
    "類據邊張該規萬覺術領確傳師觀讓識帶導爭運風乾聯組濟車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況"
    "亞請際約覆線斷滿視須寫稱輕農裝廣顯標談喫圖歷醫專費號盡較語僅隨選紅響雖勢參衆構節維劃敵陳態護興驗責營"
    "夠嚴續講終緊黃絕羣項圍織鬥雙紀採舉殺蘇訴細願錢網熱屬臉職樂剛狀獨彈創錯蘭試腦預誰陽繼驚傷藥適衛險陸習"
    "勞財環納歡獲負雲龍樹層衝範異漢簡擔靜積餘檢靈協佔徵揮勝階審堅媽劉讀壓銀買養懷執亂幫歲優鐵稅藝陣腳惡塊"
    "頓島戶評寶釋顧貨歐換聞壞討麗監臨艦魚雜誤灣減編測敗夢溫劍漸貴槍樓縣畫遺祕謝魯慮銷鍾詩趕劇損舊錄葉鄉禮"
    "婦歸飯額順輸搖脫補謂療澤滅筆鮮詞聖擇尋廠煙諾倫奧賣載宮陰園謀榮孫頂鎮練爺館礎寧紙諸訓莊絲戲隱訪軟薩夥"
    "盤擴蓋穩億擁楊齊賽牀虛購揚綠貿畢輪庫跡競棄偉緩潛閃燈針絡純頁傑築鄭貝吳圓殘誠寬擺毀趙鏈"
)

_BOMS = (
    # NOTE: UTF-32 LE first: its BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LEGACY = ("big5hkscs", "cp950", "gb18030")
# NOTE: WHATWG maps these labels to supersets; decoding a "gb2312" page with gb2312 would fail on GBK characters.
_LABEL_ALIASES = {
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# NOTE: a lenient decode is accepted when at most this share of characters had to be replaced: one stray byte in a
# long Big5 report should not make the whole draft unreadable, a wrong guess replaces far more.
_MAX_REPLACED_SHARE = 0.001


@dataclass(frozen=True)
class Decoded:
    """The decoded text, the codec that produced it, and how many undecodable bytes were replaced."""

    text: str
    encoding: str
    replaced: int = 0


def detect_encoding(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``, detecting its encoding.

    Args:
        data: the raw file content.
        declared: an encoding the file itself names (an HTML ``<meta charset>``); tried right after the BOM.

    Returns:
        The decoded text and the codec used.

    Raises:
        InputError: for binary data, or when no supported encoding decodes the bytes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            decoded = _lenient(data[len(bom) :], encoding)
            if decoded.replaced > max(1, len(decoded.text) * _MAX_REPLACED_SHARE):
                raise InputError(ENCODING_ERROR)
            return _checked(decoded)
    codec = normalize_label(declared) if declared else None
    if codec is not None:
        text = _strict(data, codec)
        if text is not None:
            return _checked(Decoded(text, codec))
    # NOTE: UTF-16 before UTF-8: English UTF-16 is valid UTF-8 too (NUL is a valid character), and read as such
    # it is refused as binary.
    by_nuls, maybe = _bomless_utf16(data)
    for utf16 in by_nuls:
        text = _strict(data, utf16)
        if text is not None and _plausible_utf16(text):
            return _checked(Decoded(text, utf16))
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(Decoded(text, "utf-8"))
    for utf16 in maybe:
        text = _strict(data, utf16)
        if text is not None and _plausible_utf16(text):
            return _checked(Decoded(text, utf16))
    if looks_binary(data):
        raise InputError(BINARY_ERROR)
    candidates = [Decoded(text, enc) for enc in _LEGACY if (text := _strict(data, enc)) is not None]
    _refuse_other_scripts(data, candidates)
    if not candidates:
        lenient = [_lenient(data, enc) for enc in ("utf-8", *_LEGACY)]
        candidates = [d for d in lenient if d.replaced <= max(1, len(d.text) * _MAX_REPLACED_SHARE)]
    if not candidates:
        raise InputError(ENCODING_ERROR)
    # NOTE: max() keeps the first of equal scores, so Big5-HKSCS wins ties (a pure-ASCII file never gets here).
    return _checked(max(candidates, key=lambda d: (-d.replaced, common_han_score(d.text))))


def normalize_label(label: str) -> str | None:
    """Map an encoding label from a file (``big5``, ``GB2312``, ``utf8``) to a Python codec, or None if unknown."""
    name = label.strip().strip("\"'").lower()
    name = _LABEL_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def common_han_score(text: str) -> int:
    """How many characters of ``text`` are among the most common Chinese characters (either script)."""
    return sum(1 for ch in text if ch in _COMMON_HAN)


def looks_binary(data: bytes) -> bool:
    """True when the bytes hold NULs or many control characters, i.e. are not text in any supported encoding."""
    sample = data[:65536]
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return sample.count(0) > len(sample) // 1000 or controls > len(sample) // 100


def _checked(decoded: Decoded) -> Decoded:
    """Refuse decoded text that is mostly control characters: valid UTF-8/UTF-16 can still be binary data."""
    sample = decoded.text[:65536]
    if len(_CONTROL_CHARS.findall(sample)) > len(sample) // 100:
        raise InputError(BINARY_ERROR)
    return decoded


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _lenient(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    return Decoded(text, encoding, text.count("\ufffd"))


def _bomless_utf16(data: bytes) -> tuple[list[str], list[str]]:
    """UTF-16 codecs worth trying on BOM-less ``data``, as (decided by NUL bytes, merely possible).

    ASCII characters put a NUL in every other byte, which decides the byte order. Chinese text has few NULs, so
    any even-length file may be UTF-16; those are tried only after UTF-8, and a strict decode and
    ``_plausible_utf16`` decide.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return [], []
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= max(1, half // 5) and even <= odd // 10:
        return ["utf-16-le"], []
    if even >= max(1, half // 5) and odd <= even // 10:
        return ["utf-16-be"], []
    return [], (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])


def _plausible_utf16(text: str) -> bool:
    """Whether decoded UTF-16 reads as a report: printable text, and Chinese that uses common characters.

    Arbitrary bytes decode as UTF-16 to characters scattered over the whole plane; a real text is almost all
    ASCII, CJK and punctuation, and at least a fifth of its CJK ideographs are among the most common ones.
    """
    sample = text[:20000]
    if not sample:
        return False
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    usual = sum(
        1
        for ch in sample
        if (" " <= ch <= "~")
        or ch in "\n\r\t\f"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u30ff"
        or "\uff00" <= ch <= "\uffef"
        or "\u00a0" <= ch <= "\u024f"
        or "\u2000" <= ch <= "\u206f"
    )
    if usual < 0.97 * len(sample):
        return False
    return han == 0 or common_han_score(sample) >= 0.2 * han


# Non-Chinese legacy encodings recognised only to be refused: (codec, what it is, characters that betray it).
_OTHER_SCRIPTS = (
    ("cp932", "Japanese (Shift-JIS)", ("\u3040", "\u30ff")),
    ("euc_jp", "Japanese (EUC-JP)", ("\u3040", "\u30ff")),
    ("cp949", "Korean (EUC-KR)", ("\uac00", "\ud7a3")),
)


def _refuse_other_scripts(data: bytes, chinese: list[Decoded]) -> None:
    """Refuse Japanese, Korean and Western legacy encodings instead of reading them as Chinese mojibake.

    Raises:
        InputError: naming the encoding found and how to fix the file.
    """
    best_chinese = max((common_han_score(d.text) for d in chinese), default=0)
    for codec, name, (low, high) in _OTHER_SCRIPTS:
        text = _strict(data, codec)
        if text is None:
            continue
        own = sum(1 for ch in text if low <= ch <= high)
        if own and own + common_han_score(text) > best_chinese:
            raise InputError(f"the text is in {name}, which gapcheck does not read; save it as UTF-8")
    head = data[:65536]
    non_ascii = sum(1 for byte in head if byte >= 0x80)
    latin = _strict(head, "cp1252")
    if latin is None or not non_ascii or best_chinese * 6 >= non_ascii:
        return
    # NOTE: Western text has isolated accented letters and typographic punctuation between ASCII letters; Chinese
    # and binary data come as runs of high bytes.
    runs = sum(1 for a, b in itertools.pairwise(head) if a >= 0x80 and b >= 0x80)
    letters = sum(1 for ch in latin if "\u00c0" <= ch <= "\u024f" or "\u2013" <= ch <= "\u201e")
    if runs * 5 < non_ascii and letters * 10 >= non_ascii * 9:
        raise InputError("the text is in a Western legacy encoding (Windows-1252 / Latin-1); save it as UTF-8")


def decode_text_input(data: bytes, builder: DocumentBuilder) -> str:
    """Decode a text-like file for a reader: detect the encoding, warn about replaced bytes, use LF line ends."""
    decoded = detect_encoding(data)
    if decoded.replaced:
        builder.warn(f"{decoded.replaced} undecodable byte sequence(s) replaced (read as {decoded.encoding})")
    return decoded.text.replace("\r\n", "\n").replace("\r", "\n")


# NOTE: no report paragraph is this long; a longer line is a generated or hostile file, and the Markdown parser's
# tokens for it would take gigabytes (a 50 MB one-line file needed 3.7 GB).
MAX_LINE_CHARS = 65_536


def split_overlong_lines(text: str, builder: DocumentBuilder, limit: int = MAX_LINE_CHARS) -> str:
    """Cut lines longer than ``limit`` characters into paragraphs (at a space where one is near), with a warning."""
    if len(text) <= limit or all(len(line) <= limit for line in text.split("\n")):
        return text
    out: list[str] = []
    cut = 0
    for line in text.split("\n"):
        while len(line) > limit:
            space = line.rfind(" ", limit // 2, limit)
            end = space if space > 0 else limit
            out.append(line[:end])
            out.append("")  # NOTE: a blank line: each piece becomes its own paragraph
            line = line[end:].lstrip(" ")
            cut += 1
        out.append(line)
    builder.warn(f"{cut} cut(s) made in lines longer than {limit:,} characters; each piece is read as a paragraph")
    return "\n".join(out)
