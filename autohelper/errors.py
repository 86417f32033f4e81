"""One base error for every expected failure; each subclass carries a message for the person.

The message is a catalogue key plus parameters, rendered in the user's language only when shown,
so library code never decides the language and never formats personal data into text.
"""

from __future__ import annotations

import errno
import re
from typing import Any, Protocol, runtime_checkable

from autohelper.messages import t


@runtime_checkable
class Phrase(Protocol):
    """A parameter that is itself a message (e.g. why a file could not be read): it is rendered
    in the same language as the message that holds it."""

    def message(self, lang: str | None = None) -> str: ...


class Words:
    """A catalogue phrase given as another message's parameter (a reason): rendered in the
    language of the message that holds it."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)


# The system's reasons a person may meet, by errno name, each a catalogue phrase (`os.*`):
# the C library's own text is English. Node's names (in Playwright's errors) are here too.
_ERRNO_PHRASES = {
    "ENOENT": "os.not_found",
    "EACCES": "os.no_permission",
    "EPERM": "os.no_permission",
    "ELOOP": "os.symlink_loop",
    "ENAMETOOLONG": "os.name_too_long",
    "EISDIR": "os.is_directory",
    "ENOTDIR": "os.not_a_folder",
    "EROFS": "os.read_only",
    "ENOSPC": "os.disk_full",
    "EDQUOT": "os.disk_full",
    "EEXIST": "os.exists",
    "EBUSY": "os.busy",
    "ETXTBSY": "os.busy",
    "EIO": "os.io_error",
    "EMFILE": "os.too_many_open",
    "ENFILE": "os.too_many_open",
    "ENOEXEC": "os.not_executable",
    "EADDRINUSE": "os.address_in_use",
    "EADDRNOTAVAIL": "os.address_not_here",
    "ECONNREFUSED": "os.connection_refused",
    "ECONNRESET": "os.connection_reset",
    "ETIMEDOUT": "os.timed_out",
    "EHOSTUNREACH": "os.unreachable",
    "ENETUNREACH": "os.unreachable",
    "ENOTFOUND": "os.unknown_host",
    "EAI_AGAIN": "os.unknown_host",
}
_ERRNO_NAME = re.compile(r"\bE[A-Z][A-Z_]+\b")


def os_reason(exc: OSError | str) -> Words:
    """Why the system refused, in the person's language: a phrase for the errnos a person may
    meet (a missing file, no permission, a symbolic-link loop, a name too long, a port in use,
    a refused connection...); for a rare one, its name and the system's own text.

    Given a library's message instead (Playwright's "connect ECONNREFUSED 127.0.0.1:1"), the
    first errno name in it; with none known, `os.unknown` (the caller logs the text at debug)."""
    if isinstance(exc, str):
        for name in _ERRNO_NAME.findall(exc):
            if name in _ERRNO_PHRASES:
                return Words(_ERRNO_PHRASES[name])
        return Words("os.unknown")
    name = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    if name in _ERRNO_PHRASES:
        return Words(_ERRNO_PHRASES[name])
    detail = exc.strerror or str(exc) or type(exc).__name__
    return Words("os.other", code=name or type(exc).__name__, detail=detail)


class AutohelperError(Exception):
    """An expected failure: the CLI shows `message()` and exits with `exit_code`."""

    key = "error.generic"
    exit_code = 1

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)

    def message(self, lang: str | None = None) -> str:
        params = {
            name: value.message(lang) if isinstance(value, Phrase) else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)

    def __str__(self) -> str:
        return self.message("en")


class UsageError(AutohelperError):
    """Bad input from the person: a file, an option, a value."""


class MirrorUnreachable(UsageError):
    """The mirror named by `--against URL` did not answer at all (`autohelper check`: exit 2)."""

    key = "target.mirror_unreachable"


class ScenarioError(AutohelperError):
    """A scenario file is invalid; `problems` holds every `file:line:column: message`."""

    key = "scenario.invalid"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(count=len(problems), problems="\n".join(problems))
        self.problems = problems


class ProfileError(AutohelperError):
    """The student's profile is missing, unreadable, unsafe or invalid."""


class JournalError(AutohelperError):
    """The journal file cannot be used; params name it, and the message says what to do
    (`autohelper journal repair`, or how to move it aside)."""

    key = "journal.damaged"


class BrowserNotFound(AutohelperError):
    """No usable Chromium on this machine."""

    key = "browser.not_found"


class BrowserLaunchFailed(AutohelperError):
    """A Chromium was found but would not start."""

    key = "browser.launch_failed"


class RunStopped(AutohelperError):
    """A scenario run stopped at a step; params name the step, the URL and the screenshot."""


class PortalChanged(RunStopped):
    """A locator matched nothing: the portal no longer looks like the scenario says."""

    key = "run.portal_changed"


class OriginViolation(RunStopped):
    """The browser went to an origin the scenario did not declare."""

    key = "run.origin"


class FirewallBlocked(RunStopped):
    """The portal's web application firewall answered instead of the portal."""

    key = "run.firewall"


class SubmitUnknown(RunStopped):
    """A submit was pressed but its result never came: it may or may not have been sent."""

    key = "run.submit_unknown"


class Declined(RunStopped):
    """The person said no to a confirmation: nothing was sent."""

    key = "run.declined"


class DocumentError(AutohelperError):
    """A document (a PDF the student has) could not be read; params name the file (masked)."""

    key = "document.unreadable"


class DocumentNotFound(DocumentError):
    """No file at the path given."""

    key = "document.not_found"


class DocumentNotAFile(DocumentError):
    """The path is a directory or something else that is not a regular file."""

    key = "document.not_a_file"


class DocumentEmpty(DocumentError):
    """The file has no bytes."""

    key = "document.empty"


class DocumentNotPdf(DocumentError):
    """The file is not a PDF (no PDF header)."""

    key = "document.not_pdf"


class DocumentEncrypted(DocumentError):
    """The PDF needs a password to open."""

    key = "document.encrypted"


class DocumentNoText(DocumentError):
    """The PDF has no text layer (a scan or a photo): nothing to read without OCR."""

    key = "document.no_text"


class DocumentDamaged(DocumentError):
    """The PDF is damaged or truncated beyond what the reader can recover."""

    key = "document.damaged"


class NotAConstancia(DocumentError):
    """The PDF has text, but nothing of a constancia de vigencia de derechos."""

    key = "document.not_constancia"
