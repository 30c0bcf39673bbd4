"""How a page prints. Paper cannot follow a link, so the print style writes a link's address after
its text; a link whose text already is its address (a reference's DOI, the page's own address, a
bare URL in the text) is marked here so that its address is not printed twice."""

from __future__ import annotations

import re

BARE = "vb-bare-url"  # the class the print style looks for

# A link to another site whose text is exactly its address, as the references, the share block
# and Markdown's <https://…> write it.
_BARE_LINK = re.compile(r'<a href="(https?://[^"<>]+)">\1</a>')


def mark_bare_links(html: str) -> str:
    return _BARE_LINK.sub(lambda m: f'<a href="{m.group(1)}" class="{BARE}">{m.group(1)}</a>',
                          html)
