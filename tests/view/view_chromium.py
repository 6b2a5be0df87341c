"""Debian's headless Chromium without extra packages: command-line dumps and CDP over a pipe."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium")
# Quiet, offline, throwaway profile: nothing may be fetched, so a network request is a finding.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
]


def run(args: list[str], profile: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run chromium once with the quiet flags, console messages logged to stderr."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def console_lines(stderr: str) -> list[str]:
    """Lines of chromium's log that carry page console output or uncaught errors."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


class Browser:
    """Chromium driven by the DevTools protocol over --remote-debugging-pipe (fds 3 and 4)."""

    def __init__(self, profile: Path, timeout: float = 60) -> None:
        assert CHROMIUM is not None
        self.timeout = timeout
        inner, self._write = os.pipe()
        self._read, outer = os.pipe()
        # Above fd 10, so moving them to 3 and 4 cannot overwrite one with the other.
        to_child, from_child = (
            fcntl.fcntl(inner, fcntl.F_DUPFD, 10),
            fcntl.fcntl(outer, fcntl.F_DUPFD, 10),
        )
        os.close(inner)
        os.close(outer)
        # A small Python trampoline moves our pipe ends to fds 3 (commands in) and 4 (replies out)
        # and execs chromium (dash, behind /usr/bin/chromium, cannot redirect fds above 9).
        trampoline = (
            "import os, sys; a, b = int(sys.argv[1]), int(sys.argv[2]); "
            "os.dup2(a, 3); os.dup2(b, 4); os.close(a); os.close(b); "
            "os.execv(sys.argv[3], sys.argv[3:])"
        )
        command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        self.process = subprocess.Popen(
            [sys.executable, "-c", trampoline, str(to_child), str(from_child), *command],
            pass_fds=(to_child, from_child),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> Any:
        """Send one command and return its result (events that arrive meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """Wait for an event of this session (or return one already received)."""
        deadline = time.monotonic() + self.timeout
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            self.events.append(self._message(deadline))

    def open(self, url: str) -> str:
        """Open a page with console, errors and network watched; return its session id."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session: str = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return session

    def evaluate(self, session: str, expression: str) -> Any:
        """The value of a JavaScript expression in the page (thrown errors raise here)."""
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self, session: str) -> list[str]:
        """Console messages, uncaught exceptions and log entries (CSP violations) of a page."""
        out = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            method = event.get("method")
            if method in {"Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded"}:
                out.append(json.dumps(event["params"])[:300])
        return out

    def requests(self, session: str) -> list[str]:
        """URLs the page requested."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("sessionId") == session and e.get("method") == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        """Close the browser and reap the process."""
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)
