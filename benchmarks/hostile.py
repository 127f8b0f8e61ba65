"""Every command against a folder of generated hostile user bodies (issue 18).

Usage (in the virtual environment where nordefco is installed):

    python benchmarks/hostile.py [--files N] [--limit SECONDS]

Writes N (default 200) user body files of every hostile kind found so far
(huge, deep, dotted, broken, look-alike, oddly named, not regular files,
valid ones of odd shapes) into a temporary $XDG_CONFIG_HOME, then runs each
command twice: cold (an empty rotation cache) and warm. Each run must end
within the limit (default 2 s), with no traceback and an exit status the
README documents (0, 1 or 2). Standard library only; everything is written
under a temporary folder, removed at the end. Exit status 1 if a run fails.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NORDEFCO = str(Path(sys.executable).parent / "nordefco")
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "members.toml"


def member_file(count: int, *, joint: bool = False) -> str:
    """A valid body of `count` members who chair in a fixed order (or, with `joint`,
    one recorded term held by all of them)."""
    codes = [f"M{index:05d}" for index in range(count)]
    members = "".join(f'[[members]]\ncode = "{code}"\nname = "Member {code}"\nchairs = true\n\n'
                      for code in codes)
    order = "order = [\n" + "".join(f'  "{code}",\n' for code in codes) + "]\n"
    chair = ("[\n" + "".join(f'  "{code}",\n' for code in codes) + "]") if joint \
        else f'"{codes[0]}"'
    resume = f'resume_with = "{codes[0]}"\n' if joint else ""
    return (f'[body]\nname = "Many {count}"\nshort_name = "Many{count}{"J" if joint else ""}"\n\n'
            f"[rotation]\nhandover_month = 1\nhandover_day = 1\nterm_months = 12\n{order}"
            f"{resume}\n{members}[[history]]\nyear = 2020\nchair = {chair}\n"
            'source = "https://example.org"\n')


def seats_file(count: int) -> str:
    """A valid body ordered by name whose members' seats change every month."""
    members = "".join(
        f'[[members]]\ncode = "S{index:04d}"\nname = "Seat {index:04d}"\nchairs = true\n'
        f"seats = [{{ from = {2020 + index // 12}-{index % 12 + 1:02d}-01 }}]\n\n"
        for index in range(count))
    return ('[body]\nname = "Seats"\nshort_name = "Seats"\n\n[rotation]\nhandover_month = 1\n'
            'handover_day = 1\nterm_months = 1\norder_by = "name"\n\n'
            f'{members}[[history]]\nstart = 2020-01-01\nchair = "S0000"\n'
            'source = "https://example.org"\n')


def renamed(text: str, short_name: str, name: str) -> str:
    text = re.sub(r'^short_name = ".*"$', f'short_name = "{short_name}"', text, count=1,
                  flags=re.M)
    return re.sub(r'^name = "Nordic Defence Cooperation"$', f'name = "{name}"', text, count=1,
                  flags=re.M)


