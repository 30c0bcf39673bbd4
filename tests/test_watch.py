"""`vidensbank watch`: the coordinator's weekly literature watch, run as she runs it.

The real command and its real HTTP client talk to OpenAlex, Crossref and PubMed stand-ins on
127.0.0.1 (tests/support/watchservers.py) that answer in each API's documented JSON form. Each test
works in a small throw-away repository with its own bibliography, saved searches and dismissed
works; research/ in the real repository is only read.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from tests.support import doiserver
from tests.support.sitebuild import ROOT
from tests.support.watchservers import Apis, Work, serve
from tests.test_cli import run
from vidensbank import bibfile, bibtex_text, watch
from vidensbank.repo import Repo

SINCE = "2026-11-20"
FAST = {
    "VIDENSBANK_CONTACT": "koordinator@example.org", "VIDENSBANK_WATCH_TIMEOUT": "2",
    "VIDENSBANK_WATCH_BACKOFF": "0.05", "VIDENSBANK_WATCH_RETRY_CAP": "1",
    "VIDENSBANK_WATCH_BUDGET": "15", "VIDENSBANK_OPENALEX_API_KEY": "",
    "VIDENSBANK_NCBI_API_KEY": "",
}
BIB = """@article{kendt2026,
  author  = {Holm, Ida},
  title   = {Choir festivals and community health},
  journal = {Nordisk Tidsskrift},
  year    = {2026},
  doi     = {10.5555/watch.known}
}

@report{kendtrapport2026,
  title       = {Choir singing in {D}anish libraries: an evaluation},
  institution = {Fiktivt Institut},
  year        = {2026}
}
"""
SEARCHES = """# Testsøgninger
max_pages: 3
defaults:
  languages: [en, da, no]
  types: [article, review]
searches:
  - id: kor
    description: Sang og kor
    openalex: choir
    crossref: choir
    pubmed: choir[tiab]
    crossref_title: [choir]
  - id: laesning
    description: Fælles læsning
    openalex: reading
    pubmed: reading[tiab]
"""
SEEN = """# Afviste værker — koordinatorens egne noter står også her
- doi: 10.5555/WATCH.DISMISSED
  why: Handler om børn
  date: 2026-10-01
  note: tilføjet i hånden
- title: Reading circles for older men
  why: Ikke relevant i Danmark
  date: 2026-10-02
"""

A = Work("Choir singing and wellbeing among people on sick leave", "10.5555/watch.a",
         "2026-11-28")
B = Work("Reading groups and choir practice in public libraries", "10.5555/watch.b", "2026-11-26")
C = Work("Reading aloud together: a pilot study in Danish libraries", "", "2026-11-25")
K = Work("Choir rehearsal as support for return to work", "10.5555/watch.k", "2026-11-21")
KNOWN_DOI = Work("Choir festivals and community health: a follow-up", "10.5555/WATCH.KNOWN")
KNOWN_TITLE = Work("Choir Singing in Danish Libraries — An Evaluation", "10.5555/watch.e")
DISMISSED_DOI = Work("Choir games for children", "10.5555/watch.dismissed")
DISMISSED_TITLE = Work("Reading Circles for Older Men", "")
GERMAN = Work("Choir und Gesundheit im Alter", "10.5555/watch.de", language="de")
EDITORIAL = Work("Why choir matters now", "10.5555/watch.editorial", kind="editorial")


def make_repo(root: Path, searches: str = SEARCHES, seen: str = SEEN) -> Path:
    (root / "research").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (root / "research" / "references.bib").write_text(BIB, encoding="utf-8")
    (root / "research" / "watch.yaml").write_text(searches, encoding="utf-8")
    (root / "research" / "watch-seen.yaml").write_text(seen, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def week() -> Apis:
    """A week's new works: some in several sources, some known, dismissed or filtered out."""
    apis = Apis()
    for work in (A, KNOWN_DOI, B, C, DISMISSED_DOI, GERMAN):  # two to a page: B is on page 2
        apis.add(work, "openalex")
    for work in (A, KNOWN_TITLE, K):
        apis.add(work, "crossref")
    for work in (Work(A.title, "10.5555/WATCH.A", A.date),
                 Work("Reading Aloud Together - A Pilot Study in Danish Libraries", "", C.date),
                 DISMISSED_TITLE, EDITORIAL):
        apis.add(work, "pubmed")
    return apis


