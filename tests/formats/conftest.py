"""Fixtures: temporary copies of the repository, one with a synthetic non-BMP document added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from formats_data import REPO, SYNTHETIC, TEXT, dump, synthetic_annotations, synthetic_metadata


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A temporary copy of the repository's corpus and annotations."""
    root = tmp_path / "repo"
    for folder in ("corpus", "annotations"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def nonbmp_repo(repo: Path) -> Path:
    """The temporary repository with the synthetic non-BMP document added."""
    (repo / "corpus" / f"{SYNTHETIC}.txt").write_bytes(TEXT.encode("utf-8"))
    (repo / "corpus" / f"{SYNTHETIC}.json").write_text(dump(synthetic_metadata(TEXT)), "utf-8")
    (repo / "annotations" / f"{SYNTHETIC}.json").write_text(
        dump(synthetic_annotations(TEXT)), "utf-8"
    )
    return repo
