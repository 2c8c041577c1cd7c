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

Private modules by section: ``symbols``: ``_symbols``; ``chain``: ``_chain``, ``_xx_hierarchy``,
``_two_point``, ``_class_engine``, ``_correlators``; ``thermal``: ``_thermal``,
``_thermal_finite``; ``pairs``: ``_pair_states``, ``_pair_forms``, ``_nn_theorem``;
``thresholds``: ``_thresholds``, ``_threshold_numerics``, ``_offcentre``; ``dephasing``:
``_dephasing``, ``_dephasing_numerics``; ``proofs``: ``_provenance``, ``_zz_proof``,
``_uniqueness``, ``_cd_grading``, ``_cd_extension``, ``_two_point_generated``, ``_proof``.

Public names (everything else lives in the themed sections below):

============================  ========================================================================================
name                          what it is
============================  ========================================================================================
``COUPLING``                  Γ, the boundary coupling (symbol)
``DEPHASING``                 γ, the bulk dephasing rate (symbol)
``DRIVE_C``                   c, the drive at the left end (symbol)
``DRIVE_D``                   d, the drive at the right end (symbol)
``LENGTH``                    n, the chain length (symbol)
``BETA``                      β, the inverse temperature (symbol)
``PHI``                       φ, the magnetization chemical potential, ρ_G ∝ exp(−βH − φM) (symbol)
``xx_chain_model``            Core :class:`~symbolic_ness.core.Model` of the chain (full :math:`2^n` matrices: small …
``ness_correlators``          NESS correlators of the chain (see module docstring for the derivation).
``XXCorrelators``             NESS correlators (1-indexed lists; ``zz`` is the full n×n matrix).
``gamma0_closed_form``        General-n NESS at :math:`\gamma=0`, derived (Žnidarič Eq. 13 as output).
``beta_c``                    Critical :math:`\beta_c(\phi)>0` with :math:`\lambda_{\min}=0` (entangled iff …
``T_c``                       Critical temperature :math:`1/\beta_c(\phi)`.
``lambda_min``                Minimal eigenvalue of the partial transpose of the nearest-neighbour pair state.
``derive_lambda_min``         Eigenvalues of the partial transpose of :func:`derive_pair_state` and the minimal one.
``beta_c_numeric``            Baseline: Brent root (:func:`~symbolic_ness.export.bisect_root`, scipy ``brentq``) on …
``boundary_lambda_min``       Derived :math:`\lambda_{\min}` of :math:`\rho_{12}^{T_1}` (Eq. 15).
``bulk_lambda_min``           Derived :math:`\lambda_{\min}` of :math:`\rho_{j,j+1}^{T_1}` (Eq. 20).
``distance_lambda_min``       Derived :math:`\lambda_{\min}` of the pair :math:`(j, j+r)` at γ = 0 (end …
``nn_theorem``                Proof that no pair at distance :math:`r\ge2` is entangled at γ = 0 (any …
``c_min_boundary``            Tongue start :math:`c_{\min}(\Gamma)` of the boundary pair (Eq. 16), derived.
``gamma_min_boundary``        :math:`\Gamma_{\min}` (Eq. 18): the real positive root of :math:`q(1,\Gamma)=0`, i.e. …
``largest_tongue``            Γ where the tongue is largest: :math:`\min_\Gamma c_{\min}(\Gamma)`.
``c_min_bulk``                Pocket start :math:`c_{\min}(\Gamma)` of the bulk pair (Eq. 22): the edge meets …
``gamma_window_bulk``         Bulk Γ window (Eq. 23): the positive roots of :math:`c_{\min}^{\rm bulk}(\Gamma)=1`, …
``zz_closed_form``            Closed form in n of :math:`\langle\sigma^z_m\sigma^z_{m+1}\rangle` at :math:`c=d=1`.
``central_lambda_X``          Central-pair :math:`\lambda_{\min}` at :math:`c=d=1` as a function of …
``gamma_c_closed_form``       Critical dephasing :math:`\gamma_c(n,\Gamma)` of the central pair at :math:`c=d=1`: …
``gamma_window_closed_form``  The coupling window :math:`\Gamma_-<\Gamma<\Gamma_+` (even n, c = d = 1) from …
``thermodynamic_limits``      Limits of the closed forms for :math:`n\to\infty` (sympy ``limit``).
``gamma_m_limit``             Derived :math:`\lim_{n\to\infty}\Gamma_m`: the positive Γ where the leading …
``lambda_min_dephasing``      Closed-form :math:`\lambda_{\min}` of the central (``region="bulk"``) or boundary pair.
``provenance_table``          Every closed form in n with its provenance (tuple of :class:`Provenance`).
============================  ========================================================================================

Sections (public modules ``symbolic_ness.papers.znidaric.<section>``, each with its own ``__all__``):

==============  =========================================================================================================================
section         contents
==============  =========================================================================================================================
``symbols``     The paper's symbols (Γ, γ, μ, c, d, n, β, φ, …) as sympy symbols.
``chain``       The boundary-driven XX chain: model, generated correlator hierarchy, two-point and four-point correlators in closed form.
``thermal``     Sec. II: thermal XX chain (Eqs. 2–4), critical temperatures, finite-chain checks.
``pairs``       Pair states of the NESS, their λ_min (Eqs. 14–15, 19–20), distance-r pairs, the nearest-neighbour theorem.
``thresholds``  Entanglement thresholds (Eqs. 16–18, 21–23): c_min, tongues, windows; off-centre pairs; independent numerics.
``dephasing``   Sec. III.D: the dephased chain (Eqs. 24–25), closed forms and their evaluation.
``proofs``      Provenance of the closed forms in n and the proofs behind them (for all n >= n0).
==============  =========================================================================================================================
"""
from . import _cache_certify  # noqa: F401  (registers the certificates of this package's cache kinds)
from . import symbols as symbols
from . import chain as chain
from . import thermal as thermal
from . import pairs as pairs
from . import thresholds as thresholds
from . import dephasing as dephasing
from . import proofs as proofs
from ._symbols import COUPLING as COUPLING
from ._symbols import DEPHASING as DEPHASING
from ._symbols import DRIVE_C as DRIVE_C
from ._symbols import DRIVE_D as DRIVE_D
from ._symbols import LENGTH as LENGTH
from ._symbols import BETA as BETA
from ._symbols import PHI as PHI
from ._chain import xx_chain_model as xx_chain_model
from ._correlators import ness_correlators as ness_correlators
from ._correlators import XXCorrelators as XXCorrelators
from ._two_point import gamma0_closed_form as gamma0_closed_form
from ._thermal import beta_c as beta_c
from ._thermal import T_c as T_c
from ._thermal import lambda_min as lambda_min
from ._thermal import derive_lambda_min as derive_lambda_min
from ._thermal_finite import beta_c_numeric as beta_c_numeric
from ._pair_states import boundary_lambda_min as boundary_lambda_min
from ._pair_states import bulk_lambda_min as bulk_lambda_min
from ._pair_states import distance_lambda_min as distance_lambda_min
from ._nn_theorem import nn_theorem as nn_theorem
from ._thresholds import c_min_boundary as c_min_boundary
from ._thresholds import gamma_min_boundary as gamma_min_boundary
from ._thresholds import largest_tongue as largest_tongue
from ._thresholds import c_min_bulk as c_min_bulk
from ._thresholds import gamma_window_bulk as gamma_window_bulk
from ._dephasing import zz_closed_form as zz_closed_form
from ._dephasing import central_lambda_X as central_lambda_X
from ._dephasing import gamma_c_closed_form as gamma_c_closed_form
from ._dephasing import gamma_window_closed_form as gamma_window_closed_form
from ._dephasing import thermodynamic_limits as thermodynamic_limits
from ._dephasing import gamma_m_limit as gamma_m_limit
from ._dephasing_numerics import lambda_min_dephasing as lambda_min_dephasing
from ._provenance import provenance_table as provenance_table

__all__ = [
    # sections
    "symbols",
    "chain",
    "thermal",
    "pairs",
    "thresholds",
    "dephasing",
    "proofs",
    # headline results
    "COUPLING",
    "DEPHASING",
    "DRIVE_C",
    "DRIVE_D",
    "LENGTH",
    "BETA",
    "PHI",
    "xx_chain_model",
    "ness_correlators",
    "XXCorrelators",
    "gamma0_closed_form",
    "beta_c",
    "T_c",
    "lambda_min",
    "derive_lambda_min",
    "beta_c_numeric",
    "boundary_lambda_min",
    "bulk_lambda_min",
    "distance_lambda_min",
    "nn_theorem",
    "c_min_boundary",
    "gamma_min_boundary",
    "largest_tongue",
    "c_min_bulk",
    "gamma_window_bulk",
    "zz_closed_form",
    "central_lambda_X",
    "gamma_c_closed_form",
    "gamma_window_closed_form",
    "thermodynamic_limits",
    "gamma_m_limit",
    "lambda_min_dephasing",
    "provenance_table",
]
