"""Predictions files: JSON Lines or Parquet, told apart by suffix or magic bytes.

The Parquet layout (docs/scoring.md, "Predictions as Parquet") holds one row per document, as
JSON Lines holds one line: a ``doc_id`` string column, an optional ``system`` string column, and
one optional column per layer, a list of structs whose fields are the span properties of the
predictions schema. A null list is a layer the row does not predict (the key absent); an empty
list predicts nothing; a null field is a property absent from the span. ``write_predictions``
writes either format whole or not at all, one row group per ``ROWS_PER_GROUP`` documents so
memory stays bounded; ``read_rows`` checks the Arrow schema on open and yields each row as the
prediction object its JSON line would have been, for the scorer to check like any other.

pyarrow is imported only when a Parquet file is written or read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.atomic import write_stream
from newsgold.corpus import LAYERS
from newsgold.errors import NewsgoldError
from newsgold.jsonio import dumps_lines, pointer

if TYPE_CHECKING:
    import pyarrow as pa

PARQUET_MAGIC = b"PAR1"
PARQUET_SUFFIX = ".parquet"
ROWS_PER_GROUP = 512  # documents per row group: the rows a writer or reader holds at once
LAYOUT_DOC = "the predictions layout of docs/scoring.md"

# The struct fields of each layer's items: (name, kind, required); kind "int", "str", "float",
# "strs" (a list of strings) or the name of a nested struct ("source", "cue"). Besides the
# properties the predictions schema names, those gold annotations carry (wikidata, a date's
# anchor and function, a claim's links), so gold-shaped predictions are written whole.
_SPAN = [("start", "int", True), ("end", "int", True), ("text", "str", False), ("id", "str", False)]
FIELDS: dict[str, list[tuple[str, str, bool]]] = {
    "entities": [
        *_SPAN,
        ("type", "str", True),
        ("entity_id", "str", False),
        ("wikidata", "str", False),
    ],
    "dates": [
        *_SPAN,
        ("type", "str", True),
        ("value", "str", False),
        ("mod", "str", False),
        ("anchor", "str", False),
        ("function", "str", False),
    ],
    "figures": [
        *_SPAN,
        ("kind", "str", True),
        ("value", "float", False),
        ("value_max", "float", False),
        ("unit", "str", False),
        ("modifier", "str", False),
    ],
    "claims": [
        *_SPAN,
        ("source", "source", False),
        ("cue", "cue", False),
        ("quote", "str", False),
        ("certainty", "str", False),
        ("polarity", "str", False),
        ("dates", "strs", False),
        ("figures", "strs", False),
        ("reported_on", "str", False),
    ],
    "source": [*_SPAN, ("entity_id", "str", False)],
    "cue": list(_SPAN),
}


def is_parquet(path: Path) -> bool:
    """Whether a predictions file is Parquet: by its suffix, else by its first four bytes."""
    if path.suffix == PARQUET_SUFFIX:
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == PARQUET_MAGIC
    except OSError:
        return False  # the JSON Lines reader says why it cannot be read


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    simple = {
        "int": pa.int64(),
        "str": pa.string(),
        "float": pa.float64(),
        "strs": pa.list_(pa.string()),
    }
    if kind in simple:
        return simple[kind]
    return pa.struct(
        [pa.field(n, _arrow_type(k), nullable=not required) for n, k, required in FIELDS[kind]]
    )


def arrow_schema() -> pa.Schema:
    """The Arrow schema ``write_predictions`` writes."""
    import pyarrow as pa

    layers = [pa.field(layer, pa.list_(_arrow_type(layer))) for layer in LAYERS]
    return pa.schema(
        [pa.field("doc_id", pa.string(), nullable=False), pa.field("system", pa.string()), *layers]
    )


def write_predictions(lines: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write prediction objects to ``path``, as Parquet if it ends in ``.parquet``, else as JSON
    Lines; whole or not at all, streaming. Return how many objects were written.

    A Parquet file holds only the properties of the layout; an object with another (a score, a
    note) is a NewsgoldError naming it, and nothing is written: JSON Lines keeps everything.
    """
    count = [0]
    if path.suffix == PARQUET_SUFFIX:
        chunks: Iterable[bytes] = _parquet_chunks(lines, count, str(path))
    else:
        chunks = json_chunks(lines, count)
    write_stream(path, chunks, what="predictions")
    return count[0]


