"""Fixtures: a repository holding the seed article, and the same with a synthetic non-BMP one."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_data import SEED, SYNTHETIC, TEXT, dump, synthetic_annotations, synthetic_metadata
from live_repo import copy_articles


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A temporary repository holding a copy of the seed article (gold) and nothing else."""
    return copy_articles(tmp_path / "repo", [SEED])


@pytest.fixture
def nonbmp_repo(repo: Path) -> Path:
    """The temporary repository with the synthetic non-BMP document added."""
    (repo / "corpus" / f"{SYNTHETIC}.txt").write_bytes(TEXT.encode("utf-8"))
    (repo / "corpus" / f"{SYNTHETIC}.json").write_text(dump(synthetic_metadata(TEXT)), "utf-8")
    (repo / "annotations" / f"{SYNTHETIC}.json").write_text(
        dump(synthetic_annotations(TEXT)), "utf-8"
    )
    return repo
