"""The "Kort fortalt" box that opens every card: for whom, what, how sure — from front matter.

The box is HTML. Its summary (for a question: the short answer) is what search shows as the
card's snippet; the facts under it are left out of the search index (data-search-exclude), so a
result does not read "Målgruppe Stress, … Status Afsluttet …".
"""

from __future__ import annotations

from html import escape
from typing import Any

from vidensbank import dates, paths
from vidensbank.content import Page
from vidensbank.schemas import CardType, Schemas
from vidensbank.urls import relative_url
from vidensbank.vocabulary import Vocabulary

# For whom, what was done, what came of it and how sure we are come first.
FIRST = ("target_groups", "employment_situation", "activities", "outcomes", "evidence")
# Fields shown as written (no vocabulary), by card type, with their Danish names.
PLAIN = {
    "metode": (("measures", "Måler"), ("items", "Antal spørgsmål"),
               ("response_scale", "Svarskala"), ("score_range", "Pointskala"),
               ("time_to_complete", "Tid")),
    "eksempel": (("place", "By eller område"), ("criteria", "Hvem kan deltage"), ("dose", "Omfang"),
                 ("group_size", "Holdstørrelse"), ("led_by", "Ledes af"), ("cost", "Pris")),
}
NOT_STATED = "ikke-oplyst"


def facts_box(page: Page, card_type: CardType, schemas: Schemas, vocabulary: Vocabulary) -> str:
    meta = page.meta
    parts = ['<div class="admonition abstract vb-facts">',
             '<p class="admonition-title" data-search-exclude>Kort fortalt</p>']
    if meta.get("question"):
        # Out of the search index, so a result's snippet is the short answer below.
        parts.append(f"<p data-search-exclude><strong>Spørgsmålet:</strong> "
                     f"{_text(meta['question'])}</p>")
    if meta.get("answer_summary"):
        parts.append(f"<p><strong>Kort svar:</strong> {_text(meta['answer_summary'])}</p>")
    elif meta.get("summary"):
        parts.append(f"<p>{_text(meta['summary'])}</p>")
    # For whom and how sure first, then what the card says in its own words, then the rest.
    termed = _termed_facts(page, card_type, schemas, vocabulary)
    first = [fact for name, fact in termed if name in FIRST]
    rest = [fact for name, fact in termed if name not in FIRST]
    facts = first + _plain_facts(meta, card_type.name) + rest + _licence_terms(meta)
    if facts:
        items = "\n".join(f"<dt>{escape(name)}</dt>\n<dd>{value}</dd>" for name, value in facts)
        parts.append(f"<dl data-search-exclude>\n{items}\n</dl>")
    if meta.get("reviewed"):
        by = f" af {escape(str(meta['reviewed_by']))}" if meta.get("reviewed_by") else ""
        parts.append(f'<p class="vb-reviewed" data-search-exclude><em>Senest gennemgået '
                     f"{escape(dates.danish(str(meta['reviewed'])))}{by}.</em></p>")
    parts.append("</div>")
    return "\n".join(parts)


def _text(value: object) -> str:
    return escape(" ".join(str(value).split()))


def _termed_facts(page: Page, card_type: CardType, schemas: Schemas,
                  vocabulary: Vocabulary) -> list[tuple[str, tuple[str, str]]]:
    """Fields whose values are terms of a vocabulary, as (field, (label, HTML))."""
    properties = schemas.properties(card_type)
    order = [*FIRST, *(name for name in properties if name not in FIRST)]
    facts = []
    for name in order:
        spec, value = _termed(properties.get(name, {}), page.meta.get(name))
        terms = vocabulary.list_for(spec)
        if not terms or not value:
            continue
        ids = value if isinstance(value, list) else [value]
        shown = ", ".join(escape(terms.label_of(str(i))) for i in ids)
        if name == "evidence":
            rubric = relative_url(page.url, f"{paths.RUBRIC_URL}#{ids[0]}")
            shown = f'<a href="{escape(rubric, quote=True)}">{shown}</a>'
        facts.append((name, (terms.label, shown)))
    return facts


def _termed(spec: dict, value: object) -> tuple[dict, object]:
    """A field's vocabulary and value; for a group of fields such as ``danish_version`` or
    ``licence``, the one subfield that takes a term (its status or type)."""
    if spec.get("type") != "object" or not isinstance(value, dict):
        return spec, value
    for sub, sub_spec in spec.get("properties", {}).items():
        if "x-vocabulary" in sub_spec:
            return sub_spec, value.get(sub)
    return spec, None


def _plain_facts(meta: dict[str, Any], card_type: str) -> list[tuple[str, str]]:
    facts = []
    for name, label in PLAIN.get(card_type, ()):
        value = meta.get(name)
        if value in (None, ""):
            continue
        shown = _text(dose_text(value)) if name == "dose" else _value(value)
        if shown:
            facts.append((label, shown))
    return facts


def _value(value: object) -> str:
    return "Ikke oplyst" if str(value).strip() == NOT_STATED else _text(value)


def dose_text(dose: object) -> str:
    """'10 uger, 1 gang om ugen, 2 timer pr. gang', then the free description (plain text)."""
    if not isinstance(dose, dict):
        return "" if dose in (None, "") else str(dose)
    units = (("weeks", "uger", "uge"), ("sessions_per_week", "gange om ugen", "gang om ugen"),
             ("hours_per_session", "timer pr. gang", "time pr. gang"))
    said = []
    for name, plural, singular in units:
        value = dose.get(name)
        if value is None or str(value) == NOT_STATED:
            continue  # the description, or the table's "ikke oplyst", says what is not known
        number = f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
        said.append(f"{number} {singular if value == 1 else plural}")
    text = ", ".join(said)
    if dose.get("description"):
        text = f"{text}. {dose['description']}" if text else str(dose["description"])
    return " ".join(text.split())


def _licence_terms(meta: dict[str, Any]) -> list[tuple[str, str]]:
    licence = meta.get("licence")
    if isinstance(licence, dict) and licence.get("terms"):
        return [("Vilkår", _text(licence["terms"]))]
    return []
