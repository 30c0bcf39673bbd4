"""APA 7 references and author–year citations with Danish terms, from pybtex entries.

Each entry is formatted once per build (see ``Formatter``); pages only look the results up.
Titles are kept as written in the bibliography: BibTeX's braces do not reliably mark proper nouns,
so changing their case could damage names.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from html import escape

import latexcodec  # noqa: F401  (registers the 'ulatex' codec)
from pybtex.database import BibliographyData, Entry, Person

from vidensbank.bibtex_text import bare_doi

NO_DATE = "u.å."
AND = "&"
ET_AL = "m.fl."
PAGE = "s."
EDITOR = "Red."  # Danish APA uses the same abbreviation for one or more editors
MAX_AUTHORS = 20  # APA 7: up to 20 authors; more: the first 19, an ellipsis, the last


@dataclass(frozen=True)
class Formatted:
    """One entry, formatted: ``label`` for in-text citations and ``html`` for reference lists."""

    key: str
    label: str  # "Fancourt & Finn" (without year)
    year: str  # "2019", "2019a" or "u.å."
    html: str
    sort_key: tuple


def latex_to_text(value: str) -> str:
    """BibTeX/LaTeX markup to plain Unicode text: accents, escapes, dashes, quotes, braces."""
    text = re.sub(r"`([^`']*)'", "‘\\1’", value.replace("``", "“").replace("''", "”"))
    if "\\" in text or "--" in text:
        text = codecs.decode(text, "ulatex")
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def _field(entry: Entry, name: str) -> str:
    for key, value in entry.fields.items():
        if key.lower() == name:
            if name in ("url", "doi"):  # addresses are not LaTeX: '--' must stay '--'
                return str(value).replace("{", "").replace("}", "").strip()
            return latex_to_text(str(value))
    return ""


def _is_corporate(person: Person) -> bool:
    # A corporate author is written in braces: {WHO Regional Office for Europe}.
    return not person.first_names and not person.middle_names and len(person.last_names) == 1 \
        and person.last_names[0].startswith("{")


def _surname(person: Person) -> str:
    if _is_corporate(person):
        return latex_to_text(person.last_names[0])
    return latex_to_text(" ".join([*person.prelast_names, *person.last_names]))


def _initials(person: Person) -> str:
    initials = []
    for name in [*person.first_names, *person.middle_names]:
        parts = latex_to_text(name).split("-")
        initials.append("-".join(f"{part[0]}." for part in parts if part))
    return " ".join(initials)


def _reference_name(person: Person) -> str:
    if _is_corporate(person):
        return _surname(person)
    initials = _initials(person)
    lineage = latex_to_text(" ".join(person.lineage_names))
    name = f"{_surname(person)}, {initials}" if initials else _surname(person)
    return f"{name}, {lineage}" if lineage else name


def _join_reference_names(names: list[str]) -> str:
    if len(names) > MAX_AUTHORS:
        return ", ".join(names[: MAX_AUTHORS - 1]) + ", … " + names[-1]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, {AND} {names[1]}"
    return ", ".join(names[:-1]) + f", {AND} {names[-1]}"


def _citation_label(persons: list[Person], entry: Entry) -> str:
    if not persons:
        return _title_label(entry)
    surnames = [_surname(p) for p in persons]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} {AND} {surnames[1]}"
    return f"{surnames[0]} {ET_AL}"


def _title_label(entry: Entry) -> str:
    """Works without a person as author are cited by their institution or (short) title."""
    institution = _field(entry, "institution") or _field(entry, "organization")
    if institution:
        return institution
    words = _field(entry, "title").split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _authors(entry: Entry) -> tuple[list[Person], bool]:
    """The persons an entry is cited by, and whether they are editors."""
    if entry.persons.get("author"):
        return list(entry.persons["author"]), False
    return list(entry.persons.get("editor", [])), True


def collation_key(text: str) -> str:
    """Danish alphabetical order: æ, ø, å after z; other accents ignored."""
    last = "z\uffff"  # sorts after every other letter
    lowered = text.casefold().replace("æ", f"{last}1").replace("ø", f"{last}2")
    lowered = lowered.replace("å", f"{last}3")
    stripped = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in stripped if not unicodedata.combining(c))


def _link(entry: Entry) -> str:
    doi = bare_doi(_field(entry, "doi"))
    url = f"https://doi.org/{doi}" if doi else _field(entry, "url")
    return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>' if url else ""


def _dash(text: str) -> str:
    """Ranges of pages or issues take an en dash: 209–214, 1–2."""
    return re.sub(r"\s*[-–]+\s*", "–", text)


def _sentence(text: str) -> str:
    """End with a full stop unless the text already ends with punctuation."""
    return text if not text or text[-1] in ".?!" else f"{text}."


def _source(entry: Entry) -> str:
    """Everything after author, year and title: where the work was published."""
    kind = entry.type.lower()

    def e(text: str) -> str:
        return escape(text, quote=False)

    if kind == "article":
        journal = _field(entry, "journal") or _field(entry, "journaltitle")
        volume, number, pages = (_field(entry, n) for n in ("volume", "number", "pages"))
        text = f"<em>{e(journal)}</em>"
        if volume:
            text += f", <em>{e(volume)}</em>" + (f"({e(_dash(number))})" if number else "")
        if pages:
            text += f", {e(_dash(pages))}"
        return f"{text}."
    if kind in ("incollection", "inbook", "inproceedings"):
        editors = [_reference_name_initials_first(p) for p in entry.persons.get("editor", [])]
        book = _field(entry, "booktitle")
        pages = _field(entry, "pages")
        text = "I "
        if editors:
            text += f"{e(_join_editor_names(editors))} ({EDITOR}), "
        text += f"<em>{e(book)}</em>"
        if pages:
            text += f" ({PAGE} {e(_dash(pages))})"
        publisher = _field(entry, "publisher")
        return f"{text}." + (f" {e(_sentence(publisher))}" if publisher else "")
    publisher = _field(entry, "publisher") or _field(entry, "institution") \
        or _field(entry, "school") or _field(entry, "organization") \
        or _field(entry, "howpublished")
    persons, _ = _authors(entry)
    authors = {_surname(p) for p in persons} or {_title_label(entry)}
    # APA leaves out the publisher when it is also the author.
    return e(_sentence(publisher)) if publisher and publisher not in authors else ""


def _reference_name_initials_first(person: Person) -> str:
    initials = _initials(person)
    return f"{initials} {_surname(person)}" if initials else _surname(person)


def _join_editor_names(names: list[str]) -> str:
    if len(names) <= 2:
        return f" {AND} ".join(names)
    return ", ".join(names[:-1]) + f", {AND} {names[-1]}"


def _title(entry: Entry) -> str:
    """The title part: italic for works that stand alone, with report numbers and editions."""
    title = escape(_field(entry, "title"), quote=False)
    kind = entry.type.lower()
    if kind in ("article", "incollection", "inbook", "inproceedings"):
        return _sentence(title)
    details = []
    edition = _field(entry, "edition")
    if edition:
        details.append(escape(edition, quote=False))
    number = _field(entry, "number")
    report_type = _field(entry, "type")
    if number:
        details.append(escape(f"{report_type} nr. {number}" if report_type else f"nr. {number}",
                              quote=False))
    if kind in ("phdthesis", "mastersthesis"):
        degree = "Ph.d.-afhandling" if kind == "phdthesis" else "Specialeafhandling"
        school = _field(entry, "school")
        where = f", {escape(school, quote=False)}" if school else ""
        return f"<em>{title}</em> [{degree}{where}]."
    suffix = f" ({'; '.join(details)})" if details else ""
    return f"<em>{title}</em>{suffix}."


class Formatter:
    """Formats a whole bibliography once, with APA's a/b suffixes for same author and year."""

    def __init__(self, data: BibliographyData) -> None:
        drafts = {key: self._draft(key, entry) for key, entry in data.entries.items()}
        self.entries = self._disambiguate(drafts, data)

    def __getitem__(self, key: str) -> Formatted:
        return self.entries[key]

    def sorted(self, keys: list[str] | set[str]) -> list[Formatted]:
        return sorted((self.entries[k] for k in keys), key=lambda f: f.sort_key)

    @staticmethod
    def _draft(key: str, entry: Entry) -> tuple[str, str, tuple]:
        persons, _ = _authors(entry)
        label = _citation_label(persons, entry)
        year = _field(entry, "year") or NO_DATE
        names = [_surname(p) for p in persons] or [label]
        return label, year, (tuple(collation_key(n) for n in names), year,
                             collation_key(_field(entry, "title")))

    def _disambiguate(self, drafts: dict, data: BibliographyData) -> dict[str, Formatted]:
        groups: dict[tuple[str, str], list[str]] = {}
        for key, (label, year, _) in drafts.items():
            groups.setdefault((label, year), []).append(key)
        result = {}
        for (label, year), keys in groups.items():
            ordered = sorted(keys, key=lambda k: drafts[k][2])
            for index, key in enumerate(ordered):
                suffix = chr(ord("a") + index) if len(ordered) > 1 else ""
                shown_year = f"{year}-{suffix}" if suffix and year == NO_DATE else year + suffix
                entry = data.entries[key]
                result[key] = Formatted(key, label, shown_year,
                                        _reference(entry, shown_year), drafts[key][2])
        return result


