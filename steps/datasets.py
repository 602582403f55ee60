"""The ledger in the formats analysts open in their own tools, written into the site build:
data/panel.csv (UTF-8 with BOM), data/panel.parquet and data/duixian.sqlite (with a Datasette
metadata file beside it).

Runs once in the flow process after the region tables are joined (steps.site.site_files): the
panel needs every part's rows (a parent region may sit in another part), and the SQLite tables are
read back from the joined CSVs, so the three formats hold the same content as the CSVs for any
task runner. The rows are reports.panel's; this module only writes files.
"""

from __future__ import annotations

import csv
import itertools
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

PANEL_CSV = "data/panel.csv"
PANEL_PARQUET = "data/panel.parquet"
SQLITE = "data/duixian.sqlite"
METADATA = "data/datasette.json"
# table in the database → its CSV in the site (read back, so both hold the same rows)
CSV_TABLES = {"records": "data/commitments.csv", "scorecard": "data/scorecard.csv",
              "panel": PANEL_CSV, "problems": "data/problems.csv"}
TEXT_COLUMNS = ("region", "region_code", "region_parent", "reference_region", "indicator", "canonical", "unit",
                "target_unit", "actual_unit", "reference_unit", "file")  # never read as numbers (000000)
INDEXES = {"records": [["region", "report_year"], ["canonical"]],
           "scorecard": [["region", "period_year"], ["canonical"], ["status"]],
           "panel": [["region", "year"], ["indicator"], ["status"], ["region_level"]],
           "reports": [["region", "year"]]}
PANEL_TYPES = {**dict.fromkeys(("year", "target_start", "target_end", "result_start", "result_end"), int),
               **dict.fromkeys(("target_value", "target_value_high", "actual_value", "gap", "reference_value",
                                "reference_value_high"), float)}  # the panel's number columns; the rest text
FACETS = {"scorecard": ["status", "region_level", "canonical"],
          "panel": ["status", "region_level", "indicator", "vs_reference"],
          "records": ["kind", "region_level", "canonical"]}


def datasets(parts: Sequence, docs: Sequence, raw: str | Path, build, meta=None, problem_count: int = 0) -> None:
    """The panel from the parts' rows (steps.site.PartPages.panel, in region order) with the level
    above's targets, as CSV and Parquet; the SQLite database of every table; and, given the site's
    stamps (`meta`), the comparison pages and data.html (reports.compare)."""
    from reports.panel import with_references
    from steps.processes import give_back_memory

    panel = with_references([row for part in parts for row in part.panel])
    write_panel(panel, build)
    give_back_memory()  # the Parquet file's frame, in pyarrow's pool: not kept under the SQLite and the pages
    write_sqlite(docs, raw, build)
    if meta is not None:
        from reports.compare import render

        years = {doc.report_year for doc in docs if doc.report_year} | {row["year"] for row in panel}
        for relative, page in render(panel, sorted(years), meta, problem_count):
            build.write(relative, page)


def panel_frame(rows: Sequence[dict]):
    """The panel as a DataFrame with fixed dtypes (nullable integers, floats, strings)."""
    import pandas as pd

    from reports.panel import COLUMNS

    frame = pd.DataFrame(list(rows), columns=list(COLUMNS))
    for column, kind in PANEL_TYPES.items():
        frame[column] = frame[column].astype("Int64" if kind is int else "float64")
    return frame


def write_panel(rows: Sequence[dict], build) -> None:
    """data/panel.csv and data/panel.parquet from the panel's rows (reports.panel.with_references)."""
    from reports.panel import COLUMNS
    from reports.tables import write_csv

    with build.open_text(PANEL_CSV) as stream:
        write_csv(stream, rows, COLUMNS)
    panel_frame(rows).to_parquet(Path(build.path) / PANEL_PARQUET, engine="pyarrow", index=False)


def read_provenance(raw: str | Path) -> dict[str, dict]:
    """raw/provenance.csv by sha256 (the file's rows say where each report came from)."""
    path = Path(raw) / "provenance.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["sha256"]: row for row in csv.DictReader(fh) if row.get("sha256")}


def report_rows(docs: Sequence, raw: str | Path) -> list[dict]:
    """One row per report read: file, region, year, format, sha256 and its provenance (if listed)."""
    provenance = read_provenance(raw)
    out = []
    for doc in docs:
        origin = provenance.get(doc.sha256, {})
        out.append({"source": doc.source, "region": doc.region, "year": doc.report_year, "format": doc.fmt,
                    "sha256": doc.sha256, "published_by": origin.get("source"),
                    "delivered": origin.get("delivered"), "obtained": origin.get("obtained"),
                    "licence": origin.get("licence"), "added_by": origin.get("added_by")})
    return sorted(out, key=lambda r: r["source"])


def region_rows(slugs: set[str]) -> list[dict]:
    """Every region of the registry, and any slug of the data the registry lacks (name = slug)."""
    from regions.registry import load_registry

    registry = load_registry()
    rows = [{"slug": r.slug, "name": r.name, "full_name": registry.full_name(r), "level": r.level,
             "subtype": r.subtype, "parent": r.parent or None, "code": r.code or None} for r in registry.regions]
    rows += [{"slug": s, "name": s, "full_name": s, "level": None, "subtype": None, "parent": None, "code": None}
             for s in sorted(slugs - {r.slug for r in registry.regions})]
    return rows


CHUNK_ROWS = 2_000  # rows per executemany: the tables stream from their CSVs, never whole in memory


def _number(text: str) -> type | None:
    """int or float when the cell reads as that number (as pandas would type the column), else None."""
    try:
        int(text)
        return int
    except ValueError:
        pass
    try:
        float(text)
    except ValueError:
        return None
    return float


