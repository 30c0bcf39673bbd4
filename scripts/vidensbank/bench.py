"""``vidensbank bench``: what the bank costs to build as it grows, against plain Material.

A synthetic bank (N cards of all types, ~600 words, 2–4 terms per facet, 5 citations each, and a
bibliography of K entries) is generated with the project's own mkdocs.yml, vocabulary, schemas and
hooks. In the same run the same Markdown is built by plain Material (the same config without our
hooks: no check, generated pages or citation processing; citations stay as text). The real bank
(N=66 today) is measured the same way. Builds are interleaved so both sides see the same machine
load. Three costs are reported against plain Material in the same run:

- cold: the first build with empty caches, as a fresh clone and the publish workflow see it;
- warm: the median of the following builds (preview images cached);
- save: seconds from saving one card to `mkdocs serve` serving its rebuilt page.

Nothing here asserts a time; it reports.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from vidensbank import bibliography
from vidensbank.repo import Repo

# (0, 0) is the real bank as it is in the repository (66 cards in December 2026).
REAL = (0, 0)
DEFAULT_SIZES = (REAL, (100, 500), (500, 500), (500, 5000), (2000, 500), (2000, 5000))
QUICK_SIZES = (REAL, (100, 500))
SAVES = 3  # saves timed per configuration in `mkdocs serve`
# Share of each card type in a grown bank, and where each type lives.
MIX = (("forskning", "forskning", 0.6), ("eksempel", "eksempler", 0.2),
       ("metode", "metoder", 0.15), ("tema", "spoergsmaal", 0.05))
WORDS = (
    "kultur sundhed beskæftigelse borger trivsel fællesskab museum bibliotek sang musik læsning "
    "kommune jobcenter sygemeldt stress angst depression smerter ensomhed forløb gruppe uge "
    "deltager evaluering måling resultat samarbejde koordinator kunstner aktivitet hverdag arbejde "
    "mestring mening rytme frirum oplevelse undersøgelse forskning erfaring praksis henvisning"
).split()


@dataclass
class Measurement:
    """One configuration's builds at one size."""

    label: str
    cards: int
    entries: int
    wall_min: float
    wall_median: float
    cold: float  # the first build, with no preview images or other caches
    save_median: float  # from saving one card to `mkdocs serve` serving its new page
    peak_rss_mb: float
    site_mb: float
    card_html_kb: float
    search_index_kb: float
    search_kb_per_page: float
    pages: int


def bank_in(folder: Path, source: Repo, cards: int, entries: int, seed: int = 1) -> Path:
    """A synthetic bank in ``folder`` with the project's config, vocabulary, schemas and hooks."""
    rng = random.Random(seed)
    _copy(source, folder, ("mkdocs.yml", "CONTRIBUTING.md", "docs", "research/schema",
                           "research/vocabulary.yaml", "scripts/mkdocs_adapter"))
    for _, section, _ in MIX:  # the real cards are replaced by synthetic ones
        for card in (folder / "docs" / section).glob("*.md"):
            if card.name != "index.md":
                card.unlink()
    keys = _bibliography(folder / "research" / "references.bib", entries, rng)
    _extractions(folder / "research" / "extractions", keys)
    vocabulary = yaml.safe_load((folder / "research/vocabulary.yaml").read_text("utf-8"))
    terms = {name: [t["id"] for t in spec["terms"]] for name, spec in vocabulary.items()}
    slugs: list[str] = []
    for index in range(cards):
        kind, section = _kind(index, cards)
        slug = f"kort-{index:05d}"
        (folder / "docs" / section / f"{slug}.md").write_text(
            _card(kind, index, terms, keys, slugs, rng), encoding="utf-8")
        slugs.append(f"{section}/{slug}")
    return folder


def real_bank_in(folder: Path, source: Repo) -> tuple[Path, int, int]:
    """A copy of the repository's own bank (cards, bibliography, config), without caches."""
    _copy(source, folder, ("mkdocs.yml", "CONTRIBUTING.md", "docs", "research",
                           "scripts/mkdocs_adapter"))
    cards = sum(1 for _, section, _ in MIX for card in (folder / "docs" / section).glob("*.md")
                if card.name != "index.md")
    return folder, cards, len(bibliography.load(Repo(folder)).keys)


