"""MkDocs hooks: a thin adapter from MkDocs events to the vidensbank package.

All logic lives in ``vidensbank``; this file only translates MkDocs events into calls, so the site
could move to another generator without rewriting the logic.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from vidensbank import accessible, assemble, bank, check, memo, memory, printing, sharing
from vidensbank.problems import Severity
from vidensbank.rawhtml import Stash
from vidensbank.repo import Repo

log = logging.getLogger("mkdocs.hooks.vidensbank")

# Preview images are kept between builds, so an unchanged card is not drawn again.
CACHE = Path(".cache") / "vidensbank" / "previews"

# Loaded once per build in on_config and reused by the events of the same build.
_bank: bank.Bank | None = None
_site: sharing.Site | None = None
# Generated HTML skips the Markdown converter: placeholders go in, the HTML comes back after.
_stash = Stash()
# The URLs of the pages in the menu (mkdocs.yml's nav), for marking a card's section there.
_menu: set[str] = set()
# Warnings already shown by this process (one `mkdocs serve` runs many builds).
_shown: set[str] = set()
# `mkdocs serve` builds again after every save and keeps what it can between builds.
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank, _stash, _site
    _bank = bank.load(Repo(Path(config.config_file_path).parent))
    _stash = Stash()
    url = config.site_url if config.site_url.endswith("/") else f"{config.site_url}/"
    _site = sharing.Site(config.site_name, url, config.site_description or "")
    problems = check.run(_bank, bibliography_form=False)
    for problem in problems:
        # Warnings are for `vidensbank check --strict`; they must not stop a preview build, and
        # `mkdocs serve` rebuilds on every save, so each is shown once per process.
        if problem.severity is Severity.WARNING and problem.format() not in _shown:
            _shown.add(problem.format())
            log.info(problem.format())
    failed = [p.format() for p in problems if p.severity is Severity.ERROR]
    if failed:
        # MkDocs prints this after "ERROR -" and ends with its own English "Aborted with a
        # BuildError!"; the contributor's first line must be our own path:line message.
        raise PluginError("\n".join(failed) + f"\n{_errors_found(len(failed))}")
    # The bank passed: keep what the check worked out now, while no page takes memory yet;
    # later saves write only what the rest of the build adds (see vidensbank/memo.py).
    if memo.save() and not _serving:
        # Parsing left the bank's data scattered among freed parser objects, memory Python
        # cannot hand back; read from the memo just written, the same bank packs tightly
        # (a fresh build of 2,000 cards and 5,000 works peaked 16 MB lower).
        memo.release()
        _bank = bank.load(_bank.repo)
    return config


def _errors_found(count: int) -> str:
    what = "én fejl" if count == 1 else f"{count} fejl"
    return f"vidensbank check fandt {what} ovenfor, så siden bygges ikke."


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _bank.content.pages:
        if page.is_draft and (file := files.get_file_from_path(page.src)):
            # MkDocs shows drafts in `mkdocs serve` and leaves them out of `mkdocs build`.
            file.inclusion = InclusionLevel.DRAFT
    outputs = assemble.outputs(_bank, _site, _stash.put, _bank.repo.root / CACHE)
    for src, data in outputs.items():
        if isinstance(data, Path):
            files.append(File.generated(config, src, abs_src_path=str(data)))
        else:
            files.append(File.generated(config, src, content=data))
    memo.save()  # the generated files' results, while the pages do not yet take memory
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    loaded, is_generated = assemble.page_for(_bank, page.file.src_uri, page.meta, markdown)
    # Read by overrides/main.html (head) and by Material (meta description).
    page.meta["description"], page.meta["vb_head"] = assemble.head(_bank, _site, loaded)
    if is_generated:
        return markdown
    return assemble.body(_bank, _site, loaded, markdown, _stash.put)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs keeps every page's Markdown until the build ends, and reads it only for a title the
    # page lacks (ours come from front matter or the page's h1); at 2,000 cards that is ~30 MB.
    page.markdown = ""
    html = printing.mark_bare_links(_stash.restore(html))
    return accessible.scrolling_tables(accessible.focusable_code(html))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _menu
    _menu = {item.url for item in nav.pages}
    return nav


def on_env(env: object, config: MkDocsConfig, files: Files) -> object:
    global _bank
    # Every page is converted by now, and what remains (templates, on_post_page) needs neither
    # the bank nor the memo: keep the memo's new results and, unless serving, free both before
    # MkDocs renders the pages and the search index (~100 MB at 2,000 cards, 5,000 works).
    memo.save()
    if not _serving:
        memo.release()
        _bank = None
        memory.give_back()
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = accessible.named_toc_toggle(output)
    section = accessible.section_of(page.url, _menu)
    if section is not None:
        # As the theme writes the menu's links (MkDocs' shortest relative form, e.g. '../').
        output = accessible.current_section(output, get_relative_url(section, page.url))
    # Written once this returns, and the search index has its own copy: MkDocs would keep every
    # page's HTML until the build ends (~60 MB at 2,000 cards).
    page.content = ""
    return output


def on_post_build(config: MkDocsConfig) -> None:
    memo.save()  # anything worked out after on_env, for the next build (vidensbank/memo.py)
