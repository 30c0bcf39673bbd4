"""How each page is put together from front matter: the one place that orders a page's parts.

A site generator supplies the page's Markdown and a ``raw`` function for HTML blocks (see
rawhtml.py); everything else comes from the bank.
"""

from __future__ import annotations

import re
from pathlib import Path

from vidensbank import (
    cardlist,
    cardview,
    citing,
    comparison,
    content,
    frontmatter,
    generated,
    history,
    news,
    opendata,
    permalinks,
    previews,
    related,
    sharing,
    studyfacts,
    whatworks,
)
from vidensbank.bank import Bank
from vidensbank.extractions import Extraction
from vidensbank.rawhtml import Raw

# Section index pages that open with a generated table: front matter `compare: <name>`.
COMPARISONS = {
    "maalevaerktoejer": ("## Sammenlign måleværktøjerne {#sammenligning}", comparison.tools_table),
    "eksempler": ("## Sammenlign eksemplerne {#sammenligning}", comparison.examples_table),
}

DRAFT_NOTE = ('!!! warning "Kladde"\n    Kortet er en kladde og bliver ikke udgivet. Slet '
              "`draft: true` i filen, når det er færdigt og gennemgået.")


def outputs(bank: Bank, site: sharing.Site, raw: Raw,
            cache: Path) -> dict[str, str | Path]:
    """Every generated file by its path in the site: pages, feed, redirects and BibTeX as text;
    preview images as files in the cache (so a large bank's images are not held in memory)."""
    catalogue = bank.catalogue
    files: dict[str, str | Path] = {**generated.pages(bank, raw), **generated.files(bank)}
    levels = history.level_changes(catalogue.cards, bank.history, bank.vocabulary.get("evidence"))
    files[opendata.CARDS_JSON] = opendata.cards_json(bank, site.url)
    files[opendata.STUDIES_CSV] = opendata.studies_csv(bank, site.url)
    files[news.FEED] = news.feed(bank.content, catalogue, site.name, site.url, levels)
    files.update(permalinks.redirect_pages(permalinks.load(bank.repo), site.url))
    images = {sharing.SHARED_IMAGE: previews.Preview(site.name, site.description)}
    images.update({sharing.image_path(card.page): sharing.preview(card.page, card, catalogue, site)
                   for card in catalogue.cards})
    files.update(zip(images, previews.cached_all(list(images.values()), cache), strict=True))
    for card in catalogue.cards:
        files[generated.sources_file(card.page)] = generated.card_bibtex(
            bank, bank.cited[card.page.src])
    return files


def page_for(bank: Bank, src: str, meta: dict, markdown: str) -> tuple[content.Page, bool]:
    """The bank's page for ``src``, or one made from a generated page's own front matter."""
    loaded = bank.content.page(src)
    if loaded is not None:
        return loaded, False
    return content.Page(src, src, frontmatter.Document(meta, markdown, 1)), True


def head(bank: Bank, site: sharing.Site, page: content.Page) -> tuple[str, str]:
    """The page's description and the sharing tags for its head."""
    card = bank.catalogue.card(page.src)
    keys = bank.cited.get(page.src, set())
    return (sharing.description(page, site),
            sharing.head(page, card, bank.catalogue, site, bank.formatter, keys))


def body(bank: Bank, site: sharing.Site, page: content.Page, markdown: str, raw: Raw) -> str:
    """A hand-written page's Markdown with everything generated around it, in reading order:
    facts box, text, generated lists and map, references, changes, related cards, share and
    cite."""
    catalogue, keys = bank.catalogue, bank.cited[page.src]
    card = catalogue.card(page.src)
    markdown = with_title(markdown, page.title)
    if page.is_draft:  # only `mkdocs serve` shows drafts; say so on the page
        markdown = _after_heading(markdown, DRAFT_NOTE)
    if card:
        box = cardview.facts_box(page, card.type, bank.schemas, bank.vocabulary)
        markdown = _after_heading(markdown, raw(box))
    if page.meta.get("news_list"):
        markdown += raw(news.listing(bank.content, page.url))
    if page.meta.get("list_cards"):
        markdown += raw(cardlist.listing(catalogue.in_section(page.section), catalogue, page.url,
                                         empty="Der er endnu ingen kort i dette afsnit."))
    if page.meta.get("compare") in COMPARISONS:
        heading, table = COMPARISONS[page.meta["compare"]]
        markdown = _before_first_section(markdown, f"{heading}\n\n"
                                         + raw(table(catalogue, page.url)))
    if page.meta.get("evidence_map"):
        markdown += whatworks.evidence_map(catalogue, page.url, raw)
    if card and card.type.name == "forskning":
        markdown += "\n\n" + studyfacts.section(study_extractions(bank, page), bank.vocabulary)
    markdown = citing.render(markdown, keys, bank.formatter, raw)
    if card:
        markdown += "\n\n" + history.section(page, bank.history.of(page.src),
                                              bank.vocabulary.get("evidence"), raw)
        markdown += "\n\n" + related.section(card, catalogue, raw)
        markdown += raw(sharing.share_and_cite(page, site, "kilder.bib" if keys else None))
    return markdown


def study_extractions(bank: Bank, page: content.Page) -> list[tuple[str, Extraction]]:
    """The extractions of the works a research card summarises (its `references`), labelled."""
    found = []
    for key in page.meta.get("references") or []:
        extraction = bank.extractions.get(str(key))
        if extraction is not None and key in bank.formatter.entries:
            entry = bank.formatter[key]
            found.append((f"{entry.label} ({entry.year})", extraction))
    return found


def with_title(markdown: str, title: str) -> str:
    """The Markdown with a leading '# Title' line, from the front matter if it has none.

    A card's title lives in its front matter. Left to the theme, it becomes an h1 without an id,
    so the theme's skip link ("Gå til indholdet") targets the first h2 instead and passes the
    title and the "Kort fortalt" box. As a heading in the Markdown it gets an id like any other.
    """
    body = markdown.lstrip("\n")
    if body.startswith("# "):
        return markdown
    return f"# {_heading_text(title)}\n\n{body}"


def _heading_text(text: str) -> str:
    """Plain text as the text of a Markdown heading: HTML and Markdown syntax shown as written."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]#])", r"\\\1", " ".join(text.split()))


def _before_first_section(markdown: str, block: str) -> str:
    """Insert a block before the page's first '## ' section (at the end if it has none)."""
    match = re.search(r"^## ", markdown, re.M)
    if not match:
        return f"{markdown}\n\n{block}\n"
    return f"{markdown[:match.start()]}{block}\n\n{markdown[match.start():]}"


def _after_heading(markdown: str, block: str) -> str:
    """Insert a block after the page's leading '# Title' line, or at the top if it has none."""
    lines = markdown.lstrip("\n").split("\n", 1)
    if lines[0].startswith("# "):
        return f"{lines[0]}\n\n{block}\n\n{lines[1] if len(lines) > 1 else ''}"
    return f"{block}\n\n{markdown}"
