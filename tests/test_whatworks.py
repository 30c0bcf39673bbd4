"""The what-works map, facet pages, card index and related cards, from the four test cards.

Expected numbers are computed here from the test cards' front matter (or written by hand), not
taken from the code under test.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from tests.support.sitebuild import FIXTURE_CARDS

VOCABULARY = yaml.safe_load((FIXTURE_CARDS.parents[2] / "research/vocabulary.yaml").read_text(
    encoding="utf-8"))


def fixture_cards() -> dict[str, dict]:
    cards = {}
    for path in FIXTURE_CARDS.rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        cards[path.relative_to(FIXTURE_CARDS).with_suffix("").as_posix()] = meta
    return cards


def as_list(value) -> list[str]:
    return value if isinstance(value, list) else [value] if value else []


class _Tables(HTMLParser):
    """Each map table as {caption: {row label: {column label: (count, level, href) or None}}}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, dict[str, dict[str, tuple | None]]] = {}
        self._caption = self._text = ""
        self._in = None
        self._columns: list[str] = []
        self._row: list = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("caption", "th", "td"):
            self._in, self._text, self._href = tag, "", None
            self._gap = "vb-gap" in (values.get("class") or "")
        if tag == "a" and self._in == "td":
            self._href = values["href"]
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        text = " ".join(self._text.split())
        if tag == "caption":
            self._caption = text
            self.tables[text] = {}
            self._columns = []
        elif tag == "th":
            self._row.append(text)
        elif tag == "td":
            self._row.append(None if self._gap else (text, self._href))
        elif tag == "tr":
            if all(isinstance(c, str) for c in self._row):
                self._columns = self._row[1:]
            else:
                cells = zip(self._columns, self._row[1:], strict=True)
                self.tables[self._caption][self._row[0]] = dict(cells)
        if tag in ("caption", "th", "td"):
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text += data


def label(vocabulary: str, term: str) -> str:
    return next(t["label"] for t in VOCABULARY[vocabulary]["terms"] if t["id"] == term)


def test_every_number_on_the_map_matches_the_cards(test_cards_site: Path) -> None:
    html = (test_cards_site / "hvad-virker/index.html").read_text(encoding="utf-8")
    parser = _Tables()
    parser.feed(html)
    cards = [m for m in fixture_cards().values() if m["type"] in ("forskning", "eksempel")]
    levels = [t["id"] for t in VOCABULARY["evidence"]["terms"]]
    rows = {"Målgrupper og udbytte": ("target_groups", "target_groups"),
            "Situation på arbejdsmarkedet og udbytte": ("employment_situation",
                                                         "employment_situation"),
            "Aktiviteter og udbytte": ("activities", "activities")}
    assert set(parser.tables) == set(rows)
    for caption, (field, vocabulary) in rows.items():
        table = parser.tables[caption]
        assert list(table) == [t["label"] for t in VOCABULARY[vocabulary]["terms"]]
        for row in VOCABULARY[vocabulary]["terms"]:
            for column in VOCABULARY["outcomes"]["terms"]:
                matching = [m for m in cards if row["id"] in as_list(m.get(field))
                            and column["id"] in as_list(m.get("outcomes"))]
                cell = table[row["label"]][column["label"]]
                if not matching:
                    assert cell is None, (caption, row["id"], column["id"])
                    continue
                shown = [m["evidence"] for m in matching if m.get("evidence")]
                strongest = label("evidence", min(shown, key=levels.index)) if shown \
                    else "Intet niveau"
                assert cell[0] == f"{len(matching)} kort {strongest}", (row["id"], column["id"])


def test_a_map_cell_links_to_the_cards_behind_it(test_cards_site: Path) -> None:
    html = (test_cards_site / "hvad-virker/index.html").read_text(encoding="utf-8")
    parser = _Tables()
    parser.feed(html)
    _, href = parser.tables["Målgrupper og udbytte"]["Stress, angst og depression"][
        "Mental trivsel"]
    target = urlsplit(urljoin("https://x/hvad-virker/", href))
    assert target.path == "/maalgrupper/stress-angst-depression/"
    assert target.fragment == "udbytte-mental-trivsel"
    page = (test_cards_site / "maalgrupper/stress-angst-depression/index.html").read_text("utf-8")
    section = page.split('id="udbytte-mental-trivsel"', 1)[1].split("<h", 1)[0]
    assert "Testkort om kultur på recept" in section and "Testkort om et kulturtilbud" in section


