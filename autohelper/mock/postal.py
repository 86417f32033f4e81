"""The postal code component of the IMSS applications (PORTALS.md, "The postal code component"),
shared by the NSS address step (`imss.py`) and the clinic application (`umf.py`).

What is a fact: the input `domicilio.codigoPostal.codigoPostal` (maxlength 5), `#busquedaCp`
"Buscar", `#limpiarForm` "Limpiar", estado and municipio read-only and upper case after a
search, the postal code then read-only, the select `domicilio.asentamiento.clave` whose first
option is "--Selecciona por favor--" (value -1), `domicilio.calle` (70), `domicilio.numExteriorAlf`
and `domicilio.numInteriorAlf` (10 each), text shown upper case, and an unknown code answered by
a dialog "Error": "No se localizó información con el código postal ingresado."

Assumed (not known of the live pages): the lookup is an AJAX POST of
`{"codigoPostal": {"codigoPostal": "NNNNN"}}` (the body shape `validaDomicilio` is known to take)
to `<context>/domicilio/codigoPostal`, answered `{"resultado": true, "estado", "municipio",
"asentamientos": [{"clave", "descripcion"}]}` or `{"resultado": false, "mensaje"}`; the ids of
the estado and municipio inputs; the page learns of a search, a colonia or a clean-up through DOM
events (`codigoPostal:encontrado`, `codigoPostal:colonia`, `codigoPostal:limpiar`).

The postal codes, colonias and clinics below are synthetic (state and municipality follow the
real first two digits; every clinic, address and consultorio is made up).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from autohelper.mock.model import Request, Response
from autohelper.mock.pages import Drift

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig
    from autohelper.mock.site import Site

# The component's own templates (no host: no layout), put into a page's `{{!codigo_postal}}`
# and `{{!dialogo}}` slots.
COMPONENT = "_components/codigoPostal.html"
DIALOG = "_components/dialogo.html"
LOOKUP_PATH = "/domicilio/codigoPostal"  # under each application's context (assumed)

MSG_UNKNOWN = "No se localizó información con el código postal ingresado."
UNKNOWN_CODE = "00000"  # documented as unknown; so is every code not below

# `drift=true`: the postal code input renamed, everywhere the component is shown (one shared
# component changes in every application at once).
DRIFTS: dict[str, Drift] = {
    COMPONENT: (("domicilio.codigoPostal.codigoPostal", "domicilio.cp"),),
}

# `plain_markup=true` (imss.plain_markup, umf.plain_markup): the markup PORTALS.md leaves open, done
# otherwise. The component's fields are named (`domicilio.calle`, ...) without saying whether
# that is their id or their name: here it is only their name. The dialogs are "jQuery UI
# dialogs" with a title, a text and buttons: here a plain `div` with neither jQuery UI's classes
# nor a role, and `<input type=button>` buttons.
FIELDS = (
    "domicilio.codigoPostal.codigoPostal",
    "domicilio.asentamiento.clave",
    "domicilio.calle",
    "domicilio.numExteriorAlf",
    "domicilio.numInteriorAlf",
)
# A page's `campo(id)` helper that also finds a field by its name.
BY_ID = "function campo(id) { return document.getElementById(id); }"
BY_ID_OR_NAME = (
    "function campo(id) { "
    "return document.getElementById(id) || document.getElementsByName(id)[0]; }"
)
PLAIN: dict[str, Drift] = {
    COMPONENT: (
        *((f' id="{name}" name="{name}"', f' name="{name}"') for name in FIELDS),
        (BY_ID, BY_ID_OR_NAME),
    ),
    DIALOG: (
        (".ui-dialog { position", ".ventana-dialogo { position"),
        (".ui-dialog-buttonset button {", ".ventana-dialogo input[type=button] {"),
        (
            "dialogo.className = 'ui-dialog ui-corner-all ui-widget ui-widget-content ui-front "
            "ui-dialog-buttons';",
            "dialogo.className = 'ventana-dialogo';",
        ),
        ("    dialogo.setAttribute('role', 'dialog');\n", ""),
        ("titulo_.className = 'ui-dialog-title';", "titulo_.className = 'titulo';"),
        (
            "var b = document.createElement('button');",
            "var b = document.createElement('input');",
        ),
        ("b.textContent = boton.texto;", "b.value = boton.texto;"),
    ),
}


@dataclass(frozen=True)
class Shift:
    """A clinic's turno: its id, the text of its option (with the hours) and its consultorio."""

    id: str
    name: str
    consultorio: str


@dataclass(frozen=True)
class Clinic:
    """A Unidad de Medicina Familiar as the clinic application lists it."""

    id: str
    name: str
    address: str
    hours: str
    shifts: tuple[Shift, ...]

    def shift(self, shift_id: str) -> Shift | None:
        return next((s for s in self.shifts if s.id == shift_id), None)


@dataclass(frozen=True)
class Colonia:
    """An asentamiento of a postal code and the clinics (ids) that serve it."""

    key: str
    name: str
    clinics: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostalCode:
    code: str
    state: str
    municipality: str
    colonias: tuple[Colonia, ...]

    def colonia(self, key: str) -> Colonia | None:
        return next((c for c in self.colonias if c.key == key), None)

    def clinics(self, colonia: str | None = None) -> list[Clinic]:
        """The clinics of one colonia, or of the whole postal code, in order, once each."""
        ids: list[str] = []
        for item in self.colonias:
            if colonia is None or item.key == colonia:
                ids += [i for i in item.clinics if i not in ids]
        return [CLINICS[i] for i in ids]


