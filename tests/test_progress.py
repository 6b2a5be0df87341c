"""The progress bar: drawn on a terminal, silent in pipes and files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from newsgold.progress import Progress

ROOT = Path(__file__).resolve().parents[1]


def test_silent_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()  # isatty() is False, as for a pipe or a file
    progress = Progress("work", stream)
    for done in range(1, 4):
        progress(done, 3)
    assert stream.getvalue() == ""


def test_draws_a_bar_and_ends_the_line_when_enabled() -> None:
    stream = io.StringIO()
    progress = Progress("work", stream, enabled=True)
    progress(3, 3)
    # 3 of 3: all 30 cells filled, then a newline so the next output starts on its own line.
    assert stream.getvalue() == "\rwork [" + "#" * 30 + "] 3/3\n"


def test_draws_partial_progress() -> None:
    stream = io.StringIO()
    Progress("work", stream, enabled=True)(1, 3)
    assert stream.getvalue() == "\rwork [" + "#" * 10 + "-" * 20 + "] 1/3"


def test_commands_print_no_bar_into_a_pipe() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "newsgold", "validate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "[#" not in done.stderr and "\r" not in done.stderr
