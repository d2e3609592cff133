"""Response tables (checker.structure.response_tables): answers beside restated requirements are the disclosure."""

from __future__ import annotations

import pytest

from checker.structure.response_tables import echo_cell_spans, is_answer, is_response_table

RESPONSE_EN = (
    "recommendation | our response\n"
    "a) describe the board's oversight of climate-related risks and opportunities. | our board reviews climate risks "
    "twice a year through its risk committee.\n"
    "b) describe management's role in assessing and managing climate-related risks. | our chief risk officer chairs "
    "the climate working group, which reports to the board each quarter."
)
# NOTE: folded text is Simplified; a correspondence table points to chapters instead of answering.
POINTER_ZH = (
    "面向 | 指引 | 对应章节\n"
    "治理 | 董事会应核定气候风险管理政策并监督其执行。 | 2. 气候治理\n"
    "策略 | 银行应采用情境分析评估气候风险对其业务之影响。 | 5.1 情境分析"
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("本行董事会每季听取永续发展委员会报告气候风险管理执行情形。", True),
        ("we score each climate risk on likelihood and impact on a five-point scale in our annual review.", True),
        ("2. 气候治理 4.1 气候风险管理三道防线", False),  # a chapter's name: a pointer
        ("p. 12-15", False),
        ("see page 8", False),  # short: a pointer however it is worded
    ],
)
def test_an_answer_says_something(cell: str, expected: bool) -> None:
    assert is_answer(cell) is expected


def test_answers_beside_restated_requirements_make_a_response_table() -> None:
    assert is_response_table(RESPONSE_EN)
    assert not is_response_table(POINTER_ZH)


def test_only_the_restated_cells_are_masked() -> None:
    spans = echo_cell_spans(RESPONSE_EN)
    masked = [RESPONSE_EN[a:b] for a, b in spans]
    assert [m[:12] for m in masked] == ["a) describe ", "b) describe "]
    assert all("our" not in m for m in masked)
