"""OpenAlex, Crossref and PubMed E-utilities on 127.0.0.1, for `vidensbank watch`.

One HTTP server answers under /openalex, /crossref and /pubmed in each API's documented JSON form
(written from the documentation: OpenAlex's works list with meta.next_cursor, Crossref's work-list
message with next-cursor and total-results, E-utilities' esearchresult and esummary result). The
search itself is a crude stand-in: a work matches when a word of the query is a word of its title.
Faults are queued per source (an HTTP status with headers, a delay, a broken body) and used up by
the next requests, or set for every request with ``always``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SOURCES = ("openalex", "crossref", "pubmed")
_IGNORED = {"or", "and", "not", "tiab"}
_CROSSREF_TYPES = {"article": "journal-article", "review": "journal-article",
                   "editorial": "journal-article", "book": "book", "letter": "journal-article"}
_PUBMED_TYPES = {"article": ["Journal Article"], "review": ["Journal Article", "Review"],
                 "editorial": ["Editorial"], "letter": ["Letter"], "book": ["Book"]}
_PUBMED_LANGUAGES = {"en": "eng", "da": "dan", "de": "ger", "sv": "swe"}
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class Work:
    """A fictional work as the three APIs would describe it."""

    title: str
    doi: str = ""
    date: str = "2026-11-27"
    authors: tuple[str, ...] = ("Mette Nielsen", "Søren Ørsted")
    journal: str = "Nordisk Tidsskrift for Kunst og Sundhed"
    language: str = "en"
    kind: str = "article"  # OpenAlex's type name

    def matches(self, query: str, since: str) -> bool:
        words = set(re.findall(r"[a-z]+", query.lower())) - _IGNORED
        return self.date >= since and bool(words & set(re.findall(r"[a-z]+", self.title.lower())))


@dataclass
class Seen:
    source: str
    path: str
    params: dict[str, str]
    user_agent: str
    at: float


@dataclass
class Apis:
    """What each source holds, the faults it will show, and every request it received."""

    works: dict[str, list[Work]] = field(default_factory=lambda: {s: [] for s in SOURCES})
    faults: dict[str, list[tuple]] = field(default_factory=lambda: {s: [] for s in SOURCES})
    always: dict[str, tuple] = field(default_factory=dict)
    page_size: int = 2  # the servers' own cap on a page, so two pages need only a few works
    requests: list[Seen] = field(default_factory=list)

    def add(self, work: Work, *sources: str) -> None:
        for source in sources or SOURCES:
            self.works[source].append(work)

    def seen(self, source: str, path: str = "") -> list[Seen]:
        return [r for r in self.requests if r.source == source and r.path.endswith(path)]


class _Handler(BaseHTTPRequestHandler):
    apis: Apis

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        source, _, rest = url.path.strip("/").partition("/")
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        apis = self.apis
        apis.requests.append(Seen(source, rest, params, self.headers.get("User-Agent", ""),
                                  time.monotonic()))
        fault = apis.always.get(source) or (apis.faults[source].pop(0)
                                            if apis.faults.get(source) else None)
        if fault and fault[0] == "status":
            return self._send(fault[1], b'{"error": "fault"}', fault[2] if len(fault) > 2 else {})
        if fault and fault[0] == "body":
            return self._send(200, fault[1])
        if fault and fault[0] == "sleep":
            time.sleep(fault[1])
        answer = {"openalex": _openalex, "crossref": _crossref, "pubmed": _pubmed}.get(source)
        if answer is None:
            return self._send(404, b'{"error": "not found"}')
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(200, json.dumps(answer(apis, rest, params)).encode())  # or it gave up

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _page(works: list[Work], cursor: str, rows: int, size: int) -> tuple[list[Work], str | None]:
    start = 0 if cursor == "*" else int(base64.urlsafe_b64decode(cursor.encode()).decode())
    end = start + min(rows, size)
    more = base64.urlsafe_b64encode(str(end).encode()).decode()
    return works[start:end], more if end < len(works) else None


def _openalex(apis: Apis, path: str, params: dict[str, str]) -> dict:
    assert path == "works", path
    since = params["filter"].removeprefix("from_publication_date:")
    found = [w for w in apis.works["openalex"] if w.matches(params["search"], since)]
    page, cursor = _page(found, params["cursor"], int(params["per_page"]), apis.page_size)
    return {"meta": {"count": len(found), "db_response_time_ms": 21, "page": None,
                     "per_page": int(params["per_page"]), "next_cursor": cursor,
                     "groups_count": None},
            "results": [_openalex_work(w, n) for n, w in enumerate(page)], "group_by": []}


def _openalex_work(work: Work, number: int) -> dict:
    return {
        "id": f"https://openalex.org/W{4000000000 + number}",
        "doi": f"https://doi.org/{work.doi}" if work.doi else None,
        "title": work.title, "display_name": work.title,
        "publication_year": int(work.date[:4]), "publication_date": work.date,
        "language": work.language, "type": work.kind,
        "authorships": [{"author_position": "first" if i == 0 else "middle",
                         "author": {"id": f"https://openalex.org/A{i}", "display_name": name,
                                    "orcid": None},
                         "institutions": [], "raw_author_name": name}
                        for i, name in enumerate(work.authors)],
        "primary_location": {"is_oa": False, "landing_page_url": None, "pdf_url": None,
                             "source": {"id": "https://openalex.org/S1",
                                        "display_name": work.journal, "type": "journal"}},
    }


def _crossref(apis: Apis, path: str, params: dict[str, str]) -> dict:
    assert path == "works", path
    since = params["filter"].removeprefix("from-pub-date:")
    found = [w for w in apis.works["crossref"] if w.doi and w.matches(params["query"], since)]
    page, cursor = _page(found, params["cursor"], int(params["rows"]), apis.page_size)
    # Crossref always sends a next-cursor; the last page is the one that comes back empty.
    cursor = cursor or base64.urlsafe_b64encode(str(len(found)).encode()).decode()
    return {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
            "message": {"facets": {}, "next-cursor": cursor, "total-results": len(found),
                        "items": [_crossref_item(w) for w in page],
                        "items-per-page": int(params["rows"]),
                        "query": {"start-index": 0, "search-terms": params["query"]}}}


def _crossref_item(work: Work) -> dict:
    parts = [int(p) for p in work.date.split("-")]
    return {"DOI": work.doi, "title": [work.title], "container-title": [work.journal],
            "author": [{"given": " ".join(n.split()[:-1]), "family": n.split()[-1],
                        "sequence": "first" if i == 0 else "additional", "affiliation": []}
                       for i, n in enumerate(work.authors)],
            "published": {"date-parts": [parts]}, "issued": {"date-parts": [parts]},
            "type": _CROSSREF_TYPES.get(work.kind, work.kind), "language": work.language}


def _pubmed(apis: Apis, path: str, params: dict[str, str]) -> dict:
    works = apis.works["pubmed"]
    if path == "esearch.fcgi":
        assert params["datetype"] == "pdat" and params["maxdate"], params
        since = params["mindate"].replace("/", "-")
        ids = [str(40000000 + n) for n, w in enumerate(works) if w.matches(params["term"], since)]
        ids = ids[:int(params["retmax"])]
        return {"header": {"type": "esearch", "version": "0.3"},
                "esearchresult": {"count": str(len(ids)), "retmax": str(len(ids)),
                                  "retstart": "0", "idlist": ids, "translationset": [],
                                  "querytranslation": params["term"]}}
    assert path == "esummary.fcgi", path
    uids = params["id"].split(",")
    result: dict = {"uids": uids}
    for uid in uids:
        result[uid] = _pubmed_record(uid, works[int(uid) - 40000000])
    return {"header": {"type": "esummary", "version": "0.3"}, "result": result}


def _pubmed_record(uid: str, work: Work) -> dict:
    names = [f"{n.split()[-1]} {''.join(p[0] for p in n.split()[:-1])}" for n in work.authors]
    year, month, day = work.date.split("-")
    ids = [{"idtype": "pubmed", "idtypen": 1, "value": uid}]
    if work.doi:
        ids.append({"idtype": "doi", "idtypen": 3, "value": work.doi})
    return {"uid": uid, "pubdate": f"{year} {_MONTHS[int(month) - 1]} {int(day)}", "epubdate": "",
            "source": "Nord Tidsskr Kunst Sundhed",
            "authors": [{"name": n, "authtype": "Author", "clusterid": ""} for n in names],
            "lastauthor": names[-1] if names else "", "title": f"{work.title}.",
            "lang": [_PUBMED_LANGUAGES.get(work.language, work.language)],
            "pubtype": _PUBMED_TYPES.get(work.kind, ["Journal Article"]),
            "articleids": ids, "fulljournalname": work.journal,
            "sortpubdate": f"{year}/{month}/{day} 00:00",
            "sortfirstauthor": names[0] if names else ""}


@contextmanager
def serve(apis: Apis) -> Iterator[dict[str, str]]:
    """Yield the environment that points `vidensbank watch` at the three local APIs."""
    handler = type("Handler", (_Handler,), {"apis": apis})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {f"VIDENSBANK_{s.upper()}_URL": f"{base}/{s}" for s in SOURCES}
    finally:
        server.shutdown()
        server.server_close()
