"""Argument helpers shared by the contribution subcommands."""

from __future__ import annotations

from pathlib import Path

from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, find_root
from newsgold.errors import NewsgoldError


def repository(root: Path | None) -> Path:
    """The repository root: ``--root`` as given (checked), else found from the current folder up."""
    if root is None:
        return find_root()
    if not (root / CORPUS_DIR).is_dir() or not (root / ANNOTATIONS_DIR).is_dir():
        raise NewsgoldError(
            "--root is not a newsgold repository (expected corpus/ and annotations/ in it)",
            str(root),
            status=2,
        )
    return root.resolve()
