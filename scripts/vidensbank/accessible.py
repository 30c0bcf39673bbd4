"""Small fixes to the HTML that MkDocs and Material render, for keyboard and screen-reader users.

Each function takes and returns HTML text, so it is tested without a build; the site adapter
(scripts/mkdocs_adapter/hooks.py) only calls them.
"""

from __future__ import annotations

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