def _copy(source: Repo, folder: Path, names: tuple[str, ...]) -> None:
    """The named files and folders of the repository, into ``folder``."""
    for name in names:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source.root / name).is_dir():
            shutil.copytree(source.root / name, target,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source.root / name, target)


def _kind(index: int, total: int) -> tuple[str, str]:
    position = index / max(total, 1)
    share = 0.0
    for kind, section, part in MIX:
        share += part
        if position < share:
            return kind, section
    return MIX[0][0], MIX[0][1]


def _bibliography(path: Path, entries: int, rng: random.Random) -> list[str]:
    keys, text = [], []
    for index in range(entries):
        key = f"forfatter{index:05d}"
        keys.append(key)
        authors = " and ".join(f"Efternavn{rng.randrange(999)}, A." for _ in range(rng.randint(1,
                                                                                              6)))
        text.append(
            f"@article{{{key},\n  author = {{{authors}}},\n  title = {{Titel nummer {index} om "
            f"kultur og sundhed}},\n  journal = {{Tidsskrift for Test}},\n  year = "
            f"{{{2000 + index % 25}}},\n  volume = {{{index % 40 + 1}}},\n  pages = {{1--10}},\n"
            f"  doi = {{10.5555/test.{index}}}\n}}\n"
        )
    path.write_text("\n".join(text), encoding="utf-8")
    return keys


# Every synthetic work is a randomised trial with the synthetic examples' format, so the
# synthetic cards pass the provenance check as the real ones must. Each names its work, so no two
# files are the same text: a bank of K works costs K parses, as a real one does.
_EXTRACTION = """read: {source: abstract, what: Et syntetisk resumé af KEY, date: "2026-01-01"}
kind: undersoegelse
design: rct
intervention:
  weeks: {value: 10, locator: {page: 1}}
  sessions_per_week: {value: 1, locator: {page: 1}}
  hours_per_session: {value: 2, locator: {page: 1}}
results:
  - {what: Et syntetisk resultat, value: 12, unit: point, locator: {table: 1}}
"""


