"""Help texts of every command, option and argument (owned by autohelper.cli.localized).

Keys: `help.<command path>` for a command (`help.autohelper` for the top level,
`help.profile.set` for `autohelper profile set`); `help.<command path>.<parameter>` for a
parameter of one command, else `help.option.<parameter>` for one shared by several;
`help.metavar.<parameter>` for the placeholder of its value. A test walks the command tree and
requires every entry in both languages.
"""

from __future__ import annotations

_HELP: dict[str, tuple[str, str]] = {
    # Usage line placeholders.
    "help.usage.options": ("[OPCIONES]", "[OPTIONS]"),
    "help.usage.command": ("COMANDO [ARGUMENTOS]...", "COMMAND [ARGS]..."),
    # Commands.
    "help.autohelper": (
        "autohelper: tu guía para el Seguro Facultativo del IMSS.\n\n\b\n"
        "Para empezar:  autohelper init\n"
        "NSS (IMSS):    autohelper run imss-nss\n"
        "ITSON (CIA):   autohelper run itson-solicitud\n"
        "Tu constancia de vigencia (PDF):  autohelper vigencia --pdf ARCHIVO\n"
        "Probar sin riesgo con el portal simulado:  autohelper run imss-nss --against fixtures",
        "autohelper: your guide to the IMSS student health insurance (Seguro Facultativo).\n\n"
        "\b\n"
        "To start:      autohelper init\n"
        "NSS (IMSS):    autohelper run imss-nss\n"
        "ITSON (CIA):   autohelper run itson-solicitud\n"
        "Your constancia de vigencia (PDF):  autohelper vigencia --pdf FILE\n"
        "Try it risk-free on the mock portal:  autohelper run imss-nss --against fixtures",
    ),
    "help.run": (
        "Sesión guiada: el navegador recorre el trámite, tú escribes el CAPTCHA y confirmas.",
        "Guided session: the browser walks the procedure, you type the CAPTCHA and confirm.",
    ),
    "help.qa": (
        "Casos de QA (fixtures/qa) contra el simulado o un espejo, desatendidos; código 0 solo "
        "si cada caso se comportó como se esperaba. Con --single (o --mock, --decline, "
        "--timeout): una sola corrida de un escenario (código 0 solo si termina con éxito).",
        "QA cases (fixtures/qa) against the mock or a mirror, unattended; exit code 0 only when "
        "every case behaved as expected. With --single (or --mock, --decline, --timeout): one "
        "run of one scenario (exit code 0 only on success).",
    ),
    "help.check": (
        "Recorre la parte de solo lectura de cada escenario (sin escribir ni enviar nada) y "
        "dice qué cambió en el portal: código 0 sin cambios, 1 un cambio, 2 no pude llegar.",
        "Walk the read-only part of each scenario (typing and sending nothing) and say what "
        "changed on the portal: exit code 0 no change, 1 a change, 2 could not reach.",
    ),
    "help.merge-junit": (
        "Une los JUnit de los fragmentos de una corrida (qa --shard i/n) en un solo archivo.",
        "Merge the JUnit files of a run's shards (qa --shard i/n) into one file.",
    ),
    "help.scenarios": (
        "Listar y validar escenarios (archivos YAML de cada trámite).",
        "List and validate scenarios (the YAML file of each procedure).",
    ),
    "help.scenarios.list": ("Los escenarios disponibles.", "The available scenarios."),
    "help.scenarios.validate": (
        "Revisa escenarios sin abrir el navegador (todos, si no das archivos).",
        "Check scenarios without opening the browser (all of them, if no file is given).",
    ),
    "help.mock": (
        "El portal simulado del IMSS (para probar sin tocar el portal real).",
        "The mock IMSS portal (to test without touching the real one).",
    ),
    "help.mock.serve": (
        "Sirve el simulado en 127.0.0.1 (en forma de espejo: /www.imss.gob.mx/...).",
        "Serve the mock on 127.0.0.1 (shaped as a mirror: /www.imss.gob.mx/...).",
    ),
    "help.journal": (
        "El diario de autohelper (lo que se hizo en cada corrida).",
        "autohelper's journal (what each run did).",
    ),
    "help.journal.repair": (
        "Aparta un diario dañado (sin borrarlo: queda al lado con la fecha en el nombre) y "
        "empieza uno nuevo.",
        "Set a damaged journal aside (without deleting it: it stays next to it, dated) and start "
        "a new one.",
    ),
    "help.vigencia": (
        "Lee tu constancia de vigencia de derechos (PDF) y dice qué significa, sin navegador.",
        "Read your constancia de vigencia de derechos (PDF) and say what it means, no browser.",
    ),
    "help.vigencia.pdf_path": (
        "El PDF de la constancia (se queda donde está).",
        "The constancia's PDF (it stays where it is).",
    ),
    "help.vigencia.profile_name": (
        "Perfil cuya escuela se espera como patrón.",
        "Profile whose school is expected as the employer.",
    ),
    "help.vigencia.as_json": ("Salida en JSON.", "Output as JSON."),
    "help.status": (
        "Dónde vas en tu trámite y qué sigue.",
        "Where you stand in your procedure, and what comes next.",
    ),
    "help.status.as_json": ("Salida JSON para scripts.", "JSON output, for scripts."),
    "help.status.html_file": (
        "Guardar una página para abrir o imprimir.",
        "Save a page to open or print.",
    ),
    "help.status.ics_file": ("Guardar recordatorios de calendario.", "Save calendar reminders."),
    "help.status.reveal": ("Mostrar tus datos completos.", "Show your data in full."),
    "help.status.as_of": (
        "Razonar como si hoy fuera esta fecha.",
        "Reason as if today were this date.",
    ),
    "help.status.profile_name": (
        "Perfil a usar (nombre o ruta de un .yaml).",
        "Profile to use (a name or the path of a .yaml).",
    ),
    "help.status.include_mirrors": (
        "Contar también las corridas contra un espejo (--against URL).",
        "Count runs against a mirror (--against URL) too.",
    ),
    "help.done": (
        "Marca un paso como hecho (a mano o en una oficina).",
        "Mark a step done (by hand or at an office).",
    ),
    "help.done.step": ("El paso, p. ej. solicitud.", "The step, e.g. solicitud."),
    "help.done.on": (
        "Fecha en que lo hiciste (hoy, si no la das).",
        "When you did it (today, if not given).",
    ),
    "help.done.profile_name": (
        "Perfil a usar (nombre o ruta de un .yaml).",
        "Profile to use (a name or the path of a .yaml).",
    ),
    "help.undo": ("Deshace la última marca de un paso.", "Take back a step's last mark."),
    "help.undo.step": ("El paso, p. ej. solicitud.", "The step, e.g. solicitud."),
    "help.undo.profile_name": (
        "Perfil a usar (nombre o ruta de un .yaml).",
        "Profile to use (a name or the path of a .yaml).",
    ),
    "help.next": ("Hace lo que sigue en tu trámite.", "Do what comes next in your procedure."),
    "help.next.as_of": (
        "Razonar como si hoy fuera esta fecha.",
        "Reason as if today were this date.",
    ),
    "help.next.profile_name": (
        "Perfil a usar (nombre o ruta de un .yaml).",
        "Profile to use (a name or the path of a .yaml).",
    ),
    "help.next.include_mirrors": (
        "Contar también las corridas contra un espejo (--against URL).",
        "Count runs against a mirror (--against URL) too.",
    ),
    "help.doctor": (
        "Qué navegador se usará y por qué, y qué falta.",
        "Which browser will be used and why, and what is missing.",
    ),
    "help.init": (
        "Crea o corrige tu perfil con preguntas guiadas.",
        "Create or fix your profile with guided questions.",
    ),
    "help.profile": (
        "Tu perfil: ver, fijar y revisar datos.",
        "Your profile: show, set and check your data.",
    ),
    "help.profile.set": (
        "Fija campos del perfil: CLAVE=VALOR...",
        "Set profile fields: KEY=VALUE...",
    ),
    "help.profile.show": (
        "Muestra el perfil (datos personales ocultos salvo --reveal).",
        "Show the profile (personal data masked unless --reveal).",
    ),
    "help.profile.check": (
        "Revisa un perfil: sale 0 si es válido, 1 si no.",
        "Check a profile: exit code 0 if it is valid, 1 if not.",
    ),
    # Parameters shared by several commands.
    "help.option.help": ("Muestra esta ayuda y sale.", "Show this message and exit."),
    "help.option.version": ("Muestra la versión y sale.", "Show the version and exit."),
    "help.option.lang": (
        "Idioma de los mensajes: es (español, por omisión) o en (inglés); también AUTOHELPER_LANG.",
        "Message language: es (Spanish, the default) or en (English); also AUTOHELPER_LANG.",
    ),
    "help.option.verbose": (
        "Más detalle en el registro (-v, -vv).",
        "More detail in the log (-v, -vv).",
    ),
    "help.option.scenario": (
        "El nombre de un escenario (p. ej. imss-nss) o la ruta de su archivo .yaml.",
        "A scenario's name (e.g. imss-nss) or the path of its .yaml file.",
    ),
    "help.option.against": (
        "Portal real (live), el simulado incluido (fixtures) o un espejo (URL).",
        "The real portal (live), the bundled mock (fixtures) or a mirror (URL).",
    ),
    "help.qa.against": (
        "El simulado incluido (fixtures) o un espejo (URL); nunca los portales reales.",
        "The bundled mock (fixtures) or a mirror (URL); never the live portals.",
    ),
    "help.option.browser": (
        "Ruta de Chromium (o AUTOHELPER_BROWSER).",
        "Path of a Chromium (or AUTOHELPER_BROWSER).",
    ),
    "help.option.profile": (
        "Perfil con tus datos (por omisión, el tuyo; con fixtures, uno de prueba).",
        "Profile with your data (by default, yours; with fixtures, a synthetic one).",
    ),
    # `qa`'s own: its profile is the scenario's synthetic one unless one is named.
    "help.qa.profile": (
        "Perfil a usar (o AUTOHELPER_PROFILE); sin él, el de prueba que nombra el escenario "
        "(qa_profile: fixtures/profiles/…), contra el simulado y contra un espejo; nunca se "
        "guarda en él.",
        "Profile to use (or AUTOHELPER_PROFILE); without one, the synthetic profile the scenario "
        "names (qa_profile: fixtures/profiles/…), against the mock and a mirror alike; never "
        "saved to.",
    ),
    # The cap is qa/suite.py's MAX_DEFAULT_WORKERS (a test keeps them the same).
    "help.qa.workers": (
        "Casos en paralelo: un navegador y un simulado por trabajador. Por omisión, uno por CPU "
        "(hasta 8), nunca más que los casos que corren.",
        "Cases in parallel: one browser and one mock per worker. By default, one per CPU (at "
        "most 8), never more than the cases that run.",
    ),
    "help.option.profile_name": (
        "Perfil a usar: un nombre (p. ej. ana) o la ruta de un .yaml.",
        "Profile to use: a name (e.g. ana) or the path of a .yaml file.",
    ),
    "help.option.scenarios": (
        "Escenarios por nombre (p. ej. imss-nss) o ruta de su .yaml.",
        "Scenarios by name (e.g. imss-nss) or the path of their .yaml.",
    ),
    "help.qa.scenarios": (
        "Escenarios por nombre (p. ej. imss-nss) o ruta de su .yaml; sin ninguno, los casos de "
        "todos.",
        "Scenarios by name (e.g. imss-nss) or the path of their .yaml; with none, every "
        "scenario's cases.",
    ),
    "help.option.every": ("Todos los escenarios.", "Every scenario."),
    "help.option.connect": (
        "Usar el navegador de un servidor de Playwright (ws://…; playwright run-server).",
        "Use the browser of a Playwright server (ws://…; playwright run-server).",
    ),
    "help.option.cdp": (
        "Usar un Chromium ya abierto por su DevTools (http://… o ws://…).",
        "Use a running Chromium through its DevTools endpoint (http://… or ws://…).",
    ),
    # Parameters of one command.
    "help.qa.junit": ("Escribir un informe JUnit XML.", "Write a JUnit XML report."),
    "help.qa.html_file": (
        "Escribir un informe HTML (un solo archivo, con capturas).",
        "Write an HTML report (one file, with screenshots).",
    ),
    "help.qa.shard": (
        "Correr solo el fragmento i de n (el mismo reparto en cada máquina).",
        "Run only shard i of n (the same split on every machine).",
    ),
    "help.qa.cases": (
        "Archivos o carpetas de casos (por omisión, fixtures/qa).",
        "Case files or folders (by default, fixtures/qa).",
    ),
    "help.check.mock_options": (
        "Con --against fixtures: modo del simulado (p. ej. drift=true).",
        "With --against fixtures: a mode of the mock (e.g. drift=true).",
    ),
    "help.check.step_timeout": (
        "Espera máxima de cada paso, en segundos.",
        "Longest wait of each step, in seconds.",
    ),
    "help.check.as_json": ("Salida JSON para CI.", "JSON output, for CI."),
    "help.check.artifacts": (
        "Carpeta para las capturas de lo que cambió.",
        "Folder for the screenshots of what changed.",
    ),
    "help.merge-junit.output": ("El JUnit unido.", "The merged JUnit file."),
    "help.merge-junit.inputs": (
        "Los JUnit de cada fragmento.",
        "The JUnit file of each shard.",
    ),
    "help.run.headless": (
        "Navegador oculto o visible (por omisión: visible si hay pantalla).",
        "Hidden or visible browser (by default: visible when there is a display).",
    ),
    "help.run.resume": (
        "Retoma la solicitud que enviaste hoy en el paso de la liga del correo, sin enviarla de "
        "nuevo.",
        "Resume the request you sent today at the emailed-link step, without sending it again.",
    ),
    "help.run.trace": (
        "Guardar una traza de Playwright (con tu perfil contiene tus datos).",
        "Save a Playwright trace (with your profile it holds your data).",
    ),
    "help.run.again": (
        "Hacerlo aunque ya no haga falta: un trámite que tu historial ya da por hecho (p. ej. la "
        "solicitud del Seguro Facultativo), o el NSS cuando tu perfil ya lo tiene.",
        "Do it even though it is not needed: a procedure your history already shows as done "
        "(e.g. the Seguro Facultativo request), or the NSS when your profile already has it.",
    ),
    "help.qa.single": (
        "Una sola corrida desatendida del escenario, sin sus casos de QA.",
        "One unattended run of the scenario, without its QA cases.",
    ),
    "help.qa.decline": (
        "Responder «no» a la confirmación del envío.",
        "Answer “no” to the confirmation before sending.",
    ),
    "help.run.mock_options": (
        "Con --against fixtures: modo del simulado (p. ej. imss.nss_found=true).",
        "With --against fixtures: a mode of the mock (e.g. imss.nss_found=true).",
    ),
    "help.qa.mock_options": (
        "Con --against fixtures: modo del simulado (p. ej. result_version=1).",
        "With --against fixtures: a mode of the mock (e.g. result_version=1).",
    ),
    "help.qa.step_timeout": (
        "Espera máxima de cualquier paso, el envío incluido, en segundos (por omisión: 10 "
        "cada paso, 20 el envío).",
        "Longest wait of any step, the send included, in seconds (by default: 10 each step, "
        "20 the send).",
    ),
    "help.qa.artifacts": (
        "Carpeta para la evidencia (capturas; de cada caso fallido, también traza y peticiones).",
        "Folder for evidence (screenshots; for each failed case, the trace and requests too).",
    ),
    "help.scenarios.validate.files": (
        "Archivos de escenario a revisar.",
        "Scenario files to check.",
    ),
    "help.mock.serve.port": (
        "Puerto en 127.0.0.1 (0 elige uno libre).",
        "Port on 127.0.0.1 (0 picks a free one).",
    ),
    "help.mock.serve.mock_options": (
        "Modo del simulado (p. ej. result_version=1, fail_first=2, drift=true).",
        "A mode of the mock (e.g. result_version=1, fail_first=2, drift=true).",
    ),
    "help.profile.set.pairs": (
        "Campos a fijar, p. ej. postal_code=83000.",
        "Fields to set, e.g. postal_code=83000.",
    ),
    "help.profile.show.reveal": (
        "Muestra los datos completos.",
        "Show the data in full.",
    ),
    "help.profile.check.file": (
        "Archivo de perfil a revisar (por omisión, el de --profile).",
        "Profile file to check (by default, the one of --profile).",
    ),
    # Placeholders of values.
    "help.metavar.lang": ("[es|en]", "[es|en]"),
    "help.metavar.pdf_path": ("ARCHIVO", "FILE"),
    "help.metavar.html_file": ("ARCHIVO", "FILE"),
    "help.metavar.ics_file": ("ARCHIVO", "FILE"),
    "help.metavar.as_of": ("AAAA-MM-DD", "YYYY-MM-DD"),
    "help.metavar.on": ("AAAA-MM-DD", "YYYY-MM-DD"),
    "help.metavar.step": ("PASO", "STEP"),
    "help.metavar.scenario": ("ESCENARIO", "SCENARIO"),
    "help.metavar.against": ("live|fixtures|URL", "live|fixtures|URL"),
    "help.metavar.qa.against": ("fixtures|URL", "fixtures|URL"),
    "help.metavar.browser": ("RUTA", "PATH"),
    "help.metavar.profile": ("NOMBRE|ARCHIVO", "NAME|FILE"),
    "help.metavar.profile_name": ("NOMBRE|RUTA", "NAME|PATH"),
    "help.metavar.trace": ("ARCHIVO", "FILE"),
    "help.metavar.mock_options": ("CLAVE=VALOR", "KEY=VALUE"),
    "help.metavar.step_timeout": ("SEG", "SEC"),
    "help.metavar.artifacts": ("CARPETA", "FOLDER"),
    "help.metavar.port": ("PUERTO", "PORT"),
    "help.metavar.files": ("ARCHIVO", "FILE"),
    "help.metavar.scenarios": ("ESCENARIO", "SCENARIO"),
    "help.metavar.workers": ("N", "N"),
    "help.metavar.junit": ("ARCHIVO", "FILE"),
    "help.metavar.shard": ("I/N", "I/N"),
    "help.metavar.cases": ("RUTA", "PATH"),
    "help.metavar.connect": ("WS", "WS"),
    "help.metavar.cdp": ("URL", "URL"),
    "help.metavar.output": ("SALIDA", "OUTPUT"),
    "help.metavar.inputs": ("ARCHIVO", "FILE"),
    "help.metavar.pairs": ("CLAVE=VALOR", "KEY=VALUE"),
    "help.metavar.file": ("ARCHIVO", "FILE"),
}

MESSAGES: dict[str, dict[str, str]] = {
    key: {"es": spanish, "en": english} for key, (spanish, english) in _HELP.items()
}
