"""Read the bibliography in research/*.bib with pybtex and check each entry can be cited.

pybtex does not report where an entry starts or that a key is repeated (it keeps the first), so
bibtex_text's block scan supplies the line and text of every entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexSyntaxError

from vidensbank import bibtex_text
from vidensbank.problems import Problem, Severity
from vidensbank.repo import Repo

MAIN_FILE = "references.bib"

# What APA needs to format a reference, per entry type. Grey literature may be undated (APA: u.å.).
REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "mastersthesis": ("author", "title", "school", "year"),
    "techreport": ("title", "institution"),
    "report": ("title", "institution"),
    "manual": ("title",),
    "misc": ("title",),
    "online": ("title",),
}
DANISH_FIELD = {
    "author": "forfatter (author)", "editor": "redaktør (editor)", "title": "titel (title)",
    "journal": "tidsskrift (journal)", "year": "år (year)", "publisher": "forlag (publisher)",
    "booktitle": "bogens titel (booktitle)", "school": "uddannelsessted (school)",
    "institution": "udgiver (institution)",
}


@dataclass(frozen=True)
class Location:
    path: str
    line: int


@dataclass
class Bibliography:
    data: BibliographyData = field(default_factory=BibliographyData)
    locations: dict[str, Location] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # each entry's BibTeX as written
    sources: list[str] = field(default_factory=list)  # every .bib file's text, in order
    problems: list[Problem] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries.keys())


def load(repo: Repo) -> Bibliography:
    """Parse every .bib file into one bibliography; each problem is reported, none aborts."""
    bib = Bibliography()
    parser = bibtex.Parser()
    # references.bib first, so a duplicate is reported in the file that added it later.
    files = sorted(repo.research.glob("*.bib"), key=lambda p: (p.name != MAIN_FILE, p.name))
    for path in files:
        shown = repo.relative(path)
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bib.problems.append(Problem(
                shown, raw.count(b"\n", 0, exc.start) + 1, "bibliografien er ikke gemt som UTF-8",
                "eksportér filen som UTF-8 fra dit referenceprogram",
            ))
            continue
        bib.sources.append(text)
        _scan_headers(text, shown, bib)
        with pybtex.errors.capture() as captured:
            parser.parse_string(text)
        for error in captured:
            if isinstance(error, PybtexSyntaxError):
                bib.problems.append(Problem(
                    shown, error.lineno or 1, f"BibTeX-syntaksfejl ({error.error_type})",
                    "tjek at klammerne { } og kommaerne i posten lige før denne linje passer",
                ))
    bib.data = parser.data
    for key, entry in bib.data.entries.items():
        if key in bib.locations:
            bib.problems.extend(_entry_problems(key, entry, bib.locations[key]))
    return bib


def _scan_headers(text: str, shown: str, bib: Bibliography) -> None:
    """Where each entry starts and its text as written (pybtex keeps neither)."""
    blocks, _ = bibtex_text.scan(shown, text)  # unclosed entries: pybtex reports those
    for block in blocks:
        if block.kind != "entry" or not block.key:
            continue
        first = bib.locations.get(block.key)
        if first is None:
            bib.locations[block.key] = Location(shown, block.line)
            bib.raw[block.key] = block.text
        else:
            bib.problems.append(Problem(
                shown, block.line, f"nøglen '{block.key}' findes allerede "
                f"({first.path}:{first.line})", "giv posten en anden nøgle, eller slet dubletten",
            ))


def missing_fields(kind: str, present: set[str]) -> list[str]:
    """The Danish names of the fields APA needs for this entry type that ``present`` lacks."""
    return [DANISH_FIELD.get(required.split("|")[0], required)
            for required in REQUIRED.get(kind.lower(), ("title", "year"))
            if not any(option in present for option in required.split("|"))]


def _entry_problems(key: str, entry: Entry, where: Location) -> list[Problem]:
    fields = {name.lower() for name in entry.fields} | {r.lower() for r in entry.persons}
    problems = [
        Problem(where.path, where.line, f"posten '{key}' ({entry.type}) mangler {name}",
                "tilføj feltet med oplysninger fra selve kilden — gæt aldrig")
        for name in missing_fields(entry.type, fields)
    ]
    if "year" not in fields and entry.type.lower() not in ("article", "book"):
        problems.append(Problem(
            where.path, where.line, f"posten '{key}' har intet år og vises med 'u.å.'",
            "tilføj year, hvis kilden oplyser et år", severity=Severity.WARNING,
        ))
    if "doi" not in fields and "url" not in fields:
        problems.append(Problem(
            where.path, where.line, f"posten '{key}' har hverken DOI eller URL",
            "tilføj doi = {10.…} eller url = {https://…}, så læseren kan finde kilden",
        ))
    return problems
