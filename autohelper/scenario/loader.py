"""Load scenario YAML into the frozen model, reporting every problem as `file:line:column: msg`.

We walk PyYAML's composed nodes instead of loading plain dicts because nodes keep their
position: a typo deep inside a step still points at its own line and column. Every problem is
collected before raising, so the author fixes a file in one pass, before any browser starts.
How each step key is parsed comes from the dataclass fields in `model.py` (via `STEP_TYPES`),
so the loader, the validator and the docs cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from autohelper import profile
from autohelper.errors import ScenarioError, UsageError
from autohelper.messages import t
from autohelper.scenario.model import (
    COMMON_KEYS,
    HEADER_KEYS,
    LOCATOR_KINDS,
    NEEDS_KEYS,
    OUTCOME_RESULTS,
    STEP_TYPES,
    TEMPLATE_RE,
    Expect,
    Goto,
    Locator,
    Needs,
    OutcomeCase,
    Position,
    Scenario,
    Step,
    SummaryItem,
    Target,
    Template,
    Text,
)
from autohelper.target import origin_allowed

Node = yaml.Node
Entries = dict[str, tuple[Node, Node]]  # key -> (key node, value node)
# Step fields that are not parameters of the step type (common keys or set by the loader).
_NOT_PARAMETERS = ("description", "pos", "id", "timeout")
# Parameters left empty on purpose: some portals reload the CAPTCHA image themselves.
_OPTIONAL = {("captcha", "refresh")}
_ORIGIN_RE = re.compile(r"[a-z][a-z0-9+.-]*://(\*\.)?[A-Za-z0-9.-]+(:\d+)?")
_SECRET_RE = re.compile(r"[a-z_][a-z0-9_]*")
_LOCATOR_KEYS = (*LOCATOR_KINDS, "name", "exact", "has_text")
_CASE_KEYS = ("when", "result", "message", "from", "yields")
_TEXT_KEYS = ("title", "description")


def load_scenario(path: Path, lang: str | None = None) -> Scenario:
    """Parse and validate one scenario file; raise ScenarioError with every problem found."""
    scenario, problems = _parse_file(path, lang)
    if problems or scenario is None:
        raise ScenarioError(problems)
    return scenario


def load_scenarios(paths: Iterable[Path], lang: str | None = None) -> list[Scenario]:
    """Load several files, raising one ScenarioError with the problems of all of them."""
    scenarios: list[Scenario] = []
    problems: list[str] = []
    for path in paths:
        scenario, found = _parse_file(path, lang)
        problems += found
        if scenario is not None and not found:
            scenarios.append(scenario)
    if problems:
        raise ScenarioError(problems)
    return scenarios


def scenarios_dir() -> Path:
    """The repository's `scenarios/` folder, or AUTOHELPER_SCENARIOS when set."""
    override = os.environ.get("AUTOHELPER_SCENARIOS")
    return Path(override) if override else Path(__file__).parents[2] / "scenarios"


def find_scenario(name_or_path: str, directory: Path) -> Path:
    """A scenario file from a path, or from a name: `<directory>/<name>.yaml` (or below it)."""
    given = Path(name_or_path)
    if given.suffix in (".yaml", ".yml") or os.sep in name_or_path or "/" in name_or_path:
        if given.is_file():
            return given
        raise UsageError("scenario.file_missing", path=name_or_path)
    available = {path.stem: path for path in sorted(directory.rglob("*.yaml"))}
    if name_or_path in available:
        return available[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(available), n=1)
    raise UsageError(
        "scenario.unknown",
        name=name_or_path,
        available=", ".join(sorted(available)) or "-",
        hint=t("scenario.hint", name=close[0]) if close else "",
    )


def describe_step_types() -> str:
    """The markdown table of step types in `docs/scenarios.md`, built from `STEP_TYPES`."""
    rows = ["| step | value of the key | other keys | retried | what it does |", "|---" * 5 + "|"]
    for kind, cls in STEP_TYPES.items():
        others = [
            f"`{f.name}` ({_type_name(f)}{'' if _required(cls, f) else ', optional'})"
            for f in _parameters(cls)
        ]
        primary = next(f for f in dataclasses.fields(cls) if f.name == cls.primary)
        doc = " ".join((cls.__doc__ or "").split("\n\n")[0].split())  # first paragraph
        doc = "" if doc.startswith(f"{cls.__name__}(") else doc  # dataclass's generated doc
        retried = "yes" if cls.retried else "no"
        rows.append(
            f"| `{kind}` | `{primary.name}` ({_type_name(primary)}) | "
            f"{', '.join(others) or '-'} | {retried} | {doc} |"
        )
    return "\n".join(rows) + "\n"


