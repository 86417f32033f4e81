"""The person in the loop.

`TerminalHuman` is the student at a terminal: Spanish prompts, the CAPTCHA shown (in the
visible browser, or saved as an image and opened when headless), a masked summary and a yes/no
before every submit, the emailed link pasted. `ScriptedHuman` is QA and the tests: it answers
CAPTCHAs from the mock's oracle (read through the page, so the session cookie goes along),
accepts or declines as told, and follows the newest emailed link in the mock's outbox. Only a
mock has an oracle: nothing here ever guesses or solves a CAPTCHA.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import click

from autohelper.browser import has_display
from autohelper.errors import UsageError
from autohelper.messages import t

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

log = logging.getLogger(__name__)

T = TypeVar("T")
ORACLE = "oracle"  # a ScriptedHuman CAPTCHA answer meaning "ask the mock"
NEW_IMAGE = "?"  # a CAPTCHA answer meaning "I cannot read it: show me another image"


class Human(Protocol):
    """What the engine asks of a person. Returning normally means "go on"."""

    def progress(self, text: str) -> None: ...

    def captcha(self, page: Page, image: Locator, attempt: int, artifacts: Path) -> str | None:
        """The CAPTCHA answer, None when the person typed it in the browser, or NEW_IMAGE."""

    def confirm(self, title: str, summary: Sequence[tuple[str, str]]) -> bool: ...

    def manual(self, instruction: str) -> None: ...

    def email_link(self, page: Page, contains: str, email: str) -> str | None:
        """The emailed link, or None when the person opened it in the browser."""

    def firewall(self, page: Page) -> bool:
        """True when the person says the firewall challenge is resolved and we may go on."""


def _open_quietly(path: Path) -> None:
    """Open a file in the desktop's viewer; a machine without one just keeps the path shown."""
    opener = {"darwin": "open", "win32": "start"}.get(sys.platform, "xdg-open")
    try:
        subprocess.Popen(
            [opener, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            shell=sys.platform == "win32",
        )
    except OSError as exc:
        log.debug("no viewer for %s: %s", path, exc)


_YES = ("s", "si", "sí", "y", "yes")
_NO = ("n", "no")


def ask_yes_no(question: str, default: bool = False) -> bool:
    """A yes/no question that takes Spanish and English answers (s/sí/y/yes, n/no)."""
    suffix = t("human.yes_no_default_yes" if default else "human.yes_no_default_no")

    def parse(raw: str) -> bool:
        answer = raw.strip().lower()
        if not answer:
            return default
        if answer in _YES:
            return True
        if answer in _NO:
            return False
        raise click.UsageError(t("human.yes_no_invalid"))

    return bool(
        click.prompt(f"{question} {suffix}", default="", show_default=False, value_proc=parse)
    )


class TerminalHuman:
    """The student: prompts on the terminal, the browser visible unless headless."""

    def __init__(self, headless: bool, echo: Callable[[str], None] = click.echo) -> None:
        self.headless = headless
        self.echo = echo

    def progress(self, text: str) -> None:
        self.echo(text)

    def captcha(self, page: Page, image: Locator, attempt: int, artifacts: Path) -> str | None:
        if self.headless:
            path = artifacts / f"captcha-{attempt}.png"
            image.screenshot(path=str(path))
            self.echo(t("human.captcha_saved", path=str(path)))
            if has_display():  # hidden browser on a desktop: show the image in a viewer
                _open_quietly(path)
        else:
            image.scroll_into_view_if_needed()
        prompt = t("human.captcha_prompt", attempt=attempt)
        answer = click.prompt(prompt, default="", show_default=False).strip()
        return answer or None

    def confirm(self, title: str, summary: Sequence[tuple[str, str]]) -> bool:
        self.echo("")
        self.echo(t("human.confirm_title", title=title))
        for label, value in summary:
            self.echo(f"  {label}: {value}")
        return ask_yes_no(t("human.confirm_prompt"), default=False)

    def manual(self, instruction: str) -> None:
        click.prompt(
            t("human.manual_prompt", instruction=instruction), default="", show_default=False
        )

    def email_link(self, page: Page, contains: str, email: str) -> str | None:
        answer = click.prompt(t("human.email_link_prompt"), default="", show_default=False)
        return answer.strip() or None

    def firewall(self, page: Page) -> bool:
        self.echo(t("human.firewall"))
        return ask_yes_no(t("human.firewall_prompt"), default=False)


class ScriptedHuman:
    """QA and tests: answers from a script and from the mock's oracles, never from a person."""

    def __init__(
        self,
        captcha_answers: Sequence[str] = (ORACLE,),
        confirm: bool | Sequence[bool] = True,
        on_progress: Callable[[str], None] | None = None,
    ) -> None:
        self._captcha = self._cycle_last(list(captcha_answers))
        self._confirm = self._cycle_last([confirm] if isinstance(confirm, bool) else list(confirm))
        self._on_progress = on_progress
        self.prompts: list[str] = []  # what a person would have been shown, for assertions

    @staticmethod
    def _cycle_last(items: list[T]) -> Iterator[T]:
        yield from items
        while True:
            yield items[-1]

    def progress(self, text: str) -> None:
        self.prompts.append(text)
        if self._on_progress:
            self._on_progress(text)

    def captcha(self, page: Page, image: Locator, attempt: int, artifacts: Path) -> str | None:
        answer = next(self._captcha)
        if answer != ORACLE:
            return answer
        # fetch() in the page: same origin, same session cookie as the image just shown.
        text = page.evaluate(
            "async () => { const r = await fetch('/__mock__/captcha', {cache: 'no-store'});"
            " return r.ok ? await r.text() : null; }"
        )
        if not text:
            raise UsageError("human.no_oracle")
        return str(text).strip()

    def confirm(self, title: str, summary: Sequence[tuple[str, str]]) -> bool:
        self.prompts.append(title)
        self.prompts.extend(f"{label}: {value}" for label, value in summary)
        return next(self._confirm)

    def manual(self, instruction: str) -> None:
        self.prompts.append(instruction)

    def email_link(self, page: Page, contains: str, email: str) -> str | None:
        raw = page.evaluate(
            "async () => { const r = await fetch('/__mock__/outbox', {cache: 'no-store'});"
            " return r.ok ? await r.text() : null; }"
        )
        if raw is None:
            raise UsageError("human.no_oracle")
        messages = json.loads(raw)
        for message in reversed(messages):
            if str(message.get("to", "")).lower() != email.lower():
                continue
            # The links list first; a mirror that only writes the link into the body works too.
            body_links = re.findall(r"https?://[^\s\"'<>]+", str(message.get("body", "")))
            for link in [*message.get("links", []), *body_links]:
                if contains in link:
                    return html.unescape(str(link))
        raise UsageError("human.no_email_link", contains=contains)

    def firewall(self, page: Page) -> bool:
        return False  # QA never waits out a firewall: the run stops and says so
