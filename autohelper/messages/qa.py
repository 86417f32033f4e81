"""Messages of QA at scale: case files, verdicts, reports, the front of `autohelper qa`, the
drift check and remote browsers."""

from __future__ import annotations

_KINDS: dict[str, tuple[str, str]] = {
    "success": ("éxito", "success"),
    "in_person": ("trámite en oficina", "to be done in person"),
    "portal_changed": ("el portal cambió", "the portal changed"),
    "firewall": ("bloqueo del firewall, pasado a una persona", "firewall handed to a person"),
    "portal_error": ("error del portal", "the portal's error"),
    "limit_of_tries": ("detenido al límite de intentos", "stopped at the limit of tries"),
    "declined": ("no se envió nada (no confirmado)", "nothing sent (declined)"),
    "not_sent": ("no se envió nada (el portal no aceptó)", "nothing sent (not accepted)"),
    "unknown": ("envío sin respuesta", "a send whose answer never came"),
    "unavailable": ("portal no disponible", "portal unavailable"),
    "unrecognised": ("respuesta no reconocida", "an answer nobody declared"),
    "network": ("sin conexión con el portal", "could not reach the portal"),
    "origin": ("salió de los sitios permitidos", "left the allowed sites"),
    "unexpected_dialog": ("diálogo inesperado", "an unexpected dialog"),
    "step_failed": ("el paso falló (error del navegador)", "the step failed (a browser error)"),
    "expired": ("sesión vencida otra vez", "session expired again"),
    "bad_link": ("liga de correo no válida", "a bad emailed link"),
    "no_document": ("sin documento", "no document"),
    "not_loaded": ("la página no se abrió", "the page did not open"),
    "field_lost": (
        "un campo perdió lo que se escribió; no se envió nada",
        "a field lost what was typed; nothing sent",
    ),
    "page_gone": ("la página se cerró", "the page closed"),
    "interrupted": ("interrumpido", "interrupted"),
    "crashed": ("falla de autohelper", "an autohelper crash"),
}

_STEP_STATUS: dict[str, tuple[str, str]] = {
    "ok": ("ok", "ok"),
    "error": ("error", "error"),
    "skipped": ("omitido", "skipped"),
    "by_hand": ("a mano", "by hand"),
}

