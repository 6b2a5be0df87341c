"""Helpers of the reliability tests: the repository to break, running the CLI, fingerprints."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold import synthetic

REPO = Path(__file__).resolve().parents[2]
SEED = 7
DOC = synthetic.doc_id(SEED, 0)  # the document the cases break
OTHER = synthetic.doc_id(SEED, 1)  # a second, valid one
TEXT = f"corpus/{DOC}.txt"
META = f"corpus/{DOC}.json"
ANN = f"annotations/{DOC}.json"


@dataclass
class Run:
    """What the CLI did: exit status, parsed JSON report (when printed), stderr."""

    status: int
    report: dict[str, Any] | None
    stdout: str
    stderr: str

    def incidents(self, pid: str) -> list[dict[str, Any]]:
        """The incidents with this id."""
        assert self.report is not None, self.stderr
        return [i for i in self.report["incidents"] if i["id"] == pid]


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """``python -m newsgold ARGS`` in a subprocess, as a user runs it."""
    env = {
        "PYTHONPATH": str(REPO / "src"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    done = subprocess.run(
        [sys.executable, "-m", "newsgold", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd or REPO,
        env=env,
        timeout=300,
    )
    report = None
    if done.stdout.lstrip().startswith("{"):
        report = json.loads(done.stdout)
    return Run(done.returncode, report, done.stdout, done.stderr)


def fingerprint(root: Path) -> dict[str, str]:
    """Every entry under root: a file's sha256, a symlink's target, a folder's mark."""
    prints: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            prints[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            prints[rel] = "dir"
        else:
            prints[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return prints


def load(root: Path, rel: str) -> Any:
    """A JSON file of the repository."""
    return json.loads((root / rel).read_text("utf-8"))


def save(root: Path, rel: str, data: Any) -> None:
    """Write JSON as the repository stores it (non-ASCII kept)."""
    (root / rel).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
