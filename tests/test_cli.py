"""The `vidensbank` command as a contributor uses it: help, finding the repository, check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.sitebuild import ROOT, copy_repo, mkdocs_build

COMMAND = Path(sys.executable).parent / "vidensbank"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(COMMAND), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "GITHUB_ACTIONS": "false", **(env or {})},
    )


def test_help_lists_the_commands() -> None:
    result = run("--help", cwd=ROOT)
    assert result.returncode == 0
    assert "check" in result.stdout and "vidensbank" in result.stdout


def test_check_passes_on_the_real_content_from_a_subfolder() -> None:
    result = run("check", cwd=ROOT / "docs" / "forskning")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ingen fejl" in result.stderr


def test_outside_a_repository_it_says_where_to_run(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "fandt ingen mkdocs.yml" in result.stderr


def write(repo: Path, relative: str, data: str | bytes) -> None:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def test_broken_front_matter_is_reported_at_its_line_and_stops_the_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    write(repo, "docs/forskning/brudt.md",
          "---\ntitle: Brudt kort\nsummary: fint\ntarget_groups: [stress\n---\n\nTekst\n")

    result = run("check", cwd=repo)
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith("docs/forskning/brudt.md:4:16: fejl: front matter er ikke gyldig YAML")
    assert " — " in line

    site = tmp_path / "site"
    build = mkdocs_build(repo, site)
    assert build.returncode != 0
    assert "docs/forskning/brudt.md:4:16: fejl" in build.stderr
    assert not (site / "forskning" / "brudt" / "index.html").exists()


def test_each_kind_of_unreadable_file_names_its_own_line(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    write(repo, "docs/eksempler/aaben.md", "---\ntitle: Aldrig lukket\n\nTekst\n")
    write(repo, "docs/eksempler/latin1.md", "---\ntitle: x\n---\n\nFin linje\nK\xf8ge\n".encode(
        "latin-1"))
    write(repo, "docs/eksempler/liste.md", "---\n- bare\n- en liste\n---\n")
    write(repo, "research/ekstra.bib", "@article{a,\n  title = {X},\n  year = 2000\n\n"
          "@article{b, title = {Y}}\n")

    result = run("check", cwd=repo)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(x.startswith("docs/eksempler/aaben.md:1:1: fejl: front matter åbnes") for x in lines)
    assert any(x.startswith("docs/eksempler/latin1.md:6:1: fejl: filen er ikke gemt som UTF-8")
               for x in lines)
    assert any(x.startswith("docs/eksempler/liste.md:2:1: fejl: front matter skal være felter")
               for x in lines)
    assert any(x.startswith("research/ekstra.bib:5:") and "BibTeX-syntaksfejl" in x
               for x in lines)


def test_under_github_actions_problems_are_annotated_on_the_diff(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    write(repo, "docs/metoder/brudt.md", "---\ntitle: a: b\n---\n")
    result = run("check", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=docs/metoder/brudt.md,line=2," in result.stdout