MESSAGES: dict[str, dict[str, str]] = {
    **{f"qa.kind.{k}": {"es": es, "en": en} for k, (es, en) in _KINDS.items()},
    **{f"qa.step_status.{k}": {"es": es, "en": en} for k, (es, en) in _STEP_STATUS.items()},
    "qa.at_step": {"es": " en el paso {step}", "en": " at step {step}"},
    "qa.yielding": {"es": " (con {names})", "en": " (yielding {names})"},
    # Verdicts.
    "qa.problem.kind": {
        "es": "se esperaba «{expected}», pero la herramienta informó «{observed}»",
        "en": "expected “{expected}”, but the tool reported “{observed}”",
    },
    "qa.problem.step": {
        "es": "se esperaba en el paso {expected}, pero se informó en el paso {observed}",
        "en": "expected at step {expected}, but it was reported at step {observed}",
    },
    "qa.problem.text": {
        "es": "el portal debía decir «{expected}», pero dijo «{observed}»",
        "en": "the portal was to say “{expected}”, but it said “{observed}”",
    },
    "qa.problem.no_yield": {
        "es": "la corrida no obtuvo «{name}»",
        "en": "the run did not yield “{name}”",
    },
    "qa.problem.bad_yield": {
        "es": "«{name}» no tiene la forma esperada ({pattern})",
        "en": "“{name}” does not have the expected shape ({pattern})",
    },
    "qa.problem.sent": {
        "es": "se esperaba que no se enviara nada, pero un envío llegó al portal",
        "en": "nothing was to be sent, but a send reached the portal",
    },
    "qa.problem.pressed": {
        "es": "se esperaba que no se presionara ningún envío, pero se presionó uno",
        "en": "no send was to be pressed, but one was",
    },
    "qa.problem.message_step": {
        "es": "el mensaje nombra el paso «{named}», pero la corrida se detuvo en «{step}»",
        "en": "the message names step “{named}”, but the run stopped at “{step}”",
    },
    "qa.problem.crash": {
        "es": "la corrida terminó con una falla de autohelper: {error}",
        "en": "the run ended in an autohelper crash: {error}",
    },
    # Reports.
    "qa.headline.step": {"es": "Paso {step}", "en": "Step {step}"},
    "qa.headline.locator": {"es": "localizador {locator}", "en": "locator {locator}"},
    "qa.headline.url": {"es": "URL {url}", "en": "URL {url}"},
    "qa.failure.expected": {"es": "Se esperaba: {text}", "en": "Expected: {text}"},
    "qa.failure.observed": {"es": "Se obtuvo:   {text}", "en": "Got:      {text}"},
    "qa.failure.message": {
        "es": "Mensaje de la herramienta:",
        "en": "The tool's message:",
    },
    "qa.failure.steps": {"es": "Pasos:", "en": "Steps:"},
    "qa.evidence.screenshot": {"es": "Captura: {path}", "en": "Screenshot: {path}"},
    "qa.evidence.trace": {
        "es": "Traza de Playwright: {path} (playwright show-trace)",
        "en": "Playwright trace: {path} (playwright show-trace)",
    },
    "qa.evidence.requests": {
        "es": "Peticiones al simulado: {path}",
        "en": "Requests to the mock: {path}",
    },
    "qa.evidence.report": {"es": "Informe del caso: {path}", "en": "Case report: {path}"},
    # Case files.
    "qa.cases_invalid": {
        "es": "{count} problema(s) en los casos de QA:\n{problems}",
        "en": "{count} problem(s) in the QA cases:\n{problems}",
    },
    "qa.no_such_cases": {
        "es": "No existe el archivo o carpeta de casos «{path}».",
        "en": "No case file or folder “{path}”.",
    },
    "qa.cases_not_yaml": {
        "es": "«{path}» no es un archivo de casos: su nombre debe terminar en .yaml o .yml.",
        "en": "“{path}” is not a case file: its name must end in .yaml or .yml.",
    },
    "qa.no_case_files": {
        "es": "La carpeta «{path}» no tiene archivos de casos (.yaml o .yml).",
        "en": "The folder “{path}” has no case files (.yaml or .yml).",
    },
    "qa.no_cases": {
        "es": "Los archivos de casos no tienen ningún caso (en «cases:»): {paths}",
        "en": "The case files have no case (under “cases:”): {paths}",
    },
    "qa.duplicate_case": {
        "es": "caso repetido '{id}' (ya definido en {where})",
        "en": "duplicate case '{id}' (already defined at {where})",
    },
    "qa.scenario_invalid": {
        "es": "el escenario '{name}' tiene {count} problema(s): revísalo con "
        "`autohelper scenarios validate`",
        "en": "scenario '{name}' has {count} problem(s): check it with "
        "`autohelper scenarios validate`",
    },
    "qa.scenario_unknown": {"es": "{detail}", "en": "{detail}"},
    "qa.bad_case_id": {
        "es": "id de caso no válido '{id}': minúsculas, dígitos, - y _",
        "en": "invalid case id '{id}': lower-case letters, digits, - and _",
    },
    "qa.one_kind": {
        "es": "se espera exactamente uno de: {kinds}",
        "en": "expected exactly one of: {kinds}",
    },
    "qa.unknown_kind": {
        "es": "comportamiento esperado desconocido '{kind}'{hint}",
        "en": "unknown expected behaviour '{kind}'{hint}",
    },
    "qa.kind_needs": {
        "es": "'{kind}' necesita '{key}'",
        "en": "'{kind}' needs '{key}'",
    },
    "qa.unknown_step": {
        "es": "el escenario no tiene el paso '{step}'{hint} (nómbralo por su id o su descripción)",
        "en": "the scenario has no step '{step}'{hint} (name it by its id or its description)",
    },
    "qa.expected_step": {
        "es": "se esperaba un paso: su número (1, 2, …), su id o su descripción; {value} no es "
        "ninguno (un id o una descripción así se escribe entre comillas)",
        "en": "expected a step: its number (1, 2, …), its id or its description; {value} is "
        "none of them (an id or a description like it is written in quotes)",
    },
    "qa.no_step_number": {
        "es": "el escenario no tiene el paso {n} (tiene {total})",
        "en": "the scenario has no step {n} (it has {total})",
    },
    "qa.unknown_yield": {
        "es": "el escenario {scenario} nunca da '{name}'{hint}; da: {known}",
        "en": "scenario {scenario} never yields '{name}'{hint}; it yields: {known}",
    },
    "qa.mock_setting_elsewhere": {
        "es": "'{key}' es un ajuste del portal simulado '{site}' ({hosts}), que el escenario "
        "{scenario} no visita: no cambiaría nada de este caso",
        "en": "'{key}' is a setting of the mock portal '{site}' ({hosts}), which scenario "
        "{scenario} never visits: it would change nothing in this case",
    },
    "qa.yields_shape": {
        "es": "se esperaba una lista de nombres o un mapeo nombre: patrón",
        "en": "expected a list of names or a mapping name: pattern",
    },
    "qa.unknown_mock_setting": {
        "es": "ajuste del simulado desconocido '{key}'{hint}",
        "en": "unknown mock setting '{key}'{hint}",
    },
    "qa.bad_mock_value": {"es": "{detail}", "en": "{detail}"},
    "qa.expected_scalar": {
        "es": "se esperaba un valor (texto, número o true/false)",
        "en": "expected a value (text, number or true/false)",
    },
    "qa.bad_profile_value": {"es": "{detail}", "en": "{detail}"},
    # A profile field or text mock setting YAML read as something else; its value is never
    # repeated (a student ID, a phone, a password).
    "qa.quote_value": {
        "es": "YAML lee este valor de {name} como {what}, no como el texto escrito: escríbelo "
        'entre comillas ({name}: "…")',
        "en": "YAML reads this {name} value as {what}, not as the text written: write it in "
        'quotes ({name}: "…")',
    },
    "qa.read_as.number": {"es": "un número", "en": "a number"},
    "qa.read_as.bool": {"es": "sí/no (true/false)", "en": "yes/no (true/false)"},
    "qa.read_as.date": {"es": "una fecha", "en": "a date"},
    "qa.unknown_secret": {
        "es": "el escenario no usa el secreto '{name}'{hint}",
        "en": "the scenario uses no secret '{name}'{hint}",
    },
    "qa.secret_needs_value": {
        "es": "'{name}' necesita al menos un valor: el primero es con el que empieza la corrida",
        "en": "'{name}' needs at least one value: the first is the one the run starts with",
    },
    "qa.bad_choice": {
        "es": "una elección es un número o un texto",
        "en": "a choice is a number or a text",
    },
    "qa.bad_against": {
        "es": "'{value}' no es fixtures, mirror, any ni la URL de un espejo{hint}",
        "en": "'{value}' is not fixtures, mirror, any nor a mirror's URL{hint}",
    },
    "qa.mock_needs_fixtures": {
        "es": "un caso con ajustes del simulado (mock:) solo corre con --against fixtures",
        "en": "a case with mock settings (mock:) only runs with --against fixtures",
    },
    "qa.bad_tag": {
        "es": "etiqueta no válida '{tag}': empieza con una letra minúscula, y luego "
        "minúsculas, dígitos y _ (hasta 40)",
        "en": "invalid tag '{tag}': it starts with a lower-case letter, then lower-case "
        "letters, digits and _ (up to 40)",
    },
    "qa.junit_too_deep": {
        "es": "El JUnit «{path}» anida sus elementos a más de {limit} niveles; un informe tiene "
        "unos pocos (suites, suite, caso, fallo): no es uno que pueda juntar.",
        "en": "The JUnit file “{path}” nests its elements more than {limit} levels deep; a "
        "report has a few (suites, suite, case, failure): it is not one I can merge.",
    },
    "qa.reserved_tag": {
        "es": "la etiqueta '{tag}' es una marca de pytest que cambiaría cómo corre el caso "
        "(xfail lo daría por omitido aunque falle); elige otra",
        "en": "the tag '{tag}' is a pytest mark that would change how the case runs (xfail "
        "would count it as skipped even when it fails); choose another",
    },
    "qa.bad_shard": {
        "es": "{option} espera i/n con 1 ≤ i ≤ n (p. ej. 2/3); recibí «{value}».",
        "en": "{option} expects i/n with 1 ≤ i ≤ n (e.g. 2/3); got “{value}”.",
    },
    # `qa --shard`'s value, after Click's "Invalid value for '--shard': " (a usage error).
    "qa.shard_value": {
        "es": "se espera i/n con 1 ≤ i ≤ n (p. ej. 2/3); recibí «{value}».",
        "en": "expected i/n with 1 ≤ i ≤ n (e.g. 2/3); got “{value}”.",
    },
    "qa.skip_target": {
        "es": "el caso corre solo contra {against}",
        "en": "the case only runs against {against}",
    },
    # The targets in words (a case's `against`, what `check` walked): never the file's keyword.
    "qa.target.fixtures": {"es": "el portal simulado", "en": "the mock portal"},
    "qa.target.mirror": {"es": "el espejo", "en": "the mirror"},
    "qa.target.live": {"es": "el portal real", "en": "the live portal"},
    "qa.target.url": {"es": "el espejo {url}", "en": "the mirror {url}"},
    # What `qa` refuses before any case runs, and the reports it could not write.
    "qa.same_report": {
        "es": "--junit y --html nombran el mismo archivo «{path}»: un informe borraría al "
        "otro. Da un archivo distinto a cada uno.",
        "en": "--junit and --html name the same file “{path}”: one report would overwrite "
        "the other. Give each its own file.",
    },
    "qa.report_is_input": {
        "es": "{option} «{path}» es {what}: el informe lo borraría. Da otro archivo para el "
        "informe.",
        "en": "{option} “{path}” is {what}: the report would overwrite it. Give the report "
        "another file.",
    },
    "qa.input.cases": {
        "es": "un archivo de casos de esta corrida",
        "en": "a case file of this run",
    },
    "qa.input.scenario": {"es": "el archivo del escenario {id}", "en": "the file of scenario {id}"},
    "qa.input.profile": {"es": "el perfil de esta corrida", "en": "the profile of this run"},
    "qa.input.junit": {"es": "uno de los archivos a unir", "en": "one of the files to merge"},
    "qa.case_path_unsafe": {
        "es": "pytest no puede correr el archivo de casos «{path}»: su ruta lleva «{part}», que "
        "pytest lee como la selección de una prueba. Cámbiale el nombre al archivo o a su "
        "carpeta.",
        "en": "pytest cannot run the case file “{path}”: its path holds “{part}”, which pytest "
        "reads as a test selection. Rename the file or its folder.",
    },
    "qa.artifacts_unwritable": {
        "es": "No puedo guardar la evidencia en «{path}» (la carpeta de omisión, test-results/qa "
        "bajo la carpeta actual): {reason}. Indica otra carpeta con --artifacts.",
        "en": "Cannot keep the evidence in “{path}” (the default folder, test-results/qa under "
        "the current folder): {reason}. Name another folder with --artifacts.",
    },
    "qa.case_folder_outside": {
        "es": "La carpeta de evidencia del caso {case} quedaría fuera de --artifacts "
        "«{artifacts}» ({folder}): no la uso ni borro nada ahí.",
        "en": "The evidence folder of case {case} would be outside --artifacts “{artifacts}” "
        "({folder}): I neither use it nor delete anything there.",
    },
    "qa.html_unwritable": {
        "es": "No pude escribir el informe HTML «{path}»: {reason}",
        "en": "Could not write the HTML report “{path}”: {reason}",
    },
    "qa.empty_path": {
        "es": "la ruta está vacía: indica una carpeta (. para la actual)",
        "en": "the path is empty: name a folder (. for the current one)",
    },
    "qa.broken_case_link": {
        "es": "{path} es un enlace a un archivo que no existe: no sé qué casos tenía. Arréglalo "
        "o bórralo.",
        "en": "{path} is a link to a file that does not exist: I cannot tell what cases it held. "
        "Fix it or delete it.",
    },
    "qa.empty_cases": {
        "es": "la ruta está vacía: indica un archivo o una carpeta de casos (. para la actual)",
        "en": "the path is empty: name a case file or folder (. for the current one)",
    },
    "qa.scenario_is_folder": {
        "es": "«{path}» es una carpeta, no un archivo de escenario",
        "en": "“{path}” is a folder, not a scenario file",
    },
    # pytest-html.
    "qa.html.title": {"es": "Casos de QA de autohelper", "en": "autohelper QA cases"},
    "qa.html.screenshot": {"es": "Captura", "en": "Screenshot"},
    "qa.html.expected": {"es": "Esperado", "en": "Expected"},
    "qa.html.observed": {"es": "Obtenido", "en": "Got"},
    # pytest-html's own words (its page is English only), said in the report's language.
    "qa.html.summary": {"es": "Resumen", "en": "Summary"},
    "qa.html.environment": {"es": "Entorno", "en": "Environment"},
    "qa.html.filter": {
        "es": "Marca o desmarca las casillas para filtrar los resultados.",
        "en": "(Un)check the boxes to filter the results.",
    },
    "qa.html.running": {"es": "Aún hay casos en curso. ", "en": "There are still tests running. "},
    "qa.html.reload": {
        "es": "¡Recarga esta página para ver los últimos resultados!",
        "en": "Reload this page to get the latest results!",
    },
    "qa.html.show_all": {"es": "Mostrar todos los detalles", "en": "Show all details"},
    "qa.html.hide_all": {"es": "Ocultar todos los detalles", "en": "Hide all details"},
    "qa.html.no_results": {
        "es": "Ningún resultado. Revisa los filtros.",
        "en": "No results found. Check the filters.",
    },
    "qa.html.generated": {
        "es": "Informe generado el {date} a las {time} por ",
        "en": "Report generated on {date} at {time} by ",
    },
    "qa.html.took": {
        "es": "{count} caso(s) en {duration}.",
        "en": "{count} test(s) took {duration}.",
    },
    "qa.html.done": {"es": "{count} caso(s) hechos.", "en": "{count} test(s) done."},
    "qa.html.no_log": {"es": "No se capturó ningún registro.", "en": "No log output captured."},
    # Keys of the environment's JSON, quotes and colon included (as they stand in the page).
    "qa.html.env.platform": {"es": '"Plataforma":', "en": '"Platform":'},
    "qa.html.env.packages": {"es": '"Paquetes":', "en": '"Packages":'},
    "qa.html.env.plugins": {"es": '"Complementos":', "en": '"Plugins":'},
    "qa.html.col.result": {"es": "Resultado", "en": "Result"},
    "qa.html.col.test": {"es": "Caso", "en": "Test"},
    "qa.html.col.duration": {"es": "Duración", "en": "Duration"},
    "qa.html.col.links": {"es": "Enlaces", "en": "Links"},
    "qa.html.outcome.failed": {"es": "Fallidos", "en": "Failed"},
    "qa.html.outcome.passed": {"es": "Correctos", "en": "Passed"},
    "qa.html.outcome.skipped": {"es": "Omitidos", "en": "Skipped"},
    "qa.html.outcome.xfailed": {"es": "Fallos esperados", "en": "Expected failures"},
    "qa.html.outcome.xpassed": {"es": "Aciertos inesperados", "en": "Unexpected passes"},
    "qa.html.outcome.error": {"es": "Errores", "en": "Errors"},
    "qa.html.outcome.rerun": {"es": "Repetidos", "en": "Reruns"},
    "qa.html.outcome.retried": {"es": "Reintentados", "en": "Retried"},
    "qa.html.result.passed": {"es": "Correcto", "en": "Passed"},
    "qa.html.result.failed": {"es": "Fallido", "en": "Failed"},
    "qa.html.result.skipped": {"es": "Omitido", "en": "Skipped"},
    "qa.html.result.error": {"es": "Error", "en": "Error"},
    "qa.html.result.xfailed": {"es": "Fallo esperado", "en": "XFailed"},
    "qa.html.result.xpassed": {"es": "Acierto inesperado", "en": "XPassed"},
    "qa.html.result.rerun": {"es": "Repetido", "en": "Rerun"},
    # The front of `autohelper qa`.
    "qa.front.passed": {"es": "✔ {case}: {observed}", "en": "✔ {case}: {observed}"},
    "qa.front.failed": {
        "es": "✘ {case}: no se comportó como se esperaba",
        "en": "✘ {case}: did not behave as expected",
    },
    # The end of a failure's JUnit `message` when it is too long for it.
    "qa.junit.more_line": {
        "es": "[1 línea más; el informe completo está en el texto del elemento]",
        "en": "[+1 more line; full report in element text]",
    },
    "qa.junit.more_lines": {
        "es": "[{count} líneas más; el informe completo está en el texto del elemento]",
        "en": "[+{count} more lines; full report in element text]",
    },
    "qa.junit.cut": {
        "es": "[recortado; el informe completo está en el texto del elemento]",
        "en": "[truncated; full report in element text]",
    },
    "qa.front.skipped": {
        "es": "– {case}: omitido ({reason})",
        "en": "– {case}: skipped ({reason})",
    },
    "qa.front.collect_failed": {
        "es": "✘ {path}: no pude leer los casos:\n{detail}",
        "en": "✘ {path}: could not read the cases:\n{detail}",
    },
    "qa.front.summary": {
        "es": "{total} caso(s): {passed} como se esperaba, {failed} no, {skipped} omitido(s).",
        "en": "{total} case(s): {passed} as expected, {failed} not, {skipped} skipped.",
    },
    "qa.front.junit": {"es": "JUnit: {path}", "en": "JUnit: {path}"},
    "qa.front.html": {"es": "Informe HTML: {path}", "en": "HTML report: {path}"},
    "qa.front.evidence": {
        "es": "Evidencia de los casos fallidos: {path}",
        "en": "Evidence of the failed cases: {path}",
    },
    # Remote browsers.
    "browser.remote_failed": {
        "es": "No pude usar el navegador remoto {endpoint}: {reason}",
        "en": "Could not use the remote browser {endpoint}: {reason}",
    },
    "browser.connect_and_cdp": {
        "es": "Usa --connect o --cdp, no los dos.",
        "en": "Use --connect or --cdp, not both.",
    },
    "browser.bad_connect": {
        "es": "--connect espera la dirección ws://… (o wss://…) de un servidor de Playwright; "
        "recibí «{value}».",
        "en": "--connect expects the ws://… (or wss://…) address of a Playwright server; "
        "got “{value}”.",
    },
    "browser.bad_cdp": {
        "es": "--cdp espera la dirección http://… o ws://… de las DevTools de un Chromium; "
        "recibí «{value}».",
        "en": "--cdp expects the http://… or ws://… address of a Chromium's DevTools; "
        "got “{value}”.",
    },
    # The front's choices.
    "qa.no_cases_for": {
        "es": "No hay casos de QA para el escenario '{scenario}'{hint}. Tienen casos: "
        "{covered}. Para una sola corrida del escenario: autohelper qa {scenario} --single",
        "en": "No QA cases for scenario '{scenario}'{hint}. Scenarios with cases: {covered}. "
        "For one run of the scenario: autohelper qa {scenario} --single",
    },
    "qa.one_run_needs_scenario": {
        "es": "--single, --mock, --decline y --timeout son para una corrida de un escenario: "
        "di cuál (por ejemplo: autohelper qa imss-nss --single). Los disponibles: "
        "autohelper scenarios list.",
        "en": "--single, --mock, --decline and --timeout are for one run of one scenario: "
        "name it (for example: autohelper qa imss-nss --single). The ones available: "
        "autohelper scenarios list.",
    },
    "qa.one_run_only": {
        "es": "--single, --mock, --decline y --timeout son para una sola corrida de un "
        "escenario; no van con varios escenarios, --all, --workers, --junit, --html, --shard "
        "ni --cases.",
        "en": "--single, --mock, --decline and --timeout are for one run of one scenario; they "
        "do not go with several scenarios, --all, --workers, --junit, --html, --shard or "
        "--cases.",
    },
    "qa.needs_extra": {
        "es": "Para correr casos de QA falta {module}: instala autohelper con sus extras de QA "
        "(pip install 'autohelper[qa]').",
        "en": "Running QA cases needs {module}: install autohelper with its QA extras "
        "(pip install 'autohelper[qa]').",
    },
    "qa.junit_unreadable": {
        "es": "No pude leer el JUnit «{path}»: {reason}",
        "en": "Could not read the JUnit file “{path}”: {reason}",
    },
    "qa.junit_bad_xml": {
        "es": "El JUnit «{path}» no es XML válido en la línea {line}, columna {column}: {what}.",
        "en": "The JUnit file “{path}” is not valid XML at line {line}, column {column}: {what}.",
    },
    "qa.junit_not_utf8": {
        "es": "El JUnit «{path}» no está en UTF-8: el byte {byte} (byte {offset} del archivo, "
        "línea {line}, columna {column}) no es UTF-8 válido (¿se guardó como Latin-1?); "
        "guárdalo como UTF-8.",
        "en": "The JUnit file “{path}” is not UTF-8: byte {byte} (byte {offset} of the file, "
        "line {line}, column {column}) is not valid UTF-8 (saved as Latin-1?); save it as "
        "UTF-8.",
    },
    "qa.junit_doctype": {
        "es": "El JUnit «{path}» trae en la línea {line} un DOCTYPE que declara entidades o "
        "un DTD: no acepto DOCTYPE ni entidades en un JUnit (ningún informe los lleva); "
        "quítalo.",
        "en": "The JUnit file “{path}” has, on line {line}, a DOCTYPE declaring entities or "
        "a DTD: I accept no DOCTYPE nor entities in a JUnit file (no report has them); "
        "remove it.",
    },
    "qa.xml.no_elements": {
        "es": "el archivo está vacío o no tiene ningún elemento",
        "en": "the file is empty or holds no element",
    },
    "qa.xml.invalid_token": {
        "es": "hay un carácter que no puede ir ahí",
        "en": "there is a character that cannot go there",
    },
    "qa.xml.unclosed_token": {
        "es": "el archivo se acaba con una etiqueta sin cerrar (¿está cortado?)",
        "en": "the file ends inside a tag that is not closed (is it cut short?)",
    },
    "qa.xml.tag_mismatch": {
        "es": "la etiqueta que cierra no es la que se abrió",
        "en": "the closing tag is not the one that was opened",
    },
    "qa.xml.junk_after": {
        "es": "hay algo más después del elemento principal (¿dos archivos pegados?)",
        "en": "something follows the main element (two files stuck together?)",
    },
    "qa.xml.undefined_entity": {
        "es": "una entidad «&…;» que XML no conoce",
        "en": "an “&…;” entity XML does not know",
    },
    "qa.xml.duplicate_attribute": {
        "es": "un atributo aparece dos veces en la misma etiqueta",
        "en": "an attribute appears twice in the same tag",
    },
    "qa.xml.encoding": {
        "es": "el texto no está en la codificación que declara (¿no es UTF-8?)",
        "en": "the text is not in the encoding it declares (not UTF-8?)",
    },
    "qa.xml.syntax": {
        "es": "la sintaxis de XML no es correcta",
        "en": "the XML syntax is wrong",
    },
    "qa.xml.other": {
        "es": "XML mal formado",
        "en": "malformed XML",
    },
    "qa.junit_not_junit": {
        "es": "«{path}» no es un JUnit: su elemento principal es <{tag}>, no <testsuites> ni "
        "<testsuite>.",
        "en": "“{path}” is not a JUnit file: its main element is <{tag}>, not <testsuites> or "
        "<testsuite>.",
    },
    "qa.junit_bad_count": {
        "es": 'El JUnit «{path}», suite «{suite}»: {attribute}="{value}" no es un número '
        "entero de 0 o más.",
        "en": 'The JUnit file “{path}”, suite “{suite}”: {attribute}="{value}" is not a '
        "whole number of 0 or more.",
    },
    "qa.junit_bad_time": {
        "es": 'El JUnit «{path}», suite «{suite}»: {attribute}="{value}" no es un número '
        "de segundos (0 o más).",
        "en": 'The JUnit file “{path}”, suite “{suite}”: {attribute}="{value}" is not a '
        "number of seconds (0 or more).",
    },
    "qa.junit_bad_too_big": {
        "es": 'El JUnit «{path}», suite «{suite}»: {attribute}="{value}" es demasiado grande '
        "(a lo más {highest}).",
        "en": 'The JUnit file “{path}”, suite “{suite}”: {attribute}="{value}" is too big '
        "(at most {highest}).",
    },
    "qa.junit_unknown_encoding": {
        "es": "El JUnit «{path}» declara la codificación «{encoding}», que no sé leer: "
        "guárdalo en UTF-8.",
        "en": "The JUnit file “{path}” declares the encoding “{encoding}”, which I cannot "
        "read: save it as UTF-8.",
    },
    "qa.junit_unwritable": {
        "es": "No pude escribir el JUnit «{path}»: {reason}",
        "en": "Could not write the JUnit file “{path}”: {reason}",
    },
    "qa.junit_duplicate": {
        "es": "El caso {case} aparece en {first} y en {second}: los fragmentos se traslapan.",
        "en": "Case {case} is in both {first} and {second}: the shards overlap.",
    },
    "qa.junit_merged": {
        "es": "{path}: {tests} caso(s), {failures} fallido(s), {errors} con error, "
        "{skipped} omitido(s).",
        "en": "{path}: {tests} case(s), {failures} failed, {errors} errors, {skipped} skipped.",
    },
    # autohelper check.
    "check.no_scenario": {
        "es": "Nombra uno o más escenarios, o usa --all.",
        "en": "Name one or more scenarios, or use --all.",
    },
    "check.walk": {
        "es": "{scenario} (contra {target}):",
        "en": "{scenario} (against {target}):",
    },
    "check.status.ok": {"es": "", "en": ""},
    "check.status.changed": {"es": " — CAMBIÓ", "en": " — CHANGED"},
    "check.status.absent": {
        "es": " — no apareció (paso opcional)",
        "en": " — did not appear (optional step)",
    },
    "check.status.not_checked": {
        "es": " — no se revisa sin escribir ni enviar",
        "en": " — not checked without typing or sending",
    },
    "check.status.unreachable": {"es": " — no pude llegar", "en": " — could not reach"},
    "check.beyond": {
        "es": "no se revisa: va en la página que abre el paso {step} (la revisión no escribe "
        "ni envía nada para llegar ahí)",
        "en": "not checked: it is on the page step {step} opens (the walk types and sends "
        "nothing to get there)",
    },
    "check.locator": {"es": "no encontré {locator}", "en": "could not find {locator}"},
    "check.url": {"es": "página: {url}", "en": "page: {url}"},
    "check.offers": {
        "es": "la página ofrece en su lugar: {offers}",
        "en": "the page offers instead: {offers}",
    },
    "check.new_required": {
        "es": "campo obligatorio nuevo que el escenario no llena: {field}",
        "en": "a new required field the scenario does not fill: {field}",
    },
    "check.verdict.ok": {
        "es": "Sin cambios: el portal coincide con el escenario.",
        "en": "No change: the portal matches the scenario.",
    },
    "check.verdict.changed": {
        "es": "El portal cambió: el escenario necesita actualizarse.",
        "en": "The portal changed: the scenario needs updating.",
    },
    "check.verdict.partial": {
        "es": "Sin cambios en lo que se puede ver sin enviar nada, hasta el paso {step}; lo que "
        "sigue ({rest}) no se revisó: va tras un envío o un inicio de sesión que la revisión no "
        "hace.",
        "en": "No change in what can be seen without sending anything, up to step {step}; what "
        "follows ({rest}) was not checked: it comes after a send or a sign-in the walk does not "
        "make.",
    },
    "check.step_one": {"es": "paso {step}", "en": "step {step}"},
    "check.step_range": {"es": "pasos {first} a {last}", "en": "steps {first} to {last}"},
    "check.form_steps": {"es": " (formulario: {steps})", "en": " (form: {steps})"},
    "check.verdict.unreachable": {
        "es": "No pude llegar al portal: no se sabe si cambió.",
        "en": "Could not reach the portal: whether it changed is unknown.",
    },
}
