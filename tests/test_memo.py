"""What one run works out is reused by the next only for the same input (vidensbank/memo.py).

Whether a remembered result can hide a new problem is tested end to end in test_bad_input.py:
every broken case starts from the memo of a passing check of the same repository.
"""

from __future__ import annotations

from pathlib import Path

from vidensbank.memo import Memo


def computed(log: list[str], value: str):
    def compute() -> str:
        log.append(value)
        return value
    return compute


def test_the_next_run_reuses_a_result_for_the_same_key_only(tmp_path: Path) -> None:
    file, log = tmp_path / "memo.pickle", []
    first = Memo(file)
    assert first.get("cards", b"a", computed(log, "A")) == "A"
    first.save()

    second = Memo(file)  # a new process: read from disk
    assert second.get("cards", b"a", computed(log, "other")) == "A"
    assert second.get("cards", b"b", computed(log, "B")) == "B"
    assert log == ["A", "B"]


def test_a_save_keeps_what_the_run_used_and_the_tables_it_did_not_touch(tmp_path: Path) -> None:
    file, log = tmp_path / "memo.pickle", []
    build = Memo(file)
    build.get("cards", b"old", computed(log, "old"))
    build.get("bibtex", b"x", computed(log, "x"))
    build.save()

    check = Memo(file)  # a run that edits one card and never formats BibTeX
    check.get("cards", b"new", computed(log, "new"))
    check.save()

    after = Memo(file)
    assert after.get("cards", b"old", computed(log, "old again")) == "old again"
    assert after.get("bibtex", b"x", computed(log, "x again")) == "x"
    assert log == ["old", "x", "new", "old again"]


def test_nothing_is_written_before_a_run_passes_or_without_a_file(tmp_path: Path) -> None:
    file = tmp_path / "memo.pickle"
    Memo(file).get("cards", b"a", lambda: "A")  # never saved, as after a failed check
    assert not file.exists()
    assert Memo(None).get("cards", b"a", lambda: "A") == "A"


def test_a_damaged_memo_file_only_makes_the_run_slower(tmp_path: Path) -> None:
    file = tmp_path / "memo.pickle"
    file.write_bytes(b"not a pickle")
    assert Memo(file).get("cards", b"a", lambda: "A") == "A"


def test_a_save_removes_what_older_code_wrote(tmp_path: Path) -> None:
    older = tmp_path / "older-code.pickle"
    Memo(older).get("cards", b"a", lambda: "A")
    Memo(older).save()  # nothing used: nothing written
    first = Memo(older)
    first.get("cards", b"a", lambda: "A")
    first.save()
    assert older.exists()

    current = Memo(tmp_path / "current-code.pickle")
    current.get("cards", b"a", lambda: "A")
    current.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current-code.pickle"]
