r"""Core layer: the pipeline on an explicit :math:`2^n`-dimensional model.

Stages, one private module each, around the immutable :class:`Model`:
operators → model → Liouvillian → steady state → spectrum → entanglement →
LaTeX / numeric evaluators / QuTiP export. The core imports no engine, paper
or app module.

Conventions (stated once): column-stacking vectorization,
:math:`\mathrm{vec}(A\rho B^\dagger) = (\bar B\otimes A)\,\mathrm{vec}(\rho)`;
:math:`\sigma_\pm = (\sigma_x \pm i\sigma_y)/2`, :math:`\sigma_+ = |0\rangle\langle 1|`;
:math:`|0\rangle` has :math:`\sigma_z=+1`; sites 0-indexed (site 0 is the leftmost
tensor factor); dissipator normalization ``"standard"`` :math:`\kappa D[L]` with
:math:`D[L]\rho = L\rho L^\dagger - \tfrac12\{L^\dagger L,\rho\}`, or ``"doubled"``
:math:`2\kappa D[L]` (Žnidarič).
"""
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
from ._model import Jump as Jump
from ._model import Model as Model
from ._model import Reset as Reset
from ._liouvillian import coefficient_equations as coefficient_equations
from ._liouvillian import liouvillian as liouvillian
from ._liouvillian import liouvillian_numeric as liouvillian_numeric
from ._liouvillian import pauli_basis_matrix as pauli_basis_matrix
from ._liouvillian import pauli_labels as pauli_labels
from ._liouvillian import pauli_liouvillian as pauli_liouvillian
from ._linalg import block_split as block_split
from ._linalg import nullspace_exact as nullspace_exact
from ._linalg import nullspace_numeric as nullspace_numeric
from ._linalg import primitive_vector as primitive_vector
from ._linalg import rank_qq as rank_qq
from ._linalg import solve_exact as solve_exact
from ._linalg import solve_qq as solve_qq
from ._linalg_ring import PolyMatrix as PolyMatrix
from ._linalg_ring import nullspace_ring as nullspace_ring
from ._linalg_ring import certify_nullvectors as certify_nullvectors
from ._interpolate import nullspace_interpolate as nullspace_interpolate
from ._pencil import nullspace_pencil as nullspace_pencil
from ._pencil import PencilNotApplicable as PencilNotApplicable
from ._charpoly_modular import charpoly_exact as charpoly_exact
from ._symmetry import Symmetry as Symmetry
from ._symmetry import detect_symmetries as detect_symmetries
from ._steady import SteadyState as SteadyState
from ._steady import exact_nullspace as exact_nullspace
from ._steady import steady_state as steady_state
from ._spectrum import Spectrum as Spectrum
from ._spectrum import liouvillian_spectrum as liouvillian_spectrum
from ._exceptional import ExceptionalPoint as ExceptionalPoint
from ._positivity import certified_nonzero as certified_nonzero
from ._positivity import amgm_certificate as amgm_certificate
from ._exceptional import exceptional_locus as exceptional_locus
from ._exceptional import exceptional_points as exceptional_points
from ._jordan import numeric_jordan as numeric_jordan
from ._polys import factor as factor
from ._polys import factor_list as factor_list
from ._polys import factor_polynomial as factor_polynomial
from ._polys import RealRoot as RealRoot
from ._polys import real_root_numpy as real_root_numpy
from ._positivity import certify_nonnegative as certify_nonnegative
from ._positivity import certify_positive as certify_positive
from ._positivity import find_violation as find_violation
from ._positivity import symbol_domain as symbol_domain
from ._entanglement import lambda_min_pt as lambda_min_pt
from ._entanglement import log_negativity as log_negativity
from ._entanglement import negativity as negativity
from ._entanglement import negativity_closed_form as negativity_closed_form
from ._entanglement import pt_eigenvalues as pt_eigenvalues
from ._entanglement import pt_eigenvalues_x_state as pt_eigenvalues_x_state
from ._entanglement import NegativityResult as NegativityResult
from ._entanglement import negativity_result as negativity_result
from ._entanglement import pt_factors as pt_factors
from ._numeric import NumericFunction as NumericFunction
from ._numeric import VerifyReport as VerifyReport
from ._numeric import bisect_root as bisect_root
from ._numeric import sign_change_brackets as sign_change_brackets
from ._numeric import negative_intervals as negative_intervals
from ._numeric import lambdify as lambdify
from ._numeric import random_points as random_points
from ._numeric import verify as verify
from ._numeric import exact_number as exact_number
from ._numeric import exact_numbers as exact_numbers
from ._latex import equations_latex as equations_latex
from ._latex import latex as latex
from ._latex import matrix_latex as matrix_latex
from ._latex import model_latex as model_latex
from ._latex import spectrum_latex as spectrum_latex
from ._latex import steady_state_latex as steady_state_latex
from ._latex import latex_document as latex_document
from ._latex import latex_pdf as latex_pdf
from ._latex import latex_text as latex_text
from ._latex import paper_equations as paper_equations
from ._latex_break import break_equation as break_equation
from ._latex import document_equations as document_equations
from ._latex import spectrum_equations as spectrum_equations
from ._equation import Equation as Equation
from ._equation import Named as Named
from ._equation import Text as Text
from ._equation import equation_latex as equation_latex
from ._equation import equation_rows as equation_rows
from ._equation import matrix_block as matrix_block
from ._codegen import GeneratedCode as GeneratedCode
from ._codegen import generate_code as generate_code
from ._qutip import qutip_steady_state as qutip_steady_state
from ._parse import PauliSum as PauliSum
from ._parse import parse_expression as parse_expression
from ._parse import parse_number as parse_number
from ._qutip import to_qutip as to_qutip
from ._qutip import from_qutip as from_qutip

