"""'Hvad virker for hvem': the evidence-and-gap map and one page per target group, employment
situation, activity and outcome — all generated from the cards' front matter."""

from __future__ import annotations

from html import escape

from vidensbank import paths
from vidensbank.cardlist import compact_listing, evidence_badge, inline_listing
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
    """Answers first: the question pages for this term, the evidence in one line per activity
    (or target group), then every card once, strongest evidence first, and the tools."""
    here = term_url(facet, term)
    label = catalogue.label(facet, term)
    definition = catalogue.definition(facet, term)
    cards = catalogue.with_term(facet, term, MAP_TYPES)
    summary = f"{label}: forskning, eksempler og måleværktøjer i vidensbanken. {definition}"
    lines = [*_front_matter(label, summary), f"# {escape(label)}", "", escape(definition), ""]
    lines += [raw(_lead(catalogue, cards, facet, term, here)), "## Kort svar {#kort-svar}",
              raw(_answers(catalogue, facet, term, label, here)),
              raw(_evidence_lines(catalogue, cards, facet, here))]
    # The lists are out of search (each card is found on its own page), and so their headings.
    lines += ["## Kortene { #kortene data-search-exclude }",
              raw(_by_evidence(catalogue, cards, here))]
    if facet != COLUMNS:
        lines += [raw(_by_outcome(catalogue, cards, facet, term, here))]
    compare = relative_url(here, page_url("metoder/index.md"))
    lines += ["## Måleværktøjer og metoder { #maalevaerktoejer-og-metoder data-search-exclude }",
              raw(inline_listing(_tools(catalogue, facet, term, cards), here,
                                 empty="Ingen værktøjer er knyttet hertil endnu.")),
              raw(f'<p><a href="{compare}">Sammenlign måleværktøjerne</a>.</p>')]
    return "\n".join(lines)


def _answers(catalogue: Catalogue, facet: str, term: str, label: str, here: str) -> str:
    """The question pages that match this term, each with its short answer."""
    questions = sorted(catalogue.with_term(facet, term, ("tema",)),
                       key=lambda card: card.title.casefold())
    if not questions:
        return ('<p class="vb-empty">Vidensbanken har endnu ikke et spørgsmål og svar om netop '
                f"dette. Kortene nedenfor viser, hvad vi ved om {escape(label.lower())}.</p>")
    items = "".join(
        f'<li><a href="{relative_url(here, q.url)}">{escape(q.title)}</a>'
        f'<p class="vb-answer">{escape(q.answer_summary)}</p></li>' for q in questions)
    return f'<ul class="vb-answers">{items}</ul>'


def _evidence_lines(catalogue: Catalogue, cards: list[Card], facet: str, here: str) -> str:
    """'Kultur på recept: 9 kort, begrænset.' under a line saying what the two are — one line
    per activity (per target group on an activity's own page)."""
    by = "target_groups" if facet == "activities" else "activities"
    lines = []
    for other in catalogue.terms(by):
        subset = [c for c in cards if c.has(by, other)]
        if not subset:
            continue
        strongest = catalogue.strongest(subset)
        level = (catalogue.label("evidence", strongest).lower() if strongest
                 else "intet evidensniveau")
        link = relative_url(here, term_url(by, other))
        lines.append(f'<li><a href="{link}">{escape(catalogue.label(by, other))}</a>: '
                     f"{len(subset)} kort, {escape(level)}.</li>")
    if not lines:
        return ""
    name = "målgruppe" if by == "target_groups" else "aktivitet"
    heading = f"Evidensen for hver {name}: antal kort og det stærkeste evidensniveau"
    return (f'<p class="vb-evidence-lead">{heading}:</p>'
            f'<ul class="vb-evidence-lines">{"".join(lines)}</ul>')


def _by_evidence(catalogue: Catalogue, cards: list[Card], here: str) -> str:
    """Every card once, in groups by evidence level, strongest first."""
    if not cards:
        return ('<p class="vb-empty">Ingen kort endnu — et hul i den viden, vidensbanken har '
                "samlet.</p>")
    parts = []
    for level in [*catalogue.terms("evidence"), None]:
        subset = [c for c in cards if c.evidence == level]
        if subset:
            name = (f"Evidens: {catalogue.label('evidence', level)}" if level
                    else "Uden evidensniveau")
            parts.append(f'<h3 id="evidens-{level or "uden"}" data-search-exclude>'
                         f"{escape(name)} ({len(subset)})</h3>"
                         + compact_listing(subset, catalogue, here, with_type=True))
    return "".join(parts)


