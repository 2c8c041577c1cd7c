r"""HDB Sec. III, Fig. 3: N qubits with all-to-all Ising coupling, dephasing and reset.

Model:

.. math::

    \dot\rho=-i\Big[g\sum_{i<j}\sigma_z^{(i)}\sigma_z^{(j)},\rho\Big]
      +\sum_i\frac{\gamma}{2}\big(\sigma_z^{(i)}\rho\,\sigma_z^{(i)}-\rho\big)
      +r\sum_i\big(|+\rangle_i\langle+|\otimes\mathrm{tr}_i\rho-\rho\big),

i.e. a one-site core model (``Jump(sigma_z, gamma/2)``, ``Reset(0, |+><+|, r)``) on every
qubit and the two-site model :math:`g\,\sigma_z\otimes\sigma_z` on every pair: a thin
layer on the permutation-invariant engine
(:class:`~symbolic_ness.engines.PermutationModel`, :math:`\binom{N+3}{3}` coordinates).
What is HDB-specific lives here: the pair closed forms (the pair partial transpose splits
by the global X-flip parity), the thresholds in :math:`r`, the entangled window of the
pair versus N, exact certificates, and the Poisson mixture of particle numbers.

>>> ss = symmetric_steady_state(3, {"g": 5, "r": 40, "gamma": 1}, method="exact")
>>> ss.nullity, ss.unique, ss.dim
(1, True, 20)
>>> float(pair_negativity(ss)) > 0
True
"""
from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache
from typing import Mapping

import numpy as np
import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError, require_int, require_positive
from ...core import (Jump, Model, Reset, embed, kron, lambda_min_pt, negativity, partial_transpose, projector,
                     sigma_z, state_from_paulis)
from ...export import bisect_root
from ...algebra import certify_positive, exact_number
from ...engines import (PermutationModel, permutation_average_negativity, permutation_basis,
                        permutation_marginal, permutation_negativity, permutation_reduced_state, permutation_steady_state)
from ._symbols import SYMBOLS

__all__ = ["site_models", "reset_permutation_model", "full_model", "symmetric_steady_state",
           "symbolic_steady_state", "pair_state", "pair_lambda_min", "pair_negativity", "poisson_weights",
           "poisson_pair_state", "poisson_pair_negativity", "closed_forms", "threshold_r", "pair_window",
           "exact_pair_certificate", "fig3_curves", "FIG3_G", "FIG3_MEAN"]

_g, _r, _gamma = SYMBOLS["g"], SYMBOLS["r"], SYMBOLS["gamma"]
#: Fig. 3 coupling (units gamma) and the Poisson mean (not stated in the paper: our documented choice)
FIG3_G = 5.0
FIG3_MEAN = 4.0


# ------------------------------------------------------------------ the model
def site_models(g=_g, r=_r, gamma=_gamma) -> tuple:
    """The one-site (dephasing + reset) and two-site (Ising bond) core models.

    >>> m1, m2 = site_models()
    >>> m1.n, m2.n, m2.parameters
    (1, 2, (g,))
    """
    one = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), gamma / 2, "dephasing")],
                resets=[Reset(0, projector("+"), r)], name="symmetric-site")
    two = Model(2, g * kron(sigma_z(), sigma_z()), name="symmetric-bond")
    return one, two


@lru_cache(maxsize=8)
def reset_permutation_model(g=_g, r=_r, gamma=_gamma) -> PermutationModel:
    """The HDB N-qubit model as a :class:`~symbolic_ness.engines.PermutationModel`.

    H = g Σ_(i<j) σz^(i) σz^(j), dephasing (γ/2) D[σz] and reset to ``|+⟩`` at rate r on every qubit.

    Parameters
    ----------
    g, r, gamma : number or Symbol, defaults the symbols g, r, gamma
        Coupling, reset rate, dephasing rate.

    Returns
    -------
    PermutationModel
        The model (one-site and two-site parts).

    Examples
    --------
    >>> reset_permutation_model().parameters
    (g, gamma, r)
    """
    return PermutationModel(*site_models(g, r, gamma))


