"""Where the generated pages live inside docs/ (they exist only in the build)."""

from __future__ import annotations

from vidensbank.urls import page_url

WHAT_WORKS = "hvad-virker/index.md"
RUBRIC = "hvad-virker/evidensniveauer.md"
FIELDS = "bidrag/felter.md"
GUIDE = "bidrag/vejledning.md"  # CONTRIBUTING.md, so the repository and the site say the same
REVIEW = "bidrag/gennemgang.md"  # the cards due for review
BIBLIOGRAPHY = "litteratur/index.md"
BIBTEX = "litteratur/references.bib"
CARDS = "kort/index.md"
CARD_INDEX = "kort/kort.json"
OPEN_DATA = "data/index.md"  # the open data: data/kort.json and data/studier.csv beside it

RUBRIC_URL = page_url(RUBRIC)
CARDS_URL = page_url(CARDS)


def facet_page(folder: str, term: str | None = None) -> str:
    """Source of a facet's overview page, or of one term's page: 'maalgrupper/stress.md'."""
    return f"{folder}/{term}.md" if term else f"{folder}/index.md"
