"""Fixtures for the viewer tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from view_fixtures import make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the seed article and the hostile article."""
    return make_repo(tmp_path / "repo")
