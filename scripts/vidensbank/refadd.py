"""``vidensbank ref add``: new works from reference-manager exports into research/references.bib.

All or nothing: unless the contributor asks to skip broken entries, one entry that cannot be read
means the bibliography is not touched. Works already in the bibliography are never added twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from vidensbank import bibfile, bibnormal, bibprivacy, bibtex_text
from vidensbank.atomic import write_atomically
from vidensbank.bibfile import BibEntry, BibFile
from vidensbank.bibliography import MAIN_FILE, field_problems, present_fields
from vidensbank.bibtex_text import Block, ReadProblem
from vidensbank.problems import Severity
from vidensbank.repo import Repo


@dataclass
class Source:
    """One input: a file's bytes, standard input, or a DOI resolver's answer."""

    name: str
    data: bytes
    generate_keys: bool = False  # a resolver's keys ('Jensen_2018') are not the contributor's


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # (old, new, why)
    duplicates: list[str] = field(default_factory=list)
    invalid: list[ReadProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)  # private field name -> entries
    written: bool = False

    def lines(self) -> list[str]:
        """The summary printed to the contributor, in Danish."""
        out = [f"{p.format()}" for p in self.invalid]
        if self.added:
            out.append(f"Tilføjet ({len(self.added)}): {', '.join(self.added)}")
        out += [f"Ny nøgle: '{old}' → '{new}' ({why})" if old else f"Ny nøgle: '{new}' ({why})"
                for old, new, why in self.renamed]
        out += [f"Sprunget over: {text}" for text in self.duplicates]
        out += [f"Advarsel: {text}" for text in self.warnings]
        out += [f"Udeladt: feltet '{name}' ({_entries(count)}) — det beskriver din egen computer "
                "eller dit referenceprogram, ikke værket, og må ikke udgives"
                for name, count in self.left_out.items()]
        if self.invalid and not self.written:
            out.append("Intet er skrevet: ret posterne ovenfor, eller kør igen med "
                       "--skip-invalid for at tilføje resten.")
        elif not self.added:
            out.append("Ingen nye værker: research/references.bib er ikke ændret.")
        return out


def _entries(count: int) -> str:
    return "1 post" if count == 1 else f"{count} poster"


def add(repo: Repo, sources: list[Source], skip_invalid: bool = False) -> Report:
    report = Report()
    target = repo.research / MAIN_FILE
    existing = _existing(repo, target, report)
    if existing is None:
        return report
    texts = []
    for source in sources:
        text, warning = bibtex_text.decode(source.data, source.name)
        texts.append((source.name, text))
        if warning:
            report.warnings.append(warning)
    blocks, problems = bibtex_text.read(texts)
    generated = {s.name for s in sources if s.generate_keys}
    new_entries = _accept(blocks, problems, existing, generated, report)
    if report.invalid and not skip_invalid:
        report.added.clear()
        return report
    if new_entries:
        existing.entries.extend(new_entries)
        write_atomically(target, bibfile.format_file(existing))
        report.written = True
    return report


def format_main(repo: Repo) -> Report:
    """``vidensbank ref format``: rewrite references.bib in canonical form, adding nothing."""
    report = Report()
    target = repo.research / MAIN_FILE
    existing = _existing(repo, target, report)
    if existing is not None:
        text = bibfile.format_file(existing)
        if text != target.read_text(encoding="utf-8"):
            write_atomically(target, text)
            report.written = True
    return report


def _existing(repo: Repo, target: Path, report: Report) -> BibFile | None:
    shown = repo.relative(target)
    if not target.exists():
        return BibFile()
    text, warning = bibtex_text.decode(target.read_bytes(), shown)
    bib, problems = bibfile.parse(text, shown)
    if warning or problems:
        report.invalid += problems or [ReadProblem(shown, 1, warning or "", "gem som UTF-8")]
        report.warnings.append(f"{shown} skal rettes, før der kan tilføjes nye værker")
        return None
    return bib


def _accept(blocks: list[Block], problems: list[ReadProblem], existing: BibFile,
            generated: set[str], report: Report) -> list[BibEntry]:
    report.invalid += [p for p in problems if not _inside(p, blocks)]
    known = _Known(existing.entries)
    accepted = []
    skipped_other = 0
    for block in blocks:
        if block.kind != "entry":
            skipped_other += block.kind in ("preamble", "comment")
            continue
        broken = [p for p in problems if p.path == block.path and _in_block(p, block)]
        if broken:
            report.invalid += broken
            continue
        entry, notes = bibnormal.normalise(BibEntry(block.key, block.type, block.fields))
        entry, private = bibprivacy.without_private(entry)
        for name in private:
            report.left_out[name] = report.left_out.get(name, 0) + 1
        where = f"{block.path}:{block.line}"
        missing = [p for p in field_problems(entry.type, present_fields(entry.fields))
                   if not p.formattable]
        if missing:
            report.invalid.append(ReadProblem(
                block.path, block.line,
                f"posten '{block.key or entry.get('title')[:40]}' ({entry.type}) "
                f"{missing[0].message}", missing[0].hint))
            continue
        same = known.same_work(entry)
        if same:
            place = "står allerede tidligere i det, du tilføjer," if same[0] in report.added \
                else "findes allerede i litteraturlisten"
            report.duplicates.append(f"{where} '{block.key}' {place} som '{same[0]}' ({same[1]})")
            continue
        entry.key = _key(entry, block, known, block.path in generated, report)
        report.warnings += [f"{where} '{entry.key}': {note}" for note in notes]
        report.warnings += _field_warnings(entry, where)
        known.add(entry)
        accepted.append(entry)
        report.added.append(entry.key)
    report.invalid.sort(key=lambda p: (p.path, p.line))
    if skipped_other:
        report.warnings.append(f"{skipped_other} @comment-/@preamble-blokke er ikke kopieret "
                               "(de er ikke værker)")
    return accepted


def _inside(problem: ReadProblem, blocks: list[Block]) -> bool:
    return any(_in_block(problem, block) for block in blocks)


def _in_block(problem: ReadProblem, block: Block) -> bool:
    last = block.line + block.text.count("\n")
    return problem.path == block.path and block.line <= problem.line <= last


def _key(entry: BibEntry, block: Block, known: _Known, generate: bool, report: Report) -> str:
    key = block.key
    if not generate and key and bibnormal.usable_key(key) and key.casefold() not in known.keys:
        return key
    new = bibnormal.make_key(entry, known.keys)
    if generate:
        why = "nøgle lavet ud fra forfatter, år og titel"
    elif not key:
        why = "posten havde ingen nøgle"
    elif not bibnormal.usable_key(key):
        why = "nøglen kan ikke bruges i [@nøgle] eller siger intet om værket"
    else:
        why = "nøglen bruges allerede af et andet værk"
    report.renamed.append((key, new, why))
    return new


def _field_warnings(entry: BibEntry, where: str) -> list[str]:
    """What the check will say about an entry APA can format, said now, while it is at hand."""
    warnings = []
    for problem in field_problems(entry.type, present_fields(entry.fields)):
        if not problem.formattable:
            continue  # _accept refused the entry
        text = f"{where} posten '{entry.key}' ({entry.type}) {problem.message} — {problem.hint}"
        if problem.severity is Severity.ERROR:
            text += "; 'vidensbank check' kræver det"
        warnings.append(text)
    return warnings


class _Known:
    """Works already in the bibliography or accepted earlier in this call, for duplicate checks."""

    def __init__(self, entries: list[BibEntry]) -> None:
        self.keys: set[str] = set()
        self._dois: dict[str, str] = {}
        self._titles: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: BibEntry) -> None:
        self.keys.add(entry.key.casefold())
        if entry.get("doi"):
            self._dois[entry.get("doi").casefold()] = entry.key
        title = (bibnormal.title_fingerprint(entry), entry.get("year"))
        self._titles.setdefault(title, []).append((entry.key, _host(entry)))

    def same_work(self, entry: BibEntry) -> tuple[str, str] | None:
        doi = entry.get("doi").casefold()
        if doi and doi in self._dois:
            return self._dois[doi], "samme DOI"
        title = (bibnormal.title_fingerprint(entry), entry.get("year"))
        host = _host(entry)
        for key, known_host in self._titles.get(title, []) if title[0] else []:
            # Two web pages called "WHO-5" on two publishers' sites are two works.
            if not (host and known_host and host != known_host):
                return key, "samme titel og år"
        return None


def _host(entry: BibEntry) -> str:
    """The web site an entry's address is on ('' without one)."""
    return urlsplit(entry.get("url")).hostname or "" if entry.get("url") else ""
