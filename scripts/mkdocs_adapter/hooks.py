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

from vidensbank import bank, cardlist, cardview, check, citing, generated, related, whatworks
from vidensbank.problems import Severity
from vidensbank.rawhtml import Stash
from vidensbank.repo import Repo

log = logging.getLogger("mkdocs.hooks.vidensbank")

# Loaded once per build in on_config and reused by the events of the same build.
_bank: bank.Bank | None = None
# Generated HTML skips the Markdown converter: placeholders go in, the HTML comes back after.
_stash = Stash()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank, _stash
    _bank = bank.load(Repo(Path(config.config_file_path).parent))
    _stash = Stash()
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
    for src, text in {**generated.pages(_bank, _stash.put), **generated.files(_bank)}.items():
        files.append(File.generated(config, src, content=text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    loaded = _bank.content.page(page.file.src_uri)
    if loaded is None:  # a generated page
        return markdown
    catalogue, raw = _bank.catalogue, _stash.put
    card = catalogue.card(loaded.src)
    if card:
        box = cardview.facts_box(loaded, card.type, _bank.schemas, _bank.vocabulary)
        markdown = _after_heading(markdown, box).rstrip() + "\n\n" + related.section(
            card, catalogue, raw)
    if loaded.meta.get("list_cards"):
        cards = catalogue.in_section(loaded.section)
        markdown += raw(cardlist.listing(cards, catalogue, loaded.url,
                                         empty="Der er endnu ingen kort i dette afsnit."))
    if loaded.meta.get("evidence_map"):
        markdown += whatworks.evidence_map(catalogue, loaded.url, raw)
    return citing.render(markdown, _bank.cited[loaded.src], _bank.formatter, raw)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _stash.restore(html)


def _after_heading(markdown: str, block: str) -> str:
    """Insert a block after the page's leading '# Title' line, or at the top if it has none."""
    lines = markdown.lstrip("\n").split("\n", 1)
    if lines[0].startswith("# "):
        return f"{lines[0]}\n\n{block}\n\n{lines[1] if len(lines) > 1 else ''}"
    return f"{block}\n\n{markdown}"
