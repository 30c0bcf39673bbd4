"""Locate the repository a command runs in, so every command works in any clone or worktree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "mkdocs.yml"


class RepoNotFoundError(Exception):
    """Raised when no ``mkdocs.yml`` is found in the start directory or any parent."""


@dataclass(frozen=True)
class Repo:
    """The fixed layout of a knowledge-bank repository."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def research(self) -> Path:
        return self.root / "research"

    def relative(self, path: Path) -> str:
        """Path as a contributor sees it in the repository (forward slashes)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def find_repo(start: Path | None = None) -> Repo:
    """Walk up from ``start`` (default: the current directory) to the folder with mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return Repo(folder)
    raise RepoNotFoundError(
        f"fandt ingen {CONFIG_NAME} i {here} eller mapperne over den — "
        "kør kommandoen inde i en klon af vidensbanken"
    )
