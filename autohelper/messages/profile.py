"""Messages of the profile and its validation (owned by profile.py and validation.py)."""

from __future__ import annotations

_VALIDATION: dict[str, dict[str, str]] = {
    "validation.required": {"es": "falta el valor", "en": "the value is missing"},
    "validation.curp.length": {
        "es": "la CURP debe tener 18 caracteres (tiene {length})",
        "en": "the CURP must have 18 characters (it has {length})",
    },
    "validation.curp.letters": {
        "es": "las 4 letras iniciales de la CURP ({part}) deben ser letras A-Z",
        "en": "the CURP's 4 initial letters ({part}) must be letters A-Z",
    },
    "validation.curp.blocked_word": {
        "es": "las 4 letras iniciales de la CURP ({part}) forman una palabra que RENAPO no usa "
        "(en esos casos la segunda letra es X); revisa tu CURP en gob.mx/curp",
        "en": "the CURP's 4 initial letters ({part}) form a word RENAPO never issues "
        "(it uses X as the second letter instead); check your CURP at gob.mx/curp",
    },
    "validation.curp.date_format": {
        "es": "la fecha de nacimiento {part} debe ser de 6 dígitos (AAMMDD, caracteres 5-10)",
        "en": "the birth date {part} must be 6 digits (YYMMDD, characters 5-10)",
    },
    "validation.curp.date": {
        "es": "la fecha de nacimiento {part} no existe",
        "en": "the birth date {part} does not exist",
    },
    "validation.curp.date_future": {
        "es": "la fecha de nacimiento {part} (caracteres 5-10) sería posterior a hoy; revisa "
        "la fecha y la homoclave (carácter 17: un dígito es 1900-1999, una letra 2000-2099)",
        "en": "the birth date {part} (characters 5-10) would be after today; check the date "
        "and the homoclave (character 17: a digit means 1900-1999, a letter 2000-2099)",
    },
    "validation.curp.age_old": {
        "es": "la fecha de nacimiento de la CURP (caracteres 5-10) daría más de {max} años: "
        "revisa la homoclave (carácter 17, «{char}»): un dígito indica un nacimiento antes "
        "del 2000; quien nació en 2000 o después lleva ahí una letra",
        "en": "the CURP's birth date (characters 5-10) would mean an age over {max}: check the "
        "homoclave (character 17, “{char}”): a digit means a birth before 2000; someone born "
        "in 2000 or later has a letter there",
    },
    "validation.curp.age_old_lookalike": {
        "es": "la fecha de nacimiento de la CURP (caracteres 5-10) daría más de {max} años: "
        "la homoclave (carácter 17) es el dígito {char}, que indica un nacimiento antes del "
        "2000; quien nació en 2000 o después lleva ahí una letra: ¿escribiste {char} en vez "
        "de la letra {other}?",
        "en": "the CURP's birth date (characters 5-10) would mean an age over {max}: the "
        "homoclave (character 17) is the digit {char}, meaning a birth before 2000; someone "
        "born in 2000 or later has a letter there: did you type {char} instead of the letter "
        "{other}?",
    },
    "validation.curp.age_young": {
        "es": "la fecha de nacimiento de la CURP (caracteres 5-10) daría menos de {min} años: "
        "revisa la homoclave (carácter 17, «{char}»): una letra indica un nacimiento en 2000 "
        "o después; quien nació antes del 2000 lleva ahí un dígito",
        "en": "the CURP's birth date (characters 5-10) would mean an age under {min}: check "
        "the homoclave (character 17, “{char}”): a letter means a birth in 2000 or later; "
        "someone born before 2000 has a digit there",
    },
    "validation.curp.age_young_lookalike": {
        "es": "la fecha de nacimiento de la CURP (caracteres 5-10) daría menos de {min} años: "
        "la homoclave (carácter 17) es la letra {char}, que indica un nacimiento en 2000 o "
        "después; quien nació antes del 2000 lleva ahí un dígito: ¿escribiste la letra "
        "{char} en vez de {other}?",
        "en": "the CURP's birth date (characters 5-10) would mean an age under {min}: the "
        "homoclave (character 17) is the letter {char}, meaning a birth in 2000 or later; "
        "someone born before 2000 has a digit there: did you type the letter {char} instead "
        "of {other}?",
    },
    "validation.curp.date_1900": {
        "es": "la homoclave (carácter 17) es un dígito, que indica un nacimiento en 1900-1999, "
        "y el 29 de febrero de 1900 no existe (1900 no fue bisiesto); una CURP de 2000 lleva "
        "una letra en ese lugar",
        "en": "the homoclave (character 17) is a digit, meaning a birth in 1900-1999, and "
        "29 February 1900 does not exist (1900 was not a leap year); a CURP of 2000 has a "
        "letter there",
    },
    "validation.curp.inner_vowel": {
        "es": "la segunda letra de la CURP ('{part}') debe ser la primera vocal interna del "
        "primer apellido, o X si no la tiene; nunca otra consonante",
        "en": "the CURP's second letter ('{part}') must be the first inner vowel of the first "
        "surname, or X when it has none; never another consonant",
    },
    "validation.curp.sex": {
        "es": "el sexo (carácter 11) debe ser H, M o X, no '{part}'",
        "en": "the sex letter (character 11) must be H, M or X, not '{part}'",
    },
    "validation.curp.state": {
        "es": "el estado '{part}' (caracteres 12-13) no existe; los válidos son: {valid} "
        "(NE: nacido en el extranjero)",
        "en": "unknown state '{part}' (characters 12-13); the valid ones are: {valid} "
        "(NE: born abroad)",
    },
    "validation.curp.consonants": {
        "es": "las 3 consonantes (caracteres 14-16: {part}) deben ser consonantes A-Z",
        "en": "the 3 consonants (characters 14-16: {part}) must be consonants A-Z",
    },
    "validation.curp.homoclave": {
        "es": "la homoclave (carácter 17: '{part}') debe ser una letra o un dígito",
        "en": "the homoclave (character 17: '{part}') must be a letter or a digit",
    },
    "validation.curp.check_format": {
        "es": "el último carácter de la CURP ('{part}') debe ser un dígito verificador",
        "en": "the CURP's last character ('{part}') must be a check digit",
    },
    "validation.curp.check_digit": {
        "es": "el dígito verificador de la CURP no coincide (debería ser {expected})",
        "en": "the CURP check digit does not match (it should be {expected})",
    },
    "validation.curp.invalid": {
        "es": "la CURP no es válida; revísala en gob.mx/curp",
        "en": "the CURP is not valid; check it at gob.mx/curp",
    },
    "validation.nss.digits": {
        "es": "el NSS solo lleva dígitos: su carácter {position} es «{char}»",
        "en": "the NSS holds digits only: its character {position} is “{char}”",
    },
    "validation.nss.length": {
        "es": "el NSS debe tener 11 dígitos (tiene {length})",
        "en": "the NSS must have 11 digits (it has {length})",
    },
    "validation.nss.check_digit": {
        "es": "el dígito verificador del NSS no coincide (debería ser {expected})",
        "en": "the NSS check digit does not match (it should be {expected})",
    },
    "validation.nss.birth_year": {
        "es": "el año de nacimiento del NSS (dígitos 5-6: {nss_year}) no coincide con el de la "
        "CURP ({curp_year}); revisa que el NSS sea tuyo",
        "en": "the NSS birth year (digits 5-6: {nss_year}) differs from the CURP's "
        "({curp_year}); check that the NSS is yours",
    },
    "validation.email.spaces": {
        "es": "el correo no puede tener espacios",
        "en": "the email cannot contain spaces",
    },
    "validation.email.at": {
        "es": "el correo debe tener exactamente una @",
        "en": "the email must have exactly one @",
    },
    "validation.email.local": {
        "es": "la parte antes de la @ no es válida",
        "en": "the part before the @ is not valid",
    },
    "validation.email.local_length": {
        "es": "la parte antes de la @ tiene {length} caracteres; como máximo lleva {max}",
        "en": "the part before the @ has {length} characters; it holds at most {max}",
    },
    "validation.email.domain": {
        "es": "el dominio '{domain}' no es válido (ejemplo: gmail.com)",
        "en": "the domain '{domain}' is not valid (example: gmail.com)",
    },
    "validation.email.typo": {
        "es": "¿quisiste decir {suggestion} en vez de {domain}?",
        "en": "did you mean {suggestion} instead of {domain}?",
    },
    "validation.email.mismatch": {
        "es": "los dos correos no coinciden",
        "en": "the two emails do not match",
    },
    "validation.postal_code.format": {
        "es": "el código postal debe tener 5 dígitos (tiene {length})",
        "en": "the postal code must have 5 digits (it has {length})",
    },
    "validation.postal_code.digits": {
        "es": "el código postal solo lleva dígitos: su carácter {position} es «{char}»",
        "en": "the postal code holds digits only: its character {position} is “{char}”",
    },
    "validation.postal_code.state": {
        "es": "ningún código postal empieza con 00 (los dos primeros dígitos son el estado)",
        "en": "no postal code starts with 00 (the first two digits are the state)",
    },
    "validation.name.format": {
        "es": "solo letras, espacios, apóstrofos, puntos y guiones",
        "en": "letters, spaces, apostrophes, dots and dashes only",
    },
    "validation.name.character": {
        "es": "solo letras, espacios, apóstrofos, puntos y guiones; sobra {character}",
        "en": "letters, spaces, apostrophes, dots and dashes only; remove {character}",
    },
    "validation.name.invisible": {
        "es": "solo letras, espacios, apóstrofos, puntos y guiones; lleva un carácter invisible, "
        "{character} (suele venir de copiar y pegar): bórralo o escribe el valor de nuevo",
        "en": "letters, spaces, apostrophes, dots and dashes only; it holds an invisible "
        "character, {character} (usually from a copy and paste): delete it or type the value "
        "again",
    },
    "validation.phone.format": {
        "es": "el teléfono debe tener 10 dígitos (tiene {length})",
        "en": "the phone number must have 10 digits (it has {length})",
    },
    "validation.phone.length_after_52": {
        "es": "el teléfono debe tener 10 dígitos después del 52 de México (tiene {length})",
        "en": "the phone number must have 10 digits after Mexico's 52 (it has {length})",
    },
    "validation.phone.mobile_prefix": {
        "es": "el teléfono tiene 11 dígitos después del 52 de México: el 1 que seguía al 52 en "
        "los celulares ya no se usa (desde 2019); quítalo y deja los 10 dígitos",
        "en": "the phone number has 11 digits after Mexico's 52: the 1 that mobiles had after "
        "the 52 is no longer used (since 2019); remove it and keep the 10 digits",
    },
    "validation.phone.digits": {
        "es": "el teléfono solo lleva dígitos: su carácter {position} es «{char}»",
        "en": "the phone number holds digits only: its character {position} is “{char}”",
    },
    "validation.phone.country": {
        "es": "el teléfono debe ser de México: 10 dígitos, sin prefijo de país o con +52",
        "en": "the phone number must be a Mexican one: 10 digits, with no country code or +52",
    },
    "validation.student_id.format": {
        "es": "el ID escolar lleva solo dígitos, hasta 11 (como el ID ITSON)",
        "en": "the student ID holds digits only, up to 11 (like the ITSON ID)",
    },
    "validation.too_long": {
        "es": "es demasiado largo: {length} caracteres (máximo {max})",
        "en": "it is too long: {length} characters (at most {max})",
    },
    "validation.place.format": {
        "es": "solo letras, dígitos, espacios y . , # ' / ° -",
        "en": "letters, digits, spaces and . , # ' / ° - only",
    },
    "validation.house_number.format": {
        "es": "solo letras, dígitos, espacios y . / # - (por ejemplo 123-B o S/N)",
        "en": "letters, digits, spaces and . / # - only (for example 123-B or S/N)",
    },
    "validation.place.character": {
        "es": "solo letras, dígitos, espacios y . , # ' / ° -; sobra {character}",
        "en": "letters, digits, spaces and . , # ' / ° - only; remove {character}",
    },
    "validation.place.invisible": {
        "es": "solo letras, dígitos, espacios y . , # ' / ° -; lleva un carácter invisible, "
        "{character} (suele venir de copiar y pegar): bórralo o escribe el valor de nuevo",
        "en": "letters, digits, spaces and . , # ' / ° - only; it holds an invisible character, "
        "{character} (usually from a copy and paste): delete it or type the value again",
    },
    "validation.house_number.character": {
        "es": "solo letras, dígitos, espacios y . / # - (por ejemplo 123-B o S/N); sobra "
        "{character}",
        "en": "letters, digits, spaces and . / # - only (for example 123-B or S/N); remove "
        "{character}",
    },
    "validation.house_number.invisible": {
        "es": "solo letras, dígitos, espacios y . / # - (por ejemplo 123-B o S/N); lleva un "
        "carácter invisible, {character} (suele venir de copiar y pegar): bórralo o escribe el "
        "valor de nuevo",
        "en": "letters, digits, spaces and . / # - only (for example 123-B or S/N); it holds an "
        "invisible character, {character} (usually from a copy and paste): delete it or type "
        "the value again",
    },
    "validation.not_utf8": {
        "es": "tu terminal no envía UTF-8: el byte {byte} no es texto UTF-8 (suele ser una "
        "letra con acento o una ñ); configura la terminal en UTF-8 o escribe el texto sin "
        "acentos",
        "en": "your terminal does not send UTF-8: byte {byte} is not UTF-8 text (usually an "
        "accented letter or an ñ); set the terminal to UTF-8 or type the text without accents",
    },
    "validation.choice": {
        "es": "debe ser uno de: {choices}",
        "en": "must be one of: {choices}",
    },
    "validation.bool": {
        "es": "responde sí o no (true/false)",
        "en": "answer yes or no (true/false)",
    },
}

