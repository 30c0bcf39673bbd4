"""``vidensbank check``: every rule the content must satisfy before it can be published."""

from __future__ import annotations

from datetime import date

from vidensbank import generated, references, schemas, structure
from vidensbank.bank import Bank
from vidensbank.problems import Problem


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
    ]
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
