"""Validating a document in memory, before any of its files is written."""

from __future__ import annotations

from typing import Any

from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, sha256_text
from newsgold.validate.document import check_document
from newsgold.validate.files import LoadedDoc, checksums
from newsgold.validate.incidents import Incident
from newsgold.validate.schema import schema_incidents


def document_incidents(
    doc_id: str, text: str, metadata: dict[str, Any], annotations: dict[str, Any]
) -> list[Incident]:
    """Levels 1 (checksums), 2 and 3 of the validator on a document that is not on disk yet."""
    files = {
        "text": f"{CORPUS_DIR}/{doc_id}.txt",
        "metadata": f"{CORPUS_DIR}/{doc_id}.json",
        "annotations": f"{ANNOTATIONS_DIR}/{doc_id}.json",
    }
    doc = LoadedDoc(doc_id, text, sha256_text(text), metadata, annotations, files)
    found = checksums(doc)
    for kind in ("metadata", "annotations"):
        found += schema_incidents(getattr(doc, kind), kind, files[kind])
    if not found:
        found = check_document(doc)
    return sorted(found)
