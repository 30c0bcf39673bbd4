"""`vidensbank ref add` and `ref format` on messy exports from real reference managers.

The exports are in tests/fixtures/exports/ (fictional works, see its README). Each test works on a
throw-away copy of the repository and reads the result back with pybtex, independently of the code
that wrote it.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import latexcodec  # noqa: F401  (the 'ulatex' codec)
import pybtex.errors
import pytest
from pybtex.database import BibliographyData
from pybtex.database.input import bibtex

from tests.support import doiserver
from tests.support.sitebuild import ROOT, copy_repo
from tests.test_cli import COMMAND, run
from vidensbank import refadd
from vidensbank.repo import Repo

EXPORTS = ROOT / "tests" / "fixtures" / "exports"
BIB = Path("research") / "references.bib"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def read_bib(path: Path) -> BibliographyData:
    parser = bibtex.Parser(person_fields=())
    with pybtex.errors.capture() as errors:
        data = parser.parse_file(str(path))
    assert not errors, errors
    return data


def read_export(name: str, *macro_files: str) -> BibliographyData:
    """The export as plain BibTeX tools read it (Windows-1252 for the EndNote file)."""
    encoding = "cp1252" if name == "endnote.bib" else "utf-8"
    parser = bibtex.Parser(person_fields=())
    with pybtex.errors.capture():
        for macro_file in macro_files:
            parser.parse_string((EXPORTS / macro_file).read_text(encoding="utf-8"))
        # Mendeley writes an entry without a key; give it one so pybtex reads the whole file.
        text = (EXPORTS / name).read_text(encoding=encoding).replace("@misc{,", "@misc{nokey,")
        parser.parse_string(text)
    return parser.data


def plain(text: str) -> str:
    return " ".join(codecs.decode(text, "ulatex").replace("{", "").replace("}", "").split())


def comparable(name: str, value: str) -> str:
    """A value as the canonical form must keep it: the same text once LaTeX accents, braces and
    line breaks are read; a DOI without the resolver in front of it."""
    text = plain(value)
    if name == "doi":
        text = unquote(re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text,
                              flags=re.IGNORECASE))
    return text


EXPORT_SETS = [
    ("zotero.bib",), ("better-bibtex.bib",), ("mendeley.bib",), ("endnote.bib",),
    ("google-scholar.bib",), ("jabref.bib", "forkortelser.bib"), ("bibdesk-paperpile.bib",),
]
RENAMED = {"journaltitle": "journal"}
# What the exporters wrote about the contributor's own computer and library (Zotero's file path,
# JabRef's owner and timestamp, Mendeley's groups): never stored, see test_privacy.py.
PRIVATE = {"file", "owner", "timestamp", "mendeley-groups"}


@pytest.mark.parametrize("files", EXPORT_SETS, ids=[f[0] for f in EXPORT_SETS])
def test_each_export_is_added_without_losing_an_entry_or_a_field(repo: Path,
                                                                 files: tuple[str, ...]) -> None:
    before = read_bib(repo / BIB)
    result = run("-C", str(repo), "ref", "add", *(str(EXPORTS / f) for f in files), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr

    after = read_bib(repo / BIB)
    exported = read_export(files[0], *files[1:])
    added = [key for key in after.entries if key not in before.entries]
    assert len(added) == len(exported.entries), result.stdout
    assert all(after.entries[k].fields == before.entries[k].fields for k in before.entries)
    for entry in exported.entries.values():
        title = plain(entry.fields["title"])
        matches = [k for k in added if title == plain(after.entries[k].fields["title"])]
        assert len(matches) == 1, (title, added)
        written = after.entries[matches[0]].fields  # pybtex: names are case-insensitive
        for name, value in entry.fields.items():
            name = RENAMED.get(name.lower(), name.lower())
            if name in PRIVATE:
                assert name not in written, f"{matches[0]} kept the private field {name}"
                continue
            assert name in written, f"{matches[0]} lost {name}"
            assert comparable(name, written[name]) == comparable(name, value), \
                f"{matches[0]}: {name} changed"


def test_accents_macros_and_addresses_come_out_as_plain_text(repo: Path) -> None:
    names = ["zotero.bib", "better-bibtex.bib", "endnote.bib", "jabref.bib", "forkortelser.bib",
             "bibdesk-paperpile.bib"]
    result = run("ref", "add", *(str(EXPORTS / n) for n in names), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    entries = read_bib(repo / BIB).entries
    assert entries["nielsen_korsang_2023"].fields["author"] == \
        "Nielsen, Mette and Ørsted, Søren and Kierkegård, Ane"
    assert entries["nielsen_korsang_2023"].fields["title"].endswith("fra Østjylland")
    assert entries["hansen_museum_2021"].fields["address"] == "København"
    assert entries["lund2022"].fields["doi"] == "10.5555/VB.TEST.002"
    assert entries["lund2022"].fields["journal"] == "Tidsskrift for Forebyggelse"
    assert entries["lund2022"].fields["year"] == "2022"
    assert entries["Holm2019"].fields["journal"] == "Nordisk Tidsskrift for Kunst og Sundhed"
    assert entries["Krag2021"].fields["publisher"] == "Fiktivt Forlag"
    endnote = [e for e in entries.values() if e.fields.get("doi") == "10.5555/vb.test.004"]
    assert endnote and endnote[0].fields["title"] == "Læsegrupper på biblioteket: en evaluering"
    assert entries["region2022"].fields["author"] == "{Region Fiktiv}"
    assert entries["netvaerk2023"].type == "online"  # @www is biblatex's old name for @online
    assert "Windows-1252" in result.stdout
    assert "'RN12' → 'joergensen2018laesegrupper'" in result.stdout


def test_the_file_is_canonical_so_rerunning_changes_nothing(repo: Path) -> None:
    original = (repo / BIB).read_text(encoding="utf-8")
    assert original == (ROOT / BIB).read_text(encoding="utf-8")
    formatted = run("ref", "format", cwd=repo)
    assert formatted.returncode == 0
    assert (repo / BIB).read_text(encoding="utf-8") == original, "the bibliography is not canonical"

    first = run("ref", "add", str(EXPORTS / "zotero.bib"), cwd=repo)
    assert first.returncode == 0
    once = (repo / BIB).read_bytes()
    again = run("ref", "add", str(EXPORTS / "zotero.bib"), cwd=repo)
    assert again.returncode == 0
    assert (repo / BIB).read_bytes() == once
    assert "Ingen nye værker" in again.stdout and "findes allerede" in again.stdout


def test_the_diff_only_adds_the_new_entries(repo: Path) -> None:
    before = (repo / BIB).read_text(encoding="utf-8").splitlines()
    assert run("ref", "add", str(EXPORTS / "zotero.bib"), cwd=repo).returncode == 0
    after = (repo / BIB).read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:2] in ("- ", "+ ")]
    assert not [line for line in changes if line.startswith("- ")], "an existing line changed"
    added = "\n".join(line[2:] for line in changes)
    assert added.count("\n@") + added.startswith("@") == 2
    assert "nielsen_korsang_2023" in added and "hansen_museum_2021" in added


def test_works_already_in_the_bibliography_are_refused_by_name(repo: Path) -> None:
    before = read_bib(repo / BIB)
    result = run("ref", "add", str(EXPORTS / "dubletter.bib"), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "dubletter.bib:1 'Jensen_2018' findes allerede i litteraturlisten som 'jensen2018' " \
        "(samme DOI)" in out
    assert "'bungay_arts_2010' findes allerede i litteraturlisten som 'bungay2010' " \
        "(samme titel og år)" in out
    assert "dubletter.bib:32 'olsen2024' står allerede tidligere" in out
    assert "'fancourt2019' → 'fancourt2024sang' (nøglen bruges allerede af et andet værk)" in out
    after = read_bib(repo / BIB)
    assert set(after.entries) - set(before.entries) == {"olsen2024", "fancourt2024sang"}
    assert after.entries["fancourt2019"].fields == before.entries["fancourt2019"].fields


def test_a_broken_entry_stops_everything_and_names_its_line(repo: Path) -> None:
    original = (repo / BIB).read_bytes()
    result = run("ref", "add", str(EXPORTS / "oedelagt.bib"), cwd=repo)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{EXPORTS / 'oedelagt.bib'}:11: BibTeX-syntaksfejl")
               for line in lines), result.stdout
    assert any(line.startswith(f"{EXPORTS / 'oedelagt.bib'}:16: posten 'aldriglukket2022' "
                               "bliver aldrig lukket") for line in lines), result.stdout
    assert "Intet er skrevet" in result.stdout
    assert (repo / BIB).read_bytes() == original

    skipping = run("ref", "add", "--skip-invalid", str(EXPORTS / "oedelagt.bib"), cwd=repo)
    assert skipping.returncode == 0
    added = set(read_bib(repo / BIB).entries) - {k for k in read_bib(ROOT / BIB).entries}
    assert added == {"gyldig2020"}


def test_a_macro_defined_in_no_given_file_is_an_error(repo: Path) -> None:
    original = (repo / BIB).read_bytes()
    alone = run("ref", "add", str(EXPORTS / "jabref.bib"), cwd=repo)
    assert alone.returncode == 1
    assert "forkortelsen 'njach' er ikke defineret" in alone.stdout
    assert (repo / BIB).read_bytes() == original


def test_entries_missing_what_a_reference_needs_are_refused(repo: Path, tmp_path: Path) -> None:
    export = tmp_path / "mangler.bib"
    export.write_text("\n\n@article{uden2020,\n  author = {Uden, Ulla},\n"
                      "  title = {Uden tidsskrift},\n  year = {2020}\n}\n", encoding="utf-8")
    result = run("ref", "add", str(export), cwd=repo)
    assert result.returncode == 1
    assert f"{export}:3: posten 'uden2020' (article) mangler tidsskrift (journal)" in result.stdout


def test_pages_of_the_same_name_on_two_sites_are_two_works(repo: Path, tmp_path: Path) -> None:
    # Two organisations' pages both called "WHO-5", with no year: not one work twice. The same
    # page added again (same site) is still a duplicate.
    export = tmp_path / "sider.bib"
    export.write_text(
        "@misc{side_a,\n  title = {{WHO-5}},\n  url = {https://a.example.dk/who-5},\n"
        "  howpublished = {Forening A}\n}\n\n"
        "@misc{side_b,\n  title = {{WHO-5}},\n  url = {https://b.example.dk/redskaber/who-5},\n"
        "  howpublished = {Portal B}\n}\n\n"
        "@misc{side_a_igen,\n  title = {{WHO-5}},\n  url = {https://a.example.dk/andet},\n"
        "  howpublished = {Forening A}\n}\n", encoding="utf-8")
    result = run("ref", "add", str(export), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    entries = read_bib(repo / BIB).entries
    assert "side_a" in entries and "side_b" in entries
    assert "side_a_igen" not in entries
    skipped = [line for line in result.stdout.splitlines() if "'side_a_igen'" in line]
    assert skipped and "'side_a'" in skipped[0] and "samme titel og år" in skipped[0], skipped


def test_standard_input_is_read_with_a_dash(repo: Path) -> None:
    data = (EXPORTS / "google-scholar.bib").read_bytes()
    result = subprocess.run([str(COMMAND), "ref", "add", "-"], cwd=repo, input=data,
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"friis2017kultur" in result.stdout
    assert "hverken DOI eller URL" in result.stdout.decode()
    assert "friis2017kultur" in read_bib(repo / BIB).entries


def test_a_failed_write_leaves_the_bibliography_as_it_was(repo: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    original = (repo / BIB).read_bytes()

    def disk_full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        refadd.add(Repo(repo), [refadd.Source("zotero.bib",
                                              (EXPORTS / "zotero.bib").read_bytes())])
    assert (repo / BIB).read_bytes() == original
    assert [p.name for p in (repo / "research").iterdir() if p.name.startswith(".")] == []


def test_a_doi_is_fetched_by_content_negotiation(repo: Path) -> None:
    with doiserver.resolver() as (base, requests):
        env = {"VIDENSBANK_DOI_RESOLVER": base}
        result = run("ref", "add", "--doi", "https://doi.org/10.5555/vb.test.001", cwd=repo,
                     env=env)
        again = run("ref", "add", "--doi", "10.5555/vb.test.001", cwd=repo, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "application/x-bibtex" in requests[0]["accept"]
    assert requests[0]["path"] == "/10.5555/vb.test.001"
    entry = read_bib(repo / BIB).entries["nielsen2023korsang"]
    assert entry.fields["doi"] == "10.5555/vb.test.001"
    assert entry.fields["author"] == "Nielsen, Mette and Ørsted, Søren and Kierkegård, Ane"
    assert entry.fields["month"] == "March"
    assert "findes allerede i litteraturlisten som 'nielsen2023korsang' (samme DOI)" in \
        again.stdout


def test_an_unknown_doi_and_no_network_get_clear_messages(repo: Path) -> None:
    original = (repo / BIB).read_bytes()
    with doiserver.resolver() as (base, _):
        unknown = run("ref", "add", "--doi", "10.5555/findes.ikke", cwd=repo,
                      env={"VIDENSBANK_DOI_RESOLVER": base})
    offline = run("ref", "add", "--doi", "10.5555/vb.test.001", cwd=repo,
                  env={"VIDENSBANK_DOI_RESOLVER": doiserver.closed_port()})
    assert unknown.returncode == 1 and "10.5555/findes.ikke findes ikke" in unknown.stderr
    assert offline.returncode == 1 and "er du på internettet?" in offline.stderr
    assert "vidensbank ref add FIL" in offline.stderr
    assert (repo / BIB).read_bytes() == original


def test_check_warns_when_the_bibliography_was_edited_out_of_order(repo: Path) -> None:
    path = repo / BIB
    text = path.read_text(encoding="utf-8")
    first = text.index("@")
    second = text.index("\n\n@", first) + 2
    path.write_text(text[:first] + text[second:] + "\n" + text[first:second], encoding="utf-8")
    result = run("check", cwd=repo)
    assert result.returncode == 0
    assert any(line.startswith("research/references.bib:1:1: advarsel: filen står ikke i fast "
                               "form") for line in result.stdout.splitlines()), result.stdout
    assert run("ref", "format", cwd=repo).returncode == 0
    assert path.read_text(encoding="utf-8") == text
