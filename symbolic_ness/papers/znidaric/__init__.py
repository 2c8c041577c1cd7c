r"""Žnidarič, PRA 85, 012324 (2012): entanglement in XX-chain steady states — physics only.

Where each paper equation is derived:

==========================  ==========================================================
paper                       module (public names re-exported here)
==========================  ==========================================================
symbols                     ``_symbols`` (COUPLING = Γ, DEPHASING = γ, ...)
Eqs. 5–10 (model)           ``_chain`` (xx_chain_model, xx_local_chain on the hierarchy engine)
Sec. II, Eqs. 2–4           ``_thermal`` (derivations, mpmath), ``_thermal_finite`` (floats, finite n)
NESS correlators, Eq. 13    ``_xx_hierarchy`` (closed hierarchy), ``_two_point`` (C matrix, closed forms
                            in n), ``_class_engine`` (four-point, any n), ``_correlators`` (front door)
Eqs. 14–15, 19–20           ``_pair_states`` (pair states, λ_min, distance-r pairs by Wick)
Eqs. 16–18, 21–23           ``_thresholds`` (derived), ``_threshold_numerics`` (independent numerics)
Sec. III.C (NN theorem)     ``_nn_theorem``
Sec. III.D, Eqs. 24–25      ``_dephasing`` (closed forms), ``_dephasing_numerics`` (evaluation)
provenance of forms in n    ``_provenance`` (proved for all n >= n0 / exact for listed n / numeric),
                            ``_two_point_generated`` (two-point rows read off the generated hierarchy),
                            ``_zz_proof`` (four-point closed forms proved for all n >= 8),
                            ``_uniqueness`` (unique NESS for every n; closed hierarchies nonsingular),
                            ``_cd_grading`` (Majorana grading: the drive lowers the degree),
                            ``_cd_extension`` (general-drive four-point forms proved for all n >= 8)
beyond: any pair, γ > 0     ``_pair_forms`` (exact form of any pair per n), ``_offcentre`` (γ_c, Γ±, c_min, d(c) of every pair (j, j+1), exact per n)
==========================  ==========================================================
"""
from ._symbols import COUPLING as COUPLING
from ._symbols import COUPLING_L as COUPLING_L
from ._symbols import COUPLING_R as COUPLING_R
from ._symbols import MU as MU
from ._symbols import MUBAR as MUBAR
from ._symbols import DRIVE_C as DRIVE_C
from ._symbols import DRIVE_D as DRIVE_D
from ._symbols import DEPHASING as DEPHASING
from ._symbols import LENGTH as LENGTH
from ._symbols import SITE as SITE
from ._symbols import CURRENT as CURRENT
from ._symbols import MAG_FIRST as MAG_FIRST
from ._symbols import MAG_BULK as MAG_BULK
from ._symbols import MAG_LAST as MAG_LAST
from ._symbols import X_SCALE as X_SCALE
from ._symbols import MOMENTUM as MOMENTUM
from ._symbols import BETA as BETA
from ._symbols import PHI as PHI
from ._symbols import Z_MEAN as Z_MEAN
from ._symbols import XX_NN as XX_NN
from ._symbols import ZZ_NN as ZZ_NN
from ._symbols import ONE_MINUS_Z2 as ONE_MINUS_Z2
from ._chain import xx_chain_model as xx_chain_model
from ._chain import xx_local_chain as xx_local_chain
from ._chain import xx_family_chain as xx_family_chain
from ._chain import xx_rates as xx_rates
from ._chain import check_xx_parameters as check_xx_parameters
from ._chain import cd_to_mu as cd_to_mu
from ._chain import mu_to_cd as mu_to_cd
from ._chain import FAMILIES as FAMILIES
from ._chain import FAMILY_SYMBOLS as FAMILY_SYMBOLS
from ._chain import adjoint_generator as adjoint_generator
from ._chain import closed_hierarchy as closed_hierarchy
from ._chain import family_blocks as family_blocks
from ._chain import family_float_matrices as family_float_matrices
from ._chain import pauli_label as pauli_label
from ._xx_hierarchy import hierarchy as hierarchy
from ._xx_hierarchy import solve_hierarchy as solve_hierarchy
from ._xx_hierarchy import seed_strings as seed_strings
from ._two_point import two_point_local_data as two_point_local_data
from ._two_point import two_point_map as two_point_map
from ._two_point import check_two_point_map as check_two_point_map
from ._two_point import bilinear_generator as bilinear_generator
from ._two_point import two_point_fast as two_point_fast
from ._two_point import pauli_from_two_point as pauli_from_two_point
from ._two_point import gamma0_closed_form as gamma0_closed_form
from ._two_point import dephasing_two_point_closed_form as dephasing_two_point_closed_form
from ._class_engine import ENGINE_MIN_N as ENGINE_MIN_N
from ._class_engine import support_classes as support_classes
from ._class_engine import engine_solve as engine_solve
from ._class_engine import engine_value as engine_value
from ._class_engine import engine_zz as engine_zz
from ._class_engine import engine_structure as engine_structure
from ._class_engine import dephasing_zz_closed_form as dephasing_zz_closed_form
from ._correlators import XXCorrelators as XXCorrelators
from ._correlators import ness_correlators as ness_correlators
from ._correlators import gamma0_correlators as gamma0_correlators
from ._correlators import zz_dephasing as zz_dephasing
from ._correlators import block_steady_state as block_steady_state
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
from ._pair_states import general_pair_state as general_pair_state
from ._pair_states import u1_pair_state as u1_pair_state
from ._pair_states import pair_state_from_correlators as pair_state_from_correlators
from ...core import pt_eigenvalues_x_state as pt_eigenvalues_x_state
from ._pair_states import gamma0_profile as gamma0_profile
from ._pair_states import boundary_pair_state as boundary_pair_state
from ._pair_states import bulk_pair_state as bulk_pair_state
from ._pair_states import boundary_lambda_min as boundary_lambda_min
from ._pair_states import bulk_lambda_min as bulk_lambda_min
from ._pair_states import distance_pair_correlators as distance_pair_correlators
from ._pair_states import distance_lambda_min as distance_lambda_min
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
from ...algebra import amgm_certificate as positivity_certificate
from ._nn_theorem import nn_theorem as nn_theorem
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
from ._dephasing_numerics import c_min_of as c_min_of
from ._dephasing_numerics import d_edge_of as d_edge_of

