"""Fixtures for release tests: a small repository, its default build, and an offline datasets cache."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# datasets reads the HF_* variables when imported: set them before anything below imports it,
# and pass cache_dir explicitly too (another test module may have imported datasets already).
from release_fixtures import hf_env, make_repo  # noqa: E402

HF_HOME = Path(tempfile.mkdtemp(prefix="newsgold-hf-"))
os.environ.update(hf_env(HF_HOME))

from newsgold.release import build  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _hf_home() -> Iterator[None]:
    yield
    shutil.rmtree(HF_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus two invented articles (read-only: copy it to change it)."""
    return make_repo(tmp_path_factory.mktemp("repo"))


@pytest.fixture(scope="session")
def release(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``repo`` built with its draft (oslo) included: every split has rows (read-only)."""
    out = tmp_path_factory.mktemp("built") / "release"
    build(repo, out, include_drafts=True)
    return out


@pytest.fixture
def cache_dir(tmp_path: Path) -> str:
    """A fresh datasets cache for one test."""
    return str(tmp_path / "hf-cache")
