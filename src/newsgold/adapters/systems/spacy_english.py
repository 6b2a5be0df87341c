"""spaCy's small English pipeline (``en_core_web_sm``) as an entities system.

It runs through the spaCy adapter (``newsgold.adapters.spacy``, as ``newsgold predict --spacy``
does) and keeps its entities only: the pipeline also tags DATE, TIME, MONEY, PERCENT, QUANTITY,
CARDINAL and ORDINAL spans, but without values, so on the dates and figures layers it would be
scored as reading every value wrong; here those layers are left unpredicted. The package is a
model download (``python -m spacy download en_core_web_sm``), not on PyPI, so it is not in the
``systems`` extra; where it cannot be installed the leaderboard leaves its row out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsgold.adapters.systems import System
from newsgold.scoring.harness import Model

PIPELINE = "en_core_web_sm"

SYSTEM = System(
    name=PIPELINE,
    distribution=PIPELINE,
    module=PIPELINE,
    layers={"entities": ("the 18 OntoNotes types",)},
    cannot="values of dates and figures (it tags their spans only, so they are left out); claims",
)


def load(pipeline: str = PIPELINE) -> Model:
    """The pipeline's entities: ``model(text, metadata) -> {"entities": [...]}``."""
    from newsgold.adapters import spacy

    adapter = spacy.load(pipeline)

    def model(text: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return {"entities": adapter(text, dict(metadata)).get("entities", [])}

    return model
