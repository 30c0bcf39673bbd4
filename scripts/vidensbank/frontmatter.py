"""Split a Markdown file into YAML front matter and body, with line numbers for every field.

MkDocs silently renders a page whose front matter is not valid YAML as if it had none; this module
turns that into an error a contributor can act on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from vidensbank import memo, yamlsource

# The same delimiters MkDocs accepts: '---' to open, '---' or '...' to close.
_OPEN = re.compile(r"-{3}[ \t]*$")
_CLOSE = re.compile(r"(?:-{3}|\.{3})[ \t]*$")


@dataclass(frozen=True)
class FrontMatterError(Exception):
    """Front matter that cannot be read; ``line`` and ``column`` are 1-based file positions."""

    line: int
    column: int
    message: str
    hint: str


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    body: str
    body_line: int  # file line on which the body starts
    end_line: int = 1  # file line of the closing '---' (1 when there is no front matter)
    # The front matter as written: parsed again for positions only when a problem needs one.
    # Holding every field's position for every card cost more memory than the cards' text.
    source: str = ""

    def line_of(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """1-based file (line, column) of a field, or of its nearest parent that has one."""
        values, keys = self._positions
        positions = keys if key and path in keys else values
        while path and path not in positions:
            path = path[:-1]
        if path in positions:
            line, column = positions[path]
            return (line + 2, column + 1)  # +2: 1-based lines and the opening '---'
        return (self.end_line, 1)

    @cached_property
    def _positions(self) -> tuple[dict[tuple, tuple[int, int]], dict[tuple, tuple[int, int]]]:
        if not self.source:
            return {}, {}
        located = yamlsource.load(self.source)  # it parsed once already, so it parses again
        return located.values, located.keys

    def __getstate__(self) -> dict[str, Any]:
        # Remembered between runs (memo.py) without the positions a problem may have asked for.
        return {name: value for name, value in self.__dict__.items() if name != "_positions"}


def parse(text: str) -> Document:
    """Return the front matter (empty if there is none) and the body of a Markdown text.

    Remembered by the text's digest (memo.py): every build loads the bank again, and an unchanged
    file is not parsed again. Documents are never changed after parsing, so one can be shared by
    every build. A FrontMatterError is not remembered: the file must be fixed first."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    return memo.get("front-matter", key, lambda: _parse(text))


def _parse(text: str) -> Document:
    lines = text.splitlines(keepends=True)
    if not lines or not _OPEN.match(lines[0].rstrip("\r\n")):
        return Document({}, text, 1)
    close = next(
        (i for i in range(1, len(lines)) if _CLOSE.match(lines[i].rstrip("\r\n"))), None
    )
    if close is None:
        raise FrontMatterError(
            1, 1, "front matter åbnes med '---' men lukkes aldrig",
            "tilføj en linje med '---' efter det sidste felt",
        )
    source = "".join(lines[1:close])
    try:
        located = yamlsource.load(source)
    except yamlsource.YamlError as exc:
        # +2: one for 1-based lines, one for the opening '---'.
        raise FrontMatterError(
            exc.line + 2, exc.column + 1, f"front matter: {exc.message}", exc.hint
        ) from exc
    if located.data is None:
        located.data = {}
    if not isinstance(located.data, dict):
        raise FrontMatterError(
            2, 1, "front matter skal være felter på formen 'navn: værdi'",
            "skriv ét felt pr. linje, fx 'title: Kultur på recept'",
        )
    return Document(located.data, "".join(lines[close + 1 :]), close + 2, close + 1, source)
