"""Messages of reading documents and of the vigencia verdict (owned by autohelper.documents and
cli/documents.py)."""

from __future__ import annotations

_UNREADABLE = {"es": "No pude leer {path}: ", "en": "I could not read {path}: "}


def _unreadable(es: str, en: str) -> dict[str, str]:
    return {"es": _UNREADABLE["es"] + es, "en": _UNREADABLE["en"] + en}


_ERRORS: dict[str, dict[str, str]] = {
    "document.unreadable": _unreadable("{reason}.", "{reason}."),
    "document.not_found": _unreadable(
        "no existe ese archivo. Revisa la ruta.", "there is no such file. Check the path."
    ),
    "document.not_a_file": _unreadable(
        "no es un archivo (¿una carpeta?). Indica el PDF de la constancia.",
        "it is not a file (a folder?). Give the constancia's PDF.",
    ),
    "document.not_regular": _unreadable(
        "no es un archivo normal sino un dispositivo o una tubería. Indica el PDF de la "
        "constancia.",
        "it is not a regular file but a device or a pipe. Give the constancia's PDF.",
    ),
    "document.empty_path": {
        "es": "la ruta está vacía: indica el PDF de la constancia",
        "en": "the path is empty: give the constancia's PDF",
    },
    "document.empty": _unreadable(
        "el archivo está vacío. Descárgalo otra vez del correo o del portal.",
        "the file is empty. Download it again from the email or the portal.",
    ),
    "document.not_pdf": _unreadable(
        "no es un PDF. La constancia del IMSS llega como PDF (comprobanteVigenciaDerechos….pdf).",
        "it is not a PDF. The IMSS constancia comes as a PDF (comprobanteVigenciaDerechos….pdf).",
    ),
    "document.encrypted": _unreadable(
        "el PDF pide una contraseña. Usa el PDF tal como lo da el IMSS.",
        "the PDF asks for a password. Use the PDF as the IMSS gives it.",
    ),
    "document.no_text": _unreadable(
        "el PDF no tiene texto (parece una imagen o un escaneo). Usa el PDF original del "
        "IMSS, no una foto ni un escaneo; si ese es el original, revisa tú en él «Con derecho "
        "al servicio médico» y el patrón.",
        "the PDF has no text (it looks like an image or a scan). Use the IMSS's original "
        "PDF, not a photo or a scan; if this is the original, check “Con derecho al servicio "
        "médico” and the employer in it yourself.",
    ),
    "document.damaged": _unreadable(
        "el PDF está dañado o incompleto. Descárgalo otra vez.",
        "the PDF is damaged or incomplete. Download it again.",
    ),
    "document.too_big": _unreadable(
        "el PDF es demasiado grande o complejo para ser una constancia de vigencia (una "
        "constancia tiene una o dos páginas de texto). No lo leí entero. Usa el PDF de la "
        "constancia tal como lo da el IMSS.",
        "the PDF is too big or complex to be a constancia de vigencia (a constancia has one "
        "or two pages of text). I did not read it all. Use the constancia's PDF as the IMSS "
        "gives it.",
    ),
    "document.file_too_big": _unreadable(
        "el archivo pesa {size}, demasiado para una constancia de vigencia (una constancia pesa "
        "unas decenas de kB; el límite es {limit}). No lo leí. Usa el PDF de la constancia tal "
        "como lo da el IMSS.",
        "the file weighs {size}, too much for a constancia de vigencia (a constancia weighs a "
        "few tens of kB; the limit is {limit}). I did not read it. Use the constancia's PDF as "
        "the IMSS gives it.",
    ),
    "document.no_pages": _unreadable(
        "el PDF no tiene ninguna página. Descárgalo otra vez del correo o del portal.",
        "the PDF has no pages at all. Download it again from the email or the portal.",
    ),
    "document.someone_else": {
        "es": "{path} es la constancia de otra persona: su CURP ({curp}) y su NSS ({nss}) no "
        "son los de tu perfil. No te digo si está vigente: no sería tu vigencia. Usa tu "
        "constancia (autohelper run imss-vigencia{suffix} la consulta con tus datos) o, si tu "
        "perfil tiene un error, corrígelo (autohelper profile show{suffix}; autohelper profile "
        "set curp=… nss=…{suffix}).",
        "en": "{path} is someone else's constancia: its CURP ({curp}) and its NSS ({nss}) are "
        "not your profile's. I do not say whether it is in force: it would not be yours. Use "
        "your own constancia (autohelper run imss-vigencia{suffix} gets it with your data) or, "
        "if your profile is wrong, fix it (autohelper profile show{suffix}; autohelper profile "
        "set curp=… nss=…{suffix}).",
    },
    "document.not_constancia": _unreadable(
        "no parece una constancia de vigencia de derechos del IMSS (no encontré «Con derecho "
        "al servicio médico», la situación ni los patrones, o no trae NSS ni CURP).",
        "it does not look like an IMSS constancia de vigencia de derechos (I found neither "
        "“Con derecho al servicio médico”, the situation nor the employers, or it has no NSS "
        "nor CURP).",
    ),
    "document.several_constancias": _unreadable(
        "el archivo trae {copies} constancias. No sé cuál es la de hoy, así que no juzgo "
        "ninguna: usa un archivo con una sola constancia, la más reciente.",
        "the file holds {copies} constancias. I cannot tell which one is today's, so I judge "
        "none: use a file with a single constancia, the latest one.",
    ),
}