def watch_run(repo: Path, apis: Apis, *args: str, env: dict[str, str] | None = None):
    """Run `vidensbank watch` against the servers; return the result and the JSON written."""
    out, data = repo / "digest.md", repo / "digest.json"
    with serve(apis) as urls:
        result = run("watch", "--since", SINCE, "--out", str(out), "--json", str(data), *args,
                     cwd=repo, env={**FAST, **urls, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result, out.read_text(encoding="utf-8"), json.loads(data.read_text(encoding="utf-8"))


def by_doi(works: list[dict]) -> dict[str, dict]:
    return {w["doi"] or w["title"]: w for w in works}


@pytest.fixture(scope="module")
def a_week(tmp_path_factory: pytest.TempPathFactory) -> tuple[Apis, str, list[dict]]:
    """One ordinary run over a week's works (the run is the same for the tests that read it)."""
    apis = week()
    _, digest, works = watch_run(make_repo(tmp_path_factory.mktemp("week") / "repo"), apis)
    return apis, digest, works


def test_new_works_are_merged_ranked_and_known_or_dismissed_works_left_out(a_week) -> None:
    _, digest, works = a_week

    assert [w["doi"] for w in works] == ["10.5555/watch.a", "10.5555/watch.b", None,
                                         "10.5555/watch.k"]
    first, second, without_doi, last = works
    # The same DOI from three sources (one of them in capitals) is one work, found by all three.
    assert first["found_by"] == ["openalex", "crossref", "pubmed"]
    assert first["searches"] == ["kor"] and first["year"] == 2026
    assert first["title"] == A.title and first["authors"] == list(A.authors)
    assert first["ref_add"] == "vidensbank ref add --doi 10.5555/watch.a"
    # Found by two saved searches, or by two sources without a DOI: ranked after, newest first.
    assert second["searches"] == ["kor", "laesning"] and second["found_by"] == ["openalex"]
    assert without_doi["title"] == C.title and without_doi["found_by"] == ["openalex", "pubmed"]
    assert last["found_by"] == ["crossref"]
    # Known (by DOI or title), dismissed (by DOI or title), German and an editorial: left out.
    for left_out in (KNOWN_DOI, KNOWN_TITLE, DISMISSED_DOI, DISMISSED_TITLE, GERMAN, EDITORIAL):
        assert left_out.title not in digest

    assert "**4 nye værker**" in digest and "(2 kendte og 2 afviste er udeladt)" in digest
    assert f"## 1. {A.title}" in digest
    assert "- **Forfattere:** Mette Nielsen, Søren Ørsted" in digest
    assert "- **Tidsskrift:** Nordisk Tidsskrift for Kunst og Sundhed" in digest
    assert "- **DOI:** [10.5555/watch.a](https://doi.org/10.5555/watch.a)" in digest
    assert "- **Fundet af:** Sang og kor (`kor`: OpenAlex, Crossref, PubMed)" in digest
    assert "```sh\nvidensbank ref add --doi 10.5555/watch.a\n```" in digest
    assert "Ingen DOI" in digest.split("## 3.")[1].split("## 4.")[0]
    assert "fejlede" not in digest


def test_cursor_paging_and_polite_requests(a_week) -> None:
    apis, _, works = a_week
    assert {"10.5555/watch.b", "10.5555/watch.k"} <= set(by_doi(works))  # from the second pages

    choir = [r.params for r in apis.seen("openalex", "works") if r.params["search"] == "choir"]
    # Five matching works, two to a page: the client follows meta.next_cursor to the end.
    assert [p["cursor"] for p in choir][0] == "*" and len(choir) == 3
    assert all(p["cursor"] not in ("*", None) for p in choir[1:])
    crossref = [r.params for r in apis.seen("crossref", "works")]
    assert [p["cursor"] for p in crossref][0] == "*" and len(crossref) == 2

    for request in apis.requests:
        assert "mailto:koordinator@example.org" in request.user_agent
    for params in choir + crossref:
        assert params["mailto"] == "koordinator@example.org"
    assert choir[0]["filter"] == f"from_publication_date:{SINCE}"
    assert crossref[0]["filter"] == f"from-pub-date:{SINCE}"
    search = apis.seen("pubmed", "esearch.fcgi")[0].params
    assert search["mindate"] == "2026/11/20" and search["datetype"] == "pdat"
    assert search["email"] == "koordinator@example.org" and search["tool"] == "vidensbank"
    assert search["retmode"] == "json"


def test_the_page_cap_bounds_what_one_search_asks_for(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", SEARCHES.replace("max_pages: 3", "max_pages: 2"))
    apis = Apis()
    for number in range(7):
        apis.add(Work(f"Choir study number {number}", f"10.5555/cap.{number}"), "openalex")
    _, _, works = watch_run(repo, apis)
    assert len(apis.seen("openalex", "works")) == 2 + 1  # two pages of 'choir', one of 'reading'
    assert len(works) == 4


def test_passing_faults_are_retried_honouring_retry_after(repo: Path) -> None:
    apis = week()
    apis.faults["openalex"].append(("status", 429, {"Retry-After": "1"}))
    apis.faults["crossref"].append(("status", 429, {"Retry-After": "3600"}))  # capped at 1 s
    apis.faults["pubmed"].append(("status", 500))
    _, digest, works = watch_run(repo, apis)

    for source in ("openalex", "crossref"):
        first, second = apis.seen(source, "works")[:2]
        assert first.params == second.params
        assert second.at - first.at >= 0.9, f"{source} did not wait for Retry-After"
    assert len(apis.seen("pubmed", "esearch.fcgi")) == 3  # the failed one, then each search
    assert by_doi(works)["10.5555/watch.a"]["found_by"] == ["openalex", "crossref", "pubmed"]
    assert "fejlede" not in digest


def test_a_source_that_times_out_is_named_and_the_others_still_count(repo: Path) -> None:
    apis = week()
    apis.always["pubmed"] = ("sleep", 2)
    result, digest, works = watch_run(repo, apis, env={"VIDENSBANK_WATCH_TIMEOUT": "0.8"})

    assert "> **PubMed fejlede** for alle søgninger: svarede ikke inden for 0.8 s" in digest
    assert "Værker, kun PubMed ville have fundet, mangler" in digest
    assert "Fejlede: PubMed" in result.stderr
    assert by_doi(works)["10.5555/watch.a"]["found_by"] == ["openalex", "crossref"]
    # After three attempts in a row PubMed is left alone; the second search does not wait again.
    assert len(apis.seen("pubmed")) == 3


def test_malformed_json_fails_that_source_only(repo: Path) -> None:
    apis = week()
    apis.always["crossref"] = ("body", b"<html><body>Service Unavailable</body></html>")
    _, digest, works = watch_run(repo, apis)
    assert "> **Crossref fejlede** for alle søgninger: svarede med ugyldig JSON" in digest
    assert "10.5555/watch.k" not in by_doi(works)
    assert by_doi(works)["10.5555/watch.a"]["found_by"] == ["openalex", "pubmed"]


def test_offline_exits_3_and_writes_nothing(repo: Path) -> None:
    closed = doiserver.closed_port().rstrip("/")
    env = {**FAST, **{f"VIDENSBANK_{s}_URL": closed for s in ("OPENALEX", "CROSSREF", "PUBMED")}}
    out, data = repo / "digest.md", repo / "digest.json"
    result = run("watch", "--out", str(out), "--json", str(data), cwd=repo, env=env)
    assert result.returncode == 3
    assert "ingen af kilderne svarede" in result.stderr
    assert "Er du på internettet? Intet er skrevet." in result.stderr
    assert "OpenAlex: ingen forbindelse" in result.stderr
    assert not out.exists() and not data.exists() and result.stdout == ""


def test_every_source_failing_ends_quickly_and_exits_3(repo: Path) -> None:
    apis = week()
    apis.always = {source: ("status", 503) for source in ("openalex", "crossref", "pubmed")}
    started = time.monotonic()
    with serve(apis) as urls:
        result = run("watch", "--since", SINCE, cwd=repo, env={**FAST, **urls})
    assert result.returncode == 3 and "serverfejl (HTTP 503" in result.stderr
    # The breaker stops each source after three failures, however many searches are saved.
    for source in ("openalex", "crossref", "pubmed"):
        assert len(apis.seen(source)) == 3, source
    assert time.monotonic() - started < 30


def test_hanging_sources_are_bounded_by_the_time_budget(repo: Path) -> None:
    apis = week()
    apis.always = {source: ("sleep", 3) for source in ("openalex", "crossref", "pubmed")}
    started = time.monotonic()
    with serve(apis) as urls:
        result = run("watch", "--since", SINCE, cwd=repo,
                     env={**FAST, **urls, "VIDENSBANK_WATCH_BUDGET": "1.2"})
    assert result.returncode == 3, result.stderr
    assert "OpenAlex: svarede ikke, før tidsrammen på 1.2 s var brugt" in result.stderr
    # One budget per source for the whole run, shared by every search, with the sources asked
    # side by side: the run ends soon after the budget, not after searches × retries × timeouts.
    assert time.monotonic() - started < 8
    for source in ("openalex", "crossref", "pubmed"):
        assert len(apis.seen(source)) <= 2, source


def test_without_a_contact_address_it_says_so_once_and_runs(repo: Path) -> None:
    apis = week()
    with serve(apis) as urls:
        result = run("watch", cwd=repo, env={**FAST, **urls, "VIDENSBANK_CONTACT": ""})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Ingen kontaktadresse") == 1
    assert "mailto" not in json.dumps([r.params for r in apis.requests])
    assert {r.user_agent for r in apis.requests} == {"vidensbank/0.1.0"}
    # Without --since: works from the last eight days; without --out: the digest on stdout.
    eight_days = (date.today() - timedelta(days=8)).isoformat()
    assert apis.seen("openalex")[0].params["filter"] == f"from_publication_date:{eight_days}"
    assert result.stdout.startswith("# Litteraturovervågning")


def test_dismiss_appends_and_keeps_every_entry_and_comment(repo: Path) -> None:
    path = repo / "research" / "watch-seen.yaml"
    first = run("watch", "dismiss", "https://doi.org/10.5555/WATCH.NEW", "--why",
                "Handler om skolebørn: ikke voksne", cwd=repo)
    assert first.returncode == 0, first.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(SEEN), "an existing line changed"
    entries = yaml.safe_load(text)
    assert entries[:2] == yaml.safe_load(SEEN)
    assert entries[2] == {"doi": "10.5555/watch.new", "why": "Handler om skolebørn: ikke voksne",
                          "date": date.today()}

    again = run("watch", "dismiss", "10.5555/watch.new", "--why", "igen", cwd=repo)
    assert again.returncode == 0 and "allerede afvist" in again.stderr
    assert path.read_text(encoding="utf-8") == text

    titled = run("watch", "dismiss", "Kor på plejehjem", "--why", "Ikke fagfællebedømt",
                 cwd=repo)
    assert titled.returncode == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))[3]["title"] == "Kor på plejehjem"


def test_dismiss_into_an_empty_list_keeps_the_comment(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", seen="# Afviste værker\n[]\n")
    result = run("watch", "dismiss", "10.5555/watch.a", "--why", "Uden for emnet", cwd=repo)
    assert result.returncode == 0, result.stderr
    text = (repo / "research" / "watch-seen.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Afviste værker\n")
    assert yaml.safe_load(text) == [{"doi": "10.5555/watch.a", "why": "Uden for emnet",
                                     "date": date.today()}]
    assert "10.5555/watch.a" in watch.dismissed_works(Repo(repo))[0]


def test_a_mistake_in_the_saved_searches_names_the_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", SEARCHES.replace("    pubmed: choir", "    pubmd: choir"))
    result = run("watch", cwd=repo, env=FAST)
    assert result.returncode == 2
    assert "research/watch.yaml:11: ukendt felt 'pubmd' — mente du 'pubmed'?" in result.stderr


KEY_STUDIES = (
    "bungay2010", "jensen2019", "jensen2017", "crone2013", "crone2018", "bergman2021",
    "stickley2012participants", "bickerdike2017", "chatterjee2018", "husk2020", "camic2013",
    "thomson2018", "johnson2017", "billington2017", "dowrick2012", "clift2010", "clift2011",
    "clift2017", "daykin2018", "fancourt2019", "masi2011",
)


def test_the_coordinators_searches_load_and_would_keep_the_banks_key_studies() -> None:
    text = (ROOT / "research" / "watch.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Litteraturovervågning") and "koordinator" in text.split("\n\n")[0]
    config = watch.load_config(Repo(ROOT))
    assert 5 <= len(config.searches) <= 8
    for search in config.searches:
        assert search.description and len(search.queries) == 3, search.id
    assert watch.load_config(Repo(ROOT)).searches[0].languages >= {"en", "da", "no"}

    bib, _ = bibfile.parse(bibtex_text.decode(
        (ROOT / "research" / "references.bib").read_bytes(), "references.bib")[0], "")
    titles = {entry.key: entry.get("title") for entry in bib.entries}
    for key in KEY_STUDIES:
        # Crossref hits must name the topic in the title; the bank's own studies must pass.
        assert any(watch.title_matches(titles[key], s.crossref_title)
                   for s in config.searches), f"no saved search keeps {key}: {titles[key]}"
    seen = yaml.safe_load((ROOT / "research" / "watch-seen.yaml").read_text(encoding="utf-8"))
    assert seen == []
