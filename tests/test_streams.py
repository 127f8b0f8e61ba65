"""Streams, encodings, input files, interrupts and batch input, as people hand them over.

Most of these run the program in real processes: a closed descriptor, a
full disk, a pipe closed by its reader or a SIGINT only exist there.
"""

import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import date

import pytest
from conftest import subprocess_env
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.cli.batch import LINE_LIMIT, BadLine, ReadError, line_answerer, read_chunks
from nordefco_cli.core.printable import one_line
from nordefco_cli.data.files import default_path
from nordefco_cli.render.output import plain_line_renderer
from nordefco_cli.render.records import CHAIR_FIELDS

MODULE = [sys.executable, "-m", "nordefco_cli"]
BASH = shutil.which("bash")
FORMATS = ["table", "tsv", "csv", "json", "jsonl"]
needs_bash = pytest.mark.skipif(BASH is None, reason="needs bash")


def run(args, input=None, **env):
    return subprocess.run(args, input=input, capture_output=True, env=subprocess_env(**env))


def shell(command: str, **env):
    """Run `command` in bash, with `nordefco` meaning this checkout's program."""
    line = f"nordefco() {{ {' '.join(MODULE)} \"$@\"; }}; {command}"
    return subprocess.run([BASH, "-c", line], capture_output=True, env=subprocess_env(**env),
                          timeout=120)


@pytest.fixture
def run_cli(run):
    """The CLI in-process (conftest's `run`, renamed: `run` here runs a process)."""
    return run


def one_error(result, status: int, *words: str) -> str:
    error = result.stderr.decode("utf-8", "replace")  # in the locale's encoding
    assert result.returncode == status, error
    assert error.startswith("Error: ") and error.count("\n") == 1, error
    for word in words:
        assert word in error
    return error


# Output streams

@needs_bash
@pytest.mark.parametrize("fmt", FORMATS)
def test_closed_stdout_is_one_error_line(fmt):
    result = shell(f"nordefco schedule --from 2026 --years 1 --format {fmt} >&-")
    one_error(result, 1, "standard output is closed")


@needs_bash
@pytest.mark.parametrize(("command", "status", "words"), [
    ("nordefco shedule", 2, "Did you mean 'schedule'?"),
    ("nordefco chair --format ics", 2, "Invalid value for '--format'"),
    ("nordefco chair --date 2009-01-01 --format tsv", 1, "established on 2009-11-04"),
    ("nordefco chair --date 2026-03-01 --format table", 1, "standard output is closed"),
])
def test_closed_stdout_fails_at_the_first_write_not_before(command, status, words):
    # A bad command line is still exit 2, and a question with no answer
    # still says why, when nothing would have been written anyway.
    result = shell(f"{command} >&-")
    one_error(result, status, words)
    assert b"Exception ignored" not in result.stderr


@needs_bash
def test_closed_stdin_is_one_error_line():
    result = shell("nordefco chair --dates-from - --format tsv <&-")
    one_error(result, 1, "cannot read standard input: it is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [*(["schedule", "--from", "2026", "--years", "1", "--format", fmt] for fmt in
       [*FORMATS, "ics"]),
     ["chair", "--date", "2026-03-01", "--format", "json"],
     ["--help"]],
)
def test_full_disk_is_one_error_line(args):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*MODULE, *args], stdout=full, stderr=subprocess.PIPE,
                                env=subprocess_env())
    assert result.returncode == 1
    assert result.stderr.decode() == "Error: cannot write output: No space left on device\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reader_gone_before_the_answer_is_quiet(fmt):
    # As `nordefco chair ... | true`: the pipe is closed before anything is written.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([*MODULE, "chair", "--date", "2026-03-01", "--format", fmt],
                                stdout=write_end, stderr=subprocess.PIPE, env=subprocess_env())
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode == 1  # as Click does (README, Exit codes)


@needs_bash
@pytest.mark.parametrize("fmt", FORMATS)
def test_endless_batch_ends_with_its_reader(fmt):
    """`yes DATE | nordefco chair --dates-from - | head -3` ends, in every format."""
    result = shell(f"yes 2026-03-01 | nordefco chair --dates-from - --format {fmt} | head -3")
    assert result.returncode == 0
    assert result.stdout.count(b"\n") == 3
    assert result.stderr == b""


# Ctrl-C

