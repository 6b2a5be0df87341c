"""spaCy: ``newsgold predict --spacy PIPELINE`` runs a spaCy pipeline's named entities.

``PIPELINE`` is what ``spacy.load`` takes: an installed package (``en_core_web_sm``) or a folder
written by ``nlp.to_disk``. Each document is one ``nlp(text)`` call; ``doc.ents`` are routed by
label (``newsgold.adapters.spans``): name types to entities, DATE/TIME to dates,
CARDINAL/MONEY/PERCENT/QUANTITY/ORDINAL to figures. spaCy keeps the text as given, so
``start_char``/``end_char`` are offsets into our text, and each span's ``text`` is written too,
which the harness checks against the text at those offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsgold.adapters import require
from newsgold.adapters.spans import Adapter, Routing, Span
from newsgold.errors import NewsgoldError

SETS_ENTITIES = "doc.ents"  # what a component's meta says it assigns when it tags entities


def entity_labels(nlp: Any) -> set[str]:
    """The labels of every component that sets ``doc.ents`` (ner, entity_ruler, ...)."""
    labels: set[str] = set()
    for name, pipe in nlp.pipeline:
        if SETS_ENTITIES in nlp.get_pipe_meta(name).assigns:
            labels.update(getattr(pipe, "labels", ()))
    return labels


def load(pipeline: str) -> Adapter:
    """The adapter of a spaCy pipeline, or a located error if it cannot be loaded or tags none."""
    spacy = require("spacy", "spacy", "--spacy")
    try:
        nlp = spacy.load(pipeline)
    except Exception as err:  # OSError for a missing package, others for a broken config
        raise NewsgoldError(
            f"cannot load the spaCy pipeline ({type(err).__name__}: {err}); expected an "
            "installed pipeline package (such as en_core_web_sm) or a folder written by "
            "nlp.to_disk",
            pipeline,
        ) from None
    labels = entity_labels(nlp)
    if not labels:
        raise NewsgoldError(
            f"the spaCy pipeline has no component that tags entities with labels "
            f"(components: {', '.join(nlp.pipe_names) or 'none'}); expected one that sets "
            "doc.ents, such as ner or entity_ruler",
            pipeline,
        )

    def spans(text: str) -> Iterator[Span]:
        for ent in nlp(text).ents:
            yield ent.label_, ent.start_char, ent.end_char, ent.text

    return Adapter(f"spacy:{pipeline}", spans, Routing.of(labels))
