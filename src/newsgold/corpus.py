"""The repository layout: finding the root, reading texts by the text rules, loading documents."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newsgold import jsonio
from newsgold.errors import NewsgoldError

DOC_ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
LAYERS = ("entities", "dates", "figures", "claims")
# The top-level fields of an annotation file that describe it (before "sections" and the layers).
ANNOTATION_HEADER = (
    "doc_id",
    "text_sha256",
    "schema_version",
    "status",
    "annotators",
    "guidelines_version",
    "notes",
)
ENTITY_KEY_MAX = 120  # the schema's maxLength of an entity_id
CORPUS_DIR = "corpus"
ANNOTATIONS_DIR = "annotations"
V = TypeVar("V")


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    """Hex sha256 of a text's UTF-8 bytes (equal to the file's when the text rules hold)."""
    return sha256_bytes(text.encode("utf-8"))


def is_doc_id(value: str) -> bool:
    """Whether a string is a valid doc_id (lowercase [a-z0-9-], at most 80 characters)."""
    return bool(DOC_ID_RE.match(value))


def slug(value: str, joiner: str = "") -> str:
    """Lowercase ASCII letters and digits of a name (accents dropped), joined by ``joiner``."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    return joiner.join(re.findall(r"[a-z0-9]+", folded))


def entity_key(name: str) -> str:
    """An entity_id made from a name ("Zürich" -> "zurich"; "x" and a hash when nothing is left)."""
    key = slug(name, "-")[:ENTITY_KEY_MAX].rstrip("-")
    return key or "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def text_problems(raw: bytes) -> list[tuple[str, str, str]]:
    """Check bytes against the text rules; return (incident id, pointer, message) tuples."""
    problems: list[tuple[str, str, str]] = []
    if not raw:
        return [("text-empty", "", "text file is empty; expected the article text")]
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            ("text-bom", "byte 0", "starts with a UTF-8 byte-order mark; expected none")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        problems.append(
            (
                "text-not-utf8",
                f"line {line}",
                f"byte {raw[err.start]:#04x} at offset {err.start} is not UTF-8; expected UTF-8",
            )
        )
        return problems
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        problems.append(
            ("text-crlf", f"line {line}", "carriage return found; expected LF line ends only")
        )
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(("text-nul", f"line {line}", "NUL character found; expected none"))
    if not unicodedata.is_normalized("NFC", text):
        for number, line_text in enumerate(text.split("\n"), start=1):
            if not unicodedata.is_normalized("NFC", line_text):
                problems.append(
                    (
                        "text-not-nfc",
                        f"line {number}",
                        f"line is not in Unicode NFC: {line_text[:40]!r}",
                    )
                )
                break
    if not text.strip():
        problems.append(("text-empty", "", "text holds only whitespace; expected the article text"))
    return problems


def read_text(path: Path) -> str:
    """Read a corpus text exactly (no newline translation), raising NewsgoldError if it breaks a rule."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise NewsgoldError(f"cannot read text: {err.strerror}", str(path)) from None
    problems = text_problems(raw)
    if problems:
        _, where, message = problems[0]
        raise NewsgoldError(message, str(path), where)
    return raw.decode("utf-8")


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder upward holding ``corpus/`` and ``annotations/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CORPUS_DIR).is_dir() and (folder / ANNOTATIONS_DIR).is_dir():
            return folder
    raise NewsgoldError(
        "no newsgold repository here (expected folders corpus/ and annotations/ in it or above it)",
        str(here),
        status=2,
    )


def inside(root: Path, path: Path) -> bool:
    """Whether a path, with symlinks resolved, stays inside root."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


@dataclass
class Document:
    """One article: its text, metadata and annotations as stored in the repository."""

    doc_id: str
    text: str
    metadata: dict[str, Any]
    annotations: dict[str, Any]

    def spans(self, layer: str) -> list[dict[str, Any]]:
        """The span objects of one layer (an empty list when absent)."""
        value = self.annotations.get(layer) or []
        return list(value)


@dataclass
class Corpus:
    """All documents of a repository, sorted by doc_id."""

    root: Path
    documents: list[Document] = field(default_factory=list)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document:
        """The document with this doc_id."""
        for doc in self.documents:
            if doc.doc_id == doc_id:
                return doc
        raise NewsgoldError(f"unknown doc_id {doc_id!r}", str(self.root))


class Lazy(Mapping[str, V]):
    """Values by doc_id, each loaded only when asked for; the last one is kept for a repeat.

    Lets a command hold one article at a time however large the corpus.
    """

    def __init__(self, keys: Iterable[str], load: Callable[[str], V]) -> None:
        self._keys = dict.fromkeys(keys)  # ordered, with O(1) membership
        self._load = load
        self._last: tuple[str, V] | None = None

    def __getitem__(self, key: str) -> V:
        if key not in self._keys:
            raise KeyError(key)
        if self._last is None or self._last[0] != key:
            self._last = (key, self._load(key))
        return self._last[1]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def doc_ids(root: Path) -> list[str]:
    """doc_ids that have a text in ``corpus/``, sorted."""
    return sorted(p.stem for p in (root / CORPUS_DIR).glob("*.txt"))


def select_doc_ids(root: Path, wanted: Sequence[str] | None) -> list[str]:
    """The doc_ids asked for (each must have a text; repeats dropped), else every one of corpus/."""
    known = doc_ids(root)
    if not wanted:
        return known
    present = set(known)
    missing = [repr(d) for d in dict.fromkeys(wanted) if d not in present]
    if missing:
        raise NewsgoldError(
            f"unknown doc_id {', '.join(missing)}; expected doc_ids of {CORPUS_DIR}/*.txt",
            str(root / CORPUS_DIR),
            status=2,
        )
    return list(dict.fromkeys(wanted))


def load_document(root: Path, doc_id: str) -> Document:
    """Load one document's text, metadata and annotations (no validation beyond parsing)."""
    corpus = root / CORPUS_DIR
    text = read_text(corpus / f"{doc_id}.txt")
    metadata = jsonio.load(corpus / f"{doc_id}.json")
    annotations = jsonio.load(root / ANNOTATIONS_DIR / f"{doc_id}.json")
    return Document(doc_id, text, metadata, annotations)


def load_corpus(root: Path | None = None) -> Corpus:
    """Load every document of a repository, sorted by doc_id (validate first for clear errors)."""
    base = root if root is not None else find_root()
    return Corpus(base, [load_document(base, d) for d in repository_doc_ids(base)])


def repository_doc_ids(root: Path) -> list[str]:
    """doc_ids of a repository's corpus/, or a usage error (exit 2) when it has no corpus/."""
    if not (root / CORPUS_DIR).is_dir():
        raise NewsgoldError(
            f"no {CORPUS_DIR}/ folder; expected a newsgold repository root", str(root), status=2
        )
    return doc_ids(root)
