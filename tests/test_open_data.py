"""The bank as open data, and each study's figures on its card: what a researcher re-uses."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml

from tests.support.sitebuild import ROOT, TEST_SITE_URL
from vidensbank import frontmatter

CARDS = [p for folder in ("forskning", "metoder", "eksempler", "spoergsmaal")
         for p in sorted((ROOT / "docs" / folder).glob("*.md")) if p.name != "index.md"]


def test_kort_json_has_every_card_with_its_address_and_front_matter(site: Path) -> None:
    data = json.loads((site / "data/kort.json").read_text(encoding="utf-8"))
    assert data["licens"] and data["licens_url"].startswith("https://")
    by_url = {record["url"]: record for record in data["kort"]}
    assert len(by_url) == len(CARDS)
    for path in CARDS:
        meta = frontmatter.parse(path.read_text(encoding="utf-8")).meta
        url = f"{TEST_SITE_URL}{path.parent.name}/{path.stem}/"
        assert by_url[url]["front_matter"]["title"] == meta["title"]
        assert by_url[url]["front_matter"].get("references") == meta.get("references")
        assert (site / path.parent.name / path.stem / "index.html").exists()


def test_studier_csv_has_one_row_per_extracted_result_with_documented_columns(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "data/studier.csv").read_text("utf-8"))))
    page = (site / "data/index.html").read_text(encoding="utf-8")
    documented = re.findall(r"<td><code>(\w+)</code></td>", page)
    assert list(rows[0]) == documented
    expected = 0
    for path in sorted((ROOT / "research/extractions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        results = [r for r in data.get("results") or [] if isinstance(r, dict)]
        mine = [row for row in rows if row["noegle"] == path.stem]
        assert len(mine) == len(results), path.name
        for row, result in zip(mine, results, strict=True):
            assert row["hvad"] == result["what"]
            assert row["vaerdi"] == str(result["value"])
        expected += len(results)
    assert len(rows) == expected > 100


def test_open_data_is_linked_from_every_page_footer_and_from_the_map(site: Path) -> None:
    for page in ("index.html", "forskning/clift-2010-korsang/index.html", "data/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        footer = html.split('class="vb-footer-links"', 1)[1].split("</nav>", 1)[0]
        assert ">Åbne data</a>" in footer, page
    overview = (site / "hvad-virker/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./data/">åbne data</a>', overview)


def test_a_research_card_shows_its_studys_figures_with_where_they_stand(site: Path) -> None:
    data = yaml.safe_load((ROOT / "research/extractions/clift2010.yaml").read_text("utf-8"))
    html = (site / "forskning/clift-2010-korsang/index.html").read_text(encoding="utf-8")
    section = html.split('id="tal"', 1)[1].split("<h2", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<td>(.*?)</td>", section, re.S)]
    for result in data["results"]:
        if isinstance(result["value"], int):
            row = cells.index(result["what"])
            assert cells[row + 1].startswith(f"{result['value']:,}".replace(",", "."))
            assert cells[row + 2] in ("resuméet", f"s. {result['locator'].get('page')}")


def test_the_rubric_shows_the_rule_the_check_applies(site: Path) -> None:
    html = (site / "hvad-virker/evidensniveauer/index.html").read_text(encoding="utf-8")
    rule = html.split('id="regel"', 1)[1]
    rows = {re.sub(r"<[^>]+>", "", first).strip(): second
            for first, second in re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", rule, re.S)}
    assert "systematisk review med mindst 2" in rows["Stærk"]
    for words in ("randomiseret kontrolleret forsøg", "kohorteundersøgelse"):
        assert words in rows["Moderat"]
    for words in ("før-efter-undersøgelse", "tværsnitsundersøgelse"):
        assert words in rows["Begrænset"]
    assert "kvalitativ undersøgelse" in rows["Erfaringsbaseret"]
