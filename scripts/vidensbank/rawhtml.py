"""Generated HTML blocks, and a stash that keeps them out of the Markdown converter.

Generators return HTML for lists, tables and reference lists. Passed through Markdown as raw
HTML, a large block is parsed tag by tag (the bibliography page alone took seconds). A generator
therefore takes a ``raw`` function: by default it returns the HTML as it is (valid Markdown), and a
site adapter can pass ``Stash.put`` to leave a short placeholder instead and put the HTML back into
the converted page with ``Stash.restore``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Raw = Callable[[str], str]

_PLACEHOLDER = re.compile(r"<!--vb-raw-(\d+)-->")


def verbatim(html: str) -> str:
    """Leave the HTML in the Markdown, as its own block."""
    return f"\n\n{html}\n\n"


class Stash:
    def __init__(self) -> None:
        self._blocks: list[str] = []

    def put(self, html: str) -> str:
        self._blocks.append(html)
        return f"\n\n<!--vb-raw-{len(self._blocks) - 1}-->\n\n"

    def restore(self, html: str) -> str:
        """Put the HTML back; each block is used once, so it is released from memory."""
        def take(match: re.Match) -> str:
            index = int(match.group(1))
            block, self._blocks[index] = self._blocks[index], ""
            return block

        return _PLACEHOLDER.sub(take, html)
