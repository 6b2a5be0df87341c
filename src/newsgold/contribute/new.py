"""``newsgold new``: add an article to the corpus with its metadata and an empty draft."""

from __future__ import annotations

import datetime
import getpass
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, AnyStr
from urllib.parse import urlsplit

from newsgold import GUIDELINES_VERSION, SCHEMA_VERSION, jsonio
from newsgold.atomic import write_files
from newsgold.contribute.checks import document_incidents
from newsgold.corpus import (
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    LAYERS,
    is_doc_id,
    sha256_bytes,
    sha256_text,
    slug,
    text_problems,
)
from newsgold.errors import NewsgoldError
from newsgold.splits import SPLITS, SPLITS_FILE, assigned_split, load_splits
from newsgold.timex import MONTH_NAMES

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"
MAX_SLUG = 30


@dataclass
class Normalised:
    """A text brought to the text rules, with what had to change, in words."""

    text: str
    changes: list[str] = field(default_factory=list)


def _line_col(data: AnyStr, offset: int, newline: AnyStr) -> str:
    line = data.count(newline, 0, offset) + 1
    column = offset - (data.rfind(newline, 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def normalise_text(raw: bytes, file: str = "") -> Normalised:
    """Strip a BOM, turn CRLF and CR into LF, compose to NFC; refuse what cannot be fixed safely."""
    changes: list[str] = []
    if raw.startswith(UTF16_BOMS) and not raw.startswith(UTF8_BOM):
        raise NewsgoldError(
            "starts with a UTF-16 byte-order mark; save the text as UTF-8", file, "byte 0"
        )
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
        changes.append("removed the UTF-8 byte-order mark at the start")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise NewsgoldError(
            f"byte {raw[err.start]:#04x} at offset {err.start} is not UTF-8; "
            "save the text as UTF-8 (offsets are counted after the BOM, if any)",
            file,
            _line_col(raw, err.start, b"\n"),
        ) from None
    if "\x00" in text:
        raise NewsgoldError(
            "NUL character found; a news text holds none (is this a binary or UTF-16 file?)",
            file,
            _line_col(text, text.index("\x00"), "\n"),
        )
    crlf = text.count("\r\n")
    if crlf:
        text = text.replace("\r\n", "\n")
        changes.append(f"converted {crlf} CRLF line end(s) to LF")
    lone_cr = text.count("\r")
    if lone_cr:
        text = text.replace("\r", "\n")
        changes.append(f"converted {lone_cr} CR line end(s) to LF")
    if not unicodedata.is_normalized("NFC", text):
        lines = text.split("\n")
        changed = [
            i for i, line in enumerate(lines, 1) if not unicodedata.is_normalized("NFC", line)
        ]
        composed = unicodedata.normalize("NFC", text)
        changes.append(
            f"composed {len(changed)} line(s) to Unicode NFC (first: line {changed[0]}); "
            f"the text is {len(text) - len(composed)} code point(s) shorter"
        )
        text = composed
    if not text.strip():
        raise NewsgoldError("the text is empty or only whitespace; expected the article text", file)
    problems = text_problems(text.encode("utf-8"))
    if (
        problems
    ):  # cannot happen after the steps above; kept so a new rule is never skipped silently
        raise NewsgoldError(problems[0][2], file, problems[0][1])
    return Normalised(text, changes)


_ID_TOKEN = re.compile(r"^[a-z]{0,3}\d{5,}$")
_NUMERIC_SEGMENT = re.compile(r"^\d{5,}$")
_QUERY_ID = re.compile(r"(?:^|&)(?:id|article|story|p)=([a-z0-9]{4,})(?:&|$)")


def article_key(url: str) -> str:
    """The URL's article number (``a87849``), or the first 8 hex digits of the URL's sha256."""
    parts = urlsplit(url.strip())
    segments = [s for s in parts.path.lower().split("/") if s]
    if segments:
        last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1])
        tokens = [t for t in re.split(r"[-_.]", last) if _ID_TOKEN.match(t)]
        if tokens:
            return tokens[-1]
    numeric = [s for s in segments if _NUMERIC_SEGMENT.match(s)]
    if numeric:
        return numeric[-1]
    match = _QUERY_ID.search(parts.query.lower())
    if match:
        return match.group(1)
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:8]


def derive_doc_id(published: str, publisher: str, url: str) -> str:
    """doc_id from the publication date, the publisher's slug and the URL's article number."""
    key = article_key(url)
    name = slug(publisher)[:MAX_SLUG] or "news"
    room = 80 - len(published) - len(key) - 2
    return f"{published}-{name[:room]}-{key}".strip("-")


