"""Serve the annual run as a Prefect deployment with a yearly cron schedule.

Default: 06:00 Asia/Shanghai on 1 April, after the National People's Congress session in early
March, when national and provincial reports of the year have all been delivered (local
congresses meet in January-February). Scheduling needs a real Prefect server: the temporary
API that `duixian run` uses exists only while a run lasts, so nothing could fire later.
"""

from __future__ import annotations

from pathlib import Path

DEPLOYMENT_NAME = "duixian-annual"
DEFAULT_CRON = "0 6 1 4 *"
DEFAULT_TIMEZONE = "Asia/Shanghai"
NO_SERVER = ("no Prefect server: start one with `prefect server start`, then "
             "`export PREFECT_API_URL=http://127.0.0.1:4200/api` and run `duixian serve` again "
             "(a temporary server cannot schedule runs)")


class ServeError(Exception):
    """Serving cannot start. One line."""


def api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def schedule(cron: str, timezone: str):
    """The Prefect schedule, validated now so a typo is one line rather than a pydantic report."""
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.schedules import Cron
    from pydantic import ValidationError

    try:
        CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as error:
        reason = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise ServeError(f"invalid schedule {cron!r} ({timezone}): {reason}") from None
    return Cron(cron, timezone=timezone)


def serve(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE, raw: str = "data/raw",
          out: str = "reports/site") -> None:
    """Register the deployment with its schedule and execute its runs until interrupted (blocks)."""
    if not api_url():
        raise ServeError(NO_SERVER)
    when = schedule(cron, timezone)
    from flows.annual import annual_run

    parameters = {"raw": str(Path(raw).absolute()), "out": str(Path(out).absolute())}
    annual_run.serve(name=DEPLOYMENT_NAME, schedules=[when], parameters=parameters,
                     description="Annual duixian run: read the new reports, judge the targets, publish the site.",
                     tags=["duixian"])
