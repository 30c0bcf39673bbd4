"""Browser tabs for the tests: Danish locale, a given window size, and one rule about waiting.

Browser tests wait for a condition (an element, a text, the search's answer), never for a time.
The timeout only bounds how long a condition that never comes is waited for; it is generous so
that a slow or busy machine is not mistaken for a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

WAIT_MS = 60_000


def new_page(browser, width: int = 1280, height: int = 800):
    """A fresh tab in its own context (no shared cookies or storage) at this window size."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def chromium_path() -> str:
    """Debian's Chromium (or CHROMIUM_PATH); a missing browser fails the browser tests."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Chromium mangler, så browsertestene kan ikke køre. "
            "Installér den på Debian med: sudo apt-get install chromium",
            pytrace=False,
        )
    return path


# Every table in the article sits in the scroll box Material's script wraps it in.
_TABLES_WRAPPED = """() => [...document.querySelectorAll('article table')]
    .every(table => table.closest('.md-typeset__scrollwrap'))"""


def wait_for_scripts(page) -> None:
    """Until the page's own scripts have run: our keyboard script has swapped the menu's label
    for its button, and Material has wrapped the tables (the class Material sets on <html> comes
    from its first line of script, before either)."""
    from playwright.sync_api import expect

    expect(page.locator("button.vb-menu-button:not([hidden])")).to_have_count(1)
    page.wait_for_function(_TABLES_WRAPPED)
