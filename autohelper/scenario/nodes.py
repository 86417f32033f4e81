"""Read PyYAML's composed nodes, collecting every problem with its line and column.

Nodes, unlike the plain dicts `yaml.safe_load` returns, keep their position, so a problem deep
inside a step still points at its own line and column. Readers never raise: each returns the
value, or None after recording a problem, so one pass finds every mistake in a file.
"""

from __future__ import annotations

import datetime
import difflib
import re
import re._constants as _constants  # the parsed form of a pattern: nested_repeat()
import re._parser as _parser
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import yaml

from autohelper.messages import t
from autohelper.scenario.model import MAX_SECONDS, MIN_SECONDS, Position

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

    def fail_in(
        self, node: Node, text: str, pos: int | None, message: str, /, **params: Any
    ) -> None:
        """A problem at `pos` of the node's text `text`: at that very column when the file
        shows the text as it is read (one line, no escapes), else at the start of the value."""
        column = node.start_mark.column + _offset_in_node(node, text, pos)
        self.problem(node.start_mark.line, column, message, **params)

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
            hidden = _HIDDEN.search(value)
            if hidden is not None:
                # It would act on the terminal, or show the text other than it reads in the
                # file (a right-to-left override: «Trojan Source»): said where it is written.
                self.fail(node, "scenario.hidden_char", code=f"U+{ord(hidden.group()):04X}")
                return None
            return value
        self.not_text(node)
        return None

    def not_text(self, node: Node) -> None:
        """Record why a value is no text: empty, or what YAML read instead (a number, yes/no, a
        date: written in quotes it is text), a list or a mapping. "Non-empty" only when empty."""
        value = self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self.fail(node, "scenario.expected_text.list")
        elif isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_text.mapping")
        elif isinstance(value, bool):
            self.fail(node, "scenario.expected_text.bool", value=node.value)
        elif isinstance(value, int | float):
            self.fail(node, "scenario.expected_text.number", value=node.value)
        elif isinstance(value, datetime.date):
            self.fail(node, "scenario.expected_text.date", value=node.value)
        elif value is None or isinstance(value, str):
            self.fail(node, "scenario.expected_text")
        else:  # a tag YAML builds something else from (`!!binary`)
            self.fail(node, "scenario.expected_text.tag", tag=node.tag.rpartition(":")[2])

    def boolean(self, node: Node) -> bool | None:
        value = self.scalar(node)
        if isinstance(value, bool):
            return value
        self.fail(node, "scenario.expected_bool")
        return None

    def seconds(self, node: Node) -> float | None:
        value = self.scalar(node)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and MIN_SECONDS <= value <= MAX_SECONDS:
            return float(value)
        self.fail(node, "scenario.expected_seconds", low=MIN_SECONDS, high=int(MAX_SECONDS))
        return None

    def regex(self, node: Node) -> str | None:
        """A regular expression; a broken one is a problem at the place it breaks (when the
        text is written as it is read: plain or quoted on one line, without escapes), worded
        in the person's language. Every regular expression of a file goes through here, so
        the engine's own `re.compile` of it never meets one that does not compile."""
        pattern = self.string(node)
        if pattern is None:
            return None
        refused = regex_refusal(pattern, self.lang)
        if refused is not None:
            pos, detail = refused
            shown = _shown(pattern)
            self.fail_in(node, pattern, pos, "scenario.bad_regex", pattern=shown, detail=detail)
            return None
        if nested_repeat(pattern):
            self.fail(node, "scenario.regex.nested", pattern=_shown(pattern))
            return None
        return pattern


def _shown(pattern: str, width: int = 60) -> str:
    """A pattern as a message quotes it: whole, or its start and "…" (a thousand `(` are no
    help to read; the column says where)."""
    return pattern if len(pattern) <= width else pattern[: width - 1] + "…"


# Deeper nesting of `(` than any real pattern needs: `re` parses and compiles a group by calling
# itself, so a few hundred levels exhaust Python's stack (a RecursionError, and how many depends
# on how deep the caller already is: the engine compiles the same text again mid-run).
MAX_REGEX_DEPTH = 100


