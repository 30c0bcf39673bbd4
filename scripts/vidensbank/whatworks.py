"""'Hvad virker for hvem': the evidence-and-gap map and one page per target group, employment
situation, activity and outcome — all generated from the cards' front matter."""

from __future__ import annotations

from html import escape

from vidensbank import paths
from vidensbank.cardlist import compact_listing, evidence_badge, listing
from vidensbank.catalogue import BY_FIELD, FACETS, MAP_TYPES, Card, Catalogue
from vidensbank.rawhtml import Raw, verbatim
from vidensbank.urls import page_url, relative_url

# Rows of the map, each against the outcomes in the columns.
MAP_ROWS = ("target_groups", "employment_situation", "activities")
COLUMNS = "outcomes"
PAGED = tuple(f for f in FACETS if f.folder)


def sources(catalogue: Catalogue) -> list[str]:
    """Every generated facet page: an overview per facet and one page per term."""
    found = []
    for facet in PAGED:
        found.append(paths.facet_page(facet.folder))
        found += [paths.facet_page(facet.folder, term) for term in catalogue.terms(facet.field)]
    return found


def term_url(facet: str, term: str) -> str:
    return page_url(paths.facet_page(BY_FIELD[facet].folder, term))


def pages(catalogue: Catalogue, raw: Raw = verbatim) -> dict[str, str]:
    generated = {}
    for facet in PAGED:
        generated[paths.facet_page(facet.folder)] = _overview(catalogue, facet.field, raw)
        for term in catalogue.terms(facet.field):
            generated[paths.facet_page(facet.folder, term)] = _term_page(catalogue, facet.field,
                                                                         term, raw)
    return generated


def _front_matter(title: str, summary: str) -> list[str]:
    quote = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    return ["---", f"title: {quote(title)}", f"summary: {quote(summary)}", "---", ""]


def _overview(catalogue: Catalogue, facet: str, raw: Raw) -> str:
    spec = BY_FIELD[facet]
    here = page_url(paths.facet_page(spec.folder))
    lines = [*_front_matter(spec.plural, f"{spec.plural} i vidensbanken og de kort, der handler "
                            "om dem."), f"# {escape(spec.plural)}", ""]
    items = []
    for term in catalogue.terms(facet):
        cards = catalogue.with_term(facet, term, MAP_TYPES)
        link = relative_url(here, term_url(facet, term))
        items.append(f'<li><a href="{link}">{escape(catalogue.label(facet, term))}</a> '
                     f"({_count(cards)})</li>")
    lines += [raw(f'<ul class="vb-terms">{"".join(items)}</ul>')]
    return "\n".join(lines)


def _count(cards: list[Card]) -> str:
    research = sum(c.type.name == "forskning" for c in cards)
    examples = sum(c.type.name == "eksempel" for c in cards)
    return (f"{research} {'forskningsresumé' if research == 1 else 'forskningsresuméer'}, "
            f"{examples} {'eksempel' if examples == 1 else 'eksempler'}")


def _term_page(catalogue: Catalogue, facet: str, term: str, raw: Raw) -> str:
    here = term_url(facet, term)
    label = catalogue.label(facet, term)
    definition = catalogue.definition(facet, term)
    cards = catalogue.with_term(facet, term, MAP_TYPES)
    summary = f"{label}: forskning, eksempler og måleværktøjer i vidensbanken. {definition}"
    lines = [*_front_matter(label, summary), f"# {escape(label)}", "", escape(definition), ""]
    lines += [raw(_lead(catalogue, cards, facet, term, here))]
    if facet == "target_groups":
        lines += [raw(_shortcuts(catalogue, cards, "employment_situation", "situation"))]
    for kind, heading in (("forskning", "Forskning"), ("eksempel", "Eksempler")):
        lines += [f"## {heading}",
                  raw(listing([c for c in cards if c.type.name == kind], catalogue, here,
                              empty="Ingen endnu — et hul i den viden, vidensbanken har samlet."))]
    if facet == "target_groups":
        lines += _grouped(catalogue, cards, "employment_situation", here, "situation", raw)
    if facet != COLUMNS:
        lines += _grouped(catalogue, cards, COLUMNS, here, "udbytte", raw)
    lines += ["## Måleværktøjer og metoder",
              raw(listing(_tools(catalogue, facet, term, cards), catalogue, here,
                          empty="Ingen værktøjer er knyttet hertil endnu."))]
    return "\n".join(lines)


