"""The benchmark's synthetic bank is a valid bank: it passes the same check as real content."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.sitebuild import ROOT
from vidensbank import bench
from vidensbank.bank import load
from vidensbank.check import run
from vidensbank.problems import errors
from vidensbank.repo import Repo


def test_generated_cards_of_every_type_pass_the_check(tmp_path: Path) -> None:
    bank = bench.bank_in(tmp_path / "bank", Repo(ROOT), cards=40, entries=60)
    loaded = load(Repo(bank))
    assert not errors(run(loaded)), [p.format() for p in errors(run(loaded))]
    types = {card.type.name for card in loaded.catalogue.cards}
    assert types == {"forskning", "eksempel", "metode", "tema"}
    assert len(loaded.catalogue.cards) == 40
    assert len(loaded.bibliography.keys) == 60
    for card in loaded.catalogue.cards:
        words = len(card.page.body.split())
        assert 550 <= words <= 700, (card.page.src, words)
        assert len(card.page.body.split("[@")) - 1 == 5


def test_the_baseline_is_the_same_site_without_our_hooks(tmp_path: Path) -> None:
    bank = bench.bank_in(tmp_path / "bank", Repo(ROOT), cards=4, entries=10)
    lines = [line for line in bench.baseline_config(bank).read_text("utf-8").splitlines()
             if not line.lstrip().startswith("#")]
    config = "\n".join(lines)
    assert not re.search(r"^hooks:", config, re.MULTILINE) and "hooks.py" not in config
    assert "litteratur/index.md" not in config and "kort/index.md" not in config
    assert "forskning/index.md" in config and "- search:" in config


def test_the_real_bank_is_copied_whole_and_counted(tmp_path: Path) -> None:
    bank, cards, entries = bench.real_bank_in(tmp_path / "real", Repo(ROOT))
    real = Repo(ROOT)
    expected = sum(1 for section in ("forskning", "eksempler", "metoder", "spoergsmaal")
                   for p in (real.root / "docs" / section).glob("*.md") if p.name != "index.md")
    assert cards == expected and cards > 0
    assert entries == len(load(real).bibliography.keys)
    assert not (bank / ".cache").exists()  # the first build is cold


def test_a_save_is_timed_until_the_served_page_shows_it(tmp_path: Path) -> None:
    bank = bench.bank_in(tmp_path / "bank", Repo(ROOT), cards=4, entries=10)
    card = bench._first_card(bank)
    before = card.read_text("utf-8")
    times = bench.save_to_rebuilt(bank, bench.baseline_config(bank).name, saves=2)
    assert len(times) == 2 and all(t > 0 for t in times)
    assert card.read_text("utf-8") == before  # the card is left as it was
