"""Reading what the portals hand out: the constancia de vigencia de derechos (a PDF) and what it
means for the student.

    report = check_constancia(path, institution="itson")   # DocumentError if unreadable
    report.verdict.code       # "vigente", "sin_derecho", "otro_patron", "otra_escuela", "ilegible"
    report.public()           # JSON-ready: verdict, the facts it rests on; personal data masked
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autohelper.documents.constancia import (
        ConstanciaFacts,
        parse_constancia,
        read_constancia,
    )
    from autohelper.documents.employers import Employer
    from autohelper.documents.pdf import pdf_text, shown_path
    from autohelper.documents.report import VigenciaReport, check_constancia
    from autohelper.documents.verdict import (
        VERDICTS,
        Expectation,
        Verdict,
        expectation_for,
        judge,
    )

__all__ = [
    "VERDICTS",
    "ConstanciaFacts",
    "Employer",
    "Expectation",
    "Verdict",
    "VigenciaReport",
    "check_constancia",
    "expectation_for",
    "judge",
    "parse_constancia",
    "pdf_text",
    "read_constancia",
    "shown_path",
]

# Where each name lives: loaded on first use, so importing a light module of this package (the
# readers an outcome may name) does not cost pypdf.
_HOMES = {
    "ConstanciaFacts": "constancia",
    "parse_constancia": "constancia",
    "read_constancia": "constancia",
    "Employer": "employers",
    "pdf_text": "pdf",
    "shown_path": "pdf",
    "VigenciaReport": "report",
    "check_constancia": "report",
    "VERDICTS": "verdict",
    "Expectation": "verdict",
    "Verdict": "verdict",
    "expectation_for": "verdict",
    "judge": "verdict",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(f"autohelper.documents.{_HOMES[name]}"), name)
