"""The pull-request summary the coordinator reads in CI: which cards and works a branch adds, the
check's verdict, and where the preview is."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.sitebuild import ROOT, copy_repo
from tests.test_cli import run

EXPORTS = ROOT / "tests" / "fixtures" / "exports"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c",
                    "user.email=test@example.org", *args], check=True, capture_output=True)


def test_a_branch_with_a_new_study_is_summarised(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo", with_cards=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    git(repo, "checkout", "-q", "-b", "ny-undersoegelse")
    assert run("ref", "add", str(EXPORTS / "zotero.bib"), cwd=repo).returncode == 0
    made = run("new", "forskning", "nielsen_korsang_2023", cwd=repo)
    assert made.returncode == 0, made.stderr
    card = repo / "docs/forskning/testkort-forskning.md"
    card.write_text(card.read_text(encoding="utf-8") + "\nEn rettelse.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ny undersøgelse")

    result = run("pr-summary", "--base", "main", cwd=repo,
                 env={"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "net/vb",
                      "GITHUB_RUN_ID": "42"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "| ny | Korsang for sygemeldte med stress: et Pilotstudie fra Østjylland (kladde, " \
        "udgives ikke) | `docs/forskning/nielsen-2023-korsang-sygemeldte.md` |" in out
    assert "| ændret | Testkort om kultur på recept | `docs/forskning/testkort-forskning.md` |" \
        in out
    assert "- `nielsen_korsang_2023`: Korsang for sygemeldte" in out
    assert "- `hansen_museum_2021`: Museet som mødested (2021)" in out
    assert "Ændrede værker" not in out and "Fjernede værker" not in out
    assert "✅ Ingen fejl" in out
    assert "kortet er en kladde" in out
    assert "https://github.com/net/vb/actions/runs/42#artifacts" in out


def test_an_unknown_base_is_a_clear_error(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    result = run("pr-summary", "--base", "findes-ikke", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("vidensbank pr-summary:")
