"""Merging the JUnit files of a sharded QA run (`autohelper merge-junit OUT IN...`) into one.

Each shard writes its own file (`--junit shard-1.xml`); the merged file has one `<testsuites>`
with every shard's suites and their totals added up, so CI shows one report. A case that two
shards both ran (the same classname and name) is a mistake of the split: it is refused, naming
the case, rather than counted twice. A file that is not XML, or a suite whose counts are not
whole numbers (or whose time is not a number of seconds), is refused too, naming the file and
the place, in the person's language. The merged file is written 0600, like every report.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from xml.parsers import expat

from autohelper.errors import UsageError, Words
from autohelper.files import os_problem

_COUNTS = ("tests", "failures", "errors", "skipped")
# expat's error codes the catalogue words (qa.xml.*); any other is "qa.xml.other".
_XML_ERRORS = {
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "no_elements",
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]: "invalid_token",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "unclosed_token",
    expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]: "tag_mismatch",
    expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: "junk_after",
    expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]: "undefined_entity",
    expat.errors.codes[expat.errors.XML_ERROR_DUPLICATE_ATTRIBUTE]: "duplicate_attribute",
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: "encoding",
    expat.errors.codes[expat.errors.XML_ERROR_INCORRECT_ENCODING]: "encoding",
    expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]: "encoding",
    expat.errors.codes[expat.errors.XML_ERROR_SYNTAX]: "syntax",
}
# A value quoted back in a message is cut here: an attribute may hold anything.
_SHOWN = 40


def _suites(path: Path) -> list[ET.Element]:
    try:
        root = ET.parse(path).getroot()  # noqa: S314 (our own reports, not a stranger's)
    except OSError as exc:
        raise UsageError("qa.junit_unreadable", path=str(path), reason=os_problem(exc)) from None
    except ET.ParseError as exc:
        line, column = exc.position
        what = Words("qa.xml." + _XML_ERRORS.get(exc.code, "other"))
        raise UsageError(
            "qa.junit_bad_xml", path=str(path), line=line, column=column + 1, what=what
        ) from None
    if root.tag == "testsuite":
        return [root]
    if root.tag == "testsuites":
        return list(root.iter("testsuite"))
    raise UsageError("qa.junit_not_junit", path=str(path), tag=_cut(str(root.tag)))


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _count(path: Path, index: int, suite: ET.Element, name: str) -> int:
    """A suite's count (`tests="3"`): a whole number, 0 or more; absent or empty is 0."""
    raw = (suite.get(name) or "0").strip()
    if not (raw.isascii() and raw.isdigit()):
        raise _bad_attribute(path, index, suite, name, raw, "count")
    return int(raw)


def _seconds(path: Path, index: int, suite: ET.Element) -> float:
    """A suite's `time`: a number of seconds, 0 or more; absent or empty is 0."""
    raw = (suite.get("time") or "0").strip()
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise _bad_attribute(path, index, suite, "time", raw, "time")
    return value


def _bad_attribute(
    path: Path, index: int, suite: ET.Element, name: str, raw: str, kind: str
) -> UsageError:
    return UsageError(
        f"qa.junit_bad_{kind}",
        path=str(path),
        suite=_cut(suite.get("name") or f"#{index}"),
        attribute=name,
        value=_cut(raw),
    )


def merge(inputs: Sequence[Path], output: Path) -> dict[str, int]:
    """Write one JUnit file with every suite of `inputs`; returns the totals."""
    from autohelper.privatefiles import write_private

    merged = ET.Element("testsuites", name="autohelper qa")
    totals = dict.fromkeys(_COUNTS, 0)
    time = 0.0
    seen: dict[tuple[str, str], Path] = {}
    for path in inputs:
        for index, suite in enumerate(_suites(path), start=1):
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
                totals[count] += _count(path, index, suite, count)
            time += _seconds(path, index, suite)
            merged.append(suite)
    for count, value in totals.items():
        merged.set(count, str(value))
    merged.set("time", f"{time:.3f}")
    data = ET.tostring(merged, encoding="utf-8", xml_declaration=True)
    try:
        write_private(output, data)
    except OSError as exc:
        reason = os_problem(exc, writing=True)
        raise UsageError("qa.junit_unwritable", path=str(output), reason=reason) from None
    return totals
