"""Small valid articles for the robustness tests, drawn from hypothesis or from a seeded RNG.

Each article is built left to right from pieces whose offsets are recorded as they are appended,
so every span is right by construction: a headline, byline and dateline (the CREATION_TIME date),
then sentences with entities (names with accents, other scripts and astral characters), dates,
figures and claims with or without a source. The repository's validator is the judge of
validity; ``newsgold.synthetic`` is not on main yet, so this is the tests' own generator.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from newsgold import SCHEMA_VERSION, jsonio
from newsgold.corpus import Document, entity_key

T = TypeVar("T")

# Names in NFC, several outside ASCII and outside the Basic Multilingual Plane (astral).
NAMES: dict[str, list[str]] = {
    "PERSON": [
        "Zoë Ångström",
        "José Núñez",
        "Đặng Văn Lâm",
        "Ōtani Shōhei",
        "Mary Smith",
        "𝔐arta Ŀull",
    ],
    "GPE": ["Łódź", "São Paulo", "東京", "Zürich", "Αθήνα", "Київ", "Oslo"],
    "ORG": ["🚀 Rocket Labs", "𐌀𐌁 Society", "Ǆemal Fund", "Banco Ñandú", "Acme Corp"],
    "NORP": ["Québécois", "Māori", "Norwegian"],
}
FILLER = ["naïve", "café", "Straße", "ﬁnal", "𝒳-ray", "日本語", "العربية", "😀", "plan", "vote"]
MONTHS = [datetime.date(2025, m, 1).strftime("%B") for m in range(1, 13)]
UNITS = ["euros", "people", "ships", "percent", "tonnes"]


class Source(Protocol):
    """Where the choices come from: hypothesis draws or a seeded RNG."""

    def integer(self, low: int, high: int) -> int: ...

    def choice(self, options: Sequence[T]) -> T: ...

    def word(self) -> str: ...


class RandomSource:
    """Choices from random.Random (for large corpora with a fixed seed)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def word(self) -> str:
        return self.choice(FILLER)


class DrawSource:
    """Choices from hypothesis ``draw`` (shrinks well: every choice is an integer or a pick)."""

    def __init__(self, draw: Callable[[Any], Any], words: Any) -> None:
        from hypothesis import strategies as st

        self.draw, self.st, self.words = draw, st, words

    def integer(self, low: int, high: int) -> int:
        return int(self.draw(self.st.integers(low, high)))

    def choice(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]

    def word(self) -> str:
        return str(self.draw(self.words))


