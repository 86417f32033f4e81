"""Messages for files a person gives us: reading them (file.*) and their YAML (yaml.*), one phrase
per kind of problem (owned by yamlerrors.py); and paths the CLI will write to (path.*).

Each renders only the phrase; the caller puts `file:line:column: ` in front.
"""

from __future__ import annotations

_FILE: dict[str, dict[str, str]] = {
    "file.not_found": {"es": "el archivo no existe", "en": "the file does not exist"},
    "file.is_directory": {
        "es": "es una carpeta, no un archivo",
        "en": "it is a folder, not a file",
    },
    "file.not_regular": {
        "es": "no es un archivo normal (¿un dispositivo o una tubería?)",
        "en": "it is not a regular file (a device or a pipe?)",
    },
    "file.not_regular_write": {
        "es": "no es un archivo normal sino un dispositivo, una tubería o un socket; no escribo "
        "ahí: elige la ruta de un archivo",
        "en": "it is not a regular file but a device, a pipe or a socket; I do not write there: "
        "choose a file's path",
    },
    "file.no_permission": {
        "es": "no tienes permiso para leerlo",
        "en": "you have no permission to read it",
    },
    "file.no_folder": {
        "es": "la carpeta donde iría no existe",
        "en": "the folder it would go in does not exist",
    },
    "file.not_a_folder": {
        "es": "una parte de la ruta es un archivo, no una carpeta",
        "en": "part of the path is a file, not a folder",
    },
    "file.cannot_write": {
        "es": "no tienes permiso para escribir ahí",
        "en": "you have no permission to write there",
    },
    "file.read_only": {
        "es": "el disco es de solo lectura",
        "en": "the disk is read-only",
    },
    "file.disk_full": {
        "es": "no queda espacio en el disco",
        "en": "there is no space left on the disk",
    },
    "file.link_loop": {
        "es": "es un enlace simbólico que, de enlace en enlace, vuelve a sí mismo",
        "en": "it is a symbolic link that leads, link after link, back to itself",
    },
    "file.os_error_write": {
        "es": "el sistema no pudo escribirlo (error {code})",
        "en": "the system could not write it (error {code})",
    },
    "file.os_error": {
        "es": "el sistema no pudo leerlo (error {code})",
        "en": "the system could not read it (error {code})",
    },
    "file.too_big": {
        "es": "es demasiado grande (más de {limit} kB); no parece el archivo correcto",
        "en": "it is too big (over {limit} kB); it does not look like the right file",
    },
    "file.not_utf8": {
        "es": "el archivo no está en UTF-8 (el byte {byte} no es UTF-8 válido); guárdalo como "
        "UTF-8 en tu editor",
        "en": "the file is not UTF-8 (byte {byte} is not valid UTF-8); save it as UTF-8 in "
        "your editor",
    },
}

