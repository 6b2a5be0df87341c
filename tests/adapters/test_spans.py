"""Routing a tagger's labels to layers, and the spans the shared Adapter makes of them."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsgold.adapters.spans import TAG_SETS, Adapter, Routing
from newsgold.corpus import Document
from newsgold.errors import NewsgoldError
from newsgold.scoring.harness import iter_predictions

ONTONOTES = [
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]  # fmt: skip


def test_tag_sets_are_the_labels_of_the_shipped_maps() -> None:
    maps = resources.files("newsgold.scoring") / "labelmaps"
    for name, labels in TAG_SETS.items():
        assert set(json.loads((maps / f"{name}.json").read_text("utf-8"))) == labels


def test_ontonotes_labels_fill_three_layers_with_gold_types() -> None:
    routing = Routing.of(f"{prefix}-{label}" for label in ONTONOTES for prefix in "BI")
    assert routing.layers == ("entities", "dates", "figures")
    assert routing.entity_labels() is None  # gold types: the harness checks them as usual
    assert routing.item("GPE", 0, 5, "Seoul") == (
        "entities",
        {"start": 0, "end": 5, "text": "Seoul", "type": "GPE"},
    )
    assert routing.item("TIME", 0, 4, "noon")[1]["type"] == "TIME"
    assert routing.item("ORDINAL", 0, 5, "third") == (
        "figures",
        {"start": 0, "end": 5, "text": "third", "kind": "ORDINAL"},
    )


def test_conll_labels_are_the_systems_own_even_its_loc() -> None:
    routing = Routing.of(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-MISC", "B-ORG"])
    assert routing.layers == ("entities",)
    assert routing.entity_labels() == {"PER", "LOC", "MISC", "ORG"}
    assert routing.tag_set == "conll2003"
    assert routing.item("LOC", 0, 5, "Seoul")[0] == "entities"


def test_extra_labels_beside_gold_types_are_dropped_and_counted() -> None:
    routing = Routing.of(["PERSON", "DRUG"])
    assert routing.entity_labels() is None and routing.layers == ("entities",)
    text = "Ann took aspirin and ibuprofen."
    spans = [("PERSON", 0, 3, "Ann"), ("DRUG", 9, 16, "aspirin"), ("DRUG", 21, 30, "ibuprofen")]
    adapter = Adapter("test", lambda _: spans, routing)
    assert adapter(text, {}) == {
        "entities": [{"start": 0, "end": 3, "text": "Ann", "type": "PERSON"}]
    }
    assert adapter.notes() == [
        "test: dropped 2 span(s) whose label is no gold entity type, date or figure kind: DRUG 2"
    ]


def test_a_tag_set_of_its_own_is_kept_and_needs_a_map_of_ones_own() -> None:
    routing = Routing.of(["B-PERS", "B-LIEU"])
    assert routing.entity_labels() == {"PERS", "LIEU"} and routing.tag_set is None
    adapter = Adapter("test", lambda _: [], routing)
    assert adapter.notes() == [
        "test: entity labels LIEU, PERS are this system's own tag set, not gold types: score "
        "them with `newsgold score --map MAP.json` (a map of your own, docs/scoring.md)"
    ]


def test_surrounding_whitespace_is_trimmed_and_blank_spans_skipped() -> None:
    text = "in  Seoul \n"
    # the tagger says 3-10 is " Seoul ": "Seoul" is 4-9; 9-11 is only whitespace
    spans = [("GPE", 3, 10, " Seoul "), ("GPE", 9, 11, " \n")]
    adapter = Adapter("test", lambda _: spans, Routing.of(["GPE"]))
    assert adapter(text, {}) == {
        "entities": [{"start": 4, "end": 9, "text": "Seoul", "type": "GPE"}]
    }


def test_a_leading_the_leaves_names_and_dates_but_not_figures() -> None:
    text = "the European Union in the 1990s: the 3 rivals"
    # "the European Union" 0-18 -> "European Union" 4-18; "the 1990s" 22-31 -> "1990s" 26-31;
    # the figure "the 3" 33-38 keeps its extent.
    spans = [
        ("ORG", 0, 18, "the European Union"),
        ("DATE", 22, 31, "the 1990s"),
        ("CARDINAL", 33, 38, "the 3"),
    ]
    adapter = Adapter("test", lambda _: spans, Routing.of(["ORG", "DATE", "CARDINAL"]))
    assert adapter(text, {}) == {
        "entities": [{"start": 4, "end": 18, "text": "European Union", "type": "ORG"}],
        "dates": [{"start": 26, "end": 31, "text": "1990s", "type": "DATE"}],
        "figures": [{"start": 33, "end": 38, "text": "the 3", "kind": "CARDINAL"}],
    }


def test_offsets_that_miss_the_taggers_own_text_are_a_located_error() -> None:
    # A tagger counting UTF-8 bytes: "Kim" is at code points 10-13, but "ü" is two bytes, so
    # it says 11-14, where our text has "im ".
    text = "In Zürich Kim spoke."
    spans = [("PERSON", 11, 14, "Kim")]
    adapter = Adapter("shifty", lambda _: spans, Routing.of(["PERSON"]))
    documents = [Document("d1", text, {}, {})]
    with pytest.raises(NewsgoldError) as error:
        list(iter_predictions(adapter, documents, adapter.name))
    message = str(error.value)
    assert message.startswith("shifty:d1/entities/0/text: invalid model output: text is 'Kim'")
    assert "the text at 11:14 is 'im '" in message
