"""QA cases as data: `fixtures/qa/*.yaml`, one file per scenario (or more), validated like
scenarios (every problem as `file:line:column: message`, with a "did you mean").

    scenario: imss-nss
    cases:
      - id: drift-form
        description: El formulario cambió el id del campo CURP
        mock: {drift: true}          # the bundled mock's settings (`--mock` keys)
        timeout: 3                   # each step's wait (a missing element shows after it)
        human: {captcha: [oracle]}   # the scripted person: captcha, confirm, ask, secrets, choices
        # secrets: {cia_password: [wrong, cia-secreto]}: the first at the start, then again
        expect:
          portal_changed: {step: form}   # a step by id or by description

A case runs against the bundled mock (`fixtures`) or a mirror; one with `mock:` settings needs
the bundled mock (`against: fixtures` by default), one without runs against either. The case's
full id is `<scenario>/<id>`: the name in reports, `-k`, and the shard's hash.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from autohelper import yamlerrors
from autohelper.errors import AutohelperError, ScenarioError, UsageError
from autohelper.files import same_file
from autohelper.human import ORACLE
from autohelper.messages import localized, t
from autohelper.profile import Profile
from autohelper.qa.expect import KINDS, Expectation, StepRef
from autohelper.scenario.fields import FieldReader
from autohelper.scenario.model import Position, Scenario, Text
from autohelper.scenario.nodes import Node

if TYPE_CHECKING:
    from autohelper.human import ScriptedHuman

FILE_KEYS = ("scenario", "cases")
CASE_KEYS = (
    "id",
    "description",
    "mock",
    "profile",
    "human",
    "expect",
    "timeout",
    "against",
    "tags",
)
HUMAN_KEYS = ("captcha", "confirm", "ask", "secrets", "choices")
EXPECT_PARAMS = ("step", "text", "yields")
AGAINST = ("fixtures", "mirror", "any")
# The profile fields a case may set (the stored ones: the others derive from them).
CASE_PROFILE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Profile))
CASE_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
TAG_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")
# Tags become pytest markers: pytest's own would change how a case runs (`xfail` turned a
# failing case into «omitido», exit 0; `skip` never ran it).
RESERVED_TAGS = frozenset(
    {
        "skip",
        "skipif",
        "xfail",
        "parametrize",
        "usefixtures",
        "filterwarnings",
        "tryfirst",
        "trylast",
        "browser",
    }
)


def target_words(against: str, lang: str | None = None) -> str:
    """A target in words (`fixtures`, `mirror`, `live`, or a mirror's URL, its personal parts
    masked), for a sentence: "contra el portal simulado", not "contra fixtures"."""
    if against in ("fixtures", "mirror", "live"):
        return t(f"qa.target.{against}", lang)
    from autohelper.target import shown_against

    return t("qa.target.url", lang, url=shown_against(against))


def cases_dir() -> Path:
    """The bundled cases: the repository's `fixtures/qa/`."""
    return Path(__file__).resolve().parents[2] / "fixtures" / "qa"


class CasesInvalid(ScenarioError):
    """One or more case files are invalid; `problems` holds every `file:line:column: ...`."""

    key = "qa.cases_invalid"


@dataclass(frozen=True)
class HumanScript:
    """The scripted person of a case: CAPTCHA answers in order (`oracle`: the mock's answer;
    the last one repeats), yes/no answers to confirmations (the last one repeats) and to the
    scenario's own questions (`ask`; yes once they run out), secrets, choices.

    `secrets` holds what the person gives for each secret, in turn: the first value is the one
    the run starts with (instead of `AUTOHELPER_SECRET_<NAME>`), the next ones are given when the
    portal asks again; once they run out the person gives no more. A secret the case does not
    name still comes from the environment."""

    captcha: tuple[str, ...] = (ORACLE,)
    confirm: tuple[bool, ...] = (True,)
    ask: tuple[bool, ...] = ()
    secrets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    choices: tuple[int | str, ...] = ()

    def human(self) -> ScriptedHuman:
        from autohelper.human import ScriptedHuman

        return ScriptedHuman(
            captcha_answers=self.captcha,
            confirm=self.confirm,
            answers=self.ask,
            secrets={name: list(values[1:]) for name, values in self.secrets},
            choices=self.choices,
        )

    def first_secrets(self) -> dict[str, str]:
        """The secrets the run starts with (each one's first value)."""
        return {name: values[0] for name, values in self.secrets if values}


