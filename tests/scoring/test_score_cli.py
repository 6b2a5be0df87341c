"""The score, predict and agree commands: outputs, exit statuses, atomic writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from live_repo import ROOT, copy_articles
from live_repo import SEED as DOC

from newsgold.cli import main

MODEL = """
import json
from pathlib import Path

GOLD = json.loads(Path({gold!r}).read_text(encoding="utf-8"))


def perfect(text, metadata):
    assert metadata["published"] == "2025-02-04"
    return {{layer: GOLD[layer] for layer in ("entities", "dates", "figures", "claims")}}


def half(text, metadata):
    return {{layer: GOLD[layer][::2] for layer in ("entities", "dates", "figures", "claims")}}


def broken(text, metadata):
    return {{"entities": [{{"start": 0, "end": len(text) + 1, "type": "GPE"}}]}}


def crashing(text, metadata):
    return _inner(text)


def _inner(text):
    raise RuntimeError("model crashed")


def with_numpy(text, metadata):
    import numpy as np

    first = GOLD["entities"][0]
    span = {{"start": np.int64(first["start"]), "end": np.int64(first["end"]), "type": first["type"]}}
    return {{"entities": np.array([span], dtype=object), "dates": [], "figures": np.array([])}}
"""


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Toy models of the seed article, run in a repository that holds only the seed."""
    (tmp_path / "toy_models.py").write_text(
        MODEL.format(gold=str(ROOT / "annotations" / f"{DOC}.json")), encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(copy_articles(tmp_path / "repo", [DOC]))
    yield tmp_path
    sys.modules.pop("toy_models", None)


def test_predict_then_score(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = models / "perfect.jsonl"
    assert main(["predict", "--model", "toy_models:perfect", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == [DOC]
    assert main(["score", str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["headline"].values()) == {1.0}
    assert data["documents_missing"] == 0


def test_table_and_markdown(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = models / "half.jsonl"
    assert main(["predict", "--model", "toy_models:half", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["score", str(out), "--per-doc"]) == 0
    table = capsys.readouterr().out
    # Every second entity of 47: 24 predicted, all correct -> strict F1 2*24/(47+24) = 48/71.
    assert f"entities.strict_f1   {48 / 71:.3f}" in table
    assert "== per document" in table
    assert (
        main(["score", str(out), "--format", "markdown", "--output", str(models / "board.md")]) == 0
    )
    board = (models / "board.md").read_text(encoding="utf-8")
    assert board.startswith("## newsgold scores")
    assert f"| {out} | {48 / 71:.3f} |" in board


def test_bad_model_output_writes_nothing(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = models / "broken.jsonl"
    assert main(["predict", "--model", "toy_models:broken", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"toy_models:broken:{DOC}/entities/0/end: invalid model output: end" in err
    assert not out.exists()
    assert main(["predict", "--model", "toy_models:crashing", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"newsgold predict: toy_models:crashing:{DOC}: the model raised RuntimeError: model crashed\n"
        "Traceback (the model's last 2 frame(s)):\n"
    )
    assert "toy_models.py" in err and ", in crashing\n" in err and ", in _inner\n" in err
    assert "harness.py" not in err  # the model's frames, not newsgold's
    assert main(["predict", "--model", "no_such_module:f"]) == 2
    assert main(["predict", "--model", "toy_models"]) == 2
    assert not out.exists()


def test_predict_converts_numpy_output_to_plain_json(models: Path) -> None:
    out = models / "numpy.jsonl"
    assert main(["predict", "--model", "toy_models:with_numpy", "--out", str(out)]) == 0
    line = json.loads(out.read_text(encoding="utf-8"))
    gold = json.loads((ROOT / "annotations" / f"{DOC}.json").read_text(encoding="utf-8"))
    first = gold["entities"][0]
    assert line["entities"] == [
        {"start": first["start"], "end": first["end"], "type": first["type"]}
    ]
    assert line["figures"] == [] and line["dates"] == []


def test_bad_predictions_exit_1_with_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    pred = tmp_path / "bad.jsonl"
    pred.write_text(
        json.dumps({"doc_id": DOC, "dates": [{"start": 5, "end": 3, "type": "DATE"}]}) + "\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    assert main(["score", str(pred), "--output", str(report)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsgold score: {pred}:line 1/dates/0/end: end 3 is not after start 5")
    assert "Traceback" not in err
    assert not report.exists()


def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["score"]) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["score", str(empty), "--merge", str(empty)]) == 2
    assert main(["score", str(empty), "--tolerance", "-1"]) == 2
    assert main(["score", str(tmp_path / "missing.jsonl")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_merge_and_compare(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    perfect, half = models / "perfect.jsonl", models / "half.jsonl"
    assert main(["predict", "--model", "toy_models:perfect", "--out", str(perfect)]) == 0
    assert main(["predict", "--model", "toy_models:half", "--out", str(half)]) == 0
    shard = models / "shard.json"
    assert main(["score", str(half), "--format", "json", "--output", str(shard)]) == 0
    capsys.readouterr()
    assert main(["score", "--merge", str(shard), "--format", "json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert merged["headline"] == json.loads(shard.read_text(encoding="utf-8"))["headline"]
    assert (
        main(
            ["score", "--compare", str(perfect), str(half), "--bootstrap", "50", "--format", "json"]
        )
        == 0
    )
    comparison = json.loads(capsys.readouterr().out)
    test = comparison["tests"]["entities.strict_f1"]
    assert test["a"] == 1.0 and test["difference"] == pytest.approx(1 - 48 / 71)
    assert test["p_value"] == 1.0  # one document: randomisation cannot tell the systems apart
    (models / "not-a-score.json").write_text("{}", encoding="utf-8")
    assert main(["score", "--merge", str(models / "not-a-score.json")]) == 1


def test_agree_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(ROOT / "annotations" / f"{DOC}.json", a)
    data = json.loads((ROOT / "annotations" / f"{DOC}.json").read_text(encoding="utf-8"))
    data["dates"][0]["mod"] = None  # Mid-January without its MID
    (b / f"{DOC}.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["agree", str(a), str(b), "--root", str(ROOT), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [(d["layer"], d["fields"], d["a"]["text"]) for d in result["disagreements"]] == [
        ("dates", ["mod"], "Mid-January")
    ]
    assert main(["agree", str(a), str(b), "--root", str(ROOT)]) == 0
    table = capsys.readouterr().out
    assert "1 disagreement(s)" in table and "mod=MID" in table


def test_numpy_is_imported_by_matching_larger_documents_and_by_a_comparison(tmp_path: Path) -> None:
    # numpy costs a tenth of a second at start-up: it is imported only where it pays, by the
    # matcher for documents of ARRAY_MIN_SPANS spans or more (the seed's layers, predicted as
    # the gold) and by intervals and paired tests; an empty prediction needs none of it.
    probe = (
        "import sys; from newsgold.cli import main; status = main({args!r}); "
        "print(status, 'numpy' in sys.modules)"
    )
    empty = tmp_path / "p.jsonl"
    empty.write_text(json.dumps({"doc_id": DOC}) + "\n", encoding="utf-8")
    gold = json.loads((ROOT / "annotations" / f"{DOC}.json").read_text("utf-8"))
    layers = ("entities", "dates", "figures", "claims")
    assert len(gold["entities"]) >= 8  # ARRAY_MIN_SPANS gold + predicted spans, and more
    same = tmp_path / "same.jsonl"
    same.write_text(json.dumps({"doc_id": DOC, **{k: gold[k] for k in layers}}) + "\n", "utf-8")
    base = ["score", "--root", str(ROOT), "--format", "json", "--output", str(tmp_path / "o.json")]
    for args, expected in (
        ([*base, str(empty)], "0 False"),
        ([*base, str(same)], "0 True"),
        ([*base, "--compare", str(empty), str(empty), "--bootstrap", "20"], "0 True"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe.format(args=args)],
            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}, check=True,
        )  # fmt: skip
        assert done.stdout.split("\n")[-2] == expected, done.stderr
