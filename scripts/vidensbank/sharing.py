"""What a page says about itself when shared: Open Graph tags, JSON-LD, and 'share and cite'.

Every value is derived from front matter and the site URL; the site adapter only places the
results in the page head and at the end of a card.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from vidensbank import apa
from vidensbank.catalogue import Card, Catalogue
from vidensbank.content import Page
from vidensbank.previews import HEIGHT, WIDTH, Preview

DESCRIPTION_MAX = 200
SHARED_IMAGE = "assets/del/vidensbank.png"  # one image for pages that are not cards
ORGANISATION = "Regionalt netværk for kultur, sundhed og beskæftigelse i Region Midtjylland"


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # absolute, ending in '/'
    description: str

    def absolute(self, path: str) -> str:
        return self.url + path


def image_path(page: Page) -> str:
    """Where a card's preview image is published ('assets/del/forskning/x.png')."""
    return f"assets/del/{page.src.removesuffix('.md')}.png"


def preview(page: Page, card: Card | None, catalogue: Catalogue, site: Site) -> Preview:
    if card is None:
        return Preview(site.name, page.title if page.url else site.description)
    evidence = card.evidence or ""
    label = catalogue.label("evidence", evidence) if evidence else ""
    return Preview(site.name, card.title, card.type.label, label, evidence)


def plain(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Text without Markdown or citations, cut at a word boundary within ``limit`` characters."""
    text = re.sub(r"\[@[^\]]*\]", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return f"{cut}…"


def description(page: Page, site: Site) -> str:
    """A question page's short answer, any other page's summary, or the site's description."""
    summary = page.meta.get("answer_summary") or page.meta.get("summary")
    return plain(str(summary)) if summary else plain(site.description)


def head(page: Page, card: Card | None, catalogue: Catalogue, site: Site,
         formatter: apa.Formatter, keys: set[str]) -> str:
    """Open Graph tags for every page, and JSON-LD for cards."""
    url = site.absolute(page.url)
    image = site.absolute(image_path(page) if card else SHARED_IMAGE)
    title = card.title if card else (page.title if page.url else site.name)
    tags = {
        "og:type": "article" if card else "website",
        "og:title": title,
        "og:description": description(page, site),
        "og:url": url,
        "og:site_name": site.name,
        "og:locale": "da_DK",
        "og:image": image,
        "og:image:type": "image/png",
        "og:image:width": str(WIDTH),
        "og:image:height": str(HEIGHT),
        "og:image:alt": f"{site.name}: {title}",
    }
    lines = [f'<meta property="{name}" content="{escape(value, quote=True)}">'
             for name, value in tags.items()]
    lines.append('<meta name="twitter:card" content="summary_large_image">')
    if card:
        lines.append(_json_ld(page, card, catalogue, site, formatter, keys, url, image))
    return "\n".join(lines)


def _json_ld(page: Page, card: Card, catalogue: Catalogue, site: Site,
             formatter: apa.Formatter, keys: set[str], url: str, image: str) -> str:
    about = [catalogue.label(facet, term) for facet in ("target_groups", "activities", "outcomes")
             for term in card.terms.get(facet, ())]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": card.title,
        "description": description(page, site),
        "url": url,
        "image": image,
        "inLanguage": "da",
        "datePublished": str(page.meta.get("added", "")),
        "dateModified": str(page.meta.get("reviewed", page.meta.get("added", ""))),
        "about": about,
        "citation": [re.sub(r"<[^>]+>", "", formatter[key].html).replace("&amp;", "&")
                     for key in sorted(keys) if key in formatter.entries],
        "publisher": {"@type": "Organization", "name": ORGANISATION},
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
    }
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def cite_reference(page: Page, site: Site) -> str:
    """APA 7 reference to the card itself, as HTML."""
    year = str(page.meta.get("reviewed") or page.meta.get("added") or "")[:4] or apa.NO_DATE
    url = site.absolute(page.url)
    return (f"{escape(site.name)}. ({year}). <em>{escape(page.title)}</em>. "
            f'<a href="{escape(url, quote=True)}">{escape(url)}</a>')


def cite_bibtex(page: Page, site: Site) -> str:
    key = "vidensbank-" + page.src.removesuffix(".md").replace("/", "-")
    date = str(page.meta.get("reviewed") or page.meta.get("added") or "")
    fields = {
        "title": page.title,
        "author": "{" + site.name + "}",
        "year": date[:4],
        "url": site.absolute(page.url),
        "urldate": date,
        "language": "danish",
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{key},\n{body}\n}}"


def share_and_cite(page: Page, site: Site, sources_file: str | None) -> str:
    """The block at the end of a card: share on LinkedIn, copy the link, cite the page."""
    url = site.absolute(page.url)
    linkedin = "https://www.linkedin.com/sharing/share-offsite/?url=" + quote(url, safe="")
    sources = (f'<p><a href="{sources_file}" download>Hent kildehenvisningerne som BibTeX</a></p>'
               if sources_file else "")
    return (
        '<div class="vb-share" data-search-exclude>'
        f'<p><a class="md-button" href="{escape(linkedin, quote=True)}">Del på LinkedIn</a> '
        f'<button type="button" class="md-button vb-copy" data-url="{escape(url, quote=True)}">'
        "Kopiér link</button></p>"
        f'<p class="vb-url">Adresse: <a href="{escape(url, quote=True)}">{escape(url)}</a></p>'
        '<details class="vb-cite"><summary>Citér denne side</summary>'
        f'<p class="vb-reference">{cite_reference(page, site)}</p>'
        f"<pre><code>{escape(cite_bibtex(page, site))}</code></pre>{sources}</details>"
        "</div>"
    )
