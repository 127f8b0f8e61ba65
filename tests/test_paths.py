"""Paths as the program meets them: user entries that are not files, names no
terminal may see raw, and descriptor paths that name no body."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.cli import loading
from nordefco_cli.core.printable import one_line
from nordefco_cli.data import registry
from nordefco_cli.data.files import default_path, shipped_bodies

MODULE = [sys.executable, "-m", "nordefco_cli"]
# A file name that sets a terminal's title (OSC 2), and one a newline splits.
TITLE = "t\x1b]2;PWNED\x07"
TITLE_SHOWN = "t\\x1b]2;PWNED\\x07"


def user_folder() -> Path:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "nordefco" / "bodies"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def assert_no_control(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text and "\x07" not in text, text


# 1. A user entry that is not a regular file is refused, never opened.

def not_regular(kind: str, folder: Path, tmp_path: Path) -> Path:
    entry = folder / "pipe.toml"
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "link to a fifo":
        os.mkfifo(tmp_path / "elsewhere")
        entry.symlink_to(tmp_path / "elsewhere")
    elif kind == "link to a device":
        entry.symlink_to(os.devnull)
    else:  # a folder
        entry.mkdir()
    return entry


@pytest.mark.parametrize("kind", ["fifo", "link to a fifo", "link to a device", "folder"])
def test_a_user_entry_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    entry = not_regular(kind, user_folder(), tmp_path)
    [body] = [body for body in registry.find_bodies() if body.origin == registry.USER]
    assert body == registry.BodyFile("pipe", str(entry), registry.USER, "not a regular file")


def test_a_dangling_link_is_left_to_the_reader(tmp_path, run):
    (user_folder() / "gone.toml").symlink_to(tmp_path / "nothing")
    [body] = [body for body in registry.find_bodies() if body.origin == registry.USER]
    assert body.refused is None
    record = json.loads(run("bodies", "--format", "jsonl").stdout.splitlines()[-1])
    assert record["problem"].startswith("broken: cannot read the file")


def test_bodies_lists_a_device_link_as_refused(tmp_path, run):
    entry = not_regular("link to a device", user_folder(), tmp_path)
    record = json.loads(run("bodies", "--format", "jsonl").stdout.splitlines()[-1])
    assert (record["body"], record["path"]) == ("pipe", str(entry))
    assert record["problem"] == "refused: not a regular file"


@pytest.mark.parametrize("args", [
    ["bodies"],
    ["chair", "--body", "all", "--date", "2026-03-01"],
    ["country", "no", "--years", "1"],
    ["timeline", "--format", "tsv"],
])
def test_a_fifo_among_user_bodies_stalls_no_command(tmp_path, args):
    entry = not_regular("fifo", user_folder(), tmp_path)
    # A real process: opening the FIFO would block it, and the timeout says so.
    result = subprocess.run([*MODULE, *args], capture_output=True, text=True, timeout=60,
                            env=subprocess_env(COLUMNS="200"))
    assert result.returncode == 0, result.stderr
    if args[0] == "chair":
        assert f"Note: {entry} is not used: not a regular file." in result.stderr


def test_a_fifo_given_with_data_is_still_read(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen([*MODULE, "country", "no", "--from", "2026", "--years", "1",
                                "--data", str(fifo), "--format", "tsv", "--no-header"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=subprocess_env())
    with open(fifo, "wb") as writer:
        writer.write(Path(default_path()).read_bytes())
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.split("\t")[:2] == ["fifo", "2026"]  # a FIFO's own name is a name


# 2. No control character of a path reaches a terminal or a tsv line.

def title_file(tmp_path: Path, text: str | None = None) -> str:
    path = tmp_path / f"{TITLE}.toml"
    path.write_text(text if text is not None else Path(default_path()).read_text("utf-8"),
                    encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
def test_validate_escapes_the_path_it_prints(run, tmp_path, fmt):
    path = title_file(tmp_path)
    result = run("validate", path, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert_no_control(result.stdout, result.stderr)
    assert one_line(path) in result.stdout.replace("\\\\", "\\")  # tsv doubles a backslash
    if fmt == "json":
        assert json.loads(result.stdout)["file"] == one_line(path)


def test_validate_escapes_the_path_on_every_problem_line(run, tmp_path):
    path = tmp_path / f"{TITLE}\nsecond line.toml"
    path.write_text('version = 1\n"\\u001b" = 2\n', encoding="utf-8")
    path = str(path)
    result = run("validate", path)
    assert result.exit_code == 1
    assert_no_control(result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert lines[-1].startswith(f"Error: {one_line(path)} is not valid: ")
    count = int(lines[-1].split(": ")[-1].split()[0])
    assert len(lines) == count + 1  # one line per problem, none split by the newline
    assert all(line.startswith(f"{one_line(path)}: ") for line in lines[:-1])


@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_a_data_file_name_is_escaped_as_a_body(run, tmp_path, fmt):
    result = run("country", "no", "--from", "2026", "--years", "1",
                 "--data", title_file(tmp_path), "--format", fmt, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert_no_control(result.stdout, result.stderr)
    if fmt == "json":
        assert json.loads(result.stdout)[0]["body"] == TITLE_SHOWN
    elif fmt == "tsv":
        assert result.stdout.splitlines()[1].split("\t")[0] == TITLE_SHOWN.replace("\\", "\\\\")
    else:
        assert TITLE_SHOWN in result.stdout


def test_a_config_folder_with_control_characters_is_printed_escaped(run, tmp_path,
                                                                     monkeypatch, user_body):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / TITLE))
    broken = user_body("broken", "not toml [")
    refused = user_body("ncm", "x")
    user_body("Mine", "x")
    twice = user_body("mine", "x")  # refused as the name of Mine.toml, which it names
    every = run("chair", "--body", "all", "--date", "2026-03-01", "--format", "tsv")
    assert every.exit_code == 0, every.stderr
    assert_no_control(every.stdout, every.stderr)
    assert f"Note: {one_line(refused)} is not used:" in every.stderr
    assert f"Note: left out broken: {one_line(broken)}: TOML syntax" in every.stderr
    assert f"Note: {one_line(twice)} is not used: 'mine' is {one_line(twice[:-9])}Mine" \
        in every.stderr
    bodies = run("bodies", "--format", "jsonl")
    assert_no_control(bodies.stdout, bodies.stderr)
    paths = [json.loads(line)["path"] for line in bodies.stdout.splitlines()]
    assert paths[-4:] == [one_line(broken), one_line(twice[:-9] + "Mine.toml"),
                          one_line(twice), one_line(refused)]
    named = run("chair", "--body", "broken")
    assert named.exit_code == 1 and named.stderr.startswith(f"Error: {one_line(broken)}: ")


def test_one_escaping_serves_every_caller():
    package = Path(loading.__file__).parents[1]
    copies = [path.name for path in sorted(package.rglob("*.py"))
              if "repr(char)[1:-1]" in path.read_text(encoding="utf-8")]
    assert copies == ["printable.py"]


def test_a_plain_run_does_not_load_the_escaping():
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from nordefco_cli.cli.main import main\n"
         "try: main(['chair', '--date', '2026-03-01', '--format', 'tsv'])\n"
         "except SystemExit: print('nordefco_cli.printable' in sys.modules, file=sys.stderr)"],
        capture_output=True, text=True, timeout=60, env=subprocess_env())
    assert result.stderr == "False\n"


@given(st.text())
def test_escaping_twice_is_escaping_once(text):
    assert one_line(one_line(text)) == one_line(text)


# 3. A descriptor path names no body.

@pytest.mark.parametrize(("path", "name"), [
    ("/dev/fd/63", "data"), ("/proc/self/fd/5", "data"), ("/proc/4242/fd/0", "data"),
    ("/tmp/63", "63"), ("some/where/mine.toml", "mine"), ("fifo", "fifo"),
    (f"/tmp/{TITLE}.toml", TITLE_SHOWN),
])
def test_the_body_name_of_a_data_file(path, name):
    assert loading.data_body_name(path) == name


def test_a_descriptor_given_with_data_is_named_data(tmp_path):
    with open(shipped_bodies()["ncm"], "rb") as handle:
        fd = handle.fileno()
        result = subprocess.run(
            [*MODULE, "country", "dk", "--from", "2026", "--years", "1", "--data",
             f"/dev/fd/{fd}", "--format", "tsv", "--no-header"],
            capture_output=True, text=True, timeout=60, pass_fds=[fd], env=subprocess_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[:2] == ["data", "2026"]
