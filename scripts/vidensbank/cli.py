"""The ``vidensbank`` command. Subcommands work on the repository they are run in."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from vidensbank import (
    __version__,
    bank,
    check,
    doi,
    memo,
    newcard,
    permalinks,
    prsummary,
    readability,
    refadd,
)
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
    _ref_parser(commands)
    new = commands.add_parser(
        "new", help="opret et nyt kort eller en nyhed (som kladde)",
        description="Opretter docs/<afsnit>/<navn>.md med felterne udfyldt fra værkets post i "
        "research/references.bib, dagens dato og kortets afsnit med vejledning. Kortet er en "
        "kladde ('draft: true'), indtil du sletter linjen. Et eksisterende kort overskrives "
        "aldrig.",
    )
    new.add_argument("type", metavar="TYPE",
                     help="forskning, metode, eksempel, tema eller nyhed")
    new.add_argument("source", metavar="KILDE",
                     help="værkets nøgle i litteraturlisten (forskning), eller en titel i "
                     "anførselstegn (eksempel, tema, nyhed)")
    new.add_argument("--slug", default=None,
                     help="filnavnet uden .md (ellers laves det af forfatter, år og titel)")
    extraction = commands.add_parser(
        "udtraek", help="opret et udtræk af et værk (research/extractions/NØGLE.yaml)",
        description="Opretter research/extractions/NØGLE.yaml: hvad der er læst i værket, og "
        "hvor hvert tal står. 'vidensbank new forskning NØGLE' opretter det også. En "
        "eksisterende fil overskrives aldrig.",
    )
    extraction.add_argument("key", metavar="NØGLE", help="værkets nøgle i litteraturlisten")
    extraction.add_argument("--type", default="forskning",
                            choices=["forskning", "metode", "eksempel"],
                            help="korttypen, der citerer værket (giver slags værk: "
                            "undersøgelse, måleværktøj eller tilbud)")
    summary = commands.add_parser(
        "pr-summary", help="Markdown-oversigt over et pull request (til CI's step summary)",
        description="Skriver sider og værker, der er tilføjet eller ændret siden BASE, "
        "kontrollens resultat og hvor forhåndsvisningen kan hentes.",
    )
    summary.add_argument("--base", required=True, help="git-referencen, der sammenlignes med, "
                         "fx origin/main")
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
    _watch_parser(commands)
    return parser


def _watch_parser(commands: argparse._SubParsersAction) -> None:
    watch_cmd = commands.add_parser(
        "watch", help="ugentlig litteraturovervågning i OpenAlex, Crossref og PubMed",
        description="Kører de gemte søgninger i research/watch.yaml og skriver en oversigt over "
        "nye værker, der hverken står i litteraturlisten eller er afvist i "
        "research/watch-seen.yaml. Afslutter med status 3, hvis ingen kilde svarer.",
    )
    watch_cmd.add_argument("--since", type=_iso_date, default=None, metavar="ÅÅÅÅ-MM-DD",
                           help="værker udgivet fra denne dato (standard: for 8 dage siden)")
    watch_cmd.add_argument("--out", type=Path, default=None, metavar="FIL.md",
                           help="skriv oversigten som Markdown her (ellers på skærmen)")
    watch_cmd.add_argument("--json", type=Path, default=None, metavar="FIL",
                           help="skriv de samme værker som JSON her")
    actions = watch_cmd.add_subparsers(dest="action", metavar="HANDLING")
    dismiss = actions.add_parser(
        "dismiss", help="afvis et værk, så det ikke kommer i oversigten igen",
        description="Tilføjer værket med begrundelse og dato til research/watch-seen.yaml.",
    )
    dismiss.add_argument("work", metavar="DOI",
                         help="værkets DOI (eller titlen i anførselstegn, hvis det ingen DOI har)")
    dismiss.add_argument("--why", required=True, help="hvorfor værket ikke er relevant")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato som 2026-11-30") from None


def _ref_parser(commands: argparse._SubParsersAction) -> None:
    ref = commands.add_parser(
        "ref", help="tilføj værker til litteraturlisten (research/references.bib)",
        description="'ref add' læser BibTeX fra Zotero, Mendeley, JabRef, EndNote m.fl. og "
        "tilføjer de nye værker; 'ref format' skriver filen i fast form.",
    )
    actions = ref.add_subparsers(dest="action", metavar="HANDLING", required=True)
    add = actions.add_parser(
        "add", help="tilføj værker fra BibTeX-filer eller en DOI",
        description="Tilføjer nye værker til research/references.bib. Dubletter (samme nøgle og "
        "værk, samme DOI eller samme titel og år, medmindre de ligger på hver sit websted) "
        "springes over. Kan en post ikke læses, skrives intet, medmindre --skip-invalid er givet.",
    )
    add.add_argument("files", nargs="*", metavar="FIL",
                     help="BibTeX-filer ('-' for standard input); @string-forkortelser må stå i "
                     "en anden af filerne")
    add.add_argument("--doi", action="append", default=[], metavar="DOI",
                     help="hent værket fra doi.org (kan gentages)")
    add.add_argument("--skip-invalid", action="store_true",
                     help="tilføj de gyldige poster, selv om andre ikke kan læses")
    actions.add_parser("format", help="skriv research/references.bib i fast form (sorteret)")


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
    if args.command == "ref":
        return _ref(repo, args)
    if args.command == "new":
        return _new(repo, args)
    if args.command == "pr-summary":
        try:
            print(prsummary.summary(repo, args.base), end="")
        except prsummary.GitError as exc:
            print(f"vidensbank pr-summary: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "bench":
        from vidensbank import bench  # only the benchmark needs its helpers

        sizes = bench.QUICK_SIZES if args.quick else bench.DEFAULT_SIZES
        if args.sizes:
            sizes = tuple(tuple(int(n) for n in size.split(":")) for size in args.sizes.split(","))
        bench.run(repo, sizes, max(args.runs, 3), args.json)
        return 0
    if args.command == "watch":
        return _watch(repo, args)
    if args.command == "udtraek":
        return _extraction(repo, args)
    raise AssertionError(args.command)  # argparse only accepts the commands above


def _extraction(repo: Repo, args: argparse.Namespace) -> int:
    try:
        skeleton = newcard.extraction(bank.load(repo), args.key, args.type)
        if skeleton is None:
            print(f"vidensbank udtraek: research/extractions/{args.key}.yaml findes allerede; "
                  "intet er ændret.", file=sys.stderr)
            return 1
        newcard.write(skeleton)
    except newcard.NewCardError as exc:
        print(f"vidensbank udtraek: {exc}", file=sys.stderr)
        return 1
    print(repo.relative(skeleton.path))
    print("Udfyld udtrækket fra kilden selv, med sidehenvisninger, og tjek det med "
          "'vidensbank check'.", file=sys.stderr)
    return 0


def _check(repo: Repo, strict: bool) -> int:
    loaded = bank.load(repo)
    problems = check.run(loaded)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if in_actions:
            print(problem.github_annotation())
    count = len(errors(problems))
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    scores: dict[str, list[float]] = {}
    for page, card_type in loaded.cards().cards():
        scores.setdefault(card_type.name, []).append(readability.of_card(page).lix)
    for line in readability.summary(scores):
        print(line, file=sys.stderr)
    print(f"{count} fejl, {warnings} advarsler.", file=sys.stderr)
    if count:
        print("Indholdet kan ikke udgives, før fejlene er rettet.", file=sys.stderr)
        return 1
    memo.save()  # only a bank that passed vouches for what the next run may reuse
    if strict and warnings:
        print("--strict: advarslerne skal også rettes.", file=sys.stderr)
        return 1
    return 0


def _ref(repo: Repo, args: argparse.Namespace) -> int:
    if args.action == "format":
        report = refadd.format_main(repo)
        for problem in report.invalid:
            print(problem.format(), file=sys.stderr)
        print("research/references.bib er skrevet i fast form." if report.written
              else "research/references.bib var allerede i fast form.", file=sys.stderr)
        return 1 if report.invalid else 0
    if not args.files and not args.doi:
        print("vidensbank ref add: giv mindst én BibTeX-fil, '-' eller --doi", file=sys.stderr)
        return 2
    sources = []
    try:
        for name in args.files:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            sources.append(refadd.Source("standard input" if name == "-" else name, data))
        for doi_text in args.doi:
            sources.append(refadd.Source(f"doi:{doi_text}", doi.fetch(doi_text), True))
    except OSError as exc:
        print(f"vidensbank ref add: kan ikke læse {exc.filename}: {exc.strerror}",
              file=sys.stderr)
        return 2
    except doi.DoiError as exc:
        print(f"vidensbank ref add: {exc}", file=sys.stderr)
        return 1
    report = refadd.add(repo, sources, skip_invalid=args.skip_invalid)
    for line in report.lines():
        print(line)
    return 1 if report.invalid and not report.written else 0


def _new(repo: Repo, args: argparse.Namespace) -> int:
    loaded = bank.load(repo)
    try:
        card = newcard.make(loaded, args.type, args.source, args.slug)
        skeleton = (newcard.extraction(loaded, args.source, args.type)
                    if args.type == "forskning" else None)
        newcard.write(card)
        if skeleton:
            newcard.write(skeleton)
    except (newcard.NewCardError, FileExistsError) as exc:
        print(f"vidensbank new: {exc}", file=sys.stderr)
        return 1
    shown = repo.relative(card.path)
    print(shown)
    if skeleton:
        print(repo.relative(skeleton.path))
        print("Udfyld udtrækket fra kilden selv, med sidehenvisninger: hvert tal på kortet skal "
              "stå dér.", file=sys.stderr)
    print(f"Siden er oprettet som kladde. Skriv teksten, se den med 'make serve', og tjek den "
          f"med 'vidensbank check'. Slet 'draft: true' i {shown}, når den er klar.",
          file=sys.stderr)
    return 0


def _watch(repo: Repo, args: argparse.Namespace) -> int:
    from vidensbank import watch, watchdigest  # only the watch needs the HTTP clients

    today = date.today()
    try:
        if args.action == "dismiss":
            return _dismiss(repo, args, today)
        config = watch.load_config(repo)
        settings = watch.settings(config)
    except watch.WatchError as exc:
        print(f"vidensbank watch: {exc}", file=sys.stderr)
        return 2
    if not settings.contact:
        print("Ingen kontaktadresse: sæt VIDENSBANK_CONTACT eller 'contact:' i "
              "research/watch.yaml, så OpenAlex, Crossref og PubMed kan skrive til os i stedet "
              "for at blokere. Søger uden.", file=sys.stderr)
    result = watch.run(repo, args.since or today - timedelta(days=8), settings, config)
    if result.offline:
        reasons = "; ".join(f"{r.label}: {r.failures[0][1]}" for r in result.reports
                            if r.failures)
        print(f"vidensbank watch: ingen af kilderne svarede ({reasons}). Er du på internettet? "
              "Intet er skrevet.", file=sys.stderr)
        return 3
    digest = watchdigest.to_markdown(result, today)
    if args.json:
        watch.write_file(args.json, watchdigest.to_json(result))
    if args.out:
        watch.write_file(args.out, digest)
    if not args.out and not args.json:
        print(digest, end="")
    failed = [r.label for r in result.reports if r.failures]
    print(f"{len(result.candidates)} nye værker."
          + (f" Fejlede: {', '.join(failed)} (se oversigten)." if failed else ""),
          file=sys.stderr)
    return 0


def _dismiss(repo: Repo, args: argparse.Namespace, today: date) -> int:
    from vidensbank import watch

    if not args.why.strip():
        print("vidensbank watch dismiss: skriv en begrundelse med --why", file=sys.stderr)
        return 2
    if watch.dismiss(repo, args.work, args.why, today):
        print(f"Afvist: {args.work} står nu i research/{watch.SEEN}.", file=sys.stderr)
    else:
        print(f"{args.work} er allerede afvist i research/{watch.SEEN}; intet er ændret.",
              file=sys.stderr)
    return 0
