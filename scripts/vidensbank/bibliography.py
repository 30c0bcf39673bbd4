"""Read the bibliography in research/*.bib with pybtex and check each entry can be cited.

pybtex does not report where an entry starts or that a key is repeated (it keeps the first), so
bibtex_text's block scan supplies the line and text of every entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexSyntaxError

from vidensbank import bibprivacy, bibtex_text, memo
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
    problems: list[Problem] = field(default_factory=list)
    digest: bytes = b""  # of the files it was read from: what results drawn from it depend on

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries.keys())


def load(repo: Repo) -> Bibliography:
    """Parse every .bib file into one bibliography; each problem is reported, none aborts.
    Files read before with the same text are not parsed again (pybtex is slow on large files)."""
    # references.bib first, so a duplicate is reported in the file that added it later.
    files = [(repo.relative(path), path.read_bytes()) for path in
             sorted(repo.research.glob("*.bib"), key=lambda p: (p.name != MAIN_FILE, p.name))]
    copy_hosts = bibprivacy.load_copy_hosts(repo.research)
    hashed = hashlib.blake2b(repr(sorted(copy_hosts)).encode("utf-8"), digest_size=16)
    for shown, raw in files:
        hashed.update(f"\0{shown}\0{len(raw)}\0".encode())
        hashed.update(raw)
    digest = hashed.digest()
    return memo.get("bibliography", digest, lambda: _parsed(files, copy_hosts, digest))


def _parsed(files: list[tuple[str, bytes]], copy_hosts: set[str], digest: bytes) -> Bibliography:
    bib = Bibliography(digest=digest)
    parser = bibtex.Parser()
    for shown, raw in files:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bib.problems.append(Problem(
                shown, raw.count(b"\n", 0, exc.start) + 1, "bibliografien er ikke gemt som UTF-8",
                "eksportér filen som UTF-8 fra dit referenceprogram",
            ))
            continue
        bib.problems += bibprivacy.local_path_problems(text, shown)
        bib.problems += bibprivacy.copy_host_problems(text, shown, copy_hosts)
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


@dataclass(frozen=True)
class FieldProblem:
    """Something an entry lacks. ``message`` follows "posten 'nøgle' (type)"; ``severity`` is
    what `vidensbank check` makes of it."""

    message: str
    hint: str
    severity: Severity
    # APA can still format the entry, so `ref add` adds it and only warns.
    formattable: bool = True


def present_fields(fields: Mapping[str, object]) -> set[str]:
    """Lower-case names of the fields with a value: an empty ``year = {}`` counts as missing."""
    return {name.lower() for name, value in fields.items() if str(value).strip()}


def field_problems(kind: str, present: set[str]) -> list[FieldProblem]:
    """Everything an entry of type ``kind`` with the fields ``present`` lacks: the one rule
    behind both `vidensbank check` and `vidensbank ref add`."""
    required = REQUIRED.get(kind.lower(), ("title", "year"))
    problems = [
        FieldProblem(f"mangler {DANISH_FIELD.get(need.split('|')[0], need)}",
                     "tilføj feltet med oplysninger fra selve kilden — gæt aldrig",
                     Severity.ERROR, formattable=False)
        for need in required
        if not any(option in present for option in need.split("|"))
    ]
    # Only where APA allows a missing year (u.å.); where it is required, the error says it all.
    if "year" not in present and "year" not in required:
        problems.append(FieldProblem("har intet år og vises med 'u.å.'",
                                     "tilføj year, hvis kilden oplyser et år", Severity.WARNING))
    if "doi" not in present and "url" not in present:
        problems.append(FieldProblem(
            "har hverken DOI eller URL",
            "tilføj doi = {10.…} eller url = {https://…}, så læseren kan finde kilden",
            Severity.ERROR))
    return problems


def _entry_problems(key: str, entry: Entry, where: Location) -> list[Problem]:
    people = {role: " and ".join(map(str, persons)) for role, persons in entry.persons.items()}
    present = present_fields({**entry.fields, **people})
    return [Problem(where.path, where.line, f"posten '{key}' ({entry.type}) {problem.message}",
                    problem.hint, severity=problem.severity)
            for problem in field_problems(entry.type, present)]
