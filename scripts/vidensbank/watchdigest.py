"""The literature watch's digest: Danish Markdown for the weekly issue, and the same as JSON."""

from __future__ import annotations

import json
import re
import shlex
from datetime import date
from urllib.parse import quote

from vidensbank import dates
from vidensbank.watch import Candidate, Result, SourceReport
from vidensbank.watchsources import LABELS

MAX_AUTHORS = 6
# A GitHub issue holds 65,536 characters; the JSON file has every candidate.
MAX_IN_DIGEST = 60
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")


def ref_add(candidate: Candidate) -> str:
    """The command that adds the work to research/references.bib."""
    return f"vidensbank ref add --doi {shlex.quote(candidate.doi)}" if candidate.doi else ""


def doi_url(doi: str) -> str:
    """The resolver address, with '(' and the like escaped so a Markdown link stays whole."""
    return f"https://doi.org/{quote(doi, safe='/:;')}" if doi else ""


def to_json(result: Result) -> str:
    return json.dumps([{
        "doi": c.doi or None, "title": c.title, "year": c.year, "date": c.date or None,
        "authors": list(c.authors), "journal": c.journal or None,
        "url": doi_url(c.doi) or None,
        "found_by": c.found_by, "searches": c.searches, "hits": len(c.pairs),
        "ref_add": ref_add(c) or None,
    } for c in result.candidates], ensure_ascii=False, indent=2) + "\n"


def to_markdown(result: Result, today: date) -> str:
    count = len(result.candidates)
    asked = [r.label for r in result.reports]
    lines = [
        f"# Litteraturovervågning {dates.danish(today)}", "",
        f"Nye værker udgivet siden {dates.danish(result.since)}, fundet af "
        f"{len(result.searches)} gemte søgninger i {_and(asked)}: "
        f"**{_works(count)}**, der hverken står i litteraturlisten eller er afvist "
        f"({_left_out(result.known, 'kendt')} og {_left_out(result.dismissed, 'afvist')} er "
        "udeladt).", "",
    ]
    lines += [line for report in result.reports if report.failures for line in _failure(report)]
    if not count:
        lines += ["Ingen nye værker i denne uge.", ""]
    for number, candidate in enumerate(result.candidates[:MAX_IN_DIGEST], 1):
        lines += _candidate(number, candidate, result)
    if count > MAX_IN_DIGEST:
        lines += [f"… og {count - MAX_IN_DIGEST} værker mere, som kun står i JSON-filen.", ""]
    lines += ["## Sådan bruger du oversigten", "",
              "- Relevant: kør kommandoen under værket, og opret så kortet med "
              "`vidensbank new forskning NØGLE`.",
              "- Ikke relevant: `vidensbank watch dismiss DOI --why \"begrundelse\"` — så kommer "
              "værket ikke igen.",
              "- Søgningerne står i `research/watch.yaml`.", ""]
    return "\n".join(lines)


def _failure(report: SourceReport) -> list[str]:
    missing = len(report.failures)
    reasons = list(dict.fromkeys(reason for _, reason in report.failures))
    scope = "alle søgninger" if missing == report.asked else \
        f"{missing} af {report.asked} søgninger ({', '.join(s for s, _ in report.failures)})"
    return [f"> **{report.label} fejlede** for {scope}: {_md('; '.join(reasons[:2]))}. "
            f"Værker, kun {report.label} ville have fundet, mangler i denne oversigt.", ""]


def _candidate(number: int, candidate: Candidate, result: Result) -> list[str]:
    descriptions = {s.id: s.description for s in result.searches}
    found = "; ".join(
        f"{_md(descriptions.get(search, search))} (`{search}`: "
        f"{', '.join(LABELS[source] for source in _sources(candidate, search))})"
        for search in candidate.searches)
    authors = ", ".join(candidate.authors[:MAX_AUTHORS]) + \
        (" m.fl." if len(candidate.authors) > MAX_AUTHORS else "")
    lines = [f"## {number}. {_md(candidate.title)}", "",
             f"- **Forfattere:** {_md(authors) or 'ikke oplyst'}",
             f"- **År:** {candidate.year or 'ikke oplyst'}",
             f"- **Tidsskrift:** {_md(candidate.journal) or 'ikke oplyst'}"]
    if candidate.doi:
        lines.append(f"- **DOI:** [{_md(candidate.doi)}]({doi_url(candidate.doi)})")
    lines += [f"- **Fundet af:** {found}", ""]
    if candidate.doi:
        lines += ["```sh", ref_add(candidate), "```", ""]
    else:
        lines += ["Ingen DOI: eksportér posten som BibTeX fra dit referenceprogram, og brug "
                  "`vidensbank ref add FIL`.", ""]
    return lines


def _sources(candidate: Candidate, search: str) -> list[str]:
    return [name for name in LABELS if (search, name) in candidate.pairs]


def _md(text: str) -> str:
    """Text that GitHub shows as written: no accidental emphasis, links or HTML."""
    return _MARKDOWN.sub(r"\\\1", text)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


def _left_out(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}e"


def _works(count: int) -> str:
    return "1 nyt værk" if count == 1 else f"{count} nye værker"
