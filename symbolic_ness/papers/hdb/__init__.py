r"""Hartmann, Dür, Briegel, PRA 74, 052304 (2006): steady-state entanglement by resets.

Physics only (no CLI, no figures): the symbols (:data:`SYMBOLS`), Sec. II two qubits
(section ``two_qubit``: models, derived negativity, geometry of the entangled region), Sec. III
two qubits with general noise (``general``: Fig. 2 thresholds, imperfect reset, no reset) and
Sec. III N qubits (``symmetric``: a thin layer on the permutation-invariant engine, Fig. 3).
The catalogue entries and reproduce sections live in ``symbolic_ness.app``.

Where each part of the paper is derived:

==========================  ==============================================================
paper                       section (private module) and names
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

Private modules by section: ``two_qubit``: ``_two_qubit``, ``_symbols``; ``general``:
``_general``; ``symmetric``: ``_symmetric``.

Public names (everything else lives in the themed sections below):

=================================  ==========================================================================================
name                               what it is
=================================  ==========================================================================================
``SYMBOLS``                        (symbol)
``ising_reset_model``              HDB Eq. (2): :math:`H=g\sigma_z\otimes\sigma_z`, dephasing …
``heisenberg_reset_model``         Heisenberg :math:`H=g\,\vec\sigma^{(1)}\cdot\vec\sigma^{(2)}`, same noise, reset to …
``derive_two_qubit``               Steady state, spectrum, PT eigenvalues and negativity of a two-qubit model.
``evaluator``                      (symbol)
``scaling_reduction``              Show :math:`\mathcal N(g,r,\gamma)=\mathcal N(g/\gamma,r/\gamma,1)`.
``ising_geometry``                 Exact geometry of the entangled region of the Ising reset model.
``window_maximum``                 Maximum of :math:`\mathcal N` over :math:`0\le g,r\le L` (γ = 1), exactly located.
``cut_analysis``                   Threshold and maximum of N along the cut g = const (γ = 1), exact roots.
``heisenberg_result``              What the derivation gives for the Heisenberg model: PT eigenvalues, certificates, …
``two_qubit_threshold_intervals``  Exact r-intervals ``[lo, hi]`` (``hi=None``: unbounded) with :math:`\mathcal N>0` at …
``general_reset_model``            Two qubits: XYZ Hamiltonian in a transverse field, HDB noise per qubit, reset at rate r.
``threshold_intervals``            Exact entangled :math:`r`-intervals of ``model`` (only symbol: ``r``).
``imperfect_reset_forms``          Ising toy model with :math:`\rho_\phi=(1-\epsilon)|+\rangle\langle+|+\epsilon\mathbb 1/2`.
``epsilon_max``                    Largest :math:`\epsilon` allowing steady-state entanglement of the Ising model, …
``no_reset_forms``                 Decay channel without reset (:math:`\gamma=1`, :math:`B=2`, :math:`C=1`), …
``fig2_forms``                     Exact Fig. 2 ingredients at temperature parameter ``s``: steady state in r, PT …
``reset_permutation_model``        The HDB N-qubit model as a :class:`~symbolic_ness.engines.PermutationModel`.
``symmetric_steady_state``         Steady state at parameter ``values`` (``g``, ``r``, ``gamma``) on the engine.
``symbolic_steady_state``          Steady state symbolic in g, r, gamma (small N).
``pair_negativity``                Negativity of the two-qubit reduced state, …
``pair_lambda_min``                Smallest eigenvalue of :math:`\rho_{AB}^{T_A}` (float).
``poisson_pair_negativity``        Negativity of the Poisson-mixed pair state.
``closed_forms``                   Exact closed forms for the pair of an N-qubit system (N = 2, 3, 4 practical).
``threshold_r``                    Exact reset-rate thresholds: the positive real roots in r of :math:`Q_N(g,r,\gamma)` …
``pair_window``                    Entangled r-window of the pair (numeric, float sparse LU per point, residual checked).
``exact_pair_certificate``         Exact rational check of pair entanglement at one point.
=================================  ==========================================================================================

Sections (public modules ``symbolic_ness.papers.hdb.<section>``, each with its own ``__all__``):

=============  ==================================================================================================
section        contents
=============  ==================================================================================================
``two_qubit``  Sec. II: the two-qubit reset model (Eq. 3), its spectrum, thresholds and geometry.
``general``    Sec. III, two qubits: general noise (B, C, s), imperfect reset, no-reset decay, Fig. 2.
``symmetric``  Sec. III, N qubits: permutation-invariant steady states, pair negativity, Poisson mixture, Fig. 3.
=============  ==================================================================================================
"""
from . import _cache_certify  # noqa: F401  (registers the certificates of this package's cache kinds)
from . import two_qubit as two_qubit
from . import general as general
from . import symmetric as symmetric
from ._symbols import SYMBOLS as SYMBOLS
from ._two_qubit import ising_reset_model as ising_reset_model
from ._two_qubit import heisenberg_reset_model as heisenberg_reset_model
from ._two_qubit import derive_two_qubit as derive_two_qubit
from ._two_qubit import evaluator as evaluator
from ._two_qubit import scaling_reduction as scaling_reduction
from ._two_qubit import ising_geometry as ising_geometry
from ._two_qubit import window_maximum as window_maximum
from ._two_qubit import cut_analysis as cut_analysis
from ._two_qubit import heisenberg_result as heisenberg_result
from ._two_qubit import two_qubit_threshold_intervals as two_qubit_threshold_intervals
from ._general import general_reset_model as general_reset_model
from ._general import threshold_intervals as threshold_intervals
from ._general import imperfect_reset_forms as imperfect_reset_forms
from ._general import epsilon_max as epsilon_max
from ._general import no_reset_forms as no_reset_forms
from ._general import fig2_forms as fig2_forms
from ._symmetric import reset_permutation_model as reset_permutation_model
from ._symmetric import symmetric_steady_state as symmetric_steady_state
from ._symmetric import symbolic_steady_state as symbolic_steady_state
from ._symmetric import pair_negativity as pair_negativity
from ._symmetric import pair_lambda_min as pair_lambda_min
from ._symmetric import poisson_pair_negativity as poisson_pair_negativity
from ._symmetric import closed_forms as closed_forms
from ._symmetric import threshold_r as threshold_r
from ._symmetric import pair_window as pair_window
from ._symmetric import exact_pair_certificate as exact_pair_certificate

__all__ = [
    # sections
    "two_qubit",
    "general",
    "symmetric",
    # headline results
    "SYMBOLS",
    "ising_reset_model",
    "heisenberg_reset_model",
    "derive_two_qubit",
    "evaluator",
    "scaling_reduction",
    "ising_geometry",
    "window_maximum",
    "cut_analysis",
    "heisenberg_result",
    "two_qubit_threshold_intervals",
    "general_reset_model",
    "threshold_intervals",
    "imperfect_reset_forms",
    "epsilon_max",
    "no_reset_forms",
    "fig2_forms",
    "reset_permutation_model",
    "symmetric_steady_state",
    "symbolic_steady_state",
    "pair_negativity",
    "pair_lambda_min",
    "poisson_pair_negativity",
    "closed_forms",
    "threshold_r",
    "pair_window",
    "exact_pair_certificate",
]
