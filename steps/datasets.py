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
import json
import sqlite3
from collections.abc import Sequence
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
FACETS = {"scorecard": ["status", "region_level", "canonical"],
          "panel": ["status", "region_level", "indicator", "vs_reference"],
          "records": ["kind", "region_level", "canonical"]}


def datasets(parts: Sequence, docs: Sequence, raw: str | Path, build, meta=None, problem_count: int = 0) -> None:
    """The panel from the parts' rows (steps.site.PartPages.panel, in region order) with the level
    above's targets, as CSV and Parquet; the SQLite database of every table; and, given the site's
    stamps (`meta`), the comparison pages and data.html (reports.compare)."""
    from reports.panel import with_references

    panel = with_references([row for part in parts for row in part.panel])
    write_panel(panel, build)
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
    for column in ("year", "target_start", "target_end", "result_start", "result_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("target_value", "target_value_high", "actual_value", "gap", "reference_value",
                   "reference_value_high"):
        frame[column] = frame[column].astype("float64")
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


def _records(frame) -> list[dict]:
    """DataFrame rows as dicts with None for missing cells (SQLite NULL) and plain Python scalars."""
    return [{k: (None if v is None or v != v else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}
            for row in frame.astype(object).to_dict("records")]


def _types(frame) -> dict[str, type]:
    import pandas as pd

    def kind(series) -> type:
        if pd.api.types.is_bool_dtype(series):
            return int
        if pd.api.types.is_integer_dtype(series):
            return int
        if pd.api.types.is_float_dtype(series):
            return float
        return str

    return {column: kind(frame[column]) for column in frame.columns}


def _read_csv(path: Path):
    import pandas as pd

    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""],
                        dtype=dict.fromkeys(TEXT_COLUMNS, "string"), dtype_backend="numpy_nullable")
    for column in frame.columns:  # 'true'/'false' columns come back as text: make them 0/1
        values = set(frame[column].dropna().unique())
        if values and values <= {"true", "false"}:
            frame[column] = frame[column].map({"true": 1, "false": 0}).astype("Int64")
    return frame


def write_sqlite(docs: Sequence, raw: str | Path, build) -> None:
    """data/duixian.sqlite (records, scorecard, panel, regions, reports, problems; indexes and
    foreign keys to regions and reports) and data/datasette.json (facets), built by sqlite-utils."""
    import sqlite_utils

    root = Path(build.path)
    target = root / SQLITE
    target.unlink(missing_ok=True)
    frames = {table: _read_csv(root / relative) for table, relative in CSV_TABLES.items()}
    reports = report_rows(docs, raw)
    slugs = {r["region"] for r in reports} | {s for t in ("records", "scorecard", "panel")
                                               for s in frames[t]["region"].dropna()}
    connection = sqlite3.connect(target)
    try:
        db = sqlite_utils.Database(connection)
        db["regions"].insert_all(region_rows(slugs), pk="slug", columns={"code": str})
        db["reports"].insert_all(reports, pk="source", foreign_keys=[("region", "regions", "slug")],
                                 columns={"year": int, "published_by": str, "delivered": str, "obtained": str,
                                          "licence": str, "added_by": str})
        for table, frame in frames.items():
            keys = [("region", "regions", "slug")] if "region" in frame.columns else []
            if table == "panel":
                keys.append(("target_source", "reports", "source"))
            db[table].create(_types(frame), foreign_keys=keys)  # an empty table too (no problems)
            db[table].insert_all(_records(frame))
        for table, indexes in INDEXES.items():
            for columns in indexes:
                db[table].create_index(columns, if_not_exists=True)
        db["regions"].create_index(["parent"], if_not_exists=True)
        connection.commit()
        connection.execute("VACUUM")
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
