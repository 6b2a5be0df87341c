"""Shared by the robustness tests: repository copies, the real CLI in a subprocess, file snapshots."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from live_repo import ROOT, SEED, copy_articles

LOCK_SUFFIX = ".lock"  # a build's lock file: kept between builds, its content is the holder's pid


def copy_repo(target: Path) -> Path:
    """A repository at target: the seed article of this one, its docs/ and CHANGELOG.md.

    One article whatever the corpus grows to: the cases are about bad input, not corpus size,
    and each runs in its own copy.
    """
    return copy_articles(target, [SEED], extras=("docs", "CHANGELOG.md"))


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
