"""A DOI resolver on 127.0.0.1 that answers like doi.org: content negotiation, a redirect to the
registration agency, BibTeX for known DOIs and 404 for unknown ones. Answers come from files in
tests/fixtures/exports/doi-svar/ (the DOI with '/' written as '_')."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from tests.support.sitebuild import ROOT

ANSWERS = ROOT / "tests" / "fixtures" / "exports" / "doi-svar"


class _Resolver(BaseHTTPRequestHandler):
    requests: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).requests.append({"path": self.path, "accept": self.headers.get("Accept", "")})
        if self.path.startswith("/transform/"):
            return self._answer(unquote(self.path.removeprefix("/transform/")))
        if "application/x-bibtex" not in self.headers.get("Accept", ""):
            return self._send(406, "text/plain", b"only application/x-bibtex here")
        # doi.org redirects to the agency that registered the DOI; follow it like a client must.
        self.send_response(302)
        self.send_header("Location", "/transform" + self.path)
        self.end_headers()

    def _answer(self, doi: str) -> None:
        answer = ANSWERS / (doi.replace("/", "_") + ".bib")
        if not answer.is_file():
            return self._send(404, "text/html", b"<html><body>DOI Not Found</body></html>")
        return self._send(200, "application/x-bibtex; charset=utf-8", answer.read_bytes())

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def resolver() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """Yield the resolver's base URL and the list of requests it received."""
    _Resolver.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Resolver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", _Resolver.requests
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> str:
    """A base URL where nothing listens: what a machine without a network sees."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Resolver)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}/"

