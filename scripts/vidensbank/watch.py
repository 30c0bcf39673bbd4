"""``vidensbank watch``: the coordinator's weekly literature watch.

The saved searches in research/watch.yaml are sent to OpenAlex, Crossref and PubMed (one thread per
source, see watchsources.py). The hits are merged by DOI and by normalised title, works already in
research/*.bib or dismissed in research/watch-seen.yaml are left out, and the rest are ranked by how
many saved searches and sources found them, then by how recent they are.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from vidensbank import bibfile, bibtex_text, yamlsource
from vidensbank.atomic import write_atomically
from vidensbank.repo import Repo
from vidensbank.slugs import slugify
from vidensbank.suggest import hint_for
from vidensbank.watchsources import (
    DEFAULT_URLS,
    LABELS,
    SOURCES,
    Client,
    Hit,
    SearchFailed,
    Settings,
    clean_title,
    normal_doi,
)

CONFIG = "watch.yaml"
SEEN = "watch-seen.yaml"
KINDS = ("article", "review", "book", "chapter", "report", "dissertation", "preprint", "other")
FILTER_KEYS = ("languages", "types", "crossref_title")
SEARCH_KEYS = ("id", "description", *SOURCES, *FILTER_KEYS)
TOP_KEYS = ("contact", "max_pages", "defaults", "searches")
# A title of one or two words ("Editorial", "Arts and health") may name many works.
MIN_TITLE_WORDS = 3
SEEN_HEADER = ("# Værker, koordinatoren har afvist i litteraturovervågningen. De kommer ikke med "
               "i\n# oversigten igen. Tilføj med: vidensbank watch dismiss DOI --why \"…\"\n")


class WatchError(Exception):
    """research/watch.yaml, watch-seen.yaml or a setting cannot be used; the text says why."""


@dataclass(frozen=True)
class SavedSearch:
    id: str
    description: str
    queries: dict[str, str]  # source name -> the query in that source's own syntax
    languages: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    crossref_title: tuple[tuple[str, ...], ...] = ()  # any group; every word of a group

    def keeps(self, hit: Hit) -> bool:
        """The filters: a hit the source says nothing about (no language, no type) is kept."""
        if self.languages and hit.language and hit.language not in self.languages:
            return False
        if self.kinds and hit.kind and hit.kind not in self.kinds:
            return False
        if hit.source == "crossref" and self.crossref_title:
            # Crossref ranks any of the words and cannot search a phrase: the title must match.
            return title_matches(hit.title, self.crossref_title)
        return True


@dataclass(frozen=True)
class Config:
    searches: list[SavedSearch]
    contact: str = ""
    max_pages: int = 3


@dataclass
class Candidate:
    """One work, merged from every hit that is the same work."""

    title: str
    doi: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    date: str = ""
    journal: str = ""
    pairs: set[tuple[str, str]] = field(default_factory=set)  # (search id, source)

    @property
    def found_by(self) -> list[str]:
        return [name for name in SOURCES if any(source == name for _, source in self.pairs)]

    @property
    def searches(self) -> list[str]:
        return sorted({search for search, _ in self.pairs})

    def add(self, hit: Hit) -> None:
        self.pairs.add((hit.search, hit.source))
        self.doi = self.doi or hit.doi
        self.authors = self.authors or hit.authors
        self.year = self.year or hit.year
        self.date = self.date or hit.date
        self.journal = self.journal or hit.journal


@dataclass
class SourceReport:
    name: str
    asked: int = 0
    answered: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (search id, reason)

    @property
    def label(self) -> str:
        return LABELS[self.name]


@dataclass
class Result:
    since: date
    searches: list[SavedSearch]
    candidates: list[Candidate]
    reports: list[SourceReport]
    known: int = 0  # left out: already in the bibliography
    dismissed: int = 0  # left out: in watch-seen.yaml

    @property
    def offline(self) -> bool:
        """No source answered a single search: nothing in the digest could be trusted."""
        return not any(report.answered for report in self.reports)


def title_key(title: str) -> str:
    """Lower case, no accents or punctuation, one space between words."""
    return slugify(title.replace("{", "").replace("}", ""), separator=" ")


def title_matches(title: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every word of some group begins a word of the title ('galler' finds 'galleries')."""
    padded = f" {title_key(title)}"
    return any(all(f" {word}" in padded for word in group) for group in groups)


def run(repo: Repo, since: date, settings: Settings, config: Config) -> Result:
    known_dois, known_titles = known_works(repo)
    seen_dois, seen_titles = dismissed_works(repo)
    names = [name for name in SOURCES if any(name in s.queries for s in config.searches)]
    with ThreadPoolExecutor(max_workers=len(names) or 1) as pool:
        answers = list(pool.map(lambda name: _ask(name, config.searches, since, settings), names))
    hits = [hit for found, _ in answers for hit in found]
    result = Result(since, config.searches, [], [report for _, report in answers])
    for candidate in merge(hits):
        key = title_key(candidate.title)
        if candidate.doi in known_dois or key in known_titles:
            result.known += 1
        elif candidate.doi in seen_dois or key in seen_titles:
            result.dismissed += 1
        else:
            result.candidates.append(candidate)
    result.candidates.sort(key=_rank)
    return result