@dataclass(frozen=True)
class Case:
    """One QA case: a scenario, where it runs, the mock's settings, the person's script and
    what the tool is expected to do."""

    name: str
    scenario: str
    scenario_path: str
    expect: Expectation
    pos: Position
    description: Text = ""
    mock: tuple[tuple[str, Any], ...] = ()  # canonical setting names, typed values
    # Profile fields the case's person has instead of the profile's (validated, normalised).
    profile: tuple[tuple[str, str], ...] = ()
    human: HumanScript = field(default_factory=HumanScript)
    timeout: float | None = None
    against: str = "any"  # fixtures, mirror, any, or a mirror's URL
    tags: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.scenario}/{self.name}"

    def runs_against(self, kind: str, url: str | None) -> bool:
        """Whether the case belongs to a run against `kind` (fixtures or mirror) at `url`."""
        if self.against == "any":
            return True
        if self.against in ("fixtures", "mirror"):
            return self.against == kind
        return kind == "mirror" and (url or "").rstrip("/") == self.against.rstrip("/")

    def describe(self, lang: str | None = None) -> str:
        return localized(self.description, lang) if self.description else self.name


_SUFFIXES = (".yaml", ".yml")


def case_files(paths: Iterable[Path]) -> list[Path]:
    """The case files named: files as given, folders searched for `*.yaml` and `*.yml`
    (sorted); each file once, however often it is named (a folder and a file in it, a file
    given twice: its cases are not «repeated»)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            named = sorted(p for p in path.rglob("*") if p.suffix in _SUFFIXES)
            # A link to a file that is not there is a case file lost, never one passed over.
            broken = next((p for p in named if p.is_symlink() and not p.exists()), None)
            if broken is not None:
                raise UsageError("qa.broken_case_link", path=str(broken))
            inside = [p for p in named if p.is_file()]
            if not inside:
                raise UsageError("qa.no_case_files", path=str(path))
            found += inside
        elif not path.exists():
            raise UsageError("qa.no_such_cases", path=str(path))
        elif path.suffix not in _SUFFIXES:
            raise UsageError("qa.cases_not_yaml", path=str(path))
        else:
            found.append(path)
    return _once(found)


def _once(paths: list[Path]) -> list[Path]:
    """`paths` in their order, each file the first time it comes (by what it is: a link or
    another spelling of its path is the same file)."""
    seen: set[Path] = set()
    kept: list[Path] = []
    for path in paths:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def load_case_file(path: Path, lang: str | None = None) -> list[Case]:
    """Every case of one file; CasesInvalid with every problem found."""
    cases, problems = _parse_file(path, lang)
    if problems:
        raise CasesInvalid(problems)
    return cases


def load_cases(paths: Sequence[Path], lang: str | None = None) -> list[Case]:
    """The cases of several files, checked together (a full id used twice is a problem)."""
    cases: list[Case] = []
    problems: list[str] = []
    seen: dict[str, Case] = {}
    for path in paths:
        found, file_problems = _parse_file(path, lang)
        problems += file_problems
        for case in found:
            if case.id in seen:
                problems.append(
                    f"{case.pos}: "
                    + t("qa.duplicate_case", lang, id=case.id, where=str(seen[case.id].pos))
                )
            seen.setdefault(case.id, case)
            cases.append(case)
    if problems:
        raise CasesInvalid(problems)
    return cases


def _parse_file(path: Path, lang: str | None) -> tuple[list[Case], list[str]]:
    file = str(path)
    try:
        text = yamlerrors.read_text(path)
    except yamlerrors.FileProblem as exc:
        return [], [exc.located(file, lang)]
    reader = _CaseReader(file, lang)
    cases: list[Case] = []
    try:
        root = yamlerrors.compose(text)
    except yamlerrors.FileProblem as exc:
        line, column = (exc.line or 1) - 1, (exc.column or 1) - 1
        reader.problem(line, column, "scenario.yaml_syntax", detail=exc.message(lang))
    else:
        if root is None:
            reader.problem(0, 0, "scenario.empty")
        else:
            cases = reader.document(root)
    return cases, reader.report()


def _is_folder_path(name: str) -> bool:
    """Whether a case file's `scenario:` is a path (not a name) to a folder."""
    given = Path(name)
    if given.suffix not in _SUFFIXES and "/" not in name and os.sep not in name:
        return False
    try:
        return given.is_dir()
    except OSError:  # a name too long: the loader says why
        return False


