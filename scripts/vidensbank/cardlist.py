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
    text = card.answer_summary  # a question's short answer; any other card's summary
    summary = f'<span class="vb-summary">{escape(text)}</span>' if text else ""
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


def compact_listing(cards: list[Card], catalogue: Catalogue, from_url: str,
                    empty: str = "Ingen kort endnu.", with_type: bool = False) -> str:
    """One line a card: title, its type if asked, and evidence level — for long lists where
    the card's own page gives the summary."""
    if not cards:
        return f'<p class="vb-empty">{escape(empty)}</p>'
    ordered = sorted(cards, key=catalogue.evidence_order)
    items = "".join(
        f'<li><a href="{relative_url(from_url, card.url)}">{escape(card.title)}</a>'
        + (f' <span class="vb-kind">({escape(card.type.label.lower())})</span>' if with_type
           else "")
        + (f" — {escape(catalogue.label('evidence', card.evidence))}"
           if card.evidence and not with_type else "")
        + "</li>"
        for card in ordered
    )
    return f'<ul class="vb-compact" data-search-exclude>{items}</ul>'


def short_title(card: Card) -> str:
    """'WHO-5' from 'WHO-5 – trivselsindeks': the name before a title's dash."""
    for dash in (" – ", " — ", " - "):
        if dash in card.title:
            return card.title.split(dash, 1)[0]
    return card.title


def inline_listing(cards: list[Card], from_url: str, empty: str = "Ingen kort endnu.") -> str:
    """Card names on a line, alphabetically, for a list of cards a page only points to."""
    if not cards:
        return f'<p class="vb-empty">{escape(empty)}</p>'
    ordered = sorted(cards, key=lambda card: short_title(card).casefold())
    items = "".join(f'<li><a href="{relative_url(from_url, card.url)}" '
                    f'title="{escape(card.title, quote=True)}">{escape(short_title(card))}</a></li>'
                    for card in ordered)
    return f'<ul class="vb-inline" data-search-exclude>{items}</ul>'