def full_model(N: int, g=_g, r=_r, gamma=_gamma) -> Model:
    """The same model as a core :class:`Model` on the full 2^N space (for checks, small N).

    >>> full_model(2).parameters
    (g, gamma, r)
    """
    N = require_int("N", N, 1)
    H = sp.zeros(2 ** N, 2 ** N)
    for i in range(N):
        for j in range(i + 1, N):
            H += g * embed(sigma_z(), i, N) * embed(sigma_z(), j, N)
    return Model(N, H, jumps=[Jump(embed(sigma_z(), i, N), gamma / 2) for i in range(N)],
                 resets=[Reset(i, projector("+"), r) for i in range(N)], name=f"reset-symmetric-N{N}")


def symmetric_steady_state(N: int, values: Mapping, method: str = "numeric"):
    """Steady state at parameter ``values`` (``g``, ``r``, ``gamma``) on the engine.

    ``method``: ``"numeric"`` (sparse LU, residual checked), ``"exact"`` (rationals, floats
    read as the decimal they print) or ``"auto"``. Returns a
    :class:`~symbolic_ness.engines.PermutationSteadyState`.

    Parameters
    ----------
    N : int
        Number of qubits (≥ 2).
    values : mapping
        ``{"g": ..., "r": ..., "gamma": ...}`` (names or symbols).
    method : str, default "numeric"
        ``"numeric"``, ``"exact"`` or ``"auto"``.

    Returns
    -------
    PermutationSteadyState
        The state in the symmetric coordinates.

    Raises
    ------
    ParameterError
        ``N`` < 2 or a value is missing.

    Examples
    --------
    >>> ss = symmetric_steady_state(3, {"g": 5, "r": 40, "gamma": 1})
    >>> ss.unique, ss.N
    (True, 3)
    """
    N = require_int("N", N, 2)
    vals = dict(values)
    for name in ("g", "r", "gamma"):
        if name not in {str(k) for k in vals}:
            raise ParameterError(name, None, f"a value for {name}")
    return permutation_steady_state(reset_permutation_model(), N, vals, method)


def _homogenize(expr, degree: int = 0):
    """Restore gamma in an expression computed at gamma = 1 that is homogeneous of ``degree``.

    Factored over Z in (g, r) first (cheap), then every factor is homogenized.
    """
    e = sp.factor(sp.cancel(sp.sympify(expr)), _g, _r)
    num, den = sp.fraction(e)

    def hom(part):
        out, deg = sp.Integer(1), 0
        for fac in sp.Mul.make_args(part):
            base, ex = (fac.base, fac.exp) if fac.is_Pow else (fac, 1)
            if base.is_number:
                out *= fac
                continue
            d = sp.Poly(base, _g, _r).total_degree()
            out *= sp.expand(_gamma ** d * base.subs({_g: _g / _gamma, _r: _r / _gamma}, simultaneous=True)) ** ex
            deg += d * ex
        return out, deg

    (n, dn), (d, dd) = hom(num), hom(den)
    return n / d * _gamma ** (degree - dn + dd)


@cached("hdb-symmetric-symbolic-v2")
def _symbolic_x(N: int) -> tuple:
    ss = permutation_steady_state(reset_permutation_model(), N, {"gamma": 1}, "exact")
    if not ss.unique:
        return None, ss.nullity
    return tuple(_homogenize(v) for v in ss.x), 1


def symbolic_steady_state(N: int):
    """Steady state symbolic in g, r, gamma (small N).

    The generator is homogeneous of degree 1 in (g, r, gamma), so the null vector is of
    degree 0: the engine solves over Q(g, r) at gamma = 1 (exact null space, checked) and
    gamma is restored by homogeneity.

    Parameters
    ----------
    N : int
        Number of qubits (≥ 2; exact solve, small N).

    Returns
    -------
    PermutationSteadyState
        The exact state in g, gamma, r.

    Examples
    --------
    >>> ss = symbolic_steady_state(2)
    >>> sp.factor(ss.expectation("XX"))
    r**2*(gamma + 2*r)/((gamma + r)*(4*g**2 + gamma**2 + 3*gamma*r + 2*r**2))
    """
    N = require_int("N", N, 2)
    base = permutation_steady_state(reset_permutation_model(), N, {"gamma": 1}, "exact")
    x, nullity = _symbolic_x(N)
    return replace(base, x=x, nullity=nullity, unique=nullity == 1, values={},
                   parameters=(_g, _gamma, _r),
                   assumptions=base.assumptions + ("gamma restored by homogeneity of degree 0",))


