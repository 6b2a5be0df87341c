"""The data contract as the schemas state it: field names and enumerations users rely on."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from newsgold.schemas import enum, load_schema, validator

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads(
    (ROOT / "annotations" / "2025-02-04-themoscowtimes-a87849.json").read_text("utf-8")
)


@pytest.mark.parametrize("name", ["annotations", "metadata", "predictions"])
def test_schemas_are_valid_2020_12_with_ids(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")


def test_contract_enumerations() -> None:
    assert enum("entity_type") == [
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    ]
    assert enum("timex_type") == ["DATE", "TIME", "DURATION", "SET"]
    assert enum("figure_kind") == ["CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"]
    assert enum("figure_modifier") == [
        "APPROX",
        "MORE_THAN",
        "LESS_THAN",
        "EQUAL_OR_MORE",
        "EQUAL_OR_LESS",
    ]
    assert set(enum("section_type")) == {
        "headline",
        "byline",
        "dateline",
        "caption",
        "body",
        "related",
        "source",
    }
    assert enum("quote") == ["direct", "indirect", "mixed"]


def test_contract_field_names() -> None:
    defs = load_schema("annotations")["$defs"]
    assert set(defs["date"]["required"]) == {"id", "type", "value", "mod", "anchor", "function"}
    assert set(defs["figure"]["required"]) == {
        "id",
        "kind",
        "value",
        "value_max",
        "unit",
        "modifier",
    }
    assert set(defs["entity"]["required"]) == {"id", "type", "entity_id"}
    assert set(defs["claim"]["required"]) == {
        "id",
        "source",
        "cue",
        "quote",
        "certainty",
        "polarity",
        "dates",
        "figures",
        "reported_on",
    }
    assert set(defs["span_fields"]["required"]) == {"start", "end", "text"}


def errors(data: Any, schema: str = "annotations") -> list[str]:
    return sorted(e.json_path for e in validator(schema).iter_errors(data))


def test_gold_is_schema_valid() -> None:
    assert errors(GOLD) == []


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("entities", 0, "typ"), "GPE", "$.entities[0]"),  # a misspelt field is not silently kept
        (("dates", 0, "mod"), "SOMETIMES", "$.dates[0].mod"),
        (("figures", 0, "value"), "1", "$.figures[0].value"),
        (("claims", 0, "certainty"), "sure", "$.claims[0].certainty"),
        (("entities", 0, "start"), -1, "$.entities[0].start"),
        (("entities", 0, "id"), "x1", "$.entities[0].id"),
        (("status",), "final", "$.status"),
    ],
)
def test_schema_rejects(path: tuple[Any, ...], value: Any, where: str) -> None:
    data = copy.deepcopy(GOLD)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert where in errors(data)


def test_predictions_schema_minimal_and_wrong() -> None:
    ok = {"doc_id": "a-1", "entities": [{"start": 0, "end": 3, "type": "ORG"}], "dates": []}
    assert errors(ok, "predictions") == []
    assert errors({"doc_id": "a-1", "entities": [{"start": 0, "type": "ORG"}]}, "predictions")
    assert errors({"doc_id": "A/1"}, "predictions")


def test_float_offsets_are_not_integers() -> None:
    data = copy.deepcopy(GOLD)
    data["entities"][0]["start"] = float(data["entities"][0]["start"])
    assert "$.entities[0].start" in errors(data)
