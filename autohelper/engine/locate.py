"""Scenario locators to Playwright locators, in the frame they live in.

A list of locators means "the first that matches"; a locator may name the path of frames it
lives in (frameset `<frame>` or `<iframe>`, nested), each by its name, a fragment of its URL or
the CSS of its element. Frames are waited for, like elements: a frame that appears late (a
frameset still loading) is found when it comes, within the step's time.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from autohelper.scenario.model import FrameRef, Locator, Target

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page
    from playwright.sync_api import Locator as PwLocator

# What Playwright says when a frame (or its document) went away under us: a whole-page
# navigation replaced the frameset. For the scenario it is the same as "not there".
GONE = ("detached", "Execution context was destroyed", "Target page, context or browser")


class FrameMissing(Exception):
    """A frame on a locator's path did not appear in time."""

    def __init__(self, ref: FrameRef) -> None:
        super().__init__(ref.describe())
        self.ref = ref


def is_gone(error: PlaywrightError) -> bool:
    """Whether a Playwright error means the frame or document we were in went away."""
    return any(marker in str(error) for marker in GONE)


def frame_for(page: Page, refs: tuple[FrameRef, ...], timeout_ms: float) -> Frame:
    """The frame at the end of `refs` (the main frame for none), waited for and loaded."""
    frame = page.main_frame
    if not refs:
        return frame
    deadline = time.monotonic() + timeout_ms / 1000
    for ref in refs:
        frame = _child(page, frame, ref, deadline)
    try:
        frame.wait_for_load_state("domcontentloaded", timeout=_left(deadline, ref))
    except PlaywrightTimeout:
        raise FrameMissing(refs[-1]) from None
    except PlaywrightError as exc:
        # The frame went away as it loaded (a portal sending the whole window elsewhere: an
        # expired session's sign-in page breaking out of frames): not there, as if it never came.
        if not is_gone(exc):
            raise
        raise FrameMissing(refs[-1]) from None
    return frame


def frame_present(page: Page, refs: tuple[FrameRef, ...]) -> bool:
    """Whether the frame at the end of `refs` is there now, from what the browser already told
    us (no round trip). A frame named by the CSS of its element cannot be told that way: it
    counts as there."""
    frame = page.main_frame
    for ref in refs:
        if ref.kind == "css":
            return True
        found = next(
            (
                child
                for child in frame.child_frames
                if (ref.kind == "name" and child.name == ref.value)
                or (ref.kind == "url" and ref.value in child.url)
            ),
            None,
        )
        if found is None:
            return False
        frame = found
    return True


def _left(deadline: float, ref: FrameRef) -> float:
    left = (deadline - time.monotonic()) * 1000
    if left <= 0:
        raise FrameMissing(ref)
    return left


def _child(page: Page, parent: Frame, ref: FrameRef, deadline: float) -> Frame:
    if ref.kind == "css":
        try:
            handle = parent.locator(ref.value).first.element_handle(timeout=_left(deadline, ref))
        except PlaywrightTimeout:
            raise FrameMissing(ref) from None
        found = handle.content_frame()
        if found is None:
            raise FrameMissing(ref)
        return found
    while True:
        for frame in parent.child_frames:
            if (ref.kind == "name" and frame.name == ref.value) or (
                ref.kind == "url" and ref.value in frame.url
            ):
                return frame
        # Not there yet: wait for the next frame to navigate (frames attach, then navigate).
        try:
            page.wait_for_event("framenavigated", timeout=_left(deadline, ref))
        except PlaywrightTimeout:
            raise FrameMissing(ref) from None


def one(scope: Page | Frame, locator: Locator) -> PwLocator:
    """One scenario locator as a Playwright locator in `scope` (its frame is the caller's)."""
    kind, value = locator.kind, locator.value
    found: PwLocator
    if kind == "role":
        kwargs: dict[str, Any] = {"exact": locator.exact}
        if locator.name is not None:
            kwargs["name"] = locator.name
        found = scope.get_by_role(value, **kwargs)  # type: ignore[arg-type]
    elif kind == "label":
        found = scope.get_by_label(value, exact=locator.exact)
    elif kind == "text":
        found = scope.get_by_text(value, exact=locator.exact)
    elif kind == "placeholder":
        found = scope.get_by_placeholder(value, exact=locator.exact)
    elif kind == "testid":
        found = scope.get_by_test_id(value)
    else:
        found = scope.locator(value)
    if locator.has_text is not None:
        found = found.filter(has_text=locator.has_text)
    return found


def every(scope: Page | Frame, target: Target) -> PwLocator:
    """Every visible element any alternative matches (for a list of links to choose from)."""
    combined = one(scope, target[0])
    for locator in target[1:]:
        combined = combined.or_(one(scope, locator))
    return combined.filter(visible=True)


def any_of(scope: Page | Frame, target: Target) -> PwLocator:
    """All alternatives at once; `.first` of the union is what the steps act on, and its
    visible() wait succeeds as soon as any alternative shows up."""
    return every(scope, target).first
