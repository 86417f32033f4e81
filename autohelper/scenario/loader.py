"""Load scenario YAML into the frozen model, reporting every problem as `file:line:column: msg`.

This module reads the files, the header (`needs`, `origins`) and the steps, and finds scenario
files by name. Every problem is collected before raising, so the author fixes a file in one pass,
before any browser starts. Reading nodes with their positions is `nodes.py`; parsing each field
type is `fields.py`, driven by the dataclasses in `model.py` (via `STEP_TYPES`), so the loader,
the validator and the docs (`docs.py`) cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from autohelper import profile, yamlerrors
from autohelper.errors import ScenarioError, UsageError
from autohelper.messages import t
from autohelper.privacy import typed
from autohelper.scenario.docs import describe_step_types
from autohelper.scenario.fields import FIELD_PARSERS, FieldReader, is_required, parameters, type_key
from autohelper.scenario.model import (
    COMMON_KEYS,
    DEFAULT_QA_PROFILE,
    HEADER_KEYS,
    LOCATOR_KINDS,
    NEEDS_KEYS,
    SCENARIO_ID_RE,
    SIGN_IN_KEYS,
    STEP_ID_RE,
    STEP_TYPES,
    UNKNOWN,
    Choose,
    Confirm,
    Download,
    Expect,
    Goto,
    Needs,
    Outcome,
    Portal,
    Scenario,
    SignIn,
    Step,
    Submit,
    Text,
)
from autohelper.scenario.nodes import Node, did_you_mean, key_name
from autohelper.target import origin_allowed, origin_problem, shown_against

# `describe_step_types` lives in docs.py; it is re-exported here, where callers import it from.
__all__ = [
    "describe_step_types",
    "find_scenario",
    "folder_files",
    "load_scenario",
    "load_scenarios",
    "scenarios_dir",
    "yield_names",
]

_SECRET_RE = re.compile(r"[a-z_][a-z0-9_]*")
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
    """The repository's `scenarios/` folder, or AUTOHELPER_SCENARIOS when set: a folder that is
    not there (a typo, a file) is said, naming the variable, rather than read as no scenarios."""
    override = os.environ.get("AUTOHELPER_SCENARIOS")
    if not override:
        return Path(__file__).parents[2] / "scenarios"
    folder = Path(override)
    try:
        there = folder.is_dir()
    except OSError:  # a name too long, a loop of links: not a folder we can read
        there = False
    if not there:
        # Quoted, invisible characters written out: a stray space or a right-to-left mark
        # copied into the variable is seen, and never turns the line around.
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in override)
        raise UsageError("scenario.dir_missing", path=shown)
    return folder


def folder_files(procedures: bool = False) -> list[Path]:
    """The `*.yaml` files of the scenarios folder itself (`scenarios list`), and of its
    `procedures/` too when asked (`scenarios validate`). A folder with none is said, naming it
    and the variable that chose it, rather than listed (or checked) as nothing, exit 0."""
    folder = scenarios_dir()
    files = sorted(path for path in folder.glob("*.y*ml") if path.suffix in YAML_SUFFIXES)
    if procedures:
        files += sorted((folder / "procedures").glob("*.yaml"))
    if not files:
        override = os.environ.get("AUTOHELPER_SCENARIOS")
        raise UsageError("scenario.dir_empty" if override else "scenario.none", path=str(folder))
    return files


def qa_profiles_dir() -> Path:
    """The synthetic profiles a scenario's `qa_profile` names: `fixtures/profiles/`."""
    return Path(__file__).parents[2] / "fixtures" / "profiles"


# Folders of `scenarios/` that hold other kinds of files: facts per portal, procedures.
DATA_FOLDERS = ("portals", "procedures")


# A scenario file's name ends in `.yaml` or `.yml` (both are YAML's; QA case files take both).
YAML_SUFFIXES = (".yaml", ".yml")


def scenario_files(directory: Path) -> list[Path]:
    """The scenario files under `directory` (subfolders too), not portal or procedure files."""
    return [
        path
        for path in sorted(directory.rglob("*.y*ml"))
        if path.suffix in YAML_SUFFIXES
        and not set(path.relative_to(directory).parts[:-1]) & set(DATA_FOLDERS)
    ]


