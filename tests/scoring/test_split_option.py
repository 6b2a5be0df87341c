"""--split takes only splits the corpus has (score, predict, baseline), and score warns on stderr
when too few documents are scored for intervals and tests to mean much."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring_helpers import copies_of_valid_case, rows_document

from newsgold.cli import main
from newsgold.errors import NewsgoldError
from newsgold.scoring import gold_from_rows, score
from newsgold.scoring.score import MIN_DOCUMENTS, few_documents

DOCS = {
    "2025-03-03-a": ("test", "gold"),
    "2025-03-03-b": ("test", "draft"),
    "2025-03-03-c": ("validation", "gold"),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copies_of_valid_case(tmp_path / "repo", DOCS)


def test_an_unknown_split_is_a_usage_error_naming_the_valid_ones(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("", encoding="utf-8")
    out = tmp_path / "report.txt"
    commands = [
        ["score", str(predictions), "--root", str(repo), "--gold", str(repo), "--output", str(out)],
        ["predict", "--model", "no_such_module:extract", "--root", str(repo)],
        ["baseline", "--root", str(repo), "--out", str(out)],
    ]
    for command in commands:
        assert main([*command, "--split", "tset"]) == 2, command
        captured = capsys.readouterr()
        assert captured.out == ""
        assert f"newsgold {command[0]}: unknown split 'tset'; the corpus has: validation, test" in (
            captured.err
        )
        assert not out.exists()


def test_score_refuses_an_unknown_split_from_python(repo: Path) -> None:
    with pytest.raises(NewsgoldError) as err:
        score(repo, [], splits=["test", "tset", "dev"])
    assert err.value.status == 2
    assert err.value.message == "unknown split 'tset', 'dev'; the corpus has: validation, test"
    # Gold without any split (rows from elsewhere) has no split to choose.
    rows = [{**rows_document("d", "Some text."), "split": None}]
    with pytest.raises(NewsgoldError, match=r"has: none \(no article has a split\)"):
        score(gold_from_rows(rows), [], splits=["test"])


def test_baseline_and_predict_run_on_the_splits_asked_for(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pred.jsonl"
    assert main(["baseline", "--root", str(repo), "--split", "validation", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [line["doc_id"] for line in lines] == ["2025-03-03-c"]
    assert main(["baseline", "--root", str(repo), "--split", "test", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [line["doc_id"] for line in lines] == ["2025-03-03-a", "2025-03-03-b"]
    capsys.readouterr()


def test_score_warns_when_few_documents_are_scored(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("", encoding="utf-8")
    gold = ["--root", str(repo), "--gold", str(repo)]
    assert main(["score", str(predictions), *gold, "--split", "test", "--format", "json"]) == 0
    captured = capsys.readouterr()
    # Only a is scored: b is a draft, c is validation.
    assert json.loads(captured.out)["documents_scored"] == 1
    assert captured.err == (
        "newsgold score: warning: only 1 document(s) scored: with fewer than 30, confidence "
        "intervals and significance tests will not mean much\n"
    )
    compare = ["score", "--compare", str(predictions), str(predictions), *gold, "--bootstrap", "9"]
    assert main(compare) == 0
    assert "only 2 document(s) scored" in capsys.readouterr().err


def test_thirty_documents_are_enough_for_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert MIN_DOCUMENTS == 30
    assert few_documents(30) is None and few_documents(29) is not None
    docs = {f"2025-03-03-d{n:02d}": ("test", "gold") for n in range(MIN_DOCUMENTS)}
    repo = copies_of_valid_case(tmp_path / "repo", docs)
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("", encoding="utf-8")
    assert main(["score", str(predictions), "--root", str(repo), "--gold", str(repo)]) == 0
    assert capsys.readouterr().err == ""
