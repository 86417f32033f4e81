"""Load a procedure file into the model of `procedure.py`, reporting every problem at once as
`file:line:column: message` with a "did you mean" where it helps (the scenario loader's
`NodeReader` keeps the positions). An unknown key, step, kind, scenario, profile field or run
status is named; a step may only depend on steps written before it, so there are no cycles.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import yaml

from autohelper import profile as prof
from autohelper import yamlerrors
from autohelper.errors import UsageError
from autohelper.messages import t
from autohelper.scenario.nodes import Node, NodeReader
from autohelper.status.business_days import FIRST_YEAR, LAST_YEAR, parse_day
from autohelper.status.procedure import (
    CONTACT_KINDS,
    MAX_WINDOW_DAYS,
    PLANNED_SCENARIOS,
    PROFILE_PLACEHOLDER,
    RULE_TEXTS,
    RUN_STATUSES,
    STEP_KINDS,
    ClosedDays,
    Contact,
    HelpDesk,
    Procedure,
    ProcedureError,
    ProcedureStep,
    Rule,
    Text,
    Window,
)

_TOP_KEYS = ("procedure", "title", "institution", "guide", "help_desk", "closed", "steps")
_TOP_REQUIRED = ("procedure", "title", "institution", "help_desk", "steps")
_STEP_KEYS = (
    "id",
    "kind",
    "title",
    "explain",
    "depends_on",
    "scenario",
    "where",
    "window",
    "done_when",
    "skipped_when",
    "blocked_when",
    "in_person_when",
)
# Each rule list: the keys a rule may have besides `run`/`profile`, and the ones it must have.
_RULE_LISTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "done_when": ((), ()),
    "skipped_when": (("why",), ("why",)),
    "blocked_when": (("why", "tell", "after_window"), ("why",)),
    "in_person_when": (("where", "bring"), ("where",)),
}
_HOURS_RE = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")
# A date written as text ("2026-11-05" in quotes): read as the date it names.
_DAY_TEXT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_ID_RE = re.compile(r"[a-z][a-z0-9_-]*")
_PLACEHOLDER_RE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def load_procedure(
    path: Path, lang: str | None = None, known_scenarios: Collection[str] | None = None
) -> Procedure:
    """Parse and validate one procedure file; raise ProcedureError with every problem.

    `known_scenarios`: the scenario ids that exist as files; when given, a step naming a
    scenario that is neither one of them nor in PLANNED_SCENARIOS is a problem."""
    procedure, problems = parse_procedure(path, lang, known_scenarios)
    if problems or procedure is None:
        raise ProcedureError(problems)
    return procedure


def load_procedures(
    paths: Iterable[Path], lang: str | None = None, known_scenarios: Collection[str] | None = None
) -> list[Procedure]:
    """Several files; one ProcedureError with the problems of all of them."""
    loaded: list[Procedure] = []
    problems: list[str] = []
    for path in paths:
        procedure, found = parse_procedure(path, lang, known_scenarios)
        problems += found
        if procedure is not None and not found:
            loaded.append(procedure)
    if problems:
        raise ProcedureError(problems)
    return loaded


def parse_procedure(
    path: Path, lang: str | None = None, known_scenarios: Collection[str] | None = None
) -> tuple[Procedure | None, list[str]]:
    """The procedure (None when it could not be read at all) and every problem found."""
    file = str(path)
    reader = _ProcedureReader(file, lang, known_scenarios)
    # Read and composed as scenarios and profiles are (yamlerrors): every failure is a phrase at
    # its place, and a value YAML cannot build (`2026-02-30`) is found before it is read.
    try:
        text = yamlerrors.read_text(path)
    except yamlerrors.FileProblem as exc:
        detail = t("scenario.unreadable", lang, detail=exc.message(lang))
        where = f"{file}:{exc.line}:{exc.column}" if exc.line is not None else file
        return None, [f"{where}: {detail}"]
    try:
        root = yamlerrors.compose(text)
    except yamlerrors.FileProblem as exc:
        line, column = (exc.line or 1) - 1, (exc.column or 1) - 1
        reader.problem(line, column, "scenario.yaml_syntax", detail=exc.message(lang))
        return None, reader.report()
    if root is None:
        reader.problem(0, 0, "scenario.empty")
        return None, reader.report()
    procedure = reader.procedure(root, path.stem)
    return procedure, reader.report()


class _ProcedureReader(NodeReader):
    """Walks one procedure file's nodes; each method returns a value or None after a problem."""

    def __init__(self, file: str, lang: str | None, known: Collection[str] | None) -> None:
        super().__init__(file, lang)
        self.known_scenarios = None if known is None else {*known, *PLANNED_SCENARIOS}
        self.ids: dict[str, Node] = {}  # the steps read so far: what a reference may name
        self.waits: set[str] = set()  # those of them that are waits

    # -- the header ---------------------------------------------------------------------------
    def procedure(self, root: Node, stem: str) -> Procedure | None:
        entries = self.mapping(root, _TOP_KEYS, _TOP_REQUIRED)
        value = {key: node for key, (_, node) in entries.items()}
        procedure_id = self.string(value["procedure"]) if "procedure" in value else None
        if procedure_id is not None and procedure_id != stem:
            self.fail(value["procedure"], "procedure.id_not_file", id=procedure_id, stem=stem)
        steps = self.steps(value["steps"]) if "steps" in value else ()
        help_desk = self.help_desk(value["help_desk"]) if "help_desk" in value else None
        closed = self.closed(value["closed"]) if "closed" in value else ()
        title = self.text(value["title"]) if "title" in value else None
        institution = self.text(value["institution"]) if "institution" in value else None
        guide = self.string(value["guide"]) if "guide" in value else None
        if self.problems or None in (procedure_id, title, institution, help_desk):
            return None
        assert procedure_id and title and institution and help_desk  # narrowed for mypy
        return Procedure(
            id=procedure_id,
            title=title,
            institution=institution,
            help_desk=help_desk,
            steps=steps,
            closed=closed,
            guide=guide,
            path=self.file,
        )

    def text(self, node: Node, rule: bool = False) -> Text | None:
        """A user text: both languages, `{es: ..., en: ...}`. A rule's text (`rule`) may hold
        `{profile}`; any other `{name}` is a problem (it would be shown as written)."""
        entries = self.mapping(node, ("es", "en"), ("es", "en"))
        texts = {lang: self.string(value) for lang, (_, value) in entries.items()}
        for lang, (_, value) in entries.items():
            text = texts[lang]
            for found in _PLACEHOLDER_RE.finditer(text or ""):
                if not (rule and found.group() == PROFILE_PLACEHOLDER):
                    assert text is not None  # narrowed for mypy
                    self.fail_in(
                        value,
                        text,
                        found.start(),
                        "procedure.placeholder",
                        placeholder=found.group(),
                        keys=", ".join(RULE_TEXTS),
                    )
        if len(texts) < 2 or None in texts.values():
            return None
        return {lang: text for lang, text in texts.items() if text is not None}

    def help_desk(self, node: Node) -> HelpDesk | None:
        entries = self.mapping(node, ("name", "hours", "contacts"), ("name", "contacts"))
        name = self.text(entries["name"][1]) if "name" in entries else None
        hours = self.hours(entries["hours"][1]) if "hours" in entries else None
        contacts: list[Contact] = []
        if "contacts" in entries:
            for item in self.sequence(entries["contacts"][1]):
                contact = self.contact(item)
                if contact is not None:
                    contacts.append(contact)
        return HelpDesk(name, tuple(contacts), hours) if name else None

    def contact(self, node: Node) -> Contact | None:
        entries = self.mapping(node, (*CONTACT_KINDS, "hours"))
        kinds = [key for key in entries if key in CONTACT_KINDS]
        if len(kinds) != 1:
            self.fail(node, "procedure.contact_kind", kinds=", ".join(CONTACT_KINDS))
            return None
        kind = kinds[0]
        value_node = entries[kind][1]
        value: str | Text | None
        if kind == "office":
            value = self.text(value_node)
        else:
            value = self.string(value_node)
            if kind == "email" and value is not None and "@" not in value:
                self.fail(value_node, "procedure.bad_email", value=value)
        hours = self.hours(entries["hours"][1]) if "hours" in entries else None
        return Contact(kind, value, hours) if value is not None else None

    def hours(self, node: Node) -> str | None:
        hours = self.string(node)
        if hours is None:
            return None
        found = _HOURS_RE.fullmatch(hours)
        if found is None:
            self.fail(node, "procedure.bad_hours", value=hours)
            return None
        # In the form and still no time of day ("25:00"), or closing before it opens.
        opens_h, opens_m, closes_h, closes_m = (int(part) for part in found.groups())
        if max(opens_h, closes_h) > 24 or max(opens_m, closes_m) > 59:
            self.fail(node, "procedure.bad_hours_time", value=hours)
            return None
        if not opens_h * 60 + opens_m < closes_h * 60 + closes_m <= 24 * 60:
            self.fail(node, "procedure.bad_hours_order", value=hours)
            return None
        return hours

    def closed(self, node: Node) -> tuple[ClosedDays, ...]:
        days: list[ClosedDays] = []
        for item in self.sequence(node, empty=True):
            if isinstance(item, yaml.MappingNode):
                entries = self.mapping(item, ("from", "until", "why"), ("from", "until"))
                first = self.date(entries["from"][1]) if "from" in entries else None
                last = self.date(entries["until"][1]) if "until" in entries else None
                why = self.text(entries["why"][1]) if "why" in entries else None
                if first and last and last < first:
                    self.fail(item, "procedure.bad_range", first=first, last=last)
                elif first and last:
                    days.append(ClosedDays(first, last, why))
            else:
                day = self.date(item)
                if day is not None:
                    days.append(ClosedDays(day, day))
        return tuple(days)

    def date(self, node: Node) -> datetime.date | None:
        value = self.scalar(node)
        if isinstance(value, str) and _DAY_TEXT.fullmatch(value.strip()):
            # A date in quotes is the date it names; one that does not exist says why (February
            # 2026 has 28 days), as `--as-of` does.
            try:
                return parse_day(value.strip(), "closed")
            except UsageError as exc:
                self.fail(node, exc.key, **_said(exc.params, self.lang))
                return None
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            self.fail(node, "procedure.expected_date")
            return None
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            self.fail(
                node, "procedure.date_out_of_range", value=value, first=FIRST_YEAR, last=LAST_YEAR
            )
            return None
        return value

    # -- the steps ----------------------------------------------------------------------------
    def steps(self, node: Node) -> tuple[ProcedureStep, ...]:
        steps = [self.step(item) for item in self.sequence(node)]
        return tuple(step for step in steps if step is not None)

    def step(self, node: Node) -> ProcedureStep | None:
        before = len(self.problems)
        entries = self.mapping(node, _STEP_KEYS, ("id", "kind", "title", "explain"))
        value = {key: item for key, (_, item) in entries.items()}
        step_id = self.step_id(value["id"]) if "id" in value else None
        kind = self.kind(value["kind"]) if "kind" in value else None
        kwargs: dict[str, Any] = {"id": step_id, "kind": kind, "pos": self.pos(node)}
        for key in ("title", "explain", "where"):
            if key in value:
                kwargs[key] = self.text(value[key])
        if "depends_on" in value:
            refs = self.sequence(value["depends_on"], empty=True)
            kwargs["depends_on"] = tuple(r for r in map(self.step_ref, refs) if r is not None)
        if "window" in value:
            kwargs["window"] = self.window(value["window"], step_id)
        self.scenario_ref(kind, value)
        if kind is not None and "scenario" in value:
            kwargs["scenario"] = self.string(value["scenario"])
        for key in _RULE_LISTS:
            if key in value:
                kwargs[key] = self.rules(key, value[key], kind)
        self.kind_rules(node, kind, value, kwargs)
        if step_id is not None:
            self.ids[step_id] = value["id"]
            if kind == "wait":
                self.waits.add(step_id)
        if len(self.problems) > before:
            return None
        return ProcedureStep(**kwargs)

    def step_id(self, node: Node) -> str | None:
        step_id = self.string(node)
        if step_id is None:
            return None
        if not _ID_RE.fullmatch(step_id):
            self.fail(node, "procedure.bad_id", id=step_id)
            return None
        if step_id in self.ids:
            line = self.ids[step_id].start_mark.line + 1
            self.fail(node, "scenario.duplicate_id", id=step_id, line=line)
            return None
        return step_id

    def kind(self, node: Node) -> str | None:
        kind = self.string(node)
        if kind is not None and kind not in STEP_KINDS:
            hint = self.hint(kind, STEP_KINDS)
            self.fail(
                node, "procedure.unknown_kind", kind=kind, hint=hint, kinds=", ".join(STEP_KINDS)
            )
            return None
        return kind

    def step_ref(self, node: Node) -> str | None:
        """A reference to a step written earlier in the file."""
        ref = self.string(node)
        if ref is not None and ref not in self.ids:
            self.fail(node, "procedure.unknown_step_ref", step=ref, hint=self.hint(ref, self.ids))
            return None
        return ref

    def window(self, node: Node, step_id: str | None) -> Window | None:
        entries = self.mapping(node, ("after", "first", "last"), ("after", "first"))
        after = self.step_ref(entries["after"][1]) if "after" in entries else None
        if after in self.waits:
            # A wait has no day of its own to count from (it ends when the step after it is
            # done): `status` would never open such a window.
            self.fail(entries["after"][1], "procedure.window_after_wait", step=step_id, wait=after)
            return None
        first = self.days(entries["first"][1]) if "first" in entries else None
        last = self.days(entries["last"][1]) if "last" in entries else None
        if first is not None and last is not None and last < first:
            self.fail(entries["last"][1], "procedure.last_before_first", first=first, last=last)
            return None
        return Window(after, first, last) if after is not None and first is not None else None

    def days(self, node: Node) -> int | None:
        value = self.scalar(node)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_WINDOW_DAYS:
            return value
        self.fail(node, "procedure.expected_days", high=MAX_WINDOW_DAYS)
        return None

    def scenario_ref(self, kind: str | None, value: dict[str, Node]) -> None:
        if kind == "scenario" and "scenario" not in value:
            self.problem(*self._at(value["kind"]), "procedure.scenario_needed")
        elif kind in ("manual", "wait") and "scenario" in value:
            self.fail(value["scenario"], "procedure.scenario_only")
        elif kind == "scenario" and self.known_scenarios is not None:
            name = self.string(value["scenario"])
            if name is not None and name not in self.known_scenarios:
                hint = self.hint(name, self.known_scenarios)
                self.fail(value["scenario"], "procedure.unknown_scenario", name=name, hint=hint)

    def kind_rules(
        self, node: Node, kind: str | None, value: dict[str, Node], kwargs: dict[str, Any]
    ) -> None:
        """What each kind must or must not have; the default `done_when` of each."""
        if kind == "wait":
            if "window" not in value:
                self.fail(node, "procedure.wait_needs_window")
            for key in ("done_when", *(k for k in _RULE_LISTS if k != "done_when")):
                if key in value:
                    self.fail(value[key], "procedure.wait_no_rules", key=key)
        elif kind is not None and "done_when" not in value:
            success = (Rule("run", status="success"),) if kind == "scenario" else ()
            kwargs["done_when"] = (*success, Rule("mark"))

    def rules(self, key: str, node: Node, kind: str | None) -> tuple[Rule, ...]:
        extra, required = _RULE_LISTS[key]
        rules: list[Rule] = []
        for item in self.sequence(node):
            if key == "done_when" and isinstance(item, yaml.ScalarNode) and item.value == "mark":
                rules.append(Rule("mark", pos=self.pos(item)))
                continue
            if isinstance(item, yaml.ScalarNode):
                self.fail(item, "procedure.rule_shape", key=key)
                continue
            rule = self.rule(item, extra, required, kind)
            if rule is not None:
                rules.append(rule)
        return tuple(rules)

    def rule(
        self, node: Node, extra: tuple[str, ...], required: tuple[str, ...], kind: str | None
    ) -> Rule | None:
        entries = self.mapping(node, ("run", "profile", *extra), required)
        sources = [key for key in ("run", "profile") if key in entries]
        if len(sources) != 1:
            self.fail(node, "procedure.rule_source")
            return None
        kwargs: dict[str, Any] = {"source": sources[0], "pos": self.pos(node)}
        source_node = entries[sources[0]][1]
        if sources[0] == "run":
            if kind != "scenario":
                self.fail(entries["run"][0], "procedure.run_rule_needs_scenario")
            kwargs.update(self.run_match(source_node))
        else:
            kwargs["profile"] = self.profile_match(source_node)
        for key in RULE_TEXTS:
            if key in entries:
                kwargs[key] = self.text(entries[key][1], rule=True)
        if "after_window" in entries:
            kwargs["after_window"] = self.boolean(entries["after_window"][1])
        return Rule(**kwargs)

    def run_match(self, node: Node) -> dict[str, Any]:
        entries = self.mapping(node, ("status", "yields"))
        if not entries and isinstance(node, yaml.MappingNode):
            self.fail(node, "procedure.run_match_empty")
        match: dict[str, Any] = {}
        if "status" in entries:
            status = self.string(entries["status"][1])
            if status is not None and status not in RUN_STATUSES:
                hint = self.hint(status, RUN_STATUSES)
                self.fail(
                    entries["status"][1],
                    "procedure.unknown_status",
                    status=status,
                    hint=hint,
                    statuses=", ".join(RUN_STATUSES),
                )
            match["status"] = status
        if "yields" in entries:
            pairs = []
            for key, item in self.pairs(entries["yields"][1]):
                scalar = self.scalar(item)
                if scalar is None or isinstance(scalar, datetime.date):
                    self.not_text(item)
                    continue
                pairs.append(
                    (key, str(scalar).lower() if isinstance(scalar, bool) else str(scalar))
                )
            match["yields"] = tuple(pairs)
        return match

    def profile_match(self, node: Node) -> tuple[tuple[str, str], ...]:
        pairs: list[tuple[str, str]] = []
        for field, item in self.pairs(node):
            if field not in prof.FIELDS:
                hint = self.hint(field, prof.FIELDS)
                self.fail(item, "scenario.unknown_profile_field", ref=field, hint=hint)
                continue
            spec = prof.SPECS.get(field)
            if spec is not None and spec.is_bool:
                flag = self.boolean(item)
                if flag is not None:
                    pairs.append((field, "true" if flag else "false"))
            elif self.scalar(item) == "set":
                pairs.append((field, "set"))
            else:
                self.fail(item, "procedure.profile_set", field=field)
        return tuple(pairs)

    def pairs(self, node: Node) -> list[tuple[str, Node]]:
        if not isinstance(node, yaml.MappingNode) or not node.value:
            self.fail(node, "scenario.expected_mapping")
            return []
        return [(str(key.value), value) for key, value in node.value]

    @staticmethod
    def _at(node: Node) -> tuple[int, int]:
        return node.start_mark.line, node.start_mark.column


def _said(params: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """A message's parameters with its phrases (a month's name) said in `lang`."""
    return {
        name: value.message(lang) if hasattr(value, "message") else value
        for name, value in params.items()
    }
