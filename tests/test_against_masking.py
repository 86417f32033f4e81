"""A `--against` URL with personal data in it (a CURP as a path segment, an email in the query)
is shown masked wherever the tool shows it: its refusals, its opening lines, an unreachable
mirror's message, the debug log, the journal's `target_url`. An ordinary mirror's URL is shown
as it is."""

from __future__ import annotations

import logging

import pytest
from support import console

from autohelper.errors import MirrorUnreachable, UsageError
from autohelper.human import ScriptedHuman
from autohelper.session import (
    SessionRequest,
    journal_url,
    opening_lines,
    plan_run,
    probe_mirror,
)
from autohelper.target import parse_against, shown_against

CURP = "HEGG560427MVZRRL04"
EMAIL = "ana.lopez@gmail.com"
NSS = "12345678901"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (f"http://127.0.0.1:1?curp={CURP}", "http://127.0.0.1:1?curp=HEGG…L04"),
        (f"http://127.0.0.1:1/{CURP}", "http://127.0.0.1:1/HEGG…L04"),
        (f"http://127.0.0.1:1/{CURP.lower()}/x", "http://127.0.0.1:1/hegg…l04/x"),
        (f"http://127.0.0.1:1?email={EMAIL}", "http://127.0.0.1:1?email=a…@gmail.com"),
        (f"http://127.0.0.1:1/{EMAIL}/x", "http://127.0.0.1:1/a…@gmail.com/x"),
        ("http://127.0.0.1:1/ana.lopez%40gmail.com", "http://127.0.0.1:1/a…@gmail.com"),
        (f"http://m/a?nss={NSS}&x=2", "http://m/a?nss=12…01&x=2"),
        (f"http://m/{NSS}", "http://m/…01"),
        ("http://m/?names=Ana%20L%C3%B3pez", "http://m/?names=A… L…"),
        (f"http://m#{CURP}", "http://m#HEGG…L04"),
        (f"http://u:pw@m/{CURP}", "http://…@m/HEGG…L04"),
        (CURP, "HEGG…L04"),  # pasted where the URL goes
    ],
)
def test_personal_parts_of_the_url_are_masked(value: str, shown: str) -> None:
    assert shown_against(value) == shown


@pytest.mark.parametrize(
    "value",
    [
        "http://127.0.0.1:9000",
        "https://[::1]:8443/espejo/",
        "http://mirror_1.example.com:8000/a/b%20c",
        "http://127.0.0.1:9000/serviciosdigitales.imss.gob.mx/",
        "http://m/127.0.0.1:8000/x",
        "https://u@h/p@q",  # only the credentials go: `p@q` is no one's address
        "http://h/?a=1",
        "live",
        "fixtures",
    ],
)
def test_an_ordinary_mirror_url_is_shown_as_it_is(value: str) -> None:
    assert shown_against(value) == value.replace("u@", "…@")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_refused_url_is_named_masked(lang: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_against(f"http://127.0.0.1:1?curp={CURP}")
    message = caught.value.message(lang)
    assert "http://127.0.0.1:1?curp=HEGG…L04" in message and CURP not in message


def test_an_unreachable_mirror_is_named_masked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(MirrorUnreachable) as caught:
        probe_mirror(f"http://127.0.0.1:1/{CURP}", timeout=5)
    assert caught.value.message("es") == (
        "No se pudo conectar con el espejo http://127.0.0.1:1/HEGG…L04: rechazó la conexión "
        "(¿no está corriendo?). Revisa la dirección y que el espejo esté corriendo (por "
        "ejemplo, autohelper mock serve)."
    )
    assert "http://127.0.0.1:1/HEGG…L04" in caught.value.message("en")
    assert CURP not in caplog.text and "HEGG…L04" in caplog.text


def test_the_opening_lines_and_the_journal_name_the_mirror_masked() -> None:
    spec = parse_against(f"http://127.0.0.1:9/{CURP}")
    assert journal_url(spec) == "http://127.0.0.1:9/HEGG…L04"
    plan = plan_run(
        SessionRequest(
            "imss-nss", ScriptedHuman(), against=f"http://127.0.0.1:9/{EMAIL}", mode="qa"
        )
    )
    assert opening_lines(plan) == [
        "Perfil: perfil de prueba (datos inventados). Destino: el espejo "
        "http://127.0.0.1:9/a…@gmail.com."
    ]


def test_check_names_an_unreachable_mirror_masked() -> None:
    result = console("check", "imss-nss", "--against", f"http://127.0.0.1:1/{EMAIL}/x")
    assert result.exit_code == 2, result.output
    assert "No se pudo conectar con el espejo http://127.0.0.1:1/a…@gmail.com/x" in result.output
    assert EMAIL not in result.output