from ._provenance import STATUSES as STATUSES
from ._provenance import Provenance as Provenance
from ._provenance import provenance as provenance
from ._provenance import provenance_table as provenance_table
from ._provenance import two_point_lyapunov_identity as two_point_lyapunov_identity

from ._provenance import ZZ_N0 as ZZ_N0
from ._two_point import prove_two_point_closed_form as prove_two_point_closed_form
from ._two_point_generated import REP_N as REP_N
from ._two_point_generated import TWO_POINT_N0 as TWO_POINT_N0
from ._two_point_generated import two_point_templates as two_point_templates
from ._two_point_generated import check_templates as check_templates
from ._two_point import check_local_data as check_local_data
from ._two_point_generated import two_point_class_entry as two_point_class_entry
from ._two_point_generated import entry_shape as entry_shape
from ._proof import ClosedFormProof as ClosedFormProof
from ._zz_proof import ZZ_PROOF_N0 as ZZ_PROOF_N0
from ._zz_proof import SMALL_N as SMALL_N
from ._zz_proof import zz_engine_denominator as zz_engine_denominator
from ._zz_proof import zz_engine_closed_form as zz_engine_closed_form
from ._zz_proof import prove_zz_engine as prove_zz_engine
from ._zz_proof import zz_pair_engine_form as zz_pair_engine_form
from ._zz_proof import prove_zz_closed_form as prove_zz_closed_form
from ._zz_proof import zz_small_n_check as zz_small_n_check
from ._uniqueness import ness_uniqueness_steps as ness_uniqueness_steps
from ._uniqueness import hierarchy_uniqueness_argument as hierarchy_uniqueness_argument
from ._pair_forms import zz_pair_form as zz_pair_form
from ._pair_forms import pair_threshold_form as pair_threshold_form
from ._zz_proof import CD_LISTED as CD_LISTED
from ._zz_proof import zz_cd_extension_check as zz_cd_extension_check
from ._cd_grading import majorana_degree as majorana_degree
from ._cd_grading import grading_check as grading_check
from ._cd_grading import engine_coneighbour_check as engine_coneighbour_check
from ._cd_extension import zz_cd_engine_closed_form as zz_cd_engine_closed_form
from ._cd_extension import prove_zz_cd_engine as prove_zz_cd_engine
from ._cd_extension import zz_cd_pair_engine_values as zz_cd_pair_engine_values
from ._cd_extension import prove_zz_cd_extension as prove_zz_cd_extension
from ._cd_extension import zz_cd_small_n_check as zz_cd_small_n_check
from ._cd_extension import CD_DRIVE_POINTS as CD_DRIVE_POINTS
__all__ = ['COUPLING', 'COUPLING_L', 'COUPLING_R', 'MU', 'MUBAR', 'DRIVE_C', 'DRIVE_D', 'DEPHASING', 'LENGTH', 'SITE', 'CURRENT', 'MAG_FIRST', 'MAG_BULK', 'MAG_LAST', 'X_SCALE', 'MOMENTUM', 'BETA', 'PHI', 'Z_MEAN', 'XX_NN', 'ZZ_NN', 'ONE_MINUS_Z2', 'xx_chain_model', 'xx_local_chain', 'xx_family_chain', 'xx_rates', 'check_xx_parameters', 'cd_to_mu', 'mu_to_cd', 'FAMILIES', 'FAMILY_SYMBOLS', 'adjoint_generator', 'closed_hierarchy', 'family_blocks', 'family_float_matrices', 'pauli_label', 'hierarchy', 'solve_hierarchy', 'seed_strings', 'two_point_local_data', 'two_point_map', 'check_two_point_map', 'bilinear_generator', 'two_point_fast', 'pauli_from_two_point', 'gamma0_closed_form', 'dephasing_two_point_closed_form', 'ENGINE_MIN_N', 'support_classes', 'engine_solve', 'engine_value', 'engine_zz', 'engine_structure', 'dephasing_zz_closed_form', 'XXCorrelators', 'ness_correlators', 'gamma0_correlators', 'zz_dephasing', 'block_steady_state', 'derive_free_fermion_form', 'derive_pair_state', 'derive_lambda_min', 'derive_threshold', 'correlators', 'lambda_min', 'beta_c', 'T_c', 'critical_curve', 'beta_c_large_phi_limit', 'pair_state', 'DPS_MAX', 'check_dps', 'threshold_scaled_np', 'correlators_array', 'lambda_min_array', 'lambda_min_function', 'ground_state_curve', 'correlators_numeric', 'pair_state_numeric', 'lambda_min_numeric', 'beta_c_numeric', 'finite_chain_correlators', 'general_pair_state', 'u1_pair_state', 'pair_state_from_correlators', 'pt_eigenvalues_x_state', 'gamma0_profile', 'boundary_pair_state', 'bulk_pair_state', 'boundary_lambda_min', 'bulk_lambda_min', 'distance_pair_correlators', 'distance_lambda_min', 'symmetric_substitution', 'boundary_edge_polynomial', 'c_min_boundary', 'd_edge_boundary', 'gamma_min_boundary', 'largest_tongue', 'bulk_edge_polynomial', 'd_edge_bulk', 'c_min_bulk', 'gamma_window_bulk', 'boundary_no_interior_vertical_tangent', 'bulk_no_interior_vertical_tangent', 'lambdify_lambda', 'threshold_functions', 'real_or_none', 'gamma0_pair_lambda', 'numeric_pair_lambda', 'numeric_lambda_cd', 'numeric_c_min', 'numeric_d_edge', 'numeric_corner_gamma', 'min_over_d', 'ENT_EPS', 'positivity_certificate', 'nn_theorem', 'exact_pair_values', 'float_pair_values', 'derived_pair_zz', 'zz_closed_form', 'pair_lambda_closed_form', 'pt_lambda_generic', 'pair_substitution', 'central_lambda_X', 'critical_X', 'gamma_c_closed_form', 'gamma_window_closed_form', 'thermodynamic_limits', 'gamma_m_limit', 'window_in_u', 'lambda_min_dephasing', 'c_min_dephasing', 'd_edge_dephasing', 'gamma_window_dephasing', 'gamma_m_dephasing', 'gamma_c_dephasing', 'min_lambda_cd', 'pair_lambda_numeric', 'pair_state_u1', 'lambda_min_any_pair', 'ENT_TOL', 'pair_values_exact', 'pair_values_float', 'pair_functions', 'entangled_intervals', 'gamma_c_pair', 'gamma_window_pair', 'pair_cd_lambda', 'c_min_pair', 'd_edge_pair', 'gamma_c_profile', 'check_pair', 'c_min_of', 'd_edge_of', 'STATUSES', 'Provenance', 'provenance', 'provenance_table', 'two_point_lyapunov_identity', 'ZZ_N0', 'prove_two_point_closed_form', 'REP_N', 'TWO_POINT_N0', 'two_point_templates', 'check_templates', 'check_local_data', 'two_point_class_entry', 'entry_shape', 'ClosedFormProof', 'ZZ_PROOF_N0', 'SMALL_N', 'zz_engine_denominator', 'zz_engine_closed_form', 'prove_zz_engine', 'zz_pair_engine_form', 'prove_zz_closed_form', 'zz_small_n_check', 'ness_uniqueness_steps', 'hierarchy_uniqueness_argument', 'zz_pair_form', 'pair_threshold_form', 'CD_LISTED', 'zz_cd_extension_check', 'majorana_degree', 'grading_check', 'engine_coneighbour_check', 'zz_cd_engine_closed_form', 'prove_zz_cd_engine', 'zz_cd_pair_engine_values', 'prove_zz_cd_extension', 'zz_cd_small_n_check', 'CD_DRIVE_POINTS']