def _reference(entry: Entry, year: str) -> str:
    persons, editors = _authors(entry)
    parts = []
    if persons:
        names = _join_reference_names([_reference_name(p) for p in persons])
        if editors:
            names += f" ({EDITOR})"
        parts.append(f"{escape(_sentence(names), quote=False)} ({year}).")
        parts.append(_title(entry))
    elif _title_label(entry) == _field(entry, "institution") and _field(entry, "institution"):
        parts.append(f"{escape(_sentence(_field(entry, 'institution')), quote=False)} ({year}).")
        parts.append(_title(entry))
    else:
        # No author: the title moves to the author's place (APA 7, 9.12).
        parts.append(f"{_title(entry)} ({year}).")
    source = _source(entry)
    if source:
        parts.append(source)
    link = _link(entry)
    if link:
        parts.append(link)
    return " ".join(parts)


def cite(formatted: Formatted, locator: str | None = None) -> str:
    """In-text text for one work: 'Fancourt & Finn, 2019' or 'Jensen, 2019, s. 12'."""
    text = f"{formatted.label}, {formatted.year}"
    return f"{text}, {normalise_locator(locator)}" if locator else text


def normalise_locator(locator: str) -> str:
    """'p. 12', 'pp. 3-5' and 's. 12' all read as Danish 's. 12' / 's. 3–5'."""
    text = re.sub(r"^(?:pp?\.|ss?\.|sider?|page|pages)\s*", f"{PAGE} ", locator.strip())
    return text.replace("--", "–").replace("-", "–")
