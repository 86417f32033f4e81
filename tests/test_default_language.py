"""Spanish by default, English when asked for: the system's locale does not choose."""

from __future__ import annotations

import pytest
from support import console


@pytest.mark.parametrize("locale", ["en_US.UTF-8", "en_GB.UTF-8"])
def test_an_english_locale_still_gets_spanish_unless_english_is_asked_for(
    monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    monkeypatch.setenv("LANG", locale)
    monkeypatch.setenv("LC_ALL", locale)
    result = console("frob")
    assert result.exit_code == 2
    assert "Error: No existe el comando 'frob'." in result.stderr
    monkeypatch.setenv("AUTOHELPER_LANG", "en")
    assert "Error: No such command 'frob'." in console("frob").stderr
    monkeypatch.delenv("AUTOHELPER_LANG")
    assert "Error: No such command 'frob'." in console("--lang", "en", "frob").stderr
