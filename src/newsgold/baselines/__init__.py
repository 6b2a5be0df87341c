"""Baseline extractors, run over a corpus into a predictions file (one JSON object per document)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.atomic import write_text
from newsgold.corpus import CORPUS_DIR, LAYERS, Corpus
from newsgold.errors import NewsgoldError

Extractor = Callable[[str, str], dict[str, Any]]
ProgressFn = Callable[[int, int], None]


def predict(
    corpus: Corpus,
    extract: Extractor,
    system: str | None = None,
    progress: ProgressFn | None = None,
) -> list[dict[str, Any]]:
    """Run an extractor ``extract(text, published)`` over every document; one row per document."""
    rows: list[dict[str, Any]] = []
    total = len(corpus)
    for done, doc in enumerate(corpus, start=1):
        metadata_file = str(corpus.root / CORPUS_DIR / f"{doc.doc_id}.json")
        published = doc.metadata.get("published")
        if not isinstance(published, str):
            raise NewsgoldError(
                "no publication date; expected published as YYYY-MM-DD", metadata_file, "/published"
            )
        try:
            layers = extract(doc.text, published)
        except NewsgoldError as err:
            raise NewsgoldError(err.message, metadata_file, err.pointer, err.status) from None
        row: dict[str, Any] = {"doc_id": doc.doc_id}
        row.update({layer: layers[layer] for layer in LAYERS if layer in layers})
        if system:
            row["system"] = system
        rows.append(row)
        if progress is not None:
            progress(done, total)
    return rows


def write_predictions(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write rows to a predictions file atomically (never half a file)."""
    write_text(path, jsonio.dumps_lines(rows))
