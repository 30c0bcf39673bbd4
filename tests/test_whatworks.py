"""The what-works map, facet pages, card index and related cards, from the four test cards.

Expected numbers are computed here from the test cards' front matter (or written by hand), not
taken from the code under test.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

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
    # An outcome no card is about is a gap on purpose, and its heading says so.
    columns = [o["label"] + ("" if any(o["id"] in as_list(m.get("outcomes")) for m in cards)
                             else " (intet kort endnu)") for o in VOCABULARY["outcomes"]["terms"]]
    for table in parser.tables.values():
        assert all(list(cells) == columns for cells in table.values())
    for caption, (field, vocabulary) in rows.items():
        table = parser.tables[caption]
        assert list(table) == [t["label"] for t in VOCABULARY[vocabulary]["terms"]]
        for row in VOCABULARY[vocabulary]["terms"]:
            for column in VOCABULARY["outcomes"]["terms"]:
                matching = [m for m in cards if row["id"] in as_list(m.get(field))
                            and column["id"] in as_list(m.get("outcomes"))]
                cell = next(c for label, c in table[row["label"]].items()
                            if label.startswith(column["label"]))
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
    text, href = parser.tables["Målgrupper og udbytte"]["Stress, angst og depression"][
        "Mental trivsel"]
    target = urlsplit(urljoin("https://x/hvad-virker/", href))
    assert target.path == "/kort/"  # the card list, filtered on the cell's row and column
    query = parse_qs(target.query)
    assert query == {"target_groups": ["stress-angst-depression"], "outcomes": ["mental-trivsel"],
                     "type": ["forskning", "eksempel"]}
    # The filter the link sets picks the same cards the cell counts (any value within a facet,
    # every facet), read from the list's own index.
    index = json.loads((test_cards_site / "kort/kort.json").read_text(encoding="utf-8"))
    chosen = [r for r in index["cards"]
              if all(set(values) & set(as_list(r.get(facet))) for facet, values in query.items())]
    assert text.startswith(f"{len(chosen)} kort")
    assert {r["title"] for r in chosen} == {"Testkort om kultur på recept",
                                            "Testkort om et kulturtilbud"}


def test_a_target_group_page_puts_answers_first_and_each_card_once(test_cards_site: Path) -> None:
    page = (test_cards_site / "maalgrupper/stress-angst-depression/index.html").read_text("utf-8")
    cards = fixture_cards()
    question = cards["spoergsmaal/testkort-tema"]
    answers = page.split('id="kort-svar"', 1)[1].split('id="kortene"', 1)[0]
    # The question page for the group first, with its short answer and a link to it.
    assert question["title"] in answers and question["answer_summary"] in answers
    assert 'href="../../spoergsmaal/testkort-tema/"' in answers
    # One line per activity: how many cards and the strongest evidence among them.
    mine = [m for m in cards.values() if m["type"] in ("forskning", "eksempel")
            and "stress-angst-depression" in as_list(m.get("target_groups"))]
    on_prescription = [m for m in mine if "kultur-paa-recept" in as_list(m.get("activities"))]
    levels = [t["id"] for t in VOCABULARY["evidence"]["terms"]]
    strongest = min((m["evidence"] for m in on_prescription if m.get("evidence")),
                    key=levels.index)
    line = f"Kultur på recept</a>: {len(on_prescription)} kort, {label('evidence', strongest)}."
    assert line.replace(label("evidence", strongest), label("evidence", strongest).lower()) \
        in answers
    # Then every card once, strongest evidence first; the question is not repeated as a card.
    listed = page.split('id="kortene"', 1)[1].split('id="maalevaerktoejer-og-metoder"', 1)[0]
    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', listed)
    assert sorted(titles) == sorted(m["title"] for m in mine)
    assert len(titles) == len(set(titles))
    order = [next(m for m in mine if m["title"] == t).get("evidence") for t in titles]
    ranks = [levels.index(e) if e else len(levels) for e in order]
    assert ranks == sorted(ranks)
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
    # First the question page that draws on the card (its `cards`); then the example: 1 shared
    # group + 1 shared outcome; the tool: 1 shared activity + 1 shared outcome; equal scores are
    # ordered by title.
    assert "forskning/testkort-forskning" in fixture_cards()["spoergsmaal/testkort-tema"]["cards"]
    assert [t for _, t in titles] == ["Testkort med et spørgsmål", "Testkort om et kulturtilbud",
                                      "Testkort om et spørgeskema"]
    assert titles[1][0] == "../../eksempler/testkort-eksempel/"


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
