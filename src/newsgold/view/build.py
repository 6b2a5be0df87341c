"""``newsgold view``: render the selected documents (and optionally predictions) to static pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from newsgold.atomic import write_files
from newsgold.corpus import (
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    Lazy,
    doc_ids,
    inside,
    load_document,
    read_text,
    select_doc_ids,
)
from newsgold.errors import NewsgoldError
from newsgold.scoring.predictions import Predictions, read_predictions
from newsgold.validate import validate
from newsgold.validate.incidents import ERROR
from newsgold.view.layers import LAYERS, Lookup, items, marks
from newsgold.view.markup import blank_runs, build
from newsgold.view.overlay import PREDICTED_LAYERS, STATUSES
from newsgold.view.page import (
    IndexRow,
    Overlay,
    article_page,
    index_page,
    layer_counts,
    status_counts,
)

OUT_DIR = "view"


@dataclass
class ViewResult:
    """What ``build_view`` wrote: the folder, its files, and the counts shown on the index."""

    out: Path
    files: list[str]
    documents: int
    counts: dict[str, int]
    predictions: str | None = None
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        return {
            "out": str(self.out),
            "files": self.files,
            "documents": self.documents,
            "counts": self.counts,
            "predictions": self.predictions,
            "statuses": self.statuses,
        }


def _texts(root: Path) -> Lazy[str]:
    """The corpus texts by doc_id, each read only when the predictions mention its document."""
    return Lazy(doc_ids(root), lambda doc_id: read_text(root / CORPUS_DIR / f"{doc_id}.txt"))


def _incidents(root: Path, chosen: list[str], everything: bool) -> dict[str, list[str]]:
    """Validation incidents per doc_id; raises on level 1-2 errors (a page would be meaningless)."""
    report = validate(root, None if everything else set(chosen))
    per_doc: dict[str, list[str]] = {}
    for incident in report.incidents:
        if incident.level <= 2 and incident.severity == ERROR:
            raise NewsgoldError(
                f"[{incident.id}] {incident.message}; fix level 1-2 problems before viewing "
                "(run newsgold validate)",
                incident.file,
                incident.pointer,
            )
        per_doc.setdefault(PurePosixPath(incident.file).stem, []).append(incident.line())
    return per_doc


def _check_out(root: Path, out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise NewsgoldError(
            "exists and is not a folder; expected a folder for the pages", str(out), status=2
        )
    resolved = out.resolve()
    for folder in (root / CORPUS_DIR, root / ANNOTATIONS_DIR):
        if inside(folder, resolved):
            raise NewsgoldError(f"refusing to write pages inside {folder}", str(out), status=2)
    if resolved == root.resolve():
        raise NewsgoldError(
            "refusing to write pages into the repository root; give a subfolder", str(out), status=2
        )


def build_view(
    root: Path,
    wanted: Sequence[str] | None = None,
    out: Path | None = None,
    predictions: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ViewResult:
    """Render one page per selected document and an index page into ``out`` (default ``view/``)."""
    target = out if out is not None else root / OUT_DIR
    _check_out(root, target)
    chosen = select_doc_ids(root, wanted)
    incidents = _incidents(root, chosen, not wanted)
    guessed: Predictions | None = None
    system: str | None = None
    if predictions is not None:
        guessed = read_predictions(predictions, _texts(root))
        systems = {str(d["system"]) for d in guessed.documents.values() if "system" in d}
        system = ", ".join(sorted(systems)) or None

    files: dict[str, str] = {}
    rows: list[IndexRow] = []
    totals: dict[str, Counter[str]] = {layer: Counter() for layer in PREDICTED_LAYERS}
    for number, doc_id in enumerate(chosen, start=1):
        doc = load_document(root, doc_id)
        overlay: Overlay | None = None
        predicted = None
        if guessed is not None:
            predicted = guessed.documents.get(doc_id)
        found = items(doc.annotations, predicted)
        if guessed is not None:
            counts = status_counts(found) if predicted is not None else {}
            overlay = Overlay(guessed.source, system, predicted is not None, counts)
            for layer, per in counts.items():
                totals[layer].update(per)
        lookup = Lookup(doc.annotations, doc.text)
        gold_file = f"{ANNOTATIONS_DIR}/{doc_id}.json"
        drawn = build(
            doc.text,
            [
                *marks(doc.text, found, lookup, (gold_file, guessed.source if guessed else "")),
                *blank_runs(doc.text),
            ],
        )
        notes = incidents.get(doc_id, [])
        files[f"articles/{doc_id}.html"] = article_page(
            doc_id, doc.metadata, doc.annotations, drawn, found, lookup, notes, overlay
        )
        summary = None
        if overlay is not None and overlay.present:
            summary = {s: sum(c[s] for c in overlay.counts.values()) for s in STATUSES}
        rows.append(
            IndexRow(
                doc_id,
                doc.metadata,
                str(doc.annotations.get("status", "?")),
                layer_counts(doc.annotations),
                len(notes),
                summary,
            )
        )
        if progress is not None:
            progress(number, len(chosen))
    files["index.html"] = index_page(
        rows, guessed.source if guessed else None, system, totals if guessed is not None else None
    )
    write_files(
        {target / name: page.encode("utf-8") for name, page in files.items()},
        overwrite=True,
        what="the pages",
    )
    gold_totals = {layer: sum(r.counts[layer] for r in rows) for layer in LAYERS}
    return ViewResult(
        target,
        sorted(files),
        len(rows),
        gold_totals,
        guessed.source if guessed else None,
        {layer: {s: totals[layer][s] for s in STATUSES} for layer in PREDICTED_LAYERS}
        if guessed
        else {},
    )
