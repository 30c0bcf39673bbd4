"""Quality gates on the built site: WCAG 2.1 AA (axe-core in Chromium), keyboard use, HTML validity
(W3C Nu HTML Checker) and no third-party requests on any page type."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from tests.support import browsing, tools
from tests.support import search as searching
from tests.support.sitebuild import ROOT

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"mobil": (375, 812), "desktop": (1280, 800)}

# One page of every type a visitor meets, on the site with one test card of each type.
PAGE_TYPES = {
    "forside": "",
    "hvad-virker (kort over viden og huller)": "hvad-virker/",
    "evidensniveauer": "hvad-virker/evidensniveauer/",
    "forskning": "forskning/",
    "metoder": "metoder/",
    "eksempler": "eksempler/",
    "spørgsmål": "spoergsmaal/",
    "om netværket": "om-netvaerket/",
    "bidrag": "bidrag/",
    "felter på et kort": "bidrag/felter/",
    "tilgængelighed": "tilgaengelighed/",
    "privatliv": "privatliv/",
    "litteratur": "litteratur/",
    "forskningskort": "forskning/testkort-forskning/",
    "metodekort": "metoder/testkort-instrument/",
    "eksempelkort": "eksempler/testkort-eksempel/",
    "spørgsmålskort": "spoergsmaal/testkort-tema/",
    "målgruppeside": "maalgrupper/stress-angst-depression/",
    "udbytteside": "udbytte/mental-trivsel/",
    "alle kort med filtre": "kort/?type=forskning&target_groups=stress-angst-depression",
    "404": "findes/ikke/",
}



def first_card(folder: str) -> str:
    cards = sorted(p.stem for p in (ROOT / "docs" / folder).glob("*.md") if p.name != "index.md")
    return f"{folder}/{cards[0]}/" if cards else f"{folder}/"


# And the real content: one card of each type and the pages its front matter generates.
REAL_PAGE_TYPES = {
    "ægte forskningskort": first_card("forskning"),
    "ægte metodekort": first_card("metoder"),
    "ægte eksempelkort": first_card("eksempler"),
    "ægte spørgsmålskort": first_card("spoergsmaal"),
    "ægte kort over viden og huller": "hvad-virker/",
    "ægte målgruppeside": "maalgrupper/stress-angst-depression/",
    "ægte litteraturliste": "litteratur/",
    "ægte alle kort": "kort/?target_groups=stress-angst-depression&employment_situation="
    "sygedagpenge",
}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(tools.require(tools.AXE)))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [
        f"{v['id']} ({v['impact']}): {node['target']} — {v['help']}"
        for v in result["violations"] for node in v["nodes"]
    ]


def check_page(browser, url: str, name: str, width: str) -> None:
    w, h = WIDTHS[width]
    page = browsing.new_page(browser, w, h)
    context = page.context
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    filters = page.locator("form.vb-filters")
    if filters.count():  # /kort/: check the filters too, shown once the script is ready
        expect(filters).to_be_visible()
    violations = axe_violations(page)
    foreign = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    context.close()
    assert not violations, f"{name} ({width}):\n" + "\n".join(violations)
    assert not foreign, f"{name} ({width}) contacted other hosts: {foreign}"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_meets_wcag_21_aa(browser, test_cards_url: str, name: str,
                                          width: str) -> None:
    check_page(browser, test_cards_url + PAGE_TYPES[name], name, width)


# At 1280 px pa11y-ci runs axe with the same WCAG 2.1 A/AA rules on every real page
# (test_independent_checkers.py); here the phone width, and the filtered card list it never sees.
REAL_CHECKS = [(name, width) for name, path in REAL_PAGE_TYPES.items() for width in WIDTHS
               if width == "mobil" or "?" in path]


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), REAL_CHECKS)
def test_the_real_content_meets_wcag_21_aa(browser, site_url: str, name: str,
                                           width: str) -> None:
    check_page(browser, site_url + REAL_PAGE_TYPES[name], name, width)


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_meet_wcag_21_aa(browser, test_cards_url: str, width: str) -> None:
    w, h = WIDTHS[width]
    page = browsing.new_page(browser, w, h)
    context = page.context
    searching.track(page)
    page.goto(test_cards_url)
    searching.type_query(page, "kultur på recept")
    assert searching.result_count(page) > 0
    violations = axe_violations(page)
    context.close()
    assert not violations, f"søgeresultater ({width}):\n" + "\n".join(violations)


@pytest.mark.browser
def test_the_skip_link_takes_keyboard_users_to_the_content(page, test_cards_url: str) -> None:
    page.goto(test_cards_url + "forskning/testkort-forskning/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # it must become visible when focused
    expect(skip).to_have_text("Gå til indholdet")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#.+"))


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_focus_is_always_visible(browser, test_cards_url: str, width: str) -> None:
    w, h = WIDTHS[width]
    page = browsing.new_page(browser, w, h)
    context = page.context
    page.goto(test_cards_url + "kort/")
    expect(page.locator("form.vb-filters")).to_be_visible()  # so the filters are tabbed through
    seen = 0
    for _ in range(30):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const el = document.activeElement;
            const s = getComputedStyle(el);
            const r = el.getBoundingClientRect();
            return {what: el.tagName + '.' + el.className, outline: s.outlineStyle,
                    width: s.outlineWidth, shadow: s.boxShadow,
                    shown: el.checkVisibility({visibilityProperty: true}) && r.width > 0
                           && r.right > 0 && r.left < innerWidth};
        }""")
        if state["what"].startswith("BODY"):
            continue
        seen += 1
        marked = (state["outline"] not in ("none", "") and state["width"] != "0px") \
            or state["shadow"] != "none"
        assert marked and state["shown"], f"focus is not visible ({width}): {state}"
    context.close()
    assert seen >= 10


def vnu_errors(site: Path) -> list[dict]:
    result = subprocess.run(
        [tools.java(), "-jar", str(tools.require(tools.VNU)), "--errors-only", "--format",
         "json", "--skip-non-html", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    # The checker exits 0 for valid HTML and 1 when it reports errors; anything else (or output
    # that is not its JSON report) means it did not check the site, which must not pass.
    assert result.returncode in (0, 1), f"vnu failed ({result.returncode}):\n{result.stderr}"
    report = json.loads(result.stderr)
    assert isinstance(report.get("messages"), list), f"not a vnu report: {result.stderr[:500]}"
    errors = [m for m in report["messages"] if m.get("type") == "error"]
    assert bool(errors) == (result.returncode == 1), "vnu's exit code and report disagree"
    return errors


@pytest.mark.tools
def test_the_built_html_is_valid(site: Path, test_cards_site: Path) -> None:
    exemptions = yaml.safe_load((ROOT / "tests/vnu-exemptions.yaml").read_text("utf-8"))
    errors = vnu_errors(site) + vnu_errors(test_cards_site)
    used: set[str] = set()
    unexpected = []
    for error in errors:
        rule = next((e["message"] for e in exemptions if error["message"].startswith(
            e["message"])), None)
        if rule:
            used.add(rule)
        else:
            where = re.sub(r"^file:.*?/site[^/]*/", "", error.get("url", ""))
            unexpected.append(f"{where}:{error.get('lastLine')}: {error['message']}")
    assert not unexpected, "Nu HTML Checker:\n" + "\n".join(unexpected[:40])
    stale = [e["message"] for e in exemptions if e["message"] not in used]
    assert not stale, f"exemptions that no longer match anything (remove them): {stale}"
