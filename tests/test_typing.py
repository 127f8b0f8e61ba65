"""The package is typed: `mypy --strict` passes on it and on a script that uses its API,
with the API's types reaching the script (tests/api_example.py)."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "tests" / "api_example.py"


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("mypy-cache")


def mypy(cache, *targets: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # The cache goes to a folder of the test's own, never into the checkout.
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache),
         "--no-error-summary", *targets],
        capture_output=True, text=True, cwd=cwd, env=subprocess_env(), timeout=600)


def test_mypy_strict_passes_on_the_package(mypy_cache):
    result = mypy(mypy_cache, "src/nordefco_cli")
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_mypy_strict_passes_on_a_script_that_uses_the_api(mypy_cache, tmp_path):
    # Run from elsewhere, so the package is found as installed (its py.typed), not as
    # files beside the script.
    script = tmp_path / "script.py"
    script.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = mypy(mypy_cache, str(script), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_the_example_script_runs(tmp_path):
    result = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True,
                            cwd=ROOT, env=subprocess_env(), timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


def test_mypy_finds_a_wrong_use_of_the_api(mypy_cache, tmp_path):
    script = tmp_path / "wrong.py"
    script.write_text(
        "import nordefco_cli as n\n"
        "term = n.load().chair_on('2026-03-01')\n"  # a str, not a date
        "year: str = term.start.year\n"  # an int, not a str
        "n.load().chair_of\n",  # no such method
        encoding="utf-8")
    result = mypy(mypy_cache, str(script), cwd=tmp_path)
    assert result.returncode == 1
    errors = [line.split(": error: ")[1] for line in result.stdout.splitlines()
              if ": error: " in line]
    assert len(errors) == 3, result.stdout
    assert '"chair_on" of "Rotation" has incompatible type "str"' in errors[0]
    assert 'expression has type "int", variable has type "str"' in errors[1]
    assert '"Rotation" has no attribute "chair_of"' in errors[2]
