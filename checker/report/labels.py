"""Every word a human reads in the workbook and the other writers, in English, Traditional and Simplified Chinese.

Sheet names follow ``--lang`` too: gapcheck finds its own sheets by the role stored in each sheet's code name
(``workbook_state``), which Excel keeps across renames, so a workbook written in one language is recognised when
re-audited in another; the English names below remain the fallback for workbooks written before roles existed.
Headers and status words are translated; :func:`field_for_header` and :func:`code_for_word` read them back in
*any* language, so carry-over and ``gapcheck diff`` work across languages. The words of the rules themselves
(titles, element names, hints) live beside the rules, in ``rules/*/i18n/`` (see ``i18n_catalog``).
"""

from __future__ import annotations

from functools import cache

LANGS = ("en", "zh-Hant", "zh-Hans")
DEFAULT_LANG = "en"

# English sheet names: the fallback by which workbooks without sheet roles are recognised (see the docstring).
SHEET_SUMMARY = "Summary"
SHEET_MATRIX = "Gap Matrix"
SHEET_EVIDENCE = "Evidence"
SHEET_INDEX = "Content Index"
SHEET_RUN = "Run Info"
SHEET_CARRIED = "Carried Over"
SHEET_INDEX_FINDINGS = "Index Findings"

# Run Info holds this value; a workbook without it is not ours and is never overwritten or merged.
WORKBOOK_MARKER = "gapcheck-workbook/1"
KEY_HEADER = "key"  # the hidden last column of the matrix: "standard|id", never translated

_HEADERS: dict[str, tuple[str, str, str]] = {
    "standard": ("Standard", "準則", "准则"),
    "id": ("ID", "編號", "编号"),
    "part": ("Part", "部分", "部分"),
    "aspect": ("Aspect", "層面", "层面"),
    "requirement": ("Requirement", "披露要求", "披露要求"),
    "obligation": ("Obligation", "責任類別", "责任类别"),
    "status": ("Status", "狀態", "状态"),
    "confidence": ("Confidence", "可信度", "可信度"),
    "elements_met": ("Elements met", "已披露要素", "已披露要素"),
    "elements_missing": ("Elements missing", "缺漏要素", "缺漏要素"),
    "evidence": ("Evidence", "證據摘錄", "证据摘录"),
    "pages": ("Pages", "頁碼", "页码"),
    "remarks": ("Remarks", "備註", "备注"),
    "reviewer_status": ("Reviewer status", "審閱狀態", "审阅状态"),
    "reviewer_note": ("Reviewer note", "審閱意見", "审阅意见"),
    "element": ("Element", "要素", "要素"),
    "page": ("Page", "頁", "页"),
    "snippet": ("Snippet", "摘錄", "摘录"),
    "terms": ("Matched terms", "匹配詞語", "匹配词语"),
    "quantities": ("Quantities", "數量", "数量"),
    "description": ("Description", "描述", "描述"),
    "location": ("Page(s) / Explanation", "頁碼／解釋", "页码／解释"),
    "previous_status": ("Status when last reviewed", "上次審閱時狀態", "上次审阅时状态"),
    "carried_from": ("Reviewed in run of", "審閱所屬運行時間", "审阅所属运行时间"),
    "field": ("Field", "項目", "项目"),
    "value": ("Value", "內容", "内容"),
    "count": ("Count", "數目", "数目"),
    "applicable": ("Applicable", "適用", "适用"),
    "done": ("Covered / explained / waived", "已涵蓋／已解釋／已豁免", "已涵盖／已解释／已豁免"),
    "coverage": ("Coverage", "覆蓋率", "覆盖率"),
    "document": ("Document", "文件", "文件"),
    "reviewer": ("Reviewer", "審閱人", "审阅人"),
    "review_date": ("Review date", "審閱日期", "审阅日期"),
    "review_check": ("Review check", "審閱核對", "审阅核对"),
    "reviewed_verdict": ("Verdict when reviewed", "審閱時的判定", "审阅时的判定"),
    "index_check": ("Index check", "索引核對", "索引核对"),
    "index_kind": ("Index finding", "索引問題類別", "索引问题类别"),
    "index_cited": ("Cited in index", "索引所引", "索引所引"),
    "index_detail": ("Index finding detail", "索引問題說明", "索引问题说明"),
}

_STATUS: dict[str, tuple[str, str, str]] = {
    "covered": ("Covered", "已涵蓋", "已涵盖"),
    "partial": ("Partial", "部分涵蓋", "部分涵盖"),
    "missing": ("Missing", "缺漏", "缺漏"),
    "explained": ("Explained", "已解釋", "已解释"),
    "not_applicable": ("Not applicable", "不適用", "不适用"),
    "waived": ("Waived", "已豁免", "已豁免"),
    "manual": ("Manual review", "需人工審閱", "需人工审阅"),
    "error": ("Error", "錯誤", "错误"),
}

