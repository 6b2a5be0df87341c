"""Level 2: metadata and annotation files against the JSON Schemas."""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from newsgold.jsonio import pointer
from newsgold.schemas import registry, validator
from newsgold.validate.compiled import Check, compile_validator
from newsgold.validate.incidents import Incident

MAX_PER_FILE = 50


def _message(err: ValidationError) -> str:
    if err.context:
        err = best_match(err.context) or err
    text: str = err.message
    return text if len(text) <= 200 else text[:197] + "..."


def _where(err: ValidationError) -> str:
    if err.context:
        inner = best_match(err.context)
        if inner is not None:
            return pointer(list(inner.absolute_path))
    return pointer(list(err.absolute_path))


@cache
def _compiled(schema: str) -> Check | None:
    return compile_validator(validator(schema), registry())


def schema_incidents(data: Any, schema: str, file: str) -> list[Incident]:
    """Every schema violation of one JSON document, each at its JSON pointer."""
    compiled = _compiled(schema)
    if compiled is not None and compiled(data):
        return []  # proven valid by the compiled schema; jsonschema would find nothing either
    errors = sorted(
        validator(schema).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
    )
    out = [
        Incident(file, _where(e), "schema-violation", f"{_message(e)} (schema: {schema})")
        for e in errors[:MAX_PER_FILE]
    ]
    if len(errors) > MAX_PER_FILE:
        out.append(
            Incident(
                file,
                "",
                "schema-violation",
                f"{len(errors) - MAX_PER_FILE} more schema violations not shown",
            )
        )
    return out
