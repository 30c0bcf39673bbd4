"""Build the site the way `make build` does, in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The published site lives under a path prefix (GitHub Pages project site); tests use one too,
# so links that would only work at the server root are caught.
TEST_SITE_URL = "https://vidensbank.example.org/kultur-sundhed/"


def build_env(site_url: str = TEST_SITE_URL) -> dict[str, str]:
    return {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(repo: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in ``repo``; the caller checks the return code."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=repo, env=build_env(), capture_output=True, text=True, timeout=300,
    )


FIXTURE_CARDS = ROOT / "tests" / "fixtures" / "cards"


CARD_FOLDERS = ("forskning", "metoder", "eksempler", "spoergsmaal")


def copy_repo(target: Path, *, with_cards: bool = False, only_test_cards: bool = False) -> Path:
    """A throw-away copy of the content and configuration, to add broken or extra files to.

    ``with_cards`` adds one valid test card of each type under docs/; ``only_test_cards`` also
    removes the real cards, for tests that count what the site shows.
    """
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "docs", "research", "scripts/mkdocs_adapter"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if only_test_cards:
        for folder in CARD_FOLDERS:
            for card in (target / "docs" / folder).glob("*.md"):
                if card.name != "index.md":
                    card.unlink()
        # A site that never published the real cards has no record of their addresses.
        (target / "research" / "published-urls.txt").write_text("", encoding="utf-8")
    if with_cards or only_test_cards:
        shutil.copytree(FIXTURE_CARDS, target / "docs", dirs_exist_ok=True)
    return target
