"""Canonical rows from the corpus and the annotation JSON back from them, losslessly."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from release_fixtures import OSLO, SEED, ZURICH, annotations, metadata

from newsgold import jsonio
from newsgold.corpus import load_document
from newsgold.errors import NewsgoldError
from newsgold.release.rows import (
    LAYERS,
    annotations_from_row,
    canonical,
    document_row,
    layer_rows,
    metadata_from_row,
    with_text,
)


@pytest.mark.parametrize("doc_id", [SEED, ZURICH, OSLO])
def test_round_trip_gives_back_the_source_files(repo: Path, doc_id: str) -> None:
    row = document_row(load_document(repo, doc_id), True)
    assert annotations_from_row(row) == annotations(repo)[doc_id]
    assert metadata_from_row(row) == metadata(repo)[doc_id]


@pytest.mark.parametrize("doc_id", [ZURICH, OSLO])
def test_round_trip_is_byte_exact_for_files_in_row_order(repo: Path, doc_id: str) -> None:
    # The invented articles write their keys in the row order, so even the JSON text comes back.
    row = document_row(load_document(repo, doc_id), True)
    stored = (repo / "annotations" / f"{doc_id}.json").read_text("utf-8")
    assert jsonio.dumps(annotations_from_row(row)) == stored


def test_optional_fields_are_null_in_rows_and_absent_again_after(repo: Path) -> None:
    seed = document_row(load_document(repo, SEED), True)
    zurich = document_row(load_document(repo, ZURICH), True)
    assert (
        seed["notes"] is None and seed["synthetic"] is None and seed["rights"]["note"] is not None
    )
    assert zurich["notes"] == "Invented for the release tests." and zurich["synthetic"] is False
    # e6 "Genevan" has no wikidata in the file: null in the row, absent after the round trip.
    assert zurich["entities"][5]["wikidata"] is None
    assert "wikidata" not in annotations_from_row(zurich)["entities"][5]
    assert "synthetic" not in metadata_from_row(seed)


def test_figure_values_are_floats_in_rows_and_integers_back(repo: Path) -> None:
    oslo = document_row(load_document(repo, OSLO), True)
    assert oslo["figures"][0]["value"] == 10.0 and isinstance(oslo["figures"][0]["value"], float)
    assert oslo["figures"][0]["value_max"] == 12.0
    back = annotations_from_row(oslo)["figures"][0]
    assert type(back["value"]) is int and type(back["value_max"]) is int


def test_a_textless_row_carries_no_text_but_keeps_offsets(repo: Path) -> None:
    doc = load_document(repo, SEED)
    row = document_row(doc, False)
    assert row["text"] is None and row["text_sha256"] == doc.metadata["text_sha256"]
    assert row["url"] == doc.metadata["url"]
    for layer in LAYERS:
        for item in row[layer]:
            assert item["text"] is None
            assert isinstance(item["start"], int) and item["start"] < item["end"]
    claim = row["claims"][0]
    assert claim["source"]["text"] is None and claim["cue"]["text"] is None
    assert (
        claim["source"]["start"] == 72
    )  # "South Korea" in the headline, as in the annotation file


def test_with_text_restores_the_full_row(repo: Path) -> None:
    doc = load_document(repo, SEED)
    assert with_text(document_row(doc, False), doc.text) == document_row(doc, True)
    assert annotations_from_row(document_row(doc, False), doc.text) == doc.annotations


def test_layer_rows_are_sorted_by_offsets_with_their_doc_id(repo: Path) -> None:
    row = document_row(load_document(repo, ZURICH), True)
    entities = layer_rows(row)["entities"]
    assert [e["id"] for e in entities] == ["e1", "e2", "e3", "e4", "e5", "e6"]
    figures = layer_rows(row)["figures"]
    # f5 "Third" lies after f4 "125 members": file order is already by offsets here.
    assert [f["id"] for f in figures] == ["f1", "f2", "f3", "f4", "f5"]
    assert {f["doc_id"] for f in figures} == {ZURICH}
    shuffled = copy.deepcopy(row)
    shuffled["dates"].reverse()
    assert [d["id"] for d in layer_rows(shuffled)["dates"]] == ["t1", "t2", "t3", "t4", "t5"]


def test_a_figure_value_float64_cannot_hold_is_refused(repo: Path) -> None:
    doc = load_document(repo, ZURICH)
    doc.annotations["figures"][0]["value"] = 2**53 + 1
    with pytest.raises(NewsgoldError) as err:
        document_row(doc, True)
    assert err.value.pointer == "/figures/0/value"
    assert err.value.file == f"annotations/{ZURICH}.json"


def test_canonical_json_is_sorted_and_compact() -> None:
    assert canonical({"b": 1.0, "a": ["é", None]}) == '{"a":["é",null],"b":1.0}'.encode()
