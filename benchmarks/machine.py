"""The machine and software a benchmark ran on, for the results file (no heavy imports)."""

from __future__ import annotations

import os
import platform
import subprocess
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


def code() -> str:
    """duixian's code version (package version + hash of the output-shaping sources) and the git commit."""
    try:
        from duixian.version import code_version

        version = code_version()
    except Exception as error:  # noqa: BLE001 - a benchmark still runs on a half-edited tree
        version = f"? ({type(error).__name__})"
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        head, dirty = "?", ""
    return f"{version} (git {head or '?'}{' + uncommitted changes' if dirty else ''})"


def describe() -> dict[str, str]:
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "cpu": cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "load at start": " ".join(f"{x:.2f}" for x in load),
        "duixian code": code(),
        "interpreter": sys.executable,
        **versions(),
    }
