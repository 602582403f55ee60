"""The one place that talks to great_expectations: a cached context per process, a run, Data Docs.

Why a module of its own: importing GX costs ~3 s, so nothing imports this module at load time
(`expectations.validate` imports it inside its function). One ephemeral context per process,
created once (a new docs folder replaces it): progress bars and analytics are
switched off in its config.
With a docs folder, the context keeps suites and validation results as JSON under
`<docs>/results/`, so that tables validated in different processes (Dask workers) still end up
on one Data Docs index; each table's previous suite and results are removed first, so the site
shows the latest validation of each table, and only that table's pages are rendered again.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from functools import cache
from pathlib import Path
from typing import Any

from expectations.suites import Suite, to_gx_suite

# GX's navbar logo is fetched from its S3 bucket with the context id appended (a usage beacon);
# the same image ships in the site's static folder.
_BEACON = re.compile(
    r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/logo-long\.png[^\"']*"
)


# Every failing row's index (COMPLETE), but not GX's copy of that list as a query string
# (`df.filter(items=[…])`, one more filtering of the frame per expectation): nothing reads it.
RESULT_FORMAT = {"result_format": "COMPLETE", "return_unexpected_index_query": False}

# Prefect's default task runner uses threads: GX contexts and the docs folder are not thread-safe.
LOCK = threading.RLock()


def _quiet() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def _config(docs_dir: Path | None) -> Any:
    from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults

    defaults = InMemoryStoreBackendDefaults()
    sites: dict[str, Any] = {}
    if docs_dir is not None:
        results = docs_dir / "results"
        for store, sub in (
            (defaults.expectations_store_name, "expectations"),
            (defaults.validation_results_store_name, "validations"),
        ):
            defaults.stores[store]["store_backend"] = {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(results / sub),
            }
        sites["duixian"] = {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder", "show_cta_footer": False},
        }
    return DataContextConfig(
        store_backend_defaults=defaults,
        data_docs_sites=sites,
        analytics_enabled=False,
        progress_bars={"globally": False, "metric_calculations": False},
    )


@cache
def context(docs_dir: Path | None) -> Any:
    """One ephemeral GX context per docs folder (None: in memory, no docs) for this process."""
    _quiet()
    import great_expectations as gx

    return gx.get_context(mode="ephemeral", project_config=_config(docs_dir))


@cache
def _data_source(docs_dir: Path | None) -> Any:
    return context(docs_dir).data_sources.add_pandas(name="duixian")


@cache
def _batch_definition(docs_dir: Path | None, table: str) -> Any:
    asset = _data_source(docs_dir).add_dataframe_asset(name=table)
    return asset.add_batch_definition_whole_dataframe(name="whole table")


def run(suite: Suite, df: Any, docs_dir: Path | None = None, render: bool = True) -> Any:
    """Validate df against the suite; with docs_dir, also store the result there and (`render`)
    rebuild that table's Data Docs pages. Parts validated side by side in other processes store
    their results with `render=False`; one `build_docs` renders them all after."""
    with LOCK:
        return _run(suite, df, docs_dir, render)


def build_docs(docs_dir: Path) -> None:
    """Render the Data Docs of every suite and result stored under docs_dir (index included)."""
    with LOCK:
        docs_dir = Path(docs_dir).resolve()
        _keep_one_context(docs_dir)
        context(docs_dir).build_data_docs()
        _drop_beacon(docs_dir)


def _run(suite: Suite, df: Any, docs_dir: Path | None, render: bool = True) -> Any:
    docs_dir = Path(docs_dir).resolve() if docs_dir is not None else None
    _keep_one_context(docs_dir)
    try:
        return _validate(suite, df, docs_dir, render)
    finally:
        _release_batches(docs_dir)


def _validate(suite: Suite, df: Any, docs_dir: Path | None, render: bool) -> Any:
    batch_definition = _batch_definition(docs_dir, suite.name)
    if docs_dir is None:
        batch = batch_definition.get_batch(batch_parameters={"dataframe": df})
        return batch.validate(_gx_suite(suite), result_format=dict(RESULT_FORMAT))
    import great_expectations as gx

    ctx = context(docs_dir)
    _forget(ctx, docs_dir, suite.name)
    # Added anew, not add_or_update: updating compares every expectation with every stored one
    # (~0.5 s per table), and the validation definition's add_or_update updates the suite again.
    gx_suite = ctx.suites.add(to_gx_suite(suite))
    definition = ctx.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch_definition, suite=gx_suite)
    )
    result = definition.run(batch_parameters={"dataframe": df}, result_format=dict(RESULT_FORMAT))
    if render:
        ctx.build_data_docs(resource_identifiers=_resources(ctx, suite.name))
        _drop_beacon(docs_dir)
    return result


def _release_batches(docs_dir: Path | None) -> None:
    """Let go of the validated frame: the data source's execution engine keeps the last batch of
    each table (its whole frame, 35 MB at 3,000 reports) until the next validation of that table."""
    manager = _data_source(docs_dir).get_execution_engine().batch_manager
    manager.batch_data_cache.clear()
    manager.reset_batch_cache()


def _resources(ctx: Any, table: str) -> list[Any]:
    """This table's suite and validation result: the only Data Docs pages to render again (the
    index is always rebuilt; the other table's pages stay as they are)."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    results = [
        key
        for key in ctx.validation_results_store.list_keys()
        if key.expectation_suite_identifier.name == table
    ]
    return [ExpectationSuiteIdentifier(name=table), *results]


_built: dict[str, tuple[Suite, Any]] = {}


def _gx_suite(suite: Suite) -> Any:
    """The GX suite of `suite`, built once per process for in-memory runs (building it costs ~0.1 s of
    pydantic); runs with Data Docs register a fresh one in their context."""
    known = _built.get(suite.name)
    if known is None or known[0] is not suite:
        known = _built[suite.name] = (suite, to_gx_suite(suite))
    return known[1]


_current: list[Path | None] = []


def _keep_one_context(docs_dir: Path | None) -> None:
    """A long-lived process (`duixian serve`) builds each year's site in a new folder: drop the
    previous folder's context instead of keeping one per run."""
    if _current and _current[0] != docs_dir:
        for cached in (context, _data_source, _batch_definition):
            cached.cache_clear()
    _current[:] = [docs_dir]


def _forget(ctx: Any, docs_dir: Path, table: str) -> None:
    """Remove this table's earlier suite, results and pages, so the index lists its latest run only."""
    from great_expectations.exceptions import DataContextError

    for folder in (docs_dir / "results" / "validations" / table, docs_dir / "validations" / table):
        shutil.rmtree(folder, ignore_errors=True)
    for factory in (ctx.validation_definitions, ctx.suites):
        try:
            factory.delete(table)
        except DataContextError:
            pass  # not there (a new folder, or the first table of this process)


def _drop_beacon(docs_dir: Path) -> None:
    for page in docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if _BEACON.search(text):
            depth = len(page.relative_to(docs_dir).parts) - 1
            local = "../" * depth + "static/images/logo-long.png"
            page.write_text(_BEACON.sub(local, text), encoding="utf-8")


def warm() -> None:
    """Import Great Expectations now (~3 s), e.g. while something else waits, not in the first validation."""
    _quiet()
    import great_expectations  # noqa: F401