def find_scenario(name_or_path: str, directory: Path) -> Path:
    """A scenario file from a path, or from a name: `<directory>/<name>.yaml` (or below it)."""
    given = Path(name_or_path)
    if given.suffix in YAML_SUFFIXES or os.sep in name_or_path or "/" in name_or_path:
        if given.is_file():
            return given
        if given.exists():  # a folder, a device, a pipe: not "no such file"
            from autohelper.errors import Words

            reason = "file.is_directory" if given.is_dir() else "file.not_regular"
            raise UsageError("scenario.file_unusable", path=name_or_path, reason=Words(reason))
        raise UsageError("scenario.file_missing", path=name_or_path)
    available = {path.stem: path for path in scenario_files(directory)}
    if name_or_path in available:
        return available[name_or_path]
    raise UsageError(
        "scenario.unknown",
        name=name_or_path,
        available=", ".join(sorted(available)) or "-",
        hint=did_you_mean(name_or_path, available),
    )


def _parse_file(path: Path, lang: str | None) -> tuple[Scenario | None, list[str]]:
    file = str(path)
    try:
        text = yamlerrors.read_text(path)
    except yamlerrors.FileProblem as exc:
        detail = t("scenario.unreadable", lang, detail=exc.message(lang))
        where = f"{file}:{exc.line}:{exc.column}" if exc.line is not None else file
        return None, [f"{where}: {detail}"]
    parser = _Parser(file, lang)
    parser.file_id = path.stem if _in_scenarios_folder(path) else None
    scenario: Scenario | None = None
    try:
        root = yamlerrors.compose(text)
    except yamlerrors.FileProblem as exc:
        line, column = (exc.line or 1) - 1, (exc.column or 1) - 1
        parser.problem(line, column, "scenario.yaml_syntax", detail=exc.message(lang))
    else:
        if root is None:
            parser.problem(0, 0, "scenario.empty")
        else:
            scenario = parser.scenario(root)
    return scenario, parser.report()


def _in_scenarios_folder(path: Path) -> bool:
    """Whether `path` is one of the scenarios folder's scenario files (as `scenario_files`
    lists them): a file `run`, `qa` and `check` find by its name, so its id must be that name.
    A file given by a path elsewhere keeps the id it declares."""
    try:
        relative = path.resolve().relative_to(scenarios_dir().resolve())
    except (UsageError, ValueError, OSError):  # no scenarios folder, or not in it
        return False
    return not set(relative.parts[:-1]) & set(DATA_FOLDERS)


