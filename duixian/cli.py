"""The `duixian` command: extract, run, serve, add.

`extract` is the fast path (no Prefect, no Great Expectations, no pandas): it imports only the
extractors. `run` and `serve` import Prefect lazily, after setting the environment that keeps it quiet.
Errors about inputs are one line on stderr naming the file; exit status 0 ok, 1 some input failed,
2 nothing done (bad usage, nothing produced).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

DEFAULT_RAW = "data/raw"
DEFAULT_OUT = "reports/site"
TABLE_COLUMNS = ("region", "year", "kind", "period", "indicator", "value", "canonical", "clause")
_QUALIFIER = {"approx": "~", "min": "≥", "max": "≤", "exact": ""}


# --- extract -------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut `text` to `width` display columns (CJK counts 2), marking the cut with …."""
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        if used + _width(ch) > width - 1:
            break
        out.append(ch)
        used += _width(ch)
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _value_cell(rec) -> str:
    """The value as a reader says it: `~5.5%`, `≥30台`, `5–5.5%`, `(qualitative)`; 预计 as `est.`."""
    if rec.comparator == "qualitative":
        return "(qualitative)"
    unit = rec.unit or ""
    if rec.comparator == "range":
        text = f"{_num(rec.value)}–{_num(rec.value_high)}{unit}"
    else:
        text = f"{_QUALIFIER.get(rec.comparator, '')}{_num(rec.value)}{unit}"
    if rec.stretch is not None:
        text += f" (力争{_num(rec.stretch)})"
    return text + (" est." if rec.estimated else "")


def _table_rows(records) -> list[list[str]]:
    return [
        [r.region, str(r.report_year), r.kind, str(r.period_year), r.indicator or "", _value_cell(r),
         r.canonical or "", " ".join((r.clause or "").split())]
        for r in records
    ]


def format_table(records, width: int | None) -> str:
    """Aligned columns (CJK-aware); the clause is cut to the terminal width when `width` is given."""
    rows = _table_rows(records)
    widths = [max([_width(h)] + [_width(row[i]) for row in rows]) for i, h in enumerate(TABLE_COLUMNS)]
    widths[4] = min(widths[4], 24)
    lines = []
    for row in [list(TABLE_COLUMNS), *rows]:
        cells = [_pad(_fit(cell, w), w) for cell, w in zip(row[:-1], widths[:-1], strict=True)]
        head = "  ".join(cells) + "  "
        clause = row[-1] if width is None else _fit(row[-1], max(width - _width(head), 20))
        lines.append((head + clause).rstrip())
    return "\n".join(lines)


def _err(message: str) -> None:
    print(f"duixian: {' '.join(str(message).split())}", file=sys.stderr)


def _save_text(folder: Path, doc) -> None:
    from duixian.atomic import write_atomic

    write_atomic(folder / doc.region / f"{doc.report_year}.txt", doc.text.encode("utf-8"))


def _about_file(path: str, message: str) -> str:
    """`<path>: <message>` with the path once, however the reader spelled it."""
    from extractors.read import source_name

    for name in (source_name(path), str(path), Path(path).as_posix()):
        message = message.removeprefix(f"{name}: ")
    return f"{path}: {message}"


def _name_region(doc, records, given: str | None) -> None:
    """Without --region, a folder that is not a known region (`fixtures/`) gives way to the region the
    text names (regions.detect); with neither, the folder name stays."""
    from regions.registry import load_registry

    if given or doc.region in load_registry():
        return
    from regions.detect import detect

    found = detect(doc.text)
    if found.region is not None:
        doc.region = found.region.slug
        for rec in records:
            rec.region = found.region.slug


def _region_columns(slug: str) -> dict:
    """The keys added after the record's own: region_name (株洲市天元区) and region_level (county)."""
    from regions.registry import region_info

    info = region_info(slug)
    return {"region_name": info["region_name"], "region_level": info["region_level"]}


