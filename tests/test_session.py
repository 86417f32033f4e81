"""The session's plan: every check before a browser starts, the profile each kind of run uses,
what a run may hand to the person, and what is offered for the student's profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from autohelper.engine.events import RunResult
from autohelper.errors import ProfileError, UsageError
from autohelper.human import ScriptedHuman
from autohelper.mock.captcha import nss_for
from autohelper.profile import update_profile
from autohelper.session import (
    FIXTURES_DIR,
    SessionRequest,
    _saveable,
    opening_lines,
    plan_run,
    run_session,
)

FIXTURE_PROFILE = FIXTURES_DIR / "profiles" / "student.yaml"  # imss-nss's qa_profile

STUDENT = {
    "curp": "HEGG560427MVZRRL04",
    "email": "ana@example.com",
    "postal_code": "83000",
    "street": "CALLE UNO",
    "exterior_number": "5",
}


def request(**changes: object) -> SessionRequest:
    fields: dict[str, object] = {"scenario": "imss-nss", "human": ScriptedHuman()}
    fields.update(changes)
    return SessionRequest(**fields)  # type: ignore[arg-type]


def test_qa_and_the_bundled_mock_use_the_synthetic_profile_unmasked() -> None:
    for plan in (
        plan_run(request(mode="qa", against="fixtures")),
        plan_run(request(against="fixtures")),
    ):
        assert plan.synthetic and plan.profile_path == FIXTURE_PROFILE
        assert not plan.options.mask_screenshots and not plan.options.hand_off


def test_a_students_own_profile_is_masked_on_screenshots_whatever_the_target() -> None:
    update_profile("default", STUDENT)
    plan = plan_run(request(against="fixtures", profile="default"))
    assert not plan.synthetic and plan.options.mask_screenshots
    assert plan.redactor("ana@example.com") == "a…@example.com"


def test_qa_never_runs_against_the_live_portals() -> None:
    with pytest.raises(UsageError) as caught:
        plan_run(request(mode="qa", against="live"))
    assert caught.value.key == "session.qa_live"


@pytest.mark.parametrize("against", ["live", "http://127.0.0.1:1"])
@pytest.mark.parametrize("mode", ["student", "qa"])
def test_mock_settings_off_the_bundled_mock_are_refused_first(against: str, mode: str) -> None:
    # Ignored, they would send a student who asked for a drifted mock to the live portals.
    # Refused before the profile (a student may have none) or the mirror is even looked at.
    with pytest.raises(UsageError) as caught:
        plan_run(request(mode=mode, against=against, mock_options={"drift": True}, again=True))
    assert caught.value.message("es") == (
        "--mock cambia el simulado incluido: solo va con --against fixtures."
    )
    assert caught.value.message("en") == (
        "--mock changes the bundled mock: it only goes with --against fixtures."
    )
    assert plan_run(request(against="fixtures", mock_options={"drift": True})).mock_options == {
        "drift": True
    }


def test_a_profile_missing_what_the_scenario_needs_stops_before_any_browser() -> None:
    update_profile("default", {"curp": STUDENT["curp"], "email": STUDENT["email"]})
    with pytest.raises(ProfileError) as caught:
        plan_run(request(against="fixtures", profile="default"))
    assert "postal_code, street, exterior_number" in caught.value.message("es")


def test_a_missing_secret_names_its_environment_variable(tmp_path: Path) -> None:
    text = (
        Path("scenarios/imss-nss.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  optional: [interior_number, colonia]\n",
            "  optional: [interior_number, colonia]\n  secrets: [cia_password]\n",
        )
    )
    path = tmp_path / "with-secret.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        plan_run(request(scenario=str(path), mode="qa", against="fixtures"))
    assert "AUTOHELPER_SECRET_CIA_PASSWORD" in caught.value.message("en")
    # A QA case's scripted person gives it (before the environment's).
    given = plan_run(
        request(
            scenario=str(path), mode="qa", against="fixtures", secrets={"cia_password": "de-la-qa"}
        )
    )
    assert given.secrets == {"cia_password": "de-la-qa"}
    assert "de-la-qa" not in given.redactor("la clave de-la-qa")


def test_a_secret_of_only_spaces_is_missing_as_an_empty_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sent, it would use up one of the portal's few sign-in tries."""
    text = (
        Path("scenarios/imss-nss.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  optional: [interior_number, colonia]\n",
            "  optional: [interior_number, colonia]\n  secrets: [cia_password]\n",
        )
    )
    path = tmp_path / "with-secret.yaml"
    path.write_text(text, encoding="utf-8")
    for blank in ("", " ", "\t \n"):
        monkeypatch.setenv("AUTOHELPER_SECRET_CIA_PASSWORD", blank)
        with pytest.raises(UsageError) as caught:
            plan_run(request(scenario=str(path), mode="qa", against="fixtures"))
        # Nobody to ask (no prompt given): the variable alone is said, not "when asked".
        assert caught.value.key == "session.secret_unattended"
        assert caught.value.message("es").endswith(
            "(un dato secreto): nadie lo escribe en esta corrida, así que ponlo en la variable "
            "de entorno AUTOHELPER_SECRET_CIA_PASSWORD."
        )
        with pytest.raises(UsageError) as caught:
            plan_run(request(scenario=str(path), mode="qa", against="fixtures"), lambda name: "")
        assert caught.value.key == "session.secret_missing"  # asked, and nothing typed
        asked = plan_run(
            request(scenario=str(path), mode="qa", against="fixtures"), lambda name: " clave "
        )
        assert asked.secrets == {"cia_password": " clave "}  # a secret's own spaces are kept


