"""The shapes every layer agrees on: a normalised Document and one Commitment record.

`Commitment`'s first eighteen fields are a public contract (CSV columns and JSONL keys that users'
scripts rely on); add fields after them, never rename or reorder them. Nothing here reads files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Kind = Literal["target", "result", "programme", "assessment"]  # assessment: the report on its own record
Comparator = Literal["approx", "min", "max", "range", "exact", "qualitative"]
SectionKind = Literal["review", "plan", "other"]

# The public record keys, in order (issue 2 §6). `CONTRACT_KEYS` is what CSV/JSONL must carry.
CONTRACT_KEYS: tuple[str, ...] = (
    "source", "region", "report_year", "kind", "period_year", "indicator", "canonical", "verb",
    "value", "value_high", "stretch", "unit", "comparator", "estimated", "section", "clause",
    "start", "end",
)


class ReadError(Exception):
    """A file that cannot become a Document. The message is one line a user can act on."""


@dataclass(frozen=True)
class Section:
    """A span of the normalised text with its role and heading path (e.g. `一、2023年工作回顾 > （一）…`)."""

    kind: SectionKind
    heading: str
    start: int
    end: int


@dataclass
class Document:
    """One report, read and normalised. Every offset in the project points into `text`."""

    source: str  # the path as given (relative to the project root when under it)
    fmt: str  # txt | docx | doc | rtf | html | mhtml | pdf (what the file holds: extractors.read)
    sha256: str  # of the raw bytes
    text: str  # normalised text
    region: str  # slug from the folder name
    name: str | None = None  # display name from the header (国务院, 株洲市天元区人民政府), if found
    report_year: int | None = None
    year_from: str = ""  # "text" | "path" | "" : where report_year came from
    encoding: str | None = None  # for .txt: the detected encoding
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one-line, user-facing


@dataclass(slots=True)  # 386,000 records at 3,000 reports: no dict per record
class Commitment:
    """One number-bearing (or qualitative) commitment: a target for this year or a result for last."""

    source: str
    region: str
    report_year: int
    kind: Kind
    period_year: int
    indicator: str  # the indicator phrase as written
    canonical: str | None  # lexicon key, None when outside the lexicon
    verb: str | None  # 增长, 下降, 新增, 控制在 … as written
    value: float | None  # as written (3.1 for `3. 1万平米`); None for qualitative
    value_high: float | None  # upper end of a range
    stretch: float | None  # 力争 value
    unit: str | None  # as written, ％ → %  (万平米, 万亿斤, %, 个)
    comparator: Comparator
    estimated: bool  # 预计
    section: str | None  # heading path
    clause: str  # the clause as it reads in the normalised text; contains the number
    start: int  # clause offsets in Document.text: text[start:end] == clause
    end: int
    # --- extra fields (not part of the frozen contract, but stable) ---
    headline: bool = False  # part of the 主要预期目标 sentence / the review's headline indicators
    span: str | None = None  # multi-year aggregate or target ("2018-2022", "十四五"); None = one year
    value_base: float | None = None  # value × unit multiplier (万 → 1e4 …), for comparison
    unit_base: str | None = None  # unit without multiplier (%, 人, 元, 斤 …)
    # --- 民生实事 (issue 14): a programme's name on the programme record (kind "programme"), its items
    # (targets) and the next report's claim about it (a result); None on every other record ---
    programme: str | None = None
    programme_item: int | None = None  # an item's number as written in the list (1 for `1.`, `①`, `一是`)
    programme_groups: int | None = None  # the category count M of `M类N件民生实事`, where given
    assessment: str | None = None  # kind `assessment` only: all_met | mostly_met | some_missed | unclear

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Problem:
    """A structured failure (unreadable file, failed override guard …): a row, never a traceback."""

    file: str  # the path as given, or the data file concerned
    reason: str  # one line: what is wrong
    action: str  # one line: what the user should do
    stage: str = "read"  # read | extract | validate | match | render

