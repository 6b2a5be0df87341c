"""The typed columns of every release config, as Hugging Face ``Features``, and what derives from them.

One definition serves the Parquet schema (with the features in its ``huggingface`` metadata), the
card's YAML, the Croissant fields and the label codec. Label columns of the span configs (entity,
TIMEX3 and figure types, ``mod``, ``modifier``, ...) are plain strings, so pandas, DuckDB and
polars read them as names; their closed sets come from the annotation schema's enumerations
(``label_names``). Only the ``ner`` config's ``ner_tags`` are ClassLabels, as Hugging Face token
classification expects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
from datasets import ClassLabel, Features, List, Value

from newsgold.schemas import enum, load_schema

CONFIGS = ("documents", "entities", "dates", "figures", "claims", "ner")
DEFAULT_CONFIG = "documents"
LAYER_CONFIGS = ("entities", "dates", "figures", "claims")

# OntoNotes 5's 18 types in the usual order: the 11 name types of the entities layer, then the
# types that dates (DATE, TIME) and figures (their kind) map onto.
ONTONOTES_TYPES = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)  # fmt: skip
NER_TAGS = ("O", *(f"{prefix}-{t}" for t in ONTONOTES_TYPES for prefix in ("B", "I")))
# TIMEX3 types onto OntoNotes: durations and sets are DATE in OntoNotes.
DATE_TO_ONTONOTES = {"DATE": "DATE", "TIME": "TIME", "DURATION": "DATE", "SET": "DATE"}

# The label columns: item (a layer, or "row" for a config's own columns) -> column -> the schema
# enumeration ($defs name) its values come from.
LABEL_COLUMNS: dict[str, dict[str, str]] = {
    "row": {"status": "status"},
    "sections": {"type": "section_type"},
    "entities": {"type": "entity_type"},
    "dates": {"type": "timex_type", "mod": "timex_mod", "function": "timex_function"},
    "figures": {"kind": "figure_kind", "modifier": "figure_modifier"},
    "claims": {"quote": "quote", "certainty": "certainty", "polarity": "polarity"},
}


def label_names(item: str, column: str) -> list[str] | None:
    """The closed set of values of a label column (item: a layer or "row"), or None if not one."""
    definition = LABEL_COLUMNS.get(item, {}).get(column)
    if definition is None:
        return None
    if definition == "status":
        names: list[str] = load_schema("annotations")["properties"]["status"]["enum"]
        return list(names)
    return enum(definition)


def _string() -> Value:
    return Value("string")


def _offset() -> Value:
    return Value("int32")


def _label() -> Value:
    """A label column: its name as a string (label_names gives the closed set)."""
    return Value("string")


def _span(**fields: Any) -> dict[str, Any]:
    return {"id": _string(), "start": _offset(), "end": _offset(), "text": _string(), **fields}


def _section() -> dict[str, Any]:
    return _span(type=_label())


def _entity() -> dict[str, Any]:
    return _span(type=_label(), entity_id=_string(), wikidata=_string())


def _date() -> dict[str, Any]:
    return _span(
        type=_label(),
        value=_string(),
        mod=_label(),
        anchor=_string(),
        function=_label(),
    )


def _figure() -> dict[str, Any]:
    return _span(
        kind=_label(),
        value=Value("float64"),
        value_max=Value("float64"),
        unit=_string(),
        modifier=_label(),
    )


def _claim() -> dict[str, Any]:
    return _span(
        source={"start": _offset(), "end": _offset(), "text": _string(), "entity_id": _string()},
        cue={"start": _offset(), "end": _offset(), "text": _string()},
        quote=_label(),
        certainty=_label(),
        polarity=_label(),
        dates=List(_string()),
        figures=List(_string()),
        reported_on=_string(),
    )


LAYER_ITEMS: dict[str, Callable[[], dict[str, Any]]] = {
    "sections": _section,
    "entities": _entity,
    "dates": _date,
    "figures": _figure,
    "claims": _claim,
}


def _documents() -> Features:
    return Features(
        {
            "doc_id": _string(),
            "split": _string(),
            "title": _string(),
            "url": _string(),
            "publisher": _string(),
            "byline": _string(),
            "agency": _string(),
            "published": _string(),
            "language": _string(),
            "rights": {
                "holder": _string(),
                "license": _string(),
                "redistribute": Value("bool"),
                "note": _string(),
                "license_url": _string(),
            },
            "synthetic": Value("bool"),
            "provenance": {
                "source_id": _string(),
                "source_corpus": _string(),
                "source_file": _string(),
                "source_sha256": _string(),
                "text_origin": _string(),
                "topic": _string(),
                "collected": _string(),
                "repairs": _offset(),
            },
            "text_sha256": _string(),
            "text": _string(),
            "schema_version": _string(),
            "status": _label(),
            "annotators": List(_string()),
            "guidelines_version": _string(),
            "notes": _string(),
            **{layer: List(item()) for layer, item in LAYER_ITEMS.items()},
        }
    )


def _ner() -> Features:
    return Features(
        {
            "doc_id": _string(),
            "status": _label(),
            "sentence": _offset(),
            "start": _offset(),
            "end": _offset(),
            "tokens": List(_string()),
            "token_starts": List(_offset()),
            "token_ends": List(_offset()),
            "ner_tags": List(ClassLabel(names=list(NER_TAGS))),
        }
    )


def features(config: str) -> Features:
    """The Features of one config."""
    if config == "documents":
        return _documents()
    if config == "ner":
        return _ner()
    return Features({"doc_id": _string(), "status": _label(), **LAYER_ITEMS[config]()})


def arrow_schema(config: str) -> pa.Schema:
    """The Arrow schema of one config, carrying the features under the ``huggingface`` key."""
    schema: pa.Schema = features(config).arrow_schema
    return schema


def to_yaml(feature: Any) -> Any:
    """A feature as the card's ``dataset_info.features`` YAML expects it (what ``datasets`` reads)."""
    if isinstance(feature, dict):
        return [_yaml_field(name, sub) for name, sub in feature.items()]
    if isinstance(feature, ClassLabel):
        return {"class_label": {"names": {str(i): n for i, n in enumerate(feature.names)}}}
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List):
        return to_yaml(feature.feature)
    raise TypeError(f"no YAML form for {feature!r}")


