"""``vidensbank check``: every rule the content must satisfy before it can be published."""

from __future__ import annotations

from datetime import date

from vidensbank import generated, news, permalinks, references, schemas, structure
from vidensbank.bank import Bank
from vidensbank.problems import Problem
from vidensbank.urls import page_url


def run(bank: Bank, today: date | None = None) -> list[Problem]:
    """All problems in the bank, sorted by file and line."""
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
    ]
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


def current_urls(bank: Bank) -> set[str]:
    """Every page URL the site publishes now, hand-written and generated."""
    pages = [p.src for p in bank.content.pages]
    pages += [src for src in generated.sources(bank) if src.endswith(".md")]
    return {page_url(src) for src in pages}
