"""Reading a system's predictions (JSON Lines), every problem located by line and JSON pointer."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold import jsonio, prediction_files
from newsgold.corpus import LAYERS
from newsgold.errors import NewsgoldError
from newsgold.schemas import enum
from newsgold.scoring import typed
from newsgold.shown import contrast, quoted
from newsgold.timex import canonical, value_problem

MAX_SHOWN = 20  # problems listed in one error message


@dataclass(frozen=True)
class Problem:
    """One fault of a predictions file: its line, a JSON pointer inside the line, what is wrong."""

    line: int
    pointer: str
    message: str
    unit: str = "line"  # "row" in a Parquet file
    doc_id: str = ""  # a Parquet row's, named beside its number

    def where(self) -> str:
        """``line N`` followed by the JSON pointer (``line 3/entities/0/end``); a Parquet row
        as ``row 3 (doc-id)/entities/0/end``."""
        named = f" ({self.doc_id})" if self.doc_id else ""
        return f"{self.unit} {self.line}{named}{self.pointer}"


@dataclass
class Predictions:
    """Checked predictions: one object per doc_id, and the line each came from."""

    source: str
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


CODE_POINTS = "expected offsets in code points (not UTF-16 units or bytes)"


def _span_problems(where: str, span: Mapping[str, Any], text: str) -> Iterator[tuple[str, str]]:
    start, end = span["start"], span["end"]
    if end > len(text):
        yield (
            f"{where}/end",
            f"end {end} is past the text's end ({len(text)} code points); {CODE_POINTS}",
        )
    elif start >= end:
        yield f"{where}/end", f"end {end} is not after start {start}; expected start < end"
    elif "text" in span and span["text"] != text[start:end]:
        said, actual, differ = contrast(span["text"], text[start:end])
        yield (
            f"{where}/text",
            f"text is {said}; the text at {start}:{end} is {actual} ({differ}); {CODE_POINTS}",
        )


def span_problems(obj: Mapping[str, Any], text: str) -> Iterator[tuple[str, str]]:
    """Offsets and texts of every span of a schema-valid object, claim sources and cues included."""
    size = len(text)
    for layer in LAYERS:
        for i, item in enumerate(obj.get(layer, [])):
            start, end = item["start"], item["end"]  # the test of _span_problems, inline
            if end > size or start >= end or ("text" in item and item["text"] != text[start:end]):
                yield from _span_problems(f"/{layer}/{i}", item, text)
            if layer == "claims":
                for part in ("source", "cue"):
                    if isinstance(item.get(part), dict):
                        yield from _span_problems(f"/{layer}/{i}/{part}", item[part], text)


def scored_part(obj: Any, layers: Sequence[str]) -> Any:
    """A prediction object without its unscored layers (a non-object as it is, for the schema)."""
    if not isinstance(obj, dict) or len(layers) == len(LAYERS):
        return obj
    return {k: v for k, v in obj.items() if k in layers or k not in LAYERS}


def _label_problems(obj: Any, labels: Collection[str]) -> tuple[Any, list[tuple[str, str]]]:
    """Entity labels not in a label map's labels, and the object with every entity label
    replaced by a gold type, for the schema to check the rest."""
    entities = obj.get("entities") if isinstance(obj, dict) else None
    if not isinstance(entities, list):
        return obj, []
    problems = []
    checked = []
    for i, item in enumerate(entities):
        if isinstance(item, dict) and isinstance(item.get("type"), str):
            if item["type"] not in labels:
                problems.append(
                    (
                        f"/entities/{i}/type",
                        f"label {quoted(item['type'])} is not in the label map; expected one "
                        f"of {', '.join(labels)}",
                    )
                )
            item = {**item, "type": MAPPED_STAND_IN}
        checked.append(item)
    return {**obj, "entities": checked}, problems


MAPPED_STAND_IN = "PERSON"  # any gold type: stands for a mapped label while the schema checks


def object_problems(
    obj: Any, texts: Mapping[str, str], entity_labels: Collection[str] | None = None
) -> list[tuple[str, str]]:
    """(pointer, message) for every fault of one prediction object: schema, doc_id, spans.

    With ``entity_labels`` (a label map's), entity types must be among them instead of the
    gold types.
    """
    label_problems: list[tuple[str, str]] = []
    schema_obj = obj
    if entity_labels is not None:
        schema_obj, label_problems = _label_problems(obj, entity_labels)
    from newsgold.validate.schema import schema_incidents  # jsonschema: only when not typed

    schema_problems = schema_incidents(schema_obj, "predictions", "")  # fast path when valid
    if schema_problems or label_problems:
        return [*label_problems, *((i.pointer, i.message) for i in schema_problems)]
    return content_problems(obj, texts)


def content_problems(obj: Mapping[str, Any], texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """(pointer, message) for the faults of a schema-valid prediction object no schema can
    see: an unknown doc_id, offsets and texts that do not fit the text, values, ids twice."""
    doc_id = obj["doc_id"]
    if doc_id not in texts:
        return [("/doc_id", f"unknown doc_id {doc_id!r}; expected the doc_id of a gold document")]
    return [*span_problems(obj, texts[doc_id]), *value_problems(obj)]


def value_problems(obj: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Values that cannot exist in a schema-valid object: a TIMEX3 value no type allows, an id
    given twice.

    TimeML's decade and century values ("199", "19") are read as the guidelines' "199X", "19XX".
    A well-formed but wrong value (a value of another type, a figure that misreads its digits)
    is a prediction to score, not a fault of the file.
    """
    for i, date in enumerate(obj.get("dates", [])):
        value = date.get("value")
        value = canonical(value) if isinstance(value, str) else value
        problem = value_problem(date["type"], value) if isinstance(value, str) else None
        if problem is not None and all(value_problem(t, value) for t in enum("timex_type")):
            yield f"/dates/{i}/value", f"{problem[1]} (and no other TIMEX3 type allows it)"
    ids = [item["id"] for layer in LAYERS for item in obj.get(layer, []) if "id" in item]
    if len(set(ids)) == len(ids):
        return  # no id given twice (the common case, without a pointer made per item)
    seen: dict[str, str] = {}
    for layer in LAYERS:
        for i, item in enumerate(obj.get(layer, [])):
            if "id" in item:
                where = f"/{layer}/{i}/id"
                if item["id"] in seen:
                    yield where, f"id {item['id']!r} is already used at {seen[item['id']]}"
                seen.setdefault(item["id"], where)


PredictionLines = Path | str | Iterable[Mapping[str, Any]]


def as_lines(source: PredictionLines | Predictions) -> tuple[PredictionLines, str]:
    """Predictions to check line by line, and how errors name them (a path, the name of
    already read Predictions, or ``<predictions>``)."""
    if isinstance(source, Predictions):
        return list(source.documents.values()), source.source
    return source, str(source) if isinstance(source, str | Path) else "<predictions>"


def checked_lines(
    source: PredictionLines,
    texts: Mapping[str, str],
    layers: Sequence[str] = LAYERS,
    entity_labels: Collection[str] | None = None,
) -> Iterator[tuple[int, dict[str, Any] | None, list[Problem]]]:
    """Each line as (number, the checked object of the scored layers or None, its problems).

    One line at a time, so a caller can score a huge file without holding it. A doc_id
    predicted on an earlier line is a problem of the later one. ``entity_labels``: the labels
    of a label map, which entity types must be instead of gold types.
    """
    unit = "line"
    parsed: Iterable[tuple[int, Any, Problem | None, bool]]
    if isinstance(source, str | Path) and prediction_files.is_parquet(Path(source)):
        unit = "row"
        parsed = (
            (n, obj, None, typed.valid(obj, entity_labels))
            for n, obj in prediction_files.read_rows(Path(source), layers)
        )
    elif isinstance(source, str | Path):
        decode = typed.prediction_decoder(entity_labels)
        parsed = (
            (n, obj, None if problem is None else Problem(n, *problem), False)
            for n, obj, problem in jsonio.load_lines(Path(source), "predictions", decode)
        )
    else:
        parsed = ((n, obj, None, False) for n, obj in enumerate(source, start=1))
    seen: dict[str, int] = {}
    for number, obj, problem, proven in parsed:
        if problem is not None:
            yield number, None, [problem]
            continue
        row_id = _row_id(obj) if unit == "row" else ""
        if typed.is_typed(obj):  # parsed strictly and schema-valid in every layer (and label)
            obj = typed.scored_dict(obj, layers)
            found = content_problems(obj, texts)
        elif proven:  # a Parquet row whose every layer passed the typed check
            obj = scored_part(obj, layers)
            found = content_problems(obj, texts)
        else:
            obj = scored_part(obj, layers)  # the other layers are neither checked nor kept
            found = object_problems(obj, texts, entity_labels)
        if found:
            yield (
                number,
                None,
                [Problem(number, pointer, message, unit, row_id) for pointer, message in found],
            )
            continue
        doc_id = obj["doc_id"]
        if doc_id in seen:
            message = (
                f"doc_id {doc_id!r} is already predicted on {unit} {seen[doc_id]}; "
                f"expected one {unit} per document"
            )
            yield number, None, [Problem(number, "/doc_id", message, unit, row_id)]
            continue
        seen[doc_id] = number
        yield number, dict(obj), []


def _row_id(obj: Any) -> str:
    """A Parquet row's doc_id as its location names it (none if it is not a string)."""
    doc_id = obj.get("doc_id") if isinstance(obj, Mapping) else None
    return doc_id if isinstance(doc_id, str) else ""


def check_predictions(
    source: PredictionLines, texts: Mapping[str, str], layers: Sequence[str] = LAYERS
) -> tuple[Predictions, list[Problem]]:
    """Parse and check predictions (a JSONL path, or objects numbered as lines from 1)."""
    out = Predictions(as_lines(source)[1])
    problems: list[Problem] = []
    for number, obj, found in checked_lines(source, texts, layers):
        problems.extend(found)
        if obj is not None:
            out.documents[obj["doc_id"]] = obj
            out.lines[obj["doc_id"]] = number
    return out, problems


# An entity type outside the gold's: the schema's enum message, at /entities/N/type.
_ENTITY_TYPE = re.compile(r"^/entities/\d+/type$")
TAG_SET_HINT = (
    "entity labels of another tag set? score them in their own labels with --map conll2003, "
    "--map wikiner or --map MAP.json (docs/benchmarking.md, label maps)"
)


def raise_problems(problems: list[Problem], name: str, hint_label_maps: bool = False) -> None:
    """Raise one NewsgoldError located at the first problem and listing the next ones.

    ``hint_label_maps``: when an entity type is not a gold type, end with ``TAG_SET_HINT`` (for
    ``score`` without a label map: a CoNLL tagger's PER and LOC are the usual cause).
    """
    if not problems:
        return
    first, rest = problems[0], problems[1:]
    message = first.message
    if rest:
        message += f"\n  and {len(rest)} more problem(s):"
        message += "".join(f"\n  {name}:{p.where()}: {p.message}" for p in rest[:MAX_SHOWN])
        if len(rest) > MAX_SHOWN:
            message += f"\n  ... {len(rest) - MAX_SHOWN} more"
    if hint_label_maps and any(_ENTITY_TYPE.match(p.pointer) for p in problems):
        message += f"\n  {TAG_SET_HINT}"
    raise NewsgoldError(message, name, first.where())


def read_predictions(
    source: PredictionLines | Predictions,
    texts: Mapping[str, str],
    layers: Sequence[str] = LAYERS,
) -> Predictions:
    """Checked predictions, or NewsgoldError naming every faulty line and field."""
    lines, name = as_lines(source)
    predictions, problems = check_predictions(lines, texts, layers)
    predictions.source = name
    raise_problems(problems, name)
    return predictions
