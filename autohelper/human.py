"""The person in the loop.

`TerminalHuman` is the student at a terminal: Spanish prompts, the CAPTCHA shown (in the
visible browser, or saved as an image and opened when headless), a masked summary and a yes/no
before every submit, the emailed link pasted. `ScriptedHuman` is QA and the tests: it answers
CAPTCHAs from the mock's oracle (read through the page, so the session cookie goes along),
accepts or declines as told, and follows the newest emailed link in the mock's outbox that came
after the send (waiting for it, as long as the step allows: a mirror's mail may come late). Only
a mock has an oracle: nothing here ever guesses or solves a CAPTCHA.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from email.utils import getaddresses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

from autohelper.browser import has_display
from autohelper.errors import UsageError
from autohelper.messages import localized, t
from autohelper.privacy import mask
from autohelper.privatefiles import private_dir, write_private

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

log = logging.getLogger(__name__)

T = TypeVar("T")
ORACLE = "oracle"  # a ScriptedHuman CAPTCHA answer meaning "ask the mock"
NEW_IMAGE = "?"  # a CAPTCHA answer meaning "I cannot read it: show me another image"
OUTBOX = "outbox"  # a ScriptedHuman link answer meaning "the newest link in the mock's outbox"
# What a person types to leave a question after the send for later (the run stops, nothing more
# is sent, and the run can be resumed).
QUIT_WORDS = ("salir", "quit", "exit")


def wants_to_quit(answer: str) -> bool:
    """Whether the person typed one of the words that leave the question for later."""
    return answer.strip().strip("«»\"'").lower() in QUIT_WORDS


class Human(Protocol):
    """What the engine asks of a person. Returning normally means "go on"."""

    def progress(self, text: str) -> None: ...

    def captcha(self, page: Page, image: Locator, attempt: int, artifacts: Path) -> str | None:
        """The CAPTCHA answer, None when the person typed it in the browser, or NEW_IMAGE."""

    def confirm(self, title: str, summary: Sequence[tuple[str, str]]) -> bool: ...

    def secret(self, name: str) -> str | None:
        """The secret `name` again (the portal asked for it again: a wrong password, an expired
        session); None or "" when the person gives none. The machine never re-sends one."""

    def choose(self, title: str, options: Sequence[str]) -> int | None:
        """The index of the option the person picks, or None when they pick none."""

    def manual(self, instruction: str) -> None: ...

    def hand_off(
        self, page: Page, step: str, target: str, value: tuple[str, str | None] | None
    ) -> bool:
        """The scenario could not find `target` for `step`: the person may do the step by hand
        in the browser (for a field, `value` is (as shown masked, in full or None for a
        secret)). True once done; False to stop instead."""

    def unknown_answer(self, page: Page, step: str) -> bool:
        """The page shows what no case of outcome `step` takes: the person may pass it in the
        browser (a notice with «Continuar»), sending nothing again. True once done; False to
        stop instead."""

    def ask(self, question: str) -> bool:
        """The person's yes (True) or no to a question of its own (not a send)."""

    def email_link(
        self, page: Page, contains: str, email: str, attempt: int, wait_ms: float = 0.0
    ) -> str | None:
        """What the person gave for the emailed link (`attempt` counts the asks, from 1): a text
        that should hold it, None when they say they opened it in the browser, or one of
        QUIT_WORDS. The engine checks the text and asks again when it is not the link.
        `wait_ms`: how long the step lets the email take to come (a script waits that long at
        most; a person takes the time they need)."""

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


def _mock_oracles(page: Page, names: Sequence[str]) -> list[str | None]:
    """Several of a mock's controls at once (one look at the page, the fetches side by side);
    each None where there is none."""
    try:
        texts = page.evaluate(
            "async (names) => Promise.all(names.map(async (name) => {"
            " const r = await fetch('/__mock__/' + name, {cache: 'no-store'});"
            " return r.ok ? await r.text() : null; }))",
            list(names),
        )
    except Exception as exc:  # noqa: BLE001 - any failure means "no oracle here"
        log.debug("no mock %s here: %s", names, exc)
        return [None for _ in names]
    return [str(text) if text is not None else None for text in texts]


def _mock_oracle(page: Page, name: str) -> str | None:
    """A mock's control `/__mock__/<name>`, fetched inside the page (same origin, same session
    cookie); None where there is none (a live portal, a blank page)."""
    return _mock_oracles(page, (name,))[0]


def _outbox_messages(raw: str | None) -> list[dict[str, Any]]:
    """Every message of an outbox fetched as text, oldest first ([] for none or not JSON)."""
    try:
        messages = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []


