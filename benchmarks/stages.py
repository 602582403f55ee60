"""Per-stage timings on the shipped corpus, in this process: read, extract, validate, match, render, and the floor.

Each stage calls the project's public functions exactly as the flow does, on the shipped reports
(data/raw/*/* and the PDF fixture), so the figures are the pure cost without Prefect. Small stages
are repeated and the median kept; the first (cold) call of a stage is reported apart when it pays a
one-off cost (Great Expectations' import and context, Jinja's template compilation).
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The floor: figures with a unit, as the simplest possible extractor would find them.
FLOOR_PATTERN = re.compile(
    r"\d+(?:\.\d+)?\s?(?:%|％|万亿元|亿元|万元|元|万人|人|万户|户|个|家|所|亩|公里|千米|吨|千瓦|万平方米|平方米|万|亿)"
)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """(median seconds over `repeat` calls, the last result)."""
    times, result = [], None
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def floor_pass(path: Path, encoding: str = "utf-8") -> int:
    """Read bytes, decode, find every number+unit: the cheapest "extraction" there is."""
    return len(FLOOR_PATTERN.findall(path.read_bytes().decode(encoding, errors="replace")))


@dataclass
class FileTiming:
    path: str
    fmt: str
    size: int
    chars: int
    records: int
    read: float  # read_document (parse format + normalise + metadata)
    extract: float  # split_sections + extract_commitments
    floor: float  # floor_pass over the same text (the file itself for .txt, the normalised text otherwise)
    floor_hits: int


@dataclass
class CorpusStages:
    files: list[FileTiming] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)  # name -> seconds
    notes: dict[str, Any] = field(default_factory=dict)

    def by_format(self) -> dict[str, dict[str, float]]:
        """Per format: reports, ms per report for read / extract / floor, ratios to the floor."""
        groups: dict[str, list[FileTiming]] = defaultdict(list)
        for f in self.files:
            groups[f.fmt].append(f)
        out = {}
        for fmt, items in sorted(groups.items()):
            read = sum(f.read for f in items) / len(items)
            extract = sum(f.extract for f in items) / len(items)
            floor = sum(f.floor for f in items) / len(items)
            out[fmt] = {
                "reports": len(items),
                "kb": sum(f.size for f in items) / len(items) / 1024,
                "read_ms": read * 1e3,
                "extract_ms": extract * 1e3,
                "total_ms": (read + extract) * 1e3,
                "floor_ms": floor * 1e3,
                "ratio_total": (read + extract) / floor if floor else float("nan"),
                "ratio_extract": extract / floor if floor else float("nan"),
                "reports_per_s": 1 / (read + extract) if read + extract else float("nan"),
            }
        return out


def corpus_files(root: Path) -> list[Path]:
    """The shipped reports: data/raw/<region>/<year>.<ext> and the PDF fixture."""
    from steps.discover import SUPPORTED_SUFFIXES

    files = sorted(p for p in (root / "data" / "raw").glob("*/*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    pdf = root / "tests" / "fixtures" / "hunan-2025.pdf"
    return files + ([pdf] if pdf.is_file() else [])


def time_files(paths: list[Path], repeat: int, scratch: Path) -> tuple[list[FileTiming], list]:
    """Read and extract each file `repeat` times (median); the floor over the same text."""
    from extractors.commitments import extract_commitments
    from extractors.read import read_document
    from extractors.sections import split_sections

    timings, extracted = [], []
    for path in paths:
        read_s, doc = timed(lambda p=path: read_document(p), repeat)

        def extract(doc=doc):
            doc.sections = split_sections(doc.text, doc.report_year)
            return extract_commitments(doc)

        extract_s, records = timed(extract, repeat)
        if doc.fmt == "txt":
            text_file, encoding = path, doc.encoding or "utf-8"
        else:  # the floor reads the same text the extractor saw, as a plain UTF-8 file
            text_file = scratch / f"{path.parent.name}-{path.stem}-{doc.fmt}.txt"
            text_file.write_text(doc.text, encoding="utf-8")
            encoding = "utf-8"
        floor_s, hits = timed(lambda f=text_file, e=encoding: floor_pass(f, _codec(e)), max(repeat, 5))
        timings.append(
            FileTiming(
                str(path),
                doc.fmt,
                path.stat().st_size,
                len(doc.text),
                len(records),
                read_s,
                extract_s,
                floor_s,
                hits,
            )
        )
        extracted.append((path, doc, records))
    return timings, extracted


def _codec(label: str) -> str:
    try:
        "".encode(label)
        return label
    except LookupError:
        return "utf-8"


def measure_corpus(root: Path, repeat: int = 5) -> tuple[CorpusStages, dict[str, Any]]:
    """All in-process stage timings on the shipped corpus; also returns the objects for reuse."""
    out = CorpusStages()
    with tempfile.TemporaryDirectory(prefix="duixian-bench-") as tmp:
        scratch = Path(tmp)
        started = time.perf_counter()
        import extractors.pipeline  # noqa: F401 - the extractors' import cost, for the record

        out.stages["import extractors"] = time.perf_counter() - started
        out.files, extracted = time_files(corpus_files(root), repeat, scratch)
        # the flow's inputs: data/raw only (the PDF fixture duplicates hunan 2025)
        run_items = [(p, d, r) for p, d, r in extracted if "fixtures" not in p.parts]
        docs = [d for _, d, _ in run_items]
        records = [rec for _, _, recs in run_items for rec in recs]
        out.stages["read (all)"] = sum(f.read for f in out.files)
        out.stages["extract (all)"] = sum(f.extract for f in out.files)
        out.stages["floor (all)"] = sum(f.floor for f in out.files)
        out.notes["reports"] = len(out.files)
        out.notes["records"] = len(records)
        rows = _measure_downstream(out, docs, records, repeat, scratch)
    return out, {"docs": docs, "records": records, "rows": rows}


def _measure_downstream(out: CorpusStages, docs: list, records: list, repeat: int, scratch: Path) -> list:
    import pandas as pd

    from scoring.compare import build_scorecard

    started = time.perf_counter()
    from expectations.validate import validate_table

    out.stages["import expectations.validate"] = time.perf_counter() - started
    frame = pd.DataFrame([r.to_dict() for r in records])
    started = time.perf_counter()
    validate_table("commitments", frame)  # first call: GX import, context, metric registration
    out.stages["validate cold (GX import + context + first table)"] = time.perf_counter() - started
    out.stages["validate commitments"], outcome = timed(lambda: validate_table("commitments", frame), repeat)
    docs_dir = scratch / "validation"
    out.stages["validate commitments + Data Docs"], _ = timed(
        lambda: validate_table("commitments", frame, docs_dir), max(repeat // 2, 1)
    )
    kept = [records[i] for i in outcome.good.index]
    out.notes["quarantined"] = int(outcome.stats.get("quarantined_rows", 0))

    out.stages["match + judge (build_scorecard)"], result = timed(lambda: build_scorecard(docs, kept), repeat)
    rows = list(result.rows)
    out.notes["scorecard rows"] = len(rows)
    score_frame = pd.DataFrame([r.to_dict() for r in rows])
    out.stages["validate scorecard"], _ = timed(lambda: validate_table("scorecard", score_frame), repeat)

    from reports.render import render_site
    from reports.tables import data_files
    from steps.site import site_meta

    meta = site_meta(docs, "validation", "bench")
    problems = list(result.problems)
    started = time.perf_counter()
    pages = render_site(rows, kept, problems, [], meta)
    out.stages["render cold (templates compiled)"] = time.perf_counter() - started
    out.stages["render (render_site)"], pages = timed(
        lambda: render_site(rows, kept, problems, [], meta), repeat
    )
    out.stages["tables (data_files)"], _ = timed(lambda: data_files(rows, kept, problems, []), repeat)
    out.notes["pages"] = len(pages)
    return rows