__all__ = [
    "sigma_x", "sigma_y", "sigma_z", "sigma_plus", "sigma_minus", "identity", "ket", "projector",
    "embed", "kron", "partial_trace", "partial_transpose", "is_numeric", "pauli", "pauli_string",
    "state_from_paulis",
    "Model", "Jump", "Reset",
    "liouvillian", "pauli_liouvillian", "liouvillian_numeric", "coefficient_equations", "pauli_labels",
    "pauli_basis_matrix",
    "block_split", "nullspace_exact", "nullspace_numeric", "primitive_vector", "rank_qq", "solve_exact",
    "solve_qq", "PolyMatrix", "nullspace_ring", "nullspace_interpolate", "nullspace_pencil",
    "PencilNotApplicable", "certify_nullvectors",
    "charpoly_exact", "Symmetry", "detect_symmetries",
    "SteadyState", "steady_state", "exact_nullspace",
    "Spectrum", "liouvillian_spectrum", "ExceptionalPoint", "exceptional_points", "exceptional_locus",
    "certified_nonzero", "numeric_jordan",
    "factor", "factor_list", "factor_polynomial", "RealRoot", "certify_nonnegative", "real_root_numpy",
    "symbol_domain", "certify_positive", "find_violation", "amgm_certificate", "pt_eigenvalues_x_state",
    "negativity", "log_negativity", "negativity_closed_form", "pt_eigenvalues", "lambda_min_pt",
    "NegativityResult", "negativity_result", "pt_factors",
    "NumericFunction", "VerifyReport", "lambdify", "verify", "random_points", "bisect_root",
    "sign_change_brackets", "negative_intervals", "exact_number", "exact_numbers",
    "latex", "model_latex", "equations_latex", "matrix_latex", "spectrum_latex", "steady_state_latex",
    "latex_document", "latex_pdf", "latex_text", "paper_equations", "break_equation",
    "document_equations", "spectrum_equations", "Equation", "Named", "Text", "equation_latex", "equation_rows", "matrix_block",
    "GeneratedCode", "generate_code",
    "to_qutip", "qutip_steady_state", "from_qutip",
    "PauliSum", "parse_expression", "parse_number",
]
