"""Two dozen small generated reports (Markdown, text, DOCX, PDF) and one corrupt PDF, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

PARAS = [
    "The Group's Scope 1 greenhouse gas emissions were 1,234 tCO2e in 2024 and 1,300 tCO2e in 2023.",
    "本集團2024年的溫室氣體排放總量為5,678噸二氧化碳當量。",
    "Total hazardous waste produced was 12.5 tonnes; non-hazardous waste was 340 tonnes.",
    "We provided 12,000 training hours to 850 employees, 45% of whom were female.",
    "The board oversees climate-related risks through its ESG committee, which meets quarterly.",
    "供應商管理：我們按地區劃分的供應商數目為香港120家、中國內地340家。",
]


def _text(i: int) -> str:
    body = "\n\n".join(PARAS[(i + k) % len(PARAS)] for k in range(1 + i % len(PARAS)))
    return f"# Report {i}\n\n## Environmental\n\n{body}\n"


def _docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para.lstrip("# "))
    document.save(str(path))


def _pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for para in text.split("\n\n"):
        if para.isascii():
            c.drawString(50, y, para.lstrip("# ")[:100])
            y -= 20
    c.showPage()
    c.save()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(23):
        text = _text(i)
        kind = i % 4
        if kind == 0:
            (folder / f"r{i:02d}.md").write_text(text, encoding="utf-8")
        elif kind == 1:
            (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
        elif kind == 2:
            _docx(folder / f"r{i:02d}.docx", text)
        else:
            _pdf(folder / f"r{i:02d}.pdf", text)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf at all")
    return folder


@pytest.fixture(scope="session")
def rules(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A snapshot of rules/: packs edited while the tests run must not change the verdicts between two runs."""
    import shutil

    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rules", target)
    return str(target)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(tmp_path / "cache"))
