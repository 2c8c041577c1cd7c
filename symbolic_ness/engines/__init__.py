"""Engines layer: paper-agnostic solvers built on :mod:`symbolic_ness.core`.

Their inputs are general models (core :class:`~symbolic_ness.core.Model` objects or
local generators), never a paper's symbols. Engines import only ``core``, ``_errors``
and ``_cache``.

* permutation-invariant reduction (:class:`PermutationModel`,
  :func:`permutation_steady_state`, reduced states, density matrix, negativities).
"""
from ..core import exact_nullspace as exact_nullspace
from ._permutation import EXACT_AUTO_MAX_DIM as EXACT_AUTO_MAX_DIM
from ._permutation import PermutationModel as PermutationModel
from ._permutation import PermutationSteadyState as PermutationSteadyState
from ._permutation import exact_value as exact_value
from ._permutation import label_counts as label_counts
from ._permutation import permutation_basis as permutation_basis
from ._permutation import permutation_generator as permutation_generator
from ._permutation import permutation_steady_state as permutation_steady_state
from ._permutation_states import EXACT_STATE_MAX_N as EXACT_STATE_MAX_N
from ._permutation_states import FULL_STATE_MAX_N as FULL_STATE_MAX_N
from ._permutation_states import bipartition_weights as bipartition_weights
from ._permutation_states import exact_negativity as exact_negativity
from ._permutation_states import permutation_average_negativity as permutation_average_negativity
from ._permutation_states import permutation_density_matrix as permutation_density_matrix
from ._permutation_states import permutation_marginal as permutation_marginal
from ._permutation_states import permutation_negativity as permutation_negativity
from ._permutation_states import permutation_reduced_state as permutation_reduced_state

__all__ = ["exact_nullspace",
           "PermutationModel", "PermutationSteadyState", "permutation_steady_state", "permutation_reduced_state",
           "permutation_density_matrix", "permutation_negativity", "permutation_average_negativity", "permutation_marginal",
           "permutation_basis", "permutation_generator", "bipartition_weights", "label_counts", "exact_value", "exact_negativity",
           "EXACT_AUTO_MAX_DIM", "EXACT_STATE_MAX_N", "FULL_STATE_MAX_N"]
