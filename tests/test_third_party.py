"""No page may make the visitor's browser contact a host other than the site itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.support.resources import css_urls, html_urls, is_foreign
from tests.support.sitebuild import TEST_SITE_URL

OWN_HOST = urlsplit(TEST_SITE_URL).hostname


def test_no_page_fetches_anything_from_another_host(site: Path) -> None:
    found = []
    for page in sorted(site.rglob("*.html")):
        for url in html_urls(page.read_text(encoding="utf-8")):
            if is_foreign(url, OWN_HOST):
                found.append(f"{page.relative_to(site)}: {url}")
    assert not found, "third-party resources:\n" + "\n".join(found)


def test_no_stylesheet_fetches_anything_from_another_host(site: Path) -> None:
    stylesheets = sorted(site.rglob("*.css"))
    assert stylesheets, "the build produced no stylesheets"
    found = [
        f"{css.relative_to(site)}: {url}"
        for css in stylesheets
        for url in css_urls(css.read_text(encoding="utf-8"))
        if is_foreign(url, OWN_HOST)
    ]
    assert not found, "third-party resources in CSS:\n" + "\n".join(found)


def test_the_scan_recognises_what_a_default_theme_would_load() -> None:
    # What Material loads when `theme.font` is not false, and what a CDN script looks like:
    # the scan above is only worth something if it catches these.
    page = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//unpkg.com/iframe-worker/shim"></script>'
        '<div style="background: url(https://cdn.example.net/a.png)"></div>'
        '<img srcset="/own.png 1x, https://img.example.net/b.png 2x">'
        f'<link rel="canonical" href="{TEST_SITE_URL}">'
        '<img src="../assets/logo.png"><img src="data:image/png;base64,AAAA">'
    )
    foreign = [url for url in html_urls(page) if is_foreign(url, OWN_HOST)]
    assert foreign == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//unpkg.com/iframe-worker/shim",
        "https://cdn.example.net/a.png",
        "https://img.example.net/b.png",
    ]
