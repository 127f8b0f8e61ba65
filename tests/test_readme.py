"""The README's examples print what the README says they print."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env

README = Path(__file__).parents[1] / "README.md"


def console_examples():
    """(command, expected output) for each `$ ...` line in a console block that shows output.

    Examples whose output is abridged (with …) or that read files the reader
    would have (meetings.txt, broken.toml) are left out.
    """
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        command, output = None, []
        for line in block.splitlines() + ["$ "]:
            if line.startswith("$ "):
                text = "\n".join(output).strip("\n")
                if command and text and "…" not in text:
                    examples.append((command, text + "\n"))
                command, output = line[2:].split("  #")[0].strip(), []
            else:
                output.append(line)
    return [(c, o) for c, o in examples if not re.search(r"\.txt|\.toml|\bjq\b", c)]


EXAMPLES = console_examples()

def test_examples_were_found():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command, expected):
    nordefco = shlex.join([sys.executable, "-m", "nordefco_cli"])
    # `nordefco` at the start (after any VARIABLE=value), or after a pipe.
    shell_command = re.sub(r"(^(?:[A-Z_]+=\S*\s+)*|\| )nordefco ", rf"\g<1>{nordefco} ",
                           command)
    if "\t" not in expected and "--format" not in command:
        # Output without tabs was shown as a terminal shows it: a table, 80 wide.
        shell_command += " --format table"
    result = subprocess.run(["bash", "-c", shell_command], capture_output=True, text=True,
                            env=subprocess_env(COLUMNS="80"))
    printed = "\n".join(line.rstrip(" ") for line in (result.stdout + result.stderr).splitlines())
    assert printed + "\n" == expected


def python_examples() -> str:
    """The README's Python examples (its ```pycon blocks), as one doctest session."""
    return "\n".join(re.findall(r"```pycon\n(.*?)```", README.read_text(encoding="utf-8"), re.S))


def test_the_python_api_example_runs_as_written():
    import doctest

    session = python_examples()
    assert "n.bodies()" in session and "terms_of" in session and "record(today)" in session
    # pandas is not needed: the lines that use it are marked to skip.
    test = doctest.DocTestParser().get_doctest(session, {}, "README.md", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert runner.tries >= 8