def _by_outcome(catalogue: Catalogue, cards: list[Card], facet: str, term: str,
                here: str) -> str:
    """One line of links to the card list filtered on this term and each outcome."""
    links = [f'<a href="{cell_url(facet, term, outcome, here)}">'
             f"{escape(catalogue.label(COLUMNS, outcome))} ({count})</a>"
             for outcome in catalogue.terms(COLUMNS)
             if (count := sum(c.has(COLUMNS, outcome) for c in cards))]
    if not links:
        return ""
    return f'<p class="vb-shortcuts">Efter udbytte: {" · ".join(links)}</p>'


def cell_url(facet: str, term: str, outcome: str, here: str) -> str:
    """The card list filtered on a term and an outcome, showing the cards the map counts (research
    and examples); the map's cells link here too."""
    types = "".join(f"&amp;type={kind}" for kind in MAP_TYPES)
    return (relative_url(here, paths.CARDS_URL)
            + f"?{facet}={term}&amp;{COLUMNS}={outcome}{types}")


def _lead(catalogue: Catalogue, cards: list[Card], facet: str, term: str, here: str) -> str:
    filtered = relative_url(here, paths.CARDS_URL) + f"?{facet}={term}"
    strongest = catalogue.strongest(cards)
    level = f" Stærkeste evidens: {evidence_badge(catalogue, strongest, here)}." if strongest \
        else ""
    return (f'<p class="vb-lead">{_count(cards)}.{level} '
            f'<a href="{filtered}">Se og filtrér kortene</a>.</p>')


def _tools(catalogue: Catalogue, facet: str, term: str, cards: list[Card]) -> list[Card]:
    tools = catalogue.with_term(facet, term, ("metode",))
    if tools or facet not in ("target_groups", "employment_situation"):
        return tools
    # For a group of citizens: the tools suited to the outcomes its cards report.
    outcomes = {o for c in cards for o in c.terms.get(COLUMNS, ())}
    found = {id(t): t for o in outcomes for t in catalogue.with_term(COLUMNS, o, ("metode",))}
    return list(found.values())


def evidence_map(catalogue: Catalogue, from_url: str, raw: Raw = verbatim) -> str:
    """The map as accessible HTML tables (rows × outcomes; per cell a mark sized by the number
    of cards and the strongest evidence as text and colour), its legend, and the gaps."""
    tables = "".join(_table(catalogue, row, from_url, number)
                     for number, row in enumerate(MAP_ROWS, start=1))
    data = relative_url(from_url, page_url(paths.OPEN_DATA))
    return ("\n\n" + raw(_legend(catalogue) + tables) + "\n\n## Huller i viden {#huller}\n\n"
            + raw(_gaps(catalogue, from_url))
            + "\n\n" + raw(f'<p>Kortene bag oversigten og tallene fra undersøgelserne kan '
                           f'hentes som <a href="{escape(data)}">åbne data</a>.</p>') + "\n")


# Mark sizes: 1 card, 2–3, 4–7, 8 or more.
SIZES = ((8, 4), (4, 3), (2, 2), (1, 1))


def _size(count: int) -> int:
    return next(size for least, size in SIZES if count >= least)


def _legend(catalogue: Catalogue) -> str:
    levels = "".join(
        f'<li><span class="vb-mark vb-size-2 vb-evidence-{level}" aria-hidden="true"></span> '
        f"{escape(catalogue.label('evidence', level))}</li>"
        for level in catalogue.terms("evidence"))
    sizes = "".join(f'<li><span class="vb-mark vb-size-{size}" aria-hidden="true"></span> '
                    f"{text}</li>" for size, text in
                    ((1, "1 kort"), (2, "2–3 kort"), (3, "4–7 kort"), (4, "8 kort eller flere")))
    return (
        '<div class="vb-legend"><p><strong>Sådan læser du kortet.</strong> Tallet er antallet af '
        "forskningsresuméer og eksempler. Cirklens størrelse følger antallet, og ordet under den "
        "er den stærkeste evidens blandt kortene (farven gentager det). En streg betyder, at "
        "vidensbanken intet kort har endnu.</p>"
        f'<ul class="vb-legend-levels" aria-label="Evidensniveauer">{levels}</ul>'
        f'<ul class="vb-legend-sizes" aria-label="Cirklens størrelse">{sizes}</ul></div>'
    )


