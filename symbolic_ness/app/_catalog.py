"""The catalogue: an explicit list of the app modules that provide named models and sections.

Each provider module (in ``symbolic_ness.app``) defines two module-level lists,
``CATALOG_MODELS`` (:class:`~symbolic_ness.app.CatalogModel`) and ``CATALOG_SECTIONS``
(:class:`~symbolic_ness.app.ReproduceSection`); :func:`catalog` and :func:`sections`
read them in the order listed here. Importing a module never mutates the catalogue.

Start-up contract (issue 11): ``symbolic-ness list``/``--help`` read the stored description
``app/catalog_manifest.json`` (generated from this catalogue; ``make manifest`` after changing
any module of ``app/``: a test fails until then, and until then the CLI loads the catalogue
itself), and ``evaluate``/``latex``/... import only the provider module of the requested model
(:func:`load_model`). A provider whose evaluations should start fast imports sympy, scipy, core
and the papers inside its functions, not at module level, and evaluates derived closed forms
through :func:`~symbolic_ness.app._numcache.cached_evaluator` (see ``_hdb_two_qubit``).
"""
from __future__ import annotations

import importlib

from ._registry import MODELS, SECTIONS, register_model, register_section

__all__ = ["PROVIDERS", "load", "catalog", "sections", "provider_of", "load_model"]

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
_PROVIDER_OF: dict = {}  # model name -> provider module that defines it (the last one wins)


def load():
    """Fill the catalogue from :data:`PROVIDERS` (idempotent)."""
    global _loaded
    if not _loaded:
        for name in PROVIDERS:
            mod = importlib.import_module(name)
            for m in getattr(mod, "CATALOG_MODELS", ()):
                register_model(m)
                _PROVIDER_OF[m.name] = name
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


def provider_of(name: str) -> str | None:
    """The provider module that defines model ``name`` (after :func:`load`)."""
    load()
    return _PROVIDER_OF.get(name)


def load_model(name: str, provider: str):
    """Model ``name`` from its provider module alone (the other providers are not imported), with
    the generic quantities attached as :func:`load` attaches them: the same object
    :func:`catalog` holds. ``None`` if the provider does not define it."""
    mod = importlib.import_module(provider)
    found = [m for m in getattr(mod, "CATALOG_MODELS", ()) if m.name == name]
    if not found:
        return None
    from ._generic import attach_generic
    attach_generic({name: found[-1]})
    return found[-1]
