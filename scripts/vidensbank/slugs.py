"""Readable ASCII slugs for URLs and heading anchors, with Danish letters transliterated."""

from __future__ import annotations

import re
import unicodedata

# Transliterations a Danish reader recognises, instead of dropping the letter.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slugify(value: str, separator: str = "-") -> str:
    """'Hvorfor et netværk?' -> 'hvorfor-et-netvaerk'. Also usable as Markdown's toc slugify."""
    ascii_text = (
        unicodedata.normalize("NFKD", value.translate(_DANISH))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return separator.join(words)


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    """Lower-case ASCII words joined by single hyphens: what a URL segment may be."""
    return bool(_SLUG.match(text))
