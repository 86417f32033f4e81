"""Read PyYAML's composed nodes, collecting every problem with its line and column.

Nodes, unlike the plain dicts `yaml.safe_load` returns, keep their position, so a problem deep
inside a step still points at its own line and column. Readers never raise: each returns the
value, or None after recording a problem, so one pass finds every mistake in a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from autohelper.messages import t
from autohelper.scenario.model import MAX_SECONDS, Position

Node = yaml.Node
Entries = dict[str, tuple[Node, Node]]  # key -> (key node, value node)


def key_name(key: Node) -> str:
    """A mapping key as written: its text, or `[…]`/`{…}` for a list or mapping used as a key."""
    if isinstance(key, yaml.ScalarNode):
        return str(key.value)
    return "[…]" if isinstance(key, yaml.SequenceNode) else "{…}"


def did_you_mean(word: str, options: Iterable[str], lang: str | None = None) -> str:
    """The " (did you mean 'x'?)" suffix for the closest option, or "" when none is close."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return t("scenario.hint", lang, name=close[0]) if close else ""


class NodeReader:
    """Reads the generic shapes (mappings, lists, scalars) of one file's nodes."""

    def __init__(self, file: str, lang: str | None) -> None:
        self.file, self.lang = file, lang
        self.problems: list[tuple[int, int, str]] = []  # 0-based line, column; message
        self.values = yaml.constructor.SafeConstructor()  # YAML's own scalar typing (bool, int)

    def problem(self, line: int, column: int, message: str, /, **params: Any) -> None:
        """Record a problem at a 0-based position (for errors that come without a node)."""
        self.problems.append((line, column, t(message, self.lang, **params)))

    def fail(self, node: Node, message: str, /, **params: Any) -> None:
        self.problem(node.start_mark.line, node.start_mark.column, message, **params)

    def report(self) -> list[str]:
        """The problems as `file:line:column: message` (1-based), in the order of the file."""
        problems = sorted(self.problems, key=lambda p: (p[0], p[1]))
        return [f"{self.file}:{line + 1}:{col + 1}: {message}" for line, col, message in problems]

    def hint(self, word: str, options: Iterable[str]) -> str:
        return did_you_mean(word, options, self.lang)

    def pos(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def mapping(self, node: Node, allowed: Sequence[str], required: Iterable[str] = ()) -> Entries:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return {}
        entries: Entries = {}
        for key, value in node.value:
            name = key_name(key)
            if name not in allowed:
                self.fail(key, "scenario.unknown_key", key=name, hint=self.hint(name, allowed))
            elif name in entries:
                self.fail(key, "scenario.duplicate_key", key=name)
            else:
                entries[name] = (key, value)
        for name in required:
            if name not in entries:
                self.fail(node, "scenario.missing_key", key=name)
        return entries

    def sequence(self, node: Node, empty: bool = False) -> list[Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, "scenario.expected_list")
            return []
        if not node.value and not empty:
            self.fail(node, "scenario.empty_list")
        return list(node.value)

    def scalar(self, node: Node) -> Any:
        return self.values.construct_object(node) if isinstance(node, yaml.ScalarNode) else None

    def string(self, node: Node, empty: bool = False) -> str | None:
        value = self.scalar(node)
        if isinstance(value, str) and (empty or value.strip()):
            return value
        self.fail(node, "scenario.expected_text")
        return None

    def boolean(self, node: Node) -> bool | None:
        value = self.scalar(node)
        if isinstance(value, bool):
            return value
        self.fail(node, "scenario.expected_bool")
        return None

    def seconds(self, node: Node) -> float | None:
        value = self.scalar(node)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and 0 < value <= MAX_SECONDS:
            return float(value)
        self.fail(node, "scenario.expected_seconds", high=int(MAX_SECONDS))
        return None

    def regex(self, node: Node) -> str | None:
        pattern = self.string(node)
        try:
            return re.compile(pattern).pattern if pattern is not None else None
        except re.error as exc:
            self.fail(node, "scenario.bad_regex", pattern=pattern, detail=exc)
            return None
