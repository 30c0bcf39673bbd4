"""Citations and links in Markdown prose, with their lines; code and HTML comments (which do not
render) are never read as either."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
# A citation is '[' directly followed by '@' (mkdocs-bibtex / pandoc syntax): '[@a; @b, s. 12]'.
# '[kontakt@kommune.dk]' is therefore not a citation.
CITATION = re.compile(r"\[(@[^\[\]]*)\]")
_CITE_PART = re.compile(r"^@([^\s,;@\[\]]+)\s*(?:,\s*(\S.*))?$")
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str | None
    line: int  # 0-based line within the text
    column: int  # 0-based


@dataclass(frozen=True)
class BadCitation:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    column: int


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line number, line) outside fenced code, with inline code and HTML comments blanked
    out; columns stay where they were."""
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(text.splitlines()):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1) == fence:
                fence = None
            continue
        if opening and not in_comment:
            fence = opening.group(1)
            continue
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        line, in_comment = _blank_comments(line, in_comment)
        yield number, line


def _blank_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """``line`` with the parts inside HTML comments replaced by spaces, and whether a comment is
    still open at its end."""
    out, position = [], 0
    while position < len(line):
        if in_comment:
            end = line.find(_COMMENT_CLOSE, position)
            stop = len(line) if end < 0 else end + len(_COMMENT_CLOSE)
            out.append(" " * (stop - position))
            position, in_comment = stop, end < 0
        else:
            start = line.find(_COMMENT_OPEN, position)
            stop = len(line) if start < 0 else start
            out.append(line[position:stop])
            position, in_comment = stop, start >= 0
    return "".join(out), in_comment


def citations(text: str) -> Iterator[Citation | BadCitation]:
    for number, line in prose_lines(text):
        for match in CITATION.finditer(line):
            for part in match.group(1).split(";"):
                parsed = _CITE_PART.match(part.strip())
                if parsed:
                    yield Citation(parsed.group(1), parsed.group(2), number, match.start())
                else:
                    yield BadCitation(match.group(0), number, match.start())


def keys(citation: str) -> list[str]:
    """The keys in one well-formed citation as written, '[@a; @b, s. 12]' -> ['a', 'b']."""
    match = CITATION.fullmatch(citation)
    parts = [_CITE_PART.match(p.strip()) for p in match.group(1).split(";")] if match else []
    return [p.group(1) for p in parts if p]


def replace_citations(text: str, render: Callable[[list[Citation]], str]) -> str:
    """Replace each well-formed citation in prose by ``render(its citations)``; code is kept."""
    lines = text.splitlines(keepends=True)
    for number, prose in prose_lines(text):
        original = lines[number]
        pieces, last = [], 0
        for match in CITATION.finditer(prose):
            parts = [_CITE_PART.match(part.strip()) for part in match.group(1).split(";")]
            if not all(parts):
                continue  # malformed: the check reports it; never guess
            cited = [Citation(p.group(1), p.group(2), number, match.start()) for p in parts]
            pieces += [original[last:match.start()], render(cited)]
            last = match.end()
        if pieces:
            lines[number] = "".join(pieces) + original[last:]
    return "".join(lines)


def links(text: str) -> Iterator[Link]:
    for number, line in prose_lines(text):
        for match in _LINK.finditer(line):
            yield Link(match.group(1), number, match.start(1))
