"""Sec. III.D: the dephased chain (Eqs. 24–25), closed forms and their evaluation.

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._dephasing import exact_pair_values as exact_pair_values
from ._dephasing import float_pair_values as float_pair_values
from ._dephasing import derived_pair_zz as derived_pair_zz
from ._dephasing import zz_closed_form as zz_closed_form
from ._dephasing import pair_lambda_closed_form as pair_lambda_closed_form
from ._dephasing import pt_lambda_generic as pt_lambda_generic
from ._dephasing import pair_substitution as pair_substitution
from ._dephasing import central_lambda_X as central_lambda_X
from ._dephasing import critical_X as critical_X
from ._dephasing import gamma_c_closed_form as gamma_c_closed_form
from ._dephasing import gamma_window_closed_form as gamma_window_closed_form
from ._dephasing import thermodynamic_limits as thermodynamic_limits
from ._dephasing import gamma_m_limit as gamma_m_limit
from ._dephasing import window_in_u as window_in_u
from ._dephasing_numerics import lambda_min_dephasing as lambda_min_dephasing
from ._dephasing_numerics import c_min_dephasing as c_min_dephasing
from ._dephasing_numerics import d_edge_dephasing as d_edge_dephasing
from ._dephasing_numerics import gamma_window_dephasing as gamma_window_dephasing
from ._dephasing_numerics import gamma_m_dephasing as gamma_m_dephasing
from ._dephasing_numerics import gamma_c_dephasing as gamma_c_dephasing
from ._dephasing_numerics import min_lambda_cd as min_lambda_cd
from ._dephasing_numerics import pair_lambda_numeric as pair_lambda_numeric
from ._dephasing_numerics import pair_state_u1 as pair_state_u1
from ._dephasing_numerics import lambda_min_any_pair as lambda_min_any_pair
from ._dephasing_numerics import ENT_TOL as ENT_TOL
from ._dephasing_numerics import c_min_of as c_min_of
from ._dephasing_numerics import d_edge_of as d_edge_of

__all__ = [
    "exact_pair_values",
    "float_pair_values",
    "derived_pair_zz",
    "zz_closed_form",
    "pair_lambda_closed_form",
    "pt_lambda_generic",
    "pair_substitution",
    "central_lambda_X",
    "critical_X",
    "gamma_c_closed_form",
    "gamma_window_closed_form",
    "thermodynamic_limits",
    "gamma_m_limit",
    "window_in_u",
    "lambda_min_dephasing",
    "c_min_dephasing",
    "d_edge_dephasing",
    "gamma_window_dephasing",
    "gamma_m_dephasing",
    "gamma_c_dephasing",
    "min_lambda_cd",
    "pair_lambda_numeric",
    "pair_state_u1",
    "lambda_min_any_pair",
    "ENT_TOL",
    "c_min_of",
    "d_edge_of",
]
