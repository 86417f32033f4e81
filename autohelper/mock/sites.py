"""The registry of the mock's sites: one per portal, plus the lab of the engine's own tests."""

from __future__ import annotations

from typing import Any

from autohelper.mock.cia import CiaSite
from autohelper.mock.imss import ImssSite
from autohelper.mock.lab import LabSite
from autohelper.mock.site import Site
from autohelper.mock.umf import UmfSite
from autohelper.mock.vigencia import VigenciaSite

SITE_TYPES: tuple[type[Site[Any, Any]], ...] = (
    ImssSite,
    VigenciaSite,
    UmfSite,
    CiaSite,
    LabSite,
)
