"""Engines layer: paper-agnostic solvers built on :mod:`symbolic_ness.core`.

Their inputs are general models (core :class:`~symbolic_ness.core.Model` objects or
local generators), never a paper's symbols. Engines import only ``core``, ``_errors``
and ``_cache``.

* Pauli-string hierarchy (:class:`LocalChain`, :func:`close_hierarchy`,
  :func:`solve_hierarchy`): Heisenberg equations of any local chain, closure, exact or
  numeric solve.
* Free fermions (:func:`majorana_string`, :func:`pfaffian`, :func:`gaussian_expectation`,
  :func:`fermi_correlation_matrix`, :func:`two_point_generator`): Jordan–Wigner, Wick,
  quadratic correlation matrices.
* Reconstruction (:func:`rational_reconstruct`, :func:`rational_interpolate`,
  :func:`interpolate_coefficients`): exact rational functions from exact samples.
* permutation-invariant reduction (:class:`PermutationModel`,
  :func:`permutation_steady_state`, reduced states, density matrix, negativities), with
  collective jumps L = sum_i o_i (:func:`collective_generators`) and collective-spin
  quantities (:func:`spin_moments`, :func:`spin_squeezing`, :func:`collective_emission`,
  :func:`permutation_purity`).
* one call per question on any model (:class:`~symbolic_ness.core.Model` or
  :class:`PermutationModel`, e.g. from :func:`load_model`): :func:`evaluate` (every quantity a
  model file offers, engine chosen by :func:`choose_method` and reported), :func:`threshold`
  (entangled intervals of one parameter), :func:`closed_form` (exact expressions with
  certificates); :func:`~symbolic_ness.core.exceptional_points` stays in the core.
"""
from ..core import exact_nullspace as exact_nullspace
from ._cache_certify import certify_null_vector as certify_null_vector  # (also registers the engines' cache kinds)
from ._hierarchy_chain import LocalChain as LocalChain
from ._hierarchy_chain import PauliTerm as PauliTerm
from ._hierarchy_chain import SiteJump as SiteJump
from ._hierarchy_chain import SiteReset as SiteReset
from ._hierarchy_chain import adjoint_action as adjoint_action
from ._hierarchy_chain import local_chain as local_chain
from ._hierarchy_chain import parse_pauli_string as parse_pauli_string
from ._hierarchy_chain import pauli_label as pauli_label
from ._hierarchy_chain import pauli_mul as pauli_mul
from ._hierarchy import Closure as Closure
from ._hierarchy import HierarchySolution as HierarchySolution
from ._hierarchy import close_hierarchy as close_hierarchy
from ._hierarchy import family_matrices as family_matrices
from ._hierarchy import hierarchy_equations as hierarchy_equations
from ._hierarchy import solve_hierarchy as solve_hierarchy

__all__ = ["exact_nullspace", "certify_null_vector",
           "LocalChain", "PauliTerm", "SiteJump", "SiteReset", "adjoint_action", "local_chain",
           "parse_pauli_string", "pauli_label", "pauli_mul",
           "Closure", "HierarchySolution", "close_hierarchy", "family_matrices", "hierarchy_equations",
           "solve_hierarchy"]
from ._free_fermions import fermi_correlation_matrix as fermi_correlation_matrix
from ._free_fermions import gaussian_expectation as gaussian_expectation
from ._free_fermions import majorana_indices as majorana_indices
from ._free_fermions import majorana_product as majorana_product
from ._free_fermions import majorana_string as majorana_string
from ._free_fermions import number_operator_strings as number_operator_strings
from ._free_fermions import pfaffian as pfaffian
from ._free_fermions import two_point_equations as two_point_equations
from ._free_fermions import two_point_symbols as two_point_symbols

__all__ += ["fermi_correlation_matrix", "gaussian_expectation", "majorana_indices", "majorana_product",
            "majorana_string", "number_operator_strings", "pfaffian", "two_point_equations", "two_point_symbols"]
from ._reconstruct import Reconstruction as Reconstruction
from ._reconstruct import interpolate_coefficients as interpolate_coefficients
from ._reconstruct import rational_interpolate as rational_interpolate
from ._reconstruct import rational_reconstruct as rational_reconstruct

__all__ += ["Reconstruction", "interpolate_coefficients", "rational_interpolate", "rational_reconstruct"]
from ._permutation import EXACT_AUTO_MAX_DIM as EXACT_AUTO_MAX_DIM
from ._permutation import PermutationModel as PermutationModel
from ._permutation import PermutationSteadyState as PermutationSteadyState
from ._permutation import label_counts as label_counts
from ._permutation import permutation_basis as permutation_basis
from ._permutation import permutation_generator as permutation_generator
from ._permutation import permutation_steady_state as permutation_steady_state
from ._permutation_states import EXACT_STATE_MAX_N as EXACT_STATE_MAX_N
from ._permutation_states import FULL_STATE_MAX_N as FULL_STATE_MAX_N
from ._permutation_states import bipartition_weights as bipartition_weights
from ._permutation_states import permutation_average_negativity as permutation_average_negativity
from ._permutation_states import permutation_density_matrix as permutation_density_matrix
from ._permutation_states import permutation_marginal as permutation_marginal
from ._permutation_states import permutation_negativity as permutation_negativity
from ._permutation_states import permutation_reduced_state as permutation_reduced_state

