"""The real site builds strictly and has the pages, language and structure visitors rely on."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.support.sitebuild import TEST_SITE_URL

# The sections the brief requires, by URL and the heading a visitor sees.
SECTIONS = {
    "": "Vidensbank for kultur, sundhed og beskæftigelse",
    "hvad-virker/": "Hvad virker for hvem",
    "forskning/": "Forskning",
    "metoder/": "Metoder og evalueringsværktøjer",
    "eksempler/": "Eksempler",
    "spoergsmaal/": "Spørgsmål og svar",
    "om-netvaerket/": "Om netværket",
    "bidrag/": "Bidrag til vidensbanken",
    "tilgaengelighed/": "Tilgængelighedserklæring",
    "privatliv/": "Privatliv og cookies",
}


class _Outline(HTMLParser):
    """The bits of a page the tests look at: html lang, h1 text, links and nav links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.h1 = ""
        self.links: list[str] = []
        self.nav_links: list[str] = []
        self._in_h1 = False
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "nav" and "md-nav" in (values.get("class") or ""):
            self._nav_depth += 1
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"])
            if self._nav_depth:
                self.nav_links.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        elif tag == "nav" and self._nav_depth:
            self._nav_depth -= 1

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def outline(path: Path) -> _Outline:
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_redirect(page: Path) -> bool:
    """The stubs that send old addresses on (research/redirects.yaml) are not pages."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:600]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not is_redirect(p))


def test_every_page_is_marked_as_danish(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= len(SECTIONS) + 1
    wrong = [p.relative_to(site) for p in pages if outline(p).lang != "da"]
    assert not wrong, f"pages without <html lang='da'>: {wrong}"


@pytest.mark.parametrize(("url", "heading"), SECTIONS.items())
def test_section_page_exists_with_its_heading(site: Path, url: str, heading: str) -> None:
    page = site / url / "index.html"
    assert page.is_file(), f"missing section page /{url}"
    assert outline(page).h1.strip().rstrip("¶").strip() == heading


def test_404_page_is_danish_and_works_under_the_path_prefix(site: Path) -> None:
    page = site / "404.html"
    parsed = outline(page)
    assert parsed.h1.strip() == "Siden findes ikke"
    # The 404 page is served for any URL, so its assets must be linked absolutely.
    html = page.read_text(encoding="utf-8")
    stylesheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assert stylesheets and all(s.startswith("/kultur-sundhed/") for s in stylesheets)


def test_sitemap_lists_every_page_under_the_site_url(site: Path) -> None:
    tree = ET.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)}
    expected = set()
    for page in html_pages(site):
        if page.name != "index.html":
            continue
        folder = page.parent.relative_to(site).as_posix()
        expected.add(TEST_SITE_URL if folder == "." else f"{TEST_SITE_URL}{folder}/")
    assert expected <= listed, f"not in sitemap.xml: {sorted(expected - listed)}"


def page_url(site: Path, page: Path) -> str:
    """The URL a built file is served at (404.html is served for any missing path)."""
    relative = page.relative_to(site)
    if relative.name == "index.html":
        folder = relative.parent.as_posix()
        return TEST_SITE_URL if folder == "." else f"{TEST_SITE_URL}{folder}/"
    return TEST_SITE_URL + "findes/ikke/"


def test_footer_links_to_accessibility_and_privacy_from_every_page(site: Path) -> None:
    statements = {TEST_SITE_URL + "tilgaengelighed/", TEST_SITE_URL + "privatliv/"}
    for page in html_pages(site):
        resolved = {urljoin(page_url(site, page), link) for link in outline(page).links}
        missing = statements - resolved
        assert not missing, f"{page.relative_to(site)} has no footer link to {missing}"


def test_cards_are_listed_on_their_section_page_not_in_the_nav(test_cards_site: Path) -> None:
    section = outline(test_cards_site / "forskning/index.html")
    targets = {urljoin(TEST_SITE_URL + "forskning/", link) for link in section.links}
    assert TEST_SITE_URL + "forskning/testkort-forskning/" in targets
    text = (test_cards_site / "forskning/index.html").read_text(encoding="utf-8")
    assert "Testkort om kultur på recept" in text
    assert "Et gyldigt forskningskort, som testene bruger" in text
    # No page carries the cards in its navigation, so nav size does not grow with the cards.
    for page in html_pages(test_cards_site):
        assert not any("testkort" in link for link in outline(page).nav_links), page


def test_a_card_is_found_in_search_on_its_own_page_not_on_every_list(test_cards_site: Path) -> None:
    index = json.loads((test_cards_site / "search/search_index.json").read_text(encoding="utf-8"))
    summary = "Et gyldigt forskningskort, som testene bruger"
    pages = {doc["location"].split("#")[0] for doc in index["docs"] if summary in doc["text"]}
    # The section page, facet pages and /kort/ list the card too, but only its own page answers.
    assert pages == {"forskning/testkort-forskning/"}
    assert any(doc["location"] == "forskning/" for doc in index["docs"])


def test_search_finds_no_empty_section(site: Path) -> None:
    # A section whose content is out of search (related cards, changes, lists of cards) would
    # still come up by its heading alone: "Relaterede kort" matched every card.
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    empty = sorted({doc["title"] for doc in index["docs"]
                    if "#" in doc["location"] and not doc["text"].strip()})
    assert not empty, empty
