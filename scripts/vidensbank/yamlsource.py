"""YAML with the positions of every field, so problems can point at the line a contributor wrote.

Booleans follow YAML 1.2 (only true/false): in YAML 1.1 the country code `no` (Norway) would
silently become False. Dates stay text, checked by the schema: PyYAML would crash on 2024-13-01.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


# libyaml's parser when PyYAML was built with it (the wheels are): parsing dominates a check.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        # Every card and extraction repeats the same field names; one copy of each name instead
        # of one per file saves memory in a large bank and in the memo (pickle shares them).
        return {sys.intern(k) if isinstance(k, str) else k: v
                for k, v in super().construct_mapping(node, deep).items()}


_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML problem at a 0-based line and column of the parsed text."""

    line: int
    column: int
    message: str
    hint: str


@dataclass
class Located:
    """Parsed data plus the 0-based (line, column) of each value and each mapping key."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)


def load(source: str) -> Located:
    """Parse one YAML document; raise YamlError with a position for any problem."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark is not None and mark.index >= len(source.rstrip()):
            # "Unexpected end": point at what was left open (e.g. '['), not at the end.
            mark = exc.context_mark
        raise YamlError(
            mark.line if mark else 0, mark.column if mark else 0,
            f"ikke gyldig YAML ({exc.problem or exc.context or 'ukendt fejl'})",
            "tjek indrykning, kolon efter feltnavnet og citationstegn omkring tekst med ':'",
        ) from exc
    finally:
        loader.dispose()
    located = Located(data)
    if node is not None:
        _walk(node, (), located)
    return located


def _walk(node: yaml.Node, path: Path_, located: Located) -> None:
    located.values[path] = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise YamlError(
                    key_node.start_mark.line, key_node.start_mark.column,
                    f"feltet '{key}' står to gange",
                    "slet den ene forekomst, eller slå værdierne sammen",
                )
            seen.add(key)
            located.keys[(*path, key)] = (key_node.start_mark.line, key_node.start_mark.column)
            _walk(value_node, (*path, key), located)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), located)
