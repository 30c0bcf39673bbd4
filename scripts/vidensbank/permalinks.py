"""URLs that never break: every published address keeps a page or a redirect.

``research/published-urls.txt`` records every page URL the site has published (one per line,
added to by ``vidensbank urls update``, never shortened). ``research/redirects.yaml`` maps an old
address to where the page went. The check fails when a recorded URL has neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from vidensbank import yamlsource
from vidensbank.atomic import write_atomically
from vidensbank.problems import Problem, Severity
from vidensbank.repo import Repo
from vidensbank.urls import relative_url

PUBLISHED = "published-urls.txt"
REDIRECTS = "redirects.yaml"
HEADER = (
    "# Every page URL the site has published, relative to the site address. Kept by\n"
    "# 'vidensbank urls update' (make urls); never remove a line: move or delete a page only\n"
    "# with a redirect in research/redirects.yaml.\n"
)


@dataclass
class Permalinks:
    published: dict[str, int] = field(default_factory=dict)  # url -> line in the file
    redirects: dict[str, str] = field(default_factory=dict)  # old url -> new url
    redirect_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _normal(url: str) -> str:
    url = url.strip().strip("/")
    return f"{url}/" if url else ""


def load(repo: Repo) -> Permalinks:
    links = Permalinks()
    path = repo.research / PUBLISHED
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                links.published.setdefault(_normal(line), number)
    path = repo.research / REDIRECTS
    if path.is_file():
        shown = repo.relative(path)
        try:
            located = yamlsource.load(path.read_text(encoding="utf-8"))
        except yamlsource.YamlError as exc:
            links.problems.append(Problem(shown, exc.line + 1, exc.message, exc.hint))
            return links
        for old, new in (located.data or {}).items():
            line = located.keys.get((old,), (0, 0))[0] + 1
            links.redirects[_normal(str(old))] = _normal(str(new))
            links.redirect_lines[_normal(str(old))] = line
    return links


def check(repo: Repo, links: Permalinks, current: set[str]) -> list[Problem]:
    problems = list(links.problems)
    published = repo.relative(repo.research / PUBLISHED)
    redirects = repo.relative(repo.research / REDIRECTS)
    for url, line in links.published.items():
        if url not in current and url not in links.redirects:
            problems.append(Problem(
                published, line, f"adressen /{url} er udgivet, men har hverken en side eller en "
                "viderestilling", f"tilføj '{url}: ny/adresse/' i research/{REDIRECTS}, så "
                "delte links stadig virker",
            ))
    for old, new in links.redirects.items():
        if new not in current:
            problems.append(Problem(
                redirects, links.redirect_lines[old], f"viderestillingen fra /{old} peger på "
                f"/{new}, som ikke findes", "ret målet til en side, der findes",
            ))
        elif old in current:
            problems.append(Problem(
                redirects, links.redirect_lines[old], f"/{old} er både en side og en "
                "viderestilling", "slet viderestillingen eller siden",
            ))
    unrecorded = sorted(current - set(links.published))
    if unrecorded:
        problems.append(Problem(
            published, 1,
            f"{len(unrecorded)} nye adresser er ikke registreret (fx /{unrecorded[0]})",
            "kør 'make urls' (vidensbank urls update) og commit filen", severity=Severity.WARNING,
        ))
    return problems


def update(repo: Repo, links: Permalinks, current: set[str]) -> int:
    """Add every current URL to the record (never remove one); return how many were added."""
    known = set(links.published)
    added = sorted(current - known)
    if not added:
        return 0
    lines = sorted(known | current, key=lambda url: (url.count("/"), url))
    text = HEADER + "".join(f"{url or '/'}\n" for url in lines)
    write_atomically(repo.research / PUBLISHED, text)
    return len(added)


def redirect_pages(links: Permalinks, site_url: str) -> dict[str, str]:
    """A small HTML page at each old address that sends the visitor (and search engines) on."""
    pages = {}
    for old, new in links.redirects.items():
        target = relative_url(old, new)
        absolute = escape(site_url + new, quote=True)
        pages[f"{old}index.html"] = (
            '<!doctype html><html lang="da"><head><meta charset="utf-8">'
            f"<title>Siden er flyttet</title><link rel=\"canonical\" href=\"{absolute}\">"
            f'<meta http-equiv="refresh" content="0; url={escape(target, quote=True)}">'
            '<meta name="robots" content="noindex"></head><body>'
            f'<p>Siden er flyttet til <a href="{escape(target, quote=True)}">{absolute}</a>.</p>'
            "</body></html>"
        )
    return pages
