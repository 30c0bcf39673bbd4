"""research/references.bib in one canonical form: read it without loss, write it sorted and aligned.

Canonical means: entries sorted by key (case-insensitively), field names in lower case and in a
fixed order (unknown fields after, alphabetically), values in braces on one line, UTF-8 letters
instead of LaTeX accents. The same bibliography always gives the same text, so a pull request that
adds a work shows only that work, and formatting an already canonical file changes nothing.

Nothing is dropped: comments before the first entry stay at the top, text between entries moves with
the entry after it, and every field is written back, understood or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vidensbank import bibtex_text

FIELD_ORDER = (
    "author", "editor", "title", "subtitle", "journal", "booktitle", "edition", "series", "volume",
    "number", "pages", "chapter", "type", "institution", "organization", "school", "publisher",
    "address", "location", "year", "date", "month", "isbn", "issn", "doi", "url", "urldate",
    "note",
)
_RANK = {name: rank for rank, name in enumerate(FIELD_ORDER)}


@dataclass
class BibEntry:
    key: str
    type: str
    fields: dict[str, str]  # lower-case names, in any order; written in canonical order
    leading: str = ""  # comment text that stood directly before the entry

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


@dataclass
class BibFile:
    header: str = ""  # everything before the first entry (comments, @string, @preamble)
    entries: list[BibEntry] = field(default_factory=list)
    trailer: str = ""  # text after the last entry

    def by_key(self) -> dict[str, BibEntry]:
        return {entry.key.casefold(): entry for entry in self.entries}


def parse(text: str, path: str) -> tuple[BibFile, list[bibtex_text.ReadProblem]]:
    """The file's entries and free text, each entry normalised to canonical field names."""
    blocks, problems = bibtex_text.read([(path, text)])
    bib = BibFile()
    previous_end = 0
    for block in blocks:
        between = text[previous_end:block.start]
        if not bib.entries and not bib.header:
            bib.header = between.strip("\n")
            between = ""
        previous_end = block.end
        if block.kind != "entry":
            bib.header = _join(bib.header, block.text)
            continue
        bib.entries.append(BibEntry(block.key, block.type, canonical_fields(block.fields),
                                    _comment(between)))
    bib.trailer = text[previous_end:].strip()
    return bib, problems


def canonical_fields(fields: dict[str, str]) -> dict[str, str]:
    """Lower-case names, single-line values, accents as UTF-8 letters; DOIs without a resolver."""
    result: dict[str, str] = {}
    for name, value in fields.items():
        lower = name.lower()
        text = " ".join(value.split())
        if lower not in bibtex_text.VERBATIM:
            text = bibtex_text.decode_accents(text)
        if lower == "doi":
            text = bibtex_text.bare_doi(text)
        if lower in result and result[lower] != text:
            # Two spellings of one field (Title and TITLE): keep both, the second under a new name.
            lower = _free_name(result, lower)
        result[lower] = text
    return result


def _free_name(fields: dict[str, str], name: str) -> str:
    number = 2
    while f"{name}{number}" in fields:
        number += 1
    return f"{name}{number}"


def _comment(text: str) -> str:
    return text.strip("\n") if text.strip() else ""


def _join(first: str, second: str) -> str:
    return f"{first}\n\n{second}" if first else second


def format_entry(entry: BibEntry) -> str:
    names = sorted(entry.fields, key=lambda n: (_RANK.get(n, len(_RANK)), n))
    width = max((len(n) for n in names), default=0)
    lines = [f"  {name.ljust(width)} = {{{entry.fields[name]}}}" for name in names]
    body = ",\n".join(lines)
    text = f"@{entry.type.lower()}{{{entry.key},\n{body}\n}}"
    return f"{entry.leading}\n{text}" if entry.leading else text


def format_file(bib: BibFile) -> str:
    parts = [bib.header] if bib.header else []
    entries = sorted(bib.entries, key=lambda e: (e.key.casefold(), e.key))
    parts += [format_entry(entry) for entry in entries]
    if bib.trailer:
        parts.append(bib.trailer)
    return "\n\n".join(parts) + "\n"


def is_canonical(text: str, path: str) -> bool:
    """Whether writing the file canonically would leave it as it is."""
    bib, problems = parse(text, path)
    return not problems and format_file(bib) == text
