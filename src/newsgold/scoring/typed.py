"""Typed decoding of predictions lines and gold annotation files: the predictions schema as
msgspec Structs, so that one C pass both parses a line and proves it schema-valid.

A value these decoders return (through ``jsonio.proven``) is exactly what the strict parser
would have returned and passes the predictions schema (``schema/predictions.schema.json``) in
every layer, so the scorer skips the schema check for it and runs only the checks no schema can
express (doc_id known, offsets inside the text, span texts, TIMEX3 values, ids used twice). What
they cannot decode (a field the schema allows but no Struct names, a wrong type, a syntax error,
a repeated key) goes to the strict path, which finds and locates the fault as before; the fast
path never decides that something is wrong.

The Structs mirror the schema: required properties are required fields, optional ones default
to UNSET (so they are absent again in ``to_builtins``), enums are Literals read from the schema's
``$defs``, offsets are integers >= 0 (not floats, not booleans: as ``newsgold.schemas``' strict
integers), the doc_id has the schema's pattern and length. Spans of the predictions schema allow
further properties; those the gold files carry (``wikidata``, a date's ``anchor`` and
``function``, a claim's ``dates``, ``figures`` and ``reported_on``) are named here as ``Any``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from types import GenericAlias
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from newsgold.corpus import ANNOTATION_HEADER, LAYERS
from newsgold.schemas import enum, load_schema

Offset = Annotated[int, Meta(ge=0)]
Extra = Any | UnsetType  # a property the predictions schema leaves open (any JSON value)


def _choice(definition: str) -> Any:
    """A Literal of the enumeration of the annotation schema's ``$defs``."""
    return Literal[tuple(enum(definition))]


def _doc_id() -> Any:
    rule = load_schema("annotations")["$defs"]["doc_id"]
    return Annotated[str, Meta(pattern=rule["pattern"], max_length=rule["maxLength"])]


def _span(name: str, fields: list[tuple[str, Any, Any]] | None = None) -> type[Struct]:
    """A Struct of the schema's pred_span (start, end, text, id) plus ``fields``."""
    base: list[tuple[str, Any, Any]] = [
        ("start", Offset, msgspec.NODEFAULT),
        ("end", Offset, msgspec.NODEFAULT),
    ]
    optional = [("text", str | UnsetType, UNSET), ("id", str | UnsetType, UNSET)]
    extra = fields or []
    required = [f for f in extra if f[2] is msgspec.NODEFAULT]
    rest = [f for f in extra if f[2] is not msgspec.NODEFAULT]
    return msgspec.defstruct(
        name,
        [(n, t) if d is msgspec.NODEFAULT else (n, t, d) for n, t, d in base + required]
        + [(n, t, d) for n, t, d in optional + rest],
        forbid_unknown_fields=True,
        gc=False,
    )


def _list(item: Any) -> Any:
    """``list[item]`` of a type made at run time."""
    return GenericAlias(list, (item,))


def _nullable(definition: str) -> Any:
    return _choice(definition) | None | UnsetType


@cache
def _layer_types(any_entity_label: bool) -> dict[str, Any]:
    """The item Struct of each layer; entity types free strings when a label map names them."""
    entity_type = str if any_entity_label else _choice("entity_type")
    entity = _span(
        "Entity",
        [
            ("type", entity_type, msgspec.NODEFAULT),
            ("entity_id", str | None | UnsetType, UNSET),
            ("wikidata", Extra, UNSET),
        ],
    )
    date = _span(
        "Date",
        [
            ("type", _choice("timex_type"), msgspec.NODEFAULT),
            ("value", str | None | UnsetType, UNSET),
            ("mod", _nullable("timex_mod"), UNSET),
            ("anchor", Extra, UNSET),
            ("function", Extra, UNSET),
        ],
    )
    number = int | float | None | UnsetType
    figure = _span(
        "Figure",
        [
            ("kind", _choice("figure_kind"), msgspec.NODEFAULT),
            ("value", number, UNSET),
            ("value_max", number, UNSET),
            ("unit", str | None | UnsetType, UNSET),
            ("modifier", _nullable("figure_modifier"), UNSET),
        ],
    )
    source = _span("Source", [("entity_id", str | None | UnsetType, UNSET)])
    cue = _span("Cue")
    claim = _span(
        "Claim",
        [
            ("source", source | None | UnsetType, UNSET),
            ("cue", cue | None | UnsetType, UNSET),
            ("quote", _nullable("quote"), UNSET),
            ("certainty", _nullable("certainty"), UNSET),
            ("polarity", _nullable("polarity"), UNSET),
            ("dates", Extra, UNSET),
            ("figures", Extra, UNSET),
            ("reported_on", Extra, UNSET),
        ],
    )
    return {"entities": entity, "dates": date, "figures": figure, "claims": claim}


