"""autohelper: a guided, human-in-the-loop helper for the IMSS "Seguro Facultativo" paperwork."""

from __future__ import annotations

__version__ = "0.1.0"
