"""All-or-nothing file writes: several files appear together or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from newsgold.errors import NewsgoldError


def _temporary(target: Path, data: bytes) -> Path:
    """Write data to a hidden temporary file beside target, flushed to disk."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return tmp


def write_files(files: dict[Path, bytes], overwrite: bool = False) -> None:
    """Write every file or none: temporaries first, then renames, undone if one fails.

    Without ``overwrite`` no existing file is touched: each target is created with a hard link
    (which fails if the name exists), so a file that appears meanwhile is never clobbered.
    """
    temps: dict[Path, Path] = {}
    done: list[tuple[Path, bytes | None]] = []  # (target, previous content or None if new)
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temps[target] = _temporary(target, data)
        for target, tmp in temps.items():
            if overwrite:
                previous = target.read_bytes() if target.exists() else None
                os.replace(tmp, target)
                done.append((target, previous))
            else:
                try:
                    os.link(tmp, target)
                except FileExistsError:
                    raise NewsgoldError(
                        "already exists; nothing was written", str(target)
                    ) from None
                except OSError:  # a file system without hard links: check, then rename
                    if target.exists():
                        raise NewsgoldError(
                            "already exists; nothing was written", str(target)
                        ) from None
                    os.replace(tmp, target)
                done.append((target, None))
    except BaseException:
        for target, previous in reversed(done):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
        raise
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
