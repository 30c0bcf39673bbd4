"""Every figure on a card traceable to the extraction of a work it cites.

A figure in a sentence must be among the figures of the extractions of the works cited in that
sentence; a sentence without a citation borrows the next citation in its paragraph. Text in the
front matter (title, summary, short answer, results) cites the card's own references. Facts-box
values that state a fact (an example's status, a tool's items, Danish version and licence) must
equal what a cited work's extraction says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from vidensbank import figures, markdown
from vidensbank.content import Page
from vidensbank.extractions import FOLDER, Extractions, at
from vidensbank.problems import Problem

# Front-matter text a reader sees as prose, and facts-box text whose figures must be sourced.
PROSE_FIELDS = ("title", "summary", "answer_summary", "results")
FACT_TEXT_FIELDS = (("response_scale",), ("score_range",), ("time_to_complete",), ("cost",),
                    ("group_size",), ("dose", "weeks"), ("dose", "sessions_per_week"),
                    ("dose", "hours_per_session"), ("dose", "description"))

_BLOCK_START = re.compile(r"^\s*(?:#|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"[.!?:](?=\s+[\"»(\[*_]*[A-ZÆØÅ]|\s*$)")
_ABBREVIATION = re.compile(r"(?:\b(?:fx|bl\.a|m\.fl|ca|dvs|evt|mv|pga|jf|s|nr|kap|osv|inkl|"
                           r"mio|mia|kr|pct|ift|vha|etc|e\.g|i\.e|dr|prof)|\b[A-ZÆØÅ])$")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_LINK = re.compile(r"\[[^\[\]@][^\[\]]*\]\([^)]*\)")
_YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d\b")
_HTML_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTES = re.compile(r"\{[#.:][^}]*\}")
_OUR_NOTES = re.compile(r"\b(?:vores|de|vidensbankens) noter\b|\bnoter, vi bygger på\b",
                        re.IGNORECASE)
_MONTHS = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|"
           "december")
_DATE = re.compile(rf"\b(\d{{1,2}})\.\s+(?:{_MONTHS})\s+(\d{{4}})\b")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class Sentence:
    text: str  # with citations, link targets and markup blanked out
    line: int  # 1-based file line where the sentence starts
    lines: tuple[int, ...]  # file line of each character, for the line of a figure
    keys: tuple[str, ...]  # the works it cites (its own, or the paragraph's next)


def check(page: Page, extractions: Extractions, years: dict[str, str],
          exemptions: Iterable[str] = ()) -> list[Problem]:
    """Figures in the card's prose and facts that no cited work's extraction holds."""
    phrases = sorted(exemptions, key=len, reverse=True)
    problems: dict[tuple[int, str], Problem] = {}
    body = list(body_sentences(page))
    for sentence in [*body, *front_matter_sentences(page)]:
        text = _blank_exempt(sentence.text, phrases, {years.get(k, "") for k in sentence.keys})
        for figure in figures.in_text(text):
            if not _held(figure.value, sentence.keys, extractions):
                problem = _unsourced(page, sentence, figure, extractions)
                problems.setdefault((problem.line, figure.text), problem)
    return [*problems.values(), *facts(page, extractions), *_notes(page, body)]


def _notes(page: Page, body: list[Sentence]) -> list[Problem]:
    """A summary must say what the source says, after reading it — not that "our notes" are
    silent."""
    return [Problem(page.shown, sentence.line, "teksten henviser til vidensbankens noter, ikke "
                    "til kilden", "læs kilden, og skriv, hvad den siger — eller »Kilden oplyser "
                    "ikke …«, hvis den er læst og tier")
            for sentence in body if _OUR_NOTES.search(sentence.text)]


def body_sentences(page: Page) -> Iterator[Sentence]:
    """The sentences of the card's Markdown, with the works each one cites."""
    lead: tuple[str, ...] = ()
    for block, lines in blocks(page):
        found = list(_sentences(block, lines))
        if _LIST_ITEM.match(block):
            # A list item without a citation of its own continues the sentence that introduced
            # the list ("Forskerne fandt [@a]:"), so it cites what that sentence cites.
            found = [s if s.keys else Sentence(s.text, s.line, s.lines, lead) for s in found]
        else:
            ends_with_colon = block.rstrip().endswith(":")
            lead = found[-1].keys if found and ends_with_colon else ()
        yield from found


def front_matter_sentences(page: Page) -> Iterator[Sentence]:
    own = tuple(str(key) for key in page.meta.get("references") or [])
    for name in PROSE_FIELDS:
        value = page.meta.get(name)
        if not isinstance(value, str):
            continue
        line = page.doc.line_of((name,))[0]
        for sentence in _sentences(value, [line] * len(value)):
            yield sentence if sentence.keys else Sentence(sentence.text, line, sentence.lines, own)


