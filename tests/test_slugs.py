"""Anchors and URLs stay readable for Danish titles."""

from vidensbank.slugs import slugify


def test_danish_letters_are_transliterated_not_dropped() -> None:
    assert slugify("Hvorfor et netværk?") == "hvorfor-et-netvaerk"
    assert slugify("Sådan vælger I et værktøj") == "saadan-vaelger-i-et-vaerktoej"
    assert slugify("Ærø — Øster Åby") == "aeroe-oester-aaby"


def test_other_accents_and_punctuation_are_folded() -> None:
    assert slugify("Café-møde: 12 uger (pilot)") == "cafe-moede-12-uger-pilot"
    assert slugify("Kultur på recept", separator="_") == "kultur_paa_recept"
