"""JSON Schemas compiled once into Python predicates, so level 2 runs at the speed of plain code.

``jsonschema`` walks a schema afresh for every instance, resolving each ``$ref`` through its
registry; on annotation files of a hundred spans that is most of the validator's time. A compiled
predicate answers the same question, "is this instance valid?", with closures built once. It is
exact for the keywords it compiles and refuses the rest: a schema with any other keyword does not
compile (``compile_validator`` returns None), and an instance it cannot decide exactly (unique
items that are not all strings, nesting deeper than the interpreter allows) raises ``Undecided``.
Either way the caller falls back to ``jsonschema``, which also writes the messages of invalid
instances: the predicate only ever saves time on valid ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing._core import Resolver

Check = Callable[[Any], bool]

# Keywords that only annotate, or that the compiler reaches through $ref lookups instead.
_IGNORED = {
    "$schema", "$defs", "$comment", "title", "description", "examples", "default", "deprecated",
    "readOnly", "writeOnly",
}  # fmt: skip


_OBJECT_PARTS = {"type", "properties", "required"}  # what open_object fuses across allOf


class Unsupported(Exception):
    """A schema uses a keyword (or a form of one) the compiler does not translate exactly."""


class Undecided(Exception):
    """An instance the compiled predicate cannot judge exactly; ask jsonschema."""


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


class _Compiler:
    def __init__(self, validator: Draft202012Validator) -> None:
        self.validator = validator
        self.format_checker = validator.format_checker
        # Follow the validator's own type checker ("integer" accepts 5.0 in plain 2020-12).
        self.float_integers = validator.is_type(5.0, "integer")
        self.done: dict[int, list[Check]] = {}

    def type_check(self, name: str) -> Check:
        if name == "object":
            return lambda x: isinstance(x, dict)
        if name == "array":
            return lambda x: isinstance(x, list)
        if name == "string":
            return lambda x: isinstance(x, str)
        if name == "null":
            return lambda x: x is None
        if name == "boolean":
            return lambda x: isinstance(x, bool)
        if name == "number":
            return lambda x: isinstance(x, (int, float)) and not isinstance(x, bool)
        if name == "integer":
            if self.float_integers:
                return lambda x: (
                    (isinstance(x, int) and not isinstance(x, bool))
                    or (isinstance(x, float) and x.is_integer())
                )
            return lambda x: isinstance(x, int) and not isinstance(x, bool)
        raise Unsupported(f"type {name!r}")

    def compile(self, schema: Any, resolver: Resolver[Any], root: bool = False) -> Check:
        """One predicate for a (sub)schema; shared by every $ref to the same subschema."""
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        key = id(schema)
        if key in self.done:  # a cell, so recursive schemas compile too
            cell = self.done[key]
            return lambda x: cell[0](x)
        cell = [_never]
        self.done[key] = cell
        fused = self.bounded_number(schema) or self.open_object(schema, resolver)
        if fused is not None:
            cell[0] = fused
            return fused
        checks = [
            self.keyword(name, value, schema, resolver, root) for name, value in schema.items()
        ]
        active = tuple(c for c in checks if c is not _always)
        if not active:
            check: Check = _always
        elif len(active) == 1:
            check = active[0]
        else:

            def check(x: Any) -> bool:
                for c in active:  # noqa: SIM110 - a plain loop is twice as fast as all(genexpr)
                    if not c(x):
                        return False
                return True

        cell[0] = check
        return check

    def bounded_number(self, schema: dict[str, Any]) -> Check | None:
        """``{"type": "integer", "minimum": m}`` (offsets, the commonest subschema) as one test."""
        keys = set(schema) - _IGNORED
        if keys != {"type", "minimum"} or schema["type"] not in ("integer", "number"):
            return None
        is_type, least = self.type_check(schema["type"]), schema["minimum"]
        return lambda x: is_type(x) and not x < least

    def open_object(self, schema: dict[str, Any], resolver: Resolver[Any]) -> Check | None:
        """An object schema extending others by ``allOf`` (every span type) as one pass over keys.

        Only when every part is ``type: object`` (or untyped), ``properties`` and ``required``:
        then the conjunction is one object whose listed keys must pass every part's subschema.
        """
        if "allOf" not in schema or not set(schema) - _IGNORED <= _OBJECT_PARTS | {"allOf"}:
            return None
        parts = [(schema, resolver)]
        for member in schema["allOf"]:
            where = resolver
            while isinstance(member, dict) and set(member) - _IGNORED == {"$ref"}:
                resolved = where.lookup(member["$ref"])
                member, where = resolved.contents, resolved.resolver
            if not isinstance(member, dict) or not set(member) - _IGNORED <= _OBJECT_PARTS:
                return None
            parts.append((member, where))
        if any(part.get("type", "object") != "object" for part, _ in parts):
            return None
        typed = any("type" in part for part, _ in parts)
        checks: dict[str, list[Check]] = {}
        for part, where in parts:
            for name, sub in part.get("properties", {}).items():
                checks.setdefault(name, []).append(self.compile(sub, where))
        properties = {name: _all(found) for name, found in checks.items()}
        needed = tuple(dict.fromkeys(k for part, _ in parts for k in part.get("required", ())))
        return _object_check(properties, needed, _always, typed)

    def keyword(
        self, name: str, value: Any, schema: dict[str, Any], resolver: Resolver[Any], root: bool
    ) -> Check:
        if name in _IGNORED:
            return _always
        if name == "$id":
            if not root:
                raise Unsupported("$id inside a schema")
            return _always
        if name == "$ref":
            resolved = resolver.lookup(value)
            at_root = "#" not in value or value.endswith("#")
            return self.compile(resolved.contents, resolved.resolver, root=at_root)
        if name == "type":
            types = [self.type_check(t) for t in ([value] if isinstance(value, str) else value)]
            if len(types) == 1:
                return types[0]
            if len(types) == 2:  # the usual ["string", "null"]: no generator per call
                first, second = types
                return lambda x: first(x) or second(x)
            return lambda x: any(t(x) for t in types)
        if name == "enum":
            if not all(isinstance(v, str) for v in value):
                raise Unsupported("enum of non-strings")
            members = frozenset(value)
            return lambda x: isinstance(x, str) and x in members
        if name == "pattern":
            search = re.compile(value).search
            return lambda x: not isinstance(x, str) or search(x) is not None
        if name == "minLength":
            return lambda x: not isinstance(x, str) or len(x) >= value
        if name == "maxLength":
            return lambda x: not isinstance(x, str) or len(x) <= value
        if name == "minimum":
            is_number = self.type_check("number")
            return lambda x: not is_number(x) or not x < value
        if name == "minItems":
            return lambda x: not isinstance(x, list) or len(x) >= value
        if name == "uniqueItems":
            return _unique if value else _always
        if name == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            item = self.compile(value, resolver)

            def items(x: Any) -> bool:
                if isinstance(x, list):
                    for i in x:  # noqa: SIM110 - see check() above
                        if not item(i):
                            return False
                return True

            return items
        if name == "format":
            checker = self.format_checker
            if checker is None:
                return _always
            return lambda x: checker.conforms(x, value)
        if name in ("allOf", "anyOf", "oneOf"):
            subs = [self.compile(s, resolver) for s in value]
            if name == "allOf":
                return subs[0] if len(subs) == 1 else lambda x: all(s(x) for s in subs)
            if name == "anyOf":
                return lambda x: any(s(x) for s in subs)
            if len(subs) == 2:  # the usual "X or null": exactly one is an exclusive or
                first, second = subs
                return lambda x: first(x) is not second(x)
            return lambda x: sum(1 for s in subs if s(x)) == 1
        if name == "not":
            sub = self.compile(value, resolver)
            return lambda x: not sub(x)
        if name in ("properties", "required", "additionalProperties"):
            return self.object_keywords(name, schema, resolver)
        raise Unsupported(f"keyword {name!r}")

    def object_keywords(self, name: str, schema: dict[str, Any], resolver: Resolver[Any]) -> Check:
        """properties, required and additionalProperties as one pass over the object's keys."""
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        if name == "required":
            if "properties" in schema:
                return _always  # checked with properties below
            needed = tuple(schema["required"])
            return lambda x: not isinstance(x, dict) or all(k in x for k in needed)
        if name == "additionalProperties" and "properties" in schema:
            return _always  # checked with properties below
        properties = {k: self.compile(v, resolver) for k, v in schema.get("properties", {}).items()}
        extra = self.compile(schema.get("additionalProperties", True), resolver)
        needed = tuple(schema.get("required", ()))
        return _object_check(properties, needed, extra, typed=False)


