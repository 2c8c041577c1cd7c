"""Entanglement thresholds (Eqs. 16–18, 21–23): c_min, tongues, windows; off-centre pairs; independent numerics.

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._thresholds import symmetric_substitution as symmetric_substitution
from ._thresholds import boundary_edge_polynomial as boundary_edge_polynomial
from ._thresholds import c_min_boundary as c_min_boundary
from ._thresholds import d_edge_boundary as d_edge_boundary
from ._thresholds import gamma_min_boundary as gamma_min_boundary
from ._thresholds import largest_tongue as largest_tongue
from ._thresholds import bulk_edge_polynomial as bulk_edge_polynomial
from ._thresholds import d_edge_bulk as d_edge_bulk
from ._thresholds import c_min_bulk as c_min_bulk
from ._thresholds import gamma_window_bulk as gamma_window_bulk
from ._thresholds import boundary_no_interior_vertical_tangent as boundary_no_interior_vertical_tangent
from ._thresholds import bulk_no_interior_vertical_tangent as bulk_no_interior_vertical_tangent
from ._thresholds import lambdify_lambda as lambdify_lambda
from ._thresholds import threshold_functions as threshold_functions
from ._thresholds import real_or_none as real_or_none
from ._thresholds import gamma0_pair_lambda as gamma0_pair_lambda
from ._threshold_numerics import numeric_pair_lambda as numeric_pair_lambda
from ._threshold_numerics import numeric_lambda_cd as numeric_lambda_cd
from ._threshold_numerics import numeric_c_min as numeric_c_min
from ._threshold_numerics import numeric_d_edge as numeric_d_edge
from ._threshold_numerics import numeric_corner_gamma as numeric_corner_gamma
from ._threshold_numerics import min_over_d as min_over_d
from ._threshold_numerics import ENT_EPS as ENT_EPS
from ._offcentre import pair_values_exact as pair_values_exact
from ._offcentre import pair_values_float as pair_values_float
from ._offcentre import pair_functions as pair_functions
from ._offcentre import entangled_intervals as entangled_intervals
from ._offcentre import gamma_c_pair as gamma_c_pair
from ._offcentre import gamma_window_pair as gamma_window_pair
from ._offcentre import pair_cd_lambda as pair_cd_lambda
from ._offcentre import c_min_pair as c_min_pair
from ._offcentre import d_edge_pair as d_edge_pair
from ._offcentre import gamma_c_profile as gamma_c_profile
from ._offcentre import check_pair as check_pair

__all__ = [
    "symmetric_substitution",
    "boundary_edge_polynomial",
    "c_min_boundary",
    "d_edge_boundary",
    "gamma_min_boundary",
    "largest_tongue",
    "bulk_edge_polynomial",
    "d_edge_bulk",
    "c_min_bulk",
    "gamma_window_bulk",
    "boundary_no_interior_vertical_tangent",
    "bulk_no_interior_vertical_tangent",
    "lambdify_lambda",
    "threshold_functions",
    "real_or_none",
    "gamma0_pair_lambda",
    "numeric_pair_lambda",
    "numeric_lambda_cd",
    "numeric_c_min",
    "numeric_d_edge",
    "numeric_corner_gamma",
    "min_over_d",
    "ENT_EPS",
    "pair_values_exact",
    "pair_values_float",
    "pair_functions",
    "entangled_intervals",
    "gamma_c_pair",
    "gamma_window_pair",
    "pair_cd_lambda",
    "c_min_pair",
    "d_edge_pair",
    "gamma_c_profile",
    "check_pair",
]
