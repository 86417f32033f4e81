"""Parse the fields of a step, one parser per field type, chosen from the dataclass in `model.py`.

`FIELD_PARSERS` is keyed by the annotated type of a step field (`Target`, `Template`, ...), so a
step type added to `STEP_TYPES` is parsed without touching the loader; a field type nobody can
parse fails a test instead of a load. The schema helpers below (which fields are parameters,
which are required) feed both the loader and the docs table from the same registry.
"""

from __future__ import annotations

import dataclasses
import re
import re._compiler as _compiler
import re._constants as _constants  # the parsed form of a pattern: regex_hazard()
import re._parser as _parser
from collections.abc import Callable
from typing import Any

import cssselect
import yaml

from autohelper import profile
from autohelper.scenario.model import (
    ARIA_ROLES,
    FRAME_KINDS,
    LOCATOR_KINDS,
    MAX_TRIES,
    OUTCOME_RESULTS,
    TEMPLATE_RE,
    BrowserDialog,
    FrameRef,
    Locator,
    Needs,
    OutcomeCase,
    Step,
    SummaryItem,
    Target,
    Template,
    Text,
    Until,
)
from autohelper.scenario.nodes import Node, NodeReader, regex_structure

Field = dataclasses.Field[Any]
# Fields every step has (`description`, `id`, `timeout`, and `pos` set by the loader).
_COMMON_FIELDS = {f.name for f in dataclasses.fields(Step)}
# Parameters left empty on purpose: some portals reload the CAPTCHA image themselves.
_OPTIONAL = {("captcha", "refresh")}
_LOCATOR_KEYS = (*LOCATOR_KINDS, "name", "exact", "has_text", "frame")
_CASE_KEYS = (
    "when",
    "matches",
    "result",
    "message",
    "from",
    "yields",
    "sets",
    "max_tries",
    "last_try",
    "at_limit",
    "forgets",
)
_UNTIL_KEYS = (*LOCATOR_KINDS, "name", "exact", "has_text", "frame", "url", "response")
_DIALOG_KEYS = ("accept", "text")
_TEMPLATE_MARK = re.compile(r"\{(profile|secret|run)\.")
_BRACE = re.compile(r"[{}]")


def _excerpt(text: str, width: int = 30) -> str:
    """`text` as written in the file, without the spaces it ends with, cut at its first line end
    or at `width` characters ("…" marks a cut)."""
    text = text.rstrip()
    line = text.partition("\n")[0]
    return text if line == text and len(text) <= width else line[:width] + "…"


def type_key(field: Field) -> str:
    """The field's type as written in `model.py`, without `| None`: its key in FIELD_PARSERS."""
    return str(field.type).removesuffix(" | None")


def primary_field(cls: type[Step]) -> Field:
    """The field that the step-type key's own value is parsed into."""
    return next(f for f in dataclasses.fields(cls) if f.name == cls.primary)


def parameters(cls: type[Step]) -> list[Field]:
    """The step type's sibling keys: its fields minus the common ones and the primary."""
    skip = (*_COMMON_FIELDS, cls.primary)
    return [f for f in dataclasses.fields(cls) if f.name not in skip]


def is_required(cls: type[Step], field: Field) -> bool:
    # An empty default is a placeholder, not a usable value: the author must write it.
    return field.default in ("", (), Template("")) and (cls.kind, field.name) not in _OPTIONAL


