"""The catalogue: an explicit list of the app modules that provide named models and sections.

Each provider module (in ``symbolic_ness.app``) defines two module-level lists,
``CATALOG_MODELS`` (:class:`~symbolic_ness.app.CatalogModel`) and ``CATALOG_SECTIONS``
(:class:`~symbolic_ness.app.ReproduceSection`); :func:`catalog` and :func:`sections`
read them in the order listed here. Importing a module never mutates the catalogue.
"""
from __future__ import annotations

import importlib

from ._registry import MODELS, SECTIONS, register_model, register_section

__all__ = ["PROVIDERS", "load", "catalog", "sections"]

# Order matters: it is the order of ``symbolic-ness list``.
PROVIDERS = (
    "symbolic_ness.app._hdb_two_qubit",   # HDB Sec. II
    "symbolic_ness.app._hdb_general",     # HDB Sec. III two qubits
    "symbolic_ness.app._hdb_symmetric",   # HDB Sec. III N qubits
    "symbolic_ness.app._znidaric_thermal",     # Znidaric Sec. II (xx-thermal)
    "symbolic_ness.app._znidaric_ness",        # Znidaric xx-ness: correlators, pairs, thresholds
    "symbolic_ness.app._znidaric_boundary",    # Znidaric Sec. III.A-C section and figures
    "symbolic_ness.app._znidaric_dephasing",   # Znidaric Sec. III.D section and figures
    "symbolic_ness.app._exceptional_section",  # exceptional points (beyond the papers)
)

_loaded = False


def load():
    """Fill the catalogue from :data:`PROVIDERS` (idempotent)."""
    global _loaded
    if not _loaded:
        for name in PROVIDERS:
            mod = importlib.import_module(name)
            for m in getattr(mod, "CATALOG_MODELS", ()):
                register_model(m)
            for s in getattr(mod, "CATALOG_SECTIONS", ()):
                register_section(s)
        from ._generic import attach_generic
        attach_generic(MODELS)  # generic quantities (exceptional points) of models with build
        _loaded = True


def catalog() -> dict:
    """``{name: CatalogModel}`` of every catalogued model."""
    load()
    return MODELS


def sections() -> dict:
    """``{key: ReproduceSection}`` of every reproduce section."""
    load()
    return SECTIONS
