"""`vidensbank new`: from a bibliography entry to a draft card that passes the check and is not
published until it is finished."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.support.sitebuild import ROOT, copy_repo, mkdocs_build
from tests.test_cli import run

EXPORTS = ROOT / "tests" / "fixtures" / "exports"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo", only_test_cards=True)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_zotero_export_becomes_an_entry_and_a_draft_card_in_two_commands(repo: Path,
                                                                          tmp_path: Path) -> None:
    added = run("ref", "add", str(EXPORTS / "zotero.bib"), cwd=repo)
    assert added.returncode == 0, added.stdout + added.stderr
    made = run("new", "forskning", "nielsen_korsang_2023", cwd=repo / "docs")
    assert made.returncode == 0, made.stderr
    printed = made.stdout.split()
    card = repo / printed[0]
    assert card == repo / "docs/forskning/nielsen-2023-korsang-sygemeldte.md"
    # The study's extraction comes with the card, to be filled from the source itself.
    assert printed[1:] == ["research/extractions/nielsen_korsang_2023.yaml"]

    meta = front_matter(card)
    assert meta["type"] == "forskning" and meta["draft"] is True
    assert meta["references"] == ["nielsen_korsang_2023"]
    assert meta["title"] == "Korsang for sygemeldte med stress: et {Pilotstudie} fra Østjylland" \
        .replace("{", "").replace("}", "")
    assert meta["added"] == date.today()
    text = card.read_text(encoding="utf-8")
    assert "# Kilde: Nielsen, M., Ørsted, S., & Kierkegård, A. (2023)." in text
    schema = json.loads((ROOT / "research/schema/forskning.schema.json").read_text("utf-8"))
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [section["heading"] for section in schema["x-sections"]]
    assert "#   vælg blandt: stress-angst-depression" in text

    checked = run("check", cwd=repo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    warnings = [line for line in checked.stdout.splitlines()
                if line.startswith("docs/forskning/nielsen-2023-korsang-sygemeldte.md:")]
    assert any("kladde: feltet 'summary' mangler" in line for line in warnings), warnings
    assert any("kortet er en kladde og bliver ikke udgivet" in line for line in warnings)
    extraction = repo / printed[1]
    lines = extraction.read_text(encoding="utf-8").splitlines()
    source_line = next(n for n, line in enumerate(lines, 1) if line.startswith("  source:"))
    assert (f"research/extractions/nielsen_korsang_2023.yaml:{source_line}:11: advarsel: "
            "kladde: 'read.source' er ikke udfyldt") in checked.stdout
    assert run("check", "--strict", cwd=repo).returncode == 1

    site = tmp_path / "site"
    build = mkdocs_build(repo, site)
    assert build.returncode == 0, build.stderr
    assert (site / "forskning" / "testkort-forskning" / "index.html").is_file()
    assert not (site / "forskning" / "nielsen-2023-korsang-sygemeldte").exists()
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in search["docs"]}
    assert "forskning/testkort-forskning/" in locations
    assert "forskning/nielsen-2023-korsang-sygemeldte/" not in locations
    assert "nielsen-2023-korsang-sygemeldte" not in (site / "sitemap.xml").read_text("utf-8")


@pytest.mark.parametrize("draft,is_draft", [("true", True), ("false", False)])
def test_only_draft_true_makes_a_draft(repo: Path, draft: str, is_draft: bool) -> None:
    card = repo / "docs/spoergsmaal/testkort-tema.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("type: tema\n", f"type: tema\ndraft: {draft}\n", 1),
                    encoding="utf-8")
    checked = run("check", cwd=repo)
    assert checked.returncode == 0
    assert ("testkort-tema.md:4:1: advarsel: kortet er en kladde" in checked.stdout) \
        is is_draft, checked.stdout


def test_it_never_overwrites_a_card(repo: Path) -> None:
    assert run("new", "forskning", "fancourt2019", "--slug", "testkort-forskning",
               cwd=repo).returncode == 1
    first = run("new", "forskning", "fancourt2019", cwd=repo)
    assert first.returncode == 0, first.stderr
    card = repo / first.stdout.strip()
    card.write_text(card.read_text(encoding="utf-8") + "\nMin tekst.\n", encoding="utf-8")
    again = run("new", "forskning", "fancourt2019", cwd=repo)
    assert again.returncode == 1
    assert "findes allerede" in again.stderr
    assert card.read_text(encoding="utf-8").endswith("Min tekst.\n")


def test_unknown_keys_and_types_say_what_to_do(repo: Path) -> None:
    unknown = run("new", "forskning", "findesikke2020", cwd=repo)
    assert unknown.returncode == 1
    assert "vidensbank ref add" in unknown.stderr
    wrong_type = run("new", "artikel", "fancourt2019", cwd=repo)
    assert wrong_type.returncode == 1
    assert "forskning, metode, eksempel, tema" in wrong_type.stderr


@pytest.mark.parametrize("card_type,source,folder", [
    ("eksempel", "Læsekreds på Testrup Bibliotek", "eksempler"),
    ("tema", "Hvordan måler vi trivsel?", "spoergsmaal"),
    ("metode", "tennant2007", "metoder"),
])
def test_every_card_type_gets_a_checked_draft(repo: Path, card_type: str, source: str,
                                              folder: str) -> None:
    made = run("new", card_type, source, cwd=repo)
    assert made.returncode == 0, made.stderr
    card = repo / made.stdout.strip()
    assert card.parent == repo / "docs" / folder
    assert front_matter(card)["type"] == card_type
    checked = run("check", cwd=repo)
    assert checked.returncode == 0, checked.stdout


def test_an_example_skeleton_says_ikke_oplyst_until_the_sources_say_more(repo: Path) -> None:
    made = run("new", "eksempel", "Læsekreds på Testrup Bibliotek", cwd=repo)
    assert made.returncode == 0, made.stderr
    card = repo / made.stdout.strip()
    text = card.read_text(encoding="utf-8")
    assert "# Tilbuddets form: erstat 'ikke-oplyst' med det, kilderne siger" in text
    meta = front_matter(card)
    assert meta["referral"] == ["ikke-oplyst"]
    assert meta["dose"] == dict.fromkeys(("weeks", "sessions_per_week", "hours_per_session"),
                                         "ikke-oplyst")
    for name in ("criteria", "group_size", "led_by", "cost"):
        assert meta[name] == "ikke-oplyst", name

    # Finished around the placeholders, the card passes the check without a word about them.
    head, body = text.split("---\n")[1:3]
    kept = [line for line in head.splitlines() if not line.startswith(("#", "draft:"))]
    rest = {"summary": "En læsekreds på biblioteket, som testene bruger til at tjekke skabelonen.",
            "reviewed": date.today().isoformat(), "reviewed_by": "Netværkets koordinator",
            "place": "Testrup Kommune", "country": ["dk"],
            "organisers": [{"name": "Testrup Bibliotek", "sector": "kultur"}],
            "target_groups": ["stress-angst-depression"], "activities": ["faelleslaesning"],
            "sectors": ["kultur"], "status": "ikke-oplyst", "outcomes": ["mental-trivsel"]}
    prose = "\n".join(line if not line.startswith("<!--") else "Tekst." for line in
                      body.splitlines())
    card.write_text("---\n" + "\n".join(kept) + "\n"
                    + yaml.safe_dump(rest, allow_unicode=True, sort_keys=False) + "---\n" + prose,
                    encoding="utf-8")
    checked = run("check", cwd=repo)
    assert checked.returncode == 0, checked.stdout
    assert str(card.relative_to(repo)) not in checked.stdout, checked.stdout


def test_guidance_left_in_a_finished_card_is_pointed_out(repo: Path) -> None:
    made = run("new", "tema", "Hvordan måler vi trivsel?", cwd=repo)
    card = repo / made.stdout.strip()
    lines = card.read_text(encoding="utf-8").splitlines()
    first_comment = next(i for i, line in enumerate(lines, 1) if line.startswith("<!--"))
    assert run("check", cwd=repo).stdout.count("kommentar (<!--") == 0  # fine in a draft
    card.write_text("\n".join(line for line in lines if not line.startswith("draft:")) + "\n",
                    encoding="utf-8")
    checked = run("check", cwd=repo)
    expected = f"{card.relative_to(repo)}:{first_comment - 1}:1: advarsel: der står stadig en " \
        "kommentar"
    assert any(line.startswith(expected) for line in checked.stdout.splitlines()), checked.stdout


def test_a_news_post_from_a_meeting_is_a_draft_until_it_is_finished(repo: Path,
                                                                   tmp_path: Path) -> None:
    made = run("new", "nyhed", "Netværksmøde i Testrup", cwd=repo)
    assert made.returncode == 0, made.stderr
    post = repo / made.stdout.strip()
    assert post == repo / "docs/nyt/netvaerksmoede-i-testrup.md"
    meta = front_matter(post)
    assert meta["draft"] is True and meta["date"] == date.today()

    checked = run("check", cwd=repo)
    assert checked.returncode == 0, checked.stdout
    shown = "docs/nyt/netvaerksmoede-i-testrup.md"
    assert f"{shown}:2:1: advarsel: kladde: en nyhed skal have et resumé" in checked.stdout
    assert "nyheden er en kladde og bliver ikke udgivet" in checked.stdout
    draft_site = tmp_path / "draft-site"
    assert mkdocs_build(repo, draft_site).returncode == 0
    assert "Testrup" not in (draft_site / "nyt" / "index.html").read_text(encoding="utf-8")
    assert "Testrup" not in (draft_site / "nyt" / "feed.xml").read_text(encoding="utf-8")

    text = post.read_text(encoding="utf-8").replace("draft: true", "# (udgivet)")
    post.write_text(text, encoding="utf-8")
    unfinished = run("check", cwd=repo)
    assert unfinished.returncode == 1, unfinished.stdout
    assert f"{shown}:2:1: fejl: en nyhed skal have et resumé" in unfinished.stdout
    assert f"{shown}:11:1: advarsel: der står stadig en kommentar" in unfinished.stdout

    finished = "\n".join(line for line in text.replace("# summary: …", "summary: Vi mødtes.")
                         .splitlines() if not line.startswith("<!--")) + "\nVi talte om sang.\n"
    post.write_text(finished, encoding="utf-8")
    done = run("check", cwd=repo)
    assert done.returncode == 0 and shown not in done.stdout, done.stdout
    site = tmp_path / "site"
    assert mkdocs_build(repo, site).returncode == 0
    listing = (site / "nyt" / "index.html").read_text(encoding="utf-8")
    assert 'nyt/netvaerksmoede-i-testrup/">' in listing and "Vi mødtes." in listing
    assert "Netværksmøde i Testrup" in (site / "nyt" / "feed.xml").read_text(encoding="utf-8")
