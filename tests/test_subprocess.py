"""The installed program in real processes: pipes, terminals, imports."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import run_in_terminal, subprocess_env

MODULE = [sys.executable, "-m", "nordefco_cli"]


def console_script() -> str:
    """The `nordefco` script installed beside this Python (as pip puts it)."""
    path = Path(sys.executable).parent / "nordefco"
    assert path.exists(), "install the project (pip install .) before running the tests"
    return str(path)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, env=subprocess_env(), **kwargs)


def imported_modules(args) -> set[str]:
    """Top-level packages a real run imports, read from -X importtime."""
    result = run([sys.executable, "-X", "importtime", "-m", "nordefco_cli", *args])
    assert result.returncode == 0, result.stderr
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "click" in names  # the reading works
    return names


def test_console_script_in_a_pipe_writes_tsv():
    result = run([console_script(), "chair", "--date", "2026-03-01"])
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines()[1].startswith("2026-03-01\t2026\t2026-01-01\t")


def test_python_m():
    result = run([*MODULE, "--version"])
    assert result.returncode == 0 and result.stdout.startswith("nordefco, version ")


def test_piped_iso_run_imports_neither_rich_nor_dateutil():
    names = imported_modules(["chair", "--date", "2026-03-01", "--format", "tsv"])
    assert "rich" not in names and "dateutil" not in names
    # Nor locale, which Click's gettext-built help options would bring in.
    assert "locale" not in names


def test_only_a_run_that_looks_up_a_member_imports_unicodedata():
    # Once the shipped file is cached, loading it compares no names.
    imported_modules(["chair", "--date", "2026-03-01", "--format", "tsv"])
    assert "unicodedata" not in imported_modules(["chair", "--date", "2026-03-01",
                                                  "--format", "tsv"])
    assert "unicodedata" in imported_modules(["next", "ísland", "--body", "ncm",
                                              "--format", "tsv"])


def test_written_date_does_import_dateutil():
    # The same reading sees dateutil when it is needed, so the test above can fail.
    assert "dateutil" in imported_modules(["chair", "--date", "1 March 2026", "--format", "tsv"])


def test_head_ends_quietly():
    bash = shutil.which("bash")
    command = " ".join(MODULE) + " schedule --from 2009 --to 9999 | head -1"
    result = run([bash, "-c", command])
    assert result.stdout == "year\tstart\tend\tcode\tcountry\tstatus\tsource\tnote\n"
    assert result.stderr == ""


def test_error_is_one_line_without_traceback():
    result = run([*MODULE, "chair", "--date", "03/01/2026"])
    assert result.returncode == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1


def test_terminal_default_is_a_table():
    text = run_in_terminal(["schedule", "--from", "2026", "--years", "2"], 120,
                           COLUMNS="120", TERM="xterm")
    screen = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert re.search(r"year +start +end +code +country +status +source", screen)
    assert "Sweden" in screen and "\t" not in screen and "────" in screen
