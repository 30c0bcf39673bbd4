"""Small fixes to the HTML that MkDocs and Material render, for keyboard and screen-reader users.

Each function takes and returns HTML text, so it is tested without a build; the site adapter
(scripts/mkdocs_adapter/hooks.py) only calls them.
"""

from __future__ import annotations

import html as htmlib
import re

TOC_NAME = "Indholdsfortegnelse"

# A wide code block scrolls inside its <pre> on the <code> element (Material's CSS). Material's
# script makes that element focusable only when it scrolls and the screen has hover, so without
# JavaScript the keyboard cannot scroll it (assets/javascripts/tastatur.js keeps the focus on a
# screen without hover). Pygments puts an empty <span></span> between the two.
_CODE_BLOCK = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code\b)(?![^>]*\btabindex=)")

# Material's hidden checkbox that folds the table of contents in and out of the menu on a phone;
# its labels are the page's title and the heading of the contents, so it has no name of its own.
_TOC_TOGGLE = re.compile(r'<input\b(?=[^>]*\bid="__toc")(?![^>]*\baria-label=)')


def focusable_code(html: str) -> str:
    """Every code block takes keyboard focus, so it can be scrolled with the arrow keys."""
    return _CODE_BLOCK.sub(r'\1 tabindex="0"', html)


def named_toc_toggle(html: str) -> str:
    """The table of contents' toggle is named after what it shows."""
    return _TOC_TOGGLE.sub(f'<input aria-label="{TOC_NAME}"', html, count=1)


# A Markdown table wider than the screen scrolls sideways in a box of its own (WCAG 1.4.10). The
# box must take keyboard focus and say which table it holds (axe scrollable-region-focusable,
# WCAG 2.1.1, 4.1.2); Material's own wrapper, added by its script, does neither.
_TABLE_OR_HEADING = re.compile(r"<table>|<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
_REGION_BEFORE = re.compile(r'<div\b[^>]*\brole="region"[^>]*>\s*$')
_TAGS = re.compile(r"<[^>]+>")
TABLE_NAME = "Tabel"


def scrolling_tables(html: str) -> str:
    """Each plain table sits in a focusable, named box that scrolls it sideways when it is too
    wide; tables already in such a box (the evidence map) are left as they are."""
    out, last, heading = [], 0, ""
    for match in _TABLE_OR_HEADING.finditer(html):
        if match.group(1):
            heading = htmlib.unescape(_TAGS.sub("", match.group(2))).replace("¶", "").strip()
            continue
        if _REGION_BEFORE.search(html[max(0, match.start() - 300):match.start()]):
            continue
        end = html.find("</table>", match.end())
        if end < 0:
            continue
        end += len("</table>")
        name = f"{TABLE_NAME}: {heading}" if heading else TABLE_NAME
        out += [html[last:match.start()],
                f'<div class="vb-table" role="region" tabindex="0" '
                f'aria-label="{htmlib.escape(name)}">', html[match.start():end], "</div>"]
        last = end
    out.append(html[last:])
    return "".join(out)


# Pages under these folders belong to the "Hvad virker for hvem" section of the menu.
_SECTION_OF = {"maalgrupper": "hvad-virker/", "situation": "hvad-virker/",
               "aktiviteter": "hvad-virker/", "udbytte": "hvad-virker/"}


def section_of(page_url: str, menu: set[str]) -> str | None:
    """The URL of the menu entry a page belongs to, if the page is not in the menu itself
    (a card belongs to its section; a target group's page to 'Hvad virker for hvem')."""
    if page_url in menu or not page_url:
        return None
    folder = page_url.split("/", 1)[0]
    section = _SECTION_OF.get(folder, f"{folder}/")
    return section if section in menu else None


def current_section(html: str, href: str) -> str:
    """Mark the menu link to the page's section as where the visitor is (WCAG 2.4.8): styled as
    Material's current page and announced as the current location."""
    link = f'<a href="{htmlib.escape(href, quote=True)}" class="md-nav__link">'
    marked = (f'<a href="{htmlib.escape(href, quote=True)}" class="md-nav__link '
              'md-nav__link--active" aria-current="location">')
    return html.replace(link, marked, 1)
