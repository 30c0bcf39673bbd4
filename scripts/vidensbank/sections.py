"""Generated lists of the cards in a section, so no index page is maintained by hand."""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

from vidensbank.content import Content, Page

EMPTY = "*Der er endnu ingen kort i dette afsnit.*"


def card_list(index: Page, loaded: Content) -> str:
    """Markdown list of the cards beside a section's index page: title (link) and summary."""
    cards = loaded.cards_in(index.section)
    if not cards:
        return EMPTY
    folder = PurePosixPath(index.src).parent
    return "\n".join(_item(card, folder) for card in cards)


def _item(card: Page, folder: PurePosixPath) -> str:
    link = PurePosixPath(card.src).relative_to(folder).as_posix()
    # Front matter is contributor text: escape it so it can never inject markup.
    line = f"- [{escape(card.title)}]({link})"
    summary = card.meta.get("summary")
    return f"{line} — {escape(str(summary).strip())}" if summary else line
