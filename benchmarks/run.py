"""`make bench`: where duixian's time goes, from one report to 3,000 (issue 5).

    python -m benchmarks.run [--quick] [--scale 50,250,500,1500] [--no-dask] [--sections ...]

Sections (all by default, in this order):
  corpus   per stage on the shipped reports, in this process: read by format, extract, the regex
           floor beside them, validate (GX start-up apart), match + judge, render;
  startup  `duixian extract` start-up (median of 5) and the import cost of Prefect and GX;
  flow     `duixian run` on data/raw in a subprocess: fresh PREFECT_HOME, cold cache, then warm
           cache; wall time split into start-up, Prefect and the stages (Prefect's share);
  scale    N generated regions × 2 years (benchmarks.generate), the full `duixian run` per N with
           the default task runner and with Dask on 2 workers (and 1 worker at the largest N);
           wall, reports/s, peak RSS of the process tree, a line fitted to time vs reports.
Prints markdown tables and writes them with the machine to benchmarks/results.md (--quick:
benchmarks/results-quick.md), followed by benchmarks/findings.md (hand-written before/after notes).
Scratch files live in a temporary folder (its path is printed; removed unless --keep).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import flowrun, machine, proc
from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
FULL_SCALE = (50, 250, 500, 1500)
QUICK_SCALE = (5, 20)
SECTIONS = ("corpus", "startup", "flow", "scale")


# --- output --------------------------------------------------------------------------------------


class Report:
    """Markdown blocks, printed as they come and kept for the results file."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path, self.header, self.blocks = path, header, []

    def add(self, *lines: str) -> None:
        text = "\n".join(lines)
        print(text + "\n", flush=True)
        self.blocks.append(text)
        self.write()

    def write(self) -> None:
        findings = HERE / "findings.md"
        tail = [findings.read_text(encoding="utf-8")] if findings.is_file() else []
        body = "\n\n".join([*self.header, *self.blocks, *tail]) + "\n"
        self.path.write_text(body, encoding="utf-8")


def table(head: list[str], rows: list[list[object]]) -> str:
    cells = [[_fmt(c) for c in row] for row in rows]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "-"
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def ms(seconds: float) -> float:
    return seconds * 1e3


# --- sections ------------------------------------------------------------------------------------


def section_corpus(report: Report, repeat: int) -> dict:
    from benchmarks.stages import FLOOR_PATTERN, measure_corpus

    stages, _ = measure_corpus(ROOT, repeat)
    formats = stages.by_format()
    rows = [
        [
            fmt,
            f["reports"],
            f["kb"],
            f["read_ms"],
            f["extract_ms"],
            f["total_ms"],
            f["floor_ms"],
            f["ratio_total"],
            f["ratio_extract"],
            f["reports_per_s"],
        ]
        for fmt, f in formats.items()
    ]
    report.add(
        "## 1. Per stage on the shipped corpus (in process, no Prefect)",
        f"{stages.notes['reports']} files (data/raw/*/* and tests/fixtures/hunan-2025.pdf), median of {repeat} "
        f"runs per file; {stages.notes['records']} records from data/raw. The floor is one plain pass over the "
        "same text: read the bytes, decode, `re.findall` number+unit (for .docx/.pdf: over the normalised text "
        "saved as UTF-8, so their ratio shows the price of the container).",
        table(
            [
                "format",
                "files",
                "KiB/file",
                "read ms",
                "extract ms",
                "read+extract ms",
                "floor ms",
                "× floor (read+extract)",
                "× floor (extract only)",
                "reports/s (1 core)",
            ],
            rows,
        ),
        f"Floor pattern: `{FLOOR_PATTERN.pattern}`",
    )
    report.add(
        "Downstream stages on the data/raw records (seconds, median):",
        table(["stage", "seconds"], [[name, secs] for name, secs in stages.stages.items()]),
        f"scorecard rows {stages.notes.get('scorecard rows')}, quarantined rows {stages.notes.get('quarantined')}, "
        f"pages {stages.notes.get('pages')}.",
    )
    return {"stages": stages.stages, "formats": formats}