def write_bodies(folder: Path, total: int) -> list[str]:
    """Write `total` hostile files into `folder`; returns their kinds, one a file."""
    shipped = SHIPPED.read_text(encoding="utf-8")
    kinds: list[tuple[str, bytes | str | None]] = [
        ("dotted-40k", "x" + ".a" * 20_000 + " = 1\n"),
        ("dotted-lines", "".join(f"k{index}.a.b = 1\n" for index in range(40_000))),
        ("long-line", "x = '" + "a" * 100_000 + "'\n"),
        ("deep-arrays", "x = " + "[\n" * 3000 + "]\n" * 3000),
        ("broken", "not toml [\n"),
        ("not-utf8", b"[body]\nname = \"\xff\xfe\"\n"),
        ("over-8-mib", "# " + "x" * 80 + "\n"),  # grown past the limit below
        ("empty", ""),
        ("bom-crlf", ("\ufeff" + renamed(shipped, "BOM", "Bom Body")).replace("\n", "\r\n")),
        ("look-alike-cyrillic", renamed(shipped, "NORDEFC\u041e", "Look Alike")),
        ("look-alike-fullwidth", renamed(shipped, "ＮＯＲＤＥＦＣＯ", "Full Width")),
        ("same-short-name", renamed(shipped, "nordefco", "Same Short Name")),
        ("line-separator", renamed(shipped, "LS", "Line\u2028Separator")),
        ("control", renamed(shipped, "ESC", "Esc\x1b[31mape")),
        ("20k-members", member_file(20_000)),
        ("joint-5k", member_file(5_000, joint=True)),
        ("seats-1k", seats_file(1_000)),
    ]
    names = {"fifo": None, "zero": None, "dir": None, "ｎｃｍ": "", "nc\u043c": "", " ncm": "",
             "ncm ": "", "all": "", "NCM": "", "*": "", "a b": ""}
    written = []
    for index in range(total):
        if index < len(kinds):
            kind, text = kinds[index]
            name = kind
        elif index - len(kinds) < len(names):
            kind = name = list(names)[index - len(kinds)]
            text = "" if names[name] is not None else None
        else:  # the rest: valid bodies of their own, as a big folder has
            kind, name = "valid", f"body-{index:03d}"
            text = renamed(shipped, f"B{index:03d}", f"Body {index:03d}")
        path = folder / f"{name}.toml"
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "zero":
            path.symlink_to("/dev/zero")
        elif kind == "dir":
            path.mkdir()
        elif kind == "over-8-mib":
            path.write_text(str(text) * (8 * 1024 * 1024 // 83 + 1), encoding="utf-8")
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text or (shipped if kind not in names else renamed(
                shipped, f"N{index}", f"Named {index}")), encoding="utf-8", newline="")
        written.append(kind)
    return written


COMMANDS = [
    ["bodies"],
    ["chair", "--body", "all"],
    ["next", "--body", "all", "--count", "3"],
    ["schedule", "--body", "all", "--years", "2"],
    ["country", "dk"],
    ["timeline", "--format", "table"],
    ["timeline", "--format", "svg"],
    ["validate", "--body", "body-100"],
    ["sources", "--body", "body-100"],
]
COMPLETIONS = ["nordefco chair --body ", "nordefco country ", "nordefco next --body all "]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL,
                            timeout=120)
    return time.perf_counter() - started, result.returncode, result.stderr.decode(
        "utf-8", "replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="nordefco-hostile-") as home:
        folder = Path(home, "config", "nordefco", "bodies")
        folder.mkdir(parents=True)
        kinds = write_bodies(folder, args.files)
        env = {**os.environ, "XDG_CONFIG_HOME": str(Path(home, "config")),
               "XDG_CACHE_HOME": str(Path(home, "cache")), "NORDEFCO_TODAY": "2026-12-07",
               "COLUMNS": "80"}
        env.pop("NORDEFCO_DATA", None)
        print(f"{len(kinds)} user bodies: {len(set(kinds))} kinds "
              f"({kinds.count('valid')} valid copies); limit {args.limit:.1f} s a run")
        runs = [(" ".join(command), [NORDEFCO, *command], {}) for command in COMMANDS]
        runs += [(f"completion of {words!r}", [NORDEFCO],
                  {"_NORDEFCO_COMPLETE": "bash_complete", "COMP_WORDS": words,
                   "COMP_CWORD": str(len(words.split()))}) for words in COMPLETIONS]
        print(f"{'command':<48} {'cold':>7} {'warm':>7}  exit  result")
        for name, argv, extra in runs:
            # Cold: an empty cache (each command in turn, as a first run would be).
            subprocess.run(["rm", "-rf", str(Path(home, "cache"))], check=True)
            cold, status, stderr = timed(argv, {**env, **extra})
            warm, warm_status, warm_stderr = timed(argv, {**env, **extra})
            ok = (max(cold, warm) <= args.limit and status in (0, 1, 2)
                  and status == warm_status and "Traceback" not in stderr + warm_stderr)
            failed |= not ok
            print(f"{name:<48} {cold:>6.2f}s {warm:>6.2f}s  {status:>4}  "
                  f"{'pass' if ok else 'FAIL'}")
            if not ok:
                print("    " + (stderr.strip().splitlines() or [""])[-1][:200])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