# Interrupts before nordefco's first line runs belong to Python's own
# start-up (site, the installer's wrapper script): the launcher skips site
# (-S, with the path given whole) and marks them by exiting 99, or the
# signal kills the process (-2) before Python takes it. Between those, while
# Python initialises and before the launcher's first line, Python's own
# handler would print a traceback (README: that window is Python's), so the
# child starts with SIGINT blocked and the launcher unblocks it once its
# handler is in: a Ctrl-C of that window waits for it. What is tested is
# everything from our entry point on.
LAUNCHER = (
    "import _signal, posix\n"
    "_signal.signal(_signal.SIGINT, lambda *a: posix._exit(99))\n"
    "_signal.pthread_sigmask(_signal.SIG_UNBLOCK, {_signal.SIGINT})\n"
    "import sys\n"
    "sys.argv[0] = 'nordefco'\n"
    "from nordefco_cli.__main__ import run\n"
    "run()\n"
)


def _block_interrupts():
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def interrupted(args, delay: float, stdin=subprocess.DEVNULL):
    process = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, *args], stdin=stdin,
                               preexec_fn=_block_interrupts,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=subprocess_env(PYTHONPATH=os.pathsep.join(sys.path)))
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    try:
        # Waited for before its input is closed: the batch must end on Ctrl-C alone.
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"{args}: still running 60 s after Ctrl-C") from None
    finally:
        if process.stdin:
            process.stdin.close()
    error = process.stderr.read().decode()
    process.stderr.close()
    return process.returncode, error


def test_ctrl_c_at_any_moment_exits_130_without_a_traceback():
    rng = random.Random(13)
    statuses = []
    for attempt in range(40):
        args = (["schedule", "--from", "2009", "--to", "9999", "--format", "json"]
                if attempt % 2 else ["chair", "--dates-from", "-", "--format", "tsv"])
        # The batch waits on a pipe that never ends; the schedule runs to its end.
        stdin = subprocess.PIPE if attempt % 2 == 0 else subprocess.DEVNULL
        status, error = interrupted(args, rng.uniform(0, 0.15), stdin)
        assert "Traceback" not in error and "Aborted" not in error
        assert "Exception ignored" not in error
        assert status in (130, 0, 99, -signal.SIGINT), (status, error)
        statuses.append(status)
    assert 130 in statuses


