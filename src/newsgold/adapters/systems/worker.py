"""A library run in a child Python process with a fixed hash seed, one JSON line per request.

Some libraries answer differently from one run to the next because they iterate over sets of
strings, whose order follows Python's per-process hash seed (quantulum3 orders the alternatives
of its unit pattern so). A leaderboard needs the same answer on every run, and the seed cannot be
set inside a running interpreter: so such a library runs in a child started with
``PYTHONHASHSEED=0``, fed one JSON line per document on its standard input and answering one
JSON line on its standard output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import weakref
from typing import Any

from newsgold.errors import NewsgoldError

HASH_SEED = "0"
STDERR_TAIL = 2000  # characters of the child's stderr quoted when it fails


class Worker:
    """A child ``python -c code`` that reads JSON lines and answers each with one JSON line."""

    def __init__(self, code: str, what: str) -> None:
        self.what = what
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close() or the finalizer)
        env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
        self._process = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        self._closed = weakref.finalize(self, _close, self._process, self._stderr)

    def ask(self, request: Any) -> Any:
        """Send one request, return the child's answer; NewsgoldError when the child fails."""
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = b""
        if not line:
            raise NewsgoldError(f"{self.what} stopped: {self._tail()}")
        try:
            return json.loads(line)
        except ValueError:
            raise NewsgoldError(
                f"{self.what} answered {line[:200]!r}; expected one JSON line"
            ) from None

    def _tail(self) -> str:
        self._process.wait(timeout=10)
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        status = self._process.returncode
        return f"exit status {status}" + (
            f"; its stderr ends:\n{text[-STDERR_TAIL:]}" if text else ""
        )

    def close(self) -> None:
        """End the child (it exits when its input closes)."""
        self._closed()


def _close(process: subprocess.Popen[bytes], stderr: Any) -> None:
    if process.stdin is not None and not process.stdin.closed:
        process.stdin.close()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
    stderr.close()
