"""Text rules and repository layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.corpus import (
    entity_key,
    find_root,
    is_doc_id,
    read_text,
    select_doc_ids,
    text_problems,
)
from newsgold.errors import NewsgoldError


@pytest.mark.parametrize(
    ("raw", "ids"),
    [
        (b"ok\n", []),
        (b"\xef\xbb\xbfok\n", ["text-bom"]),
        (b"a\r\nb\n", ["text-crlf"]),
        (b"a\nb\x00\n", ["text-nul"]),
        ("cafe\u0301\n".encode(), ["text-not-nfc"]),
        (b"\xff", ["text-not-utf8"]),
        (b"", ["text-empty"]),
        (b" \n\n", ["text-empty"]),
    ],
)
def test_text_problems(raw: bytes, ids: list[str]) -> None:
    assert [p[0] for p in text_problems(raw)] == ids


def test_text_problem_lines() -> None:
    (problem,) = text_problems(b"one\ntwo\nthr\xffee\n")
    assert problem[1] == "line 3"


def test_read_text_keeps_content_exact(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Zürich 🙂\n\n".encode())
    assert read_text(path) == "Zürich 🙂\n\n"
    path.write_bytes(b"a\r\n")
    with pytest.raises(NewsgoldError, match="carriage return"):
        read_text(path)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2025-02-04-themoscowtimes-a87849", True),
        ("a", True),
        ("Upper", False),
        ("a/b", False),
        ("..", False),
        ("-lead", False),
        ("trail-", False),
        ("a" * 80, True),
        ("a" * 81, False),
    ],
)
def test_doc_id(value: str, ok: bool) -> None:
    assert is_doc_id(value) is ok


def test_find_root_refuses_non_repository(tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError):
        find_root(tmp_path)


def test_select_doc_ids(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    for doc_id in ("b", "a", "c"):
        (tmp_path / "corpus" / f"{doc_id}.txt").write_text("x")
    assert select_doc_ids(tmp_path, None) == ["a", "b", "c"]  # all, sorted
    assert select_doc_ids(tmp_path, ["c", "a", "c"]) == ["c", "a"]  # as asked, repeats dropped
    with pytest.raises(NewsgoldError) as caught:
        select_doc_ids(tmp_path, ["a", "x", "y", "x"])
    assert caught.value.status == 2
    assert caught.value.message.startswith("unknown doc_id 'x', 'y';")


def test_entity_key_fits_the_schema() -> None:
    assert entity_key("Zürich") == "zurich"
    # 119 a's, a space and "bcd" slug to 123 characters; cut to the schema's 120 they would end in
    # "-", which the pattern forbids, so the key is the 119 a's.
    assert entity_key("a" * 119 + " bcd") == "a" * 119
    # Nothing Latin: "x" and ten hex digits of the name's sha1, stable and distinct.
    assert len(entity_key("Москва")) == 11 and entity_key("Москва") != entity_key("Киев")
