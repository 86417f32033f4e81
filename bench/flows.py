"""The NSS flow three ways, for the benchmark: by the engine, by hand with Playwright, by hand
with Selenium. Each does the same work a careful script would: it checks each page it expects
(the scenario's `expect` steps), waits for the CAPTCHA image to load, types the confirmation
email key by key, sends once, follows the emailed link and reads the NSS.

The mock runs with `imss.nss_found=true` (the person already has an NSS): the flow is the
scenario's up to the final page, without the address step's deliberately slow AJAX answers,
which would cost every subject the same fixed time and hide the engine's own cost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from autohelper.scenario.model import Scenario

START_URL = "https://www.imss.gob.mx/tramites/imss02008"
MOCK_SETTINGS = {"imss.nss_found": True}
NSS_RE = re.compile(r"\d{11}")


def playwright_flow(page: Page, curp: str, email: str) -> str:
    """The flow written by hand with Playwright; returns the NSS shown at the end."""
    from playwright.sync_api import expect

    page.goto(START_URL, wait_until="domcontentloaded")
    expect(page.get_by_text("IMSS-02-008").first).to_be_visible()
    page.get_by_role("link", name="TRÁMITE DIGITALIZADO").click()
    expect(page.get_by_text("Asignación de Número de Seguridad Social").first).to_be_visible()
    page.get_by_role("button", name="INICIAR").click()
    expect(page.get_by_text("Bienvenido")).to_be_visible()
    page.get_by_role("button", name="Aceptar", exact=True).click()
    expect(page.get_by_text("Consulta de personas físicas por CURP")).to_be_visible()
    page.fill("#registroCurp", curp)
    page.fill("#correoInput", email)
    page.locator("#correoConfirmacionInput").press_sequentially(email)
    expect(page.locator("img#captchaImg")).to_have_js_property("complete", True)
    captcha = page.evaluate(
        "async () => (await fetch('/__mock__/captcha', {cache: 'no-store'})).text()"
    )
    page.fill("input[name=captcha]", str(captcha).strip())
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("button#continuar")
    expect(page.locator("div.alert.alert-success")).to_contain_text("liga de confirmación")
    outbox = json.loads(
        page.evaluate("async () => (await fetch('/__mock__/outbox', {cache: 'no-store'})).text()")
    )
    link = _link(outbox)
    page.goto(link, wait_until="domcontentloaded")
    text = page.locator("div.alert.alert-success").filter(has_text="NSS").inner_text()
    return _nss(text, "playwright")


def selenium_flow(driver: Any, curp: str, email: str) -> str:
    """The same flow with Selenium WebDriver (chromedriver): explicit waits, as a careful
    Selenium script is written; returns the NSS."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 30, poll_frequency=0.05)

    def text_visible(text: str) -> None:
        xpath = f"//body//*[contains(text(), '{text}')]"
        wait.until(ec.visibility_of_element_located((By.XPATH, xpath)))

    def click(by: str, value: str) -> None:
        wait.until(ec.element_to_be_clickable((by, value))).click()

    driver.get(START_URL)
    text_visible("IMSS-02-008")
    click(By.PARTIAL_LINK_TEXT, "TRÁMITE DIGITALIZADO")
    text_visible("Asignación de Número de Seguridad Social")
    click(By.XPATH, "//*[@role='button' or self::button][contains(., 'INICIAR')]")
    text_visible("Bienvenido")
    click(By.XPATH, "//button[normalize-space(.)='Aceptar']")
    text_visible("Consulta de personas físicas por CURP")
    wait.until(ec.visibility_of_element_located((By.ID, "registroCurp"))).send_keys(curp)
    driver.find_element(By.ID, "correoInput").send_keys(email)
    driver.find_element(By.ID, "correoConfirmacionInput").send_keys(email)  # key by key
    image = driver.find_element(By.CSS_SELECTOR, "img#captchaImg")
    wait.until(lambda _: driver.execute_script("return arguments[0].complete", image))
    captcha = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/__mock__/captcha', {cache: 'no-store'}).then(r => r.text()).then(done);"
    )
    driver.find_element(By.CSS_SELECTOR, "input[name=captcha]").send_keys(str(captcha).strip())
    form = driver.find_element(By.ID, "registroAseguradoDatosBasicosForm")
    driver.find_element(By.CSS_SELECTOR, "button#continuar").click()
    wait.until(ec.staleness_of(form))  # the page navigated: the send went through
    wait.until(
        ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "div.alert.alert-success"), "liga de confirmación"
        )
    )
    outbox = json.loads(
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/__mock__/outbox', {cache: 'no-store'}).then(r => r.text()).then(done);"
        )
    )
    driver.get(_link(outbox))
    success = wait.until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "div.alert.alert-success"))
    )
    return _nss(success.text, "selenium")


def engine_flow(page: Page, scenario: Scenario, profile: dict[str, str], artifacts: Path) -> str:
    """The same flow, run by the engine exactly as `autohelper qa` would (with a journal)."""
    from autohelper.engine.retry import FAST
    from autohelper.engine.runner import RunOptions, run_scenario
    from autohelper.human import ScriptedHuman
    from autohelper.journal import Journal
    from autohelper.privacy import Redactor

    options = RunOptions(artifacts=artifacts, live=False, mask_screenshots=False, retry=FAST)
    journal = Journal(artifacts / "journal.sqlite3").listener("qa", "fixtures", Redactor())
    result = run_scenario(page, scenario, profile, {}, ScriptedHuman(), options, [journal])
    if result.status != "success" or "nss" not in result.yields:
        raise RuntimeError(f"engine: {result.status}: {result.message}")
    return result.yields["nss"]


def _link(outbox: list[dict[str, Any]]) -> str:
    return next(
        link
        for message in reversed(outbox)
        for link in message.get("links", [])
        if "confirmacionUrl" in link
    )


def _nss(text: str, who: str) -> str:
    found = NSS_RE.search(text)
    if found is None:
        raise RuntimeError(f"{who}: no NSS on the final page: {text!r}")
    return found.group(0)
