"""Citations and links are found in prose, never in code, HTML comments or e-mail addresses."""

from vidensbank.markdown import BadCitation, Citation, citations, links


def keys(text: str) -> list[tuple[str, str | None]]:
    return [(c.key, c.locator) for c in citations(text) if isinstance(c, Citation)]


def test_citation_forms_with_locators_and_several_keys() -> None:
    text = "A [@fancourt2019]. B [@jensen2018; @bungay2010, s. 12]. C [@who:2019.a, kap. 3]."
    assert keys(text) == [("fancourt2019", None), ("jensen2018", None),
                          ("bungay2010", "s. 12"), ("who:2019.a", "kap. 3")]


def test_code_and_email_addresses_are_not_citations() -> None:
    text = (
        "Skriv til [kontakt@kommune.dk].\n"
        "Brug `[@ikke]` i tekst.\n"
        "```python\nx = '[@heller_ikke]'\n```\n"
        "~~~\n[@slet_ikke]\n~~~\n"
        "Men [@denne] tæller."
    )
    found = list(citations(text))
    assert [(c.key, c.line, c.column) for c in found] == [("denne", 8, 4)]


def test_a_malformed_citation_is_reported_not_dropped() -> None:
    [bad] = list(citations("Se [@fancourt2019 s. 12]."))
    assert isinstance(bad, BadCitation) and bad.text == "[@fancourt2019 s. 12]"


def test_links_and_images_with_their_positions() -> None:
    text = "Læs [mere](../forskning/a.md#x) og se ![foto](b.png \"titel\").\n`[ikke](c.md)`"
    assert [(link.target, link.line) for link in links(text)] == [
        ("../forskning/a.md#x", 0), ("b.png", 0)]


def test_html_comments_do_not_render_so_their_links_and_citations_are_not_read() -> None:
    text = ("Se [a](a.md) <!-- fx [b](b.md) [@b] --> og [@c].\n"
            "<!-- vejledning over\nflere linjer [d](d.md) [@d]\n-->  [e](e.md)\n"
            "```\n<!--\n```\n[f](f.md)")
    assert [(link.target, link.line, link.column) for link in links(text)] == [
        ("a.md", 0, 7), ("e.md", 3, 9), ("f.md", 7, 4)]
    assert keys(text) == [("c", None)]
