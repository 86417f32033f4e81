"""Messages of the scenario loader (scenario/loader.py, nodes.py, fields.py).

Each renders only the message; the loader puts `file:line:column: ` in front, never translated.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "scenario.hint": {"es": " (¿quisiste decir '{name}'?)", "en": " (did you mean '{name}'?)"},
    "scenario.unreadable": {
        "es": "no pude leer el archivo: {detail}",
        "en": "cannot read the file: {detail}",
    },
    "scenario.yaml_syntax": {"es": "YAML inválido: {detail}", "en": "invalid YAML: {detail}"},
    "scenario.empty": {"es": "el archivo está vacío", "en": "the file is empty"},
    "scenario.unknown_key": {
        "es": "clave desconocida '{key}'{hint}",
        "en": "unknown key '{key}'{hint}",
    },
    "scenario.duplicate_key": {"es": "clave repetida '{key}'", "en": "duplicate key '{key}'"},
    "scenario.missing_key": {"es": "falta la clave '{key}'", "en": "missing key '{key}'"},
    "scenario.expected_mapping": {
        "es": "se esperaba un mapeo (clave: valor)",
        "en": "expected a mapping (key: value)",
    },
    "scenario.expected_list": {"es": "se esperaba una lista", "en": "expected a list"},
    "scenario.empty_list": {
        "es": "la lista no puede estar vacía",
        "en": "the list cannot be empty",
    },
    "scenario.expected_text": {
        "es": "se esperaba un texto no vacío",
        "en": "expected a non-empty text",
    },
    # A value that is not empty but no text either: what YAML read instead, and the way out.
    "scenario.expected_text.number": {
        "es": "se esperaba un texto, pero {value} es un número: escríbelo entre comillas "
        '("{value}")',
        "en": 'expected a text, but {value} is a number: write it in quotes ("{value}")',
    },
    "scenario.expected_text.bool": {
        "es": "se esperaba un texto, pero YAML lee {value} como sí/no (true/false): escríbelo "
        'entre comillas ("{value}")',
        "en": "expected a text, but YAML reads {value} as yes/no (true/false): write it in "
        'quotes ("{value}")',
    },
    "scenario.expected_text.date": {
        "es": "se esperaba un texto, pero YAML lee {value} como una fecha: escríbelo entre "
        'comillas ("{value}")',
        "en": 'expected a text, but YAML reads {value} as a date: write it in quotes ("{value}")',
    },
    "scenario.expected_text.list": {
        "es": "se esperaba un texto, no una lista",
        "en": "expected a text, not a list",
    },
    "scenario.expected_text.mapping": {
        "es": "se esperaba un texto, no un mapeo (clave: valor)",
        "en": "expected a text, not a mapping (key: value)",
    },
    "scenario.expected_text.tag": {
        "es": "se esperaba un texto, pero la etiqueta !!{tag} lo vuelve otra cosa: quítala",
        "en": "expected a text, but the tag !!{tag} makes it something else: remove it",
    },
    "scenario.expected_bool": {"es": "se esperaba true o false", "en": "expected true or false"},
    "scenario.expected_seconds": {
        "es": "se esperaba un número de segundos de {low} a {high}",
        "en": "expected a number of seconds from {low} to {high}",
    },
    "scenario.expected_count": {
        "es": "se esperaba un número entero de {low} a {high}",
        "en": "expected a whole number from {low} to {high}",
    },
    "scenario.frames_differ": {
        "es": "las alternativas de un localizador se buscan juntas, en un mismo documento: "
        "todas deben nombrar el mismo marco (frame)",
        "en": "a locator's alternatives are looked for together, in one document: they must all "
        "name the same frame",
    },
    "scenario.template_in_locator": {
        "es": "un localizador no puede llevar datos del perfil ni secretos ('{key}'): se escribe "
        "en registros y reportes",
        "en": "a locator cannot carry profile data or secrets ('{key}'): it is written into logs "
        "and reports",
    },
    "scenario.unknown_role": {
        "es": "rol ARIA desconocido '{role}'{hint}",
        "en": "unknown ARIA role '{role}'{hint}",
    },
    "scenario.bad_css": {
        "es": "selector CSS inválido '{selector}': no se esperaba «{char}» en el carácter {at}",
        "en": "invalid CSS selector '{selector}': unexpected “{char}” at character {at}",
    },
    "scenario.bad_css_end": {
        "es": "selector CSS inválido '{selector}': termina antes de tiempo",
        "en": "invalid CSS selector '{selector}': it ends too early",
    },
    "scenario.frame_one_kind": {
        "es": "cada marco se nombra de una sola forma: {kinds}",
        "en": "each frame is named in exactly one way: {kinds}",
    },
    "scenario.until_one": {
        "es": "'until' es un elemento (un localizador), o {url: ...}, o {response: ...}; uno solo",
        "en": "'until' is an element (a locator), or {url: ...}, or {response: ...}; only one",
    },
    "scenario.bad_dialog": {
        "es": "'dialog' es accept, dismiss o {accept: true|false, text: ...}",
        "en": "'dialog' is accept, dismiss or {accept: true|false, text: ...}",
    },
    "scenario.when_or_matches": {
        "es": "cada caso lleva 'when' (lo que se ve en la página) o 'matches' (lo que dice un "
        "documento), uno de los dos",
        "en": "each case has 'when' (what the page shows) or 'matches' (what a document says), "
        "one of the two",
    },
    "scenario.only_retry": {
        "es": "'{key}' solo tiene sentido con result: retry",
        "en": "'{key}' only makes sense with result: retry",
    },
    "scenario.bad_portal_file": {
        "es": "el archivo del portal tiene un problema: {problem}",
        "en": "the portal file has a problem: {problem}",
    },
    "scenario.unknown_portal": {
        "es": "no conozco el portal '{portal}' (no hay scenarios/portals/{portal}.yaml){hint}",
        "en": "unknown portal '{portal}' (there is no scenarios/portals/{portal}.yaml){hint}",
    },
    "scenario.unknown_scenario": {
        "es": "no hay un escenario '{name}'{hint}",
        "en": "there is no scenario '{name}'{hint}",
    },
    "scenario.run_not_yielded": {
        "es": "'{ref}' no lo da ningún paso anterior (los `yields` y `sets` de un outcome, lo que "
        "lee su `read`, el `remember` de un choose){hint}",
        "en": "no earlier step yields '{ref}' (an outcome's `yields` and `sets`, what its `read` "
        "finds, a choose's `remember`){hint}",
    },
    "scenario.hidden_char": {
        "es": "el texto lleva un carácter invisible ({code}: un control, o uno que cambia la "
        "dirección en que se muestra el texto); quítalo",
        "en": "the text holds an invisible character ({code}: a control, or one that changes the "
        "direction the text is shown in); remove it",
    },
    "scenario.forgets_not_yielded": {
        "es": "`forgets` nombra '{name}', que no lo da ningún paso anterior (los `yields` y `sets` "
        "de un outcome, lo que lee su `read`, el `remember` de un choose){hint}",
        "en": "`forgets` names '{name}', which no earlier step yields (an outcome's `yields` and "
        "`sets`, what its `read` finds, a choose's `remember`){hint}",
    },
    "scenario.value_needs_element": {
        "es": "`value` es el valor de un elemento: el expect necesita un localizador",
        "en": "`value` is an element's value: the expect needs a locator",
    },
    "scenario.overlay_needs_optional": {
        "es": "`overlay` es para una ventana que a veces no está: el click necesita "
        "`optional: true`",
        "en": "`overlay` is for a window that is sometimes not there: the click needs "
        "`optional: true`",
    },
    "scenario.unknown_qa_profile": {
        "es": "no hay un perfil de QA '{name}' en fixtures/profiles/{hint}; los hay: {available}",
        "en": "there is no QA profile '{name}' in fixtures/profiles/{hint}; there are: {available}",
    },
    "scenario.unknown_step_id": {
        "es": "no hay un paso con id '{step}'{hint}",
        "en": "there is no step with id '{step}'{hint}",
    },
    "scenario.sign_in_order": {
        "es": "el bloque de inicio de sesión va de '{first}' a '{last}': '{first}' debe ir antes",
        "en": "the sign-in block goes from '{first}' to '{last}': '{first}' must come first",
    },
    "scenario.sign_in_needs_expired": {
        "es": "di cómo se ve una sesión vencida: 'expired' (un elemento de la página de inicio "
        "de sesión) o 'url'",
        "en": "say how an expired session shows: 'expired' (an element of the sign-in page) or "
        "'url'",
    },
    "scenario.submit_without_confirm": {
        "es": "un 'submit' necesita antes su propio 'confirm': nada se envía sin el «sí» de la "
        "persona",
        "en": "a 'submit' needs its own 'confirm' before it: nothing is sent without the person's "
        "yes",
    },
    "scenario.unknown_document": {
        "es": "ningún paso 'download' anterior guarda un documento '{name}'{hint}",
        "en": "no earlier 'download' step keeps a document '{name}'{hint}",
    },
    "scenario.document_needs_matches": {
        "es": "un 'outcome' sobre un documento lee su texto: sus casos usan 'matches', no 'when'",
        "en": "an 'outcome' on a document reads its text: its cases use 'matches', not 'when'",
    },
    "scenario.matches_needs_document": {
        "es": "'matches' lee el texto de un documento: indica cuál con 'document'",
        "en": "'matches' reads a document's text: name it with 'document'",
    },
    "scenario.read_needs_document": {
        "es": "'read' lee un documento descargado: indica cuál con 'document'",
        "en": "'read' reads a downloaded document: name it with 'document'",
    },
    "scenario.unknown_reader": {
        "es": "no conozco el lector de documentos '{name}'{hint}",
        "en": "unknown document reader '{name}'{hint}",
    },
    "scenario.bad_step_id": {
        "es": "id de paso inválido '{id}': letras minúsculas, números, '-' y '_', empezando por "
        "una letra (hasta 40)",
        "en": "invalid step id '{id}': lower-case letters, digits, '-' and '_', starting with a "
        "letter (up to 40)",
    },
    "scenario.id_not_file_name": {
        "es": "el id '{id}' no es el nombre del archivo ({file}): en la carpeta de escenarios, "
        "el archivo de un escenario lleva su id por nombre (id: {stem}), porque `run`, `qa` y "
        "`check` lo buscan por ese nombre y el diario y `status` lo anotan por su id; corrige el "
        "id o renombra el archivo",
        "en": "the id '{id}' is not the file's name ({file}): in the scenarios folder, a "
        "scenario's file is named after its id (id: {stem}), since `run`, `qa` and `check` find "
        "it by that name and the journal and `status` record it by its id; fix the id or rename "
        "the file",
    },
    "scenario.bad_id": {
        "es": "id de escenario inválido '{id}': letras minúsculas, números, '-' y '_', "
        "empezando por una letra (hasta 60); es el nombre de una carpeta, no una ruta",
        "en": "invalid scenario id '{id}': lower-case letters, digits, '-' and '_', starting "
        "with a letter (up to 60); it names a folder, it is not a path",
    },
    "scenario.unknown_step": {
        "es": "tipo de paso desconocido '{key}'{hint}",
        "en": "unknown step type '{key}'{hint}",
    },
    "scenario.no_step_type": {
        "es": "al paso le falta su tipo; usa uno de: {kinds}",
        "en": "the step has no step type; use one of: {kinds}",
    },
    "scenario.two_step_types": {
        "es": "un paso tiene un solo tipo, pero aquí hay '{first}' y '{second}'",
        "en": "a step has one step type, but this one has '{first}' and '{second}'",
    },
    "scenario.locator_string": {
        "es": "un localizador no puede ser un texto suelto; escribe, por ejemplo, "
        '{{css: "{value}"}}',
        "en": 'a locator cannot be a plain string; write, for example, {{css: "{value}"}}',
    },
    # `- fill:` with the locator's lines not indented under it: the value is empty, not text.
    # (No parameters: its braces are written single.)
    "scenario.locator_empty": {
        "es": "falta el localizador: este valor está vacío (si lo escribiste en las líneas de "
        'abajo, sángralas bajo esta clave); escribe, por ejemplo, {css: "#id"}',
        "en": "the locator is missing: this value is empty (if you wrote it on the lines below, "
        'indent them under this key); write, for example, {css: "#id"}',
    },
    "scenario.locator_no_kind": {
        "es": "al localizador le falta uno de: {kinds}",
        "en": "the locator needs one of: {kinds}",
    },
    "scenario.locator_two_kinds": {
        "es": "un localizador tiene un solo tipo, pero aquí hay '{first}' y '{second}'; "
        "para alternativas usa una lista",
        "en": "a locator has one kind, but this one has '{first}' and '{second}'; "
        "for alternatives use a list",
    },
    "scenario.name_without_role": {
        "es": "'name' solo va con 'role'",
        "en": "'name' only goes with 'role'",
    },
    "scenario.unknown_profile_field": {
        "es": "'{ref}' no es un dato del perfil{hint}",
        "en": "'{ref}' is not a profile field{hint}",
    },
    "scenario.profile_not_declared": {
        "es": "'{ref}' no está declarado en needs.profile (ni en needs.optional)",
        "en": "'{ref}' is not declared in needs.profile (nor in needs.optional)",
    },
    "scenario.bad_secret_name": {
        "es": "«{name}» no sirve como nombre de un secreto: solo minúsculas sin acentos, "
        "dígitos y «_», empezando por una letra o «_» (por ejemplo {suggested}); las palabras "
        "que ve la persona van aparte: - {suggested}: {{es: …, en: …}}",
        "en": "“{name}” will not do as a secret's name: only lower-case letters without "
        "accents, digits and “_”, starting with a letter or “_” (for instance {suggested}); the "
        "words the person sees go apart: - {suggested}: {{es: …, en: …}}",
    },
    "scenario.secret_not_declared": {
        "es": "'{ref}' no está declarado en needs.secrets",
        "en": "'{ref}' is not declared in needs.secrets",
    },
    "scenario.bad_template": {
        "es": "'{fragment}' no es una plantilla válida ({{profile.x}} o {{secret.x}}); "
        "para una llave literal escribe {{{{",
        "en": "'{fragment}' is not a valid template ({{profile.x}} or {{secret.x}}); "
        "for a literal brace write {{{{",
    },
    "scenario.unclosed_template": {
        "es": "'{fragment}': la llave «{{» no se cierra (falta «}}»); una plantilla se escribe "
        "{{profile.x}} o {{secret.x}}; para una llave literal escribe {{{{",
        "en": "'{fragment}': the brace “{{” is not closed (a “}}” is missing); a template is "
        "written {{profile.x}} or {{secret.x}}; for a literal brace write {{{{",
    },
    "scenario.bad_origin_because": {
        "es": "origen inválido '{origin}': {reason}. Se escribe http(s)://host[:puerto], "
        "p. ej. https://serviciosdigitales.imss.gob.mx, https://*.imss.gob.mx o "
        "http://smartweb1.itson.edu.mx:8400",
        "en": "invalid origin '{origin}': {reason}. It is written http(s)://host[:port], "
        "e.g. https://serviciosdigitales.imss.gob.mx, https://*.imss.gob.mx or "
        "http://smartweb1.itson.edu.mx:8400",
    },
    "scenario.origin_scheme": {
        "es": "debe empezar con http:// o https://",
        "en": "it must start with http:// or https://",
    },
    "scenario.origin_host": {
        "es": "el nombre del servidor no es válido (letras, dígitos, «-» y puntos; «*.» solo al "
        "principio)",
        "en": "the host name is not valid (letters, digits, “-” and dots; “*.” only at the start)",
    },
    "scenario.origin_port": {
        "es": "el puerto debe ser un número entre 1 y 65535",
        "en": "the port must be a number from 1 to 65535",
    },
    "scenario.origin_rest": {
        "es": "después del servidor y el puerto no va nada más (ni ruta, ni ?, #, @ ni espacios)",
        "en": "nothing goes after the host and port (no path, ?, #, @ or spaces)",
    },
    "scenario.outside_origins": {
        "es": "'{url}' no está en los orígenes declarados: {origins}",
        "en": "'{url}' is not in the declared origins: {origins}",
    },
    "scenario.outside_no_origins": {
        "es": "'{url}' no está en los orígenes declarados: no hay ninguno (escribe origins: en "
        "la cabecera, o nombra con portal: un portal que los declare)",
        "en": "'{url}' is not in the declared origins: there are none (write origins: in the "
        "header, or name with portal: a portal that declares them)",
    },
    "scenario.goto_scheme": {
        "es": "'{url}' no es una dirección http:// ni https://: goto solo abre páginas web de los "
        "orígenes declarados",
        "en": "'{url}' is not an http:// or https:// address: goto only opens web pages on the "
        "declared origins",
    },
    "scenario.duplicate_id": {
        "es": "id repetido '{id}' (ya usado en la línea {line})",
        "en": "duplicate id '{id}' (already used on line {line})",
    },
    "scenario.unknown_result": {
        "es": "resultado desconocido '{result}'{hint}; usa uno de: {results}",
        "en": "unknown result '{result}'{hint}; use one of: {results}",
    },
    "scenario.error_needs_message": {
        "es": "un caso '{result}' necesita 'message' (el consejo para la persona)",
        "en": "an '{result}' case needs a 'message' (the advice for the person)",
    },
    "scenario.retry_needs_from": {
        "es": "un caso 'retry' necesita 'from' (el id del paso desde donde repetir)",
        "en": "a 'retry' case needs 'from' (the id of the step to repeat from)",
    },
    "scenario.from_only_retry": {
        "es": "'from' solo va con result: retry",
        "en": "'from' only goes with result: retry",
    },
    "scenario.unknown_from": {
        "es": "'from: {step}' no es el id de un paso anterior{hint}",
        "en": "'from: {step}' is not the id of an earlier step{hint}",
    },
    "scenario.bad_regex": {
        "es": "expresión regular inválida '{pattern}': {detail}",
        "en": "invalid regular expression '{pattern}': {detail}",
    },
    "scenario.regex.nested": {
        "es": "la expresión regular '{pattern}' repite una parte que ya se repite (como (a+)+): "
        "con un texto que casi coincide tardaría horas, más que cualquier tiempo de espera; "
        "quita una de las repeticiones (por ejemplo (a+)+ es a+)",
        "en": "the regular expression '{pattern}' repeats a part that already repeats (like "
        "(a+)+): a text that almost matches would take hours, longer than any timeout; drop "
        "one of the repeats (for example (a+)+ is a+)",
    },
    "scenario.regex.counted": {
        "es": "la expresión regular '{pattern}' repite {count} veces un grupo con una parte sin "
        "límite que también puede tomar lo que la separa (como (.*,){{15}}): con un texto que "
        "casi coincide tardaría horas, más que cualquier tiempo de espera; que esa parte no "
        "pueda tomar el separador (por ejemplo [^,]* en lugar de .*)",
        "en": "the regular expression '{pattern}' repeats {count} times a group with an "
        "unbounded part that can also take what separates it (like (.*,){{15}}): a text that "
        "almost matches would take hours, longer than any timeout; make that part unable to "
        "take the separator (for example [^,]* instead of .*)",
    },
    "scenario.regex.overlapping": {
        "es": "la expresión regular '{pattern}' repite un grupo cuyas alternativas pueden "
        "coincidir con el mismo texto (como (a|a)* o (\\w|\\d)+): con un texto que casi "
        "coincide tardaría horas, más que cualquier tiempo de espera; deja una sola forma de "
        "coincidir con cada texto (por ejemplo (\\w|\\d)+ es \\w+)",
        "en": "the regular expression '{pattern}' repeats a group whose alternatives can match "
        "the same text (like (a|a)* or (\\w|\\d)+): a text that almost matches would take "
        "hours, longer than any timeout; leave one way to match each text (for example "
        "(\\w|\\d)+ is \\w+)",
    },
    # Why a regular expression is invalid (`re`'s reasons, worded here).
    "scenario.regex.unclosed_set": {
        "es": "un conjunto [ no se cierra con ] (para un [ literal, escribe \\[)",
        "en": "a set [ is not closed with ] (for a literal [, write \\[)",
    },
    "scenario.regex.unclosed_group": {
        "es": "un ( no se cierra con ) (para un ( literal, escribe \\()",
        "en": "a ( is not closed with ) (for a literal (, write \\()",
    },
    "scenario.regex.unbalanced": {
        "es": "sobra un ) que no abrió ningún ( (para un ) literal, escribe \\))",
        "en": "a ) closes no ( (for a literal ), write \\))",
    },
    "scenario.regex.nothing_to_repeat": {
        "es": "un *, + o ? no tiene nada antes que repetir (para uno literal, escribe \\*)",
        "en": "a *, + or ? has nothing before it to repeat (for a literal one, write \\*)",
    },
    "scenario.regex.multiple_repeat": {
        "es": "dos repeticiones seguidas (como ** o +*)",
        "en": "two repetitions in a row (like ** or +*)",
    },
    "scenario.regex.trailing_backslash": {
        "es": "termina con una \\ suelta (para una \\ literal, escribe \\\\)",
        "en": "it ends with a lone \\ (for a literal \\, write \\\\)",
    },
    "scenario.regex.bad_escape": {
        "es": "el escape {part} no existe (para una \\ literal, escribe \\\\)",
        "en": "there is no escape {part} (for a literal \\, write \\\\)",
    },
    "scenario.regex.bad_range": {
        "es": "el rango {part} no es válido (va al revés, o un extremo no es un solo carácter)",
        "en": "the range {part} is not valid (it is backwards, or an end is not one character)",
    },
    "scenario.regex.bad_repeat_range": {
        "es": "en una repetición con llaves, el mínimo es mayor que el máximo",
        "en": "in a repetition with braces, the minimum is greater than the maximum",
    },
    "scenario.regex.lookbehind": {
        "es": "lo que se busca hacia atrás, (?<=…) o (?<!…), debe tener un largo fijo",
        "en": "a look-behind, (?<=…) or (?<!…), must have a fixed length",
    },
    "scenario.regex.flags": {
        "es": "las banderas como (?i) van al principio de la expresión",
        "en": "flags such as (?i) go at the start of the expression",
    },
    "scenario.regex.group": {
        "es": "un grupo con nombre, (?P<nombre>…), o una referencia a un grupo no es válido",
        "en": "a named group, (?P<name>…), or a reference to a group is not valid",
    },
    "scenario.regex.unknown_extension": {
        "es": "Python no conoce el grupo ({part}: un grupo con nombre se escribe (?P<nombre>…), "
        "uno que no captura (?:…); para un ( literal, escribe \\(",
        "en": "Python knows no group ({part}: a named group is written (?P<name>…), one that "
        "captures nothing (?:…); for a literal (, write \\(",
    },
    "scenario.regex.inline_flags": {
        "es": "unas banderas como (?i) están mal escritas o no se cierran: van solas al principio, "
        "(?i), o con la parte a la que se aplican, (?i:…); las banderas son a, i, m, s, u y x",
        "en": "flags such as (?i) are malformed or not closed: alone at the start, (?i), or "
        "with the part they apply to, (?i:…); the flags are a, i, m, s, u and x",
    },
    "scenario.regex.repeat_too_large": {
        "es": "la repetición {part} es demasiado grande (a lo más {most})",
        "en": "the repeat {part} is too large (at most {most})",
    },
    "scenario.regex.too_deep": {
        "es": "anida demasiados grupos ( … ) (más de {limit} uno dentro de otro)",
        "en": "it nests too many groups ( … ) (more than {limit} one inside another)",
    },
    "scenario.regex.other": {
        "es": "no es válida en el carácter {position}",
        "en": "it is not valid at character {position}",
    },
    "scenario.expect_nothing": {
        "es": "'expect' necesita un localizador, 'url' o 'title'",
        "en": "'expect' needs a locator, 'url' or 'title'",
    },
    "scenario.unknown": {
        "es": "No conozco el escenario '{name}'{hint}. Disponibles: {available}",
        "en": "Unknown scenario '{name}'{hint}. Available: {available}",
    },
    "scenario.dir_missing": {
        "es": "AUTOHELPER_SCENARIOS nombra «{path}», que no es una carpeta: corrígela, o "
        "quítala para usar los escenarios incluidos.",
        "en": "AUTOHELPER_SCENARIOS names “{path}”, which is not a folder: fix it, or unset it "
        "to use the bundled scenarios.",
    },
    "scenario.dir_empty": {
        "es": "No hay escenarios (archivos .yaml) en {path}, la carpeta que nombra "
        "AUTOHELPER_SCENARIOS: corrígela, o quítala para usar los escenarios incluidos.",
        "en": "There are no scenarios (.yaml files) in {path}, the folder AUTOHELPER_SCENARIOS "
        "names: fix it, or unset it to use the bundled scenarios.",
    },
    "scenario.none": {
        "es": "No hay escenarios (archivos .yaml) en {path}.",
        "en": "There are no scenarios (.yaml files) in {path}.",
    },
    "scenario.file_missing": {
        "es": "No existe el archivo de escenario {path}",
        "en": "The scenario file {path} does not exist",
    },
    "scenario.file_unusable": {
        "es": "No puedo leer el escenario {path}: {reason}",
        "en": "Cannot read the scenario {path}: {reason}",
    },
}