_FACTS: dict[str, dict[str, str]] = {
    "fact.nss": {"es": "NSS", "en": "NSS"},
    "fact.curp": {"es": "CURP", "en": "CURP"},
    "fact.name": {"es": "Nombre", "en": "Name"},
    "fact.situacion": {"es": "Situación", "en": "Situation"},
    "fact.con_derecho": {
        "es": "Con derecho al servicio médico",
        "en": "Entitled to medical service",
    },
    "fact.umf": {"es": "UMF (clínica)", "en": "UMF (clinic)"},
    "fact.turno": {"es": "Turno", "en": "Shift"},
    "fact.consultorio": {"es": "Consultorio", "en": "Consulting room"},
    "fact.vigencia_start": {"es": "Vigente desde", "en": "Valid from"},
    "fact.vigencia_end": {"es": "Vigente hasta", "en": "Valid until"},
    "fact.issued": {"es": "Fecha de emisión", "en": "Issued on"},
    "fact.employers": {"es": "los patrones", "en": "the employers"},
    "fact.last_employer": {
        "es": "el patrón del último movimiento",
        "en": "the employer of the last movement",
    },
    "fact.last_employer.out_of_order": {
        "es": "el patrón del último movimiento (bajo «Patrón del último movimiento del "
        "asegurado» no está su patrón: el texto del PDF no sigue el orden de una constancia)",
        "en": "the employer of the last movement (under “Patrón del último movimiento del "
        "asegurado” there is no employer: the PDF's text is not in a constancia's order)",
    },
    "fact.last_employer.unclear": {
        "es": "el nombre y la descripción del patrón del último movimiento (sus celdas ocupan "
        "varias líneas y no se distingue dónde acaba cada una ni qué líneas son suyas)",
        "en": "the name and description of the employer of the last movement (its cells run "
        "over several lines, and where each ends, or which lines are its own, cannot be told)",
    },
    "fact.last_employer.name": {
        "es": "el nombre del patrón del último movimiento",
        "en": "the name of the employer of the last movement",
    },
    "fact.last_employer.name_close": {
        "es": "si el patrón del último movimiento es tu escuela (su nombre se parece al de tu "
        "escuela, pero no es igual)",
        "en": "whether the employer of the last movement is your school (its name looks like "
        "your school's, but is not the same)",
    },
    "fact.last_employer.modalidad": {
        "es": "la modalidad del patrón del último movimiento",
        "en": "the modalidad of the employer of the last movement",
    },
}

