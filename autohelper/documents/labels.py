"""The labels a constancia de vigencia may print, as patterns over folded text (upper case, no
accents), and the shapes of the values that follow them.

The real constancia's printed labels are not known exactly (PORTALS.md: only the data it is
built from and one caption are): each field lists the wordings it plausibly uses, most specific
first. Words may be glued or spread by the PDF's text layer, hence `\\s*` between them.
"""

from __future__ import annotations

import re


def _words(*phrases: str) -> list[str]:
    """Phrases whose single spaces mean "any spacing, none included"."""
    return [phrase.replace(" ", r"\s*") for phrase in phrases]


# A caption of the answer printed after the label ("Con derecho al servicio médico (SI/NO): NO",
# "... SI/NO: NO"): part of the label, so the options it names are not read as printed options.
# Bare "SI/NO" is a caption only before a separator; without one it is both options printed.
_CHOICE_CAPTION = r"(?:\s*(?:\(\s*SI\s*/\s*NO\s*\)|SI\s*/\s*NO(?=\s*[:=\-–])))?"

# field -> label patterns, most specific first. Fields starting with "_" are only masked (they
# end a free-text value and keep their words out of names); they are never read.
LABELS: dict[str, list[str]] = {
    "nss": _words(
        r"NUMERO DE SEGURIDAD SOCIAL",
        r"NO\.? DE SEGURIDAD SOCIAL",
        r"N(?:O|UM|UMERO)?\.? (?:DE )?AFILIACION",
        r"N\.? ?S\.? ?S\.?",
    ),
    "curp": _words(r"CLAVE UNICA DE REGISTRO DE POBLACION", r"C\.? ?U\.? ?R\.? ?P\.?"),
    "name": _words(
        r"NOMBRE DEL (?:ASEGURADO|DERECHOHABIENTE|TRABAJADOR|TITULAR)(?: ?\(A\))?",
        r"NOMBRE COMPLETO",
        r"NOMBRE ?\(S\)",
        r"NOMBRE",
    ),
    "surname1": _words(r"APELLIDO PATERNO", r"PRIMER APELLIDO"),
    "surname2": _words(r"APELLIDO MATERNO", r"SEGUNDO APELLIDO"),
    "situacion": _words(
        r"SITUACION (?:DEL ASEGURADO|ACTUAL|DE (?:LA )?VIGENCIA|AFILIATORIA)",
        r"ESTA(?:DO|TUS) DE (?:LA )?VIGENCIA",
        r"SITUACION",
        r"ESTATUS",
        r"STATUS",
    ),
    "con_derecho": [
        label + _CHOICE_CAPTION
        for label in _words(
            r"(?:CON )?DERECHO A(?:L| LOS?| LA)? (?:SERVICIOS? (?:DE )?MEDICOS?|ATENCION MEDICA"
            r"|ASISTENCIA MEDICA|SERVICIOS? DE SALUD)",
            r"SERVICIOS? MEDICOS?",
        )
    ],
    "sin_derecho": _words(
        r"SIN DERECHO(?: A(?:L| LOS?)? (?:SERVICIOS? (?:DE )?MEDICOS?|ATENCION MEDICA))?",
    ),
    "umf": _words(
        r"UNIDAD (?:DE )?MEDIC(?:INA|A) FAMILIAR(?: DE ADSCRIPCION)?",
        r"U\.? ?M\.? ?F\.?(?: DE ADSCRIPCION)?",
        r"UNIDAD DE ADSCRIPCION",
        r"CLINICA(?: DE ADSCRIPCION)?",
    ),
    "turno": _words(r"TURNO"),
    "consultorio": _words(r"CONSULTORIO", r"CONS\."),
    "start": _words(
        r"(?:FECHA DE )?INICIO DE (?:LA )?VIGENCIA",
        r"VIGEN(?:TE|CIA) (?:DESDE|A PARTIR DE)",
        r"VIGENCIA INICIAL",
        r"FECHA DE INICIO",
        r"DESDE",
    ),
    "end": _words(
        r"(?:FECHA DE )?(?:FIN|TERMINO|VENCIMIENTO) DE (?:LA )?VIGENCIA",
        r"VIGEN(?:TE|CIA) HASTA",
        r"VIGENCIA FINAL",
        r"FECHA DE (?:TERMINO|VENCIMIENTO|FIN)",
        r"HASTA",
        r"VENCE",
    ),
    "issued": _words(
        r"FECHA DE (?:EMISION|EXPEDICION|GENERACION|ELABORACION)",
        # A print stamp ("Fecha de impresión: … Página 1 de 1") may be later than the issue.
        r"FECHA DE (?:IMPRESION|CONSULTA)",
        r"(?:EMITID|EXPEDID|GENERAD)[OA](?: EL)?",
        r"FECHA",
    ),
    "registro": _words(
        r"(?:NUMERO DE |NO\.? DE )?REGISTRO PATRONAL",
        r"REG\.? PATRONAL",
        r"N\.? ?R\.? ?P\.?",
    ),
    "modalidad": _words(
        r"MODALIDAD (?:DE )?(?:ASEGURAMIENTO|AFILIACION|INSCRIPCION)",
        r"MODALIDAD",
        r"MOD\.",
    ),
    "employer_name": _words(
        r"NOMBRE(?:,| O|/| Y) (?:DENOMINACION (?:O |/ ?))?RAZON SOCIAL",
        r"DENOMINACION (?:O |/ ?)RAZON SOCIAL",
        r"RAZON SOCIAL",
        r"NOMBRE DEL PATRON",
        r"PATRON",
        r"EMPLEADOR",
        r"EMPRESA",
    ),
    "description": _words(
        r"DESCRIPCION DE (?:LA )?MODALIDAD",
        r"TIPO DE (?:ASEGURAMIENTO|SEGURO|AFILIACION)",
        r"DESCRIPCION",
    ),
    "caption": _words(
        r"PATRON DEL? ULTIMO MOVIMIENTO(?: DEL ASEGURADO(?: ?\(A\))?)?",
        r"ULTIMO MOVIMIENTO(?: AFILIATORIO)?",
        r"ULTIMO PATRON",
        r"PATRON ACTUAL",
    ),
    "_other": _words(
        r"FECHA DE NACIMIENTO",
        r"LUGAR DE NACIMIENTO",
        r"ENTIDAD DE NACIMIENTO",
        r"SEXO",
        r"GENERO",
        r"(?:SUB)?DELEGACION",
        r"DOMICILIO",
        r"CORREO(?: ELECTRONICO)?",
        r"FOLIO",
        r"PAGINA",
        r"HOJA",
        r"CONSTANCIA DE VIGENCIA DE DERECHOS",
        r"VIGENCIA DE DERECHOS",
        r"DATOS (?:DEL? )?(?:ASEGURADO|DERECHOHABIENTE|PATRON(?:ALES|ES)?|DE VIGENCIA)",
        r"(?:OTROS )?PATRONES(?: DEL ASEGURADO)?",
        r"HISTORIAL(?: DE PATRONES| LABORAL)?",
    ),
}

