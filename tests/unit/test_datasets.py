"""steps.datasets: panel.csv and panel.parquet hold the same table; the SQLite file opens in Datasette."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractors.records import Document, Problem
from reports import panel
from reports.tables import note_tables, region_tables, write_csv
from scoring.scorecard import ScoreRow
from steps import datasets


class Build:
    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, relative: str, data: bytes | str) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)

    def open_text(self, relative: str):
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("w", encoding="utf-8", newline="")


def sr(region: str, value: float | None, actual: float | None = None, status: str = "pending", unit: str = "%",
       high: float | None = None) -> ScoreRow:
    return ScoreRow(region, 2025, "地区生产总值", "gdp", value, high, unit, "approx", actual, unit if actual else None,
                    status, None if actual is None else actual - value, None, "", "目标句", None,
                    f"data/raw/{region}/2025.txt#5-17", f"data/raw/{region}/2026.txt#40-52" if actual else None,
                    False, "", headline=True, target_text=f"{value}{unit}左右")


@pytest.fixture()
def build(tmp_path) -> Build:
    rows = [sr("national", 5), sr("hunan", 5.5, 5.1, "missed"), sr("beijing", 5), sr("zhejiang", 4.5)]
    out = Build(tmp_path / "site")
    for relative, items, columns in region_tables(rows, []):
        with out.open_text(relative) as stream:
            write_csv(stream, items, columns)
    for relative, items, columns in note_tables([Problem("data/raw/x/2025.txt", "空文件", "换一个")], []):
        with out.open_text(relative) as stream:
            write_csv(stream, items, columns)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "provenance.csv").write_text("path,region,year,source,delivered,obtained,licence,sha256,added_by\n"
                                        "hunan/2025.txt,hunan,2025,合成,2025-01,2026-11,none,abc,test\n", encoding="utf-8")
    docs = [Document(f"data/raw/{r}/2025.txt", "txt", "abc" if r == "hunan" else r, "", r, report_year=2025)
            for r in ("national", "hunan", "beijing", "zhejiang")]
    datasets.datasets([type("Part", (), {"panel": panel.rows(rows)})()], docs, raw, out)
    return out


def test_datasets__parquet_equals_csv(build):
    csv_frame = pd.read_csv(build.path / datasets.PANEL_CSV, encoding="utf-8-sig", keep_default_na=False,
                            na_values=[""], dtype={"region_code": str})
    parquet = pd.read_parquet(build.path / datasets.PANEL_PARQUET)
    assert list(parquet.columns) == list(panel.COLUMNS) == list(csv_frame.columns)
    assert len(parquet) == 4
    assert (build.path / datasets.PANEL_CSV).read_bytes().startswith("\ufeff".encode())
    pd.testing.assert_frame_equal(csv_frame.astype(object).where(csv_frame.notna(), None),
                                  parquet.astype(object).where(parquet.notna(), None), check_dtype=False)
    by_region = parquet.set_index("region")
    assert by_region.loc["hunan", "vs_reference"] == "above"
    assert by_region.loc["beijing", "vs_reference"] == "equal"
    assert by_region.loc["zhejiang", "vs_reference"] == "below"
    assert by_region.loc["national", "region_code"] == "000000"


def test_datasets__sqlite_tables_keys_and_provenance(build):
    db = sqlite3.connect(build.path / datasets.SQLITE)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert {"records", "scorecard", "panel", "regions", "reports", "problems"} <= tables
    assert db.execute("pragma foreign_key_check").fetchall() == []
    keys = {(r[2], r[3], r[4]) for r in db.execute("pragma foreign_key_list(panel)")}
    assert ("regions", "region", "slug") in keys and ("reports", "target_source", "source") in keys
    assert db.execute("select published_by, sha256 from reports where region='hunan'").fetchone() == ("合成", "abc")
    assert db.execute("select count(*) from problems").fetchone() == (1,)
    assert db.execute("select region_code from panel where region='national'").fetchone() == ("000000",)
    indexes = {r[1] for r in db.execute("pragma index_list(panel)")}
    assert any("indicator" in name for name in indexes)


def test_datasets__datasette_serves_the_panel_with_facets(build):
    datasette = Path(sys.executable).with_name("datasette")
    if not datasette.exists() and shutil.which("datasette") is None:
        pytest.skip("datasette is not installed (the dev extra)")
    command = [str(datasette if datasette.exists() else "datasette"), str(build.path / datasets.SQLITE),
               "--metadata", str(build.path / datasets.METADATA),
               "--get", "/duixian/panel.json?_shape=objects&vs_reference=above&_facet=status"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert [row["region"] for row in answer["rows"]] == ["hunan"]
    metadata = json.loads((build.path / datasets.METADATA).read_text(encoding="utf-8"))
    assert "status" in metadata["databases"]["duixian"]["tables"]["panel"]["facets"]
