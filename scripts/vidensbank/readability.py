"""LIX, the Danish readability index, for a card's prose: plain Danish for a practitioner.

LIX = words per sentence + 100 × the share of long words (more than six letters). Sentences end at
'.', '!', '?' and ':' and at the end of each list item, paragraph and table row. Citations, link
targets, code and markup are not text a reader reads, so they do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from vidensbank.content import Page
from vidensbank.problems import Problem, Severity
from vidensbank.provenance import abbreviated, blocks, readable

CARD_LIMIT = 50  # every card
TYPE_MEDIAN_LIMIT = 45  # the median card of each type
_END = re.compile(r"[.!?:](?=\s|$)")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass(frozen=True)
class Score:
    lix: float
    words: int
    sentences: int


def score(texts: Iterable[str]) -> Score:
    words = long = sentences = 0
    for text in texts:
        found = _WORD.findall(text)
        if not found:
            continue
        sentences += 1
        words += len(found)
        long += sum(1 for word in found
                    if len(word) > 6 and sum(ch.isalpha() for ch in word) > 6)
    if not words:
        return Score(0.0, 0, 0)
    return Score(round(words / sentences + 100 * long / words, 1), words, sentences)


def of_card(page: Page) -> Score:
    """The LIX of the card's text: its summary and body, sentence by sentence."""
    texts = [str(page.meta.get("summary") or "")]
    texts += [readable(text) for text, _ in blocks(page)
              if not text.lstrip().startswith(("#", "|"))]
    return score(sentence for text in texts for sentence in sentences(text))


def sentences(text: str) -> list[str]:
    """``text`` cut after each '.', '!', '?' and ':' that ends a sentence."""
    cuts = [m.end() for m in _END.finditer(text) if not abbreviated(text, m.start())]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)
            if text[a:b].strip()]


def check(page: Page, measured: Score) -> list[Problem]:
    if measured.lix <= CARD_LIMIT:
        return []
    return [Problem(page.shown, page.doc.body_line, f"teksten er svær at læse (LIX "
                    f"{measured.lix:.0f}, højst {CARD_LIMIT})",
                    "skriv kortere sætninger og brug kortere ord; forklar fagord",
                    severity=Severity.WARNING)]


def summary(scores: dict[str, list[float]]) -> list[str]:
    """One line per card type: median and hardest LIX, against the targets."""
    lines = []
    for card_type, values in sorted(scores.items()):
        middle, hardest = median(values), max(values)
        verdict = "ok" if middle <= TYPE_MEDIAN_LIMIT and hardest <= CARD_LIMIT else "for svær"
        lines.append(f"LIX {card_type}: median {middle:.0f} (mål ≤ {TYPE_MEDIAN_LIMIT}), "
                     f"sværeste {hardest:.0f} (mål ≤ {CARD_LIMIT}), {len(values)} kort — {verdict}")
    return lines
