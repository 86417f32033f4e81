"""Portals as data: what is true of a portal and not of one flow through it.

A portal file (`scenarios/portals/<id>.yaml`) declares the portal's origins, the markers of the
firewall in front of it, the texts of its maintenance pages and its session cookie. Scenarios
name their portal (`portal: imss`) and inherit its origins; the engine gets the facts from here
and so knows no portal itself. The bundled mock's own test portal lives in `fixtures/portals/`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from autohelper.errors import ScenarioError
from autohelper.messages import t
from autohelper.scenario.model import Firewall, Portal, Text
from autohelper.scenario.nodes import Node, NodeReader
from autohelper.target import origin_problem, shown_against

PORTAL_KEYS = ("id", "name", "origins", "firewall", "maintenance", "session_cookie")
FIREWALL_KEYS = ("name", "block_text", "challenge_html")
FIXTURE_PORTALS = Path(__file__).resolve().parents[2] / "fixtures" / "portals"


def portal_dirs() -> tuple[Path, ...]:
    """Where portal files are looked up: the scenarios' `portals/`, then the mock's own."""
    from autohelper.scenario.loader import scenarios_dir

    return (scenarios_dir() / "portals", FIXTURE_PORTALS)


def portal_files() -> dict[str, Path]:
    """Every portal file by id (its file name); the first directory wins."""
    found: dict[str, Path] = {}
    for directory in portal_dirs():
        for path in sorted(directory.glob("*.yaml")):
            found.setdefault(path.stem, path)
    return found


@functools.cache
def _load_cached(path: Path, lang: str | None) -> Portal:
    return load_portal_file(path, lang)


def find_portal(portal_id: str, lang: str | None = None) -> Portal | None:
    """The portal called `portal_id`, or None when no file declares it."""
    path = portal_files().get(portal_id)
    return _load_cached(path, lang) if path else None


def all_portals(lang: str | None = None) -> list[Portal]:
    return [_load_cached(path, lang) for path in portal_files().values()]


def all_origins() -> tuple[str, ...]:
    """The origins of every known portal: the hosts a mock or mirror answers for."""
    return tuple(origin for portal in all_portals() for origin in portal.origins)


def load_portal_file(path: Path, lang: str | None = None) -> Portal:
    """Parse one portal file; every problem is raised at once as `file:line:column: msg`."""
    reader = _PortalReader(str(path), lang)
    portal: Portal | None = None
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{path}: {t('scenario.unreadable', lang, detail=exc)}"]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        reader.problem(line, column, "scenario.yaml_syntax", detail=exc.problem or exc)
    else:
        if root is None:
            reader.problem(0, 0, "scenario.empty")
        else:
            portal = reader.portal(root)
    problems = reader.report()
    if problems or portal is None:
        raise ScenarioError(problems)
    return portal


class _PortalReader(NodeReader):
    def portal(self, root: Node) -> Portal:
        entries = self.mapping(root, PORTAL_KEYS, ("id", "name", "origins"))
        value = {key: node for key, (_, node) in entries.items()}
        origins = tuple(self.origins(value["origins"])) if "origins" in value else ()
        return Portal(
            id=self.string(value["id"]) or "" if "id" in value else "",
            name=self.text(value["name"]) or "" if "name" in value else "",
            origins=origins,
            firewall=self.firewall(value["firewall"]) if "firewall" in value else None,
            maintenance=self.strings(value["maintenance"]) if "maintenance" in value else (),
            session_cookie=(
                self.string(value["session_cookie"]) if "session_cookie" in value else None
            ),
            path=self.file,
        )

    def text(self, node: Node) -> Text | None:
        if not isinstance(node, yaml.MappingNode):
            return self.string(node)
        entries = self.mapping(node, ("es", "en"), ("es",))
        return {lang: self.string(value) or "" for lang, (_, value) in entries.items()}

    def origins(self, node: Node) -> list[str]:
        found = []
        for item in self.sequence(node):
            origin = self.string(item)
            if origin is None:
                continue
            problem = origin_problem(origin)  # the same rule as a scenario's own origins
            if problem is None:
                found.append(origin)
            else:
                reason = t(problem, self.lang)
                self.fail(
                    item, "scenario.bad_origin_because", origin=shown_against(origin), reason=reason
                )
        return found

    def strings(self, node: Node) -> tuple[str, ...]:
        return tuple(s for s in (self.string(item) for item in self.sequence(node)) if s)

    def firewall(self, node: Node) -> Firewall | None:
        entries = self.mapping(node, FIREWALL_KEYS, ("name",))
        value = {key: item for key, (_, item) in entries.items()}
        if "name" not in value:
            return None
        return Firewall(
            name=self.string(value["name"]) or "",
            block_text=self.strings(value["block_text"]) if "block_text" in value else (),
            challenge_html=(
                self.strings(value["challenge_html"]) if "challenge_html" in value else ()
            ),
        )