def _median_run(argv: list[str], times: int, env: dict | None = None) -> tuple[float, int]:
    walls, code = [], 0
    for _ in range(times):
        result = proc.run(argv, env=env, cwd=ROOT)
        walls.append(result.wall)
        code = result.returncode or 0
    return statistics.median(walls), code


def section_startup(report: Report, times: int) -> None:
    py = sys.executable
    duixian = str(Path(py).with_name("duixian"))
    sample = "data/raw/national/2024.txt"
    rows = []
    wall, _ = _median_run([py, "-c", "pass"], times)
    rows.append(["python -c pass", wall, "interpreter alone"])
    wall, code = _median_run([duixian, "extract", sample], times)
    rows.append([f"duixian extract {sample}", wall, f"exit {code}; target ≤ 2 s"])
    check = (
        f"import sys; from duixian.cli import main; main(['extract', '--format', 'jsonl', {sample!r}]); "
        "print(','.join(m for m in ('prefect', 'great_expectations', 'pandas', 'numpy', 'dask') "
        "if m in sys.modules) or 'none', file=sys.stderr)"
    )
    heavy = (
        subprocess.run([py, "-c", check], cwd=ROOT, capture_output=True, text=True)
        .stderr.strip()
        .splitlines()
    )
    for module in ("prefect", "great_expectations", "pandas"):
        code_line = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        inner = []
        for _ in range(max(times // 2, 1)):
            out = subprocess.run(
                [py, "-c", code_line],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
            )
            try:
                inner.append(float(out.stdout.strip().splitlines()[-1]))
            except (ValueError, IndexError):
                inner.append(float("nan"))
        rows.append([f"import {module}", statistics.median(inner), "in a fresh interpreter, import only"])
    report.add(
        "## 3. Start-up",
        f"Subprocess wall time, median of {times}.",
        table(["command", "seconds", "note"], rows),
        f"Heavy modules loaded by `duixian extract`: {heavy[-1] if heavy else '?'}.",
    )


def _phase_rows(runs: list[flowrun.FlowRun]) -> list[list[object]]:
    names = [
        "python + imports",
        "prefect import",
        "prefect before flow",
        "flow body",
        "prefect after flow",
        "exit",
    ]
    rows = [["wall (process)", *[r.result.wall for r in runs]]]
    rows += [[name, *[r.phases().get(name, float("nan")) for r in runs]] for name in names]
    stage_names = list(dict.fromkeys(s for r in runs for s in r.stages()))
    for stage in stage_names:
        rows.append([f"  {stage} (wall / in tasks)", *[_pair(r.stages().get(stage)) for r in runs]])
    for step in flowrun.STEPS:
        rows.append([f"    {step} (in tasks)", *[r.steps()[step] if r.stages() else float("nan") for r in runs]])
    for key in ("in body", "around body", "exit", "total"):
        rows.append([f"Prefect {key}", *[r.prefect_share().get(key, float("nan")) for r in runs]])
    rows.append(["peak RSS tree MB", *[r.result.peak_tree_mb for r in runs]])
    rows.append(["peak PSS tree MB", *[r.result.peak_pss_mb for r in runs]])
    rows.append(["exit status", *[r.result.returncode for r in runs]])
    return rows


def _pair(value: tuple[float, float] | None) -> str:
    return "-" if value is None else f"{value[0]:.2f} / {value[1]:.2f}"


def section_flow(report: Report, work: Path, home: Path, quick: bool, corpus: dict | None) -> None:
    # a copy of data/raw (and the overrides beside it), so one report can be edited for the last run
    data = work / "flow-data"
    raw = data / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    if (ROOT / "data" / "overrides.csv").is_file():
        shutil.copy2(ROOT / "data" / "overrides.csv", data / "overrides.csv")
    # (label, fresh site and cache?, edit one report first?)
    plan = [("fresh PREFECT_HOME, cold", True, False)]
    if not quick:
        plan.append(("cold (existing PREFECT_HOME)", True, False))
    plan += [("nothing changed", False, False), ("one report changed", False, True)]
    runs = []
    for label, fresh, edit in plan:
        site, cache = work / "flow-site", work / "flow-cache"
        if fresh:
            flowrun.clean(site, cache)
        if edit:
            changed = sorted(raw.glob("*/*.txt"))[-1]
            changed.write_bytes(changed.read_bytes() + b"\n")
        run = flowrun.run_flow(
            label,
            raw,
            site / "site",
            cache,
            home,
            work / f"flow-{len(runs)}.log",
            cwd=ROOT,
        )
        runs.append(run)
        _check(run)
    lines = [
        "## 2. `duixian run` on data/raw (subprocess, default task runner)",
        "Seconds. Phases: python + imports (spawn → duixian.cli imported), prefect import (Prefect, the "
        "flow and Great Expectations imported while the temporary API server boots, until it answers), "
        "prefect before flow (flow run created), flow body, prefect after flow, exit (atexit). "
        "Per stage: wall in the flow / time inside the task function. Prefect in body = body − time in "
        "task functions; around body = import + before + after. Runs in order on a copy of data/raw: "
        "cold = new site folder and extraction cache; nothing changed = the same again (duixian answers "
        "from the site's stamps without starting Prefect); one report changed = one .txt edited, the "
        "others from the extraction cache.",
        table(["", *[r.label for r in runs]], _phase_rows(runs)),
    ]
    if corpus:
        stages = corpus["stages"]
        pure = sum(
            stages.get(k, 0.0)
            for k in (
                "validate commitments + Data Docs",
                "match + judge (build_scorecard)",
                "validate scorecard",
                "render (render_site)",
                "tables (data_files)",
            )
        )
        reads = sum(f["total_ms"] * f["reports"] for fmt, f in corpus["formats"].items()) / 1e3
        body = runs[0].phases().get("flow body", float("nan"))
        lines.append(
            f"In-process estimate (section 1): read + extract of every file {reads:.2f} s (incl. the PDF fixture), "
            f"validate + score + render {pure:.2f} s (warm; + GX cold start "
            f"{stages.get('validate cold (GX import + context + first table)', 0):.1f} s once per process) "
            f"against a cold flow body of {body:.1f} s and a process wall of {runs[0].result.wall:.1f} s."
        )
    report.add(*lines)


def _check(run: flowrun.FlowRun) -> None:
    if not run.result.ok or not run.summary:
        tail = run.result.log.read_text(encoding="utf-8", errors="replace")[-2000:] if run.result.log else ""
        print(f"!! {run.label}: exit {run.result.returncode}; log {run.result.log}\n{tail}", file=sys.stderr)


def fit_line(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares time = a + b·n: (a, b, r²)."""
    if len(points) < 2:
        return float("nan"), float("nan"), float("nan")
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else float("nan")
    a = my - b * mx
    ss = sum((y - my) ** 2 for y in ys)
    r2 = 1 - sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True)) / ss if ss else float("nan")
    return a, b, r2


def linearity(points: list[tuple[int, float]]) -> str:
    """Does the cost per report grow with N? Slope of the last step of N against the slope below it.

    Small N is dominated by fixed start-up, so the per-report cost is read from slopes, not from
    time/N; "linear" when the last step costs at most 1.35× the slope fitted to the points below.
    """
    if len(points) < 3:
        return "too few points to judge linearity"
    (x1, y1), (x2, y2) = points[-2], points[-1]
    last = (y2 - y1) / (x2 - x1) if x2 > x1 else float("nan")
    below = fit_line(points[:-1])[1]
    ratio = last / below if below > 0 else float("nan")
    verdict = "linear" if ratio <= 1.35 else "super-linear" if ratio == ratio else "unclear"
    return (
        f"slope up to {x1} reports {ms(below):.0f} ms/report, from {x1} to {x2} {ms(last):.0f} ms/report "
        f"(ratio {ratio:.2f}: {verdict})"
    )


SCALE_STAGES = ("read and judge", "render", "publish")


def section_scale(
    report: Report,
    work: Path,
    home: Path,
    sizes: list[int],
    dask: bool,
    dask1: bool,
    timeout: float,
    keep: bool,
    templates: Path = ROOT / "data" / "raw",
) -> None:
    runners = [("default", 0)] + ([("dask", 2)] if dask else [])
    head = [
        "N regions",
        "reports",
        "runner",
        "wall s",
        "reports/s",
        "ms/report",
        "peak RSS tree MB",
        "peak PSS tree MB",
        "largest proc MB",
        "start-up+Prefect s",
        *[f"{s} s" for s in SCALE_STAGES],
        *[f"{s} in tasks s" for s in flowrun.STEPS],
        "exit",
    ]
    rows: list[list[object]] = []
    points: dict[str, list[tuple[int, float]]] = {}
    seen: set[tuple[int, str]] = set()
    largest: dict[str, list[float]] = {}  # every run's wall at the largest N
    report.add(
        "## 4. Scale: N generated regions × 2 years, full `duixian run` (subprocess, cold cache)",
        "Running; rows appear below as each run finishes.",
    )
    placeholder = len(report.blocks) - 1
    for n in sizes:
        raw = work / f"scale-{n}" / "raw"
        flowrun.clean(raw.parent)
        started = time.perf_counter()
        generate(raw, n, templates)
        gen_s = time.perf_counter() - started
        plan = list(runners)
        if dask and dask1 and n == max(sizes):
            # the 2-vs-1-worker pair three times, interleaved: on a shared machine interference only
            # slows a run (the same run varied 74-102 s), so the ratio is taken from the best run of
            # each, and from the medians
            plan += [("dask", 1), ("dask", 2), ("dask", 1), ("dask", 2), ("dask", 1)]
        for runner, workers in plan:
            label = runner if runner == "default" else f"dask×{workers}"
            out, cache = raw.parent / f"site-{label}" / "site", raw.parent / f"cache-{label}"
            run = flowrun.run_flow(
                f"N={n} {label}",
                raw,
                out,
                cache,
                home,
                work / f"scale-{n}-{label}.log",
                task_runner=runner,
                workers=workers or 2,
                timeout=timeout,
                cwd=ROOT,
                )
            _check(run)
            reports = 2 * n
            wall = run.result.wall
            stages = run.stages()
            share = run.prefect_share()
            overhead = (
                share.get("around body", float("nan"))
                + share.get("exit", 0.0)
                + run.phases().get("python + imports", 0.0)
            )
            rows.append(
                [
                    n,
                    reports,
                    label,
                    wall,
                    reports / wall,
                    ms(wall / reports),
                    run.result.peak_tree_mb,
                    run.result.peak_pss_mb,
                    run.result.peak_single_mb,
                    overhead,
                    *[stages.get(s, (float("nan"), 0))[0] for s in SCALE_STAGES],
                    *run.steps().values(),
                    run.result.returncode if run.result.returncode is not None else "timeout",
                ]
            )
            if run.result.ok:
                if (reports, label) not in seen:  # fits use the first run of each runner at each N
                    points.setdefault(label, []).append((reports, wall))
                seen.add((reports, label))
                if n == max(sizes):
                    largest.setdefault(label, []).append(wall)
            report.blocks[placeholder] = "\n".join(
                [
                    "## 4. Scale: N generated regions × 2 years, full `duixian run` (subprocess, cold cache)",
                    f"Generated from the shipped .txt reports (benchmarks/generate.py; {gen_s:.1f} s for N={n}). "
                    "Wall = process spawn to exit; peak RSS and PSS polled every 0.1 s over the process tree (Prefect's "
                    "server and Dask's workers included; PSS divides a page shared by forked workers among them, "
                    "RSS counts it in each); stage columns are wall seconds inside the flow ('read and judge' is "
                    "extract, validate and score done per part of the regions, steps/parts.py: one part with the "
                    "default runner, two per worker with Dask); 'in tasks' columns are the seconds inside the "
                    "task functions, added over the parts (with Dask, over both workers: more than the wall).",
                    table(head, rows),
                ]
            )
            report.write()
            print(table(head, rows[-1:]).splitlines()[-1] if len(rows) > 1 else table(head, rows), flush=True)
            if not keep:
                flowrun.clean(out.parent, cache)
        if not keep:
            flowrun.clean(raw)
    lines = []
    for label, pts in points.items():
        if len(pts) < 2:
            lines.append(f"- {label}: one point ({pts[0][0]} reports, {pts[0][1]:.1f} s)")
            continue
        a, b, r2 = fit_line(pts)
        lines.append(
            f"- {label}: time ≈ {a:.1f} s + {ms(b):.1f} ms × reports (r² {r2:.3f}); {linearity(pts)}"
        )
    lines += _worker_ratio(largest, max(sizes) * 2)
    report.add("Fit of wall time against reports:", *lines)


def _worker_ratio(largest: dict[str, list[float]], reports: int) -> list[str]:
    """The line comparing Dask on 2 workers with 1 at the largest N (best run of each)."""
    d1, d2 = largest.get("dask×1", []), largest.get("dask×2", [])
    if not (d1 and d2):
        return []
    runs = ", ".join(f"{a:.1f} s / {b:.1f} s" for a, b in zip(d1, d2, strict=False))
    return [f"- Dask 2 workers vs 1 at {reports} reports: {min(d1) / min(d2):.2f}× from the best run of each, "
            f"{statistics.median(d1) / statistics.median(d2):.2f}× from the medians "
            f"(runs, 1 worker / 2 workers: {runs}; target ≥ 1.6×)"]


# --- main ----------------------------------------------------------------------------------------


def templates_at(revision: str, work: Path) -> Path:
    """The .txt reports under data/raw at git `revision`, written to work/templates-<revision>: the
    scale corpora of an earlier results.md, to compare today's code on the same workload."""
    import subprocess

    folder = work / f"templates-{revision}"
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", revision, "data/raw"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    for name in (n for n in names if n.endswith(".txt")):
        target = folder / Path(name).relative_to("data/raw")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(subprocess.run(["git", "show", f"{revision}:{name}"], cwd=ROOT, check=True,
                                          capture_output=True).stdout)
    return folder


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"small N {QUICK_SCALE}, fewer repeats")
    parser.add_argument("--scale", help="comma-separated N (regions; 2 reports each), e.g. 50,250,500,1500")
    parser.add_argument("--no-dask", action="store_true", help="scale with the default task runner only")
    parser.add_argument("--no-dask1", action="store_true", help="skip Dask with 1 worker at the largest N")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"subset of {','.join(SECTIONS)}")
    parser.add_argument(
        "--output",
        type=Path,
        help="results file (default benchmarks/results.md, benchmarks/results-quick.md with --quick)",
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per scale run (default 3600)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (generated data, sites)")
    parser.add_argument("--templates-at", metavar="REV",
                        help="generate the scale corpora from the .txt reports data/raw held at git revision REV "
                             "(e.g. eda76c6, the 27 Nov workload of results.md) instead of today's")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        print(f"unknown section(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    sizes = (
        [int(x) for x in args.scale.split(",")]
        if args.scale
        else list(QUICK_SCALE if args.quick else FULL_SCALE)
    )
    output = args.output or HERE / ("results-quick.md" if args.quick else "results.md")
    info = machine.describe()
    header = [
        "# duixian benchmarks"
        + (" (--quick)" if args.quick else ""),
        f"`{' '.join(['python -m benchmarks.run', *(argv if argv is not None else sys.argv[1:])])}` — generated by "
        "benchmarks/run.py; the notes at the end are benchmarks/findings.md.",
        table(["machine", ""], [[k, v] for k, v in info.items() if k != "interpreter"]),
        "The machine is shared (2 cores, other work running): the load average is part of every figure.",
    ]
    report = Report(output, header)
    work = Path(tempfile.mkdtemp(prefix="duixian-bench-"))
    home = work / "prefect-home"
    print(f"scratch folder: {work}\n", flush=True)
    started = time.perf_counter()
    try:
        corpus = section_corpus(report, 2 if args.quick else 5) if "corpus" in sections else None
        if "flow" in sections:
            section_flow(report, work, home, args.quick, corpus)
        if "startup" in sections:
            section_startup(report, 3 if args.quick else 5)
        if "scale" in sections and sizes:
            section_scale(
                report,
                work,
                home,
                sizes,
                not args.no_dask,
                not (args.no_dask1 or args.quick),
                args.timeout,
                args.keep,
                templates_at(args.templates_at, work) if args.templates_at else ROOT / "data" / "raw",
            )
    finally:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        report.add(f"Benchmark took {time.perf_counter() - started:.0f} s; load average at the end: {load}.")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"results written to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
