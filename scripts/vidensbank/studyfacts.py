"""What a study extraction says, as rows a reader can scan: the "Tal fra undersøgelsen" table on a
research card and the rows of the open data's studier.csv share these words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vidensbank.extractions import Extraction, at
from vidensbank.vocabulary import Vocabulary

# Out of search: the card's text says what the figures mean; the table is for checking them (and
# every row is in /data/studier.csv).
HEADING = "## Tal fra undersøgelsen { #tal data-search-exclude }"
NOT_STATED = "ikke-oplyst"

READ = {
    "fuldtekst": "Hele teksten",
    "abstract": "Kun resuméet (abstract)",
    "organisationens-side": "Udgiverens egen webside",
    "nyhedsartikel": "Nyhedsartiklen",
    "sekundaer-kilde": "En anden kilde om værket",
}
# (path in the extraction, label) in reading order; results follow.
ROWS = (
    (("setting",), "Hvor"),
    (("population",), "Hvem"),
    (("numbers", "recruited"), "Rekrutteret"),
    (("numbers", "analysed"), "Analyseret"),
    (("numbers", "completed"), "Gennemførte"),
    (("intervention", "description"), "Forløbet"),
    (("intervention", "weeks"), "Uger"),
    (("intervention", "sessions"), "Gange i alt"),
    (("intervention", "sessions_per_week"), "Gange om ugen"),
    (("intervention", "hours_per_session"), "Timer pr. gang"),
    (("intervention", "group_size"), "Deltagere pr. gruppe"),
    (("comparator",), "Sammenlignet med"),
    (("follow_up",), "Opfølgning"),
    (("reviewed", "studies"), "Undersøgelser i reviewet"),
    (("reviewed", "controlled"), "Heraf med sammenligningsgruppe"),
    (("instrument", "items"), "Spørgsmål"),
    (("instrument", "response_scale"), "Svarskala"),
    (("instrument", "score_range"), "Pointskala"),
    (("instrument", "time_to_complete"), "Tid"),
    (("instrument", "danish_version"), "Dansk version"),
    (("instrument", "licence"), "Licens"),
    (("programme", "status"), "Status"),
)


def locator_text(locator: dict[str, Any] | None) -> str:
    """Where in the source: 's. 23', 'tabel 2', 'afsnittet "Results"', 'resuméet'."""
    if not locator:
        return ""
    parts = []
    if "page" in locator:
        parts.append(f"s. {locator['page']}")
    if "table" in locator:
        parts.append(f"tabel {locator['table']}")
    if "figure" in locator:
        parts.append(f"figur {locator['figure']}")
    if "section" in locator:
        parts.append(f"afsnittet »{locator['section']}«")
    if locator.get("abstract"):
        parts.append("resuméet")
    return ", ".join(parts)


def fact_text(fact: dict[str, Any]) -> str:
    """A fact's value with its unit and whom it concerns: '44 deltagere (dem, der gennemførte)'."""
    value = fact.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = str(value)
    else:  # Danish: 1.124 deltagere, 62,5 %
        text = f"{value:,}".replace(",", "_").replace(".", ",").replace("_", ".")
    if text == NOT_STATED:
        return "Oplyses ikke i kilden"
    unit = str(fact.get("unit") or "")
    if unit:
        text += f" {unit}"
    if fact.get("analysed"):
        text += f" ({fact['analysed']})"
    return text


def rows(extraction: Extraction, vocabulary: Vocabulary) -> Iterator[tuple[str, str, str]]:
    """(what, what the source says, where) for every stated fact, then every result."""
    data = extraction.data
    read = data.get("read") or {}
    source = read.get("source", "")
    yield "Læst", f"{READ.get(source, source)}: {read.get('what', '')}", ""
    design = data.get("design")
    if design:
        designs = vocabulary.get("designs")
        yield "Design", designs.label_of(design) if designs else str(design), ""
    reviewed = (data.get("reviewed") or {}).get("designs")
    if reviewed:
        designs = vocabulary.get("designs")
        yield "Design i reviewet", ", ".join(designs.label_of(d) if designs else d
                                             for d in reviewed), ""
    for path, label in ROWS:
        fact = at(data, path)
        if isinstance(fact, dict) and fact.get("value") not in (None, NOT_STATED):
            yield label, fact_text(fact), locator_text(fact.get("locator"))
    instruments = [f for f in data.get("instruments") or [] if isinstance(f, dict)]
    if instruments:
        yield ("Måleredskaber", ", ".join(str(f.get("value")) for f in instruments),
               "; ".join(dict.fromkeys(locator_text(f.get("locator")) for f in instruments)))
    for result in data.get("results") or []:
        if isinstance(result, dict) and result.get("value") not in (None, NOT_STATED):
            yield (str(result.get("what", "Resultat")), fact_text(result),
                   locator_text(result.get("locator")))


def section(extractions: list[tuple[str, Extraction]], vocabulary: Vocabulary) -> str:
    """The card's "Tal fra undersøgelsen" section: one table per study it summarises."""
    if not extractions:
        return ""
    lines = [HEADING, "",
             "Det, vidensbanken har læst i kilden, og hvor det står. Kortet bygger på det.", ""]
    for label, extraction in extractions:
        if len(extractions) > 1:
            lines += [f"### {_cell(label)} {{ data-search-exclude }}", ""]
        lines += ["| Oplysning | Hvad kilden siger | Hvor i kilden |", "|---|---|---|"]
        lines += [f"| {_cell(a)} | {_cell(b)} | {_cell(c)} |"
                  for a, b, c in rows(extraction, vocabulary)]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, line breaks or citation syntax."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text.replace("[@", "[ @").replace("<", "&lt;")
