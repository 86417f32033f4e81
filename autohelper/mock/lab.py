"""The lab: small pages of our own, each showing one thing the engine must handle on real
portals (a form in a nested frame saved by a whole-form post, a save without navigation, an
in-page dialog, a browser `confirm()`, chained selects, a list of links, a PDF download, a page
that appears only sometimes, a sign-in with a lockout, a session that expires mid-form, a
plain-HTTP origin with a port). Not a portal: the engine's tests run on it.

A few pages are built here rather than kept as files, each what an independent mirror of a
portal showed: a form in a frameset whose save, on an expired session, sends the whole window
to the sign-in page by script (`/session-frames`); a refused sign-in said in a browser alert once
the page has loaded (`refusal_alert`); links that open their page in a new tab (`/new-tab`);
a PeopleSoft form whose fields post the page on change (a non-deferred FieldChange), whole or by
AJAX behind a processing mask (`/fieldchange`, its behaviour in its address: see `_fieldchange`).
"""

from __future__ import annotations

import base64
import json
import threading
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from autohelper.mock.model import Request, Response
from autohelper.mock.pdf import text_pdf
from autohelper.mock.site import MockSettingError, Site, Visitor

if TYPE_CHECKING:
    from autohelper.mock.config import MockConfig

HOST = "lab.autohelper.test"
PLAIN_HOST = "plain.autohelper.test:8400"
LIVE = f"https://{HOST}"
MSG_BAD_LOGIN = "Tu ID o tu contraseña no son válidos."
MSG_LOCKED = "Tu cuenta está bloqueada. Comunícate con la mesa de ayuda."
MSG_EXPIRED = "Tu sesión expiró. Vuelve a iniciar sesión."

# What the chained selects offer: a parent's value → its children (label, value).
CHAINED = {
    "SR": [("UMF 1 HERMOSILLO", "1"), ("UMF 37 CAJEME", "37")],
    "SL": [("UMF 2 CULIACAN", "2")],
    "1": [("MATUTINO 8:00 A 14:00", "M"), ("VESPERTINO 14:00 A 20:00", "V")],
    "37": [("MATUTINO 7:00 A 13:00", "M")],
    "2": [("VESPERTINO 14:00 A 20:00", "V")],
}


@dataclass(frozen=True)
class LabSettings:
    """`--mock lab.<name>=value`: how the lab's pages behave."""

    warning: bool = True  # the entry leads to the "Continuar" warning page first
    password: str = "lab-secreto"
    lockout_after: int = 3  # failed sign-ins that lock the account
    expire_at_save: bool = False  # the first save of /form finds the session expired
    save_delay: float = 0.0  # seconds before the AJAX save answers
    options_delay: float = 0.3  # seconds before the chained selects' options arrive
    # The first save of /session-frames finds the session expired and answers, in its frame,
    # with a script sending the top to /login?cmd=expire, which redirects to /login?expired=1
    # (a sign-in page that loads a script before its form), as PeopleSoft does.
    expire_by_script: bool = False
    # How a refused sign-in is said: "" on the page; "onload" a browser alert once the page has
    # loaded; "late" an alert a short timer after that.
    refusal_alert: str = ""
    # The save of /session-frames answers, in its frame, with a script sending the whole window
    # to the portal's page again, whose TargetContent then shows the folio.
    result_at_top: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.lockout_after <= 100:
            raise MockSettingError("mock.range_int", low=1, high=100)
        for delay in (self.save_delay, self.options_delay):
            if not 0 <= delay <= 600:
                raise MockSettingError("mock.range_seconds", low=0, high=600)
        if self.refusal_alert not in ("", "onload", "late"):
            raise MockSettingError("mock.one_of", choices="onload, late")


@dataclass
class LabVisitor(Visitor):
    signed_in: bool = False
    expired_once: bool = False


