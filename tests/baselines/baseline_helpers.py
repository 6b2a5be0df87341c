"""Helpers for the baseline tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from typing import Any

from newsgold.baselines.rules import extract

Layers = dict[str, list[dict[str, Any]]]


def run(text: str, published: str) -> Layers:
    """extract(), checking on the way that every span's text equals the text at its offsets."""
    layers = extract(text, published)
    for layer, spans in layers.items():
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"], (layer, span)
            assert span["text"] == span["text"].strip(), (layer, span)
    return layers


def only(spans: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """The one span with this text (fails when there is none or several)."""
    found = [s for s in spans if s["text"] == text]
    assert len(found) == 1, (text, [s["text"] for s in spans])
    return found[0]


def texts(spans: list[dict[str, Any]]) -> list[str]:
    """The texts of spans, in order."""
    return [s["text"] for s in spans]
