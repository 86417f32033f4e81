"""Parse the fields of a step, one parser per field type, chosen from the dataclass in `model.py`.

`FIELD_PARSERS` is keyed by the annotated type of a step field (`Target`, `Template`, ...), so a
step type added to `STEP_TYPES` is parsed without touching the loader; a field type nobody can
parse fails a test instead of a load. The schema helpers below (which fields are parameters,
which are required) feed both the loader and the docs table from the same registry.
"""

from __future__ import annotations

import dataclasses
import re
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
from autohelper.scenario.nodes import Node, NodeReader

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
            self.fail(node, "scenario.error_needs_message")
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