class LabSite(Site[LabSettings, LabVisitor]):
    name = "lab"
    hosts = (HOST, PLAIN_HOST)
    settings_type = LabSettings
    session_type = LabVisitor
    cookie = "LABSESSION"
    firewall_page = "_mock/lab-block.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.saves: Counter[str] = Counter()  # what was sent, by page: what a test counts
        self.failures = 0
        self.saved: list[dict[str, str]] = []  # what each save of /fieldchange carried

    def reset(self) -> None:
        with self.lock:
            super().reset()
            self.saves.clear()
            self.failures = 0
            self.saved.clear()

    def handle(self, req: Request, config: MockConfig) -> Response | None:
        if req.host == PLAIN_HOST:
            if req.path.rstrip("/") != "/hello":
                return None
            origin = f"http://{PLAIN_HOST}"
            return self.page_response(f"{PLAIN_HOST}/hello.html", config, origin=origin)
        return self.with_session(req, lambda sid: self._answer(req, config, sid))

    def _answer(self, req: Request, config: MockConfig, sid: str) -> Response:
        settings = self.settings(config)
        visitor = self.session(sid)
        path = req.path.rstrip("/") or "/"
        if req.method == "POST":
            return self._post(path, req, config, settings, visitor)
        built = self._built_page(path, req, settings, visitor)
        if built is not None:
            return built
        if path == "/chained/options":
            threading.Event().wait(settings.options_delay)  # options that arrive late
            items = CHAINED.get(req.query.get("parent", ""), [])
            return Response.json([{"label": label, "value": value} for label, value in items])
        if path in ("/home", "/form") and not visitor.signed_in:
            return Response.redirect(f"{LIVE}/login?cmd=expire")
        values = {
            "message": self._login_message(req, settings) if path == "/login" else "",
            "userid": "",
            "nss": "",
            "saved_display": "none",
            "curp": "",
            "telefono": "",
            "what": req.query.get("what", ""),
            "name": req.query.get("nombre", ""),
        }
        name = f"{HOST}{path}.html"
        if not (self.pages.root / name).is_file():
            return Response.html(self.pages.render("_mock/not_found.html"), status=404)
        return self.page_response(name, config, **values)

    def _login_message(self, req: Request, settings: LabSettings) -> str:
        if req.query.get("cmd") == "expire" or req.query.get("expired") == "1":
            # The page after a script's redirect loads a script before its form, as portals'
            # pages do: its form is there only once that has come.
            slow = '<script src="/slow-script.js"></script>' if req.query.get("expired") else ""
            return _alert(MSG_EXPIRED) + slow
        if req.query.get("errorCode") == "105":
            said = MSG_LOCKED if req.query.get("locked") else MSG_BAD_LOGIN
            # The page's logo comes late: the page has loaded (and says it) only after it.
            logo = '<img src="/slow-logo.gif" alt="Logotipo" width="1" height="1">'
            if settings.refusal_alert == "onload":
                show = f"alert({_js(said)})"
            elif settings.refusal_alert == "late":
                show = f"setTimeout(() => alert({_js(said)}), 200)"
            else:
                return _alert(said)
            return logo + _script(f"window.addEventListener('load', () => {show});")
        return ""

    def _built_page(
        self, path: str, req: Request, settings: LabSettings, visitor: LabVisitor
    ) -> Response | None:
        """The pages built here (see the module's docstring), or None for another path."""
        if path == "/slow-script.js":
            threading.Event().wait(0.6)
            return Response.text("/* a portal's script, slow to come */")
        if path == "/slow-logo.gif":
            threading.Event().wait(0.4)
            return Response.file(_GIF, "logo.gif", "image/gif", inline=True)
        if path == "/login" and req.query.get("cmd") == "expire" and settings.expire_by_script:
            threading.Event().wait(0.3)  # the portal takes a moment to answer
            return Response.redirect(f"{LIVE}/login?expired=1")
        if path == "/new-tab":
            return Response.html(_NEW_TAB)
        if path == "/new-tab-2":
            return Response.html(_NEW_TAB_AGAIN)
        if path == "/fieldchange":
            return Response.html(_fieldchange(req.query, {}))
        if path == "/fieldchange-frames":  # the same form in a frameset, as PeopleSoft's
            query = "&".join(f"{k}={v}" for k, v in sorted(req.query.items()))
            return Response.html(_frameset(f"/fieldchange?{escape(query)}"))
        if path not in ("/session-frames", "/session-frames/form"):
            return None
        if not visitor.signed_in:
            return Response.redirect(f"{LIVE}/login?cmd=expire")
        folio = req.query.get("folio", "")
        if path == "/session-frames":
            src = "/session-frames/form" + (f"?folio={escape(folio)}" if folio else "")
            return Response.html(_frameset(src))
        said = f"Tu solicitud fue registrada con el folio {folio}." if folio.isdigit() else ""
        return Response.html(_session_form(_success(said) if said else ""))

    def _post(
        self,
        path: str,
        req: Request,
        config: MockConfig,
        settings: LabSettings,
        visitor: LabVisitor,
    ) -> Response:
        if path == "/frames/form":
            saved = req.form.get("ICAction") == "#ICSave"
            if saved:
                with self.lock:
                    self.saves["frames"] += 1
                    folio = str(100 + self.saves["frames"])
            message = _success(f"Guardado con folio {folio}") if saved else ""
            return self.page_response(
                f"{HOST}/frames/form.html",
                config,
                message=message,
                nss=req.form.get("LAB_NSS", ""),
                saved_display="inline" if saved else "none",
            )
        if path == "/ajax/save":
            threading.Event().wait(settings.save_delay)
            with self.lock:
                self.saves["ajax"] += 1
                folio = str(200 + self.saves["ajax"])
            return Response.json({"correcto": True, "mensaje": f"Guardado con folio {folio}"})
        if path in ("/dialog/send", "/confirm/send", "/ask/send"):
            with self.lock:
                self.saves[path.split("/")[1]] += 1
            # /ask/send's answer asks a browser question, unless the form says `quiet`.
            what = "asked" if req.form.get("quiet") else path.split("/")[1]
            return Response.redirect(f"{LIVE}/done?what={what}")
        if path == "/download/report":
            # A constancia's identity (the mock's synthetic student) and its right, no employer.
            lines = ["CURP: HEGG560427MVZRRL04", "Con derecho al servicio médico: SI", "Folio: 123"]
            pdf = text_pdf("Constancia de prueba", lines)
            return Response.file(pdf, "comprobantePrueba.pdf", "application/pdf")
        if path == "/entry":
            return Response.redirect(f"{LIVE}/warning" if settings.warning else f"{LIVE}/login")
        if path == "/login":
            return self._sign_in(req, settings, visitor)
        if path == "/fieldchange":
            return self._fieldchange_post(req)
        if path == "/session-frames/form":
            return self._save_in_frame(req, settings, visitor)
        if path == "/form":
            return self._save_form(req, config, settings, visitor)
        return Response.html(self.pages.render("_mock/not_found.html"), status=404)

    def _save_in_frame(self, req: Request, settings: LabSettings, visitor: LabVisitor) -> Response:
        """The frameset's save; an expired session sends the whole window to sign in again."""
        with self.lock:
            if settings.expire_by_script and not visitor.expired_once:
                visitor.expired_once = True
                visitor.signed_in = False
            if not visitor.signed_in:
                go = _js(f"{LIVE}/login?cmd=expire")
                return Response.html(
                    f"<html><head>{_script(f'top.location.href = {go};')}</head></html>"
                )
            self.saves["session-frames"] += 1
            folio = str(400 + self.saves["session-frames"])
        if settings.result_at_top:
            go = _js(f"{LIVE}/session-frames?folio={folio}")
            return Response.html(
                f"<html><head>{_script(f'top.location.href = {go};')}</head></html>"
            )
        said = f"Tu solicitud fue registrada con el folio {folio}."
        return Response.html(_session_form(_success(said), req.form.get("curp", "")))

    def _fieldchange_post(self, req: Request) -> Response:
        """A FieldChange (the page again, as posted, after `delay` seconds) or the save."""
        values = {name: req.form.get(name, "") for name in _FC_FIELDS}
        values["declara"] = req.form.get("declara", "N") or "N"
        if req.form.get("ICAction") != "save":
            threading.Event().wait(float(req.query.get("delay", "0.3")))
            return Response.html(_fieldchange(req.query, values))
        with self.lock:
            self.saves["fieldchange"] += 1
            self.saved.append(values)
            folio = str(500 + self.saves["fieldchange"])
        said = _success(f"Tu solicitud fue registrada con el folio {folio}.")
        return Response.html(_fieldchange(req.query, values, said))

    def _sign_in(self, req: Request, settings: LabSettings, visitor: LabVisitor) -> Response:
        with self.lock:
            locked = self.failures >= settings.lockout_after
            if not locked and req.form.get("pwd") == settings.password:
                visitor.signed_in = True
                return Response.redirect(f"{LIVE}/home")
            self.failures += 1
            locked = locked or self.failures >= settings.lockout_after
        return Response.redirect(f"{LIVE}/login?errorCode=105" + ("&locked=1" if locked else ""))

    def _save_form(
        self, req: Request, config: MockConfig, settings: LabSettings, visitor: LabVisitor
    ) -> Response:
        with self.lock:
            if settings.expire_at_save and not visitor.expired_once:
                visitor.expired_once = True
                visitor.signed_in = False
            if not visitor.signed_in:
                return Response.redirect(f"{LIVE}/login?cmd=expire")
            self.saves["form"] += 1
            folio = str(300 + self.saves["form"])
        return self.page_response(
            f"{HOST}/form.html",
            config,
            message=_success(f"Tu solicitud fue registrada con el folio {folio}."),
            curp=req.form.get("curp", ""),
            telefono=req.form.get("telefono", ""),
        )