def _to(message: Mapping[str, Any], email: str) -> bool:
    """Whether the message went to `email`: its `to` as a bare address, as a mail header writes
    one ("Name <address>", several separated by commas), or as a list of them."""
    to = message.get("to", "")
    written = [str(one) for one in to] if isinstance(to, list) else [str(to)]
    return any(address.lower() == email.lower() for _, address in getaddresses(written))


def mock_emails(page: Page, email: str, raw: str | None = None) -> list[dict[str, Any]]:
    """The mock's emails to `email`, oldest first (none where there is no mock); `raw`: the
    outbox already fetched."""
    raw = _mock_oracle(page, "outbox") if raw is None else raw
    return [m for m in _outbox_messages(raw) if _to(m, email)]


# The outbox, fetched in the page every `every` ms until it holds more than `count` messages (its
# text then) or until `ms` have passed (null). One bounded wait inside the page: Playwright's
# wait_for_function does not await an async predicate (it takes the promise for a yes), and the
# fetch is what must be polled. A fetch that hangs is cut off at the deadline too.
_OUTBOX_GROWS_JS = """async ({count, ms, every}) => {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const signal = AbortSignal.timeout(Math.max(1, end - Date.now()));
      const r = await fetch('/__mock__/outbox', {cache: 'no-store', signal});
      if (r.ok) {
        const text = await r.text();
        const messages = JSON.parse(text);
        if (Array.isArray(messages) && messages.length > count) return text;
      }
    } catch (e) { /* not there yet, or cut off at the deadline: polled again, or given up */ }
    const left = end - Date.now();
    if (left <= 0) return null;
    await new Promise((done) => setTimeout(done, Math.min(every, left)));
  }
}"""
OUTBOX_POLL_MS = 500  # how often the scripted person looks at the outbox again
# Playwright's words when the page navigated under an evaluate.
NAVIGATED = "Execution context was destroyed"


def outbox_grown(page: Page, count: int, wait_ms: float) -> str | None:
    """The mock's outbox as text once it holds more than `count` messages, fetched in the page
    (same session) every OUTBOX_POLL_MS, for at most `wait_ms`; None when it did not grow."""
    deadline = time.monotonic() + wait_ms / 1000
    while (left := deadline - time.monotonic()) > 0:
        arg = {"count": count, "ms": int(left * 1000), "every": OUTBOX_POLL_MS}
        try:
            text = page.evaluate(_OUTBOX_GROWS_JS, arg)
        except Exception as exc:  # noqa: BLE001 - no outbox to wait on here
            log.debug("outbox wait interrupted: %s", exc)
            if NAVIGATED in str(exc) and not page.is_closed():
                continue  # the page went on meanwhile: look again from the new one
            return None
        return str(text) if text is not None else None
    return None


def links_in(message: Mapping[str, Any], contains: str) -> list[str]:
    """The links of an email that contain `contains`: its links list, then any in its body."""
    body_links = re.findall(r"https?://[^\s\"'<>]+", str(message.get("body", "")))
    found = [html.unescape(str(link)) for link in [*message.get("links", []), *body_links]]
    return [link for link in dict.fromkeys(found) if contains in link]


def prompt(text: str, **options: Any) -> Any:
    """`click.prompt`, with Ctrl-C raised as KeyboardInterrupt, which is what it is (Click's own
    Abort would pass for an ordinary error through a run's clean-up), and the end of the input
    (Ctrl-D, a pipe or file that ran out) as InputEnded: no answer, said as such with exit 1."""
    try:
        return click.prompt(text, **options)
    except click.exceptions.Abort as exc:
        if not isinstance(exc.__context__, EOFError):
            raise KeyboardInterrupt from None
        # Here, not at the top: the CLI's handler is not needed until the input ends.
        from autohelper.cli.errors import InputEnded

        if not options.get("hide_input"):  # (Click ends a hidden prompt's line itself)
            click.echo()  # the message that follows gets a line of its own, not the prompt's
        raise InputEnded() from None


