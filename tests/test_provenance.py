"""Every figure on a card traceable to the extraction of a work it cites; facts-box values and the
evidence level held to the extractions; readability measured as the contributor guide says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vidensbank import evidencerule, figures, frontmatter, provenance, readability, yamlsource
from vidensbank.content import Page
from vidensbank.extractions import Extraction, Extractions


def card(text: str, src: str = "forskning/test.md") -> Page:
    return Page(src, f"docs/{src}", frontmatter.parse(text))


def extractions(**files: str) -> Extractions:
    found = Extractions()
    for key, text in files.items():
        found.by_key[key] = Extraction(key, f"research/extractions/{key}.yaml",
                                       yamlsource.load(text).data, text)
    return found


STUDY = """
read: {source: fuldtekst, what: Artiklens fulde tekst, date: "2026-12-01"}
kind: undersoegelse
design: foer-efter
numbers:
  analysed: {value: 1124, unit: deltagere, locator: {page: 21}}
intervention:
  weeks: {value: 10, locator: {section: Method}}
results:
  - {what: Andel der fik det bedre, value: 62.5, unit: "%", locator: {table: 2}}
  - {what: Mekanismer, value: 6, unit: mekanismer, locator: {page: 30}}
notes: Forfatterne nævner 77 andre ting, som ikke er læst.
"""
OTHER = """
read: {source: abstract, what: Resuméet på PubMed, date: "2026-12-01"}
kind: undersoegelse
design: rct
numbers:
  recruited: {value: 48, unit: deltagere, locator: {abstract: true}}
"""


def problems(body: str, meta: str = "", **files: str) -> list[str]:
    page = card(f"---\ntitle: Test\ntype: forskning\nreferences: [a]\n{meta}---\n{body}")
    found = extractions(**(files or {"a": STUDY, "b": OTHER}))
    return [f"{p.line}: {p.message}"
            for p in provenance.check(page, found, {"a": "2019", "b": "2021"})]


def test_danish_figures_are_read_as_the_numbers_they_write() -> None:
    text = "1.124 korsangere, 62,5 %, 0–25 point, tolv uger og fire til seks gange"
    assert [f.value for f in figures.in_text(text)] == [
        Decimal("1124"), Decimal("62.5"), Decimal("0"), Decimal("25"), Decimal("12"),
        Decimal("4"), Decimal("6")]


def test_digits_in_names_are_not_figures() -> None:
    assert figures.in_text("WHO-5, PHQ-9, EQ-5D-5L, ONS4 og COVID-19") == []


def test_a_name_in_an_extraction_holds_no_figure() -> None:
    held = set(figures.values({"value": "CORE-10 og WHO-5", "what": "4,500 patients, 2.5 hours"}))
    assert Decimal(10) not in held and Decimal(5) not in held
    assert {Decimal(4500), Decimal("2.5")} <= held


def test_figures_the_cited_extraction_holds_pass() -> None:
    body = ("Undersøgelsen fulgte 1.124 deltagere i ti uger [@a]. 62,5 % fik det bedre, og "
            "forskerne foreslog seks mekanismer [@a].\n")
    assert problems(body) == []


def test_a_figure_the_cited_work_does_not_hold_fails_at_its_line() -> None:
    body = "Første linje uden tal.\n\nForløbet varede i\n12 uger [@a].\n"
    assert problems(body) == ["9: tallet '12' står ikke i udtrækket af a"]


def test_a_figure_held_only_by_another_work_still_fails() -> None:
    # 48 is in b's extraction, but the sentence cites a: cite the work the figure came from.
    assert problems("Der var 48 deltagere [@a]. Det var mange [@b].\n") == [
        "6: tallet '48' står ikke i udtrækket af a"]


def test_notes_in_an_extraction_are_no_source_for_a_figure() -> None:
    assert problems("Der var 77 andre ting [@a].\n") == [
        "6: tallet '77' står ikke i udtrækket af a"]


def test_a_sentence_without_a_citation_borrows_the_next_one_in_its_paragraph() -> None:
    assert problems("Der var 48 deltagere. Det er målt [@b].\n") == []
    assert problems("Der var 48 deltagere.\n\nDet er målt [@b].\n") == [
        "6: tallet '48' står uden kildehenvisning"]


def test_a_list_cites_what_the_sentence_introducing_it_cites() -> None:
    body = "Forskerne fandt [@a]:\n\n- 1.124 deltagere\n- 62,5 % fik det bedre\n- 999 andre\n"
    assert problems(body) == ["10: tallet '999' står ikke i udtrækket af a"]


def test_the_year_of_a_cited_work_and_a_linked_card_are_references_not_figures() -> None:
    body = ("Fancourt og Finn (2019) skriver det [@a]. Se også [Jensen (2017)](andet.md), "
            "som citeres her [@b].\n")
    assert problems(body) == []


def test_front_matter_prose_cites_the_cards_references() -> None:
    assert problems("Tekst.\n", meta="summary: Et forløb på 10 uger med 55 deltagere.\n") == [
        "5: tallet '55' står ikke i udtrækket af a"]


def test_a_card_may_not_say_our_notes_are_silent() -> None:
    assert problems("Tekst [@a].\n\nDe noter, vi bygger på, oplyser ikke antallet.\n") == [
        "8: teksten henviser til vidensbankens noter, ikke til kilden"]


def test_a_work_without_an_extraction_is_named() -> None:
    assert problems("Der var 48 deltagere [@c].\n") == [
        "6: tallet '48' står ikke i udtrækket af c (intet udtræk)"]


TOOL = """
read: {source: fuldtekst, what: Den oprindelige artikel, date: "2026-12-01"}
kind: instrument
instrument:
  items: {value: 5, locator: {page: 2}}
  danish_version: {value: ja, locator: {section: Dansk}}
  licence: {value: gratis, what: Må bruges frit, locator: {section: Licens}}
