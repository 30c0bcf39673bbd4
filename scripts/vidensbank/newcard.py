"""``vidensbank new``: a card skeleton made from the card type's schema and, where there is one, the
work's entry in the bibliography.

The skeleton is a draft ('draft: true'): it passes ``vidensbank check`` with warnings for what is
still to be written, and is not published until the line is deleted. Every field the type has is
there as a comment with its description and allowed terms, so nobody has to look them up.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pybtex.database import Entry

from vidensbank import apa, extractions, news
from vidensbank.bank import Bank
from vidensbank.schemas import CardType
from vidensbank.slugs import slugify

NEWS = "nyhed"  # `new nyhed TITEL`: a news post in docs/nyt/, e.g. from a network meeting
_NEWS_GUIDANCE = (
    "Hvad er nyt? Efter et netværksmøde: hvornår og hvor mødet var, hvad I talte om, og hvad der "
    "sker nu. Nævn organisationer og kommuner, ikke privatpersoner. Henvis til kort med relative "
    "links, fx [Kulturvitaminer](../eksempler/kulturvitaminer-aalborg.md)."
)

# Filled in by `new` itself; every other field is left for the contributor.
_FILLED = ("title", "type", "draft", "references", "added")
_MAX_TERMS = 20

# An example card's format fields start as 'ikke-oplyst' (the sources are silent) and are
# replaced with what the sources say: a valid value, so the comparison table never guesses.
NOT_STATED = "ikke-oplyst"
_PLACEHOLDERS: dict[str, dict[str, Any]] = {
    "eksempel": {
        "referral": [NOT_STATED],
        "criteria": NOT_STATED,
        "dose": {"weeks": NOT_STATED, "sessions_per_week": NOT_STATED,
                 "hours_per_session": NOT_STATED},
        "group_size": NOT_STATED,
        "led_by": NOT_STATED,
        "cost": NOT_STATED,
    },
}
_PLACEHOLDER_NOTE = (
    "# Tilbuddets form: erstat 'ikke-oplyst' med det, kilderne siger (tal uden anførselstegn). "
    "Lad 'ikke-oplyst' stå, hvor kilderne ikke siger noget — gæt aldrig."
)


class NewCardError(Exception):
    """Why no card was made, in Danish, with what to do."""


@dataclass(frozen=True)
class NewCard:
    path: Path
    text: str


def make(bank: Bank, type_name: str, source: str, slug: str | None = None,
         today: date | None = None) -> NewCard:
    """The card for ``source`` (a key in the bibliography, or a title for cards without one)."""
    if type_name == NEWS:
        return _news(bank, source, slug, today or date.today())
    card_type = bank.schemas.types.get(type_name)
    if card_type is None:
        raise NewCardError(f"ukendt korttype '{type_name}' — vælg en af: "
                           f"{', '.join([*bank.schemas.types, NEWS])}")
    entry = bank.bibliography.data.entries.get(source)
    if entry is None and type_name == "forskning":
        raise NewCardError(f"'{source}' findes ikke i research/references.bib — tilføj værket "
                           "med 'vidensbank ref add' først, og brug dets nøgle")
    title = apa.latex_to_text(entry.fields.get("title", source)) if entry else source
    path = _free_path(bank, card_type.folder, slug or _slug(entry, title))
    key = source if entry is not None else None
    text = _front_matter(bank, card_type, title, key, entry, today or date.today())
    return NewCard(path, text + _body(card_type))


def _news(bank: Bank, title: str, slug: str | None, today: date) -> NewCard:
    path = _free_path(bank, news.FOLDER, slug or _slug(None, title))
    text = "\n".join([
        "---",
        f"title: {_scalar(title)}",
        f"date: {today.isoformat()}  # udgivelsesdagen: ret den, hvis nyheden udgives en anden dag",
        "draft: true  # slet linjen, når nyheden er klar: så udgives den",
        "# summary (påkrævet): én eller to sætninger, der vises i nyhedslisten, i feedet og når "
        "siden deles",
        "# summary: …",
        "---",
        "",
        f"# {title}",
        "",
        f"<!-- {_NEWS_GUIDANCE} -->",
        "",
    ])
    return NewCard(path, text)


def _free_path(bank: Bank, folder: str, slug: str) -> Path:
    if not slug or slugify(slug) != slug:
        raise NewCardError(f"'{slug}' kan ikke bruges i en adresse — skriv små bogstaver og "
                           "bindestreger, fx 'jensen-2018-kulturvitaminer'")
    path = bank.repo.docs / folder / f"{slug}.md"
    if path.exists():
        raise NewCardError(f"{bank.repo.relative(path)} findes allerede — vælg et andet navn med "
                           "--slug, eller ret det eksisterende kort")
    return path


# The kind of work a card of each type usually cites, for the extraction skeleton.
_WORK_KIND = {"forskning": "undersoegelse", "metode": "instrument", "eksempel": "program"}


def extraction(bank: Bank, key: str, card_type: str = "forskning",
               today: date | None = None) -> NewCard | None:
    """The extraction skeleton for a work in the bibliography (None if it already has one)."""
    if key not in bank.bibliography.data.entries:
        raise NewCardError(f"'{key}' findes ikke i research/references.bib — tilføj værket med "
                           "'vidensbank ref add' først, og brug dets nøgle")
    path = bank.repo.research / extractions.FOLDER / f"{key}.yaml"
    if path.exists():
        return None
    kind = _WORK_KIND.get(card_type, "undersoegelse")
    return NewCard(path, extractions.skeleton(key, (today or date.today()).isoformat(), kind))


def write(card: NewCard) -> None:
    card.path.parent.mkdir(parents=True, exist_ok=True)
    with card.path.open("x", encoding="utf-8") as out:  # 'x': never overwrite a card
        out.write(card.text)


def _slug(entry: Entry | None, title: str) -> str:
    if entry is None:
        return "-".join(slugify(title).split("-")[:6])
    authors = _surnames(entry)
    year = re.search(r"\d{4}", entry.fields.get("year", ""))
    words = [w for w in slugify(title).split("-") if len(w) > 3][:2]
    return "-".join([*authors, *([year.group(0)] if year else []), *words])


def _surnames(entry: Entry) -> list[str]:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    picked = persons[:2] if len(persons) <= 2 else persons[:1]
    return [slugify(apa.latex_to_text(" ".join(p.last_names))) for p in picked]


def _front_matter(bank: Bank, card_type: CardType, title: str, key: str | None,
                  entry: Entry | None, today: date) -> str:
    lines = ["---", f"title: {_scalar(title)}  # skriv en kort dansk titel (højst 120 tegn)",
             f"type: {card_type.name}",
             "draft: true  # slet linjen, når kortet er færdigt og gennemgået: så udgives det"]
    if key:
        lines.append(f"references: [{key}]")
        lines.append(f"# Kilde: {_source_line(bank, key, entry)}")
    lines.append(f"added: {today.isoformat()}")
    properties = bank.schemas.properties(card_type)
    required = card_type.schema.get("required", [])
    order = [*required, *(name for name in properties if name not in required)]
    placeholders = _PLACEHOLDERS.get(card_type.name, {})
    noted = False
    for name in order:
        if name in _FILLED or name not in properties:
            continue
        if name in placeholders:
            if not noted:
                lines.append(_PLACEHOLDER_NOTE)
                noted = True
            lines += _placeholder(bank, name, properties[name], placeholders[name])
            continue
        lines += _commented(bank, name, properties[name], name in required)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _source_line(bank: Bank, key: str, entry: Entry | None) -> str:
    reference = html.unescape(re.sub(r"<[^>]+>", "", bank.formatter[key].html))
    doi = entry.fields.get("doi") if entry else None
    return f"{reference}" + ("" if not doi or doi in reference else f" DOI: {doi}")


def _commented(bank: Bank, name: str, schema: dict[str, Any], required: bool) -> list[str]:
    """One field as a comment: what it is, the terms it may hold, and an example line."""
    description = schema.get("description", "")
    need = "påkrævet" if required else "valgfrit"
    lines = [f"# {name} ({need}): {description}".rstrip()]
    terms = bank.vocabulary.list_for(schema)
    if terms is not None:
        ids = list(terms.terms)
        shown = ", ".join(ids[:_MAX_TERMS]) + (" …" if len(ids) > _MAX_TERMS else "")
        lines.append(f"#   vælg blandt: {shown}")
    example = "[]" if schema.get("type") == "array" else "…"
    if name == "reviewed":
        example = "ÅÅÅÅ-MM-DD"
    lines.append(f"# {name}: {example}")
    return lines


def _placeholder(bank: Bank, name: str, schema: dict[str, Any], value: Any) -> list[str]:
    """A required field with its 'ikke-oplyst' value, after the same comment as the others."""
    lines = _commented(bank, name, schema, True)[:-1]  # without the commented example line
    if isinstance(value, dict):
        lines.append(f"{name}:")
        lines += [f"  {key}: {item}" for key, item in value.items()]
        lines += [f"  # {key}: …" for key in schema.get("properties", {}) if key not in value]
    elif isinstance(value, list):
        lines.append(f"{name}: [{', '.join(value)}]")
    else:
        lines.append(f"{name}: {value}")
    return lines


def _body(card_type: CardType) -> str:
    parts = [""]
    for section in card_type.schema.get("x-sections", []):
        parts.append(f"## {section['heading']}\n\n<!-- {section['guidance']} -->\n")
    return "\n".join(parts)


def _scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()
