"""The pull-request path: the CI workflow, the pre-commit hook, the templates, the job summary."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from live_repo import ROOT as REPO
from live_repo import SEED, copy_repository

from newsgold.contribute.ci import main as summary_main
from newsgold.contribute.ci import summary_markdown


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(
        (REPO / ".github" / "workflows" / "validate.yml").read_text("utf-8")
    )
    return data


def validate_step() -> dict[str, Any]:
    steps = workflow()["jobs"]["validate"]["steps"]
    found = [s for s in steps if "newsgold validate --format json" in s.get("run", "")]
    assert len(found) == 1
    step: dict[str, Any] = found[0]
    return step


def test_workflow_runs_on_pull_requests_and_validates_then_tests() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads the bare key `on` as true
    assert "pull_request" in triggers
    steps = data["jobs"]["validate"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    runs = [s.get("run", "") for s in steps]
    install = next(i for i, r in enumerate(runs) if "pip install" in r)
    validate = next(i for i, r in enumerate(runs) if "newsgold validate --format json" in r)
    tests = next(i for i, r in enumerate(runs) if "pytest" in r)
    assert install < validate < tests
    assert "GITHUB_STEP_SUMMARY" in runs[validate]
    assert steps[tests].get("if") == "${{ !cancelled() }}"  # tests run even when validation failed


def run_validate_step(root: Path, tmp_path: Path) -> tuple[int, str]:
    """Run the workflow's validate script with bash, as the runner would, in a copy of the repo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "newsgold"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsgold "$@"\n', "utf-8")
    shim.chmod(0o755)
    summary = tmp_path / "summary.md"
    summary.write_text("", "utf-8")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO / "src"),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    script = validate_step()["run"]
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, summary.read_text("utf-8")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_validate_step_fails_the_job_and_reports_in_the_summary(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repo")  # the live corpus with its split record
    status, summary = run_validate_step(root, tmp_path)
    assert status == 0
    assert "✅ valid" in summary

    path = root / "annotations" / f"{SEED}.json"
    ann = json.loads(path.read_text("utf-8"))
    ann["entities"][0]["end"] += 1  # the span's text no longer matches its offsets
    path.write_text(json.dumps(ann, ensure_ascii=False, indent=2) + "\n", "utf-8")
    status, summary = run_validate_step(root, tmp_path)
    assert status == 1
    assert "❌ INVALID" in summary
    assert f"| `annotations/{SEED}.json` | `/entities/0/text` |" in summary
    assert "span-text-mismatch" in summary


def test_summary_escapes_table_cells_and_handles_a_missing_report() -> None:
    report = {
        "valid": False,
        "documents": 1,
        "counts": {"files": 0, "schema": 1, "document": 0, "corpus": 0},
        "incidents": [
            {
                "file": "annotations/x.json",
                "pointer": "/claims/0",
                "id": "schema-violation",
                "message": "a | b\nc",
                "level": 2,
                "severity": "error",
            }
        ],
    }
    text = summary_markdown(report, 1)
    assert "| L2 schema | 1 |" in text
    assert "a \\| b c" in text  # the pipe escaped, the line break flattened: one table row
    assert "**schema-violation**" in text
    assert "no report" in summary_markdown(None, 2) and "status 2" in summary_markdown(None, 2)


def test_summary_module_reads_a_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.json"
    path.write_text(
        json.dumps({"valid": True, "documents": 3, "counts": {}, "incidents": []}), "utf-8"
    )
    assert summary_main([str(path)]) == 0
    assert "3 document(s) checked" in capsys.readouterr().out
    assert summary_main([str(tmp_path / "missing.json"), "--status", "2"]) == 0
    assert "no report" in capsys.readouterr().out


def test_pre_commit_hook_runs_the_validator_on_corpus_and_annotation_files() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "newsgold-validate")
    assert hook["entry"] == "newsgold validate"
    assert hook["language"] == "system" and hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    for path in (f"corpus/{SEED}.txt", f"corpus/{SEED}.json", f"annotations/{SEED}.json"):
        assert pattern.search(path), path
    for path in (
        "src/newsgold/corpus.py",
        "docs/guidelines.md",
        "tests/corpus/x.json",
        "schema/a.json",
    ):
        assert not pattern.search(path), path


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text("utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.DOTALL)
    assert match, f"{path} has no YAML front matter"
    data: dict[str, Any] = yaml.safe_load(match.group(1))
    return data, match.group(2)


def test_issue_and_pull_request_templates_ask_for_the_guidelines_version() -> None:
    templates = sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.md"))
    assert len(templates) >= 2
    for path in templates:
        meta, body = front_matter(path)
        assert {"name", "about"} <= set(meta), path
        assert "Guidelines version" in body, path
    pr = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    assert "Guidelines version" in pr and "newsgold validate" in pr and "newsgold view" in pr


def test_contributing_guide_covers_the_path() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    for command in (
        "newsgold new",
        "newsgold export labelstudio",
        "newsgold import brat",
        "newsgold validate",
        "newsgold view",
        "newsgold agree",
    ):
        assert command in guide, command
    assert "guidelines_version" in guide