def _scan(path: Path) -> tuple[dict[str, type], set[str], set[str]]:
    """A first pass over the CSV: each column's SQLite type from its cells (int when every filled
    cell is an integer or every one is true/false, float when every one is a number, else text;
    TEXT_COLUMNS are text whatever they hold: codes like 000000 keep their zeros), the true/false
    columns, and the regions the table names (a region the registry lacks still gets its row).
    Only columns still possibly numbers are looked at, cell by cell."""
    regions: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        kinds: list[set] = [({str} if column in TEXT_COLUMNS else set()) for column in header]
        open_columns = [i for i, seen in enumerate(kinds) if str not in seen]
        region = header.index("region") if "region" in header else None
        for row in reader:
            if region is not None and row[region]:
                regions.add(row[region])
            closed = False
            for index in open_columns:
                text = row[index]
                if text == "":
                    continue
                kind = "bool" if text in ("true", "false") else _number(text)
                kinds[index].add(kind or str)
                closed = closed or kind is None
            if closed:
                open_columns = [i for i in open_columns if str not in kinds[i]]
    types = {column: _sqlite_type(column, seen) for column, seen in zip(header, kinds, strict=True)}
    flags = {column for column, seen in zip(header, kinds, strict=True) if seen == {"bool"}}
    return types, flags, regions


def declared_types() -> dict[str, type]:
    """The number columns' types as the records, rows and panel declare them: the type of a column
    no row fills (then the cells say nothing), so the schema does not change with the data."""
    from extractors.records import Commitment
    from scoring.scorecard import ScoreRow

    out: dict[str, type] = dict(PANEL_TYPES)
    for kind in (Commitment, ScoreRow):
        for field in fields(kind):
            text = str(field.type)
            out.setdefault(field.name, float if "float" in text else int if "int" in text or "bool" in text else str)
    return out


def _sqlite_type(column: str, seen: set) -> type:
    if column in TEXT_COLUMNS or str in seen:
        return str
    if not seen:
        return declared_types().get(column, str)
    if seen == {"bool"}:
        return int
    if "bool" in seen:
        return str
    return float if float in seen else int


def _insert_csv(connection: sqlite3.Connection, table: str, path: Path, types: dict[str, type],
                flags: set[str]) -> None:
    """The CSV's rows into `table` (created with its columns' types), in chunks of the cells as
    read: SQLite makes an empty cell NULL (NULLIF), true/false 1/0 (CASE) and a number's text a
    number (the INTEGER and REAL columns' affinity), so no cell is converted in Python."""
    columns = list(types)
    values = ", ".join(f"CASE ?{n} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END" if column in flags
                       else f"NULLIF(?{n}, '')" for n, column in enumerate(columns, start=1))
    names = ", ".join(f"[{column}]" for column in columns)
    statement = f"INSERT INTO [{table}] ({names}) VALUES ({values})"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        if next(reader, None) != columns:
            raise ValueError(f"{path}: its header changed while the database was written")
        while chunk := list(itertools.islice(reader, CHUNK_ROWS)):
            connection.executemany(statement, chunk)


def write_sqlite(docs: Sequence, raw: str | Path, build) -> None:
    """data/duixian.sqlite (records, scorecard, panel, regions, reports, problems; indexes and
    foreign keys to regions and reports) and data/datasette.json (facets), the schema made by sqlite-utils, the rows
    streamed from the joined CSVs (typed by `_scan`) in chunks: never a whole table in memory."""
    import sqlite_utils

    root = Path(build.path)
    target = root / SQLITE
    target.unlink(missing_ok=True)
    paths = {table: root / relative for table, relative in CSV_TABLES.items()}
    scans = {table: _scan(path) for table, path in paths.items()}
    types = {table: scan[0] for table, scan in scans.items()}
    reports = report_rows(docs, raw)
    slugs = {r["region"] for r in reports} | {s for t in ("records", "scorecard", "panel") for s in scans[t][2]}
    connection = sqlite3.connect(target)
    try:
        # a new file in the build folder, swapped in only when the whole site is built: no journal, no sync
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        db = sqlite_utils.Database(connection)
        db["regions"].insert_all(region_rows(slugs), pk="slug", columns={"code": str})
        db["reports"].insert_all(reports, pk="source", foreign_keys=[("region", "regions", "slug")],
                                 columns={"year": int, "published_by": str, "delivered": str, "obtained": str,
                                          "licence": str, "added_by": str})
        for table, path in paths.items():
            keys = [("region", "regions", "slug")] if "region" in types[table] else []
            if table == "panel":
                keys.append(("target_source", "reports", "source"))
            db[table].create(types[table], foreign_keys=keys)  # an empty table too (no problems)
            _insert_csv(connection, table, path, types[table], scans[table][1])
        for table, indexes in INDEXES.items():
            for columns in indexes:
                db[table].create_index(columns, if_not_exists=True)
        db["regions"].create_index(["parent"], if_not_exists=True)
        connection.commit()
    finally:
        connection.close()
    build.write(METADATA, json.dumps(datasette_metadata(), ensure_ascii=False, indent=2) + "\n")


def datasette_metadata() -> dict:
    """Datasette's metadata for the database: a title, the source, facets per table, column notes."""
    from reports.panel import PANEL_COLUMNS

    tables = {table: {"facets": facets} for table, facets in FACETS.items()}
    tables["panel"]["columns"] = dict(PANEL_COLUMNS)
    tables["panel"]["description"] = "One row per region × year × headline indicator, with the level above's target."
    return {"title": "duixian 兑现: targets and results of 政府工作报告",
            "description": "Built by duixian from the reports in data/raw; see the site's data.html.",
            "databases": {"duixian": {"tables": tables}}}