def cmd_extract(args: argparse.Namespace) -> int:
    from extractors.pipeline import extract_file
    from extractors.records import ReadError

    failed, collected = 0, []
    for path in args.paths:
        if not Path(path).is_file():
            _err(f"{path}: {'is a folder' if Path(path).is_dir() else 'no such file'}")
            failed += 1
            continue
        try:
            doc, records = extract_file(path, region=args.region, year=args.year)
            _name_region(doc, records, args.region)
        except ReadError as error:
            _err(_about_file(path, str(error)))
            failed += 1
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not hide the others
            _err(f"{path}: extractor failed: {type(error).__name__}: {error}")
            failed += 1
            continue
        if args.save_text:
            _save_text(Path(args.save_text), doc)
        if args.format == "jsonl":
            named = _region_columns(doc.region)
            for rec in records:
                sys.stdout.write(json.dumps({**rec.to_dict(), **named}, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            collected.extend(records)
    if args.format == "csv":
        from reports.tables import COMMITMENT_COLUMNS, REGION_COLUMNS, csv_bytes

        sys.stdout.flush()
        rows = ({**r.to_dict(), **_region_columns(r.region)} for r in collected)
        sys.stdout.buffer.write(csv_bytes(rows, (*COMMITMENT_COLUMNS, *REGION_COLUMNS)))
        sys.stdout.buffer.flush()
    elif args.format == "table" and collected:
        width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else None
        print(format_table(collected, width))
    return 1 if failed else 0


# --- run -----------------------------------------------------------------------------------------


def _print_summary(summary: dict) -> None:
    """The short end-of-run report: counts, statuses, problems (first few), where the site is."""
    if summary["produced"]:
        print(f"reports read  {summary['reports_read']} of {summary['reports_found']}"
              f" ({summary['from_cache']} unchanged, from cache)")
        print(f"records       {summary['records']} ({summary['quarantined']} quarantined by validation)")
        judged = " · ".join(f"{status} {count}" for status, count in summary["targets"].items())
        print(f"targets       {sum(summary['targets'].values())}: {judged}")
    problems = summary["problems"]
    if problems:
        where = f" (see {summary['out']}/problems.html)" if summary["produced"] else ""
        print(f"problems      {len(problems)}{where}")
        for problem in problems[:10]:
            print(f"  {problem['file']}: {problem['reason']} → {problem['action']}")
        if len(problems) > 10:
            print(f"  … {len(problems) - 10} more")
    if summary.get("unchanged"):
        print("unchanged     inputs, overrides and code are those the site was built from; "
              "nothing redone (--force rebuilds)")
    if summary["produced"]:
        print(f"site          {summary['out']}  ({summary['elapsed']:.1f} s)")
    else:
        why = "no report could be read" if summary["reports_found"] else f"no reports found under {summary['raw']}"
        print(f"nothing produced: {why}; {summary['out']} was left as it was")


def cmd_run(args: argparse.Namespace) -> int:
    from flows import runner

    runner.configure_environment(verbose=args.verbose)
    try:
        with runner.progress_display(enabled=not args.verbose):
            summary = runner.run(raw=args.raw, out=args.out, task_runner=args.task_runner,
                                 dask_address=args.dask_address, cache_dir=args.cache_dir,
                                 dask_workers=args.dask_workers, force=args.force)
    except runner.RunError as error:
        _err(str(error))
        return 2
    except KeyboardInterrupt:
        _err("interrupted; the previous site was left as it was")
        return 130
    except Exception as error:  # noqa: BLE001 - a crash is one line; --verbose shows the traceback
        if args.verbose:
            raise
        _err(f"run failed: {type(error).__name__}: {error} (the previous site was left as it was; "
             "rerun with --verbose for details)")
        return 2
    _print_summary(summary)
    return summary["exit_code"]


# --- serve, add ----------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    from flows import runner

    runner.configure_environment(verbose=True)
    from flows import serve

    try:
        serve.serve(cron=args.cron, timezone=args.timezone, raw=args.raw, out=args.out)
    except serve.ServeError as error:
        _err(str(error))
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


ADD_COLUMNS = ("file", "region", "year", "action", "reason / evidence")


def format_add_table(rows, width: int | None) -> str:
    """One line per file: file, region (slug 名称 level), year, action, then why (or the evidence)."""
    cells = []
    for row in rows:
        region = f"{row.region} {row.region_name} ({row.level})" if row.region else "?"
        why = row.reason if row.action != "added" and row.action != "would_add" else "; ".join(row.evidence)
        cells.append([row.file, region, str(row.year or "?"), row.action, " ".join(why.split())])
    widths = [min(max([_width(h)] + [_width(c[i]) for c in cells]), 48) for i, h in enumerate(ADD_COLUMNS[:-1])]
    lines = []
    for cell in [list(ADD_COLUMNS), *cells]:
        head = "  ".join(_pad(_fit(c, w), w) for c, w in zip(cell[:-1], widths, strict=True)) + "  "
        tail = cell[-1] if width is None else _fit(cell[-1], max(width - _width(head), 30))
        lines.append((head + tail).rstrip())
    return "\n".join(lines)


def cmd_add(args: argparse.Namespace) -> int:
    from duixian.add import AddError, add_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        _err(f"{path}: no such file or folder")
    try:
        rows = add_paths([p for p in args.paths if Path(p).exists()], raw_dir=Path(args.raw), region=args.region,
                         year=args.year, replace=args.replace, dry_run=args.dry_run, source=args.source)
    except AddError as error:
        _err(str(error))
        return 2
    except OSError as error:
        _err(f"cannot copy into {args.raw} ({error.strerror}); check its permissions")
        return 1
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
    else:
        width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else None
        if rows:
            print(format_add_table(rows, width))
        done = sum(r.action in ("added", "would_add") for r in rows)
        verb = "would be added (dry run: nothing copied)" if args.dry_run else "added"
        where = "" if args.dry_run or not done else f"; provenance in {Path(args.raw) / 'provenance.csv'}"
        print(f"{done} of {len(rows)} files {verb}{where}")
    return 1 if missing or any(not r.ok for r in rows) else 0


# --- parser --------------------------------------------------------------------------------------


def _version() -> str:
    from duixian.version import code_version

    return f"duixian {code_version()}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duixian", description="Targets vs results in 政府工作报告, with evidence.")
    parser.add_argument("--version", action="store_true", help="print the version and code hash")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ext = sub.add_parser("extract", help="print the targets and results of report files (fast, no Prefect)")
    ext.add_argument("paths", nargs="+", metavar="PATH")
    ext.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    ext.add_argument("--save-text", metavar="DIR", help="also write the normalised text to DIR/<region>/<year>.txt")
    ext.add_argument("--region", metavar="SLUG",
                     help="the region of every file (default: its folder if that is a known region, else the "
                          "region its text names)")
    ext.add_argument("--year", type=int, metavar="YYYY", help="the report year, for a text that gives none")
    ext.set_defaults(func=cmd_extract)

    run = sub.add_parser("run", help="the annual job: read data/raw, judge, write the site (Prefect flow)")
    run.add_argument("--raw", default=DEFAULT_RAW, help=f"folder of <region>/<year>.<ext> (default {DEFAULT_RAW})")
    run.add_argument("--out", default=DEFAULT_OUT, help=f"site folder, replaced as a whole (default {DEFAULT_OUT})")
    run.add_argument("--task-runner", choices=("default", "dask"), default="default")
    run.add_argument("--dask-address", metavar="ADDR", help="an existing Dask scheduler, e.g. tcp://host:8786")
    run.add_argument("--dask-workers", type=int, default=2, help="workers of the local Dask cluster (default 2)")
    run.add_argument("--cache-dir", default=os.environ.get("DUIXIAN_CACHE_DIR"),
                     help="extraction cache (default: .duixian-cache beside --out, or $DUIXIAN_CACHE_DIR)")
    run.add_argument("--verbose", action="store_true", help="show Prefect's logs and tracebacks")
    run.add_argument("--force", action="store_true",
                     help="rebuild even when the site was built from exactly these inputs and this code")
    run.set_defaults(func=cmd_run)

    srv = sub.add_parser("serve", help="serve the annual run on a schedule from a Prefect server")
    srv.add_argument("--cron", default="0 6 1 4 *",
                     help='cron schedule (default "0 6 1 4 *": 06:00 on 1 April, after the NPC session in March)')
    srv.add_argument("--timezone", default="Asia/Shanghai",
                     help="IANA time zone of the cron schedule (default Asia/Shanghai)")
    srv.add_argument("--raw", default=DEFAULT_RAW,
                     help=f"folder of <region>/<year>.<ext> reports each scheduled run reads (default {DEFAULT_RAW})")
    srv.add_argument("--out", default=DEFAULT_OUT,
                     help=f"site folder each scheduled run writes (default {DEFAULT_OUT})")
    srv.set_defaults(func=cmd_serve)

    add = sub.add_parser("add", help="recognise reports (files, folders) and file them as data/raw/<region>/<year>.<ext>",
                         description="Reads each report, detects its region and year from its own words, and "
                                     "copies it byte for byte to <raw>/<region>/<year>.<ext> with a provenance "
                                     "row. A file whose region or year is unclear is not added: its row says why.")
    add.add_argument("paths", nargs="+", metavar="PATH", help="report files, or folders searched recursively")
    add.add_argument("--region", metavar="SLUG",
                     help="the region, when the text leaves it open (a slug of regions/data/regions.csv)")
    add.add_argument("--year", type=int, metavar="YYYY", help="the report year, when the text leaves it open")
    add.add_argument("--replace", action="store_true", help="swap an existing file for that region and year")
    add.add_argument("--dry-run", action="store_true", help="show what would be added; copy nothing")
    add.add_argument("--format", choices=("table", "jsonl"), default="table",
                     help="table (default) or one JSON object per file: file, region, region_name, level, "
                          "code, year, action (added|would_add|duplicate|refused), reason, evidence")
    add.add_argument("--source", metavar="TEXT", help="where the files came from, for provenance.csv")
    add.add_argument("--raw", default=DEFAULT_RAW, help=f"the raw folder (default {DEFAULT_RAW})")
    add.set_defaults(func=cmd_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(_version())
        return 0
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `duixian extract … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