# One label and one explanation per field: the wizard, `show` and the docs use the same words.
_FIELDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "curp": (
        ("CURP", "CURP"),
        (
            "Tu CURP (18 caracteres); está en tu acta o en gob.mx/curp.",
            "Your CURP (18 characters); it is on your records or at gob.mx/curp.",
        ),
    ),
    "nss": (
        ("NSS", "NSS"),
        (
            "Tu Número de Seguridad Social (11 dígitos); déjalo vacío si aún no tienes.",
            "Your social security number (11 digits); leave it empty if you have none yet.",
        ),
    ),
    "email": (
        ("Correo", "Email"),
        (
            "Tu correo: el IMSS envía ahí sus enlaces, usa uno que revises.",
            "Your email: IMSS sends its links there, use one you read.",
        ),
    ),
    "names": (
        ("Nombre(s)", "Given name(s)"),
        (
            "Tu(s) nombre(s) tal como aparecen en tu CURP.",
            "Your given name(s) exactly as on your CURP.",
        ),
    ),
    "first_surname": (
        ("Primer apellido", "First surname"),
        ("Tu primer apellido, tal como en tu CURP.", "Your first surname, as on your CURP."),
    ),
    "second_surname": (
        ("Segundo apellido", "Second surname"),
        (
            "Tu segundo apellido; déjalo vacío si no tienes.",
            "Your second surname; leave it empty if you have none.",
        ),
    ),
    "postal_code": (
        ("Código postal", "Postal code"),
        ("El código postal de tu domicilio (5 dígitos).", "Your home postal code (5 digits)."),
    ),
    "institution": (
        ("Institución", "Institution"),
        (
            "Tu escuela: itson (Instituto Tecnológico de Sonora) o escolar (otra escuela "
            "donde el Depto. de Servicios Escolares registra tu alta).",
            "Your school: itson (Instituto Tecnológico de Sonora) or escolar (another school "
            "whose Servicios Escolares office registers you).",
        ),
    ),
    "has_other_insurance": (
        ("Otro seguro médico", "Other health insurance"),
        (
            "¿Ya tienes otro seguro médico (IMSS por tus padres o trabajo, ISSSTE...)? sí/no",
            "Do you already have other health insurance (IMSS through parents or work, "
            "ISSSTE...)? yes/no",
        ),
    ),
    "nss_from_employer": (
        ("NSS dado por un empleador", "NSS given by an employer"),
        (
            "¿Tu NSS te lo asignó un empleador? Entonces se omite el paso de obtenerlo. sí/no",
            "Was your NSS assigned by an employer? Then the step to get one is skipped. yes/no",
        ),
    ),
    "street": (
        ("Calle", "Street"),
        (
            "La calle de tu domicilio, sin el número (la pide el alta en la clínica).",
            "Your home street, without the number (the clinic registration asks for it).",
        ),
    ),
    "exterior_number": (
        ("Número exterior", "Exterior number"),
        (
            "El número exterior de tu domicilio (p. ej. 123, 123-B o S/N).",
            "Your home's exterior number (e.g. 123, 123-B or S/N).",
        ),
    ),
    "interior_number": (
        ("Número interior", "Interior number"),
        (
            "El número interior (departamento), si hay.",
            "The interior number (apartment), if any.",
        ),
    ),
    "colonia": (
        ("Colonia", "Colonia"),
        (
            "Tu colonia; se elige de la lista de tu código postal durante el alta en la clínica.",
            "Your colonia; it is picked from your postal code's list during clinic registration.",
        ),
    ),
    "student_id": (
        ("ID escolar", "Student ID"),
        (
            "Tu ID escolar (en ITSON, el ID de 11 dígitos; se completa con ceros a la izquierda).",
            "Your student ID (at ITSON, the 11-digit ID; padded with zeros on the left).",
        ),
    ),
    "phone": (
        ("Teléfono", "Phone"),
        ("Tu celular a 10 dígitos (opcional).", "Your mobile number, 10 digits (optional)."),
    ),
    "birth_date": (
        ("Fecha de nacimiento", "Birth date"),
        ("Se calcula de la CURP.", "Derived from the CURP."),
    ),
    "sex": (
        ("Sexo", "Sex"),
        ("Se calcula de la CURP.", "Derived from the CURP."),
    ),
}

