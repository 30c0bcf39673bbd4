"""References and in-text citations in APA 7 with Danish terms.

The expected strings are written by hand from the APA 7 rules (Danish terms: 'm.fl.', 's.',
'u.å.', 'Red.', 'I'), not produced by the formatter.
"""

from __future__ import annotations

import re

import pytest
from pybtex.database import BibliographyData, Entry, parse_file

from tests.support.sitebuild import ROOT
from vidensbank.apa import Formatter, cite, collation_key

FORMATTER = Formatter(parse_file(str(ROOT / "tests" / "fixtures" / "apa.bib")))


def text(key: str) -> str:
    """The reference as a reader sees it: tags dropped, entities decoded."""
    html = FORMATTER[key].html
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")


@pytest.mark.parametrize(("key", "locator", "expected"), [
    ("dansk2020", None, "Sørensen m.fl., 2020"),
    ("sst2022", None, "Sundhedsstyrelsen, 2022"),
    ("kapitel2018", "s. 12", "Hansen, 2018, s. 12"),
    ("kapitel2018", "pp. 12-14", "Hansen, 2018, s. 12–14"),
    ("webside2019", None, "Museumsbesøg på recept i Montreal, 2019"),
    ("udenaar", None, "Zeuthen, u.å."),
    ("jensen2019b", None, "Jensen, 2019a"),
    ("jensen2019a", None, "Jensen, 2019b"),
])
def test_in_text_citations(key: str, locator: str | None, expected: str) -> None:
    assert cite(FORMATTER[key], locator) == expected


def test_article_with_danish_authors_and_a_doi_written_as_url() -> None:
    assert text("dansk2020") == (
        "Sørensen, S., Åberg, A.-M., & Ølgaard, I. (2020). Fællessang og trivsel blandt "
        "sygemeldte. Tidsskrift for Forskning i Sygdom og Samfund, 17(32), 45–60. "
        "https://doi.org/10.7146/tfss.v17i32.0000"
    )
    assert '<a href="https://doi.org/10.7146/tfss.v17i32.0000">' in FORMATTER["dansk2020"].html
    assert "<em>Tidsskrift for Forskning i Sygdom og Samfund</em>, <em>17</em>(32)" in \
        FORMATTER["dansk2020"].html


def test_report_by_a_corporate_author_does_not_repeat_it_as_publisher() -> None:
    assert text("sst2022") == (
        "Sundhedsstyrelsen. (2022). Kultur på recept: erfaringer fra ni kommuner "
        "(Rapport nr. 4). https://example.org/sst-kultur-paa-recept"
    )


def test_more_than_twenty_authors_lists_nineteen_an_ellipsis_and_the_last() -> None:
    names = ", ".join(f"A{i}, {chr(64 + i)}." for i in range(1, 20))
    assert text("mange2021").startswith(f"{names}, … A21, U. (2021). A study with")


def test_web_page_without_author_starts_with_its_title() -> None:
    assert text("webside2019") == (
        "Museumsbesøg på recept i Montreal. (2019). Nyhed, Eksempelavisen. "
        "https://example.org/montreal"
    )
    assert FORMATTER["webside2019"].html.startswith("<em>Museumsbesøg på recept i Montreal</em>")


def test_chapter_in_an_edited_book() -> None:
    assert text("kapitel2018") == (
        "Hansen, H. (2018). Kultur som sundhedsfremme. I A. Jensen & L. O. Bonde (Red.), "
        "Kultur og sundhed i praksis (s. 11–30). Samfundslitteratur. https://example.org/kapitel"
    )


def test_same_author_and_year_get_letters_in_title_order() -> None:
    assert text("jensen2019b").startswith("Jensen, A. (2019a). A-titel")
    assert text("jensen2019a").startswith("Jensen, A. (2019b). B-titel")


def test_undated_work_reads_u_aa() -> None:
    assert text("udenaar").startswith("Zeuthen, Z. (u.å.). Værktøjskasse til museer.")


def test_danish_alphabetical_order_puts_ae_oe_aa_last() -> None:
    names = ["Åberg", "Zeuthen", "Ølgaard", "Andersen", "Ærø", "Østergaard", "Øberg"]
    assert sorted(names, key=collation_key) == [
        "Andersen", "Zeuthen", "Ærø", "Øberg", "Ølgaard", "Østergaard", "Åberg"]
    order = [f.key for f in FORMATTER.sorted(FORMATTER.entries)]
    assert order == ["mange2021", "kapitel2018", "jensen2019b", "jensen2019a", "webside2019",
                     "sst2022", "dansk2020", "udenaar"]


@pytest.mark.parametrize("written", [
    "doi: 10.5555/abc(1)", "https://dx.doi.org/10.5555/abc(1)", "https://doi.org/10.5555%2Fabc(1)",
])
def test_a_doi_links_to_doi_org_however_the_export_wrote_it(written: str) -> None:
    # The same forms `ref add` and the check read as a bare DOI (bibtex_text.bare_doi).
    entry = Entry("misc", fields={"title": "Et værk", "year": "2020", "doi": written})
    html = Formatter(BibliographyData({"vaerk": entry}))["vaerk"].html
    assert html.endswith('<a href="https://doi.org/10.5555/abc(1)">https://doi.org/10.5555/abc(1)'
                         "</a>")
