"""Study extractions: what was read in each cited work and where it says it (research/extractions/).

One YAML file per bibliography key, shaped by research/schema/udtraek.schema.json, like the
extraction form of a systematic review. The provenance check (provenance.py) holds the cards'
figures and facts to these files; research cards show them as "Tal fra undersøgelsen".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from vidensbank import figures, memo, schemas, yamlsource
from vidensbank.problems import Problem, Severity
from vidensbank.repo import Repo

FOLDER = "extractions"
PLACEHOLDER = "UDFYLD"
SCHEMA = "udtraek.schema.json"
# Parts of an extraction that are not the source's own figures: what was read, when, and where.
_NOT_FIGURES = {"read", "notes", "locator", "as_of", "kind", "design", "country", "designs"}


@dataclass
class Extraction:
    key: str
    shown: str  # path as the contributor sees it
    data: dict[str, Any]
    text: str  # the file as written: parsed again for line numbers only when a problem needs one
    digest: str = ""  # of the text: what a remembered result depends on

    @cached_property
    def located(self) -> yamlsource.Located:
        return yamlsource.load(self.text)

    @cached_property
    def figures(self) -> set[Decimal]:
        """Every figure the extraction holds (not those in what was read, notes or locators)."""
        def held() -> set[Decimal]:
            return set(figures.values(_without(self.data, _NOT_FIGURES)))
        return memo.get("extraction-figures", self.digest, held) if self.digest else held()

    def fact(self, *path: str) -> Any:
        """The value of a fact (e.g. ``fact("instrument", "items")``), or None."""
        node = at(self.data, path)
        return node.get("value") if isinstance(node, dict) else None

    def line(self, path: tuple = ()) -> int:
        """1-based line of a field, or of its nearest parent that is there."""
        while path and path not in self.located.values:
            path = path[:-1]
        return self.located.values.get(path, (0, 0))[0] + 1


@dataclass
class Extractions:
    by_key: dict[str, Extraction] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, key: str) -> Extraction | None:
        return self.by_key.get(key)


def load(repo: Repo) -> Extractions:
    """Every extraction file. A file whose text was parsed before (same digest) is not parsed
    again: at 5,000 works, parsing is most of what a check costs."""
    found = Extractions()
    folder = repo.research / FOLDER
    where = repo.relative(folder)  # once: resolving 5,000 paths costs more than reading them
    for path in sorted(folder.glob("*.yaml")):
        shown = f"{where}/{path.name}"
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            found.problems.append(Problem(shown, 1, "filen er ikke gemt som UTF-8",
                                          "gem filen med tegnkodningen UTF-8"))
            continue
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        parsed = memo.get("extraction-yaml", digest, lambda text=text: _parsed(text))
        if isinstance(parsed, tuple):
            line, column, message, hint = parsed
            found.problems.append(Problem(shown, line + 1, message, hint, column=column + 1))
        elif not isinstance(parsed, dict):
            found.problems.append(Problem(shown, 1, "udtrækket er tomt eller ikke felter",
                                          "skriv felterne 'read' og 'kind' (se "
                                          "research/schema/udtraek.schema.json)"))
        else:
            found.by_key[path.stem] = Extraction(path.stem, shown, parsed, text, digest)
    return found


def _parsed(text: str) -> Any:
    """The file's data, or (line, column, message, hint) of its YAML error."""
    try:
        return yamlsource.load(text).data
    except yamlsource.YamlError as exc:
        return (exc.line, exc.column, exc.message, exc.hint)


