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
    folder, log = tmp_path / "memo", []
    first = Memo(folder)
    assert first.get("cards", b"a", computed(log, "A")) == "A"
    first.save()

    second = Memo(folder)  # a new process: read from disk
    assert second.get("cards", b"a", computed(log, "other")) == "A"
    assert second.get("cards", b"b", computed(log, "B")) == "B"
    assert log == ["A", "B"]


def test_a_save_keeps_what_the_run_used_and_the_tables_it_did_not_touch(tmp_path: Path) -> None:
    folder, log = tmp_path / "memo", []
    build = Memo(folder)
    build.get("cards", b"old", computed(log, "old"))
    build.get("bibtex", b"x", computed(log, "x"))
    build.save()

    check = Memo(folder)  # a run that edits one card and never formats BibTeX
    check.get("cards", b"new", computed(log, "new"))
    check.save()

    after = Memo(folder)
    assert after.get("cards", b"old", computed(log, "old again")) == "old again"
    assert after.get("bibtex", b"x", computed(log, "x again")) == "x"
    assert log == ["old", "x", "new", "old again"]


def test_a_second_save_in_a_run_writes_only_the_tables_changed_since(tmp_path: Path) -> None:
    # A build saves after its check and again after the pages: the check's tables are large.
    folder = tmp_path / "memo"
    build = Memo(folder)
    build.get("cards", b"a", lambda: "A")
    build.save()
    (folder / "cards.pickle").write_bytes(b"left as it was")
    build.get("cards", b"a", lambda: "not computed again")
    build.get("related", b"r", lambda: "R")
    build.save()
    assert (folder / "cards.pickle").read_bytes() == b"left as it was"
    assert Memo(folder).get("related", b"r", lambda: "again") == "R"


def test_nothing_is_written_before_a_run_passes_or_without_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "memo"
    Memo(folder).get("cards", b"a", lambda: "A")  # never saved, as after a failed check
    assert not folder.exists()
    assert Memo(None).get("cards", b"a", lambda: "A") == "A"


def test_a_damaged_memo_file_only_makes_the_run_slower(tmp_path: Path) -> None:
    folder = tmp_path / "memo"
    folder.mkdir()
    (folder / "cards.pickle").write_bytes(b"not a pickle")
    assert Memo(folder).get("cards", b"a", lambda: "A") == "A"


def test_a_save_removes_what_older_code_wrote(tmp_path: Path) -> None:
    older = tmp_path / "older-code"
    Memo(older).save()  # nothing used: nothing written
    assert not older.exists()
    first = Memo(older)
    first.get("cards", b"a", lambda: "A")
    first.save()
    assert (older / "cards.pickle").exists()
    (tmp_path / "single-file-memo.pickle").write_bytes(b"")  # the layout before tables had files

    current = Memo(tmp_path / "current-code")
    current.get("cards", b"a", lambda: "A")
    current.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current-code"]
