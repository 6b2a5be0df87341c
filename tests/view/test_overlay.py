"""The overlay seam (classify) and strict reading of predictions files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.errors import NewsgoldError
from newsgold.view.overlay import attribute_differences, classify, read_predictions


def ent(start: int, end: int, kind: str, name: str = "") -> dict[str, object]:
    return {"start": start, "end": end, "type": kind, "id": name}


def test_classify_pairs_exact_offsets_and_type() -> None:
    gold = [ent(0, 4, "ORG", "g1"), ent(10, 14, "PERSON", "g2"), ent(20, 25, "GPE", "g3")]
    predicted = [ent(20, 25, "GPE", "p1"), ent(10, 14, "ORG", "p2"), ent(30, 33, "LOC", "p3")]
    found = classify(gold, predicted, "entities")
    # By hand: g3 = p1 exactly; g2 vs p2 differ in type (g2 missed, p2 spurious); g1 unmatched;
    # p3 matches nothing. Gold first in gold order, then the spurious in prediction order.
    assert [(c.span["id"], c.status) for c in found] == [
        ("g1", "missed"),
        ("g2", "missed"),
        ("g3", "correct"),
        ("p2", "spurious"),
        ("p3", "spurious"),
    ]
    assert found[2].match is predicted[0]
    assert found[0].match is None


def test_classify_is_one_to_one_with_duplicate_predictions() -> None:
    gold = [ent(0, 4, "ORG", "g1")]
    predicted = [ent(0, 4, "ORG", "p1"), ent(0, 4, "ORG", "p2")]
    found = classify(gold, predicted, "entities")
    assert [(c.span["id"], c.status) for c in found] == [("g1", "correct"), ("p2", "spurious")]


def test_classify_off_by_one_is_missed_and_spurious() -> None:
    found = classify([ent(0, 4, "ORG", "g")], [ent(0, 5, "ORG", "p")], "entities")
    assert [c.status for c in found] == ["missed", "spurious"]


def test_classify_uses_kind_for_figures_and_offsets_only_for_claims() -> None:
    figures = classify(
        [{"start": 1, "end": 3, "kind": "MONEY"}],
        [{"start": 1, "end": 3, "kind": "CARDINAL"}],
        "figures",
    )
    assert [c.status for c in figures] == ["missed", "spurious"]
    claims = classify(
        [{"start": 1, "end": 9, "quote": "direct"}],
        [{"start": 1, "end": 9, "quote": None}],
        "claims",
    )
    assert [c.status for c in claims] == ["correct"]


def test_attribute_differences() -> None:
    gold = {"value": "2025-01", "mod": "MID"}
    assert attribute_differences("dates", gold, {"value": "2025-01", "mod": "MID"}) == []
    assert attribute_differences("dates", gold, {"value": "2025-02"}) == [
        ("value", "2025-01", "2025-02"),
        ("mod", "MID", None),
    ]
    # 10000 and 10000.0 are the same number; sources compare by extent, not by their text.
    assert attribute_differences("figures", {"value": 10000}, {"value": 10000.0}) == []
    claim = {"source": {"start": 1, "end": 3, "text": "ab", "entity_id": "x"}, "quote": "direct"}
    same = {"source": {"start": 1, "end": 3}, "quote": "direct"}
    assert attribute_differences("claims", claim, same) == []


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_predictions(tmp_path: Path) -> None:
    first = {"doc_id": "a", "entities": [{"start": 0, "end": 2, "type": "ORG"}], "system": "s"}
    path = write(tmp_path, [json.dumps(first), json.dumps({"doc_id": "b"})])
    read = read_predictions(path)
    assert read.lines == {"a": 1, "b": 2}
    assert read.layers("b") == {"entities": [], "dates": [], "figures": [], "claims": []}
    assert read.layers("c") is None


@pytest.mark.parametrize(
    ("lines", "where", "message"),
    [
        (['{"doc_id": "a"}', '{"doc_id": "b",}'], "line 2", "invalid JSON"),
        (['{"doc_id": "a", "doc_id": "b"}'], "line 1 /doc_id", "duplicate key"),
        (
            ['{"doc_id": "a", "entities": [{"start": NaN, "end": 1, "type": "ORG"}]}'],
            "line 1 /entities/0/start",
            "NaN",
        ),
        (
            ['{"doc_id": "a", "entities": [{"start": 0, "end": 1, "type": "CITY"}]}'],
            "line 1 /entities/0/type",
            "CITY",
        ),
        (['{"doc_id": "a", "extra": 1}'], "line 1", "extra"),
        (['{"doc_id": "a"}', '{"doc_id": "a"}'], "line 2 /doc_id", "already given on line 1"),
        (['{"doc_id": "a"}', "", '{"doc_id": "b"}'], "line 2", "empty line"),
    ],
)
def test_bad_predictions_are_located(
    tmp_path: Path, lines: list[str], where: str, message: str
) -> None:
    path = write(tmp_path, lines)
    with pytest.raises(NewsgoldError) as caught:
        read_predictions(path)
    assert caught.value.file == str(path)
    assert caught.value.pointer == where
    assert message in caught.value.message


def test_invalid_json_reports_the_column_not_line_one(tmp_path: Path) -> None:
    path = write(tmp_path, ['{"doc_id": "a"}', '{"doc_id": "b",}'])
    with pytest.raises(NewsgoldError) as caught:
        read_predictions(path)
    # '{"doc_id": "b",}' : the parser stops at the closing brace, the 16th character.
    assert "(column 16)" in caught.value.message
    assert "line 1" not in caught.value.message


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_bytes(b'{"doc_id": "a"}\n{"doc_id": "\xff"}\n')
    with pytest.raises(NewsgoldError) as caught:
        read_predictions(path)
    assert caught.value.pointer == "line 2"
    assert "0xff" in caught.value.message


TEXT = "Acme 😀 said"


@pytest.mark.parametrize(
    ("span", "where", "message"),
    [
        ({"start": 3, "end": 3, "type": "ORG"}, "line 1 /entities/0", "empty or reversed"),
        ({"start": 0, "end": 40, "type": "ORG"}, "line 1 /entities/0", "ends after the text"),
        # "said" starts at code point 7 but at UTF-16 unit 8: a UTF-16 offset picks " sai".
        ({"start": 7, "end": 11, "text": "said", "type": "ORG"}, None, None),
        (
            {"start": 6, "end": 10, "text": "said", "type": "ORG"},
            "line 1 /entities/0",
            "code points",
        ),
    ],
)
def test_check_offsets(
    tmp_path: Path, span: dict[str, object], where: str | None, message: str | None
) -> None:
    path = write(tmp_path, [json.dumps({"doc_id": "a", "entities": [span]})])
    read = read_predictions(path)
    if where is None:
        read.check_offsets("a", TEXT)
        return
    with pytest.raises(NewsgoldError) as caught:
        read.check_offsets("a", TEXT)
    assert caught.value.pointer == where
    assert message is not None and message in caught.value.message


def test_float_offsets_are_refused_when_read(tmp_path: Path) -> None:
    span = {"start": 0, "end": 4.0, "type": "ORG"}
    path = write(tmp_path, [json.dumps({"doc_id": "a", "entities": [span]})])
    with pytest.raises(NewsgoldError) as caught:
        read_predictions(path)
    assert "is not of type 'integer'" in caught.value.message
    assert "/entities/0/end" in caught.value.pointer


def test_check_offsets_covers_claim_sources_and_cues(tmp_path: Path) -> None:
    claim = {"start": 0, "end": 4, "source": {"start": 7, "end": 99}, "cue": None}
    read = read_predictions(write(tmp_path, [json.dumps({"doc_id": "a", "claims": [claim]})]))
    with pytest.raises(NewsgoldError) as caught:
        read.check_offsets("a", TEXT)
    assert caught.value.pointer == "line 1 /claims/0/source"