_OBLIGATION: dict[str, tuple[str, str, str]] = {
    "mandatory": ("Mandatory", "強制披露", "强制披露"),
    "comply_or_explain": ("Comply or explain", "不遵守就解釋", "不遵守就解释"),
    "recommended": ("Recommended", "建議披露", "建议披露"),
    "voluntary": ("Voluntary", "自願披露", "自愿披露"),
}

# The reviewer's drop-down. Codes are stored nowhere visible; the words are read back in any language.
_REVIEWER: dict[str, tuple[str, str, str]] = {
    "agree": ("Agree", "同意", "同意"),
    "disagree_covered": ("Disagree - covered", "不同意 - 已涵蓋", "不同意 - 已涵盖"),
    "disagree_partial": ("Disagree - partial", "不同意 - 部分涵蓋", "不同意 - 部分涵盖"),
    "disagree_missing": ("Disagree - missing", "不同意 - 缺漏", "不同意 - 缺漏"),
    "explained": ("Explained", "已解釋", "已解释"),
    "not_applicable": ("Not applicable", "不適用", "不适用"),
    "follow_up": ("Follow up", "待跟進", "待跟进"),
    "accepted": ("Accepted", "已接受", "已接受"),
}

_TEXT: dict[str, tuple[str, str, str]] = {
    "index_explained": ("Explained", "已解釋", "已解释"),
    "index_not_applicable": ("Not applicable", "不適用", "不适用"),
    "index_not_disclosed": ("Not disclosed", "未披露", "未披露"),
    "index_waived": ("Not disclosed (waived)", "未披露（已豁免）", "未披露（已豁免）"),
    "page_prefix": ("p. ", "第", "第"),
    "page_suffix": ("", "頁", "页"),
    "by_status": ("Requirements by status", "按狀態劃分的要求", "按状态划分的要求"),
    "by_part": ("Coverage by part", "按部分劃分的覆蓋率", "按部分划分的覆盖率"),
    "by_aspect": ("Coverage by aspect", "按層面劃分的覆蓋率", "按层面划分的覆盖率"),
    "total": ("Total", "合計", "合计"),
    "gate": ("Gate", "閘門結果", "闸门结果"),
    "passed": ("Passed", "通過", "通过"),
    "failed": ("Failed", "未通過", "未通过"),
    "carried_count": ("Reviewer entries carried over", "沿用的審閱記錄", "沿用的审阅记录"),
    "none": ("(none)", "（無）", "（无）"),
    "stale_count": ("Reviews to redo (verdict changed)", "需重新審閱（判定已變）", "需重新审阅（判定已变）"),
    "stale_review": ("Verdict changed since review:", "審閱後判定已變：", "审阅后判定已变："),
    "page_of": ("Page &P of &N", "第 &P 頁，共 &N 頁", "第 &P 页，共 &N 页"),
    "index_confirmed": ("Confirmed", "已核實", "已核实"),
    "index_found_elsewhere": ("Found elsewhere", "見於他處", "见于他处"),
    "index_not_found": ("Not found", "未找到", "未找到"),
    "index_explained_as": ("Explained in index:", "索引中解釋：", "索引中解释："),
    "index_cites": ("index cites", "索引引述", "索引引述"),
    "index_unlisted": ("Not listed in the index", "索引未列出", "索引未列出"),
    "sheet_index_findings": ("Index findings", "索引問題", "索引问题"),
    "index_overclaim": ("Overclaim", "聲稱但未披露", "声称但未披露"),
    "index_omitted": ("Omitted from index", "索引遺漏", "索引遗漏"),
    "index_page_out_of_range": ("Page out of range", "頁碼超出範圍", "页码超出范围"),
    "index_unknown_section": ("Unknown section", "未知章節", "未知章节"),
    "reviewer_help": (
        "Choose a reviewer status from the list",
        "請從清單選擇審閱狀態",
        "请从清单选择审阅状态",
    ),
}

