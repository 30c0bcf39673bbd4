"""Citations on a page: '[@key]' becomes an APA link, and the page ends with its references."""

from __future__ import annotations

from html import escape

from vidensbank import apa, markdown
from vidensbank.content import Content, Page
from vidensbank.rawhtml import Raw, verbatim

HEADING = "Litteratur"


def render(text: str, keys: set[str], formatter: apa.Formatter, raw: Raw = verbatim) -> str:
    """Markdown with citations as links and, if the page rests on any ``keys``, their list."""

    def citation(cited: list[markdown.Citation]) -> str:
        ordered = sorted(cited, key=lambda c: formatter[c.key].sort_key)
        links = [
            f'<a class="vb-cite" href="#ref-{escape(c.key, quote=True)}">'
            f"{escape(apa.cite(formatter[c.key], c.locator))}</a>"
            for c in ordered
        ]
        return "(" + "; ".join(links) + ")"

    body = markdown.replace_citations(text, citation)
    if not keys:
        return body
    items = "\n".join(
        f'<li id="ref-{escape(f.key, quote=True)}">{f.html}</li>' for f in formatter.sorted(keys)
    )
    # Out of search: the citations in the text already name each work's authors and year.
    return (f"{body.rstrip()}\n\n## {HEADING} {{ #litteratur data-search-exclude }}\n"
            + raw(f'<ul class="vb-references" data-search-exclude>{items}</ul>'))


def citing_pages(content: Content, cited: dict[str, set[str]]) -> dict[str, list[Page]]:
    """For each key, the pages that cite it, sorted by title."""
    pages: dict[str, list[Page]] = {}
    for page in content.pages:
        for key in cited.get(page.src, ()):
            pages.setdefault(key, []).append(page)
    return {k: sorted(v, key=lambda p: apa.collation_key(p.title)) for k, v in pages.items()}