def test_entry_point_takes_ctrl_c_before_importing_anything_heavy():
    code = ("import signal, sys\n"
            "import nordefco_cli.__main__ as entry\n"
            "print(signal.getsignal(signal.SIGINT) is entry._exit_now,"
            " sorted({'click', 'rich', 'dateutil', 'enum'} & set(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                            env=subprocess_env(PYTHONPATH=os.pathsep.join(sys.path)))
    assert result.stdout.split(" ", 1)[0] == "True", result.stderr
    assert "click" not in result.stdout


def test_ctrl_c_while_waiting_for_input_exits_130():
    process = subprocess.Popen([*MODULE, "chair", "--dates-from", "-", "--format", "tsv"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=subprocess_env())
    process.stdin.write(b"2026-03-01\n")
    process.stdin.flush()
    assert select.select([process.stdout], [], [], 30)[0]  # answered: now it waits
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    error = process.stderr.read().decode()
    assert "Traceback" not in error and "Aborted" not in error
    process.stdin.close()
    process.stdout.close()
    process.stderr.close()


# Encodings

LOCALES = [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0"},
           {"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "koi8-r"}]
LOCALE_IDS = [" ".join(f"{k}={v}" for k, v in env.items()) for env in LOCALES]


@pytest.mark.parametrize("env", LOCALES, ids=LOCALE_IDS)
@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_plain_formats_are_utf8_whatever_the_locale(env, fmt):
    expected = run([*MODULE, "members", "--format", fmt], PYTHONIOENCODING="utf-8")
    result = run([*MODULE, "members", "--format", fmt], **env)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == expected.stdout
    assert "Ísland" in result.stdout.decode("utf-8")


@pytest.mark.parametrize("env", LOCALES, ids=LOCALE_IDS)
def test_calendar_is_utf8_whatever_the_locale(env, write_data, shipped_text):
    path = write_data(shipped_text.replace('short_name = "NORDEFCO"', 'short_name = "NÖRDEFCO"'))
    result = run([*MODULE, "schedule", "--data", path, "--from", "2026", "--years", "1",
                  "--format", "ics"], **env)
    assert result.returncode == 0, result.stderr
    assert "X-WR-CALNAME:NÖRDEFCO chair" in result.stdout.decode("utf-8")


@pytest.mark.parametrize("env", LOCALES, ids=LOCALE_IDS)
def test_messages_never_fail_to_encode(env):
    result = run([*MODULE, "next", "Ísland☃"], **env)
    one_error(result, 2, "COUNTRY")
    batch = run([*MODULE, "chair", "--dates-from", "-", "--keep-going"], input="x☃\n".encode(),
                **env)
    assert batch.returncode == 1 and b"Traceback" not in batch.stderr
    assert batch.stderr.count(b"\n") == 2


@pytest.mark.parametrize("env", LOCALES, ids=LOCALE_IDS)
@pytest.mark.parametrize(("args", "expected"), [
    (["next", "Ísland", "--body", "ncm"], "2029\t2029-01-01"),
    (["country", "Türkiye", "--body", "coe-cm", "--from", "2033", "--to", "2034"],
     "coe-cm\t2033\t2033-11-15"),
    (["country", "CÔTE D'IVOIRE", "--body", "unsc", "--from", "2018", "--to", "2018"],
     "unsc\t2018\t2018-12-01"),
])
def test_accented_names_typed_in_any_locale(env, args, expected):
    # In the C locale a UTF-8 terminal's bytes reach argv undecoded (surrogate
    # escapes); the name is still the user's, read as UTF-8 (bytes here, as a
    # shell passes them).
    result = run([*MODULE, *(arg.encode("utf-8") for arg in args), b"--format", b"tsv",
                  b"--no-header"], **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith(expected)


# Files people hand it

BOM = b"\xef\xbb\xbf"


def test_byte_order_mark_in_a_data_file(tmp_path, shipped_text):
    path = tmp_path / "bom.toml"
    path.write_bytes(BOM + shipped_text.encode("utf-8"))
    assert run([*MODULE, "validate", str(path), "--format", "tsv"]).returncode == 0
    result = run([*MODULE, "chair", "--data", str(path), "--date", "2026-03-01", "--format",
                  "tsv", "--no-header"])
    assert result.stdout.decode().split("\t")[5] == "Norway"


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_byte_order_mark_in_a_dates_file(run_cli, tmp_path, source):
    path = tmp_path / "dates.txt"
    path.write_bytes(BOM + b"2026-03-01\r\n2011-06-30\r\n")
    if source == "file":
        result = run_cli("chair", "--dates-from", str(path), "--format", "tsv", "--no-header")
    else:
        result = run_cli("chair", "--dates-from", "-", "--format", "tsv", "--no-header",
                         input=path.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[5] for line in result.stdout.splitlines()] == ["Norway", "Sweden"]


@needs_bash
@pytest.mark.parametrize(
    "command",
    [
        "nordefco chair --dates-from <(printf '2026-03-01\\n') --format tsv --no-header",
        "printf '2026-03-01\\n' | nordefco chair --dates-from /dev/stdin --format tsv --no-header",
        "nordefco chair --data <(cat \"$DATA\") --date 2026-03-01 --format tsv --no-header",
        "cat \"$DATA\" | nordefco chair --data /dev/stdin --date 2026-03-01 --format tsv "
        "--no-header",
        "NORDEFCO_DATA=<(cat \"$DATA\") nordefco chair --date 2026-03-01 --format tsv --no-header",
    ],
)
def test_anything_readable_is_read(command):
    result = shell(command, DATA=default_path())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().split("\t")[5] == "Norway"


@needs_bash
def test_validate_reads_a_process_substitution():
    result = shell("nordefco validate <(cat \"$DATA\") --format tsv --no-header",
                   DATA=default_path())
    assert result.returncode == 0, result.stderr
    assert "\tNORDEFCO\t" in result.stdout.decode()


def test_dates_from_a_fifo(tmp_path):
    fifo = tmp_path / "dates"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "w") as writer:
            writer.write("2011-06-30\n")

    feeder = threading.Thread(target=feed)
    feeder.start()
    result = run([*MODULE, "chair", "--dates-from", str(fifo), "--format", "tsv", "--no-header"])
    feeder.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().split("\t")[5] == "Sweden"


@pytest.mark.parametrize("option", ["--dates-from", "--data", "validate"])
@pytest.mark.parametrize(("kind", "reason"), [("missing", "does not exist"),
                                               ("folder", "is a directory")])
def test_missing_path_or_folder_keeps_exit_2(run_cli, tmp_path, option, kind, reason):
    path = str(tmp_path / "nothing") if kind == "missing" else str(tmp_path)
    args = ["validate", path] if option == "validate" else ["chair", option, path]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and reason in result.stderr


def test_env_var_named_only_when_the_value_came_from_it(run_cli):
    typed = run_cli("chair", "--data", "/nonexistent")
    assert typed.exit_code == 2 and "NORDEFCO_DATA" not in typed.stderr
    assert "'--data'" in typed.stderr
    from_env = run_cli("chair", env={"NORDEFCO_DATA": "/nonexistent"})
    assert from_env.exit_code == 2 and "(env var: 'NORDEFCO_DATA')" in from_env.stderr


def test_a_failed_read_is_a_read_error():
    def read(size):
        raise OSError(5, "Input/output error")

    with pytest.raises(ReadError, match="^cannot read standard input: Input/output error$"):
        next(read_chunks(None, read, "standard input", stop))


@pytest.mark.parametrize("nested", ["[" * 500 + "]" * 500, "{a = " * 500 + "1" + "}" * 500])
def test_deeply_nested_toml_is_a_data_file_error(run_cli, write_data, nested):
    path = write_data(f"x = {nested}\n")
    result = run_cli("validate", path)
    assert result.exit_code == 1 and "nested too deeply" in result.stderr
    assert "Recursion" not in result.stderr
    chair = run_cli("chair", "--data", path)
    assert chair.exit_code == 1 and chair.stderr.count("\n") == 1


# What people type

def test_a_mistyped_command_gets_the_closest(run_cli):
    result = run_cli("shedule")
    assert result.exit_code == 2
    assert result.stderr == "Error: No such command 'shedule'. Did you mean 'schedule'?\n"
    assert run_cli("xyzzy").stderr == "Error: No such command 'xyzzy'.\n"


@pytest.mark.parametrize(("args", "option"), [(["chair", "2026-03-01"], "--date"),
                                              (["schedule", "2030"], "--from"),
                                              (["chair", "1 March 2026"], "--date"),
                                              (["country", "dk", "2030"], "--from"),
                                              (["timeline", "2030"], "--from")])
def test_a_date_typed_as_an_argument_points_to_its_option(run_cli, args, option):
    result = run_cli(*args)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"give a date with {option}" in result.stderr


def test_other_extra_arguments_keep_clicks_message(run_cli):
    result = run_cli("chair", "sweden")
    assert result.exit_code == 2 and "unexpected extra argument (sweden)" in result.stderr


@pytest.mark.parametrize("args", [["bodies", "a\nb"], ["next", "a\nb"],
                                  ["chair", "--body", "a\nb"], ["a\nb"],
                                  ["chair", "--date", "a\x1b[31mb"]])
def test_what_was_typed_is_quoted_on_one_line(run_cli, args):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr, result.stderr


@given(st.text())
def test_one_line_leaves_no_control_character(text):
    escaped = one_line(text)
    assert escaped.isprintable()
    if text.isprintable():
        assert escaped == text


# Batch lookups

def test_a_coprocess_gets_each_answer_before_writing_the_next_date():
    process = subprocess.Popen([*MODULE, "chair", "--dates-from", "-", "--format", "jsonl"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=subprocess_env())
    try:
        for day, country in (("2026-03-01", "Norway"), ("2011-06-30", "Sweden")):
            process.stdin.write(f"{day}\n".encode())
            process.stdin.flush()
            ready = select.select([process.stdout], [], [], 30)[0]
            assert ready, f"no answer for {day} while the input stays open"
            assert json.loads(process.stdout.readline())["country"] == country
    finally:
        process.stdin.close()
        assert process.wait(timeout=30) == 0
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize("fmt", ["tsv", "table"])
def test_a_coprocess_is_answered_in_other_formats(fmt):
    process = subprocess.Popen([*MODULE, "chair", "--dates-from", "-", "--format", fmt],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=subprocess_env(COLUMNS="200"))
    try:
        process.stdin.write(b"2026-03-01\n")
        process.stdin.flush()
        answer = b""
        while b"Norway" not in answer:
            assert select.select([process.stdout], [], [], 30)[0], answer
            answer += os.read(process.stdout.fileno(), 65536)
    finally:
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


def source_of(blocks):
    """A read(n) function over byte blocks, counting the bytes handed out."""
    blocks = iter(blocks)
    source = {"read": 0}

    def read(size):
        data = next(blocks, b"")
        source["read"] += len(data)
        return data

    return read, source


def stop(error):
    raise error


def test_an_endless_line_is_refused_after_a_bounded_read():
    def endless():
        yield b"2026-03-01\n"
        while True:
            yield b"1" * 4096

    read, source = source_of(endless())
    chunks = read_chunks(None, read, "input", stop)
    assert next(chunks) == ["2026-03-01"]
    with pytest.raises(BadLine) as error:
        next(chunks)
    assert str(error.value).startswith("line 2: '111111111111111111111111…': longer than")
    assert len(str(error.value)) < 100
    assert source["read"] < 8 * LINE_LIMIT + 2 * 4096


def test_overlong_lines_are_bad_lines_and_the_rest_goes_on():
    huge = b"9" * 100_000
    read, _ = source_of([b"2026-03-01\n" + huge[:50_000], huge[50_000:] + b"\n2011-06-30\n",
                         b"x" * (LINE_LIMIT + 1) + b"\nlast"])
    bad = []
    lines = [line for chunk in read_chunks(None, read, "input", bad.append) for line in chunk]
    assert [str(error)[:8] for error in bad] == ["line 2: ", "line 4: "]
    assert all(len(str(error)) < 120 for error in bad)
    # The overlong lines stand as blanks, so the numbers of the others stay right.
    assert lines == ["2026-03-01", "", "2011-06-30", "", "last"]


@given(st.lists(st.text(alphabet="2026-03-01é\r #", max_size=12), max_size=20),
       st.integers(min_value=1, max_value=7))
def test_lines_read_in_any_blocks_are_the_lines_written(lines, size):
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    blocks = [data[i:i + size] for i in range(0, len(data), size)]
    read, _ = source_of(blocks)
    got = [line for chunk in read_chunks(None, read, "input", stop) for line in chunk]
    assert got == lines


def test_years_spread_over_millennia_are_each_computed_once(rotation):
    calls = []

    class Counting:
        def __getattr__(self, name):
            return getattr(rotation, name)

        def terms_between(self, first, last):
            calls.append(first.year)
            return rotation.terms_between(first, last)

    rng = random.Random(9)
    lines = [date.fromordinal(rng.randint(date(2010, 1, 1).toordinal(),
                                          date(9999, 12, 31).toordinal())).isoformat()
             for _ in range(20_000)]
    render = plain_line_renderer("tsv", CHAIR_FIELDS)
    answer = line_answerer(Counting(), date(2026, 1, 1), stop, render)
    assert len(list(answer(lines[:10_000]))) + len(list(answer(lines[10_000:]))) == 20_000
    assert len(calls) == len(set(calls)) == len({line[:4] for line in lines})


def test_a_table_batch_is_printed_in_parts(run_cli):
    result = run_cli("chair", "--dates-from", "-", "--format", "table",
                     input="2026-03-01\n" * 1200)
    assert result.exit_code == 0
    assert result.stdout.count("NORDEFCO chairs") == 1
    assert result.stdout.count("Norway") == 1200
    headers = [line for line in result.stdout.splitlines() if line.split()[:2] == ["date", "year"]]
    assert len(headers) == 3  # one header per part of 500 rows


def test_tsv_batch_over_a_slow_pipe_matches_a_file(tmp_path):
    days = [date.fromordinal(date(2010, 1, 1).toordinal() + i * 37).isoformat()
            for i in range(3000)]
    path = tmp_path / "dates.txt"
    path.write_text("\n".join(days) + "\n")
    from_file = run([*MODULE, "chair", "--dates-from", str(path), "--format", "tsv"])
    process = subprocess.Popen([*MODULE, "chair", "--dates-from", "-", "--format", "tsv"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=subprocess_env())

    def feed():
        data = path.read_bytes()
        for start in range(0, len(data), 7001):  # blocks that cut lines anywhere
            process.stdin.write(data[start:start + 7001])
            process.stdin.flush()
        process.stdin.close()

    feeder = threading.Thread(target=feed)
    feeder.start()
    out = process.stdout.read()
    feeder.join()
    assert process.wait(timeout=60) == 0
    assert out == from_file.stdout
    process.stdout.close()
    process.stderr.close()