def _require_unique(ss):
    if not ss.unique:
        raise NonUniqueSteadyStateError(
            f"steady state not unique for N = {ss.N} (null-space dimension {ss.nullity})", ss.nullity)


# ----------------------------------------------------------------- the pair
def pair_state(ss):
    r"""Reduced state :math:`\rho_{AB}` of any two qubits (from the two-body coordinates only)."""
    return permutation_reduced_state(ss, 2)


def pair_lambda_min(ss) -> float:
    r"""Smallest eigenvalue of :math:`\rho_{AB}^{T_A}` (float).

    Parameters
    ----------
    ss : PermutationSteadyState
        A unique steady state (e.g. :func:`symmetric_steady_state`).

    Returns
    -------
    float
        λ_min(ρ_AB^(T_A)); < 0 means the pair is entangled.

    Examples
    --------
    >>> round(pair_lambda_min(symmetric_steady_state(3, {"g": 5, "r": 40, "gamma": 1})), 12)
    -0.024333429078
    """
    return lambda_min_pt(permutation_reduced_state(ss, 2, "numeric"))


def pair_negativity(ss) -> float:
    r"""Negativity of the two-qubit reduced state, :math:`\max(0,-\lambda_{\min}(\rho_{AB}^{T_B}))`
    (exact states: the exact algebraic value, returned as a float).

    Parameters
    ----------
    ss : PermutationSteadyState
        A unique steady state (e.g. :func:`symmetric_steady_state`).

    Returns
    -------
    float
        𝒩 of the pair.

    Examples
    --------
    N = 2 at g = 5, r = 10, γ = 1: the two-qubit formula gives 659/14564:

    >>> round(pair_negativity(symmetric_steady_state(2, {"g": 5, "r": 10, "gamma": 1}, "exact")), 12)
    0.045248558088
    """
    _require_unique(ss)
    return float(permutation_negativity(permutation_marginal(ss, 2), 1))


# ----------------------------------------------------- fluctuating particle number
def poisson_weights(mean: float, Nmin: int = 2, Nmax: int = 6) -> dict:
    r"""Poisson weights :math:`p_N\propto\mu^N/N!` truncated to [Nmin, Nmax], renormalized.

    >>> w = poisson_weights(4.0); round(sum(w.values()), 12), sorted(w)
    (1.0, [2, 3, 4, 5, 6])
    """
    mean = require_positive("mean", mean)
    Nmin = require_int("Nmin", Nmin, 2)
    Nmax = require_int("Nmax", Nmax, Nmin)
    logw = {N: N * math.log(mean) - math.lgamma(N + 1) for N in range(Nmin, Nmax + 1)}
    mx = max(logw.values())
    w = {N: math.exp(v - mx) for N, v in logw.items()}
    s = sum(w.values())
    return {N: v / s for N, v in w.items()}


def poisson_pair_state(values: Mapping, mean: float, Nmin: int = 2, Nmax: int = 6, method: str = "numeric"):
    r""":math:`\rho_{AB}=\sum_N p_N\rho_{AB}^{(N)}` (numeric)."""
    w = poisson_weights(mean, Nmin, Nmax)
    rho = np.zeros((4, 4), complex)
    for N, p in w.items():
        ss = symmetric_steady_state(N, values, method)
        _require_unique(ss)
        rho += p * permutation_reduced_state(ss, 2, "numeric")
    return rho


def poisson_pair_negativity(values: Mapping, mean: float, Nmin: int = 2, Nmax: int = 6,
                            method: str = "numeric") -> float:
    """Negativity of the Poisson-mixed pair state.

    ρ_AB = Σ_N p_N ρ_AB^(N), p_N ∝ μ^N/N! on [Nmin, Nmax].

    Parameters
    ----------
    values : mapping
        ``{"g": ..., "r": ..., "gamma": ...}`` (names or symbols).
    mean : float
        Poisson mean μ > 0.
    Nmin, Nmax : int, defaults 2, 6
        The truncation.
    method : str, default "numeric"
        Solver of each ρ^(N).

    Returns
    -------
    float
        𝒩 of the mixture.

    Examples
    --------
    >>> round(poisson_pair_negativity({"g": 5, "r": 40, "gamma": 1}, 3.0), 9)
    0.020540958
    """
    return max(0.0, negativity(poisson_pair_state(values, mean, Nmin, Nmax, method), [1], 2))


