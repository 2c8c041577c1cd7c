"""Imports every paper module so that it registers its models and sections.

Each listed module registers :class:`~symbolic_ness._registry.CatalogModel`
and :class:`~symbolic_ness._registry.ReproduceSection` objects at import time.
"""
from __future__ import annotations

import importlib

PAPER_MODULES = (
    "symbolic_ness.reset._two_qubit",     # HDB Sec. II (issue: core + two-qubit reset)
    "symbolic_ness.reset._general",       # HDB Sec. III two qubits: general noise, XYZ, imperfect reset
    "symbolic_ness.reset._symmetric",     # HDB Sec. III N qubits, fluctuating N
    "symbolic_ness.xx._thermal",          # Znidaric Sec. II thermal entanglement
    "symbolic_ness.xx._correlators",      # exact NESS correlators (any n, with/without dephasing)
    "symbolic_ness.xx._boundary_driven",  # Znidaric Sec. III.A-C pair states and thresholds (gamma = 0)
    "symbolic_ness.xx._dephasing",        # Znidaric Sec. III.D dephasing thresholds
)

_loaded = False


def load():
    """Import all paper modules (idempotent)."""
    global _loaded
    if not _loaded:
        for name in PAPER_MODULES:
            importlib.import_module(name)
        _loaded = True