EMPLOYER_FIELDS = frozenset({"registro", "modalidad", "employer_name", "description"})

# A choice printed as boxes or marks next to its options (folded text; pypdf gives ZapfDingbats'
# boxes as ❏ ❑ ■ ●...). A lone X, even without its box (a box drawn as lines, not text), marks.
_MARKED = r"\[\s*[X✓✔]\s*\]|\(\s*[X✓✔]\s*\)|[☒☑✔✓■●◉▣⊠✗✘☓]|(?<![A-Z0-9])X(?![A-Z0-9])"
_EMPTY = r"\[\s*\]|\(\s*\)|[☐□○◯▢❏❐❑❒❍]"
# "No. 37" is a number, not the option NO.
_OPTION = r"(?<![A-Z])(?:SI|NO(?!\.\s*\d)|CON\s*DERECHO|SIN\s*DERECHO)(?![A-Z])"
_VALUE_CAPTION = r"(?:\(\s*SI\s*/\s*NO\s*\)\s*[:=\-–]?|SI\s*/\s*NO\s*[:=\-–])"
# The boxes and options of a choice, one match each ("SI [ ]  NO [X]", "☐ SI ☒ NO").
CHOICE_TOKEN = re.compile(rf"(?P<marked>{_MARKED})|(?P<empty>{_EMPTY})|(?P<option>{_OPTION})")

