"""Strict JSON reading: duplicate keys, NaN, Infinity and lone surrogates are errors with a JSON pointer."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgold.errors import NewsgoldError


class _NonFinite:
    """Placeholder for NaN or Infinity, so the walk after parsing can say where it was."""

    def __init__(self, token: str) -> None:
        self.token = token


class _DuplicateKeys(dict[str, Any]):
    """An object that had repeated keys (which plain ``json`` would silently merge)."""

    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in seen:
            repeated.append(key)
        seen[key] = value
    if repeated:
        marked = _DuplicateKeys(seen)
        marked.duplicates = repeated
        return marked
    return seen


def _float(token: str) -> float | _NonFinite:
    value = float(token)
    return value if math.isfinite(value) else _NonFinite(token)


def escape_pointer(part: str | int) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(parts: list[str | int] | tuple[str | int, ...]) -> str:
    """Join path parts into a JSON pointer (``/claims/3/source/end``)."""
    return "".join("/" + escape_pointer(p) for p in parts)


def _walk(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    stack = [(path, value)]
    while stack:
        where, node = stack.pop()
        yield where, node
        if isinstance(node, dict):
            stack.extend((where + (k,), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((where + (i,), v) for i, v in reversed(list(enumerate(node))))


# A \uD800-\uDFFF escape (or a raw surrogate in a str): the only ways a string can hold half of a
# UTF-16 pair, which no UTF-8 output can encode. Pairs written as two escapes decode to one
# character, so only strings that still hold a surrogate after parsing are refused.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _surrogate_problem(where: tuple[str | int, ...], node: Any) -> tuple[str, str] | None:
    """(pointer, message) if a string value or an object key holds a lone surrogate."""
    if isinstance(node, str):
        found = _SURROGATE.search(node)
        if found:
            return pointer(where), _surrogate_message(found.group(), "string")
    elif isinstance(node, dict):
        for key in node:
            found = _SURROGATE.search(key)
            if found:
                return pointer(where), _surrogate_message(found.group(), f"key {ascii(key)}")
    return None


def _surrogate_message(char: str, what: str) -> str:
    return (
        f"{what} holds a lone surrogate \\u{ord(char):04x} (half of a UTF-16 pair); "
        "expected Unicode text"
    )


def loads(text: str, file: str = "") -> Any:
    """Parse JSON text strictly, raising NewsgoldError with line/column or JSON pointer."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_NonFinite,
            parse_float=_float,
        )
    except json.JSONDecodeError as err:
        raise NewsgoldError(
            f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})",
            file,
            f"line {err.lineno}",
        ) from None
    except RecursionError:
        raise NewsgoldError("invalid JSON: nested too deeply", file) from None
    surrogates = _SURROGATE_HINT.search(text) is not None
    for where, node in _walk(data):
        if surrogates:
            problem = _surrogate_problem(where, node)
            if problem:
                raise NewsgoldError(problem[1], file, problem[0])
        if isinstance(node, _DuplicateKeys):
            key = node.duplicates[0]
            raise NewsgoldError(
                f"duplicate key {key!r} in one object; expected each key once",
                file,
                pointer(where + (key,)),
            )
        if isinstance(node, _NonFinite):
            raise NewsgoldError(
                f"{node.token} is not a JSON number; expected a finite number", file, pointer(where)
            )
    return data


def load(path: Path, display: str | None = None) -> Any:
    """Read and strictly parse a UTF-8 JSON file."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise NewsgoldError(f"cannot read file: {err.strerror}", name) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise NewsgoldError(
            f"not UTF-8: byte {raw[err.start]:#04x} at offset {err.start}", name
        ) from None
    return loads(text, name)


LineProblem = tuple[str, str]  # (JSON pointer inside the line, message)
_POSITION = re.compile(r"\(line \d+, column (\d+)\)")


def load_lines(path: Path, what: str) -> Iterator[tuple[int, Any, LineProblem | None]]:
    """Parse a UTF-8 JSON Lines file: (line, value, None) or (line, None, problem) per non-blank line.

    The file is read at once: an unreadable one is a NewsgoldError (status 2, naming ``what``), a
    byte that is not UTF-8 one located at its line. A syntax error's column is of its own line.
    """
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise NewsgoldError(f"cannot read {what}: {err.strerror}", name, status=2) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise NewsgoldError(
            f"byte {raw[err.start]:#04x} at offset {err.start} is not UTF-8; "
            "expected UTF-8 JSON Lines",
            name,
            f"line {line}",
        ) from None
    return _parse_lines(text, name)


def _parse_lines(text: str, name: str) -> Iterator[tuple[int, Any, LineProblem | None]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, loads(line, name), None
        except NewsgoldError as err:
            if err.pointer.startswith("line "):  # a syntax error: loads counted lines of this line
                yield number, None, ("", _POSITION.sub(r"(column \1)", err.message))
            else:
                yield number, None, (err.pointer, err.message)


def dumps(data: Any) -> str:
    """Serialise annotation JSON the one way the repository stores it."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps_lines(rows: Iterable[Any]) -> str:
    """Rows as JSON Lines (predictions files): one compact object per line, UTF-8 as is."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
