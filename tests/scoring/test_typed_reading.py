"""The typed fast path of reading: it returns what the strict parser would, or hands over to it.

``jsonio.proven`` must never accept a text the strict parser refuses (a repeated key above all)
nor return a value other than the strict parser's; the scorer's results and messages must be the
same whichever path a line or annotation file took.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import msgspec
import pytest

from newsgold import jsonio
from newsgold.errors import NewsgoldError
from newsgold.scoring import typed
from newsgold.scoring.predictions import check_predictions
from newsgold.scoring.score import score

ANY = msgspec.json.Decoder().decode
TEXT = "Pyongyang deployed troops to Kursk in August."
TEXTS = {"doc-a": TEXT}


def strict(raw: bytes) -> Any:
    """The strict parser's value, or the NewsgoldError class when it refuses the text."""
    try:
        return jsonio.loads(raw.decode("utf-8"))
    except NewsgoldError:
        return NewsgoldError


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": 1, "a": 2}',
        b'{"a": 1, "a" : 2}',  # whitespace before the colon: a count of '":' would miss it
        b'{"a":1,"\\u0061":2}',  # the same key spelled with an escape
        b'{"a": {"b": 1, "b": 1}}',
        b'[{"x": "10:30", "x": "11:45"}]',  # colons inside strings on both sides
        b'{"a": "\\u003a", "a": 1}',  # an escaped colon inside a string
        b'{"t": "\\u003a", "u": 1}',  # no repeat, but an escaped colon: left to the strict parser
        b"NaN",
        b'{"a": 1e999}',
        b'"\\ud800"',
        b'"\\xff"',
    ],
)
def test_proven_hands_over_what_it_cannot_prove(raw: bytes) -> None:
    assert jsonio.proven(raw, ANY) is None


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(6 if depth < 3 else 4)
    if kind == 0:
        return rng.randint(-(10**20), 10**20)
    if kind == 1:
        return rng.choice([0.5, -1.25e-7, 3.0, 1e300])
    if kind == 2:
        return rng.choice(["", "a:b", '"q":', "é:ø", "x\\y", "::", "\n"])
    if kind == 3:
        return rng.choice([True, False, None])
    if kind == 4:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = rng.sample(["a", "b", "c:d", "e f", "g"], rng.randrange(4))
    return {k: _random_json(rng, depth + 1) for k in keys}


def _with_repeat(text: str, rng: random.Random) -> str:
    """The text with one object's first key written a second time (spaced at random)."""
    at = text.find('{"')
    if at < 0:
        return text
    end = text.index('"', at + 2)
    key = text[at + 1 : end + 1]
    space = rng.choice(["", " ", "\n", "\t "])
    return text[: at + 1] + f"{key}{space}:{space}0, " + text[at + 1 :]


def test_proven_agrees_with_the_strict_parser_on_random_texts() -> None:
    rng = random.Random(14)
    accepted = refused = 0
    for _ in range(3000):
        value = {"k": _random_json(rng), "l:m": _random_json(rng)}
        separators = rng.choice([(",", ":"), (", ", ": "), (" ,", " : ")])
        text = json.dumps(value, ensure_ascii=rng.random() < 0.5, separators=separators)
        repeated = rng.random() < 0.5
        if repeated:
            text = _with_repeat(text, rng)
        raw = text.encode("utf-8")
        fast = jsonio.proven(raw, ANY)
        expected = strict(raw)
        if repeated:
            assert fast is None and expected is NewsgoldError, text
        if fast is None:
            refused += 1
        else:
            accepted += 1
            assert expected is not NewsgoldError, text
            assert json.dumps(fast) == json.dumps(expected), text
    assert accepted > 1000 and refused > 1000  # both paths were taken


def test_load_bytes_locates_a_repeated_key_as_before() -> None:
    raw = b'{\n  "doc_id": "x",\n  "entities": [{"start": 1, "start" : 2}]\n}\n'
    with pytest.raises(NewsgoldError) as err:
        jsonio.load_bytes(raw, "ann.json", typed.gold_decoder())
    assert err.value.pointer == "/entities/0/start"
    assert "duplicate key 'start'" in err.value.message


def _lines(tmp_path: Path, *objects: str) -> Path:
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(objects) + "\n", encoding="utf-8")
    return path


def test_a_spaced_repeated_key_in_a_prediction_is_located(tmp_path: Path) -> None:
    path = _lines(
        tmp_path,
        '{"doc_id": "doc-a", "entities": [{"start": 0, "end": 9, "type": "GPE", "end" : 9}]}',
    )
    _, found = check_predictions(path, TEXTS)
    assert [p.where() for p in found] == ["line 1/entities/0/end"]
    assert "duplicate key 'end'" in found[0].message


