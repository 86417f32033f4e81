"""autohelper: a guided, human-in-the-loop helper for the IMSS "Seguro Facultativo" paperwork."""

from __future__ import annotations

__version__ = "0.1.0"

# The lines of `-v`/`-vv` on stderr: the command's own, and those of a `qa` run's workers.
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
