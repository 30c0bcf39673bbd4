"""The ``vidensbank`` command. Subcommands work on the repository they are run in."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from vidensbank import __version__, check
from vidensbank.problems import errors
from vidensbank.repo import Repo, RepoNotFoundError, find_repo


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vidensbank",
        description="Værktøjer til Vidensbank for kultur, sundhed og beskæftigelse.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-C", "--directory", type=Path, default=None,
        help="kør i denne mappe i stedet for den aktuelle (repositoriet findes opad herfra)",
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    commands.add_parser(
        "check", help="tjek kort, front matter og bibliografi før de udgives",
        description="Tjekker alt indhold og skriver hvert problem som 'sti:linje:kolonne: "
        "fejl: hvad er galt — hvad du skal gøre'. Afslutter med status 1 ved fejl.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        repo = find_repo(args.directory)
    except RepoNotFoundError as exc:
        print(f"vidensbank: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(repo)
    raise AssertionError(args.command)  # argparse only accepts the commands above


def _check(repo: Repo) -> int:
    problems = check.run(repo)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if in_actions:
            print(problem.github_annotation())
    count = len(errors(problems))
    if count:
        print(f"{count} fejl — indholdet kan ikke udgives, før de er rettet.", file=sys.stderr)
        return 1
    print("Ingen fejl fundet.", file=sys.stderr)
    return 0