class _CaseReader(FieldReader):
    """Walks one case file's nodes; each method returns the value, or None after a problem."""

    def __init__(self, file: str, lang: str | None) -> None:
        super().__init__(file, lang)
        self.scenario: Scenario | None = None
        self.names: dict[str, Node] = {}

    def document(self, root: Node) -> list[Case]:
        entries = self.mapping(root, FILE_KEYS, FILE_KEYS)
        if "scenario" in entries:
            self.scenario = self.scenario_named(entries["scenario"][1])
        if "cases" not in entries:
            return []
        cases = [self.qa_case(node) for node in self.sequence(entries["cases"][1])]
        return [case for case in cases if case is not None]

    def _beside(self, name: str) -> str:
        """A relative path is read from the case file's folder when the file is there (a case
        file kept beside its scenario runs from any folder), else as given (from the current
        folder); an id is left as it is. `~` is the home folder, as a shell reads it."""
        if name.startswith("~"):
            return os.path.expanduser(name)
        given = Path(name)
        if given.is_absolute() or not (given.suffix in _SUFFIXES or "/" in name or os.sep in name):
            return name
        beside = Path(self.file).parent / given
        try:
            # Never the case file itself (a case file named after its scenario, `imss-nss.yaml`).
            found = beside.exists() and not same_file(beside, Path(self.file))
        except OSError:  # a name too long: the loader says why
            return name
        return str(beside) if found else name

    def scenario_named(self, node: Node) -> Scenario | None:
        from autohelper.scenario.loader import find_scenario, load_scenario, scenarios_dir

        name = self.string(node)
        if name is None:
            return None
        name = self._beside(name)
        if _is_folder_path(name):
            # A path (as `find_scenario` reads one) to a folder: not "no such file".
            self.fail(node, "qa.scenario_is_folder", path=name)
            return None
        try:
            return load_scenario(find_scenario(name, scenarios_dir()), self.lang)
        except ScenarioError as exc:
            self.fail(node, "qa.scenario_invalid", name=name, count=len(exc.problems))
        except AutohelperError as exc:
            self.fail(node, "qa.scenario_unknown", detail=exc.message(self.lang))
        return None

    def qa_case(self, node: Node) -> Case | None:
        entries = self.mapping(node, CASE_KEYS, ("id", "expect"))
        value = {key: v for key, (_, v) in entries.items()}
        name = self.case_name(value["id"]) if "id" in value else None
        expect = self.expectation(value["expect"]) if "expect" in value else None
        mock = self.mock(value["mock"]) if "mock" in value else ()
        profile = self.profile(value["profile"]) if "profile" in value else ()
        human = self.human(value["human"]) if "human" in value else HumanScript()
        timeout = self.seconds(value["timeout"]) if "timeout" in value else None
        description = self.text(value["description"]) if "description" in value else ""
        tags = self.tags(value["tags"]) if "tags" in value else ()
        against = "fixtures" if mock else "any"
        if "against" in value:
            against = self.against(value["against"]) or against
            if mock and against != "fixtures":
                self.fail(value["against"], "qa.mock_needs_fixtures")
        if name is None or expect is None or self.scenario is None:
            return None
        return Case(
            name=name,
            scenario=self.scenario.id,
            scenario_path=self.scenario.path,
            expect=expect,
            pos=self.pos(node),
            description=description or "",
            mock=mock or (),
            profile=profile or (),
            human=human or HumanScript(),
            timeout=timeout,
            against=against,
            tags=tags or (),
        )

    def case_name(self, node: Node) -> str | None:
        name = self.string(node)
        if name is None:
            return None
        if not CASE_ID_RE.fullmatch(name):
            self.fail(node, "qa.bad_case_id", id=name)
            return None
        if name in self.names:
            line = self.names[name].start_mark.line + 1
            self.fail(node, "scenario.duplicate_id", id=name, line=line)
            return None
        self.names[name] = node
        return name

    # -- expect ---------------------------------------------------------------------------------
    def expectation(self, node: Node) -> Expectation | None:
        if isinstance(node, yaml.ScalarNode):
            kind = self.kind(node)
            if kind is None:
                return None
            return self.expect_params(node, kind, {})
        entries = self.mapping(node, tuple(KINDS))
        if len(entries) != 1:
            if entries or (isinstance(node, yaml.MappingNode) and not node.value):
                self.fail(node, "qa.one_kind", kinds=", ".join(KINDS))
            return None
        ((kind, (_, params_node)),) = entries.items()
        spec = KINDS[kind]
        params: dict[str, Node] = {}
        if isinstance(params_node, yaml.MappingNode):
            params = {k: v for k, (_, v) in self.mapping(params_node, spec.params).items()}
        elif spec.primary is not None and self.scalar(params_node) is not None:
            params = {spec.primary: params_node}
        elif not (isinstance(params_node, yaml.ScalarNode) and params_node.value == ""):
            self.fail(params_node, "scenario.expected_mapping")
            return None
        return self.expect_params(node, kind, params)

    def kind(self, node: Node) -> str | None:
        name = self.string(node)
        if name is None:
            return None
        if name not in KINDS:
            self.fail(node, "qa.unknown_kind", kind=name, hint=self.hint(name, KINDS))
            return None
        return name

    def expect_params(self, node: Node, kind: str, params: dict[str, Node]) -> Expectation | None:
        for required in KINDS[kind].required:
            if required not in params:
                self.fail(node, "qa.kind_needs", kind=kind, key=required)
                return None
        step = self.step_ref(params["step"]) if "step" in params else None
        text = self.string(params["text"]) if "text" in params else None
        yields = self.expected_yields(params["yields"]) if "yields" in params else ()
        return Expectation(kind, step, text, yields or ())

    def step_ref(self, node: Node) -> StepRef | None:
        written = self.scalar(node)
        if isinstance(written, float | bool):  # `1.5`, `yes`: neither a number nor a name
            self.fail(node, "qa.expected_step", value=node.value)
            return None
        if not isinstance(written, str | int):
            self.not_text(node)
            return None
        if self.scenario is None:
            return None
        steps = self.scenario.steps
        names: dict[str, int] = {}
        for index, step in enumerate(steps):
            for lang in ("es", "en"):
                names.setdefault(localized(step.description, lang), index)
            if step.id:
                names[step.id] = index
        if isinstance(written, int):
            if 1 <= written <= len(steps):
                index = written - 1
            else:
                self.fail(node, "qa.no_step_number", n=written, total=len(steps))
                return None
        elif written in names:
            index = names[written]
        else:
            ids = [step.id for step in steps if step.id]
            hint = self.hint(written, [*ids, *names])
            self.fail(node, "qa.unknown_step", step=written, hint=hint)
            return None
        step = steps[index]
        return StepRef(index, step.id, step.description, str(written))

    def expected_yields(self, node: Node) -> tuple[tuple[str, str | None], ...] | None:
        if isinstance(node, yaml.SequenceNode):
            items = self.sequence(node)
            names = [self.yield_name(item) for item in items]
            return tuple((name, None) for name in names if name is not None)
        found: list[tuple[str, str | None]] = []
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "qa.yields_shape")
            return None
        for key, value in node.value:
            name = self.yield_name(key)
            pattern = self.regex(value)
            if name is not None and pattern is not None:
                found.append((name, pattern))
        return tuple(found)

    def yield_name(self, node: Node) -> str | None:
        """A name the case expects the run to yield: one the scenario's steps can yield (an
        outcome's `yields` or `sets`, a reader's findings, a remembered choice); another could
        never be there, and the case would fail late, saying less."""
        from autohelper.scenario.loader import yield_names

        name = self.string(node)
        if name is None or self.scenario is None:
            return name
        known = sorted(set().union(*(yield_names(step) for step in self.scenario.steps)))
        if name not in known:
            self.fail(
                node,
                "qa.unknown_yield",
                name=name,
                scenario=self.scenario.id,
                hint=self.hint(name, known),
                known=", ".join(known) or "-",
            )
            return None
        return name

    # -- mock, human, the rest ------------------------------------------------------------------
    def mock(self, node: Node) -> tuple[tuple[str, Any], ...] | None:
        from autohelper.mock.config import canonical, known_settings, parse_options

        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return None
        settings: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.string(key_node)
            if key is None:
                continue
            try:
                name = canonical(key)
            except KeyError:
                bare = {known.rpartition(".")[2] for known in known_settings()}
                hint = self.hint(key, [*known_settings(), *bare])
                self.fail(key_node, "qa.unknown_mock_setting", key=key, hint=hint)
                continue
            elsewhere = self.other_portals_setting(name)
            if elsewhere is not None:
                self.fail(key_node, "qa.mock_setting_elsewhere", key=key, **elsewhere)
                continue
            raw = self.mock_setting(name, value_node)
            if raw is None:
                continue
            try:
                settings.update(parse_options([f"{name}={raw}"]))
            except UsageError as exc:
                self.fail(value_node, "qa.bad_mock_value", detail=exc.message(self.lang))
        return tuple(sorted(settings.items()))

    def other_portals_setting(self, name: str) -> dict[str, str] | None:
        """For a setting of one mock site (`cia.warning`) whose hosts the case's scenario never
        visits: the site and its hosts (the setting could change nothing the case runs), else
        None."""
        from autohelper.mock.sites import SITE_TYPES
        from autohelper.target import host_matches, host_patterns

        site_name, dot, _ = name.partition(".")
        site = next((site for site in SITE_TYPES if site.name == site_name), None)
        if not dot or site is None or self.scenario is None:
            return None
        patterns = host_patterns(self.scenario.origins)
        hosts = [host.partition(":")[0] for host in site.hosts]
        if any(host_matches(host, pattern) for host in hosts for pattern in patterns):
            return None
        return {
            "site": site_name,
            "hosts": ", ".join(dict.fromkeys(hosts)),
            "scenario": self.scenario.id,
        }

    def profile(self, node: Node) -> tuple[tuple[str, str], ...] | None:
        """`{field: value}`: profile fields, checked as `autohelper profile set` checks them."""
        from autohelper.profile import validate_value

        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return None
        values: dict[str, str] = {}
        for key_node, value_node in node.value:
            name = self.string(key_node)
            if name is None:
                continue
            raw = self.profile_value(name, value_node)
            if raw is None:
                continue
            result = validate_value(name, raw, values)
            if result.problems:
                at = value_node if name in CASE_PROFILE_FIELDS else key_node
                detail = "; ".join(p.message(self.lang) for p in result.problems)
                self.fail(at, "qa.bad_profile_value", detail=detail)
            else:
                values[name] = result.value
        return tuple(values.items())

    def profile_value(self, name: str, node: Node) -> str | None:
        """A profile field's value as written. A text field's must be text: YAML reads
        `0012345` as 5349, `no` as false, `12:30` as 750, and the case would quietly run with
        another value, so anything YAML reads as a number, a yes/no or a date is refused (to
        be written in quotes), as the profile's own file refuses it. A yes/no field takes
        YAML's true/false."""
        from autohelper.profile import SPECS

        spec = SPECS.get(name)
        value = self.scalar(node)
        typed = value is not None and not isinstance(value, str)
        if spec is not None and not spec.is_bool and typed:
            self.quote_needed(node, name)
            return None
        return self.mock_value(node)

    def mock_setting(self, name: str, node: Node) -> str | None:
        """A mock setting's value as `--mock name=VALUE` would give it. A text setting (a
        password, a message) or a list of words must be text, as for a profile field
        (`cia.password: 0123` is no 83); a yes/no or a number setting takes YAML's
        true/false, or the number as written (`0123` is 123, `0x1F` no integer)."""
        from autohelper.mock.config import typed_change
        from autohelper.mock.site import MockSettingError

        value = self.scalar(node)
        if value is None or isinstance(value, str | bool) or not isinstance(node, yaml.ScalarNode):
            return self.mock_value(node)
        try:
            typed_change(name, value)
        except MockSettingError as exc:
            if exc.key in ("mock.expected_text", "mock.expected_words"):
                self.quote_needed(node, name)
                return None
        return str(node.value)

    def quote_needed(self, node: Node, name: str) -> None:
        """`not_text` for a profile field or a mock setting: what YAML read the value as, and
        the way out, never the value itself (a student ID, a phone, a password)."""
        value = self.scalar(node)
        if isinstance(value, bool):
            what = "bool"
        elif isinstance(value, int | float):
            what = "number"
        elif isinstance(value, datetime.date):
            what = "date"
        else:  # a tag YAML builds something else from (`!!binary`)
            self.not_text(node)
            return
        self.fail(node, "qa.quote_value", name=name, what=t(f"qa.read_as.{what}", self.lang))

    def mock_value(self, node: Node) -> str | None:
        if isinstance(node, yaml.SequenceNode):
            words = [self.string(item) for item in node.value]
            return ",".join(word for word in words if word is not None)
        value = self.scalar(node)
        if value is None or isinstance(value, dict | list):
            self.fail(node, "qa.expected_scalar")
            return None
        return str(value).lower() if isinstance(value, bool) else str(value)

    def human(self, node: Node) -> HumanScript | None:
        entries = self.mapping(node, HUMAN_KEYS)
        value = {key: v for key, (_, v) in entries.items()}
        script = HumanScript()
        captcha = script.captcha
        if "captcha" in value:
            answers = [self.string(item) for item in self.sequence(value["captcha"])]
            captcha = tuple(answer for answer in answers if answer is not None) or captcha
        confirm = self.yes_no(value["confirm"]) if "confirm" in value else None
        ask = self.yes_no(value["ask"]) if "ask" in value else None
        secrets = self.secrets(value["secrets"]) if "secrets" in value else ()
        choices: list[int | str] = []
        if "choices" in value:
            for item in self.sequence(value["choices"]):
                pick = self.scalar(item)
                if isinstance(pick, int | str) and not isinstance(pick, bool):
                    choices.append(pick)
                else:
                    self.fail(item, "qa.bad_choice")
        return HumanScript(
            captcha, confirm or script.confirm, ask or (), secrets or (), tuple(choices)
        )

    def yes_no(self, node: Node) -> tuple[bool, ...] | None:
        """One yes/no, or a list of them in turn."""
        if isinstance(node, yaml.SequenceNode):
            answers = [self.boolean(item) for item in self.sequence(node)]
            return tuple(a for a in answers if a is not None) or None
        single = self.boolean(node)
        return (single,) if single is not None else None

    def secrets(self, node: Node) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
        """`{name: [first, again, ...]}`: a secret the scenario needs, and at least one value."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return None
        needed = self.scenario.needs.secrets if self.scenario is not None else None
        found: list[tuple[str, tuple[str, ...]]] = []
        for key, answers_node in node.value:
            name = self.string(key)
            given = [self.string(a, empty=True) for a in self.sequence(answers_node, True)]
            values = tuple(g for g in given if g is not None)
            if name is None:
                continue
            if needed is not None and name not in needed:
                hint = self.hint(name, needed)
                self.fail(key, "qa.unknown_secret", name=name, hint=hint)
            elif not values:
                self.fail(answers_node, "qa.secret_needs_value", name=name)
            else:
                found.append((name, values))
        return tuple(found)

    def against(self, node: Node) -> str | None:
        from autohelper.target import parse_against, shown_against

        value = self.string(node)
        if value is None or value in AGAINST:
            return value
        try:
            spec = parse_against(value)
        except UsageError:
            spec = None
        if spec is None or spec.kind != "mirror":
            shown = shown_against(value)  # never a password written in the URL
            self.fail(node, "qa.bad_against", value=shown, hint=self.hint(value, AGAINST))
            return None
        return value

    def tags(self, node: Node) -> tuple[str, ...] | None:
        found: list[str] = []
        for item in self.sequence(node):
            tag = self.string(item)
            if tag is not None and tag in RESERVED_TAGS:
                self.fail(item, "qa.reserved_tag", tag=tag)
            elif tag is not None and TAG_RE.fullmatch(tag):
                found.append(tag)
            elif tag is not None:
                self.fail(item, "qa.bad_tag", tag=tag)
        return tuple(found)
