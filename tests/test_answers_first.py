"""In headless Chromium, the practitioner's route from a question to what to do: short target-
group pages on a phone, a map that fits a desktop and leads to its cards, and search results that
read as summaries."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from tests.support import browsing
from tests.support import search as searching
from tests.support.sitebuild import ROOT

pytestmark = pytest.mark.browser

PHONE_HEIGHT_LIMIT = 4000  # px at 375 px wide, with today's content (issue 17)


def target_groups() -> list[str]:
    vocabulary = yaml.safe_load((ROOT / "research/vocabulary.yaml").read_text("utf-8"))
    return [term["id"] for term in vocabulary["target_groups"]["terms"]]


def test_every_target_group_page_is_short_on_a_phone(browser, site_url: str) -> None:
    page = browsing.new_page(browser, 375, 812)
    heights = {}
    for group in target_groups():
        response = page.goto(f"{site_url}maalgrupper/{group}/")
        if response.status == 404:
            continue  # a group with no card has no page yet
        expect(page.locator("#kort-svar")).to_be_visible()
        heights[group] = page.evaluate("document.documentElement.scrollHeight")
    page.context.close()
    assert heights, "no target-group page was found"
    too_tall = {group: h for group, h in heights.items() if h > PHONE_HEIGHT_LIMIT}
    assert not too_tall, f"taller than {PHONE_HEIGHT_LIMIT} px on a 375 px phone: {too_tall}"


def test_the_map_fits_a_desktop_and_each_cell_opens_its_cards(browser, site_url: str) -> None:
    page = browsing.new_page(browser, 1280, 800)
    page.goto(site_url + "hvad-virker/")
    # The full width: no side menu or contents beside the map, and no table scrolls sideways.
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    maps = page.locator(".vb-map")
    expect(maps).to_have_count(3)
    for i in range(3):
        fits = maps.nth(i).evaluate("box => box.scrollWidth <= box.clientWidth")
        assert fits, f"map {i + 1} does not fit a 1280 px screen"
    # The legend explains size and colour in words; each mark's level is written out too.
    legend = page.locator(".vb-legend")
    expect(legend).to_contain_text("Cirklens størrelse følger antallet")
    cell = page.locator(".vb-map td.vb-hit").first
    count = int(re.match(r"\d+", cell.locator(".vb-count").inner_text()).group())
    expect(cell.locator(".vb-level")).not_to_be_empty()
    expect(page.locator("#huller + p + ul.vb-gaps > li").first).to_be_visible()
    cell.get_by_role("link").click()
    expect(page.locator("form.vb-filters")).to_be_visible()
    expect(page.locator("#vb-count")).to_have_text(re.compile(rf"^Viser {count} af \d+ kort\.$"))
    page.context.close()


def test_a_search_result_reads_as_the_cards_summary(page, site_url: str) -> None:
    searching.track(page)
    page.goto(site_url)
    searching.type_query(page, "Kulturvitaminer")
    assert searching.result_count(page) > 0
    # Each page's top result (its further sections fold away under "N resultater mere").
    texts = page.locator(".md-search-result__item > a > article").all_inner_texts()
    assert texts, "no result shows a snippet"
    facts = ("Målgruppe", "Evidensniveau", "Senest gennemgået", "Kort fortalt")
    flattened = [t for t in texts if any(word in t for word in facts)]
    assert not flattened, f"results show the facts box as text: {flattened[:2]}"
    # The card's own summary is what the result says about it.
    slug = "jensen-2019-kulturvitaminer"
    card = page.locator(f".md-search-result__item > a[href*='{slug}'] > article")
    summary = yaml.safe_load((ROOT / f"docs/forskning/{slug}.md")
                             .read_text("utf-8").split("---")[1])["summary"]
    expect(card).to_contain_text(" ".join(summary.split()))


def test_on_a_card_the_menu_shows_which_section_the_visitor_is_in(browser, site_url: str) -> None:
    from tests.test_quality import first_card

    page = browsing.new_page(browser, 1280, 800)
    page.goto(site_url + first_card("forskning"))
    menu = page.locator(".md-sidebar--primary")
    current = menu.get_by_role("link", name="Forskning", exact=True)
    expect(current).to_have_attribute("aria-current", "location")
    other = menu.get_by_role("link", name="Eksempler", exact=True)
    colour = "el => getComputedStyle(el).color"
    assert current.evaluate(colour) != other.evaluate(colour), "the section is not highlighted"
    expect(menu.locator("[aria-current]")).to_have_count(1)
    page.context.close()


def test_the_front_page_says_what_a_visitor_can_do_in_its_first_screen(browser,
                                                                         site_url: str) -> None:
    page = browsing.new_page(browser, 375, 812)
    page.goto(site_url)
    title = page.locator("article h1")
    first = page.locator("article h1 + p")
    # No empty gap under the title: the next paragraph follows at the heading's own margin.
    gap = first.evaluate("p => p.getBoundingClientRect().top") - title.evaluate(
        "h => h.getBoundingClientRect().bottom")
    margin = title.evaluate("h => parseFloat(getComputedStyle(h).marginBottom)")
    assert gap <= margin + 1, f"{gap:.0f} px under the title"
    for name in ("stress, angst og depression", "hvad der virker for hvem",
                 "sammenligne værktøjerne", "spørgsmål og svar"):
        link = page.locator("article").get_by_role("link", name=name, exact=True).first
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= 812, f"{name!r} is not in the first screen"
    page.context.close()


def test_a_question_page_and_a_target_group_page_lead_with_the_answer(browser,
                                                                        site_url: str) -> None:
    from tests.test_quality import first_card

    page = browsing.new_page(browser, 375, 812)
    question = first_card("spoergsmaal")
    meta = yaml.safe_load((ROOT / "docs" / f"{question.rstrip('/')}.md").read_text("utf-8")
                          .split("---")[1])
    answer = " ".join(meta["answer_summary"].split())
    page.goto(site_url + question)
    box = page.locator("article .admonition").first
    expect(box).to_contain_text(f"Kort svar: {answer}")
    assert box.bounding_box()["y"] < 812, "the short answer is not in the first screen"

    page.goto(site_url + "maalgrupper/stress-angst-depression/")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("Kort svar"), headings
    links = page.locator("#kortene ~ ul.vb-compact a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert links and len(links) == len(set(links)), "a card is listed twice"
    page.context.close()