class FieldReader(NodeReader):
    """Reads the domain values of a step: texts, templates, targets, summaries, outcome cases."""

    def __init__(self, file: str, lang: str | None) -> None:
        super().__init__(file, lang)
        # Set by the loader as it goes: templates are checked against the header's needs, and
        # a retry's `from` against the ids of the steps before it (in order: it looks back only).
        self.needs = Needs()
        self.ids: dict[str, Node] = {}
        # What the steps so far yield (outcome yields and sets, a reader's findings, a choice
        # remembered): what a `{run.x}` may name.
        self.yielded: set[str] = set()

    def regex(self, node: Node) -> str | None:
        """A regular expression as `NodeReader.regex` reads it, also refused when a text that
        almost matches could keep `re` busy for hours (`regex_hazard`): every regex of a
        scenario and of a QA case file is read here."""
        pattern = super().regex(node)
        if pattern is None:
            return None
        hazard = regex_hazard(pattern)
        if hazard is not None:
            key, params = hazard
            self.fail(node, key, pattern=_shown_pattern(pattern), **params)
            return None
        return pattern

    def text(self, node: Node) -> Text | None:
        if not isinstance(node, yaml.MappingNode):
            return self.string(node)
        entries = self.mapping(node, ("es", "en"), ("es",))
        return {lang: self.string(value) or "" for lang, (_, value) in entries.items()}

    def template(self, node: Node) -> Template | None:
        raw = self.string(node, empty=True)
        if raw is None:
            return None
        for brace in re.finditer(r"\{\{|\}\}|\{", raw):
            if brace.group() != "{":
                continue  # a literal brace
            ref = TEMPLATE_RE.match(raw, brace.start())
            if ref is None:
                # Said at the brace, quoted as written: up to the brace that closes it, or, when
                # another one or the end of the text comes first, as far as it goes unclosed.
                after = _BRACE.search(raw, brace.start() + 1)
                if after is not None and after.group() == "}":
                    key, end = "scenario.bad_template", after.end()
                else:
                    key, end = "scenario.unclosed_template", after.start() if after else len(raw)
                fragment = _excerpt(raw[brace.start() : end])
                self.fail_in(node, raw, brace.start(), key, fragment=fragment)
            elif ref.group(1) == "run" and ref.group(2) not in self.yielded:
                hint = self.hint(ref.group(2), self.yielded)
                self.fail(node, "scenario.run_not_yielded", ref=ref.group(), hint=hint)
            elif ref.group(1) == "secret" and ref.group(2) not in self.needs.secrets:
                self.fail(node, "scenario.secret_not_declared", ref=ref.group())
            elif ref.group(1) == "profile" and ref.group(2) not in profile.FIELDS:
                hint = self.hint(ref.group(2), profile.FIELDS)
                self.fail(node, "scenario.unknown_profile_field", ref=ref.group(), hint=hint)
            elif ref.group(1) == "profile" and ref.group(2) not in (
                *self.needs.profile,
                *self.needs.optional,
            ):
                self.fail(node, "scenario.profile_not_declared", ref=ref.group())
        return Template(raw)

    def target(self, node: Node) -> Target | None:
        if isinstance(node, yaml.SequenceNode):
            locators = [self.locator(item) for item in self.sequence(node)]
        else:
            locators = [self.locator(node)]
        found = tuple(locator for locator in locators if locator is not None)
        if not found or len(found) != len(locators):
            return None
        if len({locator.frame for locator in found}) > 1:
            # The alternatives are looked for at once, in one document.
            self.fail(node, "scenario.frames_differ")
            return None
        return found

    def locator(self, node: Node) -> Locator | None:
        if isinstance(node, yaml.ScalarNode):
            written = self.scalar(node)
            if written is None or (isinstance(written, str) and not written.strip()):
                # Nothing written (`- fill:` with its lines not indented under it, `""`, `~`):
                # no text to put in quotes, and `{css: ""}` would be refused too.
                self.fail(node, "scenario.locator_empty")
            else:
                self.fail(node, "scenario.locator_string", value=node.value)
            return None
        entries = self.mapping(node, _LOCATOR_KEYS)
        kinds = [key for key in entries if key in LOCATOR_KINDS]
        if not kinds:
            self.fail(node, "scenario.locator_no_kind", kinds=", ".join(LOCATOR_KINDS))
            return None
        if len(kinds) > 1:
            second = entries[kinds[1]][0]
            self.fail(second, "scenario.locator_two_kinds", first=kinds[0], second=kinds[1])
            return None
        if "name" in entries and kinds[0] != "role":
            self.fail(entries["name"][0], "scenario.name_without_role")
        value = {
            key: self.string(v) for key, (_, v) in entries.items() if key not in ("exact", "frame")
        }
        for key, text in value.items():
            if text is not None and _TEMPLATE_MARK.search(text):
                # A locator is written into logs and reports: it never carries personal data.
                self.fail(entries[key][1], "scenario.template_in_locator", key=key)
        kind, primary = kinds[0], value[kinds[0]] or ""
        if kind == "css" and primary:
            self.css(entries["css"][1], primary)
        if kind == "role" and primary and primary not in ARIA_ROLES:
            hint = self.hint(primary, ARIA_ROLES)
            self.fail(entries["role"][1], "scenario.unknown_role", role=primary, hint=hint)
        exact = self.boolean(entries["exact"][1]) if "exact" in entries else False
        frame = self.frame(entries["frame"][1]) if "frame" in entries else ()
        return Locator(kind, primary, value.get("name"), bool(exact), value.get("has_text"), frame)

    def css(self, node: Node, selector: str) -> None:
        """A CSS selector must parse (Playwright's own pseudo-classes are left to Playwright)."""
        try:
            cssselect.parse(selector)
        except cssselect.SelectorError as exc:
            # cssselect says where in English; we say it with its character and position.
            found = re.search(r"<\w+ '(.*?)' at (\d+)>", str(exc))
            if found:
                at = int(found.group(2)) + 1
                self.fail(node, "scenario.bad_css", selector=selector, char=found.group(1), at=at)
            else:
                self.fail(node, "scenario.bad_css_end", selector=selector)

    def frame(self, node: Node) -> tuple[FrameRef, ...]:
        """`frame: Name`, `frame: {url: fragment}`, or a list of them, outermost first."""
        items = list(node.value) if isinstance(node, yaml.SequenceNode) else [node]
        refs: list[FrameRef] = []
        for item in items:
            if isinstance(item, yaml.ScalarNode):
                name = self.string(item)
                refs.extend([FrameRef("name", name)] if name else [])
                continue
            entries = self.mapping(item, FRAME_KINDS)
            if len(entries) != 1:
                self.fail(item, "scenario.frame_one_kind", kinds=", ".join(FRAME_KINDS))
                continue
            [(kind, (_, value))] = entries.items()
            text = self.string(value)
            if text is not None and kind == "css":
                self.css(value, text)
            refs.extend([FrameRef(kind, text)] if text else [])
        return tuple(refs)

    def until(self, node: Node) -> Until | None:
        """An element (a locator), `{url: regex}` or `{response: path}`."""
        entries = self.mapping(node, _UNTIL_KEYS)
        if "url" in entries or "response" in entries:
            others = [key for key in entries if key not in ("url", "response")]
            if len(entries) != 1 or others:
                self.fail(node, "scenario.until_one")
                return None
            if "url" in entries:
                return Until(url=self.regex(entries["url"][1]))
            return Until(response=self.string(entries["response"][1]))
        target = self.target(node)
        return Until(target=target) if target else None

    def dialog(self, node: Node) -> BrowserDialog | None:
        """`dialog: accept`, `dialog: dismiss`, or `{accept: true, text: "..."}`."""
        if isinstance(node, yaml.ScalarNode) and node.value in ("accept", "dismiss"):
            return BrowserDialog(accept=node.value == "accept")
        if isinstance(node, yaml.ScalarNode):
            self.fail(node, "scenario.bad_dialog")
            return None
        entries = self.mapping(node, _DIALOG_KEYS, ("accept",))
        accept = self.boolean(entries["accept"][1]) if "accept" in entries else None
        text = self.string(entries["text"][1]) if "text" in entries else None
        return BrowserDialog(accept=accept, text=text) if accept is not None else None

    def count(self, node: Node, low: int = 1, high: int = MAX_TRIES) -> int | None:
        value = self.scalar(node)
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.fail(node, "scenario.expected_count", low=low, high=high)
        return None

    def items(self, node: Node) -> tuple[SummaryItem, ...]:
        entries = [
            self.mapping(item, ("label", "value"), ("label", "value"))
            for item in self.sequence(node)
        ]
        return tuple(
            SummaryItem(
                self.text(e["label"][1]) or "", self.template(e["value"][1]) or Template("")
            )
            for e in entries
            if len(e) == 2
        )

    def cases(self, node: Node) -> tuple[OutcomeCase, ...]:
        return tuple(self.case(item) for item in self.sequence(node))

    def case(self, node: Node) -> OutcomeCase:
        entries = self.mapping(node, _CASE_KEYS, ("result",))
        value = {key: v for key, (_, v) in entries.items()}
        if ("when" in value) == ("matches" in value):
            # A page case says what is visible; a document case, what its text holds.
            self.fail(node, "scenario.when_or_matches")
        result = self.string(value["result"]) if "result" in value else None
        if result is not None and result not in OUTCOME_RESULTS:
            self.fail(
                value["result"],
                "scenario.unknown_result",
                result=result,
                hint=self.hint(result, OUTCOME_RESULTS),
                results=", ".join(OUTCOME_RESULTS),
            )
        if result == "retry" and "from" not in value:
            self.fail(node, "scenario.retry_needs_from")
        from_step = self.string(value["from"]) if "from" in value else None
        if from_step is not None and result != "retry":
            self.fail(entries["from"][0], "scenario.from_only_retry")
        elif from_step is not None and from_step not in self.ids:
            # Only an earlier step: going forward is not a retry, and a loop needs a start.
            self.fail(
                value["from"],
                "scenario.unknown_from",
                step=from_step,
                hint=self.hint(from_step, self.ids),
            )
        if result in ("error", "in_person") and "message" not in value:
            self.fail(node, "scenario.error_needs_message", result=result)
        for key in ("max_tries", "last_try", "at_limit"):
            if key in value and result != "retry":
                self.fail(entries[key][0], "scenario.only_retry", key=key)
        yields = self.yields(value["yields"]) if "yields" in value else ()
        sets = self.sets(value["sets"]) if "sets" in value else ()
        forgets = self.forgets(value["forgets"]) if "forgets" in value else ()
        return OutcomeCase(
            when=self.target(value["when"]) or () if "when" in value else (),
            result=result or "",
            pos=self.pos(node),
            message=self.text(value["message"]) if "message" in value else None,
            from_step=from_step,
            yields=yields,
            matches=self.regex(value["matches"]) if "matches" in value else None,
            max_tries=self.count(value["max_tries"]) or 3 if "max_tries" in value else 3,
            last_try=self.text(value["last_try"]) if "last_try" in value else None,
            at_limit=self.text(value["at_limit"]) if "at_limit" in value else None,
            sets=sets,
            forgets=forgets,
        )

    def yields(self, node: Node) -> tuple[tuple[str, str], ...]:
        """`name: regex` pairs, read from the matched text (for a literal value, `sets`)."""
        # The names are free (`nss`, `folio`, ...), so not `mapping`, which checks the keys.
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return ()
        return tuple((str(key.value), self.regex(pattern) or "") for key, pattern in node.value)

    def sets(self, node: Node) -> tuple[tuple[str, str], ...]:
        """`name: literal` pairs (free names, like `yields`)."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return ()
        found = ((str(key.value), self.string(value)) for key, value in node.value)
        return tuple((name, text) for name, text in found if text is not None)

    def forgets(self, node: Node) -> tuple[str, ...]:
        """Names an earlier step yields (or sets): one, or a list of them."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        names = []
        for item in items:
            name = self.string(item)
            if name is None:
                continue
            if name not in self.yielded:
                hint = self.hint(name, self.yielded)
                self.fail(item, "scenario.forgets_not_yielded", name=name, hint=hint)
            names.append(name)
        return tuple(names)


