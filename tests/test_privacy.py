"""What a contributor's reference manager knows about her own computer is never published.

A Zotero export names the PDF's place in her home folder; JabRef and Mendeley add who owns the
record and her library's groups; publishers' abstracts are someone else's text. `ref add` leaves
the first kind out and says so; the site publishes only public bibliographic fields; the check
stops a local path that got into the bibliography by hand, and warns on copy sites.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
from pybtex.database.input import bibtex

from tests.support.sitebuild import copy_repo, mkdocs_build
from tests.test_cli import run

HOME_PATH = "/Users/mette/Zotero/storage/ABCD1234/Nielsen - 2023.pdf"
WINDOWS_PATH = r"C\:\\Users\\mette\\Zotero\\storage\\EFGH5678\\Holm - 2021.pdf"
ABSTRACT = "Deltagerne i det fiktive korforløb rapporterede mindre stress efter ti uger"
ANNOTATION = "Min egen note: læs kapitel 3 igen før mødet"

EXPORT = f"""
@article{{nielsen_korsang_2023,
	title = {{Korsang for sygemeldte med stress: et {{Pilotstudie}} fra {{\\O}}stjylland}},
	journal = {{Nordisk Tidsskrift for Kultur og Sundhed}},
	author = {{Nielsen, Mette and {{\\O}}rsted, S{{\\o}}ren}},
	year = {{2023}},
	volume = {{3}},
	pages = {{12--20}},
	doi = {{10.5555/vb.test.001}},
	abstract = {{{ABSTRACT}.}},
	annote = {{{ANNOTATION}}},
	keywords = {{kultur p{{\\aa}} recept, stress}},
	file = {{Full Text PDF:{HOME_PATH}:application/pdf}},
	owner = {{mette}},
	timestamp = {{2024.03.01}},
}}

@book{{holm_bibliotek_2021,
	title = {{Biblioteket som fristed}},
	author = {{Holm, Ida}},
	publisher = {{Fiktivt Forlag}},
	year = {{2021}},
	url = {{https://example.org/fristed}},
	file = {{Full Text:{WINDOWS_PATH}:application/pdf}},
	owner = {{mette}},
	date-added = {{2024-03-02 10:11:12 +0100}},
}}
"""


def add_export(repo: Path, tmp_path: Path):
    export = tmp_path / "eksport.bib"
    export.write_text(EXPORT, encoding="utf-8")
    return run("ref", "add", str(export), cwd=repo)


def fields_of(bib: Path, key: str) -> dict[str, str]:
    parser = bibtex.Parser(person_fields=())
    with pybtex.errors.capture():
        data = parser.parse_file(str(bib))
    return {name.lower(): str(value) for name, value in data.entries[key].fields.items()}


def test_ref_add_leaves_out_what_describes_the_importers_computer(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    result = add_export(repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

    bib = repo / "research" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    assert "/Users/" not in text and "Users\\" not in text and "mette}" not in text
    article = fields_of(bib, "nielsen_korsang_2023")
    book = fields_of(bib, "holm_bibliotek_2021")
    for gone in ("file", "owner", "timestamp", "date-added"):
        assert gone not in article and gone not in book, gone
    # The bibliographic data stays, value for value; the abstract is kept (not published).
    assert article["volume"] == "3" and article["pages"] == "12--20"
    assert article["doi"] == "10.5555/vb.test.001"
    assert article["abstract"] == f"{ABSTRACT}."
    assert book["url"] == "https://example.org/fristed"
    # Each field left out is named once, with how many entries it was in.
    said = [line for line in result.stdout.splitlines() if line.startswith("Udeladt:")]
    assert sorted(said) == sorted([
        "Udeladt: feltet 'file' (2 poster) — det beskriver din egen computer eller dit "
        "referenceprogram, ikke værket, og må ikke udgives",
        "Udeladt: feltet 'owner' (2 poster) — det beskriver din egen computer eller dit "
        "referenceprogram, ikke værket, og må ikke udgives",
        "Udeladt: feltet 'timestamp' (1 post) — det beskriver din egen computer eller dit "
        "referenceprogram, ikke værket, og må ikke udgives",
        "Udeladt: feltet 'date-added' (1 post) — det beskriver din egen computer eller dit "
        "referenceprogram, ikke værket, og må ikke udgives",
    ])


def test_the_site_publishes_no_local_path_abstract_or_private_note(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo", only_test_cards=True)
    assert add_export(repo, tmp_path).returncode == 0
    # A path typed into the bibliography by hand would be an error; a private field is not.
    bib = repo / "research" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "  author ", "  keywords = {stress}, \n  mendeley-tags = {læst},\n  author ", 1),
        encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr

    published = {path: path.read_text(encoding="utf-8", errors="replace")
                 for path in site.rglob("*") if path.suffix in (".html", ".bib", ".xml", ".json")}
    whole_list = site / "litteratur" / "references.bib"
    assert "@article{nielsen_korsang_2023," in published[whole_list]  # so the scan means something
    assert re.search(r"doi\s*=\s*\{10\.5555/vb\.test\.001\}", published[whole_list])
    private_field = re.compile(
        r"\b(abstract|annote|keywords|mendeley-tags|file|owner|timestamp|date-added)\s*=\s*\{")
    for path, text in published.items():
        where = path.relative_to(site)
        for private in ("/Users/", "Users\\", ABSTRACT, ANNOTATION):
            assert private not in text, f"{where} publishes {private!r}"
        field = private_field.search(text)
        assert not field, f"{where} publishes the BibTeX field {field.group(1)!r}"


def test_check_stops_a_local_path_typed_into_the_bibliography(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    bib = repo / "research" / "references.bib"
    lines = bib.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  title"))
    lines.insert(at, r"  file = {D:\Dokumenter\Artikler\fancourt.pdf},")
    bib.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", cwd=repo)
    assert result.returncode == 1
    assert (f"research/references.bib:{at + 1}:1: fejl: feltet 'file' indeholder en sti på en "
            "computer") in result.stdout


def test_check_warns_on_a_link_to_a_copy_site(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo", with_cards=True)
    extra = repo / "research" / "ekstra.bib"
    extra.write_text("@misc{kopi2020,\n  title = {En rapport},\n"
                     "  url   = {https://docplayer.dk/123-en-rapport.html}\n}\n", "utf-8")
    result = run("check", cwd=repo)
    assert result.returncode == 0, result.stdout  # a warning: the work may have no other copy
    assert ("research/ekstra.bib:3:1: advarsel: adressen peger på docplayer.dk, som genudgiver "
            "andres dokumenter") in result.stdout
    assert run("check", "--strict", cwd=repo).returncode == 1