_YAML: dict[str, dict[str, str]] = {
    "yaml.invalid": {
        "es": "aquí hay algo que no es YAML válido",
        "en": "something here is not valid YAML",
    },
    "yaml.tab": {
        "es": "hay un tabulador; en YAML la sangría va solo con espacios",
        "en": "there is a tab; YAML indents with spaces only",
    },
    "yaml.bad_start": {
        "es": "un valor no puede empezar con «{char}»; escríbelo entre comillas",
        "en": "a value cannot start with “{char}”; write it in quotes",
    },
    "yaml.mapping_values": {
        "es": "aquí no cabe un «clave: valor»; si el valor lleva «: », escríbelo entre "
        "comillas, o revisa la sangría",
        "en": "a “key: value” cannot go here; if the value holds “: ”, write it in quotes, or "
        "check the indentation",
    },
    "yaml.missing_colon": {
        "es": "a esta clave le falta «:» (cada línea es «clave: valor»)",
        "en": "this key lacks its “:” (each line is “key: value”)",
    },
    "yaml.unclosed_quote": {
        "es": "las comillas que se abren aquí nunca se cierran",
        "en": "the quotes opened here are never closed",
    },
    "yaml.quote_spans_lines": {
        "es": "las comillas que se abren aquí no se cierran en su línea: YAML sigue leyendo hasta "
        "la línea {closed}, y lo que sigue ya no es válido",
        "en": "the quotes opened here are not closed on their line: YAML reads on to line "
        "{closed}, and what follows is no longer valid",
    },
    "yaml.bad_escape": {
        "es": "«\\{char}» no es un escape válido entre comillas dobles; usa comillas simples "
        "o escribe \\\\",
        "en": "“\\{char}” is not a valid escape in double quotes; use single quotes or write \\\\",
    },
    "yaml.bad_escape_code": {
        "es": "un escape numérico entre comillas dobles está incompleto",
        "en": "a numeric escape in double quotes is incomplete",
    },
    "yaml.escape_past_unicode": {
        "es": "«{escape}» no es ningún carácter: Unicode llega hasta \\U0010FFFF",
        "en": "“{escape}” is no character: Unicode ends at \\U0010FFFF",
    },
    "yaml.escape_surrogate": {
        "es": "«{escape}» es media pareja UTF-16, no un carácter; escribe el carácter mismo "
        "o su código en 8 cifras (\\U0001F600, no \\ud83d\\ude00)",
        "en": "“{escape}” is half a UTF-16 pair, not a character; write the character itself "
        "or its code in 8 digits (\\U0001F600, not \\ud83d\\ude00)",
    },
    "yaml.indentation": {
        "es": "la sangría no cuadra con el bloque que empieza en la línea {opened}",
        "en": "the indentation does not match the block that starts on line {opened}",
    },
    "yaml.unclosed_list": {
        "es": "falta «,» o «]» en la lista abierta en la línea {opened}",
        "en": "a “,” or “]” is missing in the list opened on line {opened}",
    },
    "yaml.unclosed_mapping": {
        "es": "falta «,» o «}}» en el mapeo abierto en la línea {opened}",
        "en": "a “,” or “}}” is missing in the mapping opened on line {opened}",
    },
    "yaml.dash_here": {
        "es": "aquí no puede empezar un elemento de lista («- »); revisa la sangría",
        "en": "a list item (“- ”) cannot start here; check the indentation",
    },
    "yaml.question_here": {
        "es": "aquí no puede ir «?»; si es texto, escríbelo entre comillas",
        "en": "a “?” cannot go here; if it is text, write it in quotes",
    },
    "yaml.after_end": {
        "es": "hay algo después del final del documento; revisa la sangría",
        "en": "something follows the end of the document; check the indentation",
    },
    "yaml.no_value": {
        "es": "aquí falta un valor (o sobra un «]», «}}» o «,»)",
        "en": "a value is missing here (or there is an extra “]”, “}}” or “,”)",
    },
    "yaml.undefined_alias": {
        "es": "el alias «*{name}» no tiene antes un ancla «&{name}»",
        "en": "the alias “*{name}” has no anchor “&{name}” before it",
    },
    "yaml.duplicate_anchor": {
        "es": "el ancla «&{name}» ya se definió en la línea {opened}",
        "en": "the anchor “&{name}” was already defined on line {opened}",
    },
    "yaml.recursive_alias": {
        "es": "el alias «*{name}» está dentro de su propia ancla",
        "en": "the alias “*{name}” is inside its own anchor",
    },
    "yaml.two_documents": {
        "es": "el archivo tiene más de un documento (un «---» de más); debe tener uno solo",
        "en": "the file holds more than one document (an extra “---”); it must hold one",
    },
    "yaml.anchor_name": {
        "es": "tras «&» o «*» va un nombre de letras y dígitos; si es texto, escríbelo entre "
        "comillas",
        "en": "“&” or “*” is followed by a name of letters and digits; if it is text, write it "
        "in quotes",
    },
    "yaml.block_scalar": {
        "es": "el bloque de texto («|» o «>») está mal escrito",
        "en": "the text block (“|” or “>”) is malformed",
    },
    "yaml.tag": {
        "es": "«!» o «%» inician una etiqueta de YAML; si es texto, escríbelo entre comillas",
        "en": "“!” or “%” start a YAML tag; if it is text, write it in quotes",
    },
    "yaml.lone_equals": {
        "es": "un «=» solo no es un valor que YAML lea; si es el texto «=», escríbelo entre "
        'comillas ("="); si no, escribe el valor después de los dos puntos, sin «=»',
        "en": "a lone “=” is no value YAML reads; if the text is “=”, write it in quotes "
        '("="); otherwise write the value after the colon, without “=”',
    },
    "yaml.unknown_tag": {
        "es": "etiqueta de YAML desconocida «{tag}»; quítala o escribe el valor entre comillas",
        "en": "unknown YAML tag “{tag}”; remove it or write the value in quotes",
    },
    "yaml.unhashable_key": {
        "es": "una lista o un mapeo no puede ser una clave",
        "en": "a list or a mapping cannot be a key",
    },
    "yaml.merge": {
        "es": "«<<» solo combina un mapeo o una lista de mapeos",
        "en": "“<<” only merges a mapping or a list of mappings",
    },
    "yaml.unexpected_end": {
        "es": "el archivo termina antes de tiempo (¿falta cerrar un «[», un «{{» o unas comillas?)",
        "en": "the file ends too early (is a “[”, a “{{” or a quote left open?)",
    },
    "yaml.odd_line_break": {
        "es": "hay un salto de línea invisible ({code}) que YAML toma como fin de línea (suele "
        "venir de copiar y pegar de una página o un PDF): bórralo o cámbialo por un espacio",
        "en": "there is an invisible line break ({code}) that YAML takes as the end of a line "
        "(it usually comes from copying from a web page or a PDF): delete it or replace it "
        "with a space",
    },
    "yaml.control_char": {
        "es": "hay un carácter de control ({code}) que YAML no permite",
        "en": "there is a control character ({code}) that YAML does not allow",
    },
    "yaml.too_deep": {
        "es": "anidado a más de {limit} niveles; ningún archivo de autohelper llega a tanto",
        "en": "nested more than {limit} levels deep; no autohelper file goes that deep",
    },
    "yaml.too_big": {
        "es": "los alias se expanden a más de {limit} elementos",
        "en": "the aliases expand to more than {limit} items",
    },
    "yaml.bad_value.integer": {
        "es": "este valor no es un número entero ({tag}); si es texto, escríbelo entre comillas",
        "en": "this value is not an integer ({tag}); if it is text, write it in quotes",
    },
    "yaml.bad_value.number": {
        "es": "este valor no es un número ({tag}); si es texto, escríbelo entre comillas",
        "en": "this value is not a number ({tag}); if it is text, write it in quotes",
    },
    "yaml.bad_value.bool": {
        "es": "este valor no es true ni false ({tag})",
        "en": "this value is neither true nor false ({tag})",
    },
    "yaml.bad_value.date": {
        "es": "este valor parece una fecha pero no existe; si es texto, escríbelo entre comillas",
        "en": "this value looks like a date but does not exist; if it is text, write it in quotes",
    },
    "yaml.bad_value.other": {
        "es": "este valor no se puede leer como {tag}",
        "en": "this value cannot be read as {tag}",
    },
}

