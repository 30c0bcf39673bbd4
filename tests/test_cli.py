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
    assert "0 fejl" in result.stderr


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo", with_cards=True)
    card = repo / "docs/spoergsmaal/testkort-tema.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "reviewed: 2026-06-01", "reviewed: 2020-06-01").replace(
        "added: 2026-01-15", "added: 2020-01-15"), encoding="utf-8")

    relaxed = run("check", cwd=repo)
    assert relaxed.returncode == 0, relaxed.stdout
    # The warning points at the 'reviewed' line, after its 'reviewed: ' (column 11).
    line = card.read_text(encoding="utf-8").splitlines().index("reviewed: 2020-06-01") + 1
    stale = [text for text in relaxed.stdout.splitlines()
             if text.startswith(f"docs/spoergsmaal/testkort-tema.md:{line}:11: advarsel:")]
    assert stale and "ikke gennemgået i 24 måneder" in stale[0]

    strict = run("check", "--strict", cwd=repo)
    assert strict.returncode == 1
    assert "--strict" in strict.stderr


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
    assert line.startswith("docs/forskning/brudt.md:4:16: fejl: front matter: ikke gyldig YAML")
    assert " — " in line

    site = tmp_path / "site"
    build = mkdocs_build(repo, site)
    assert build.returncode != 0
    assert "docs/forskning/brudt.md:4:16: fejl" in build.stderr
    assert not (site / "forskning" / "brudt" / "index.html").exists()


def test_under_github_actions_problems_are_annotated_on_the_diff(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    write(repo, "docs/metoder/brudt.md", "---\ntitle: a: b\n---\n")
    result = run("check", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=docs/metoder/brudt.md,line=2," in result.stdout
