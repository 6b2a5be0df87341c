"""Level 4: invariants across the corpus (each article once, by text and by URL).

Unique doc_ids need no check here: they are file names, lowercase by rule (doc-id-invalid), and
the doc_id inside each file must equal its name (doc-id-mismatch).
"""

from __future__ import annotations

from newsgold.validate.files import LoadedDoc
from newsgold.validate.incidents import Incident


def check_corpus(docs: list[LoadedDoc]) -> list[Incident]:
    """Incidents that only show when documents are seen together."""
    out: list[Incident] = []
    urls: dict[str, str] = {}
    texts: dict[str, str] = {}
    for doc in docs:
        meta = doc.metadata if isinstance(doc.metadata, dict) else {}
        url = meta.get("url")
        if isinstance(url, str):
            key = url.strip().rstrip("/").lower()
            if key in urls:
                out.append(
                    Incident(
                        doc.files["metadata"],
                        "/url",
                        "url-duplicate",
                        f"url {url!r} is already the url of {urls[key]}; expected each article once",
                    )
                )
            else:
                urls[key] = doc.files["metadata"]
        if doc.text_sha256 is not None and "text" in doc.files:
            if doc.text_sha256 in texts:
                out.append(
                    Incident(
                        doc.files["text"],
                        "",
                        "text-duplicate",
                        f"same text (sha256 {doc.text_sha256[:12]}…) as {texts[doc.text_sha256]}; expected each article once",
                    )
                )
            else:
                texts[doc.text_sha256] = doc.files["text"]
    return out
