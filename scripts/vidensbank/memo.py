"""Results kept between runs, keyed by everything they depend on (.cache/vidensbank/memo/).

A check or build asks ``memo.get(table, key, compute)``: the key is a digest of the inputs (a
card's text, the extraction files it cites, the schemas and term lists), so an entry can never
answer for inputs that changed. The file is named after a digest of this package's own code and
the Python version, so new code starts from an empty memo instead of trusting old results.

Only a run that passed saves (``save``): a check that fails must leave every file as it was, and a
half-checked bank must not vouch for anything. A save keeps, of each table the run used, only the
entries it used, so the file holds one bank's worth and does not grow with every edit.
``mkdocs serve`` keeps the memo in memory between rebuilds and reads the file once.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

FOLDER = Path(".cache") / "vidensbank" / "memo"
T = TypeVar("T")


class Memo:
    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._tables: dict[str, dict[Hashable, Any]] = {}
        if file is not None and file.exists():
            try:
                with file.open("rb") as stream:
                    self._tables = pickle.load(stream)  # noqa: S301 (our own cache, our code)
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                    TypeError, ValueError):
                self._tables = {}  # a damaged or foreign cache is only a slower run
        self._on_disk = _sizes(self._tables)
        self.start()

    def start(self) -> None:
        """A new run begins: what it uses is what the next save keeps."""
        self._used: dict[str, dict[Hashable, Any]] = {}
        self._computed = False

    def get(self, table: str, key: Hashable, compute: Callable[[], T]) -> T:
        used = self._used.setdefault(table, {})
        if key in used:
            return used[key]
        stored = self._tables.setdefault(table, {})
        if key in stored:
            value = stored[key]
        else:
            value = stored[key] = compute()
            self._computed = True
        used[key] = value
        return value

    def save(self) -> None:
        """Keep, for the next run, what this run has used so far of each table it used, and the
        tables it did not use (a check uses fewer than a build). Nothing is written when the
        file already holds exactly that."""
        if self.file is None or not self._used:
            return
        keep = {name: self._used.get(name) or entries for name, entries in self._tables.items()}
        if not self._computed and _sizes(keep) == self._on_disk:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(keep, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._tables, self._on_disk, self._computed = keep, _sizes(keep), False
        for other in self.file.parent.glob("*.pickle"):
            if other != self.file:
                other.unlink(missing_ok=True)  # written by older code: never read again


def _sizes(tables: dict[str, dict]) -> dict[str, int]:
    return {name: len(entries) for name, entries in tables.items() if entries}


_current = Memo(None)  # until a repository is opened (unit tests of one function)


def open_for(root: Path) -> Memo:
    """The memo of the repository at ``root``, made the one ``get`` uses. Read from disk once
    while the process works on the same repository (``mkdocs serve``); only one is held."""
    global _current
    file = root.resolve() / FOLDER / f"{code_version()}.pickle"
    if _current.file != file:
        _current = Memo(file)
    _current.start()
    return _current


def get(table: str, key: Hashable, compute: Callable[[], T]) -> T:
    """The stored result for ``key`` in ``table``, or ``compute()`` stored under it."""
    return _current.get(table, key, compute)


def save() -> None:
    _current.save()


def digest(*parts: object) -> bytes:
    """A short digest of values whose repr() is stable (strings, numbers, tuples, lists, dicts)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


@cache
def code_version() -> str:
    """A digest of this package's source and the Python version: what every result depends on."""
    h = hashlib.blake2b(sys.version.encode("utf-8"), digest_size=12)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode("utf-8"))
        h.update(path.read_bytes())
    return h.hexdigest()
