"""What of a bibliography may be stored and published.

Reference managers export more than the work: where the PDF lies on the contributor's disk (a home
folder carries a person's name), who owns the record and when it was read, and the publisher's
abstract, which is someone else's copyrighted text. Three rules, each with one home here:

- ``ref add`` never stores fields that describe the importer's own machine or library
  (``LIBRARY_FIELDS``) or any field whose value is a local path.
- Everything the site publishes as BibTeX keeps only ``PUBLIC_FIELDS``: an allow-list, so a field
  nobody thought of stays private by default.
- ``vidensbank check`` errors on a local path anywhere in the bibliography and warns on a link to
  a site that re-hosts other people's documents (``research/copy-hosts.yaml``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from vidensbank import bibtex_text, memo
from vidensbank.bibfile import BibEntry, canonical_fields, format_entry
from vidensbank.problems import Problem, Severity

# Fields that describe the importer's machine or library, not the work (Zotero, JabRef, Mendeley,
# BibDesk, BibSonomy, Citavi). Names ending in '-' are prefixes.
LIBRARY_FIELDS = (
    "file", "pdf", "local-url", "owner", "timestamp", "date-added", "date-modified", "added-at",
    "groups", "ranking", "readstatus", "printed", "priority", "relevance", "qualityassured",
    "biburl", "interhash", "intrahash", "mendeley-", "bdsk-file-", "comment-", "citavi-",
)

# The bibliographic fields the site publishes; everything else (abstract, keywords, annote, file,
# urldate of a private copy …) stays in research/references.bib only. `note` is left out too: in
# our bibliography it holds the editors' verification notes ("checked against …", "not confirmed
# in …"), which a reader's reference manager should not import as part of the work.
PUBLIC_FIELDS = frozenset({
    "author", "editor", "translator", "title", "subtitle", "year", "date", "month", "journal",
    "journaltitle", "booktitle", "series", "volume", "number", "issue", "pages", "chapter",
    "edition", "publisher", "address", "location", "institution", "organization", "school",
    "type", "howpublished", "doi", "url", "isbn", "issn", "language",
})

# A path on someone's computer: /Users/…, /home/…, C:\…\ (Zotero writes C\:\\…), Mendeley's
# ':Users/…', file:/… — preceded by the start or a separator, so '/home/' inside a web address
# does not count, and a directory must follow the drive so LaTeX such as 'A:\emph' does not.
LOCAL_PATH = re.compile(
    r"(?:^|[\s{;:\"'(,])/(?:Users|home)/"
    r"|:(?:Users|home)/"
    r"|(?<![A-Za-z0-9])[A-Za-z]\\?:\\{1,2}[^\\\s{}]+\\"
    r"|(?<![A-Za-z0-9])file:/",
    re.IGNORECASE,
)

COPY_HOSTS_FILE = "copy-hosts.yaml"


def is_library_field(name: str) -> bool:
    lower = name.lower()
    return any(lower.startswith(f) if f.endswith("-") else lower == f for f in LIBRARY_FIELDS)


def has_local_path(value: str) -> bool:
    return LOCAL_PATH.search(value) is not None


def private_fields(fields: dict[str, str]) -> list[str]:
    """The names of fields ``ref add`` must not store, in the order they stand."""
    return [name for name, value in fields.items()
            if is_library_field(name) or has_local_path(value)]


def without_private(entry: BibEntry) -> tuple[BibEntry, list[str]]:
    """The entry without library fields and local paths, and the names of what was left out."""
    dropped = private_fields(entry.fields)
    kept = {name: value for name, value in entry.fields.items() if name not in dropped}
    return BibEntry(entry.key, entry.type, kept, entry.leading), dropped


def public_bibtex(raw: str) -> str:
    """One entry as the site publishes it: only public fields, in canonical form.

    ``raw`` is the entry's text as written in the bibliography; an entry that cannot be read
    (the check reports it) publishes nothing rather than something unfiltered. Remembered by
    the entry's text between builds: every build publishes every entry.
    """
    return memo.get("public-bibtex", memo.digest(raw), lambda: _public_bibtex(raw))


def _public_bibtex(raw: str) -> str:
    blocks, problems = bibtex_text.read([("", raw)])
    entries = [b for b in blocks if b.kind == "entry"]
    if problems or not entries:
        return ""
    block = entries[0]
    fields = {name: value for name, value in canonical_fields(block.fields).items()
              if name in PUBLIC_FIELDS and not has_local_path(value)}
    return format_entry(BibEntry(block.key, block.type, fields))


def local_path_problems(text: str, shown: str) -> list[Problem]:
    """An error on every line of a .bib file that holds a path on someone's computer."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if has_local_path(line):
            field = re.match(r"\s*([\w-]+)\s*=", line)
            what = f"feltet '{field.group(1)}'" if field else "linjen"
            problems.append(Problem(
                shown, number, f"{what} indeholder en sti på en computer (fx et navn i en "
                "hjemmemappe), som ville blive udgivet",
                "slet feltet — 'vidensbank ref add' udelader det selv"))
    return problems


def load_copy_hosts(research: Path) -> set[str]:
    path = research / COPY_HOSTS_FILE
    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(host).lower() for host in data.get("hosts", [])}


def copy_host(url: str, hosts: set[str]) -> str | None:
    """The listed copy site a URL points to, if any (subdomains included)."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return next((h for h in hosts if host == h or host.endswith("." + h)), None)


def copy_host_problems(text: str, shown: str, hosts: set[str]) -> list[Problem]:
    """A warning on every address in a .bib file that points to a copy site."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for url in re.findall(r"https?://[^\s}\"]+", line):
            host = copy_host(url, hosts)
            if host:
                problems.append(Problem(
                    shown, number, f"adressen peger på {host}, som genudgiver andres "
                    "dokumenter uden at være kilden",
                    "link til udgiverens eller forfatterens egen kopi (eller brug doi)",
                    severity=Severity.WARNING))
    return problems
