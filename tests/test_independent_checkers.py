"""The tools a supervisor from the Danish accessibility authority runs, run here on our site.

Our own axe tests passed while independent checkers failed the site, so the gate is theirs:
pa11y-ci with both its runners (HTML_CodeSniffer and axe, WCAG 2 AA) on every page, and
Lighthouse's accessibility, best-practice and SEO scores on one page of every type. Both are
pinned in tests/browser_deps and drive Debian's Chromium; no browser is downloaded.

A true false positive may be exempted in tests/a11y-exemptions.yaml with its reason; the
accessibility statement lists every exemption (a test checks that it does).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import tools
from tests.support.browsing import chromium_path
from tests.support.sitebuild import ROOT
from tests.test_quality import first_card

pytestmark = pytest.mark.tools

EXEMPTIONS = yaml.safe_load((ROOT / "tests" / "a11y-exemptions.yaml").read_text("utf-8")) or []
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
MISSING = "findes/ikke/"  # any unknown address: the 404 page
LIGHTHOUSE_RUNS = 3


def first_post() -> str:
    posts = sorted(p.stem for p in (ROOT / "docs" / "nyt").glob("*.md") if p.name != "index.md")
    return f"nyt/{posts[0]}/" if posts else "nyt/"


# One page of every type a visitor meets.
PAGE_TYPES = {
    "forside": "",
    "kort over viden og huller": "hvad-virker/",
    "målgruppeside": "maalgrupper/stress-angst-depression/",
    "alle kort": "kort/",
    "forskningskort": first_card("forskning"),
    "metodekort": first_card("metoder"),
    "eksempelkort": first_card("eksempler"),
    "spørgsmålskort": first_card("spoergsmaal"),
    "litteratur": "litteratur/",
    "nyhed": first_post(),
    "404": MISSING,
}


def every_page(site: Path) -> list[str]:
    """The address of every page in the built site, and one that does not exist."""
    pages = sorted(p.parent.relative_to(site).as_posix() + "/"
                   for p in site.rglob("index.html"))
    return [("" if page == "./" else page) for page in pages] + [MISSING]


def exempted(problem: dict) -> bool:
    return any(problem["code"] == rule["code"] and rule["where"] in problem.get("selector", "")
               for rule in EXEMPTIONS)


def test_pa11y_ci_finds_no_error_on_any_page(site: Path, site_url: str,
                                             tmp_path: Path) -> None:
    urls = [site_url + page for page in every_page(site)]
    config = {
        "defaults": {
            "standard": "WCAG2AA", "runners": ["htmlcs", "axe"], "timeout": 120_000,
            "chromeLaunchConfig": {"executablePath": chromium_path(), "args": CHROME_ARGS},
            "concurrency": 2,
            # A fresh incognito context per page makes Chromium drop targets under load: pa11y
            # then reports "No target with given id" or a 30 s time-out for the page instead of
            # checking it. Pages in one context share nothing the site stores (it stores nothing).
            "useIncognitoBrowserContext": False,
            # To a file: printed to a pipe, the report is cut off when pa11y-ci exits.
            "reporters": [["json", {"fileName": str(tmp_path / "report.json")}]],
        },
        "urls": urls,
    }
    (tmp_path / "pa11y.json").write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [tools.node(), str(tools.require(tools.PA11Y_CI)), "--config",
         str(tmp_path / "pa11y.json")],
        capture_output=True, text=True, timeout=1800, cwd=tmp_path,
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
    )
    # pa11y-ci exits 0 when every page passes and 2 when it found errors; anything else, or
    # output that is not its report, means the pages were not checked.
    assert result.returncode in (0, 2), f"pa11y-ci failed ({result.returncode}):\n{result.stderr}"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["total"] == len(urls), f"pa11y-ci checked {report['total']} of {len(urls)}"
    found = [f"{url.removeprefix(site_url) or '/'}: {p['code']} ({p['runner']}) "
             f"{p.get('selector', '')} — {p['message'][:160]}"
             for url, problems in report["results"].items() for p in problems
             if checked(p) and p.get("type") == "error" and not exempted(p)]
    # A page pa11y could not load or check is reported as the exception, not as an issue.
    broken = [f"{url}: {p}" for url, problems in report["results"].items() for p in problems
              if not checked(p)]
    assert not broken, "\n".join(broken)
    assert not found, f"pa11y-ci: {len(found)} fejl\n" + "\n".join(found[:60])


def checked(problem: object) -> bool:
    """Whether a pa11y result is an issue it found, rather than the error it hit on the page."""
    return isinstance(problem, dict) and "code" in problem and "runner" in problem


def lighthouse(site_url: str, folder: Path) -> dict[str, dict]:
    """One run of our Lighthouse runner over PAGE_TYPES: each page's report by name."""
    jobs = []
    for number, (name, path) in enumerate(PAGE_TYPES.items()):
        categories = ["accessibility", "best-practices", "seo"]
        if path == MISSING:
            # Lighthouse will not audit a page that answers 404, so it gets the same page by its
            # file name; SEO does not apply to a page that says the address does not exist.
            path, categories = "404.html", ["accessibility", "best-practices"]
        jobs.append({"name": name, "url": site_url + path, "categories": categories,
                     "output": str(folder / f"{number}.json")})
    tools.require(tools.LIGHTHOUSE)
    # Most of a run is Lighthouse waiting for the page to be quiet, so three runs take turns.
    runs = []
    for lane in range(LIGHTHOUSE_RUNS):
        (folder / f"jobs{lane}.json").write_text(json.dumps(jobs[lane::LIGHTHOUSE_RUNS]), "utf-8")
        runs.append(subprocess.Popen(
            [tools.node(), str(tools.require(tools.LIGHTHOUSE_PAGES)), f"jobs{lane}.json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=folder,
            env={**os.environ, "CHROME_PATH": chromium_path(),
                 "CHROME_ARGS": json.dumps(CHROME_ARGS)}))
    for run in runs:
        _, stderr = run.communicate(timeout=1800)
        assert run.returncode == 0, f"Lighthouse failed:\n{stderr[-3000:]}"
    return {job["name"]: json.loads(Path(job["output"]).read_text(encoding="utf-8"))
            for job in jobs}


def test_lighthouse_scores_100_on_every_type_of_page(site_url: str, tmp_path: Path) -> None:
    # One test, so one worker runs Lighthouse once for all of them; every page is still reported.
    failing = []
    for name, report in lighthouse(site_url, tmp_path).items():
        if report.get("runtimeError"):
            failing.append(f"{name}: {report['runtimeError']}")
            continue
        scores = {key: category["score"] for key, category in report["categories"].items()}
        if any(score != 1 for score in scores.values()):
            audits = [f"  {key}: {audit['title']}" for key, audit in report["audits"].items()
                      if audit.get("score") is not None and audit["score"] < 1
                      and audit.get("scoreDisplayMode") in ("binary", "numeric")]
            failing.append(f"{name}: {scores}\n" + "\n".join(audits))
    assert not failing, "\n".join(failing)


def test_every_exemption_is_in_the_accessibility_statement() -> None:
    statement = (ROOT / "docs" / "tilgaengelighed" / "index.md").read_text(encoding="utf-8")
    for rule in EXEMPTIONS:
        assert rule["code"] in statement, f"{rule['code']} is exempted but not explained"
