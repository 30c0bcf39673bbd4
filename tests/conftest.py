"""Shared fixtures: one strict build of the real site, served on 127.0.0.1 for browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import browsing, server
from tests.support.sitebuild import ROOT, TEST_SITE_URL, copy_repo, mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with `mkdocs build --strict` exactly as `make build` does."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, f"the real site does not build:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def test_cards_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with only the four test cards, for tests that count what the site shows."""
    repo = copy_repo(tmp_path_factory.mktemp("only") / "repo", only_test_cards=True)
    site_dir = repo.parent / "site"
    result = mkdocs_build(repo, site_dir)
    assert result.returncode == 0, f"the site with only test cards does not build:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def test_cards_url(test_cards_site: Path) -> Iterator[str]:
    with server.serve(test_cards_site, urlsplit(TEST_SITE_URL).path) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """Base URL of the built site served under the same path prefix as its site_url."""
    with server.serve(site, urlsplit(TEST_SITE_URL).path) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=browsing.WAIT_MS)

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=browsing.chromium_path(),
            headless=True,
            # Debian's Chromium as root needs --no-sandbox; the rest stop background calls home.
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    tab = browsing.new_page(browser)
    yield tab
    tab.context.close()


# The longest tests, longest first: pa11y-ci over every page (about three and a half minutes),
# Lighthouse on each type of page (about two). Started first, they run beside the rest instead
# of alone at the end.
LONGEST = ("test_pa11y_ci_finds_no_error_on_any_page",
           "test_lighthouse_scores_100_on_every_type_of_page")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: LONGEST.index(item.name) if item.name in LONGEST else len(LONGEST))
