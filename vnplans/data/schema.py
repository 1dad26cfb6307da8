"""Stage 1: check each file against its JSON Schema and report in words an editor understands.

The schemas in ``schemas/`` are the single description of the file formats: the validator uses them
here, editors' IDEs use them for completion, and the site publishes them. ``jsonschema``'s own
messages are written for programmers, so each kind of failure is rephrased, placed on the line of the
offending key or value, and given a hint (from the schema's ``x-hint`` where there is one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Report, did_you_mean
from .messages import EMPTY, Message, join, msg
from .values import ID_PATTERN, slugify
from .vocab import VOCABULARIES, labels
from .yamlio import PathKey, YamlDoc, format_path

if TYPE_CHECKING:  # imported when a file is invalid: valid data never needs them (a tenth of a second)
    import jsonschema
    from referencing import Registry

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

#: File kinds and their schema files.
KINDS = ("plan", "agencies", "documents", "jurisdictions", "standard-bodies", "succession")
SCHEMA_FILES = {kind: f"{kind}.schema.json" for kind in KINDS}
ALL_SCHEMA_FILES = ("common.schema.json", *SCHEMA_FILES.values())

_TYPE_WORDS = {
    "string": msg("text"),
    "object": msg("a block of 'key: value' lines"),
    "array": msg("a list (lines starting with '- ')"),
    "boolean": msg("true or false"),
    "integer": msg("a whole number"),
    "number": msg("a number"),
    "null": msg("nothing"),
}


def _type_words(name: object) -> Message:
    return _TYPE_WORDS.get(str(name), msg("a value"))


def _describe(value: Any) -> Message:
    if value is None:
        return msg("nothing")
    if isinstance(value, bool):
        return msg("{value} (a yes/no value)", value=str(value).lower())
    if isinstance(value, (int, float)):
        return msg("the number {value}", value=value)
    if isinstance(value, str):
        return msg("the text '{value}'", value=value) if len(value) < 40 else msg("a text")
    if isinstance(value, list):
        return msg("a list")
    return msg("a block of 'key: value' lines")


@cache
def _contents(name: str) -> Any:
    """A schema file, as JSON."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources = [(name, Resource.from_contents(_contents(name))) for name in ALL_SCHEMA_FILES]
    return Registry().with_resources(resources)


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    schema = _contents(SCHEMA_FILES[kind])
    return jsonschema.Draft202012Validator(schema, registry=_registry())


def check_schema(doc: YamlDoc, kind: str, report: Report) -> bool:
    """Validate ``doc`` against the schema of ``kind``; report every failure. True when valid.

    A compiled check (:func:`is_valid`) answers first; only a file it finds invalid goes through
    ``jsonschema``, whose errors are explained. So every message is ``jsonschema``'s, and a valid
    file, nearly every file on a save, costs a fraction of the time.
    """
    if is_valid(kind, doc.data):
        return True
    ok = True
    seen: set[tuple[PathKey, Message]] = set()
    errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        for path, at_key, message, hint in _explain(error):
            if (path, message) in seen:
                continue
            seen.add((path, message))
            loc = doc.key_loc(path) if at_key else doc.loc(path)
            report.error(loc, format_path(path), message, hint)
            ok = False
    return ok


def _hint(schema: Any) -> Message:
    """The schema's ``x-hint``: an English msgid, worded from the catalogue like any message."""
    text = schema.get("x-hint", "") if isinstance(schema, dict) else ""
    return Message(text) if text else EMPTY


def _allowed(names: list[str], what: Message) -> Message:
    """``allowed values: chu-tri (Chủ trì), …``: a vocabulary's ids with their labels, other lists as they are."""
    labels = _VOCABULARY_LABELS.get(tuple(names), {})
    shown = [f"{name} ({labels[name]})" if name in labels else name for name in names]
    return msg("{what}: {names}", what=what, names=", ".join(shown))


_VOCABULARY_LABELS = {vocabulary.ids(): labels(vocabulary) for vocabulary in VOCABULARIES.values()}