@dataclass
class _Builder:
    """The text so far and the spans recorded in it."""

    parts: list[str] = field(default_factory=list)
    size: int = 0
    layers: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {
            k: [] for k in ("sections", "entities", "dates", "figures", "claims")
        }
    )

    def add(self, piece: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return start, self.size

    def span(self, layer: str, prefix: str, piece: str, **fields: Any) -> dict[str, Any]:
        start, end = self.add(piece)
        item = {"id": f"{prefix}{len(self.layers[layer]) + 1}", "start": start, "end": end}
        item.update(text=piece, **fields)
        self.layers[layer].append(item)
        return item

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _entity(b: _Builder, src: Source) -> dict[str, Any]:
    kind = src.choice(sorted(NAMES))
    name = src.choice(NAMES[kind])
    extra = {"wikidata": f"Q{src.integer(1, 99999)}"} if src.integer(0, 2) == 0 else {}
    return b.span("entities", "e", name, type=kind, entity_id=entity_key(name), **extra)


def _figure(b: _Builder, src: Source) -> dict[str, Any]:
    n = src.integer(2, 99_999)
    unit = src.choice(UNITS)
    form = src.integer(0, 3)
    if form == 0:
        text, value, value_max, modifier = f"{n:,} {unit}", n, None, None
    elif form == 1:
        text, value, value_max, modifier = f"about {n} {unit}", n, None, "APPROX"
    elif form == 2:
        text, value, value_max, modifier = f"between {n} and {n + 5} {unit}", n, n + 5, None
    else:
        text, value, value_max, modifier = f"{n}.5 {unit}", n + 0.5, None, None
    kind = "PERCENT" if unit == "percent" else "QUANTITY" if unit == "tonnes" else "CARDINAL"
    return b.span(
        "figures",
        "f",
        text,
        kind=kind,
        value=value,
        value_max=value_max,
        unit=unit,
        modifier=modifier,
    )


def _date(b: _Builder, src: Source, published: datetime.date) -> dict[str, Any]:
    form = src.integer(0, 2)
    if form == 0:
        day = published - datetime.timedelta(days=src.integer(1, 60))
        text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        fields = {"type": "DATE", "value": day.isoformat(), "mod": None, "anchor": None}
    elif form == 1:
        weeks = src.integer(2, 9)
        text = f"{weeks} weeks"
        fields = {"type": "DURATION", "value": f"P{weeks}W", "mod": None, "anchor": None}
    else:
        text = "last year"
        fields = {"type": "DATE", "value": str(published.year - 1), "mod": None, "anchor": "t1"}
    return b.span("dates", "t", text, function=None, **fields)


def _words(b: _Builder, src: Source, low: int = 1, high: int = 4) -> None:
    b.add(" ".join(src.word() for _ in range(src.integer(low, high))))


def _sentence(b: _Builder, src: Source, published: datetime.date) -> None:
    """One sentence: a claim with a source, a claim without, or plain words with names."""
    kind = src.integer(0, 2)
    if kind == 0:
        source = _entity(b, src)
        b.add(" ")
        cue_start, cue_end = b.add("said")
        b.add(" ")
        claim = _content(b, src, published)
        claim.update(
            source={
                "start": source["start"],
                "end": source["end"],
                "text": source["text"],
                "entity_id": source["entity_id"],
            },
            cue={"start": cue_start, "end": cue_end, "text": "said"},
            quote="indirect",
        )
    elif kind == 1:
        _content(b, src, published)
    else:
        _words(b, src)
        b.add(" ")
        _entity(b, src)
        b.add(" ")
        _words(b, src)
    b.add(". ")


def _content(b: _Builder, src: Source, published: datetime.date) -> dict[str, Any]:
    """A claim's content: an entity, words, a figure and a date (the ids it must list)."""
    start = b.size
    _entity(b, src)
    b.add(" ")
    _words(b, src)
    b.add(" ")
    figure = _figure(b, src)
    b.add(" in ")
    date = _date(b, src, published)
    claims = b.layers["claims"]
    claim = {
        "id": f"c{len(claims) + 1}",
        "start": start,
        "end": b.size,
        "text": b.text[start:],
        "source": None,
        "cue": None,
        "quote": None,
        "certainty": src.choice(["asserted", "hedged"]),
        "polarity": src.choice(["positive", "negative"]),
        "dates": [date["id"]],
        "figures": [figure["id"]],
        "reported_on": src.choice([None, "t1"]),
    }
    claims.append(claim)
    return claim


class Article(Document):
    """One generated document: its text, metadata and annotations."""

    def write(self, root: Path) -> None:
        """Add the article's three files to a repository."""
        (root / "corpus" / f"{self.doc_id}.txt").write_bytes(self.text.encode("utf-8"))
        for path, data in (
            (root / "corpus" / f"{self.doc_id}.json", self.metadata),
            (root / "annotations" / f"{self.doc_id}.json", self.annotations),
        ):
            path.write_text(jsonio.dumps(data), "utf-8")


def article(src: Source, number: int, sentences: int | None = None) -> Article:
    """A valid article; ``number`` makes its doc_id, URL and text unique in a corpus."""
    published = datetime.date(2025, 1, 1) + datetime.timedelta(days=src.integer(0, 364))
    doc_id = f"{published.isoformat()}-synthetic-{number}"
    b = _Builder()
    headline = f"## Report {number}: {src.choice(NAMES['GPE'])} {src.word()}"
    b.span("sections", "s", headline, type="headline")
    b.add("\n\n")
    b.span("sections", "s", "By Staff", type="byline")
    b.add("\n\n")
    dateline = f"{MONTHS[published.month - 1]} {published.day:02d}, {published.year}"
    start, end = b.add(dateline)
    b.layers["sections"].append(
        {"id": "s3", "start": start, "end": end, "text": dateline, "type": "dateline"}
    )
    b.layers["dates"].append(
        {
            "id": "t1",
            "start": start,
            "end": end,
            "text": dateline,
            "type": "DATE",
            "value": published.isoformat(),
            "mod": None,
            "anchor": None,
            "function": "CREATION_TIME",
        }
    )
    b.add("\n\n")
    body = b.size
    count = sentences if sentences is not None else src.integer(1, 6)
    _content(b, src, published)  # every layer has at least one item
    b.add(". ")
    for _ in range(count):
        _sentence(b, src, published)
    b.parts[-1] = "."  # the last ". " loses its space: no trailing whitespace in the body
    b.size -= 1
    b.layers["sections"].append(
        {"id": "s4", "start": body, "end": b.size, "text": b.text[body:], "type": "body"}
    )
    b.add("\n")
    text = b.text
    assert unicodedata.is_normalized("NFC", text), text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    redistribute = src.integer(0, 3) > 0
    rights: dict[str, Any] = {"holder": "newsgold tests", "license": "CC0-1.0"}
    rights["redistribute"] = redistribute
    if src.integer(0, 1):
        rights["note"] = "generated for tests"
    metadata: dict[str, Any] = {
        "doc_id": doc_id,
        "title": headline[3:],
        "url": f"https://synthetic.example.org/{number}",
        "publisher": "Synthetic Tests",
        "byline": "By Staff",
        "agency": src.choice([None, "Ágence Ünique"]),
        "published": published.isoformat(),
        "language": "en",
        "rights": rights,
        "split": src.choice(["train", "validation", "test"]),
        "text_sha256": digest,
        "synthetic": True,
    }
    annotations: dict[str, Any] = {
        "doc_id": doc_id,
        "text_sha256": digest,
        "schema_version": SCHEMA_VERSION,
        "status": src.choice(["gold", "draft"]),
        "annotators": ["robustness-tests"],
        "guidelines_version": "1.0.0",
    }
    if src.integer(0, 1):
        annotations["notes"] = "synthetic: 合成 ✓"
    annotations.update(b.layers)
    return Article(doc_id, text, metadata, annotations)


def make_repo(root: Path, articles: Sequence[Article]) -> Path:
    """A repository holding exactly these articles."""
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    for item in articles:
        item.write(root)
    return root
