"""Strict JSON reading: duplicate keys, NaN, Infinity and lone surrogates are located errors."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import msgspec

from newsgold.errors import NewsgoldError

T = TypeVar("T")


class _NonFinite:
    """Placeholder for NaN or Infinity, so the walk after parsing can say where it was."""

    def __init__(self, token: str) -> None:
        self.token = token


class _DuplicateKeys(dict[str, Any]):
    """An object that had repeated keys (which plain ``json`` would silently merge)."""

    duplicates: list[str]


def _repeated(pairs: list[tuple[str, Any]]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _ in pairs:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    return repeated


# A \uD800-\uDFFF escape: the only way a JSON text can produce a surrogate in a Python str.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


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


# Strings (skipped whole, escapes included), brackets, and runs of digits outside strings.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|\d+')


def _line_column(text: str, at: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _deepest(text: str) -> tuple[int, int]:
    """The greatest nesting depth of brackets outside strings, and where it is first reached."""
    depth = most = at = 0
    for token in _TOKENS.finditer(text):
        kind = token.group()[0]
        if kind in "[{":
            depth += 1
            if depth > most:
                most, at = depth, token.start()
        elif kind in "]}":
            depth -= 1
    return most, at


def _long_integer(text: str) -> int:
    """Where the first run of digits longer than int() reads is, outside strings (0 if none)."""
    limit = sys.get_int_max_str_digits()
    for token in _TOKENS.finditer(text):
        if token.group()[0].isdigit() and len(token.group()) > limit:
            return token.start()
    return 0


def loads(text: str, file: str = "") -> Any:
    """Parse JSON text strictly, raising NewsgoldError with line/column or JSON pointer.

    Rejected besides syntax errors: repeated keys, NaN and Infinity, and escapes of lone
    surrogates ("\\ud800"), which no UTF-8 file can hold and no reader can print.
    """
    flagged: list[bool] = []  # the hooks note here that the walk below has something to find

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        flagged.append(True)
        marked = _DuplicateKeys(obj)
        marked.duplicates = _repeated(items)
        return marked

    def number(token: str) -> float | _NonFinite:
        value = float(token)
        if math.isfinite(value):
            return value
        flagged.append(True)
        return _NonFinite(token)

    def constant(token: str) -> _NonFinite:
        flagged.append(True)
        return _NonFinite(token)

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number
        )
    except json.JSONDecodeError as err:
        raise NewsgoldError(
            f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})",
            file,
            f"line {err.lineno}",
        ) from None
    except RecursionError:
        depth, at = _deepest(text)
        line, column = _line_column(text, at)
        raise NewsgoldError(
            f"invalid JSON: nested too deeply, {depth} levels (line {line}, column {column})",
            file,
            f"line {line}",
        ) from None
    except ValueError as err:  # an integer of more than 4,300 digits
        reason = str(err).split(":")[0]
        line, column = _line_column(text, _long_integer(text))
        raise NewsgoldError(
            f"invalid JSON: a number cannot be read ({reason}) (line {line}, column {column})",
            file,
            f"line {line}",
        ) from None
    if flagged:
        for where, node in _walk(data):
            if isinstance(node, _DuplicateKeys):
                key = node.duplicates[0]
                raise NewsgoldError(
                    f"duplicate key {key!r} in one object; expected each key once",
                    file,
                    pointer(where + (key,)),
                )
            if isinstance(node, _NonFinite):
                raise NewsgoldError(
                    f"{node.token} is not a JSON number; expected a finite number",
                    file,
                    pointer(where),
                )
    if ("\\u" in text and _SURROGATE_ESCAPE.search(text)) or _has_surrogate(text):
        _lone_surrogates(data, file)
    return data


def _has_surrogate(text: str) -> bool:
    """Whether a string holds a surrogate code point (UTF-8 cannot encode one); C-fast."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _lone_surrogates(data: Any, file: str) -> None:
    """Raise for the first string (key or value) holding a surrogate the parser left unpaired."""
    for where, node in _walk(data):
        strings = [(node, "a string")] if isinstance(node, str) else []
        if isinstance(node, dict):
            strings = [(key, "a key") for key in node]
        for value, kind in strings:
            found = _SURROGATE.search(value)
            if found:
                raise NewsgoldError(
                    f"lone surrogate \\u{ord(found.group()):04x} in {kind}; expected valid "
                    "Unicode (a surrogate escape is only valid as half of a pair: \\ud83d\\udcf7)",
                    file,
                    pointer(where),  # a key's own pointer would hold the surrogate: its object's
                )


_ENCODE = msgspec.json.Encoder().encode
_ANY = msgspec.json.Decoder()


def proven(raw: bytes, decode: Callable[[bytes], T]) -> T | None:
    """The value of ``raw`` by a fast (msgspec) decoder when it is provably what ``loads`` would
    accept and return, else None: then ``loads`` must read it and say where it fails.

    msgspec already refuses what ``loads`` refuses except repeated keys (the last one wins):
    bad UTF-8, NaN and Infinity, numbers out of range, lone surrogates, too deep nesting. A
    repeated key leaves fewer keys decoded than written, and every key of a JSON text is
    followed by exactly one colon outside strings, so a text has no repeated key when it holds
    as many colons as the compact encoding of its decoded value (whose keys are exactly the
    decoded ones; colons inside strings are the same on both sides unless escaped as
    ``\u003a``, which sends the text to ``loads``). Two byte counts and one encode, in C.

    A typed decoder (``msgspec.json.Decoder(type=...)``) must decode into types that keep every
    key they read (Structs that forbid unknown fields, optional fields defaulting to UNSET).
    """
    try:
        value = decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if b"\\u003" in raw or raw.count(b":") != _ENCODE(value).count(b":"):
        return None
    return value


