"""Messages of the CLI and the shared layers."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.generic": {"es": "Algo salió mal.", "en": "Something went wrong."},
    "core.error_prefix": {"es": "Error: {message}", "en": "Error: {message}"},
    "core.interrupted": {
        "es": "Cancelado. No se envió nada más.",
        "en": "Cancelled. Nothing more was sent.",
    },
    "core.crash": {
        "es": "autohelper falló de forma inesperada (es un error nuestro, no tuyo). "
        "Detalles para reportarlo: {log}",
        "en": "autohelper failed unexpectedly (our bug, not yours). Details to report it: {log}",
    },
    "scenario.invalid": {
        "es": "{count} problema(s) en el escenario:\n{problems}",
        "en": "{count} problem(s) in the scenario:\n{problems}",
    },
    "browser.not_found": {
        "es": "No encontré un navegador Chromium. Instálalo con `sudo apt-get install chromium` "
        "o indica su ruta con --browser RUTA o AUTOHELPER_BROWSER.",
        "en": "No Chromium browser found. Install it with `sudo apt-get install chromium` "
        "or give its path with --browser PATH or AUTOHELPER_BROWSER.",
    },
}
