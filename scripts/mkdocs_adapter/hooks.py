"""MkDocs hooks: a thin adapter from MkDocs events to the vidensbank package.

All logic lives in ``vidensbank``; this file only translates MkDocs events into calls, so the site
could move to another generator without rewriting the logic.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from vidensbank import (
    bank,
    cardlist,
    cardview,
    check,
    citing,
    content,
    frontmatter,
    generated,
    news,
    permalinks,
    previews,
    related,
    sharing,
    whatworks,
)
from vidensbank.problems import Severity
from vidensbank.rawhtml import Stash
from vidensbank.repo import Repo

log = logging.getLogger("mkdocs.hooks.vidensbank")

# Loaded once per build in on_config and reused by the events of the same build.
_bank: bank.Bank | None = None
# Generated HTML skips the Markdown converter: placeholders go in, the HTML comes back after.
_stash = Stash()
_site: sharing.Site | None = None
# Preview images are kept between builds, so an unchanged card is not drawn again.
CACHE = Path(".cache") / "vidensbank" / "previews"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank, _stash, _site
    _bank = bank.load(Repo(Path(config.config_file_path).parent))
    _stash = Stash()
    url = config.site_url if config.site_url.endswith("/") else f"{config.site_url}/"
    _site = sharing.Site(config.site_name, url, config.site_description or "")
    problems = check.run(_bank)
    for problem in problems:
        if problem.severity is Severity.WARNING:
            # Warnings are for `vidensbank check --strict`; they must not stop a preview build.
            log.info(problem.format())
    failed = [p.format() for p in problems if p.severity is Severity.ERROR]
    if failed:
        raise PluginError(
            "vidensbank check fandt fejl, så siden bygges ikke:\n" + "\n".join(failed)
        )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site, catalogue = _site, _bank.catalogue
    output: dict[str, str | bytes] = {**generated.pages(_bank, _stash.put),
                                      **generated.files(_bank)}
    output[news.FEED] = news.feed(_bank.content, catalogue, site.name, site.url)
    output.update(permalinks.redirect_pages(permalinks.load(_bank.repo), site.url))
    cache = _bank.repo.root / CACHE
    output[sharing.SHARED_IMAGE] = previews.cached(
        previews.Preview(site.name, site.description), cache)
    for card in catalogue.cards:
        output[sharing.image_path(card.page)] = previews.cached(
            sharing.preview(card.page, card, catalogue, site), cache)
        output[generated.sources_file(card.page)] = generated.card_bibtex(
            _bank, _bank.cited[card.page.src])
    for src, data in output.items():
        files.append(File.generated(config, src, content=data))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    loaded = _bank.content.page(page.file.src_uri)
    if loaded is None:  # a generated page: its head tags come from its own front matter
        generated_page = content.Page(page.file.src_uri, page.file.src_uri,
                                      frontmatter.Document(page.meta, markdown, 1))
        _describe(page, generated_page, None, set())
        return markdown
    catalogue, raw, keys = _bank.catalogue, _stash.put, _bank.cited[loaded.src]
    card = catalogue.card(loaded.src)
    _describe(page, loaded, card, keys)
    if card:
        box = cardview.facts_box(loaded, card.type, _bank.schemas, _bank.vocabulary)
        markdown = _after_heading(markdown, box)
    if loaded.meta.get("news_list"):
        markdown += raw(news.listing(_bank.content, loaded.url))
    if loaded.meta.get("list_cards"):
        cards = catalogue.in_section(loaded.section)
        markdown += raw(cardlist.listing(cards, catalogue, loaded.url,
                                         empty="Der er endnu ingen kort i dette afsnit."))
    if loaded.meta.get("evidence_map"):
        markdown += whatworks.evidence_map(catalogue, loaded.url, raw)
    markdown = citing.render(markdown, keys, _bank.formatter, raw)
    if card:
        sources = "kilder.bib" if keys else None
        markdown += "\n\n" + related.section(card, catalogue, raw)
        markdown += raw(sharing.share_and_cite(loaded, _site, sources))
    return markdown


def _describe(page: Page, loaded: content.Page, card, keys: set[str]) -> None:
    """Description and sharing tags for the page head (see overrides/main.html)."""
    page.meta["description"] = sharing.description(loaded, _site)
    page.meta["vb_head"] = sharing.head(loaded, card, _bank.catalogue, _site, _bank.formatter,
                                        keys)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _stash.restore(html)


def _after_heading(markdown: str, block: str) -> str:
    """Insert a block after the page's leading '# Title' line, or at the top if it has none."""
    lines = markdown.lstrip("\n").split("\n", 1)
    if lines[0].startswith("# "):
        return f"{lines[0]}\n\n{block}\n\n{lines[1] if len(lines) > 1 else ''}"
    return f"{block}\n\n{markdown}"
