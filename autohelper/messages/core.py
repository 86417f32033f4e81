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
    "cli.version": {"es": "autohelper, versión {version}", "en": "autohelper, version {version}"},
    "core.crash_no_log": {
        "es": "autohelper falló de forma inesperada (es un error nuestro, no tuyo). No pude "
        "guardar los detalles en {log}: {reason}",
        "en": "autohelper failed unexpectedly (our bug, not yours). Could not save the details "
        "in {log}: {reason}",
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
    "browser.bad_path": {
        "es": "El navegador indicado en {source} no existe o no es ejecutable: {path}",
        "en": "The browser given in {source} does not exist or is not executable: {path}",
    },
    "cli.demo_unattended": {
        "es": "Demostración sin nadie en el teclado: el portal simulado responde el CAPTCHA y la "
        "confirmación (solo es posible en el simulado; con el portal real siempre lo haces tú).",
        "en": "Demo with nobody at the keyboard: the mock portal answers the CAPTCHA and the "
        "confirmation (only possible on the mock; on the real portal you always do it).",
    },
    "cli.save_field": {
        "es": "¿Guardo «{field}» en tu perfil?",
        "en": "Save “{field}” in your profile?",
    },
    "cli.profile_saved": {
        "es": "Guardado en tu perfil, {path} (para verlo completo: autohelper profile show "
        "--reveal)",
        "en": "Saved in your profile, {path} (to see it in full: autohelper profile show --reveal)",
    },
    "cli.secret_prompt": {
        "es": "Escribe {name} (no se guarda ni se muestra)",
        "en": "Type {name} (it is neither stored nor shown)",
    },
    "cli.scenario_ok": {"es": "✔ {id} ({path})", "en": "✔ {id} ({path})"},
    "cli.mock_serving": {
        "es": "Portal simulado en {base} (úsalo con --against {base}). Empieza en {url} "
        "(Ctrl-C para terminar).",
        "en": "Mock portal at {base} (use it with --against {base}). Start at {url} "
        "(Ctrl-C to stop).",
    },
    "session.secret_missing": {
        "es": "Falta el dato secreto «{name}»: escríbelo cuando se te pida o ponlo en la "
        "variable de entorno {env}.",
        "en": "The secret “{name}” is missing: type it when asked or set the environment "
        "variable {env}.",
    },
    "session.already_done": {
        "es": "Ya hiciste «{title}» el {date}{folio}. No lo repito, para no enviar una segunda "
        "solicitud (`autohelper status` te dice qué sigue). Si de verdad necesitas hacerlo otra "
        "vez, usa --again.",
        "en": "You already did “{title}” on {date}{folio}. I will not repeat it, so as not to "
        "send a second request (`autohelper status` tells you what comes next). If you really "
        "need to do it again, use --again.",
    },
    "session.with_folio": {"es": " con el folio {folio}", "en": " with folio {folio}"},
    "session.qa_live": {
        "es": "El modo QA no corre contra los portales reales: usa --against fixtures o "
        "--against URL de un espejo.",
        "en": "QA mode never runs against the live portals: use --against fixtures or "
        "--against a mirror URL.",
    },
    "session.bad_mock_option": {
        "es": "Opción del simulado no válida: «{option}». Usa CLAVE=VALOR con una de: {known}.",
        "en": "Invalid mock option: “{option}”. Use KEY=VALUE with one of: {known}.",
    },
    "session.bad_mock_value": {
        "es": "Valor no válido en la opción del simulado «{option}».{reason}",
        "en": "Invalid value in the mock option “{option}”.{reason}",
    },
    "doctor.playwright_ok": {"es": "Playwright instalado.", "en": "Playwright installed."},
    "doctor.playwright_missing": {
        "es": "Falta Playwright: ejecuta `make demo` o `pip install -e .`.",
        "en": "Playwright is missing: run `make demo` or `pip install -e .`.",
    },
    "doctor.browser_playwright": {
        "es": "Navegador: el Chromium propio de Playwright ({path}).",
        "en": "Browser: Playwright's own Chromium ({path}).",
    },
    "doctor.browser_system": {
        "es": "Navegador: el Chromium del sistema, {path} ({version}), porque Playwright no "
        "tiene el suyo instalado.",
        "en": "Browser: the system's Chromium, {path} ({version}), because Playwright has none "
        "of its own installed.",
    },
    "doctor.browser_explicit": {
        "es": "Navegador: {path} ({version}), indicado en {source}.",
        "en": "Browser: {path} ({version}), given in {source}.",
    },
    "doctor.display_yes": {
        "es": "Hay pantalla: el navegador se verá.",
        "en": "A display is available: the browser will be visible.",
    },
    "doctor.display_no": {
        "es": "No hay pantalla: el navegador irá oculto y el CAPTCHA se guardará como imagen.",
        "en": "No display: the browser runs hidden and the CAPTCHA is saved as an image.",
    },
    "cli.yield.nss": {
        "es": "Tu NSS",
        "en": "Your NSS",
    },
    "cli.keep_document": {
        "es": "¿Guardo una copia de {file} en {folder}? (si no, la borro)",
        "en": "Keep a copy of {file} in {folder}? (if not, I delete it)",
    },
    "cli.document_kept": {"es": "Copia guardada: {path}", "en": "Copy saved: {path}"},
    # What the vigencia and clinic flows yield, named for the person.
    "cli.yield.verdict": {"es": "Veredicto", "en": "Verdict"},
    "cli.yield.con_derecho": {
        "es": "Con derecho al servicio médico",
        "en": "Entitled to medical service",
    },
    "cli.yield.situacion": {"es": "Situación", "en": "Situation"},
    "cli.yield.umf": {"es": "UMF (clínica)", "en": "UMF (clinic)"},
    "cli.yield.patron": {
        "es": "Patrón del último movimiento",
        "en": "Employer of the last movement",
    },
    "cli.yield.registro_patronal": {"es": "Registro patronal", "en": "Employer registration"},
    "cli.yield.modalidad": {"es": "Modalidad", "en": "Modalidad"},
    "cli.yield.folio": {"es": "Tu folio", "en": "Your folio"},
    "cli.yield.clinic": {"es": "Clínica", "en": "Clinic"},
    "cli.yield.turno": {"es": "Turno", "en": "Shift"},
    "cli.yield.consultorio": {"es": "Consultorio", "en": "Consultorio"},
    "browser.launch_failed": {
        "es": "El navegador {path} no pudo arrancar: {reason}\n"
        "Revisa `autohelper doctor`, o usa otro con --browser RUTA.",
        "en": "The browser {path} would not start: {reason}\n"
        "Check `autohelper doctor`, or use another one with --browser PATH.",
    },
    "cli.trace_warning": {
        "es": "Aviso: la traza {path} guardará las páginas tal como se vean, con tus datos "
        "personales. No la compartas; bórrala cuando ya no la necesites.",
        "en": "Warning: the trace {path} will keep the pages as they look, with your personal "
        "data. Do not share it; delete it when you no longer need it.",
    },
    "mock.port_unavailable": {
        "es": "No puedo usar el puerto {port} para el simulado ({reason}). Prueba otro con "
        "--port, o --port 0 para uno libre.",
        "en": "Cannot use port {port} for the mock ({reason}). Try another with --port, or "
        "--port 0 for a free one.",
    },
    "mock.range_seconds": {
        "es": " Debe ser un número de segundos entre {low} y {high}.",
        "en": " It must be a number of seconds from {low} to {high}.",
    },
    "mock.range_int": {
        "es": " Debe ser un número entero entre {low} y {high}.",
        "en": " It must be a whole number from {low} to {high}.",
    },
    "mock.http_methods": {
        "es": " Los métodos posibles son: {methods}.",
        "en": " The possible methods are: {methods}.",
    },
    "mock.one_of": {"es": " Debe ser uno de: {choices}.", "en": " It must be one of: {choices}."},
    "mock.expected_bool": {
        "es": " Se espera true o false.",
        "en": " Expected true or false.",
    },
    "mock.expected_int": {"es": " Se espera un número entero.", "en": " Expected a whole number."},
    "mock.expected_number": {
        "es": " Se espera un número (finito).",
        "en": " Expected a (finite) number.",
    },
}
