"""Tiny annotated repositories written article by article, for tests of behaviour."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from newsgold import GUIDELINES_VERSION, SCHEMA_VERSION, jsonio
from newsgold.contribute.new import guess_sections


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of phrase in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


class ArticleRepo:
    """A repository in a temporary folder; ``add`` writes one valid-by-construction article.

    Spans are given by the phrase they cover (and which occurrence), so fixtures read like the
    text; ids are numbered per layer in the order given, and each claim's dates and figures are
    the ones inside its content, as the guidelines require.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "corpus").mkdir(parents=True)
        (root / "annotations").mkdir()

    @staticmethod
    def entity(
        text: str, phrase: str, type_: str, entity_id: str, nth: int = 0, **extra: Any
    ) -> dict[str, Any]:
        """An entity span over a phrase."""
        start, end = at(text, phrase, nth)
        return {
            "start": start,
            "end": end,
            "text": phrase,
            "type": type_,
            "entity_id": entity_id,
            **extra,
        }

    @staticmethod
    def date(
        text: str,
        phrase: str,
        value: str,
        type_: str = "DATE",
        anchor: str | None = None,
        mod: str | None = None,
        function: str | None = None,
        nth: int = 0,
    ) -> dict[str, Any]:
        """A TIMEX3 date span over a phrase."""
        start, end = at(text, phrase, nth)
        return {
            "start": start,
            "end": end,
            "text": phrase,
            "type": type_,
            "value": value,
            "mod": mod,
            "anchor": anchor,
            "function": function,
        }

    @staticmethod
    def figure(
        text: str,
        phrase: str,
        value: float,
        unit: str | None,
        kind: str = "CARDINAL",
        nth: int = 0,
    ) -> dict[str, Any]:
        """A figure span over a phrase."""
        start, end = at(text, phrase, nth)
        return {
            "start": start,
            "end": end,
            "text": phrase,
            "kind": kind,
            "value": value,
            "value_max": None,
            "unit": unit,
            "modifier": None,
        }

    @staticmethod
    def claim(
        text: str,
        phrase: str,
        source: tuple[str, int, str | None] | None = None,
        cue: tuple[str, int] | None = None,
        quote: str | None = None,
        reported_on: str | None = None,
        nth: int = 0,
    ) -> dict[str, Any]:
        """A claim over its content phrase; source is (phrase, nth, entity_id), cue (phrase, nth)."""
        start, end = at(text, phrase, nth)
        source_span = None
        if source is not None:
            s, e = at(text, source[0], source[1])
            source_span = {"start": s, "end": e, "text": source[0], "entity_id": source[2]}
        cue_span = None
        if cue is not None:
            s, e = at(text, cue[0], cue[1])
            cue_span = {"start": s, "end": e, "text": cue[0]}
        return {
            "start": start,
            "end": end,
            "text": phrase,
            "source": source_span,
            "cue": cue_span,
            "quote": quote if source is not None else None,
            "certainty": "asserted",
            "polarity": "positive",
            "dates": [],
            "figures": [],
            "reported_on": reported_on,
        }

    def add(
        self,
        doc_id: str,
        text: str,
        published: str = "2025-03-04",
        status: str = "draft",
        sections: list[dict[str, Any]] | None = None,
        **layers: list[dict[str, Any]],
    ) -> str:
        """Write text, metadata and annotations of one article; return its doc_id."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        metadata = {
            "doc_id": doc_id,
            "title": "A test article",
            "url": f"https://example.org/{doc_id}",
            "publisher": "Example News",
            "byline": None,
            "agency": None,
            "published": published,
            "language": "en",
            "rights": {"holder": "Example News", "license": "CC BY 4.0", "redistribute": True},
            "split": "test",
            "text_sha256": digest,
        }
        spans: dict[str, list[dict[str, Any]]] = {}
        for layer, prefix in (("entities", "e"), ("dates", "t"), ("figures", "f"), ("claims", "c")):
            spans[layer] = [
                {"id": f"{prefix}{n}", **span} for n, span in enumerate(layers.get(layer, []), 1)
            ]
        for claim in spans["claims"]:
            for layer in ("dates", "figures"):
                claim[layer] = [
                    s["id"]
                    for s in spans[layer]
                    if claim["start"] <= s["start"] and s["end"] <= claim["end"]
                ]
        annotations = {
            "doc_id": doc_id,
            "text_sha256": digest,
            "schema_version": SCHEMA_VERSION,
            "status": status,
            "annotators": ["tester"],
            "guidelines_version": GUIDELINES_VERSION,
            "sections": sections if sections is not None else guess_sections(text),
            **spans,
        }
        (self.root / "corpus" / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
        (self.root / "corpus" / f"{doc_id}.json").write_text(jsonio.dumps(metadata), "utf-8")
        (self.root / "annotations" / f"{doc_id}.json").write_text(
            jsonio.dumps(annotations), "utf-8"
        )
        return doc_id

    def files(self) -> dict[str, bytes]:
        """Every file of the repository with its bytes (to show nothing was written)."""
        return {
            p.relative_to(self.root).as_posix(): p.read_bytes()
            for p in sorted(self.root.rglob("*"))
            if p.is_file()
        }
