"""The prompt builder: the guidelines' summary, the answer schema, the article and its date."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from live_repo import copy_articles

from newsgold.adapters.prompt import (
    SUMMARY_FILE,
    answer_schema,
    messages,
    summary,
    system_prompt,
)
from newsgold.cli import main
from newsgold.schemas import enum

DOC = "2004-11-24-wikinews-1de8f6b3"


def summary_section(layer: str) -> str:
    text = SUMMARY_FILE.read_text(encoding="utf-8")
    return text.split(f"\n## {layer}\n", 1)[1].split("\n## ", 1)[0]


def test_the_summary_lists_exactly_the_schema_entity_types() -> None:
    listed = re.findall(r"^- `([A-Z_]+)`:", summary_section("entities"), re.MULTILINE)
    assert listed == enum("entity_type")


def test_the_summary_names_every_value_of_the_closed_vocabularies() -> None:
    for layer, vocabularies in {
        "dates": ("timex_type",),
        "figures": ("figure_kind", "figure_modifier"),
        "claims": ("quote", "certainty", "polarity"),
    }.items():
        section = summary_section(layer)
        for vocabulary in vocabularies:
            missing = [v for v in enum(vocabulary) if f"`{v}`" not in section]
            assert missing == [], (layer, vocabulary)


def test_a_summary_for_some_layers_has_only_their_sections() -> None:
    text = summary(["dates"])
    assert "## dates" in text and "## entities" not in text and "## claims" not in text
    assert text.startswith("# What to extract")


def test_the_answer_schema_is_the_predictions_schema_with_spans_as_text() -> None:
    schema = answer_schema()
    Draft202012Validator.check_schema(schema)
    check = Draft202012Validator(schema)
    good = {
        "entities": [{"text": "Boeing", "type": "ORG", "entity_id": "boeing"}],
        "dates": [{"text": "Monday", "type": "DATE", "value": "2024-05-06", "mod": None}],
        "figures": [{"text": "$5 million", "kind": "MONEY", "value": 5000000, "unit": "USD"}],
        "claims": [
            {"text": "it rained", "source": {"text": "he", "entity_id": None}, "cue": None},
            {"text": "it snowed", "source": None, "cue": None, "quote": None},
        ],
    }
    assert list(check.iter_errors(good)) == []
    bad = [
        {**good, "entities": [{"start": 0, "end": 6, "type": "ORG"}]},  # offsets, no text
        {**good, "entities": [{"text": "Boeing", "type": "PER"}]},
        {**good, "figures": [{"text": "5", "kind": "MONEY", "value": "five"}]},
        {**good, "claims": [{"text": "x", "cue": {"start": 1}}]},
        {**good, "sections": []},
        {"entities": []},  # every asked layer is required
    ]
    assert [len(list(check.iter_errors(b))) > 0 for b in bad] == [True] * len(bad)
    assert answer_schema(["figures"])["required"] == ["figures"]
    assert answer_schema(["figures"])["properties"]["figures"]["items"]["required"] == [
        "text",
        "kind",
    ]


def test_messages_hold_the_schema_the_article_and_its_date() -> None:
    system, user = messages("Boeing said so.", {"published": "2004-11-24"}, ["entities"])
    assert system["role"] == "system" and user["role"] == "user"
    assert '"entities"' in system["content"] and "PERSON" in system["content"]
    assert "## dates" not in system["content"]
    schema_text = system["content"].split("matching this JSON Schema:\n\n", 1)[1]
    assert json.loads(schema_text) == answer_schema(["entities"])
    assert user["content"] == "Publication date: 2004-11-24\n\nArticle:\n\nBoeing said so."
    assert system_prompt() != system_prompt(["entities"])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(copy_articles(tmp_path / "repo", [DOC]))
    return tmp_path


def test_prompt_command_prints_json_lines_and_text(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["prompt", "--format", "json", "--layers", "entities", "dates"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert data["doc_id"] == DOC
    assert [m["role"] for m in data["messages"]] == ["system", "user"]
    assert data["messages"][1]["content"].startswith("Publication date: 2004-11-24\n")
    assert "## figures" not in data["messages"][0]["content"]
    out = repo / "prompt.txt"
    assert main(["prompt", DOC, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"##### {DOC}\n=== system\n# What to extract")
    assert "\n=== user\nPublication date: 2004-11-24\n" in text


def test_prompt_command_refuses_an_unknown_article(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["prompt", "2004-01-01-nowhere"]) == 2
    assert "no article '2004-01-01-nowhere' in the corpus" in capsys.readouterr().err