_PROFILE: dict[str, dict[str, str]] = {
    "profile.not_found": {
        "es": "no existe el perfil {path}; créalo con `autohelper init{suffix}` o "
        "`autohelper profile set curp=...{suffix}`",
        "en": "the profile {path} does not exist; create it with `autohelper init{suffix}` or "
        "`autohelper profile set curp=...{suffix}`",
    },
    "profile.unreadable": {
        "es": "no pude leer el perfil {path}: {reason}",
        "en": "could not read the profile {path}: {reason}",
    },
    "profile.unwritable": {
        "es": "no pude guardar el perfil {path}: {reason}",
        "en": "could not save the profile {path}: {reason}",
    },
    "profile.link_to_nowhere": {
        "es": "no guardé el perfil {path}: es un enlace simbólico a {target}, y la carpeta de "
        "ese destino no existe (¿un disco sin conectar, una carpeta movida?). Conecta el disco "
        "o corrige el enlace",
        "en": "did not save the profile {path}: it is a symbolic link to {target}, and the "
        "folder it leads into does not exist (a disk not connected, a folder moved?). Connect "
        "the disk or fix the link",
    },
    "profile.unsafe_permissions": {
        "es": "los permisos {mode} del perfil {path} dejan leer tus datos a otros usuarios; "
        "no lo uso hasta que lo corrijas con: chmod 600 {path}",
        "en": "permissions {mode} on the profile {path} let other users read your data; "
        "it is not used until you fix it with: chmod 600 {path}",
    },
    "profile.yaml_error": {
        "es": "{path}: el YAML no es válido: {reason}",
        "en": "{path}: invalid YAML: {reason}",
    },
    "profile.duplicate_key": {
        "es": "clave repetida (ya está en la línea {first_line}); deja una sola",
        "en": "duplicate key (already on line {first_line}); keep only one",
    },
    "profile.not_mapping": {
        "es": "{path}: el perfil debe ser pares `clave: valor`, uno por línea (no una lista ni "
        "un solo valor)",
        "en": "{path}: the profile must be `key: value` pairs, one per line (not a list nor a "
        "single value)",
    },
    "profile.not_mapping_equals": {
        "es": "{path}: aquí hay `clave = valor` (como en un archivo TOML o INI); el perfil es "
        "YAML: pares `clave: valor`, uno por línea (por ejemplo names: Ana)",
        "en": "{path}: here is `key = value` (as in a TOML or INI file); the profile is YAML: "
        "`key: value` pairs, one per line (for example names: Ana)",
    },
    "profile.invalid": {
        "es": "{count} problema(s) en el perfil {path}:\n{problems}",
        "en": "{count} problem(s) in the profile {path}:\n{problems}",
    },
    "profile.unknown_field": {
        "es": "campo desconocido '{field}'. ¿Quisiste decir '{suggestion}'?",
        "en": "unknown field '{field}'. Did you mean '{suggestion}'?",
    },
    "profile.unknown_field_list": {
        "es": "campo desconocido '{field}'; los campos son: {fields}",
        "en": "unknown field '{field}'; the fields are: {fields}",
    },
    "profile.derived_field": {
        "es": "'{field}' se calcula de la CURP; fija la CURP en su lugar",
        "en": "'{field}' is derived from the CURP; set the CURP instead",
    },
    "profile.quote_value": {
        "es": 'escribe el valor entre comillas (por ejemplo {field}: "...") para que no se '
        "lea como número",
        "en": 'write the value in quotes (e.g. {field}: "...") so it is not read as a number',
    },
    "profile.quote_bool": {
        "es": 'escribe el valor entre comillas (por ejemplo {field}: "...") para que YAML no '
        "lo lea como sí/no (true/false)",
        "en": 'write the value in quotes (e.g. {field}: "...") so that YAML does not read it '
        "as yes/no (true/false)",
    },
    "profile.quote_date": {
        "es": 'escribe el valor entre comillas (por ejemplo {field}: "...") para que YAML no '
        "lo lea como una fecha",
        "en": 'write the value in quotes (e.g. {field}: "...") so that YAML does not read it '
        "as a date",
    },
    "profile.signed_number": {
        "es": "lleva solo dígitos, sin el signo «{sign}» delante",
        "en": "it holds digits only, without the “{sign}” sign in front",
    },
    "profile.not_text": {
        "es": "el valor debe ser texto",
        "en": "the value must be text",
    },
    "profile.missing_field": {
        "es": "falta; fíjalo con `autohelper profile set {field}=...{suffix}`",
        "en": "missing; set it with `autohelper profile set {field}=...{suffix}`",
    },
    "profile.needs_fields": {
        "es": "el perfil {path} no tiene {fields}; fíjalo con `autohelper profile set "
        "{example}{suffix}` o con `autohelper init{suffix}`",
        "en": "the profile {path} lacks {fields}; set it with `autohelper profile set "
        "{example}{suffix}` or with `autohelper init{suffix}`",
    },
    "profile.needs_first": {
        "es": "Primero consigue tu {field}: autohelper run {scenario}{suffix} (si ya lo tienes, "
        "guárdalo con `autohelper profile set {name}=...{suffix}`)",
        "en": "First get your {field}: autohelper run {scenario}{suffix} (if you already have "
        "it, save it with `autohelper profile set {name}=...{suffix}`)",
    },
    "profile.bad_name": {
        "es": "'{name}' no es un nombre de perfil válido (letras, dígitos, . _ -) ni una ruta "
        "(con / o con la terminación de un archivo, como .yaml)",
        "en": "'{name}' is neither a valid profile name (letters, digits, . _ -) nor a path "
        "(with / or with a file's ending, such as .yaml)",
    },
    "profile.name_or_file": {
        "es": "'{name}' es el nombre de un archivo de esta carpeta, y ningún perfil en {path} "
        "se llama así: no sé si quieres el archivo o un perfil nuevo con ese nombre; no hice "
        "nada. Para el archivo escribe --profile ./{name}; para un perfil con nombre, elige "
        "uno sin punto",
        "en": "'{name}' is the name of a file in this folder, and no profile in {path} has "
        "that name: I cannot tell whether you mean the file or a new profile of that name; "
        "nothing was done. For the file write --profile ./{name}; for a named profile, choose "
        "a name without a dot",
    },
    "profile.blank_name": {
        "es": "el perfil indicado (--profile o AUTOHELPER_PROFILE) está en blanco: vacío o "
        "solo con espacios (¿una variable sin valor?); da un nombre o una ruta, o no lo indiques "
        "para usar el perfil «default»",
        "en": "the profile given (--profile or AUTOHELPER_PROFILE) is blank: empty or only "
        "spaces (a variable with no value?); give a name or a path, or give none to use the "
        "“default” profile",
    },
    "profile.other_format": {
        "es": "{path} es un archivo {kind} por su nombre: los perfiles son archivos YAML "
        "(`clave: valor`) y no lo reescribo como YAML; no cambié nada. Usa un perfil .yaml "
        "(por ejemplo --profile {suggestion})",
        "en": "{path} is a {kind} file by its name: profiles are YAML files (`key: value`) and "
        "I will not rewrite it as YAML; nothing was changed. Use a .yaml profile (for example "
        "--profile {suggestion})",
    },
    "profile.busy": {
        "es": "el perfil {path} está en uso por otro proceso de autohelper (otra corrida o "
        "un `profile set`) que tiene tomada su carpeta {folder}; espera a que termine y vuelve "
        "a intentarlo (no cambié nada)",
        "en": "the profile {path} is in use by another autohelper process (another run or a "
        "`profile set`) holding its folder {folder}; wait for it to finish and try again "
        "(nothing was changed)",
    },
    "profile.set_interrupted": {
        "es": "Cancelado: el perfil {path} no cambió.",
        "en": "Cancelled: the profile {path} was not changed.",
    },
    "profile.not_a_profile": {
        "es": "{path} no parece un perfil de autohelper (no son pares `clave: valor` con los "
        "datos del perfil, como curp o names), así que no lo uso; revisa el perfil que "
        "indicaste (--profile o AUTOHELPER_PROFILE)",
        "en": "{path} does not look like an autohelper profile (it is not `key: value` pairs "
        "with the profile's data, like curp or names), so it is not used; check the profile "
        "you gave (--profile or AUTOHELPER_PROFILE)",
    },
    "profile.check_two_profiles": {
        "es": "indica un solo perfil que revisar: el archivo {file} o --profile {profile}, no "
        "los dos",
        "en": "give one profile to check: the file {file} or --profile {profile}, not both",
    },
    "profile.name_too_long": {
        "es": "el nombre de perfil '{name}' tiene {length} caracteres; un nombre de perfil tiene "
        "como máximo {max} (letras, dígitos, . _ -)",
        "en": "the profile name '{name}' has {length} characters; a profile name has at most "
        "{max} (letters, digits, . _ -)",
    },
    "profile.set_syntax": {
        "es": "'{arg}' no tiene la forma CLAVE=VALOR (por ejemplo postal_code=83000)",
        "en": "'{arg}' is not KEY=VALUE (for example postal_code=83000)",
    },
    "profile.set_empty_key": {
        "es": "'{arg}' no tiene clave antes del «=»: escribe CLAVE=VALOR (por ejemplo "
        "postal_code=83000)",
        "en": "'{arg}' has no key before the “=”: write KEY=VALUE (for example postal_code=83000)",
    },
    "profile.set_twice": {
        "es": "{field} está dos veces en la orden; escríbelo una sola vez, con el valor que "
        "quieres (no cambié nada)",
        "en": "{field} is given twice in the command; give it once, with the value you mean "
        "(nothing was changed)",
    },
    "profile.set_nothing": {
        "es": "indica al menos un CLAVE=VALOR",
        "en": "give at least one KEY=VALUE",
    },
    "profile.created": {"es": "Perfil creado: {path}", "en": "Profile created: {path}"},
    "profile.updated": {"es": "Perfil actualizado: {path}", "en": "Profile updated: {path}"},
    "profile.warning": {"es": "Aviso: {message}", "en": "Warning: {message}"},
    "profile.problem": {"es": "  - {message}", "en": "  - {message}"},
    "profile.problems_more": {"es": "  … y {count} más", "en": "  … and {count} more"},
    "profile.more_keys": {"es": "{keys} y {count} más", "en": "{keys} and {count} more"},
    "profile.stray_marker": {
        "es": "Estas claves no las usa autohelper; las guardé como comentario para que no se "
        "pierdan:",
        "en": "autohelper does not use these keys; they are kept as comments so that nothing "
        "is lost:",
    },
    "profile.stray_kept": {
        "es": "Las claves que autohelper no usa ({keys}) quedaron como comentario al final del "
        "archivo, con sus valores: no se perdió nada.",
        "en": "The keys autohelper does not use ({keys}) are kept as comments at the end of the "
        "file, with their values: nothing was lost.",
    },
    "profile.check_ok": {
        "es": "El perfil {path} es válido.",
        "en": "The profile {path} is valid.",
    },
    "profile.show_header": {"es": "Perfil {path}", "en": "Profile {path}"},
    "profile.show_masked_note": {
        "es": "(datos personales ocultos; usa --reveal para verlos)",
        "en": "(personal data masked; use --reveal to see it)",
    },
    "profile.unset": {"es": "(sin definir)", "en": "(not set)"},
    "profile.yes": {"es": "sí", "en": "yes"},
    "profile.no": {"es": "no", "en": "no"},
    "profile.wizard_intro": {
        "es": "Vamos a guardar tus datos una sola vez. Se quedan en tu computadora ({path}), "
        "con permisos solo para ti, y nunca aparecen completos en registros ni reportes.",
        "en": "Let's store your data once. It stays on your computer ({path}), readable only "
        "by you, and never appears in full in logs or reports.",
    },
    "profile.wizard_existing_invalid": {
        "es": "El perfil actual tiene {count} problema(s); te pregunto de nuevo esos campos "
        "y conservo los demás valores (Enter para conservar cada uno):",
        "en": "The current profile has {count} problem(s); those fields are asked again and "
        "the other values are kept (Enter keeps each one):",
    },
    "profile.wizard_stray_ahead": {
        "es": "Las claves que autohelper no usa no se borran: al guardar quedan como comentario "
        "en el archivo.",
        "en": "The keys autohelper does not use are not deleted: the save keeps them as "
        "comments in the file.",
    },
    "profile.wizard_keep_from": {
        "es": "Enter para usar {value}, escrito como '{key}'",
        "en": "Enter to use {value}, written as '{key}'",
    },
    "profile.wizard_keep": {
        "es": "Enter para conservar {value}",
        "en": "Enter to keep {value}",
    },
    "profile.wizard_optional": {
        "es": "Enter para dejarlo vacío",
        "en": "Enter to leave it empty",
    },
    "profile.wizard_confirm_email": {
        "es": "Escribe el correo otra vez",
        "en": "Type the email again",
    },
    "profile.wizard_try_again": {
        "es": "Inténtalo de nuevo.",
        "en": "Please try again.",
    },
    "profile.wizard_use_suggestion": {
        "es": "¿Lo corrijo a …@{domain}? (Enter o sí: corregirlo; no: dejarlo como lo escribiste)",
        "en": "Fix it to …@{domain}? (Enter or yes: fix it; no: keep it as you typed it)",
    },
    "profile.wizard_interrupted": {
        "es": "Cancelado (Ctrl-C): no se guardó nada de lo que escribiste; el perfil quedó "
        "como estaba.",
        "en": "Cancelled (Ctrl-C): nothing you typed was saved; the profile is as it was.",
    },
    "profile.wizard_cancelled": {
        "es": "Cancelado: la entrada terminó antes de acabar; no se guardó nada.",
        "en": "Cancelled: the input ended before the end; nothing was saved.",
    },
    "profile.next_nss": {
        "es": "Siguiente paso: autohelper run imss-nss{suffix} (o pruébalo antes sin riesgo con "
        "autohelper run imss-nss --against fixtures{suffix})",
        "en": "Next step: autohelper run imss-nss{suffix} (or try it first, risk-free, with "
        "autohelper run imss-nss --against fixtures{suffix})",
    },
    "profile.next_status": {
        "es": "Siguiente paso: autohelper status{suffix} (dice qué sigue en tu trámite)",
        "en": "Next step: autohelper status{suffix} (it says what comes next in your paperwork)",
    },
    "profile.next_blocked": {
        "es": "Siguiente paso: por ahora ninguno.\n  {why}\n  Si tu perfil está bien, pregunta "
        "tus dudas a {desk}: autohelper status{suffix} te da sus datos y un mensaje listo para "
        "enviar.",
        "en": "Next step: none for now.\n  {why}\n  If your profile is right, ask {desk} about "
        "it: autohelper status{suffix} gives you their contacts and a message ready to send.",
    },
    "profile.wizard_done": {
        "es": "Listo. Resumen (datos ocultos):",
        "en": "Done. Summary (data masked):",
    },
}

MESSAGES: dict[str, dict[str, str]] = {**_VALIDATION, **_PROFILE}
for _name, ((_label_es, _label_en), (_help_es, _help_en)) in _FIELDS.items():
    MESSAGES[f"profile.field.{_name}"] = {"es": _label_es, "en": _label_en}
    MESSAGES[f"profile.explain.{_name}"] = {"es": _help_es, "en": _help_en}