__all__ += ["PermutationModel", "PermutationSteadyState", "permutation_steady_state", "permutation_reduced_state",
           "permutation_density_matrix", "permutation_negativity", "permutation_average_negativity", "permutation_marginal",
           "permutation_basis", "permutation_generator", "bipartition_weights", "label_counts",
           "EXACT_AUTO_MAX_DIM", "EXACT_STATE_MAX_N", "FULL_STATE_MAX_N"]
from ._permutation import collective_generators as collective_generators
from ._spin import collective_emission as collective_emission
from ._spin import permutation_purity as permutation_purity
from ._spin import spin_moments as spin_moments
from ._spin import spin_squeezing as spin_squeezing

__all__ += ["collective_generators", "collective_emission", "permutation_purity", "spin_moments", "spin_squeezing"]
# Dicke-basis numeric path (large N)
from ._dicke import DICKE_MAX_N as DICKE_MAX_N
from ._dicke import DickeSteadyState as DickeSteadyState
from ._dicke import dicke_generator as dicke_generator
from ._dicke import dicke_steady_state as dicke_steady_state
from ._dicke import dicke_supported as dicke_supported
from ._dicke_basis import clebsch_half as clebsch_half
from ._dicke_basis import dicke_blocks as dicke_blocks
from ._dicke_basis import dicke_dimension as dicke_dimension
from ._dicke_basis import multiplicity as multiplicity

__all__ += ["DICKE_MAX_N", "DickeSteadyState", "dicke_generator", "dicke_steady_state", "dicke_supported",
            "clebsch_half", "dicke_blocks", "dicke_dimension", "multiplicity"]
from ._modelfile import ModelFile as ModelFile
from ._modelfile import choose_engine as choose_engine
from ._modelfile import expand_symmetric as expand_symmetric
from ._modelfile import load_model as load_model
from ._modelfile import permutation_engine_available as permutation_engine_available
from ._modelfile import read_model_file as read_model_file

__all__ += ["ModelFile", "read_model_file", "load_model", "expand_symmetric", "choose_engine",
           "permutation_engine_available"]
from ._quantities import QUANTITIES as QUANTITIES
from ._quantities import QuantityResult as QuantityResult
from ._point import choose_method as choose_method
from ._quantities import evaluate as evaluate
from ._point import expand_permutation_model as expand_permutation_model
from ._point import check_bipartition as check_bipartition
from ._point import check_sites as check_sites
from ._quantities import liouvillian_blocks as liouvillian_blocks
from ._threshold import ThresholdResult as ThresholdResult
from ._threshold import threshold as threshold
from ._closed_form import ClosedFormResult as ClosedFormResult
from ._closed_form import closed_form as closed_form
from ._closed_form import validity as validity

# one library call per question on any model (Model or PermutationModel)
__all__ += ["evaluate",
            "QuantityResult",
            "QUANTITIES",
            "choose_method",
            "threshold",
            "ThresholdResult",
            "closed_form",
            "ClosedFormResult",
            "validity",
            "expand_permutation_model",
            "liouvillian_blocks",
            "check_sites",
            "check_bipartition"]
from ._sweep import SweepPlan as SweepPlan
from ._sweep import batched_plan as batched_plan
from ._sweep import run_sweep as run_sweep
from ._sweep import sweep as sweep
from ._sweep_batched import model_units as model_units
from ._sweep_grid import parse_axis as parse_axis
from ._sweep_grid import parse_grid as parse_grid
from ._sweep_grid import probe_point as probe_point

# sweeps of any model over a parameter grid (xarray Dataset): closed form, batched or per point
__all__ += ["sweep",
            "run_sweep",
            "SweepPlan",
            "batched_plan",
            "parse_axis",
            "parse_grid",
            "probe_point",
            "model_units"]
from ._derive import derivation_steps as derivation_steps

# what the engines do for a model file, step by step (the ``derive`` report)
__all__ += ["derivation_steps"]
from ._baths import Bath as Bath
from ._baths import bath_jumps as bath_jumps
from ._baths import bath_temperatures as bath_temperatures
from ._baths import file_bath_objects as file_bath_objects
from ._baths import with_baths as with_baths

__all__ += ["Bath", "bath_jumps", "bath_temperatures", "file_bath_objects", "with_baths"]
