"""The machine and software a benchmark ran on, for the results file (no heavy imports)."""

from __future__ import annotations

import os
import platform
import sys
from datetime import UTC, datetime
from importlib import metadata

import psutil

PACKAGES = (
    "prefect",
    "great-expectations",
    "pandas",
    "rapidfuzz",
    "jinja2",
    "pypdf",
    "python-docx",
    "prefect-dask",
    "dask",
    "distributed",
)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "-"
    return out


def describe() -> dict[str, str]:
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "cpu": cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "load at start": " ".join(f"{x:.2f}" for x in load),
        "interpreter": sys.executable,
        **versions(),
    }
