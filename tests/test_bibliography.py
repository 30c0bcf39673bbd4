"""One rule for what a bibliography entry must have, applied alike by `check` and `ref add`.

Each test writes a tiny research/ folder: the check reads only research/*.bib, ``ref add`` only
research/references.bib. The expected words are the contributor's, written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vidensbank import bibliography, refadd
from vidensbank.problems import Problem, Severity
from vidensbank.repo import Repo

CHAPTER = ("@incollection{kapitel2020,\n  author = {Holm, Ida},\n  title = {Et kapitel},\n"
           "  booktitle = {En antologi},\n  publisher = {Forlaget},\n{year}"
           "  doi = {10.5555/kapitel}\n}\n")
WEB_PAGE = "@misc{webside,\n  title = {En webside},\n{year}  url = {https://example.org/}\n}\n"
YEAR = "  year = {2020},\n"


def checked(tmp_path: Path, text: str) -> list[Problem]:
    (tmp_path / "research").mkdir(parents=True)
    (tmp_path / "research" / "references.bib").write_text(text, encoding="utf-8")
    return bibliography.load(Repo(tmp_path)).problems


def added(tmp_path: Path, text: str) -> refadd.Report:
    (tmp_path / "research").mkdir(parents=True)
    return refadd.add(Repo(tmp_path), [refadd.Source("eksport.bib", text.encode("utf-8"))])


def about_year(problems: list[Problem]) -> list[tuple[Severity, str]]:
    return [(p.severity, p.message) for p in problems if "år" in p.message]


@pytest.mark.parametrize("year", ["", "  year = {},\n"], ids=["no year", "empty year"])
def test_check_reports_a_chapter_without_a_year_once_as_an_error(tmp_path: Path,
                                                                 year: str) -> None:
    problems = checked(tmp_path, CHAPTER.replace("{year}", year))
    assert about_year(problems) == [
        (Severity.ERROR, "posten 'kapitel2020' (incollection) mangler år (year)")]
    assert not [p for p in problems if "u.å." in p.message]


def test_check_only_warns_that_an_undated_web_page_shows_u_aa(tmp_path: Path) -> None:
    problems = checked(tmp_path, WEB_PAGE.replace("{year}", ""))
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.WARNING, "posten 'webside' (misc) har intet år og vises med 'u.å.'")]


def test_ref_add_refuses_a_chapter_without_a_year_and_does_not_also_warn(tmp_path: Path) -> None:
    report = added(tmp_path, CHAPTER.replace("{year}", ""))
    assert [p.message for p in report.invalid] == [
        "posten 'kapitel2020' (incollection) mangler år (year)"]
    assert not [w for w in report.warnings if "u.å." in w]


def test_ref_add_adds_an_undated_web_page_with_the_checks_warning(tmp_path: Path) -> None:
    report = added(tmp_path, WEB_PAGE.replace("{year}", ""))
    assert report.added == ["webside"] and not report.invalid
    warning = checked(tmp_path / "check", WEB_PAGE.replace("{year}", ""))[0]
    assert [w for w in report.warnings if "u.å." in w] == [
        f"eksport.bib:1 {warning.message} — {warning.hint}"]


def test_a_missing_link_is_an_error_in_check_and_the_same_words_as_a_warning_in_ref_add(
        tmp_path: Path) -> None:
    chapter = CHAPTER.replace("{year}", YEAR).replace("  doi = {10.5555/kapitel}\n", "")
    problems = checked(tmp_path / "check", chapter)
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.ERROR, "posten 'kapitel2020' (incollection) har hverken DOI eller URL")]
    report = added(tmp_path / "add", chapter)
    assert report.added == ["kapitel2020"]
    assert report.warnings == [f"eksport.bib:1 {problems[0].message} — {problems[0].hint}; "
                               "'vidensbank check' kræver det"]
