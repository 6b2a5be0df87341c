"""Agreement between two annotations: span F1, Cohen's kappa, values, disagreements."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from scoring_helpers import rows_document

from newsgold.scoring import agree, gold_from_rows, load_gold

ROOT = Path(__file__).resolve().parents[2]
WORDS = [f"Name{k}" for k in range(12)]
TEXT = " ".join(WORDS)  # "Name0 Name1 ..." : word k (k < 10) spans 6k : 6k + 5


def ent(k: int, type_: str, start_shift: int = 0) -> dict[str, Any]:
    start = 6 * k + start_shift
    return {"start": start, "end": 6 * k + 5, "type": type_, "entity_id": f"name{k}"}


def entity_pair() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    # A: Name0-4 PERSON, Name5-9 ORG.
    a = [ent(k, "PERSON" if k < 5 else "ORG") for k in range(10)]
    # B: Name0 ORG (type flip), Name5 PERSON (type flip), Name9 shifted by one character,
    # plus Name10 that A does not have.
    b = copy.deepcopy(a)
    b[0]["type"], b[5]["type"] = "ORG", "PERSON"
    b[9] = ent(9, "ORG", start_shift=1)
    b.append(ent(10, "PERSON"))
    return a, b


def test_entity_agreement_by_hand() -> None:
    a, b = entity_pair()
    result = agree(
        gold_from_rows([rows_document("d", TEXT, entities=a)]),
        gold_from_rows([rows_document("d", TEXT, entities=b)]),
        layers=["entities"],
    )
    la = result.layers["entities"]
    assert (la.size_a, la.size_b) == (10, 11)
    # strict: identical offsets and type for Name1-4 and Name6-8 -> 7; F1 = 2*7/(10+11) = 2/3.
    assert la.span_scores("strict").f1 == pytest.approx(2 / 3)
    # partial: identical offsets for Name0-8 (9, any type), Name9 half -> (2*9 + 1)/21.
    assert la.span_scores("partial").f1 == pytest.approx(19 / 21)
    # kappa of type over the 10 matched pairs: observed 8/10; both sides 5 PERSON and 5 ORG,
    # so chance agreement 0.5*0.5 + 0.5*0.5 = 0.5; kappa (0.8 - 0.5)/(1 - 0.5) = 0.6.
    kappa = la.kappas[0]
    assert (kappa.attribute, kappa.n) == ("type", 10)
    assert kappa.observed == pytest.approx(0.8)
    assert kappa.expected == pytest.approx(0.5)
    assert kappa.kappa == pytest.approx(0.6)
    found = [(d.a["start"] if d.a else d.b["start"], d.fields) for d in result.disagreements]  # type: ignore[index]
    assert found == [(0, ["type"]), (30, ["type"]), (54, ["offsets"]), (60, ["only in B"])]


def _date(k: int, value: str, mod: str | None) -> dict[str, Any]:
    return {
        "start": 6 * k,
        "end": 6 * k + 5,
        "type": "DATE",
        "value": value,
        "mod": mod,
        "anchor": None,
        "function": None,
    }


def test_date_kappa_with_null_as_a_category_and_value_agreement() -> None:
    a = [
        _date(0, "2025-01", "MID"),
        _date(1, "2025-02", None),
        _date(2, "2025-03", None),
        _date(3, "2025-04", None),
    ]
    b = [
        _date(0, "2025-01", "MID"),
        _date(1, "2025-02", None),
        _date(2, "2025-03", "APPROX"),
        _date(3, "2024-04", None),
    ]
    result = agree(
        gold_from_rows([rows_document("d", TEXT, dates=a)]),
        gold_from_rows([rows_document("d", TEXT, dates=b)]),
        layers=["dates"],
    )
    la = result.layers["dates"]
    mod = {k.attribute: k for k in la.kappas}["mod"]
    # observed 3/4; A: MID 1/4, null 3/4; B: MID 1/4, null 2/4, APPROX 1/4;
    # chance 1/4*1/4 + 3/4*2/4 = 7/16; kappa (3/4 - 7/16)/(1 - 7/16) = (5/16)/(9/16) = 5/9.
    assert mod.kappa == pytest.approx(5 / 9)
    # type is DATE everywhere: chance agreement is 1 and kappa undefined, observed 1.
    type_kappa = {k.attribute: k for k in la.kappas}["type"]
    assert type_kappa.kappa is None and type_kappa.observed == 1.0
    assert la.values["value"].value == pytest.approx(3 / 4)
    fields = sorted(tuple(d.fields) for d in result.disagreements)
    assert fields == [("mod",), ("value",)]


def test_the_gold_agrees_with_itself_and_json_round_trips(tmp_path: Path) -> None:
    gold = load_gold(ROOT)
    result = agree(gold, copy.deepcopy(gold))
    assert result.disagreements == []
    for la in result.layers.values():
        assert la.span_scores("strict").f1 == 1.0
        assert all(k.observed == 1.0 for k in la.kappas)
    data = result.to_dict()
    assert data["layers"]["claims"]["kappa"]["certainty"]["kappa"] == 1.0  # both categories occur


def test_documents_only_on_one_side_are_listed() -> None:
    a = gold_from_rows([rows_document("d1", TEXT), rows_document("d2", TEXT)])
    b = gold_from_rows([rows_document("d2", TEXT), rows_document("d3", TEXT)])
    result = agree(a, b)
    assert (result.documents, result.only_a, result.only_b) == (["d2"], ["d1"], ["d3"])


def test_anchors_are_compared_by_the_date_they_name_not_by_id() -> None:
    # Both sides anchor Name2 to a date; ids differ (t1 vs t9) but A names Name0, B names Name1.
    a = [
        {**_date(0, "2025-01", None), "id": "t1"},
        {**_date(1, "2025-02", None), "id": "t2"},
        {**_date(2, "2025-03", None), "id": "t3", "anchor": "t1"},
    ]
    b = [
        {**_date(0, "2025-01", None), "id": "t8"},
        {**_date(1, "2025-02", None), "id": "t9"},
        {**_date(2, "2025-03", None), "id": "t7", "anchor": "t9"},
    ]
    result = agree(
        gold_from_rows([rows_document("d", TEXT, dates=a)]),
        gold_from_rows([rows_document("d", TEXT, dates=b)]),
        layers=["dates"],
    )
    assert [d.fields for d in result.disagreements] == [["anchor"]]
    assert result.disagreements[0].a is not None
    assert result.disagreements[0].a["anchor"]["start"] == 0  # Name0
    # Renumbering alone (B anchors to the same span under another id) is no disagreement.
    b[2]["anchor"] = "t8"
    same = agree(
        gold_from_rows([rows_document("d", TEXT, dates=a)]),
        gold_from_rows([rows_document("d", TEXT, dates=b)]),
        layers=["dates"],
    )
    assert same.disagreements == []
