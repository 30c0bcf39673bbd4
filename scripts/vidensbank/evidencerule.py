"""The written rule from study designs to the strongest evidence level a card may claim.

The rubric page shows this rule (``rule_rows``) and ``vidensbank check`` applies it (``check``) to
the designs in the extractions of the works a card cites, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vidensbank.content import Page
from vidensbank.extractions import FOLDER, Extraction, Extractions
from vidensbank.problems import Problem

ORDER = ("erfaring", "begraenset", "moderat", "staerk")

# The level one study of each design can carry on its own.
DESIGN_LEVEL = {
    "rct": "moderat",
    "kontrolleret": "moderat",
    "kohorte": "moderat",
    "foer-efter": "begraenset",
    "tvaersnit": "begraenset",
    "mixed-methods": "begraenset",
    "evalueringsrapport": "begraenset",
    "validering": "begraenset",
    "kvalitativ": "erfaring",
    "metodebeskrivelse": "erfaring",
}
REVIEWS = {"systematisk-review", "scoping-review", "oversigt"}
CONTROLLED = {"rct", "kontrolleret"}
# How many studies with a comparison group make a level 'stærk': in one systematic review, or
# cited side by side.
STRONG_COUNT = 2


@dataclass(frozen=True)
class Allowed:
    level: str
    because: str


def rule_rows(label: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """The rule in words, level by level, for the rubric page (``label`` names a design)."""
    def designs(level: str) -> str:
        return ", ".join(label(d).lower() for d, lv in DESIGN_LEVEL.items() if lv == level)
    return [
        ("staerk", f"Et systematisk review med mindst {STRONG_COUNT} undersøgelser med "
                   f"sammenligningsgruppe ({label('rct').lower()} eller "
                   f"{label('kontrolleret').lower()}), eller mindst {STRONG_COUNT} sådanne "
                   "undersøgelser, som kortet citerer."),
        ("moderat", f"Mindst én undersøgelse med sammenligningsgruppe: {designs('moderat')}. "
                    "Et review arver det stærkeste design, det gennemgår."),
        ("begraenset", f"Mindst én undersøgelse med målinger: {designs('begraenset')}."),
        ("erfaring", f"Kun {designs('erfaring')}, beskrivelser af tilbud eller erfaringer fra "
                     "praksis."),
    ]


def allowed(keys: Iterable[str], extractions: Extractions) -> Allowed:
    """The strongest level the cited works' designs allow."""
    best = Allowed("erfaring", "ingen af kilderne har et design med målinger")
    controlled = []
    for key in dict.fromkeys(keys):
        found = extractions.get(key)
        if found is None:
            continue
        level, because = _level(found)
        if ORDER.index(level) > ORDER.index(best.level):
            best = Allowed(level, because)
        if found.data.get("design") in CONTROLLED:
            controlled.append(key)
    if len(controlled) >= STRONG_COUNT and best.level != "staerk":
        best = Allowed("staerk", f"{len(controlled)} kontrollerede undersøgelser "
                                 f"({', '.join(controlled)})")
    return best


def check(page: Page, extractions: Extractions, keys: Iterable[str]) -> list[Problem]:
    """A card's evidence level stronger than its sources' designs allow."""
    claimed = page.meta.get("evidence")
    if claimed not in ORDER:
        return []
    found = allowed(keys, extractions)
    if ORDER.index(claimed) <= ORDER.index(found.level):
        return []
    return [page.problem(("evidence",), f"evidensniveauet '{claimed}' er stærkere, end kildernes "
                         f"design tillader: højst '{found.level}' ({found.because})",
                         f"skriv 'evidence: {found.level}', eller ret designet i "
                         f"research/{FOLDER}/ hvis udtrækket er forkert (reglen står på siden "
                         "om evidensniveauer)")]


def _level(found: Extraction) -> tuple[str, str]:
    design = found.data.get("design")
    if design in REVIEWS:
        reviewed = found.data.get("reviewed") or {}
        designs = [d for d in reviewed.get("designs") or [] if d in DESIGN_LEVEL]
        controlled = (reviewed.get("controlled") or {}).get("value")
        if (design == "systematisk-review" and isinstance(controlled, int)
                and controlled >= STRONG_COUNT):
            return "staerk", f"{found.key}: systematisk review af {controlled} kontrollerede " \
                             "undersøgelser"
        if not designs:
            return "erfaring", f"{found.key}: {design} uden oplyste designs"
        level = max((DESIGN_LEVEL[d] for d in designs), key=ORDER.index)
        return level, f"{found.key}: {design}, som gennemgår {', '.join(designs)}"
    if design in DESIGN_LEVEL:
        return DESIGN_LEVEL[design], f"{found.key}: {design}"
    return "erfaring", f"{found.key}: intet design med målinger"
