"""Engines layer: paper-agnostic solvers built on :mod:`symbolic_ness.core`.

Their inputs are general models (core :class:`~symbolic_ness.core.Model` objects or
local generators), never a paper's symbols. Engines import only ``core``, ``_errors``
and ``_cache``.
"""
from ..core import exact_nullspace as exact_nullspace
from ._modelfile import ModelFile as ModelFile
from ._modelfile import certify_nonnegative as certify_nonnegative
from ._modelfile import choose_engine as choose_engine
from ._modelfile import expand_symmetric as expand_symmetric
from ._modelfile import load_model as load_model
from ._modelfile import permutation_engine_available as permutation_engine_available
from ._modelfile import read_model_file as read_model_file

__all__ = ["exact_nullspace", "ModelFile", "read_model_file", "load_model", "expand_symmetric", "choose_engine",
           "certify_nonnegative", "permutation_engine_available"]