_GIF = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


def _js(text: str) -> str:
    """A JavaScript string literal, safe inside a <script> element."""
    return json.dumps(text).replace("<", "\\u003c")


def _script(code: str) -> str:
    return f"<script>{code}</script>"


def _frameset(content: str) -> str:
    """PeopleSoft's frameset: the menu, and `content` (an escaped address) in TargetContent."""
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Solicitud en marcos</title></head>
<frameset cols="200,*">
  <frame name="NAV" src="/frames/nav">
  <frame name="TargetContent" src="{content}">
</frameset></html>"""


def _session_form(message: str, curp: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Solicitud</title></head>
<body>
<span class="PATRANSACTIONTITLE">Solicitud en marcos</span>
{message}
<form name="win0" method="post" action="/session-frames/form">
  <label for="LAB_CURP">CURP</label> <input id="LAB_CURP" name="curp" value="{escape(curp)}">
  <button type="submit" id="ICSave">Guardar</button>
</form>
</body></html>"""


# Links that open their page in a new tab: one by `target=_blank` (the words inside an element
# of their own, as the IMSS's box 3), one into a named window no frame has.
_NEW_TAB = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Pestañas</title></head>
<body>
<h1>Trámites</h1>
<a class="caja" href="/done?what=pesta%C3%B1a" target="_blank" rel="noopener">
  <div>3</div><p><strong>TRÁMITE DIGITALIZADO.</strong> Sigue las instrucciones</p></a>
