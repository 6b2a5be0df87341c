"""Level 4: invariants across the corpus (each article once, by text and by URL).

Unique doc_ids need no check here: they are file names, lowercase by rule (doc-id-invalid), and
the doc_id inside each file must equal its name (doc-id-mismatch).
"""

from __future__ import annotations

from pathlib import Path

from newsgold.errors import NewsgoldError
from newsgold.splits import SPLITS_FILE, assigned_split, load_splits
from newsgold.validate.files import LoadedDoc
from newsgold.validate.incidents import Incident


def check_splits(docs: list[LoadedDoc], root: Path) -> list[Incident]:
    """The split record names only corpus articles, and every metadata split agrees with it."""
    try:
        record = load_splits(root)
    except NewsgoldError as err:
        return [Incident(SPLITS_FILE, err.pointer, "split-record-invalid", err.message)]
    if record is None:
        return []
    out: list[Incident] = []
    known = {doc.doc_id for doc in docs}
    for index, doc_id in enumerate(record["validation"]):
        if doc_id not in known:
            out.append(
                Incident(
                    SPLITS_FILE,
                    f"/validation/{index}",
                    "split-unknown-doc",
                    f"doc_id {doc_id!r} is not in the corpus; expected a doc_id of corpus/*.txt",
                )
            )
    for doc in docs:
        meta = doc.metadata if isinstance(doc.metadata, dict) else {}
        split = meta.get("split")
        expected = assigned_split(record, doc.doc_id)
        if isinstance(split, str) and split != expected:
            out.append(
                Incident(
                    doc.files["metadata"],
                    "/split",
                    "split-mismatch",
                    f"split is {split!r}, {SPLITS_FILE} gives {expected!r}; "
                    "run scripts/draw_splits.py or edit the record",
                )
            )
    return out


def check_corpus(docs: list[LoadedDoc], root: Path | None = None) -> list[Incident]:
    """Incidents that only show when documents are seen together."""
    out: list[Incident] = check_splits(docs, root) if root is not None else []
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
