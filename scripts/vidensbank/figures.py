"""Figures in Danish text: the numbers a reader could quote, as values that can be compared.

"1.124 korsangere", "86 %", "0,5", "0–25" and "tolv uger" hold the figures 1124, 86, 0.5, 0 and 25,
and 12. Digits inside a name ("WHO-5", "EQ-5D-5L", "ONS4") are part of the name, not a figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Danish number words two to twenty: "seks uger" is as much a figure as "6 uger". One ("en",
# "et") is left out: it is also the article.
NUMBER_WORDS = {
    "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
    "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
    "sytten": 17, "atten": 18, "nitten": 19, "tyve": 20,
}

# Thousands with dots ("1.124", "4.500"), decimals with a comma ("0,5"); a dot followed by
# something other than three digits ends the number ("2. udgave").
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?![\d.]\d)(?:,\d+)?|\d+(?:,\d+)?"
# Not part of a name ("WHO-5", "ONS4", "5D"): no letter, digit or name-joining hyphen directly
# before, no letter directly after. "10-ugers" is still a figure.
_FIGURE = re.compile(rf"(?<![\w/§])(?<![^\W\d_][\-–])(?<!\w\.)({_NUMBER})(?![^\W\d_])")
# A number as a source may write it ("4,500", "2.5"), with the same guard against names.
_SOURCE_NUMBER = re.compile(r"(?<![\w/§])(?<![^\W\d_][\-–])(?<!\w\.)\d+(?:[.,]\d+)?(?![^\W\d_])")
_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    text: str
    start: int  # offset in the text it was found in


def in_text(text: str, *, words: bool = True) -> list[Figure]:
    """Every figure in ``text``, in order."""
    found = [Figure(_value(m.group(1)), m.group(1), m.start(1)) for m in _FIGURE.finditer(text)]
    if words:
        found += [Figure(Decimal(NUMBER_WORDS[m.group(1).lower()]), m.group(1), m.start(1))
                  for m in _WORD.finditer(text)]
    return sorted(found, key=lambda f: f.start)


def values(data: object) -> Iterator[Decimal]:
    """Every figure in a value of YAML data: numbers as they are, and figures in text."""
    if isinstance(data, bool):
        return
    if isinstance(data, int | float):
        try:
            yield Decimal(str(data)).normalize()
        except InvalidOperation:
            return
    elif isinstance(data, str):
        yield from (figure.value for figure in in_text(data))
        # Text in a source's own style ("4,500", "2.5") also counts as the number it writes.
        for match in _SOURCE_NUMBER.finditer(data):
            yield from _both_readings(match.group(0))
    elif isinstance(data, dict):
        for item in data.values():
            yield from values(item)
    elif isinstance(data, list):
        for item in data:
            yield from values(item)


def _value(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", ".")).normalize()


def _both_readings(text: str) -> Iterator[Decimal]:
    yield Decimal(text.replace(",", ".")).normalize()
    if re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        yield Decimal(re.sub(r"[.,]", "", text)).normalize()
