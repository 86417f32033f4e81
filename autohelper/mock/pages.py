"""The mock's HTML templates: one file per page under `fixtures/portal/<host>[:port]/...`.

`{{name}}` inserts an escaped value and `{{!name}}` an HTML fragment the site built (and escaped)
itself. A host with a `_layout.html` holds the shared head, header and footer there: each page of
that host is its `<title>` line followed by its body content, put into the layout's `{{title}}`
and `{{!content}}` slots. A drift (a portal redesign, for QA) is a declared change applied to the
real page, so a drifted page cannot differ from the real one in anything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from pathlib import Path

_PLACEHOLDER = re.compile(r"\{\{(!?)(\w+)\}\}")
_TITLE = re.compile(r"<title>(.*)</title>\n")

# (original, drifted) text pairs that one drift applies to one template.
Drift = tuple[tuple[str, str], ...]


class Pages:
    """Loads and fills the HTML templates, in their host's layout, drifted when asked."""

    def __init__(self, fixtures_dir: Path) -> None:
        self.root = fixtures_dir / "portal"

    def template(self, name: str, drift: Iterable[tuple[str, str]] = ()) -> str:
        """The unfilled text for `host/path` (or `_mock/...`), in its layout, with `drift`
        applied; a drift that no longer applies is a bug of the mock, so it raises."""
        text = (self.root / name).read_text(encoding="utf-8")
        layout = self.root / name.split("/", 1)[0] / "_layout.html"
        if layout.is_file():
            title = _TITLE.match(text)
            if title is None:
                raise ValueError(f"{name} must start with its <title> line to fill {layout}")
            text = (
                layout.read_text(encoding="utf-8")
                .replace("{{title}}", title.group(1))
                .replace("{{!content}}", text[title.end() :].rstrip("\n"))
            )
        for original, drifted in drift:
            if original not in text:
                raise ValueError(
                    f"the drift {original!r} → {drifted!r} no longer applies to {name}"
                )
            text = text.replace(original, drifted)
        return text

    def render(self, name: str, drift: Iterable[tuple[str, str]] = (), **values: str) -> str:
        """Fill a template; a placeholder without a value is a bug, so it raises KeyError."""

        def fill(match: re.Match[str]) -> str:
            value = values[match.group(2)]
            return value if match.group(1) else escape(value)

        return _PLACEHOLDER.sub(fill, self.template(name, drift))
