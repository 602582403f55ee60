"""The annual run's steps as plain functions: discover, extract (cached), judge, lay out the site.

Why a package of its own: these connect the layers' agreed interfaces (extractors → expectations →
scoring → reports) for one run over a raw folder, which none of those layers should know about,
and they must be testable without Prefect. flows/ wraps them in tasks and decides where they run;
nothing here imports prefect or flows, and no layer below imports this package.
"""
