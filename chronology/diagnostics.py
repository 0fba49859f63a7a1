"""Diagnostics: the problems the checker finds, located in a file, and their three output formats."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop a build; warnings stop it only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one file.

    ``line`` and ``column`` count from 1; 0 means the problem concerns the whole file.
    ``path`` is relative to the project root, with forward slashes, so messages read the same
    on every machine and GitHub can attach them to the changed lines.
    """

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    hint: str | None = None

    def text(self) -> str:
        """The diagnostic as one compiler-style line: ``path:line:column: error[rule]: message``.

        Always one line, whatever the quoted text holds: line breaks and every other unprintable
        character are written as escapes (``\\n``, ``\\x7f``), so no quote can print a line that
        looks like another diagnostic.
        """
        out = f"{self.path}:{self.line}:{self.column}: {self.severity.value}[{self.rule}]: {self.message}"
        if self.hint:
            out += f" ({self.hint})"
        return one_line(out)

    def github(self) -> str:
        """The diagnostic as a GitHub Actions workflow command, shown on the file's line in a pull request."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        message = self.message + (f" ({self.hint})" if self.hint else "")
        props = [f"file={_escape_property(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.column:
            props.append(f"col={self.column}")
        props.append(f"title={_escape_property(self.rule)}")
        return f"::{kind} {','.join(props)}::{_escape_data(message)}"

    def as_dict(self) -> dict[str, object]:
        """The diagnostic as plain data for ``--format json``."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters as Python-style escapes; spaces kept."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_data(value: str) -> str:
    # GitHub's workflow-command escaping: without it a newline or '%' in a message ends the command early.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def count(number: int, noun: str) -> str:
    """``1 event``, ``2 events``, ``10,000 events``: a number with its noun, in English."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


#: How many warnings of one rule a build's log shows; it counts the rest (``build.py check`` lists them all).
LOGGED_PER_RULE = 10


def logged(warnings: Iterable[Diagnostic], per_rule: int = LOGGED_PER_RULE) -> list[str]:
    """The lines a build logs for ``warnings``: the first ``per_rule`` of each rule, in their order,
    then a line for each rule with more, counting them. A chronology of thousands of records can
    have a warning for most of them (10,000 events generated for the benchmark: 1,400 places with
    no coordinates), which would bury the build's own messages; ``check`` still lists every one."""
    seen: Counter[str] = Counter()
    lines = []
    for warning in warnings:
        seen[warning.rule] += 1
        if seen[warning.rule] <= per_rule:
            lines.append(warning.text())
    for rule, number in sorted(seen.items()):
        if number > per_rule:
            lines.append(
                f"warning[{rule}]: {number - per_rule:,} more not shown ({number:,} in all); "
                "'python build.py check' lists every one"
            )
    return lines


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    """Order diagnostics by file and position, so output is stable from run to run."""
    return (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.rule, diagnostic.message)


def render(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    """All diagnostics in one of the formats ``text``, ``github`` or ``json``."""
    items = sorted(diagnostics, key=sort_key)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.github() for d in items)
    return "\n".join(d.text() for d in items)


class Collector:
    """Gathers diagnostics from every stage, so that one run reports every problem at once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, path: str, line: int, column: int, rule: str, message: str, hint: str | None = None) -> None:
        """Record an error."""
        self.items.append(Diagnostic(path, line, column, Severity.ERROR, rule, message, hint))

    def warning(self, path: str, line: int, column: int, rule: str, message: str, hint: str | None = None) -> None:
        """Record a warning."""
        self.items.append(Diagnostic(path, line, column, Severity.WARNING, rule, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors recorded so far."""
        return [d for d in self.items if d.severity is Severity.ERROR]
