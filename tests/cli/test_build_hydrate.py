"""build and hydrate as a user runs them: exit codes, summaries, the load_dataset line, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "release"))
from release_fixtures import SEED, ZURICH, hf_env, make_repo  # noqa: E402


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The subprocesses' environment: the source tree, datasets offline with its own cache."""
    home = tmp_path_factory.mktemp("hf")
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), **hf_env(home)}


def run(env: dict[str, str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsgold", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("cli") / "repo")


def test_build_prints_a_summary_ending_in_a_working_load_dataset_line(
    env: dict[str, str], repo: Path, tmp_path: Path
) -> None:
    done = run(env, "build", cwd=repo)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Built {repo / 'release'}: newsgold 0.1.0, fingerprint sha256:")
    assert "documents: 2 (train 1, test 1); with text 1, without text 1" in done.stdout
    assert "drafts left out: 1 (newsgold build --include-drafts adds them)" in done.stdout
    assert lines[-2:] == [
        "Load it with:",
        f'  from datasets import load_dataset; ds = load_dataset("{(repo / "release").resolve().as_posix()}")',
    ]
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    code = lines[-1].strip() + "; print(ds['train'][0]['doc_id'])"
    elsewhere = tmp_path  # the line must work from any folder, not only where build ran
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == ZURICH


def test_invalid_sources_print_the_report_and_build_nothing(
    env: dict[str, str], repo: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(repo, broken, ignore=shutil.ignore_patterns("release*"))
    path = broken / "annotations" / f"{ZURICH}.json"
    path.write_text(path.read_text("utf-8").replace('"value": "P2W"', '"value": "2W"'), "utf-8")
    done = run(env, "build", "--root", str(broken), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "[L3 error timex-value-invalid]" in done.stdout and "INVALID" in done.stdout
    assert "nothing was built" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_bad_usage_exits_2(env: dict[str, str], repo: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("x")
    done = run(env, "build", "--root", str(repo), "--out", str(mine))
    assert done.returncode == 2 and "not a newsgold release" in done.stderr
    assert run(env, "hydrate", str(tmp_path)).returncode == 2  # --texts is required
    assert run(env, "build", "--root", str(mine)).returncode == 2  # not a repository
    for args in (["build", "--help"], ["hydrate", "--help"]):
        assert run(env, *args).returncode == 0


def test_include_drafts_releases_every_article(
    env: dict[str, str], repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    done = run(env, "build", "--root", str(repo), "--out", str(out), "--include-drafts")
    assert done.returncode == 0, done.stderr
    assert (
        "documents: 3 (train 1, validation 1, test 1); with text 2, without text 1" in done.stdout
    )
    assert "drafts left out" not in done.stdout
    assert "--include-drafts" in run(env, "build", "--help").stdout


def test_the_live_corpus_builds_in_under_ten_seconds(env: dict[str, str], tmp_path: Path) -> None:
    for extra in ([], ["--include-drafts"]):
        started = time.perf_counter()
        done = run(env, "build", "--out", str(tmp_path / "release"), *extra)
        elapsed = time.perf_counter() - started
        assert done.returncode == 0, done.stderr
        assert elapsed < 10, f"newsgold build {' '.join(extra)} took {elapsed:.1f} s"


def test_hydrate_round_trip_and_refusal(env: dict[str, str], repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    build = ["build", "--root", str(repo), "--out", str(out), "--no-text", "--include-drafts"]
    assert run(env, *build).returncode == 0
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(repo / "corpus" / f"{SEED}.txt", texts)
    (texts / f"{ZURICH}.txt").write_text("not the article", encoding="utf-8")
    refused = run(env, "hydrate", str(out), "--texts", str(texts))
    assert refused.returncode == 1 and f"{ZURICH}.txt: sha256" in refused.stderr
    assert "Traceback" not in refused.stderr
    shutil.copy(repo / "corpus" / f"{ZURICH}.txt", texts)
    done = run(env, "hydrate", str(out), "--texts", str(texts))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Restored 2 text(s).")
    assert "with text 2, without text 1" in done.stdout  # oslo's text was not supplied
    assert "Still without text (1): 2025-03-06-example-oslo" in done.stdout


def test_a_held_lock_is_reported(env: dict[str, str], repo: Path, tmp_path: Path) -> None:
    from newsgold.release.build import locked

    out = tmp_path / "release"
    with locked(out):
        done = run(env, "build", "--root", str(repo), "--out", str(out))
    assert done.returncode == 1
    assert f"lock release.lock held by process {os.getpid()}" in done.stderr
