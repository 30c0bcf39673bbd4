"""The tables that put tools and examples side by side, the question pages' short answers, and
dates as a Danish reader reads them — checked against the test cards' front matter."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import yaml

from tests.support.sitebuild import FIXTURE_CARDS
from vidensbank.dates import danish


def meta(card: str) -> dict:
    return yaml.safe_load((FIXTURE_CARDS / f"{card}.md").read_text("utf-8").split("---")[1])


def rows(html: str, caption: str) -> list[list[str]]:
    """The text of each row of the table with this caption."""
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return [[" ".join(unescape(re.sub(r"<[^>]+>", "", cell)).split())
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_the_tools_page_opens_with_a_table_from_the_tools_front_matter(
        test_cards_site: Path) -> None:
    html = (test_cards_site / "metoder/index.html").read_text("utf-8")
    table = html.index("Måleværktøjerne side om side")
    assert table < html.index('id="alle-metoder-og-vaerktoejer"')  # before the list of cards
    head, *body = rows(html, "Måleværktøjerne side om side")
    assert head == ["Værktøj", "Måler", "Spørgsmål", "Point", "Tid", "Dansk version", "Licens",
                    "Passer til udbytte"]
    tool = meta("metoder/testkort-instrument")
    assert body == [[tool["title"], tool["measures"], str(tool["items"]), tool["score_range"],
                     tool["time_to_complete"], "Ja", "Gratis", "Mental trivsel"]]
    # The question pages drawing on the tools are linked under the table.
    assert "Spørgsmål og svar om at vælge og bruge værktøjerne" not in html or \
        meta("spoergsmaal/testkort-tema")["title"] in html


def test_the_examples_page_opens_with_a_table_of_the_programmes(test_cards_site: Path) -> None:
    html = (test_cards_site / "eksempler/index.html").read_text("utf-8")
    head, *body = rows(html, "Eksemplerne side om side")
    assert head[:5] == ["Eksempel", "By eller område", "Henvisning", "Hvem kan deltage", "Omfang"]
    example = meta("eksempler/testkort-eksempel")
    dose = example["dose"]
    assert body == [[example["title"], example["place"], "Jobcenter", example["criteria"],
                     f"{dose['weeks']} uger, {dose['sessions_per_week']} gang om ugen, "
                     f"{dose['hours_per_session']} timer pr. gang", "ikke oplyst",
                     example["led_by"], "ikke oplyst", "Ikke oplyst", "ikke oplyst"]]


def test_a_question_page_opens_with_its_short_answer_and_shares_it(test_cards_site: Path) -> None:
    html = (test_cards_site / "spoergsmaal/testkort-tema/index.html").read_text("utf-8")
    answer = meta("spoergsmaal/testkort-tema")["answer_summary"]
    box = html.split('class="admonition abstract', 1)[1].split("</div>", 1)[0]
    assert f"<strong>Kort svar:</strong> {answer}" in box
    # The short answer is what search engines, LinkedIn and feed readers show.
    assert f'<meta name="description" content="{answer}">' in html
    assert f'<meta property="og:description" content="{answer}">' in html
    feed = (test_cards_site / "nyt/feed.xml").read_text("utf-8")
    assert answer in feed
    # And what every list of cards shows under its title.
    listing = (test_cards_site / "spoergsmaal/index.html").read_text("utf-8")
    assert f'<span class="vb-summary">{answer}</span>' in listing


def test_dates_read_as_danish_dates() -> None:
    assert danish(date(2026, 11, 26)) == "26. november 2026"
    assert danish("2027-03-03") == "3. marts 2027"
    assert danish("ikke en dato") == "ikke en dato"


def test_no_reader_facing_page_shows_an_iso_date(test_cards_site: Path) -> None:
    # BibTeX and front matter in code are for programs, which read ISO dates.
    for page in test_cards_site.rglob("*.html"):
        text = re.sub(r"<(script|style|head|pre|code)\b.*?</\1>|<[^>]+>", " ",
                      page.read_text("utf-8"), flags=re.S)
        assert not re.search(r"(?<![\w-])20\d\d-\d\d-\d\d(?![\w-])", text), page
