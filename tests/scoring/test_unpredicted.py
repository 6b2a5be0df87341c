"""A layer no document of a predictions file has is reported as not predicted, never as 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live_repo import ROOT, SEED, copy_articles

from newsgold.cli import main
from newsgold.scoring import score
from newsgold.scoring.score import ScoreResult, merge

GOLD = json.loads((ROOT / "annotations" / f"{SEED}.json").read_text(encoding="utf-8"))
# The seed's gold: 47 entities, 11 dates, 2 figures, 14 claims. Every second entity predicted,
# all correct: 24 of 47, strict F1 = 2*24 / (47 + 24) = 48/71. Figures predicted as an empty list:
# predicted, nothing found, value F1 0. Dates and claims: no key anywhere, so not predicted.
LINE = {"doc_id": SEED, "entities": GOLD["entities"][::2], "figures": []}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding only the seed article, as the current folder."""
    root = copy_articles(tmp_path / "repo", [SEED])
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    path = tmp_path / "entities-only.jsonl"
    path.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    return path


def test_the_api_reports_absent_layers_as_not_predicted(repo: Path) -> None:
    result = score(repo, [LINE], bootstrap=20)
    assert result.unpredicted == ("dates", "claims")
    headline = result.headline()
    assert headline["entities.strict_f1"] == pytest.approx(48 / 71)
    assert headline["figures.value_f1"] == 0.0  # an empty list is a prediction: scored
    assert headline["dates.value_f1"] is None and headline["claims.strict_f1"] is None
    assert result.bootstrap is not None
    assert result.bootstrap.intervals["dates.value_f1"] == (None, None)
    assert result.per_document()[SEED]["claims.token_f1"] is None


def test_json_marks_each_layer_and_nulls_the_scores(
    repo: Path, pred: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(pred), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["unpredicted"] == ["dates", "claims"]
    assert data["scores"]["dates"] == {"predicted": False, "schemes": None, "metrics": None}
    assert data["scores"]["entities"]["predicted"] is True
    assert data["scores"]["figures"]["predicted"] is True
    assert data["headline"]["dates.value_f1"] is None
    assert data["headline"]["figures.value_f1"] == 0.0
    assert captured.err == (
        f"newsgold score: note: {pred} never predict dates, claims (no document has the key): "
        "reported as not predicted, not scored as 0\n"
        "newsgold score: warning: only 1 document(s) scored: with fewer than 30, confidence "
        "intervals and significance tests will not mean much\n"
    )
    # the merge of the one shard keeps the marker (the JSON round trip reads it back)
    assert ScoreResult.from_dict(data).unpredicted == ("dates", "claims")


def test_table_and_markdown_say_not_predicted(
    repo: Path, pred: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(pred)]) == 0
    table = capsys.readouterr().out
    assert "not predicted (no scores): dates, claims" in table
    rows = {line.split()[0]: line.split(maxsplit=1)[1] for line in table.splitlines()[3:14]}
    assert rows["dates.value_f1"] == rows["claims.token_f1"] == "not predicted"
    assert rows["figures.value_f1"] == "0.000"
    assert "== dates\n\nnot predicted: no document of the predictions has the key 'dates'" in table
    assert main(["score", str(pred), "--format", "markdown"]) == 0
    board = capsys.readouterr().out
    row = next(line for line in board.splitlines() if line.startswith(f"| {pred} |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    # entities strict, partial; dates strict, partial, value; figures the same; claims strict,
    # partial, token
    np = "not predicted"
    f1 = f"{48 / 71:.3f}"
    assert cells[1:] == [f1, f1, np, np, np, "0.000", "0.000", "0.000", np, np, np]


def test_merge_predicts_a_layer_when_some_shard_does(repo: Path) -> None:
    with_dates = score(repo, [{"doc_id": SEED, "dates": []}])
    without = score(repo, [])  # a file without documents predicts nothing: every layer scored
    assert with_dates.unpredicted == ("entities", "figures", "claims")
    assert without.unpredicted == ()
    shard_a = score(repo, [LINE])
    shard_b = score(repo, [{"doc_id": SEED, "dates": []}])
    shard_b.documents[SEED].missing = True  # as if shard b did not hold the document
    assert merge([shard_a, shard_b]).unpredicted == ("claims",)
