"""'Did you mean …' for misspelt field names, vocabulary terms and citation keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' — mente du 'x'?'-style fragment, or '' when nothing is close."""
    options = list(choices)
    lowered = {c.casefold(): c for c in options}
    if word.casefold() in lowered:
        return lowered[word.casefold()]
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else ""


def hint_for(word: str, choices: Iterable[str], fallback: str) -> str:
    """A Danish hint: the closest choice if there is one, else ``fallback``."""
    match = did_you_mean(word, choices)
    return f"mente du '{match}'?" if match else fallback
