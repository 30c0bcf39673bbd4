"""The bank as open data: /data/kort.json (every card's front matter and address) and
/data/studier.csv (one row per result in the study extractions), with a page describing both.

Column names are part of the published interface: add columns at the end, never rename one.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import yaml

from vidensbank import paths, studyfacts
from vidensbank.bank import Bank
from vidensbank.repo import Repo

PAGE = paths.OPEN_DATA
CARDS_JSON = "data/kort.json"
STUDIES_CSV = "data/studier.csv"
SETTINGS = "open-data.yaml"

# (column, description) — the order of the CSV's columns.
COLUMNS = (
    ("noegle", "Værkets nøgle i litteraturlisten (research/references.bib)."),
    ("vaerk", "Værket kort: forfatter og år, som i kortenes henvisninger."),
    ("doi", "Værkets DOI, hvis det har et."),
    ("url", "Værkets webadresse, hvis det ikke har en DOI."),
    ("design", "Undersøgelsens design (id fra ordlisten 'designs')."),
    ("land", "Lande (id'er fra ordlisten 'countries'), adskilt af mellemrum."),
    ("laest", "Hvad vidensbanken læste: fuldtekst, abstract, organisationens-side, "
              "nyhedsartikel eller sekundaer-kilde."),
    ("hvad", "Hvad tallet er, på dansk."),
    ("vaerdi", "Tallet eller teksten, som kilden angiver det (punktum som decimaltegn)."),
    ("enhed", "Enheden, fx deltagere, uger, % eller point."),
    ("gaelder", "Hvem tallet gælder, fx kun dem, der gennemførte."),
    ("sted", "Hvor i kilden tallet står: side, tabel, figur, afsnit eller resumé."),
    ("kort", "Adresserne på de kort, der citerer værket, adskilt af mellemrum."),
)


def settings(repo: Repo) -> dict[str, str]:
    """The licence and attribution the network publishes the data under."""
    path = repo.research / SETTINGS
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return {k: str(v) for k, v in (data or {}).items()}


def cards_json(bank: Bank, site_url: str) -> str:
    """Every published card: its address, type and all of its front matter."""
    licence = settings(bank.repo)
    records = []
    for card in sorted(bank.catalogue.cards, key=lambda c: c.page.src):
        records.append({"url": site_url + card.page.url, "type": card.type.name,
                        "front_matter": _plain(card.page.meta)})
    return json.dumps({"licens": licence.get("licence", ""), "licens_url": licence.get("url", ""),
                       "kilde": licence.get("attribution", ""), "kort": records},
                      ensure_ascii=False, indent=1) + "\n"


def studies_csv(bank: Bank, site_url: str) -> str:
    """One row per result in every extraction a published card cites."""
    citing: dict[str, list[str]] = {}
    for card in sorted(bank.catalogue.cards, key=lambda c: c.page.url):
        for key in sorted(bank.cited.get(card.page.src, set())):
            citing.setdefault(key, []).append(site_url + card.page.url)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in COLUMNS])
    for key in sorted(citing):
        extraction = bank.extractions.get(key)
        entry = bank.bibliography.data.entries.get(key)
        if extraction is None or entry is None:
            continue
        formatted = bank.formatter[key]
        data = extraction.data
        common = [key, f"{formatted.label} ({formatted.year})", entry.fields.get("doi", ""),
                  "" if entry.fields.get("doi") else entry.fields.get("url", ""),
                  data.get("design", ""), " ".join(data.get("country") or []),
                  (data.get("read") or {}).get("source", "")]
        for result in data.get("results") or []:
            if not isinstance(result, dict):
                continue
            writer.writerow([*common, result.get("what", ""), _value(result.get("value")),
                             result.get("unit", ""), result.get("analysed", ""),
                             studyfacts.locator_text(result.get("locator")),
                             " ".join(citing[key])])
    return out.getvalue()


def page(bank: Bank) -> str:
    """The /data/ page: what the files hold, the licence, and every column."""
    licence = settings(bank.repo)
    lines = [
        "---",
        "summary: Hent vidensbankens kort og tallene fra undersøgelserne som åbne data.",
        "---",
        "",
        "# Åbne data",
        "",
        "Alt i vidensbanken kan hentes som data, fx til en rapport, et regneark eller en anden "
        "hjemmeside. Filerne laves automatisk, hver gang siden bygges, ud fra de samme oplysninger "
        "som kortene.",
        "",
        "- [Alle kort (kort.json)](kort.json): hvert kort med adresse, type og alle "
        "oplysningerne øverst i kortet (front matter).",
        "- [Tal fra undersøgelserne (studier.csv)](studier.csv): én række pr. resultat i de "
        "værker, kortene citerer, med sidehenvisning til kilden.",
        "",
        "## Licens {#licens}",
        "",
        f"Data må bruges under licensen [{licence.get('licence', '')}]({licence.get('url', '')}). "
        f"Skriv »{licence.get('attribution', '')}« som kilde. Tallene i studier.csv stammer fra "
        "de værker, de står ud for; citér også dem.",
        "",
        "## Kolonnerne i studier.csv {#kolonner}",
        "",
        "Filen er kommasepareret (UTF-8) med kolonnenavne i første række. Navnene ændres ikke; "
        "nye kolonner kommer til sidst.",
        "",
        "| Kolonne | Indhold |",
        "|---|---|",
        *(f"| `{name}` | {text} |" for name, text in COLUMNS),
        "",
        "## Felterne i kort.json {#felter}",
        "",
        "`kort` er en liste med ét element pr. kort: `url` (kortets adresse), `type` "
        "(forskning, metode, eksempel eller tema) og `front_matter` (kortets felter, som de er "
        "beskrevet på siden [Felter på et kort](../bidrag/felter.md)). Datoer står som "
        "ÅÅÅÅ-MM-DD.",
        "",
    ]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    """Front matter as JSON: dates as ÅÅÅÅ-MM-DD text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _value(value: Any) -> str:
    return "" if value is None else str(value)

