"""Test data for the format converters: the seed article's id and a synthetic non-BMP document."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from live_repo import SEED as SEED  # the format tests import it from here

SYNTHETIC = "2025-03-03-synthetic-nonbmp"

# Written for the tests: emoji (U+1F600, U+1F389, U+1F386) and a CJK extension B character
# (U+20BB7) sit before, inside and after annotated spans, so UTF-16 and code point offsets differ;
# a LINE SEPARATOR (U+2028) inside the body is a line break for brat's reader but not for us.
TEXT = (
    "## Emoji 😀 Summit Opens in 𠮷野 Town, Officials Say\n"
    "\n"
    "By Staff\n"
    "\n"
    "March 03, 2025\n"
    "\n"
    "Officials in 𠮷野 said Monday that more than 2,000 visitors 🎉 attended the opening.\n"
    "\n"
    '"The festival 🎆 will run for about 10 days," the mayor told reporters.'
    "\u2028Doors open at nine.\n"
)


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Code point offsets of the nth occurrence of needle (found with str.index, not the code)."""
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(text: str, needle: str, nth: int = 1, **fields: Any) -> dict[str, Any]:
    """A span object {start, end, text} plus fields, in the contract's key order."""
    start, end = at(text, needle, nth)
    return {"start": start, "end": end, "text": needle, **fields}


def synthetic_annotations(text: str) -> dict[str, Any]:
    """Hand-made gold-style annotations of TEXT covering every layer and claim part."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()

    def section(sid: str, kind: str, needle: str) -> dict[str, Any]:
        return {"id": sid, "type": kind, **span(text, needle)}

    body = text[text.index("Officials in") : text.rindex("nine.") + len("nine.")]
    return {
        "doc_id": SYNTHETIC,
        "text_sha256": digest,
        "schema_version": "1.0.0",
        "status": "gold",
        "annotators": ["test-a", "test-b"],
        "guidelines_version": "1.0.0",
        "notes": "Synthetic text written for the converter tests.",
        "sections": [
            section("s1", "headline", "## Emoji 😀 Summit Opens in 𠮷野 Town, Officials Say"),
            section("s2", "byline", "By Staff"),
            section("s3", "dateline", "March 03, 2025"),
            section("s4", "body", body),
        ],
        "entities": [
            {"id": "e1", **span(text, "𠮷野", 1), "type": "GPE", "entity_id": "yoshino"},
            {"id": "e2", **span(text, "𠮷野", 2), "type": "GPE", "entity_id": "yoshino"},
        ],
        "dates": [
            {
                "id": "t1",
                **span(text, "March 03, 2025"),
                "type": "DATE",
                "value": "2025-03-03",
                "mod": None,
                "anchor": None,
                "function": "CREATION_TIME",
            },
            {
                "id": "t2",
                **span(text, "Monday"),
                "type": "DATE",
                "value": "2025-03-03",
                "mod": None,
                "anchor": "t1",
                "function": None,
            },
            {
                "id": "t3",
                **span(text, "about 10 days"),
                "type": "DURATION",
                "value": "P10D",
                "mod": "APPROX",
                "anchor": None,
                "function": None,
            },
        ],
        "figures": [
            {
                "id": "f1",
                **span(text, "more than 2,000 visitors"),
                "kind": "CARDINAL",
                "value": 2000,
                "value_max": None,
                "unit": "visitors",
                "modifier": "MORE_THAN",
            },
        ],
        "claims": [
            {
                "id": "c1",
                **span(text, "Emoji 😀 Summit Opens in 𠮷野 Town"),
                "source": {**span(text, "Officials", 1), "entity_id": None},
                "cue": span(text, "Say"),
                "quote": "indirect",
                "certainty": "asserted",
                "polarity": "positive",
                "dates": [],
                "figures": [],
                "reported_on": None,
            },
            {
                "id": "c2",
                **span(text, "more than 2,000 visitors 🎉 attended the opening"),
                "source": {**span(text, "Officials in 𠮷野"), "entity_id": None},
                "cue": span(text, "said"),
                "quote": "indirect",
                "certainty": "asserted",
                "polarity": "positive",
                "dates": [],
                "figures": ["f1"],
                "reported_on": "t2",
            },
            {
                "id": "c3",
                **span(text, "The festival 🎆 will run for about 10 days"),
                "source": {**span(text, "the mayor"), "entity_id": None},
                "cue": span(text, "told"),
                "quote": "direct",
                "certainty": "asserted",
                "polarity": "positive",
                "dates": ["t3"],
                "figures": [],
                "reported_on": None,
            },
        ],
    }


def synthetic_metadata(text: str) -> dict[str, Any]:
    """Metadata of the synthetic document."""
    return {
        "doc_id": SYNTHETIC,
        "title": "Emoji 😀 Summit Opens in 𠮷野 Town, Officials Say",
        "url": "https://example.org/news/emoji-summit-12345",
        "publisher": "Synthetic",
        "byline": "By Staff",
        "agency": None,
        "published": "2025-03-03",
        "language": "en",
        "rights": {"holder": "newsgold tests", "license": "CC0-1.0", "redistribute": True},
        "split": "test",
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "synthetic": True,
    }


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