_RUN: dict[str, tuple[str, str, str]] = {
    "marker": ("Workbook", "工作簿", "工作簿"),
    "schema_version": ("Result schema version", "結果格式版本", "结果格式版本"),
    "tool_version": ("gapcheck version", "gapcheck 版本", "gapcheck 版本"),
    "generated_at": ("Generated at (UTC)", "生成時間（UTC）", "生成时间（UTC）"),
    "input_path": ("Input file", "輸入文件", "输入文件"),
    "input_sha256": ("Input SHA-256", "輸入文件 SHA-256", "输入文件 SHA-256"),
    "input_format": ("Input format", "輸入格式", "输入格式"),
    "input_pages": ("Pages", "頁數", "页数"),
    "standards": ("Standards (edition)", "準則（版本）", "准则（版本）"),
    "fingerprints": ("Rules fingerprints", "規則指紋", "规则指纹"),
    "profile": ("Issuer profile", "發行人資料", "发行人资料"),
    "language": ("Language", "語言", "语言"),
    "gate": ("Gate", "閘門結果", "闸门结果"),
}


# --- i18n (issue 13): sheet names, and the verdict messages of the engine in Chinese -------------------------------

_SHEETS: dict[str, tuple[str, str, str]] = {
    "summary": (SHEET_SUMMARY, "摘要", "摘要"),
    "matrix": (SHEET_MATRIX, "差距矩陣", "差距矩阵"),
    "evidence": (SHEET_EVIDENCE, "證據", "证据"),
    "index": (SHEET_INDEX, "內容索引", "内容索引"),
    "run": (SHEET_RUN, "運行資料", "运行资料"),
    "carried": (SHEET_CARRIED, "沿用記錄", "沿用记录"),
    "index_findings": (SHEET_INDEX_FINDINGS, "索引檢查結果", "索引检查结果"),
}

# Format strings for ``localize``: the English sentences the engine writes (checker/evaluate/engine.py), in words a
# reviewer in Hong Kong or the mainland reads. Placeholders are filled with already-translated element names.
_MESSAGES: dict[str, tuple[str, str, str]] = {
    "covered": (
        "All {n} element(s) disclosed{pages}.",
        "已披露全部 {n} 項要素{pages}。",
        "已披露全部 {n} 项要素{pages}。",
    ),
    "on_pages": (" (pages {pages})", "（第 {pages} 頁）", "（第 {pages} 页）"),
    "explained": (
        "Omission explained on page {page}; not disclosed: {missing}.",
        "第 {page} 頁說明了不披露的原因；未披露：{missing}。",
        "第 {page} 页说明了不披露的原因；未披露：{missing}。",
    ),
    "explained_index": (
        "Omission explained in the content index (page {page}): {text}; not disclosed: {missing}.",
        "內容索引（第 {page} 頁）說明了不披露的原因：{text}；未披露：{missing}。",
        "内容索引（第 {page} 页）说明了不披露的原因：{text}；未披露：{missing}。",
    ),
    "unreadable": (
        "Cannot judge: page(s) {pages} have no text layer (scanned?); not found in the readable pages: {missing}.",
        "無法判斷：第 {pages} 頁沒有文字層（掃描件？）；可讀頁面中未找到：{missing}。",
        "无法判断：第 {pages} 页没有文字层（扫描件？）；可读页面中未找到：{missing}。",
    ),
    "partial": (
        "Missing: {missing}. Found: {met}{pages}.",
        "缺漏：{missing}。已披露：{met}{pages}。",
        "缺漏：{missing}。已披露：{met}{pages}。",
    ),
    "mentioned": (
        "Topic mentioned (e.g. page {page}) but not disclosed: {missing}.",
        "提及相關議題（例如第 {page} 頁），但未披露：{missing}。",
        "提及相关议题（例如第 {page} 页），但未披露：{missing}。",
    ),
    "not_disclosed": ("Not disclosed: {missing}.", "未披露：{missing}。", "未披露：{missing}。"),
    "cover": (
        " Cover page(s) {pages} have no text layer.",
        "封面頁（第 {pages} 頁）沒有文字層。",
        "封面页（第 {pages} 页）没有文字层。",
    ),
    "note": (" Note: {hint}{page}.", "注意：{hint}{page}。", "注意：{hint}{page}。"),
    "note_page": (" (page {page})", "（第 {page} 頁）", "（第 {page} 页）"),
    # NOTE: a claimed relief: the profile is the source, or the draft states it on a page (checker.evaluate.reliefs)
    "relief": (
        "Relief '{name}' claimed in the issuer profile: {reason}{missing}.",
        "發行人資料已援引寬免「{name}」：{reason}{missing}。",
        "发行人资料已援引宽免「{name}」：{reason}{missing}。",
    ),
    "relief_stated": (
        "Relief '{name}' stated in the draft on page {page}: {reason}{missing}.",
        "報告第 {page} 頁說明援引寬免「{name}」：{reason}{missing}。",
        "报告第 {page} 页说明援引宽免「{name}」：{reason}{missing}。",
    ),
    "relief_missing": ("; not disclosed: {missing}", "；未披露：{missing}", "；未披露：{missing}"),
    "applies": (
        "Applies only when {condition} (profile: tier {tier}, FY{year}).",
        "僅在{condition}時適用（發行人資料：類別 {tier}，財政年度 {year}）。",
        "仅在{condition}时适用（发行人资料：类别 {tier}，财政年度 {year}）。",
    ),
    "manual": ("Needs a reviewer: {reason}", "需人工審閱：{reason}", "需人工审阅：{reason}"),
    "list_separator": ("; ", "；", "；"),
    "cond_tier": ("issuer tier is {tiers}", "發行人類別為{tiers}", "发行人类别为{tiers}"),
    "cond_year": ("financial year {op} {year}", "財政年度 {op} {year}", "财政年度 {op} {year}"),
    "cond_relief": ("relief '{name}' is claimed", "已援引寬免「{name}」", "已援引宽免「{name}」"),
    "cond_and": (" and ", "且", "且"),
    "cond_or": (" or ", "或", "或"),
    "cond_not": ("not ", "並非", "并非"),
    "tier_largecap": ("largecap", "大型股發行人", "大型股发行人"),
    "tier_main_board": ("main board", "主板發行人", "主板发行人"),
    "tier_gem": ("gem", "GEM發行人", "GEM发行人"),
}

