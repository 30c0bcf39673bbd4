"""Problems found in the content, formatted so a contributor knows where and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "fejl"
    WARNING = "advarsel"


@dataclass(frozen=True)
class Problem:
    """One problem at a place in a file: what is wrong and what to do about it (in Danish)."""

    path: str
    line: int
    message: str
    hint: str
    column: int = 1
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``path:line:column: fejl: what is wrong — what to do``."""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity.value}: "
            f"{self.message} — {self.hint}"
        )

    def github_annotation(self) -> str:
        """A workflow command that shows the problem on the pull request's diff."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        text = f"{self.message} — {self.hint}".replace("%", "%25").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.column}::{text}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