def _object_check(
    properties: dict[str, Check], needed: tuple[str, ...], extra: Check, typed: bool
) -> Check:
    """One pass over an object's keys: required ones present, each value valid for its key.

    A non-object passes unless ``typed`` (the schema says ``type: object``).
    """

    def check(x: Any) -> bool:
        if not isinstance(x, dict):
            return not typed
        for k in needed:
            if k not in x:
                return False
        for k, v in x.items():
            sub = properties.get(k, extra)
            if sub is not _always and not sub(v):  # most keys of open objects: no call at all
                return False
        return True

    return check


def _all(checks: list[Check]) -> Check:
    """The conjunction of predicates (the one itself when alone)."""
    if len(checks) == 1:
        return checks[0]
    return lambda x: all(c(x) for c in checks)


def _unique(x: Any) -> bool:
    if not isinstance(x, list):
        return True
    if all(isinstance(i, str) for i in x):
        return len(set(x)) == len(x)
    raise Undecided("uniqueItems over values that are not all strings")


def compile_validator(validator: Draft202012Validator, registry: Registry[Any]) -> Check | None:
    """An exact validity predicate for a validator's schema, or None when it cannot be compiled.

    ``registry`` is the one the validator resolves ``$ref`` with.
    """
    schema = validator.schema
    resolver = registry.resolver(base_uri=schema.get("$id", "") if isinstance(schema, dict) else "")
    try:
        check = _Compiler(validator).compile(schema, resolver, root=True)
    except Unsupported:
        return None

    def decide(instance: Any) -> bool:
        try:
            return check(instance)
        except (Undecided, RecursionError):
            return False  # not proven valid: the caller asks jsonschema

    return decide