def _yaml_field(name: str, feature: Any) -> dict[str, Any]:
    if isinstance(feature, dict):
        return {"name": name, "struct": to_yaml(feature)}
    if isinstance(feature, List):
        return {"name": name, "list": to_yaml(feature.feature)}
    return {"name": name, "dtype": to_yaml(feature)}


def describe(feature: Any) -> Any:
    """A plain JSON description of a feature (for the fingerprint: no library classes in it)."""
    if isinstance(feature, dict):
        return {name: describe(sub) for name, sub in feature.items()}
    if isinstance(feature, ClassLabel):
        return {"labels": list(feature.names)}
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List):
        return [describe(feature.feature)]
    raise TypeError(f"no description for {feature!r}")


Transform = Callable[[Any], Any]


def _codec(feature: Any, encode: bool) -> Transform | None:
    """A function mapping label strings to ids (or back) inside a value of this feature, or None."""
    if isinstance(feature, ClassLabel):
        names = list(feature.names)
        if encode:
            index = {n: i for i, n in enumerate(names)}
            return lambda v: None if v is None else index[v]
        return lambda v: v if v is None or isinstance(v, str) else names[v]
    if isinstance(feature, List):
        inner = _codec(feature.feature, encode)
        if inner is None:
            return None
        item = inner
        return lambda v: None if v is None else [item(x) for x in v]
    if isinstance(feature, dict):
        parts = [(name, _codec(sub, encode)) for name, sub in feature.items()]
        active = [(name, f) for name, f in parts if f is not None]
        if not active:
            return None

        def struct(v: Any) -> Any:
            if v is None:
                return None
            out = dict(v)
            for name, f in active:
                out[name] = f(v[name])
            return out

        return struct
    return None


class Codec:
    """Turns a config's rows with label names into rows with ClassLabel ids, and back."""

    def __init__(self, config: str) -> None:
        feats = features(config)
        self._encode = _codec(dict(feats), True)
        self._decode = _codec(dict(feats), False)

    def encode(self, row: dict[str, Any]) -> dict[str, Any]:
        """Label names to ids (rows as written to Parquet)."""
        return row if self._encode is None else dict(self._encode(row))

    def decode(self, row: dict[str, Any]) -> dict[str, Any]:
        """Label ids to names (rows as the package reasons about them)."""
        return row if self._decode is None else dict(self._decode(row))
