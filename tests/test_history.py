"""Each card's history ("Ændringer") from git, the feed's changed evidence levels, and the page of
cards due for review — with and without the git history."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from tests.support.sitebuild import ROOT, TEST_SITE_URL, copy_repo, mkdocs_build
from vidensbank import history
from vidensbank.dates import danish

RESEARCH = "docs/forskning/testkort-forskning.md"
# Cards whose last review is set relative to today, by how many months ago.
REVIEWED_MONTHS_AGO = {
    "docs/metoder/testkort-instrument.md": 30,
    "docs/eksempler/testkort-eksempel.md": 26,
    "docs/spoergsmaal/testkort-tema.md": 22,
}
# Who made the commits: it must never appear on the site.
AUTHOR, EMAIL = "Testperson Hansen", "testperson.hansen@example.org"
FIRST, LEVEL_CHANGED, EDITED = "2026-01-15", "2026-03-03", "2026-05-05"


def git(repo: Path, *args: str, day: str = FIRST) -> None:
    moment = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    subprocess.run(["git", "-C", str(repo), "-c", f"user.name={AUTHOR}", "-c",
                    f"user.email={EMAIL}", *args], check=True, capture_output=True, env=env)


def commit(repo: Path, day: str) -> None:
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", f"Ændring {day}", day=day)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    text, found = re.subn(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M)
    assert found, f"{path} has no {name}"
    path.write_text(text, encoding="utf-8")


def months_ago(months: int, today: date) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, 28))


def evidence_levels() -> dict[str, str]:
    vocabulary = yaml.safe_load((ROOT / "research/vocabulary.yaml").read_text(encoding="utf-8"))
    return {term["id"]: term["label"] for term in vocabulary["evidence"]["terms"]}


class GitBank:
    """A copy of the bank with the four test cards, a git history and a built site."""

    def __init__(self, root: Path, today: date) -> None:
        self.repo = copy_repo(root / "repo", only_test_cards=True)
        self.today = today
        card = self.repo / RESEARCH
        self.meta = front_matter(card)
        levels = evidence_levels()
        self.old = self.meta["evidence"]
        # A weaker level: the check allows no level stronger than the designs behind the card.
        self.new = next(level for level in reversed(list(levels)) if level != self.old)
        changed = danish(date.fromisoformat(LEVEL_CHANGED))
        self.sentence = (f"Evidensniveau ændret fra {levels[self.old].lower()} til "
                         f"{levels[self.new].lower()}, {changed}.")
        set_field(card, "reviewed", today.isoformat())
        self.reviewed = {path: months_ago(months, today)
                         for path, months in REVIEWED_MONTHS_AGO.items()}
        for path, day in self.reviewed.items():
            set_field(self.repo / path, "added", day.isoformat())
            set_field(self.repo / path, "reviewed", day.isoformat())
        git(self.repo, "init", "-q", "-b", "main")
        commit(self.repo, FIRST)
        set_field(card, "evidence", self.new)
        commit(self.repo, LEVEL_CHANGED)
        for line in ("En rettelse.", "En rettelse mere samme dag."):
            card.write_text(card.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
            commit(self.repo, EDITED)
        self.site = root / "site"
        result = mkdocs_build(self.repo, self.site)
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> GitBank:
    return GitBank(tmp_path_factory.mktemp("history"), date.today())


def changes_section(page: Path) -> list[str]:
    """The lines under a card's 'Ændringer' heading, as a reader sees them."""
    html = page.read_text(encoding="utf-8")
    assert 'id="aendringer"' in html, f"{page} has no 'Ændringer'"
    section = html.split('id="aendringer"', 1)[1].split("<h2", 1)[0]
    return [unescape(re.sub(r"<[^>]+>", "", item)).strip()
            for item in re.findall(r"<li[^>]*>(.*?)</li>", section, re.S)]


def links_in(html: str) -> list[tuple[str, str, str]]:
    """(href, link text, the whole item's text) for each item of the lists in ``html``."""
    found = []
    for item in re.findall(r"<li[^>]*>(.*?)</li>", html, re.S):
        href, text = re.search(r'<a href="([^"]+)">(.*?)</a>', item).groups()
        found.append((href, unescape(text), unescape(re.sub(r"<[^>]+>", "", item))))
    return found


def test_a_card_shows_its_changes_newest_first(bank: GitBank) -> None:
    lines = changes_section(bank.site / "forskning/testkort-forskning/index.html")
    assert lines == [
        f"Gennemgået {danish(bank.today)} af {bank.meta['reviewed_by']}.",
        f"Ændret {danish(date.fromisoformat(EDITED))}.",  # two commits that day, one line
        bank.sentence,
        f"Tilføjet {danish(bank.meta['added'])}.",
    ]


