"""The outcome step: which of the declared answers the portal gave (on the page, or in a
downloaded document), what it yields, and what the run does next.

`success` and `in_person` end the run well, `continue` goes on, `retry` goes back (bounded by
the case's `max_tries`, whatever it goes back for), `error` stops with the portal's words and
the scenario's advice. An answer nobody declared stops the run with evidence; before that, an
expired session sends the run back to sign in.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from autohelper.engine import locate
from autohelper.engine.retry import TransientError
from autohelper.engine.runner import Finished, Restart
from autohelper.engine.steps import handles
from autohelper.errors import RunStopped
from autohelper.messages import localized, t
from autohelper.privacy import PERSONAL_FIELDS
from autohelper.scenario import model as m

if TYPE_CHECKING:
    from playwright.sync_api import Frame
    from playwright.sync_api import Locator as PwLocator

    from autohelper.engine.runner import Runner


@handles(m.Outcome)
def outcome(run: Runner, step: m.Outcome) -> None:
    if step.document is not None:
        _read_document(run, step, step.document)
        return
    run.guard(step)
    if run.watch.is_unavailable():  # a 5xx or maintenance page answers at once: no wait
        _recover_or_stop(run, step)
    if _answer_in_dialog(run, step) is not None:
        return
    if _dialog_says_unavailable(run):
        raise run.stop(_unavailable(run), step)
    every = tuple(locator for case in step.cases for locator in case.when)
    # The sign-in page, should the session have expired, ends the wait too (no case matches
    # it: the run then goes back to sign in, below).
    expired = run.expired_at_once(step, every[0].frame)
    # Looked at twice at most: the answer may come as a whole new page, the frame the look was in
    # going away under it (a save whose answer sends the window to the portal's page again).
    for look in range(2):
        try:
            scope = locate.frame_for(run.page, every[0].frame, run.timeout_ms(step))
            # The first case (in the scenario's order) with a visible element wins (the locators
            # are filtered to visible elements). The first case is usually the answer expected,
            # already on the page the step before waited for: when it shows, it wins whatever else
            # shows beside it, so it is looked at before waiting for any of them (one round trip
            # and one look through every case's locators less, twice per NSS flow).
            first = locate.any_of(scope, step.cases[0].when)
            shown = first.count() > 0
            if not shown:
                waited = locate.any_of(scope, every + expired)
                waited.wait_for(state="visible", timeout=run.timeout_ms(step))
            # A declared dialog that came during the wait (an alert once the answer page loaded)
            # is read first, as one that came with the send.
            if run.dialogs.answered is not None and _answer_in_dialog(run, step) is not None:
                return
            # The winner's text is read in Playwright's own script world, as its waits are: a look
            # in the page's world would first load Playwright's script there, a few hundredths of
            # a second per page. The portal's own words (a dialog's, without its buttons) are
            # read only where they are quoted: an error.
            winner = _fresh_first(run, step, scope) if run.before_press else None
            for number, case in enumerate(step.cases):
                if winner is not None and number != winner[0]:
                    continue
                element = first if number == 0 else locate.any_of(scope, case.when)
                if winner is not None:
                    element = locate.every(scope, case.when).nth(winner[1])
                elif not (number == 0 and shown) and element.count() == 0:
                    continue
                text = element.inner_text(timeout=LOOK_MS)
                said = _own_words(element) if case.result in ("error", "retry") else ""
                if case.result in ("error", "retry") and run.awaiting_dialog():
                    # The send before declared a dialog that has not come: on a refusal it may be
                    # the portal's own words (an alert once the page has loaded, or shortly
                    # after). Before going back or stopping, the page settles and they are read.
                    run.settle(step)
                    if (
                        run.dialogs.answered is not None
                        and _answer_in_dialog(run, step) is not None
                    ):
                        return
                also = _beside(run, step, number, scope, text)
                _apply(run, step, number, case, text, said=said, also=also)
                return
            break  # what was seen went away before it was read: no declared answer
        except (PlaywrightTimeout, locate.FrameMissing):
            break
        except PlaywrightError as exc:
            if not locate.is_gone(exc):
                raise
            if look == 1:
                break
            with contextlib.suppress(PlaywrightError):
                run.page.wait_for_load_state("domcontentloaded", timeout=run.timeout_ms(step))
            run.signed_out(step)  # the page that came is the sign-in's (the session expired)
            expired = run.expired_at_once(step, every[0].frame)
    # No declared answer (or it vanished between the wait and the look); a declared dialog that
    # came meanwhile may still be one.
    if _answer_in_dialog(run, step) is not None:
        return
    run.guard(step)
    run.signed_out(step)
    unavailable = run.watch.is_unavailable() or _dialog_says_unavailable(run)
    if not unavailable:
        run.challenge_or_block(step)  # a firewall's page where the answer was to be
        _press_again(run, step)
    if not unavailable and run.answer_by_hand(step):
        outcome(run, step)  # the person passed what the page showed: the answer, read again
        return
    key = _unavailable(run) if unavailable else "run.unknown"
    # Right after a press whose answer no case took, nobody can tell whether the send went
    # through: the run ends `unknown` (status: «no se supo si el último envío llegó»), never
    # as a plain error whose next step is «fill it in and send it again».
    raise run.stop(key, step, run.unknown_send() if run.awaiting_answer else RunStopped)


def _press_again(run: Runner, step: m.Outcome) -> None:
    """An outcome right after a click (a lookup: «Buscar» a postal code), whose answer never
    came: a click only asks (it sends nothing, or the scenario would say `submit`), and the
    portal may have failed that one request (a 500 the page shows nothing for). The click is
    pressed again, once, and the answer awaited again. Never after a send."""
    at = run.index - 1
    before = run.scenario.steps[at] if at >= 0 else None
    if not isinstance(before, m.Click) or before.optional or run.awaiting_answer:
        return
    again = (run.index, -1)
    if run.tries[again]:
        return
    run.tries[again] += 1
    run.human.progress(t("run.press_again", step=before.describe()))
    raise Restart(at)


def _fresh_first(run: Runner, step: m.Outcome, scope: Frame) -> tuple[int, int] | None:
    """The case that answered and which of its elements, when words the outcome's cases match
    were on the page before the press (`Runner.before_press`): a notice the form always shows
    (in an alert's markup, naming fields) is not the answer when anything else is.
    The first case (in the scenario's order) with an element whose words were not there
    before wins; else the first with any (the same refusal again: a wrong CAPTCHA twice).
    None when no case shows now (the wait's winner went away)."""
    stale: tuple[int, int] | None = None
    for number, case in enumerate(step.cases):
        try:
            texts = locate.every(scope, case.when).all_inner_texts()
        except PlaywrightError:
            continue
        for index, text in enumerate(texts):
            if _said(text) not in run.before_press:
                return number, index
            stale = stale or (number, index)
    return stale


def _beside(run: Runner, step: m.Outcome, number: int, scope: Frame, text: str) -> str:
    """What the page says beside a good answer (case `number`, its element's words `text`)
    in the elements of a refusal or a warning's cases: a warning beside the folio («entrega tu
    comprobante en 5 días hábiles»), for the person to read. Not the answer's own words, nor
    what the page showed before the press (a notice the form always shows). One look."""
    if step.cases[number].result not in ("success", "in_person"):
        return ""
    frame = next((case.when[0].frame for case in step.cases if case.when), ())
    others = tuple(
        locator
        for index, case in enumerate(step.cases)
        if index != number and case.result in ("error", "retry", "in_person")
        for locator in case.when
        if locator.frame == frame  # in the scope the answer was found in
    )
    if not others:
        return ""
    try:
        texts = locate.every(scope, others).all_inner_texts()
    except PlaywrightError:
        return ""
    answer = _said(text)
    fresh = [
        said
        for said in map(_said, texts)
        if said and said not in answer and answer not in said and said not in run.before_press
    ]
    seen: list[str] = []
    for said in fresh:
        if not any(said in other for other in seen):
            seen.append(said)
    return run.redactor(_first_lines(" · ".join(seen))) if seen else ""


def _said(text: str) -> str:
    return " ".join(text.split())


def shown_before_press(run: Runner) -> frozenset[str]:
    """The words of what the next outcome's cases match that the page shows now, right before
    a press (none, usually: a form shows no answer before it is sent). One look."""
    following = run.scenario.steps[run.index + 1 :]
    step = next((s for s in following if isinstance(s, m.Outcome)), None)
    if step is None or step.document is not None:
        return frozenset()
    every = tuple(locator for case in step.cases for locator in case.when)
    if not every or not locate.frame_present(run.page, every[0].frame):
        return frozenset()
    try:
        scope = locate.frame_for(run.page, every[0].frame, LOOK_MS)
        texts = locate.every(scope, every).all_inner_texts()
    except (PlaywrightError, locate.FrameMissing):
        return frozenset()
    # An element with no words (the sign-in form's own field, coming back with a refusal) is
    # told from nothing by them: never noted, so never passed over.
    return frozenset(said for said in map(_said, texts) if said)


def _recover_or_stop(run: Runner, step: m.Outcome) -> None:
    """The portal is down where the answer was to be read. A page a send or an emailed link
    brought is never loaded again (that would send it again); any other (the page an emailed
    link sent the browser on to, once it took the link) is loaded again, a bounded few times,
    as a retried step's is. Still down: the run stops, saying what that means here."""
    if not run.watch.posted:
        with contextlib.suppress(TransientError):
            run.options.retry.call(run.recover_if_unavailable)
            return
    raise run.stop(_unavailable(run), step)


def _dialog_says_unavailable(run: Runner) -> bool:
    """A declared dialog that no case took says the service is down, in the portal's own
    maintenance words («Servicio no disponible…» in an alert): the answer, at once, not a wait
    for a page that says nothing."""
    said, pattern = run.dialog_words(), run.scenario.facts.maintenance_re
    return bool(said and pattern and re.search(pattern, said, re.IGNORECASE))


def _unavailable(run: Runner) -> str:
    """What a portal that is down means here: after the emailed link (the last of a send and a
    link before this step), the request had arrived, and the same link is to be opened later;
    after a send, nobody can tell whether it arrived."""
    before = run.scenario.steps[: run.index]
    last = next((s for s in reversed(before) if isinstance(s, m.Submit | m.EmailLink)), None)
    if isinstance(last, m.EmailLink):
        return "run.unavailable_after_link_used" if run.link_used else "run.unavailable_after_link"
    return "run.unavailable_after_submit"


def _read_document(run: Runner, step: m.Outcome, name: str) -> None:
    """Match the cases against the document's text, or against what its reader found."""
    path = run.downloads.get(name)
    if path is None:  # the download was optional and did not happen
        raise run.stop("run.no_document", step, name=name)
    meaning = ""
    if step.read is not None:
        from autohelper.documents.readers import READERS

        reading = READERS[step.read](path, run.profile)
        run.yields.update(reading.yields)
        text, meaning = reading.text, reading.meaning
    else:
        from autohelper.documents.pdf import pdf_text

        text = pdf_text(path)
    for number, case in enumerate(step.cases):
        flags = re.IGNORECASE | re.MULTILINE
        if case.matches is not None and re.search(case.matches, text, flags):
            _apply(run, step, number, case, text, meaning)
            return
    raise run.stop("run.unknown_document", step, name=name)


def _answer_in_dialog(run: Runner, step: m.Outcome) -> str | None:
    """A browser dialog the last step declared (an alert on the page a send brought back) is
    part of the portal's answer: the first case with a `text` locator its words contain is
    the answer, quoted by those words. Its words when it was; None when no case matched."""
    said = run.dialog_words()
    heard = [said] if said else []
    if run.awaiting_answer:
        # An alert nobody declared, after the press: the portal may answer that way too (the
        # folio in an alert), the newest first.
        run.tell_notices()
        heard += reversed(run.answer_notices)
    for words in heard:
        for number, case in enumerate(step.cases):
            if any(_in_words(locator, words) for locator in case.when):
                _apply(run, step, number, case, words, said=words)
                return words
    return None


def _in_words(locator: m.Locator, words: str) -> bool:
    """Whether a `text` locator's words are in a dialog's (a dialog is the window's, whatever
    frame the locator names for the page)."""
    if locator.kind != "text" or locator.has_text is not None:
        return False
    return (
        locator.value == words.strip() if locator.exact else locator.value.lower() in words.lower()
    )


# How long the answer found may take to be read (it was just seen): gone by then, it is not
# an answer.
LOOK_MS = 2000


def _own_words(element: PwLocator) -> str:
    """What the element found says in its own words when it is a dialog (below); "" for
    anything else, or when it went away."""
    found = element.evaluate_all(_WORDS_JS)
    return str(found).strip() if found else ""


# What a dialog (role `dialog` or `alertdialog`) says in its own words: the element its
# `aria-describedby` names (not its title bar), else its text without its buttons; any other
# element with a button of its own (a dismissible alert's «×»), its text without it; "" for
# anything else or nothing.
_WORDS_JS = """elements => {
    const e = elements[0];
    if (!e) return "";
    const role = e.getAttribute("role"), id = e.getAttribute("aria-describedby");
    if (role !== "dialog" && role !== "alertdialog") {
        if (!e.querySelector("button, [role=button]")) return "";
    } else {
        const described = id ? e.ownerDocument.getElementById(id) : null;
        if (described) return described.innerText;
    }
    const chrome = "button, [role=button], select, textarea, script, style";
    const walker = e.ownerDocument.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    const words = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest(chrome)) words.push(node.data.trim());
    }
    return words.filter(Boolean).join(" ");
}"""


def _apply(
    run: Runner,
    step: m.Outcome,
    number: int,
    case: m.OutcomeCase,
    text: str,
    meaning: str = "",
    said: str = "",
    also: str = "",
) -> None:
    """Record what the case yields and sets, then do what its result says. `meaning` is what a
    document's reader says it means: it comes before the case's advice. `said` is the portal's
    words when they are less than the element's text (a dialog's, without its buttons);
    `also`, what the page says beside a good answer (`_beside`)."""
    run.awaiting_answer = False  # the answer is read, whatever it says
    run.answer_notices = []
    run.before_press = frozenset()
    for name, pattern in case.yields:
        found = re.search(pattern, text)
        if found:
            value = found.group(1) if found.groups() else found.group(0)
            run.yields[name] = value
            if name in PERSONAL_FIELDS:
                run.redactor.add(value, name)  # from here on, it is scrubbed like the rest
        elif case.result in ("success", "in_person"):
            # The run ends well without it (the NSS not read off its page): said, so the person
            # looks for it there, not left to wonder why it was not offered.
            # Where else to look: the email only where this portal writes one.
            mails = any(isinstance(s, m.EmailLink) for s in run.scenario.steps)
            key = "run.yield_not_read.email" if mails else "run.yield_not_read.portal"
            run.human.progress(t(key, name=name))
    run.yields.update(case.sets)
    for name in case.forgets:
        run.yields.pop(name, None)
    advice = localized(case.message) if case.message else ""
    if case.result in ("success", "in_person"):
        said = "\n".join(part for part in (meaning, advice) if part) or t("run.done")
        if also:
            said += "\n" + t("run.portal_also", words=also)
        raise Finished(case.result, said, dict(run.yields))
    if case.result == "continue":
        for part in (meaning, advice):
            if part:
                run.human.progress(part)
        return
    if case.result == "retry":
        _retry(run, step, number, case, said or text, advice)
    if step.document is not None:
        # What the document says (its reader's words, or its text), not "the portal answered".
        said = meaning or _first_lines(text)
        raise run.stop("run.document_answer", step, said=said, advice=advice, name=step.document)
    raise run.stop("run.portal_error", step, portal=_first_lines(said or text), advice=advice)


def _retry(
    run: Runner, step: m.Outcome, number: int, case: m.OutcomeCase, text: str, advice: str
) -> None:
    """Go back to the case's `from` step, unless it has been tried `max_tries` times. Going
    back before the send this answers means the portal refused it (said either way)."""
    assert case.from_step is not None  # the loader requires it for a retry
    back = run.scenario.step_index(case.from_step)
    run.going_back(back)
    run.tries[(run.index, number)] += 1
    tries = run.tries[(run.index, number)]
    if tries >= case.max_tries:
        said = _first_lines(text)
        # What to do now: the case's own word for it (a link that will never work, an account
        # that may lock), else to try again later.
        then = localized(case.at_limit) if case.at_limit else t("run.try_later")
        n = str(case.max_tries)
        if not said:  # an answer with no words of its own (the sign-in form again): none quoted
            raise run.stop("run.too_many_attempts_quiet", step, n=n, then=then)
        raise run.stop("run.too_many_attempts", step, portal=said, n=n, then=then)
    run.human.progress(advice or t("run.retrying"))
    if tries == case.max_tries - 1 and case.last_try:
        run.human.progress(localized(case.last_try))
    raise Restart(back)


def _first_lines(text: str, limit: int = 400) -> str:
    """The portal's words, as much as a message needs (a document's text can be long)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
