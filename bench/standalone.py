"""The baseline of a whole QA run: a hand-written script that does what `autohelper qa imss-nss
--against fixtures --mock imss.nss_found=true` does, from a fresh process to its exit: start
the mock and the front, launch Chromium, run the flow by hand in a fresh context, close all.

    python bench/standalone.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    from flows import MOCK_SETTINGS, playwright_flow
    from playwright.sync_api import sync_playwright

    from autohelper.browser import find_browser
    from autohelper.browser.front import PortalFront
    from autohelper.browser.provider import launch_args
    from autohelper.mock import MockPortal
    from autohelper.mock.config import build

    # The synthetic student of fixtures/profiles/student.yaml (python-stdnum's example CURP),
    # written out as a hand-written script would, not read through autohelper's profile code.
    curp, email = "HEGG560427MVZRRL04", "estudiante.prueba@example.com"
    with (
        MockPortal(build(MOCK_SETTINGS)) as portal,
        PortalFront(portal.url) as front,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=find_browser(shell=True).path, args=launch_args(True, front)
        )
        context = browser.new_context(ignore_https_errors=True, locale="es-MX")
        nss = playwright_flow(context.new_page(), curp, email)
        context.close()
        browser.close()
    print(nss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
