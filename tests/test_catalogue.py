"""The catalogue's shared rules, on cards built in memory: related cards, evidence order and the
vocabulary a facet or a schema field draws its terms from.

The site-level tests (test_whatworks.py) use four test cards that all tie; here the numbers of
shared terms differ on purpose, so ranking and the cut can be seen.
"""

from __future__ import annotations

import re

from vidensbank import cardfilter, cardlist, related
from vidensbank.catalogue import Card, Catalogue
from vidensbank.content import Page
from vidensbank.frontmatter import Document
from vidensbank.schemas import CardType
from vidensbank.vocabulary import Term, TermList, Vocabulary

RESEARCH = CardType("forskning", "forskning", "Forskningsresumé", "forskning.schema.json", {})
LEVELS = {level: Term(level, level.capitalize(), f"Definition af {level}")
          for level in ("hoej", "moderat", "lav")}  # strongest first, as in vocabulary.yaml
VOCABULARY = Vocabulary({"evidence": TermList("evidence", "Evidensniveau", LEVELS)})


def card(name: str, title: str, **terms: list[str]) -> Card:
    page = Page(f"forskning/{name}.md", f"docs/forskning/{name}.md",
                Document({"title": title}, "", 1))
    return Card(page, RESEARCH, {facet: tuple(values) for facet, values in terms.items()})


def test_related_cards_are_ranked_by_shared_terms_and_cut_at_five() -> None:
    groups, activities, outcomes = ["g1", "g2", "g3"], ["a1", "a2"], ["o1"]
    me = card("mig", "Mig", target_groups=groups, activities=activities, outcomes=outcomes)
    mine = [("target_groups", t) for t in groups] + [("activities", t) for t in activities] \
        + [("outcomes", t) for t in outcomes]
    # 'Kort 1' shares one term ... 'Kort 6' all six: by title alone the weakest would come first.
    others = []
    for shared in range(1, 7):
        terms: dict[str, list[str]] = {}
        for facet, term in mine[:shared]:
            terms.setdefault(facet, []).append(term)
        others.append(card(f"kort-{shared}", f"Kort {shared}", **terms))
    unrelated = card("andet", "Andet kort", target_groups=["g9"], sectors=["g1"])
    catalogue = Catalogue([me, *others, unrelated], Vocabulary())

    assert [c.title for c in related.related(me, catalogue)] == [
        "Kort 6", "Kort 5", "Kort 4", "Kort 3", "Kort 2"]


def test_related_cards_with_equal_scores_are_ordered_by_title() -> None:
    me = card("mig", "Mig", outcomes=["o1"])
    catalogue = Catalogue([me, card("b", "beta", outcomes=["o1"]),
                           card("a", "Alfa", outcomes=["o1"])], Vocabulary())
    assert [c.title for c in related.related(me, catalogue)] == ["Alfa", "beta"]


def evidence_cards() -> list[Card]:
    return [card("x", "Uden niveau"), card("y", "b lav", evidence=["lav"]),
            card("z", "Ukendt niveau", evidence=["findes-ikke"]),
            card("w", "A lav", evidence=["lav"]), card("v", "Høj", evidence=["hoej"])]


def test_every_list_orders_cards_strongest_evidence_first_then_by_title() -> None:
    catalogue = Catalogue(evidence_cards(), VOCABULARY)
    # No level and a level the rubric lacks both come last, by title.
    expected = ["Høj", "A lav", "b lav", "Uden niveau", "Ukendt niveau"]
    assert [c.title for c in sorted(catalogue.cards, key=catalogue.evidence_order)] == expected

    def titles(html: str) -> list[str]:
        # The first link of each item is the card's; an evidence badge may follow it.
        return re.findall(r'<li[^>]*><a (?:class="vb-card-title" )?href="[^"]*">([^<]+)</a>', html)

    assert titles(cardlist.listing(catalogue.cards, catalogue, "")) == expected
    assert titles(cardlist.compact_listing(catalogue.cards, catalogue, "")) == expected
    assert titles(cardfilter.page(catalogue, _NoSchemas())) == expected


class _NoSchemas:
    types: dict[str, CardType] = {}


def test_a_facet_reads_labels_terms_and_definitions_from_its_vocabulary_list() -> None:
    catalogue = Catalogue(evidence_cards(), VOCABULARY)
    assert catalogue.term_list("evidence") is VOCABULARY["evidence"]
    assert catalogue.terms("evidence") == ["hoej", "moderat", "lav"]
    assert catalogue.label("evidence", "hoej") == "Hoej"
    assert catalogue.definition("evidence", "moderat") == "Definition af moderat"
    # A term or list the vocabulary lacks is shown as its id, never a crash.
    assert catalogue.label("evidence", "findes-ikke") == "findes-ikke"
    assert catalogue.definition("evidence", "findes-ikke") == ""
    empty = Catalogue([], Vocabulary())
    assert empty.term_list("evidence") is None and empty.terms("evidence") == []
    assert empty.rank("hoej") == 0 and empty.label("outcomes", "o1") == "o1"


def test_a_schema_field_names_its_vocabulary_directly_or_through_its_items() -> None:
    assert VOCABULARY.list_for({"x-vocabulary": "evidence"}) is VOCABULARY["evidence"]
    assert VOCABULARY.list_for({"type": "array", "items": {"x-vocabulary": "evidence"}}) \
        is VOCABULARY["evidence"]
    assert VOCABULARY.list_for({"x-vocabulary": "findes-ikke"}) is None
    assert VOCABULARY.list_for({"type": "string"}) is None
    assert VOCABULARY.list_for({"type": "array", "items": [{"type": "string"}]}) is None
