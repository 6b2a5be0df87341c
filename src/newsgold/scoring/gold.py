"""Gold documents for scoring and agreement: from a repository, annotation files, or rows."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from newsgold import corpus as corpus_module
from newsgold import jsonio, timex
from newsgold.cache import VerdictCache, code_digest
from newsgold.corpus import (
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    LAYERS,
    Corpus,
    Document,
    Lazy,
    find_root,
    is_doc_id,
    load_corpus,
    read_text,
    repository_doc_ids,
    sha256_text,
)
from newsgold.errors import NewsgoldError
from newsgold.schemas import schema_dir
from newsgold.scoring import typed
from newsgold.scoring.predictions import content_problems, object_problems

METADATA_FIELDS = (
    "title",
    "url",
    "publisher",
    "byline",
    "agency",
    "published",
    "language",
    "rights",
    "split",
)

Row = Mapping[str, Any]
GoldSource = Path | str | Corpus | Iterable[Document] | Iterable[Row] | None


def check_document(
    doc: Document,
    file: str,
    prefix: str = "",
    layers: Sequence[str] = LAYERS,
    typed_layers: bool = False,
) -> None:
    """Raise NewsgoldError at the first gold span of these layers that is malformed or wrong.

    ``typed_layers``: the annotations came from the typed decoder (``scoring.typed``), which
    proved every layer schema-valid, so only the checks no schema expresses run.
    """
    items = {layer: doc.annotations.get(layer) or [] for layer in layers}
    check = content_problems if typed_layers else object_problems
    problems = check({"doc_id": doc.doc_id, **items}, {doc.doc_id: doc.text})
    if problems:
        pointer, message = problems[0]
        raise NewsgoldError(f"gold annotation: {message}", file, prefix + pointer)


def _is_root(folder: Path) -> bool:
    return (folder / CORPUS_DIR).is_dir() and (folder / ANNOTATIONS_DIR).is_dir()


def _document(
    row: Row, file: str, prefix: str, root: Path | None, layers: Sequence[str] = LAYERS
) -> Document:
    doc_id = row.get("doc_id") if isinstance(row, Mapping) else None
    if not isinstance(doc_id, str):
        raise NewsgoldError(
            "no doc_id; expected an annotation object with a doc_id", file, prefix + "/doc_id"
        )
    annotations = {k: v for k, v in row.items() if k not in ("text", "metadata")}
    for layer in LAYERS:
        annotations[layer] = list(row.get(layer) or [])
    metadata: dict[str, Any] = dict(
        row.get("metadata") or {k: row[k] for k in METADATA_FIELDS if k in row}
    )
    text = row.get("text")
    if text is None:
        text, stored = repository_text(doc_id, root, file, prefix)
        metadata = metadata or stored
    if not isinstance(text, str):
        raise NewsgoldError("text is not a string", file, prefix + "/text")
    expected = row.get("text_sha256")
    if isinstance(expected, str) and expected != sha256_text(text):
        raise NewsgoldError(
            f"the text of {doc_id!r} does not match its text_sha256 "
            "(a different version of the article?)",
            file,
            prefix + "/text_sha256",
        )
    doc = Document(doc_id, text, metadata, annotations)
    check_document(doc, file, prefix, layers)
    return doc


def repository_text(
    doc_id: str, root: Path | None, file: str, prefix: str = ""
) -> tuple[str, dict[str, Any]]:
    """The text and metadata of a document from a repository's corpus/ (for text-less rows)."""
    if not is_doc_id(doc_id):  # it becomes a file name: it must not lead out of corpus/
        raise NewsgoldError(
            f"{doc_id!r} is not a doc_id (lowercase [a-z0-9-], at most 80 characters)",
            file,
            prefix + "/doc_id",
        )
    try:
        base = root or find_root()
    except NewsgoldError:
        raise NewsgoldError(
            f"no text for {doc_id!r}: the row carries none and no repository is here to "
            "read it from (restore release texts with `newsgold hydrate`)",
            file,
            prefix,
        ) from None
    text = read_text(base / CORPUS_DIR / f"{doc_id}.txt")
    meta_file = base / CORPUS_DIR / f"{doc_id}.json"
    metadata = jsonio.load(meta_file) if meta_file.is_file() else {}
    return text, metadata


def _release_rows(paths: list[Path], root: Path | None) -> list[dict[str, Any]]:
    """Annotation-shaped rows from the ``documents`` Parquet files of a built release."""
    import pyarrow.parquet as pq  # only releases need pyarrow here

    rows = []
    for path in paths:
        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as err:
            raise NewsgoldError(f"cannot read Parquet: {err}", str(path)) from None
        if "annotators" not in table.column_names:
            raise NewsgoldError(
                "not a documents file of a newsgold release (no annotators column); expected "
                "data/documents/<split>-*.parquet",
                str(path),
                status=2,
            )
        for number, row in enumerate(table.to_pylist(), start=1):
            rows.append(from_release_row(row, root, str(path), f"row {number}"))
    return rows


def is_release_row(row: Row) -> bool:
    """Whether a row comes from a release's documents config (flat metadata)."""
    return "rights" in row and "synthetic" in row and "annotators" in row


