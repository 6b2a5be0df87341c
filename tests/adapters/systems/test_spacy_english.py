"""The en_core_web_sm system: a spaCy pipeline's entities only, its dates and figures (which
have no values) left unpredicted. Run on a real blank pipeline with an entity ruler."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.adapters.systems.spacy_english import SYSTEM, load


def test_entities_only(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Norway"},
            {"label": "DATE", "pattern": "Monday"},
            {"label": "CARDINAL", "pattern": "300"},
        ]
    )
    nlp.to_disk(tmp_path / "pipeline")
    text = "Norway said on Monday that 300 delegates come."
    out = load(str(tmp_path / "pipeline"))(text, {"published": "2025-03-03"})
    assert out == {"entities": [{"start": 0, "end": 6, "text": "Norway", "type": "GPE"}]}


def test_description() -> None:
    assert SYSTEM.can() == "entities (the 18 OntoNotes types)"
    assert SYSTEM.layers.keys() == {"entities"}
