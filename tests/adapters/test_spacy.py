"""``newsgold predict --spacy``: a real blank English pipeline with an entity_ruler, on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from article_repo import ArticleRepo

from newsgold.cli import main

spacy = pytest.importorskip("spacy")

SEOUL = "Kim Jong Un met officials in Seoul on Tuesday, paying $5 million for aspirin."
ZURICH = "Reporters in Zürich 🙂 saw Kim Jong Un."  # code points: the emoji is one
PATTERNS = [
    {"label": "PERSON", "pattern": "Kim Jong Un"},
    {"label": "GPE", "pattern": "Seoul"},
    {"label": "GPE", "pattern": "Zürich"},
    {"label": "DATE", "pattern": "Tuesday"},
    {"label": "MONEY", "pattern": [{"ORTH": "$"}, {"LIKE_NUM": True}, {"LOWER": "million"}]},
    {"label": "DRUG", "pattern": "aspirin"},  # no gold type: dropped and counted
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two gold articles, the first annotated in every layer the pipeline tags."""
    r = ArticleRepo(tmp_path / "repo")
    r.add(
        "seoul",
        SEOUL,
        status="gold",
        entities=[
            r.entity(SEOUL, "Kim Jong Un", "PERSON", "kim-jong-un"),
            r.entity(SEOUL, "Seoul", "GPE", "seoul"),
        ],
        dates=[r.date(SEOUL, "Tuesday", "2025-03-04")],
        figures=[r.figure(SEOUL, "$5 million", 5_000_000, "USD", kind="MONEY")],
    )
    r.add(
        "zurich",
        ZURICH,
        status="gold",
        entities=[
            r.entity(ZURICH, "Zürich", "GPE", "zurich"),
            r.entity(ZURICH, "Kim Jong Un", "PERSON", "kim-jong-un"),
        ],
    )
    return r.root


def pipeline(folder: Path, patterns: list[dict[str, object]] | None = PATTERNS) -> Path:
    """A blank English pipeline, with an entity_ruler of these patterns unless None, on disk."""
    nlp = spacy.blank("en")
    if patterns is not None:
        nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.to_disk(folder)
    return folder


def predictions(path: Path) -> dict[str, dict[str, object]]:
    """The lines of a predictions file by doc_id."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {line.pop("doc_id"): line for line in lines}


def test_entities_dates_and_figures_at_exact_offsets(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nlp = pipeline(tmp_path / "pipeline")
    out = tmp_path / "p.jsonl"
    assert main(["predict", "--spacy", str(nlp), "--root", str(repo), "--out", str(out)]) == 0
    # SEOUL: "Kim Jong Un" 0-11; " met officials in " runs to 29, "Seoul" 29-34; " on " to 38,
    # "Tuesday" 38-45; ", paying " to 54, "$5 million" 54-64; "aspirin" (DRUG) is dropped.
    # ZURICH: "Reporters in " is 13 code points, "Zürich" 13-19; " 🙂 saw " (the emoji one code
    # point) runs to 26, "Kim Jong Un" 26-37.
    assert predictions(out) == {
        "seoul": {
            "entities": [
                {"start": 0, "end": 11, "text": "Kim Jong Un", "type": "PERSON"},
                {"start": 29, "end": 34, "text": "Seoul", "type": "GPE"},
            ],
            "dates": [{"start": 38, "end": 45, "text": "Tuesday", "type": "DATE"}],
            "figures": [{"start": 54, "end": 64, "text": "$5 million", "kind": "MONEY"}],
        },
        "zurich": {
            "entities": [
                {"start": 13, "end": 19, "text": "Zürich", "type": "GPE"},
                {"start": 26, "end": 37, "text": "Kim Jong Un", "type": "PERSON"},
            ],
            "dates": [],
            "figures": [],
        },
    }
    err = capsys.readouterr().err
    assert "wrote 2 prediction(s)" in err
    assert (
        "dropped 1 span(s) whose label is no gold entity type, date or figure kind: DRUG 1" in err
    )


def test_scored_spans_match_and_values_are_left_to_the_scorer(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nlp = pipeline(tmp_path / "pipeline")
    out = tmp_path / "p.jsonl"
    assert main(["predict", "--spacy", str(nlp), "--root", str(repo), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["score", str(out), "--gold", str(repo), "--format", "json"]) == 0
    headline = json.loads(capsys.readouterr().out)["headline"]
    # Every span is right (4 entities, 1 date, 1 figure), but the pipeline gives no TIMEX3 value
    # and no figure value: value F1 is 0 where span F1 is 1. Claims are not predicted.
    assert headline["entities.strict_f1"] == 1.0
    assert headline["dates.strict_f1"] == 1.0 and headline["dates.value_f1"] == 0.0
    assert headline["figures.partial_f1"] == 1.0 and headline["figures.value_f1"] == 0.0
    assert headline["claims.strict_f1"] is None


def test_only_the_layers_the_pipeline_tags_are_predicted(repo: Path, tmp_path: Path) -> None:
    nlp = pipeline(tmp_path / "pipeline", [{"label": "GPE", "pattern": "Seoul"}])
    out = tmp_path / "p.jsonl"
    assert main(["predict", "--spacy", str(nlp), "--root", str(repo), "--out", str(out)]) == 0
    assert predictions(out) == {
        "seoul": {"entities": [{"start": 29, "end": 34, "text": "Seoul", "type": "GPE"}]},
        "zurich": {"entities": []},
    }


def test_a_pipeline_that_cannot_be_loaded_writes_nothing(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.jsonl"
    missing = tmp_path / "no-such-pipeline"
    assert main(["predict", "--spacy", str(missing), "--root", str(repo), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsgold predict: {missing}: cannot load the spaCy pipeline (OSError")
    assert "expected an installed pipeline package" in err and "Traceback" not in err
    assert not out.exists()


def test_a_pipeline_without_entities_is_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nlp = pipeline(tmp_path / "blank", None)
    out = tmp_path / "p.jsonl"
    assert main(["predict", "--spacy", str(nlp), "--root", str(repo), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{nlp}: the spaCy pipeline has no component that tags entities" in err
    assert "(components: none)" in err
    assert not out.exists()


def test_one_model_source_only(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["predict", "--spacy", str(tmp_path), "--model", "m:f", "--root", str(repo)])
    assert exit_.value.code == 2
    assert main(["predict", "--root", str(repo)]) == 2  # none: the message lists the sources
    assert "give one extractor: --model MODULE:CALLABLE, --spacy PIPELINE, --hf MODEL" in (
        capsys.readouterr().err
    )
