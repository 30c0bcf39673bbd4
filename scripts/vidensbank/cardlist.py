"""One way to show a card in any list: title, type, evidence badge and summary."""

from __future__ import annotations

from html import escape

from vidensbank import paths
from vidensbank.catalogue import Card, Catalogue
from vidensbank.urls import relative_url


def evidence_badge(catalogue: Catalogue, level: str | None, from_url: str) -> str:
    """'Evidens: Moderat' as text (never colour alone), linking to the rubric."""
    if not level:
        return ""
    href = relative_url(from_url, f"{paths.RUBRIC_URL}#{level}")
    label = escape(catalogue.label("evidence", level))
    return (f'<a class="vb-badge vb-evidence vb-evidence-{escape(level, quote=True)}" '
            f'href="{href}">Evidens: {label}</a>')


def item(card: Card, catalogue: Catalogue, from_url: str, attributes: str = "") -> str:
    link = relative_url(from_url, card.url)
    badge = evidence_badge(catalogue, card.evidence, from_url)
    summary = f'<span class="vb-summary">{escape(card.summary)}</span>' if card.summary else ""
    return (
        f'<li class="vb-card"{attributes}><a class="vb-card-title" href="{link}">'
        f"{escape(card.title)}</a> "
        f'<span class="vb-badge vb-type">{escape(card.type.label)}</span>{badge}{summary}</li>'
    )


def listing(cards: list[Card], catalogue: Catalogue, from_url: str,
            empty: str = "Ingen kort endnu.", keep_order: bool = False) -> str:
    """A raw HTML list (one Markdown block), strongest evidence first unless ``keep_order``."""
    if not cards:
        return f'<p class="vb-empty">{escape(empty)}</p>'
    ordered = cards if keep_order else sorted(cards, key=catalogue.evidence_order)
    items = "".join(item(card, catalogue, from_url) for card in ordered)
    # Every card is in the search index on its own page; a list repeating its summary would make
    # each search return the card plus every overview that lists it (and double the index).
    return f'<ul class="vb-cards" data-search-exclude>{items}</ul>'


def compact_listing(cards: list[Card], catalogue: Catalogue, from_url: str) -> str:
    """One line a card: title and evidence level, for lists that repeat a fuller list above."""
    ordered = sorted(cards, key=catalogue.evidence_order)
    items = "".join(
        f'<li><a href="{relative_url(from_url, card.url)}">{escape(card.title)}</a>'
        + (f" — {escape(catalogue.label('evidence', card.evidence))}" if card.evidence else "")
        + "</li>"
        for card in ordered
    )
    return f'<ul class="vb-compact" data-search-exclude>{items}</ul>'
