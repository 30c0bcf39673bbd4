"""``vidensbank check``: every rule the content must satisfy before it can be published."""

from __future__ import annotations

from vidensbank import bibliography, content
from vidensbank.problems import Problem
from vidensbank.repo import Repo


def run(repo: Repo, loaded: content.Content | None = None) -> list[Problem]:
    """All problems in the repository's pages and bibliography, in file order."""
    loaded = loaded if loaded is not None else content.load(repo)
    _, bib_problems = bibliography.load(repo)
    return sorted([*loaded.problems, *bib_problems], key=lambda p: (p.path, p.line, p.column))
