"""The typed-decoding floor of any scorer of these files in Python: read them and nothing else.

    python bench/reference/read_floor_typed.py ROOT PRED.jsonl|PRED.parquet

Timed: start the interpreter, decode every annotation file of ROOT and every line of the
predictions with msgspec into typed Structs (every layer, no constraints, no checks, no text,
no scoring); predictions given as Parquet are read with ``pyarrow.parquet.ParquetFile(...).read``
of the doc_id and entities columns instead. The fastest a Python scorer can take these files in:
divided by nervaluate's time it is the best ratio a scorer that reads its input could reach.
(read_floor.py is the same with the standard library's ``json.loads``, kept for comparison.)
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import msgspec


class Span(msgspec.Struct, gc=False):
    start: int
    end: int
    text: str | None = None
    id: str | None = None


class Entity(Span, gc=False):
    type: str = ""
    entity_id: str | None = None
    wikidata: str | None = None


class Date(Span, gc=False):
    type: str = ""
    value: str | None = None
    mod: str | None = None
    anchor: str | None = None
    function: str | None = None


class Figure(Span, gc=False):
    kind: str = ""
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    modifier: str | None = None


class Source(Span, gc=False):
    entity_id: str | None = None


class Claim(Span, gc=False):
    source: Source | None = None
    cue: Span | None = None
    quote: str | None = None
    certainty: str | None = None
    polarity: str | None = None
    dates: list[str] | None = None
    figures: list[str] | None = None
    reported_on: str | None = None


class Section(Span, gc=False):
    type: str = ""


class Layers(msgspec.Struct, gc=False):
    doc_id: str
    entities: list[Entity] = []
    dates: list[Date] = []
    figures: list[Figure] = []
    claims: list[Claim] = []


class Gold(Layers, gc=False):
    text_sha256: str = ""
    schema_version: str = ""
    status: str = ""
    annotators: list[str] = []
    guidelines_version: str = ""
    notes: str = ""
    sections: list[Section] = []


class Line(Layers, gc=False):
    system: str | None = None


def main(root: Path, predictions: Path) -> None:
    """Decode every gold annotation file and prediction line; print how many were read."""
    gc.disable()
    decode_gold = msgspec.json.Decoder(Gold).decode
    gold = [decode_gold(p.read_bytes()) for p in sorted((root / "annotations").glob("*.json"))]
    predicted: Any
    if predictions.suffix == ".parquet":
        import pyarrow.parquet as pq

        predicted = pq.ParquetFile(predictions).read(columns=["doc_id", "entities"])
        count = predicted.num_rows
    else:
        decode_line = msgspec.json.Decoder(Line).decode
        with predictions.open("rb") as lines:
            predicted = [decode_line(line) for line in lines if line.strip()]
        count = len(predicted)
    print(len(gold), count)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