# ------------------------------------------------------------ closed forms
_U_PARITY = sp.Matrix([[1, 0, 1, 0], [0, 1, 0, 1], [0, 1, 0, -1], [1, 0, -1, 0]]) / sp.sqrt(2)
_TWO_BODY = ["X", "Y", "Z", "XX", "YY", "ZZ", "XY", "XZ", "YZ"]


def _pt_blocks_generic():
    r"""PT of a generic exchange-symmetric pair state in the X⊗X eigenbasis (generic symbols)."""
    syms = {lab: sp.Symbol("x_" + lab, real=True) for lab in _TWO_BODY}
    ex = {}
    for a in "IXYZ":
        for b in "IXYZ":
            lab = "".join(sorted((a + b).replace("I", ""), key="XYZ".index))
            if lab:
                ex[a + b] = syms[lab]
    rho = state_from_paulis(ex, 2, numeric=False)
    pt = sp.Matrix(partial_transpose(rho, [1], 2))
    B = (_U_PARITY.T * pt * _U_PARITY).applyfunc(sp.expand)
    return syms, B


@cached("hdb-symmetric-closed-forms-v2")
def _closed_forms(N: int):
    ss = symbolic_steady_state(N)
    if not ss.unique:
        raise NonUniqueSteadyStateError(f"symbolic steady state not unique for N = {N}", ss.nullity)
    syms, B = _pt_blocks_generic()
    xs = list(syms.values())
    # evaluate in the field Q(g, r) at gamma = 1 (all quantities are homogeneous of degree 0)
    F = sp.QQ.frac_field(_g, _r)
    vals = [F.from_sympy(sp.cancel(ss.expectation(lab).subs(_gamma, 1))) for lab in syms]

    def ev(expr):
        p = sp.Poly(sp.expand(expr), *xs)
        if any(not c.is_rational for c in p.coeffs()):
            raise CheckFailedError("expected a real rational polynomial in the expectations")
        tot = F.zero
        for mon, c in p.terms():
            term = F.from_sympy(c)
            for v, k in zip(vals, mon):
                if k:
                    term *= v ** k
            tot += term
        return F.to_sympy(tot)

    for i in range(2):
        for j in range(2, 4):
            for part in (sp.re(B[i, j]), sp.im(B[i, j])):
                if ev(part) != 0:
                    raise CheckFailedError("pair PT does not block-diagonalize in the X⊗X eigenbasis")
    blocks = []
    for sl in (slice(0, 2), slice(2, 4)):
        blk = B[sl, sl]
        blocks.append((_homogenize(ev(blk.trace())),
                       _homogenize(ev(blk[0, 0] * blk[1, 1] - blk[0, 1] * blk[1, 0]))))
    x = {m: v for m, v in zip(permutation_basis(N)[0], ss.x) if v != 0}
    return {"expectations": {_label(m): v for m, v in x.items()}, "blocks": tuple(blocks)}


def _label(m) -> str:
    return "X" * m[1] + "Y" * m[2] + "Z" * m[3] or "I"


