"""MkDocs hooks: a thin adapter from MkDocs events to the vidensbank package.

All logic lives in ``vidensbank``; this file only translates MkDocs events into calls, so the site
could move to another generator without rewriting the logic.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vidensbank import check, content, sections
from vidensbank.problems import Severity
from vidensbank.repo import Repo

log = logging.getLogger("mkdocs.hooks.vidensbank")

# Loaded once per build in on_config and reused by the page events of the same build.
_loaded = content.Content()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _loaded
    repo = Repo(Path(config.config_file_path).parent)
    _loaded = content.load(repo)
    problems = check.run(repo, _loaded)
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("list_cards"):
        return markdown
    index = _loaded.page(page.file.src_uri)
    if index is None:  # page not loaded by vidensbank (should not happen): leave it untouched
        return markdown
    return f"{markdown.rstrip()}\n\n{sections.card_list(index, _loaded)}\n"
