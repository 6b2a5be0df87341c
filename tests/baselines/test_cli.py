"""`newsgold baseline` and the corpus runner: predictions files, atomic writes, errors, progress."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsgold.baselines import predict, write_predictions
from newsgold.baselines.rules import SYSTEM, extract
from newsgold.cli import main
from newsgold.corpus import find_root, load_corpus
from newsgold.errors import NewsgoldError
from newsgold.progress import Progress
from newsgold.schemas import validator

TEXTS = {
    "2025-04-15-example-1": "Sylvania's ministry said on Friday that 300 soldiers left Marlow.\n",
    "2025-04-16-example-2": "“We will stay,” Ana Belov told reporters in Zürich 🎉 on Tuesday.\n",
}


def make_repository(root: Path, published: dict[str, str] | None = None) -> Path:
    """A small repository of invented articles (texts, metadata, empty gold)."""
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    for doc_id, text in TEXTS.items():
        (root / "corpus" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        date = (published or {}).get(doc_id, doc_id[:10])
        metadata = {"doc_id": doc_id, "published": date, "split": "test", "language": "en"}
        (root / "corpus" / f"{doc_id}.json").write_text(json.dumps(metadata), encoding="utf-8")
        annotations = {"doc_id": doc_id, "entities": [], "dates": [], "figures": [], "claims": []}
        (root / "annotations" / f"{doc_id}.json").write_text(json.dumps(annotations))
    return root


def rows_of(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_writes_one_valid_row_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repository(tmp_path / "repo")
    out = tmp_path / "pred.jsonl"
    assert main(["baseline", "--root", str(root), "--out", str(out)]) == 0
    rows = rows_of(out)
    assert [r["doc_id"] for r in rows] == sorted(TEXTS)
    for row in rows:
        assert list(validator("predictions").iter_errors(row)) == []
        assert row["system"] == SYSTEM
    # The second text is dated 2025-04-16, a Wednesday: "Tuesday" is the day before.
    second = rows[1]
    assert [(d["text"], d["value"]) for d in second["dates"]] == [("Tuesday", "2025-04-15")]
    captured = capsys.readouterr()
    assert captured.out == "" and "wrote 2 document(s)" in captured.err
    assert "[" not in captured.err  # no progress bar: stderr is not a terminal here


def test_standard_output_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repository(tmp_path / "repo")
    assert main(["baseline", "--root", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == sorted(TEXTS)


def test_a_bad_publication_date_fails_cleanly_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repository(tmp_path / "repo", {"2025-04-16-example-2": "16 April 2025"})
    out = tmp_path / "pred.jsonl"
    out.write_text("previous content\n")
    assert main(["baseline", "--root", str(root), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "2025-04-16-example-2.json:/published" in err and "YYYY-MM-DD" in err
    assert "Traceback" not in err
    assert out.read_text() == "previous content\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pred.jsonl", "repo"]


def test_a_missing_output_folder_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repository(tmp_path / "repo")
    assert main(["baseline", "--root", str(root), "--out", str(tmp_path / "no" / "p.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_writing_onto_a_folder_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    with pytest.raises(NewsgoldError):
        write_predictions(target, [{"doc_id": "x"}])
    assert [p.name for p in tmp_path.iterdir()] == ["a-folder"]


def test_predict_reports_progress_and_the_bar_draws_on_a_terminal(tmp_path: Path) -> None:
    corpus = load_corpus(make_repository(tmp_path / "repo"))
    calls: list[tuple[int, int]] = []
    predict(corpus, extract, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    stream = io.StringIO()
    predict(corpus, extract, progress=Progress("baseline", stream=stream, enabled=True))
    assert stream.getvalue().endswith("baseline [" + "#" * 30 + "] 2/2\n")


def test_the_repository_corpus_gives_valid_predictions(tmp_path: Path) -> None:
    root = find_root(Path(__file__).parent)
    out = tmp_path / "pred.jsonl"
    assert main(["baseline", "--root", str(root), "--out", str(out)]) == 0
    rows = rows_of(out)
    assert [r["doc_id"] for r in rows] == [d.doc_id for d in load_corpus(root)]
    texts = {d.doc_id: d.text for d in load_corpus(root)}
    for row in rows:
        assert list(validator("predictions").iter_errors(row)) == []
        for layer in ("entities", "dates", "figures", "claims"):
            for span in row[layer]:
                assert texts[row["doc_id"]][span["start"] : span["end"]] == span["text"]


def test_a_root_that_is_no_repository_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "--root", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "not a newsgold repository" in err and "Traceback" not in err
