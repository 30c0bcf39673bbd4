"""Cards as a reader sees them: the facts box, the evidence rubric and the fields reference."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
import yaml

from tests.support.sitebuild import FIXTURE_CARDS as FIXTURES
from tests.support.sitebuild import ROOT, copy_repo
from vidensbank.cli import main
from vidensbank.content import Page
from vidensbank.frontmatter import Document

VOCABULARY = yaml.safe_load((ROOT / "research/vocabulary.yaml").read_text(encoding="utf-8"))


class _Box(HTMLParser):
    """Text and links inside the 'Kort fortalt' admonition, and all h2 headings with ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""
        self.links: list[str] = []
        self.h2: list[tuple[str, str]] = []
        self._h2_id: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self.depth:
            self.depth += tag == "div"
            if tag == "a":
                self.links.append(values.get("href", ""))
        elif tag == "div" and "admonition" in (values.get("class") or ""):
            self.depth = 1
        if tag == "h2":
            self._h2_id = values.get("id")
            self.h2.append((self._h2_id or "", ""))

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "h2":
            self._h2_id = None

    def handle_data(self, data):
        if self.depth:
            self.text += data
        if self._h2_id is not None:
            anchor, text = self.h2[-1]
            self.h2[-1] = (anchor, (text + data).replace("¶", ""))


def parse(page: Path) -> _Box:
    box = _Box()
    box.feed(page.read_text(encoding="utf-8"))
    return box


def test_a_card_opens_with_who_what_and_how_sure(test_cards_site: Path) -> None:
    box = parse(test_cards_site / "forskning/testkort-forskning/index.html")
    text = " ".join(box.text.split())
    assert text.startswith("Kort fortalt Et gyldigt forskningskort")
    for shown in ("Stress, angst og depression", "Sygedagpenge", "Kultur på recept",
                  "Mental trivsel", "Moderat", "Scoping review", "Senest gennemgået 1. juni 2026"):
        assert shown in text, shown
    # The country code "no" is Norway, not YAML 1.1's False.
    assert "Flere lande, Norge" in text
    assert text.index("Målgruppe") < text.index("Evidensniveau") < text.index("Land")


def test_the_box_says_what_the_sources_leave_open_and_what_a_tool_costs(
        test_cards_site: Path) -> None:
    example = " ".join(parse(test_cards_site / "eksempler/testkort-eksempel/index.html")
                       .text.split())
    assert "Status Ikke oplyst" in example  # the programme's sources do not say
    tool = " ".join(parse(test_cards_site / "metoder/testkort-instrument/index.html").text.split())
    assert "Dansk version Ja" in tool
    assert "Licens Gratis" in tool


def test_a_tools_box_says_what_it_measures_and_how(test_cards_site: Path) -> None:
    # What a museum educator compares tools on, each as written in the card's front matter.
    meta = yaml.safe_load((FIXTURES / "metoder/testkort-instrument.md").read_text("utf-8")
                          .split("---")[1])
    tool = " ".join(parse(test_cards_site / "metoder/testkort-instrument/index.html").text.split())
    for label, value in (("Måler", meta["measures"]), ("Antal spørgsmål", str(meta["items"])),
                         ("Svarskala", meta["response_scale"]),
                         ("Pointskala", meta["score_range"]), ("Tid", meta["time_to_complete"]),
                         ("Vilkår", meta["licence"]["terms"])):
        assert f"{label} {value}" in tool, label


def test_an_examples_box_gives_its_format(test_cards_site: Path) -> None:
    meta = yaml.safe_load((FIXTURES / "eksempler/testkort-eksempel.md").read_text("utf-8")
                          .split("---")[1])
    example = " ".join(parse(test_cards_site / "eksempler/testkort-eksempel/index.html")
                       .text.split())
    dose = meta["dose"]
    assert (f"Omfang {dose['weeks']} uger, {dose['sessions_per_week']} gang om ugen, "
            f"{dose['hours_per_session']} timer pr. gang") in example
    assert f"Hvem kan deltage {meta['criteria']}" in example
    assert "Pris Ikke oplyst" in example  # the fixture's sources do not give the cost


EXAMPLE = "docs/eksempler/testkort-eksempel.md"


@pytest.mark.parametrize("old,new,expected", [
    ("criteria: Sygemeldte borgere med let til moderat stress, angst eller depression\n", "",
     "fejl: feltet 'criteria' mangler"),
    ("weeks: 10,", "weeks: ikke-oplyst,", None),
    ("weeks: 10,", 'weeks: "ti",', "fejl: 'dose.weeks' skal være et tal større end 0, fx 10, "
     "eller 'ikke-oplyst'"),
    ("referral: [jobcenter]", "referral: [ikke-oplyst]", None),
    ("referral: [jobcenter]", "referral: [ikke-oplyst, jobcenter]",
     "fejl: 'referral[2]' kan ikke stå sammen med 'ikke-oplyst'"),
], ids=["uden-kriterier", "uger-ikke-oplyst", "uger-som-ord", "henvisning-ikke-oplyst",
        "ikke-oplyst-med-andet"])