def _resolve(schema: Any) -> Any:
    """Follow ``$ref`` so hints on referenced definitions are found."""
    while isinstance(schema, dict) and "$ref" in schema and "x-hint" not in schema:
        name, _, pointer = schema["$ref"].partition("#")
        # Definition names are unique across our schema files, so a local "#/$defs/x" is found by name.
        candidates = [name] if name else list(ALL_SCHEMA_FILES)
        for candidate in candidates:
            resource = _contents(candidate)
            try:
                for part in filter(None, pointer.split("/")):
                    resource = resource[part]
            except KeyError:
                continue
            schema = resource
            break
        else:  # pragma: no cover - a broken schema file
            raise KeyError(schema["$ref"])
    return schema


Explained = tuple[PathKey, bool, Message, Message]


def _explain(error: jsonschema.ValidationError) -> Iterator[Explained]:
    """Turn one jsonschema error into (path, located at key?, message, hint) tuples."""
    path: PathKey = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if "propertyNames" in error.relative_schema_path and isinstance(error.instance, str):
        # jsonschema checks each key of the mapping as an instance of its own, and reports it at the
        # mapping: the key itself is the instance. Place the error on the key's line.
        names = [str(v) for v in error.validator_value] if validator == "enum" else []
        key = error.instance
        message = msg("unknown key '{key}'{suggestion}", key=key, suggestion=did_you_mean(key, names))
        yield path + (key,), True, message, _allowed(names, msg("allowed keys here"))
        return
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        if not allowed and isinstance(schema.get("additionalProperties"), dict):
            return
        for key in extra:
            hint = _allowed(allowed, msg("allowed keys here"))
            message = msg("unknown key '{key}'{suggestion}", key=key, suggestion=did_you_mean(key, allowed))
            yield path + (key,), True, message, hint
    elif validator == "required":
        missing = error.validator_value
        for key in missing:
            if key not in error.instance:
                yield path, False, msg("missing required key '{key}'", key=key), _required_hint(key, schema)
    elif validator == "propertyNames":
        names = _resolve(schema.get("propertyNames", {})).get("enum", [])
        for key in error.instance:
            if key not in names:
                message = msg("unknown key '{key}'{suggestion}", key=key, suggestion=did_you_mean(key, names))
                yield path + (key,), True, message, _hint(schema)
    elif validator == "type":
        expected = error.validator_value
        expected_words = (
            _type_words(expected) if isinstance(expected, str) else _either(list(map(_type_words, expected)))
        )
        hint = _hint(_resolve(schema))
        if expected == "string" and isinstance(error.instance, (int, float, bool)):
            hint = msg('put the value in double quotes so it is read as text, e.g. "2"')
        message = msg("expected {expected}, found {found}", expected=expected_words, found=_describe(error.instance))
        yield path, False, message, hint
    elif validator == "enum":
        allowed = [str(v) for v in error.validator_value]
        value = str(error.instance)
        hint = _hint(schema) or _allowed(allowed, msg("allowed values"))
        message = msg(
            "'{value}' is not an allowed value{suggestion}", value=value, suggestion=did_you_mean(value, allowed)
        )
        yield path, False, message, hint
    elif validator == "pattern":
        if isinstance(error.instance, str) and not error.instance.strip():
            yield path, False, msg("the text is empty"), _hint(schema)
        else:
            suggestion = EMPTY
            if isinstance(error.instance, str) and schema.get("pattern") == ID_PATTERN:
                slug = slugify(error.instance)
                suggestion = msg(" (did you mean '{choice}'?)", choice=slug) if slug else EMPTY
            message = msg(
                "'{value}' is not in the expected form{suggestion}", value=error.instance, suggestion=suggestion
            )
            yield path, False, message, _hint(schema)
    elif validator == "minLength":
        yield path, False, msg("the text is empty"), _hint(schema)
    elif validator == "minItems":
        yield path, False, msg("the list is empty"), msg("add at least one entry, or remove the key")
    elif validator in ("oneOf", "anyOf"):
        yield from _explain_alternatives(error, path)
    else:  # pragma: no cover - only the validators above are used by our schemas
        yield path, False, msg("{problem}", problem=error.message), EMPTY


