"""Hand-run timing for the quantity scanner: ``.venv/bin/python benchmarks/quantities_timing.py``.

Not a test: timings depend on the machine. Target: scan_folded < 150 ms per MB of folded report text.
"""

from __future__ import annotations

import time

from checker.ingest.normalize import fold
from checker.ingest.quantities import scan_folded

SAMPLE = (
    "In FY2024 the Group employed 455,405 persons (2023: 431,002), of whom 51.93% were women. "
    "Scope 1 and 2 emissions were 12,345 tCO2e, down 5.2% from 2022–2024 average; energy use 1.2 GWh. "
    "本集團於2024年共有員工455,405人，女性佔51.93%。溫室氣體排放總量為12,345噸二氧化碳當量，"
    "用水量為5.6萬立方米，培訓時數合計3,068小時，社區投資11,716萬元。根據ISO 14001:2015及KPI A1.2的要求，"
    "本集团全年耗电量为3,200万千瓦时，无害废弃物1.2万吨，详见第21页。"
    "The company invested HK$3.5 million in community programmes during the reporting period, "
    "and recorded 0 fatalities and 12 lost days due to work injury as at 31 December 2024. "
)
# Narrative pages: a number every few hundred characters, as in most of a report outside the KPI tables.
PROSE = (
    "The Board oversees the Group's environmental, social and governance strategy and reviews material "
    "topics annually with management and external stakeholders. During the year we strengthened supplier "
    "engagement, introduced a new climate risk assessment aligned with the TCFD recommendations, and "
    "expanded community programmes across 12 cities. "
    "董事會負責監督本集團的環境、社會及管治策略，並每年與管理層及外部持份者檢討重要議題。"
    "年內，我們加強了供應商參與，按照氣候相關財務信息披露工作組的建議推出新的氣候風險評估，"
    "並將社區項目擴展至12個城市，員工培訓總時數為3,068小時。"
)


def _time(label: str, sample: str) -> None:
    text = sample * (1_000_000 // len(sample.encode("utf-8")) + 1)
    folded = fold(text).text
    mb = len(folded.encode("utf-8")) / 1e6
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        hits = scan_folded(folded)
        best = min(best, time.perf_counter() - t0)
    print(
        f"{label}: {mb:.2f} MB, {len(folded)} chars, {len(hits)} hits: "
        f"{best * 1000:.0f} ms ({best * 1000 / mb:.0f} ms/MB)"
    )


def main() -> None:
    """Fold ~1 MB of mixed English/Chinese text of two densities and time the scanner on each."""
    _time("KPI-dense", SAMPLE)
    _time("narrative", PROSE)


if __name__ == "__main__":
    main()
