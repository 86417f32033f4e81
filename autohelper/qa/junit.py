"""Merging the JUnit files of a sharded QA run (`autohelper merge-junit OUT IN...`) into one.

Each shard writes its own file (`--junit shard-1.xml`); the merged file has one `<testsuites>`
with every shard's suites and their totals added up, so CI shows one report. A case that two
shards both ran (the same classname and name) is a mistake of the split: it is refused, naming
the case, rather than counted twice. A file that is not XML, or a suite whose counts are not
whole numbers (or whose time is not a number of seconds), or too big to add up, or a file in
an encoding Python cannot read, or one that says UTF-8 and is not (its byte and line), or a
DOCTYPE declaring entities or a DTD (at its line, before any entity is read), is refused too,
naming the file and the place, in the person's language. The merged file is written 0600, like
every report; an output that is no regular file (a pipe, /dev/stdout) is refused first.

Suites may nest (PHPUnit's do): a top-level suite's counts already hold its nested suites', so
only the top-level suites are added up, and each case is looked at once.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from xml.parsers import expat

from autohelper.errors import UsageError, Words
from autohelper.files import os_problem
from autohelper.privatefiles import refuse_odd

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
# JUnit's schema types the counts xs:int; a longer number is no count (and Python's int()
# refuses one of over 4300 digits).
_MAX_COUNT = 2**31 - 1
# The schema's `time` is xs:decimal: digits with an optional fraction, no exponent, no "inf".
# Capped (over 31 years: no suite's time) so that no sum of them overflows to "inf".
_MAX_SECONDS = 10**9
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")


def _suites(path: Path) -> list[ET.Element]:
    try:
        # A pipe or a device is refused before it is read: a pipe nobody writes to would
        # block the read forever (`os_problem` words the refusal).
        refuse_odd(path)
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError("qa.junit_unreadable", path=str(path), reason=os_problem(exc)) from None
    _refuse_doctype(path, data)
    _refuse_not_utf8(path, data)
    try:
        parser = ET.XMLParser()
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        what = Words("qa.xml." + _XML_ERRORS.get(exc.code, "other"))
        raise UsageError(
            "qa.junit_bad_xml", path=str(path), line=line, column=column + 1, what=what
        ) from None
    except (LookupError, ValueError):
        # expat asks Python for a codec it lacks or cannot use (multi-byte, not a text codec).
        raise UsageError(
            "qa.junit_unknown_encoding", path=str(path), encoding=_declared_encoding(path)
        ) from None
    if _deeper_than(root, MAX_DEPTH):
        raise UsageError("qa.junit_too_deep", path=str(path), limit=MAX_DEPTH)
    if root.tag == "testsuite":
        return [root]
    if root.tag == "testsuites":
        # Only the top level: a nested suite is counted in the suite that holds it.
        return root.findall("testsuite")
    raise UsageError("qa.junit_not_junit", path=str(path), tag=_cut(str(root.tag)))


class _Doctype(Exception):
    """Raised from expat's handler at a DOCTYPE, to stop reading there."""


def _refuse_doctype(path: Path, data: bytes) -> None:
    """Refuse a file with a DOCTYPE that declares anything (entities, an external DTD), at
    the DOCTYPE's line: no JUnit writer puts one there, and its entities would be read
    (expanded a billion times, or a file of the machine's taken in) before the error met at
    their use ("malformed XML") says nothing of why. A bare `<!DOCTYPE html>` declares
    nothing: the file is then said to be no JUnit, by its main element."""
    reader = expat.ParserCreate()
    found: list[int] = []

    def doctype(_name: str, system: str | None, public: str | None, subset: int) -> None:
        if system or public or subset:
            found.append(reader.CurrentLineNumber)
            raise _Doctype

    reader.StartDoctypeDeclHandler = doctype
    # Any other problem is the parse's to word, after this.
    with contextlib.suppress(_Doctype, expat.ExpatError, LookupError, ValueError):
        reader.Parse(data, True)
    if found:
        raise UsageError("qa.junit_doctype", path=str(path), line=found[0])


_UTF8_NAMES = frozenset({b"utf-8", b"utf8"})


