"""Time validate_table: `python -m benchmarks.validation [ROWS ...]` or `... --generated N [N ...]`.

ROWS: synthetic commitments tables of that many rows (few distinct values: GX's fixed cost).
--generated N: the commitments and scorecard tables of N generated regions × 2 years
(benchmarks/generate.py from data/raw, extracted and scored as `duixian run` does; N=1500 is the
3,000-report scale: ~240,000 commitments, ~70,000 scorecard rows). Prints the one-off cost (GX
import and context), and per table the time and the peak memory it added, with and without Data
Docs. The figures in expectations/validate.py's docstring come from here (fresh process each).
"""

from __future__ import annotations

import resource
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


def generated(regions: int) -> dict[str, pd.DataFrame]:
    """The commitments and scorecard tables of `regions` generated regions × 2 years."""
    from benchmarks.generate import generate
    from extractors.pipeline import extract_files
    from scoring.compare import build_scorecard

    with tempfile.TemporaryDirectory() as tmp:
        docs, records = extract_files(generate(Path(tmp), regions))
    rows = build_scorecard(docs, records).rows
    return {
        "commitments": pd.DataFrame([dict(vars(r)) for r in records]),
        "scorecard": pd.DataFrame([dict(vars(r)) for r in rows]),
    }


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time(name: str, df: pd.DataFrame) -> None:
    from expectations.validate import validate_table

    for docs in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            peak, t, cpu = _peak_mb(), time.perf_counter(), time.process_time()
            out = validate_table(name, df, Path(tmp) if docs else None)
            print(
                f"{name:>11} {len(df):>7} rows, docs={docs!s:5}: {time.perf_counter() - t:6.2f} s wall, "
                f"{time.process_time() - cpu:6.2f} s CPU, peak +{_peak_mb() - peak:4.0f} MB "
                f"({out.stats['quarantined_rows']} quarantined)"
            )


def main(sizes: list[int], regions: list[int]) -> None:
    started = time.perf_counter()
    from expectations import runtime
    from expectations.validate import validate_table

    runtime.context(None)
    print(f"import + context: {time.perf_counter() - started:.2f} s")
    validate_table("commitments", synthetic(20))  # warm-up: GX registers metrics on first use
    for rows in sizes:
        _time("commitments", synthetic(rows))
    for n in regions:
        for name, df in generated(n).items():
            _time(name, df)


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--generated" in args:
        at = args.index("--generated")
        main([int(a) for a in args[:at]], [int(a) for a in args[at + 1 :]])
    else:
        main([int(a) for a in args] or [100, 100_000], [])
