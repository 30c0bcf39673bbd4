"""News posts (docs/nyt/) and the feed 'Nyt i vidensbanken': new and updated cards and news.

Dates of posts and cards come from front matter (a post's ``date``, a card's ``added`` and
``reviewed``). A changed evidence level comes from the git history (history.py) and is dated by
its commit; without the history the feed simply has no such entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from html import escape

from feedgen.feed import FeedGenerator

from vidensbank import dates
from vidensbank.catalogue import Catalogue
from vidensbank.content import Content, Page
from vidensbank.history import SECTION_ID, LevelChange
from vidensbank.problems import Problem, Severity
from vidensbank.urls import relative_url

FOLDER = "nyt"
FEED = "nyt/feed.xml"
FEED_TITLE = "Nyt i vidensbanken"
MAX_ENTRIES = 50


def posts(content: Content, *, drafts: bool = False) -> list[Page]:
    """News posts, newest first; drafts only when asked (the check reads them, readers do not)."""
    pages = content.pages if drafts else content.published
    found = [p for p in pages if p.section == FOLDER and not p.is_index]
    return sorted(found, key=lambda p: (p.date_of("date") or date.min, p.title),
                  reverse=True)


def check(content: Content) -> list[Problem]:
    problems = []
    for post in posts(content, drafts=True):
        # A draft may still lack its summary; it must have it before it is published.
        severity = Severity.WARNING if post.is_draft else Severity.ERROR
        draft = "kladde: " if post.is_draft else ""
        if post.date_of("date") is None:
            problems.append(post.problem(("date",), "en nyhed skal have en gyldig dato",
                                         "skriv fx 'date: 2026-11-26' i front matter"))
        if not post.meta.get("summary"):
            problems.append(post.problem(("summary",), f"{draft}en nyhed skal have et resumé",
                                         "skriv én eller to sætninger i 'summary'",
                                         key=True, severity=severity))
        problems.extend(post.leftover_guidance())
        if post.is_draft:
            problems.append(post.problem(("draft",), "nyheden er en kladde og bliver ikke "
                                         "udgivet", "slet 'draft: true', når nyheden er klar",
                                         key=True, severity=Severity.WARNING))
    return problems


def listing(content: Content, from_url: str) -> str:
    items = [
        f'<li><a href="{relative_url(from_url, post.url)}">{escape(post.title)}</a> '
        f'<span class="vb-date">{escape(dates.danish(str(post.meta.get("date", ""))))}</span>'
        f'<span class="vb-summary">{escape(str(post.meta.get("summary", "")))}</span></li>'
        for post in posts(content)
    ]
    if not items:
        return '<p class="vb-empty">Der er ingen nyheder endnu.</p>'
    return f'<ul class="vb-news">{"".join(items)}</ul>'


def feed(content: Content, catalogue: Catalogue, site_name: str, site_url: str,
         level_changes: Sequence[LevelChange] = ()) -> str:
    """An Atom feed of news posts, new or updated cards and changed evidence levels, newest
    first."""
    entries = []  # (date, title, page, label, the change of evidence level if it is one)
    for post in posts(content):
        entries.append((post.date_of("date"), post.title, post, "Nyhed", None))
    for card in catalogue.cards:
        added, reviewed = card.page.date_of("added"), card.page.date_of("reviewed")
        updated = reviewed if reviewed and added and reviewed > added else None
        when = updated or added
        if when:
            label = "Opdateret kort" if updated else "Nyt kort"
            entries.append((when, card.title, card.page, label, None))
    for change in level_changes:
        entries.append((change.day, change.page.title, change.page, "Evidensniveau ændret",
                        change))
    entries = sorted((e for e in entries if e[0]), key=lambda e: (e[0], e[1]),
                     reverse=True)[:MAX_ENTRIES]
    generator = FeedGenerator()
    generator.id(site_url + FEED)
    generator.title(FEED_TITLE)
    generator.subtitle(f"Nye og opdaterede kort og nyheder fra {site_name}")
    generator.link(href=site_url, rel="alternate")
    generator.link(href=site_url + FEED, rel="self")
    generator.language("da")
    generator.updated(_moment(max((e[0] for e in entries), default=date(2026, 1, 1))))
    for when, title, page, label, change in reversed(entries):  # feedgen prepends: oldest first
        entry = generator.add_entry()
        entry.title(f"{label}: {title}")
        url = site_url + page.url
        if change:
            # The card's address is the id of its own entry; each change needs an id of its own.
            old, new = change.levels
            entry.id(f"{url}#{SECTION_ID}-{when.isoformat()}-{old}-{new}")
            entry.link(href=f"{url}#{SECTION_ID}")
            entry.summary(change.sentence)
        else:
            entry.id(url)
            entry.link(href=url)
            entry.summary(" ".join(str(page.meta.get("answer_summary")
                                       or page.meta.get("summary") or title).split()))
        entry.updated(_moment(when))
        entry.author(name=site_name)
    return generator.atom_str(pretty=True).decode("utf-8")


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)
