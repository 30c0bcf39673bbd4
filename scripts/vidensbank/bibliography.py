"""Read the bibliography in research/*.bib with pybtex, reporting where it is broken."""

from __future__ import annotations

from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, BibliographyDataError
from pybtex.database.input import bibtex
from pybtex.scanner import PybtexSyntaxError

from vidensbank.problems import Problem
from vidensbank.repo import Repo


def bib_files(repo: Repo) -> list[Path]:
    return sorted(repo.research.glob("*.bib"))


def load(repo: Repo) -> tuple[BibliographyData, list[Problem]]:
    """Parse every .bib file into one bibliography; a broken file adds a problem, not an abort."""
    # Strict mode makes pybtex raise instead of printing warnings and guessing.
    pybtex.errors.set_strict_mode(True)
    parser = bibtex.Parser()
    problems: list[Problem] = []
    for path in bib_files(repo):
        shown = repo.relative(path)
        try:
            parser.parse_string(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(
                shown, 1, "bibliografien er ikke gemt som UTF-8",
                "eksportér filen som UTF-8 fra dit referenceprogram",
            ))
        except PybtexSyntaxError as exc:
            problems.append(Problem(
                shown, exc.lineno or 1, f"BibTeX-syntaksfejl ({exc.error_type})",
                "tjek at klammerne { } og kommaerne i posten lige før denne linje passer",
            ))
        except BibliographyDataError as exc:
            problems.append(Problem(
                shown, 1, f"ugyldig bibliografi ({exc})",
                "giv hver post sin egen unikke nøgle",
            ))
    return parser.data, problems