def test_the_section_comes_before_related_cards(bank: GitBank) -> None:
    html = (bank.site / "forskning/testkort-forskning/index.html").read_text(encoding="utf-8")
    assert html.index('id="aendringer"') < html.index('id="relaterede-kort"')


def test_the_feed_announces_the_changed_evidence_level(bank: GitBank) -> None:
    feed = feedparser.parse((bank.site / "nyt/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    changed = [e for e in feed.entries if e.title == f"Evidensniveau ændret: {bank.meta['title']}"]
    assert len(changed) == 1
    entry = changed[0]
    assert entry.summary == bank.sentence
    assert tuple(entry.updated_parsed[:3]) == date.fromisoformat(LEVEL_CHANGED).timetuple()[:3]
    assert entry.link == f"{TEST_SITE_URL}forskning/testkort-forskning/#aendringer"
    # In addition to the card's own entry (reviewed today, after it was added: 'Opdateret').
    assert f"Opdateret kort: {bank.meta['title']}" in [e.title for e in feed.entries]
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))


def test_no_author_name_or_email_is_published(bank: GitBank) -> None:
    for path in bank.site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".txt", ".bib"}:
            text = path.read_text(encoding="utf-8")
            assert AUTHOR not in text and EMAIL not in text, path


def test_the_review_page_lists_cards_due_oldest_first(bank: GitBank) -> None:
    html = (bank.site / "bidrag/gennemgang/index.html").read_text(encoding="utf-8")
    now = html.split('id="nu"', 1)[1].split('id="snart"', 1)[0]
    soon = html.split('id="snart"', 1)[1].split("</article>", 1)[0]
    page_url = TEST_SITE_URL + "bidrag/gennemgang/"
    titles = {path: front_matter(bank.repo / path)["title"] for path in REVIEWED_MONTHS_AGO}
    due = sorted((p for p, months in REVIEWED_MONTHS_AGO.items() if months >= 24),
                 key=bank.reviewed.get)
    listed = links_in(now)
    assert [text for _, text, _ in listed] == [titles[p] for p in due]
    for (href, _, item), path in zip(listed, due, strict=True):
        card_url = TEST_SITE_URL + path.removeprefix("docs/").removesuffix(".md") + "/"
        assert urljoin(page_url, href) == card_url
        assert danish(bank.reviewed[path]) in item
    soon_titles = [titles[p] for p, months in REVIEWED_MONTHS_AGO.items() if 21 <= months < 24]
    assert [text for _, text, _ in links_in(soon)] == soon_titles
    assert bank.meta["title"] not in html  # reviewed today


def test_the_contributor_page_links_to_the_review_page(bank: GitBank) -> None:
    html = (bank.site / "bidrag/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert TEST_SITE_URL + "bidrag/gennemgang/" in [urljoin(TEST_SITE_URL + "bidrag/", h)
                                                    for h in hrefs]


def test_without_git_a_card_shows_its_front_matter_dates(test_cards_site: Path) -> None:
    meta = front_matter(ROOT / "tests/fixtures/cards/forskning/testkort-forskning.md")
    lines = changes_section(test_cards_site / "forskning/testkort-forskning/index.html")
    assert lines == [f"Gennemgået {danish(meta['reviewed'])} af {meta['reviewed_by']}.",
                     f"Tilføjet {danish(meta['added'])}."]
    feed = feedparser.parse((test_cards_site / "nyt/feed.xml").read_bytes())
    assert not [e for e in feed.entries if e.title.startswith("Evidensniveau ændret")]


def test_a_shallow_clone_has_no_git_events(bank: GitBank, tmp_path: Path) -> None:
    assert history.load(bank.repo).of("forskning/testkort-forskning.md")  # the full clone has
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{bank.repo}", str(shallow)],
                   check=True, capture_output=True)
    assert history.load(shallow).changes == {}


def test_without_the_git_program_there_are_no_git_events(bank: GitBank, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert history.load(bank.repo).changes == {}


def test_a_renamed_card_keeps_its_history(tmp_path: Path) -> None:
    card = tmp_path / "docs/forskning/gammelt-navn.md"
    card.parent.mkdir(parents=True)
    card.write_text("---\ntitle: Et kort\nevidence: begraenset\n---\n\nTekst.\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, FIRST)
    set_field(card, "evidence", "moderat")
    commit(tmp_path, LEVEL_CHANGED)
    git(tmp_path, "mv", str(card), str(card.with_name("nyt-navn.md")))
    commit(tmp_path, EDITED)
    changes = history.load(tmp_path).of("forskning/nyt-navn.md")
    assert [(c.day.isoformat(), c.evidence) for c in changes] == [
        (EDITED, None), (LEVEL_CHANGED, ("begraenset", "moderat")), (FIRST, None)]
    assert changes[-1].created
