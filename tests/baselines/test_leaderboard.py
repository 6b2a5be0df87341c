"""The leaderboard: real scorer, cells looked up by path, test with intervals and validation
apart, and docs/leaderboard.md kept current."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from live_repo import load_script

from newsgold.baselines.leaderboard import (
    COLUMNS,
    Column,
    Row,
    corpus_leaderboard,
    leaderboard,
    lookup,
    lookup_interval,
    to_markdown,
)
from newsgold.corpus import LAYERS, load_corpus
from newsgold.errors import NewsgoldError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "scoring"))
from scoring_helpers import copies_of_valid_case  # noqa: E402

SCRIPT = ROOT / "scripts" / "leaderboard.py"
VALID_CASE = ROOT / "tests" / "validate" / "cases" / "valid"  # one small gold doc, all layers


def script() -> ModuleType:
    return load_script(SCRIPT)


def test_perfect_and_empty_systems_with_the_real_scorer() -> None:
    corpus = load_corpus(VALID_CASE)
    (doc,) = corpus.documents
    perfect = [{"doc_id": doc.doc_id, **{layer: doc.spans(layer) for layer in LAYERS}}]
    rows = leaderboard(corpus, {"perfect": perfect, "empty": []})
    # Gold against itself is 1.0 in every headline column; predicting nothing is 0.0.
    assert rows == [
        Row("perfect", (1.0,) * len(COLUMNS)),
        Row("empty", (0.0,) * len(COLUMNS)),
    ]
    table = to_markdown(rows)
    assert table.splitlines()[2] == "| perfect | " + " | ".join(["100.0"] * len(COLUMNS)) + " |"
    assert table.splitlines()[3] == "| empty | " + " | ".join(["0.0"] * len(COLUMNS)) + " |"


def test_to_markdown_formats_by_hand() -> None:
    columns = [Column("A", "x"), Column("B", "y")]
    rows = [Row("sys", (0.5, 0.12345))]
    assert (
        to_markdown(rows, columns) == "| System | A | B |\n|---|---:|---:|\n| sys | 50.0 | 12.3 |\n"
    )
    assert to_markdown(rows, columns, percent=False).endswith("| sys | 0.500 | 0.123 |\n")


def test_lookup_names_what_is_missing() -> None:
    with pytest.raises(NewsgoldError) as caught:
        lookup({"entities": {"strict": {"f1": 0.5}}}, "entities/exact/f1")
    assert "'exact'" in caught.value.message and "['strict']" in caught.value.message
    with pytest.raises(NewsgoldError):
        lookup({"entities": {"strict": {"f1": "high"}}}, "entities/strict/f1")


def test_intervals_are_read_by_path_and_shown_in_brackets() -> None:
    corpus = load_corpus(VALID_CASE)
    (doc,) = corpus.documents
    perfect = [{"doc_id": doc.doc_id, **{layer: doc.spans(layer) for layer in LAYERS}}]
    (row,) = leaderboard(corpus, {"perfect": perfect}, bootstrap=20, seed=3)
    # One document: every resample is that document, so every interval is [1.0, 1.0].
    assert row == Row("perfect", (1.0,) * len(COLUMNS), ((1.0, 1.0),) * len(COLUMNS))
    columns = [Column("A", "x", "i/x"), Column("B", "y")]
    rows = [Row("sys", (0.5, None), ((0.25, 0.75), (None, None)))]
    assert to_markdown(rows, columns).endswith("| sys | 50.0 [25.0, 75.0] | – |\n")
    assert lookup_interval({"i": {"x": [0.1, None]}}, "i/x") == (0.1, None)
    with pytest.raises(NewsgoldError, match="expected \\[low, high\\]"):
        lookup_interval({"i": {"x": 0.5}}, "i/x")
    assert lookup({"headline": {"claims.token_f1": None}}, "headline/claims.token_f1") is None


def _repo_with(tmp_path: Path, docs: dict[str, tuple[str, str]]) -> Path:
    return copies_of_valid_case(tmp_path / "repo", docs)


def test_test_and_validation_are_reported_apart_on_gold_only(tmp_path: Path) -> None:
    repo = _repo_with(
        tmp_path,
        {
            "2025-03-03-a": ("test", "gold"),
            "2025-03-03-b": ("test", "gold"),
            "2025-03-03-c": ("test", "draft"),
            "2025-03-03-d": ("validation", "gold"),
            "2025-03-03-e": ("validation", "draft"),
        },
    )
    board = corpus_leaderboard(load_corpus(repo), bootstrap=50, seed=1)
    test_part, validation_part = board.split("## Validation (`validation`)")
    assert "## Test (`test`)" in test_part
    assert "2 gold document(s). In brackets: the 95% percentile interval over 50" in test_part
    assert "With fewer than 30 documents these intervals say little." in test_part
    assert "1 gold document(s)." in validation_part and "In brackets" not in validation_part
    assert " [" in test_part.splitlines()[8] and " [" not in validation_part
    assert "tuned on the `validation` split only" in board


def test_a_split_without_gold_says_so_instead_of_failing(tmp_path: Path) -> None:
    # As the live corpus today: one gold article in test, validation all drafts.
    repo = _repo_with(
        tmp_path, {"2025-03-03-a": ("test", "gold"), "2025-03-03-b": ("validation", "draft")}
    )
    board = corpus_leaderboard(load_corpus(repo), bootstrap=10)
    assert "| newsgold-rules-1 |" in board and "1 gold document(s)." in board
    assert "No gold articles in validation yet." in board
    empty = _repo_with(tmp_path / "empty", {"2025-03-03-a": ("test", "draft")})
    board = corpus_leaderboard(load_corpus(empty))
    assert (
        "No gold articles in test yet." in board and "No gold articles in validation yet." in board
    )


@pytest.mark.slow  # a minute where the systems extra is installed: it runs every system
def test_docs_leaderboard_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    status = script().main(["--root", str(ROOT), "--check"])
    assert status == 0, capsys.readouterr().err


def test_write_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(VALID_CASE, repo)
    (repo / "docs").mkdir()
    module = script()
    assert module.main(["--root", str(repo), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert module.main(["--root", str(repo), "--write"]) == 0
    assert module.main(["--root", str(repo), "--check"]) == 0
    written = (repo / "docs" / "leaderboard.md").read_text(encoding="utf-8")
    assert written.startswith("# Leaderboard\n\n")
    assert "## Test (`test`)\n\n| System | Entities strict F1 |" in written
    assert "No gold articles in validation yet." in written
