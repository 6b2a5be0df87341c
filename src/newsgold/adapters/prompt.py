"""The task prompt for a language model: the guidelines' summary, the answer's JSON Schema, the
article with its publication date.

The answer shape is the predictions schema with every span written as its text: ``start`` and
``end`` (which a model cannot count reliably) become one required ``text`` field, and the
resolver (``newsgold.adapters.resolve``) finds the offsets afterwards. The summary of the
guidelines is a hand-written file beside this module, one ``## layer`` section per layer, so a
prompt for some layers carries only their rules.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

from newsgold.schemas import load_schema

LAYERS = ("entities", "dates", "figures", "claims")
SUMMARY_FILE = Path(__file__).with_name("guidelines_summary.md")
_ITEM_DEFS = {"entities": "entity", "dates": "date", "figures": "figure", "claims": "claim"}
_TEXT_SPAN: dict[str, Any] = {
    "type": "object",
    "properties": {"text": {"type": "string", "minLength": 1}},
    "required": ["text"],
}
_LOCAL = "#/$defs/"
_ANNOTATIONS = "annotations.schema.json#/$defs/"

Message = dict[str, str]


@cache
def _summary_parts() -> tuple[str, dict[str, str]]:
    """The summary's introduction and its section per layer (``## entities`` ...)."""
    intro, *sections = SUMMARY_FILE.read_text(encoding="utf-8").split("\n## ")
    parts = {}
    for section in sections:
        name, _, _ = section.partition("\n")
        parts[name.strip()] = "## " + section.strip()
    return intro.strip(), parts


def summary(layers: Sequence[str] = LAYERS) -> str:
    """The guidelines' summary for these layers: the general rules, then one section each."""
    intro, parts = _summary_parts()
    return "\n\n".join([intro, *(parts[layer] for layer in layers)])


def _inline(node: Any, defs: dict[str, Any], annotation_defs: dict[str, Any]) -> Any:
    """A copy of node with $refs replaced by what they name and span offsets by ``text``."""
    if isinstance(node, list):
        return [_inline(item, defs, annotation_defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if ref == _LOCAL + "pred_span":
        return deepcopy(_TEXT_SPAN)
    if isinstance(ref, str) and ref.startswith(_ANNOTATIONS):
        return _inline(annotation_defs[ref.removeprefix(_ANNOTATIONS)], defs, annotation_defs)
    if isinstance(ref, str) and ref.startswith(_LOCAL):
        return _inline(defs[ref.removeprefix(_LOCAL)], defs, annotation_defs)
    out = {key: _inline(value, defs, annotation_defs) for key, value in node.items()}
    for part in out.pop("allOf", []):  # the span's fields merged into the object itself
        out["type"] = "object"
        out["properties"] = {**part.get("properties", {}), **out.get("properties", {})}
        out["required"] = [*part.get("required", []), *out.get("required", [])]
    return out


@cache
def _item_schemas() -> dict[str, Any]:
    predictions = load_schema("predictions")
    annotation_defs = load_schema("annotations")["$defs"]
    defs = predictions["$defs"]
    return {layer: _inline(defs[name], defs, annotation_defs) for layer, name in _ITEM_DEFS.items()}


def answer_schema(layers: Sequence[str] = LAYERS) -> dict[str, Any]:
    """The JSON Schema of an answer: the asked layers, each a list of items whose spans are text.

    >>> answer_schema(["entities"])["properties"]["entities"]["items"]["required"]
    ['text', 'type']
    """
    items = _item_schemas()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            layer: {"type": "array", "items": deepcopy(items[layer])} for layer in layers
        },
        "required": list(layers),
        "additionalProperties": False,
    }


def system_prompt(layers: Sequence[str] = LAYERS) -> str:
    """What the model is asked to do, the same for every article."""
    schema = json.dumps(answer_schema(layers), indent=1, ensure_ascii=False)
    asked = ", ".join(f'"{layer}"' for layer in layers)
    return (
        f"{summary(layers)}\n\n# Answer\n\n"
        f"Answer with one JSON object and nothing else, with the keys {asked}, each a list "
        "([] when the article has none), matching this JSON Schema:\n\n"
        f"{schema}\n"
    )


def user_prompt(text: str, metadata: dict[str, Any]) -> str:
    """The article and its publication date (relative dates are resolved against it)."""
    published = metadata.get("published") or "unknown"
    return f"Publication date: {published}\n\nArticle:\n\n{text}"


def messages(text: str, metadata: dict[str, Any], layers: Sequence[str] = LAYERS) -> list[Message]:
    """The chat messages for one article: the system prompt, then the article."""
    return [
        {"role": "system", "content": system_prompt(layers)},
        {"role": "user", "content": user_prompt(text, metadata)},
    ]


def render(chat: Sequence[Message]) -> str:
    """Chat messages as plain text, each under a ``=== role`` line, for reading or pasting."""
    return "\n\n".join(f"=== {m['role']}\n{m['content']}" for m in chat) + "\n"
