"""The ``vidensbank`` command. Subcommands work on the repository they are run in."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from vidensbank import __version__, bank, check, permalinks
from vidensbank.problems import Severity, errors
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
    check_cmd = commands.add_parser(
        "check", help="tjek kort, front matter og bibliografi før de udgives",
        description="Tjekker alt indhold og skriver hvert problem som 'sti:linje:kolonne: "
        "fejl: hvad er galt — hvad du skal gøre'. Afslutter med status 1 ved fejl.",
    )
    check_cmd.add_argument(
        "--strict", action="store_true",
        help="lad også advarsler (fx uciterede værker, kort der ikke er gennemgået) fejle",
    )
    urls = commands.add_parser(
        "urls", help="adresser, der aldrig må forsvinde",
        description="'vidensbank urls update' tilføjer alle sidens nuværende adresser til "
        "research/published-urls.txt (ingen fjernes).",
    )
    urls.add_argument("action", choices=["update"], help="update: registrér nye adresser")
    bench = commands.add_parser(
        "bench", help="mål hvad det koster at bygge banken, mod en ren Material-bygning",
        description="Bygger en syntetisk bank med projektets egen opsætning og den samme Markdown "
        "med ren Material, skiftevis, og skriver en tabel (og evt. JSON).",
    )
    bench.add_argument("--quick", action="store_true", help="kun N=100 kort, K=500 værker")
    bench.add_argument("--runs", type=int, default=3, help="bygninger pr. opsætning (mindst 3)")
    bench.add_argument("--json", type=Path, default=None, help="gem resultaterne som JSON her")
    bench.add_argument("--sizes", default=None,
                       help="egne størrelser som N:K,N:K (fx 2000:5000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        repo = find_repo(args.directory)
    except RepoNotFoundError as exc:
        print(f"vidensbank: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(repo, strict=args.strict)
    if args.command == "urls":
        loaded = bank.load(repo)
        added = permalinks.update(repo, permalinks.load(repo), check.current_urls(loaded))
        print(f"{added} nye adresser registreret i research/{permalinks.PUBLISHED}.",
              file=sys.stderr)
        return 0
    if args.command == "bench":
        from vidensbank import bench  # only the benchmark needs its helpers

        sizes = bench.QUICK_SIZES if args.quick else bench.DEFAULT_SIZES
        if args.sizes:
            sizes = tuple(tuple(int(n) for n in size.split(":")) for size in args.sizes.split(","))
        bench.run(repo, sizes, max(args.runs, 3), args.json)
        return 0
    raise AssertionError(args.command)  # argparse only accepts the commands above


def _check(repo: Repo, strict: bool) -> int:
    problems = check.run(bank.load(repo))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if in_actions:
            print(problem.github_annotation())
    count = len(errors(problems))
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    print(f"{count} fejl, {warnings} advarsler.", file=sys.stderr)
    if count:
        print("Indholdet kan ikke udgives, før fejlene er rettet.", file=sys.stderr)
        return 1
    if strict and warnings:
        print("--strict: advarslerne skal også rettes.", file=sys.stderr)
        return 1
    return 0
