"""Strict JSON reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold import jsonio
from newsgold.errors import NewsgoldError


@pytest.mark.parametrize(
    ("text", "pointer", "fragment"),
    [
        ('{"a": 1, "a": 2}', "/a", "duplicate key 'a'"),
        ('{"x": [{"v": NaN}]}', "/x/0/v", "NaN"),
        ('{"x": -Infinity}', "/x", "-Infinity"),
        ('{"x": 1e999}', "/x", "1e999"),
        ('{"a/b": {"c": 1, "c": 1}}', "/a~1b/c", "duplicate key 'c'"),
        ('{"a": ', "line 1", "invalid JSON"),
        # 100,000 brackets on line 1: the deepest one is the last, at column 100,000.
        ("[" * 100_000, "line 1", "nested too deeply, 100000 levels (line 1, column 100000)"),
        # brackets in strings do not count: the object and 100,000 brackets from line 2, column 7
        (
            '{"a": "[[[[",\n "b": ' + "[" * 100_000,
            "line 2",
            "100001 levels (line 2, column 100006)",
        ),
        # 5,000 digits in a string are text; the number after "n" starts at line 2, column 7
        ('{"s": "' + "9" * 5000 + '",\n "n": ' + "9" * 5000 + "}", "line 2", "(line 2, column 7)"),
    ],
    ids=[
        "duplicate",
        "nan",
        "infinity",
        "overflow",
        "escaped",
        "truncated",
        "deep",
        "deep-2",
        "long",
    ],
)
def test_bad_json_is_located(text: str, pointer: str, fragment: str) -> None:
    with pytest.raises(NewsgoldError) as info:
        jsonio.loads(text, "f.json")
    assert info.value.pointer == pointer
    assert fragment in info.value.message
    assert info.value.located().startswith("f.json")


def test_good_json_round_trips() -> None:
    data = {"é": [1, 2.5, None, True, "🙂"]}
    assert jsonio.loads(jsonio.dumps(data)) == data
    assert "🙂" in jsonio.dumps(data)  # stored as UTF-8, not escaped


def test_dumps_with_rows_is_the_same_json_with_one_line_per_row() -> None:
    data = {"format": "x/1", "documents": {"d1": {"n": [1, 2]}, "d2": {"t": "é"}}, "total": 3}
    text = jsonio.dumps_with_rows(data, "documents")
    assert json.loads(text) == data
    lines = text.splitlines()
    # The rows come last, each on one line, compact and UTF-8 as is.
    assert lines[-5:] == [
        '  "documents": {',
        '    "d1": {"n": [1, 2]},',
        '    "d2": {"t": "é"}',
        "  }",
        "}",
    ]
    assert lines[:3] == ["{", '  "format": "x/1",', '  "total": 3,']
    # Without rows it is plain dumps.
    assert jsonio.dumps_with_rows({"a": 1}, "documents") == jsonio.dumps({"a": 1})
    assert json.loads(jsonio.dumps_with_rows({"documents": {"d": 1}}, "documents")) == {
        "documents": {"d": 1}
    }


def test_a_file_that_is_not_utf8_is_located_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b'{\n "a": "caf\xe9"\n}\n')  # Latin-1 e-acute: byte 12, on line 2
    with pytest.raises(NewsgoldError) as info:
        jsonio.load(path, "f.json")
    assert (info.value.file, info.value.pointer) == ("f.json", "line 2")
    assert "byte 0xe9 at offset 12" in info.value.message


def test_load_lines_reads_line_by_line_and_locates_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    # Line 1 is 9 bytes, line 2 (blank) 1, line 3 9: line 4 starts at byte 19, its 0xff is 7 in.
    path.write_bytes(b'{"a": 1}\n\n{"b": [}\n{"c": "\xff"}\n')
    lines = jsonio.load_lines(path, "rows")
    assert next(lines) == (1, {"a": 1}, None)
    number, value, problem = next(lines)  # a syntax error is a problem of its line, not an error
    assert (number, value) == (3, None)
    assert problem is not None and problem[0] == "" and "(column 8)" in problem[1]
    with pytest.raises(NewsgoldError) as err:
        next(lines)  # the lines before were already given: nothing waits for the whole file
    assert (err.value.file, err.value.pointer) == (str(path), "line 4")
    assert "byte 0xff at offset 26 is not UTF-8" in err.value.message
    with pytest.raises(NewsgoldError) as missing:
        jsonio.load_lines(tmp_path / "none.jsonl", "rows")
    assert missing.value.status == 2 and "cannot read rows" in missing.value.message
