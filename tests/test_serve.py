"""`make serve` as a contributor sees it: each of our messages once, nothing that is normal.

A contributor saves a card many times an hour. If every rebuild repeated the same warnings and
MkDocs' list of pages outside the menu, she would stop reading the log and miss the one line
that matters.
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.sitebuild import build_env, copy_repo

# What MkDocs itself prints around a rebuild; anything else on a clean rebuild is noise.
MKDOCS_OWN = ("Detected file changes", "Building documentation...", "Documentation built in",
              "Reloading browsers", "Cleaning site directory")
# Bounds how long a line that never comes is waited for; the test waits for lines, not time.
NO_LINE_AFTER_S = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Log:
    """The serve process's output, line by line, as it comes."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def until(self, done: Callable[[str], bool]) -> list[str]:
        """The lines up to and including the first for which ``done`` holds."""
        seen = []
        while True:
            try:
                line = self._queue.get(timeout=NO_LINE_AFTER_S)
            except queue.Empty as exc:
                raise AssertionError(f"mkdocs serve stopped talking; so far: {seen}") from exc
            if line is None:
                raise AssertionError(f"mkdocs serve ended; it said: {self.lines + seen}")
            seen.append(line)
            if done(line):
                self.lines += seen
                return seen


@contextmanager
def serving(repo: Path) -> Iterator[Log]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}",
         "--livereload"],
        cwd=repo, env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield Log(process)
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_a_rebuild_prints_nothing_but_mkdocs_own_lines(tmp_path: Path) -> None:
    # The test cards' addresses are not registered yet: a warning the first build shows.
    repo = copy_repo(tmp_path / "repo", with_cards=True)
    with serving(repo) as log:
        first = log.until(lambda line: "Serving on" in line)
        card = repo / "docs" / "forskning" / "testkort-forskning.md"
        card.write_text(card.read_text(encoding="utf-8") + "\nEn ny sætning.\n", "utf-8")
        rebuild = log.until(lambda line: "Reloading browsers" in line)

    ours = [line for line in first if "advarsel:" in line]
    assert ours, f"the first build should show the bank's warnings once:\n{first}"
    assert len(ours) == len(set(ours))
    assert not [line for line in first if "not included in the" in line]
    noise = [line for line in rebuild if not any(own in line for own in MKDOCS_OWN)]
    assert not noise, "a clean rebuild printed:\n" + "\n".join(noise)