"""


@pytest.mark.parametrize(("fields", "expected"), [
    ("items: 5\ndanish_version: {status: ja}\nlicence: {type: gratis, terms: frit}\n", []),
    ("items: 7\n", ["'items: 7' står ikke i udtrækket af kortets kilder (de siger: 5)"]),
    ("danish_version: {status: nej}\n",
     ["'danish_version.status: nej' står ikke i udtrækket af kortets kilder (de siger: ja)"]),
    ("licence: {type: betaling, terms: koster}\n",
     ["'licence.type: betaling' står ikke i udtrækket af kortets kilder (de siger: gratis)"]),
    ("score_range: 0–30 point\n",
     ["tallet '0' i 'score_range' står ikke i udtrækket af kortets kilder (t)",
      "tallet '30' i 'score_range' står ikke i udtrækket af kortets kilder (t)"]),
])
def test_facts_box_values_must_be_what_the_cited_extraction_says(fields: str,
                                                                   expected: list[str]) -> None:
    page = card(f"---\ntitle: T\ntype: metode\nreferences: [t]\n{fields}---\nTekst.\n",
                "metoder/t.md")
    assert [p.message for p in provenance.facts(page, extractions(t=TOOL))] == expected


PROGRAMME = """
read: {source: organisationens-side, what: Tilbuddets egen side, date: "2026-12-01"}
kind: program
programme:
  status: {value: afsluttet, as_of: "2020-06-15", locator: {section: Om projektet}}
"""


def test_an_examples_status_must_be_dated_in_an_extraction() -> None:
    def status(value: str) -> list[str]:
        page = card(f"---\ntitle: E\ntype: eksempel\nreferences: [p]\nstatus: {value}\n---\nT.\n",
                    "eksempler/e.md")
        return [p.message for p in provenance.facts(page, extractions(p=PROGRAMME))]
    assert status("afsluttet") == []
    assert status("ikke-oplyst") == []
    assert status("koerer") == ["'status: koerer' står ikke i udtrækket af kortets kilder "
                                "(de siger: afsluttet)"]


REVIEW = """
read: {source: fuldtekst, what: Hele reviewet, date: "2026-12-01"}
kind: review
design: systematisk-review
reviewed:
  studies: {value: 12, locator: {page: 3}}
  designs: [rct, foer-efter]
  controlled: {value: CONTROLLED, locator: {table: 1}}
"""


@pytest.mark.parametrize(("claimed", "designs", "ok"), [
    ("begraenset", {"a": STUDY}, True),           # a before-after study
    ("moderat", {"a": STUDY}, False),
    ("moderat", {"a": STUDY, "b": OTHER}, True),  # plus one randomised trial
    ("staerk", {"b": OTHER}, False),
    ("staerk", {"r": REVIEW.replace("CONTROLLED", "3")}, True),
    ("staerk", {"r": REVIEW.replace("CONTROLLED", "1")}, False),
    ("moderat", {"r": REVIEW.replace("CONTROLLED", "1")}, True),  # inherits the rct
])
def test_the_evidence_level_follows_the_written_rule(claimed: str, designs: dict[str, str],
                                                     ok: bool) -> None:
    page = card(f"---\ntitle: T\ntype: forskning\nevidence: {claimed}\n---\nT.\n")
    found = evidencerule.check(page, extractions(**designs), designs)
    assert (found == []) is ok, [p.message for p in found]


def test_lix_counts_words_sentences_and_words_longer_than_six_letters() -> None:
    # 8 words, 2 sentences, 2 long words ("skinner", "eftermiddag"): 8 / 2 + 100 × 2 / 8 = 29.
    page = card("---\ntitle: T\n---\nJeg går hjem. Solen skinner varmt i eftermiddag.\n")
    assert readability.of_card(page).lix == 29.0


def test_each_list_item_ends_a_sentence_and_citations_are_not_words() -> None:
    # 6 words in 3 sentences, none long: 6 / 3 = 2.
    page = card("---\ntitle: T\n---\n- To ord [@nogle2020]\n- To mere\n- Og to\n")
    assert readability.of_card(page).lix == 2.0
