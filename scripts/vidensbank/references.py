"""Citation checks across the bank: every cited key exists; every entry is cited somewhere."""

from __future__ import annotations

from vidensbank import markdown
from vidensbank.bibliography import Bibliography
from vidensbank.cards import cited_keys, front_matter_strings
from vidensbank.content import Content
from vidensbank.problems import Problem, Severity
from vidensbank.suggest import hint_for


def check(content: Content, bibliography: Bibliography) -> list[Problem]:
    known = set(bibliography.keys)
    used: set[str] = set()
    problems = []
    for page in content.pages:
        used.update(value for path, value in front_matter_strings(page) if "references" in path)
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
            else:
                used.add(citation.key)
    for key in bibliography.keys:
        where = bibliography.locations.get(key)
        if key not in used and where:
            problems.append(Problem(
                where.path, where.line, f"ingen kort citerer '{key}'",
                "citer værket på et kort, eller fjern det fra litteraturlisten",
                severity=Severity.WARNING,
            ))
    return problems
