"""Faults injected into real builds: SIGKILL at random points, read-only and full targets, a rival.

- ``newsgold build`` of a 200-article corpus is killed (SIGKILL) at seeded random moments, some
  anywhere in the run, some while it writes (after it took the lock): each time the previous
  release is byte for byte as it was and verifies, and the next build succeeds and cleans up.
- A build killed between the two renames of the swap is recovered by the next build.
- A read-only output folder (a read-only bind mount: root ignores permission bits, not a
  read-only mount; ``chattr +i`` as a fallback) gives one clear error and changes nothing; so
  does every other command that writes (view, export, baseline, score --output, new, import).
- A full disk (a small tmpfs) gives one clear error and leaves no partial release, with or
  without a previous release on it.
- A second build while the first holds the lock (the first frozen with SIGSTOP mid-write, so
  the overlap is certain) gets the lock message, and the first then finishes intact.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from robust_helpers import SEED as SEED_DOC
from robust_helpers import cli, cli_env, copy_repo, snapshot
from robust_synth import RandomSource, article, make_repo

from newsgold.release import build, verify

ARTICLES = 200
NEW_ARTICLE = ["new", "--url", "https://example.org/news/1", "--published", "2025-03-01"]
KILLS = 4
SEED = 20250601


def _popen(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsgold", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_lock(lock: Path, pid: int, process: subprocess.Popen[str], limit: float) -> bool:
    """Wait until the build with this pid holds the lock (it writes its pid there); False if it ended."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if lock.is_file() and lock.read_text().strip() == str(pid):
            return True
        time.sleep(0.005)
    return False


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f"{out.name}.*-*"))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return cli_env(tmp_path_factory.mktemp("hf"))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository of 200 generated articles (read-only: copy it to change it)."""
    src = RandomSource(random.Random(SEED))
    articles = [article(src, number, sentences=2) for number in range(ARTICLES)]
    return make_repo(tmp_path_factory.mktemp("big") / "repo", articles)


def _change(repo: Path, version: int = 1) -> None:
    """A new version of the sources: one more article (so every data file changes)."""
    extra = article(RandomSource(random.Random(SEED + version)), ARTICLES + version, sentences=3)
    extra.write(repo)


@pytest.mark.slow  # builds of 200 articles, killed and rerun until enough kills land
def test_killed_builds_leave_the_previous_release_and_the_next_build_succeeds(
    big: Path, env: dict[str, str], tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(big, repo)
    out = tmp_path / "release"
    old_fingerprint = build(repo, out).fingerprint
    old = snapshot(out)
    _change(repo, 1)
    new_fingerprint = build(repo, tmp_path / "expected").fingerprint
    new = snapshot(tmp_path / "expected")  # builds are deterministic: this is what out becomes
    assert new_fingerprint != old_fingerprint
    rng = random.Random(SEED)
    lock = tmp_path / "release.lock"
    # Kill moments are fractions of this machine's own build time, so they land inside the run
    # however fast it is: one complete build through the CLI, timed to its lock and to its end.
    began = time.monotonic()
    timing = _popen(["build", "--out", str(tmp_path / "timing")], repo, env)
    assert _wait_for_lock(tmp_path / "timing.lock", timing.pid, timing, 60)
    to_lock = time.monotonic() - began
    timing.communicate(timeout=120)
    total = time.monotonic() - began
    interrupted = {"writing": 0, "anywhere": 0}  # kills that came before the swap
    scale = {"writing": 1.0, "anywhere": 1.0}  # halved after a kill that came too late
    round_, version = 0, 1
    while round_ < KILLS or min(interrupted.values()) == 0:
        assert round_ < 4 * KILLS, f"no kill landed inside a build: {interrupted}"
        process = _popen(["build", "--out", str(out)], repo, env)
        when = "writing" if round_ % 2 else "anywhere"
        round_ += 1
        if when == "writing":  # after it took the lock, i.e. once it validated and writes
            assert _wait_for_lock(lock, process.pid, process, 60), process.communicate()
            time.sleep(rng.uniform(0.0, 0.5) * (total - to_lock) * scale[when])
        else:
            time.sleep(rng.uniform(0.1, 0.8) * total * scale[when])
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        now = snapshot(out)
        assert now in (old, new), f"round {round_}: a release neither old nor new"
        assert verify(out) == (old_fingerprint if now == old else new_fingerprint)
        if now == new:  # the build got past its swap before the signal: start again from it
            old, old_fingerprint = new, new_fingerprint
            scale[when] /= 2
            version += 1  # and give the next builds something new to write
            _change(repo, version)
            expected = tmp_path / f"expected-{version}"
            new_fingerprint = build(repo, expected).fingerprint
            new = snapshot(expected)
        else:
            assert process.returncode == -signal.SIGKILL
            interrupted[when] += 1
    assert interrupted["writing"] >= 1 and interrupted["anywhere"] >= 1, interrupted
    done = cli(["build", "--out", str(out), "--format", "json"], repo, env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["fingerprint"] == new_fingerprint == verify(out)
    assert snapshot(out) == new
    assert _leftovers(out) == []  # staging folders of killed builds are gone


def test_a_build_killed_between_the_renames_is_recovered(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = tmp_path / "release"
    fingerprint = build(repo, out).fingerprint
    before = snapshot(out)
    # The state _swap leaves when killed after its first rename: the old release set aside, a
    # finished new folder not yet in place.
    out.rename(tmp_path / "release.old-123-abcd")
    shutil.copytree(tmp_path / "release.old-123-abcd", tmp_path / "release.tmp-123-abcd")
    (tmp_path / "release.tmp-123-abcd" / "README.md").write_text("half\n")
    build(repo, out)
    assert snapshot(out) == before and verify(out) == fingerprint
    assert _leftovers(out) == []


# --- read-only and full targets -------------------------------------------------------------


def _run(command: list[str]) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder root cannot write into, and how it was made so."""
    source, folder = tmp_path / "source", tmp_path / "readonly"
    source.mkdir()
    folder.mkdir()
    if _run(["mount", "--bind", str(source), str(folder)]):
        if _run(["mount", "-o", "remount,bind,ro", str(folder)]):
            yield folder, "read-only bind mount"
            _run(["umount", str(folder)])
            return
        _run(["umount", str(folder)])
    if shutil.which("chattr") and _run(["chattr", "+i", str(folder)]):
        yield folder, "chattr +i"
        _run(["chattr", "-i", str(folder)])
        return
    pytest.skip("neither a read-only bind mount nor chattr +i is permitted here")


