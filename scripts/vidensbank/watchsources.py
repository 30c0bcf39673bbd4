"""The three literature sources of ``vidensbank watch``: OpenAlex, Crossref and PubMed E-utilities.

Each source gets its own :class:`Client`, which is polite and bounded: a contact address in the
parameters and the User-Agent, a pause between requests, a timeout, a few retries with back-off on
429 and 5xx (honouring Retry-After up to a cap), and two limits shared by every search of the run —
a time budget and a circuit breaker. After ``BREAKER`` failed attempts in a row the source is not
asked again this run, so a run with every source down ends within a minute, whatever the number of
saved searches.
"""

from __future__ import annotations

import html
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

from vidensbank import __version__
from vidensbank.bibtex_text import bare_doi

DEFAULT_URLS = {
    "openalex": "https://api.openalex.org",
    "crossref": "https://api.crossref.org",
    "pubmed": "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
}
LABELS = {"openalex": "OpenAlex", "crossref": "Crossref", "pubmed": "PubMed"}
PAGE_SIZE = 100  # OpenAlex's documented maximum per_page; Crossref and E-utilities allow more
ATTEMPTS = 3  # per request
BREAKER = 3  # failed attempts in a row before a source is left alone for the rest of the run
# NCBI allows 3 requests a second without an API key; the others ask for "reasonable" use.
PAUSE = {"openalex": 0.1, "crossref": 0.1, "pubmed": 0.34}


@dataclass(frozen=True)
class Settings:
    contact: str = ""
    timeout: float = 20.0
    backoff: float = 2.0  # the first retry waits this long, the next twice as long
    retry_after_cap: float = 30.0
    budget: float = 50.0  # seconds one source may take in all, retries and waits included
    max_pages: int = 3
    openalex_key: str = ""
    ncbi_key: str = ""


@dataclass(frozen=True)
class Hit:
    """One work as one source returned it for one saved search."""

    source: str
    search: str
    title: str
    doi: str = ""  # bare and lower-case
    authors: tuple[str, ...] = ()
    year: int | None = None
    date: str = ""  # ISO, as precise as the source knows it: 2026, 2026-11 or 2026-11-30
    journal: str = ""
    language: str = ""  # ISO 639-1 where the source says
    kind: str = ""  # article, review, book, chapter, report, dissertation, preprint or other


class SearchFailed(Exception):
    """A request the source did not answer usefully; the message says why, in Danish."""