def regex_refusal(pattern: str, lang: str | None = None) -> tuple[int | None, str] | None:
    """Why `re` refuses `pattern`: the position where it breaks (None: unknown) and the reason
    in the person's words; None when it compiles. Never raises: besides `re.error`, a repeat
    count past `re`'s limit is an OverflowError and groups nested too deep a RecursionError."""
    too_deep = _too_deep_at(pattern)
    if too_deep is not None:
        return too_deep, t("scenario.regex.too_deep", lang, limit=MAX_REGEX_DEPTH)
    try:
        re.compile(pattern)
    except re.error as exc:
        return exc.pos, regex_problem(exc, lang)
    except (OverflowError, ValueError):
        # A count `re` cannot hold, `a{99999999999}` (an OverflowError), or one of thousands of
        # digits that Python will not even read as a number (a ValueError): said where it is.
        huge = _huge_repeat(pattern)
        part = huge.group() if huge else "{…}"
        part = part if len(part) <= 24 else part[:22] + "…}"
        most = int(_constants.MAXREPEAT) - 1
        detail = t("scenario.regex.repeat_too_large", lang, part=part, most=most)
        return (huge.start() if huge else None), detail
    except RecursionError:  # kept below the stack by MAX_REGEX_DEPTH; never a crash all the same
        return None, t("scenario.regex.too_deep", lang, limit=MAX_REGEX_DEPTH)
    return None


# Characters no text of a scenario has reason to hold: controls (a tab and a line break aside)
# and the ones that change the direction text is shown in.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def regex_structure(pattern: str) -> Iterator[tuple[int, str]]:
    """The characters of a pattern as written that shape it, with their places: each outside
    an escape (`\\(` opens nothing) and outside a set `[...]` (where a `]` first is literal);
    a set's own `[` neither."""
    index, set_from = 0, -1  # set_from: where the open set's members start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if set_from >= 0:
            if char == "]" and index > set_from:
                set_from = -1
        elif char == "[":
            set_from = index + 1 + (pattern[index + 1 : index + 2] == "^")
        else:
            yield index, char
        index += 1


def _too_deep_at(pattern: str) -> int | None:
    """Where a `(` opens deeper than MAX_REGEX_DEPTH groups, or None."""
    depth = 0
    for index, char in regex_structure(pattern):
        if char == "(":
            depth += 1
            if depth > MAX_REGEX_DEPTH:
                return index
        elif char == ")":
            depth = max(depth - 1, 0)
    return None


_BRACED_REPEAT = re.compile(r"\{([0-9]*)(?:,([0-9]*))?\}")


def _huge_repeat(pattern: str) -> re.Match[str] | None:
    """The first `{n}`, `{n,m}` whose count `re` cannot hold."""
    most = int(_constants.MAXREPEAT)  # a named constant: its str() is its name
    for found in _BRACED_REPEAT.finditer(pattern):
        counts = [count.lstrip("0") for count in found.groups() if count]
        if any(len(count) > len(str(most)) or int(count or 0) >= most for count in counts):
            return found
    return None


_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT)
_Items = list[tuple[Any, Any]]


