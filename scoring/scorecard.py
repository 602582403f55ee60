"""The scorecard row: one target of one region and year, judged against the next report.

`SCORECARD_COLUMNS` is a public contract (issue 3 §5: `data/scorecard.csv`); extra fields follow it.
This module knows records, not files, HTML or Prefect.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from scoring.commitment_type import commitment_type as classify_commitment

Status = Literal["met", "exceeded", "missed", "not_reported", "pending", "qualitative"]
STATUSES: tuple[str, ...] = ("met", "exceeded", "missed", "not_reported", "pending", "qualitative")
MatchMethod = Literal["lexicon", "fuzzy", "override", "programme", ""]

SCORECARD_COLUMNS: tuple[str, ...] = (
    "region", "period_year", "indicator", "canonical", "target_value", "target_value_high",
    "target_unit", "comparator", "actual_value", "actual_unit", "status", "gap", "match_score",
    "match_method", "target_clause", "result_clause", "target_source", "result_source", "reviewed",
    "note", "tolerance_edge",
)


@dataclass(slots=True)  # 150,000 rows at 3,000 reports: no dict (~1.2 KB) per row
class ScoreRow:
    region: str
    period_year: int
    indicator: str
    canonical: str | None
    target_value: float | None
    target_value_high: float | None
    target_unit: str | None
    comparator: str
    actual_value: float | None
    actual_unit: str | None
    status: Status
    gap: float | None  # actual − target, in the target's unit (for reductions: size of the fall − target)
    match_score: float | None  # 0-100
    match_method: str  # lexicon | fuzzy | override | programme (a 民生实事 item, scoring.programme_items) | ""
    target_clause: str
    result_clause: str | None
    target_source: str  # "data/raw/national/2022.txt#1234-1260"
    result_source: str | None
    reviewed: bool
    note: str
    tolerance_edge: bool = False  # the verdict hangs on a tolerance edge (why: edge_note)
    # --- extras for the pages (stable, not in the CSV contract) ---
    row_id: str = ""  # permalink anchor, stable across runs: e.g. "gdp-1" / "t-<hash>"
    headline: bool = False
    target_text: str = ""  # the target as written with its qualifier: "5.5%左右"
    stretch: float | None = None
    estimated: bool = False  # the actual was 预计
    target_section: str | None = None
    result_section: str | None = None
    edge_note: str = ""  # why the verdict hangs on a tolerance edge (shown beside the badge)
    renamed: str = ""  # target and result name the indicator as in different eras (农民人均纯收入 → …)
    evidence_score: float | None = None  # qualitative: rapidfuzz score of the closest next-report sentence
    # 民生实事 (issue 14): the item's programme and number; claimed = covered only by the programme's claim
    programme: str | None = None
    programme_item: int | None = None
    programme_claimed: bool = False
    # outcome | allocation (scoring/data/commitment_types.toml); worked out from the target when empty
    commitment_type: str = ""

    def __post_init__(self) -> None:
        if not self.commitment_type:
            self.commitment_type = classify_commitment(self.indicator, self.target_clause, self.canonical)

    def to_dict(self) -> dict:
        return asdict(self)