_PATH: dict[str, dict[str, str]] = {
    "path.bad_output": {"es": "{path}: {reason}", "en": "{path}: {reason}"},
    "path.example_name": {"es": "informe", "en": "report"},
    "output.is_profile": {
        "es": "{option} apunta a un perfil tuyo ({path}): escribir ahí borraría tus datos. No "
        "escribí nada; da otro archivo.",
        "en": "{option} names one of your profiles ({path}): writing there would destroy your "
        "data. Nothing was written; give another file.",
    },
    "output.is_journal": {
        "es": "{option} apunta al diario de autohelper ({path}): escribir ahí borraría lo que "
        "corriste y marcaste. No escribí nada; da otro archivo.",
        "en": "{option} names the autohelper journal ({path}): writing there would destroy what "
        "you ran and marked. Nothing was written; give another file.",
    },
    # `~user` in a path (an option's, a variable's) naming no user with a home folder here.
    "path.no_home": {
        "es": "«~{user}» sería la carpeta personal del usuario «{user}», pero ese usuario no "
        "existe en este equipo (o no tiene carpeta personal); escribe la ruta completa, o "
        "«~/» para la tuya",
        "en": "“~{user}” would be the home folder of the user “{user}”, but that user does not "
        "exist on this machine (or has no home folder); write the full path, or “~/” for yours",
    },
    "path.no_own_home": {
        "es": "«~» es tu carpeta personal, pero no sé cuál es (HOME no está definida); escribe "
        "la ruta completa",
        "en": "“~” is your home folder, but I cannot tell which it is (HOME is not set); write "
        "the full path",
    },
    # Reading any YAML file of ours (scenario, QA cases, profile): yamlerrors.read_text.
    "file.wide_encoding": {
        "es": "el archivo está guardado como {encoding}, no como UTF-8; guárdalo como UTF-8 "
        "en tu editor",
        "en": "the file is saved as {encoding}, not as UTF-8; save it as UTF-8 in your editor",
    },
    "path.profile_no_home": {
        "es": "El perfil «{value}» no sirve: {reason}.",
        "en": "The profile “{value}” cannot be used: {reason}.",
    },
    "path.variable_no_home": {
        "es": "La variable {variable} ({value}) no sirve: {reason}.",
        "en": "The variable {variable} ({value}) cannot be used: {reason}.",
    },
    # A report's path holding a file that is no earlier report of its kind (cli/paths.py).
    "path.not_a_report": {
        "es": "ya existe y no es {what}: no lo reemplazo. Elige otro archivo, o bórralo tú si "
        "ya no lo necesitas",
        "en": "it already exists and is not {what}: I will not replace it. Choose another "
        "file, or delete it yourself if you no longer need it",
    },
    "output.not_a_report": {
        "es": "{option} {path} ya existe y no es {what}: no lo reemplazo. Elige otro archivo, o "
        "bórralo tú si ya no lo necesitas.",
        "en": "{option} {path} already exists and is not {what}: I will not replace it. Choose "
        "another file, or delete it yourself if you no longer need it.",
    },
    "path.report_kind.html": {"es": "una página HTML", "en": "an HTML page"},
    "path.report_kind.ics": {
        "es": "un calendario (iCalendar, .ics)",
        "en": "a calendar (iCalendar, .ics)",
    },
    "path.report_kind.junit": {"es": "un informe JUnit (XML)", "en": "a JUnit report (XML)"},
    "path.dash": {
        "es": "«-» no es un archivo normal: autohelper no escribe informes en la salida "
        "estándar; indica la ruta de un archivo (por ejemplo {example}; para un archivo "
        "llamado «-», ./-)",
        "en": "“-” is not a regular file: autohelper writes no report to standard output; "
        "name a file (for example {example}; for a file named “-”, ./-)",
    },
    "path.empty_file": {
        "es": "la ruta está vacía: indica un archivo (por ejemplo {example})",
        "en": "the path is empty: name a file (for example {example})",
    },
    "path.is_file": {
        "es": "es un archivo, no una carpeta",
        "en": "it is a file, not a folder",
    },
    "path.no_folder": {
        "es": "la carpeta {folder} no existe; créala o elige otra ruta",
        "en": "the folder {folder} does not exist; create it or choose another path",
    },
}

MESSAGES: dict[str, dict[str, str]] = {**_FILE, **_YAML, **_PATH}
