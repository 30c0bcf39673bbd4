"""The controlled vocabularies in research/vocabulary.yaml: every list a card's terms come from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vidensbank import yamlsource
from vidensbank.problems import Problem
from vidensbank.repo import Repo
from vidensbank.slugs import is_slug, slugify

VOCABULARY_FILE = "vocabulary.yaml"


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class TermList:
    name: str
    label: str
    terms: dict[str, Term]  # in file order (the evidence rubric: strongest first)

    def label_of(self, term_id: str) -> str:
        term = self.terms.get(term_id)
        return term.label if term else term_id


@dataclass
class Vocabulary:
    lists: dict[str, TermList] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __getitem__(self, name: str) -> TermList:
        return self.lists[name]

    def get(self, name: str) -> TermList | None:
        return self.lists.get(name)

    def list_for(self, spec: Mapping[str, Any]) -> TermList | None:
        """The list a schema field takes its terms from: its own ``x-vocabulary``, or for a list
        field its items'. None if it names none or one vocabulary.yaml lacks."""
        items = spec.get("items")
        name = spec.get("x-vocabulary") or (items.get("x-vocabulary")
                                            if isinstance(items, Mapping) else None)
        return self.lists.get(name) if isinstance(name, str) else None


def load(repo: Repo) -> Vocabulary:
    path = repo.research / VOCABULARY_FILE
    shown = repo.relative(path)
    vocabulary = Vocabulary()
    if not path.is_file():
        vocabulary.problems.append(Problem(
            shown, 1, "filen med kontrollerede ordlister mangler",
            "gendan research/vocabulary.yaml fra git",
        ))
        return vocabulary
    try:
        located = yamlsource.load(path.read_text(encoding="utf-8"))
    except yamlsource.YamlError as exc:
        vocabulary.problems.append(
            Problem(shown, exc.line + 1, exc.message, exc.hint, column=exc.column + 1)
        )
        return vocabulary
    except UnicodeDecodeError:
        vocabulary.problems.append(
            Problem(shown, 1, "filen er ikke gemt som UTF-8", "gem filen som UTF-8")
        )
        return vocabulary
    _read_lists(located, shown, vocabulary)
    return vocabulary


def _read_lists(located: yamlsource.Located, shown: str, vocabulary: Vocabulary) -> None:
    def problem(path: tuple, message: str, hint: str) -> None:
        line, column = located.values.get(path, (0, 0))
        vocabulary.problems.append(Problem(shown, line + 1, message, hint, column=column + 1))

    if not isinstance(located.data, dict):
        problem((), "ordlisterne skal være navngivne lister", "se opbygningen øverst i filen")
        return
    for name, spec in located.data.items():
        terms: dict[str, Term] = {}
        raw_terms = spec.get("terms") if isinstance(spec, dict) else None
        if not isinstance(raw_terms, list) or not spec.get("label"):
            problem((name,), f"ordlisten '{name}' skal have 'label' og en liste 'terms'",
                    "kopiér opbygningen fra en af de andre ordlister")
            continue
        for index, raw in enumerate(raw_terms):
            term = _term(raw)
            if term is None:
                problem((name, "terms", index), f"et begreb i '{name}' mangler id, label eller "
                        "definition", "skriv id (små bogstaver og bindestreger), label og "
                        "definition")
            elif not is_slug(term.id):
                problem((name, "terms", index), f"id '{term.id}' i '{name}' er ikke et gyldigt "
                        "id", f"skriv fx '{slugify(term.id)}' (små bogstaver og bindestreger)")
            elif term.id in terms:
                problem((name, "terms", index), f"begrebet '{term.id}' står to gange i '{name}'",
                        "slet den ene forekomst")
            else:
                terms[term.id] = term
        vocabulary.lists[name] = TermList(name, str(spec["label"]), terms)


def _term(raw: object) -> Term | None:
    if not isinstance(raw, dict):
        return None
    values = [raw.get(key) for key in ("id", "label", "definition")]
    if not all(isinstance(value, str) and value.strip() for value in values):
        return None
    return Term(*(value.strip() for value in values))
