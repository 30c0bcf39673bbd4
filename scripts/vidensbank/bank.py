"""Everything the site is built from, loaded once: pages, vocabulary, schemas, bibliography."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from vidensbank import (
    apa,
    bibliography,
    catalogue,
    content,
    extractions,
    history,
    memo,
    references,
    schemas,
    vocabulary,
)
from vidensbank.cards import CardCheck
from vidensbank.repo import Repo


@dataclass
class Bank:
    repo: Repo
    content: content.Content
    vocabulary: vocabulary.Vocabulary
    schemas: schemas.Schemas
    bibliography: bibliography.Bibliography

    @cached_property
    def formatter(self) -> apa.Formatter:
        """Every entry formatted once, and again only when the bibliography changes; pages look
        their citations up here."""
        if not self.bibliography.digest:
            return apa.Formatter(self.bibliography.data)
        return memo.get("apa", self.bibliography.digest,
                        lambda: apa.Formatter(self.bibliography.data))

    @cached_property
    def cited(self) -> dict[str, set[str]]:
        """The works each page cites or names in its front matter, by page source."""
        return references.index(self.content)

    @cached_property
    def catalogue(self) -> catalogue.Catalogue:
        """The cards with their facets, for the map, facet pages, lists and filters."""
        return catalogue.build(list(self.cards().cards()), self.vocabulary)

    @cached_property
    def extractions(self) -> extractions.Extractions:
        """What was read in each cited work, and where (research/extractions/)."""
        return extractions.load(self.repo)

    @cached_property
    def history(self) -> history.History:
        """Every page's commits, from one pass over the git log per build (none without git)."""
        return history.load(self.repo.root)

    def cards(self, today: date | None = None) -> CardCheck:
        return CardCheck(self.content, self.schemas, self.vocabulary, self.bibliography,
                         today or date.today())


def load(repo: Repo) -> Bank:
    memo.open_for(repo.root)  # what earlier runs worked out for unchanged input
    return Bank(
        repo,
        content.load(repo),
        vocabulary.load(repo),
        schemas.load(repo),
        bibliography.load(repo),
    )
