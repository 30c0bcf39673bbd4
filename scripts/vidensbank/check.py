"""``vidensbank check``: every rule the content must satisfy before it can be published."""

from __future__ import annotations

from datetime import date

from vidensbank import bibfile, generated, news, permalinks, references, schemas, structure
from vidensbank.bank import Bank
from vidensbank.bibliography import MAIN_FILE
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
    ]
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


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
