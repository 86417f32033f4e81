"""Reading a person's YAML file: every failure of the file system, the codec or PyYAML becomes a
catalogue phrase with its place, never the library's English.

The scenario loader and the profile reader both read their files here, so a tab, an unclosed
bracket or a file saved as Latin-1 reads the same in both, in the person's language. Composing
is bounded: nesting deeper than MAX_DEPTH, or aliases that expand past MAX_NODES, is a problem at
its line and column instead of a RecursionError or a hang. Every scalar is also built once while
composing, so a value YAML cannot build (`!!int abc`, an unquoted `2024-13-45`, an unknown tag,
an escape that is no character: `"\\ud800"`, `"\\U00110000"`) is reported at its place before any
caller reads it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.resolver

from autohelper import files
from autohelper.files import MAX_BYTES, FileProblem, os_problem

__all__ = [
    "MAX_BYTES",
    "FileProblem",
    "compose",
    "construct",
    "load_file",
    "os_problem",
    "read_text",
]

# Our deepest scenario nests about 8 levels and a profile 1: 50 leaves room for any honest file
# and stays far below the interpreter's recursion limit (PyYAML's composer recurses per level).
MAX_DEPTH = 50
# Nodes after alias expansion: a scenario has a few thousand; "billion laughs" has billions.
MAX_NODES = 100_000

_CORE_TAG = "tag:yaml.org,2002:"
_MERGE_TAG = _CORE_TAG + "merge"
_VALUE_TAG = _CORE_TAG + "value"  # what YAML 1.1 resolves a plain `=` to
# What a tagged scalar was meant to be, for "this value cannot be read as ...".
_TAG_KINDS = {"int": "integer", "float": "number", "bool": "bool", "timestamp": "date"}
# A lone UTF-16 half: Python keeps it in a str, but no file, terminal or database can write it.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# One escape of a double-quoted scalar (`\\` too, so the backslash it escapes starts none).
_ESCAPE = re.compile(r"\\(?:u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8})|.)", re.DOTALL)


# --- Reading -------------------------------------------------------------------------------

# The byte order marks of the encodings Windows' editors save in besides UTF-8 (the longest
# first: UTF-32 LE starts with UTF-16 LE's).
_WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_HEAD = 64  # the bytes looked at for a wide encoding without a mark


def read_text(path: Path) -> str:
    """The text of a UTF-8 file (`files.read_text`); a file saved as UTF-16 or UTF-32 (Notepad's
    "Unicode"), with its byte order mark or without, is said as such at 1:1, not as a byte that
    is not UTF-8 nor as the NUL characters every other byte of it is."""
    try:
        text = files.read_text(path)
    except FileProblem as exc:
        if exc.key == "file.not_utf8" and (exc.line, exc.column) == (1, 1):
            wide = _wide_encoding(_head(path))
            if wide is not None:
                raise FileProblem("file.wide_encoding", 1, 1, encoding=wide) from exc
        raise
    if "\0" in text[:_HEAD]:
        wide = _wide_encoding(text[:_HEAD].encode("utf-8"))
        if wide is not None:
            raise FileProblem("file.wide_encoding", 1, 1, encoding=wide)
    return text


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD)
    except OSError:
        return b""


def _wide_encoding(head: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the first bytes of a file are those of one: its byte order
    mark, or text of mostly ASCII where every other byte (one in four) is zero."""
    for mark, name in _WIDE_MARKS:
        if head.startswith(mark):
            return name
    if len(head) < 8:
        return None
    size = len(head) // 4 * 4
    quads = [head[index : index + 4] for index in range(0, size, 4)]
    if all(quad.count(0) == 3 for quad in quads):
        return "UTF-32"
    for start in (0, 1):
        zeros = head[start:size:2].count(0)
        if zeros >= 0.9 * (size // 2) and head[1 - start : size : 2].count(0) == 0:
            return "UTF-16"
    return None


# --- Composing, bounded ---------------------------------------------------------------------


class _Bounds(yaml.composer.Composer):
    """Limits on depth and size, no recursive aliases, and every scalar checked to be buildable,
    over PyYAML's (pure-Python) composer, whatever parser feeds it the events."""

    peek_event: Any

    def _bound(self) -> None:
        self._depth = 0
        self._nodes = 0
        self._open: set[str] = set()  # anchors whose node is being composed
        self._sizes: dict[int, int] = {}  # id(node) -> nodes it stands for, aliases expanded
        self._builder = yaml.constructor.SafeConstructor()

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open:
                raise _at(event.start_mark, "yaml.recursive_alias", name=_shown(event.anchor))
            node: yaml.Node | None = super().compose_node(parent, index)  # undefined: error
            self._count(self._sizes.get(id(node), 1), event.start_mark)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _at(event.start_mark, "yaml.too_deep", limit=MAX_DEPTH)
        anchor = getattr(event, "anchor", None)
        if anchor is not None and anchor not in self.anchors:
            self._open.add(anchor)
        before = self._nodes
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            if anchor is not None:
                self._open.discard(anchor)
        self._count(1, event.start_mark)
        if node is not None:
            self._sizes[id(node)] = self._nodes - before
            self._check_tag(node)
        return node

    def _count(self, nodes: int, mark: Any) -> None:
        self._nodes += nodes
        if self._nodes > MAX_NODES:
            raise _at(mark, "yaml.too_big", limit=MAX_NODES)

    def _check_tag(self, node: yaml.Node) -> None:
        if node.tag == _MERGE_TAG:
            return  # `<<`: built with the mapping it merges into
        if isinstance(node, yaml.ScalarNode) and node.tag == _VALUE_TAG and node.style is None:
            # A plain `=` is YAML 1.1's "value" key, which nothing builds: PyYAML would name
            # its tag `!!value`, a word the person never wrote.
            raise _at(node.start_mark, "yaml.lone_equals")
        if not isinstance(node, yaml.ScalarNode):
            if node.tag not in self._builder.yaml_constructors:
                raise _at(node.start_mark, "yaml.unknown_tag", tag=_short_tag(node.tag))
            return
        try:
            self._builder.construct_object(node)
        except yaml.MarkedYAMLError as exc:
            raise _problem(exc) from exc
        except Exception as exc:  # PyYAML lets ValueError, AttributeError... escape its builders
            kind = _TAG_KINDS.get(node.tag.removeprefix(_CORE_TAG), "other")
            raise _at(node.start_mark, f"yaml.bad_value.{kind}", tag=_short_tag(node.tag)) from exc


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """The reference path: PyYAML's pure-Python reader, scanner and parser, whose messages the
    rules below translate."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._bound()

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: Any) -> list[str]:
        """PyYAML's, with an escape that is no character refused at its place: past U+10FFFF
        PyYAML's chr() raises; a surrogate (U+D800 to U+DFFF) it keeps."""
        begin: Any = self.get_mark()
        try:
            chunks: list[str] = super().scan_flow_scalar_non_spaces(double, start_mark)
        except (ValueError, OverflowError) as exc:
            mark: Any = self.get_mark()  # at the escape's digits, after its `\U`
            escape = "\\U" + self.prefix(8)
            raise FileProblem(
                "yaml.escape_past_unicode", mark.line + 1, mark.column - 1, escape=escape
            ) from exc
        if _SURROGATE.search("".join(chunks)):
            buffer: str = self.buffer
            for found in _ESCAPE.finditer(buffer, begin.pointer, self.pointer):
                code = int(found["u"] or found["U"] or "0", 16)
                if 0xD800 <= code <= 0xDFFF:
                    line, column = _line_column(buffer, found.start())
                    raise FileProblem("yaml.escape_surrogate", line, column, escape=found[0])
            code = ord(_SURROGATE.findall("".join(chunks))[0])  # only an escape makes one
            raise _at(begin, "yaml.escape_surrogate", escape=f"\\u{code:04x}")
        return chunks


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _FastLoader(
        _Bounds,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml's parser feeding the same bounded composer: the same nodes, with the same
        lines and columns, fifteen times as fast (a scenario composes in 4 ms, not 60)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._bound()

        def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
            node: yaml.ScalarNode = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml says '' where PyYAML says None (plain)
            if _SURROGATE.search(node.value):  # libyaml refuses them; if one did not, say where
                raise LookupError
            return node


def _compose_fast(text: str) -> yaml.Node | None:
    """The fast path, for a well-formed text. It raises on any problem at all (or without
    libyaml): the reference path then finds it again and words it."""
    if not yaml.__with_libyaml__:
        raise LookupError
    loader = _FastLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def compose(text: str) -> yaml.Node | None:
    """The root node of a one-document YAML text (None when it is empty)."""
    odd = _odd_line_break(text)
    if odd is not None:  # read, it would cut a line in two where the person sees one
        raise odd
    try:
        return _compose_fast(text)
    except Exception:  # noqa: BLE001 - any doubt goes to the reference path, which words it
        pass
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text)  # the reader checks every character here already
        node: yaml.Node | None = loader.get_single_node()
        return node
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        code = _codepoint(exc.character)
        raise FileProblem("yaml.control_char", line, column, code=code) from exc
    except yaml.MarkedYAMLError as exc:
        raise _problem(exc) from exc
    except yaml.YAMLError as exc:
        raise FileProblem("yaml.invalid", 1, 1) from exc
    finally:
        if loader is not None:
            loader.dispose()


# Characters YAML takes as the end of a line, which an editor shows as nothing (or as a space):
# pasted from a web page or a PDF, they cut a line in two where the person sees one.
_ODD_LINE_BREAKS = re.compile("[\u0085\u2028\u2029]")


def _odd_line_break(text: str) -> FileProblem | None:
    """An invisible line break in the text: that character, at its place (line and column as
    an editor counts them), is what to fix; YAML would read the line as two (a value cut short,
    its rest taken for a key of its own, or an error further on)."""
    found = _ODD_LINE_BREAKS.search(text)
    if found is None:
        return None
    line, column = _line_column(text, found.start())
    return FileProblem("yaml.odd_line_break", line, column, code=_codepoint(ord(found.group())))


def construct(node: yaml.Node) -> Any:
    """The Python value of a composed node (mappings, lists, strings, numbers, booleans)."""
    try:
        return yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _problem(exc) from exc


def load_file(path: Path) -> yaml.Node | None:
    """Read and compose one file: its root node, or a FileProblem naming the place."""
    return compose(read_text(path))


# --- PyYAML's English, by kind --------------------------------------------------------------

# (pattern over "context | problem", catalogue key, the mark to report). The first match wins;
# the named groups become the phrase's parameters. The context mark is reported where it is the
# place to fix (the key that lacks its colon, the quote never closed).
_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), key, mark)
    for pattern, key, mark in (
        (r"found character '\\t'|found a tab character", "yaml.tab", "problem"),
        (r"found character '(?P<char>.+?)' that cannot start", "yaml.bad_start", "problem"),
        (r"mapping values are not allowed here", "yaml.mapping_values", "problem"),
        (r"could not find expected ':'", "yaml.missing_colon", "context"),
        (r"quoted scalar \| found unexpected end of stream", "yaml.unclosed_quote", "context"),
        (r"found unexpected document separator", "yaml.unclosed_quote", "context"),
        (r"found unknown escape character '(?P<char>.+?)'", "yaml.bad_escape", "problem"),
        (r"expected escape sequence", "yaml.bad_escape_code", "problem"),
        (r"expected <block end>", "yaml.indentation", "problem"),
        (r"expected ',' or '\]'", "yaml.unclosed_list", "problem"),
        (r"expected ',' or '\}'", "yaml.unclosed_mapping", "problem"),
        (r"sequence entries are not allowed here", "yaml.dash_here", "problem"),
        (r"mapping keys are not allowed here", "yaml.question_here", "problem"),
        (r"expected '<document start>'", "yaml.after_end", "problem"),
        (r"expected the node content, but found '<stream end>'", "yaml.unexpected_end", "problem"),
        (r"expected the node content", "yaml.no_value", "problem"),
        (r"found undefined alias '(?P<name>.+?)'", "yaml.undefined_alias", "problem"),
        (r"found duplicate anchor '(?P<name>.+?)'", "yaml.duplicate_anchor", "problem"),
        (r"expected a single document", "yaml.two_documents", "problem"),
        (r"while scanning an? (anchor|alias)", "yaml.anchor_name", "problem"),
        (r"block scalar", "yaml.block_scalar", "problem"),
        (r"constructor for the tag '(?P<tag>.+?)'", "yaml.unknown_tag", "problem"),
        (r"unhashable key", "yaml.unhashable_key", "problem"),
        (r"merging", "yaml.merge", "context"),
        (r"tag|directive|URI", "yaml.tag", "problem"),
        (r"found unexpected end of stream", "yaml.unexpected_end", "problem"),
    )
)


