"""The session's plan, before any browser: what the first lines of a run say (which profile,
which target, a trace with personal data, a resumed send)."""

from __future__ import annotations

from pathlib import Path

import pytest

from autohelper.human import ScriptedHuman
from autohelper.profile import update_profile
from autohelper.session import SessionRequest, opening_lines, plan_run

CURP = "HEGG560427MVZRRL04"
OWN = {
    "curp": CURP,
    "email": "ana.lopez@gmail.com",
    "names": "ANA MARIA",
    "first_surname": "LOPEZ",
    "postal_code": "91000",
    "street": "AVENIDA DE PRUEBA",
    "exterior_number": "123",
}


def lines(against: str, profile: str | None = None, trace: Path | None = None) -> list[str]:
    request = SessionRequest("imss-nss", ScriptedHuman(), against, profile, trace=trace)
    return opening_lines(plan_run(request))


@pytest.fixture
def own_profile() -> None:
    update_profile("default", OWN)


def test_the_demo_says_it_uses_the_test_profile_and_the_bundled_mock() -> None:
    assert lines("fixtures") == [
        "Perfil: perfil de prueba (datos inventados). Destino: el portal simulado incluido (nada "
        "sale de tu computadora)."
    ]


@pytest.mark.usefixtures("own_profile")
def test_the_students_own_profile_on_the_mock_is_said_masked(tmp_path: Path) -> None:
    assert lines("fixtures", "default", trace=tmp_path / "t.zip") == [
        "Perfil: tu perfil «default» (A… M… L…). Destino: el portal simulado incluido (nada sale "
        "de tu computadora).",
        "Usas tu propio perfil, no el de prueba, con el portal simulado: tus datos solo se "
        "escriben en el simulado, en tu computadora.",
        f"Aviso: la traza {tmp_path / 't.zip'} guardará las páginas tal como se vean, con tus "
        "datos personales. No la compartas; bórrala cuando ya no la necesites.",
    ]


@pytest.mark.usefixtures("own_profile")
def test_live_and_a_mirror_are_named() -> None:
    assert lines("live") == [
        "Perfil: tu perfil «default» (A… M… L…). Destino: los portales reales (lo que confirmes "
        "se envía de verdad)."
    ]
    assert lines("http://127.0.0.1:9") == [
        "Perfil: tu perfil «default» (A… M… L…). Destino: el espejo http://127.0.0.1:9.",
        "Usas tu propio perfil, no el de prueba, con el espejo http://127.0.0.1:9: tus datos se "
        "escriben en ese servidor, no en el portal real.",
    ]