def _type_name(field: dataclasses.Field[Any]) -> str:
    # A `|` would split the markdown cell; optional-ness is shown separately.
    name = str(field.type).removesuffix(" | None")
    return f"list of {name[6:-6]}" if name.startswith("tuple[") else name


def _parameters(cls: type[Step]) -> list[dataclasses.Field[Any]]:
    skip = (*_NOT_PARAMETERS, cls.primary)
    return [f for f in dataclasses.fields(cls) if f.name not in skip]


def _required(cls: type[Step], field: dataclasses.Field[Any]) -> bool:
    # An empty default is a placeholder, not a usable value: the author must write it.
    return field.default in ("", (), Template("")) and (cls.kind, field.name) not in _OPTIONAL


def _parse_file(path: Path, lang: str | None) -> tuple[Scenario | None, list[str]]:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{file}: {t('scenario.unreadable', lang, detail=exc)}"]
    parser = _Parser(file, lang)
    scenario: Scenario | None = None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or str(exc)
        parser.problems.append(
            (
                mark.line if mark else 0,
                mark.column if mark else 0,
                t("scenario.yaml_syntax", lang, detail=detail),
            )
        )
    except yaml.YAMLError as exc:
        parser.problems.append((0, 0, t("scenario.yaml_syntax", lang, detail=exc)))
    else:
        if root is None:
            parser.problems.append((0, 0, t("scenario.empty", lang)))
        else:
            scenario = parser.scenario(root)
    problems = sorted(parser.problems, key=lambda p: (p[0], p[1]))
    return scenario, [f"{file}:{line + 1}:{col + 1}: {message}" for line, col, message in problems]


