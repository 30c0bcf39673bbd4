"""Rendered HTML, fixed for the keyboard: code blocks and wide tables take focus, the contents
toggle has a name."""

from vidensbank.accessible import focusable_code, named_toc_toggle, scrolling_tables


def test_every_code_block_takes_focus_where_it_scrolls() -> None:
    html = ('<pre><code>a</code></pre>'
            '<div class="highlight"><pre><span></span><code class="language-yaml">b</code></pre>'
            '</div><p>Brug <code>c</code> i tekst.</p>')
    assert focusable_code(html) == (
        '<pre><code tabindex="0">a</code></pre>'
        '<div class="highlight"><pre><span></span><code tabindex="0" class="language-yaml">b'
        '</code></pre></div><p>Brug <code>c</code> i tekst.</p>')


def test_a_code_block_that_already_takes_focus_is_left_alone() -> None:
    html = '<pre><code tabindex="-1">a</code></pre>'
    assert focusable_code(html) == html
    assert focusable_code(focusable_code("<pre><code>a</code></pre>")).count("tabindex") == 1


def test_the_table_of_contents_toggle_gets_a_danish_name() -> None:
    html = ('<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
            '<input type="checkbox" id="__drawer">')
    assert named_toc_toggle(html) == (
        '<input aria-label="Indholdsfortegnelse" class="md-nav__toggle md-toggle" '
        'type="checkbox" id="__toc"><input type="checkbox" id="__drawer">')
    assert named_toc_toggle(named_toc_toggle(html)) == named_toc_toggle(html)


def test_each_table_scrolls_in_a_box_named_after_its_heading() -> None:
    html = ('<h2 id="a">Felter for <code>forskning</code><a class="headerlink" href="#a">¶</a>'
            '</h2><table><tr><td>1</td></tr></table><p>x</p><table><tr><td>2</td></tr></table>')
    assert scrolling_tables(html) == (
        '<h2 id="a">Felter for <code>forskning</code><a class="headerlink" href="#a">¶</a>'
        '</h2><div class="vb-table" role="region" tabindex="0" aria-label="Tabel: Felter for '
        'forskning"><table><tr><td>1</td></tr></table></div><p>x</p>'
        '<div class="vb-table" role="region" tabindex="0" aria-label="Tabel: Felter for '
        'forskning"><table><tr><td>2</td></tr></table></div>')


def test_a_table_already_in_a_named_box_or_without_heading_is_handled() -> None:
    mapped = ('<div class="vb-map" role="region" aria-labelledby="m" tabindex="0">'
              '<table><caption id="m">Kort</caption></table></div>')
    assert scrolling_tables(mapped) == mapped
    assert scrolling_tables("<table></table>") == (
        '<div class="vb-table" role="region" tabindex="0" aria-label="Tabel"><table></table></div>')
