"""Sharing: link previews, permanent URLs, the news feed, and 'share and cite' on cards."""

from __future__ import annotations

import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from PIL import Image

from tests.support.sitebuild import TEST_SITE_URL, copy_repo
from vidensbank import permalinks, previews
from vidensbank.cli import main
from vidensbank.repo import Repo

CARD_FOLDERS = ("forskning", "metoder", "eksempler", "spoergsmaal")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[dict] = []
        self._ld = False
        self._data = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta":
            name = values.get("property") or values.get("name")
            if name and name not in self.meta:
                self.meta[name] = values.get("content") or ""
        elif tag == "link" and {"canonical", "alternate"} & set((values.get("rel") or "").split()):
            rel = "canonical" if "canonical" in values["rel"].split() else "alternate"
            self.links[f"{rel}:{values.get('type', '')}"] = values.get("href", "")
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._ld, self._data = True, ""

    def handle_endtag(self, tag):
        if tag == "script" and self._ld:
            self.json_ld.append(json.loads(self._data))
            self._ld = False

    def handle_data(self, data):
        if self._ld:
            self._data += data


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """Every real page (redirect stubs and the 404 page are not shared)."""
    return [p for p in sorted(site.rglob("index.html"))
            if "Siden er flyttet" not in p.read_text(encoding="utf-8")[:400]]


def url_of(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return TEST_SITE_URL if folder == "." else f"{TEST_SITE_URL}{folder}/"


def is_card(site: Path, page: Path) -> bool:
    parts = page.parent.relative_to(site).parts
    return len(parts) == 2 and parts[0] in CARD_FOLDERS


def test_every_page_would_render_a_complete_linkedin_preview(test_cards_site: Path) -> None:
    checked = 0
    for page in pages(test_cards_site):
        tags = head(page)
        where = page.relative_to(test_cards_site)
        url = url_of(test_cards_site, page)
        assert tags.meta["og:url"] == url == tags.links["canonical:"], where
        assert tags.meta["og:type"] == ("article" if is_card(test_cards_site, page)
                                        else "website"), where
        assert tags.meta["og:title"] and tags.meta["og:site_name"], where
        assert tags.meta["og:locale"] == "da_DK"
        description = tags.meta["og:description"]
        assert 20 <= len(description) <= 200, (where, description)
        assert not re.search(r"\[@|\]\(|[*_`]", description), (where, description)
        assert tags.meta["description"] == description, where
        assert tags.meta["og:image"].startswith("https://"), where
        assert (tags.meta["og:image:width"], tags.meta["og:image:height"]) == ("1200", "627")
        assert tags.meta["og:image:alt"], where
        checked += 1
    assert checked > 40


def test_preview_images_are_1200_by_627_png(test_cards_site: Path) -> None:
    images = set()
    for page in pages(test_cards_site):
        image = urlsplit(head(page).meta["og:image"]).path.removeprefix(
            urlsplit(TEST_SITE_URL).path)
        images.add(image)
    assert "assets/del/forskning/testkort-forskning.png" in images
    for image in images:
        with Image.open(test_cards_site / image) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 627), image
        # Small enough for a phone on a slow line and for LinkedIn's crawler (palette PNG).
        assert (test_cards_site / image).stat().st_size <= 20 * 1024, image


def test_a_cold_build_draws_every_missing_image_once(tmp_path: Path) -> None:
    # Enough cards to draw them in worker processes; two share a title, so one image.
    wanted = [previews.Preview("Vidensbank", f"Kort nummer {n}", "Forskningsresumé")
              for n in range(previews.PARALLEL_FROM + 4)]
    wanted.append(wanted[0])
    paths = previews.cached_all(wanted, tmp_path)
    assert len(paths) == len(wanted) and paths[-1] == paths[0]
    assert sorted(tmp_path.iterdir()) == sorted(set(paths))  # no temporary file left behind
    for path, preview in zip(paths, wanted, strict=True):
        assert path.read_bytes() == previews.draw(preview), path.name


def test_an_unchanged_card_is_not_drawn_again(tmp_path: Path, monkeypatch) -> None:
    preview = previews.Preview("Vidensbank", "Et kort", "Forskningsresumé", "Moderat", "moderat")
    first = previews.cached(preview, tmp_path)
    drawn = first.read_bytes()
    monkeypatch.setattr(previews, "draw", lambda _: (_ for _ in ()).throw(AssertionError))
    assert previews.cached(preview, tmp_path).read_bytes() == drawn  # from the cache
    changed = previews.Preview("Vidensbank", "Et nyt kort", "Forskningsresumé")
    monkeypatch.undo()
    assert previews.cached(changed, tmp_path).read_bytes() != drawn


def test_cards_describe_themselves_in_json_ld(test_cards_site: Path) -> None:
    [data] = head(test_cards_site / "forskning/testkort-forskning/index.html").json_ld
    assert data["@type"] == "Article" and data["inLanguage"] == "da"
    assert data["headline"] == "Testkort om kultur på recept"
    assert data["dateModified"] == "2026-06-01" and data["datePublished"] == "2026-01-15"
    assert any(c.startswith("Fancourt, D., & Finn, S. (2019).") for c in data["citation"])
    assert "Stress, angst og depression" in data["about"]


