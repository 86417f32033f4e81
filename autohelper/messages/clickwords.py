"""Click's own words (usage errors, help headings, "default:"), keyed by Click's message id.

Click marks every text it shows with gettext; `autohelper.cli.localized` routes those calls here,
so an unknown command, a missing argument or a bad option value reads in the person's language.
A key is `click.` + Click's English text; its English entry is that text (unchanged but for
`_ENGLISH`), and the Spanish one keeps the same `{placeholders}` (Click fills them in). A test
checks that every id still exists in the installed Click and that every id Click can show a
person is here.
"""

from __future__ import annotations

_SPANISH: dict[str, str] = {
    # Help pages.
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Comandos",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "Muestra esta ayuda y sale.",
    "Show the version and exit.": "Muestra la versión y sale.",
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
    "env var: {var}": "variable de entorno: {var}",
    "default: {default}": "por omisión: {default}",
    "required": "obligatorio",
    "(dynamic)": "(calculado)",
    "deprecated": "obsoleto",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Aviso: el comando {name!r} está obsoleto.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Aviso: {param_type} {name!r} está obsoleto.{extra_message}"
    ),
    # Usage errors.
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Prueba '{command} {option}' para ver la ayuda.",
    "No such command {name!r}.": "No existe el comando {name!r}.",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "Did you mean {possibility}?": "¿Quisiste decir {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(¿Quisiste decir alguno de: {possibilities}?)",
    "Missing command.": "Falta el comando.",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing {param_type}": "Falta {param_type}",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "Got unexpected extra argument ({args})": "Sobra un argumento ({args})",
    "Got unexpected extra arguments ({args})": "Sobran argumentos ({args})",
    "Option {name!r} does not take a value.": "La opción {name!r} no lleva valor.",
    "Option {name!r} requires an argument.": "A la opción {name!r} le falta su valor.",
    "Option {name!r} requires {nargs} arguments.": "La opción {name!r} lleva {nargs} valores.",
    "Argument {name!r} takes {nargs} values.": "El argumento {name!r} lleva {nargs} valores.",
    "Invalid start character for option ({option})": (
        "Carácter inicial no válido en una opción ({option})"
    ),
    "Takes {nargs} values but 1 was given.": "Lleva {nargs} valores, pero se dio 1.",
    "Takes {nargs} values but {len} were given.": "Lleva {nargs} valores, pero se dieron {len}.",
    "Value must be an iterable.": "El valor debe ser una lista.",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    # Values of a given type. ({number_type} is said in the person's words: cli/localized.py.)
    "{value!r} is not a valid {number_type}.": "{value!r} no es un {number_type} válido.",
    "{value} is not in the range {range}.": "{value} no está en el rango {range}.",
    "{value!r} is not {choice}.": "{value!r} no es {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} no es uno de {choices}.",
    "Choose from:\n\t{choices}": "Elige entre:\n\t{choices}",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} no es un sí/no válido. Valores reconocidos: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} no es un UUID válido.",
    "{value!r} does not match the format {format}.": "{value!r} no tiene el formato {format}.",
    "{value!r} does not match the formats {formats}.": (
        "{value!r} no tiene ninguno de los formatos {formats}."
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "Se necesitan {len_type} valores, pero se dio {len_value}."
    ),
    "{len_type} values are required, but {len_value} were given.": (
        "Se necesitan {len_type} valores, pero se dieron {len_value}."
    ),
    "file": "archivo",
    "directory": "carpeta",
    "path": "ruta",
    "{name} {filename!r} does not exist.": "{name} {filename!r}: no existe.",
    "{name} {filename!r} is a file.": "{name} {filename!r}: es un archivo, no una carpeta.",
    "{name} {filename!r} is a directory.": "{name} {filename!r}: es una carpeta, no un archivo.",
    "{name} {filename!r} is not readable.": "{name} {filename!r}: no tienes permiso de leerlo.",
    "{name} {filename!r} is not writable.": (
        "{name} {filename!r}: no tienes permiso de escribir ahí."
    ),
    "{name} {filename!r} is not executable.": "{name} {filename!r}: no es ejecutable.",
    "Could not open file {filename!r}: {message}": (
        "No se pudo abrir el archivo {filename!r}: {message}"
    ),
    "unknown error": "error desconocido",
    # Prompts.
    "Aborted!": "Cancelado.",
    "Do you want to continue?": "¿Quieres continuar?",
    "Confirm the action without prompting.": "Confirma la acción sin preguntar.",
    "Repeat for confirmation": "Repítelo para confirmar",
    "Error: The two entered values do not match.": "Error: los dos valores no coinciden.",
    "Error: invalid input": "Error: respuesta no válida",
    "Press any key to continue...": "Pulsa una tecla para continuar...",
}

# Where Click's English itself would differ from ours.
_ENGLISH: dict[str, str] = {}

MESSAGES: dict[str, dict[str, str]] = {
    f"click.{msgid}": {"es": spanish, "en": _ENGLISH.get(msgid, msgid)}
    for msgid, spanish in _SPANISH.items()
}
