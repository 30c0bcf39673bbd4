"""'Relaterede kort': other cards sharing target groups, activities or outcomes with a card."""

from __future__ import annotations

import heapq

from vidensbank import memo
from vidensbank.cardlist import listing
from vidensbank.catalogue import Card, Catalogue
from vidensbank.rawhtml import Raw, verbatim

SHARED = ("target_groups", "activities", "outcomes")
MAX = 5
CANDIDATES = 300


def related(card: Card, catalogue: Catalogue) -> list[Card]:
    """The cards sharing most terms with ``card``, best first (ties: by title).

    Candidates come from the card's rarest terms first and stop at ``CANDIDATES``, so the cost
    per card stays bounded as the bank grows (a term most cards share says little anyway).
    """
    terms = [(facet, term) for facet in SHARED for term in card.terms.get(facet, ())]
    terms.sort(key=lambda ft: len(catalogue.with_term(*ft)))
    candidates: dict[str, Card] = {}
    for facet, term in terms:
        for other in catalogue.with_term(facet, term):
            if len(candidates) >= CANDIDATES:
                break
            if other is not card:
                candidates.setdefault(other.page.src, other)
    mine = frozenset(terms)
    # Only the best few are kept, so no need to sort every candidate.
    return heapq.nsmallest(MAX, candidates.values(),
                           key=lambda other: (-len(mine & other.pairs), other.sort_title))


def section(card: Card, catalogue: Catalogue, raw: Raw = verbatim) -> str:
    """The question pages that draw on the card first (they answer what it is part of), then
    the cards most like it. Remembered between builds until a card or term list changes."""
    html = memo.get("related", (catalogue.digest, card.page.src),
                    lambda: _listing(card, catalogue))
    if not html:
        return ""
    # Out of search: the section is only a list of other cards, each found on its own page.
    return "## Relaterede kort { #relaterede-kort data-search-exclude }\n" + raw(html)


def _listing(card: Card, catalogue: Catalogue) -> str:
    questions = catalogue.questions_on(card)
    cards = questions + [c for c in related(card, catalogue) if c not in questions]
    return listing(cards, catalogue, card.url, keep_order=True) if cards else ""
