"""Sec. III, N qubits: permutation-invariant steady states, pair negativity, Poisson mixture, Fig. 3.

Public section of :mod:`symbolic_ness.papers.hdb` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
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
    "site_models",
    "reset_permutation_model",
    "full_model",
    "symmetric_steady_state",
    "symbolic_steady_state",
    "pair_state",
    "pair_lambda_min",
    "pair_negativity",
    "poisson_weights",
    "poisson_pair_state",
    "poisson_pair_negativity",
    "closed_forms",
    "threshold_r",
    "pair_window",
    "exact_pair_certificate",
    "fig3_curves",
    "FIG3_G",
    "FIG3_MEAN",
]
