"""Split a Markdown file into YAML front matter and body, with line numbers for every error.

MkDocs silently renders a page whose front matter is not valid YAML as if it had none; this module
turns that into an error a contributor can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

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


def parse(text: str) -> Document:
    """Return the front matter (empty if there is none) and the body of a Markdown text."""
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
    meta = _load_yaml("".join(lines[1:close]))
    return Document(meta, "".join(lines[close + 1 :]), close + 2)


def _load_yaml(source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark.index >= len(source.rstrip()):
            # "Unexpected end": point at what was left open (e.g. '['), not at the closing '---'.
            mark = exc.context_mark
        line = mark.line + 2 if mark else 2  # +1 for 0-based, +1 for the opening '---'
        column = mark.column + 1 if mark else 1
        what = exc.problem or exc.context or "ukendt fejl"
        raise FrontMatterError(
            line, column, f"front matter er ikke gyldig YAML ({what})",
            "tjek indrykning, kolon efter feltnavnet og citationstegn omkring tekst med ':'",
        ) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            2, 1, "front matter skal være felter på formen 'navn: værdi'",
            "skriv ét felt pr. linje, fx 'title: Kultur på recept'",
        )
    return data
