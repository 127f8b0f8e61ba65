import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from nordefco_cli.cli.main import main
from nordefco_cli.data.files import default_path, load_rotation

# Calendar properties are cheap per example; a deadline only adds flakiness on busy CI.
settings.register_profile("default", deadline=None, max_examples=300)
# CI runs the same examples every time (a landing must not hang on a random
# draw); runs elsewhere explore new ones, and what they find becomes a test.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# The recorded chairs, as ../shared/domain.md lists them.
RECORDED = {
    2009: "FI", 2010: "NO", 2011: "SE", 2012: "DK", 2013: "FI", 2014: "NO",
    2015: "SE", 2016: "DK", 2017: "FI", 2018: "NO", 2019: "SE", 2020: "DK",
    2021: "FI", 2022: "NO", 2023: "SE", 2024: "DK", 2025: "FI", 2026: "NO",
}
ORDER = ("NO", "SE", "DK", "FI")
NAMES = {"NO": "Norway", "SE": "Sweden", "DK": "Denmark", "FI": "Finland", "IS": "Iceland"}
# Environment variables the program (or Rich under it) reads.
PROGRAM_ENV = ("NORDEFCO_DATA", "NORDEFCO_TODAY", "NO_COLOR", "FORCE_COLOR", "COLUMNS",
               "LINES", "TERM")
# The day every test runs on (NORDEFCO_TODAY), whatever the machine's clock
# says: no test reads the real clock. A test about another day sets its own.
TODAY = date(2026, 12, 7)


def projected_code(year: int) -> str:
    """The projected chair of a year after 2026: the order, continued from Norway 2026."""
    return ORDER[(year - 2026) % 4]


# No test may write under the real home (the rotation cache lives there) or
# read the user's own bodies. From before collection, so session fixtures and
# module-level code are covered too, HOME and the XDG folders point into a
# throwaway folder, and each test checks that HOME stays empty (each test also
# gets a cache and a config folder of its own).
SESSION_DIR = tempfile.mkdtemp(prefix="nordefco-tests-")
FAKE_HOME = os.path.join(SESSION_DIR, "home")


def pytest_configure(config):
    os.mkdir(FAKE_HOME)
    os.environ["HOME"] = FAKE_HOME
    os.environ["XDG_CACHE_HOME"] = os.path.join(SESSION_DIR, "cache")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(SESSION_DIR, "config")


def pytest_unconfigure(config):
    shutil.rmtree(SESSION_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path_factory):
    for name in PROGRAM_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NORDEFCO_TODAY", TODAY.isoformat())
    # Each test starts with an empty rotation cache of its own (subprocesses too).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # No user bodies but a test's own (see user_body).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    yield
    written = os.listdir(FAKE_HOME)
    assert not written, f"this test wrote under HOME: {written}"


@pytest.fixture(scope="session")
def shipped_text() -> str:
    return Path(default_path()).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rotation():
    return load_rotation(default_path())


@pytest.fixture
def write_data(tmp_path):
    """Write a data file from text; returns its path as a string."""

    def write(text: str, name: str = "rotation.toml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def user_body():
    """Write a user body, $XDG_CONFIG_HOME/nordefco/bodies/NAME.toml; returns its path."""

    def write(name: str, text: str) -> str:
        folder = Path(os.environ["XDG_CONFIG_HOME"]) / "nordefco" / "bodies"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def run():
    """Run the CLI in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, env: dict | None = None, input: str | None = None):
        return runner.invoke(main, list(args), env=env, input=input, prog_name="nordefco")

    return invoke


@pytest.fixture
def today() -> date:
    """The day the program runs on in every test (NORDEFCO_TODAY)."""
    return TODAY


def subprocess_env(**extra: str) -> dict:
    """The environment of a run of the program in a child process, on the tests' day.

    Without libfaketime, if the test run was started under faketime to move
    its clock: preloaded into a child it takes file descriptors and signals of
    its own (a closed stdout gets its descriptor, Ctrl-C no longer ends a
    read), and the child's day comes from NORDEFCO_TODAY anyway.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in PROGRAM_ENV and not k.startswith("FAKETIME")}
    preload = [lib for lib in env.get("LD_PRELOAD", "").split() if "faketime" not in lib]
    if preload:
        env["LD_PRELOAD"] = " ".join(preload)
    else:
        env.pop("LD_PRELOAD", None)
    env["NORDEFCO_TODAY"] = TODAY.isoformat()
    env.update(extra)
    return env


def run_in_terminal(args, columns: int, **env) -> str:
    """What a real terminal of `columns` columns receives from a run."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    with subprocess.Popen([sys.executable, "-m", "nordefco_cli", *args], stdout=terminal,
                          stderr=subprocess.PIPE, env=subprocess_env(**env)) as process:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closes when the program ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=30) == 0
    os.close(controller)
    return b"".join(chunks).decode().replace("\r\n", "\n")
