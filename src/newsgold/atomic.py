"""Writing files whole or not at all: temporaries beside the targets, flushed, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsgold.errors import NewsgoldError


def write_text(path: Path, text: str) -> None:
    """Write one UTF-8 text file whole or not at all; a missing folder is bad usage (status 2)."""
    if not path.parent.is_dir():
        message = f"folder {str(path.parent)!r} does not exist; create it first"
        raise NewsgoldError(message, str(path), status=2)
    write_files({path: text.encode("utf-8")}, overwrite=True)


def write_files(files: Mapping[Path, bytes], overwrite: bool = False, what: str = "file") -> None:
    """Write every file or none: temporaries first, then renames, undone if one fails.

    Missing folders are created (and removed again on failure). Without ``overwrite`` no existing
    file is touched: each target is created with a hard link, which fails if the name exists, so
    a file that appears meanwhile is never clobbered. An OS error becomes a NewsgoldError saying
    ``cannot write <what>``; on any exception no temporary is left behind.
    """
    temps: dict[Path, Path] = {}
    folders: list[Path] = []  # created here, removed again on failure
    done: list[tuple[Path, bytes | None]] = []  # (target, previous content, None if it was new)
    mode = 0o666 & ~_umask()  # the permissions a plain open() would give
    current = Path()
    try:
        for current, data in files.items():
            folders += _make_folders(current.parent)
            temps[current] = _temporary(current, data, mode)
        last = len(temps) - 1
        for index, (current, tmp) in enumerate(temps.items()):
            if not overwrite:
                _create(tmp, current)
                done.append((current, None))
            elif index < last:
                previous = current.read_bytes() if current.is_file() else None
                os.replace(tmp, current)
                done.append((current, previous))
            else:  # once the last is in place the write is complete: nothing to keep for undoing
                os.replace(tmp, current)
    except BaseException as err:
        _undo(done, [*temps.values(), *reversed(folders)], mode)
        if isinstance(err, OSError):
            raise NewsgoldError(f"cannot write {what}: {err.strerror}", str(current)) from None
        raise
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def write_stream(path: Path, chunks: Iterable[bytes], what: str = "file") -> int:
    """Write chunks to path as they come, whole or not at all; return the bytes written.

    The chunks go to a temporary beside the target, which is renamed over it once the last chunk
    is written and flushed. If the iterable raises (a model failing half way, say), the temporary
    is removed and the target is left as it was. A missing folder is bad usage (status 2).
    """
    if not path.parent.is_dir():
        message = f"folder {str(path.parent)!r} does not exist; create it first"
        raise NewsgoldError(message, str(path), status=2)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    written = 0
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o666 & ~_umask())
            for chunk in chunks:
                written += stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(name, path)
    except OSError as err:
        raise NewsgoldError(f"cannot write {what}: {err.strerror}", str(path)) from None
    finally:
        Path(name).unlink(missing_ok=True)
    return written


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _make_folders(folder: Path) -> list[Path]:
    """Create folder and its missing parents; return those created, outermost first."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    created = []
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by someone else: not ours
            path.mkdir()
            created.append(path)
    return created


def _temporary(target: Path, data: bytes, mode: int) -> Path:
    """Write data to a new hidden temporary file beside target, flushed to disk."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)  # mkstemp makes it private
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _create(tmp: Path, target: Path) -> None:
    """Give tmp the name target, refusing if target exists (even if it appears meanwhile)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise NewsgoldError("already exists; nothing was written", str(target)) from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise NewsgoldError("already exists; nothing was written", str(target)) from None
        os.replace(tmp, target)


def _undo(done: list[tuple[Path, bytes | None]], leftovers: list[Path], mode: int) -> None:
    """Put back what a failed write_files changed, then remove its temporaries and new folders."""
    for target, previous in reversed(done):
        with contextlib.suppress(OSError):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(_temporary(target, previous, mode), target)
    for path in leftovers:  # files first, then folders innermost first
        with contextlib.suppress(OSError):  # a folder someone else wrote into meanwhile stays
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