def _ask(name: str, searches: list[SavedSearch], since: date,
         settings: Settings) -> tuple[list[Hit], SourceReport]:
    base = os.environ.get(f"VIDENSBANK_{name.upper()}_URL") or DEFAULT_URLS[name]
    client = Client(name, base, settings)
    report, hits = SourceReport(name), []
    for search in searches:
        if name not in search.queries:
            continue
        report.asked += 1
        try:
            found = SOURCES[name](client, search.id, search.queries[name], since)
        except SearchFailed as exc:
            report.failures.append((search.id, str(exc)))
            continue
        report.answered += 1
        hits += [hit for hit in found if search.keeps(hit)]
    return hits, report


def merge(hits: list[Hit]) -> list[Candidate]:
    """One candidate per work: the same DOI, or the same title where the DOIs do not differ."""
    candidates: list[Candidate] = []
    by_doi: dict[str, Candidate] = {}
    by_title: dict[str, Candidate] = {}
    for hit in hits:
        key = title_key(hit.title)
        titled = key.count(" ") + 1 >= MIN_TITLE_WORDS
        candidate = by_doi.get(hit.doi) if hit.doi else None
        if candidate is None and titled and key in by_title:
            other = by_title[key]
            candidate = other if not (hit.doi and other.doi) else None
        if candidate is None:
            candidate = Candidate(hit.title)
            candidates.append(candidate)
        candidate.add(hit)
        if candidate.doi:
            by_doi.setdefault(candidate.doi, candidate)
        if titled:
            by_title.setdefault(key, candidate)
    return candidates


def _rank(candidate: Candidate) -> tuple:
    numbers = [int(part) for part in candidate.date.split("-") if part.isdigit()]
    when = (numbers or [candidate.year or 0]) + [0, 0]
    return (-len(candidate.pairs), -when[0], -when[1], -when[2], candidate.title.casefold())


def known_works(repo: Repo) -> tuple[set[str], set[str]]:
    """DOIs and title keys of every work in research/*.bib (what `vidensbank check` reads)."""
    dois, titles = set(), set()
    for path in sorted(repo.research.glob("*.bib")):
        text, _ = bibtex_text.decode(path.read_bytes(), repo.relative(path))
        bib, _ = bibfile.parse(text, repo.relative(path))  # `check` reports broken entries
        for entry in bib.entries:
            dois.add(normal_doi(entry.get("doi")))
            titles.add(title_key(entry.get("title")))
    return dois - {""}, {t for t in titles if t.count(" ") + 1 >= MIN_TITLE_WORDS}


def dismissed_works(repo: Repo) -> tuple[set[str], set[str]]:
    dois, titles = set(), set()
    for entry in _seen_entries(repo.research / SEEN):
        dois.add(normal_doi(entry.get("doi")))
        titles.add(title_key(clean_title(entry.get("title"))))
    return dois - {""}, titles - {""}


def _seen_entries(path: Path) -> list[dict]:
    if not path.exists():
        return []
    data = _load_yaml(path.read_text(encoding="utf-8"), f"research/{SEEN}").data
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise WatchError(f"research/{SEEN}: skal være en liste af værker ('- doi: …' med why "
                         "og date) — ret filen, eller brug 'vidensbank watch dismiss'")
    return data


def dismiss(repo: Repo, work: str, why: str, today: date) -> bool:
    """Add a dismissed work to research/watch-seen.yaml; False if it is there already.

    The entry is appended to the text, so comments and every existing entry and field stay as the
    coordinator wrote them; only if that would not read back as the same list plus the new entry
    (e.g. the file says '[]') is the list written out again under the file's comment header.
    """
    path = repo.research / SEEN
    text = path.read_text(encoding="utf-8") if path.exists() else SEEN_HEADER
    entries = _seen_entries(path)
    doi = normal_doi(work)
    key = {"doi": doi} if doi else {"title": " ".join(work.split())}
    dois, titles = dismissed_works(repo)
    if doi in dois or (not doi and title_key(work) in titles):
        return False
    entry = {**key, "why": " ".join(why.split()), "date": today}
    expected = [*entries, {**entry, "date": today.isoformat()}]  # the loader keeps dates as text
    new_text = text + ("" if text.endswith("\n") else "\n") + _dump([entry])
    if _reads_as(new_text) != expected:
        header = "".join(line for line in text.splitlines(keepends=True)
                         if line.startswith("#"))
        new_text = header + _dump([*entries, entry])
    write_atomically(path, new_text)
    return True


def _reads_as(text: str) -> object:
    try:
        return yamlsource.load(text).data
    except yamlsource.YamlError:
        return None


def _dump(entries: list[dict]) -> str:
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)


