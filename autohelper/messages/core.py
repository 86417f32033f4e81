"""Messages of the CLI and the shared layers."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.generic": {"es": "Algo salió mal.", "en": "Something went wrong."},
    "core.error_prefix": {"es": "Error: {message}", "en": "Error: {message}"},
    "core.interrupted": {
        "es": "Cancelado. Desde aquí no se envió nada.",
        "en": "Cancelled. Nothing was sent from here on.",
    },
    "core.input_ended": {
        "es": "Cancelado: la entrada terminó sin tu respuesta; desde aquí no se envió nada.",
        "en": "Cancelled: the input ended without your answer; nothing was sent from here on.",
    },
    "core.crash": {
        "es": "autohelper falló de forma inesperada (es un error nuestro, no tuyo). "
        "Detalles para reportarlo: {log}",
        "en": "autohelper failed unexpectedly (our bug, not yours). Details to report it: {log}",
    },
    "core.output_failed": {
        "es": "No pude escribir la salida: {reason}.",
        "en": "Could not write the output: {reason}.",
    },
    "cli.version": {"es": "autohelper, versión {version}", "en": "autohelper, version {version}"},
    "cli.lang_goes_first": {
        "es": "--lang va antes del comando, así: {example}",
        "en": "--lang goes before the command, like this: {example}",
    },
    "cli.number_type.whole": {"es": "número entero", "en": "whole number"},
    "cli.number_type.any": {"es": "número", "en": "number"},
    "cli.lang_unknown": {
        "es": "--lang {value}: no conozco ese idioma; usa uno de estos: {known}.",
        "en": "--lang {value}: unknown language; use one of these: {known}.",
    },
    "cli.lang_env_unknown": {
        "es": "AUTOHELPER_LANG={value}: no conozco ese idioma (hay: {known}); sigo en español.",
        "en": "AUTOHELPER_LANG={value}: unknown language (there are: {known}); going on in "
        "Spanish.",
    },
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
    "cli.demo_unattended_mirror": {
        "es": "Corrida sin nadie en el teclado: el CAPTCHA y la confirmación los responde el "
        "oráculo del espejo (solo es posible en un espejo o el simulado; con el portal real "
        "siempre lo haces tú).",
        "en": "A run with nobody at the keyboard: the mirror's oracle answers the CAPTCHA and the "
        "confirmation (only possible on a mirror or the mock; on the real portal you always do "
        "it).",
    },
    "cli.save_field": {
        "es": "¿Guardo «{field}» en tu perfil?",
        "en": "Save “{field}” in your profile?",
    },
    "cli.profile_saved": {
        "es": "Guardado en tu perfil, {path} (para verlo completo: autohelper profile show "
        "--reveal{suffix})",
        "en": "Saved in your profile, {path} (to see it in full: autohelper profile show "
        "--reveal{suffix})",
    },
    "cli.save_input_ended": {
        "es": "La entrada terminó sin tu respuesta: no guardé en tu perfil {fields}.",
        "en": "The input ended without your answer: {fields} not saved in your profile.",
    },
    "cli.not_saved_mock": {
        "es": "Estos datos ({fields}) los inventó el portal simulado: no los guardé en tu perfil.",
        "en": "These values ({fields}) were made up by the mock portal: they were not saved in "
        "your profile.",
    },
    "cli.not_saved_mirror": {
        "es": "Estos datos ({fields}) vienen del espejo {url}, no del portal real: no los guardé "
        "en tu perfil.",
        "en": "These values ({fields}) come from the mirror {url}, not the real portal: they "
        "were not saved in your profile.",
    },
    # {name}: a secret as the scenario labels it ("tu contraseña del CIA"), else
    # `human.secret_name`. The wording takes no gender: a label may be either.
    "human.secret_name": {"es": "«{name}»", "en": "“{name}”"},
    "cli.secret_prompt": {
        "es": "Escribe {name} (no se guarda ni se muestra)",
        "en": "Type {name} (it is neither stored nor shown)",
    },
    "cli.secret_no_terminal": {
        "es": "Hace falta {name} (un dato secreto) y la entrada no es una terminal: no puedo "
        "pedirte ese dato sin que se vea. Ponlo en la variable de entorno {env} y vuelve a "
        "correr el comando.",
        "en": "The secret {name} is needed and the input is not a terminal: I cannot ask for "
        "it without it showing. Set it in the environment variable {env} and run the command "
        "again.",
    },
    "cli.scenario_ok": {"es": "✔ {id} ({path})", "en": "✔ {id} ({path})"},
    "cli.mock_serving": {
        "es": "Portal simulado en {base} (úsalo con --against {base}). Empieza en {url} "
        "(Ctrl-C para terminar).",
        "en": "Mock portal at {base} (use it with --against {base}). Start at {url} "
        "(Ctrl-C to stop).",
    },
    "cli.mock_stopped": {
        "es": "Portal simulado detenido.",
        "en": "Mock portal stopped.",
    },
    "session.secret_missing": {
        "es": "Falta {name} (un dato secreto): escribe ese dato cuando se te pida o ponlo en "
        "la variable de entorno {env}.",
        "en": "Missing: {name} (a secret); type it when asked or set the environment variable "
        "{env}.",
    },
    "session.secret_unattended": {
        "es": "Falta {name} (un dato secreto): nadie lo escribe en esta corrida, así que ponlo "
        "en la variable de entorno {env}.",
        "en": "Missing: {name} (a secret); no one types it in this run, so set the environment "
        "variable {env}.",
    },
    "session.already_done": {
        "es": "Ya hiciste «{title}» el {date}{folio}. No lo repito, para no enviar una segunda "
        "solicitud (`autohelper status{suffix}` te dice qué sigue). Si de verdad necesitas "
        "hacerlo otra vez, usa --again.",
        "en": "You already did “{title}” on {date}{folio}. I will not repeat it, so as not to "
        "send a second request (`autohelper status{suffix}` tells you what comes next). If you "
        "really need to do it again, use --again.",
    },
    "session.possibly_done": {
        "es": "La última vez que corriste «{title}» ({date}, {time}) se envió «{step}» y el "
        "portal no respondió a tiempo: puede que sí haya llegado. Antes de enviarla otra vez, "
        "revisa en el portal si ya quedó registrada. Si no quedó: autohelper run {scenario} "
        "--again{suffix} (`autohelper status{suffix}` te dice dónde estás).",
        "en": "The last time you ran “{title}” ({date}, {time}), “{step}” was sent and the "
        "portal did not answer in time: it may have gone through. Before sending it again, "
        "check on the portal whether it was recorded. If it was not: autohelper run {scenario} "
        "--again{suffix} (`autohelper status{suffix}` tells you where you stand).",
    },
    "session.already_marked": {
        "es": "Marcaste «{title}» como hecho el {date} (con `autohelper done {step}`). No lo "
        "repito, para no enviar una segunda solicitud (`autohelper status{suffix}` te dice qué "
        "sigue). Si lo marcaste por error, quita la marca con `autohelper undo {step}{suffix}`; "
        "si de verdad necesitas hacerlo otra vez, usa --again.",
        "en": "You marked “{title}” as done on {date} (with `autohelper done {step}`). I will "
        "not repeat it, so as not to send a second request (`autohelper status{suffix}` tells "
        "you what comes next). If you marked it by mistake, take the mark back with "
        "`autohelper undo {step}{suffix}`; if you really need to do it again, use --again.",
    },
    "session.with_folio": {"es": " con el folio {folio}", "en": " with folio {folio}"},
    "session.qa_live": {
        "es": "El modo QA no corre contra los portales reales: usa --against fixtures o "
        "--against URL de un espejo.",
        "en": "QA mode never runs against the live portals: use --against fixtures or "
        "--against a mirror URL.",
    },
    "session.mock_needs_fixtures": {
        "es": "--mock cambia el simulado incluido: solo va con --against fixtures.",
        "en": "--mock changes the bundled mock: it only goes with --against fixtures.",
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
    "doctor.shell_yes": {
        "es": "Para el simulado y los espejos, sin ventana: el headless shell de Chromium, {path} "
        "(más ligero).",
        "en": "For the mock and mirrors, hidden: Chromium's headless shell, {path} (lighter).",
    },
    "doctor.shell_no": {
        "es": "Sin el headless shell de Chromium: el simulado y los espejos usan el navegador de "
        "arriba (instálalo con `apt-get install chromium-headless-shell` para QA más rápido).",
        "en": "No Chromium headless shell: the mock and mirrors use the browser above (install "
        "it with `apt-get install chromium-headless-shell` for faster QA).",
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
    "cli.document_input_ended": {
        "es": "La entrada terminó sin tu respuesta: no guardé una copia de {file}.",
        "en": "The input ended without your answer: no copy of {file} was kept.",
    },
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
    "browser.reason.closed": {
        "es": "se cerró en cuanto arrancó: no parece un Chromium que Playwright pueda manejar "
        "(con -vv verás el detalle)",
        "en": "it closed as soon as it started: it does not look like a Chromium Playwright can "
        "drive (-vv shows the details)",
    },
    "browser.reason.remote_other": {
        "es": "no respondió como un navegador de Playwright o de DevTools (con -vv verás el "
        "detalle)",
        "en": "it did not answer as a Playwright or DevTools browser (-vv shows the details)",
    },
    "browser.reason.http_status": {
        "es": "respondió HTTP {status}, no como un navegador: ¿es la dirección de un servidor "
        "de Playwright (--connect) o de DevTools (--cdp)?",
        "en": "it answered HTTP {status}, not as a browser: is it the address of a Playwright "
        "server (--connect) or of DevTools (--cdp)?",
    },
    "cli.trace_warning": {
        "es": "Aviso: la traza {path} guardará las páginas tal como se vean, con tus datos "
        "personales. No la compartas; bórrala cuando ya no la necesites.",
        "en": "Warning: the trace {path} will keep the pages as they look, with your personal "
        "data. Do not share it; delete it when you no longer need it.",
    },
    # Why the system refused (errors.os_reason), to be held by another message.
    "os.not_found": {"es": "no existe", "en": "it does not exist"},
    "os.no_permission": {"es": "no tienes permiso", "en": "you do not have permission"},
    "os.symlink_loop": {
        "es": "la ruta da vueltas entre enlaces simbólicos (un enlace lleva a otro que regresa "
        "a él)",
        "en": "the path loops through symbolic links (a link leads to another that leads back "
        "to it)",
    },
    "os.name_too_long": {
        "es": "el nombre es demasiado largo para el sistema",
        "en": "the name is too long for the system",
    },
    "os.is_directory": {"es": "es una carpeta, no un archivo", "en": "it is a folder, not a file"},
    "os.not_a_folder": {
        "es": "una parte de la ruta es un archivo, no una carpeta",
        "en": "part of the path is a file, not a folder",
    },
    "os.read_only": {"es": "el disco es de solo lectura", "en": "the disk is read-only"},
    "os.disk_full": {
        "es": "no queda espacio en el disco",
        "en": "there is no space left on the disk",
    },
    "os.exists": {"es": "ya existe", "en": "it already exists"},
    "os.busy": {"es": "otro programa lo está usando", "en": "another program is using it"},
    "os.io_error": {
        "es": "el disco falló al leer o escribir (¿un disco o una memoria USB dañados?)",
        "en": "the disk failed to read or write (a damaged disk or USB stick?)",
    },
    "os.too_many_open": {
        "es": "hay demasiados archivos abiertos; cierra otros programas",
        "en": "too many files are open; close other programs",
    },
    "os.not_executable": {
        "es": "no es un programa que se pueda ejecutar",
        "en": "it is not a program that can be run",
    },
    "os.address_in_use": {
        "es": "otro programa ya lo está usando",
        "en": "another program is already using it",
    },
    "os.address_not_here": {
        "es": "esa dirección no es de esta computadora",
        "en": "that address is not this computer's",
    },
    "os.connection_refused": {
        "es": "rechazó la conexión (¿no está corriendo?)",
        "en": "it refused the connection (is it not running?)",
    },
    "os.connection_reset": {
        "es": "cortó la conexión a la mitad",
        "en": "it cut the connection halfway",
    },
    "os.timed_out": {"es": "no respondió a tiempo", "en": "it did not answer in time"},
    "os.unreachable": {"es": "la red no lo alcanza", "en": "the network does not reach it"},
    "os.unknown_host": {
        "es": "no existe un servidor con ese nombre",
        "en": "there is no server by that name",
    },
    "os.other": {
        "es": "el sistema lo impidió (error {code}: {detail})",
        "en": "the system prevented it (error {code}: {detail})",
    },
    "os.unknown": {
        "es": "falló por una razón que no reconozco (con -vv verás el detalle)",
        "en": "it failed for a reason I do not recognise (-vv shows the details)",
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
    "mock.drift_pages": {
        "es": " «{part}» no está en el nombre de ninguna página que cambia: {pages}.",
        "en": " “{part}” is in the name of no page that drifts: {pages}.",
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
    "mock.expected_words": {
        "es": " Se espera una lista de textos.",
        "en": " Expected a list of texts.",
    },
    "mock.expected_text": {"es": " Se espera un texto.", "en": " Expected a text."},
    "mock.control_not_object": {
        "es": "El cuerpo de /__mock__/config debe ser un objeto JSON de ajustes y sus valores.",
        "en": "The body of /__mock__/config must be a JSON object of settings and their values.",
    },
    "mock.control_unknown": {
        "es": "Ajuste del simulado desconocido: «{name}». Los posibles son: {known}.",
        "en": "Unknown mock setting: “{name}”. The possible ones are: {known}.",
    },
    "mock.control_bad_value": {
        "es": "Valor no válido para el ajuste del simulado «{name}».{reason}",
        "en": "Invalid value for the mock setting “{name}”.{reason}",
    },
    "journal.damaged": {
        "es": "El diario {path} está dañado o no es un diario de autohelper (no es una base de "
        "datos SQLite que pueda leer). Para apartarlo sin borrarlo y empezar uno nuevo: "
        "autohelper journal repair",
        "en": "The journal {path} is damaged or is not an autohelper journal (not an SQLite "
        "database I can read). To set it aside without deleting it and start a new one: "
        "autohelper journal repair",
    },
    "journal.busy": {
        "es": "El diario {path} está en uso por otra corrida de autohelper (u otro programa); "
        "espera a que termine y vuelve a intentarlo (el diario no está dañado).",
        "en": "The journal {path} is in use by another autohelper run (or another program); "
        "wait for it to finish and try again (the journal is not damaged).",
    },
    "journal.is_directory": {
        "es": "{path} es una carpeta, no el archivo del diario. Para apartarla sin borrar nada y "
        "empezar un diario nuevo: autohelper journal repair (o muévela tú: mv {path} "
        "{path}.aparte)",
        "en": "{path} is a folder, not the journal file. To set it aside without deleting "
        "anything and start a new journal: autohelper journal repair (or move it yourself: mv "
        "{path} {path}.aside)",
    },
    "journal.not_regular": {
        "es": "{path} no es un archivo normal sino un dispositivo, una tubería o un socket: no "
        "es el archivo del diario. Para apartarlo sin borrar nada y empezar un diario nuevo: "
        "autohelper journal repair (o muévelo tú: mv {path} {path}.aparte)",
        "en": "{path} is not a regular file but a device, a pipe or a socket: it is not the "
        "journal file. To set it aside without deleting anything and start a new journal: "
        "autohelper journal repair (or move it yourself: mv {path} {path}.aside)",
    },
    "journal.unreadable": {
        "es": "No puedo abrir el diario {path}: {reason}. Si es tuyo, dale permisos de lectura "
        "(chmod 600 {path}); si no, apártalo sin borrarlo con: autohelper journal repair",
        "en": "Cannot open the journal {path}: {reason}. If it is yours, make it readable "
        "(chmod 600 {path}); otherwise set it aside without deleting it: autohelper journal "
        "repair",
    },
    "journal.read_only": {
        "es": "No puedo escribir en el diario {path}: el disco es de solo lectura. Usa otra "
        "carpeta para el diario con AUTOHELPER_DATA_DIR=/otra/carpeta, o vuelve a montar el "
        "disco con escritura.",
        "en": "Cannot write to the journal {path}: the disk is read-only. Use another folder for "
        "the journal with AUTOHELPER_DATA_DIR=/another/folder, or mount the disk writable "
        "again.",
    },
    "journal.folder_locked": {
        "es": "No puedo entrar a la carpeta {folder} (sin permiso), y el diario {path} está "
        "dentro. Si la carpeta es tuya, dale permisos: chmod 700 {folder}; si no, usa otra "
        "carpeta para el diario con AUTOHELPER_DATA_DIR=/otra/carpeta.",
        "en": "Cannot enter the folder {folder} (no permission), and the journal {path} is "
        "inside it. If the folder is yours, give it permissions: chmod 700 {folder}; otherwise "
        "use another folder for the journal with AUTOHELPER_DATA_DIR=/another/folder.",
    },
    "journal.folder_not_writable": {
        "es": "No puedo escribir en la carpeta del diario {folder} (no tienes permiso de "
        "escritura en ella; el diario {path} y los archivos que lo acompañan van ahí). Si la "
        "carpeta es tuya, dale permisos: chmod 700 {folder}; si no, usa otra carpeta para el "
        "diario con AUTOHELPER_DATA_DIR=/otra/carpeta.",
        "en": "Cannot write in the journal's folder {folder} (you have no write permission "
        "there; the journal {path} and the files beside it go there). If the folder is yours, "
        "give it permissions: chmod 700 {folder}; otherwise use another folder for the journal "
        "with AUTOHELPER_DATA_DIR=/another/folder.",
    },
    "journal.file_not_writable": {
        "es": "No puedo escribir en el diario {path}: no tienes permiso de escritura en el "
        "archivo. Si es tuyo, dale permisos: chmod 600 {path}; si no, usa otra carpeta para el "
        "diario con AUTOHELPER_DATA_DIR=/otra/carpeta.",
        "en": "Cannot write to the journal {path}: you have no write permission on the file. "
        "If it is yours, give it permissions: chmod 600 {path}; otherwise use another folder "
        "for the journal with AUTOHELPER_DATA_DIR=/another/folder.",
    },
    "journal.cannot_open": {
        "es": "No puedo crear ni abrir el diario {path}: {reason}. Usa otra carpeta con "
        "AUTOHELPER_DATA_DIR=/otra/carpeta.",
        "en": "Cannot create or open the journal {path}: {reason}. Use another folder with "
        "AUTOHELPER_DATA_DIR=/another/folder.",
    },
    "journal.cannot_write": {
        "es": "No pude escribir en el diario {path}: {reason}.",
        "en": "Could not write to the journal {path}: {reason}.",
    },
    "journal.newer": {
        "es": "El diario {path} es de una versión más nueva de autohelper (esquema {found}; esta "
        "conoce hasta el {known}). Actualiza autohelper, o aparta el diario sin borrarlo con: "
        "autohelper journal repair",
        "en": "The journal {path} is from a newer autohelper (schema {found}; this one knows up "
        "to {known}). Update autohelper, or set the journal aside without deleting it: "
        "autohelper journal repair",
    },
    "journal.repaired": {
        "es": "Aparté el diario anterior en {old} (no se borró nada) y empecé uno nuevo en {path}.",
        "en": "Set the old journal aside as {old} (nothing was deleted) and started a new one at "
        "{path}.",
    },
    "journal.healthy": {
        "es": "El diario {path} está bien: no hay nada que reparar.",
        "en": "The journal {path} is fine: nothing to repair.",
    },
    "journal.absent": {
        "es": "Aún no hay diario en {path}: no hay nada que reparar.",
        "en": "There is no journal at {path} yet: nothing to repair.",
    },
    "journal.cannot_move": {
        "es": "No pude apartar {path}: {reason}. Muévelo tú a otro nombre (mv {path} "
        "{path}.aparte) o usa otra carpeta con AUTOHELPER_DATA_DIR=/otra/carpeta.",
        "en": "Could not set {path} aside: {reason}. Move it yourself to another name (mv {path} "
        "{path}.aside) or use another folder with AUTOHELPER_DATA_DIR=/another/folder.",
    },
    "journal.link_to_nowhere": {
        "es": "El diario {path} es un enlace simbólico a {target}, y la carpeta de ese destino "
        "no existe (¿un disco sin conectar, una carpeta movida?). Conecta el disco o corrige "
        "el enlace; para apartarlo sin borrarlo y empezar un diario nuevo: autohelper journal "
        "repair",
        "en": "The journal {path} is a symbolic link to {target}, and the folder it leads into "
        "does not exist (a disk not connected, a folder moved?). Connect the disk or fix the "
        "link; to set it aside without deleting it and start a new journal: autohelper "
        "journal repair",
    },
    "resume.fixtures": {
        "es": "El portal simulado incluido olvida sus ligas al cerrarse: una demostración no se "
        "puede retomar. Empieza de nuevo: autohelper run {name} --against fixtures",
        "en": "The bundled mock portal forgets its links when it stops: a demo cannot be "
        "resumed. Start again: autohelper run {name} --against fixtures",
    },
    "resume.expired": {
        "es": "La solicitud de {scenario} se envió el {day}: su liga ya venció (vale solo el día "
        "en que llegó), así que no hay nada que retomar. Haz una solicitud nueva cuando el "
        "portal te deje.",
        "en": "The {scenario} request was sent on {day}: its link has expired (it is valid only "
        "on the day it arrived), so there is nothing to resume. Make a new request when the "
        "portal lets you.",
    },
    "resume.link_used": {
        "es": "La liga de tu solicitud de {scenario} ya se abrió (sirve una sola vez) y la sesión "
        "siguió después, así que no hay un paso de liga que retomar. Revisa tu correo: si el "
        "trámite quedó a medias, haz una solicitud nueva: autohelper run {name}",
        "en": "The link of your {scenario} request was already opened (it works once) and the "
        "session went on after it, so there is no link step to resume. Check your email: if the "
        "procedure was left half done, make a new request: autohelper run {name}",
    },
    "resume.nothing": {
        "es": "No hay una solicitud de {scenario} enviada que retomar (con este perfil y este "
        "destino). Para empezar: autohelper run {name}",
        "en": "There is no sent {scenario} request to resume (with this profile and target). To "
        "start: autohelper run {name}",
    },
    "session.resuming": {
        "es": "Retomo la solicitud que enviaste hoy a las {time}, en el paso de la liga del "
        "correo: no se envía nada de nuevo.",
        "en": "Resuming the request you sent today at {time}, at the emailed-link step: nothing "
        "is sent again.",
    },
    "cli.resume_offer": {
        "es": "Hoy a las {time} enviaste esta solicitud y falta abrir la liga del correo. ¿La "
        "retomo ahí, sin enviar nada de nuevo?",
        "en": "Today at {time} you sent this request and its emailed link is still to be opened. "
        "Resume there, without sending anything again?",
    },
    "cli.resume_hint": {
        "es": "Tu solicitud de hoy a las {time} ya se envió. Para retomarla en el paso de la "
        "liga, sin enviarla de nuevo: {command}",
        "en": "Your request of today at {time} was already sent. To resume it at the link step, "
        "without sending it again: {command}",
    },
    "session.using": {
        "es": "Perfil: {profile}. Destino: {target}.",
        "en": "Profile: {profile}. Target: {target}.",
    },
    "session.profile_synthetic": {
        "es": "perfil de prueba (datos inventados)",
        "en": "test profile (made-up data)",
    },
    "session.profile_own": {
        "es": "tu perfil «{name}» ({who})",
        "en": "your profile “{name}” ({who})",
    },
    "session.target_live": {
        "es": "los portales reales (lo que confirmes se envía de verdad)",
        "en": "the real portals (what you confirm is really sent)",
    },
    "session.target_fixtures": {
        "es": "el portal simulado incluido (nada sale de tu computadora)",
        "en": "the bundled mock portal (nothing leaves your computer)",
    },
    "session.own_profile_on_mirror": {
        "es": "Usas tu propio perfil, no el de prueba, con el espejo {url}: tus datos se escriben "
        "en ese servidor, no en el portal real.",
        "en": "You are using your own profile, not the test one, with the mirror {url}: your data "
        "is typed into that server, not the real portal.",
    },
    "session.target_mirror": {"es": "el espejo {url}", "en": "the mirror {url}"},
    "session.own_profile_on_mock": {
        "es": "Usas tu propio perfil, no el de prueba, con el portal simulado: tus datos solo se "
        "escriben en el simulado, en tu computadora.",
        "en": "You are using your own profile, not the test one, with the mock portal: your "
        "data is only typed into the mock, on your computer.",
    },
    "session.trace_is_profile": {
        "es": "--trace {path} es el perfil que usa esta corrida: la traza lo reemplazaría. "
        "Elige otro archivo (por ejemplo, traza.zip).",
        "en": "--trace {path} is the profile this run uses: the trace would replace it. "
        "Choose another file (for example, trace.zip).",
    },
    "session.trace_is_journal": {
        "es": "--trace {path} es el diario de autohelper: la traza lo reemplazaría. Elige otro "
        "archivo (por ejemplo, traza.zip).",
        "en": "--trace {path} is autohelper's journal: the trace would replace it. Choose "
        "another file (for example, trace.zip).",
    },
    "session.trace_not_a_trace": {
        "es": "--trace {path} ya existe y no es una traza de Playwright: no lo reemplazo. Elige "
        "otro archivo, o bórralo tú si ya no lo necesitas.",
        "en": "--trace {path} already exists and is not a Playwright trace: I will not replace "
        "it. Choose another file, or delete it yourself if you no longer need it.",
    },
    "browser.no_display": {
        "es": "Pediste el navegador visible (--headed), pero esta sesión no tiene pantalla (no "
        "hay DISPLAY ni WAYLAND_DISPLAY: ¿una conexión SSH o un servidor?). Quita --headed para "
        "usarlo oculto (el CAPTCHA se guarda como imagen), o corre autohelper desde tu "
        "escritorio.",
        "en": "You asked for a visible browser (--headed), but this session has no display (no "
        "DISPLAY or WAYLAND_DISPLAY: an SSH connection or a server?). Drop --headed to run it "
        "hidden (the CAPTCHA is saved as an image), or run autohelper from your desktop.",
    },
    "cli.not_needed": {
        "es": "No necesitas «{title}»: {why}.",
        "en": "You do not need “{title}”: {why}.",
    },
    "cli.next_instead": {
        "es": "Lo que sigue: {title}. {explain}",
        "en": "What comes next: {title}. {explain}",
    },
    "cli.run_again": {
        "es": "Si de todos modos quieres hacerlo: {command}",
        "en": "If you want to do it anyway: {command}",
    },
    "session.artifacts_unusable": {
        "es": "No puedo guardar las capturas de la corrida en {path}: {reason}. Elige otra "
        "carpeta (XDG_CACHE_HOME, o --artifacts en autohelper qa).",
        "en": "Cannot keep the run's screenshots in {path}: {reason}. Choose another folder "
        "(XDG_CACHE_HOME, or --artifacts with autohelper qa).",
    },
    "doctor.launch_ok": {
        "es": "Lo abrí oculto y Playwright lo controla: Chromium {version}.",
        "en": "I opened it hidden and Playwright drives it: Chromium {version}.",
    },
    "doctor.launch_failed": {
        "es": "Lo intenté abrir oculto y Playwright no pudo controlarlo: {path} no es un Chromium "
        "que Playwright maneje (o le falta algo para arrancar). Instala Chromium (sudo apt-get "
        "install chromium) o indica otro con --browser RUTA; con -vv verás el detalle.",
        "en": "I tried to open it hidden and Playwright could not drive it: {path} is not a "
        "Chromium Playwright handles (or it lacks something to start). Install Chromium (sudo "
        "apt-get install chromium) or give another one with --browser PATH; -vv shows the "
        "details.",
    },
    "doctor.launch_timeout": {
        "es": "Lo intenté abrir oculto y {path} no respondió a tiempo. Vuelve a probar con la "
        "computadora menos ocupada, o indica otro navegador con --browser RUTA.",
        "en": "I tried to open it hidden and {path} did not answer in time. Try again with the "
        "computer less busy, or give another browser with --browser PATH.",
    },
}
