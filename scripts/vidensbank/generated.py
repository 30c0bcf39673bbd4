"""Pages generated from research/: the evidence rubric and the reference of a card's fields."""

from __future__ import annotations

from html import escape
from typing import Any

from vidensbank.schemas import Schemas
from vidensbank.vocabulary import Vocabulary

RUBRIC = "hvad-virker/evidensniveauer.md"
FIELDS = "bidrag/felter.md"
SOURCES = (RUBRIC, FIELDS)


def pages(vocabulary: Vocabulary, schemas: Schemas) -> dict[str, str]:
    """Markdown of each generated page, by its path inside docs/."""
    return {RUBRIC: rubric(vocabulary), FIELDS: fields(vocabulary, schemas)}


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
    return "\n".join(lines)


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
    lines += ["## Ordlister {#ordlister}", ""]
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
    vocab = spec.get("x-vocabulary") or spec.get("items", {}).get("x-vocabulary")
    if vocab and vocabulary.get(vocab):
        kind = "en liste af værdier" if spec.get("type") == "array" else "én værdi"
        text += f" {kind.capitalize()} fra [{escape(vocabulary[vocab].label)}](#{vocab})."
    if spec.get("type") == "object":
        parts = ", ".join(f"`{k}`" for k in spec.get("properties", {}))
        text += f" Underfelter: {parts}."
    return text.replace("|", "\\|")