def closed_forms(N: int) -> dict:
    r"""Exact closed forms for the pair of an N-qubit system (N = 2, 3, 4 practical).

    Derivation: symbolic null space in the symmetric space (:func:`symbolic_steady_state`),
    pair state from the two-body coordinates, and the partial transpose split into
    two 2x2 blocks by the X⊗X parity (a symmetry of the model: global spin flip
    :math:`\prod_k\sigma_x^{(k)}` commutes with H, the dephasing and the :math:`|+\rangle` reset;
    the block structure is verified, not assumed). Block 1 is certified positive
    (trace and determinant are certified positive rational functions); block 2 has
    certified trace t > 0 and determinant d whose numerator :math:`Q_N` changes sign, so

    .. math:: \mathcal N_{\rm pair}=\max\Big(0,\frac{\sqrt{t^2-4d}-t}{2}\Big),
       \qquad \text{entangled}\iff d<0\iff Q_N(g,r,\gamma)>0 .

    Parameters
    ----------
    N : int
        Number of qubits (≥ 2).

    Returns
    -------
    dict
        ``expectations`` (label -> expr), ``trace``, ``det``, ``entanglement_polynomial``
        (Q_N), ``lambda_min``, ``pair_negativity`` (sympy expression with Max) and
        ``certificates``.

    Raises
    ------
    CheckFailedError
        A certificate the formula relies on fails.

    Examples
    --------
    For N = 2 the entanglement polynomial is minus the numerator P of the two-qubit PT eigenvalue:

    >>> cf = closed_forms(2)
    >>> cf["entanglement_polynomial"]
    -4*g**2*gamma - 4*g**2*r + 4*g*gamma*r + 4*g*r**2 - gamma**3 - 4*gamma**2*r - 4*gamma*r**2
    """
    N = require_int("N", N, 2)
    cf = _closed_forms(N)
    (t1, d1), (t2, d2) = cf["blocks"]
    cert = {"block1_trace_positive": bool(certify_positive(t1)),
            "block1_det_positive": bool(certify_positive(d1)),
            "block2_trace_positive": bool(certify_positive(t2))}
    if not all(cert.values()):
        raise CheckFailedError(f"pair closed form N = {N}: certificates failed {cert}")
    num, den = sp.fraction(d2)
    # Q_N: the factor of -num that changes sign (the other factors are certified positive)
    sign_factors, pos = [], sp.Integer(1)
    for fac in sp.Mul.make_args(num):
        if fac.is_number:
            pos *= fac
        elif certify_positive(fac):
            continue
        elif certify_positive(-fac):
            pos *= -1
        else:
            sign_factors.append(fac)
    if len(sign_factors) != 1 or not certify_positive(den):
        raise CheckFailedError("unexpected structure of the pair PT determinant")
    Q = sp.expand(sign_factors[0] * (-1 if pos > 0 else 1))  # d < 0  <=>  Q > 0
    lam = (t2 - sp.sqrt(t2 ** 2 - 4 * d2)) / 2
    return {"expectations": cf["expectations"], "trace": t2, "det": d2,
            "entanglement_polynomial": Q, "lambda_min": lam,
            "pair_negativity": sp.Max(0, -lam), "certificates": cert}


def threshold_r(N: int, g, gamma=1) -> list:
    r"""Exact reset-rate thresholds: the positive real roots in r of :math:`Q_N(g,r,\gamma)`
    (g, gamma exact; floats read as the decimal they print).

    Parameters
    ----------
    N : int
        Number of qubits.
    g : number
        Coupling.
    gamma : number, default 1
        Dephasing rate.

    Returns
    -------
    list
        Exact positive roots (``CRootOf`` or radicals), ascending.

    Examples
    --------
    >>> [float(t) for t in threshold_r(2, 5)]
    [6.2586...]
    """
    Q = closed_forms(N)["entanglement_polynomial"]
    q = sp.Poly(Q.subs({_g: exact_number(g, "g"), _gamma: exact_number(gamma, "gamma")}), _r)
    return [rt for rt in q.real_roots() if rt > 0]


# ------------------------------------------------------- entangled r-window
def _lam(N, g, r, gamma):
    return pair_lambda_min(symmetric_steady_state(N, {"g": g, "r": r, "gamma": gamma}))


def pair_window(N: int, g: float = 5.0, gamma: float = 1.0, r_max: float = 1e4, points: int = 120) -> dict:
    r"""Entangled r-window of the pair (numeric, float sparse LU per point, residual checked).

    Scans :math:`\lambda_{\min}(\rho_{AB}^{T_B})` on a log grid of ``points``
    values in [1e-2 γ, r_max], refines every sign change with Brent's method
    (xtol 1e-12) and maximizes the negativity in log r.
    Returns ``{"N", "intervals": [(lo, hi)], "r_c" (first lower edge or None),
    "open_above" (entangled at r_max), "r_peak", "negativity_peak"}``.

    Parameters
    ----------
    N : int
        Number of qubits.
    g : float, default 5.0
        Coupling.
    gamma : float, default 1.0
        Dephasing rate.
    r_max : float, default 1e4
        Upper end of the scan.
    points : int, default 120
        Grid points.

    Returns
    -------
    dict
        ``N``, ``g``, ``gamma``, ``intervals``, ``r_c``, ``open_above``, ``r_peak``, ``negativity_peak``.

    Examples
    --------
    >>> w = pair_window(2, 5.0, 1.0, r_max=1e3, points=40)
    >>> round(w["r_c"], 6), w["open_above"]
    (6.25861, True)
    """
    from scipy.optimize import minimize_scalar
    rs = np.geomspace(1e-2 * gamma, r_max, points)
    lam = np.array([_lam(N, g, r, gamma) for r in rs])
    neg = lam < 0
    edges = []
    for i in range(len(rs) - 1):
        if neg[i] != neg[i + 1]:
            edges.append(bisect_root(lambda r: _lam(N, g, r, gamma), rs[i], rs[i + 1], 1e-12, rtol=1e-12, method="brent"))
    intervals, lo = [], (rs[0] if neg[0] else None)
    for e in edges:
        if lo is None:
            lo = e
        else:
            intervals.append((lo, e)); lo = None
    if lo is not None:
        intervals.append((lo, float("inf")))
    out = {"N": N, "g": g, "gamma": gamma, "intervals": intervals,
           "r_c": intervals[0][0] if intervals else None, "open_above": bool(neg[-1]),
           "r_peak": None, "negativity_peak": 0.0}
    if neg.any():
        i = int(np.argmin(lam))
        a, b = np.log(rs[max(i - 1, 0)]), np.log(rs[min(i + 1, len(rs) - 1)])
        res = minimize_scalar(lambda t: _lam(N, g, math.exp(t), gamma), bounds=(a, b), method="bounded",
                              options={"xatol": 1e-9})
        out["r_peak"] = float(math.exp(res.x))
        out["negativity_peak"] = float(max(0.0, -res.fun))
    return out