def json_chunks(lines: Iterable[Mapping[str, Any]], count: list[int]) -> Iterator[bytes]:
    """Each prediction object as one UTF-8 JSON line, counted in ``count[0]`` as it goes."""
    for line in lines:
        count[0] += 1
        yield dumps_lines([line]).encode("utf-8")


class _Sink:
    """A write-only file object that keeps what was written until drained."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def drain(self) -> Iterator[bytes]:
        parts, self.parts = self.parts, []
        yield from parts


def _parquet_chunks(
    lines: Iterable[Mapping[str, Any]], count: list[int], name: str
) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    sink = _Sink()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema)
    batch: list[Mapping[str, Any]] = []
    try:
        for line in lines:
            count[0] += 1
            _check_fields(line, name, count[0])
            batch.append(line)
            if len(batch) == ROWS_PER_GROUP:
                writer.write_table(_table(batch, schema, name, count[0] - len(batch)))
                batch = []
                yield from sink.drain()
        if batch:
            writer.write_table(_table(batch, schema, name, count[0] - len(batch)))
    finally:
        writer.close()
    yield from sink.drain()


def _check_fields(line: Mapping[str, Any], name: str, row: int) -> None:
    """Refuse a property the layout has no column or field for (it would be dropped)."""
    unknown = [key for key in line if key not in ("doc_id", "system", *LAYERS)]
    if unknown:
        raise NewsgoldError(
            f"property {unknown[0]!r} has no column in {LAYOUT_DOC}; write JSON Lines to keep it",
            name,
            f"row {row}{pointer([unknown[0]])}",
        )
    for layer in LAYERS:
        for i, item in enumerate(line.get(layer) or []):
            _check_item(item, layer, name, row, [layer, i])


def _check_item(item: Any, kind: str, name: str, row: int, where: list[str | int]) -> None:
    if not isinstance(item, Mapping):
        return  # pyarrow says what it cannot convert
    known = {field: sub for field, sub, _ in FIELDS[kind]}
    for key, value in item.items():
        if key not in known:
            raise NewsgoldError(
                f"property {key!r} has no field in {LAYOUT_DOC}; write JSON Lines to keep it",
                name,
                f"row {row}{pointer([*where, key])}",
            )
        if known[key] in FIELDS and value is not None:
            _check_item(value, known[key], name, row, [*where, key])


def _table(batch: list[Mapping[str, Any]], schema: pa.Schema, name: str, first: int) -> pa.Table:
    import pyarrow as pa

    try:
        return pa.Table.from_pylist(list(batch), schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as err:
        raise NewsgoldError(
            f"cannot write as Parquet ({err}); expected {LAYOUT_DOC}",
            name,
            f"rows {first + 1}-{first + len(batch)}",
        ) from None


# Reading


def read_rows(path: Path, layers: Sequence[str] = LAYERS) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row of a Parquet predictions file as (row number from 1, prediction object).

    The file's Arrow schema is checked first (a NewsgoldError naming the missing or mistyped
    column or field, status 1); rows are read a row group at a time, and of the layer columns
    only those of ``layers`` (the others are neither read nor part of the objects).
    """
    import pyarrow.parquet as pq  # not read_table: that imports pyarrow.dataset

    name = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as err:
        # a file not there is a usage error (status 2); a broken one is bad input (status 1)
        missing = isinstance(err, FileNotFoundError | IsADirectoryError | PermissionError)
        raise NewsgoldError(
            f"cannot read predictions as Parquet: {err}", name, status=2 if missing else 1
        ) from None
    check_schema(parquet.schema_arrow, name)
    wanted = ("doc_id", "system", *layers)
    return _rows(parquet, name, [c for c in parquet.schema_arrow.names if c in wanted])


