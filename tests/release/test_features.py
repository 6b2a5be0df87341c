"""The declared features: label sets from the schema, YAML that datasets reads back, the codec."""

from __future__ import annotations

import pyarrow as pa
import pytest
from datasets import ClassLabel, Features, List, Value

from newsgold.release.features import (
    CONFIGS,
    NER_TAGS,
    ONTONOTES_TYPES,
    Codec,
    arrow_schema,
    features,
    to_yaml,
)
from newsgold.schemas import enum


def test_ontonotes_types_are_exactly_what_the_layers_map_onto() -> None:
    mapped = set(enum("entity_type")) | {"DATE", "TIME"} | set(enum("figure_kind"))
    assert len(ONTONOTES_TYPES) == 18 and set(ONTONOTES_TYPES) == mapped


def test_ner_tags_are_bio_over_the_18_types() -> None:
    assert len(NER_TAGS) == 1 + 2 * 18
    assert NER_TAGS[:5] == ("O", "B-PERSON", "I-PERSON", "B-NORP", "I-NORP")
    assert features("ner")["ner_tags"] == List(ClassLabel(names=list(NER_TAGS)))


def test_closed_label_sets_come_from_the_schema_enums() -> None:
    assert features("entities")["type"].names == enum("entity_type")
    assert features("dates")["mod"].names == enum("timex_mod")
    assert features("figures")["modifier"].names == enum("figure_modifier")
    assert features("claims")["quote"].names == ["direct", "indirect", "mixed"]
    assert features("documents")["sections"].feature["type"].names == enum("section_type")


@pytest.mark.parametrize("config", CONFIGS)
def test_card_yaml_reads_back_as_the_same_features(config: str) -> None:
    declared = features(config)
    assert Features._from_yaml_list(to_yaml(dict(declared))) == declared


def test_offsets_are_int32_and_parquet_schema_carries_the_features() -> None:
    schema = arrow_schema("claims")
    assert schema.field("start").type == pa.int32()
    assert schema.field("source").type.field("end").type == pa.int32()
    assert schema.field("dates").type == pa.list_(pa.string())
    assert b"huggingface" in schema.metadata
    assert features("documents")["entities"].feature["start"] == Value("int32")


def test_codec_maps_label_names_to_ids_and_back() -> None:
    codec = Codec("entities")
    row = {
        "doc_id": "d",
        "id": "e1",
        "start": 0,
        "end": 1,
        "text": "x",
        "type": "GPE",
        "entity_id": "x",
        "wikidata": None,
    }
    # entity_type enum: PERSON 0, NORP 1, FAC 2, ORG 3, GPE 4.
    assert codec.encode(row)["type"] == 4
    assert codec.decode(codec.encode(row)) == row
    dates = Codec("documents")
    nested = {
        "dates": [{"type": "SET", "mod": None, "function": "CREATION_TIME"}],
        "sections": [],
        "claims": [],
        "entities": [],
        "figures": [],
        "status": "draft",
    }
    encoded = dates.encode(nested)
    assert encoded["dates"] == [{"type": 3, "mod": None, "function": 0}] and encoded["status"] == 1
    assert dates.decode(encoded) == nested
