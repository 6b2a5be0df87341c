"""Test data for the viewer: the seed article and a hostile one, and predictions for the latter."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from newsgold.corpus import sha256_text

REPO = Path(__file__).resolve().parents[2]
SEED = "2025-02-04-themoscowtimes-a87849"
HOSTILE = "2025-03-04-example-hostile"

# Markup, quotes and ampersands everywhere a page shows text: the title, the text, a claim.
HOSTILE_TITLE = '<script>alert("title")</script> Acme & "Sons" sues O\'Neil'
HOSTILE_TEXT = (
    '<script>alert("title")</script> Acme & "Sons" sues O\'Neil\n'
    "\n"
    "Acme said on Monday that \"the <b>deal</b> is dead\" & 'over'.\n"
    "Jane O'Neil told reporters the cost rose to 5 million euros.\n"
)
HOSTILE_URL = "https://example.org/news/1?a=1&b=2"


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(text: str, needle: str, nth: int = 0, **fields: Any) -> dict[str, Any]:
    """A span object over the nth occurrence of needle, with extra fields."""
    start, end = at(text, needle, nth)
    return {**fields, "start": start, "end": end, "text": needle}


def part(text: str, needle: str, nth: int = 0, **fields: Any) -> dict[str, Any]:
    """A claim's source or cue over the nth occurrence of needle."""
    start, end = at(text, needle, nth)
    return {"start": start, "end": end, "text": needle, **fields}


def hostile_annotations() -> dict[str, Any]:
    """Valid gold for HOSTILE_TEXT, including a claim that crosses an entity (c3 ends inside e2)."""
    t = HOSTILE_TEXT
    headline_end = t.index("\n")
    body_start = t.index("Acme said")
    return {
        "sections": [
            {
                "id": "s1",
                "type": "headline",
                "start": 0,
                "end": headline_end,
                "text": t[:headline_end],
            },
            {
                "id": "s2",
                "type": "body",
                "start": body_start,
                "end": len(t) - 1,
                "text": t[body_start:-1],
            },
        ],
        "entities": [
            span(t, "Acme", 0, id="e1", type="ORG", entity_id="acme"),
            span(t, "O'Neil", 0, id="e2", type="PERSON", entity_id="jane-oneil"),
            span(t, "Acme", 1, id="e3", type="ORG", entity_id="acme", wikidata="Q42"),
            span(t, "Jane O'Neil", 0, id="e4", type="PERSON", entity_id="jane-oneil"),
        ],
        "dates": [
            span(
                t,
                "Monday",
                id="t1",
                type="DATE",
                value="2025-03-03",
                mod=None,
                anchor=None,
                function=None,
            )
        ],
        "figures": [
            span(
                t,
                "5 million euros",
                id="f1",
                kind="MONEY",
                value=5000000,
                value_max=None,
                unit="euros",
                modifier=None,
            )
        ],
        "claims": [
            span(
                t,
                "the <b>deal</b> is dead",
                id="c1",
                source=part(t, "Acme", 1, entity_id="acme"),
                cue=part(t, "said"),
                quote="direct",
                certainty="asserted",
                polarity="positive",
                dates=[],
                figures=[],
                reported_on="t1",
            ),
            span(
                t,
                "the cost rose to 5 million euros",
                id="c2",
                source=part(t, "Jane O'Neil", entity_id="jane-oneil"),
                cue=part(t, "told"),
                quote="indirect",
                certainty="asserted",
                polarity="positive",
                dates=[],
                figures=["f1"],
                reported_on=None,
            ),
            span(
                t,
                '"Sons" sues O',
                id="c3",
                source=None,
                cue=None,
                quote=None,
                certainty="asserted",
                polarity="positive",
                dates=[],
                figures=[],
                reported_on=None,
            ),
        ],
    }


def write_doc(
    root: Path,
    doc_id: str,
    text: str,
    layers: dict[str, Any],
    title: str = "A title",
    url: str = "https://example.org/",
    published: str = "2025-03-04",
) -> None:
    """Write a document's text, metadata and annotations with matching checksums."""
    digest = sha256_text(text)
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    (root / "corpus" / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
    metadata = {
        "doc_id": doc_id,
        "title": title,
        "url": url,
        "publisher": "Example & Co",
        "byline": None,
        "agency": None,
        "published": published,
        "language": "en",
        "rights": {"holder": "Example", "license": "CC BY 4.0", "redistribute": True},
        "split": "test",
        "text_sha256": digest,
    }
    annotations = {
        "doc_id": doc_id,
        "text_sha256": digest,
        "schema_version": "1.0.0",
        "status": "gold",
        "annotators": ["tester"],
        "guidelines_version": "1.0.0",
        "sections": [],
        "entities": [],
        "dates": [],
        "figures": [],
        "claims": [],
        **layers,
    }
    (root / "corpus" / f"{doc_id}.json").write_text(
        json.dumps(metadata, ensure_ascii=False), "utf-8"
    )
    (root / "annotations" / f"{doc_id}.json").write_text(
        json.dumps(annotations, ensure_ascii=False), "utf-8"
    )


def make_repo(root: Path) -> Path:
    """A repository with the seed article (copied) and the hostile article."""
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    for name in (f"corpus/{SEED}.txt", f"corpus/{SEED}.json", f"annotations/{SEED}.json"):
        shutil.copyfile(REPO / name, root / name)
    write_doc(
        root, HOSTILE, HOSTILE_TEXT, hostile_annotations(), title=HOSTILE_TITLE, url=HOSTILE_URL
    )
    return root


def hostile_predictions() -> dict[str, Any]:
    """Predictions for the hostile article; the expected overlay is worked out in test_build."""
    t = HOSTILE_TEXT
    return {
        "doc_id": HOSTILE,
        "system": '<img src=x onerror="alert(1)"> sys',
        "entities": [
            span(t, "Acme", 0, type="ORG"),  # e1: correct
            span(t, "Acme", 1, type="PERSON"),  # e3 with the wrong type: e3 missed, this spurious
            span(t, "Jane O'Neil", 0, type="PERSON"),  # e4: correct
            span(t, "reporters", 0, type="ORG"),  # spurious
        ],  # e2 not predicted: missed
        "dates": [
            span(t, "Monday", type="DATE", value="2025-03-10", mod=None)
        ],  # correct, value differs
        "figures": [],  # f1 missed
        "claims": [
            {**span(t, "the cost rose to 5 million euros"), "quote": "indirect"},  # c2: correct
            {
                **span(t, "Acme said on Monday"),
                "source": part(t, "Acme", 1),
                "cue": part(t, "said"),
                "quote": "direct",
            },  # spurious; c1 and c3 missed
        ],
    }


class Page(HTMLParser):
    """Tags, attributes and the text of #text, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.depth = 0  # depth inside #text (0: outside)
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if self.depth:
            self.depth += 1
        elif found.get("id") == "text":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text += data

    def marks(self, **wanted: str) -> list[dict[str, str]]:
        """Spans of #text whose attributes include the wanted ones (data_id= for data-id)."""
        out = []
        for tag, attrs in self.tags:
            if (
                tag == "span"
                and "m" in attrs.get("class", "").split()
                and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
            ):
                out.append(attrs)
        return out
