"""duixian.cli: the extract fast path, its formats and errors; argument checks of run/add."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from duixian.cli import _width, format_table, main
from extractors.records import CONTRACT_KEYS

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = str(ROOT / "data" / "raw" / "national" / "2024.txt")


def test_extract__jsonl_has_the_contract_keys_in_order(capsys):
    assert main(["extract", NATIONAL, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and tuple(records[0])[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert any(r["canonical"] == "gdp" and r["kind"] == "result" for r in records)


def test_extract__table_by_default(capsys):
    assert main(["extract", NATIONAL]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["region", "year", "kind", "period", "indicator", "value", "canonical", "clause"]
    assert any("国内生产总值" in line for line in lines[1:])


def test_extract__csv_with_bom(capsysbinary):
    assert main(["extract", NATIONAL, "--format", "csv"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith("\ufeffsource,region,report_year".encode())


def test_extract__bad_file_is_one_line_and_the_others_still_print(tmp_path, capsys):
    empty = tmp_path / "2024.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), str(tmp_path / "missing.txt"), NATIONAL, "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"duixian: {empty}: ") and "empty" in errors[0]
    assert "missing.txt: no such file" in errors[1]
    assert captured.out.count("\n") > 10


def test_extract__save_text_writes_the_normalised_text(tmp_path, capsys):
    assert main(["extract", NATIONAL, "--format", "jsonl", "--save-text", str(tmp_path)]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    text = (tmp_path / "national" / "2024.txt").read_text(encoding="utf-8")
    assert text[first["start"]:first["end"]] == first["clause"]


def test_extract__loads_neither_prefect_nor_gx_nor_pandas():
    code = (f"import sys; from duixian.cli import main; main(['extract', {NATIONAL!r}, '--format', 'jsonl']);"
            "heavy = [m for m in ('prefect', 'great_expectations', 'pandas') if m in sys.modules];"
            "sys.stderr.write(repr(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stderr.strip() == "[]"


def test_format_table__cjk_columns_line_up_and_clause_is_cut():
    from extractors.records import Commitment

    recs = [Commitment("s", "national", 2024, "target", 2024, name, None, None, 5.0, None, None, "%", "approx",
                       False, None, "国内生产总值增长5%左右" * 5, 0, 10) for name in ("GDP", "国内生产总值")]
    lines = format_table(recs, width=100).splitlines()
    columns = [_width(line[: line.index("~5%")]) for line in lines[1:]]
    assert columns[0] == columns[1]  # 国内生产总值 takes two columns per character
    assert lines[1].endswith("…")


def test_run__refuses_an_out_folder_it_did_not_build(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("precious")
    assert main(["run", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not built by duixian" in err[0]
    assert (tmp_path / "keep.txt").read_text() == "precious"


def test_add__refuses_to_overwrite_without_replace(tmp_path, capsys):
    raw = tmp_path / "raw"
    assert main(["add", NATIONAL, "--raw", str(raw)]) == 0
    other = tmp_path / "2024.txt"
    other.write_text(Path(NATIONAL).read_text(encoding="utf-8") + "\n附件", encoding="utf-8")
    capsys.readouterr()
    assert main(["add", str(other), "--raw", str(raw)]) == 1
    out = capsys.readouterr().out
    assert "duplicate" in out and "--replace" in out
    assert main(["add", str(other), "--raw", str(raw), "--replace"]) == 0


def test_add__jsonl_rows_carry_the_public_keys(tmp_path, capsys):
    assert main(["add", NATIONAL, "--raw", str(tmp_path / "raw"), "--dry-run", "--format", "jsonl"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert list(row) == ["file", "region", "region_name", "level", "code", "year", "action", "reason", "evidence"]
    assert (row["region"], row["level"], row["code"], row["action"]) == ("national", "national", "000000", "would_add")
    assert not (tmp_path / "raw").exists()


def test_add__unknown_region_slug_is_refused_with_a_suggestion(tmp_path, capsys):
    assert main(["add", NATIONAL, "--raw", str(tmp_path / "raw"), "--region", "zhuzhou-tianyuan"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "did you mean tianyuan (株洲市天元区)" in err[0]


def test_version_and_no_command(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("duixian ")
    assert main([]) == 2


def test_bad_format_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", NATIONAL, "--format", "xml"])
    assert exit_info.value.code == 2


def test_extract__region_and_year_flags(tmp_path, capsys):
    src = tmp_path / "fixtures" / "notes.txt"
    src.parent.mkdir()
    src.write_bytes(Path(NATIONAL).read_bytes())
    assert main(["extract", str(src), "--format", "jsonl"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (first["region"], first["region_name"], first["report_year"]) == ("national", "国务院", 2024)
    assert main(["extract", str(src), "--format", "jsonl", "--region", "beijing"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["region"] == "beijing"
    assert main(["extract", str(src), "--year", "2023"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].count(str(src)) == 1 and "--year 2023 but the text says 2024" in err[0]
