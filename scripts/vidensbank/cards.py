"""Check every card's front matter against its schema, the vocabulary and the bibliography."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from vidensbank import markdown, memo, schemas
from vidensbank.bibliography import Bibliography
from vidensbank.content import Content, Page
from vidensbank.problems import Problem, Severity
from vidensbank.schemas import Schemas
from vidensbank.suggest import hint_for
from vidensbank.vocabulary import Vocabulary

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!]")
REVIEW_MONTHS = 24


@dataclass
class CardCheck:
    content: Content
    schemas: Schemas
    vocabulary: Vocabulary
    bibliography: Bibliography
    today: date

    def card_type(self, page: Page) -> schemas.CardType | None:
        """The card type of a page that lives directly in a card folder (not its index)."""
        if page.is_index or PurePosixPath(page.src).parent != PurePosixPath(page.section):
            return None
        return self.schemas.by_folder(page.section)

    def cards(self) -> Iterator[tuple[Page, schemas.CardType]]:
        """Every published card with its type (drafts are checked, not published)."""
        for page in self.content.published:
            card_type = self.card_type(page)
            if card_type:
                yield page, card_type

    def run(self) -> list[Problem]:
        problems: list[Problem] = []
        validator = schemas.CardValidator(self.schemas, self.lookups())
        self._world = self._fingerprint()
        for page in self.content.pages:
            card_type = self.card_type(page)
            problems.extend(_markup(page))
            if card_type is None:
                problems.extend(self._misplaced(page))
                continue
            problems.extend(self._schema(page, card_type, validator))
            problems.extend(self._dates(page))
            problems.extend(page.leftover_guidance())
            if page.is_draft:
                problems.append(page.problem(("draft",), "kortet er en kladde og bliver ikke "
                                             "udgivet", "slet 'draft: true', når kortet er "
                                             "færdigt og gennemgået", key=True,
                                             severity=Severity.WARNING))
        return problems

    def lookups(self) -> schemas.Lookups:
        slugs = {(p.section, p.slug) for p, _ in self.cards()}

        def terms(name: str) -> dict[str, Any] | None:
            found = self.vocabulary.get(name)
            return found.terms if found else None

        def exists(folder: str, reference: str) -> bool:
            if folder == "*":
                return tuple(reference.split("/", 1)) in slugs
            return (folder, reference) in slugs

        def choices(folder: str) -> list[str]:
            if folder == "*":
                return [f"{section}/{slug}" for section, slug in slugs]
            return [slug for section, slug in slugs if section == folder]

        drafts = {(p.section, p.slug) for p in self.content.pages if p.is_draft}

        def is_draft(folder: str, reference: str) -> bool:
            parts = tuple(reference.split("/", 1)) if folder == "*" else (folder, reference)
            return parts in drafts

        return schemas.Lookups(terms, set(self.bibliography.keys), exists, choices, is_draft)

    def _misplaced(self, page: Page) -> list[Problem]:
        card_type = self.schemas.types.get(str(page.meta.get("type")))
        if card_type is None:
            return []
        return [page.problem(("type",), f"et kort af typen '{card_type.name}' ligger uden for "
                             f"docs/{card_type.folder}/",
                             f"flyt filen til docs/{card_type.folder}/")]

    def _schema(self, page: Page, card_type: schemas.CardType,
                validator: schemas.CardValidator) -> list[Problem]:
        declared = page.meta.get("type")
        if declared is not None and str(declared) not in self.schemas.types:
            return [page.problem(("type",), f"ukendt korttype '{declared}'",
                                 hint_for(str(declared), self.schemas.types,
                                          f"skriv 'type: {card_type.name}'"))]
        data = _as_lists(page.meta, self.schemas.properties(card_type))
        problems = []
        for error in self._validated(validator, card_type, data):
            # A draft may be unfinished; anything it already says must still be right.
            severity = Severity.WARNING if page.is_draft and error.incomplete else Severity.ERROR
            message = f"kladde: {error.message}" if severity is Severity.WARNING else error.message
            if error.at_end:
                problems.append(Problem(page.shown, page.doc.end_line, message, error.hint,
                                        severity=severity))
            else:
                problems.append(page.problem(error.path, message, error.hint, key=error.key,
                                             severity=severity))
        return problems

    def _fingerprint(self) -> str:
        """Everything a card's validation depends on besides the card itself: the schemas, the
        term lists, the bibliography's keys and which cards and drafts exist."""
        world = (
            [(name, card_type.schema) for name, card_type in sorted(self.schemas.types.items())],
            [(name, sorted(terms.terms)) for name, terms in sorted(self.vocabulary.lists.items())],
            sorted(self.bibliography.keys),
            sorted((p.section, p.slug, p.is_draft) for p in self.content.pages),
        )
        return hashlib.blake2b(repr(world).encode("utf-8"), digest_size=16).hexdigest()

    def _validated(self, validator: schemas.CardValidator, card_type: schemas.CardType,
                   data: dict[str, Any]) -> list[schemas.FieldError]:
        """The schema's errors for a card; every build checks the bank again (`mkdocs serve` after
        every save), and an unchanged card in an unchanged world gives the same errors."""
        return memo.get("card-schema", memo.digest(self._world, card_type.name, data),
                        lambda: validator.errors(card_type, data))

    def _dates(self, page: Page) -> list[Problem]:
        added, reviewed = page.date_of("added"), page.date_of("reviewed")
        if added and reviewed and reviewed < added:
            return [page.problem(("reviewed",), "'reviewed' ligger før 'added'",
                                 "ret datoen for seneste gennemgang")]
        if reviewed and months_between(reviewed, self.today) >= REVIEW_MONTHS:
            return [page.problem(("reviewed",), f"kortet er ikke gennemgået i "
                                 f"{REVIEW_MONTHS} måneder", "gennemgå kortet og opdatér "
                                 "'reviewed'", severity=Severity.WARNING)]
        return []


def _as_lists(meta: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """A single term where the schema wants a list counts as a one-item list."""
    return {
        key: [value] if isinstance(value, str) and properties.get(key, {}).get("type") == "array"
        else value
        for key, value in meta.items()
    }


def _markup(page: Page) -> Iterator[Problem]:
    for path, value in _strings(page.meta, ()):
        if _HTML.search(value):
            yield page.problem(path, "front matter må ikke indeholde HTML",
                               "skriv almindelig tekst uden < og >; formatering hører til i "
                               "brødteksten")


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def front_matter_strings(page: Page) -> Iterator[tuple[tuple, str]]:
    """Every text value in a page's front matter, with its path."""
    return _strings(page.meta, ())


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def cited_keys(page: Page) -> Iterator[tuple[tuple | None, int, int, markdown.Citation
                                         | markdown.BadCitation]]:
    """Citations in a page: in the body (path None, file line/column) and in front-matter text."""
    for citation in markdown.citations(page.body):
        yield None, page.doc.body_line + citation.line, citation.column + 1, citation
    for path, value in _strings(page.meta, ()):
        for citation in markdown.citations(value):
            line, column = page.doc.line_of(path)
            yield path, line, column, citation