def _table(catalogue: Catalogue, row: str, here: str, number: int) -> str:
    columns = catalogue.terms(COLUMNS)
    empty_columns = {c for c in columns if not catalogue.with_term(COLUMNS, c, MAP_TYPES)}
    # Short, because it scrolls with a wide table on a phone; the page text explains the cells.
    caption = f"{BY_FIELD[row].plural} og udbytte"
    head = "".join(_column_head(catalogue, c, c in empty_columns) for c in columns)
    body = []
    for term in catalogue.terms(row):
        cards = catalogue.with_term(row, term, MAP_TYPES)
        link = relative_url(here, term_url(row, term))
        cells = [f'<th scope="row"><a href="{link}">{escape(catalogue.label(row, term))}</a></th>']
        for column in columns:
            cells.append(_cell(catalogue, [c for c in cards if c.has(COLUMNS, column)],
                               cell_url(row, term, column, here)))
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="vb-map" role="region" aria-labelledby="vb-map-{number}" tabindex="0">'
        f'<table><caption id="vb-map-{number}">{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(BY_FIELD[row].plural)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _column_head(catalogue: Catalogue, column: str, empty: bool) -> str:
    """An outcome's heading; one no card is about says so, a gap on purpose."""
    label = escape(catalogue.label(COLUMNS, column))
    if not empty:
        return f'<th scope="col">{label}</th>'
    return f'<th scope="col" class="vb-gap-column">{label}' \
        '<span class="vb-gap-note"> (intet kort endnu)</span></th>'


def _cell(catalogue: Catalogue, cards: list[Card], link: str) -> str:
    if not cards:
        return ('<td class="vb-gap"><span aria-hidden="true">–</span>'
                '<span class="vb-sr">Ingen kort</span></td>')
    strongest = catalogue.strongest(cards)
    level = escape(catalogue.label("evidence", strongest)) if strongest else "Intet niveau"
    css = f" vb-evidence-{strongest}" if strongest else ""
    return (f'<td class="vb-hit"><a href="{link}"><span class="vb-mark vb-size-'
            f'{_size(len(cards))}{css}"><span class="vb-count">{len(cards)}'
            f'<span class="vb-sr"> kort</span></span></span> '
            f'<span class="vb-level">{level}</span></a></td>')


def _gaps(catalogue: Catalogue, here: str) -> str:
    """Where the bank has no card: the outcomes and rows with none at all, then per row term
    the outcomes it lacks — what the network could study next."""
    columns = catalogue.terms(COLUMNS)
    empty = [c for c in columns if not catalogue.with_term(COLUMNS, c, MAP_TYPES)]
    names = lambda facet, terms: ", ".join(  # noqa: E731
        escape(catalogue.label(facet, t).lower()) for t in terms)
    items = []
    if empty:
        items.append(f"<li>Intet kort handler endnu om udbyttet <strong>{names(COLUMNS, empty)}"
                     "</strong>.</li>")
    for row in MAP_ROWS:
        terms = catalogue.terms(row)
        bare = [t for t in terms if not catalogue.with_term(row, t, MAP_TYPES)]
        if bare:
            items.append(f"<li>{escape(BY_FIELD[row].plural)} uden et eneste kort: "
                         f"<strong>{names(row, bare)}</strong>.</li>")
        for term in terms:
            cards = catalogue.with_term(row, term, MAP_TYPES)
            missing = [c for c in columns
                       if c not in empty and not any(card.has(COLUMNS, c) for card in cards)]
            if cards and missing:
                link = relative_url(here, term_url(row, term))
                items.append(f'<li><a href="{link}">{escape(catalogue.label(row, term))}</a>: '
                             f"intet kort om {names(COLUMNS, missing)}.</li>")
    intro = ("<p>Her mangler vidensbanken viden. Hvert hul er et forslag til, hvad netværket kan "
             "undersøge eller afprøve og evaluere.</p>")
    return intro + f'<ul class="vb-gaps">{"".join(items)}</ul>' if items else intro