# --- Regular expressions that could run for hours ---------------------------------------------
#
# Python's `re` backtracks: when a text almost matches, it tries every way of matching it before
# it gives up, and a step's timeout cannot stop it. The number of ways explodes when a repeated
# group can match the same text in more than one way: a repeat inside it that nothing else of
# the group must delimit (`(a+)+`, `((a+)|b)+`, `(.*,)*`: a `.` matches the comma too), or
# alternatives that match the same text (`(a|a)*`, `(\w|\d)+`, `(a|aa)+`). A counted repeat
# of such a group (`(.*,){15}`) tries as many splits as a binomial of the text's length.
# `nodes.nested_repeat` refuses the plainest form; this reads the parsed pattern for the rest.

# A counted repeat from this many times on counts as a repeat here: `(.*,){5}` on a long line
# already tries the fifth power of its length, `{2}` only the square.
_ENOUGH_TIMES = 5
# How far alternatives are spelt out, shape by shape (`(a|b)(c|d)` is four shapes of two
# characters): beyond this the group is left to the other checks (never a slow load).
_MAX_SHAPES = 64
_MAX_SHAPE_LENGTH = 24
# The characters a part of a pattern may match are compared over these, plus every character
# the pattern names: each class of `re` has members among them.
_ALPHABET = (
    *(chr(code) for code in range(0x250)),
    *"\u00a0\u2003\u2028\u0663\u0416\u4e2d\U0001f600",
)
_BACKTRACKING = (_constants.MAX_REPEAT, _constants.MIN_REPEAT)  # possessive ones never do
_LEAVES = (_constants.LITERAL, _constants.NOT_LITERAL, _constants.ANY, _constants.IN)
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_LINEBREAK": r"\n",
    "CATEGORY_NOT_LINEBREAK": r"[^\n]",
}
_Item = tuple[Any, Any]
_Shape = tuple[int, ...]  # one character class (a bit mask over the alphabet) per character


