"""Sec. II: the two-qubit reset model (Eq. 3), its spectrum, thresholds and geometry.

Public section of :mod:`symbolic_ness.papers.hdb` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._two_qubit import ising_reset_model as ising_reset_model
from ._two_qubit import heisenberg_reset_model as heisenberg_reset_model
from ._two_qubit import model_for as model_for
from ._two_qubit import build_two_qubit_model as build_two_qubit_model
from ._two_qubit import coefficient_equations_latex as coefficient_equations_latex
from ._two_qubit import coefficient_equation_objects as coefficient_equation_objects
from ._two_qubit import pt_eigenvalues_structured as pt_eigenvalues_structured
from ._two_qubit import derive_two_qubit as derive_two_qubit
from ._two_qubit import negativity_expr as negativity_expr
from ._two_qubit import negative_fraction as negative_fraction
from ._two_qubit import scaling_reduction as scaling_reduction
from ._two_qubit import ising_geometry as ising_geometry
from ._two_qubit import two_qubit_threshold_intervals as two_qubit_threshold_intervals
from ._two_qubit import two_qubit_threshold_intervals_numeric as two_qubit_threshold_intervals_numeric
from ._two_qubit import window_maximum as window_maximum
from ._two_qubit import cut_analysis as cut_analysis
from ._two_qubit import Evaluator as Evaluator
from ._two_qubit import evaluator as evaluator
from ._two_qubit import ridge_lines as ridge_lines
from ._two_qubit import heisenberg_result as heisenberg_result
from ._two_qubit import poly_real_roots as poly_real_roots
from ._two_qubit import numeric_state as numeric_state
from ._two_qubit import sort_complex as sort_complex
from ._symbols import SYMBOLS as SYMBOLS

__all__ = [
    "SYMBOLS",
    "ising_reset_model",
    "heisenberg_reset_model",
    "model_for",
    "build_two_qubit_model",
    "coefficient_equations_latex",
    "coefficient_equation_objects",
    "pt_eigenvalues_structured",
    "derive_two_qubit",
    "negativity_expr",
    "negative_fraction",
    "scaling_reduction",
    "ising_geometry",
    "two_qubit_threshold_intervals",
    "two_qubit_threshold_intervals_numeric",
    "window_maximum",
    "cut_analysis",
    "Evaluator",
    "evaluator",
    "ridge_lines",
    "heisenberg_result",
    "poly_real_roots",
    "numeric_state",
    "sort_complex",
]