def exact_pair_certificate(N: int, g, r, gamma=1) -> dict:
    r"""Exact rational check of pair entanglement at one point.

    For two qubits :math:`\rho^{T_B}` has at most one negative eigenvalue, so the
    pair is entangled iff :math:`\det\rho_{AB}^{T_B}<0`. The determinant is
    computed exactly from the exact rational steady state (floats read as the decimal
    they print; no rounding anywhere).

    Parameters
    ----------
    N : int
        Number of qubits.
    g, r : number
        Coupling and reset rate (exact).
    gamma : number, default 1
        Dephasing rate.

    Returns
    -------
    dict
        ``N``, ``g``, ``r``, ``gamma``, ``det_pt`` (exact rational), ``entangled``, ``seconds``.

    Examples
    --------
    >>> c = exact_pair_certificate(3, 5, 40)
    >>> c["entangled"], c["det_pt"] < 0
    (True, True)
    """
    vals = {"g": exact_number(g, "g"), "r": exact_number(r, "r"), "gamma": exact_number(gamma, "gamma")}
    ss = symmetric_steady_state(N, vals, method="exact")
    _require_unique(ss)
    pt = sp.Matrix(partial_transpose(pair_state(ss), [1], 2))
    det = sp.expand(pt.det())
    if not (det.is_Rational or det.is_real and sp.im(det) == 0):
        raise CheckFailedError("determinant of a Hermitian matrix is not real")
    det = sp.re(det)
    return {"N": N, **vals, "det_pt": det, "entangled": bool(det < 0), "seconds": ss.seconds}


def fig3_curves(r_values, g: float = FIG3_G, gamma: float = 1.0, mean: float = FIG3_MEAN,
                avg_N=(3, 4, 5, 6, 7), pair_N=(2, 3, 4, 5, 6)) -> dict:
    """Numeric curves of Fig. 3 on ``r_values``: average negativity for ``avg_N``,
    pair negativity for ``pair_N``, Poisson mixture over [2, 6] with ``mean``."""
    w = poisson_weights(mean, 2, 6)
    need = sorted(set(avg_N) | set(pair_N) | set(w))
    out = {"r": np.asarray(r_values, float), "average": {N: [] for N in avg_N},
           "pair": {N: [] for N in pair_N}, "poisson": [], "weights": w}
    for r in out["r"]:
        states = {N: symmetric_steady_state(N, {"g": g, "r": r, "gamma": gamma}) for N in need}
        for N in avg_N:
            out["average"][N].append(permutation_average_negativity(states[N]))
        pairs = {N: pair_state(states[N]) for N in need}
        for N in pair_N:
            out["pair"][N].append(max(0.0, -lambda_min_pt(pairs[N])))
        mix = sum(p * pairs[N] for N, p in w.items())
        out["poisson"].append(max(0.0, -lambda_min_pt(mix)))
    for key in ("average", "pair"):
        out[key] = {N: np.array(v) for N, v in out[key].items()}
    out["poisson"] = np.array(out["poisson"])
    return out