def test_an_example_card_states_its_format_or_says_the_sources_are_silent(
        tmp_path: Path, capsys: pytest.CaptureFixture, old: str, new: str,
        expected: str | None) -> None:
    repo = copy_repo(tmp_path / "repo", only_test_cards=True)
    card = repo / EXAMPLE
    text = card.read_text(encoding="utf-8")
    assert old in text
    card.write_text(text.replace(old, new, 1), encoding="utf-8")
    code = main(["-C", str(repo), "check"])
    output = capsys.readouterr().out
    if expected is None:
        assert code == 0 and EXAMPLE not in output, output
    else:
        assert code == 1
        assert any(line.startswith(f"{EXAMPLE}:") and expected in line
                   for line in output.splitlines()), output


def test_the_evidence_level_links_to_its_definition(test_cards_site: Path) -> None:
    card = "forskning/testkort-forskning/"
    box = parse(test_cards_site / card / "index.html")
    [link] = [href for href in box.links if "evidensniveauer" in href]
    target = urlsplit(urljoin(f"https://x/{card}", link))
    rubric = parse(test_cards_site / target.path.strip("/") / "index.html")
    assert target.fragment == "moderat"
    assert ("moderat", "Moderat") in [(a, t.strip()) for a, t in rubric.h2]


def test_the_rubric_page_lists_the_levels_strongest_first(test_cards_site: Path) -> None:
    rubric = parse(test_cards_site / "hvad-virker/evidensniveauer/index.html")
    expected = [(t["id"], t["label"]) for t in VOCABULARY["evidence"]["terms"]]
    # The levels, then the rule that ties them to the designs.
    assert [(a, t.strip()) for a, t in rubric.h2] == [*expected, ("regel", "Reglen bag niveauet")]
    html = (test_cards_site / "hvad-virker/evidensniveauer/index.html").read_text(encoding="utf-8")
    for term in VOCABULARY["evidence"]["terms"]:
        assert term["definition"] in html


def test_the_fields_page_documents_every_field_and_term(test_cards_site: Path) -> None:
    html = (test_cards_site / "bidrag/felter/index.html").read_text(encoding="utf-8")
    shared = json.loads((ROOT / "research/schema/faelles.schema.json").read_text("utf-8"))
    for path in sorted((ROOT / "research/schema").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "x-folder" not in schema:
            continue
        section = html.split(f'id="{schema["properties"]["type"]["const"]}"', 1)[1]
        section = section.split("<h2", 1)[0]
        for name in {**shared["properties"], **schema["properties"]}:
            assert f"<code>{name}</code>" in section, (path.name, name)
        required = re.findall(r"<code>(\w+)</code></td>\s*<td>ja</td>", section)
        assert set(required) == set(schema["required"]), path.name
    for name, spec in VOCABULARY.items():
        for term in spec["terms"]:
            assert f"<code>{term['id']}</code>" in html, (name, term["id"])


def test_a_question_card_shows_the_question_it_answers(test_cards_site: Path) -> None:
    box = parse(test_cards_site / "spoergsmaal/testkort-tema/index.html")
    text = " ".join(box.text.split())
    assert "Spørgsmålet: Hvordan kan kultur hjælpe sygemeldte tilbage i et fællesskab?" in text


def test_front_matter_dates_are_read_one_way_for_cards_and_news() -> None:
    doc = Document({"added": date(2026, 1, 15), "reviewed": "2026-02-01", "date": "i går"}, "", 1)
    page = Page("nyt/post.md", "docs/nyt/post.md", doc)
    assert page.date_of("added") == date(2026, 1, 15)
    assert page.date_of("reviewed") == date(2026, 2, 1)
    assert page.date_of("date") is None and page.date_of("mangler") is None


def test_a_cards_title_is_a_heading_the_skip_link_can_target(test_cards_site: Path) -> None:
    html = (test_cards_site / "forskning/testkort-forskning/index.html").read_text("utf-8")
    heading = re.search(r'<h1 id="([^"]+)">Testkort om kultur på recept<a class="headerlink"',
                        html)
    assert heading, "the card's h1 has no id"
    assert re.search(rf'<a href="#{heading.group(1)}" class="md-skip">', html)
    # The title comes first, then "Kort fortalt"; nothing else is a first-level heading.
    assert html.index(heading.group(0)) < html.index('class="admonition abstract')
    assert html.count("<h1") == 1


def test_a_title_from_front_matter_is_shown_as_written() -> None:
    from vidensbank.assemble import with_title

    assert with_title("Tekst.", "Kultur & sundhed") == "# Kultur &amp; sundhed\n\nTekst."
    title = "C# <b> *ikke fed* [ikke et link](x) {: .x}"
    rendered = markdown.markdown(with_title("Tekst.", title), extensions=["attr_list"])
    assert rendered.startswith("<h1>C# &lt;b&gt; *ikke fed* [ikke et link](x) {: .x}</h1>")
    # A page that has its own '# Title' keeps it.
    assert with_title("\n# Egen titel\n\nTekst.", "Andet") == "\n# Egen titel\n\nTekst."
