"""Fetch a work's BibTeX from the DOI resolver by content negotiation (what doi.org offers for
Crossref, DataCite and mEDRA DOIs alike)."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from urllib.parse import quote

from vidensbank import __version__
from vidensbank.bibtex_text import bare_doi

RESOLVER = "https://doi.org/"
# Tests and mirrors point this at another server; the request is the same.
RESOLVER_VARIABLE = "VIDENSBANK_DOI_RESOLVER"
TIMEOUT_SECONDS = 20


class DoiError(Exception):
    """A DOI that could not be fetched; the message says why and what to do, in Danish."""


def fetch(doi: str) -> bytes:
    """The resolver's BibTeX for ``doi`` (a bare DOI or a doi.org address)."""
    bare = bare_doi(doi)
    if not bare.startswith("10.") or "/" not in bare:
        raise DoiError(f"'{doi}' er ikke en DOI — en DOI ser sådan ud: 10.1177/1757913918772602")
    base = os.environ.get(RESOLVER_VARIABLE, RESOLVER)
    request = urllib.request.Request(
        base.rstrip("/") + "/" + quote(bare, safe="/:;()"),
        headers={"Accept": "application/x-bibtex; charset=utf-8",
                 "User-Agent": f"vidensbank/{__version__}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read()
            kind = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise DoiError(f"DOI'en {bare} findes ikke hos {base} — tjek at den er skrevet "
                           "rigtigt") from exc
        raise DoiError(f"{base} svarede {exc.code} for {bare} — prøv igen senere, eller "
                       "eksportér posten fra dit referenceprogram") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise DoiError(f"kunne ikke hente {bare} fra {base} — er du på internettet? Uden net "
                       "kan du eksportere posten som BibTeX og bruge 'vidensbank ref add "
                       "FIL'") from exc
    if "html" in kind or not data.lstrip().startswith(b"@"):
        raise DoiError(f"{base} sendte ikke BibTeX for {bare} — eksportér posten fra dit "
                       "referenceprogram i stedet")
    return data