def test_a_qa_case_may_give_its_person_other_profile_values() -> None:
    plan = plan_run(request(mode="qa", against="fixtures", profile_values={"postal_code": "85760"}))
    assert plan.profile.postal_code == "85760" and plan.synthetic
    assert plan_run(request(mode="qa", against="fixtures")).profile.postal_code == "91000"


def test_the_hand_off_is_only_for_a_student_at_a_visible_live_browser() -> None:
    update_profile("default", STUDENT)
    assert plan_run(request(profile="default", headless=False)).options.hand_off
    assert not plan_run(request(profile="default", headless=True)).options.hand_off
    assert not plan_run(
        request(profile="default", against="fixtures", headless=False)
    ).options.hand_off


def test_a_run_on_the_bundled_mock_is_not_resumable_on_a_mirror_or_live_it_is() -> None:
    """The bundled mock forgets its links when it stops: a demo left at its link is not said
    to be resumable (tests/test_engine.py has the words)."""
    update_profile("default", STUDENT)
    assert not plan_run(request(against="fixtures")).options.resumable
    assert plan_run(request(against="http://127.0.0.1:1")).options.resumable
    assert plan_run(request(profile="default")).options.resumable


def test_only_a_students_successful_run_offers_what_differs_from_the_profile() -> None:
    nss = nss_for(STUDENT["curp"])
    update_profile("default", {**STUDENT, "nss": nss})
    plan = plan_run(request(profile="default", against="fixtures"))
    yielded = {"nss": nss, "colonia": "CENTRO", "folio": "123"}
    assert _saveable(plan, RunResult("success", yields=yielded)) == {"colonia": "CENTRO"}
    assert _saveable(plan, RunResult("error", yields=yielded)) == {}
    synthetic = plan_run(request(against="fixtures"))
    assert _saveable(synthetic, RunResult("success", yields=yielded)) == {}


# -- what the first lines of a run say ------------------------------------------------------
OWN = {
    "curp": "HEGG560427MVZRRL04",
    "email": "ana.lopez@gmail.com",
    "names": "ANA MARIA",
    "first_surname": "LOPEZ",
    "postal_code": "91000",
    "street": "AVENIDA DE PRUEBA",
    "exterior_number": "123",
}


def opening(against: str, profile: str | None = None, trace: Path | None = None) -> list[str]:
    return opening_lines(plan_run(request(against=against, profile=profile, trace=trace)))


@pytest.fixture
def own_profile() -> None:
    update_profile("default", OWN)


def test_the_demo_says_it_uses_the_test_profile_and_the_bundled_mock() -> None:
    assert opening("fixtures") == [
        "Perfil: perfil de prueba (datos inventados). Destino: el portal simulado incluido (nada "
        "sale de tu computadora)."
    ]


