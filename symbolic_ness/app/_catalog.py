"""Imports every paper module so that it registers its models and sections.

Each listed module registers :class:`~symbolic_ness.app._registry.CatalogModel`
and :class:`~symbolic_ness.app._registry.ReproduceSection` objects at import time.
"""
from __future__ import annotations

import importlib

PAPER_MODULES = (
    "symbolic_ness.papers.hdb._two_qubit",     # HDB Sec. II (issue: core + two-qubit reset)
    "symbolic_ness.papers.hdb._general",       # HDB Sec. III two qubits: general noise, XYZ, imperfect reset
    "symbolic_ness.papers.hdb._symmetric",     # HDB Sec. III N qubits, fluctuating N
    "symbolic_ness.papers.znidaric._thermal",          # Znidaric Sec. II thermal entanglement
    "symbolic_ness.papers.znidaric._correlators",      # exact NESS correlators (any n, with/without dephasing)
    "symbolic_ness.papers.znidaric._boundary_driven",  # Znidaric Sec. III.A-C pair states and thresholds (gamma = 0)
    "symbolic_ness.papers.znidaric._dephasing",        # Znidaric Sec. III.D dephasing thresholds
)

_loaded = False


def load():
    """Import all paper modules (idempotent)."""
    global _loaded
    if not _loaded:
        for name in PAPER_MODULES:
            importlib.import_module(name)
        _loaded = True
