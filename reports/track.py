"""The track record of one headline indicator across the years, in one line each language:
"国内生产总值：可评估的 19 年中 19 年完成" / "GDP growth: 19 of 19 years met".

Years count when duixian judged them (met, exceeded, missed); years whose next report gives no figure
(not reported) or that wait for it (pending) are counted apart, never as met or missed. For a ceiling
(CPI, unemployment: reports/charts.limit_of) the line counts the years above the ceiling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reports.charts import limit_of
from scoring.scorecard import ScoreRow


def track_record(rows: Sequence[ScoreRow], name: str) -> dict:
    """{zh, en, judged, met, missed, ceiling} for one indicator's rows (one per year)."""
    c = Counter(r.status for r in rows)
    met, missed = c["met"] + c["exceeded"], c["missed"]
    judged = met + missed
    ceiling = bool(rows) and sum(limit_of(r) == "ceiling" for r in rows) * 2 > len(rows)
    if ceiling:
        zh = f"{name}：可评估的 {judged} 年中 {missed} 年超过上限，{met} 年在上限以内"
        en = f"{missed} of {judged} years above the ceiling"
    else:
        extra = f"（其中 {c['exceeded']} 年超额）" if c["exceeded"] else ""
        zh = f"{name}：可评估的 {judged} 年中 {met} 年完成{extra}，{missed} 年未完成"
        en = f"{met} of {judged} years met" + (f" ({c['exceeded']} exceeded)" if c["exceeded"] else "")
        en += f", {missed} missed"
    rest_zh = [f"{c[s]} 年{w}" for s, w in (("not_reported", "未报告"), ("pending", "待评估")) if c[s]]
    rest_en = [f"{c[s]} {w}" for s, w in (("not_reported", "not reported"), ("pending", "pending")) if c[s]]
    if rest_zh:
        zh += "；另有 " + "、".join(rest_zh)
        en += "; " + ", ".join(rest_en)
    return {"zh": zh, "en": en, "judged": judged, "met": met, "missed": missed, "ceiling": ceiling}