@pytest.mark.usefixtures("own_profile")
def test_the_students_own_profile_on_the_mock_is_said_masked(tmp_path: Path) -> None:
    assert opening("fixtures", "default", trace=tmp_path / "t.zip") == [
        "Perfil: tu perfil «default» (A… M… L…). Destino: el portal simulado incluido (nada sale "
        "de tu computadora).",
        "Usas tu propio perfil, no el de prueba, con el portal simulado: tus datos solo se "
        "escriben en el simulado, en tu computadora.",
        f"Aviso: la traza {tmp_path / 't.zip'} guardará las páginas tal como se vean, con tus "
        "datos personales. No la compartas; bórrala cuando ya no la necesites.",
    ]


@pytest.mark.usefixtures("own_profile")
def test_live_and_a_mirror_are_named() -> None:
    assert opening("live") == [
        "Perfil: tu perfil «default» (A… M… L…). Destino: los portales reales (lo que confirmes "
        "se envía de verdad)."
    ]
    assert opening("http://127.0.0.1:9") == [
        "Perfil: tu perfil «default» (A… M… L…). Destino: el espejo http://127.0.0.1:9.",
        "Usas tu propio perfil, no el de prueba, con el espejo http://127.0.0.1:9: tus datos se "
        "escriben en ese servidor, no en el portal real.",
    ]


def test_a_mirror_that_redirects_off_the_portal_is_there_and_not_followed() -> None:
    """Its redirect is its answer: following it would ask another host (and, when that name
    does not resolve, blame the mirror for it)."""
    import http.server
    import threading

    from autohelper.session import probe_mirror

    asked: list[str] = []

    class Elsewhere(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            asked.append(self.path)
            self.send_response(302)
            self.send_header("Location", "http://nowhere.invalid/steal")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Elsewhere)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        probe_mirror(f"http://127.0.0.1:{server.server_address[1]}", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert asked == ["/"]


def test_the_password_is_asked_after_the_run_says_its_profile_and_target(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The student knows which profile and which portal a password is for before typing it;
    nothing is set up before it is typed."""
    import autohelper.session

    said: list[tuple[str, str]] = []

    class Stop(Exception):
        pass

    def no_browser(*args: object, **kwargs: object) -> None:
        said.append(("browser", ""))
        raise Stop

    def ask(name: str) -> str:
        said.append(("asked", name))
        return "clave"

    monkeypatch.setattr(autohelper.session, "provider_for", no_browser)
    monkeypatch.delenv("AUTOHELPER_SECRET_CIA_PASSWORD", raising=False)
    human = ScriptedHuman(on_progress=lambda line: said.append(("said", line)))
    with pytest.raises(Stop):
        run_session(request(scenario="itson-solicitud", human=human, against="fixtures"), ask)
    assert [kind for kind, _ in said] == ["said", "asked", "browser"]
    assert said[0][1].startswith("Perfil: perfil de prueba")
    assert said[1] == ("asked", "cia_password")


def test_a_secret_is_asked_by_the_words_its_scenario_gives_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`needs.secrets` may label a secret in both languages: prompts say "tu contraseña del
    CIA", never the bare `cia_password`, and in words that fit any label."""
    from autohelper import human as people

    shown: list[str] = []
    monkeypatch.setattr(people, "at_terminal", lambda: True)
    monkeypatch.setattr(people, "prompt", lambda text, **kwargs: shown.append(text) or "clave")
    plan = plan_run(request(scenario="itson-solicitud", against="fixtures"), people.ask_secret)
    assert plan.secrets == {"cia_password": "clave"}
    assert plan.scenario.needs.secrets == ("cia_password",)
    echoed: list[str] = []
    assert people.TerminalHuman(headless=True, echo=echoed.append).secret("cia_password")
    assert shown == ["Escribe tu contraseña del CIA (no se guarda ni se muestra)"] * 2
    assert echoed == [
        "El portal pide otra vez tu contraseña del CIA. Tienes que escribir ese dato tú (no lo "
        "guardo ni lo reenvío por mi cuenta); deja vacío para no enviar nada más."
    ]
    assert people.secret_words("cia_password", "en") == "your CIA password"
    monkeypatch.setattr(people, "at_terminal", lambda: False)
    with pytest.raises(UsageError) as caught:
        people.ask_secret("cia_password")
    assert caught.value.message("en").startswith(
        "The secret your CIA password is needed and the input is not a terminal"
    )
