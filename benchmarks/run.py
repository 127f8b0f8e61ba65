"""Start-up and batch benchmarks for nordefco, each against a floor run in the same loop.

Usage (in the virtual environment where nordefco is installed):

    python benchmarks/run.py [--runs N] [--batch-lines N]

Every row runs our command and its floor alternately, each going first in
turn (after three warm-up runs of each), takes the median wall time of each,
and compares the ratio of the medians with the target. Absolute times drift
on shared machines; ratios measured in the same loop drift much less.
Standard library only. Exit status 1 if a row fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

PYTHON = sys.executable
NORDEFCO = str(Path(PYTHON).parent / "nordefco")
BARE_LOOP = (
    "import sys, datetime\n"
    "for line in sys.stdin:\n"
    "    datetime.date.fromisoformat(line.strip())\n"
)


@dataclass
class Row:
    name: str
    ours: list[str]
    floor: list[str]
    target: float
    floor_name: str
    env: dict = field(default_factory=dict)
    stdin: str | None = None


def timed_run(argv: list[str], env: dict, stdin: str | None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of one run, output discarded."""
    with open(stdin or os.devnull, "rb") as source, open(os.devnull, "wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=source, stdout=sink, stderr=subprocess.PIPE,
                                   env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode()
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {error}")
    return elapsed, usage.ru_maxrss


def measure(row: Row, runs: int) -> tuple[float, float]:
    env = {**os.environ, **row.env}
    floor_env = {k: v for k, v in env.items() if not k.startswith("_NORDEFCO")}
    for _ in range(3):  # warm-up: the rotation cache, the page cache
        timed_run(row.ours, env, row.stdin)
        timed_run(row.floor, floor_env, row.stdin)
    ours, floor = [], []
    for run in range(runs):
        # Alternate which goes first, so a burst of load on a shared machine
        # does not always fall on the same side.
        if run % 2:
            floor.append(timed_run(row.floor, floor_env, row.stdin)[0])
            ours.append(timed_run(row.ours, env, row.stdin)[0])
        else:
            ours.append(timed_run(row.ours, env, row.stdin)[0])
            floor.append(timed_run(row.floor, floor_env, row.stdin)[0])
    return statistics.median(ours), statistics.median(floor)


def write_dates(path: Path, count: int) -> None:
    rng = random.Random(2026)
    first = date(2010, 1, 1).toordinal()  # NORDEFCO begins 2009-11-04
    span = date(2100, 12, 31).toordinal() - first
    with path.open("w") as out:
        for _ in range(count):
            out.write(date.fromordinal(first + rng.randrange(span)).isoformat() + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="alternating runs per row")
    parser.add_argument("--batch-lines", type=int, default=1_000_000)
    parser.add_argument("--only", metavar="TEXT", action="append",
                        help="run only the rows whose command contains TEXT (repeatable; "
                        "no memory check)")
    args = parser.parse_args()
    if not Path(NORDEFCO).exists():
        raise SystemExit(f"no nordefco script beside {PYTHON}: pip install . first")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # Then every run compiles every module it imports, ours more than the floor's.
        print("note: PYTHONDONTWRITEBYTECODE is set, so no run keeps its bytecode; "
              "unset it for figures like the README's", file=sys.stderr)

    workdir = Path(tempfile.mkdtemp(prefix="nordefco-bench-"))
    many, few = workdir / "dates-many.txt", workdir / "dates-few.txt"
    write_dates(many, args.batch_lines)
    write_dates(few, 1000)
    click_floor = [PYTHON, "-c", "import click"]
    batch = [NORDEFCO, "chair", "--dates-from", "-", "--format", "tsv", "--no-header"]
    rows = [
        Row("chair --date 2026-03-01 --format tsv",
            [NORDEFCO, "chair", "--date", "2026-03-01", "--format", "tsv"],
            click_floor, 1.3, "import click"),
        Row("schedule --years 10 --format json",
            [NORDEFCO, "schedule", "--years", "10", "--format", "json"],
            click_floor, 1.3, "import click"),
        Row("next sweden --format tsv",
            [NORDEFCO, "next", "sweden", "--format", "tsv"],
            click_floor, 1.3, "import click"),
        Row("completion of 'nordefco next '", [NORDEFCO], click_floor, 1.3, "import click",
            env={"_NORDEFCO_COMPLETE": "bash_complete", "COMP_WORDS": "nordefco next ",
                 "COMP_CWORD": "2"}),
        Row("schedule --years 10 --format table (FORCE_COLOR)",
            [NORDEFCO, "schedule", "--years", "10", "--format", "table"],
            [PYTHON, "-c", "import click, rich.console, rich.table"], 1.2,
            "import click, rich.console, rich.table", env={"FORCE_COLOR": "1"}),
        # 8,000 terms, no workload a person has: 2.0x, so that it takes the one
        # renderer every command uses (issue 16), linear in the terms printed.
        Row("schedule --from 2009 --to 9999 --format csv",
            [NORDEFCO, "schedule", "--from", "2009", "--to", "9999", "--format", "csv"],
            click_floor, 2.0, "import click"),
        Row(f"{args.batch_lines:,} dates: chair --dates-from - --format tsv --no-header",
            batch, [PYTHON, "-c", BARE_LOOP], 3.0, "bare fromisoformat loop",
            stdin=str(many)),
        # Several bodies: each is read through the rotation cache, one entry per file.
        # A body ordered by name among the members seated (issue 20): its
        # projection is built once and kept in the rotation cache.
        Row("chair --body unsc --format tsv",
            [NORDEFCO, "chair", "--body", "unsc", "--format", "tsv"],
            click_floor, 1.3, "import click"),
        Row("chair --body all --format tsv",
            [NORDEFCO, "chair", "--body", "all", "--format", "tsv"],
            click_floor, 1.5, "import click"),
        Row("country dk --format tsv",
            [NORDEFCO, "country", "dk", "--format", "tsv"],
            click_floor, 1.5, "import click"),
        Row("timeline --format svg",
            [NORDEFCO, "timeline", "--format", "svg"],
            [PYTHON, "-c", "import click, rich.console, rich.table"], 2.0,
            "import click, rich.console, rich.table"),
        # The Python API: importing the package loads no Click, Rich or dateutil,
        # and a shipped body is read through the rotation cache.
        Row("python API: import nordefco_cli as n; n.load('nordefco')",
            [PYTHON, "-c", "import nordefco_cli as n; n.load('nordefco')"],
            [PYTHON, "-c", "import tomllib"], 1.5, "import tomllib"),
    ]
    if args.only:
        rows = [row for row in rows if any(text in row.name for text in args.only)]

    print(f"nordefco benchmarks: {args.runs} alternating runs per row, medians of wall time")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
          f"{platform.release()}; Python {platform.python_version()}")
    print()
    header = f"{'command':<58} {'ours':>9} {'floor':>9} {'ratio':>6} {'target':>7}  result"
    print(header)
    print("-" * len(header))
    failures = 0
    for row in rows:
        ours, floor = measure(row, args.runs)
        ratio = ours / floor
        ok = ratio <= row.target
        failures += not ok
        print(f"{row.name:<58} {ours * 1000:>7.1f}ms {floor * 1000:>7.1f}ms {ratio:>5.2f}x "
              f"{'<= ' + format(row.target, '.1f') + 'x':>7}  {'pass' if ok else 'FAIL'}")
        print(f"{'':<4}floor: {row.floor_name}")

    if args.only:
        for path in (many, few):
            path.unlink()
        workdir.rmdir()
        return 1 if failures else 0
    # Memory: the batch streams, so a long input peaks like a short one.
    peak_many = max(timed_run(batch, dict(os.environ), str(many))[1] for _ in range(3))
    peak_few = max(timed_run(batch, dict(os.environ), str(few))[1] for _ in range(3))
    ratio = peak_many / peak_few
    ok = ratio <= 1.2
    failures += not ok
    print()
    print(f"peak memory, {args.batch_lines:,} dates vs 1,000 dates: {peak_many / 1024:.1f} MiB "
          f"vs {peak_few / 1024:.1f} MiB = {ratio:.2f}x (target <= 1.2x)  "
          f"{'pass' if ok else 'FAIL'}")
    for path in (many, few):
        path.unlink()
    workdir.rmdir()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
