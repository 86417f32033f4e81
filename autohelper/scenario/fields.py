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

import yaml

from autohelper import profile
from autohelper.scenario.model import (
    LOCATOR_KINDS,
    OUTCOME_RESULTS,
    TEMPLATE_RE,
    Locator,
    Needs,
    OutcomeCase,
    Step,
    SummaryItem,
    Target,
    Template,
    Text,
)
from autohelper.scenario.nodes import Node, NodeReader

Field = dataclasses.Field[Any]
# Fields every step has (`description`, `id`, `timeout`, and `pos` set by the loader).
_COMMON_FIELDS = {f.name for f in dataclasses.fields(Step)}
# Parameters left empty on purpose: some portals reload the CAPTCHA image themselves.
_OPTIONAL = {("captcha", "refresh")}
_LOCATOR_KEYS = (*LOCATOR_KINDS, "name", "exact", "has_text")
_CASE_KEYS = ("when", "result", "message", "from", "yields")


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
                fragment = raw[brace.start() :].split("}")[0][:30] + "}"
                self.fail(node, "scenario.bad_template", fragment=fragment)
            elif ref.group(1) == "secret" and ref.group(2) not in self.needs.secrets:
                self.fail(node, "scenario.secret_not_declared", ref=ref.group())
            elif ref.group(1) == "profile" and ref.group(2) not in profile.FIELDS:
                hint = self.hint(ref.group(2), profile.FIELDS)
                self.fail(node, "scenario.unknown_profile_field", ref=ref.group(), hint=hint)
            elif ref.group(1) == "profile" and ref.group(2) not in self.needs.profile:
                self.fail(node, "scenario.profile_not_declared", ref=ref.group())
        return Template(raw)

    def target(self, node: Node) -> Target | None:
        if isinstance(node, yaml.SequenceNode):
            locators = [self.locator(item) for item in self.sequence(node)]
        else:
            locators = [self.locator(node)]
        found = tuple(locator for locator in locators if locator is not None)
        return found if found and len(found) == len(locators) else None

    def locator(self, node: Node) -> Locator | None:
        if isinstance(node, yaml.ScalarNode):
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
        value = {key: self.string(v) for key, (_, v) in entries.items() if key != "exact"}
        exact = self.boolean(entries["exact"][1]) if "exact" in entries else False
        return Locator(
            kinds[0], value[kinds[0]] or "", value.get("name"), bool(exact), value.get("has_text")
        )

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
        entries = self.mapping(node, _CASE_KEYS, ("when", "result"))
        value = {key: v for key, (_, v) in entries.items()}
        result = self.string(value["result"]) if "result" in value else None
        if result is not None and result not in OUTCOME_RESULTS:
            self.fail(
                value["result"],
                "scenario.unknown_result",
                result=result,
                hint=self.hint(result, OUTCOME_RESULTS),
                results=", ".join(OUTCOME_RESULTS),
            )
        if result == "error" and "message" not in value:
            self.fail(node, "scenario.error_needs_message")
        if result == "retry" and "from" not in value:
            self.fail(node, "scenario.retry_needs_from")
        from_step = self.string(value["from"]) if "from" in value else None
        if from_step is not None and result != "retry":
            self.fail(entries["from"][0], "scenario.from_only_retry")
        elif from_step is not None and from_step not in self.ids:
            self.fail(
                value["from"],
                "scenario.unknown_from",
                step=from_step,
                hint=self.hint(from_step, self.ids),
            )
        yields = self.yields(value["yields"]) if "yields" in value else ()
        return OutcomeCase(
            when=self.target(value["when"]) or () if "when" in value else (),
            result=result or "",
            pos=self.pos(node),
            message=self.text(value["message"]) if "message" in value else None,
            from_step=from_step,
            yields=yields,
        )

    def yields(self, node: Node) -> tuple[tuple[str, str], ...]:
        # The names are free (`nss`, `folio`, ...), so not `mapping`, which checks the keys.
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return ()
        return tuple((str(key.value), self.regex(pattern) or "") for key, pattern in node.value)


FIELD_PARSERS: dict[str, Callable[[FieldReader, Node], Any]] = {
    "Target": FieldReader.target,
    "Template": FieldReader.template,
    "Text": FieldReader.text,
    "str": FieldReader.string,
    "bool": FieldReader.boolean,
    "float": FieldReader.seconds,
    "tuple[SummaryItem, ...]": FieldReader.items,
    "tuple[OutcomeCase, ...]": FieldReader.cases,
}
