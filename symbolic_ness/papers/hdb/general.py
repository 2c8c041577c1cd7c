"""Sec. III, two qubits: general noise (B, C, s), imperfect reset, no-reset decay, Fig. 2.

Public section of :mod:`symbolic_ness.papers.hdb` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
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

__all__ = [
    "noise_jumps",
    "reset_state",
    "general_reset_model",
    "model_from_params",
    "ising_model",
    "decay_model",
    "exact_state",
    "pt_charpoly",
    "threshold_polynomial",
    "threshold_intervals",
    "threshold_intervals_numeric",
    "numeric_lambda_min_of_r",
    "imperfect_reset_forms",
    "epsilon_max",
    "epsilon_max_numeric",
    "no_reset_forms",
    "fig2_model",
    "fig2_forms",
    "negativity_curve",
    "FIG2",
]