def _turnos(morning: str, evening: str | None = None) -> tuple[Shift, ...]:
    shifts = [Shift("1", "MATUTINO 08:00 A 14:00", morning)]
    if evening is not None:
        shifts.append(Shift("2", "VESPERTINO 14:00 A 20:00", evening))
    return tuple(shifts)


CLINICS: dict[str, Clinic] = {
    c.id: c
    for c in (
        Clinic(
            "3001",
            "UMF No. 10 XALAPA",
            "AV. DE LAS PRUEBAS 100, COL. CENTRO, C.P. 91000, XALAPA, VER.",
            "LUNES A VIERNES DE 08:00 A 20:00",
            _turnos("7", "15"),
        ),
        Clinic(
            "3002",
            "UMF No. 66 XALAPA",
            "CALLE SIMULADA 25, COL. AGUACATAL, C.P. 91000, XALAPA, VER.",
            "LUNES A VIERNES DE 08:00 A 14:00",
            _turnos("3"),
        ),
        Clinic(
            "2601",
            "UMF No. 1 CIUDAD OBREGÓN",
            "CALLE EJEMPLO 500 SUR, COL. CENTRO, C.P. 85000, CAJEME, SON.",
            "LUNES A VIERNES DE 08:00 A 20:00",
            _turnos("12", "21"),
        ),
        Clinic(
            "2602",
            "UMF No. 2 HERMOSILLO",
            "BLVD. FICTICIO 1200, COL. CENTRO NORTE, C.P. 83000, HERMOSILLO, SON.",
            "LUNES A VIERNES DE 08:00 A 20:00",
            _turnos("4", "9"),
        ),
    )
}

POSTAL_CODES: dict[str, PostalCode] = {
    p.code: p
    for p in (
        PostalCode(
            "91000",
            "VERACRUZ DE IGNACIO DE LA LLAVE",
            "XALAPA",
            (
                Colonia("0001", "CENTRO", ("3001", "3002")),
                Colonia("0002", "AGUACATAL", ("3002",)),
                Colonia("0003", "LOS ÁNGELES", ("3001",)),
            ),
        ),
        PostalCode(
            "85000",
            "SONORA",
            "CAJEME",
            (Colonia("0001", "CENTRO", ("2601",)), Colonia("0002", "CAMPESTRE", ("2601",))),
        ),
        PostalCode("83000", "SONORA", "HERMOSILLO", (Colonia("0001", "CENTRO NORTE", ("2602",)),)),
        # A code some of whose colonias no clinic serves: found, and the no-clinic dialog
        # only once such a colonia is chosen.
        PostalCode(
            "85210",
            "SONORA",
            "NAVOJOA",
            (Colonia("0001", "LAS GUÁSIMAS"), Colonia("0002", "CENTRO", ("2601",))),
        ),
        # Codes that exist but that no clinic serves.
        PostalCode("85760", "SONORA", "ÁLAMOS", (Colonia("0001", "CENTRO"),)),
        PostalCode(
            "85930",
            "SONORA",
            "HUATABAMPO",
            (Colonia("0001", "EL CAMPITO"), Colonia("0002", "YAVAROS")),
        ),
    )
}


def lookup(code: str) -> PostalCode | None:
    """The synthetic postal code, or None when the mock does not know it."""
    return POSTAL_CODES.get(code.strip())


def requested_code(req: Request) -> str:
    """The postal code a component's AJAX call names: `{"codigoPostal": {"codigoPostal": ...}}`
    (the known body shape), a flat `{"codigoPostal": ...}`, or a form or query field."""
    body: Any = req.json()
    if isinstance(body, dict):
        value = body.get("codigoPostal")
        if isinstance(value, dict):
            value = value.get("codigoPostal")
        if isinstance(value, str | int):
            return str(value).strip()
    return (req.form.get("codigoPostal") or req.query.get("codigoPostal") or "").strip()


def lookup_answer(req: Request, delay: float) -> Response:
    """The component's lookup (assumed endpoint and JSON), answering after `delay` seconds so
    that what is loaded after «Buscar» really arrives late."""
    wait(delay)
    found = lookup(requested_code(req))
    if found is None:
        return Response.json({"resultado": False, "mensaje": MSG_UNKNOWN})
    return Response.json(
        {
            "resultado": True,
            "codigoPostal": found.code,
            "estado": found.state,
            "municipio": found.municipality,
            "asentamientos": [{"clave": c.key, "descripcion": c.name} for c in found.colonias],
        }
    )


def wait(delay: float) -> None:
    """An AJAX answer's configured slowness (an Event wait, interruptible like the server's)."""
    if delay > 0:
        threading.Event().wait(delay)


def component_slots(site: Site[Any, Any], config: MockConfig, context: str) -> dict[str, str]:
    """The page values that show the component of the application at `context`: the dialog
    helper and the component itself, each drifted when the configuration asks."""
    return {
        "dialogo": site.page(DIALOG, config),
        "codigo_postal": site.page(COMPONENT, config, lookup_url=context + LOOKUP_PATH),
    }
