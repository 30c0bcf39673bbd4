"""'Relaterede kort': other cards sharing target groups, activities or outcomes with a card."""

from __future__ import annotations

from collections import Counter

from vidensbank.cardlist import listing
from vidensbank.catalogue import Card, Catalogue

SHARED = ("target_groups", "activities", "outcomes")
MAX = 5


def related(card: Card, catalogue: Catalogue) -> list[Card]:
    """The cards sharing most terms with ``card``, best first (ties: by title)."""
    scores: Counter[str] = Counter()
    by_src: dict[str, Card] = {}
    for facet in SHARED:
        for term in card.terms.get(facet, ()):
            for other in catalogue.with_term(facet, term):
                if other is not card:
                    scores[other.page.src] += 1
                    by_src[other.page.src] = other
    ranked = sorted(scores, key=lambda src: (-scores[src], by_src[src].title.casefold()))
    return [by_src[src] for src in ranked[:MAX]]


def section(card: Card, catalogue: Catalogue) -> str:
    cards = related(card, catalogue)
    if not cards:
        return ""
    return f"## Relaterede kort\n\n{listing(cards, catalogue, card.url, keep_order=True)}\n"
