"""Paths of the pinned test tools from tests/browser_deps (installed by `make test`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DEPS = Path(__file__).resolve().parents[1] / "browser_deps" / "node_modules"
AXE = DEPS / "axe-core" / "axe.min.js"
VNU = DEPS / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y_CI = DEPS / "pa11y-ci" / "bin" / "pa11y-ci.js"
LIGHTHOUSE = DEPS / "lighthouse" / "core" / "index.js"
# Our runner of several pages with one browser; it imports LIGHTHOUSE from DEPS.
LIGHTHOUSE_PAGES = DEPS.parent / "lighthouse-pages.mjs"


def require(path: Path) -> Path:
    """A missing tool fails the test with what to do; it is never skipped."""
    if not path.is_file():
        pytest.fail(f"{path.name} mangler. Kør 'make test', som installerer testværktøjerne "
                    "(npm ci i tests/browser_deps).", pytrace=False)
    return path


def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail("Java mangler til HTML-valideringen. Installér den på Debian med: "
                    "sudo apt-get install openjdk-17-jre-headless", pytrace=False)
    return found


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("Node.js mangler til tilgængelighedsværktøjerne. Installér det på Debian med: "
                    "sudo apt-get install nodejs npm", pytrace=False)
    return found
