"""The scale benchmark's generator makes valid reports: two consecutive years per region, renamed, perturbed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package: `make bench` runs it from the root
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import MAX_SHIFT, generate, load_templates, perturb, place_name  # noqa: E402
from extractors.pipeline import extract_file  # noqa: E402

SOURCES = ROOT / "data" / "raw"

pytestmark = pytest.mark.skipif(not any(SOURCES.glob("*/*.txt")), reason="no shipped .txt reports")


class _Keep:
    """An rng whose scale factor is 1: the template renamed and year-shifted, its figures kept."""

    def uniform(self, low: float, high: float) -> float:
        return 1.0


def _one_year(path: Path) -> tuple[list, list]:
    _, records = extract_file(path)
    targets = [r for r in records if r.kind == "target" and r.span is None]
    results = [r for r in records if r.kind == "result" and r.span is None]
    return targets, results


def test_two_consecutive_valid_reports_per_region(tmp_path: Path) -> None:
    """Every region gets two consecutive reports that read with their years and the made-up name,
    and have targets and results whenever the template (renamed, figures kept) has them: a shipped
    report whose last year's results the extractor cannot read yet stays so."""
    templates = load_templates(SOURCES)
    regions = len(templates) + 1  # every template once, and one shifted a year back
    paths = generate(tmp_path, regions, SOURCES)
    assert len(paths) == 2 * regions
    valid = 0
    for i in range(regions):
        folder = tmp_path / f"gen-{i + 1:04d}"
        first, second = sorted(folder.glob("*.txt"))
        year = int(first.stem)
        assert int(second.stem) == year + 1
        template = templates[i % len(templates)]
        back = (i // len(templates)) % (MAX_SHIFT + 1)
        for path, report_year, text, shift in (
            (first, year, template.first, -back),
            (second, year + 1, template.second, template.second_shift - back),
        ):
            doc, _ = extract_file(path)
            assert doc.report_year == report_year
            assert doc.name == f"{place_name(i)}人民政府"
            assert doc.region == f"gen-{i + 1:04d}"
            targets, results = _one_year(path)
            assert all(r.period_year == report_year for r in targets)
            assert all(r.period_year == report_year - 1 for r in results)
            kept = tmp_path / "kept" / f"{i}" / f"{report_year}.txt"
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text(perturb(text, shift, f"{place_name(i)}人民政府", _Keep()), encoding="utf-8")
            want_targets, want_results = _one_year(kept)
            assert bool(targets) == bool(want_targets) and bool(results) == bool(want_results), path
            valid += bool(targets and results)
    assert valid >= 0.9 * 2 * regions


def test_figures_are_perturbed_and_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 2, SOURCES, seed=7)
    generate(tmp_path / "b", 2, SOURCES, seed=7)
    generate(tmp_path / "c", 2, SOURCES, seed=8)
    a = sorted((tmp_path / "a").rglob("*.txt"))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in sorted((tmp_path / "b").rglob("*.txt"))]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in sorted((tmp_path / "c").rglob("*.txt"))]
    template = load_templates(SOURCES)[0]
    _, generated = extract_file(a[0])
    values = sorted(r.value for r in generated if r.value is not None)
    source = tmp_path / "source" / "x" / f"{template.first_year}.txt"
    source.parent.mkdir(parents=True)  # the same place, figures kept: another level's figures drop alike
    source.write_text(perturb(template.first, 0, f"{place_name(0)}人民政府", _Keep()), encoding="utf-8")
    _, original = extract_file(source)
    assert len(generated) == len(original)
    assert values != sorted(r.value for r in original if r.value is not None)
