"""The JSON Schemas of schema/, loaded once with their cross-references resolved.

jsonschema is imported when a validator is first asked for: reading a schema's enums (as the
scorer's typed decoding does) costs no import of it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing import Registry

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
    from referencing import Registry, Resource

    resources = [(load_schema(n)["$id"], Resource.from_contents(load_schema(n))) for n in NAMES]
    return Registry().with_resources(resources)


def registry() -> Registry:
    """The registry holding every schema of schema/, by $id (what validators resolve $ref with)."""
    return _registry()


def _strict_integer(_checker: Any, instance: Any) -> bool:
    # JSON Schema counts 3.0 as an integer; an offset of 3.0 would break str slicing downstream.
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def validator(name: str) -> Draft202012Validator:
    """A 2020-12 validator for one schema: format checks, shared $defs, integers that are ints."""
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.validators import extend

    strict = extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
    )
    checker: Draft202012Validator = strict(
        load_schema(name), registry=_registry(), format_checker=FormatChecker()
    )
    return checker


def enum(definition: str) -> list[str]:
    """The values of an enumeration in the annotation schema's $defs (e.g. ``entity_type``)."""
    values: list[str] = load_schema("annotations")["$defs"][definition]["enum"]
    return values