# Value shapes, matched at the start of what follows a label (group 1 is the value).
SHAPES: dict[str, re.Pattern[str]] = {
    "nss": re.compile(r"(\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{4}[ -]?\d)(?![\dA-Z])"),
    "curp": re.compile(r"([A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d)(?![A-Z0-9])"),
    "situacion": re.compile(
        r"(NO\s*VIGENTE|VIGENTE|BAJA|ALTA|ACTIVO|ACTIVA|INACTIVO|INACTIVA|SUSPENDID[OA]"
        r"|CONSERVACION\s*DE\s*DERECHOS|[A-Z]{3,}(?:\s+[A-Z]{3,})?)(?![A-Z])"
    ),
    # Where the answer starts (after a caption "(SI/NO):" printed with it): an option, maybe
    # after its box. What it says is read from the whole choice (constancia._con_derecho).
    "con_derecho": re.compile(
        rf"(?:{_VALUE_CAPTION}\s*)?[_\s]*((?:(?:{_MARKED}|{_EMPTY})[\s:_]*)*{_OPTION})"
    ),
    "umf": re.compile(r"(?:U\.?\s*M\.?\s*F\.?\s*)?(?:N[OU]M?\.?\s*|#\s*)?(\d{1,4})(?![\d/.-]\d)"),
    "turno": re.compile(
        r"(MATUTINO|VESPERTINO|NOCTURNO|JORNADA\s*ACUMULADA|MIXTO|DIURNO|[MVN](?![A-Z]))"
    ),
    "consultorio": re.compile(r"(?:N[OU]M?\.?\s*|#\s*)?(\d{1,3})(?![\d/.-]\d)"),
    "registro": re.compile(r"([A-Z0-9]\d{2}[ -]?\d{5}[ -]?\d{2}[ -]?\d)(?![A-Z0-9])"),
    "modalidad": re.compile(r"(\d{1,2})(?![\d/.-]\d)"),
}
DATE_FIELDS = frozenset({"start", "end", "issued"})

# A registro patronal anywhere: a letter and ten digits (an all-digit one is only taken where a
# label owns it: eleven digits alone could be the NSS).
REGISTRO_ANYWHERE = re.compile(r"(?<![A-Z0-9])([A-Z]\d{2}[ -]?\d{5}[ -]?\d{2}[ -]?\d)(?![A-Z0-9])")
CURP_ANYWHERE = re.compile(r"(?<![A-Z0-9])([A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d)(?![A-Z0-9])")
NSS_ANYWHERE = re.compile(r"(?<![A-Z0-9])(\d{11})(?![A-Z0-9])")

# The modalidades the IMSS uses; a lone number in the employers' part is one only if listed.
MODALIDADES = frozenset({10, 13, 14, 17, 30, 31, 32, 33, 34, 35, 36, 38, 40, 42, 43, 44})

# Known descriptions of the modalidades, bounded so they never swallow a name next to them.
DESCRIPTION_RE = re.compile(
    r"(?<![A-Z])("
    r"SEGURO\s*FACULTATIVO(?:\s*[-:,]?\s*(?:ESTUDIANTES?|IMSS\s*[/-]?\s*CFE|IMSS|CFE"
    r"|FAMILIARES))*"
    r"|SEGURO\s*DE\s*SALUD\s*PARA\s*LA\s*FAMILIA"
    r"|TRABAJADORES\s*PERMANENTES\s*Y\s*EVENTUALES(?:\s*DE\s*LA\s*CIUDAD|\s*DEL\s*CAMPO)?"
    r"|TRABAJADORES\s*(?:DOMESTICOS|INDEPENDIENTES|DEL\s*HOGAR)"
    r"|CONTINUACION\s*VOLUNTARIA(?:\s*(?:AL|EN\s*EL)\s*REGIMEN\s*OBLIGATORIO)?"
    r"|INCORPORACION\s*VOLUNTARIA(?:\s*(?:DEL\s*CAMPO\s*)?AL\s*REGIMEN\s*OBLIGATORIO)?"
    r"|REVERSION\s*DE\s*CUOTAS(?:\s*POR\s*SUBROGACION\s*DE\s*SERVICIOS)?"
    r")(?![A-Z])"
)
