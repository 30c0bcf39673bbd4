"""The cards as data: their facets (target groups, activities, ...) for maps, lists and filters.

Everything here is derived from front matter, once per build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from vidensbank import memo
from vidensbank.content import Page
from vidensbank.schemas import CardType
from vidensbank.vocabulary import TermList, Vocabulary


@dataclass(frozen=True)
class Facet:
    """A front-matter field cards are grouped and filtered by."""

    field: str  # front-matter field
    vocabulary: str  # list in vocabulary.yaml
    folder: str | None  # URL folder of its term pages, if it has them
    plural: str  # Danish heading for the facet as a whole


FACETS = (
    Facet("target_groups", "target_groups", "maalgrupper", "Målgrupper"),
    Facet("employment_situation", "employment_situation", "situation",
          "Situation på arbejdsmarkedet"),
    Facet("activities", "activities", "aktiviteter", "Aktiviteter"),
    Facet("outcomes", "outcomes", "udbytte", "Udbytte"),
    Facet("sectors", "sectors", None, "Fagområder"),
    Facet("evidence", "evidence", None, "Evidensniveau"),
    Facet("country", "countries", None, "Land"),
)
BY_FIELD = {facet.field: facet for facet in FACETS}
# Research and examples say what was tried for whom; they make up the map.
MAP_TYPES = ("forskning", "eksempel")


@dataclass(frozen=True, eq=False)
class Card:
    page: Page
    type: CardType
    terms: dict[str, tuple[str, ...]]  # facet field -> term ids

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def summary(self) -> str:
        return str(self.page.meta.get("summary") or "").strip()

    @cached_property
    def sort_title(self) -> str:
        """The title as lists sort it (case-insensitive)."""
        return self.title.casefold()

    @property
    def answer_summary(self) -> str:
        """A question page's short answer; another card's summary stands in for it."""
        return " ".join(str(self.page.meta.get("answer_summary") or "").split()) or self.summary

    @property
    def evidence(self) -> str | None:
        levels = self.terms.get("evidence")
        return levels[0] if levels else None

    def has(self, facet: str, term: str) -> bool:
        return term in self.terms.get(facet, ())

    @cached_property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every (facet, term) of the card, for comparing cards."""
        return frozenset((facet, term) for facet, terms in self.terms.items() for term in terms)


@dataclass
class Catalogue:
    cards: list[Card]
    vocabulary: Vocabulary
    _postings: dict[tuple[str, str], list[Card]] = field(default_factory=dict, repr=False)
    _by_src: dict[str, Card] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_src = {card.page.src: card for card in self.cards}
        postings: dict[tuple[str, str], list[Card]] = defaultdict(list)
        for card in self.cards:
            for facet, terms in card.terms.items():
                for term in terms:
                    postings[(facet, term)].append(card)
        self._postings = dict(postings)

    def card(self, src: str) -> Card | None:
        return self._by_src.get(src)

    @cached_property
    def digest(self) -> bytes:
        """Of every card's place and front matter and the term lists: what anything drawn from
        more than one card (lists, related cards) depends on."""
        return memo.digest([(card.page.src, card.page.meta) for card in self.cards],
                           sorted(self.vocabulary.lists.items()))

    @cached_property
    def _questions(self) -> dict[str, list[Card]]:
        """Card source path -> the question pages that draw on it (their ``cards`` field)."""
        found: dict[str, list[Card]] = defaultdict(list)
        for card in self.cards:
            drawn = card.page.meta.get("cards") if card.type.name == "tema" else None
            for name in drawn if isinstance(drawn, list) else []:
                found[f"{name}.md"].append(card)
        return dict(found)

    def questions_on(self, card: Card) -> list[Card]:
        """The question pages that draw on this card, by title."""
        return sorted(self._questions.get(card.page.src, []), key=lambda q: q.title.casefold())

    def in_section(self, folder: str) -> list[Card]:
        return [c for c in self.cards if c.type.folder == folder]

    def with_term(self, facet: str, term: str, types: tuple[str, ...] = ()) -> list[Card]:
        cards = self._postings.get((facet, term), [])
        return [c for c in cards if not types or c.type.name in types]

    def rank(self, evidence: str | None) -> int:
        """0 for the strongest evidence level; unknown levels rank last."""
        levels = self.terms("evidence")
        return levels.index(evidence) if evidence in levels else len(levels)

    def evidence_order(self, card: Card) -> tuple[int, str]:
        """Sort key for every list of cards: strongest evidence first, then by title."""
        return self.rank(card.evidence), card.title.casefold()

    def strongest(self, cards: list[Card]) -> str | None:
        levels = [c.evidence for c in cards if c.evidence]
        return min(levels, key=self.rank) if levels else None

    def term_list(self, facet: str) -> TermList | None:
        """The vocabulary list a facet's terms come from (None if vocabulary.yaml lacks it)."""
        return self.vocabulary.get(BY_FIELD[facet].vocabulary)

    def label(self, facet: str, term: str) -> str:
        terms = self.term_list(facet)
        return terms.label_of(term) if terms else term

    def definition(self, facet: str, term: str) -> str:
        """The term's definition from vocabulary.yaml ('' for a term it lacks)."""
        terms = self.term_list(facet)
        found = terms.terms.get(term) if terms else None
        return found.definition if found else ""

    def terms(self, facet: str) -> list[str]:
        """The facet's term ids in file order (for evidence: strongest first)."""
        terms = self.term_list(facet)
        return list(terms.terms) if terms else []


def build(cards: list[tuple[Page, CardType]], vocabulary: Vocabulary) -> Catalogue:
    return Catalogue([Card(page, card_type, _terms(page.meta)) for page, card_type in cards],
                     vocabulary)


def _terms(meta: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    terms = {facet.field: _as_tuple(meta.get(facet.field)) for facet in FACETS}
    # A tool or method is listed under the activities and outcomes it suits.
    suitable = meta.get("suitable_for") if isinstance(meta.get("suitable_for"), dict) else {}
    for name in ("activities", "outcomes"):
        extra = [t for t in _as_tuple(suitable.get(name)) if t not in terms[name]]
        terms[name] = terms[name] + tuple(extra)
    return {name: values for name, values in terms.items() if values}


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    return tuple(str(v) for v in values)
