"""The overlay seam: classify and attribute_differences (the scorer's tests cover reading)."""

from __future__ import annotations

from newsgold.view.overlay import attribute_differences, classify


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


def test_classify_links_incorrect_pairs_as_near() -> None:
    gold = [ent(0, 4, "ORG", "g1"), ent(10, 14, "PERSON", "g2"), ent(20, 25, "GPE", "g3")]
    predicted = [ent(10, 14, "ORG", "p1"), ent(21, 25, "GPE", "p2"), ent(40, 44, "LOC", "p3")]
    found = classify(gold, predicted, "entities")
    # By hand, under strict: nothing has the same offsets and type. g2/p1 share offsets (type
    # differs) and g3/p2 overlap: two incorrect pairs, shown missed + spurious, each the other's
    # near. g1 and p3 overlap nothing.
    assert [(c.span["id"], c.status) for c in found] == [
        ("g1", "missed"),
        ("g2", "missed"),
        ("g3", "missed"),
        ("p1", "spurious"),
        ("p2", "spurious"),
        ("p3", "spurious"),
    ]
    near = [c.near["id"] if c.near is not None else None for c in found]
    assert near == [None, "p1", "p2", "g2", "g3", None]
    assert all(c.match is None for c in found)


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