# Fixed text added with the i18n work, kept in its own block (merged into ``_TEXT`` so ``text()`` finds it).
_TEXT.update(
    {
        "page_count": ("{n} pages", "共 {n} 頁", "共 {n} 页"),
        "term_missing": ("missing: ", "缺漏：", "缺漏："),
        "term_coverage": ("coverage", "覆蓋率", "覆盖率"),
    }
)


def sheet_name(role: str, lang: str) -> str:
    """The title of a generated sheet (``summary``, ``matrix``, ...) in ``lang``."""
    return _pick(_SHEETS, role, lang)


def message(key: str, lang: str) -> str:
    """A verdict-message format string (``covered``, ``partial``, ...) in ``lang``."""
    return _pick(_MESSAGES, key, lang)


# --- end i18n -----------------------------------------------------------------------------------------------------


def _pick(table: dict[str, tuple[str, str, str]], key: str, lang: str) -> str:
    words = table.get(key)
    if words is None:
        return key
    return words[LANGS.index(lang)] if lang in LANGS else words[0]


def header(field: str, lang: str) -> str:
    """The column header of ``field`` in ``lang``."""
    return _pick(_HEADERS, field, lang)


def status_word(status: str, lang: str) -> str:
    """The verdict ``status`` (a ``Status`` value) in words."""
    return _pick(_STATUS, status, lang)


def obligation_word(obligation: str, lang: str) -> str:
    """The obligation level in words."""
    return _pick(_OBLIGATION, obligation, lang)


def reviewer_word(code: str, lang: str) -> str:
    """A reviewer status code in words; unknown codes (free text a reviewer typed) are returned as they are."""
    return _pick(_REVIEWER, code, lang)


def reviewer_choices(lang: str) -> list[str]:
    """The drop-down list of reviewer statuses in ``lang``."""
    return [_pick(_REVIEWER, code, lang) for code in _REVIEWER]


def text(key: str, lang: str) -> str:
    """A piece of fixed text (summary titles, content-index words)."""
    return _pick(_TEXT, key, lang)


def run_label(key: str, lang: str) -> str:
    """A row label of the Run Info sheet."""
    return _pick(_RUN, key, lang)


def pages_text(pages: list[int], lang: str) -> str:
    """Pages as a reviewer writes them: ``p. 3, 7`` or ``第3, 7頁``."""
    if not pages:
        return ""
    return text("page_prefix", lang) + ", ".join(str(p) for p in pages) + text("page_suffix", lang)


@cache
def _reverse(table_name: str) -> dict[str, str]:
    table = {"headers": _HEADERS, "status": _STATUS, "reviewer": _REVIEWER}[table_name]
    reverse: dict[str, str] = {}
    for code, words in table.items():
        reverse[code.casefold()] = code
        for word in words:
            reverse.setdefault(word.casefold(), code)
    return reverse


def field_for_header(word: str) -> str | None:
    """The field whose header (in any language) is ``word``."""
    return _reverse("headers").get(word.strip().casefold())


def status_for_word(word: str) -> str | None:
    """The ``Status`` value written as ``word`` in any language (or as the code itself)."""
    return _reverse("status").get(word.strip().casefold())


def reviewer_code(word: str) -> str:
    """The reviewer status code of ``word`` in any language; free text is kept as written."""
    return _reverse("reviewer").get(word.strip().casefold(), word.strip())
