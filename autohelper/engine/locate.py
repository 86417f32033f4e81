"""Scenario locators to Playwright locators; a list means "the first that matches"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autohelper.scenario.model import Locator, Target

if TYPE_CHECKING:
    from playwright.sync_api import Locator as PwLocator
    from playwright.sync_api import Page


def one(page: Page, locator: Locator) -> PwLocator:
    kind, value = locator.kind, locator.value
    found: PwLocator
    if kind == "role":
        kwargs: dict[str, Any] = {"exact": locator.exact}
        if locator.name is not None:
            kwargs["name"] = locator.name
        found = page.get_by_role(value, **kwargs)  # type: ignore[arg-type]
    elif kind == "label":
        found = page.get_by_label(value, exact=locator.exact)
    elif kind == "text":
        found = page.get_by_text(value, exact=locator.exact)
    elif kind == "placeholder":
        found = page.get_by_placeholder(value, exact=locator.exact)
    elif kind == "testid":
        found = page.get_by_test_id(value)
    else:
        found = page.locator(value)
    if locator.has_text is not None:
        found = found.filter(has_text=locator.has_text)
    return found


def any_of(page: Page, target: Target) -> PwLocator:
    """All alternatives at once; `.first` of the union is what the steps act on, and its
    visible() wait succeeds as soon as any alternative shows up."""
    combined = one(page, target[0])
    for locator in target[1:]:
        combined = combined.or_(one(page, locator))
    return combined.filter(visible=True).first
