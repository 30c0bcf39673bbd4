"""Citations on cards link to the card's reference list, and /litteratur/ links back."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pybtex.errors
from pybtex.database.input import bibtex

from tests.support.sitebuild import ROOT

CARD = "forskning/testkort-forskning/"


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.cites: list[tuple[str, str]] = []  # (href, text)
        self.reference_ids: list[str] = []
        self._cite: str | None = None
        self._text = ""
        self._in_code = 0
        self.prose = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
            if tag == "li" and values["id"].startswith("ref-"):
                self.reference_ids.append(values["id"])
        if tag == "a" and values.get("class") == "vb-cite":
            self._cite, self._text = values["href"], ""
        if tag in ("code", "pre", "script"):
            self._in_code += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._cite is not None:
            self.cites.append((self._cite, self._text))
            self._cite = None
        if tag in ("code", "pre", "script") and self._in_code:
            self._in_code -= 1

    def handle_data(self, data):
        if self._cite is not None:
            self._text += data
        if not self._in_code:
            self.prose += data


def parse(path: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_citations_read_as_danish_apa_and_link_to_the_reference_list(test_cards_site: Path) -> None:
    page = parse(test_cards_site / CARD / "index.html")
    assert page.cites == [
        ("#ref-fancourt2019", "Fancourt & Finn, 2019, s. 12"),
        ("#ref-bungay2010", "Bungay & Clift, 2010"),
        ("#ref-jensen2018", "Jensen & Bonde, 2018"),
    ]
    assert "(Bungay & Clift, 2010; Jensen & Bonde, 2018)" in page.prose
    for href, _ in page.cites:
        assert href[1:] in page.ids


def test_a_card_ends_with_the_works_it_cites_in_apa_order(test_cards_site: Path) -> None:
    page = parse(test_cards_site / CARD / "index.html")
    assert page.reference_ids == ["ref-bungay2010", "ref-fancourt2019", "ref-jensen2018"]
    html = (test_cards_site / CARD / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 [^>]*id="litteratur"[^>]*>Litteratur', html)
    assert '<a href="https://doi.org/10.1177/1757913910384050"' in html


def test_search_finds_a_card_by_its_citations_not_by_its_reference_list(
        test_cards_site: Path) -> None:
    # The list repeats each cited work's authors and year, which the citations in the text
    # already give; indexed, every card citing a work would carry its reference again.
    index = json.loads((test_cards_site / "search/search_index.json").read_text("utf-8"))
    card = [doc for doc in index["docs"] if doc["location"].startswith(CARD)]
    assert any("Bungay &amp; Clift, 2010" in doc["text"] for doc in card)
    assert not [doc["location"] for doc in card if doc["location"].endswith("#litteratur")]
    assert not any("Arts on prescription" in doc["text"] for doc in card)


def test_no_citation_is_left_as_raw_markup(test_cards_site: Path) -> None:
    for path in test_cards_site.rglob("*.html"):
        prose = parse(path).prose
        assert not re.search(r"\[@[^\]]+\]", prose), path
    # In code it stays as written.
    assert "[@ikke-en-henvisning]" in (test_cards_site / CARD / "index.html").read_text("utf-8")


def test_the_bibliography_lists_every_work_with_links_back(test_cards_site: Path) -> None:
    page = parse(test_cards_site / "litteratur/index.html")
    keys = re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "research/references.bib").read_text("utf-8"),
                      re.MULTILINE)
    assert keys and set(keys) <= page.ids
    html = (test_cards_site / "litteratur/index.html").read_text(encoding="utf-8")
    entry = html.split('id="fancourt2019"', 1)[1].split('class="vb-entry"', 1)[0]
    [link] = re.findall(r'Citeret på: <a href="([^"]+)">Testkort om kultur på recept</a>', entry)
    target = urlsplit(urljoin("https://x/litteratur/", link)).path.strip("/")
    assert (test_cards_site / target / "index.html").is_file() and target == CARD.strip("/")
    assert ('<summary>BibTeX</summary><pre><code tabindex="0">@techreport{fancourt2019,'
            in entry)  # the code block takes focus, to scroll with the keyboard
    uncited = html.split('id="ikke-citeret"', 1)[1]
    assert 'id="etf_who5"' not in uncited  # cited only in the instrument card's front matter
    assert 'id="cohen1983"' in uncited


def test_the_whole_bibliography_can_be_downloaded(test_cards_site: Path) -> None:
    download = read_bibtex(test_cards_site / "litteratur/references.bib")
    source = read_bibtex(ROOT / "research/references.bib")
    assert list(download) == sorted(source, key=str.casefold)
    for key, fields in source.items():
        # Every field but the editors' own verification notes, value for value.
        public = {name: value for name, value in fields.items() if name != "note"}
        assert download[key] == public, key
    assert 'href="references.bib"' in (test_cards_site / "litteratur/index.html").read_text("utf-8")


def read_bibtex(path: Path) -> dict[str, dict[str, str]]:
    """Each entry's fields as an independent BibTeX reader (pybtex) sees them."""
    parser = bibtex.Parser(person_fields=())
    with pybtex.errors.capture() as errors:
        data = parser.parse_file(str(path))
    assert not errors, errors
    return {key: {name.lower(): " ".join(str(value).split())
                  for name, value in entry.fields.items()}
            for key, entry in data.entries.items()}


def test_a_link_that_shows_its_own_address_is_marked_for_print(test_cards_site: Path) -> None:
    from vidensbank.printing import BARE, mark_bare_links

    # Print writes a link's address after its text, except where the text is the address.
    assert mark_bare_links('<a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>') == (
        f'<a href="https://doi.org/10.1/x" class="{BARE}">https://doi.org/10.1/x</a>')
    for kept in ('<a href="https://example.org/">Et websted</a>',
                 '<a href="../litteratur/">../litteratur/</a>',
                 '<a href="https://a.example/">https://b.example/</a>'):
        assert mark_bare_links(kept) == kept
    html = (test_cards_site / CARD / "index.html").read_text(encoding="utf-8")
    reference = re.search(r'<li id="ref-bungay2010">.*?</li>', html).group(0)
    assert f'class="{BARE}">https://doi.org/10.1177/1757913910384050</a>' in reference
    address = re.search(r'<p class="vb-url">.*?</p>', html).group(0)
    assert f'class="{BARE}"' in address