class _Parser:
    """Walks one file's nodes; each method returns the parsed value, or None after a problem."""

    def __init__(self, file: str, lang: str | None) -> None:
        self.file, self.lang = file, lang
        self.problems: list[tuple[int, int, str]] = []  # 0-based line, column; message
        self.needs = Needs()
        self.origins: tuple[str, ...] = ()
        self.ids: dict[str, Node] = {}  # step ids seen so far, in order: `from` looks back only
        self.values = yaml.constructor.SafeConstructor()  # YAML's own scalar typing (bool, int)
        self.parsers: dict[str, Callable[[Node], Any]] = {
            "Target": self.target,
            "Template": self.template,
            "Text": self.text,
            "str": self.string,
            "bool": self.boolean,
            "float": self.seconds,
            "tuple[SummaryItem, ...]": self.items,
            "tuple[OutcomeCase, ...]": self.cases,
        }

    def fail(self, node: Node, message: str, /, **params: Any) -> None:
        mark = node.start_mark
        self.problems.append((mark.line, mark.column, t(message, self.lang, **params)))

    def hint(self, word: str, options: Iterable[str]) -> str:
        close = difflib.get_close_matches(word, list(options), n=1)
        return t("scenario.hint", self.lang, name=close[0]) if close else ""

    def mapping(self, node: Node, allowed: Sequence[str], required: Iterable[str] = ()) -> Entries:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return {}
        entries: Entries = {}
        for key, value in node.value:
            name = str(key.value)
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
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
        self.fail(node, "scenario.expected_seconds")
        return None

    def text(self, node: Node) -> Text | None:
        if not isinstance(node, yaml.MappingNode):
            return self.string(node)
        entries = self.mapping(node, ("es", "en"), ("es",))
        return {lang: self.string(value) or "" for lang, (_, value) in entries.items()}

    def regex(self, node: Node) -> str | None:
        pattern = self.string(node)
        try:
            return re.compile(pattern).pattern if pattern is not None else None
        except re.error as exc:
            self.fail(node, "scenario.bad_regex", pattern=pattern, detail=exc)
            return None

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
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return ()
        return tuple((str(key.value), self.regex(pattern) or "") for key, pattern in node.value)

    def pos(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def scenario(self, root: Node) -> Scenario:
        required = [key for key in HEADER_KEYS if key != "description"]
        entries = self.mapping(root, HEADER_KEYS, required)
        value = {key: v for key, (_, v) in entries.items()}
        # Needs and origins first: templates and `goto` URLs in the steps are checked against them.
        if "needs" in value:
            self.needs = self.parse_needs(value["needs"])
        if "origins" in value:
            origins = [(node, self.string(node)) for node in self.sequence(value["origins"])]
            for node, origin in origins:
                if origin is not None and not _ORIGIN_RE.fullmatch(origin):
                    self.fail(node, "scenario.bad_origin", origin=origin)
            self.origins = tuple(origin for _, origin in origins if origin is not None)
        step_nodes = self.sequence(value["steps"]) if "steps" in value else []
        steps = [self.step(node) for node in step_nodes]
        text = {key: self.text(node) or "" for key, node in value.items() if key in _TEXT_KEYS}
        return Scenario(
            id=self.string(value["id"]) or "" if "id" in value else "",
            title=text.get("title", ""),
            portal=self.string(value["portal"]) or "" if "portal" in value else "",
            origins=self.origins,
            needs=self.needs,
            steps=tuple(step for step in steps if step is not None),
            path=self.file,
            description=text.get("description", ""),
        )

    def parse_needs(self, node: Node) -> Needs:
        entries = self.mapping(node, NEEDS_KEYS)
        names: dict[str, list[str]] = {"profile": [], "secrets": []}
        for key, (_, value) in entries.items():
            for item in self.sequence(value, empty=True):
                name = self.string(item)
                if name is None:
                    continue
                if key == "profile" and name not in profile.FIELDS:
                    hint = self.hint(name, profile.FIELDS)
                    self.fail(item, "scenario.unknown_profile_field", ref=name, hint=hint)
                elif key == "secrets" and not _SECRET_RE.fullmatch(name):
                    self.fail(item, "scenario.bad_template", fragment=f"{{secret.{name}}}")
                names[key].append(name)
        return Needs(profile=tuple(names["profile"]), secrets=tuple(names["secrets"]))

    def step(self, node: Node) -> Step | None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return None
        keys = [key for key, _ in node.value]
        kinds = [key for key in keys if key.value in STEP_TYPES]
        if not kinds:
            others = [key for key in keys if key.value not in COMMON_KEYS]
            if others:
                name = str(others[0].value)
                self.fail(
                    others[0], "scenario.unknown_step", key=name, hint=self.hint(name, STEP_TYPES)
                )
                return None
            self.fail(node, "scenario.no_step_type", kinds=", ".join(STEP_TYPES))
            return None
        if len(kinds) > 1 and kinds[1].value != kinds[0].value:  # the same twice: duplicate_key
            self.fail(
                kinds[1], "scenario.two_step_types", first=kinds[0].value, second=kinds[1].value
            )
            return None
        cls = STEP_TYPES[kinds[0].value]
        parameters = {f.name: f for f in _parameters(cls)}
        primary = next(f for f in dataclasses.fields(cls) if f.name == cls.primary)
        required = ["description", *(n for n, f in parameters.items() if _required(cls, f))]
        before = len(self.problems)
        entries = self.mapping(node, (cls.kind, *parameters, *COMMON_KEYS), required)
        kwargs: dict[str, Any] = {"pos": self.pos(node)}
        for name, (_, value) in entries.items():
            if name == "id":
                kwargs["id"] = self.step_id(value)
            elif name == "description":
                kwargs["description"] = self.text(value)
            elif name == "timeout":
                kwargs["timeout"] = self.seconds(value)
            elif cls is Expect and name == cls.kind and _is_page_check(value):
                # `expect: {url: ...}` waits for the page, not an element.
                for key, (_, check) in self.mapping(value, ("url", "title")).items():
                    kwargs[key] = self.regex(check) if key == "url" else self.string(check)
            else:
                field = primary if name == cls.kind else parameters[name]
                parse = self.parsers[str(field.type).removesuffix(" | None")]
                kwargs[field.name] = parse(value)
        url = kwargs.get("url")
        if cls is Goto and isinstance(url, str) and not origin_allowed(url, self.origins):
            self.fail(
                entries[cls.kind][1],
                "scenario.outside_origins",
                url=url,
                origins=", ".join(self.origins) or "-",
            )
        waits_for = (kwargs.get(key) for key in ("target", "url", "title"))
        if cls is Expect and len(self.problems) == before and not any(waits_for):
            self.fail(node, "scenario.expect_nothing")
        # The id is registered last, so an outcome's own id does not count as "earlier".
        if kwargs.get("id") is not None:
            self.ids[kwargs["id"]] = entries["id"][1]
        if len(self.problems) > before:
            return None  # a half-built step would only hide the problems already reported
        return cls(**{key: v for key, v in kwargs.items() if v is not None})

    def step_id(self, node: Node) -> str | None:
        step_id = self.string(node)
        if step_id is not None and step_id in self.ids:
            line = self.ids[step_id].start_mark.line + 1
            self.fail(node, "scenario.duplicate_id", id=step_id, line=line)
            return None
        return step_id


def _is_page_check(node: Node) -> bool:
    """An `expect` value that names the page (url/title) rather than locating an element."""
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = {str(key.value) for key, _ in node.value}
    return bool(keys & {"url", "title"}) and not keys & set(LOCATOR_KINDS)
