"""Each card's history ("Ændringer"): when it was added, reviewed and changed, and how its evidence
level moved — and which cards are due for review.

The git history is read in one ``git log`` per build, not one per card: a bank of thousands of
cards would otherwise start thousands of processes. Without git, outside a repository, or in a
shallow clone (a default CI checkout has one commit, which would date every card to today), there
are no git events, and a card's history is what its front matter says (``added``, ``reviewed``).

Only dates and evidence levels are taken from git: commit messages, author names and e-mail
addresses are never read, so they can never be published.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from vidensbank import dates
from vidensbank.cards import REVIEW_MONTHS, months_between  # the check's own month count
from vidensbank.catalogue import Card
from vidensbank.content import Page
from vidensbank.rawhtml import Raw, verbatim
from vidensbank.vocabulary import TermList

DOCS = "docs/"
SECTION_ID = "aendringer"
# Cards due within this many months are listed too, so a review can be planned.
SOON_MONTHS = 3
# Starts each commit in the log (%x00 in the format); no diff or --raw line contains NUL.
_COMMIT = "\0"
_EVIDENCE = re.compile(r"""^([+-])evidence:\s*["']?([\w-]+)["']?\s*(?:#.*)?$""")
# Variables a git hook sets; inherited, they would point git at another repository.
_GIT_LOCATION = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE",
                 "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE")


@dataclass(frozen=True)
class Change:
    """One commit that touched a page: its date, whether it created the file, and the evidence
    level before and after if the commit changed it."""

    day: date
    created: bool = False
    evidence: tuple[str, str] | None = None


@dataclass(frozen=True)
class History:
    changes: dict[str, list[Change]]  # by source path inside docs/, newest first

    def of(self, src: str) -> list[Change]:
        return self.changes.get(src, [])


EMPTY = History({})


@dataclass(frozen=True)
class Entry:
    """A line of a card's 'Ændringer': a Danish sentence and the day it is about."""

    day: date
    kind: str  # "evidence", "reviewed", "changed" or "added"
    text: str
    levels: tuple[str, str] | None = None  # the evidence level before and after


# Entries on the same day: the evidence change first, the card's creation last.
_RANK = {"evidence": 3, "reviewed": 2, "changed": 1, "added": 0}


def load(root: Path) -> History:
    """The history of every Markdown page under docs/, from one ``git log``; EMPTY when git, the
    repository or its full history is missing."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return EMPTY
    # %cs, the committer date: the day a change entered this history (a squash or rebase merge
    # sets it to the day of the merge). --raw gives each file's status, -U0 just the changed lines.
    log = _git(root, "-c", "core.quotePath=false", "-c", "log.showSignature=false", "log",
               "--topo-order", "--format=%x00%H%x09%cs", "--raw", "-p", "--unified=0",
               "-M", "--relative", "--no-color", "--no-ext-diff", "--no-textconv",
               "--src-prefix=a/", "--dst-prefix=b/", "--", f":(glob){DOCS}**/*.md")
    return History(parse(log)) if log else EMPTY


def _git(root: Path, *args: str) -> str | None:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION}
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                                encoding="utf-8", errors="replace", env=env, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def parse(log: str) -> dict[str, list[Change]]:
    """Changes by page source from the log ``load`` asks for, newest first.

    A renamed page keeps its history: reading from the newest commit back, a rename points the
    old path at the page's current path, and a path created or deleted stops meaning the current
    page further back (an older file of the same name is another page).
    """
    changes: dict[str, list[Change]] = {}
    current: dict[str, str | None] = {}  # path at this point in history -> path today
    for day, files, levels in _commits(log):
        for status, paths in files:
            now = current.get(paths[-1], paths[-1])
            if now is not None and now.startswith(DOCS):
                changes.setdefault(now[len(DOCS):], []).append(
                    Change(day, status == "A", levels.get(paths[-1])))
            if status in ("A", "D") or status.startswith("R"):
                current[paths[-1]] = None
            if status.startswith("R"):
                current[paths[0]] = now
    return changes


def _commits(log: str) -> Iterator[tuple[date, list[tuple[str, list[str]]],
                                        dict[str, tuple[str, str]]]]:
    """Each commit's day, its files (status and paths from --raw) and its evidence changes."""
    for block in log.split(_COMMIT)[1:]:
        header, _, body = block.partition("\n")
        try:
            day = date.fromisoformat(header.rpartition("\t")[2].strip())
        except ValueError:
            continue
        lines = body.splitlines()
        files = [(fields[0].split()[-1], fields[1:]) for line in lines
                 if line.startswith(":") and len(fields := line.split("\t")) > 1]
        yield day, files, _evidence_changes(lines)


