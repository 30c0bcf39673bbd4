"""The CI and publishing workflows do what the README promises, with least privilege."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.support.sitebuild import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as boolean True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in steps(job) if "uses" in step]


def all_jobs() -> list[tuple[str, dict]]:
    return [(f.name, job) for f in sorted(WORKFLOWS.glob("*.yml"))
            for job in load(f.name)["jobs"].values()]


def test_pull_requests_check_test_build_and_upload_a_preview() -> None:
    ci = load("ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    job = ci["jobs"]["kontrol"]
    commands = runs(job)
    assert "make check" in commands and "bash .ci/run" in commands and "make build" in commands
    # A pull request that adds a page must also record its address.
    assert "vidensbank urls update" in commands
    assert "git diff --exit-code research/published-urls.txt" in commands
    upload = [s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"].rstrip("/") == "site"


def test_main_is_tested_built_and_deployed_to_pages_one_at_a_time() -> None:
    publish = load("publish.yml")
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    assert "bash .ci/run" in runs(build) and "make build" in runs(build)
    site_url = [s for s in steps(build) if "make build" in s.get("run", "")][0]["env"]["SITE_URL"]
    assert "steps.pages.outputs.base_url" in site_url
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses(build))
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(u.startswith("actions/deploy-pages@") for u in uses(deploy))


def test_every_action_is_pinned_to_a_commit() -> None:
    for name, job in all_jobs():
        for action in uses(job):
            assert PINNED.match(action), f"{name}: {action} is not pinned to a commit SHA"


def test_jobs_have_a_time_limit() -> None:
    for name, job in all_jobs():
        assert job.get("timeout-minutes"), f"{name}: a job without timeout-minutes"


def test_dependabot_watches_python_packages_and_actions() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in config["updates"]}
    assert {"pip", "github-actions"} <= ecosystems


def test_ci_script_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme
    assert re.search(r"^make test$", script, re.MULTILINE)


def test_the_literature_watch_runs_weekly_with_least_privilege() -> None:
    watch = load("watch.yml")
    assert watch["on"]["schedule"] and "workflow_dispatch" in watch["on"]
    assert watch["permissions"] == {"issues": "write", "contents": "read"}
    job = watch["jobs"]["watch"]
    assert "permissions" not in job, "the job must not widen the workflow's permissions"
    commands = runs(job)
    assert "-c .ci/requirements.txt -e ." in commands
    assert "vidensbank watch --out digest.md --json digest.json" in commands
    # One issue per ISO week: an open issue with the week's title is edited, else one is created.
    assert "%G-W%V" in commands and "gh issue edit" in commands and "gh issue create" in commands
    # Offline (exit 3) fails the watch step, so no later step may run regardless of the outcome.
    assert not any("always()" in str(step.get("if", "")) for step in steps(job))


@pytest.mark.parametrize(("path", "depends_on"), [
    # A fresh runner would otherwise draw every card's sharing image again on each run,
    (".cache/vidensbank/previews",
     ("scripts/vidensbank/previews.py", "docs/**/*.md", "mkdocs.yml")),
    # and check and format every card and work again.
    (".cache/vidensbank/memo", ("scripts/vidensbank/*.py", "docs/**/*.md", "research/**")),
])
def test_pull_requests_and_publishing_keep_images_and_results_between_runs(
        path: str, depends_on: tuple[str, ...]) -> None:
    for name, job in (("ci.yml", load("ci.yml")["jobs"]["kontrol"]),
                      ("publish.yml", load("publish.yml")["jobs"]["build"])):
        [cache] = [s for s in steps(job) if s.get("uses", "").startswith("actions/cache@")
                   and s["with"]["path"] == path]
        key = cache["with"]["key"]
        for part in depends_on:
            assert part in key, (name, part)
        assert key.startswith(cache["with"]["restore-keys"]), name
        names = [s.get("name", s.get("uses", "")) for s in steps(job)]
        first_build = next(i for i, s in enumerate(steps(job))
                           if "make check" in s.get("run", "") or ".ci/run" in s.get("run", ""))
        assert names.index(cache.get("name")) < first_build, name


def test_publishing_reads_the_git_history_of_the_cards() -> None:
    job = load("publish.yml")["jobs"]["build"]
    checkout = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@")][0]
    assert checkout["with"]["fetch-depth"] == 0  # the whole history, not one commit
    # In a container the checkout belongs to another user; git refuses it unless told.
    assert 'safe.directory "$GITHUB_WORKSPACE"' in runs(job)