def _scheme(url: str) -> str:
    """The scheme of `url`, lower case; "" when it has none or cannot be read."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


class _Parser(FieldReader):
    """Walks one file's nodes; each method returns the parsed value, or None after a problem."""

    def __init__(self, file: str, lang: str | None) -> None:
        super().__init__(file, lang)
        self.origins: tuple[str, ...] = ()
        self.bad_origin = False
        # A confirm not yet used by a submit: one yes, one press.
        self.confirmed = False
        self.downloads: set[str] = set()
        # The name the file is found by (its name without `.yaml`), when it is a file of the
        # scenarios folder: the id must be that name. None for a file given by a path elsewhere.
        self.file_id: str | None = None

    def scenario(self, root: Node) -> Scenario:
        optional = (
            "description",
            "origins",
            "sign_in",
            "save_to_profile",
            "once",
            "requires",
            "qa_profile",
        )
        required = [key for key in HEADER_KEYS if key not in optional]
        entries = self.mapping(root, HEADER_KEYS, required)
        value = {key: v for key, (_, v) in entries.items()}
        facts = self.portal(value["portal"]) if "portal" in value else UNKNOWN
        # Needs and origins first: templates and `goto` URLs in the steps are checked against them.
        if "needs" in value:
            self.needs = self.parse_needs(value["needs"])
        if "origins" in value:
            self.origins = self.parse_origins(value["origins"])
        else:
            self.origins = facts.origins  # the portal's, from its portal file
            if not self.origins and facts is not UNKNOWN:
                self.fail(root, "scenario.missing_key", key="origins")
        step_nodes = self.sequence(value["steps"]) if "steps" in value else []
        steps = [self.step(node) for node in step_nodes]
        text = {key: self.text(node) or "" for key, node in value.items() if key in _TEXT_KEYS}
        return Scenario(
            id=self.scenario_id(value["id"]) or "" if "id" in value else "",
            title=text.get("title", ""),
            portal=facts.id,
            origins=self.origins,
            needs=self.needs,
            steps=tuple(step for step in steps if step is not None),
            path=self.file,
            description=text.get("description", ""),
            sign_in=self.sign_in(value["sign_in"]) if "sign_in" in value else None,
            save_to_profile=(
                self.profile_fields(value["save_to_profile"]) if "save_to_profile" in value else ()
            ),
            facts=facts,
            once=bool(self.boolean(value["once"])) if "once" in value else False,
            requires=self.requires(value["requires"]) if "requires" in value else (),
            qa_profile=(
                self.qa_profile(value["qa_profile"])
                if "qa_profile" in value
                else DEFAULT_QA_PROFILE
            ),
        )

    def scenario_id(self, node: Node) -> str | None:
        """The header's id: QA keeps the scenario's evidence in a folder of that name, and
        deletes it before each run, so a path (`../..`, `/tmp/x`) is refused here."""
        name = self.string(node)
        if name is not None and not SCENARIO_ID_RE.fullmatch(name):
            self.fail(node, "scenario.bad_id", id=typed(name))
            return None
        if name is not None and self.file_id is not None and name != self.file_id:
            # Else `run imss-umf` would run, journal (and `status` count) it as another
            # scenario, and `scenarios list` show one id twice.
            file = typed(Path(self.file).name)
            self.fail(
                node,
                "scenario.id_not_file_name",
                id=typed(name),
                file=file,
                stem=typed(self.file_id),
            )
            return None
        return name

    def parse_origins(self, node: Node) -> tuple[str, ...]:
        """The declared origins; a malformed one is reported where it is written and left out
        (with it, `goto` URLs are not checked against the rest: its intent is unknown)."""
        found: list[str] = []
        for item in self.sequence(node):
            origin = self.string(item)
            if origin is None:
                continue
            problem = origin_problem(origin)
            if problem is None:
                found.append(origin)
                continue
            self.bad_origin = True
            self.fail(
                item,
                "scenario.bad_origin_because",
                origin=shown_against(origin),
                reason=t(problem, self.lang),
            )
        return tuple(found)

    def requires(self, node: Node) -> tuple[tuple[str, str], ...]:
        """`field: scenario`: a needed profile field, and the scenario that gets it."""
        # The keys are profile fields, so not `mapping`, which checks the keys.
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return ()
        known = {path.stem for path in scenario_files(scenarios_dir())}
        known |= {path.stem for path in scenario_files(Path(self.file).parent)}
        found: list[tuple[str, str]] = []
        for key, item in node.value:
            field, provider = str(key.value), self.string(item)
            if field not in self.needs.profile:
                self.fail(key, "scenario.profile_not_declared", ref=field)
            elif provider is not None and provider not in known:
                hint = self.hint(provider, known)
                self.fail(item, "scenario.unknown_scenario", name=provider, hint=hint)
            elif provider is not None:
                found.append((field, provider))
        return tuple(found)

    def qa_profile(self, node: Node | None) -> str:
        """A synthetic profile of `fixtures/profiles/`, by its name (none given: the default)."""
        if node is None:
            return DEFAULT_QA_PROFILE
        name = self.string(node)
        available = sorted(path.stem for path in qa_profiles_dir().glob("*.yaml"))
        if name is None:
            return DEFAULT_QA_PROFILE
        if name not in available:
            hint = self.hint(name, available)
            self.fail(
                node,
                "scenario.unknown_qa_profile",
                name=name,
                hint=hint,
                available=", ".join(available) or "-",
            )
            return DEFAULT_QA_PROFILE
        return name

    def portal(self, node: Node) -> Portal:
        """The portal named in the header: its file's facts (and origins)."""
        from autohelper.scenario.portal import find_portal, portal_files

        name = self.string(node)
        if name is None:
            return UNKNOWN
        try:
            found = find_portal(name, self.lang)
        except ScenarioError as exc:  # the portal file itself is broken: say where
            for problem in exc.problems:
                self.fail(node, "scenario.bad_portal_file", problem=problem)
            return UNKNOWN
        if found is None:
            hint = self.hint(name, portal_files())
            self.fail(node, "scenario.unknown_portal", portal=name, hint=hint)
            return UNKNOWN
        return found

    def profile_fields(self, node: Node) -> tuple[str, ...]:
        names = []
        for item in self.sequence(node):
            name = self.string(item)
            if name is not None and name not in profile.STORED_FIELDS:
                hint = self.hint(name, profile.STORED_FIELDS)
                self.fail(item, "scenario.unknown_profile_field", ref=name, hint=hint)
            elif name is not None:
                names.append(name)
        return tuple(names)

    def sign_in(self, node: Node) -> SignIn | None:
        """The sign-in block: two step ids, the first before the last, and what shows that
        the session expired (an element of the sign-in page, or a URL)."""
        entries = self.mapping(node, SIGN_IN_KEYS, ("first", "last"))
        value = {key: item for key, (_, item) in entries.items()}
        ids = list(self.ids)
        for key in ("first", "last"):
            name = self.string(value[key]) if key in value else None
            if name is not None and name not in self.ids:
                hint = self.hint(name, self.ids)
                self.fail(value[key], "scenario.unknown_step_id", step=name, hint=hint)
        first = self.string(value["first"]) if "first" in value else None
        last = self.string(value["last"]) if "last" in value else None
        if first in ids and last in ids and ids.index(first) > ids.index(last):
            self.fail(value["last"], "scenario.sign_in_order", first=first, last=last)
        if "expired" not in value and "url" not in value:
            self.fail(node, "scenario.sign_in_needs_expired")
        if first is None or last is None:
            return None
        return SignIn(
            first=first,
            last=last,
            expired=self.target(value["expired"]) or () if "expired" in value else (),
            url=self.regex(value["url"]) if "url" in value else None,
        )

    def parse_needs(self, node: Node) -> Needs:
        entries = self.mapping(node, NEEDS_KEYS)
        names: dict[str, list[str]] = {key: [] for key in NEEDS_KEYS}
        labels: list[tuple[str, Text]] = []
        for key, (_, value) in entries.items():
            for entry in self.sequence(value, empty=True):
                item = entry
                labelled = isinstance(entry, yaml.MappingNode) and len(entry.value) == 1
                if key == "secrets" and labelled:
                    # `- cia_password: {es: tu contraseña del CIA, en: your CIA password}`: the
                    # words prompts use for it (a bare name is shown as written).
                    item, label_node = entry.value[0]
                    label = self.text(label_node)
                    if label:
                        labels.append((key_name(item), label))
                name = self.string(item)
                if name is None:
                    continue
                if key in ("profile", "optional") and name not in profile.FIELDS:
                    hint = self.hint(name, profile.FIELDS)
                    self.fail(item, "scenario.unknown_profile_field", ref=name, hint=hint)
                elif key == "secrets" and not _SECRET_RE.fullmatch(name):
                    suggested = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "clave"
                    if suggested[0].isdigit():
                        suggested = "s_" + suggested
                    self.fail(item, "scenario.bad_secret_name", name=name, suggested=suggested)
                names[key].append(name)
        return Needs(
            profile=tuple(names["profile"]),
            secrets=tuple(names["secrets"]),
            optional=tuple(names["optional"]),
            secret_labels=tuple(labels),
        )

    def step(self, node: Node) -> Step | None:
        cls = self.step_type(node)
        if cls is None:
            return None
        fields = {f.name: f for f in dataclasses.fields(cls)}
        params = [f.name for f in parameters(cls)]
        required = ["description", *(name for name in params if is_required(cls, fields[name]))]
        before = len(self.problems)
        entries = self.mapping(node, (cls.kind, *params, *COMMON_KEYS), required)
        kwargs: dict[str, Any] = {"pos": self.pos(node)}
        for name, (_, value) in entries.items():
            if name == "id":
                kwargs["id"] = self.step_id(value)
            elif cls is Expect and name == cls.kind and _is_page_check(value):
                # `expect: {url: ...}` waits for the page, not an element.
                for key, (_, check) in self.mapping(value, ("url", "title")).items():
                    kwargs[key] = self.regex(check) if key == "url" else self.string(check)
            else:
                # The step-type key's value goes into the primary field; the rest by name.
                field = fields[cls.primary if name == cls.kind else name]
                kwargs[field.name] = FIELD_PARSERS[type_key(field)](self, value)
        url = kwargs.get("url")
        if cls is Goto and isinstance(url, str) and _scheme(url) not in ("http", "https"):
            # No origin takes it (`ftp:`, `data:`, `about:`): that, not the list, is the cause.
            self.fail(entries[cls.kind][1], "scenario.goto_scheme", url=url)
        elif (
            cls is Goto
            and isinstance(url, str)
            and not self.bad_origin
            and not origin_allowed(url, self.origins)
        ):
            if self.origins:
                self.fail(
                    entries[cls.kind][1],
                    "scenario.outside_origins",
                    url=url,
                    origins=", ".join(self.origins),
                )
            else:  # none written, and none from the portal (an unknown one, or `origins: []`)
                self.fail(entries[cls.kind][1], "scenario.outside_no_origins", url=url)
        waits_for = (kwargs.get(key) for key in ("target", "url", "title"))
        if cls is Expect and len(self.problems) == before and not any(waits_for):
            self.fail(node, "scenario.expect_nothing")
        if cls is Expect and "value" in entries and not kwargs.get("target"):
            self.fail(entries["value"][0], "scenario.value_needs_element")
        if kwargs.get("overlay") and not kwargs.get("optional"):
            self.fail(entries["overlay"][0], "scenario.overlay_needs_optional")
        self.check_order(cls, node, entries, kwargs)
        # The id is registered last, so an outcome's own id does not count as "earlier".
        if kwargs.get("id") is not None:
            self.ids[kwargs["id"]] = entries["id"][1]
        if len(self.problems) > before:
            return None  # a half-built step would only hide the problems already reported
        step = cls(**{key: v for key, v in kwargs.items() if v is not None})
        self.yielded |= yield_names(step)
        return step

    def step_type(self, node: Node) -> type[Step] | None:
        """The class of the one step-type key among the step's keys, or None after a problem."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "scenario.expected_mapping")
            return None
        keys = [key for key, _ in node.value]
        # A key may be any YAML node (`[a, b]: x`); only a plain string names a step type.
        kinds = [key for key in keys if isinstance(key.value, str) and key.value in STEP_TYPES]
        if not kinds:
            others = [key for key in keys if key.value not in COMMON_KEYS]
            if others:
                name = key_name(others[0])
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
        return STEP_TYPES[kinds[0].value]

    def check_order(
        self, cls: type[Step], node: Node, entries: dict[str, tuple[Node, Node]], kwargs: Any
    ) -> None:
        """What one step requires of the steps before it: a submit its confirm, an outcome on a
        document the download that kept it; and what a choose may remember."""
        if cls is Confirm:
            self.confirmed = True
        elif cls is Submit:
            if not self.confirmed:
                self.fail(node, "scenario.submit_without_confirm")
            self.confirmed = False
        elif cls is Download and kwargs.get("save_as"):
            self.downloads.add(kwargs["save_as"])
        elif cls is Outcome and "document" in entries:
            name = kwargs.get("document")
            if name is not None and name not in self.downloads:
                hint = self.hint(name, self.downloads)
                self.fail(entries["document"][1], "scenario.unknown_document", name=name, hint=hint)
            if any(case.when for case in kwargs.get("cases", ())):
                self.fail(entries["document"][0], "scenario.document_needs_matches")
        elif cls is Outcome and any(case.matches for case in kwargs.get("cases", ())):
            self.fail(node, "scenario.matches_needs_document")
        if cls is Outcome and "read" in entries:
            from autohelper.documents.readers import READERS

            reader = kwargs.get("read")
            if "document" not in entries:
                self.fail(entries["read"][0], "scenario.read_needs_document")
            elif reader is not None and reader not in READERS:
                hint = self.hint(reader, READERS)
                self.fail(entries["read"][1], "scenario.unknown_reader", name=reader, hint=hint)
        if cls is Choose and kwargs.get("remember") is not None:
            name = kwargs["remember"]
            if name not in profile.STORED_FIELDS:
                hint = self.hint(name, profile.STORED_FIELDS)
                self.fail(
                    entries["remember"][1], "scenario.unknown_profile_field", ref=name, hint=hint
                )

    def step_id(self, node: Node) -> str | None:
        step_id = self.string(node)
        if step_id is not None and not STEP_ID_RE.fullmatch(step_id):
            self.fail(node, "scenario.bad_step_id", id=step_id)
            return None
        if step_id is not None and step_id in self.ids:
            line = self.ids[step_id].start_mark.line + 1
            self.fail(node, "scenario.duplicate_id", id=step_id, line=line)
            return None
        return step_id


def yield_names(step: Step) -> set[str]:
    """The names a step may yield: its outcome cases' yields and sets, its reader's findings,
    the profile field a choice is remembered as."""
    from autohelper.documents.readers import READER_YIELDS

    if isinstance(step, Outcome):
        names = {name for case in step.cases for name, _ in (*case.yields, *case.sets)}
        return names | set(READER_YIELDS.get(step.read or "", ()))
    if isinstance(step, Choose) and step.remember:
        return {step.remember}
    return set()


def _is_page_check(node: Node) -> bool:
    """An `expect` value that names the page (url/title) rather than locating an element."""
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = {str(key.value) for key, _ in node.value}
    return bool(keys & {"url", "title"}) and not keys & set(LOCATOR_KINDS)