@cache
def prediction_type(any_entity_label: bool = False) -> type[Struct]:
    """One predictions line: the schema's top level (no other property), every layer typed."""
    items = _layer_types(any_entity_label)
    return msgspec.defstruct(
        "PredictionLine",
        [("doc_id", _doc_id())]
        + [(layer, _list(items[layer]) | UnsetType, UNSET) for layer in LAYERS]
        + [("system", str | UnsetType, UNSET)],
        forbid_unknown_fields=True,
        gc=False,
    )


# The top level of an annotation file; the scorer checks only its layers, so the rest is Any.
GOLD_FIELDS = (*ANNOTATION_HEADER, "sections")


@cache
def gold_type() -> type[Struct]:
    """One annotation file: its layers typed as predictions (null as no items, as the scorer
    reads them), its other properties anything (the validator checks those, not the scorer)."""
    items = _layer_types(False)
    return msgspec.defstruct(
        "GoldAnnotations",
        [(name, Extra, UNSET) for name in GOLD_FIELDS]
        + [(layer, _list(items[layer]) | None | UnsetType, UNSET) for layer in LAYERS],
        forbid_unknown_fields=True,
        gc=False,
    )


class _Decoders:
    """The typed decoders, made once per process (building one compiles its types)."""

    @staticmethod
    @cache
    def prediction(any_entity_label: bool) -> msgspec.json.Decoder[Any]:
        return msgspec.json.Decoder(prediction_type(any_entity_label))

    @staticmethod
    @cache
    def gold() -> msgspec.json.Decoder[Any]:
        return msgspec.json.Decoder(gold_type())


def prediction_decoder(entity_labels: Collection[str] | None = None) -> Any:
    """A bytes -> Struct decoder of predictions lines for ``jsonio.proven``.

    With a label map's ``entity_labels`` an entity type must be one of them; a line with
    another is refused (msgspec.ValidationError), so the strict path says where.
    """
    if entity_labels is None:
        return _Decoders.prediction(False).decode
    decode = _Decoders.prediction(True).decode
    labels = frozenset(entity_labels)

    def checked(raw: bytes) -> Any:
        line = decode(raw)
        entities = line.entities
        if entities is not UNSET and any(e.type not in labels for e in entities):
            raise msgspec.ValidationError("an entity label is not in the label map")
        return line

    return checked


def valid(obj: Any, entity_labels: Collection[str] | None = None) -> bool:
    """Whether a prediction object already in Python (a Parquet row) passes the typed check:
    the predictions schema in every layer, entity types among ``entity_labels`` if given."""
    try:
        line: Any = msgspec.convert(obj, prediction_type(entity_labels is not None))
    except msgspec.ValidationError:
        return False
    entities = line.entities
    return (
        entity_labels is None or entities is UNSET or all(e.type in entity_labels for e in entities)
    )


def gold_decoder() -> Any:
    """A bytes -> Struct decoder of annotation files for ``jsonio.proven``."""
    return _Decoders.gold().decode


def is_typed(value: Any) -> bool:
    """Whether a value came from one of these decoders (and so is proven schema-valid)."""
    return isinstance(value, Struct)


def scored_dict(line: Any, layers: Sequence[str]) -> dict[str, Any]:
    """A decoded predictions line as the plain dict of its scored layers (and doc_id, system)."""
    out: dict[str, Any] = {"doc_id": line.doc_id}
    for layer in layers:
        items = getattr(line, layer)
        if items is not UNSET:
            out[layer] = msgspec.to_builtins(items)
    if line.system is not UNSET:
        out["system"] = line.system
    return out


def as_dict(value: Any, layers: Sequence[str] = LAYERS) -> dict[str, Any]:
    """A decoded annotation file as the dict the strict parser would have returned, of its
    layers only those given (converting the others would cost a third of the conversion)."""
    out: dict[str, Any] = {}
    for name in GOLD_FIELDS:  # typed Any: plain values already
        field = getattr(value, name)
        if field is not UNSET:
            out[name] = field
    for layer in LAYERS:
        items = getattr(value, layer)
        if layer in layers and items is not UNSET:
            out[layer] = msgspec.to_builtins(items)
    return out
