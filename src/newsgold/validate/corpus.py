"""Level 4: invariants across the corpus (unique doc_ids and texts)."""

from __future__ import annotations

from newsgold.validate.files import LoadedDoc
from newsgold.validate.incidents import Incident


def check_corpus(docs: list[LoadedDoc]) -> list[Incident]:
    """Incidents that only show when documents are seen together."""
    out: list[Incident] = []
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for doc in docs:
        meta = doc.metadata if isinstance(doc.metadata, dict) else {}
        declared = meta.get("doc_id")
        if isinstance(declared, str):
            key = declared.lower()
            if key in ids:
                out.append(
                    Incident(doc.files["metadata"], "/doc_id", "doc-id-duplicate", f"doc_id {declared!r} is already declared by {ids[key]}; expected unique doc_ids")
                )
            else:
                ids[key] = doc.files["metadata"]
        if doc.text_sha256 is not None and "text" in doc.files:
            if doc.text_sha256 in texts:
                out.append(
                    Incident(doc.files["text"], "", "text-duplicate", f"same text (sha256 {doc.text_sha256[:12]}…) as {texts[doc.text_sha256]}; expected each article once")
                )
            else:
                texts[doc.text_sha256] = doc.files["text"]
    return out
