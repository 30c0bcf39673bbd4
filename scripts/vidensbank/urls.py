"""Site URLs: every page has a directory URL ('forskning/kort/'); links between them are relative
so the site works under any path prefix (GitHub Pages serves it under /<repository>/)."""

from __future__ import annotations

import posixpath


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one directory URL of the site to another ('' is the front page).

    Up to the site root and down again: always right for directory URLs, and cheap enough for
    the tens of thousands of links a large bank's lists contain.
    """
    link = "../" * from_url.count("/") + to_url
    return link if link and not link.startswith("#") else f"./{link}"


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a source: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/'."""
    folder = posixpath.dirname(src) if posixpath.basename(src) == "index.md" else src[:-3]
    return "" if folder in ("", ".") else f"{folder}/"