def default_split(root: Path, doc_id: str) -> str:
    """The split the record gives the article: validation if provenance/splits.json lists it,
    else test (a new article is test unless it was added to the record first)."""
    return assigned_split(load_splits(root), doc_id)


# --- section guessing ---------------------------------------------------------------------------

_DATELINE = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAMES})\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{{2,5}})?)?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door)\s+\S", re.IGNORECASE)
_SOURCE = re.compile(r"^#{1,6}\s*(?:original\s+url|source|originally\s+published)\b", re.IGNORECASE)
_RELATED = re.compile(r"^#{1,6}\s*(?:related|read\s+also|see\s+also)\b", re.IGNORECASE)
_CREDIT_END = re.compile(r"\*\*[^*\n]+\*\*$")


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of non-blank lines, trimmed of edge whitespace."""
    out: list[tuple[int, int]] = []
    position = 0
    current: list[int] | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            end = position + len(line.rstrip())
            if current is None:
                current = [start, end]
            else:
                current[1] = end
        elif current is not None:
            out.append((current[0], current[1]))
            current = None
        position += len(line) + 1
    if current is not None:
        out.append((current[0], current[1]))
    return out


def guess_sections(text: str) -> list[dict[str, Any]]:
    """Sections guessed from the layout: headline, byline, dateline, caption, body, related, source.

    Paragraphs are read in order. Before the first body paragraph, a first single line is the
    headline, a "By ..." line the byline, a line that is only a date the dateline, and a paragraph
    ending in a bold credit (``**...**``) a caption. Anywhere, a ``## Related ...`` heading is a
    related line and a ``## Original url`` / ``## Source`` heading starts the source section, which
    runs to the end. Everything else is body; adjacent body paragraphs form one body section.
    Every non-whitespace character ends up in exactly one section.
    """
    zones: list[tuple[str, int, int]] = []
    blocks = _blocks(text)
    header = True
    for index, (start, end) in enumerate(blocks):
        chunk = text[start:end]
        single = "\n" not in chunk
        if _SOURCE.match(chunk):
            zones.append(("source", start, blocks[-1][1]))
            break
        if _RELATED.match(chunk) and single:
            kind = "related"
        elif header and index == 0 and single:
            kind = "headline"
        elif header and single and len(chunk) <= 100 and _BYLINE.match(chunk):
            kind = "byline"
        elif header and single and _DATELINE.match(chunk):
            kind = "dateline"
        elif header and _CREDIT_END.search(chunk):
            kind = "caption"
        else:
            kind = "body"
            header = False
        if kind == "body" and zones and zones[-1][0] == "body":
            zones[-1] = ("body", zones[-1][1], end)
        else:
            zones.append((kind, start, end))
    return [
        {"id": f"s{n}", "type": kind, "start": start, "end": end, "text": text[start:end]}
        for n, (kind, start, end) in enumerate(zones, 1)
    ]


def title_from_text(text: str) -> str:
    """The first non-empty line without heading or bold markers."""
    for line in text.split("\n"):
        cleaned = re.sub(r"^#+\s*", "", line.strip()).replace("**", "").strip()
        if cleaned:
            return cleaned
    return ""


# --- the command --------------------------------------------------------------------------------


@dataclass
class NewArticle:
    """What ``new`` was asked to add: the text file and the metadata fields given."""

    text_file: Path
    url: str
    published: str
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    agency: str | None = None
    language: str = "en"
    rights_holder: str | None = None
    license: str = "all rights reserved"
    redistribute: bool = False
    split: str | None = None
    doc_id: str | None = None
    annotators: list[str] = field(default_factory=list)


@dataclass
class Added:
    """The outcome of ``new``: the files written, what changed in the text, what was assumed."""

    doc_id: str
    files: list[str]
    text_sha256: str
    characters: int
    changes: list[str]
    assumed: list[str]
    sections: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data."""
        return asdict(self)


def _check_usage(request: NewArticle) -> None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", request.published):
        raise NewsgoldError(f"--published {request.published!r} is not a date YYYY-MM-DD", status=2)
    try:
        datetime.date.fromisoformat(request.published)
    except ValueError:
        raise NewsgoldError(
            f"--published {request.published!r} is not a real date", status=2
        ) from None
    parts = urlsplit(request.url)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.netloc
        or any(c.isspace() for c in request.url)
    ):
        raise NewsgoldError(f"--url {request.url!r} is not an http(s) URL", status=2)
    if request.doc_id is not None and not is_doc_id(request.doc_id):
        raise NewsgoldError(
            f"--doc-id {request.doc_id!r} is not a doc_id "
            "(lowercase [a-z0-9-], at most 80 characters)",
            status=2,
        )
    if request.split is not None and request.split not in SPLITS:
        raise NewsgoldError(f"--split {request.split!r}: expected {' or '.join(SPLITS)}", status=2)


