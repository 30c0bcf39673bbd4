"""In headless Chromium, the site in every mode a visitor meets: narrow and wide windows (no page
scrolls sideways), print, /kort/ while its filters load and without JavaScript, the skip link,
a clean console, and the small things a visitor sees on /litteratur/ and /kort/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support import browsing
from tests.test_quality import first_card

pytestmark = pytest.mark.browser

# One page of each type a visitor meets, on the site with the four test cards ...
TEST_PAGES = {
    "forside": "",
    "kort over viden og huller": "hvad-virker/",
    "målgruppeside": "maalgrupper/stress-angst-depression/",
    "alle kort": "kort/",
    "forskningskort": "forskning/testkort-forskning/",
    "metodekort": "metoder/testkort-instrument/",
    "eksempelkort": "eksempler/testkort-eksempel/",
    "spørgsmålskort": "spoergsmaal/testkort-tema/",
    "litteratur": "litteratur/",
    "nyhed": "nyt/vidensbanken-aabner/",
    "felter": "bidrag/felter/",
    "åbne data": "data/",
    "404": "findes/ikke/",
}

# ... and on the real site, whose map, lists and cards hold far more.
REAL_PAGES = {
    **TEST_PAGES,
    "forskningskort": first_card("forskning"),
    "metodekort": first_card("metoder"),
    "eksempelkort": first_card("eksempler"),
    "spørgsmålskort": first_card("spoergsmaal"),
}

CONTENT = ("testkort", "ægte indhold")
NOT_FOUND = TEST_PAGES["404"]


def pages_of(content: str, test_cards_url: str, site_url: str) -> tuple[str, dict[str, str]]:
    return (test_cards_url, TEST_PAGES) if content == "testkort" else (site_url, REAL_PAGES)


# --- 1. No page scrolls sideways (WCAG 1.4.10) ---------------------------------------------

SIDEWAYS = """() => {
    const scrolls = el => {
        const overflow = getComputedStyle(el).overflowX;
        return (overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth;
    };
    const boxes = [...document.querySelectorAll('article table')].map(table => {
        let box = table.parentElement;
        while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
        if (!box || box === document.body) return null;  // the table fits: nothing scrolls
        const label = box.getAttribute('aria-labelledby');
        const name = box.getAttribute('aria-label')
            || (label && document.getElementById(label)?.textContent.trim());
        return {role: box.getAttribute('role'), tabindex: box.getAttribute('tabindex'),
                name: name || ''};
    });
    return {page: document.documentElement.scrollWidth, window: innerWidth, boxes: boxes};
}"""


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("content", CONTENT)
def test_no_page_scrolls_sideways(browser, test_cards_url: str, site_url: str, content: str,
                                  width: int) -> None:
    base, pages = pages_of(content, test_cards_url, site_url)
    page = browsing.new_page(browser, width, 800)
    wide, unnamed = [], []
    for name, path in pages.items():
        page.goto(base + path, wait_until="load")
        browsing.wait_for_scripts(page)  # Material wraps tables in its own scroll box
        found = page.evaluate(SIDEWAYS)
        if found["page"] > found["window"]:
            wide.append(f"{name}: {found['page']} px")
        for box in filter(None, found["boxes"]):
            # A wide table scrolls in its own box, which a keyboard can reach and which says
            # which table it holds.
            if box["role"] != "region" or box["tabindex"] != "0" or not box["name"]:
                unnamed.append(f"{name}: {box}")
    page.context.close()
    assert not wide, f"pages wider than the {width} px window: {wide}"
    assert not unnamed, f"tables scrolling in a box without role, tabindex or name: {unnamed}"


# --- 2. A card prints like it reads on screen ----------------------------------------------

PRINTED_TEXT = """() => {
    // What the printed article says: its text and the addresses print CSS adds after links.
    const article = document.querySelector('article');
    const added = [...article.querySelectorAll('a[href]')]
        .filter(a => a.checkVisibility())
        .map(a => getComputedStyle(a, '::after').content)
        .filter(content => content.startsWith('"'));
    return article.innerText + '\\n' + added.join('\\n');
}"""

CITATIONS_IN_PRINT = """() => [...document.querySelectorAll('article a.vb-cite')]
    .filter(a => a.checkVisibility())
    .map(a => {
        // The last character before the citation, e.g. its opening parenthesis.
        const before = a.previousSibling;
        const range = document.createRange();
        range.setStart(before, before.length - 1);
        range.setEnd(before, before.length);
        return {text: a.textContent, display: getComputedStyle(a).display,
                offset: Math.abs(range.getBoundingClientRect().top - a.getClientRects()[0].top)};
    })"""


def test_a_printed_card_keeps_citations_in_the_sentence_and_each_address_once(
        page, test_cards_url: str) -> None:
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    addresses = page.locator("article a[href^='http']").evaluate_all(
        "links => [...new Set(links.map(a => a.href))]")
    page.emulate_media(media="print")
    # What Chrome does when printing: Material opens every fold-out on 'beforeprint'.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator(".md-header")).to_be_hidden()

    citations = page.evaluate(CITATIONS_IN_PRINT)
    assert citations, "the test card cites nothing"
    broken = [c for c in citations if c["display"] != "inline" or c["offset"] > 2]
    assert not broken, f"citations that leave their line in print: {broken}"

    printed = page.evaluate(PRINTED_TEXT)
    counts = {url: printed.count(url) for url in addresses}
    assert "https://doi.org/10.1177/1757913910384050" in counts  # a reference's DOI is there
    twice = {url: n for url, n in counts.items() if n > 1}
    assert not twice, f"addresses printed more than once: {twice}"
    assert page.pdf(format="A4")[:4] == b"%PDF"


# --- 3. /kort/ does not jump when its filters appear --------------------------------------

LAYOUT_SHIFT = """() => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({type: 'layout-shift', buffered: true});
    return observer.takeRecords().filter(entry => !entry.hadRecentInput)
        .reduce((sum, entry) => sum + entry.value, 0);
}"""


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 800)])
def test_the_card_list_does_not_jump_when_the_filters_appear(browser, site_url: str,
                                                             width: int, height: int) -> None:
    page = browsing.new_page(browser, width, height)
    page.goto(site_url + "kort/")
    # Ready: the filters are shown and take a choice.
    expect(page.locator("form.vb-filters")).to_be_visible()
    expect(page.locator("form.vb-filters input[type=checkbox]").first).to_be_enabled()
    shift = page.evaluate(LAYOUT_SHIFT)
    page.context.close()
    assert shift < 0.1, f"cumulative layout shift {shift:.3f} at {width} px"


def test_if_the_card_index_fails_no_empty_room_is_left(page, test_cards_url: str) -> None:
    page.route("**/kort/kort.json", lambda route: route.fulfill(status=404, body=""))
    page.goto(test_cards_url + "kort/")
    # The room kept for the filters goes, and so do the instructions for them.
    expect(page.locator("form.vb-filters")).to_have_count(0)
    expect(page.get_by_text("Vælg filtre")).to_have_count(0)
    expect(page.locator("#vb-card-list > li:not([hidden])")).to_have_count(4)


# --- 4. The skip link lands at the start of the content ------------------------------------

AFTER_SKIP = """() => {
    const target = document.querySelector(':target');
    const h1 = document.querySelector('article h1');
    const box = document.querySelector('article .admonition');
    const before = target && (target === h1 || target.contains(h1)
        || !!(target.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING));
    return {target: target && target.tagName + '#' + target.id, before: before,
            header: document.querySelector('.md-header').getBoundingClientRect().bottom,
            h1: h1.getBoundingClientRect().top, box: box.getBoundingClientRect().top};
}"""

NEXT_IS_BEFORE_THE_TEXT = """() => {
    const focused = document.activeElement;
    const box = document.querySelector('article .admonition');
    return !!document.querySelector('article').contains(focused)
        && (box.contains(focused)
            || !!(focused.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING));
}"""


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 800)])
def test_the_skip_link_lands_on_the_cards_title(browser, test_cards_url: str, width: int,
                                                height: int) -> None:
    page = browsing.new_page(browser, width, height)
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    page.keyboard.press("Tab")
    expect(page.locator("a.md-skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#.+"))
    where = page.evaluate(AFTER_SKIP)
    assert where["before"], f"the skip link passes the title: it targets {where['target']}"
    # Neither the title nor 'Kort fortalt' is scrolled away under the header.
    assert where["h1"] >= where["header"] and where["box"] >= where["header"], where
    page.keyboard.press("Tab")  # the next stop is the title or the box, not the text after it
    assert page.evaluate(NEXT_IS_BEFORE_THE_TEXT), page.evaluate(
        "document.activeElement.outerHTML.slice(0, 200)")
    page.context.close()


# --- 5. /kort/ without JavaScript -------------------------------------------------------------

def test_without_javascript_the_card_list_says_what_works(browser, test_cards_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="da-DK",
                                  java_script_enabled=False)
    context.set_default_timeout(browsing.WAIT_MS)
    page = context.new_page()
    page.goto(test_cards_url + "kort/?type=forskning")  # a shared filter link
    # Playwright's text and role selectors skip <noscript> (Chromium does not: it shows and
    # announces it), so the note is found by its class.
    note = page.locator("article .vb-noscript")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Filtrene kræver JavaScript")
    expect(note).to_contain_text("alle kort")
    links = note.locator("a")
    names = links.all_text_contents()
    for name, path in (("Hvad virker for hvem", "hvad-virker/"), ("Målgrupper", "maalgrupper/"),
                       ("Aktiviteter", "aktiviteter/")):
        link = links.nth(names.index(name))
        expect(link).to_be_visible()
        link.click()
        expect(page).to_have_url(test_cards_url + path)
        page.go_back()
    # Nothing that needs the script: no filters, no instructions for them.
    expect(page.locator("form.vb-filters")).to_be_hidden()
    expect(page.get_by_text("Vælg filtre")).to_be_hidden()
    expect(page.get_by_text("Adressen husker dine valg")).to_be_hidden()
    expect(page.locator("#vb-card-list > li")).to_have_count(4)
    for card in page.locator("#vb-card-list > li").all():
        expect(card).to_be_visible()
    context.close()


def test_with_javascript_the_card_list_explains_its_filters(page, test_cards_url: str) -> None:
    page.goto(test_cards_url + "kort/")
    expect(page.locator("form.vb-filters")).to_be_visible()
    expect(page.get_by_text("Vælg filtre")).to_be_visible()
    expect(page.locator(".vb-noscript")).to_be_hidden()


# --- 6. No errors in the console, no failed requests ---------------------------------------

@pytest.mark.parametrize("content", CONTENT)
def test_no_page_logs_an_error_or_fails_a_request(browser, test_cards_url: str, site_url: str,
                                                  content: str) -> None:
    base, pages = pages_of(content, test_cards_url, site_url)
    page = browsing.new_page(browser)
    problems: list[str] = []
    missing = base + NOT_FOUND  # answers 404 on purpose

    def console(message) -> None:
        if message.type != "error":
            return
        if message.location.get("url") == missing and "404" in message.text:
            return  # the browser's note that the missing page is missing
        problems.append(f"{page.url}: console: {message.text} ({message.location.get('url')})")

    def response(answer) -> None:
        if answer.status >= 400 and answer.url != missing:
            problems.append(f"{page.url}: {answer.status} {answer.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("requestfailed", lambda request: problems.append(
        f"{page.url}: failed {request.url} ({request.failure})"))
    for path in pages.values():
        page.goto(base + path, wait_until="networkidle")
    page.context.close()
    assert not problems, "\n".join(problems)


# --- 7. Small things: BibTeX size, focus on filter groups, no stray icons -----------------

def test_bibtex_on_the_literature_page_is_readable_on_a_phone(browser,
                                                              test_cards_url: str) -> None:
    page = browsing.new_page(browser, 375, 812)
    page.goto(test_cards_url + "litteratur/")
    entry = page.locator(".vb-entry").first
    entry.get_by_text("BibTeX", exact=True).click()
    code = entry.locator("pre code")
    expect(code).to_be_visible()
    size = float(code.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    page.context.close()
    assert size >= 14, f"BibTeX text is {size} px"


def rgb(colour: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, ...]:
    """A computed CSS colour as RGB, with any transparency laid over ``under``."""
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    alpha = values[3] if len(values) > 3 else 1.0
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip(values[:3], under, strict=True))


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(colour: tuple[float, ...]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
                  for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


FOCUS_RING = """summary => {
    const s = getComputedStyle(summary), group = getComputedStyle(summary.parentElement);
    return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor,
            background: s.backgroundColor, groupBackground: group.backgroundColor,
            border: group.borderTopColor};
}"""


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 800)])
def test_focus_on_a_filter_group_is_clearly_visible(browser, test_cards_url: str, width: int,
                                                    height: int) -> None:
    page = browsing.new_page(browser, width, height)
    page.goto(test_cards_url + "kort/")
    expect(page.locator("form.vb-filters")).to_be_visible()
    summary = page.locator("form.vb-filters summary").nth(1)
    page.locator("form.vb-filters summary").first.focus()
    page.keyboard.press("Tab")  # by keyboard, so :focus-visible applies
    expect(summary).to_be_focused()
    ring = summary.evaluate(FOCUS_RING)
    page.context.close()
    assert ring["style"] not in ("none", "auto") and ring["width"] >= 2, ring
    colour = rgb(ring["colour"])
    behind = rgb(ring["background"], rgb(ring["groupBackground"]))
    for neighbour in (behind, rgb(ring["border"]), (255, 255, 255)):
        assert contrast(colour, neighbour) >= 3, (ring, neighbour)


ICON = """summary => {
    const icon = getComputedStyle(summary, '::before');
    return icon.display !== 'none' && icon.content !== 'none' && icon.visibility === 'visible'
        && parseFloat(icon.width) > 0;
}"""


def test_fold_outs_carry_no_stray_pencil_icon(page, test_cards_url: str) -> None:
    page.goto(test_cards_url + "litteratur/")
    bibtex = page.locator(".vb-entry summary").first
    expect(bibtex).to_have_text("BibTeX")
    assert not bibtex.evaluate(ICON), "an icon is drawn over 'BibTeX'"
    page.goto(test_cards_url + "kort/")
    expect(page.locator("form.vb-filters")).to_be_visible()
    drawn = page.locator("form.vb-filters summary").evaluate_all(
        f"summaries => summaries.filter({ICON}).map(s => s.textContent)")
    assert not drawn, f"filter groups with an icon: {drawn}"
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    cite = page.locator("details.vb-cite > summary")
    expect(cite).to_have_text("Citér denne side")
    assert not cite.evaluate(ICON), "an icon is drawn on 'Citér denne side'"
    # Each still opens and closes.
    cite.click()
    expect(page.locator("details.vb-cite")).to_have_attribute("open", "")
