"""Predictions as Parquet: the layout written and read back, schema checks, located faults."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsgold import prediction_files
from newsgold.errors import NewsgoldError
from newsgold.prediction_files import arrow_schema, read_rows, write_predictions
from newsgold.scoring.predictions import check_predictions

TEXT = "Pyongyang deployed troops to Kursk in August."
TEXTS = {"doc-a": TEXT, "doc-b": "Another text."}
LINE_A: dict[str, Any] = {
    "doc_id": "doc-a",
    "system": "toy",
    "entities": [
        {"start": 0, "end": 9, "text": "Pyongyang", "type": "GPE", "entity_id": None},
        {"start": 29, "end": 34, "type": "GPE", "id": "e2"},
    ],
    "dates": [{"start": 38, "end": 44, "type": "DATE", "value": "XXXX-08", "mod": None}],
    "figures": [{"start": 0, "end": 1, "kind": "CARDINAL", "value": 3, "value_max": None}],
    "claims": [
        {
            "start": 0,
            "end": 34,
            "source": {"start": 0, "end": 9, "entity_id": "pyongyang"},
            "cue": None,
            "quote": "indirect",
        }
    ],
}
LINE_B: dict[str, Any] = {"doc_id": "doc-b", "entities": []}  # predicts no entity, no other layer


def test_round_trip_gives_each_line_back(tmp_path: Path) -> None:
    path = tmp_path / "pred.parquet"
    assert write_predictions([LINE_A, LINE_B], path) == 2
    rows = list(read_rows(path))
    assert [n for n, _ in rows] == [1, 2]
    first, second = rows[0][1], rows[1][1]
    # A null field is an absent property; a figure value is a double.
    assert first["entities"] == [
        {"start": 0, "end": 9, "text": "Pyongyang", "type": "GPE"},
        {"start": 29, "end": 34, "id": "e2", "type": "GPE"},
    ]
    assert first["dates"] == [{"start": 38, "end": 44, "type": "DATE", "value": "XXXX-08"}]
    assert first["figures"] == [{"start": 0, "end": 1, "kind": "CARDINAL", "value": 3.0}]
    assert first["claims"] == [
        {
            "start": 0,
            "end": 34,
            "source": {"start": 0, "end": 9, "entity_id": "pyongyang"},
            "quote": "indirect",
        }
    ]
    assert first["system"] == "toy"
    # A null list is a layer the row does not have; an empty list predicts nothing.
    assert second == {"doc_id": "doc-b", "entities": []}


def test_only_the_scored_layers_are_read(tmp_path: Path) -> None:
    path = tmp_path / "pred.parquet"
    write_predictions([LINE_A], path)
    ((_, row),) = read_rows(path, ["dates"])
    assert sorted(row) == ["dates", "doc_id", "system"]


def test_row_groups_bound_what_is_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prediction_files, "ROWS_PER_GROUP", 2)
    path = tmp_path / "pred.parquet"
    lines = [{"doc_id": f"d{i}", "entities": []} for i in range(5)]
    assert write_predictions(lines, path) == 5
    assert pq.ParquetFile(path).num_row_groups == 3  # 2 + 2 + 1
    assert [row["doc_id"] for _, row in read_rows(path)] == ["d0", "d1", "d2", "d3", "d4"]


def test_json_lines_by_any_other_suffix(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    write_predictions([LINE_B], path)
    assert path.read_text(encoding="utf-8") == '{"doc_id": "doc-b", "entities": []}\n'


def test_a_property_without_a_column_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pred.parquet"
    path.write_bytes(b"before")
    scored = {"doc_id": "doc-a", "entities": [{"start": 0, "end": 9, "type": "GPE", "p": 0.5}]}
    with pytest.raises(NewsgoldError) as err:
        write_predictions([LINE_B, scored], path)
    assert err.value.pointer == "row 2/entities/0/p"
    assert "'p' has no field" in err.value.message
    assert path.read_bytes() == b"before"  # whole or nothing
    assert [p.name for p in tmp_path.iterdir()] == ["pred.parquet"]  # no temporary left


def test_scoring_parquet_equals_scoring_json_lines(tmp_path: Path) -> None:
    write_predictions([LINE_A, LINE_B], tmp_path / "pred.parquet")
    write_predictions([LINE_A, LINE_B], tmp_path / "pred.jsonl")
    from_parquet, problems = check_predictions(tmp_path / "pred.parquet", TEXTS)
    assert problems == []
    from_lines, _ = check_predictions(tmp_path / "pred.jsonl", TEXTS)
    assert from_parquet.lines == {"doc-a": 1, "doc-b": 2}
    entities = [d["entities"] for d in from_parquet.documents.values()]
    assert entities == [
        [
            {"start": 0, "end": 9, "text": "Pyongyang", "type": "GPE"},
            {"start": 29, "end": 34, "id": "e2", "type": "GPE"},
        ],
        [],
    ]
    assert [d.get("entities") for d in from_lines.documents.values()] == [
        LINE_A["entities"],
        [],
    ]


def test_parquet_is_known_by_its_magic_bytes(tmp_path: Path) -> None:
    write_predictions([LINE_B], tmp_path / "pred.parquet")
    renamed = tmp_path / "pred.bin"
    (tmp_path / "pred.parquet").rename(renamed)
    predictions, problems = check_predictions(renamed, TEXTS)
    assert problems == [] and list(predictions.documents) == ["doc-b"]


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=arrow_schema())


def test_faults_are_located_by_row_doc_id_and_pointer(tmp_path: Path) -> None:
    path = tmp_path / "pred.parquet"
    rows = [
        {"doc_id": "doc-a", "entities": [{"start": 29, "end": 99, "type": "GPE"}]},
        {"doc_id": "doc-b", "entities": [{"start": 0, "end": 7, "type": "NOPE"}]},
        {"doc_id": "doc-a", "entities": []},
        {"doc_id": "doc-z"},
    ]
    pq.write_table(_table(rows), path)
    _, problems = check_predictions(path, TEXTS)
    assert [p.where() for p in problems] == [
        "row 1 (doc-a)/entities/0/end",
        "row 2 (doc-b)/entities/0/type",
        "row 4 (doc-z)/doc_id",
    ]
    assert "past the text's end (45 code points)" in problems[0].message
    assert "'NOPE' is not one of" in problems[1].message
    assert "unknown doc_id 'doc-z'" in problems[2].message
    # Row 3 repeats doc-a, but row 1 was refused: only a checked row counts as predicted.
    good = [{"doc_id": "doc-a", "entities": []}, {"doc_id": "doc-a", "entities": []}]
    pq.write_table(_table(good), path)
    _, problems = check_predictions(path, TEXTS)
    assert [p.where() for p in problems] == ["row 2 (doc-a)/doc_id"]
    assert "already predicted on row 1; expected one row per document" in problems[0].message


@pytest.mark.parametrize(
    ("schema", "named"),
    [
        (pa.schema([("id", pa.string())]), "column doc_id: missing"),
        (pa.schema([("doc_id", pa.int64())]), "column doc_id: is int64, not a string"),
        (pa.schema([("doc_id", pa.string()), ("score", pa.float64())]), "column score: not a"),
        (
            pa.schema([("doc_id", pa.string()), ("entities", pa.string())]),
            "column entities: is string, not a list of structs",
        ),
        (
            pa.schema(
                [
                    ("doc_id", pa.string()),
                    ("entities", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())]))),
                ]
            ),
            "column entities.type: missing",
        ),
        (
            pa.schema(
                [
                    ("doc_id", pa.string()),
                    (
                        "claims",
                        pa.list_(
                            pa.struct(
                                [
                                    ("start", pa.int64()),
                                    ("end", pa.int64()),
                                    ("source", pa.struct([("start", pa.string())])),
                                ]
                            )
                        ),
                    ),
                ]
            ),
            "column claims.source.start: is string, not an integer",
        ),
    ],
)
def test_the_arrow_schema_is_checked_on_open(tmp_path: Path, schema: pa.Schema, named: str) -> None:
    path = tmp_path / "pred.parquet"
    pq.write_table(schema.empty_table(), path)
    with pytest.raises(NewsgoldError) as err:
        list(read_rows(path))
    assert err.value.status == 1 and err.value.file == str(path)  # bad input, not bad usage
    assert err.value.message.startswith(named)


def test_not_parquet_at_all(tmp_path: Path) -> None:
    path = tmp_path / "pred.parquet"
    path.write_bytes(json.dumps(LINE_B).encode())
    with pytest.raises(NewsgoldError) as err:
        list(read_rows(path))
    assert err.value.status == 1 and "cannot read predictions as Parquet" in err.value.message


def test_a_parquet_file_not_there_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError) as err:
        list(read_rows(tmp_path / "missing.parquet"))
    assert err.value.status == 2 and "cannot read predictions as Parquet" in err.value.message