def _problem(exc: yaml.MarkedYAMLError) -> FileProblem:
    quote = _quote_closed_at_the_error(exc)
    if quote is not None:
        return _at(quote.start_mark, "yaml.quote_spans_lines", closed=quote.end_mark.line + 1)
    text = f"{exc.context or ''} | {exc.problem or ''}"
    for pattern, key, which in _RULES:
        found = pattern.search(text)
        if found is None:
            continue
        mark = exc.context_mark if which == "context" else exc.problem_mark
        mark = mark or exc.problem_mark or exc.context_mark
        params = {k: v for k, v in found.groupdict().items() if v is not None}
        if "tag" in params:
            params["tag"] = _short_tag(params["tag"])
        if "name" in params:
            params["name"] = _shown(params["name"])
        # Where a bracket, block or anchor began: "the list opened on line 3".
        params["opened"] = exc.context_mark.line + 1 if exc.context_mark else 1
        return _at(mark, key, **params)
    return _at(exc.problem_mark or exc.context_mark, "yaml.invalid")


def _quote_closed_at_the_error(exc: yaml.MarkedYAMLError) -> Any:
    """A quoted value that runs over several lines and ends on the error's line: a quote left
    open on its own line (`nss: "6774`), which YAML closes at the next quote it meets, lines
    below, where the error then shows. That quote is the place to fix, not the line below."""
    mark = exc.problem_mark
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str):
        return None
    last = None
    try:
        for token in yaml.scan(buffer.rstrip("\0")):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.start_mark.line == last.end_mark.line:
        return None
    return last if last.end_mark.line == mark.line else None


def _at(mark: Any, key: str, /, **params: Any) -> FileProblem:
    if mark is None:
        return FileProblem(key, 1, 1, **params)
    return FileProblem(key, mark.line + 1, mark.column + 1, **params)


def _short_tag(tag: str) -> str:
    """A tag as a message shows it: `!!int` for YAML's own; any other masked when it looks like
    personal data (`email: !ana@x.mx` makes the address a tag)."""
    if tag.startswith(_CORE_TAG):
        return "!!" + tag.removeprefix(_CORE_TAG)
    rest = tag.lstrip("!")
    return tag[: len(tag) - len(rest)] + _shown(rest)


def _shown(name: str) -> str:
    """A tag's or an anchor's name as messages show it: masked when it looks like personal
    data (the file's own words otherwise, so the person finds them)."""
    from autohelper.privacy import mask_if_personal

    return mask_if_personal(name)


def _line_column(text: str, position: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


def _codepoint(character: object) -> str:
    return f"U+{character:04X}" if isinstance(character, int) else repr(character)