def at_terminal() -> bool:
    """Whether a person can answer at a terminal: stdin is one (not a pipe, a file, /dev/null,
    a closed stream)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # a closed stream
        return False


def secret_env(name: str) -> str:
    """The environment variable that gives a secret: AUTOHELPER_SECRET_<NAME>."""
    return f"AUTOHELPER_SECRET_{name.upper()}"


# How prompts name each secret to the person, as the scenario in use labels it (`needs.secrets`:
# `- cia_password: {es: tu contraseña del CIA, en: your CIA password}`); set by the session.
_SECRET_WORDS: dict[str, str | dict[str, str]] = {}


def name_secrets(labels: Iterable[tuple[str, str | dict[str, str]]]) -> None:
    """Name the secrets as the scenario about to run labels them (a secret it does not label
    keeps its bare name)."""
    _SECRET_WORDS.clear()
    _SECRET_WORDS.update(labels)


def secret_words(name: str, lang: str | None = None) -> str:
    """A secret as prompts say it: its label (`tu contraseña del CIA`), else its name quoted."""
    return SecretName(name).message(lang)


class SecretName:
    """A secret as an error names it, in the language of the message that holds it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.label = _SECRET_WORDS.get(name)

    def message(self, lang: str | None = None) -> str:
        if self.label:
            return localized(self.label, lang)
        return t("human.secret_name", lang, name=self.name)


def ask_secret(name: str) -> str:
    """A secret typed by the person, hidden. With no terminal to type it on, a UsageError that
    names it and its environment variable: a hidden prompt there would read the input in the
    clear, with Python's own warnings (in English) about it."""
    if not at_terminal():
        raise UsageError("cli.secret_no_terminal", name=SecretName(name), env=secret_env(name))
    shown = t("cli.secret_prompt", name=secret_words(name))
    return str(prompt(shown, hide_input=True, default="", show_default=False))


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

    return bool(prompt(f"{question} {suffix}", default="", show_default=False, value_proc=parse))


class TerminalHuman:
    """The student: prompts on the terminal, the browser visible unless headless. A prompt never
    offers what the person cannot do (typing into a hidden browser).

    With `practice` (a run against the bundled mock), what a real portal would send elsewhere
    is shown here: the mock's emails, as a mail client would show them, and, when the browser
    is hidden on a machine with no display, the CAPTCHA's text (the image cannot be seen)."""

    def __init__(
        self, headless: bool, echo: Callable[[str], None] = click.echo, practice: bool = False
    ) -> None:
        self.headless = headless
        self.echo = echo
        self.practice = practice
        self._shown_emails = 0

    def progress(self, text: str) -> None:
        self.echo(text)

    def captcha(self, page: Page, image: Locator, attempt: int, artifacts: Path) -> str | None:
        if self.headless:
            path = private_dir(artifacts) / f"captcha-{attempt}.png"
            write_private(path, image.screenshot())
            self.echo(t("human.captcha_saved", path=str(path)))
            if has_display():  # hidden browser on a desktop: show the image in a viewer
                _open_quietly(path)
            elif self.practice:
                hint = _mock_oracle(page, "captcha")
                if hint:
                    self.echo(t("human.captcha_practice", text=hint.strip()))
        else:
            image.scroll_into_view_if_needed()
        key = "human.captcha_prompt_headless" if self.headless else "human.captcha_prompt"
        answer = prompt(t(key, attempt=attempt), default="", show_default=False).strip()
        return answer or None

    def confirm(self, title: str, summary: Sequence[tuple[str, str]]) -> bool:
        self.echo("")
        self.echo(t("human.confirm_title", title=title))
        for label, value in summary:
            self.echo(f"  {label}: {value}")
        return ask_yes_no(t("human.confirm_prompt"), default=False)

    def secret(self, name: str) -> str | None:
        words = secret_words(name)
        if not at_terminal():  # no one can type it hidden: nothing more is sent
            self.echo(t("cli.secret_no_terminal", name=words, env=secret_env(name)))
            return None
        self.echo(t("human.secret_again", name=words))
        answer = str(
            prompt(
                t("cli.secret_prompt", name=words), hide_input=True, default="", show_default=False
            )
        )
        # Only spaces are no answer, as an empty one: sent, they would use up a sign-in try.
        return answer if answer.strip() else None

    def choose(self, title: str, options: Sequence[str]) -> int | None:
        self.echo(t("human.choose_title", title=title))
        for number, option in enumerate(options, 1):
            self.echo(f"  {number}. {option}")

        def parse(raw: str) -> int:
            text = raw.strip()
            # ASCII digits only ("²" is a digit to isdigit, not to int) and a short number.
            if (
                text.isascii()
                and text.isdigit()
                and len(text) <= 6
                and 1 <= int(text) <= len(options)
            ):
                return int(text) - 1
            raise click.UsageError(t("human.choose_invalid", n=len(options)))

        return int(prompt(t("human.choose_prompt"), value_proc=parse))

    def manual(self, instruction: str) -> None:
        prompt(t("human.manual_prompt", instruction=instruction), default="", show_default=False)

    def hand_off(
        self, page: Page, step: str, target: str, value: tuple[str, str | None] | None
    ) -> bool:
        self.echo(t("human.hand_off", step=step, target=target))
        if value is not None:
            shown, full = value
            self.echo(t("human.hand_off_value" if full else "human.hand_off_secret", value=shown))
        return self._done_by_hand(value)

    def unknown_answer(self, page: Page, step: str) -> bool:
        self.echo(t("human.unknown_answer", step=step))
        return self._done_by_hand(None)

    def _done_by_hand(self, value: tuple[str, str | None] | None) -> bool:
        while True:
            answer = str(prompt(t("human.hand_off_prompt"), default="", show_default=False))
            answer = answer.strip().lower()
            if not answer:
                return True
            if answer in ("ver", "show") and value is not None and value[1]:
                self.echo(value[1])  # to its owner, at the terminal only
            elif answer in ("salir", "no", "n", "quit", "exit"):
                return False

    def ask(self, question: str) -> bool:
        self.echo("")
        # No default yes: the person says it.
        return ask_yes_no(question, default=False)

    def email_link(
        self, page: Page, contains: str, email: str, attempt: int, wait_ms: float = 0.0
    ) -> str | None:
        shown = self.practice and self._show_mock_email(page, contains, email)
        if shown:
            key = "human.email_link_prompt_practice"
        else:
            key = "human.email_link_prompt_headless" if self.headless else "human.email_link_prompt"
        while True:
            answer = str(prompt(t(key), default="", show_default=False)).strip()
            if answer or not self.headless:
                return answer or None  # empty: "I opened it in the browser" (the engine checks)
            # A hidden browser cannot have opened anything: an empty line is just asked again.
            self.echo(t("human.link_empty"))

    def _show_mock_email(self, page: Page, contains: str, email: str) -> bool:
        """Show the mock's newest email with the link, the way a mail client would; True when
        there is one (shown now, or earlier in this run)."""
        emails = [m for m in mock_emails(page, email) if links_in(m, contains)]
        if not emails:
            return False
        if len(emails) > self._shown_emails:
            self._shown_emails = len(emails)
            message = emails[-1]
            rule = "─" * 60
            self.echo("")
            self.echo(t("human.mail_heading"))
            self.echo(rule)
            self.echo(t("human.mail_to", to=mask(email, "email")))
            self.echo(t("human.mail_subject", subject=message.get("subject", "")))
            self.echo("")
            self.echo(str(message.get("body", "")).rstrip())
            self.echo(rule)
        return True

    def firewall(self, page: Page) -> bool:
        if self.headless:  # nothing to solve in a browser nobody sees: say so, do not ask
            self.echo(t("human.firewall_headless"))
            return False
        self.echo(t("human.firewall"))
        return ask_yes_no(t("human.firewall_prompt"), default=False)


