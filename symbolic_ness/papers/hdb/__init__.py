r"""Hartmann, Dür, Briegel, PRA 74, 052304 (2006): steady-state entanglement by resets.

Physics only (no CLI, no figures): the symbols (:data:`SYMBOLS`), Sec. II two qubits
(``_two_qubit``: models, derived negativity, geometry of the entangled region), Sec. III
two qubits with general noise (``_general``: Fig. 2 thresholds, imperfect reset, no reset) and
Sec. III N qubits (``_symmetric``: a thin layer on the permutation-invariant engine, Fig. 3).
The catalogue entries and reproduce sections live in ``symbolic_ness.app``.

Where each part of the paper is derived:

==========================  ==============================================================
paper                       module (public names re-exported here)
==========================  ==============================================================
symbols                     ``_symbols`` (:data:`SYMBOLS`: g, r, gamma, B, C, s, epsilon, ...)
Sec. II model, Eq. 1        ``_two_qubit`` (ising_reset_model, heisenberg_reset_model)
Sec. II Eqs. 2–3, Fig. 1    ``_two_qubit`` (derive_two_qubit, negativity_expr, ising_geometry,
                            two_qubit_threshold_intervals, window_maximum, cut_analysis)
Sec. III noise channel      ``_general`` (noise_jumps, general_reset_model)
Sec. III Fig. 2 (r_c)       ``_general`` (fig2_forms, threshold_intervals, threshold_polynomial)
imperfect reset, no reset   ``_general`` (imperfect_reset_forms, epsilon_max, no_reset_forms)
Sec. III N qubits, Fig. 3   ``_symmetric`` (on the permutation engine: closed_forms, threshold_r,
                            pair_window, Poisson mixture)
positivity certificates     core (certify_positive, certify_nonnegative)
==========================  ==============================================================
"""
from ._symbols import SYMBOLS as SYMBOLS
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
from ._general import noise_jumps as noise_jumps
from ._general import reset_state as reset_state
from ._general import general_reset_model as general_reset_model
from ._general import model_from_params as model_from_params
from ._general import ising_model as ising_model
from ._general import decay_model as decay_model
from ._general import exact_state as exact_state
from ._general import pt_charpoly as pt_charpoly
from ._general import threshold_polynomial as threshold_polynomial
from ._general import threshold_intervals as threshold_intervals
from ._general import threshold_intervals_numeric as threshold_intervals_numeric
from ._general import numeric_lambda_min_of_r as numeric_lambda_min_of_r
from ._general import imperfect_reset_forms as imperfect_reset_forms
from ._general import epsilon_max as epsilon_max
from ._general import epsilon_max_numeric as epsilon_max_numeric
from ._general import no_reset_forms as no_reset_forms
from ._general import fig2_model as fig2_model
from ._general import fig2_forms as fig2_forms
from ._general import negativity_curve as negativity_curve
from ._general import FIG2 as FIG2
from ._symmetric import site_models as site_models
from ._symmetric import reset_permutation_model as reset_permutation_model
from ._symmetric import full_model as full_model
from ._symmetric import symmetric_steady_state as symmetric_steady_state
from ._symmetric import symbolic_steady_state as symbolic_steady_state
from ._symmetric import pair_state as pair_state
from ._symmetric import pair_lambda_min as pair_lambda_min
from ._symmetric import pair_negativity as pair_negativity
from ._symmetric import poisson_weights as poisson_weights
from ._symmetric import poisson_pair_state as poisson_pair_state
from ._symmetric import poisson_pair_negativity as poisson_pair_negativity
from ._symmetric import closed_forms as closed_forms
from ._symmetric import threshold_r as threshold_r
from ._symmetric import pair_window as pair_window
from ._symmetric import exact_pair_certificate as exact_pair_certificate
from ._symmetric import fig3_curves as fig3_curves
from ._symmetric import FIG3_G as FIG3_G
from ._symmetric import FIG3_MEAN as FIG3_MEAN

__all__ = [
    "SYMBOLS", "ising_reset_model", "heisenberg_reset_model",
    "model_for", "build_two_qubit_model", "coefficient_equations_latex", "coefficient_equation_objects", "pt_eigenvalues_structured",
    "derive_two_qubit", "negativity_expr", "negative_fraction", "scaling_reduction", "ising_geometry",
    "two_qubit_threshold_intervals", "two_qubit_threshold_intervals_numeric", "window_maximum",
    "cut_analysis", "Evaluator", "evaluator", "ridge_lines", "heisenberg_result", "poly_real_roots",
    "numeric_state", "sort_complex", "noise_jumps", "reset_state", "general_reset_model",
    "model_from_params", "ising_model", "decay_model", "exact_state", "pt_charpoly", "threshold_polynomial",
    "threshold_intervals", "threshold_intervals_numeric", "numeric_lambda_min_of_r", "imperfect_reset_forms",
    "epsilon_max", "epsilon_max_numeric", "no_reset_forms", "fig2_model", "fig2_forms", "negativity_curve",
    "FIG2", "site_models", "reset_permutation_model", "full_model", "symmetric_steady_state",
    "symbolic_steady_state", "pair_state", "pair_lambda_min", "pair_negativity", "poisson_weights",
    "poisson_pair_state", "poisson_pair_negativity", "closed_forms", "threshold_r", "pair_window",
    "exact_pair_certificate", "fig3_curves", "FIG3_G", "FIG3_MEAN",
]
