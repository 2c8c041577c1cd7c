r"""Core layer: the pipeline on an explicit :math:`2^n`-dimensional model.

Stages, one private module each, around the immutable :class:`Model`:
operators → model → Liouvillian → steady state → spectrum → entanglement →
then :mod:`symbolic_ness.export` (LaTeX, numeric evaluators, QuTiP). The core builds on
:mod:`symbolic_ness.algebra` (exact arithmetic) and imports no export, engine, paper or app
module.

Conventions (stated once): column-stacking vectorization,
:math:`\mathrm{vec}(A\rho B^\dagger) = (\bar B\otimes A)\,\mathrm{vec}(\rho)`;
:math:`\sigma_\pm = (\sigma_x \pm i\sigma_y)/2`, :math:`\sigma_+ = |0\rangle\langle 1|`;
:math:`|0\rangle` has :math:`\sigma_z=+1`; sites 0-indexed (site 0 is the leftmost
tensor factor); dissipator normalization ``"standard"`` :math:`\kappa D[L]` with
:math:`D[L]\rho = L\rho L^\dagger - \tfrac12\{L^\dagger L,\rho\}`, or ``"doubled"``
:math:`2\kappa D[L]` (Žnidarič).
"""

# operators
from ._operators import embed as embed
from ._operators import identity as identity
from ._operators import is_numeric as is_numeric
from ._operators import ket as ket
from ._operators import kron as kron
from ._operators import partial_trace as partial_trace
from ._operators import pauli as pauli
from ._operators import pauli_string as pauli_string
from ._operators import state_from_paulis as state_from_paulis
from ._operators import partial_transpose as partial_transpose
from ._operators import projector as projector
from ._operators import sigma_minus as sigma_minus
from ._operators import sigma_plus as sigma_plus
from ._operators import sigma_x as sigma_x
from ._operators import sigma_y as sigma_y
from ._operators import sigma_z as sigma_z
from ._parse import PauliSum as PauliSum
from ._parse import parse_expression as parse_expression
from ._parse import parse_number as parse_number

# sites of any dimension: level, spin and mode operators, the real operator basis
from ._operators import site_dims as site_dims
from ._levels import transition as transition
from ._levels import spin_x as spin_x
from ._levels import spin_y as spin_y
from ._levels import spin_z as spin_z
from ._levels import spin_plus as spin_plus
from ._levels import spin_minus as spin_minus
from ._levels import destroy as destroy
from ._levels import create as create
from ._levels import number as number
from ._levels import site_basis as site_basis
from ._levels import basis_labels as basis_labels
from ._levels import basis_numeric as basis_numeric
from ._liouvillian import rational_generator as rational_generator
from ._charges import detect_charges as detect_charges

# model
from ._model import Jump as Jump
from ._model import Model as Model
from ._model import Reset as Reset

# Liouvillian
from ._liouvillian import coefficient_equations as coefficient_equations
from ._liouvillian import liouvillian as liouvillian
from ._liouvillian import liouvillian_numeric as liouvillian_numeric
from ._liouvillian import pauli_basis_matrix as pauli_basis_matrix
from ._liouvillian import pauli_labels as pauli_labels
from ._liouvillian import pauli_liouvillian as pauli_liouvillian

# symmetry blocks and steady state
from ._symmetry import Symmetry as Symmetry
from ._symmetry import detect_symmetries as detect_symmetries
from ._symmetry import invariant_basis as invariant_basis
from ._symmetry import reduce_to_sector as reduce_to_sector
from ._symmetry import certify_sector as certify_sector
from ._steady import SteadyState as SteadyState
from ._steady import exact_nullspace as exact_nullspace
from ._steady import steady_state as steady_state
from ._reduced import reduced_steady_state as reduced_steady_state
from ._exact_engine import exact_solve_size as exact_solve_size

# spectrum and exceptional points
from ._spectrum import Spectrum as Spectrum
from ._spectrum import liouvillian_spectrum as liouvillian_spectrum
from ._exceptional import ExceptionalPoint as ExceptionalPoint
from ._exceptional import exceptional_locus as exceptional_locus
from ._exceptional import exceptional_points as exceptional_points
from ._jordan import numeric_jordan as numeric_jordan

