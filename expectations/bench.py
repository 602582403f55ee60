"""Time validate_table on synthetic commitments tables: `python -m expectations.bench [ROWS ...]`.

Prints the one-off cost (GX import and context) and the per-table time for each size, with and
without Data Docs. The figures in expectations/validate.py's docstring come from here.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from extractors.records import Commitment


def synthetic(rows: int) -> pd.DataFrame:
    """`rows` plausible records: per report one GDP target, one GDP result and task-level targets."""
    records = []
    for i in range(rows):
        report, slot = divmod(i, 10)
        year = 2000 + report % 25
        kind = "result" if slot == 1 else "target"
        gdp = slot < 2
        value = 5.0 + slot / 10 if gdp else 100.0 + slot
        unit = "%" if gdp else "个"
        clause = f"国内生产总值增长{value:g}%左右" if gdp else f"新增学位{value:g}个"
        records.append(
            Commitment(
                source=f"data/raw/r{report // 25}/{year}.txt",
                region=f"r{report // 25}",
                report_year=year,
                kind=kind,
                period_year=year - (kind == "result"),
                indicator="国内生产总值" if gdp else "新增学位",
                canonical="gdp" if gdp else None,
                verb="增长" if gdp else "新增",
                value=value,
                value_high=None,
                stretch=None,
                unit=unit,
                comparator="approx" if gdp else "exact",
                estimated=False,
                section=None,
                clause=clause,
                start=0,
                end=len(clause),
                headline=gdp,
            ).to_dict()
        )
    return pd.DataFrame(records)


def main(sizes: list[int]) -> None:
    started = time.perf_counter()
    from expectations import runtime
    from expectations.validate import validate_table

    runtime.context(None)
    print(f"import + context: {time.perf_counter() - started:.2f} s")
    validate_table("commitments", synthetic(20))  # warm-up: GX registers metrics on first use
    for rows in sizes:
        df = synthetic(rows)
        for docs in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                t, cpu = time.perf_counter(), time.process_time()
                out = validate_table("commitments", df, Path(tmp) if docs else None)
                print(
                    f"{rows:>7} rows, docs={docs!s:5}: {time.perf_counter() - t:6.2f} s wall, "
                    f"{time.process_time() - cpu:6.2f} s CPU ({out.stats['quarantined_rows']} quarantined)"
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 100_000])