def from_release_row(row: Row, root: Path | None, file: str, prefix: str) -> dict[str, Any]:
    """An annotation-shaped row (with text and metadata) from a release ``documents`` row."""
    from newsgold.release.rows import annotations_from_row, metadata_from_row

    text = row["text"]
    if text is None:
        text, _ = repository_text(row["doc_id"], root, file, prefix)
    annotations = annotations_from_row(dict(row), text)
    return {**annotations, "text": text, "metadata": metadata_from_row(dict(row))}


def _is_release(folder: Path) -> bool:
    return (folder / "MANIFEST.json").is_file() and (folder / "data" / "documents").is_dir()


def _unique(docs: list[Document], source: str) -> list[Document]:
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            raise NewsgoldError(
                f"doc_id {doc.doc_id!r} appears twice; expected each document once", source
            )
        seen.add(doc.doc_id)
    return sorted(docs, key=lambda d: d.doc_id)


def gold_from_rows(
    rows: Iterable[Row],
    root: Path | None = None,
    source: str = "<rows>",
    layers: Sequence[str] = LAYERS,
) -> list[Document]:
    """Gold documents from dicts shaped like annotation JSON (plus ``text`` and metadata fields).

    Rows of the Hugging Face release (``load_dataset(release)["test"]``, text-less ones too)
    are accepted as they are. A row without ``text`` takes it from the repository's ``corpus/``
    (``root``, or the one around the current folder), as for articles not redistributed. Only
    the ``layers`` given are checked.
    """
    docs = []
    for n, row in enumerate(rows, start=1):
        if isinstance(row, Mapping) and is_release_row(row):
            row = from_release_row(row, root, source, f"row {n}")
        docs.append(_document(row, source, f"row {n}", root, layers))
    return _unique(docs, source)


def load_gold(
    path: Path | str | None = None, root: Path | None = None, layers: Sequence[str] = LAYERS
) -> list[Document]:
    """Gold from a repository root, an annotations folder or file, a JSONL of rows, or a release.

    A built release folder (or its ``documents`` Parquet file) is read row by row; rows of
    articles released without text take it from the repository around the current folder.
    Only the ``layers`` given are checked.
    """
    if path is None:
        return _checked_corpus(load_corpus(root or find_root()), layers)
    where = Path(path)
    if where.is_dir() and _is_root(where):
        return _checked_corpus(load_corpus(where), layers)
    base = root or (where.parent if _is_root(where.parent) else None)
    if where.is_dir() and _is_release(where):
        files = sorted((where / "data" / "documents").glob("*.parquet"))
        return gold_from_rows(_release_rows(files, root), root, str(where), layers)
    if where.is_file() and where.suffix == ".parquet":
        return gold_from_rows(_release_rows([where], root), root, str(where), layers)
    if where.is_dir():
        files = sorted(where.glob("*.json"))
        if not files:
            raise NewsgoldError(
                "no annotation files (*.json) here; expected a repository root or an "
                "annotations folder",
                str(where),
                status=2,
            )
        docs = [_document(jsonio.load(f), str(f), "", base, layers) for f in files]
        return _unique(docs, str(where))
    if where.is_file() and where.suffix == ".json":
        base = root or (where.parent.parent if _is_root(where.parent.parent) else None)
        return [_document(jsonio.load(where), str(where), "", base, layers)]
    if where.is_file() and where.suffix == ".jsonl":
        return _unique(_rows_file(where, base, layers), str(where))
    raise NewsgoldError(
        "expected a repository root, an annotations folder, an annotation .json file, "
        "a .jsonl of rows, a release folder or its documents .parquet",
        str(where),
        status=2,
    )


def _rows_file(path: Path, root: Path | None, layers: Sequence[str]) -> list[Document]:
    docs = []
    for number, row, problem in jsonio.load_lines(path, "gold rows"):
        if problem is not None:
            pointer, message = problem
            raise NewsgoldError(message, str(path), f"line {number}{pointer}")
        docs.append(_document(row, str(path), f"line {number}", root, layers))
    return docs


def _annotation_file(doc_id: str) -> str:
    return f"{ANNOTATIONS_DIR}/{doc_id}.json"


def _checked_corpus(corpus: Corpus, layers: Sequence[str]) -> list[Document]:
    for doc in corpus:
        check_document(doc, _annotation_file(doc.doc_id), layers=layers)
    return list(corpus.documents)


def as_gold(
    gold: GoldSource, root: Path | None = None, layers: Sequence[str] = LAYERS
) -> list[Document]:
    """Whatever a caller passes as gold, as checked documents sorted by doc_id."""
    if gold is None or isinstance(gold, str | Path):
        return load_gold(gold, root, layers)
    if isinstance(gold, Corpus):
        return _checked_corpus(gold, layers)
    items = list(gold)
    if all(isinstance(item, Document) for item in items):
        docs = [item for item in items if isinstance(item, Document)]
        for doc in docs:
            check_document(doc, doc.doc_id, layers=layers)
        return _unique(docs, "<documents>")
    rows = [item for item in items if isinstance(item, Mapping)]
    return gold_from_rows(rows, root, layers=layers)