def load_config(repo: Repo) -> Config:
    shown = f"research/{CONFIG}"
    path = repo.research / CONFIG
    if not path.exists():
        raise WatchError(f"{shown} findes ikke — opret den med de gemte søgninger (se "
                         "CONTRIBUTING.md, afsnittet Litteraturovervågning)")
    located = _load_yaml(path.read_text(encoding="utf-8"), shown)
    data = located.data if isinstance(located.data, dict) else {}

    def where(*place: str | int) -> str:
        line = located.keys.get(place) or located.values.get(place) or (0, 0)
        return f"{shown}:{line[0] + 1}"

    _known_keys(data, TOP_KEYS, where, ())
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise WatchError(f"{where('defaults')}: defaults skal have languages og/eller types")
    _known_keys(defaults, FILTER_KEYS, where, ("defaults",))
    searches = data.get("searches")
    if not isinstance(searches, list) or not searches:
        raise WatchError(f"{where()}: mangler 'searches:' med mindst én gemt søgning")
    parsed = [_search(item, defaults, where, index) for index, item in enumerate(searches)]
    ids = [s.id for s in parsed]
    for index, search in enumerate(parsed):
        if ids.index(search.id) != index:
            raise WatchError(f"{where('searches', index, 'id')}: id '{search.id}' bruges to gange "
                             "— giv hver søgning sit eget id")
    pages = data.get("max_pages", 3)
    if not isinstance(pages, int) or isinstance(pages, bool) or not 1 <= pages <= 20:
        raise WatchError(f"{where('max_pages')}: max_pages skal være et tal fra 1 til 20")
    return Config(parsed, str(data.get("contact") or "").strip(), pages)


def _search(item: object, defaults: dict, where, index: int) -> SavedSearch:
    if not isinstance(item, dict):
        raise WatchError(f"{where('searches', index)}: hver søgning skal have id, description "
                         "og mindst én af openalex, crossref og pubmed")
    _known_keys(item, SEARCH_KEYS, where, ("searches", index))
    merged = {**defaults, **item}
    search_id = str(item.get("id") or "")
    if not search_id or search_id != slugify(search_id):
        raise WatchError(f"{where('searches', index)}: id skal være små bogstaver, tal og "
                         f"bindestreger, fx '{slugify(search_id) or 'kultur-paa-recept'}'")
    queries = {name: " ".join(str(item[name]).split()) for name in SOURCES if item.get(name)}
    if not item.get("description") or not queries:
        raise WatchError(f"{where('searches', index)}: søgningen '{search_id}' skal have "
                         "description og mindst én af openalex, crossref og pubmed")
    lists = {}
    for name in FILTER_KEYS:
        value = merged.get(name) or []
        if not isinstance(value, list):
            raise WatchError(f"{where('searches', index)}: {name} skal være en liste, fx [en, da]")
        lists[name] = [str(v) for v in value]
    kinds = frozenset(lists["types"])
    if kinds - set(KINDS):
        raise WatchError(f"{where('searches', index)}: ukendt type "
                         f"'{sorted(kinds - set(KINDS))[0]}' — brug {', '.join(KINDS)}")
    groups = tuple(tuple(title_key(w) for w in term.split("+") if title_key(w))
                   for term in lists["crossref_title"])
    return SavedSearch(search_id, str(item["description"]).strip(), queries,
                       frozenset(code.lower() for code in lists["languages"]),
                       kinds, tuple(g for g in groups if g))


def _known_keys(data: dict, allowed: tuple[str, ...], where, place: tuple) -> None:
    for key in data:
        if key not in allowed:
            hint = hint_for(str(key), allowed, f"tilladte felter: {', '.join(allowed)}")
            raise WatchError(f"{where(*place, key)}: ukendt felt '{key}' — {hint}")


def _load_yaml(text: str, shown: str) -> yamlsource.Located:
    try:
        return yamlsource.load(text)
    except yamlsource.YamlError as exc:
        raise WatchError(f"{shown}:{exc.line + 1}: {exc.message} — {exc.hint}") from None


def settings(config: Config) -> Settings:
    """The run's settings: the contact address and limits, from the environment where given."""
    values = {}
    for name, variable in (("timeout", "VIDENSBANK_WATCH_TIMEOUT"),
                           ("backoff", "VIDENSBANK_WATCH_BACKOFF"),
                           ("retry_after_cap", "VIDENSBANK_WATCH_RETRY_CAP"),
                           ("budget", "VIDENSBANK_WATCH_BUDGET")):
        raw = os.environ.get(variable, "").strip()
        try:
            values[name] = float(raw) if raw else getattr(Settings, name)
        except ValueError:
            values[name] = -1.0
        if values[name] < 0 or (values[name] == 0 and name != "backoff"):
            raise WatchError(f"{variable}='{raw}' er ikke et positivt antal sekunder")
    return Settings(
        contact=os.environ.get("VIDENSBANK_CONTACT", "").strip() or config.contact,
        max_pages=config.max_pages,
        openalex_key=os.environ.get("VIDENSBANK_OPENALEX_API_KEY", "").strip(),
        ncbi_key=os.environ.get("VIDENSBANK_NCBI_API_KEY", "").strip(), **values)


def write_file(path: Path, text: str) -> None:
    """Write an output file in one step, creating its folder (the digest is read right after)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)