def _extractions(folder: Path, keys: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for key in keys:
        (folder / f"{key}.yaml").write_text(_EXTRACTION.replace("KEY", key), encoding="utf-8")


def _name(index: int) -> str:
    """A card's number as letters ('b', 'ba'): figures in a title need a source. Used after an
    'x', so that 'ni' or 'to' never stands alone as a Danish number word."""
    letters = ""
    while True:
        index, rest = divmod(index, 26)
        letters = chr(ord("a") + rest) + letters
        if not index:
            return letters


def _pick(rng: random.Random, values: list[str], low: int = 2, high: int = 4) -> list[str]:
    return rng.sample(values, min(len(values), rng.randint(low, high)))


def _card(kind: str, index: int, terms: dict, keys: list[str], slugs: list[str],
          rng: random.Random) -> str:
    cited = rng.sample(keys, 5)
    meta: dict = {
        "title": f"Syntetisk kort x{_name(index)} om {rng.choice(WORDS)}",
        "type": kind,
        "summary": "Et syntetisk kort til målingen af, hvad det koster at bygge vidensbanken.",
        "added": "2026-01-01", "reviewed": "2026-06-01",
        "reviewed_by": "Vidensbankens redaktion",
        "sectors": _pick(rng, terms["sectors"], 1, 3),
    }
    facets = {"target_groups": "target_groups", "employment_situation": "employment_situation",
              "activities": "activities", "outcomes": "outcomes", "country": "countries"}
    if kind in ("forskning", "eksempel"):
        meta.update({field: _pick(rng, terms[vocab]) for field, vocab in facets.items()})
        meta["references"] = cited[:1]
    if kind == "forskning":
        meta.update({"design": rng.choice(terms["designs"]),
                     "evidence": rng.choice(terms["evidence"])})
    elif kind == "eksempel":
        unknown = "ikke-oplyst"
        meta.update({"place": "Testrup", "status": unknown,
                     "organisers": [{"name": "Testrup Bibliotek", "sector": "kultur"}],
                     "referral": [unknown], "criteria": unknown, "group_size": unknown,
                     "led_by": unknown, "cost": unknown,
                     "dose": {"weeks": 10, "sessions_per_week": 1, "hours_per_session": 2}})
    elif kind == "metode":
        meta.update({"kind": "method", "measures": "Trivsel", "references": cited[:1],
                     "suitable_for": {"activities": _pick(rng, terms["activities"]),
                                      "outcomes": _pick(rng, terms["outcomes"])}})
    else:
        meta.update({"question": "Hvad virker for borgere på sygedagpenge?",
                     "answer_summary": "Et syntetisk svar, der bygger på andre syntetiske kort.",
                     "cards": rng.sample(slugs, min(3, len(slugs))),
                     "references": cited[:1]})
    paragraphs = []
    for number, key in enumerate(cited):
        words = " ".join(rng.choice(WORDS) for _ in range(118))
        paragraphs.append(f"## Afsnit x{_name(number)}\n\n{words.capitalize()} [@{key}].")
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n" + "\n\n".join(paragraphs) + "\n"


def baseline_config(bank: Path) -> Path:
    """The same mkdocs.yml without our hooks (and without nav entries for generated pages)."""
    text = (bank / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.MULTILINE)
    # Hand-written pages link to generated ones, which the baseline does not have.
    text = re.sub(r"^strict: true\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^  - [^:\n]+: (?:litteratur|kort)/index\.md\n", "", text, flags=re.MULTILINE)
    path = bank / "mkdocs-baseline.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _build(bank: Path, config: str, site: Path, strict: bool) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one `mkdocs build` in its own process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://bench.example/"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=bank, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"build failed ({config}): {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def _sizes(site: Path, cards: int) -> dict[str, float]:
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    card_pages = [p for section in ("forskning", "eksempler", "metoder", "spoergsmaal")
                  for p in (site / section).glob("kort-*/index.html")]
    index = site / "search" / "search_index.json"
    pages = sum(1 for _ in site.rglob("index.html"))
    index_kb = index.stat().st_size / 1024 if index.exists() else 0.0
    return {
        "site_mb": total / 1024 / 1024,
        "card_html_kb": statistics.mean(p.stat().st_size for p in card_pages) / 1024
        if card_pages else 0.0,
        "search_index_kb": index_kb,
        "search_kb_per_page": index_kb / max(pages, 1),
        "pages": pages,
    }


def measure(source: Repo, cards: int, entries: int, runs: int, work: Path) -> dict:
    if (cards, entries) == REAL:
        bank, cards, entries = real_bank_in(work / "bank-real", source)
    else:
        bank = bank_in(work / f"bank-{cards}-{entries}", source, cards, entries)
    baseline = baseline_config(bank)
    shutil.rmtree(bank / ".cache", ignore_errors=True)  # cold: as a fresh clone sees it
    timings: dict[str, list[tuple[float, float]]] = {"ours": [], "baseline": []}
    for run in range(runs + 1):  # the first is cold; interleaved, so both see the same machine
        timings["ours"].append(_build(bank, "mkdocs.yml", work / "site-ours", strict=True))
        timings["baseline"].append(_build(bank, baseline.name, work / "site-base", strict=False))
        if run < runs:
            shutil.rmtree(work / "site-ours")
            shutil.rmtree(work / "site-base")
    saves = {"ours": save_to_rebuilt(bank, "mkdocs.yml", SAVES),
             "baseline": save_to_rebuilt(bank, baseline.name, SAVES)}
    results = {}
    for label, site in (("ours", work / "site-ours"), ("baseline", work / "site-base")):
        walls = [wall for wall, _ in timings[label][1:]]
        results[label] = Measurement(
            label, cards, entries, min(walls), statistics.median(walls), timings[label][0][0],
            statistics.median(saves[label]), max(rss for _, rss in timings[label]),
            **_sizes(site, cards))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vidensbank", "-C", str(bank), "check"],
                   capture_output=True, check=False)
    check_seconds = time.perf_counter() - start
    shutil.rmtree(bank)
    for site in (work / "site-ours", work / "site-base"):
        shutil.rmtree(site, ignore_errors=True)
    ours, base = results["ours"], results["baseline"]
    return {"cards": cards, "entries": entries, "real": bank.name == "bank-real",
            "ours": asdict(ours), "baseline": asdict(base),
            "ratio": ours.wall_median / base.wall_median,
            "cold_ratio": ours.cold / base.cold,
            "save_ratio": ours.save_median / base.save_median,
            "check_seconds": check_seconds}