def regex_hazard(pattern: str) -> tuple[str, dict[str, Any]] | None:
    """Why `pattern` could run for hours on a text that almost matches, as a catalogue key and
    its parameters, or None: a repeated group holding an unbounded repeat that nothing else
    of the group must delimit, through any nesting or alternation (`((a+)|b)+c`,
    `scenario.regex.nested`); such a group repeated a counted number of times
    (`(.*,){15}x`, `scenario.regex.counted`); a repeated group whose alternatives can match
    the same text (`(a|a)*`, `(\\w|\\d)+`, `scenario.regex.overlapping`). `(\\d+,)*`,
    `(.|\\n)*`, `(a|b)+` are fine: each text splits one way only."""
    try:
        parsed = _parser.parse(pattern)
    except (re.error, OverflowError, ValueError, RecursionError):
        return None  # refused, with its reason, by `regex_refusal`
    reading = _RegexReading(parsed)
    found = reading.hazard(list(parsed.data), parsed.state.flags)
    if found is None and reading.overlapping_characters(pattern, parsed.state.flags):
        return "scenario.regex.overlapping", {}
    return found


def _shown_pattern(pattern: str, width: int = 60) -> str:
    """A pattern as a message quotes it: whole, or its start and "…"."""
    return pattern if len(pattern) <= width else pattern[: width - 1] + "…"