class _Transient(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Client:
    """HTTP GET of JSON from one source, with the limits described in the module docstring."""

    def __init__(self, name: str, base: str, settings: Settings) -> None:
        self.name = name
        self.base = base.rstrip("/")
        self.settings = settings
        self.deadline = time.monotonic() + settings.budget
        self.failures_in_row = 0
        self.down: str | None = None
        self._last_request = 0.0
        agent = f"vidensbank/{__version__}"
        self.user_agent = f"{agent} (mailto:{settings.contact})" if settings.contact else agent

    def get_json(self, path: str, params: dict[str, str | int]) -> object:
        url = f"{self.base}/{path}?{urlencode(params)}"
        for attempt in range(1, ATTEMPTS + 1):
            if self.down:
                raise SearchFailed(self.down)
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.down = f"brugte hele tidsrammen på {self.settings.budget:g} s"
                raise SearchFailed(self.down)
            timeout = min(self.settings.timeout, remaining)
            late = f"svarede ikke inden for {timeout:g} s" if timeout == self.settings.timeout \
                else f"svarede ikke, før tidsrammen på {self.settings.budget:g} s var brugt"
            try:
                return self._once(url, timeout, late)
            except _Transient as exc:
                self._failed()
                wait = self._wait(exc, attempt)
                if attempt == ATTEMPTS or wait is None:
                    raise SearchFailed(f"{exc.reason} efter {attempt} forsøg") from None
                time.sleep(wait)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _once(self, url: str, timeout: float, late: str) -> object:
        self._pace()
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 429 or exc.code >= 500:
                why = "for mange forespørgsler" if exc.code == 429 else "serverfejl"
                raise _Transient(f"{why} (HTTP {exc.code})",
                                 _retry_after(exc.headers.get("Retry-After"))) from None
            raise SearchFailed(f"afviste forespørgslen (HTTP {exc.code})") from None
        except TimeoutError:
            raise _Transient(late) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Transient(late) from None
            raise _Transient(f"ingen forbindelse ({_short(exc.reason)})") from None
        except (OSError, ValueError, http.client.HTTPException) as exc:  # reset, broken HTTP
            raise _Transient(f"ingen forbindelse ({_short(exc)})") from None
        try:
            data = json.loads(body)
        except ValueError:
            self._failed()  # a broken proxy or an error page: not worth asking again
            raise SearchFailed("svarede med ugyldig JSON") from None
        self.failures_in_row = 0
        return data

    def _pace(self) -> None:
        pause = PAUSE.get(self.name, 0.1) - (time.monotonic() - self._last_request)
        if pause > 0:
            time.sleep(pause)
        self._last_request = time.monotonic()

    def _failed(self) -> None:
        self.failures_in_row += 1
        if self.failures_in_row >= BREAKER:
            self.down = f"ikke spurgt igen efter {BREAKER} fejl i træk"

    def _wait(self, exc: _Transient, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None if there is no time for one."""
        if self.down:
            return None
        wait = self.settings.backoff * 2 ** (attempt - 1)
        if exc.retry_after is not None:
            wait = min(exc.retry_after, self.settings.retry_after_cap)
        return wait if time.monotonic() + wait < self.deadline else None


def _short(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return text[:80]


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date (RFC 9110)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


# --- OpenAlex -------------------------------------------------------------------------------

_OPENALEX_FIELDS = ("id,doi,display_name,publication_date,publication_year,authorships,"
                    "primary_location,language,type")
_OPENALEX_KINDS = {"article": "article", "review": "review", "book": "book",
                   "book-chapter": "chapter", "report": "report", "dissertation": "dissertation",
                   "preprint": "preprint"}


def openalex(client: Client, search: str, query: str, since: date) -> list[Hit]:
    """``/works?search=…&filter=from_publication_date:…`` with cursor paging (meta.next_cursor)."""
    params: dict[str, str | int] = {
        "search": query, "filter": f"from_publication_date:{since.isoformat()}",
        "per_page": PAGE_SIZE, "select": _OPENALEX_FIELDS}
    settings = client.settings
    if settings.contact:
        params["mailto"] = settings.contact
    if settings.openalex_key:
        params["api_key"] = settings.openalex_key
    hits = []
    try:
        for page in _cursor_pages(client, "works", params, "cursor", _openalex_page):
            hits += [_openalex_hit(search, work) for work in page if isinstance(work, dict)]
    except SearchFailed as exc:
        if settings.openalex_key or not re.search(r"HTTP (401|403|429)", str(exc)):
            raise
        # Since 2026 OpenAlex gives little to requests without its (free) API key.
        raise SearchFailed(f"{exc} — sæt en gratis API-nøgle i VIDENSBANK_OPENALEX_API_KEY") \
            from None
    return [hit for hit in hits if hit.title]


def _openalex_page(data: object) -> tuple[list, str | None, int | None]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise SearchFailed("svarede i et ukendt format (ingen 'results')")
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    return data["results"], meta.get("next_cursor"), _int(meta.get("count"))


def _openalex_hit(search: str, work: dict) -> Hit:
    location = work.get("primary_location")
    source = location.get("source") if isinstance(location, dict) else None
    source = source if isinstance(source, dict) else {}
    authors = tuple(a["author"]["display_name"] for a in work.get("authorships") or []
                    if isinstance(a, dict) and isinstance(a.get("author"), dict)
                    and a["author"].get("display_name"))
    published = str(work.get("publication_date") or "")
    return Hit("openalex", search, clean_title(work.get("display_name") or work.get("title")),
               doi=normal_doi(work.get("doi")), authors=authors,
               year=_int(work.get("publication_year")) or _int(published[:4]), date=published,
               journal=str(source.get("display_name") or ""),
               language=str(work.get("language") or ""),
               kind=_OPENALEX_KINDS.get(str(work.get("type")), "other" if work.get("type") else ""))


# --- Crossref -------------------------------------------------------------------------------

_CROSSREF_FIELDS = "DOI,title,author,container-title,published,issued,type,language"
_CROSSREF_KINDS = {
    "journal-article": "article", "proceedings-article": "article", "book": "book",
    "monograph": "book", "edited-book": "book", "reference-book": "book", "book-chapter": "chapter",
    "book-part": "chapter", "book-section": "chapter", "report": "report",
    "report-component": "report", "dissertation": "dissertation", "posted-content": "preprint",
}


def crossref(client: Client, search: str, query: str, since: date) -> list[Hit]:
    """``/works?query=…&filter=from-pub-date:…`` with cursor paging (message.next-cursor)."""
    params: dict[str, str | int] = {
        "query": query, "filter": f"from-pub-date:{since.isoformat()}", "rows": PAGE_SIZE,
        "select": _CROSSREF_FIELDS}
    if client.settings.contact:
        params["mailto"] = client.settings.contact
    hits = []
    for page in _cursor_pages(client, "works", params, "cursor", _crossref_page):
        hits += [_crossref_hit(search, item) for item in page if isinstance(item, dict)]
    return [hit for hit in hits if hit.title]


def _crossref_page(data: object) -> tuple[list, str | None, int | None]:
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("items"), list):
        raise SearchFailed("svarede i et ukendt format (ingen 'message.items')")
    return message["items"], message.get("next-cursor"), _int(message.get("total-results"))


def _crossref_hit(search: str, item: dict) -> Hit:
    parts = _date_parts(item.get("published")) or _date_parts(item.get("issued"))
    authors = tuple(
        " ".join(p for p in (a.get("given"), a.get("family")) if p) or str(a.get("name") or "")
        for a in item.get("author") or [] if isinstance(a, dict))
    kind = str(item.get("type") or "")
    return Hit("crossref", search, clean_title(_first(item.get("title"))),
               doi=normal_doi(item.get("DOI")), authors=tuple(a for a in authors if a),
               year=parts[0] if parts else None,
               date="-".join(f"{p:02d}" for p in parts),
               journal=clean_title(_first(item.get("container-title"))),
               language=str(item.get("language") or "")[:2].lower(),
               kind=_CROSSREF_KINDS.get(kind, "other" if kind else ""))


def _date_parts(value: object) -> list[int]:
    """Crossref's {"date-parts": [[2026, 11, 30]]}; the year may be null, the rest missing."""
    try:
        parts = value["date-parts"][0]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return []
    numbers = []
    for part in parts or []:
        if not isinstance(part, int):
            break
        numbers.append(part)
    return numbers


# --- PubMed (E-utilities) -------------------------------------------------------------------

_LANGUAGES = {"eng": "en", "dan": "da", "swe": "sv", "nor": "no", "nob": "nb", "nno": "nn",
              "ger": "de", "fre": "fr", "spa": "es", "ita": "it", "dut": "nl", "fin": "fi"}
_REVIEW = {"review", "systematic review", "meta-analysis", "scoping review"}
_NOT_RESEARCH = {"editorial", "letter", "comment", "news", "published erratum", "retraction notice"}


def pubmed(client: Client, search: str, query: str, since: date) -> list[Hit]:
    """``esearch.fcgi`` for the PubMed ids published since the date, then ``esummary.fcgi``."""
    settings = client.settings
    common: dict[str, str | int] = {"db": "pubmed", "retmode": "json", "tool": "vidensbank"}
    if settings.contact:
        common["email"] = settings.contact
    if settings.ncbi_key:
        common["api_key"] = settings.ncbi_key
    found = client.get_json("esearch.fcgi", {
        **common, "term": query, "datetype": "pdat", "mindate": since.strftime("%Y/%m/%d"),
        # E-utilities want maxdate with mindate; next year lets print dates ahead of today in.
        "maxdate": str(date.today().year + 1), "usehistory": "n",
        "retmax": PAGE_SIZE * settings.max_pages})
    result = found.get("esearchresult") if isinstance(found, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("idlist"), list):
        raise SearchFailed("svarede i et ukendt format (ingen 'esearchresult.idlist')")
    if result.get("ERROR"):
        raise SearchFailed(f"afviste søgningen ({str(result['ERROR'])[:80]})")
    ids = [str(i) for i in result["idlist"]]
    hits = []
    for start in range(0, len(ids), PAGE_SIZE):
        chunk = ids[start:start + PAGE_SIZE]
        summary = client.get_json("esummary.fcgi", {**common, "id": ",".join(chunk)})
        records = summary.get("result") if isinstance(summary, dict) else None
        if not isinstance(records, dict):
            raise SearchFailed("svarede i et ukendt format (ingen 'result')")
        hits += [_pubmed_hit(search, records[uid]) for uid in records.get("uids", chunk)
                 if isinstance(records.get(uid), dict) and not records[uid].get("error")]
    return [hit for hit in hits if hit.title]


def _pubmed_hit(search: str, record: dict) -> Hit:
    doi = next((a.get("value") for a in record.get("articleids") or []
                if isinstance(a, dict) and a.get("idtype") == "doi"), "")
    sort_date = re.match(r"(\d{4})/(\d{2})/(\d{2})", str(record.get("sortpubdate") or ""))
    published = "-".join(sort_date.groups()) if sort_date else ""
    languages = [_LANGUAGES.get(str(code), str(code)) for code in record.get("lang") or []]
    return Hit("pubmed", search, _pubmed_title(record.get("title")), doi=normal_doi(doi),
               authors=tuple(a["name"] for a in record.get("authors") or []
                             if isinstance(a, dict) and a.get("name")),
               year=_int(published[:4]) or _int(str(record.get("pubdate") or "")[:4]),
               date=published,
               journal=str(record.get("fulljournalname") or record.get("source") or ""),
               language=languages[0] if languages else "",
               kind=_pubmed_kind({str(t).lower() for t in record.get("pubtype") or []}))


def _pubmed_title(value: object) -> str:
    """PubMed ends every title with a full stop and puts translated titles in [brackets]."""
    title = clean_title(value).removesuffix(".")
    return title[1:-1] if title.startswith("[") and title.endswith("]") else title


def _pubmed_kind(types: set[str]) -> str:
    if types & _REVIEW:
        return "review"
    if "preprint" in types:
        return "preprint"
    if types & _NOT_RESEARCH:
        return "other"
    return "article" if types else ""


# --- Shared ---------------------------------------------------------------------------------

SOURCES: dict[str, Callable[[Client, str, str, date], list[Hit]]] = {
    "openalex": openalex, "crossref": crossref, "pubmed": pubmed}


def _cursor_pages(client: Client, path: str, params: dict[str, str | int], name: str,
                  read: Callable[[object], tuple[list, str | None, int | None]]) -> Iterator[list]:
    """Pages until the cursor runs out, a page is empty, the total is reached or the cap hit."""
    cursor, seen = "*", 0
    for _ in range(client.settings.max_pages):
        items, cursor_next, total = read(client.get_json(path, {**params, name: cursor}))
        if not items:
            return
        yield items
        seen += len(items)
        if not cursor_next or cursor_next == cursor or (total is not None and seen >= total):
            return
        cursor = str(cursor_next)


def normal_doi(value: object) -> str:
    """'https://doi.org/10.1177/ABC' -> '10.1177/abc'; '' for anything that is not a DOI."""
    bare = bare_doi(str(value or ""))
    return bare.lower() if bare.startswith("10.") and "/" in bare else ""


def clean_title(value: object) -> str:
    """A title as text: no markup (Crossref's <i>…</i>), entities read, one line."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(value or "")))
    return " ".join(text.split())


def _first(value: object) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