def _refuse_not_utf8(path: Path, data: bytes) -> None:
    """Refuse, at its byte and line, a file that says (or by default is) UTF-8 and is not: a
    report saved as Latin-1 by an editor, which expat calls only "a character that cannot go
    there". A file declaring another encoding (`ISO-8859-1`) is the parser's to read; one
    in UTF-16 carries its byte order mark, or zero bytes the declaration is read through."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()
    declaration = head.split(b"?>", 1)[0] if head.startswith(b"<?xml") else b""
    found = _DECLARED_ENCODING.search(declaration)
    if found is not None and found.group(1).strip().lower() not in _UTF8_NAMES:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise UsageError(
            "qa.junit_not_utf8",
            path=str(path),
            byte=f"0x{data[exc.start]:02X}",
            offset=exc.start + 1,
            line=line,
            column=column,
        ) from None


# How deep a JUnit file's elements may nest (a report's are 4: suites, suite, case, failure):
# writing a deeper tree again would exhaust Python's stack.
MAX_DEPTH = 100


def _deeper_than(root: ET.Element, limit: int) -> bool:
    """Whether any element of `root` lies more than `limit` levels down (looked at without
    recursion: the tree may be deeper than the stack)."""
    pending = [(root, 1)]
    while pending:
        element, depth = pending.pop()
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in element)
    return False


def _declared_encoding(path: Path) -> str:
    """The encoding an XML declaration names, for the message ("?" if it cannot be read)."""
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return "?"
    found = _DECLARED_ENCODING.search(head)
    return _cut(found.group(1).decode("ascii", "replace")) if found else "?"


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


# What each count counts when a suite does not say it: its cases, or those holding the child.
_COUNTED_BY = {"tests": None, "failures": "failure", "errors": "error", "skipped": "skipped"}


def _count(path: Path, index: int, suite: ET.Element, name: str) -> int:
    """A suite's count (`tests="3"`): a whole number, 0 or more. Absent, it is counted from the
    suite's cases (a tool that writes no counts: a failed case never merges as none); written
    empty or as anything but a whole number, the file is refused."""
    raw = suite.get(name)
    if raw is None:
        child = _COUNTED_BY[name]
        cases = list(suite.iter("testcase"))  # those of suites inside it too
        return len(cases) if child is None else sum(c.find(child) is not None for c in cases)
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        raise _bad_attribute(path, index, suite, name, raw, "count")
    digits = raw.lstrip("0") or "0"
    if len(digits) > len(str(_MAX_COUNT)) or int(digits) > _MAX_COUNT:
        raise _bad_attribute(path, index, suite, name, raw, "too_big", highest=_MAX_COUNT)
    return int(digits)


def _seconds(path: Path, index: int, suite: ET.Element) -> float:
    """A suite's `time`: a number of seconds, 0 or more; absent or empty is 0."""
    raw = (suite.get("time") or "0").strip()
    # float() alone would take "1e308", "inf" or "1_000": the merged total must read back.
    if not _DECIMAL.fullmatch(raw):
        raise _bad_attribute(path, index, suite, "time", raw, "time")
    value = float(raw)
    if value > _MAX_SECONDS:
        raise _bad_attribute(path, index, suite, "time", raw, "too_big", highest=_MAX_SECONDS)
    return value


def _bad_attribute(
    path: Path, index: int, suite: ET.Element, name: str, raw: str, kind: str, **extra: int
) -> UsageError:
    return UsageError(
        f"qa.junit_bad_{kind}",
        path=str(path),
        suite=_cut(suite.get("name") or f"#{index}"),
        attribute=name,
        value=_cut(raw),
        **extra,
    )


def merge(inputs: Sequence[Path], output: Path) -> dict[str, int]:
    """Write one JUnit file with every suite of `inputs`; returns the totals."""
    from autohelper.files import FileProblem, refuse_not_regular
    from autohelper.privatefiles import write_private

    try:  # before any input is read: a device or a pipe is refused as the write would
        refuse_not_regular(output)
    except FileProblem as problem:
        raise UsageError("qa.junit_unwritable", path=str(output), reason=problem) from None
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
    # A report of ours holds no one's data unmasked; one from elsewhere might (a test named
    # after a CURP): what is written here is scrubbed of what has the shape of one or an email.
    from autohelper.privacy import mask_shapes

    data = mask_shapes(ET.tostring(merged, encoding="unicode"))
    data = '<?xml version="1.0" encoding="utf-8"?>\n' + data
    try:
        write_private(output, data.encode("utf-8"))
    except OSError as exc:
        reason = os_problem(exc, writing=True)
        raise UsageError("qa.junit_unwritable", path=str(output), reason=reason) from None
    return totals
