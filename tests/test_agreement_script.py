"""scripts/agreement.py: both passes recorded, agreement per article and overall, the page."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from live_repo import ROOT, SEED, copy_articles, load_script

SCRIPT = ROOT / "scripts" / "agreement.py"


def script() -> ModuleType:
    return load_script(SCRIPT)


def write_pass(folder: Path, name: str, south_korea_type: str) -> None:
    folder.mkdir(parents=True)
    data = {
        "doc_id": SEED,
        "annotator": name,
        "entities": [
            {
                "text": "Russia",
                "context": "Troops in Russia Not",
                "type": "GPE",
                "entity_id": "russia",
            },
            {
                "text": "South Korea",
                "context": "Mid-January, South Korea Says",
                "type": south_korea_type,
                "entity_id": "south-korea",
            },
        ],
        "notes": [{"where": "headline", "question": "q", "choice": "c"}],
    }
    (folder / f"{SEED}.json").write_text(json.dumps(data), encoding="utf-8")


def test_passes_are_recorded_and_measured(tmp_path: Path) -> None:
    repo = copy_articles(tmp_path / "repo", [SEED])
    write_pass(tmp_path / "a", "pass-a", "GPE")
    write_pass(tmp_path / "b", "pass-b", "ORG")
    assert script().main([str(tmp_path / "a"), str(tmp_path / "b"), "--root", str(repo)]) == 0
    # the passes are kept as written, notes included
    kept = json.loads((repo / "adjudication/passes/pass-b" / f"{SEED}.json").read_text())
    assert kept["entities"][1]["type"] == "ORG" and kept["notes"]
    record = json.loads((repo / "adjudication/agreement.json").read_text())
    entities = record["per_document"][SEED]["entities"]
    # two matched spans, one with another type: strict COR 1, INC 1 -> P = R = F1 = 0.5;
    # partial ignores the type -> 1.0; type kappa over the pairs (GPE,GPE), (GPE,ORG)
    assert entities["strict_f1"] == 0.5 and entities["partial_f1"] == 1.0
    assert entities["type_observed"] == 0.5
    assert record["documents"] == 1 and record["corpus"]["entities"]["strict_f1"] == 0.5
    differences = json.loads((repo / "adjudication/disagreements" / f"{SEED}.json").read_text())
    assert [(d["layer"], d["fields"]) for d in differences] == [("entities", ["type"])]
    page = (repo / "docs/agreement.md").read_text()
    assert "| entities | 2 | 2 | 0.500 | 1.000 |" in page and "**not met**" in page


def test_docs_limits_what_is_recorded(tmp_path: Path) -> None:
    repo = copy_articles(tmp_path / "repo", [SEED])
    write_pass(tmp_path / "a", "pass-a", "GPE")
    write_pass(tmp_path / "b", "pass-b", "GPE")
    args = [str(tmp_path / "a"), str(tmp_path / "b"), "--root", str(repo), "--docs", "other"]
    assert script().main(args) == 0
    assert not (repo / "adjudication/passes/pass-a" / f"{SEED}.json").exists()
