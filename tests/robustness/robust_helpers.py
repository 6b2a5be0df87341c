"""Shared by the robustness tests: repository copies, the real CLI in a subprocess, file snapshots."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = "2025-02-04-themoscowtimes-a87849"
LOCK_SUFFIX = ".lock"  # a build's lock file: kept between builds, its content is the holder's pid


def copy_repo(target: Path) -> Path:
    """A copy of this repository's data (corpus/, annotations/, docs/, CHANGELOG.md) at target."""
    target.mkdir(parents=True)
    for folder in ("corpus", "annotations", "docs"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "CHANGELOG.md", target / "CHANGELOG.md")
    return target


def hf_env(home: Path) -> dict[str, str]:
    """The real datasets library offline, with its cache under home."""
    return {
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_HOME": str(home),
        "HF_DATASETS_CACHE": str(home / "datasets"),
    }


def cli_env(home: Path) -> dict[str, str]:
    """Environment of a CLI subprocess: the source tree on the path, datasets offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTEST"))}
    return {**env, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "0", **hf_env(home)}


def cli(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m newsgold ARGS`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsgold", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under folder ('dir' for folders, 'lock' for locks).

    Lock files are compared by existence only: taking a lock writes the holder's pid into it.
    """
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        elif path.name.endswith(LOCK_SUFFIX):
            out[rel] = "lock"
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
