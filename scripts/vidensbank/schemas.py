"""The card types' JSON Schemas in research/schema/, and validation with Danish messages.

Schemas describe structure; three keywords of our own tie a field to the rest of the bank, so the
schema stays the one place that says which field uses which list:
``x-vocabulary`` (a list in vocabulary.yaml), ``x-bibkey`` (a key in the bibliography) and
``x-card`` (another card). Editors that validate front matter ignore them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from vidensbank.problems import Problem
from vidensbank.repo import Repo
from vidensbank.suggest import hint_for

SCHEMA_DIR = "schema"
SHARED = "faelles.schema.json"


@dataclass(frozen=True)
class CardType:
    """A card type: its ``type`` value, folder under docs/ and schema."""

    name: str
    folder: str
    label: str
    schema_file: str
    schema: dict[str, Any]


@dataclass
class Schemas:
    types: dict[str, CardType] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    registry: Registry = field(default_factory=Registry)
    problems: list[Problem] = field(default_factory=list)

    def by_folder(self, folder: str) -> CardType | None:
        return next((t for t in self.types.values() if t.folder == folder), None)

    def properties(self, card_type: CardType) -> dict[str, Any]:
        """Every field a card of this type may have: shared fields, then its own.

        A field in both (such as ``type``) combines the shared description with the type's rule.
        """
        shared = self.shared.get("properties", {})
        own = card_type.schema.get("properties", {})
        return {name: {**shared.get(name, {}), **own.get(name, {})} for name in {**shared, **own}}


def load(repo: Repo) -> Schemas:
    schemas = Schemas()
    folder = repo.research / SCHEMA_DIR
    resources = []
    for path in sorted(folder.glob("*.schema.json")):
        try:
            contents = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", 1)
            schemas.problems.append(Problem(
                repo.relative(path), line, f"skemaet er ikke gyldig JSON ({exc})",
                "ret JSON-syntaksen (kommaer, anførselstegn, klammer)",
            ))
            continue
        # Without '$schema', following a $ref keeps our validator class (with its x- keywords);
        # with it, jsonschema would switch back to the plain Draft 2020-12 validator.
        registered = {key: value for key, value in contents.items() if key != "$schema"}
        resource = Resource.from_contents(registered, default_specification=DRAFT202012)
        resources.append((path.name, resource))
        if path.name == SHARED:
            schemas.shared = contents
        elif "x-folder" in contents:
            name = contents["properties"]["type"]["const"]
            schemas.types[name] = CardType(
                name, contents["x-folder"], contents.get("title", name), path.name, contents
            )
    schemas.registry = Registry().with_resources(resources)
    ordered = sorted(schemas.types.values(), key=lambda t: t.schema.get("x-order", 99))
    schemas.types = {t.name: t for t in ordered}
    return schemas


@dataclass(frozen=True)
class Lookups:
    """What the custom keywords check against."""

    vocabulary: Callable[[str], dict[str, Any] | None]  # list name -> {term id: term}
    bib_keys: set[str]
    card_exists: Callable[[str, str], bool]  # (folder or '*', reference) -> exists
    card_choices: Callable[[str], list[str]]
    card_is_draft: Callable[[str, str], bool] = lambda folder, reference: False


@dataclass(frozen=True)
class FieldError:
    """A validation error with the path of the field it concerns."""

    path: tuple
    message: str
    hint: str
    key: bool = False  # point at the field name rather than its value
    at_end: bool = False  # a missing top-level field: point at the closing '---'
    kind: str = ""  # the JSON Schema keyword that failed

    @property
    def incomplete(self) -> bool:
        """Missing or empty rather than wrong: what a draft card may still be."""
        return self.kind in ("required", "minItems", "minLength", "maxLength")


class CardValidator:
    """Validates cards against their type's schema; built once per check, reused per card."""

    def __init__(self, schemas: Schemas, lookups: Lookups) -> None:
        validator_class = _validator_class(lookups)
        self._schemas = schemas
        self._validators = {
            name: validator_class(
                {"$ref": card_type.schema_file}, registry=schemas.registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            for name, card_type in schemas.types.items()
        }

    def errors(self, card_type: CardType, data: dict) -> list[FieldError]:
        return _translated(self._validators[card_type.name].iter_errors(data),
                           self._schemas.properties(card_type))


class DocumentValidator:
    """Validates a data file (not a card) against one schema in research/schema/, such as a study
    extraction, with the same Danish messages and custom keywords as cards."""

    def __init__(self, schemas: Schemas, lookups: Lookups, schema_file: str) -> None:
        self._validator = _validator_class(lookups)(
            {"$ref": schema_file}, registry=schemas.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        resolved = schemas.registry.get(schema_file)
        self._known = resolved.contents.get("properties", {}) if resolved else {}
        self._file = f"research/{SCHEMA_DIR}/{schema_file}"

    def errors(self, data: Any) -> list[FieldError]:
        return [replace(item, hint=item.hint.replace("siden 'Felter på et kort'", self._file))
                for item in _translated(self._validator.iter_errors(data), self._known)]


def _translated(found: Iterable[ValidationError], known: dict[str, Any]) -> list[FieldError]:
    """Danish errors in the order of the fields they concern, each with its schema keyword."""
    return [replace(item, kind=str(error.validator))
            for error in sorted(found, key=lambda e: list(map(str, e.path)))
            for item in _translate(error, known)]


def _validator_class(lookups: Lookups) -> type:
    def vocabulary(validator, name, instance, schema) -> Iterator[ValidationError]:
        terms = lookups.vocabulary(name)
        if isinstance(instance, str) and terms is not None and instance not in terms:
            yield _custom(f"ukendt begreb '{instance}' i ordlisten '{name}'",
                          hint_for(instance, terms, f"brug et begreb fra '{name}' i "
                                   "research/vocabulary.yaml, eller tilføj det dér"))

    def bibkey(validator, enabled, instance, schema) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and instance not in lookups.bib_keys:
            yield _custom(f"nøglen '{instance}' findes ikke i litteraturlisten",
                          hint_for(instance, lookups.bib_keys,
                                   "tilføj værket til research/references.bib først"))

    def card(validator, folder, instance, schema) -> Iterator[ValidationError]:
        if isinstance(instance, str) and lookups.card_is_draft(folder, instance):
            yield _custom(f"'{instance}' er en kladde, som ikke bliver udgivet",
                          "fjern henvisningen, eller gør kladden færdig først")
        elif isinstance(instance, str) and not lookups.card_exists(folder, instance):
            where = "et kort" if folder == "*" else f"et kort i docs/{folder}/"
            yield _custom(f"'{instance}' er ikke {where}",
                          hint_for(instance, lookups.card_choices(folder),
                                   "skriv filnavnet uden .md" if folder != "*"
                                   else "skriv 'afsnit/filnavn', fx 'forskning/fancourt-2019'"))

    return validators.extend(
        Draft202012Validator, {"x-vocabulary": vocabulary, "x-bibkey": bibkey, "x-card": card}
    )


def _custom(message: str, hint: str) -> ValidationError:
    error = ValidationError(message)
    error.hint = hint  # type: ignore[attr-defined]
    return error


def _name(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "front matter"


_TYPES = {
    "string": "tekst", "integer": "et helt tal", "number": "et tal", "array": "en liste",
    "object": "felter (navn: værdi)", "boolean": "true eller false",
}


def _translate(error: ValidationError, known: dict[str, Any]) -> list[FieldError]:
    path = tuple(error.absolute_path)
    name = _name(path)
    kind = error.validator
    if hasattr(error, "hint"):
        return [FieldError(path, error.message, error.hint)]
    if kind == "required":
        missing = error.message.split("'")[1]
        return [FieldError(path, f"feltet '{_name((*path, missing))}' mangler",
                           f"tilføj '{missing}: …' (se siden 'Felter på et kort')",
                           key=bool(path), at_end=not path)]
    if kind in ("unevaluatedProperties", "additionalProperties"):
        allowed = known if not path else error.schema.get("properties", {})
        extra = [k for k in error.instance if k not in allowed]
        return [FieldError((*path, k), f"ukendt felt '{_name((*path, k))}'",
                           hint_for(k, allowed, "slet feltet, eller se de tilladte felter på "
                                    "siden 'Felter på et kort'"), key=True) for k in extra]
    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        return [FieldError(path, f"'{name}' skal være {' eller '.join(_TYPES[w] for w in wanted)}",
                           _type_hint(wanted[0]))]
    if kind == "const":
        return [FieldError(path, f"'{name}' skal være '{error.validator_value}' i denne mappe",
                           f"skriv '{name}: {error.validator_value}', eller flyt filen til den "
                           "mappe, der passer til korttypen")]
    if kind == "format":
        what = {"date": ("en gyldig dato", "skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-26"),
                "uri": ("en gyldig webadresse", "skriv hele adressen med https://")}
        text, hint = what.get(error.validator_value, (error.validator_value, "ret værdien"))
        return [FieldError(path, f"'{error.instance}' i '{name}' er ikke {text}", hint)]
    if kind == "pattern":
        message = error.schema.get("x-pattern-message", "har et ugyldigt format")
        return [FieldError(path, f"'{name}' {message}", "ret værdien")]
    if kind in ("minLength", "maxLength"):
        size = len(error.instance)
        limit = error.validator_value
        word = "kort" if kind == "minLength" else "lang"
        bound = "mindst" if kind == "minLength" else "højst"
        return [FieldError(path, f"'{name}' er for {word} ({size} tegn)",
                           f"skriv {bound} {limit} tegn")]
    if kind == "minItems":
        return [FieldError(path, f"'{name}' skal have mindst {error.validator_value} værdi",
                           "tilføj mindst én værdi fra listen")]
    if kind == "uniqueItems":
        return [FieldError(path, f"'{name}' indeholder den samme værdi flere gange",
                           "slet dubletten")]
    if kind == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return [FieldError(path, f"'{error.instance}' i '{name}' er ikke en af de mulige værdier",
                           f"skriv en af: {choices}")]
    if kind == "not":
        return [FieldError(path, f"'{name}' må ikke have et sted i kilden, når værdien er "
                           "'ikke-oplyst'", "slet 'locator', eller skriv, hvad kilden oplyser")]
    if kind == "minProperties":
        return [FieldError(path, f"'{name}' er tom", "skriv mindst ét felt")]
    if kind in ("minimum", "exclusiveMinimum"):
        return [FieldError(path, f"'{name}' skal være større end {error.validator_value}",
                           "ret tallet")]
    return [FieldError(path, f"'{name}': {error.message}", "ret værdien")]


def _type_hint(wanted: str) -> str:
    return {
        "array": "skriv værdierne som en liste, fx [kultur, sundhed]",
        "integer": "skriv et helt tal uden anførselstegn, fx 5",
        "number": "skriv et tal uden anførselstegn, fx 10",
        "string": "skriv teksten, evt. i anførselstegn",
        "object": "skriv underfelterne indrykket under feltet",
    }.get(wanted, "ret værdien")


def vocabularies_used(schemas: Schemas) -> dict[str, str]:
    """Every vocabulary list a schema refers to, with the schema file that names it."""
    used: dict[str, str] = {}

    def walk(node: Any, source: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("x-vocabulary"), str):
                used.setdefault(node["x-vocabulary"], source)
            for value in node.values():
                walk(value, source)
        elif isinstance(node, list):
            for value in node:
                walk(value, source)

    walk(schemas.shared, SHARED)
    for card_type in schemas.types.values():
        walk(card_type.schema, card_type.schema_file)
    return used


def missing_vocabularies(repo: Repo, schemas: Schemas, lists: set[str]) -> list[Problem]:
    return [
        Problem(repo.relative(repo.research / SCHEMA_DIR / source), 1,
                f"skemaet bruger ordlisten '{name}', som ikke findes",
                "tilføj ordlisten i research/vocabulary.yaml, eller ret navnet i skemaet")
        for name, source in vocabularies_used(schemas).items() if name not in lists
    ]
