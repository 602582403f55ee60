"""`duixian run` as the benchmark runs it: the real CLI, plus a JSON record of where the time went.

`python -m benchmarks.child SUMMARY.json run --raw … --out …` calls `duixian.cli.main` with the
same arguments and writes the run summary (stage timings, time inside task functions) and the
moments the process reached (Prefect imported, flow returned) to SUMMARY.json. Everything else,
output and exit status included, is the CLI's own.
"""

from __future__ import annotations

import json
import sys
import time

STARTED = time.time()


def main(argv: list[str]) -> int:
    out_path, cli_args = argv[0], argv[1:]
    marks: dict[str, float] = {"module": STARTED}
    captured: dict = {}
    from duixian import cli
    from flows import runner

    runner.configure_environment(verbose="--verbose" in cli_args)  # as cmd_run does, before Prefect loads
    marks["cli imported"] = time.time()
    # runner.run imports the flow (and Prefect), waits for the API server, then calls silence_noise
    silence = runner.silence_noise

    def mark_imported() -> None:
        marks.setdefault("prefect imported", time.time())
        silence()

    runner.silence_noise = mark_imported
    from flows import summary as progress

    init = progress.Stages.__init__

    def mark_body(self) -> None:  # the flow body builds its Stages first: that is when it starts
        marks.setdefault("flow body started", time.time())
        init(self)

    progress.Stages.__init__ = mark_body
    print_summary = cli._print_summary

    def capture(summary: dict) -> None:
        marks["flow returned"] = time.time()
        captured.update(summary)
        print_summary(summary)

    cli._print_summary = capture
    code = cli.main(cli_args)
    marks["main returned"] = time.time()
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(
            {"summary": captured, "marks": marks, "exit_code": code}, fh, ensure_ascii=False, default=str
        )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