def _lead(catalogue: Catalogue, cards: list[Card], facet: str, term: str, here: str) -> str:
    filtered = relative_url(here, paths.CARDS_URL) + f"?{facet}={term}"
    strongest = catalogue.strongest(cards)
    level = f" Stærkeste evidens: {evidence_badge(catalogue, strongest, here)}." if strongest \
        else ""
    return (f'<p class="vb-lead">{_count(cards)}.{level} '
            f'<a href="{filtered}">Se og filtrér kortene</a>.</p>')


def _shortcuts(catalogue: Catalogue, cards: list[Card], by: str, prefix: str) -> str:
    """'Gå direkte til: Sygedagpenge · …' — one tap from a group to a situation on the page."""
    links = [f'<a href="#{prefix}-{term}">{escape(catalogue.label(by, term))}</a>'
             for term in catalogue.terms(by) if any(c.has(by, term) for c in cards)]
    if not links:
        return ""
    return f'<p class="vb-shortcuts">Gå direkte til: {" · ".join(links)}</p>'


def _grouped(catalogue: Catalogue, cards: list[Card], by: str, here: str, prefix: str,
             raw: Raw) -> list[str]:
    """One subsection per term of ``by`` that the cards cover; the map's cells link here.

    The cards are listed in full above, so here a line each (title and evidence) is enough.
    """
    lines = [f"## Efter {BY_FIELD[by].plural.lower()}", ""]
    covered = False
    for other in catalogue.terms(by):
        subset = [c for c in cards if c.has(by, other)]
        if not subset:
            continue
        covered = True
        lines += [f"### {escape(catalogue.label(by, other))} {{#{prefix}-{other}}}",
                  raw(compact_listing(subset, catalogue, here))]
    if not covered:
        lines += [raw('<p class="vb-empty">Ingen kort endnu.</p>')]
    return lines


def _tools(catalogue: Catalogue, facet: str, term: str, cards: list[Card]) -> list[Card]:
    tools = catalogue.with_term(facet, term, ("metode",))
    if tools or facet not in ("target_groups", "employment_situation"):
        return tools
    # For a group of citizens: the tools suited to the outcomes its cards report.
    outcomes = {o for c in cards for o in c.terms.get(COLUMNS, ())}
    found = {id(t): t for o in outcomes for t in catalogue.with_term(COLUMNS, o, ("metode",))}
    return list(found.values())


def evidence_map(catalogue: Catalogue, from_url: str, raw: Raw = verbatim) -> str:
    """The map as accessible HTML tables: rows × outcomes, count and strongest evidence per cell."""
    return "".join(raw(_table(catalogue, row, from_url, number))
                   for number, row in enumerate(MAP_ROWS, start=1))


def _table(catalogue: Catalogue, row: str, here: str, number: int) -> str:
    columns = catalogue.terms(COLUMNS)
    # Short, because it scrolls with a wide table on a phone; the page text explains the cells.
    caption = f"{BY_FIELD[row].plural} og udbytte"
    head = "".join(f'<th scope="col">{escape(catalogue.label(COLUMNS, c))}</th>' for c in columns)
    body = []
    for term in catalogue.terms(row):
        cards = catalogue.with_term(row, term, MAP_TYPES)
        link = relative_url(here, term_url(row, term))
        cells = [f'<th scope="row"><a href="{link}">{escape(catalogue.label(row, term))}</a></th>']
        for column in columns:
            cells.append(_cell(catalogue, [c for c in cards if c.has(COLUMNS, column)],
                               relative_url(here, f"{term_url(row, term)}#udbytte-{column}")))
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="vb-map" role="region" aria-labelledby="vb-map-{number}" tabindex="0">'
        f'<table><caption id="vb-map-{number}">{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(BY_FIELD[row].plural)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _cell(catalogue: Catalogue, cards: list[Card], link: str) -> str:
    if not cards:
        return ('<td class="vb-gap"><span aria-hidden="true">–</span>'
                '<span class="vb-sr">Ingen kort</span></td>')
    strongest = catalogue.strongest(cards)
    level = escape(catalogue.label("evidence", strongest)) if strongest else "Intet niveau"
    css = f" vb-evidence-{strongest}" if strongest else ""
    return (f'<td class="vb-hit{css}"><a href="{link}"><span class="vb-count">{len(cards)}'
            f'<span class="vb-sr"> kort</span></span> <span class="vb-level">{level}</span>'
            "</a></td>")
