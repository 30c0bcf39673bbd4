"""Use the site's search as a visitor does, and know when it has answered the query typed.

Material's search box updates on every keystroke, and its status line shows a placeholder before
the first answer, so neither "the status line is not empty" nor "a result is there" says that the
results belong to the whole query: on a slow machine they may be those for its first letters.
The search runs in a Web Worker that answers every query message (type 2) with exactly one result
message (type 3), in order. An init script wraps the Worker to record which query the latest
answer belongs to, and tests wait for the answer to the query they typed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

QUERY, RESULT = 2, 3  # Material's message types between the page and its search worker

_TRACK_ANSWERS = f"""
(() => {{
  const Native = window.Worker;
  const state = {{pending: [], answered: null}};
  window.__vbSearch = state;
  window.Worker = class extends Native {{
    constructor(...args) {{
      super(...args);
      this.addEventListener("message", event => {{
        if (event.data && event.data.type === {RESULT}) state.answered = state.pending.shift();
      }});
    }}
    postMessage(message, ...rest) {{
      if (message && message.type === {QUERY}) state.pending.push(message.data);
      return super.postMessage(message, ...rest);
    }}
  }};
}})();
"""

_ANSWERED = """query => {
  const state = window.__vbSearch;
  const box = document.querySelector("input.md-search__input");
  return !!state && state.pending.length === 0 && state.answered === query
    && !!box && box.value === query;
}"""


def track(page) -> None:
    """Record the search worker's answers on every page this tab opens (call before goto)."""
    page.add_init_script(_TRACK_ANSWERS)


def type_query(page, query: str) -> None:
    """Open search with the keyboard shortcut and type the query, key by key."""
    page.keyboard.press("/")  # Material's shortcut, as a keyboard user opens search
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type(query, delay=20)
    wait_for_answer(page, query)


def wait_for_answer(page, query: str) -> None:
    """Until the worker has answered exactly this query and no other is on its way."""
    page.wait_for_function(_ANSWERED, arg=query)


def result_count(page) -> int:
    """The number of results the status line reports for the answered query."""
    meta = page.locator(".md-search-result__meta").inner_text()
    found = re.match(r"(\d+)", meta)
    return int(found.group(1)) if found else 0  # "Ingen resultater fundet"


def result_paths(page, base_url: str) -> list[str]:
    """The paths of the results shown (Material renders the first ten at once)."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.href)")
    prefix = urlsplit(base_url).path
    return sorted({urlsplit(h).path.removeprefix(prefix) for h in hrefs})
