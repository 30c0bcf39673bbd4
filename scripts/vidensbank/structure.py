"""Slugs, URL clashes and internal links: what keeps every published address working."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from vidensbank import markdown
from vidensbank.content import Content, Page
from vidensbank.problems import Problem
from vidensbank.repo import Repo
from vidensbank.slugs import is_slug, slugify
from vidensbank.suggest import hint_for

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def check(repo: Repo, content: Content, generated: Iterable[str] = ()) -> list[Problem]:
    problems = _slugs(content)
    sources = {page.src for page in content.published} | set(generated)
    drafts = {page.src for page in content.pages if page.is_draft}
    for page in content.pages:
        problems.extend(_links(repo, page, sources | drafts if page.is_draft else sources, drafts))
    return problems


def _slugs(content: Content) -> list[Problem]:
    problems = []
    seen: dict[str, Page] = {}
    for page in content.pages:
        parts = PurePosixPath(page.src).with_suffix("").parts
        bad = [part for part in parts if not is_slug(part)]
        if bad:
            wanted = "/".join(slugify(part) or "side" for part in parts) + ".md"
            problems.append(Problem(
                page.shown, 1, f"'{bad[0]}' kan ikke bruges i en adresse",
                f"omdøb til docs/{wanted} (små bogstaver, bindestreger, æ/ø/å som ae/oe/aa)",
            ))
        first = seen.setdefault(page.url, page)
        if first is not page:
            problems.append(Problem(
                page.shown, 1, f"giver samme adresse /{page.url} som {first.shown}",
                "omdøb eller slet den ene af filerne",
            ))
    return problems


def _links(repo: Repo, page: Page, sources: set[str], drafts: set[str]) -> list[Problem]:
    problems = []
    folder = posixpath.dirname(page.src)
    for link in markdown.links(page.body):
        target = link.target.split("#", 1)[0].split("?", 1)[0]
        if not target or _EXTERNAL.match(link.target):
            continue
        resolved = posixpath.normpath(posixpath.join(folder, target))
        line, column = page.doc.body_line + link.line, link.column + 1
        if target.endswith(".md"):
            if resolved in drafts and resolved not in sources:
                problems.append(Problem(
                    page.shown, line, f"linket '{link.target}' peger på en kladde, som ikke "
                    "bliver udgivet", "fjern linket, eller gør kladden færdig først",
                    column=column,
                ))
            elif resolved not in sources:
                problems.append(Problem(
                    page.shown, line, f"linket '{link.target}' peger på en side, der ikke findes",
                    _suggest_link(resolved, folder, sources), column=column,
                ))
        elif target.endswith("/") or "." not in PurePosixPath(target).name:
            index = posixpath.join(resolved, "index.md")
            wanted = posixpath.relpath(index if index in sources else resolved + ".md", folder)
            problems.append(Problem(
                page.shown, line, f"linket '{link.target}' peger på en adresse, ikke en fil",
                f"link til Markdown-filen, fx '{wanted}', så linket altid følger med siden",
                column=column,
            ))
        elif resolved not in sources and not (repo.docs / resolved).is_file():
            problems.append(Problem(
                page.shown, line, f"linket '{link.target}' peger på en fil, der ikke findes",
                "ret stien, eller læg filen i docs/", column=column,
            ))
    return problems


def _suggest_link(resolved: str, folder: str, sources: set[str]) -> str:
    hint = hint_for(resolved, sources, "")
    if hint:
        match = hint.split("'")[1]
        return f"mente du '{posixpath.relpath(match, folder)}'?"
    return "ret linket, eller opret siden"
