"""Engines layer: paper-agnostic solvers built on :mod:`symbolic_ness.core`.

Their inputs are general models (core :class:`~symbolic_ness.core.Model` objects or
local generators), never a paper's symbols. Engines import only ``core``, ``_errors``
and ``_cache``.
"""
from ..core import exact_nullspace as exact_nullspace

__all__ = ["exact_nullspace"]