def _evidence_changes(lines: list[str]) -> dict[str, tuple[str, str]]:
    """The evidence level before and after, by path, from a commit's patch (-U0)."""
    found: dict[str, dict[str, str]] = {}
    path, in_header = "", False
    for line in lines:
        if line.startswith("diff --git "):
            path, in_header = "", True
        elif in_header and line.startswith("--- a/"):
            path = line[6:]
        elif in_header and line.startswith("+++ b/"):
            path = line[6:]  # the path after the commit, as in --raw
        elif line.startswith("@@"):
            in_header = False
        elif not in_header and path and (match := _EVIDENCE.match(line)):
            found.setdefault(path, {})[match[1]] = match[2]
    return {p: (sides["-"], sides["+"]) for p, sides in found.items()
            if sides.keys() == {"-", "+"} and sides["-"] != sides["+"]}


def timeline(page: Page, changes: Iterable[Change], levels: TermList | None) -> list[Entry]:
    """The lines of a card's 'Ændringer', newest first: the evidence level's changes, the
    review and the date added from front matter, and one 'Ændret' a day for other commits."""
    added, reviewed = page.date_of("added"), page.date_of("reviewed")
    entries = []
    if added:
        entries.append(Entry(added, "added", f"Tilføjet {dates.danish(added)}."))
    if reviewed:
        by = " ".join(str(page.meta.get("reviewed_by") or "").split())
        entries.append(Entry(reviewed, "reviewed", f"Gennemgået {dates.danish(reviewed)}"
                             + (f" af {by}." if by else ".")))
    # A commit dated before `added` is from before the card was published (a draft, say).
    later = [c for c in changes if not (added and c.day < added)]
    entries += [Entry(c.day, "evidence", evidence_sentence(c.evidence, c.day, levels), c.evidence)
                for c in later if c.evidence and levels
                and all(level in levels.terms for level in c.evidence)]
    if not added:  # a card without `added` was added the day its file was created
        entries += [Entry(c.day, "added", f"Tilføjet {dates.danish(c.day)}.")
                    for c in later if c.created]
    days = {entry.day for entry in entries}
    entries += [Entry(day, "changed", f"Ændret {dates.danish(day)}.")
                for day in sorted({c.day for c in later if not c.created} - days)]
    return sorted(entries, key=lambda e: (e.day, _RANK[e.kind]), reverse=True)


def evidence_sentence(levels_changed: tuple[str, str], day: date, levels: TermList) -> str:
    """'Evidensniveau ændret fra begrænset til moderat, 3. marts 2027.'"""
    old, new = (levels.label_of(level).lower() for level in levels_changed)
    return f"Evidensniveau ændret fra {old} til {new}, {dates.danish(day)}."


def section(page: Page, changes: Iterable[Change], levels: TermList | None,
            raw: Raw = verbatim) -> str:
    """The 'Ændringer' section of a card page."""
    entries = timeline(page, changes, levels)
    if not entries:
        return ""
    items = "".join(f"<li>{escape(entry.text)}</li>" for entry in entries)
    # Dates say nothing a search is for; the section is out of the index, heading and all.
    return (f"## Ændringer {{ #{SECTION_ID} data-search-exclude }}\n"
            + raw(f'<ul class="vb-history" data-search-exclude>{items}</ul>'))


@dataclass(frozen=True)
class LevelChange:
    """A changed evidence level, for the feed."""

    day: date
    page: Page
    sentence: str
    levels: tuple[str, str]  # ids in the vocabulary, before and after


def level_changes(cards: Iterable[Card], history: History,
                  levels: TermList | None) -> list[LevelChange]:
    """Every card's changes of evidence level, as its 'Ændringer' shows them."""
    return [LevelChange(entry.day, card.page, entry.text, entry.levels) for card in cards
            for entry in timeline(card.page, history.of(card.page.src), levels)
            if entry.kind == "evidence"]


def due_for_review(cards: Iterable[Card], today: date) -> tuple[list[Card], list[Card]]:
    """Cards not reviewed for REVIEW_MONTHS months (as `vidensbank check` counts them), and those
    due within SOON_MONTHS; each list oldest review first."""
    reviewed = sorted(((card.page.date_of("reviewed"), card.title.casefold(), card)
                       for card in cards if card.page.date_of("reviewed")),
                      key=lambda item: item[:2])
    due = [card for day, _, card in reviewed if months_between(day, today) >= REVIEW_MONTHS]
    soon = [card for day, _, card in reviewed
            if REVIEW_MONTHS - SOON_MONTHS <= months_between(day, today) < REVIEW_MONTHS]
    return due, soon
