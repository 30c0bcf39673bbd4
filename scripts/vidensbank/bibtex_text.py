"""Read BibTeX as reference managers really write it: block by block, so one broken entry is
reported with its line and never takes the rest of the file with it.

pybtex parses each block (macros, '#' concatenation, quoted or braced values); this module finds the
blocks, shares @string macros between all files of one call, and keeps every field as written.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import latexcodec  # noqa: F401  (registers the 'ulatex' codec)
import pybtex.errors
from pybtex.database.input import bibtex

# Fields whose text is an address or a number, never LaTeX: '--' and '\_' stay as they are.
VERBATIM = {"url", "doi", "file", "eprint", "pdf", "urldate", "isbn", "issn", "pages"}

_HEADER = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])")
_KEY = re.compile(r"[ \t\r\n]*([^,\s={}()\"#%'~]+)[ \t\r\n]*,")
_SPECIAL = {"string", "preamble", "comment"}
_DELIMITERS = re.compile(r"\\.|[{})]", re.DOTALL)  # an escaped character is skipped whole
# LaTeX accents and special letters: \"u, \'{e}, {\o}, \aa, \c{c}, \v s ... decoded one by one, so
# markup that is not a letter (\&, --, \textit) is left for the formatter.
_ACCENT = re.compile(
    r"\\(?:[\"'`^~=.][ \t]*(?:\{[A-Za-z]\}|[A-Za-z]|\\[ij](?![A-Za-z]))"
    r"|[uvHckbdr][ \t]*\{[A-Za-z]\}|[uvHckbdr] [A-Za-z]"
    r"|(?:aa|AA|ae|AE|oe|OE|ss|o|O|l|L)(?![A-Za-z])(?:\{\}| (?=[A-Za-z]))?)"
)
_BRACED_LETTER = re.compile(r"\{([^\x00-\x7f])\}")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass
class Block:
    """One '@…{…}' block of a file, with its position and, for entries, its fields."""

    path: str
    line: int
    start: int
    end: int
    kind: str  # 'entry', 'string', 'preamble' or 'comment'
    type: str
    key: str
    text: str
    fields: dict[str, str] = field(default_factory=dict)  # names as written, macros expanded


@dataclass(frozen=True)
class ReadProblem:
    path: str
    line: int
    message: str
    hint: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.hint}"


def decode(raw: bytes, path: str) -> tuple[str, str | None]:
    """The file's text, and a warning if it was not UTF-8 (older Windows tools write cp1252)."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = raw.decode("latin-1"), "Latin-1"
    return text, (f"{path}: filen var ikke UTF-8 og er læst som {encoding} — tjek æ, ø og å "
                  "i de nye poster")


def read(sources: list[tuple[str, str]]) -> tuple[list[Block], list[ReadProblem]]:
    """Every block of every (path, text) source, in order; @string macros from any source apply to
    all of them, as when the files are given together on one command line."""
    scanned = [scan(path, text) for path, text in sources]
    blocks = [block for found, _ in scanned for block in found]
    problems = [problem for _, found in scanned for problem in found]
    macros = _macros(blocks)
    for block in blocks:
        if block.kind == "entry":
            problems.extend(_parse_entry(block, macros))
    return blocks, problems


def scan(path: str, text: str) -> tuple[list[Block], list[ReadProblem]]:
    """The file's blocks with their lines and text; fields are filled in by ``read``."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line_of = lambda offset: bisect.bisect_right(starts, offset)  # noqa: E731
    blocks, problems, position = [], [], 0
    while (match := _HEADER.search(text, position)) is not None:
        kind_name = match.group(1).lower()
        end = _closing(text, match.end() - 1, match.group(2))
        line = line_of(match.start())
        if end is None:
            following = _HEADER.search(text, match.end())
            end = following.start() if following else len(text)
            key_match = _KEY.match(text, match.end())
            name = f"'{key_match.group(1)}'" if key_match else f"'@{match.group(1)}'"
            problems.append(ReadProblem(
                path, line, f"posten {name} bliver aldrig lukket",
                "tjek at der er lige mange { og } i posten"))
            position = end
            continue
        kind = kind_name if kind_name in _SPECIAL else "entry"
        key_match = _KEY.match(text, match.end()) if kind == "entry" else None
        key = key_match.group(1) if key_match else ""
        blocks.append(Block(path, line, match.start(), end, kind, kind_name, key,
                            text[match.start():end]))
        position = end
    return blocks, problems


def _closing(text: str, opening: int, delimiter: str) -> int | None:
    """The offset just after the delimiter that closes the one at ``opening``."""
    depth = 0
    for match in _DELIMITERS.finditer(text, opening + 1):
        char = match.group(0)
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return match.end() if delimiter == "{" else None
            depth -= 1
        elif char == ")" and depth == 0 and delimiter == "(":
            return match.end()
    return None


def _macros(blocks: list[Block]) -> dict[str, str]:
    parser = bibtex.Parser()
    with pybtex.errors.capture():
        for block in blocks:
            if block.kind == "string":
                parser.parse_string(block.text)
    return dict(parser.macros)


def _parse_entry(block: Block, macros: dict[str, str]) -> list[ReadProblem]:
    parser = bibtex.Parser(macros=dict(macros), person_fields=(), keyless_entries=not block.key)
    with pybtex.errors.capture() as captured:
        parser.parse_string(block.text)
    problems = [
        ReadProblem(block.path, block.line + (getattr(error, "lineno", 1) or 1) - 1,
                    _message(error), _hint(error))
        for error in captured
    ]
    entries = list(parser.data.entries.values())
    if entries:
        block.fields = {name: str(value) for name, value in entries[0].fields.items()}
    elif not problems:
        problems.append(ReadProblem(block.path, block.line, "posten kan ikke læses",
                                    "tjek at den har formen @type{nøgle, felt = {værdi}, …}"))
    return problems


def _message(error: Exception) -> str:
    name = type(error).__name__
    if name == "UndefinedMacro":
        macro = str(error).rsplit(":", 1)[-1].strip()
        return f"forkortelsen '{macro}' er ikke defineret (@string)"
    return f"BibTeX-syntaksfejl: {str(error).split(': ', 1)[-1]}"


def _hint(error: Exception) -> str:
    if type(error).__name__ == "UndefinedMacro":
        return "giv filen med @string-definitionen med i samme kommando, eller skriv værdien i { }"
    return "tjek klammer { }, anførselstegn og kommaer mellem felterne i posten"


def decode_accents(text: str) -> str:
    """'B{\\"u}low' -> 'Bülow', 'Kierkeg{\\aa}rd' -> 'Kierkegård'; other markup is kept."""
    if "\\" not in text:
        return text
    decoded = _ACCENT.sub(_decode_one, text)
    return _BRACED_LETTER.sub(r"\1", decoded)


def _decode_one(match: re.Match) -> str:
    try:
        letter = codecs.decode(match.group(0).rstrip(" "), "ulatex")
    except ValueError:
        return match.group(0)
    letter = letter.replace("{", "").replace("}", "")
    return letter if len(letter) == 1 else match.group(0)


def bare_doi(value: str) -> str:
    """'https://doi.org/10.1177%2Fabc' -> '10.1177/abc': the DOI itself, as the check expects."""
    text = _DOI_PREFIX.sub("", value.strip())
    return unquote(text).strip() if text.startswith("10.") else value.strip()
