"""The "Kort fortalt" box that opens every card: for whom, what, how sure — from front matter."""

from __future__ import annotations

import posixpath
from html import escape

from vidensbank import paths
from vidensbank.content import Page
from vidensbank.schemas import CardType, Schemas
from vidensbank.vocabulary import Vocabulary

# For whom, what was done, what came of it and how sure we are come first.
FIRST = ("target_groups", "employment_situation", "activities", "outcomes", "evidence")


def facts_box(page: Page, card_type: CardType, schemas: Schemas, vocabulary: Vocabulary) -> str:
    lines = ['!!! abstract "Kort fortalt"', ""]
    if page.meta.get("question"):
        lines += [f"    **Spørgsmålet:** {escape(str(page.meta['question']).strip())}", ""]
    if page.meta.get("summary"):
        lines += [f"    {escape(str(page.meta['summary']).strip())}", ""]
    properties = schemas.properties(card_type)
    order = [*FIRST, *(name for name in properties if name not in FIRST)]
    for name in order:
        spec, value = _termed(properties.get(name, {}), page.meta.get(name))
        terms = vocabulary.list_for(spec)
        if not terms or not value:
            continue
        ids = value if isinstance(value, list) else [value]
        shown = ", ".join(escape(terms.label_of(str(i))) for i in ids)
        if name == "evidence":
            rubric = posixpath.relpath(paths.RUBRIC, posixpath.dirname(page.src))
            shown = f"[{shown}]({rubric}#{ids[0]})"
        lines += [f"    {escape(terms.label)}", f"    :   {shown}", ""]
    if page.meta.get("reviewed"):
        by = f" af {escape(str(page.meta['reviewed_by']))}" if page.meta.get("reviewed_by") else ""
        lines += [f"    *Senest gennemgået {escape(str(page.meta['reviewed']))}{by}.*", ""]
    return "\n".join(lines)


def _termed(spec: dict, value: object) -> tuple[dict, object]:
    """A field's vocabulary and value; for a group of fields such as ``danish_version`` or
    ``licence``, the one subfield that takes a term (its status or type)."""
    if spec.get("type") != "object" or not isinstance(value, dict):
        return spec, value
    for sub, sub_spec in spec.get("properties", {}).items():
        if "x-vocabulary" in sub_spec:
            return sub_spec, value.get(sub)
    return spec, None
