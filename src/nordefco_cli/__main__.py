"""Where `nordefco` (the installed script) and `python -m nordefco_cli` start.

Ctrl-C must end a run with status 130 and no traceback at any moment, also
while click and the commands are still being imported (tens of milliseconds,
on every run and every TAB of shell completion). So the handler goes in
before anything else is imported: the private `_signal` rather than
`signal`, whose enum import alone takes longer than our own start.
"""

from __future__ import annotations

import os
from _signal import SIGINT  # type: ignore[import-not-found]  # no stubs: signal's own
from _signal import signal as _on_signal

TYPE_CHECKING = False  # not typing's: its import would cost more than our own start
if TYPE_CHECKING:
    from types import FrameType


def _exit_now(signum: int, frame: FrameType | None) -> None:
    # Nothing has been written yet, or the run is already unwinding: end here.
    os._exit(130)


_on_signal(SIGINT, _exit_now)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # Once: unwind through the command's cleanup (cli.NordefcoGroup.main
    # turns it into status 130); a second Ctrl-C, or one while unwinding, ends at once.
    _on_signal(SIGINT, _exit_now)
    raise KeyboardInterrupt


def run() -> None:
    """Run the command line: the [project.scripts] entry point; exits with its status."""
    from .cli.main import main

    _on_signal(SIGINT, _interrupt)
    try:
        main(prog_name="nordefco")  # always ends with SystemExit
    except KeyboardInterrupt:
        # Arrived while main was already finishing, past its own handling.
        _exit_now(SIGINT, None)
    finally:
        _on_signal(SIGINT, _exit_now)


if __name__ == "__main__":
    run()