class _RegexReading:
    """One parsed pattern, read for the ways it could backtrack without end."""

    def __init__(self, parsed: _parser.SubPattern) -> None:
        self.state = parsed.state
        named = set(_ALPHABET)
        self._named_characters(list(parsed.data), named)
        self.alphabet = sorted(named)
        self.text = "".join(self.alphabet)  # each character once: a match's place is its bit
        self.index = {char: bit for bit, char in enumerate(self.alphabet)}
        self.masks: dict[tuple[Any, str, int], int] = {}

    def _named_characters(self, items: list[_Item], found: set[str]) -> None:
        """Every character `items` names (literals, ranges' ends), into `found`."""
        for op, av in items:
            if op in (_constants.LITERAL, _constants.NOT_LITERAL):
                found.add(chr(av))
            elif op is _constants.IN:
                for kind, value in av:
                    if kind is _constants.LITERAL:
                        found.add(chr(value))
                    elif kind is _constants.RANGE:
                        found.update((chr(value[0]), chr(value[1])))
            for child in _children(op, av):
                self._named_characters(child, found)

    # -- what a part may match -----------------------------------------------------------------
    def leaf(self, op: Any, av: Any, flags: int) -> int:
        """The characters one character's item (a literal, a set, `.`) matches, as a mask."""
        key = (op, repr(av), flags & (re.IGNORECASE | re.DOTALL))
        if key not in self.masks:
            self.masks[key] = self._compiled_mask(op, av, flags) or self._tested_mask(op, av, flags)
        return self.masks[key]

    def _compiled_mask(self, op: Any, av: Any, flags: int) -> int | None:
        """The mask by `re` itself: the item compiled alone, run along the alphabet (each
        match one character, its place the bit); None should `re` not take it so."""
        try:
            state = _parser.State()
            state.flags = re.UNICODE | (flags & (re.IGNORECASE | re.DOTALL))
            alone = _compiler.compile(_parser.SubPattern(state, [(op, av)]), state.flags)
            mask = 0
            for found in alone.finditer(self.text):
                mask |= 1 << found.start()
            return mask
        except (re.error, TypeError, ValueError, RecursionError):
            return None

    def _tested_mask(self, op: Any, av: Any, flags: int) -> int:
        test = _matcher(op, av, flags)
        caseless = bool(flags & re.IGNORECASE)
        mask = 0
        for bit, char in enumerate(self.alphabet):
            # One character each: «ß».upper() is «SS», which no one-character item matches.
            forms = {c for c in (char, char.lower(), char.upper()) if len(c) == 1}
            forms = forms if caseless else {char}
            if any(test(form) for form in forms):
                mask |= 1 << bit
        return mask

    def mask(self, items: list[_Item], flags: int) -> int:
        """Every character some part of `items` may match."""
        mask = 0
        for op, av in items:
            if op in _LEAVES:
                mask |= self.leaf(op, av, flags)
            elif op is _constants.GROUPREF:
                mask |= (1 << len(self.alphabet)) - 1  # whatever the group matched
            else:
                inner = _inner_flags(op, av, flags)
                for child in _children(op, av):
                    mask |= self.mask(child, inner)
        return mask

    def needed(self, item: _Item) -> bool:
        """Whether `item` must match at least one character."""
        width: tuple[int, int] = _parser.SubPattern(self.state, [item]).getwidth()
        return width[0] > 0

    def overlapping_characters(self, pattern: str, flags: int) -> bool:
        """Whether a repeated group's alternatives are single characters that may be the same
        one (`(\\w|\\d)+`, `(a|A)+` ignoring case). `re` reads such a group as one set of
        characters, so it is only found in the text as written; Playwright's `expect` hands
        the pattern to JavaScript, which tries each alternative in turn."""
        for body, rest in _repeated_groups(pattern):
            if not _repeats_enough_written(rest):
                continue
            masks = []
            for alternative in _alternatives(body):
                try:
                    items = list(_parser.parse(alternative, flags).data)
                except (re.error, OverflowError, ValueError, RecursionError):
                    break
                if len(items) != 1 or items[0][0] not in _LEAVES:
                    break
                op, av = items[0]
                masks.append(self.leaf(op, av, flags))
            else:
                if any(
                    one & other for index, one in enumerate(masks) for other in masks[index + 1 :]
                ):
                    return True
        return False

    # -- the three ways ------------------------------------------------------------------------
    def hazard(self, items: list[_Item], flags: int) -> tuple[str, dict[str, Any]] | None:
        for op, av in items:
            if op in _BACKTRACKING and _repeats_enough(av):
                body = list(av[2])
                if self.carries(body, [], flags):
                    if av[1] == _constants.MAXREPEAT:
                        return "scenario.regex.nested", {}
                    return "scenario.regex.counted", {"count": int(av[1])}
                if self.ambiguous(body, flags):
                    return "scenario.regex.overlapping", {}
            inner = _inner_flags(op, av, flags)
            for child in _children(op, av):
                found = self.hazard(child, inner)
                if found is not None:
                    return found
        return None

    def carries(self, items: list[_Item], around: list[int], flags: int) -> bool:
        """Whether `items`, repeated, holds an unbounded repeat that every character-matching
        part beside it (`around`: those of the groups it is in) may also match: nothing then
        marks where one round ends, and a text splits into rounds in every way."""
        for position, (op, av) in enumerate(items):
            beside = around + [
                self.mask([other], flags)
                for index, other in enumerate(items)
                if index != position and self.needed(other)
            ]
            if op in _BACKTRACKING and av[1] == _constants.MAXREPEAT:
                repeated = self.mask(list(av[2]), flags)
                if repeated and all(mask & repeated for mask in beside):
                    return True
            if op is _constants.BRANCH:
                if any(self.carries(list(alt), beside, flags) for alt in av[1]):
                    return True
            elif op is _constants.SUBPATTERN or op in _BACKTRACKING:
                inner = _inner_flags(op, av, flags)
                if any(self.carries(child, beside, inner) for child in _children(op, av)):
                    return True
        return False

    def ambiguous(self, items: list[_Item], flags: int) -> bool:
        """Whether two ways of matching `items` (its alternatives, its optional parts spelt
        out) can match the same text, or one round's text can be two or more rounds'."""
        shapes = self.shapes(items, flags)
        if shapes is None:
            return False
        shapes = [shape for shape in shapes if shape]
        for first, one in enumerate(shapes):
            for other in shapes[first + 1 :]:
                if len(one) == len(other) and all(a & b for a, b in zip(one, other, strict=True)):
                    return True
        return any(_tiled(shape, shapes) for shape in shapes)

    def shapes(self, items: list[_Item], flags: int) -> list[_Shape] | None:
        """Every way `items` may match, spelt out character by character; None when it may
        match texts of any length, or has too many ways to spell out."""
        found: list[_Shape] = [()]
        for op, av in items:
            options = self.item_shapes(op, av, flags)
            if options is None:
                return None
            found = [before + after for before in found for after in options]
            if len(found) > _MAX_SHAPES or any(len(s) > _MAX_SHAPE_LENGTH for s in found):
                return None
        return found

    def item_shapes(self, op: Any, av: Any, flags: int) -> list[_Shape] | None:
        if op in _LEAVES:
            return [(self.leaf(op, av, flags),)]
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            return [()]
        if op is _constants.SUBPATTERN:
            return self.shapes(list(av[3]), _inner_flags(op, av, flags))
        if op is _constants.BRANCH:
            options: list[_Shape] = []
            for alt in av[1]:
                found = self.shapes(list(alt), flags)
                if found is None:
                    return None
                options += found
            return options
        if op in _BACKTRACKING and av[1] != _constants.MAXREPEAT and av[1] <= _MAX_SHAPE_LENGTH:
            body = self.shapes(list(av[2]), flags)
            if body is None:
                return None
            options = []
            rounds: list[_Shape] = [()]
            for times in range(int(av[1]) + 1):
                if times >= av[0]:
                    options += rounds
                rounds = [before + after for before in rounds for after in body]
                if len(options) + len(rounds) > _MAX_SHAPES:
                    return None
            return options
        return None  # a back reference, an atomic group, an unbounded or possessive repeat