def test_a_read_only_output_folder_is_a_clear_error(
    read_only: tuple[Path, str], env: dict[str, str], tmp_path: Path
) -> None:
    folder, how = read_only
    assert not _run(["touch", str(folder / "probe")]), f"{how} did not stop root"
    repo = copy_repo(tmp_path / "repo")
    before = snapshot(tmp_path)
    done = cli(["build", "--out", str(folder / "release")], repo, env)
    assert done.returncode == 1, done.stderr
    reason = "Read-only file system" if "mount" in how else "Operation not permitted"
    assert done.stderr == (
        f"newsgold build: {folder / 'release.lock'}: cannot write the release: {reason}; "
        "the previous release, if any, is unchanged\n"
    )
    assert snapshot(tmp_path) == before


def test_every_other_writer_gives_one_clear_error_on_a_read_only_target(
    read_only: tuple[Path, str], env: dict[str, str], tmp_path: Path
) -> None:
    """view, export, baseline, score --output, and (on a read-only mount of the repository) new
    and import write through newsgold.atomic: one line naming the file, nothing changed."""
    folder, how = read_only
    repo = copy_repo(tmp_path / "repo")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"doc_id": SEED_DOC, "entities": []}) + "\n", "utf-8")
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\nA new article.\n", "utf-8")
    # (command, where it is run, the file its message must name)
    runs: list[tuple[list[str], Path, Path]] = [
        (["view", "--out", str(folder / "view")], repo, folder / "view" / "articles"),
        (["export", "brat", "--out", str(folder / "brat")], repo, folder / "brat"),
        (["export", "labelstudio", "--out", str(folder / "ls")], repo, folder / "ls"),
        (["baseline", "--out", str(folder / "b.jsonl")], repo, folder / "b.jsonl"),
        (["score", str(pred), "--format", "json", "--output", str(folder / "s.json")], repo,
         folder / "s.json"),
    ]  # fmt: skip
    if "mount" in how:  # the bind mount shows source/ read-only: a repository nobody can write
        shutil.copytree(repo, tmp_path / "source" / "repo")
        locked = folder / "repo"
        export = cli(["export", "brat", "--out", str(tmp_path / "brat")], repo, env)
        assert export.returncode == 0, export.stderr
        runs += [
            ([*NEW_ARTICLE, "--text", str(article)], locked, locked / "corpus"),
            (["import", "brat", str(tmp_path / "brat"), "--force"], locked, locked / "annotations"),
        ]
    reason = "Read-only file system" if "mount" in how else "Operation not permitted"
    before = snapshot(tmp_path)
    for args, cwd, named in runs:
        done = cli(args, cwd, env)
        assert done.returncode == 1, (args, done.stderr)
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, (args, done.stderr)
        assert lines[0].startswith(f"newsgold {args[0]}: {named}"), (args, lines[0])
        assert lines[0].endswith(f": {reason}"), (args, lines[0])
    assert snapshot(tmp_path) == before


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A mount point for small tmpfs file systems, unmounted afterwards."""
    point = tmp_path / "disk"
    point.mkdir()
    if not _run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)]):
        pytest.skip("mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN)")
    _run(["umount", str(point)])
    yield point
    while _run(["umount", str(point)]):
        pass


def _pages(folder: Path) -> int:
    return sum(-(-p.stat().st_size // 4096) for p in folder.rglob("*") if p.is_file())


def test_a_full_disk_leaves_no_partial_release(
    tmpfs: Path, env: dict[str, str], tmp_path: Path
) -> None:
    repo = copy_repo(tmp_path / "repo")
    assert _run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tmpfs)])
    done = cli(["build", "--out", str(tmpfs / "release")], repo, env)
    assert done.returncode == 1, done.stderr
    assert "cannot write the release: No space left on device" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmpfs.iterdir()) == ["release.lock"]


def test_a_full_disk_keeps_the_previous_release(
    tmpfs: Path, env: dict[str, str], tmp_path: Path
) -> None:
    repo = copy_repo(tmp_path / "repo")
    build(repo, tmp_path / "sized")
    pages = _pages(tmp_path / "sized") + 1  # the release and its lock file fit; two copies do not
    size = (pages + pages // 2) * 4096
    assert _run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(tmpfs)])
    out = tmpfs / "release"
    fingerprint = build(repo, out).fingerprint
    before = snapshot(tmpfs)
    done = cli(["build", "--out", str(out)], repo, env)
    assert done.returncode == 1, done.stderr
    assert "cannot write the release: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(tmpfs) == before and verify(out) == fingerprint


# --- two builds at once ---------------------------------------------------------------------


def test_a_second_build_gets_the_lock_message_and_the_first_finishes(
    big: Path, env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "release"
    first = _popen(["build", "--out", str(out), "--format", "json"], big, env)
    try:
        assert _wait_for_lock(tmp_path / "release.lock", first.pid, first, 60)
        first.send_signal(signal.SIGSTOP)  # frozen mid-write, holding the lock
        second = cli(["build", "--out", str(out)], big, env)
    finally:
        first.send_signal(signal.SIGCONT)
    stdout, stderr = first.communicate(timeout=120)
    assert second.returncode == 1 and second.stdout == ""
    assert second.stderr == (
        f"newsgold build: {out}: another newsgold build or hydrate is writing this release "
        f"(lock release.lock held by process {first.pid}); wait for it to finish and run again\n"
    )
    assert first.returncode == 0, stderr
    assert json.loads(stdout)["fingerprint"] == verify(out)  # whole, as the first wrote it
    assert _leftovers(out) == []
