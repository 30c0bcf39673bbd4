"""``vidensbank check``: every rule the content must satisfy before it can be published."""

from __future__ import annotations

import hashlib
from datetime import date

import yaml

from vidensbank import (
    bibfile,
    evidencerule,
    extractions,
    generated,
    memo,
    news,
    permalinks,
    provenance,
    readability,
    references,
    schemas,
    structure,
)
from vidensbank.bank import Bank
from vidensbank.bibliography import MAIN_FILE
from vidensbank.content import Page
from vidensbank.problems import Problem, Severity, errors
from vidensbank.urls import page_url


def run(bank: Bank, today: date | None = None, *, bibliography_form: bool = True) -> list[Problem]:
    """All problems in the bank, sorted by file and line. ``bibliography_form=False`` skips the
    formatting warning for references.bib (a second full parse of it), which only contributors
    running the check need."""
    problems = [
        *bank.content.problems,
        *bank.vocabulary.problems,
        *bank.schemas.problems,
        *schemas.missing_vocabularies(bank.repo, bank.schemas, set(bank.vocabulary.lists)),
        *bank.bibliography.problems,
        *bank.cards(today).run(),
        *references.check(bank.content, bank.bibliography, bank.cited),
        *structure.check(bank.repo, bank.content, generated.sources(bank)),
        *news.check(bank.content),
        *permalinks.check(bank.repo, permalinks.load(bank.repo), current_urls(bank)),
        *(_bibliography_form(bank) if bibliography_form else []),
        *sources(bank),
    ]
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


EXEMPTIONS = "figure-exemptions.yaml"


def sources(bank: Bank) -> list[Problem]:
    """The provenance rules: every cited work has a valid extraction; every figure on a card is in
    the extraction of a work it cites; facts and evidence level follow the extractions; and the
    text is plain Danish."""
    cards = list(bank.cards().cards())
    cited = {key for page, _ in cards for key in bank.cited.get(page.src, set())}
    validator = schemas.DocumentValidator(bank.schemas, bank.cards().lookups(), extractions.SCHEMA)
    schema = bank.schemas.registry.get(extractions.SCHEMA)
    world = hashlib.blake2b(repr((
        schema.contents if schema else None,
        [(name, sorted(terms.terms)) for name, terms in sorted(bank.vocabulary.lists.items())],
        sorted(bank.bibliography.keys))).encode("utf-8"), digest_size=16).hexdigest()
    problems = extractions.check(bank.extractions, validator, set(bank.bibliography.keys), cited,
                                 world)
    years = {key: entry.fields.get("year", "") for key, entry in
             bank.bibliography.data.entries.items()}
    exempt = exemptions(bank)
    for page, _ in cards:
        keys = bank.cited.get(page.src, set())
        problems += memo.get(
            "sources", _card_key(page, keys, bank, exempt, years),
            lambda page=page, keys=keys: [
                *provenance.check(page, bank.extractions, years, exempt),
                *evidencerule.check(page, bank.extractions, keys),
                *readability.check(page, readability.of_card(page))])
    return problems


def _card_key(page: Page, keys: set[str], bank: Bank, exempt: list[str],
              years: dict[str, str]) -> bytes:
    """Everything a card's provenance problems depend on: an unchanged card whose works are
    unchanged has the same problems as in the last run."""
    works = sorted((k, years.get(k, ""), found.digest if (found := bank.extractions.get(k))
                    else "") for k in keys)
    return memo.digest(page.shown, page.doc.body_line, page.meta, page.body, works, exempt)


def exemptions(bank: Bank) -> list[str]:
    """Phrases whose digits are not figures (names such as 'Kultur på recept 2.0'), each with its
    reason in research/figure-exemptions.yaml."""
    path = bank.repo.research / EXEMPTIONS
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [str(item["phrase"]) for item in data if isinstance(item, dict) and item.get("phrase")]


def current_urls(bank: Bank) -> set[str]:
    """Every page URL the site publishes now, hand-written and generated."""
    pages = [p.src for p in bank.content.published]
    pages += [src for src in generated.sources(bank) if src.endswith(".md")]
    return {page_url(src) for src in pages}


def _bibliography_form(bank: Bank) -> list[Problem]:
    """A hand-edited references.bib still works, but its next automatic rewrite would show
    unrelated lines in a pull request; say so while the edit is fresh."""
    path = bank.repo.research / MAIN_FILE
    if errors(bank.bibliography.problems) or not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    if bibfile.is_canonical(text, bank.repo.relative(path)):
        return []
    return [Problem(bank.repo.relative(path), 1, "filen står ikke i fast form (sorteret efter "
                    "nøgle, felter i fast rækkefølge)", "kør '.venv/bin/vidensbank ref format'",
                    severity=Severity.WARNING)]
