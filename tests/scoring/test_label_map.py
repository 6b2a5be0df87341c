"""Scoring a system with another entity tag set: --map and --types fold gold types to its labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scoring_helpers import entity, rows_document

from newsgold.cli import main
from newsgold.errors import NewsgoldError
from newsgold.scoring import score
from newsgold.scoring.labelmap import load_map, parse_map, types_map
from newsgold.scoring.predictions import TAG_SET_HINT
from newsgold.scoring.score import ScoreResult, merge

TEXT = "Ann met Bob in Paris at the Louvre with French friends on 3 May 2024."


def at(word: str) -> tuple[int, int]:
    """Offsets of a word of TEXT."""
    start = TEXT.index(word)
    return start, start + len(word)


def ent(word: str, type_: str) -> dict[str, Any]:
    """An entity over a word of TEXT."""
    return entity(*at(word), TEXT, type_)


DATE = {
    "start": at("3 May 2024")[0],
    "end": at("3 May 2024")[1],
    "type": "DATE",
    "value": "2024-05-03",
}
GOLD_ENTITIES = [
    ent("Ann", "PERSON"),
    ent("Bob", "PERSON"),
    ent("Paris", "GPE"),
    ent("Louvre", "FAC"),
    ent("French", "NORP"),
]
GOLD = [rows_document("d1", TEXT, entities=GOLD_ENTITIES, dates=[DATE])]
# A CoNLL system: Bob taken for an ORG, everything else right once GPE and FAC fold to LOC and
# NORP to MISC. Strict: COR 4 (Ann, Paris, Louvre, French), INC 1 (Bob): F1 = 2*4 / (5 + 5) = 0.8.
CONLL = [
    ("Ann", "PER"),
    ("Bob", "ORG"),
    ("Paris", "LOC"),
    ("Louvre", "LOC"),
    ("French", "MISC"),
]
PRED = {"doc_id": "d1", "entities": [ent(w, t) for w, t in CONLL], "dates": [DATE]}
NO_MISC = {"PER": ["PERSON"], "ORG": ["ORG"], "LOC": ["GPE", "LOC", "FAC"]}


def test_conll2003_scores_in_the_system_labels() -> None:
    result = score(GOLD, [PRED], layers=["entities", "dates"], label_map=load_map("conll2003"))
    strict = result.totals["entities"].schemes["strict"]
    assert strict.overall().to_dict() == {
        "COR": 4, "INC": 1, "PAR": 0, "MIS": 0, "SPU": 0, "POS": 5, "ACT": 5,
    }  # fmt: skip
    assert result.headline()["entities.strict_f1"] == pytest.approx(0.8)
    # type scheme: Bob overlaps with another label, INC too; per type in the system's labels
    by_label = strict.by_label()
    assert sorted(by_label) == ["LOC", "MISC", "ORG", "PER"]
    assert by_label["PER"].scores.recall == pytest.approx(1 / 2)  # Ann found, Bob not
    assert by_label["ORG"].scores.precision == 0.0  # the one ORG prediction is Bob
    assert by_label["LOC"].scores.possible == 2  # Paris (GPE) and Louvre (FAC)
    assert result.left_out() == {}
    block = result.to_dict()["label_map"]
    assert block["name"] == "conll2003" and block["left_out_types"] == []
    assert block["left_out_gold_spans"] == 0 and block["labels"]["LOC"] == ["GPE", "LOC", "FAC"]


def test_other_layers_are_scored_as_without_a_map() -> None:
    mapped = score(GOLD, [PRED], layers=["entities", "dates"], label_map=load_map("wikiner"))
    plain = score(GOLD, [{**PRED, "entities": []}], layers=["entities", "dates"])
    assert mapped.to_dict()["scores"]["dates"] == plain.to_dict()["scores"]["dates"]
    assert mapped.headline()["dates.value_f1"] == 1.0
    assert plain.to_dict()["label_map"] is None


def test_gold_types_in_no_list_are_left_out_and_counted() -> None:
    # NORP is in no list: French leaves the gold (POS 4); COR 3, INC 1: F1 = 2*3 / (4 + 4).
    pred = {**PRED, "entities": PRED["entities"][:4]}
    result = score(GOLD, [pred], layers=["entities"], label_map=parse_map(NO_MISC, "m.json"))
    assert result.headline()["entities.strict_f1"] == pytest.approx(0.75)
    assert result.totals["entities"].schemes["strict"].overall().possible == 4
    block = result.to_dict()["label_map"]
    assert block["left_out_types"] == ["NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"]
    assert block["left_out_spans"] == {"NORP": {"gold": 1, "predicted": 0}}
    assert (block["left_out_gold_spans"], block["left_out_predicted_spans"]) == (1, 0)
    assert "left out: gold types NORP, PRODUCT" in result.to_table()
    assert "1 gold span(s) (NORP 1)" in result.to_markdown()


def test_types_keeps_only_the_types_given_on_both_sides() -> None:
    # Gold kept: Ann, Bob (PERSON), Paris (GPE): POS 3. Predictions of other types are dropped,
    # Bob's ORG among them, so Bob is missed: COR 2, MIS 1, ACT 2, F1 = 2*2 / (3 + 2) = 0.8.
    pred = {"doc_id": "d1", "entities": [{**e, "type": t} for e, t in zip(
        PRED["entities"], ["PERSON", "ORG", "GPE", "FAC", "NORP"], strict=True)]}  # fmt: skip
    result = score(GOLD, [pred], layers=["entities"], label_map=types_map(["PERSON", "GPE"]))
    counts = result.totals["entities"].schemes["strict"].overall()
    assert (counts.cor, counts.inc, counts.mis, counts.spu) == (2, 0, 1, 0)
    assert result.headline()["entities.strict_f1"] == pytest.approx(0.8)
    assert result.left_out() == {
        "FAC": {"gold": 1, "predicted": 1},
        "NORP": {"gold": 1, "predicted": 1},
        "ORG": {"gold": 0, "predicted": 1},
    }
    block = result.to_dict()["label_map"]
    assert block["name"] == "types PERSON,GPE" and block["predicts_gold_types"] is True
    assert (block["left_out_gold_spans"], block["left_out_predicted_spans"]) == (2, 3)


def test_a_label_not_in_the_map_is_a_located_error() -> None:
    pred = {**PRED, "entities": [ent("Ann", "PERS")]}
    with pytest.raises(NewsgoldError) as err:
        score(GOLD, [pred], layers=["entities"], label_map=load_map("conll2003"))
    assert err.value.pointer == "line 1/entities/0/type"
    assert "label 'PERS' is not in the label map; expected one of PER, ORG, LOC, MISC" in str(
        err.value
    )


def test_shards_merge_with_their_map_and_refuse_another() -> None:
    conll = load_map("conll2003")
    gold = [*GOLD, rows_document("d2", TEXT, entities=[ent("French", "NORP")])]
    pred = {**PRED, "entities": PRED["entities"][:4]}
    a = score(gold[:1], [pred], layers=["entities"], label_map=parse_map(NO_MISC, "m"))
    b = score(gold[1:], [], layers=["entities"], label_map=parse_map(NO_MISC, "m"))
    both = merge([ScoreResult.from_dict(json.loads(json.dumps(r.to_dict()))) for r in (a, b)])
    assert both.left_out() == {"NORP": {"gold": 2, "predicted": 0}}  # one in each document
    assert both.label_map == a.label_map
    c = score(gold[1:], [], layers=["entities"], label_map=conll)
    with pytest.raises(NewsgoldError, match="expected the same label map in every shard"):
        merge([a, c])


@pytest.mark.parametrize(
    ("content", "pointer", "words"),
    [
        ('{"PER": ["PERSON"', "line 1", "JSON"),
        ('["PERSON"]', "", "expected a non-empty object of lists"),
        ('{"PER": "PERSON"}', "/PER", "PER maps to 'PERSON'; expected a non-empty list"),
        ('{"PER": ["PEOPLE"]}', "/PER/0", "unknown gold type 'PEOPLE'"),
        ('{"PER": [null]}', "/PER/0", "unknown gold type 'null'"),  # JSON, not a string
        (
            '{"PER": ["PERSON"], "X": ["PERSON"]}',
            "/X/0",
            "PERSON is mapped to X and already to PER",
        ),
        ('{"B PER": ["PERSON"]}', "/B PER", "label 'B PER' cannot be scored"),
    ],
)
def test_bad_map_files_are_located_errors(
    tmp_path: Path, content: str, pointer: str, words: str
) -> None:
    path = tmp_path / "m.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NewsgoldError) as err:
        load_map(path)
    assert err.value.status == 1 and err.value.file == str(path)
    assert err.value.pointer.startswith(pointer) and words in err.value.message


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """Gold rows and the CoNLL predictions as files."""
    (tmp_path / "gold.jsonl").write_text(json.dumps(GOLD[0]) + "\n", encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    return tmp_path


def test_cli_map_by_name_writes_the_label_map_block(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["score", str(files / "pred.jsonl"), "--gold", str(files / "gold.jsonl")]
    assert main([*args, "--map", "conll2003", "--layers", "entities", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["label_map"]["name"] == "conll2003"
    assert data["headline"]["entities.strict_f1"] == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("extra", "status", "words"),
    [
        (["--map", "conll2003", "--types", "PERSON"], 2, "give --map or --types, not both"),
        (["--map", "nosuch.json"], 2, "no such label map file"),
        (["--types", "PERSON,PEOPLE"], 2, "--types PEOPLE: expected gold entity types"),
        (["--map", "conll2003", "--layers", "dates"], 2, "applies to the entities layer"),
        (["--types", "PERSON"], 1, "'PER' is not one of"),  # --types: predictions in gold types
        (["--map", "BAD"], 1, "unknown gold type"),
    ],
)
def test_cli_errors_exit_and_write_nothing(
    files: Path, capsys: pytest.CaptureFixture[str], extra: list[str], status: int, words: str
) -> None:
    (files / "BAD").write_text('{"PER": ["PEOPLE"]}', encoding="utf-8")
    out = files / "report.json"
    args = ["score", str(files / "pred.jsonl"), "--gold", str(files / "gold.jsonl")]
    extra = [str(files / "BAD") if e == "BAD" else e for e in extra]
    assert main([*args, *extra, "--out", str(out)]) == status
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_conll_labels_without_a_map_are_refused_with_a_hint_to_map_them(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["score", str(files / "pred.jsonl"), "--gold", str(files / "gold.jsonl")]
    assert main([*args, "--layers", "entities"]) == 1
    err = capsys.readouterr().err
    assert "'PER' is not one of" in err and err.rstrip().endswith(TAG_SET_HINT)


def test_no_label_map_hint_for_other_faults(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = files / "bad-offsets.jsonl"
    line = json.loads((files / "pred.jsonl").read_text(encoding="utf-8").splitlines()[0])
    line["entities"] = [dict(line["entities"][0], type="PERSON", end=10**6)]
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert main(["score", str(bad), "--gold", str(files / "gold.jsonl")]) == 1
    assert "--map" not in capsys.readouterr().err
