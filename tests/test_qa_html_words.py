"""pytest-html's page is English only: a Spanish QA report says its fixed words in Spanish,
and its page script still finds each case's result (it keys on pytest-html's word)."""

from __future__ import annotations

import html
import json

from autohelper.qa.plugin import localize_html


def _page() -> str:
    data = {
        "tests": {
            "ok.yaml::uno": [
                {
                    "result": "Passed",
                    "log": "No log output captured.",
                    "resultsTableRow": [
                        '<td class="col-result">Passed</td>',
                        '<td class="col-testId">ok.yaml::uno</td>',
                    ],
                }
            ]
        }
    }
    data["environment"] = {"Python": "3.11.7", "Platform": "Linux"}
    blob = json.dumps(data).replace('"', "&#34;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        "<h2>Environment</h2><p>Report generated on 24-Nov-2026 at 05:21:49 by "
        '<a href="https://pypi.python.org/pypi/pytest-html">pytest-html</a></p>'
        '<h2>Summary</h2><p class="run-count">2 tests took 00:00:02.</p>'
        '<p class="filter">(Un)check the boxes to filter the results.</p>'
        '<span class="failed">1 Failed,</span><span class="xpassed">0 Unexpected passes,</span>'
        '<button id="show_all_details">Show all details</button>'
        '<td colspan="5">No results found. Check the filters.</td>'
        f'<div id="data-container" data-jsonblob="{blob}"></div>'
    )


def test_a_spanish_report_says_pytest_htmls_words_in_spanish() -> None:
    page = localize_html(_page())
    for english in ("Summary", "Environment", "took", "Report generated", "Failed,", "Nov"):
        assert english not in page, english
    for spanish in (
        "<h2>Resumen</h2>",
        "<h2>Entorno</h2>",
        '<p class="run-count">2 caso(s) en 00:00:02.</p>',
        "Informe generado el 2026-11-24 a las 05:21:49 por <a",
        '<span class="failed">1 Fallidos,</span>',
        '<span class="xpassed">0 Aciertos inesperados,</span>',
        ">Mostrar todos los detalles<",
        ">Ningún resultado. Revisa los filtros.<",
        ">Marca o desmarca las casillas para filtrar los resultados.<",
    ):
        assert spanish in page, spanish
    blob = page.split('data-jsonblob="')[1].split('"')[0]
    [run] = json.loads(html.unescape(blob))["tests"]["ok.yaml::uno"]
    assert run["resultsTableRow"][0] == '<td class="col-result">Correcto</td>'
    assert run["result"] == "Passed"  # what the page's filters and sorting key on
    assert run["log"] == "No se capturó ningún registro."
    assert json.loads(html.unescape(blob))["environment"] == {
        "Python": "3.11.7",
        "Plataforma": "Linux",
    }


def test_the_report_names_its_language_on_its_html_element() -> None:
    from autohelper.messages import set_lang

    try:
        for lang in ("es", "en"):
            set_lang(lang)
            page = localize_html("<!DOCTYPE html>\n<html>\n<head>" + _page())
            assert f'<html lang="{lang}">' in page
            assert page.count("<html") == 1
    finally:
        set_lang(None)