def save_to_rebuilt(bank: Path, config: str, saves: int) -> list[float]:
    """Seconds from saving one card to `mkdocs serve` serving the rebuilt page, per save.

    The wait is for the page to contain the text just saved, polled every 50 ms: what a
    contributor waits for before the preview shows the change."""
    card = _first_card(bank)
    url_path = card.relative_to(bank / "docs").with_suffix("").as_posix() + "/"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://bench.example/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
        cwd=bank, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = card.read_text(encoding="utf-8")
    try:
        _wait_for(url, "", server, timeout=1800)  # the first build
        times = []
        for number in range(saves):
            token = f"Målepunkt{number}x{time.time_ns()}"
            start = time.perf_counter()
            card.write_text(f"{original}\n\n{token}\n", encoding="utf-8")
            _wait_for(url, token, server, timeout=1800)
            times.append(time.perf_counter() - start)
        return times
    finally:
        card.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)


def _first_card(bank: Path) -> Path:
    return sorted(p for p in (bank / "docs" / "forskning").glob("*.md")
                  if p.name != "index.md")[0]


def _wait_for(url: str, text: str, server: subprocess.Popen, timeout: float) -> None:
    """Until the page answers (and contains ``text``); the server must stay up meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local)
                if text in response.read().decode("utf-8", "replace"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not serving yet, or between two builds
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not show {text!r} within {timeout:.0f} s")


def run(source: Repo, sizes: tuple[tuple[int, int], ...], runs: int,
        json_path: Path | None = None) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="vidensbank-bench-") as tmp:
        for cards, entries in sizes:
            print(f"… N={cards}, K={entries}", file=sys.stderr, flush=True)
            results.append(measure(source, cards, entries, runs, Path(tmp)))
    print(table(results))
    if json_path:
        json_path.write_text(json.dumps({"machine": machine(), "results": results}, indent=2),
                             encoding="utf-8")
    return results


def machine() -> dict[str, object]:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0],
            "platform": sys.platform, "date": time.strftime("%Y-%m-%d")}


def table(results: list[dict]) -> str:
    head = ("| N | K | varm s vores/ren | forhold | kold s vores/ren | forhold | gem→vist s "
            "vores/ren | forhold | RSS MB vores/ren | søgning KB/side vores/ren | check s |")
    lines = [head, "|" + "---|" * 11]
    for r in results:
        o, b = r["ours"], r["baseline"]
        n = f"{r['cards']} (ægte)" if r.get("real") else str(r["cards"])
        lines.append(
            f"| {n} | {r['entries']} | {o['wall_median']:.1f}/{b['wall_median']:.1f} | "
            f"{r['ratio']:.2f} | {o['cold']:.1f}/{b['cold']:.1f} | {r['cold_ratio']:.2f} | "
            f"{o['save_median']:.1f}/{b['save_median']:.1f} | {r['save_ratio']:.2f} | "
            f"{o['peak_rss_mb']:.0f}/{b['peak_rss_mb']:.0f} | "
            f"{o['search_kb_per_page']:.1f}/{b['search_kb_per_page']:.1f} | "
            f"{r['check_seconds']:.1f} |"
        )
    growth = _growth(results)
    if growth:
        lines.append("")
        lines.append(growth)
    return "\n".join(lines)


def _growth(results: list[dict]) -> str:
    """Time per card at the largest N against N=500, for the largest K."""
    by_size = {(r["cards"], r["entries"]): r for r in results}
    k = max((r["entries"] for r in results), default=0)
    small, large = by_size.get((500, k)), by_size.get((2000, k))
    if not small or not large:
        return ""
    per_small = small["ours"]["wall_median"] / 500
    per_large = large["ours"]["wall_median"] / 2000
    return (f"Tid pr. kort ved N=2000 / N=500 (K={k}): {per_large / per_small:.2f} "
            f"({per_large * 1000:.1f} ms mod {per_small * 1000:.1f} ms)")