def check(found: Extractions, validator: schemas.DocumentValidator, bib_keys: set[str],
          cited: set[str], world: str = "") -> list[Problem]:
    """Schema errors, files for works not in the bibliography, and cited works without one.
    ``world`` fingerprints what validation depends on besides the file (schema, vocabulary,
    bibliography keys); with it, an unchanged file is not validated again."""
    problems = list(found.problems)
    for key, extraction in sorted(found.by_key.items()):
        if key not in bib_keys:
            problems.append(Problem(extraction.shown, 1, f"'{key}' findes ikke i "
                                    "litteraturlisten", "giv filen samme navn som værkets "
                                    "nøgle i research/references.bib"))
        own = _unfilled(extraction)
        own += [Problem(extraction.shown, extraction.line(error.path), error.message, error.hint)
                for error in _validated(validator, extraction, world)]
        if key not in cited:
            # Only drafts cite it so far (as after 'vidensbank new forskning'): it may be
            # unfinished, like the draft, until a published card relies on it.
            own = [replace(p, severity=Severity.WARNING, message=f"kladde: {p.message}")
                   for p in own]
        problems += own
    for key in sorted(cited - set(found.by_key)):
        problems.append(Problem(f"research/{FOLDER}/{key}.yaml", 1,
                                f"værket '{key}' citeres, men har intet udtræk",
                                f"kør '.venv/bin/vidensbank udtraek {key}' og udfyld filen fra "
                                "kilden selv, med sidehenvisninger"))
    return problems


def skeleton(key: str, today: str, kind: str = "undersoegelse") -> str:
    """A new extraction to fill in from the source, with a comment on each part."""
    return f"""# Udtræk af {key}: hvad vidensbanken har læst i kilden, og hvor det står.
# Skemaet: research/schema/udtraek.schema.json. Hvert tal, et kort bruger fra kilden, skal stå
# her med et sted i kilden (locator: page, table, figure, section eller abstract: true).
# Skriv 'value: ikke-oplyst' (uden locator), når kilden ikke oplyser noget.
# Felter med UDFYLD skal udfyldes, før kontrollen godkender filen.
read:
  source: UDFYLD      # fuldtekst, abstract, organisationens-side, nyhedsartikel, sekundaer-kilde
  what: UDFYLD hvad der blev læst, fx 'artiklens fulde tekst, s. 1–12'
  date: {today}
kind: {kind}
design: UDFYLD        # et begreb fra 'designs' i research/vocabulary.yaml
country: []
population: {{value: ikke-oplyst}}
numbers:
  recruited: {{value: ikke-oplyst}}
  analysed: {{value: ikke-oplyst}}
  completed: {{value: ikke-oplyst}}
intervention:
  description: {{value: ikke-oplyst}}
  weeks: {{value: ikke-oplyst}}
  sessions_per_week: {{value: ikke-oplyst}}
  hours_per_session: {{value: ikke-oplyst}}
comparator: {{value: ikke-oplyst}}
follow_up: {{value: ikke-oplyst}}
instruments: []
results: []
#  - {{what: Kort beskrivelse, value: 12, unit: point, analysed: hvem, locator: {{page: 5}}}}
"""


def _validated(validator: schemas.DocumentValidator, extraction: Extraction,
               world: str) -> list[schemas.FieldError]:
    if not world or not extraction.digest:
        return validator.errors(extraction.data)
    return memo.get("extraction-schema", (world, extraction.digest),
                    lambda: validator.errors(extraction.data))


def at(data: Any, path: tuple) -> Any:
    """The value at ``path`` in nested mappings (front matter or an extraction), or None."""
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _unfilled(extraction: Extraction) -> list[Problem]:
    """A skeleton's placeholders left in: say which, before the schema's errors about them."""
    found: list[Problem] = []
    if PLACEHOLDER not in extraction.text:
        return found  # most files: no need to parse them again for positions
    for path, (line, column) in sorted(extraction.located.values.items(), key=lambda i: i[1]):
        node: Any = extraction.data
        for part in path:
            node = node[part]
        if isinstance(node, str) and PLACEHOLDER in node:
            found.append(Problem(extraction.shown, line + 1, f"'{_dotted(path)}' er ikke udfyldt",
                                 "skriv, hvad kilden siger (se kommentarerne i filen)",
                                 column=column + 1))
    return found


def _dotted(path: tuple) -> str:
    return ".".join(str(part + 1) if isinstance(part, int) else part for part in path)


def _without(data: Any, names: set[str]) -> Any:
    if isinstance(data, dict):
        return {k: _without(v, names) for k, v in data.items() if k not in names}
    if isinstance(data, list):
        return [_without(item, names) for item in data]
    return data
