"""The declared features: label sets from the schema, YAML that datasets reads back, the codec."""

from __future__ import annotations

import pyarrow as pa
import pytest
from datasets import ClassLabel, Features, List, Value

from newsgold.release.features import (
    CONFIGS,
    LABEL_COLUMNS,
    NER_TAGS,
    ONTONOTES_TYPES,
    Codec,
    arrow_schema,
    features,
    label_names,
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
    assert label_names("entities", "type") == enum("entity_type")
    assert label_names("dates", "mod") == enum("timex_mod")
    assert label_names("figures", "modifier") == enum("figure_modifier")
    assert label_names("claims", "quote") == ["direct", "indirect", "mixed"]
    assert label_names("sections", "type") == enum("section_type")
    assert label_names("row", "status") == ["gold", "draft"]
    assert label_names("entities", "entity_id") is None


@pytest.mark.parametrize("config", CONFIGS)
def test_label_columns_are_strings_and_only_ner_tags_are_class_labels(config: str) -> None:
    declared = features(config)
    assert declared["status"] == Value("string")
    found = []

    def walk(feature: object, path: str) -> None:
        if isinstance(feature, dict):
            for name, sub in feature.items():
                walk(sub, f"{path}/{name}")
        elif isinstance(feature, List):
            walk(feature.feature, path)
        elif isinstance(feature, ClassLabel):
            found.append(path)

    walk(dict(declared), "")
    assert found == (["/ner_tags"] if config == "ner" else [])
    for column in LABEL_COLUMNS.get(config, {}):
        assert declared[column] == Value("string")


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


def test_codec_maps_ner_tags_to_ids_and_back_and_leaves_other_configs_alone() -> None:
    codec = Codec("ner")
    row = {"doc_id": "d", "status": "gold", "ner_tags": ["O", "B-PERSON", "I-PERSON", "B-GPE"]}
    # NER_TAGS: O 0, then B-/I- per OntoNotes type in order: PERSON 1 2, NORP 3 4, FAC 5 6,
    # ORG 7 8, GPE 9 10.
    assert codec.encode(row)["ner_tags"] == [0, 1, 2, 9]
    assert codec.decode(codec.encode(row)) == row
    entities = Codec("entities")
    item = {"doc_id": "d", "status": "draft", "id": "e1", "type": "GPE"}
    assert entities.encode(item) == item and entities.decode(item) == item