<a href="/done?what=ventana" target="ventanaTramite" rel="noopener">Abrir en otra ventana</a>
<a href="/done?what=misma" id="misma">Abrir aquí</a>
<button type="button" onclick="window.open('/done?what=script', '_blank')">Continuar</button>
<a href="/new-tab-2" target="_blank">Abrir el paso 2 en otra pestaña</a>
</body></html>"""
# The page a new tab opened, whose own link opens the next in yet another tab (the gob.mx page
# the IMSS's box 3 opens, whose «INICIAR» may open a tab too).
_NEW_TAB_AGAIN = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Paso 2</title></head>
<body>
<h1>Paso 2</h1>
<a href="/done?what=segunda" target="_blank">INICIAR</a>
</body></html>"""


def _alert(text: str) -> str:
    return f'<div class="alert alert-danger">{escape(text)}</div>'


def _success(text: str) -> str:
    return f'<div class="alert alert-success">{escape(text)}</div>'


_FC_FIELDS = ("nss", "curp", "email")


def _fieldchange(query: dict[str, str], values: dict[str, str], message: str = "") -> str:
    """PeopleSoft's form with non-deferred processing, as its address says: `fc` the fields
    that post the page on change (`nss,curp,email`; `declara` the box, on click), `delay` how
    long that post takes, `ajax=1` posted by fetch behind a processing mask instead (the page's
    container replaced by the answer's; a press meanwhile is ignored, as PeopleSoft's);
    `save=aborting` the save first posts a FieldChange and, before its answer, the save (its
    own navigation replacing the first); `lose` a field that empties itself when left."""
    posting = set(query.get("fc", "").split(","))
    action = "/fieldchange?" + "&".join(f"{k}={v}" for k, v in sorted(query.items()))

    def box(name: str, label: str) -> str:
        change = "submitAction(this.form, this.name);" if name in posting else ""
        if query.get("lose") == name:
            change += "this.value = '';"
        value = escape(values.get(name, ""))
        return (
            f'<label for="LAB_{name.upper()}">{label}</label> '
            f'<input id="LAB_{name.upper()}" name="{name}" value="{value}" '
            f'onchange="{change}"><br>'
        )

    ticked = "checked" if values.get("declara") == "Y" else ""
    tick = "submitAction(this.form, this.name);" if "declara" in posting else ""
    save = "submitAction(this.form, 'save');"
    if query.get("save") == "aborting":
        later = "setTimeout(() => submitAction(this.form, 'save'), 100);"
        save = f"submitAction(this.form, 'nss'); {later}"
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Solicitud</title>
<script>
var ajax = {"true" if query.get("ajax") == "1" else "false"}, busy = false;
function submitAction(form, action) {{
  if (busy) return;
  form.ICAction.value = action;
  if (ajax && action !== "save") {{
    busy = true;
    document.getElementById("mask").style.display = "block";
    fetch(form.action, {{method: "POST", body: new URLSearchParams(new FormData(form))}})
      .then(r => r.text()).then(t => {{
        const d = new DOMParser().parseFromString(t, "text/html");
        document.getElementById("container").innerHTML = d.getElementById("container").innerHTML;
        document.getElementById("mask").style.display = "none";
        busy = false;
      }});
    return;
  }}
  form.submit();
}}
</script></head>
<body>
<div id="mask" style="display:none;position:fixed;inset:0;z-index:9;background:#fff1"></div>
<h1>Solicitud de Seguro Facultativo</h1>
{message}
<form name="win0" method="post" action="{escape(action)}">
<input type="hidden" name="ICAction" value="">
<div id="container">
{box("nss", "Número de Seguridad Social")}
{box("curp", "CURP")}
{box("email", "Correo electrónico")}
<input type="checkbox" id="LAB_DECLARA" name="declara" value="Y" {ticked} onclick="{tick}">
<label for="LAB_DECLARA">Declaro que no cuento con otro servicio médico</label><br>
</div>
<input type="button" id="ICSave" value="Guardar" onclick="{save}">
</form>
</body></html>"""
