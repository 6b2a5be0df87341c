"""All-or-nothing writes: a failure part way leaves the folder as it was, temporaries included."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from newsgold.atomic import write_files, write_stream, write_text
from newsgold.errors import NewsgoldError


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# From tests/contribute/test_atomic_writes.py (contribute/atomic.py's write_files moved here).
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
    # Was OSError: OS errors are now a NewsgoldError naming the target (the CLI shows no traceback).
    with pytest.raises(NewsgoldError):
        write_files({tmp_path / "a.json": b"new a", tmp_path / "blocker": b"x"}, overwrite=True)
    assert (tmp_path / "a.json").read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# New, for the behaviour merged in from jsonio.write_atomic and the viewer's write_tree.
def test_overwrite_replaces_and_keeps_files_it_does_not_write(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old")
    (tmp_path / "mine.txt").write_bytes(b"mine")
    write_files({tmp_path / "a.txt": b"new", tmp_path / "b.txt": b"B"}, overwrite=True)
    assert listing(tmp_path) == {"a.txt": b"new", "b.txt": b"B", "mine.txt": b"mine"}


def test_folders_created_by_a_failed_write_are_removed(tmp_path: Path) -> None:
    (tmp_path / "taken").write_bytes(b"old")
    with pytest.raises(NewsgoldError, match="already exists"):
        write_files({tmp_path / "new" / "deep" / "a.txt": b"A", tmp_path / "taken": b"B"})
    assert listing(tmp_path) == {"taken": b"old"}


def test_a_file_where_a_folder_should_be_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_bytes(b"a file")
    target = tmp_path / "blocker" / "site" / "index.html"
    with pytest.raises(NewsgoldError) as caught:
        write_files({target: b"<p>"}, what="the pages")
    assert caught.value.message.startswith("cannot write the pages: ")
    assert caught.value.file == str(target)
    assert caught.value.status == 1
    assert listing(tmp_path) == {"blocker": b"a file"}


def test_any_exception_leaves_nothing_behind(tmp_path: Path) -> None:
    not_bytes: Any = "a str, which a binary file refuses: TypeError part way"
    with pytest.raises(TypeError):
        write_files({tmp_path / "a.txt": b"A", tmp_path / "sub" / "b.txt": not_bytes})
    assert listing(tmp_path) == {}


def test_write_text_writes_utf8_with_lf_and_plain_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "naïve\nline\n")
    assert target.read_bytes() == "naïve\nline\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    # What open() would give: 0o666 less the umask (mkstemp alone makes 0o600).
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    write_text(target, "again\n")
    assert target.read_text("utf-8") == "again\n"
    assert listing(tmp_path) == {"out.txt": b"again\n"}


def test_write_text_into_a_missing_folder_is_bad_usage(tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError, match="does not exist; create it first") as caught:
        write_text(tmp_path / "no" / "out.txt", "x")
    assert caught.value.status == 2
    assert listing(tmp_path) == {}


def test_write_text_onto_a_folder_leaves_the_folder_and_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(NewsgoldError, match="cannot write file") as caught:
        write_text(tmp_path / "a-folder", "x")
    assert caught.value.file == str(tmp_path / "a-folder")
    assert [p.name for p in tmp_path.iterdir()] == ["a-folder"]


def test_a_stream_is_renamed_into_place_only_when_it_ends(tmp_path: Path) -> None:
    target = tmp_path / "predictions.jsonl"
    assert write_stream(target, iter([b"one\n", b"two\n"])) == 8
    assert target.read_bytes() == b"one\ntwo\n"

    def failing() -> Any:
        yield b"three\n"
        raise RuntimeError("the model failed on the second document")

    with pytest.raises(RuntimeError, match="second document"):
        write_stream(target, failing())
    assert listing(tmp_path) == {"predictions.jsonl": b"one\ntwo\n"}  # old file kept, no temporary


def test_a_stream_into_a_missing_folder_is_bad_usage(tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError, match="does not exist") as caught:
        write_stream(tmp_path / "missing" / "p.jsonl", iter([b"x"]))
    assert caught.value.status == 2
    assert list(tmp_path.iterdir()) == []
