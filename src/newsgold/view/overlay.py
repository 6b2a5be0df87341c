"""Predictions against gold: reading a predictions file and classifying spans for the overlay."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from jsonschema.exceptions import best_match

from newsgold import jsonio
from newsgold.errors import NewsgoldError
from newsgold.schemas import validator

STATUSES = ("correct", "missed", "spurious")
PREDICTED_LAYERS = ("entities", "dates", "figures", "claims")
# The categorical field that must agree for an exact match (claims match on offsets alone).
TYPE_FIELD: dict[str, str | None] = {
    "entities": "type",
    "dates": "type",
    "figures": "kind",
    "claims": None,
}
# Attributes compared on exactly matched spans, shown as differences in the overlay.
COMPARED: dict[str, tuple[str, ...]] = {
    "entities": (),
    "dates": ("value", "mod"),
    "figures": ("value", "value_max", "unit", "modifier"),
    "claims": ("source", "cue", "quote", "certainty", "polarity"),
}


class Classified(NamedTuple):
    """A span with its overlay status; ``match`` is the prediction paired with a correct span."""

    span: dict[str, Any]
    status: str
    match: dict[str, Any] | None = None


def _key(layer: str, span: dict[str, Any]) -> tuple[Any, ...]:
    field_name = TYPE_FIELD[layer]
    return (span["start"], span["end"], span.get(field_name) if field_name else None)


def classify(
    gold_spans: list[dict[str, Any]], predicted_spans: list[dict[str, Any]], layer: str
) -> list[Classified]:
    """Pair gold and predicted spans one to one on exact offsets and type; the rest stay unpaired.

    This is the one place the viewer decides what counts as a match: the seam where the scorer's
    alignment (``newsgold.scoring``) replaces exact matching, so the overlay shows the pairs the
    benchmark scores. Output: gold spans in their order (correct or missed), then the unmatched
    predictions in theirs (spurious). Duplicate predictions match at most one gold span.
    """
    waiting: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for span in predicted_spans:
        waiting[_key(layer, span)].append(span)
    out: list[Classified] = []
    for span in gold_spans:
        queue = waiting.get(_key(layer, span))
        if queue:
            out.append(Classified(span, "correct", queue.pop(0)))
        else:
            out.append(Classified(span, "missed"))
    matched = {id(c.match) for c in out if c.match is not None}
    out.extend(Classified(p, "spurious") for p in predicted_spans if id(p) not in matched)
    return out


def _extent(value: Any) -> Any:
    if isinstance(value, dict):
        return (value.get("start"), value.get("end"))
    return value


def attribute_differences(
    layer: str, gold: dict[str, Any], predicted: dict[str, Any]
) -> list[tuple[str, Any, Any]]:
    """(attribute, gold value, predicted value) where a matched prediction disagrees with gold."""
    out = []
    for name in COMPARED[layer]:
        ours, theirs = gold.get(name), predicted.get(name)
        if _extent(ours) != _extent(theirs):
            out.append((name, ours, theirs))
    return out


@dataclass
class Predictions:
    """A predictions file: one object per doc_id, with the line each came from."""

    file: str
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def layers(self, doc_id: str) -> dict[str, list[dict[str, Any]]] | None:
        """The predicted spans per layer of one document (None when the file has no line for it)."""
        data = self.documents.get(doc_id)
        if data is None:
            return None
        return {layer: list(data.get(layer) or []) for layer in PREDICTED_LAYERS}

    def check_offsets(self, doc_id: str, text: str) -> None:
        """Raise a located error for a predicted span outside the text or whose text disagrees."""
        data = self.documents.get(doc_id)
        if data is None:
            return
        line = self.lines[doc_id]
        for layer in PREDICTED_LAYERS:
            for i, span in enumerate(data.get(layer) or []):
                parts: list[tuple[str, dict[str, Any]]] = [(f"/{layer}/{i}", span)]
                for part in ("source", "cue"):
                    if layer == "claims" and isinstance(span.get(part), dict):
                        parts.append((f"/{layer}/{i}/{part}", span[part]))
                for where, piece in parts:
                    _check_span(piece, text, self.file, f"line {line} {where}")


def _check_span(span: dict[str, Any], text: str, file: str, where: str) -> None:
    start, end = span["start"], span["end"]
    if not start < end:
        raise NewsgoldError(
            f"span {start}:{end} is empty or reversed; expected start < end", file, where
        )
    if end > len(text):
        raise NewsgoldError(
            f"span {start}:{end} ends after the text ({len(text)} code points); "
            "expected offsets in code points within the text",
            file,
            where,
        )
    if "text" in span and span["text"] != text[start:end]:
        raise NewsgoldError(
            f"text {span['text'][:40]!r} differs from the article's {text[start:end][:40]!r} at "
            f"{start}:{end}; expected offsets in code points (not UTF-16 units or bytes)",
            file,
            where,
        )


def read_predictions(path: Path) -> Predictions:
    """Read a predictions JSON Lines file strictly: JSON, its schema, one line per document."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise NewsgoldError(f"cannot read predictions: {err.strerror}", name, status=2) from None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        at = raw.count(b"\n", 0, err.start) + 1
        raise NewsgoldError(f"not UTF-8: byte {raw[err.start]:#04x}", name, f"line {at}") from None
    result = Predictions(name)
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line end
    for number, line in enumerate(lines, start=1):
        where = f"line {number}"
        if not line.strip():
            raise NewsgoldError("empty line; expected one JSON object per line", name, where)
        try:
            data = jsonio.loads(line)
        except NewsgoldError as err:
            # jsonio locates within the one line it was given; say which line of the file.
            message = err.message.replace("(line 1, column", "(column")
            inner = f" {err.pointer}" if err.pointer.startswith("/") else ""
            raise NewsgoldError(message, name, where + inner) from None
        errors = list(validator("predictions").iter_errors(data))
        if errors:
            worst = best_match(errors)
            if worst.context:
                worst = best_match(worst.context) or worst
            pointer = jsonio.pointer(list(worst.absolute_path))
            raise NewsgoldError(
                f"{worst.message} (schema: predictions)",
                name,
                where + (f" {pointer}" if pointer else ""),
            )
        doc_id = data["doc_id"]
        if doc_id in result.documents:
            raise NewsgoldError(
                f"doc_id {doc_id!r} already given on line {result.lines[doc_id]}; "
                "expected one line per document",
                name,
                where + " /doc_id",
            )
        result.documents[doc_id] = data
        result.lines[doc_id] = number
    return result
