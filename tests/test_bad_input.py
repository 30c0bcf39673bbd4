"""Every kind of broken input fails the check and the build at the right file and line.

The cases are in tests/bad_input/cases.yaml. For each: `vidensbank check` exits 1 and names the
file, line (and column) with the expected words; `mkdocs build --strict` fails with the same
problem and writes no site; no file in the repository is changed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.support.sitebuild import ROOT, copy_repo, mkdocs_build
from vidensbank.cli import main

CASES = yaml.safe_load((ROOT / "tests" / "bad_input" / "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test repository after one passing check, as in a contributor's clone: each case then
    starts from what that check remembered (.cache/vidensbank/memo), which must never hide the
    case's problem."""
    repo = copy_repo(tmp_path_factory.mktemp("baseline") / "repo", with_cards=True)
    main(["-C", str(repo), "check"])
    return repo


def prepared(baseline: Path, target: Path, case: dict) -> Path:
    repo = Path(shutil.copytree(baseline, target))
    encoding = "latin-1" if case.get("latin1") else "utf-8"
    for name, text in case["files"].items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
    return repo


def fingerprint(repo: Path) -> dict[str, str]:
    return {
        str(p.relative_to(repo)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(repo.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


def matching(output: str, expect: dict) -> list[str]:
    where = f"{expect['path']}:{expect['line']}:"
    if "column" in expect:
        where += f"{expect['column']}:"
    # MkDocs puts its level before the first line of an error ("ERROR   -  path:line: …").
    lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in output.splitlines()]
    return [line for line in lines
            if line.startswith(where) and ": fejl: " in line
            and all(word in line for word in expect["words"])]


def test_the_corpus_covers_at_least_thirty_kinds_of_bad_input() -> None:
    assert len({case["name"] for case in CASES}) >= 30


def test_the_baseline_is_clean(baseline: Path, capsys: pytest.CaptureFixture) -> None:
    # Otherwise a case could pass on a problem that was there before it.
    assert main(["-C", str(baseline), "check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input_is_reported_where_it_is(
    case: dict, baseline: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    repo = prepared(baseline, tmp_path / "repo", case)
    before = fingerprint(repo)

    assert main(["-C", str(repo), "check"]) == 1
    output = capsys.readouterr().out
    assert matching(output, case["expect"]), f"expected {case['expect']} in:\n{output}"

    site = tmp_path / "site"
    build = mkdocs_build(repo, site)
    assert build.returncode != 0
    assert matching(build.stderr, case["expect"]), build.stderr
    assert not list(site.rglob("*.html")), "a broken site was written"
    assert fingerprint(repo) == before, "the check or the build changed a file"


def test_a_check_that_runs_again_sees_what_changed_around_a_card(tmp_path: Path) -> None:
    # `mkdocs serve` checks the bank after every save in one process, reusing what it can; a
    # work removed from the bibliography must still be reported on the unchanged card citing it.
    from vidensbank.bank import load
    from vidensbank.check import run
    from vidensbank.problems import errors
    from vidensbank.repo import Repo

    repo = copy_repo(tmp_path / "repo", only_test_cards=True)
    assert not errors(run(load(Repo(repo))))
    tool = (repo / "docs/metoder/testkort-instrument.md").read_text("utf-8")
    key = re.search(r"references: \[(\w+)\]", tool.split("danish_version:")[1]).group(1)
    bib = repo / "research/references.bib"
    text = bib.read_text("utf-8")
    start = text.index(f"{{{key},")
    entry = text[text.rindex("@", 0, start):text.index("\n}\n", start) + 3]
    bib.write_text(text.replace(entry, ""), encoding="utf-8")
    found = [p.format() for p in errors(run(load(Repo(repo))))]
    assert any("docs/metoder/testkort-instrument.md" in f and key in f for f in found), found
