"""Reading predictions: each fault of a predictions file is reported at its line and pointer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.errors import NewsgoldError
from newsgold.scoring.predictions import Problem, check_predictions, read_predictions

TEXT = "Pyongyang deployed troops to Kursk in August."
TEXTS = {"doc-a": TEXT, "doc-b": "Another text."}
GOOD = {"doc_id": "doc-a", "entities": [{"start": 0, "end": 9, "text": "Pyongyang", "type": "GPE"}]}


def problems(tmp_path: Path, *lines: str) -> list[Problem]:
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return check_predictions(path, TEXTS)[1]


def where(found: list[Problem]) -> list[str]:
    return [p.where() for p in found]


def line(obj: object) -> str:
    return json.dumps(obj)


def test_valid_file_has_no_problems_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(line(GOOD) + "\n\n" + line({"doc_id": "doc-b"}) + "\n", encoding="utf-8")
    predictions, found = check_predictions(path, TEXTS)
    assert found == []
    assert predictions.lines == {"doc-a": 1, "doc-b": 3}


def test_invalid_json(tmp_path: Path) -> None:
    found = problems(tmp_path, line(GOOD), '{"doc_id": "doc-b",}')
    assert where(found) == ["line 2"]
    # Columns count from 1: '{' 1, '"doc_id"' 2-9, ':' 10, ' ' 11, '"doc-b"' 12-18, ',' 19, '}' 20.
    assert found[0].message.startswith("invalid JSON") and "(column 20)" in found[0].message


def test_duplicate_key(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        '{"doc_id": "doc-a", "entities": [{"start": 0, "start": 1, "end": 9, "type": "GPE"}]}',
    )
    assert where(found) == ["line 1/entities/0/start"]
    assert "duplicate key 'start'" in found[0].message


def test_wrong_type(tmp_path: Path) -> None:
    found = problems(
        tmp_path, line({"doc_id": "doc-a", "entities": [{"start": "0", "end": 9, "type": "GPE"}]})
    )
    assert where(found) == ["line 1/entities/0/start"]
    assert "'0' is not of type 'integer'" in found[0].message


def test_unknown_label(tmp_path: Path) -> None:
    found = problems(
        tmp_path, line({"doc_id": "doc-a", "entities": [{"start": 0, "end": 9, "type": "PER"}]})
    )
    assert where(found) == ["line 1/entities/0/type"]


def test_unknown_field(tmp_path: Path) -> None:
    found = problems(tmp_path, line({"doc_id": "doc-a", "entites": []}))
    assert where(found) == ["line 1"]
    assert "'entites' was unexpected" in found[0].message


def test_unknown_doc_id(tmp_path: Path) -> None:
    found = problems(tmp_path, line({"doc_id": "doc-z"}))
    assert where(found) == ["line 1/doc_id"]
    assert "unknown doc_id 'doc-z'" in found[0].message


def test_duplicated_doc_id(tmp_path: Path) -> None:
    found = problems(tmp_path, line(GOOD), line({"doc_id": "doc-b"}), line({"doc_id": "doc-a"}))
    assert where(found) == ["line 3/doc_id"]
    assert "already predicted on line 1" in found[0].message


def test_end_past_the_text(tmp_path: Path) -> None:
    # TEXT has 45 code points.
    found = problems(
        tmp_path, line({"doc_id": "doc-a", "dates": [{"start": 40, "end": 46, "type": "DATE"}]})
    )
    assert where(found) == ["line 1/dates/0/end"]
    assert "past the text's end (45 code points)" in found[0].message


def test_empty_or_reversed_span(tmp_path: Path) -> None:
    found = problems(
        tmp_path, line({"doc_id": "doc-a", "figures": [{"start": 5, "end": 5, "kind": "CARDINAL"}]})
    )
    assert where(found) == ["line 1/figures/0/end"]
    assert "not after start 5" in found[0].message


def test_text_contradicting_offsets(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        line(
            {
                "doc_id": "doc-a",
                "entities": [{"start": 29, "end": 34, "text": "Kursk!", "type": "GPE"}],
            }
        ),
    )
    assert where(found) == ["line 1/entities/0/text"]
    assert "the text at 29:34 is 'Kursk'" in found[0].message


def test_claim_source_text_contradicting_offsets(tmp_path: Path) -> None:
    claim = {
        "doc_id": "doc-a",
        "claims": [{"start": 10, "end": 44, "source": {"start": 0, "end": 9, "text": "Moscow"}}],
    }
    found = problems(tmp_path, line(claim))
    assert where(found) == ["line 1/claims/0/source/text"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_bytes(line(GOOD).encode() + b'\n{"doc_id": "doc-b\xff"}\n')
    with pytest.raises(NewsgoldError) as err:
        check_predictions(path, TEXTS)
    assert err.value.pointer == "line 2"


def test_read_predictions_raises_at_the_first_and_lists_the_others(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    bad = {"doc_id": "doc-a", "entities": [{"start": 0, "end": 99, "type": "GPE"}]}
    path.write_text(line({"doc_id": "doc-z"}) + "\n" + line(bad) + "\n", encoding="utf-8")
    with pytest.raises(NewsgoldError) as err:
        read_predictions(path, TEXTS)
    assert err.value.file == str(path)
    assert err.value.pointer == "line 1/doc_id"
    assert f"{path}:line 2/entities/0/end: end 99 is past" in err.value.message
    assert err.value.status == 1


def test_objects_are_numbered_like_lines() -> None:
    _, found = check_predictions([GOOD, {"doc_id": "doc-a"}], TEXTS)
    assert where(found) == ["line 2/doc_id"]


# Moved from tests/view/test_overlay.py when the viewer took this reader: its cases that the tests
# above did not cover, with the scorer's locations (``line N/pointer``, ``/end`` or ``/text``).
def test_lines_are_recorded_per_doc_id(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(line(GOOD) + "\n" + line({"doc_id": "doc-b", "system": "s"}) + "\n", "utf-8")
    read = read_predictions(path, TEXTS)
    assert read.lines == {"doc-a": 1, "doc-b": 2}
    assert read.documents.get("doc-z") is None


def test_nan_is_located(tmp_path: Path) -> None:
    found = problems(
        tmp_path, '{"doc_id": "doc-a", "entities": [{"start": NaN, "end": 1, "type": "ORG"}]}'
    )
    assert where(found) == ["line 1/entities/0/start"]
    assert "NaN" in found[0].message


def test_float_offsets_are_refused(tmp_path: Path) -> None:
    found = problems(
        tmp_path, line({"doc_id": "doc-a", "entities": [{"start": 0, "end": 4.0, "type": "ORG"}]})
    )
    assert where(found) == ["line 1/entities/0/end"]
    assert "is not of type 'integer'" in found[0].message


def test_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_bytes(b'{"doc_id": "doc-a"}\n{"doc_id": "\xff"}\n')
    with pytest.raises(NewsgoldError) as caught:
        read_predictions(path, TEXTS)
    assert caught.value.pointer == "line 2"
    assert "0xff" in caught.value.message


EMOJI = {"doc-e": "Acme 😀 said"}


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        # "said" starts at code point 7 but at UTF-16 unit 8: a UTF-16 offset picks " sai".
        ({"start": 7, "end": 11, "text": "said", "type": "ORG"}, []),
        ({"start": 6, "end": 10, "text": "said", "type": "ORG"}, ["line 1/entities/0/text"]),
        ({"start": 0, "end": 40, "type": "ORG"}, ["line 1/entities/0/end"]),
    ],
)
def test_offsets_are_code_points(
    tmp_path: Path, span: dict[str, object], expected: list[str]
) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(line({"doc_id": "doc-e", "entities": [span]}) + "\n", "utf-8")
    found = check_predictions(path, EMOJI)[1]
    assert where(found) == expected
    for problem in found:
        assert "expected offsets in code points (not UTF-16 units or bytes)" in problem.message


def test_claim_source_past_the_end(tmp_path: Path) -> None:
    claim = {"start": 0, "end": 4, "source": {"start": 7, "end": 99}, "cue": None}
    found = problems(tmp_path, line({"doc_id": "doc-a", "claims": [claim]}))
    assert where(found) == ["line 1/claims/0/source/end"]


def test_only_the_layers_scored_are_checked_and_kept() -> None:
    # The dates layer is broken (end 99 is past the 45-character text): a fault when dates are
    # scored, never read when only entities are.
    broken = {**GOOD, "dates": [{"start": 0, "end": 99, "type": "DATE", "value": "2024-08"}]}
    _, found = check_predictions([broken], TEXTS)
    assert where(found) == ["line 1/dates/0/end"]
    read, found = check_predictions([broken], TEXTS, layers=("entities",))
    assert found == []
    assert read.documents["doc-a"] == GOOD  # the unscored layer is not kept either
    _, found = check_predictions([broken], TEXTS, layers=("dates",))
    assert where(found) == ["line 1/dates/0/end"]


def test_malformed_timex3_values_and_repeated_ids_are_faults() -> None:
    # "2025-13" and "P-1M" cannot be TIMEX3 values of any type; ids, when given, are unique.
    dates = [
        {"start": 0, "end": 9, "type": "DATE", "value": "2025-13", "id": "t1"},
        {"start": 36, "end": 42, "type": "DURATION", "value": "P-1M", "id": "t1"},
    ]
    _, found = check_predictions([{**GOOD, "dates": dates}], TEXTS)
    assert [(p.pointer, p.message) for p in found] == [
        ("/dates/0/value", "'2025-13' has month 13; expected 01 to 12 "
         "(and no other TIMEX3 type allows it)"),
        ("/dates/1/value", "'P-1M' is not a TIMEX3 duration; "
         "expected P[nY][nM][nW][nD][T[nH][nM][nS]], e.g. P6M (and no other TIMEX3 type allows it)"),
        ("/dates/1/id", "id 't1' is already used at /dates/0/id"),
    ]  # fmt: skip


def test_well_formed_but_wrong_values_are_scored_not_refused() -> None:
    # A duration value typed DATE, a year typed TIME, and a figure misreading its digits, are
    # wrong predictions.
    text = "Troops stayed for six months; 25 died."
    wrong = {
        "doc_id": "d",
        "dates": [
            {"start": 14, "end": 28, "type": "DATE", "value": "P6M"},
            {"start": 14, "end": 28, "type": "TIME", "value": "2025"},
        ],
        "figures": [{"start": 30, "end": 32, "kind": "CARDINAL", "value": 52}],
    }
    assert check_predictions([wrong], {"d": text})[1] == []


def test_timeml_decade_and_century_values_are_accepted() -> None:
    # TempEval-3's data and HeidelTime write the 1990s as "199" and the 1900s as "19".
    text = "In the 1990s, as in the 20th century, troops stayed."
    dates = [
        {"start": 3, "end": 12, "type": "DATE", "value": "199"},
        {"start": 20, "end": 36, "type": "DATE", "value": "19"},
    ]
    assert check_predictions([{"doc_id": "d", "dates": dates}], {"d": text})[1] == []
