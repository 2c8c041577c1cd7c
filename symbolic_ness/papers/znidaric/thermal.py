"""Sec. II: thermal XX chain (Eqs. 2–4), critical temperatures, finite-chain checks.

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._thermal import derive_free_fermion_form as derive_free_fermion_form
from ._thermal import derive_pair_state as derive_pair_state
from ._thermal import derive_lambda_min as derive_lambda_min
from ._thermal import derive_threshold as derive_threshold
from ._thermal import correlators as correlators
from ._thermal import lambda_min as lambda_min
from ._thermal import beta_c as beta_c
from ._thermal import T_c as T_c
from ._thermal import critical_curve as critical_curve
from ._thermal import beta_c_large_phi_limit as beta_c_large_phi_limit
from ._thermal import pair_state as pair_state
from ._thermal import DPS_MAX as DPS_MAX
from ._thermal import check_dps as check_dps
from ._thermal import threshold_scaled_np as threshold_scaled_np
from ._thermal_finite import correlators_array as correlators_array
from ._thermal_finite import lambda_min_array as lambda_min_array
from ._thermal_finite import lambda_min_function as lambda_min_function
from ._thermal_finite import ground_state_curve as ground_state_curve
from ._thermal_finite import correlators_numeric as correlators_numeric
from ._thermal_finite import pair_state_numeric as pair_state_numeric
from ._thermal_finite import lambda_min_numeric as lambda_min_numeric
from ._thermal_finite import beta_c_numeric as beta_c_numeric
from ._thermal_finite import finite_chain_correlators as finite_chain_correlators

__all__ = [
    "derive_free_fermion_form",
    "derive_pair_state",
    "derive_lambda_min",
    "derive_threshold",
    "correlators",
    "lambda_min",
    "beta_c",
    "T_c",
    "critical_curve",
    "beta_c_large_phi_limit",
    "pair_state",
    "DPS_MAX",
    "check_dps",
    "threshold_scaled_np",
    "correlators_array",
    "lambda_min_array",
    "lambda_min_function",
    "ground_state_curve",
    "correlators_numeric",
    "pair_state_numeric",
    "lambda_min_numeric",
    "beta_c_numeric",
    "finite_chain_correlators",
]
