"""The JSON Schemas of schema/, loaded once with their cross-references resolved."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from referencing import Registry, Resource

NAMES = ("annotations", "metadata", "predictions")


def schema_dir() -> Path:
    """Where the schema files are: inside the installed package, else the source checkout's schema/."""
    packaged = Path(__file__).with_name("_schema")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schema"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One schema as a dict (name: annotations, metadata or predictions)."""
    data: dict[str, Any] = json.loads((schema_dir() / f"{name}.schema.json").read_text("utf-8"))
    return data


@cache
def _registry() -> Registry:
    resources = [(load_schema(n)["$id"], Resource.from_contents(load_schema(n))) for n in NAMES]
    return Registry().with_resources(resources)


def registry() -> Registry:
    """The registry holding every schema of schema/, by $id (what validators resolve $ref with)."""
    return _registry()


def _is_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


# "integer" means an integer literal: 2020-12 also accepts 5.0, which no offset may be (a float
# offset cannot index a str, and every reader of the corpus would have to convert it).
_StrictValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


@cache
def validator(name: str) -> Draft202012Validator:
    """A 2020-12 validator for one schema, with format checks and the shared $defs.

    One departure from plain 2020-12: "integer" rejects numbers written with a fraction or
    exponent (5.0, 1e2), so offsets are always Python ints.
    """
    strict: Draft202012Validator = _StrictValidator(
        load_schema(name), registry=_registry(), format_checker=FormatChecker()
    )
    return strict


def enum(definition: str) -> list[str]:
    """The values of an enumeration in the annotation schema's $defs (e.g. ``entity_type``)."""
    values: list[str] = load_schema("annotations")["$defs"][definition]["enum"]
    return values
