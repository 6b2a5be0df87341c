"""Hugging Face: ``newsgold predict --hf MODEL`` runs a token-classification model on the CPU.

``MODEL`` is a model name on the Hub (from the local cache when offline) or a folder with the
model and its tokenizer. The ``transformers`` pipeline tags sub-word pieces; this adapter:

- asks for ``aggregation_strategy="simple"``, which joins consecutive pieces of one entity
  (``B-PER``, ``I-PER``, ...) into one span with the prefix removed;
- widens each span to whole words (a piece inside a word takes the word: ``Kim`` tagged
  inside ``Kimura`` gives ``Kimura``) and joins spans of one label that then overlap or touch,
  so a word whose pieces got split into two spans is one span;
- covers a text longer than the model's maximum length with overlapping windows
  (``stride``: a quarter of a window overlaps the next). The pipeline's own merge of windows
  keeps the longer of two overlapping spans, which loses ``Un`` when one window ends with
  ``Kim Jong`` and the next begins ``Jong Un``; it is switched off, and the word-level join
  below makes ``Kim Jong Un`` of the two;
- routes labels as ``newsgold.adapters.spans`` says: a model trained on CoNLL-2003's
  PER/ORG/LOC/MISC keeps them, to be scored with ``newsgold score --map conll2003``; gold
  types pass through; OntoNotes DATE/TIME and numeric types go to dates and figures.

Offsets come from the fast tokenizer's offset mapping, so they are characters of our text;
a slow tokenizer has none and is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsgold.adapters import require
from newsgold.adapters.spans import Adapter, Routing, Span
from newsgold.errors import NewsgoldError

OVERLAP = 4  # windows overlap by a quarter of their length


def words(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to the whole words at its edges.

    >>> words("Mr Kimura said", 3, 6)
    (3, 9)
    """
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def joined(text: str, found: Iterable[tuple[str, int, int]]) -> list[Span]:
    """Spans widened to words, those of one label that overlap or touch joined into one; of
    spans of different labels that still overlap (two windows disagreeing), the longer stays.

    >>> joined("Kimura Jong Un", [("PER", 0, 3), ("PER", 3, 6), ("PER", 7, 11), ("LOC", 12, 14)])
    [('PER', 0, 6, 'Kimura'), ('PER', 7, 11, 'Jong'), ('LOC', 12, 14, 'Un')]
    >>> joined("Kim Jong Un", [("PER", 0, 8), ("PER", 4, 11), ("LOC", 9, 11)])
    [('PER', 0, 11, 'Kim Jong Un')]
    """
    merged: list[list[Any]] = []
    for label, start, end in sorted((s[0], *words(text, s[1], s[2])) for s in found):
        last = merged[-1] if merged else None
        if last is not None and last[0] == label and start <= last[2]:
            last[2] = max(last[2], end)
        else:
            merged.append([label, start, end])
    kept: list[list[Any]] = []
    for span in sorted(merged, key=lambda x: (x[1] - x[2], x[1], x[0])):  # longest first
        if all(span[2] <= k[1] or k[2] <= span[1] for k in kept):
            kept.append(span)
    return [(label, s, e, text[s:e]) for label, s, e in sorted(kept, key=lambda x: (x[1], x[2]))]


def _window(tokenizer: Any, config: Any) -> int:
    """The longest input the model takes, in tokens, set on the tokenizer for truncation."""
    limit = int(tokenizer.model_max_length or 0)
    positions = int(getattr(config, "max_position_embeddings", 0) or 0)
    if positions and not 0 < limit <= positions:  # no limit, or an unset huge default
        tokenizer.model_max_length = limit = positions
    return limit


def load(model: str) -> Adapter:
    """The adapter of a token-classification model, or a located error if it cannot load."""
    transformers = require("transformers", "hf", "--hf")
    transformers.logging.disable_progress_bar()  # its loading bars would print even in pipes

    class Windows(transformers.TokenClassificationPipeline):  # type: ignore[misc,name-defined]
        """The pipeline, every window's spans kept for ``joined`` to merge."""

        def aggregate_overlapping_entities(self, entities: list[Any]) -> list[Any]:
            return entities

    try:
        pipe = transformers.pipeline(
            "token-classification",
            model=model,
            aggregation_strategy="simple",
            device=-1,
            pipeline_class=Windows,
        )
    except Exception as err:  # OSError for a missing model, ValueError and others for a bad one
        raise NewsgoldError(
            f"cannot load the Hugging Face model ({type(err).__name__}: {err}); expected a "
            "token-classification model name or a folder with the model and its tokenizer",
            model,
        ) from None
    if not pipe.tokenizer.is_fast:
        raise NewsgoldError(
            f"the tokenizer {type(pipe.tokenizer).__name__} is a slow one, which gives no "
            "character offsets; expected a fast tokenizer (tokenizer.json)",
            model,
        )
    window = _window(pipe.tokenizer, pipe.model.config)
    stride = max(1, (window - pipe.tokenizer.num_special_tokens_to_add()) // OVERLAP)
    labels = pipe.model.config.id2label.values()

    def spans(text: str) -> Iterator[Span]:
        found = pipe(text, stride=stride)
        yield from joined(text, ((e["entity_group"], e["start"], e["end"]) for e in found))

    return Adapter(f"hf:{model}", spans, Routing.of(labels))
