"""All-or-nothing writes: a failure part way leaves the folder as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.contribute.atomic import write_files
from newsgold.errors import NewsgoldError


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_new_files_appear_together(tmp_path: Path) -> None:
    write_files({tmp_path / "a.txt": b"A", tmp_path / "sub" / "b.json": b"B"})
    assert (tmp_path / "a.txt").read_bytes() == b"A" and (
        tmp_path / "sub" / "b.json"
    ).read_bytes() == b"B"
    assert not [p for p in tmp_path.rglob(".*.tmp")]  # no temporaries left behind


def test_an_existing_target_undoes_the_files_already_created(tmp_path: Path) -> None:
    (tmp_path / "c.json").write_bytes(b"old")
    before = listing(tmp_path)
    with pytest.raises(NewsgoldError, match="already exists") as caught:
        # a.txt and b.txt are linked into place before c.json turns out to exist
        write_files(
            {tmp_path / "a.txt": b"A", tmp_path / "b.txt": b"B", tmp_path / "c.json": b"new"}
        )
    assert caught.value.file == str(tmp_path / "c.json")
    assert listing(tmp_path) == before


def test_overwrite_restores_previous_contents_on_failure(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"old a")
    (tmp_path / "blocker").mkdir()  # a folder where a file should go: the write fails
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(OSError):
        write_files({tmp_path / "a.json": b"new a", tmp_path / "blocker": b"x"}, overwrite=True)
    assert (tmp_path / "a.json").read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
