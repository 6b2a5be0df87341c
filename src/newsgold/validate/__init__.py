"""The validator: checks in four levels that return incidents (they never print)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, find_root, is_doc_id
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn
from newsgold.validate.corpus import check_corpus
from newsgold.validate.document import check_document
from newsgold.validate.files import checksums, find, read
from newsgold.validate.incidents import CATALOGUE, ERROR, LEVEL_NAMES, Incident
from newsgold.validate.schema import schema_incidents

__all__ = ["CATALOGUE", "Incident", "Report", "validate", "validate_paths"]


@dataclass
class Report:
    """The outcome of a validation run: incidents sorted by file and pointer, and what was checked."""

    root: Path
    documents: int
    incidents: list[Incident] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no incident is an error."""
        return not any(i.severity == ERROR for i in self.incidents)

    def ids(self) -> list[str]:
        """The incident ids, in report order (handy in tests)."""
        return [i.id for i in self.incidents]

    def counts(self) -> dict[str, int]:
        """Number of incidents per level name (files, schema, document, corpus)."""
        per = Counter(i.level for i in self.incidents)
        return {name: per.get(level, 0) for level, name in LEVEL_NAMES.items()}

    def to_dict(self) -> dict[str, Any]:
        """The report as stable JSON: valid, documents, counts per level, incidents."""
        return {
            "valid": self.ok,
            "documents": self.documents,
            "counts": self.counts(),
            "incidents": [i.to_dict() for i in self.incidents],
        }


def validate(
    root: Path, doc_ids: set[str] | None = None, progress: ProgressFn | None = None
) -> Report:
    """Validate a repository (or only some doc_ids of it) through all four levels.

    Documents are read and checked one at a time; each keeps only what level 4 needs (file names,
    text checksum, URL), so memory is one document plus a few hundred bytes per document.
    """
    docs, incidents = find(root, doc_ids)
    for done, doc in enumerate(docs, start=1):
        incidents.extend(read(root, doc))
        incidents.extend(checksums(doc))
        passed = doc.text is not None
        for kind in ("metadata", "annotations"):
            if kind not in doc.files or kind in doc.failed:
                passed = False
                continue
            found = schema_incidents(getattr(doc, kind), kind, doc.files[kind])
            incidents.extend(found)
            passed = passed and not found
        if passed:
            incidents.extend(check_document(doc))
        doc.release()
        if progress is not None:
            progress(done, len(docs))
    if doc_ids is None:
        incidents.extend(check_corpus(docs, root))
    return Report(root, len(docs), sorted(incidents))


def _doc_ids_for(root: Path, path: Path) -> set[str] | None:
    resolved = path.resolve()
    if resolved in {root, root / CORPUS_DIR, root / ANNOTATIONS_DIR}:
        return None
    if resolved.parent in {root / CORPUS_DIR, root / ANNOTATIONS_DIR}:
        return {path.stem}
    raise NewsgoldError(
        f"not a corpus or annotation file of the repository {root}", str(path), status=2
    )


def validate_paths(
    paths: list[Path], root: Path | None = None, progress: ProgressFn | None = None
) -> Report:
    """Validate the documents named by files or folders (all of the repository when none)."""
    if not paths:
        base = root or find_root()
        return validate(base, None, progress)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise NewsgoldError("no such file or folder", str(path), status=2)
    base = root or find_root(paths[0] if paths[0].is_dir() else paths[0].parent)
    wanted: set[str] = set()
    for path in paths:
        ids = _doc_ids_for(base, path)
        if ids is None:
            return validate(base, None, progress)
        wanted |= ids
    bad = sorted(i for i in wanted if not is_doc_id(i))
    if bad:
        # Still scan them so the user sees the doc-id-invalid incident for the file itself.
        return validate(base, None, progress)
    return validate(base, wanted, progress)
