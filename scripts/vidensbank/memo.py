"""Results kept between runs, keyed by everything they depend on (.cache/vidensbank/memo/).

A check or build asks ``memo.get(table, key, compute)``: the key is a digest of the inputs (a
card's text, the extraction files it cites, the schemas and term lists), so an entry can never
answer for inputs that changed. The folder is named after a digest of this package's own code and
the Python version, so new code starts from an empty memo instead of trusting old results.

Each table is its own file, read on first use and written only when the run changed it: a check
reads only what it needs, and a build saves its large tables right after the check, before the
pages take memory, and later writes only the small tables the pages added (pickling a whole
2,000-card memo at once took 60 MB on top of the build's peak).

Only a run that passed saves (``save``): a check that fails must leave every file as it was, and a
half-checked bank must not vouch for anything. A save keeps, of each table the run used, only the
entries it used, so a file holds one bank's worth and does not grow with every edit.
``mkdocs serve`` keeps the memo in memory between rebuilds and reads each file once.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

FOLDER = Path(".cache") / "vidensbank" / "memo"
T = TypeVar("T")


class Memo:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._tables: dict[str, dict[Hashable, Any]] = {}  # as read from, or last written to, disk
        self.start()

    def start(self) -> None:
        """A new run begins: what it uses is what the next save keeps."""
        self._used: dict[str, dict[Hashable, Any]] = {}
        self._changed: set[str] = set()  # tables with entries computed since the last save

    def get(self, table: str, key: Hashable, compute: Callable[[], T]) -> T:
        used = self._used.setdefault(table, {})
        if key in used:
            return used[key]
        stored = self._table(table)
        if key in stored:
            value = stored[key]
        else:
            value = stored[key] = compute()
            self._changed.add(table)
        used[key] = value
        return value

    def _table(self, name: str) -> dict[Hashable, Any]:
        if name not in self._tables:
            self._tables[name] = _read(self.folder / f"{name}.pickle") if self.folder else {}
        return self._tables[name]

    def save(self) -> bool:
        """Write each table this run changed, or used less of than the file holds, with only
        the entries the run used. Tables it did not use keep their files (a check uses fewer
        than a build). Whether anything was written."""
        if self.folder is None or not self._used:
            return False
        written = False
        for name, used in self._used.items():
            if name not in self._changed and len(used) == len(self._tables.get(name, {})):
                continue
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.folder / f"{name}.pickle", used)
            self._tables[name] = dict(used)
            written = True
        self._changed = set()
        for other in self.folder.parent.iterdir():
            if other != self.folder:  # written by older code: never read again
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink(missing_ok=True)
        return written


    def release(self) -> None:
        """Forget the tables in memory (the files stay): a build that has saved needs them no
        more, and its pages need the memory. A later ``get`` reads its table again."""
        self._tables = {}
        self.start()


def _read(file: Path) -> dict[Hashable, Any]:
    try:
        with file.open("rb") as stream:
            table = pickle.load(stream)  # noqa: S301 (our own cache, our code)
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError,
            ValueError):
        return {}  # a damaged or foreign cache is only a slower run
    return table if isinstance(table, dict) else {}


def _write(file: Path, table: dict[Hashable, Any]) -> None:
    handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(table, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_current = Memo(None)  # until a repository is opened (unit tests of one function)


def open_for(root: Path) -> Memo:
    """The memo of the repository at ``root``, made the one ``get`` uses. Read from disk once
    while the process works on the same repository (``mkdocs serve``); only one is held."""
    global _current
    folder = root.resolve() / FOLDER / code_version()
    if _current.folder != folder:
        _current = Memo(folder)
    _current.start()
    return _current


def get(table: str, key: Hashable, compute: Callable[[], T]) -> T:
    """The stored result for ``key`` in ``table``, or ``compute()`` stored under it."""
    return _current.get(table, key, compute)


def save() -> bool:
    return _current.save()


def release() -> None:
    _current.release()


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