_WRITTEN_REPEAT = re.compile(r"[*+]|\{(\d*)(?:,(\d*))?\}")


def _repeats_enough_written(rest: str) -> bool:
    """Whether the text after a group starts with a repeat `_repeats_enough` counts."""
    found = _WRITTEN_REPEAT.match(rest)
    if found is None:
        return False
    if found.group(0) in ("*", "+"):
        return True
    low, high = found.group(1), found.group(2)
    if high is None:  # `{n}` or `{n,}`
        return "," in found.group(0) or int(low or 0) >= _ENOUGH_TIMES
    return not high or int(high) >= _ENOUGH_TIMES


def _repeated_groups(pattern: str) -> list[tuple[str, str]]:
    """Each group of `pattern` as written: its content (after `(?:`, `(?P<name>`, `(?i:`) and
    the text after its `)`; escapes and sets `[...]` open none. Lookarounds and other `(?`
    forms are left out."""
    groups: list[tuple[str, str]] = []
    opened: list[int] = []  # where each open group's content starts (-1: not one of ours)
    for index, char in regex_structure(pattern):
        if char == "(":
            opened.append(_content_start(pattern, index))
        elif char == ")" and opened:
            start = opened.pop()
            if start >= 0:
                groups.append((pattern[start:index], pattern[index + 1 :]))
    return groups


