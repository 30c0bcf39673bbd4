"""Side-by-side tables generated from front matter: the measurement tools on /metoder/ and the
programmes on /eksempler/. Nothing in them is written by hand."""

from __future__ import annotations

from html import escape

from vidensbank.cardlist import short_title
from vidensbank.cardview import NOT_STATED, dose_text
from vidensbank.catalogue import Card, Catalogue
from vidensbank.urls import relative_url

NOT_STATED_TEXT = "ikke oplyst"


def tools_table(catalogue: Catalogue, here: str) -> str:
    """One row per measurement tool (kind: instrument), by name."""
    tools = sorted((c for c in catalogue.in_section("metoder")
                    if c.page.meta.get("kind") == "instrument"),
                   key=lambda card: card.title.casefold())
    head = ("Værktøj", "Måler", "Spørgsmål", "Point", "Tid", "Dansk version", "Licens",
            "Passer til udbytte")
    rows = [[_link(card, here, short=True), _text(meta.get("measures")), _text(meta.get("items")),
             _text(meta.get("score_range")), _text(meta.get("time_to_complete")),
             _term(catalogue, "danish_version", _sub(meta.get("danish_version"), "status")),
             _term(catalogue, "licences", _sub(meta.get("licence"), "type")),
             ", ".join(escape(catalogue.label("outcomes", o))
                       for o in _suits(meta, "outcomes")) or NOT_STATED_TEXT]
            for card in tools for meta in [card.page.meta]]
    return _table("Måleværktøjerne side om side", head, rows) + _questions(catalogue, tools, here)


def examples_table(catalogue: Catalogue, here: str) -> str:
    """One row per example programme, by title."""
    examples = sorted(catalogue.in_section("eksempler"), key=lambda card: card.title.casefold())
    head = ("Eksempel", "By eller område", "Henvisning", "Hvem kan deltage", "Omfang", "Hold",
            "Ledes af", "Pris", "Status", "Evidens")
    rows = [[_link(card, here), _text(meta.get("place")),
             _terms(catalogue, "referrals", meta.get("referral")),
             _text(meta.get("criteria")), escape(dose_text(meta.get("dose"))) or NOT_STATED_TEXT,
             _text(meta.get("group_size")), _text(meta.get("led_by")), _text(meta.get("cost")),
             _term(catalogue, "statuses", meta.get("status")),
             _term(catalogue, "evidence", meta.get("evidence"))]
            for card in examples for meta in [card.page.meta]]
    return _table("Eksemplerne side om side", head, rows)


def _questions(catalogue: Catalogue, tools: list[Card], here: str) -> str:
    """The question pages that draw on the tools, e.g. which measure to choose."""
    found = {q.url: q for tool in tools for q in catalogue.questions_on(tool)}
    if not found:
        return ""
    links = "".join(f"<li>{_link(q, here)}</li>"
                    for q in sorted(found.values(), key=lambda q: q.title.casefold()))
    return f'<p>Spørgsmål og svar om at vælge og bruge værktøjerne:</p><ul>{links}</ul>'


def _table(caption: str, head: tuple[str, ...], rows: list[list[str]]) -> str:
    header = "".join(f'<th scope="col">{escape(name)}</th>' for name in head)
    body = "".join("<tr>" + f'<th scope="row">{row[0]}</th>'
                   + "".join(f"<td>{cell}</td>" for cell in row[1:]) + "</tr>" for row in rows)
    # No class: Material styles the table and vidensbank.accessible puts it in a named box.
    return (f'<table><caption>{escape(caption)}</caption>'
            f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")


def _link(card: Card, here: str, short: bool = False) -> str:
    name = short_title(card) if short else card.title
    return f'<a href="{relative_url(here, card.url)}">{escape(name)}</a>'


def _text(value: object) -> str:
    if value in (None, "") or str(value).strip() == NOT_STATED:
        return NOT_STATED_TEXT
    return escape(" ".join(str(value).split()))


def _sub(value: object, name: str) -> object:
    return value.get(name) if isinstance(value, dict) else None


def _suits(meta: dict, facet: str) -> list[str]:
    suitable = meta.get("suitable_for")
    values = suitable.get(facet) if isinstance(suitable, dict) else None
    return [str(v) for v in values] if isinstance(values, list) else []


def _term(catalogue: Catalogue, vocabulary: str, value: object) -> str:
    if value in (None, ""):
        return NOT_STATED_TEXT
    terms = catalogue.vocabulary.get(vocabulary)
    return escape(terms.label_of(str(value)) if terms else str(value))


def _terms(catalogue: Catalogue, vocabulary: str, values: object) -> str:
    if not isinstance(values, list) or not values:
        return NOT_STATED_TEXT
    return ", ".join(_term(catalogue, vocabulary, v) for v in values)