def facts(page: Page, extractions: Extractions) -> list[Problem]:
    """Facts-box values that state a fact must be what a cited work's extraction says."""
    meta, own = page.meta, [str(key) for key in page.meta.get("references") or []]
    problems = []
    for path in FACT_TEXT_FIELDS:
        value = at(meta, path)
        if value is None or value == "ikke-oplyst":
            continue
        for figure in {f.value: f for f in figures.in_text(str(value))}.values():
            if not _held(figure.value, own, extractions):
                problems.append(page.problem(path, f"tallet '{figure.text}' i "
                                             f"'{'.'.join(path)}' står ikke i udtrækket af "
                                             f"kortets kilder ({_names(own)})", _hint(own)))
    stated = [
        (("status",), meta.get("status"), ("programme", "status"), own),
        (("items",), meta.get("items"), ("instrument", "items"), own),
        (("danish_version", "status"), at(meta, ("danish_version", "status")),
         ("instrument", "danish_version"),
         [str(k) for k in at(meta, ("danish_version", "references")) or own]),
        (("licence", "type"), at(meta, ("licence", "type")), ("instrument", "licence"), own),
    ]
    for field_path, value, fact_path, keys in stated:
        if value is None or value == "ikke-oplyst":
            continue
        said = {str(found.fact(*fact_path)) for key in keys
                if (found := extractions.get(key)) and found.fact(*fact_path) is not None}
        if str(value) not in said:
            where = f"'{fact_path[-1]}' i " + ", ".join(
                f"research/{FOLDER}/{k}.yaml" for k in keys)
            told = f" (de siger: {', '.join(sorted(said))})" if said - {"ikke-oplyst"} else ""
            problems.append(page.problem(
                field_path, f"'{'.'.join(field_path)}: {value}' står ikke i udtrækket af "
                f"kortets kilder{told}",
                f"skriv det, kilden siger, med sted og dato i {where} — eller skriv "
                "'ikke-oplyst' på kortet"))
    return problems


def blocks(page: Page) -> Iterator[tuple[str, list[int]]]:
    """Paragraphs, list items, table rows and headings, with the file line of each character."""
    text, lines = "", []
    for number, line in markdown.prose_lines(page.body):
        file_line = page.doc.body_line + number
        if not line.strip() or _BLOCK_START.match(line):
            if text.strip():
                yield text, lines
            text, lines = "", []
        if line.strip():
            if text:
                text, lines = text + " ", [*lines, file_line]
            text, lines = text + line, lines + [file_line] * len(line)
    if text.strip():
        yield text, lines


def _sentences(block: str, lines: list[int]) -> Iterator[Sentence]:
    cited = [(m.start(), markdown.keys(m.group(0))) for m in markdown.CITATION.finditer(block)]
    plain = readable(block)
    start = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(plain) if not abbreviated(plain, m.start())]
    for end in [*ends, len(plain)]:
        if plain[start:end].strip():
            keys = [k for s, found in cited if start <= s < end for k in found]
            if not keys:
                keys = next((found for s, found in cited if s >= end), [])
            yield Sentence(plain[start:end], lines[min(start, len(lines) - 1)],
                           tuple(lines[start:end]), tuple(keys))
        start = end


def readable(block: str) -> str:
    """The block as a reader reads it: citations, link targets, HTML tags and attribute lists
    blanked out (same length, so offsets still point at the file)."""
    block = _LIST_ITEM.sub(lambda m: " " * len(m.group(0)), block, count=1)
    # A year in the text of a link to another page names that work: it is a reference.
    block = _LINK.sub(lambda m: _YEAR_IN_TEXT.sub("    ", m.group(0)), block)
    for pattern in (markdown.CITATION, _LINK_TARGET, _HTML_TAG, _ATTRIBUTES):
        block = pattern.sub(lambda m: " " * len(m.group(0)), block)
    return block


def abbreviated(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation ("fx.", "m.fl.", "J.") rather than
    a sentence."""
    return text[stop] == "." and bool(_ABBREVIATION.search(text[max(0, stop - 8):stop]))


def _blank_exempt(text: str, phrases: list[str], years: set[str]) -> str:
    """The sentence without what does not count: exempt phrases, and dates and years that are
    part of a reference to a cited work (its year of publication)."""
    for phrase in phrases:
        text = text.replace(phrase, " " * len(phrase))
    text = _DATE.sub(lambda m: " " * len(m.group(0)) if m.group(2) in years else m.group(0),
                     text)
    return re.sub(r"\b\d{4}\b", lambda m: " " * 4 if m.group(0) in years
                  and _YEAR.match(m.group(0)) else m.group(0), text)


def _held(value: Decimal, keys: Iterable[str], extractions: Extractions) -> bool:
    return any(value in found.figures for key in keys if (found := extractions.get(key)))


def _unsourced(page: Page, sentence: Sentence, figure: figures.Figure,
               extractions: Extractions) -> Problem:
    line = sentence.lines[min(figure.start, len(sentence.lines) - 1)] if sentence.lines \
        else sentence.line
    if not sentence.keys:
        return Problem(page.shown, line, f"tallet '{figure.text}' står uden kildehenvisning",
                       "citér den kilde, tallet kommer fra, i samme sætning — eller skriv "
                       "sætningen uden tallet")
    return Problem(page.shown, line, f"tallet '{figure.text}' står ikke i udtrækket af "
                   f"{_names(sentence.keys, extractions)}", _hint(sentence.keys))


def _names(keys: Iterable[str], extractions: Extractions | None = None) -> str:
    shown = []
    for key in dict.fromkeys(keys):
        missing = extractions is not None and extractions.get(key) is None
        shown.append(f"{key} (intet udtræk)" if missing else key)
    return ", ".join(shown) or "ingen kilder"


def _hint(keys: Iterable[str]) -> str:
    first = next(iter(keys), "NØGLE")
    return (f"tilføj tallet med sidehenvisning til research/{FOLDER}/{first}.yaml, eller citér "
            "den kilde, tallet kommer fra")