def test_an_unscored_layer_with_a_repeated_key_is_refused(tmp_path: Path) -> None:
    # Only entities are scored, but the line must still be JSON without repeated keys.
    path = _lines(
        tmp_path,
        '{"doc_id": "doc-a", "dates": [{"start": 0, "end": 5, "type": "DATE", "type": "SET"}]}',
    )
    _, found = check_predictions(path, TEXTS, ("entities",))
    assert [p.where() for p in found] == ["line 1/dates/0/type"]


def test_a_property_the_structs_do_not_name_takes_the_strict_path(tmp_path: Path) -> None:
    """The schema lets a span carry more properties; the strict path checks and keeps them."""
    spans = [
        {"start": 0, "end": 9, "type": "GPE", "score": 0.5},  # not named by a Struct
        {"start": 29, "end": 34, "type": "GPE", "text": "Kursk"},
    ]
    path = _lines(tmp_path, json.dumps({"doc_id": "doc-a", "entities": spans}))
    assert msgspec.json.Decoder(typed.prediction_type()).decode is not None
    assert jsonio.proven(path.read_bytes().strip(), typed.prediction_decoder()) is None
    predictions, found = check_predictions(path, TEXTS)
    assert found == []
    assert predictions.documents["doc-a"]["entities"] == spans


def test_typed_and_strict_lines_check_alike(tmp_path: Path) -> None:
    # Line 1 is typed, line 2 strict (an extra property): the same fault, the same message.
    bad = {"start": 29, "end": 35, "type": "GPE", "text": "Kursk"}
    path = _lines(
        tmp_path,
        json.dumps({"doc_id": "doc-a", "entities": [bad]}),
        json.dumps({"doc_id": "doc-a", "entities": [{**bad, "note": "x"}]}),
    )
    _, found = check_predictions(path, TEXTS)
    assert [p.where() for p in found] == ["line 1/entities/0/text", "line 2/entities/0/text"]
    assert found[0].message == found[1].message


def test_label_maps_are_checked_on_the_typed_path(tmp_path: Path) -> None:
    decode = typed.prediction_decoder(["LOCATION"])
    good = b'{"doc_id": "doc-a", "entities": [{"start": 0, "end": 9, "type": "LOCATION"}]}'
    assert jsonio.proven(good, decode) is not None
    assert jsonio.proven(good.replace(b"LOCATION", b"GPE"), decode) is None
    assert jsonio.proven(good.replace(b"LOCATION", b"GPE"), typed.prediction_decoder()) is not None


def test_gold_read_typed_scores_as_gold_read_strictly(tmp_path: Path) -> None:
    """One repository, two copies: annotation files written plainly (typed path) and with a
    property no Struct names (strict path); the counts are the same and worked out by hand."""
    results = []
    for extra in ({}, {"reviewed": True}):
        root = tmp_path / f"repo{len(results)}"
        (root / "corpus").mkdir(parents=True)
        (root / "annotations").mkdir()
        (root / "corpus" / "doc-a.txt").write_text(TEXT, encoding="utf-8")
        (root / "corpus" / "doc-a.json").write_text('{"split": "test"}', encoding="utf-8")
        gold = {
            "doc_id": "doc-a",
            "status": "gold",
            "entities": [
                {"id": "e1", "start": 0, "end": 9, "text": "Pyongyang", "type": "GPE", **extra},
                {"id": "e2", "start": 29, "end": 34, "text": "Kursk", "type": "GPE"},
            ],
            "dates": [],
            "figures": [],
            "claims": [],
        }
        if extra:
            gold["reviewed"] = True
            assert jsonio.proven(json.dumps(gold).encode(), typed.gold_decoder()) is None
        (root / "annotations" / "doc-a.json").write_text(json.dumps(gold), encoding="utf-8")
        predicted = [{"start": 0, "end": 9, "type": "GPE"}, {"start": 29, "end": 33, "type": "LOC"}]
        result = score(root, [{"doc_id": "doc-a", "entities": predicted}], layers=["entities"])
        results.append(result.to_dict()["scores"]["entities"]["schemes"])
    assert results[0] == results[1]
    # Pyongyang exact and right; Kursk overlapping with the wrong type: strict 1 COR, 1 INC.
    strict_counts = results[0]["strict"]["counts"]
    assert (strict_counts["COR"], strict_counts["INC"], strict_counts["MIS"]) == (1, 1, 0)
    assert (results[0]["partial"]["counts"]["COR"], results[0]["partial"]["counts"]["PAR"]) == (
        1,
        1,
    )