_VERDICTS: dict[str, dict[str, str]] = {
    "verdict.any_school": {"es": "una escuela", "en": "a school"},
    "verdict.vigente.explain": {
        "es": "Tienes derecho al servicio médico y el patrón de tu último movimiento es "
        "{school} en la modalidad 32 (Seguro Facultativo): tu Seguro Facultativo está vigente.",
        "en": "You are entitled to medical service and the employer of your last movement is "
        "{school} in modalidad 32 (Seguro Facultativo): your Seguro Facultativo is in force.",
    },
    "verdict.vigente.advice": {
        "es": "Date de alta en tu clínica (UMF) con tu CURP; es el siguiente paso "
        "(autohelper run imss-umf{suffix}).",
        "en": "Register at your clinic (UMF) with your CURP; it is the next step "
        "(autohelper run imss-umf{suffix}).",
    },
    "verdict.sin_derecho.explain": {
        "es": "La constancia dice que NO tienes derecho al servicio médico: tu Seguro "
        "Facultativo todavía no está vigente.",
        "en": "The constancia says you are NOT entitled to medical service: your Seguro "
        "Facultativo is not in force yet.",
    },
    "verdict.sin_derecho.advice": {
        "es": "Si tu escuela te registró hace poco, espera: el alta tarda unos días hábiles; "
        "vuelve a consultar después. Si ya pasó más de una semana, confirma en Servicios "
        "Escolares de tu escuela que dieron de alta tu Seguro Facultativo con tu NSS.",
        "en": "If your school registered you recently, wait: it takes a few business days; "
        "check again later. If more than a week has passed, confirm with your school's "
        "Servicios Escolares that they registered your Seguro Facultativo with your NSS.",
    },
    "verdict.sin_derecho.advice_contacts": {
        "es": "Si hiciste tu solicitud hace menos de 5 días hábiles, es normal: el registro "
        "tarda de 2 a 5 días hábiles; vuelve a consultar después. Si ya pasaron, escribe a "
        "la mesa de ayuda ({contacts}): diles que sigues «sin derecho» y dales tu NSS y tu "
        "matrícula.",
        "en": "If you made your request less than 5 business days ago, this is normal: "
        "registration takes 2 to 5 business days; check again later. If more have passed, "
        "contact the help desk ({contacts}): tell them you are still “sin derecho” and give "
        "them your NSS and student ID.",
    },
    "verdict.otro_patron.explain": {
        "es": "Tienes derecho al servicio médico, pero el patrón de tu último movimiento es "
        "{employer} (modalidad {modalidad}), no {school}: tu registro como estudiante todavía "
        "no aparece.",
        "en": "You are entitled to medical service, but the employer of your last movement is "
        "{employer} (modalidad {modalidad}), not {school}: your registration as a student "
        "does not show yet.",
    },
    # The expected school itself, in another modalidad (a job there) or described otherwise.
    "verdict.otro_patron.explain.school_modalidad": {
        "es": "Tienes derecho al servicio médico, pero el patrón de tu último movimiento es "
        "{employer} en la modalidad {modalidad}, no en la {expected_modalidad} (Seguro "
        "Facultativo): es un empleo u otro registro ahí, no tu Seguro Facultativo; tu registro "
        "como estudiante todavía no aparece.",
        "en": "You are entitled to medical service, but the employer of your last movement is "
        "{employer} in modalidad {modalidad}, not in {expected_modalidad} (Seguro "
        "Facultativo): a job or another registration there, not your Seguro Facultativo; your "
        "registration as a student does not show yet.",
    },
    "verdict.otro_patron.explain.school_description": {
        "es": "Tienes derecho al servicio médico, pero el patrón de tu último movimiento es "
        "{employer} en la modalidad {modalidad} como «{description}», no como Seguro "
        "Facultativo de estudiantes: tu registro como estudiante todavía no aparece.",
        "en": "You are entitled to medical service, but the employer of your last movement is "
        "{employer} in modalidad {modalidad} as “{description}”, not as a student's Seguro "
        "Facultativo: your registration as a student does not show yet.",
    },
    "verdict.otro_patron.advice": {
        "es": "Si trabajas, ese servicio médico viene de tu empleo, y el Seguro Facultativo es "
        "para quien no tiene otro. Si no es tu caso, espera unos días hábiles y vuelve a "
        "consultar; si no cambia, pregunta en Servicios Escolares de tu escuela.",
        "en": "If you work, that medical service comes from your job, and the Seguro "
        "Facultativo is for those who have no other. If that is not your case, wait a few "
        "business days and check again; if nothing changes, ask your school's Servicios "
        "Escolares.",
    },
    "verdict.otro_patron.advice_contacts": {
        "es": "Si trabajas, ese servicio médico viene de tu empleo, y el Seguro Facultativo es "
        "para quien no tiene otro. Si no es tu caso y ya pasaron 5 días hábiles desde tu "
        "solicitud, escribe a la mesa de ayuda ({contacts}) con tu NSS y tu matrícula.",
        "en": "If you work, that medical service comes from your job, and the Seguro "
        "Facultativo is for those who have no other. If that is not your case and 5 business "
        "days have passed since your request, contact the help desk ({contacts}) with your "
        "NSS and student ID.",
    },
    "verdict.otra_escuela.explain": {
        "es": "Tienes derecho al servicio médico, pero por otra escuela: {employer} te tiene "
        "registrado en el Seguro Facultativo (modalidad 32), no {school}.",
        "en": "You are entitled to medical service, but through another school: {employer} "
        "has you registered in the Seguro Facultativo (modalidad 32), not {school}.",
    },
    "verdict.otra_escuela.advice": {
        "es": "Solo puedes tener un Seguro Facultativo. Si ya no estudias ahí, pide a esa "
        "escuela que te dé de baja y luego pide a tu escuela actual que te registre.",
        "en": "You can only have one Seguro Facultativo. If you no longer study there, ask "
        "that school to deregister you, then ask your current school to register you.",
    },
    "verdict.otra_escuela.advice_contacts": {
        "es": "Solo puedes tener un Seguro Facultativo. Si ya no estudias ahí, pide a esa "
        "escuela que te dé de baja; después escribe a la mesa de ayuda ({contacts}) para que "
        "te registren.",
        "en": "You can only have one Seguro Facultativo. If you no longer study there, ask "
        "that school to deregister you; then contact the help desk ({contacts}) to be "
        "registered.",
    },
    "verdict.fuera_de_fecha.explain.ended": {
        "es": "La constancia dice que tus derechos eran vigentes hasta el {end}: esa fecha ya "
        "pasó, así que no dice si hoy tu Seguro Facultativo está vigente.",
        "en": "The constancia says your rights were in force until {end}: that date has "
        "passed, so it does not tell whether your Seguro Facultativo is in force today.",
    },
    "verdict.fuera_de_fecha.explain.old": {
        "es": "La constancia se emitió el {issued}, hace más de {max_age} días: dice lo que el "
        "IMSS sabía ese día, no si hoy tu Seguro Facultativo está vigente.",
        "en": "The constancia was issued on {issued}, more than {max_age} days ago: it says "
        "what the IMSS knew that day, not whether your Seguro Facultativo is in force today.",
    },
    "verdict.fuera_de_fecha.explain.issued_future": {
        "es": "La constancia dice que se emitió el {issued}, una fecha que aún no llega: esa "
        "fecha es imposible, así que no me fío de lo que dice.",
        "en": "The constancia says it was issued on {issued}, a date still to come: that date "
        "is impossible, so I do not trust what it says.",
    },
    "verdict.fuera_de_fecha.advice": {
        "es": "Descarga una constancia nueva (autohelper run imss-vigencia{suffix}) y revísala.",
        "en": "Download a new constancia (autohelper run imss-vigencia{suffix}) and check it.",
    },
    "verdict.fuera_de_fecha.advice_contacts": {
        "es": "Descarga una constancia nueva (autohelper run imss-vigencia{suffix}) y revísala. Si "
        "tienes dudas: {contacts}.",
        "en": "Download a new constancia (autohelper run imss-vigencia{suffix}) and check it. "
        "Questions: {contacts}.",
    },
    "verdict.ilegible.explain": {
        "es": "No pude leer en la constancia: {missing}. No adivino: sin eso no puedo decirte "
        "si tu Seguro Facultativo está vigente.",
        "en": "I could not read on the constancia: {missing}. I do not guess: without it I "
        "cannot tell whether your Seguro Facultativo is in force.",
    },
    # The last employer's name is close to the school's, not the same: a misprint or another.
    "verdict.ilegible.explain.name_close": {
        "es": "El patrón de tu último movimiento, «{employer}», te tiene en el Seguro "
        "Facultativo (modalidad 32), y su nombre se parece a {school}, pero no es igual: puede "
        "ser tu escuela escrita de otra forma o con un error, o ser otra escuela. No adivino: "
        "sin saber cuál es no puedo decirte si tu Seguro Facultativo está vigente.",
        "en": "The employer of your last movement, “{employer}”, has you in the Seguro "
        "Facultativo (modalidad 32), and its name looks like {school} but is not the same: it "
        "may be your school written otherwise or misprinted, or another school. I do not "
        "guess: without knowing which, I cannot tell whether your Seguro Facultativo is in "
        "force.",
    },
    "verdict.ilegible.advice.name_close": {
        "es": "Abre el PDF y compara tú el «Patrón del último movimiento del asegurado» con el "
        "nombre de tu escuela. Si no sabes si es tu escuela, pregunta en Servicios Escolares "
        "con tu NSS antes de pedir una baja.",
        "en": "Open the PDF and compare the “Patrón del último movimiento del asegurado” with "
        "your school's name yourself. If you cannot tell whether it is your school, ask "
        "Servicios Escolares, with your NSS, before asking for a deregistration.",
    },
    "verdict.ilegible.advice.name_close_contacts": {
        "es": "Abre el PDF y compara tú el «Patrón del último movimiento del asegurado» con el "
        "nombre de tu escuela. Si no sabes si es tu escuela, escribe a la mesa de ayuda "
        "({contacts}) con tu NSS y tu matrícula antes de pedir una baja.",
        "en": "Open the PDF and compare the “Patrón del último movimiento del asegurado” with "
        "your school's name yourself. If you cannot tell whether it is your school, contact "
        "the help desk ({contacts}) with your NSS and student ID before asking for a "
        "deregistration.",
    },
    "verdict.ilegible.advice": {
        "es": "Abre el PDF y búscalo tú: «Con derecho al servicio médico» (SI/NO) y el "
        "«Patrón del último movimiento del asegurado» con su modalidad.",
        "en": "Open the PDF and look for it yourself: “Con derecho al servicio médico” "
        "(SI/NO) and the “Patrón del último movimiento del asegurado” with its modalidad.",
    },
    "verdict.ilegible.advice_contacts": {
        "es": "Abre el PDF y búscalo tú: «Con derecho al servicio médico» (SI/NO) y el "
        "«Patrón del último movimiento del asegurado» con su modalidad. Si tienes dudas: "
        "{contacts}.",
        "en": "Open the PDF and look for it yourself: “Con derecho al servicio médico” "
        "(SI/NO) and the “Patrón del último movimiento del asegurado” with its modalidad. "
        "Questions: {contacts}.",
    },
}

