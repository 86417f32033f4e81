"""Merging the JUnit files of a sharded QA run (`autohelper merge-junit OUT IN...`) into one.

Each shard writes its own file (`--junit shard-1.xml`); the merged file has one `<testsuites>`
with every shard's suites and their totals added up, so CI shows one report. A case that two
shards both ran (the same classname and name) is a mistake of the split: it is refused, naming
the case, rather than counted twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from autohelper.errors import UsageError

_COUNTS = ("tests", "failures", "errors", "skipped")


def _suites(path: Path) -> list[ET.Element]:
    try:
        root = ET.parse(path).getroot()  # noqa: S314 (our own reports, not a stranger's)
    except (OSError, ET.ParseError) as exc:
        raise UsageError("qa.junit_unreadable", path=str(path), reason=str(exc)) from None
    if root.tag == "testsuite":
        return [root]
    if root.tag == "testsuites":
        return list(root.iter("testsuite"))
    raise UsageError("qa.junit_unreadable", path=str(path), reason=f"<{root.tag}>")


def merge(inputs: Sequence[Path], output: Path) -> dict[str, int]:
    """Write one JUnit file with every suite of `inputs`; returns the totals."""
    merged = ET.Element("testsuites", name="autohelper qa")
    totals = dict.fromkeys(_COUNTS, 0)
    time = 0.0
    seen: dict[tuple[str, str], Path] = {}
    for path in inputs:
        for suite in _suites(path):
            for case in suite.iter("testcase"):
                key = (case.get("classname", ""), case.get("name", ""))
                if key in seen:
                    raise UsageError(
                        "qa.junit_duplicate",
                        case="::".join(key),
                        first=str(seen[key]),
                        second=str(path),
                    )
                seen[key] = path
            for count in _COUNTS:
                totals[count] += int(suite.get(count, "0") or 0)
            time += float(suite.get("time", "0") or 0)
            merged.append(suite)
    for count, value in totals.items():
        merged.set(count, str(value))
    merged.set("time", f"{time:.3f}")
    ET.ElementTree(merged).write(output, encoding="utf-8", xml_declaration=True)
    return totals
