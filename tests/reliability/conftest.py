"""Fixtures: a small valid repository to break (see reliability_repo.py for the helpers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_repo import SEED

from newsgold import synthetic


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two valid synthetic documents in the repository layout (gold only)."""
    out = tmp_path_factory.mktemp("pristine") / "repo"
    synthetic.write_corpus(out, 2, seed=SEED)
    return out


@pytest.fixture
def repo(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the pristine repository, inside a folder that also has room outside it."""
    root = tmp_path / "repo"
    shutil.copytree(pristine, root, symlinks=True)
    return root