def load(
    path: Path, display: str | None = None, decode: Callable[[bytes], Any] = _ANY.decode
) -> Any:
    """Read and strictly parse a UTF-8 JSON file (``decode``: as in ``load_bytes``)."""
    name = display or str(path)
    return load_bytes(read_bytes(path, name), name, decode)


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, or NewsgoldError ``cannot read file`` naming it."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise NewsgoldError(f"cannot read file: {err.strerror}", name) from None


def load_bytes(raw: bytes, name: str, decode: Callable[[bytes], Any] = _ANY.decode) -> Any:
    """Strictly parse UTF-8 JSON bytes: by ``decode`` when ``proven``, else by ``loads``.

    With a typed decoder the value is what it made (a Struct) when proven, else the plain
    value of ``loads``: a caller tells them apart by type.
    """
    value = proven(raw, decode)
    if value is not None:
        return value
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise NewsgoldError(
            f"not UTF-8: byte {raw[err.start]:#04x} at offset {err.start}", name, f"line {line}"
        ) from None
    return loads(text, name)


LineProblem = tuple[str, str]  # (JSON pointer inside the line, message)
# The mistake of writing all the objects as one JSON array, explained (format with ``what``).
_ONE_PER_LINE = (
    "{} must be JSON Lines, one object per document on its own line, not one array of them"
)
_POSITION = re.compile(r"\(line \d+, column (\d+)\)")


def load_lines(
    path: Path, what: str, decode: Callable[[bytes], Any] | None = None
) -> Iterator[tuple[int, Any, LineProblem | None]]:
    """Parse a UTF-8 JSON Lines file: (line, value, None) or (line, None, problem) per non-blank line.

    The file is opened at once (an unreadable one is a NewsgoldError, status 2, naming ``what``)
    and read a line at a time, so a file of any size takes the memory of its longest line. A byte
    that is not UTF-8 is a NewsgoldError located at its line; a syntax error's column is of its
    own line. A line that is a JSON array, or a syntax error on one that opens with ``[``, is a
    problem saying the file must hold one object per line (the common mistake of one array).
    With ``decode`` (a typed msgspec decoder), a line it decodes and ``proven`` vouches for is
    yielded as its value (a Struct, say); every other line is read as above.
    """
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        raise NewsgoldError(f"cannot read {what}: {err.strerror}", name, status=2) from None
    return _parse_lines(handle, name, what, decode)


def _parse_lines(
    handle: BinaryIO, name: str, what: str, decode: Callable[[bytes], Any] | None
) -> Iterator[tuple[int, Any, LineProblem | None]]:
    offset = 0  # of the line's first byte in the file
    with handle:
        for number, raw in enumerate(_lines(handle, name, what), start=1):
            if decode is not None:
                fast = proven(raw, decode)
                if fast is not None:
                    offset += len(raw)
                    yield number, fast, None
                    continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise NewsgoldError(
                    f"byte {raw[err.start]:#04x} at offset {offset + err.start} is not UTF-8; "
                    "expected UTF-8 JSON Lines",
                    name,
                    f"line {number}",
                ) from None
            offset += len(raw)
            if not line.strip():
                continue
            try:
                value = loads(line, name)
            except NewsgoldError as err:
                # A syntax error is located by line and column within this one line.
                if not err.pointer.startswith("line "):
                    yield number, None, (err.pointer, err.message)
                    continue
                message = _POSITION.sub(r"(column \1)", err.message)
                if line.lstrip().startswith("["):  # most likely a pretty-printed array
                    message += f"; the line opens a JSON array: {_ONE_PER_LINE.format(what)}"
                yield number, None, ("", message)
                continue
            if isinstance(value, list):
                problem = f"the line is a JSON array where an object was expected; {_ONE_PER_LINE}"
                yield number, None, ("", problem.format(what))
            else:
                yield number, value, None


def _lines(handle: BinaryIO, name: str, what: str) -> Iterator[bytes]:
    """The file's lines (split at LF only, as str.split("\\n") would), read errors located."""
    try:
        yield from handle
    except OSError as err:
        raise NewsgoldError(f"cannot read {what}: {err.strerror}", name, status=2) from None


def dumps(data: Any) -> str:
    """Serialise annotation JSON the one way the repository stores it."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps_with_rows(data: Mapping[str, Any], key: str) -> str:
    """Like dumps, but the mapping under ``key`` comes last with one compact line per entry.

    Per-document parts of reports run to megabytes; Python pretty-prints in its slow pure-Python
    encoder, while compact lines take the C one and stay one document per line for ``grep``.
    """
    rows = data.get(key)
    if not isinstance(rows, Mapping) or not rows:
        return dumps(data)
    head = json.dumps({k: v for k, v in data.items() if k != key}, ensure_ascii=False, indent=2)
    lines = ",\n".join(
        f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in rows.items()
    )
    before = "{" if head == "{}" else head[:-2] + ","
    return f"{before}\n  {json.dumps(key)}: {{\n{lines}\n  }}\n}}\n"


def dumps_lines(rows: Iterable[Any]) -> str:
    """Rows as JSON Lines (predictions files): one compact object per line, UTF-8 as is."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
