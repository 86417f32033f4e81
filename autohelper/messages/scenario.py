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
    "scenario.expected_bool": {"es": "se esperaba true o false", "en": "expected true or false"},
    "scenario.expected_seconds": {
        "es": "se esperaba un número positivo de segundos",
        "en": "expected a positive number of seconds",
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
        "es": "'{ref}' no está declarado en needs.profile",
        "en": "'{ref}' is not declared in needs.profile",
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
    "scenario.bad_origin": {
        "es": "origen inválido '{origin}': se espera esquema://host, "
        "p. ej. https://serviciosdigitales.imss.gob.mx o https://*.imss.gob.mx",
        "en": "invalid origin '{origin}': expected scheme://host, "
        "e.g. https://serviciosdigitales.imss.gob.mx or https://*.imss.gob.mx",
    },
    "scenario.outside_origins": {
        "es": "'{url}' no está en los orígenes declarados: {origins}",
        "en": "'{url}' is not in the declared origins: {origins}",
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
        "es": "un caso 'error' necesita 'message' (el consejo para la persona)",
        "en": "an 'error' case needs a 'message' (the advice for the person)",
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
    "scenario.expect_nothing": {
        "es": "'expect' necesita un localizador, 'url' o 'title'",
        "en": "'expect' needs a locator, 'url' or 'title'",
    },
    "scenario.unknown": {
        "es": "No conozco el escenario '{name}'{hint}. Disponibles: {available}",
        "en": "Unknown scenario '{name}'{hint}. Available: {available}",
    },
    "scenario.file_missing": {
        "es": "No existe el archivo de escenario {path}",
        "en": "The scenario file {path} does not exist",
    },
}
