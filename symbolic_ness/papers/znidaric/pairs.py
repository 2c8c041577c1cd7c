"""Pair states of the NESS, their λ_min (Eqs. 14–15, 19–20), distance-r pairs, the nearest-neighbour theorem.

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._pair_states import general_pair_state as general_pair_state
from ._pair_states import u1_pair_state as u1_pair_state
from ._pair_states import pair_state_from_correlators as pair_state_from_correlators
from ._pair_states import gamma0_profile as gamma0_profile
from ._pair_states import boundary_pair_state as boundary_pair_state
from ._pair_states import bulk_pair_state as bulk_pair_state
from ._pair_states import boundary_lambda_min as boundary_lambda_min
from ._pair_states import bulk_lambda_min as bulk_lambda_min
from ._pair_states import distance_pair_correlators as distance_pair_correlators
from ._pair_states import distance_lambda_min as distance_lambda_min
from ._pair_forms import zz_pair_form as zz_pair_form
from ._pair_forms import pair_threshold_form as pair_threshold_form
from ._nn_theorem import nn_theorem as nn_theorem

__all__ = [
    "general_pair_state",
    "u1_pair_state",
    "pair_state_from_correlators",
    "gamma0_profile",
    "boundary_pair_state",
    "bulk_pair_state",
    "boundary_lambda_min",
    "bulk_lambda_min",
    "distance_pair_correlators",
    "distance_lambda_min",
    "nn_theorem",
    "zz_pair_form",
    "pair_threshold_form",
]
