"""The leaderboard: real scorer, cells looked up by path, and docs/leaderboard.md kept current."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from newsgold.baselines.leaderboard import (
    COLUMNS,
    Column,
    Row,
    corpus_leaderboard,
    leaderboard,
    lookup,
    to_markdown,
)
from newsgold.corpus import LAYERS, load_corpus
from newsgold.errors import NewsgoldError

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "leaderboard.py"
VALID_CASE = ROOT / "tests" / "validate" / "cases" / "valid"  # one small gold doc, all layers


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("leaderboard_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def test_split_without_documents_is_an_error() -> None:
    with pytest.raises(NewsgoldError, match="no documents"):
        corpus_leaderboard(load_corpus(VALID_CASE), "train")


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
    assert written.startswith("# Leaderboard\n\n| System | Entities strict F1 |")
    assert "on 1 document(s) of all splits" in written
