"""Everything the site is built from, loaded once: pages, vocabulary, schemas, bibliography."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vidensbank import bibliography, content, schemas, vocabulary
from vidensbank.cards import CardCheck
from vidensbank.repo import Repo


@dataclass
class Bank:
    repo: Repo
    content: content.Content
    vocabulary: vocabulary.Vocabulary
    schemas: schemas.Schemas
    bibliography: bibliography.Bibliography

    def cards(self, today: date | None = None) -> CardCheck:
        return CardCheck(self.content, self.schemas, self.vocabulary, self.bibliography,
                         today or date.today())


def load(repo: Repo) -> Bank:
    return Bank(
        repo,
        content.load(repo),
        vocabulary.load(repo),
        schemas.load(repo),
        bibliography.load(repo),
    )