_CLI: dict[str, dict[str, str]] = {
    "vigencia.header": {"es": "Constancia: {path}", "en": "Constancia: {path}"},
    "vigencia.unknown": {"es": "(no se pudo leer)", "en": "(not read)"},
    "vigencia.yes": {"es": "SI", "en": "YES"},
    "vigencia.no": {"es": "NO", "en": "NO"},
    "vigencia.employers": {"es": "Patrones:", "en": "Employers:"},
    "vigencia.no_employers": {
        "es": "Patrones: ninguno se pudo leer",
        "en": "Employers: none could be read",
    },
    "vigencia.last_marker": {"es": "← último movimiento", "en": "← last movement"},
    "vigencia.expectation_school": {
        "es": "Se espera (perfil: {institution}): {school}, modalidad {modalidad}.",
        "en": "Expected (profile: {institution}): {school}, modalidad {modalidad}.",
    },
    "vigencia.expectation_any": {
        "es": "Se espera (perfil: {institution}): cualquier escuela en la modalidad "
        "{modalidad} (Seguro Facultativo Estudiantes).",
        "en": "Expected (profile: {institution}): any school in modalidad {modalidad} "
        "(Seguro Facultativo Estudiantes).",
    },
    "vigencia.no_profile": {
        "es": "Sin perfil: acepto cualquier escuela en la modalidad 32. Para comparar con tu "
        "escuela: autohelper init (o --profile NOMBRE).",
        "en": "No profile: any school in modalidad 32 counts. To compare with your school: "
        "autohelper init (or --profile NAME).",
    },
    "vigencia.verdict": {"es": "Veredicto: {code}", "en": "Verdict: {code}"},
    # A verdict's code said to a person (the code itself is for --json and the scenarios).
    "yield.verdict.vigente": {"es": "vigente", "en": "in force (vigente)"},
    "yield.verdict.sin_derecho": {"es": "sin derecho", "en": "not entitled (sin derecho)"},
    "yield.verdict.otro_patron": {"es": "otro patrón", "en": "another employer (otro patrón)"},
    "yield.verdict.otra_escuela": {"es": "otra escuela", "en": "another school (otra escuela)"},
    "yield.verdict.fuera_de_fecha": {
        "es": "fuera de fecha",
        "en": "out of date (fuera de fecha)",
    },
    "yield.verdict.ilegible": {"es": "ilegible", "en": "unreadable (ilegible)"},
    "yield.con_derecho.si": {"es": "sí", "en": "yes"},
    "yield.con_derecho.no": {"es": "no", "en": "no"},
    "vigencia.advice": {"es": "Qué hacer: {advice}", "en": "What to do: {advice}"},
    "vigencia.record_hint": {
        "es": "Esta constancia no queda registrada en tu trámite por leerla aquí. Para que "
        "autohelper status la cuente, márcala: {command}",
        "en": "Reading this constancia here does not record it in your procedure. For "
        "autohelper status to count it, mark it: {command}",
    },
    "vigencia.not_yours": {
        "es": "Ojo: {fact} de la constancia ({value}) no es el de tu perfil.",
        "en": "Note: the constancia's {fact} ({value}) is not your profile's.",
    },
}

MESSAGES: dict[str, dict[str, str]] = {**_ERRORS, **_FACTS, **_VERDICTS, **_CLI}