def _explain_alternatives(error: jsonschema.ValidationError, path: PathKey) -> Iterator[Explained]:
    """For ``oneOf`` (e.g. a date or ``{unknown: reason}``), report the branch the editor meant."""
    instance = error.instance
    branches: dict[int, list[jsonschema.ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    alternatives = error.validator_value
    wanted = "object" if isinstance(instance, dict) else "string" if isinstance(instance, str) else None
    for index, branch in enumerate(alternatives):
        if _resolve(branch).get("type") == wanted and index in branches:
            for sub in branches[index]:
                yield from _explain(sub)
            return
    words = [_type_words(_resolve(b).get("type", "")) for b in alternatives]
    hints = [h for h in (_hint(_resolve(b)) for b in alternatives) if h]
    message = msg("expected {expected}, found {found}", expected=_either(words), found=_describe(instance))
    yield path, False, message, join(hints) if hints else EMPTY


def _either(words: list[Message]) -> Message:
    """``text or a block of 'key: value' lines``, each word in the reader's language."""
    if len(words) == 1:
        return words[0]
    return msg("{first} or {second}", first=_either(words[:-1]), second=words[-1])


def _required_hint(key: str, schema: dict[str, Any]) -> Message:
    # Only the key's own description: a referenced type's ("Văn bản (Unicode NFC).") says nothing of the key.
    # Descriptions are written in Vietnamese for editors' IDEs, so they are shown as written.
    described = schema.get("properties", {}).get(key, {})
    text = described.get("description", "") if isinstance(described, dict) else ""
    if text:
        return msg("add '{key}:' to this block ({description})", key=key, description=text)
    return msg("add '{key}:' to this block", key=key)


# -- the compiled check ------------------------------------------------------------------------------
#
# ``jsonschema`` is general: it resolves every ``$ref`` through its registry and builds a validator
# object for each value it descends into, which made the schema stage ~60% of loading. The check
# below compiles our schemas once into nested closures that only answer "valid or not". It knows the
# keywords our schemas use and refuses to compile any other (so a new keyword cannot be ignored
# silently), with ``jsonschema``'s meaning for each: Python's ``re.search`` for ``pattern``, bools
# that are not integers, floats with an integral value that are. A test compares the two on the real
# data, the golden cases and thousands of mutations.

Check = Callable[[Any], bool]

#: Keywords that only describe (annotations), for editors and the published schemas.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        # editors' extensions (VS Code's YAML and JSON support)
        "markdownDescription",
        "enumDescriptions",
        "markdownEnumDescriptions",
        "deprecationMessage",
        "errorMessage",
    }
)
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def is_valid(kind: str, instance: Any) -> bool:
    """Whether ``instance`` is valid against the schema of ``kind`` (the same answer as ``jsonschema``)."""
    return _compiled(kind)(instance)


@cache
def _compiled(kind: str) -> Check:
    return _Compiler().compile(SCHEMA_FILES[kind], "")