def nested_repeat(pattern: str) -> bool:
    """Whether `pattern` repeats without bound a part that is itself an unbounded repeat with
    nothing else it must match: `(a+)+`, `(\\w+\\s?)*`. Python's `re` then tries every way of
    splitting a text between the two repeats, and a text that almost matches takes hours (a
    step's timeout cannot stop it). `(\\d+,)*` is fine: the comma splits it one way only."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return False

    def flat(items: _Items) -> _Items:
        out: _Items = []
        for op, av in items:
            out.extend(flat(av[3]) if op is _constants.SUBPATTERN else [(op, av)])
        return out

    def unbounded(op: Any, av: Any) -> bool:
        return op in _REPEATS and av[1] == _constants.MAXREPEAT

    def ambiguous(body: _Items) -> bool:
        items = flat(body)
        return any(unbounded(op, av) for op, av in items) and all(
            op in _REPEATS and av[0] == 0 for op, av in items if not unbounded(op, av)
        )

    def walk(items: _Items) -> bool:
        for op, av in items:
            if op in _REPEATS and (
                (av[1] == _constants.MAXREPEAT and ambiguous(av[2])) or walk(av[2])
            ):
                return True
            if op is _constants.SUBPATTERN and walk(av[3]):
                return True
            if op is _constants.BRANCH and any(walk(alt) for alt in av[1]):
                return True
            if op in (_constants.ASSERT, _constants.ASSERT_NOT) and walk(av[1]):
                return True
        return False

    return walk(parsed.data)


# The `re` module's reasons (English), by how they begin: each a catalogue phrase.
_REGEX_REASONS = (
    ("unterminated character set", "scenario.regex.unclosed_set"),
    ("missing ), unterminated", "scenario.regex.unclosed_group"),
    ("unbalanced parenthesis", "scenario.regex.unbalanced"),
    ("nothing to repeat", "scenario.regex.nothing_to_repeat"),
    ("multiple repeat", "scenario.regex.multiple_repeat"),
    ("bad escape (end of pattern)", "scenario.regex.trailing_backslash"),
    ("bad escape ", "scenario.regex.bad_escape"),
    ("bad character range ", "scenario.regex.bad_range"),
    ("min repeat greater than max repeat", "scenario.regex.bad_repeat_range"),
    ("look-behind requires fixed-width", "scenario.regex.lookbehind"),
    ("global flags not at the start", "scenario.regex.flags"),
    ("missing group name", "scenario.regex.group"),
    ("bad character in group name", "scenario.regex.group"),
    ("unknown group name", "scenario.regex.group"),
    ("redefinition of group name", "scenario.regex.group"),
    ("invalid group reference", "scenario.regex.group"),
    ("missing >, unterminated name", "scenario.regex.group"),
    # `(?` then something Python does not know: `(?<name>…)` of other languages, a typo.
    ("unknown extension ", "scenario.regex.unknown_extension"),
    # Inline flags, `(?i`, `(?i-`, `(?-i`, `(?L)`: unclosed, or not flags `re` takes.
    ("missing -, : or )", "scenario.regex.inline_flags"),
    ("missing :", "scenario.regex.inline_flags"),
    ("missing flag", "scenario.regex.inline_flags"),
    ("unknown flag", "scenario.regex.inline_flags"),
    ("bad inline flags", "scenario.regex.inline_flags"),
)


def regex_problem(exc: re.error, lang: str | None = None) -> str:
    """`re`'s reason for refusing a pattern, in the person's words: what is wrong (an unclosed
    `[` or `(`, a `*` with nothing to repeat, an unknown escape...), never its English."""
    for start, key in _REGEX_REASONS:
        if exc.msg.startswith(start):
            # The escape or range it names (`\q`, `z-a`): the pattern's own text.
            return t(key, lang, part=exc.msg[len(start) :].strip())
    position = exc.pos + 1 if exc.pos is not None else "?"
    return t("scenario.regex.other", lang, position=position)


def _offset_in_node(node: Node, pattern: str, pos: int | None) -> int:
    """How far into the node's text (in columns) the pattern's `pos` is, when the text on the
    page is the pattern as written: plain, 'single-quoted' or "double-quoted" on one line,
    with no escapes. Else 0: the problem is at the start of the value."""
    start, end = node.start_mark, node.end_mark
    if pos is None or start.line != end.line:
        return 0
    width = end.column - start.column
    style = getattr(node, "style", None)
    if style is None and width == len(pattern):
        return pos
    if style == "'" and width == len(pattern) + 2 + pattern.count("'"):
        return 1 + pos + pattern[:pos].count("'")
    if style == '"' and width == len(pattern) + 2:
        return 1 + pos
    return 0