class GoldStore(Lazy[Document]):
    """Checked gold documents by doc_id; from a repository each is read only when asked for.

    Scoring a repository through a store holds one article at a time, so its memory does not
    grow with the corpus; other sources are read whole first. ``fingerprints`` holds the gold
    fingerprints known without computing them (from the cache of checked gold); ``checked``
    tells the store the fingerprint of a document scored, and ``save`` keeps what it learnt.
    """

    def __init__(
        self,
        keys: Iterable[str],
        load: Callable[[str], Document],
        split_of: Callable[[str], Any] | None = None,
        cache: VerdictCache | None = None,
    ) -> None:
        super().__init__(keys, load)
        self._split_of = split_of or (lambda doc_id: self[doc_id].metadata.get("split"))
        self.fingerprints: dict[str, str] = {}
        self.pending: dict[str, str] = {}  # doc_id -> cache key of a document checked in full
        self._cache = cache

    def checked(self, doc_id: str, fingerprint: str) -> None:
        """A document was read, checked and fingerprinted: remember it for the next run."""
        key = self.pending.pop(doc_id, None)
        if key is not None and self._cache is not None:
            self._cache.put(key, fingerprint)

    def save(self) -> None:
        """Write the cache of checked gold (nothing when no cache or nothing new)."""
        if self._cache is not None:
            self._cache.save()

    def texts(self) -> Mapping[str, str]:
        """The same documents' texts, read as lazily."""
        return Lazy(self, lambda doc_id: self[doc_id].text)

    def splits(self) -> list[Any]:
        """The split of every document (from a repository, read from its metadata alone)."""
        return [self._split_of(doc_id) for doc_id in self]


def gold_store(
    gold: GoldSource, root: Path | None = None, layers: Sequence[str] = LAYERS
) -> GoldStore:
    """A store of checked gold documents: read lazily from a repository, else loaded whole.

    A document read from a repository holds only the ``layers`` given (the others are neither
    checked nor kept, as in predictions).
    """
    base: Path | None = None
    if gold is None:
        base = root or find_root()
    elif isinstance(gold, str | Path) and Path(gold).is_dir() and _is_root(Path(gold)):
        base = Path(gold)
    if base is None:
        docs = {d.doc_id: d for d in as_gold(gold, root, layers)}
        return GoldStore(docs, docs.__getitem__)
    repository = base
    decode = typed.gold_decoder()
    corpus, annotations_dir = repository / CORPUS_DIR, repository / ANNOTATIONS_DIR
    cache = VerdictCache.named(GOLD_CACHE)
    salt = _checking_code(layers) if cache.path is not None else b""

    def load(doc_id: str) -> Document:
        # as load_document reads it, but the annotations by the typed decoder when it can
        text = read_text(corpus / f"{doc_id}.txt")
        metadata = jsonio.load(corpus / f"{doc_id}.json")
        path = annotations_dir / f"{doc_id}.json"
        raw = jsonio.read_bytes(path, str(path))
        key = cache.key(salt, text.encode("utf-8"), raw) if cache.path is not None else ""
        known = cache.get(key) if key else None
        if known is not None:  # these bytes, with this text, passed these checks before
            with contextlib.suppress(msgspec.DecodeError):
                doc = Document(doc_id, text, metadata, typed.as_dict(decode(raw), layers))
                store.fingerprints[doc_id] = known
                return doc
        annotations = jsonio.load_bytes(raw, str(path), decode)
        proven = typed.is_typed(annotations)  # else read by the strict parser: check it all
        doc = Document(
            doc_id,
            text,
            metadata,
            typed.as_dict(annotations, layers) if proven else _scored(annotations, layers),
        )
        check_document(doc, _annotation_file(doc_id), layers=layers, typed_layers=proven)
        if key and proven:
            store.pending[doc_id] = key
        return doc

    def split_of(doc_id: str) -> Any:
        metadata = jsonio.load(repository / CORPUS_DIR / f"{doc_id}.json")
        return metadata.get("split") if isinstance(metadata, dict) else None

    store = GoldStore(repository_doc_ids(repository), load, split_of, cache)
    return store


def _scored(annotations: Any, layers: Sequence[str]) -> Any:
    """An annotation object without its unscored layers, as the typed path keeps it."""
    if not isinstance(annotations, dict) or len(layers) == len(LAYERS):
        return annotations
    return {k: v for k, v in annotations.items() if k in layers or k not in LAYERS}


GOLD_CACHE = "checked-gold"  # the VerdictCache of gold documents read and checked in full


def _checking_code(layers: Sequence[str]) -> bytes:
    """What a verdict on a gold document depends on besides its bytes: the layers checked, the
    code that reads, checks and fingerprints, and the schemas."""
    here = Path(__file__).parent
    modules = [here / f"{name}.py" for name in ("gold", "typed", "predictions", "score")]
    modules += [Path(m.__file__ or "") for m in (jsonio, corpus_module, timex)]
    schemas = [schema_dir() / f"{name}.schema.json" for name in ("annotations", "predictions")]
    return code_digest([*modules, *schemas]) + ",".join(layers).encode()
