"""In headless Chromium: pages load without third-party requests, and Danish search stems words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.support import search as searching
from tests.test_site_build import SECTIONS

pytestmark = pytest.mark.browser


def search(page, base_url: str, query: str) -> list[str]:
    """Type a query into the site's search box like a visitor; the paths of the results shown
    once the search has answered that very query."""
    searching.track(page)
    page.goto(base_url)
    searching.type_query(page, query)
    return searching.result_paths(page, base_url)


def pages_by_words(site: Path) -> dict[str, str]:
    """Each page's searchable text (all its sections), from the index the search itself uses."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        texts[location] = texts.get(location, "") + " " + (doc["title"] + " " + doc["text"]).lower()
    return texts


@pytest.mark.parametrize("path", [*SECTIONS, "findes-ikke/"])
def test_page_loads_without_contacting_another_host(page, site_url: str, path: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    searching.track(page)
    page.goto(site_url + path, wait_until="networkidle")
    # Search too: its worker loads the index and the Danish language files before it answers.
    searching.type_query(page, "kultur")
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert requests and not foreign, f"/{path} contacted other hosts: {foreign}"


def test_nothing_is_stored_in_the_browser(page, site_url: str) -> None:
    # The privacy page promises no cookies and nothing in local or session storage.
    for path in SECTIONS:
        page.goto(site_url + path, wait_until="networkidle")
    search(page, site_url, "kultur")
    stored = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert page.context.cookies() == []
    assert stored == [[], []], f"stored in the browser: {stored}"


def test_missing_page_shows_the_danish_404(page, site_url: str) -> None:
    response = page.goto(site_url + "findes/ikke/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Siden findes ikke"
    page.get_by_role("link", name="Gå til forsiden").click()
    assert urlsplit(page.url).path == urlsplit(site_url).path


def result_count(page, base_url: str, query: str) -> int:
    search(page, base_url, query)
    return searching.result_count(page)


@pytest.mark.parametrize(("query", "stem", "inflected"), [
    ("ensomhed", "ensom", "ensomme"),  # the noun finds pages that only use the adjective
    ("sygemeldte", "sygemeld", "sygemelding"),  # and the participle finds the noun
])
def test_search_finds_inflected_danish_forms(page, site_url: str, site: Path, query: str,
                                             stem: str, inflected: str) -> None:
    texts = pages_by_words(site)
    def says(word: str, text: str) -> bool:  # at the start of a word, as search matches it
        return re.search(rf"\b{word}", text) is not None

    only_inflected = {loc for loc, text in texts.items()
                      if says(inflected, text) and not says(query, text)}
    assert only_inflected, f"the content no longer has a page that says {inflected!r} only"
    literal = {loc for loc, text in texts.items() if says(query, text)}
    any_form = {loc for loc, text in texts.items() if says(stem, text)}
    count = result_count(page, site_url, query)
    # Without stemming only the pages with the literal word would be found.
    assert count > len(literal)
    assert count == len(any_form), f"{query!r} found {count} pages; {len(any_form)} say {stem}…"


def test_search_handles_danish_letters(page, site_url: str, site: Path) -> None:
    found = search(page, site_url, "tilgængelighed")
    assert "tilgaengelighed/" in found


def test_a_citation_takes_the_reader_to_its_reference(page, test_cards_url: str) -> None:
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    page.get_by_role("link", name="Bungay & Clift, 2010").click()
    expect(page).to_have_url(re.compile(r"#ref-bungay2010$"))
    reference = page.locator("#ref-bungay2010")
    expect(reference).to_be_in_viewport()
    expect(reference).to_have_text(re.compile(r"^Bungay, H\., & Clift, S\. \(2010\)\."))


def clipboard_text(page, starts: str) -> str:
    """The clipboard once it holds text beginning with ``starts`` (copying is asynchronous)."""
    page.wait_for_function(
        "async starts => (await navigator.clipboard.readText()).startsWith(starts)",
        arg=starts, polling=100)
    return page.evaluate("navigator.clipboard.readText()")


def test_an_entrys_bibtex_can_be_opened_and_copied(page, test_cards_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(test_cards_url + "litteratur/#fancourt2019")
    entry = page.locator("#fancourt2019")
    entry.get_by_text("BibTeX").click()
    code = entry.locator("pre code")
    expect(code).to_be_visible()
    expect(code).to_have_text(re.compile(r"^@techreport\{fancourt2019,"))
    entry.get_by_role("button", name="Kopiér til udklipsholderen").click()
    copied = clipboard_text(page, "@techreport{fancourt2019,")
    assert copied.rstrip().endswith("}")


VISIBLE_CARDS = "#vb-card-list > li:not([hidden]) .vb-card-title"


def open_card_list(page, url: str) -> None:
    """/kort/ once its filters work: the script shows the form only after it has loaded the
    card index and listens for changes (the count line is there without JavaScript too)."""
    page.goto(url)
    expect(page.locator("form.vb-filters")).to_be_visible()


def test_filters_combine_update_the_count_and_live_in_the_url(page, test_cards_url: str) -> None:
    open_card_list(page, test_cards_url + "kort/")
    expect(page.locator("#vb-count")).to_have_text("Viser alle 4 kort.")
    expect(page.locator(VISIBLE_CARDS)).to_have_count(4)
    page.get_by_text("Målgrupper", exact=True).first.click()
    page.get_by_label("Stress, angst og depression").check()
    page.get_by_text("Type", exact=True).first.click()
    page.get_by_label("Eksempel").check()
    expect(page.locator(VISIBLE_CARDS)).to_have_text(["Testkort om et kulturtilbud"])
    expect(page.locator("#vb-count")).to_have_text("Viser 1 af 4 kort.")
    expect(page).to_have_url(re.compile(r"type=eksempel"))
    expect(page).to_have_url(re.compile(r"target_groups=stress-angst-depression"))

    page.get_by_label("Forskningsresumé").check()  # OR within a filter
    expect(page.locator(VISIBLE_CARDS)).to_have_count(2)
    assert sorted(page.locator(VISIBLE_CARDS).all_inner_texts()) == [
        "Testkort om et kulturtilbud", "Testkort om kultur på recept"]
    expect(page.locator("#vb-count")).to_have_text("Viser 2 af 4 kort.")

    shared = page.url
    page.goto("about:blank")
    open_card_list(page, shared)
    expect(page.get_by_label("Eksempel")).to_be_checked()
    expect(page.get_by_label("Forskningsresumé")).to_be_checked()
    expect(page.locator("#vb-count")).to_have_text("Viser 2 af 4 kort.")


def test_filters_work_with_the_keyboard_alone(page, test_cards_url: str) -> None:
    open_card_list(page, test_cards_url + "kort/")
    expect(page.locator("#vb-count")).to_have_text("Viser alle 4 kort.")
    summary = page.locator("form.vb-filters summary").nth(1)  # Målgrupper
    summary.focus()
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")  # opens the group
    expect(summary.locator("xpath=..")).to_have_attribute("open", "")
    page.keyboard.press("Tab")  # to its first choice
    first = page.get_by_label("Stress, angst og depression")
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    # The research card, the example and the question page are about this group; the tool is not.
    expect(page.locator("#vb-count")).to_have_text("Viser 3 af 4 kort.")
    expect(page.locator(VISIBLE_CARDS)).to_have_count(3)
    expect(page).to_have_url(re.compile(r"target_groups=stress-angst-depression"))


def test_a_card_prints_without_navigation(page, test_cards_url: str) -> None:
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".vb-share .md-button"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("#ref-fancourt2019")).to_be_visible()  # the references print
    expect(page.locator(".vb-url")).to_be_visible()  # and so does the page's address
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_copy_link_copies_the_address(page, test_cards_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    button = page.get_by_role("button", name="Kopiér link")
    # The button says "Link kopieret" for a moment only; record what it says, not when.
    button.evaluate("""button => {
        window.__labels = [];
        new MutationObserver(() => window.__labels.push(button.textContent))
            .observe(button, {childList: true, characterData: true, subtree: true});
    }""")
    button.click()
    address = "https://vidensbank.example.org/kultur-sundhed/forskning/testkort-forskning/"
    assert clipboard_text(page, address) == address
    page.wait_for_function("window.__labels.includes('Link kopieret')")