# entanglement
from ._entanglement import lambda_min_pt as lambda_min_pt
from ._entanglement import log_negativity as log_negativity
from ._entanglement import negativity as negativity
from ._entanglement import negativity_closed_form as negativity_closed_form
from ._entanglement import pt_eigenvalues as pt_eigenvalues
from ._entanglement import pt_eigenvalues_x_state as pt_eigenvalues_x_state
from ._entanglement import NegativityResult as NegativityResult
from ._entanglement import negativity_result as negativity_result
from ._entanglement import pt_factors as pt_factors

# correlation measures and currents (concurrence, entropies, heat currents)
from ._measures import ConcurrenceResult as ConcurrenceResult
from ._measures import concurrence as concurrence
from ._measures import concurrence_result as concurrence_result
from ._measures import entropy as entropy
from ._measures import fidelity as fidelity
from ._measures import mutual_information as mutual_information
from ._measures import spectrum_factors as spectrum_factors
from ._currents import HeatCurrents as HeatCurrents
from ._currents import current_labels as current_labels
from ._currents import dissipator_adjoint as dissipator_adjoint
from ._currents import entropy_production as entropy_production
from ._currents import heat_current as heat_current
from ._currents import heat_currents as heat_currents

# cache-hit certificates (cheap modular re-checks of stored results)
from ._cache_certify import certify_charpoly_factors as certify_charpoly_factors
from ._cache_certify import certify_eigenvalues as certify_eigenvalues
from ._cache_certify import certify_negativity_expr as certify_negativity_expr
from ._cache_certify import certify_pt_charpoly as certify_pt_charpoly
from ._cache_certify import certify_pt_eigenvalues as certify_pt_eigenvalues
from ._cache_certify import certify_steady_rho as certify_steady_rho
from ._cache_certify import ModP as ModP

__all__ = [
    # operators
    "embed",
    "identity",
    "is_numeric",
    "ket",
    "kron",
    "partial_trace",
    "pauli",
    "pauli_string",
    "state_from_paulis",
    "partial_transpose",
    "projector",
    "sigma_minus",
    "sigma_plus",
    "sigma_x",
    "sigma_y",
    "sigma_z",
    "PauliSum",
    "parse_expression",
    "parse_number",
    # sites of any dimension
    "site_dims",
    "transition",
    "spin_x",
    "spin_y",
    "spin_z",
    "spin_plus",
    "spin_minus",
    "destroy",
    "create",
    "number",
    "site_basis",
    "basis_labels",
    "basis_numeric",
    "rational_generator",
    "detect_charges",
    # model
    "Jump",
    "Model",
    "Reset",
    # Liouvillian
    "coefficient_equations",
    "liouvillian",
    "liouvillian_numeric",
    "pauli_basis_matrix",
    "pauli_labels",
    "pauli_liouvillian",
    # symmetry blocks and steady state
    "Symmetry",
    "detect_symmetries",
    "invariant_basis",
    "reduce_to_sector",
    "certify_sector",
    "SteadyState",
    "exact_nullspace",
    "steady_state",
    "reduced_steady_state",
    "exact_solve_size",
    # spectrum and exceptional points
    "Spectrum",
    "liouvillian_spectrum",
    "ExceptionalPoint",
    "exceptional_locus",
    "exceptional_points",
    "numeric_jordan",
    # entanglement
    "lambda_min_pt",
    "log_negativity",
    "negativity",
    "negativity_closed_form",
    "pt_eigenvalues",
    "pt_eigenvalues_x_state",
    "NegativityResult",
    "negativity_result",
    "pt_factors",
    # correlation measures and currents
    "ConcurrenceResult",
    "concurrence",
    "concurrence_result",
    "entropy",
    "fidelity",
    "mutual_information",
    "spectrum_factors",
    "HeatCurrents",
    "current_labels",
    "dissipator_adjoint",
    "entropy_production",
    "heat_current",
    "heat_currents",
    # cache-hit certificates
    "certify_charpoly_factors",
    "certify_eigenvalues",
    "certify_negativity_expr",
    "certify_pt_charpoly",
    "certify_pt_eigenvalues",
    "certify_steady_rho",
    "ModP",
]
