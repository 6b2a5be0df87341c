"""Pages generated from the data (docs/leaderboard.md, docs/corpus.md): print, write or check."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from newsgold.atomic import write_text


def publish(
    target: Path,
    text: str,
    mode: str,
    command: str,
    current: Callable[[str], str] | None = None,
) -> int:
    """Print the page (mode "print"), write it ("write") or check it is current ("check").

    Returns the exit status: 1 when a check finds the file out of date, naming ``command`` as the
    way to regenerate it, else 0. ``current``, when given, is applied to the file's text before a
    check compares it: it drops what this environment cannot recompute.
    """
    if mode == "write":
        write_text(target, text)
    elif mode == "check":
        found = target.read_text(encoding="utf-8") if target.is_file() else ""
        if (current(found) if current else found) != text:
            print(f"{target} is out of date: run {command} --write", file=sys.stderr)
            return 1
    else:
        print(text, end="")
    return 0
