"""Turn an exported entry into the bibliography's own form: BibTeX names for biblatex fields, a bare
DOI, braces around organisations as authors, and a readable key when the export has none."""

from __future__ import annotations

import re

from vidensbank.bibfile import BibEntry, canonical_fields
from vidensbank.bibtex_text import bare_doi
from vidensbank.slugs import slugify

TYPE_ALIASES = {"www": "online", "electronic": "online", "webpage": "online"}
# Words that mark an author as an organisation ("World Health Organization", "Sundhedsstyrelsen").
_ORGANISATION = re.compile(
    r"\b(organi[sz]ation|institute|office|ministry|council|agency|centre|center|department|"
    r"university|foundation|association|society|commission|network|board|trust|nhs|who|oecd|"
    r"region|kommune|råd)\b"
    r"|(ministeri|styrelse|universitet|fonden|forening|netværk|institut)",
    re.IGNORECASE,
)
_STOPWORDS = {
    "a", "an", "the", "of", "on", "in", "and", "for", "to", "what", "how", "is", "are", "does",
    "do", "with", "at", "by", "from", "et", "en", "og", "i", "på", "af", "til", "om", "med",
    "der", "det", "de", "den", "hvad", "hvordan", "er", "la", "le", "les", "die", "das", "och",
    "att", "som",
}
KEY_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")
# Keys that say nothing about the work: EndNote's record numbers ('RN12').
_MEANINGLESS_KEY = re.compile(r"^RN\d+$")


def normalise(entry: BibEntry) -> tuple[BibEntry, list[str]]:
    """The entry in canonical form, and a Danish note for every change a reader should know of."""
    notes: list[str] = []
    fields = canonical_fields(entry.fields)
    kind = TYPE_ALIASES.get(entry.type.lower(), entry.type.lower())
    if "journaltitle" in fields and "journal" not in fields:
        fields["journal"] = fields.pop("journaltitle")
    if "date" in fields and "year" not in fields:
        year = re.match(r"\s*(\d{4})", fields["date"])
        if year:
            fields["year"] = year.group(1)
    if "doi" not in fields:
        from_url = bare_doi(fields.get("url", ""))
        if from_url.startswith("10."):
            fields["doi"] = from_url
    for role in ("author", "editor"):
        if role in fields:
            fields[role], braced = _protect_organisations(fields[role])
            notes += [f"'{name}' ligner en organisation og er sat i {{ }}, så navnet ikke deles "
                      "op i fornavn og efternavn" for name in braced]
    return BibEntry(entry.key, kind, fields, entry.leading), notes


def _protect_organisations(names: str) -> tuple[str, list[str]]:
    parts = re.split(r"\s+and\s+", names)
    braced = []
    for index, name in enumerate(parts):
        if "," in name or name.startswith("{") or not _ORGANISATION.search(name):
            continue
        parts[index] = f"{{{name}}}"
        braced.append(name)
    return " and ".join(parts), braced


def make_key(entry: BibEntry, taken: set[str]) -> str:
    """'fancourt2019evidence': first author's surname, year and first real word of the title;
    a letter is added (b, c …) if the key is already used."""
    base = f"{_surname(entry)}{_year(entry)}{_first_word(entry.get('title'))}" or "kilde"
    key, suffix = base, ord("b")
    while key.casefold() in taken:
        key = f"{base}{chr(suffix)}"
        suffix += 1
    return key


def usable_key(key: str) -> bool:
    """Whether an exported key can be cited as [@key] as it is."""
    return bool(KEY_PATTERN.match(key)) and not _MEANINGLESS_KEY.match(key)


def _surname(entry: BibEntry) -> str:
    names = entry.get("author") or entry.get("editor") or entry.get("institution")
    first = re.split(r"\s+and\s+", names.strip())[0] if names.strip() else ""
    if first.startswith("{"):  # organisation: its first word
        surname = first.strip("{}").split()[0] if first.strip("{}") else ""
    elif "," in first:
        surname = first.split(",")[0]
    else:
        surname = first.split()[-1] if first.split() else ""
    return slugify(surname, separator="")


def _year(entry: BibEntry) -> str:
    found = re.search(r"\d{4}", entry.get("year") or entry.get("date"))
    return found.group(0) if found else ""


def _first_word(title: str) -> str:
    for word in slugify(title.replace("{", "").replace("}", "")).split("-"):
        if word and word not in _STOPWORDS and not word.isdigit():
            return word
    return ""


def title_fingerprint(entry: BibEntry) -> str:
    """The title without case, braces, accents and punctuation, for spotting the same work twice."""
    return slugify(entry.get("title").replace("{", "").replace("}", ""), separator="")
