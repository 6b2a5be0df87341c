"""scripts/corpus_stats.py: docs/corpus.md follows the gold, and says how many are drafts."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from live_repo import ROOT, SEED, copy_articles, load_script

SCRIPT = ROOT / "scripts" / "corpus_stats.py"


def script() -> ModuleType:
    return load_script(SCRIPT)


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