class _Compiler:
    """Compiles schema nodes, once each (``$ref`` cycles, such as clauses in clauses, close on themselves)."""

    def __init__(self) -> None:
        self.done: dict[tuple[str, str], Check] = {}

    def compile(self, file: str, pointer: str) -> Check:
        key = (file, pointer)
        if key not in self.done:
            compiled: list[Check] = []
            self.done[key] = lambda value: compiled[0](value)  # until compiled: for recursive references
            node: Any = _contents(file)
            for part in filter(None, pointer.split("/")):
                node = node[part]
            compiled.append(self.node(file, node))
            self.done[key] = compiled[0]
        return self.done[key]

    def node(self, file: str, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        compiled = (
            self.keyword(file, schema, name)
            for name in schema
            if name not in _ANNOTATIONS and not name.startswith("x-")  # x-hint and the like: ours
        )
        return _all_of([check for check in compiled if check is not None])

    def keyword(self, file: str, schema: dict[str, Any], name: str) -> Check | None:
        value = schema[name]
        if name == "$ref":
            target, _, pointer = value.partition("#")
            return self.compile(target or file, pointer)
        if name == "type":
            names = [value] if isinstance(value, str) else list(value)
            tests = [_TYPES[n] for n in names]
            return tests[0] if len(tests) == 1 else (lambda v: any(t(v) for t in tests))
        if name == "properties":
            return self.properties(file, schema)
        if name == "additionalProperties":
            return None if "properties" in schema else self.properties(file, schema)
        if name == "required":
            keys = tuple(value)
            return lambda v: not isinstance(v, dict) or all(k in v for k in keys)
        if name == "propertyNames":
            names_check = self.node(file, value)
            return lambda v: not isinstance(v, dict) or all(names_check(k) for k in v)
        if name == "items":
            item = self.node(file, value)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for x in v:
                        if not item(x):
                            return False
                return True

            return items
        if name == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if name == "uniqueItems":
            if not value:
                return None
            return lambda v: not isinstance(v, list) or len({_json_identity(x) for x in v}) == len(v)
        if name == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if name == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if name == "enum":
            if not all(isinstance(x, str) for x in value):
                raise ValueError(f"{file}: only enums of strings are compiled")
            allowed = frozenset(value)
            return lambda v: isinstance(v, str) and v in allowed
        if name == "const":
            if not isinstance(value, str):
                raise ValueError(f"{file}: only constants that are strings are compiled")
            return lambda v: isinstance(v, str) and v == value
        if name == "not":
            negated = self.node(file, value)
            return lambda v: not negated(v)
        if name == "if":
            condition = self.node(file, value)
            then = self.node(file, schema.get("then", True))
            otherwise = self.node(file, schema.get("else", True))
            return lambda v: then(v) if condition(v) else otherwise(v)
        if name in ("then", "else"):
            return None  # with "if"; alone, they do nothing
        if name in ("oneOf", "anyOf", "allOf"):
            branches = [self.node(file, branch) for branch in value]
            if name == "oneOf":
                return lambda v: _exactly_one(branches, v)
            if name == "anyOf":
                return lambda v: any(b(v) for b in branches)
            return lambda v: all(b(v) for b in branches)
        raise ValueError(f"{file}: the keyword '{name}' is not compiled; teach schema._Compiler its meaning")

    def properties(self, file: str, schema: dict[str, Any]) -> Check:
        """``properties`` with ``additionalProperties`` (true, false or a schema), in one pass over the keys."""
        known = {key: self.node(file, sub) for key, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        other = None if extra is True else self.node(file, extra)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                sub = known.get(key, other)
                if sub is not None and not sub(item):
                    return False
            return True

        return check


def _json_identity(value: Any) -> Any:
    """A hashable key equal for values JSON Schema calls equal (``uniqueItems``): 1 and 1.0 are one number,
    true is not 1, objects and arrays compare by their contents."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, (int, float)):
        return ("number", value)  # Python: 1 == 1.0, with equal hashes
    if isinstance(value, list):
        return ("array", tuple(_json_identity(x) for x in value))
    if isinstance(value, dict):
        return ("object", frozenset((k, _json_identity(x)) for k, x in value.items()))
    return (type(value).__name__, value)


def _all_of(checks: list[Check]) -> Check:
    """One check that passes when every one of ``checks`` does (a loop: no generator per value)."""
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for one in checks:  # noqa: SIM110 - all() makes a generator for every value checked
            if not one(value):
                return False
        return True

    return check


def _exactly_one(branches: list[Check], value: Any) -> bool:
    found = False
    for branch in branches:
        if branch(value):
            if found:
                return False
            found = True
    return found
