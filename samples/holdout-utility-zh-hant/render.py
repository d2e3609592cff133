"""Re-render this held-out case's draft.pdf from draft.md with samples/build.py's renderer.

    .venv/bin/python samples/holdout-utility-zh-hant/render.py

samples/build.py has no CASES entry for this folder, so `python samples/build.py` (all cases) would fall back to
Helvetica and lose the Chinese text. Use this script (or add the same CaseStyle to build.CASES) instead.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import build  # noqa: E402

STYLE = build.CaseStyle("翠灣能源控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁")

if __name__ == "__main__":
    build.render_pdf(build.split_pages((HERE / "draft.md").read_text(encoding="utf-8")), STYLE, HERE / "draft.pdf")
    print(HERE / "draft.pdf")
