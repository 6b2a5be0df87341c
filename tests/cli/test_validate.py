"""The validate command as a user runs it: exit codes, text and JSON output, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "validate" / "cases"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "newsgold", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_valid_repository_exits_0() -> None:
    done = run("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("VALID: ")


def test_invalid_case_exits_1_with_located_line() -> None:
    done = run("validate", "--root", str(CASES / "span-text-mismatch"))
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith(
        "annotations/2025-03-03-example-1.json:/entities/1/text: [L3 error span-text-mismatch]"
    )
    assert "'Anna Borg'" in first and "'Anna Berg'" in first
    assert "INVALID" in done.stdout.splitlines()[-1]
    assert "Traceback" not in done.stderr


def test_json_format() -> None:
    done = run("validate", "--root", str(CASES / "timex-value-invalid"), "--format", "json")
    data = json.loads(done.stdout)
    assert done.returncode == 1
    assert data["valid"] is False
    assert data["counts"] == {"files": 0, "schema": 0, "document": 1, "corpus": 0}
    (incident,) = data["incidents"]
    assert incident["id"] == "timex-value-invalid" and incident["pointer"] == "/dates/2/value"


def test_paths_select_documents() -> None:
    case = CASES / "text-duplicate"
    done = run("validate", str(case / "annotations" / "2025-03-03-example-2.json"))
    assert done.returncode == 0, done.stdout


def test_bad_usage_exits_2_without_traceback(tmp_path: Path) -> None:
    for args in (
        ["validate", "no-such-file"],
        ["validate", "--root", str(tmp_path)],
        ["validate", "--format", "xml"],
        [],
    ):
        done = run(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr


def test_help_and_version() -> None:
    assert "four levels" in run("validate", "--help").stdout
    assert run("--version").stdout.startswith("newsgold ")