def test_a_target_group_page_reaches_a_situation_in_one_tap(test_cards_site: Path) -> None:
    page = (test_cards_site / "maalgrupper/stress-angst-depression/index.html").read_text("utf-8")
    assert "1 forskningsresumé, 1 eksempel." in page
    shortcut = re.search(r'Gå direkte til: <a href="#situation-sygedagpenge">Sygedagpenge</a>',
                         page)
    assert shortcut
    section = page.split('id="situation-sygedagpenge"', 1)[1].split("<h", 1)[0]
    assert "Testkort om kultur på recept" in section
    assert "Testkort om et kulturtilbud" not in section  # the example has no employment tag
    tools = page.split('id="maalevaerktoejer-og-metoder"', 1)[1]
    assert "Testkort om et spørgeskema" in tools


def test_the_card_index_has_every_card_with_its_facets(test_cards_site: Path) -> None:
    index = json.loads((test_cards_site / "kort/kort.json").read_text(encoding="utf-8"))
    records = {record["id"]: record for record in index["cards"]}
    expected = fixture_cards()
    assert set(records) == set(expected)
    for card_id, meta in expected.items():
        record = records[card_id]
        assert record["type"] == meta["type"] and record["title"] == meta["title"]
        assert record["url"] == f"{card_id}/"
        for facet in ("target_groups", "employment_situation", "sectors", "country"):
            assert record.get(facet, []) == as_list(meta.get(facet)), (card_id, facet)
    # A tool is filed under the activities and outcomes it suits.
    assert records["metoder/testkort-instrument"]["outcomes"] == ["mental-trivsel"]


def test_related_cards_share_groups_activities_or_outcomes(test_cards_site: Path) -> None:
    page = (test_cards_site / "forskning/testkort-forskning/index.html").read_text("utf-8")
    related = page.split('id="relaterede-kort"', 1)[1].split("<h2", 1)[0]
    titles = re.findall(r'class="vb-card-title" href="([^"]+)">([^<]+)</a>', related)
    # Example: 1 shared group + 1 shared outcome; tool: 1 shared activity + 1 shared outcome;
    # equal scores are ordered by title. The question card shares nothing.
    assert [t for _, t in titles] == ["Testkort om et kulturtilbud", "Testkort om et spørgeskema"]
    assert titles[0][0] == "../../eksempler/testkort-eksempel/"


class _Lists(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "li" and "data-id" in values:
            self.ids.append(values["data-id"])


def test_without_javascript_the_card_list_shows_every_card(test_cards_site: Path) -> None:
    parser = _Lists()
    parser.feed((test_cards_site / "kort/index.html").read_text(encoding="utf-8"))
    assert sorted(parser.ids) == sorted(fixture_cards())
    html = (test_cards_site / "kort/index.html").read_text(encoding="utf-8")
    # Shown only by the script; the class hides it (and the instructions) without one.
    assert re.search(r'<form class="vb-filters vb-js-only"[^>]* hidden>', html)
    assert re.search(r'<p class="vb-js-only">Vælg filtre', html)
    note = re.search(r"<noscript><p[^>]*>(.*?)</noscript>", html, re.S)
    assert note and "Filtrene kræver JavaScript" in note.group(1)
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>',
                                                            note.group(1)))
    assert links == {"Hvad virker for hvem": "../hvad-virker/", "Målgrupper": "../maalgrupper/",
                     "Situation på arbejdsmarkedet": "../situation/",
                     "Aktiviteter": "../aktiviteter/", "Udbytte": "../udbytte/"}
    for href in links.values():  # each is a page of the site
        assert (test_cards_site / "kort" / href / "index.html").resolve().is_file(), href
