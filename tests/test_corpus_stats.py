"""scripts/corpus_stats.py: docs/corpus.md follows the gold, and says how many are drafts."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from live_repo import ROOT, SEED, copy_articles

SCRIPT = ROOT / "scripts" / "corpus_stats.py"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_stats_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_corpus_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert script().main(["--root", str(ROOT), "--check"]) == 0, capsys.readouterr().err


def test_write_then_check_on_the_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = copy_articles(tmp_path / "repo", [SEED])
    (repo / "docs").mkdir()
    module = script()
    assert module.main(["--root", str(repo), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert module.main(["--root", str(repo), "--write"]) == 0
    assert module.main(["--root", str(repo), "--check"]) == 0
    page = (repo / "docs" / "corpus.md").read_text(encoding="utf-8")
    # the seed alone: 1 gold article, no drafts; 47 entities, 11 dates, 2 figures, 14 claims
    # (docs/guidelines.md, adjudication record of the seed)
    assert "1 of 1 articles are gold" in page and "0 are drafts" in page
    assert "| test | 1 | 0 | 8 | 47 | 11 | 2 | 14 |" in page