def test_the_feed_lists_news_and_cards_and_parses(test_cards_site: Path) -> None:
    feed = feedparser.parse((test_cards_site / "nyt/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Nyt i vidensbanken"
    titles = [entry.title for entry in feed.entries]
    assert "Nyhed: Vidensbanken åbner" in titles
    assert "Opdateret kort: Testkort om kultur på recept" in titles
    assert all(entry.link.startswith(TEST_SITE_URL) for entry in feed.entries)
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    alternate = head(test_cards_site / "index.html").links["alternate:application/atom+xml"]
    assert urljoin(TEST_SITE_URL, alternate) == TEST_SITE_URL + "nyt/feed.xml"


def test_a_card_can_be_shared_and_cited(test_cards_site: Path) -> None:
    page = test_cards_site / "forskning/testkort-forskning/index.html"
    html = page.read_text(encoding="utf-8")
    url = TEST_SITE_URL + "forskning/testkort-forskning/"
    [share] = re.findall(r'href="(https://www\.linkedin\.com/sharing/share-offsite/\?url=[^"]+)"',
                         html)
    assert unquote(share.split("url=", 1)[1]) == url
    assert f'data-url="{url}"' in html  # "Kopiér link"
    assert ("Vidensbank for kultur, sundhed og beskæftigelse. (2026). "
            "<em>Testkort om kultur på recept</em>.") in html
    assert "@misc{vidensbank-forskning-testkort-forskning," in html
    [sources] = re.findall(r'<a href="([^"]+)" download>Hent kildehenvisningerne', html)
    bibtex = (page.parent / sources).read_text(encoding="utf-8")
    assert {"fancourt2019", "bungay2010", "jensen2018"} == set(
        re.findall(r"^@\w+\{([^,]+),", bibtex, re.MULTILINE))


def test_the_old_accessibility_address_redirects(test_cards_site: Path) -> None:
    stub = (test_cards_site / "was/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../tilgaengelighed/"' in stub
    assert f'rel="canonical" href="{TEST_SITE_URL}tilgaengelighed/"' in stub


def test_a_published_url_cannot_disappear_without_a_redirect(tmp_path: Path, capsys) -> None:
    repo = copy_repo(tmp_path / "repo", with_cards=True)
    assert main(["-C", str(repo), "urls", "update"]) == 0
    recorded = (repo / "research/published-urls.txt").read_text(encoding="utf-8").splitlines()
    line = recorded.index("eksempler/testkort-eksempel/") + 1
    assert "maalgrupper/stress-angst-depression/" in recorded
    capsys.readouterr()

    (repo / "docs/eksempler/testkort-eksempel.md").unlink()
    assert main(["-C", str(repo), "check"]) == 1
    output = capsys.readouterr().out
    assert (f"research/published-urls.txt:{line}:1: fejl: adressen /eksempler/testkort-eksempel/ "
            "er udgivet, men har hverken en side eller en viderestilling") in output

    with (repo / "research/redirects.yaml").open("a", encoding="utf-8") as redirects:
        redirects.write("eksempler/testkort-eksempel/: eksempler/\n")
    (repo / "docs/spoergsmaal/testkort-tema.md").write_text(
        (repo / "docs/spoergsmaal/testkort-tema.md").read_text(encoding="utf-8").replace(
            ", eksempler/testkort-eksempel", ""), encoding="utf-8")
    assert main(["-C", str(repo), "check"]) == 0, capsys.readouterr().out


def test_urls_update_never_drops_a_recorded_url(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    record = repo / "research/published-urls.txt"
    record.write_text("# gammel\ngammel-side/\n", encoding="utf-8")
    (repo / "research/redirects.yaml").write_text("gammel-side/: om-netvaerket/\nwas/: "
                                                  "tilgaengelighed/\n", encoding="utf-8")
    assert main(["-C", str(repo), "urls", "update"]) == 0
    lines = record.read_text(encoding="utf-8").splitlines()
    assert "gammel-side/" in lines and "forskning/" in lines
    before = record.read_text(encoding="utf-8")
    assert main(["-C", str(repo), "urls", "update"]) == 0
    assert record.read_text(encoding="utf-8") == before  # a second run changes nothing


def test_urls_update_replaces_the_record_whole_and_keeps_its_permissions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "research").mkdir()
    record = tmp_path / "research" / permalinks.PUBLISHED
    record.write_text("forskning/\n", encoding="utf-8")
    record.chmod(0o644)
    repo = Repo(tmp_path)

    assert permalinks.update(repo, permalinks.load(repo), {"forskning/", "ny/"}) == 1
    assert "ny/" in record.read_text(encoding="utf-8").splitlines()
    assert stat.S_IMODE(record.stat().st_mode) == 0o644  # a temporary file's 0600 would stick

    def disk_full(*_arguments: object) -> None:
        raise OSError(28, "No space left on device")

    before = record.read_bytes()
    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        permalinks.update(repo, permalinks.load(repo), {"forskning/", "ny/", "nyere/"})
    assert record.read_bytes() == before
    assert sorted(p.name for p in record.parent.iterdir()) == [permalinks.PUBLISHED]
