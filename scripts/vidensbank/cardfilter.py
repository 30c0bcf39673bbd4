"""/kort/: every card in one list, filterable by facet; and the JSON index the filter reads.

Without JavaScript the page is a plain list of all cards, with a note saying so and linking the
pages that sort the cards without a script; what only works with the script (the filters and
how to use them) carries the class ``vb-js-only``, which the page's head hides when scripting is
off. With it, a small first-party script (docs/assets/javascripts/kortfilter.js) shows the filters
in the space kept for them and hides the cards that do not match.
"""

from __future__ import annotations

import json
from html import escape

from vidensbank import paths
from vidensbank.cardlist import item
from vidensbank.catalogue import FACETS, Card, Catalogue
from vidensbank.rawhtml import Raw, verbatim
from vidensbank.schemas import Schemas
from vidensbank.urls import page_url, relative_url

TYPE = "type"  # the filter on card type, beside the facets


def index(catalogue: Catalogue) -> str:
    """The JSON index: one record per card with its URL (relative to /kort/) and facet terms."""
    records = [
        {"id": card.page.src.removesuffix(".md"), "url": card.url, "title": card.title,
         "type": card.type.name, "summary": card.summary,
         **{facet: list(terms) for facet, terms in card.terms.items()}}
        for card in _ordered(catalogue)
    ]
    return json.dumps({"facets": [TYPE, *(f.field for f in FACETS)], "cards": records},
                      ensure_ascii=False, separators=(",", ":"))


def _ordered(catalogue: Catalogue) -> list[Card]:
    return sorted(catalogue.cards, key=lambda c: (c.type.schema.get("x-order", 99),
                                                  *catalogue.evidence_order(c)))


def page(catalogue: Catalogue, schemas: Schemas, raw: Raw = verbatim) -> str:
    here = paths.CARDS_URL
    cards = _ordered(catalogue)
    items = "".join(item(card, catalogue, here, f' data-id="{escape(card.page.src[:-3])}"')
                    for card in cards)
    fieldsets = [_fieldset(TYPE, "Type", [(t.name, t.label) for t in schemas.types.values()],
                           {t: sum(c.type.name == t for c in cards) for t in schemas.types})]
    for facet in FACETS:
        terms = [(t, catalogue.label(facet.field, t)) for t in catalogue.terms(facet.field)]
        counts = {t: len(catalogue.with_term(facet.field, t)) for t, _ in terms}
        fieldsets.append(_fieldset(facet.field, facet.plural, terms, counts))
    return "\n".join([
        "---",
        "title: Alle kort",
        "summary: Alle forskningsresuméer, værktøjer, eksempler og spørgsmål i vidensbanken — "
        "filtrér efter målgruppe, aktivitet, udbytte og evidens.",
        "---",
        "",
        "# Alle kort",
        "",
        "Her er alle kort i vidensbanken.",
        "",
        raw('<p class="vb-js-only">Vælg filtre for at finde fx forskning om borgere med stress '
            "på sygedagpenge. Inden for samme filter vises kort, der har mindst ét af de valgte; "
            "på tværs af filtrene vises kun kort, der passer til dem alle. Adressen husker dine "
            f"valg, så du kan dele den.</p>{_without_javascript(here)}"
            # "Vis kort" sends the choices to this page as the query string the script reads (a
            # plain GET); the script instead filters on every change and takes the visitor to
            # the list without a reload.
            f'<form class="vb-filters vb-js-only" method="get" '
            f'data-index="{escape(paths.CARD_INDEX.split("/")[-1])}" '
            f'aria-label="Filtrér kortene" hidden>{"".join(fieldsets)}'
            '<button type="submit" class="md-button">Vis kort</button> '
            '<button type="reset" class="md-button">Nulstil filtre</button></form>'
            f'<p id="vb-count" class="vb-count" role="status">Viser alle {len(cards)} kort.</p>'
            f'<ul class="vb-cards" id="vb-card-list" data-search-exclude>{items}</ul>'),
    ])


def _without_javascript(here: str) -> str:
    """What a visitor without JavaScript gets instead of the filters (and why a shared filter
    link shows every card): the pages that sort the cards without a script."""
    pages = [(paths.WHAT_WORKS, "Hvad virker for hvem")]
    pages += [(paths.facet_page(f.folder), f.plural) for f in FACETS if f.folder]
    links = [f'<a href="{relative_url(here, page_url(src))}">{escape(name)}</a>'
             for src, name in pages]
    listed = ", ".join(links[:-1]) + " og " + links[-1]
    return ('<noscript><p class="vb-noscript">Filtrene kræver JavaScript, som er slået fra i din '
            "browser. Derfor viser listen nedenfor alle kort, også hvis du har fået et link med "
            "valgte filtre. Uden JavaScript kan du finde kortene om et bestemt emne på siderne "
            f"{listed}.</p></noscript>")


def _fieldset(name: str, legend: str, terms: list[tuple[str, str]],
              counts: dict[str, int]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{escape(term, quote=True)}"> '
        f"{escape(label)} <span class=\"vb-term-count\">({counts.get(term, 0)})</span></label>"
        for term, label in terms if counts.get(term, 0)
    )
    if not boxes:
        return ""
    return (f'<details class="vb-facet"><summary>{escape(legend)}</summary>'
            f"<fieldset><legend>{escape(legend)}</legend>{boxes}</fieldset></details>")