def _refuse_duplicates(root: Path, doc_id: str, digest: str) -> None:
    targets = [
        root / CORPUS_DIR / f"{doc_id}.txt",
        root / CORPUS_DIR / f"{doc_id}.json",
        root / ANNOTATIONS_DIR / f"{doc_id}.json",
    ]
    for target in targets:
        if target.exists() or target.is_symlink():
            raise NewsgoldError(
                f"doc_id {doc_id!r} is already in the corpus; nothing was written "
                "(pass --doc-id to choose another id if this is a different article)",
                str(target.relative_to(root)),
            )
    for existing in sorted((root / CORPUS_DIR).glob("*.txt")):
        if sha256_bytes(existing.read_bytes()) == digest:
            raise NewsgoldError(
                f"the same text (sha256 {digest[:12]}…) is already in the corpus as "
                f"{existing.relative_to(root)}; nothing was written",
                str(existing.relative_to(root)),
            )


def add_article(root: Path, request: NewArticle) -> Added:
    """Normalise the text, derive what is missing, check, then write text, metadata and draft."""
    _check_usage(request)
    try:
        raw = request.text_file.read_bytes()
    except OSError as err:
        raise NewsgoldError(
            f"cannot read the text: {err.strerror}", str(request.text_file), status=2
        ) from None
    normalised = normalise_text(raw, str(request.text_file))
    text = normalised.text
    assumed: list[str] = []
    host = urlsplit(request.url).netloc.lower().removeprefix("www.")
    publisher = request.publisher
    if not publisher:
        publisher = host
        assumed.append(f"publisher {publisher!r} taken from the URL (pass --publisher)")
    title = request.title
    if not title:
        title = title_from_text(text)
        assumed.append(f"title {title!r} taken from the first line (pass --title)")
    doc_id = request.doc_id or derive_doc_id(request.published, publisher, request.url)
    if not is_doc_id(doc_id):
        raise NewsgoldError(f"derived doc_id {doc_id!r} is not valid; pass --doc-id", status=2)
    split = default_split(root, doc_id)
    if request.split is None:
        assumed.append(f"split {split!r}: what {SPLITS_FILE} gives the doc_id")
    elif request.split != split:
        raise NewsgoldError(
            f"--split {request.split}: {SPLITS_FILE} gives {doc_id!r} the split {split!r} "
            "(validation if its list names the doc_id, else test); edit the record first, "
            "nothing was written",
            status=2,
        )
    holder = request.rights_holder or publisher
    if not request.rights_holder:
        assumed.append(f"rights holder {holder!r} is the publisher (pass --rights-holder)")
    annotators = request.annotators or [_user()]
    digest = sha256_text(text)
    _refuse_duplicates(root, doc_id, digest)
    metadata: dict[str, Any] = {
        "doc_id": doc_id,
        "title": title,
        "url": request.url,
        "publisher": publisher,
        "byline": request.byline,
        "agency": request.agency,
        "published": request.published,
        "language": request.language,
        "rights": {
            "holder": holder,
            "license": request.license,
            "redistribute": request.redistribute,
        },
        "split": split,
        "text_sha256": digest,
    }
    sections = guess_sections(text)
    annotations: dict[str, Any] = {
        "doc_id": doc_id,
        "text_sha256": digest,
        "schema_version": SCHEMA_VERSION,
        "status": "draft",
        "annotators": annotators,
        "guidelines_version": GUIDELINES_VERSION,
        "sections": sections,
        **{layer: [] for layer in LAYERS},
    }
    incidents = document_incidents(doc_id, text, metadata, annotations)
    if incidents:
        listed = "; ".join(i.line() for i in incidents[:5])
        raise NewsgoldError(f"the new document would not validate, nothing was written: {listed}")
    files = {
        root / CORPUS_DIR / f"{doc_id}.txt": text.encode("utf-8"),
        root / CORPUS_DIR / f"{doc_id}.json": jsonio.dumps(metadata).encode("utf-8"),
        root / ANNOTATIONS_DIR / f"{doc_id}.json": jsonio.dumps(annotations).encode("utf-8"),
    }
    write_files(files)
    return Added(
        doc_id=doc_id,
        files=[p.relative_to(root).as_posix() for p in files],
        text_sha256=digest,
        characters=len(text),
        changes=normalised.changes,
        assumed=assumed,
        sections=[s["type"] for s in sections],
    )


def _user() -> str:
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"
