"""Pages generated from the data (docs/leaderboard.md, docs/corpus.md): print, write or check."""

from __future__ import annotations

import sys
from pathlib import Path

from newsgold.atomic import write_text


def publish(target: Path, text: str, mode: str, command: str) -> int:
    """Print the page (mode "print"), write it ("write") or check it is current ("check").

    Returns the exit status: 1 when a check finds the file out of date, naming ``command`` as the
    way to regenerate it, else 0.
    """
    if mode == "write":
        write_text(target, text)
    elif mode == "check":
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run {command} --write", file=sys.stderr)
            return 1
    else:
        print(text, end="")
    return 0
