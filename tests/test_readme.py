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

# Examples whose output the g7 and nordic-council bodies (data/bodies/, shipped
# after these examples were written) change: each lists every shipped body.
# README.md is not ours to edit in that change; its new output is in the
# report of that change. strict: once README.md shows the new output, these
# pass and the marks must go.
STALE_WITH_NEW_BODIES = {
    "nordefco country dk --from 2025 --to 2028 | cut -f1-7",
    "nordefco bodies --format tsv | cut -f1-8,10",
    "nordefco chair --body all --date 2031-01-01",
}


def _marked(examples):
    stale = pytest.mark.xfail(strict=True, reason="README.md predates the g7 and "
                              "nordic-council bodies: update its example output")
    return [pytest.param(c, o, id=c, marks=stale if c in STALE_WITH_NEW_BODIES else ())
            for c, o in examples]


def test_examples_were_found():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize(("command", "expected"), _marked(EXAMPLES))
def test_readme_example(command, expected):
    nordefco = shlex.join([sys.executable, "-m", "nordefco_cli"])
    shell_command = re.sub(r"(^|\| )nordefco ", rf"\g<1>{nordefco} ", command)
    if "\t" not in expected and "--format" not in command:
        # Output without tabs was shown as a terminal shows it: a table, 80 wide.
        shell_command += " --format table"
    result = subprocess.run(["bash", "-c", shell_command], capture_output=True, text=True,
                            env=subprocess_env(COLUMNS="80"))
    printed = "\n".join(line.rstrip(" ") for line in (result.stdout + result.stderr).splitlines())
    assert printed + "\n" == expected
