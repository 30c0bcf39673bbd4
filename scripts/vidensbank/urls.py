"""Site URLs: every page has a directory URL ('forskning/kort/'); links between them are relative
so the site works under any path prefix (GitHub Pages serves it under /<repository>/)."""

from __future__ import annotations

import posixpath


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one directory URL of the site to another ('' is the front page)."""
    base, _, fragment = to_url.partition("#")
    link = posixpath.relpath(f"/{base}", f"/{from_url}")
    link = "./" if link == "." else f"{link}/"
    return f"{link}#{fragment}" if fragment else link


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a source: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/'."""
    folder = posixpath.dirname(src) if posixpath.basename(src) == "index.md" else src[:-3]
    return "" if folder in ("", ".") else f"{folder}/"
