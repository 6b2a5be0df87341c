"""Strict JSON reading."""

from __future__ import annotations

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
        ("[" * 100_000, "", "nested too deeply"),
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