def _rows(parquet: Any, name: str, columns: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow as pa

    number = 0
    for group in range(parquet.num_row_groups):
        try:
            table = parquet.read_row_group(group, columns=columns, use_threads=False)
        except (OSError, ValueError, pa.ArrowException) as err:
            raise NewsgoldError(
                f"cannot read row group {group} of the Parquet file: {err}",
                name,
                f"row {number + 1}",
            ) from None
        values_of = {column: _values(table.column(column)) for column in table.column_names}
        for row in range(table.num_rows):
            number += 1
            obj: dict[str, Any] = {}
            for column, values in values_of.items():
                if values[row] is not None or column == "doc_id":
                    obj[column] = values[row]
            yield number, obj


def _values(column: Any) -> list[Any]:
    """A column's values as Python objects, structs as dicts without their null fields."""
    out: list[Any] = []
    for chunk in column.chunks:
        out.extend(_pylist(chunk))
    return out


def _pylist(array: Any) -> list[Any]:
    import pyarrow as pa

    kind = array.type
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        offsets = array.offsets.to_pylist()
        items = _pylist(array.values)
        valid = _valid(array)
        return [
            items[offsets[i] : offsets[i + 1]] if valid is None or valid[i] else None
            for i in range(len(array))
        ]
    if pa.types.is_struct(kind):
        names = [kind.field(i).name for i in range(kind.num_fields)]
        children = array.flatten()
        rows = [
            dict(zip(names, values, strict=True))
            for values in zip(*map(_pylist, children), strict=True)
        ]
        if not names:
            rows = [{} for _ in range(len(array))]
        for field, child in zip(names, children, strict=True):
            if child.null_count:  # a null field is an absent property
                for row in rows:
                    if row[field] is None:
                        del row[field]
        valid = _valid(array)
        return (
            rows
            if valid is None
            else [r if ok else None for r, ok in zip(rows, valid, strict=True)]
        )
    values: list[Any] = array.to_pylist()
    return values


def _valid(array: Any) -> list[bool] | None:
    """Which entries are not null (None when none is)."""
    if not array.null_count:
        return None
    return [value is not None for value in array.to_pylist()]


def check_schema(schema: pa.Schema, name: str) -> None:
    """Raise NewsgoldError (status 1, bad input) naming the first column or field off the layout."""
    import pyarrow as pa

    def fail(where: str, problem: str) -> None:
        raise NewsgoldError(
            f"column {where}: {problem}; expected {LAYOUT_DOC} (doc_id string, system string, "
            f"{', '.join(LAYERS)}: lists of span structs)",
            name,
        )

    names = schema.names
    if "doc_id" not in names:
        fail("doc_id", "missing")
    for column in names:
        if column not in ("doc_id", "system", *LAYERS):
            fail(column, "not a column of the layout")
    for column in ("doc_id", "system"):
        if column in names and not _is_string(schema.field(column).type):
            fail(column, f"is {schema.field(column).type}, not a string")
    for layer in LAYERS:
        if layer in names:
            kind = schema.field(layer).type
            if not (pa.types.is_list(kind) or pa.types.is_large_list(kind)):
                fail(layer, f"is {kind}, not a list of structs")
            _check_struct(kind.value_type, layer, layer, fail)


def _check_struct(kind: Any, fields_of: str, where: str, fail: Any) -> None:
    import pyarrow as pa

    if not pa.types.is_struct(kind):
        fail(where, f"holds {kind}, not structs")
        return
    present = {kind.field(i).name: kind.field(i).type for i in range(kind.num_fields)}
    for field, sub, required in FIELDS[fields_of]:
        at = f"{where}.{field}"
        if field not in present:
            if required:
                fail(at, "missing")
            continue
        have = present[field]
        if sub == "int" and not pa.types.is_integer(have):
            fail(at, f"is {have}, not an integer")
        elif sub == "str" and not _is_string(have):
            fail(at, f"is {have}, not a string")
        elif sub == "float" and not (pa.types.is_floating(have) or pa.types.is_integer(have)):
            fail(at, f"is {have}, not a number")
        elif sub == "strs" and not (
            (pa.types.is_list(have) or pa.types.is_large_list(have)) and _is_string(have.value_type)
        ):
            fail(at, f"is {have}, not a list of strings")
        elif sub in FIELDS:
            _check_struct(have, sub, at, fail)


def _is_string(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))
