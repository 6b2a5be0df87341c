"""Incident records and the catalogue of stable incident ids."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"

LEVEL_NAMES = {1: "files", 2: "schema", 3: "document", 4: "corpus"}

# id -> (level, explanation shown once per id). Ids are stable: tests and users rely on them.
CATALOGUE: dict[str, tuple[int, str]] = {
    # level 1: files and encodings
    "text-not-utf8": (1, "Corpus texts are UTF-8."),
    "text-bom": (1, "Corpus texts carry no byte-order mark."),
    "text-crlf": (1, "Corpus texts use LF line ends only; offsets would shift under CRLF."),
    "text-nul": (1, "Corpus texts hold no NUL characters."),
    "text-not-nfc": (1, "Corpus texts are in Unicode NFC, so offsets mean the same everywhere."),
    "text-empty": (1, "A corpus text holds the article; an empty file is a mistake."),
    "doc-id-invalid": (
        1,
        "doc_ids are lowercase [a-z0-9-], at most 80 characters, no leading or trailing hyphen.",
    ),
    "file-unexpected": (
        1,
        "corpus/ holds <doc_id>.txt and <doc_id>.json; annotations/ holds <doc_id>.json.",
    ),
    "path-outside-repo": (1, "No file may point outside the repository (symlinks are resolved)."),
    "metadata-missing": (1, "Every corpus text has its metadata corpus/<doc_id>.json."),
    "annotations-missing": (1, "Every corpus text has its annotations annotations/<doc_id>.json."),
    "text-missing": (1, "Every metadata or annotation file has its text corpus/<doc_id>.txt."),
    "json-invalid": (
        1,
        "Metadata and annotation files are valid JSON, with valid Unicode strings (no lone "
        "surrogates).",
    ),
    "json-duplicate-key": (1, "A JSON object names each key once (no silent last-wins)."),
    "json-nonfinite": (1, "NaN and Infinity are not JSON numbers."),
    "text-sha256-mismatch": (
        1,
        "The metadata's text_sha256 is the sha256 of the text file's bytes.",
    ),
    "annotation-sha256-mismatch": (
        1,
        "The annotations' text_sha256 is the sha256 of the text they annotate.",
    ),
    # level 2: JSON Schema
    "schema-violation": (2, "Metadata and annotation files follow the JSON Schemas in schema/."),
    # level 3: document invariants
    "doc-id-mismatch": (3, "The doc_id inside a file equals its file name."),
    "span-reversed": (3, "A span has start < end."),
    "span-out-of-range": (3, "A span's end lies within the text."),
    "span-text-mismatch": (3, "A span's text equals the text between its offsets."),
    "span-whitespace-edge": (3, "A span neither starts nor ends with whitespace."),
    "span-duplicate": (3, "A layer does not hold two spans with the same offsets."),
    "id-duplicate": (3, "Span ids are unique across the document."),
    "ref-unresolved": (
        3,
        "Every reference (anchor, claim dates/figures/reported_on, source entity_id) names something in the document.",
    ),
    "claim-refs-inconsistent": (
        3,
        "A claim's dates and figures are exactly those inside its content span.",
    ),
    "claim-attribution-inconsistent": (
        3,
        "A claim without a source has no cue and no quote; one with a source has a quote.",
    ),
    "entity-overlap": (3, "Entity spans do not overlap (possessive chains are split into names)."),
    "section-overlap": (3, "Sections do not overlap."),
    "section-gap": (3, "Every non-whitespace character lies in a section."),
    "figure-value-mismatch": (3, "A figure's value is the number its digits or number words say."),
    "figure-range-reversed": (3, "A figure's value_max is greater than its value."),
    "timex-value-invalid": (
        3,
        "A date's value is a well-formed TIMEX3 value (real months, days, positive durations).",
    ),
    "timex-type-mismatch": (
        3,
        "A date's value has the form its type requires (DURATION: P..., DATE: a calendar value).",
    ),
    "creation-time-mismatch": (
        3,
        "The CREATION_TIME date equals the metadata's published date, once per document.",
    ),
    # level 4: corpus invariants
    "url-duplicate": (4, "The same article (URL) is not in the corpus twice."),
    "text-duplicate": (4, "The same text (sha256) is not in the corpus twice."),
    "split-record-invalid": (
        4,
        "provenance/splits.json is an object whose 'validation' lists doc_ids of the corpus.",
    ),
    "split-unknown-doc": (4, "The split record names only articles that are in the corpus."),
    "split-mismatch": (
        4,
        "An article's metadata split is the one the split record gives it (validation if listed, "
        "else test).",
    ),
}


@dataclass(frozen=True, order=True)
class Incident:
    """One problem found by the validator: where it is and what was expected."""

    file: str
    pointer: str
    id: str
    message: str
    level: int = 0
    severity: str = ERROR

    def __post_init__(self) -> None:
        if self.id not in CATALOGUE:
            raise ValueError(f"unknown incident id {self.id!r}")
        if not self.level:
            object.__setattr__(self, "level", CATALOGUE[self.id][0])

    def to_dict(self) -> dict[str, Any]:
        """The incident as a JSON-ready dict."""
        return asdict(self)

    def line(self) -> str:
        """One line for a terminal: location, level, id and message."""
        where = self.file + (f":{self.pointer}" if self.pointer else "")
        return f"{where}: [L{self.level} {self.severity} {self.id}] {self.message}"
