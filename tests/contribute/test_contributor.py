"""A contributor's pull request, step by step as CONTRIBUTING.md says, on a copy of the repository.

The copy holds the whole live corpus, so this test follows it as it grows: whatever it holds, a
new article added the documented way leaves a repository that validates and keeps the invariants
the tests check on the live corpus (tests/live_repo.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live_repo import copy_repository, invariant_problems

from newsgold.cli import main

# An invented article, laid out as CONTRIBUTING.md asks: headline, byline, dateline, body.
ARTICLE = (
    "Harbour Ferry Service Resumes After Storm\n"
    "\n"
    "By Jane Doe\n"
    "\n"
    "March 1, 2025\n"
    "\n"
    "The ferry between Kestel and Ravnholt sailed again on Saturday, three days after the storm.\n"
    "About 400 passengers crossed on the first day, the operator said.\n"
)
URL = "https://example.org/2025/03/01/story-12345"
DOC = "2025-03-01-examplenews-12345"  # date, publisher slug, the URL's article number


def newsgold(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The real CLI entry point, as `newsgold ARGS` runs it; exit status, stdout, stderr."""
    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_an_article_added_the_contributing_way_validates_and_keeps_the_invariants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = copy_repository(tmp_path / "newsgold")
    assert invariant_problems(repo) == []  # 0. the corpus you start from is valid
    monkeypatch.chdir(repo)  # commands find the repository from the current folder, as in a clone
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    # 1. Add the article, with the command line of CONTRIBUTING.md.
    status, out, err = newsgold(
        capsys,
        *("new", "--text", str(article), "--url", URL, "--published", "2025-03-01"),
        *("--publisher", "Example News", "--byline", "By Jane Doe"),
        *("--rights-holder", "Example News", "--license", "all rights reserved"),
        "--no-redistribute",
    )
    assert status == 0, err
    assert out.startswith(f"added {DOC} ")
    assert "text changes: none" in out
    assert "split 'test': what provenance/splits.json gives the doc_id" in out
    assert "draft sections guessed from the layout: headline, byline, dateline, body" in out
    metadata = json.loads((repo / "corpus" / f"{DOC}.json").read_text("utf-8"))
    assert metadata["split"] == "test"  # a new article is not in the drawn validation sample
    assert metadata["title"] == "Harbour Ferry Service Resumes After Storm"
    assert metadata["rights"] == {
        "holder": "Example News",
        "license": "all rights reserved",
        "redistribute": False,
    }
    assert (repo / "corpus" / f"{DOC}.txt").read_text("utf-8") == ARTICLE

    # 2. Annotate: a round trip through brat (export, then import what comes back).
    status, _, err = newsgold(capsys, "export", "brat", DOC)
    assert status == 0, err
    assert (repo / "exports" / "brat" / f"{DOC}.ann").is_file()
    status, _, err = newsgold(capsys, "import", "brat", "exports/brat", "--annotator", "jdoe")
    assert status == 0, err

    # 3. Check the work: the pre-commit hook (the changed files), the whole repository, the page.
    changed = [f"corpus/{DOC}.txt", f"corpus/{DOC}.json", f"annotations/{DOC}.json"]
    status, out, err = newsgold(capsys, "validate", *changed)
    assert status == 0, out + err
    status, out, err = newsgold(capsys, "validate")
    assert status == 0 and "VALID" in out and "INVALID" not in out, out + err
    status, _, err = newsgold(capsys, "view", DOC)
    assert status == 0, err
    assert (repo / "view" / "articles" / f"{DOC}.html").is_file()

    # What CI and the tests check on the live corpus hold for the repository with the article.
    annotations = json.loads((repo / "annotations" / f"{DOC}.json").read_text("utf-8"))
    assert annotations["status"] == "draft" and annotations["annotators"] == ["jdoe"]
    assert invariant_problems(repo) == []
