"""Load every page under docs/ with its front matter; collect problems instead of stopping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from vidensbank import frontmatter
from vidensbank.problems import Problem, Severity
from vidensbank.repo import Repo
from vidensbank.urls import page_url


@dataclass(frozen=True)
class Page:
    """A Markdown page. ``src`` is its path inside docs/; ``shown`` the path from the repo root."""

    src: str
    shown: str
    doc: frontmatter.Document

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.meta

    @property
    def body(self) -> str:
        return self.doc.body

    @property
    def section(self) -> str:
        """The top-level folder the page lives in ('' for pages at the root of docs/)."""
        parts = PurePosixPath(self.src).parts
        return parts[0] if len(parts) > 1 else ""

    @property
    def slug(self) -> str:
        return PurePosixPath(self.src).stem

    def date_of(self, name: str) -> date | None:
        """A date in the front matter ('added', 'reviewed', a post's 'date'); None when it is
        missing or no date (the schema reports that)."""
        try:
            return date.fromisoformat(str(self.meta.get(name)))
        except ValueError:
            return None

    @property
    def is_draft(self) -> bool:
        """A page marked 'draft: true' is checked but never published."""
        return self.meta.get("draft") is True

    @property
    def is_index(self) -> bool:
        return PurePosixPath(self.src).name == "index.md"

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, as MkDocs makes it (directory URLs)."""
        return page_url(self.src)

    @property
    def title(self) -> str:
        if self.meta.get("title"):
            return str(self.meta["title"])
        for line in self.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.slug.replace("-", " ").capitalize()

    def leftover_guidance(self) -> list[Problem]:
        """The guidance `vidensbank new` writes as HTML comments does not render, but a finished
        page would still ship it in its source."""
        if self.is_draft:
            return []
        for number, line in enumerate(self.body.splitlines()):
            if "<!--" in line:
                return [Problem(self.shown, self.doc.body_line + number, "der står stadig en "
                                "kommentar (<!-- … -->) på siden", "slet vejledningen, når "
                                "teksten er skrevet", severity=Severity.WARNING)]
        return []

    def problem(self, path: tuple, message: str, hint: str, *, key: bool = False,
                **kwargs: Any) -> Problem:
        """A problem pointing at a front-matter field (or its nearest existing parent)."""
        line, column = self.doc.line_of(path, key=key)
        return Problem(self.shown, line, message, hint, column=column, **kwargs)


@dataclass
class Content:
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _by_src: dict[str, Page] = field(default_factory=dict, repr=False)

    def page(self, src: str) -> Page | None:
        if len(self._by_src) != len(self.pages):
            self._by_src = {p.src: p for p in self.pages}
        return self._by_src.get(src)

    @property
    def published(self) -> list[Page]:
        return [page for page in self.pages if not page.is_draft]


def load(repo: Repo) -> Content:
    content = Content()
    docs = repo.relative(repo.docs)  # once: resolving every path costs more than reading it
    for path in sorted(repo.docs.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(repo.docs).parts):
            continue
        page_or_problem = _load_page(repo, path, docs)
        if isinstance(page_or_problem, Page):
            content.pages.append(page_or_problem)
        else:
            content.problems.append(page_or_problem)
    return content


def _load_page(repo: Repo, path: Path, docs: str) -> Page | Problem:
    src = path.relative_to(repo.docs).as_posix()
    shown = f"{docs}/{src}"
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Problem(
            shown, line, "filen er ikke gemt som UTF-8",
            "gem filen med tegnkodningen UTF-8 i din editor",
        )
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        return Problem(shown, exc.line, exc.message, exc.hint, column=exc.column)
    return Page(src, shown, doc)