_GROUP_OPENING = re.compile(r"\(\?(?::|P<\w+>|[aiLmsux-]+:)|\((?!\?)")


def _content_start(pattern: str, index: int) -> int:
    """Where the content of the group opened at `index` starts, or -1 for a lookaround, a
    flag setting or a back reference."""
    found = _GROUP_OPENING.match(pattern, index)
    return found.end() if found else -1


def _alternatives(body: str) -> list[str]:
    """A group's content split at its own `|` (not those of a group or a set inside it)."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in regex_structure(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    return [*parts, body[start:]]


def _repeats_enough(av: Any) -> bool:
    """Whether a repeat's count lets a group's ways of matching multiply past any timeout."""
    most = av[1]
    return bool(most == _constants.MAXREPEAT or most >= _ENOUGH_TIMES)


def _children(op: Any, av: Any) -> list[list[_Item]]:
    """The sub-patterns an item holds (a group's, a repeat's, each alternative...)."""
    if op is _constants.SUBPATTERN:
        return [list(av[3])]
    if op in (*_BACKTRACKING, _constants.POSSESSIVE_REPEAT):
        return [list(av[2])]
    if op is _constants.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (_constants.ASSERT, _constants.ASSERT_NOT):
        return [list(av[1])]
    if op is _constants.ATOMIC_GROUP:
        return [list(av)]
    if op is _constants.GROUPREF_EXISTS:
        return [list(part) for part in av[1:] if part is not None]
    return []


def _inner_flags(op: Any, av: Any, flags: int) -> int:
    """The flags inside a group: `(?i:...)` adds, `(?-i:...)` takes away."""
    if op is _constants.SUBPATTERN:
        return int((flags | av[1]) & ~av[2])
    return flags


def _matcher(op: Any, av: Any, flags: int) -> Callable[[str], bool]:
    """Whether one character matches a leaf item (case folded by the caller)."""
    if op is _constants.LITERAL:
        return lambda char: char == chr(av)
    if op is _constants.NOT_LITERAL:
        return lambda char: char != chr(av)
    if op is _constants.ANY:
        return lambda char: bool(flags & re.DOTALL) or char != "\n"
    negated = any(kind is _constants.NEGATE for kind, _ in av)
    literals = {chr(value) for kind, value in av if kind is _constants.LITERAL}
    ranges = [value for kind, value in av if kind is _constants.RANGE]
    categories = [
        re.compile(_CATEGORIES.get(str(value), r"[\s\S]"))
        for kind, value in av
        if kind is _constants.CATEGORY
    ]

    def test(char: str) -> bool:
        found = (
            char in literals
            or any(low <= ord(char) <= high for low, high in ranges)
            or any(category.fullmatch(char) for category in categories)
        )
        return found != negated

    return test


def _tiled(shape: _Shape, shapes: list[_Shape]) -> bool:
    """Whether `shape` can also be matched as two or more rounds of `shapes` (`aa` as `a`,
    `a` in `(a|aa)+`)."""
    reach = [False] * (len(shape) + 1)
    reach[0] = True
    for start in range(len(shape)):
        if not reach[start]:
            continue
        for piece in shapes:
            end = start + len(piece)
            if end > len(shape) or (start == 0 and end == len(shape)):
                continue
            if all(a & b for a, b in zip(piece, shape[start:end], strict=True)):
                reach[end] = True
    return reach[len(shape)]


FIELD_PARSERS: dict[str, Callable[[FieldReader, Node], Any]] = {
    "Target": FieldReader.target,
    "Template": FieldReader.template,
    "Text": FieldReader.text,
    "str": FieldReader.string,
    "Regex": FieldReader.regex,
    "bool": FieldReader.boolean,
    "float": FieldReader.seconds,
    "tuple[SummaryItem, ...]": FieldReader.items,
    "tuple[OutcomeCase, ...]": FieldReader.cases,
    "Until": FieldReader.until,
    "BrowserDialog": FieldReader.dialog,
}
