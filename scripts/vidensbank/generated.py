"""Everything generated from front matter and research/: evidence rubric, fields reference,
bibliography, the card list with its index, the cards due for review, and the what-works
pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from vidensbank import cardfilter, citing, dates, evidencerule, history, news, opendata, whatworks
from vidensbank.bank import Bank
from vidensbank.bibprivacy import public_bibtex
from vidensbank.catalogue import Card
from vidensbank.content import Page
from vidensbank.paths import (
    BIBLIOGRAPHY,
    BIBTEX,
    CARD_INDEX,
    CARDS,
    FIELDS,
    GUIDE,
    REVIEW,
    RUBRIC,
)
from vidensbank.rawhtml import Raw, verbatim
from vidensbank.schemas import Schemas
from vidensbank.urls import page_url, relative_url
from vidensbank.vocabulary import Vocabulary


def sources(bank: Bank) -> list[str]:
    """Paths of everything generated, without generating it (links to them are valid)."""
    return [RUBRIC, FIELDS, GUIDE, REVIEW, BIBLIOGRAPHY, BIBTEX, CARDS, CARD_INDEX, news.FEED,
            opendata.PAGE, opendata.CARDS_JSON, opendata.STUDIES_CSV,
            *whatworks.sources(bank.catalogue),
            *(sources_file(card.page) for card in bank.catalogue.cards)]


def pages(bank: Bank, raw: Raw = verbatim, today: date | None = None) -> dict[str, str]:
    """Markdown of each generated page, by its path inside docs/."""
    return {
        RUBRIC: rubric(bank.vocabulary),
        FIELDS: fields(bank.vocabulary, bank.schemas),
        GUIDE: guide(bank),
        REVIEW: review(bank.catalogue.cards, today or date.today(), raw),
        BIBLIOGRAPHY: bibliography(bank, raw),
        CARDS: cardfilter.page(bank.catalogue, bank.schemas, raw),
        opendata.PAGE: opendata.page(bank),
        **whatworks.pages(bank.catalogue, raw),
    }


def files(bank: Bank) -> dict[str, str]:
    """Other generated files: the bibliography as BibTeX and the card index as JSON."""
    return {
        BIBTEX: _public_bibtex(bank, sorted(bank.bibliography.raw, key=str.casefold)),
        CARD_INDEX: cardfilter.index(bank.catalogue),
    }


def sources_file(page: Page) -> str:
    """Where a card's cited works are published as BibTeX: beside the card's own page."""
    return f"{page.url}kilder.bib"


def card_bibtex(bank: Bank, keys: set[str]) -> str:
    """The BibTeX of the works a card rests on, with only their public fields."""
    return _public_bibtex(bank, [f.key for f in bank.formatter.sorted(keys)])


def _public_bibtex(bank: Bank, keys: list[str]) -> str:
    raw = bank.bibliography.raw
    return "\n\n".join(public_bibtex(raw[key]) for key in keys if key in raw) + "\n"


def guide(bank: Bank) -> str:
    """The contributor guide (CONTRIBUTING.md in the repository) as a page of the site."""
    path = bank.repo.root / "CONTRIBUTING.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Sådan bidrager du\n"
    return ("---\ntitle: Sådan bidrager du\nsummary: Fra en eksport i Zotero til et færdigt kort "
            "i vidensbanken — trin for trin, med og uden Python.\n---\n\n" + text)


def review(cards: list[Card], today: date, raw: Raw = verbatim) -> str:
    """'Kort, der skal gennemgås': the cards due for review, and those due soon, oldest first."""
    due, soon = history.due_for_review(cards, today)
    months, soon_months = history.REVIEW_MONTHS, history.SOON_MONTHS
    return "\n".join([
        "---",
        "summary: De kort, der ikke er gennemgået fagligt i to år, og dem, der snart skal "
        "gennemgås.",
        "search:",
        "  exclude: true",  # the cards are found on their own pages
        "---",
        "",
        "# Kort, der skal gennemgås",
        "",
        f"Et kort skal gennemgås fagligt, når der er gået {months} måneder siden sidst. Her står "
        "de kort, det gælder nu, og dem, det gælder inden for "
        f"{soon_months} måneder. Det kort, der er gennemgået for længst siden, står først. Når "
        "du har gennemgået et kort, skriver du datoen i feltet `reviewed`. Listen er lavet "
        f"{dates.danish(today)}, da siden sidst blev bygget.",
        "",
        "## Skal gennemgås nu {#nu}",
        raw(_review_list(due, "Alle kort er gennemgået inden for de sidste "
                         f"{months} måneder.")),
        f"## Skal gennemgås inden for {soon_months} måneder {{#snart}}",
        raw(_review_list(soon, f"Ingen kort skal gennemgås inden for {soon_months} måneder.")),
    ])


def _review_list(cards: list[Card], empty: str) -> str:
    if not cards:
        return f'<p class="vb-empty">{escape(empty)}</p>'
    here = page_url(REVIEW)
    items = "".join(
        f'<li><a href="{relative_url(here, card.url)}">{escape(card.title)}</a> — senest '
        f"gennemgået {escape(dates.danish(card.page.date_of('reviewed')))}</li>"
        for card in cards)
    return f'<ul class="vb-review" data-search-exclude>{items}</ul>'


def rubric(vocabulary: Vocabulary) -> str:
    levels = vocabulary.get("evidence")
    lines = [
        "---",
        "summary: Sådan vurderer vidensbanken, hvor sikker viden en undersøgelse giver.",
        "---",
        "",
        "# Evidensniveauer",
        "",
        "Hvert forskningsresumé får et af disse niveauer. Niveauet siger, hvor sikkert vi kan "
        "sige, at en aktivitet gør en forskel — ikke hvor stor forskellen er. Et lavt niveau "
        "betyder, at vi ved mindre, ikke at aktiviteten ikke virker.",
        "",
    ]
    for term in (levels.terms.values() if levels else []):
        lines += [f"## {escape(term.label)} {{#{term.id}}}", "", escape(term.definition), ""]
    lines += [
        "## Reglen bag niveauet {#regel}",
        "",
        "`vidensbank check` sammenholder hvert korts niveau med designet i udtrækkene af de "
        "værker, kortet citerer (research/extractions/). Et kort må højst have det niveau, "
        "designet tillader. Et review arver niveauet fra de designs, det gennemgår.",
        "",
        "| Højst | Kræver |",
        "|---|---|",
        *(f"| {escape(levels.label_of(level) if levels else level)} | {escape(text)} |"
          for level, text in evidencerule.rule_rows(_design_label(vocabulary))),
        "",
    ]
    return "\n".join(lines)


def _design_label(vocabulary: Vocabulary) -> Callable[[str], str]:
    designs = vocabulary.get("designs")
    return designs.label_of if designs else str


def fields(vocabulary: Vocabulary, schemas: Schemas) -> str:
    lines = [
        "---",
        "summary: Alle felter, et kort i vidensbanken kan have, og de tilladte værdier.",
        "---",
        "",
        "# Felter på et kort",
        "",
        "Oplysningerne øverst i et kort (front matter) tjekkes af `vidensbank check`. Her er "
        "felterne for hver korttype. Siden laves automatisk ud fra skemaerne i "
        "`research/schema/` og ordlisterne i `research/vocabulary.yaml`.",
        "",
    ]
    for card_type in schemas.types.values():
        required = set(card_type.schema.get("required", []))
        lines += [f"## {escape(card_type.label)} {{#{card_type.name}}}", "",
                  escape(card_type.schema.get("description", "")), "",
                  f"Ligger i `docs/{card_type.folder}/` og har `type: {card_type.name}`.", "",
                  "| Felt | Påkrævet | Indhold |", "|---|---|---|"]
        for name, spec in schemas.properties(card_type).items():
            lines.append(f"| `{name}` | {'ja' if name in required else 'nej'} | "
                         f"{_describe(spec, vocabulary)} |")
        lines.append("")
    lines += ["## Ordlister {#ordlister}", "",
              "Felter med faste værdier tager dem fra disse lister i "
              "`research/vocabulary.yaml`.", ""]
    for term_list in vocabulary.lists.values():
        lines += [f"### {escape(term_list.label)} (`{term_list.name}`) {{#{term_list.name}}}",
                  "", "| Værdi | Betydning |", "|---|---|"]
        lines += [f"| `{t.id}` | **{escape(t.label)}** — {escape(t.definition)} |"
                  for t in term_list.terms.values()]
        lines.append("")
    return "\n".join(lines)


def _describe(spec: dict[str, Any], vocabulary: Vocabulary) -> str:
    text = escape(spec.get("description", ""))
    if "const" in spec:
        text += f" Skal være `{spec['const']}`."
    terms = vocabulary.list_for(spec)
    if terms:
        kind = "en liste af værdier" if spec.get("type") == "array" else "én værdi"
        text += f" {kind.capitalize()} fra [{escape(terms.label)}](#{terms.name})."
    if spec.get("type") == "object":
        parts = ", ".join(f"`{k}`" for k in spec.get("properties", {}))
        text += f" Underfelter: {parts}."
    return text.replace("|", "\\|")


def bibliography(bank: Bank, raw: Raw = verbatim) -> str:
    cited_by = citing.citing_pages(bank.content, bank.cited)
    here = "litteratur/"
    cited = [f for f in bank.formatter.sorted(bank.bibliography.keys) if f.key in cited_by]
    uncited = [f for f in bank.formatter.sorted(bank.bibliography.keys) if f.key not in cited_by]
    lines = [
        "---",
        "summary: Alle værker, vidensbanken bygger på, med henvisninger til de kort, der "
        "citerer dem.",
        "search:",
        "  exclude: true",  # each card's own reference list is searchable already
        "---",
        "",
        "# Litteratur",
        "",
        f"Vidensbanken bygger på {len(bank.bibliography.keys)} værker. Under hvert værk står de "
        "kort, der citerer det. Referencerne følger APA 7. "
        "[Hent hele litteraturlisten som BibTeX](references.bib), fx til dit referenceprogram.",
        "",
        "## Citeret i vidensbanken {#citeret}",
        "",
    ]
    entries = []
    for formatted in cited:
        pages = cited_by[formatted.key]
        links = ", ".join(
            f'<a href="{relative_url(here, p.url)}">{escape(p.title)}</a>' for p in pages
        )
        entries.append(_entry(bank, formatted.key, formatted.html, f"Citeret på: {links}"))
    lines.append(raw("".join(entries)) if cited
                 else "*Ingen kort citerer endnu værker fra litteraturlisten.*\n")
    if uncited:
        lines += ["## Endnu ikke citeret {#ikke-citeret}", "",
                  "Disse værker er i litteraturlisten, men intet kort citerer dem endnu.",
                  raw("".join(_entry(bank, f.key, f.html, "") for f in uncited))]
    return "\n".join(lines)


def _entry(bank: Bank, key: str, reference: str, cited_by: str) -> str:
    # Inside Markdown a blank line would end the raw HTML block; in BibTeX it means nothing.
    bibtex = re.sub(r"\n\s*\n", "\n", public_bibtex(bank.bibliography.raw.get(key, "")).strip())
    by = f'<p class="vb-cited-by">{cited_by}</p>' if cited_by else ""
    return (
        f'<div class="vb-entry" id="{escape(key, quote=True)}">'
        f'<p class="vb-reference">{reference}</p>{by}'
        f"<details><summary>BibTeX</summary><pre><code>{escape(bibtex)}</code></pre></details>"
        "</div>"
    )
