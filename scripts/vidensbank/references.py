"""Citation checks across the bank: every cited key exists; every entry is cited somewhere."""

from __future__ import annotations

from vidensbank import markdown
from vidensbank.bibliography import Bibliography
from vidensbank.cards import cited_keys, front_matter_strings
from vidensbank.content import Content, Page
from vidensbank.problems import Problem, Severity
from vidensbank.suggest import hint_for


def keys_of(page: Page) -> set[str]:
    """Every work a page rests on: cited in its text or named in its front matter."""
    keys = {value for path, value in front_matter_strings(page) if "references" in path}
    keys.update(c.key for *_, c in cited_keys(page) if isinstance(c, markdown.Citation))
    return keys


def index(content: Content) -> dict[str, set[str]]:
    """The works each page rests on, by page source; computed once per build."""
    return {page.src: keys_of(page) for page in content.pages}


def check(content: Content, bibliography: Bibliography,
          cited: dict[str, set[str]] | None = None) -> list[Problem]:
    known = set(bibliography.keys)
    cited = cited if cited is not None else index(content)
    used: set[str] = set().union(*cited.values())
    problems = []
    for page in content.pages:
        for _, line, column, citation in cited_keys(page):
            if isinstance(citation, markdown.BadCitation):
                problems.append(Problem(
                    page.shown, line, f"ugyldig kildehenvisning '{citation.text}'",
                    "skriv [@nøgle], [@nøgle, s. 12] eller [@nøgle1; @nøgle2]", column=column,
                ))
            elif citation.key not in known:
                problems.append(Problem(
                    page.shown, line, f"kildehenvisningen '@{citation.key}' findes ikke i "
                    "litteraturlisten", hint_for(citation.key, known,
                                                 "tilføj værket til research/references.bib"),
                    column=column,
                ))
    for key in bibliography.keys:
        where = bibliography.locations.get(key)
        if key not in used and where:
            problems.append(Problem(
                where.path, where.line, f"ingen kort citerer '{key}'",
                "citer værket på et kort, eller fjern det fra litteraturlisten",
                severity=Severity.WARNING,
            ))
    return problems
