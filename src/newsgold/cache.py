"""A cache of verdicts on file contents: what was once checked need not be checked again.

An entry maps a key (sha256 of everything a verdict depends on: the bytes checked, the options,
the checking code itself) to a short string (the scorer stores a gold document's fingerprint).
A key is found only for the very same bytes checked by the very same code, so a hit can only
repeat a verdict; any change to a file, an option or a checking module is a miss. The cache is a
convenience: it is read and written whole, a missing, unreadable or malformed file is an empty
cache, and a failed write is ignored.

Where: ``$NEWSGOLD_CACHE_DIR`` if set (``off`` or empty: no cache), else
``$XDG_CACHE_HOME/newsgold``, else ``~/.cache/newsgold``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import msgspec

from newsgold.atomic import write_files
from newsgold.errors import NewsgoldError

ENV = "NEWSGOLD_CACHE_DIR"
MAX_ENTRIES = 200_000  # the oldest go first beyond this (about 90 bytes each on disk)


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgold"


def code_digest(paths: Iterable[Path]) -> bytes:
    """sha256 of source files: part of a key, so that changed checking code misses."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.digest()


class VerdictCache:
    """Verdicts by key, read from ``<cache dir>/<name>.json`` and written back by ``save``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, str] = {}
        self.added = 0
        if path is not None:
            with contextlib.suppress(OSError, msgspec.DecodeError):
                self.entries = msgspec.json.decode(path.read_bytes(), type=dict[str, str])

    @classmethod
    def named(cls, name: str) -> VerdictCache:
        """The cache of this name in the cache folder (an always-empty one when caching is off)."""
        folder = cache_dir()
        return cls(None if folder is None else folder / f"{name}.json")

    @staticmethod
    def key(*parts: bytes) -> str:
        """A key of byte strings, each length-prefixed so no two lists of parts share one."""
        digest = hashlib.sha256()
        for part in parts:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def get(self, key: str) -> str | None:
        """The verdict stored under key, if any."""
        return self.entries.get(key)

    def put(self, key: str, verdict: str) -> None:
        """Store a verdict (kept in memory until ``save``)."""
        if self.path is not None and self.entries.get(key) != verdict:
            self.entries.pop(key, None)  # re-inserted last: the newest survive the trim
            self.entries[key] = verdict
            self.added += 1

    def save(self) -> None:
        """Write the cache back if anything was added; a failure is ignored (it stays a cache)."""
        if self.path is None or not self.added:
            return
        kept = dict(list(self.entries.items())[-MAX_ENTRIES:])
        with contextlib.suppress(OSError, NewsgoldError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_files({self.path: msgspec.json.encode(kept)}, overwrite=True, what="cache")
        self.added = 0