class ScriptedHuman:
    """QA and tests: answers from a script and from the mock's oracles, never from a person."""

    def __init__(
        self,
        captcha_answers: Sequence[str] = (ORACLE,),
        confirm: bool | Sequence[bool] = True,
        on_progress: Callable[[str], None] | None = None,
        secrets: Mapping[str, Sequence[str]] | None = None,
        choices: Sequence[int | str] = (),
        by_hand: Callable[[Page], None] | None = None,
        answers: Sequence[bool] = (),
        links: Sequence[str | None] = (),
    ) -> None:
        self._captcha = self._cycle_last(list(captcha_answers))
        self._confirm = self._cycle_last([confirm] if isinstance(confirm, bool) else list(confirm))
        self._on_progress = on_progress
        # A secret asked again (after a send: a refused password, an expired session) comes
        # from here only: the script is the person. AUTOHELPER_SECRET_<NAME> gives the secret a
        # run starts with, never a second time: a value the machine re-sent on its own would
        # be a password retried by machine (three of them lock an account). An exhausted list,
        # or none, means the person gives no more.
        self._secrets = {name: list(values) for name, values in (secrets or {}).items()}
        # Picks by index or by (part of) the option's text; the default is the first option.
        self._choices = list(choices)
        # What the scripted person does in the browser when a step is handed over (None: QA
        # never stands in for a missing target).
        self._by_hand = by_hand

        # Yes/no answers to `ask` questions, in order; yes once the list is used up.
        self._answers = list(answers)
        # What the person gives at the link step, in turn (a text, None for "opened it here");
        # OUTBOX, and anything after the list, follows the newest link in the mock's outbox
        # that came after the send.
        self._links = list(links)
        self.prompts: list[str] = []  # what a person would have been shown, for assertions
        # The page the engine last showed the person (the CAPTCHA's, the link's): where the
        # outbox is read when they say yes to a send.
        self._page: Page | None = None
        # How many messages the outbox held before the last send the person said yes to: a link
        # is taken only from a message after those (asked again, as after "Token expirado", the
        # person gives the same newest one). None: not known (no page seen before the yes, a run
        # resumed at its link step): any message.
        self._outbox_before: int | None = None
        # The outbox's size taken with the last CAPTCHA, for the yes that follows it.
        self._outbox_counted: int | None = None

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
        self._page = page
        answer = next(self._captcha)
        if answer != ORACLE:
            return answer
        # fetch() in the page: same origin, same session cookie as the image just shown. The
        # outbox comes along: the send this CAPTCHA is for comes next, so what it holds now is
        # older than the send's email (one look less at the yes that follows).
        text, outbox = _mock_oracles(page, ("captcha", "outbox"))
        if not text:
            raise UsageError("human.no_oracle")
        self._outbox_counted = None if outbox is None else len(_outbox_messages(outbox))
        return str(text).strip()

    def confirm(self, title: str, summary: Sequence[tuple[str, str]]) -> bool:
        self.prompts.append(title)
        self.prompts.extend(f"{label}: {value}" for label, value in summary)
        yes = next(self._confirm)
        counted, self._outbox_counted = self._outbox_counted, None
        if yes:  # the send comes next: what the outbox holds now is older than its email
            self._outbox_before = counted if counted is not None else self._outbox_size()
        return yes

    def _outbox_size(self) -> int | None:
        """How many messages the mock's outbox holds now (None: no page, no outbox)."""
        if self._page is None or self._page.is_closed():
            return None
        raw = _mock_oracle(self._page, "outbox")
        return None if raw is None else len(_outbox_messages(raw))

    def secret(self, name: str) -> str | None:
        self.prompts.append(t("human.secret_again", name=secret_words(name)))
        found = self._secrets.get(name)
        if found:
            return found.pop(0)
        self.progress(t("human.secret_unattended", name=secret_words(name), env=secret_env(name)))
        return None

    def choose(self, title: str, options: Sequence[str]) -> int | None:
        self.prompts.append(title)
        self.prompts.extend(options)
        pick = self._choices.pop(0) if self._choices else 0
        if isinstance(pick, int):
            return pick
        matches = [i for i, option in enumerate(options) if pick.lower() in option.lower()]
        return matches[0] if matches else None

    def manual(self, instruction: str) -> None:
        self.prompts.append(instruction)

    def hand_off(
        self, page: Page, step: str, target: str, value: tuple[str, str | None] | None
    ) -> bool:
        self._page = page
        self.prompts.append(t("human.hand_off", step=step, target=target))
        if self._by_hand is None:
            return False
        self._by_hand(page)
        return True

    def unknown_answer(self, page: Page, step: str) -> bool:
        self.prompts.append(t("human.unknown_answer", step=step))
        if self._by_hand is None:
            return False
        self._by_hand(page)
        return True

    def ask(self, question: str) -> bool:
        self.prompts.append(question)
        return self._answers.pop(0) if self._answers else True

    def email_link(
        self, page: Page, contains: str, email: str, attempt: int, wait_ms: float = 0.0
    ) -> str | None:
        self._page = page
        if self._links:
            given = self._links.pop(0)
            if given != OUTBOX:
                return given
        outbox = _mock_oracle(page, "outbox")
        if outbox is None:
            raise UsageError("human.no_oracle")
        # Mail may come late (a mirror's does): the newest message to the profile's email that
        # came after the send, waited for as long as the step allows. A message from before the
        # send (an earlier run's, its link used already) is never taken.
        before = self._outbox_before or 0
        deadline = time.monotonic() + wait_ms / 1000
        while outbox is not None:
            messages = _outbox_messages(outbox)
            # Fewer than before the send: the outbox was emptied since (a reset), all is new.
            new = messages[before:] if len(messages) >= before else messages
            # The links list first; a mirror that only writes the link into the body works too.
            for message in reversed(new):
                found = links_in(message, contains) if _to(message, email) else []
                if found:
                    return found[0]
            left_ms = (deadline - time.monotonic()) * 1000
            outbox = outbox_grown(page, len(messages), left_ms) if left_ms > 0 else None
        raise UsageError("human.no_email_link", contains=contains)

    def firewall(self, page: Page) -> bool:
        self._page = page
        return False  # QA never waits out a firewall: the run stops and says so
