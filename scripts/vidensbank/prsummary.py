"""``vidensbank pr-summary``: what a pull request adds or changes, as Markdown for the CI run's
summary page — cards, works in the bibliography, the check's result and where the preview is."""

from __future__ import annotations

import os
import subprocess
from pathlib import PurePosixPath

from vidensbank import bank, bibfile, check
from vidensbank.bibliography import MAIN_FILE
from vidensbank.problems import Severity
from vidensbank.repo import Repo

_STATUS = {"A": "ny", "M": "ændret", "D": "slettet", "R": "omdøbt", "C": "kopieret"}
_SHOWN_PROBLEMS = 30


class GitError(Exception):
    pass


def summary(repo: Repo, base: str) -> str:
    """The Markdown summary of everything between ``base`` and the working tree's HEAD."""
    loaded = bank.load(repo)
    lines = ["## Vidensbanken: det nye i dette pull request", ""]
    lines += _cards(repo, loaded, _changed_files(repo, base))
    lines += _works(repo, base)
    lines += _check(loaded)
    lines += _preview()
    return "\n".join(lines) + "\n"


def _git(repo: Repo, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo.root), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} fejlede")
    return result.stdout


def _changed_files(repo: Repo, base: str) -> list[tuple[str, str]]:
    output = _git(repo, "diff", "--name-status", "-M", f"{base}...HEAD")
    changes = []
    for line in output.splitlines():
        status, *paths = line.split("\t")
        changes.append((status[0], paths[-1]))
    return changes


def _cards(repo: Repo, loaded: bank.Bank, changes: list[tuple[str, str]]) -> list[str]:
    rows = []
    for status, path in changes:
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] != "docs" or not path.endswith(".md"):
            continue
        page = loaded.content.page(PurePosixPath(*parts[1:]).as_posix())
        title = page.title if page else PurePosixPath(path).stem
        note = " (kladde, udgives ikke)" if page and page.is_draft else ""
        rows.append(f"| {_STATUS.get(status, status)} | {_cell(title)}{note} | `{path}` |")
    if not rows:
        return ["### Sider", "", "Ingen sider er ændret.", ""]
    return ["### Sider", "", "| | Titel | Fil |", "|---|---|---|", *rows, ""]


def _works(repo: Repo, base: str) -> list[str]:
    path = f"research/{MAIN_FILE}"
    try:
        old_text = _git(repo, "show", f"{base}:{path}")
    except GitError:
        old_text = ""
    new_file = repo.research / MAIN_FILE
    new_text = new_file.read_text(encoding="utf-8") if new_file.exists() else ""
    old = bibfile.parse(old_text, path)[0].by_key()
    new = bibfile.parse(new_text, path)[0].by_key()
    added = [new[k] for k in new if k not in old]
    changed = [new[k] for k in new if k in old and new[k].fields != old[k].fields]
    removed = [old[k] for k in old if k not in new]
    lines = ["### Litteratur", ""]
    for label, entries in (("Nye værker", added), ("Ændrede værker", changed),
                           ("Fjernede værker", removed)):
        if entries:
            lines.append(f"**{label}:**")
            lines += [f"- `{e.key}`: {_cell(e.get('title'))} ({e.get('year') or 'u.å.'})"
                      for e in entries]
            lines.append("")
    if len(lines) == 2:
        lines += ["Litteraturlisten er ikke ændret.", ""]
    return lines


def _check(loaded: bank.Bank) -> list[str]:
    problems = check.run(loaded)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    verdict = ("✅ Ingen fejl: indholdet kan udgives." if not errors else
               f"❌ {len(errors)} fejl skal rettes, før indholdet kan udgives.")
    lines = ["### Kontrol", "", verdict, f"{len(warnings)} advarsler.", ""]
    shown = [*errors, *warnings][:_SHOWN_PROBLEMS]
    if shown:
        lines += ["```text", *(p.format() for p in shown), "```", ""]
    if len(errors) + len(warnings) > len(shown):
        lines += [f"… og {len(errors) + len(warnings) - len(shown)} mere: kør "
                  "`vidensbank check` for at se alle.", ""]
    return lines


def _preview() -> list[str]:
    server, repository, run = (os.environ.get(name) for name in
                               ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    where = (f"[denne kørsels side]({server}/{repository}/actions/runs/{run}#artifacts)"
             if server and repository and run else "kørslens side under 'Artifacts'")
    return ["### Forhåndsvisning", "",
            f"Når kørslen er færdig, kan siden hentes som `forhaandsvisning` fra {where}. Pak "
            "filen ud og åbn den med `python3 -m http.server -d forhaandsvisning`, eller se den "
            "med `make serve` i din egen kopi.", ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("{", "").replace("}", "")
