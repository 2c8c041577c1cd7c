r"""Numeric evaluation of the dephasing closed forms (Žnidarič Sec. III.D): vectorized
:math:`\lambda_{\min}(n,\Gamma,\gamma,c,d)` of the central or boundary pair, thresholds by root
finding on the exact closed form (:math:`c_{\min}`, :math:`d(c)`, :math:`\Gamma_\pm`,
:math:`\Gamma_m`, :math:`\gamma_c`), and the independent numeric references (closed hierarchy of
the pair, correlators of any pair).

>>> round(float(lambda_min_dephasing(6, 1.0, 0.05, 1, 1)), 10)
-0.0282828283
"""
from __future__ import annotations

import functools

import numpy as np
import scipy.optimize as so
import sympy as sp

from ..._errors import ParameterError
from ...export import bisect_root, lambdify
from ...core import lambda_min_pt, state_from_paulis
from ._dephasing import (float_pair_values, gamma_c_closed_form, gamma_window_closed_form, pair_lambda_closed_form,
                         pair_substitution, pt_lambda_generic)
from ._symbols import COUPLING, DEPHASING, DRIVE_C, DRIVE_D, LENGTH

__all__ = ["lambda_min_dephasing", "c_min_dephasing", "d_edge_dephasing", "c_min_of", "d_edge_of", "gamma_window_dephasing",
           "gamma_m_dephasing", "gamma_c_dephasing", "min_lambda_cd", "pair_lambda_numeric", "pair_state_u1",
           "lambda_min_any_pair", "ENT_TOL"]


def _cls_of(n, region):
    if region == "boundary":
        return "boundary"
    return "central-even" if n % 2 == 0 else "central-odd"


@functools.lru_cache(maxsize=None)
def _lambda_fn(cls):
    """Numeric min of all four PT eigenvalues (the '-sqrt' one is the only one that can be < 0)."""
    lam = pair_lambda_closed_form(cls)
    _, syms, others = pt_lambda_generic()
    zl, zr, Z, J = pair_substitution(cls)
    sub = dict(zip(syms, (zl, zr, Z, J)))
    args = (LENGTH, COUPLING, DEPHASING, DRIVE_C, DRIVE_D)
    fns = [lambdify(e, args) for e in [lam] + [o.subs(sub) for o in others]]

    def fn(*a):
        out = fns[0](*a)
        for f in fns[1:]:
            out = np.minimum(out, f(*a))
        return out
    return fn


def lambda_min_dephasing(n, Gamma, gamma, c, d, region="bulk"):
    r"""Closed-form :math:`\lambda_{\min}` of the central (``region="bulk"``) or boundary pair.

    Vectorized in ``Gamma, gamma, c, d``. (Example: ``lambda_min_dephasing(6, 1.0, 0.05, 1, 1)``
    = -0.0282828..., equal to :math:`(X^2-2X-1)/(4X(X+\gamma))` with X = 2.2.)

    Parameters
    ----------
    n : int
        Chain length.
    Gamma, gamma, c, d : float or array_like
        Coupling, dephasing and driving (broadcast).
    region : str, default "bulk"
        ``"bulk"`` (central pair) or ``"boundary"`` (pair 1, 2).

    Returns
    -------
    numpy.ndarray or float
        λ_min.

    Examples
    --------
    >>> float(lambda_min_dephasing(6, 1.0, 0.05, 1, 1))  # (X² − 2X − 1)/(4X(X + γ)), X = 2.2
    -0.0282828282...
    """
    fn = _lambda_fn(_cls_of(int(n), region))
    with np.errstate(all="ignore"):
        return fn(float(n), np.asarray(Gamma, float), np.asarray(gamma, float),
                  np.asarray(c, float), np.asarray(d, float))


ENT_TOL = 1e-13


def _dom(region):
    """(c, d) domain searched: the pocket near c = d = 1 (quadrant [0, 1]^2) for the central pair
    (its mirror image near c = d = -1 is equivalent), the full square for the boundary pair."""
    return (0.0, 1.0) if region == "bulk" else (-1.0, 1.0)


def _min_over_d(f, c, lo=-1.0, hi=1.0, grid=81):
    ds = np.linspace(lo, hi, grid)
    vals = f(c, ds)
    k = int(np.argmin(vals))
    a, b = ds[max(k - 1, 0)], ds[min(k + 1, grid - 1)]
    r = so.minimize_scalar(lambda x: float(f(c, x)), bounds=(a, b), method="bounded",
                           options={"xatol": 1e-13})
    return (float(r.fun), float(r.x)) if r.fun < vals[k] else (float(vals[k]), float(ds[k]))


def c_min_dephasing(n, Gamma, gamma, region="bulk"):
    r""":math:`c_{\min}`: the smallest c for which some d gives an entangled pair
    (Brent root, :func:`~symbolic_ness.export.bisect_root`, on the exact closed-form :math:`\lambda_{\min}` minimized over d; the
    central pair is searched in the pocket near c = d = 1). ``None`` if no entangled state."""
    f = lambda c, d: lambda_min_dephasing(n, Gamma, gamma, c, d, region)  # noqa: E731
    return c_min_of(f, *_dom(region))


def c_min_of(f, lo=-1.0, hi=1.0):
    r"""Smallest c in [lo, 1] with :math:`\min_d f(c,d)<0` (d in [lo, hi]); ``f(c, d)`` vectorized in d.
    ``None`` if f >= 0 at c = 1 for every d."""
    g = lambda c: _min_over_d(f, c, lo, hi)[0] + ENT_TOL  # noqa: E731
    # fast path: the pocket usually starts on the edge d = 1; accept the root of
    # lambda(c, 1) only if no d gives entanglement just left of it
    f1 = lambda c: float(f(c, 1.0)) + ENT_TOL  # noqa: E731
    if f1(1.0) < 0 < f1(lo):
        c1 = float(bisect_root(f1, lo, 1.0, 1e-14, rtol=1e-14, method="brent"))
        if g(c1 - 1e-9) >= 0:
            return c1
    if g(1.0) >= 0:
        return None
    if g(lo) < 0:
        return lo
    return float(bisect_root(g, lo, 1.0, 1e-14, rtol=1e-14, method="brent"))


def d_edge_dephasing(n, Gamma, gamma, c, region="bulk"):
    r"""Lower edge :math:`d(c)` of the entangled region at fixed c: the smallest d (in the
    searched domain) with :math:`\lambda_{\min}(c,d)<0` (Brent root on the exact closed form;
    clamped to the domain). ``None`` when no d gives entanglement at this c."""
    f = lambda c_, d_: lambda_min_dephasing(n, Gamma, gamma, c_, d_, region)  # noqa: E731
    return d_edge_of(f, c, *_dom(region))


def d_edge_of(F, c, lo=-1.0, hi=1.0):
    r"""Smallest d in [lo, hi] with :math:`F(c,d)<0` (``F`` vectorized in d); ``None`` if none."""
    f = lambda d: float(F(c, d)) + ENT_TOL  # noqa: E731
    ds = np.linspace(lo, hi, 801)
    vals = F(c, ds) + ENT_TOL
    neg = np.where(vals < 0)[0]
    if len(neg) == 0:
        m, dm = _min_over_d(F, c, lo, hi)
        if m + ENT_TOL >= 0:
            return None
        k = int(np.searchsorted(ds, dm))
        return float(bisect_root(f, ds[max(k - 1, 0)], dm, 1e-14, method="brent")) if k > 0 else lo
    k = neg[0]
    if k == 0:
        return lo
    return float(bisect_root(f, ds[k - 1], ds[k], 1e-14, rtol=1e-14, method="brent"))


def min_lambda_cd(n, Gamma, gamma, region, grid=41):
    """Minimum of lambda_min over the searched (c, d) domain (grid + L-BFGS-B polish)."""
    lo, hi = _dom(region)
    cs = np.linspace(lo, hi, grid)
    C, D = np.meshgrid(cs, cs, indexing="ij")
    vals = lambda_min_dephasing(n, Gamma, gamma, C, D, region)
    k = np.unravel_index(np.argmin(vals), vals.shape)
    x0 = np.array([C[k], D[k]])
    r = so.minimize(lambda x: float(lambda_min_dephasing(n, Gamma, gamma, x[0], x[1], region)), x0,
                    bounds=[(lo, hi), (lo, hi)], method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-12})
    if r.fun < vals[k]:
        return float(r.fun), (float(r.x[0]), float(r.x[1]))
    return float(vals[k]), (float(C[k]), float(D[k]))


def gamma_window_dephasing(n, gamma, exact=True):
    r"""[Γ₋, Γ₊] of the central pair. Even n with ``exact``: the derived closed form
    (c = d = 1 is the last entangled state; the tests check this against the full
    (c, d) minimum); otherwise bisection on :math:`\min_{c,d}\lambda_{\min}`. ``None`` if empty."""
    n = int(n)
    if exact and n % 2 == 0:
        lo, hi = gamma_window_closed_form()
        vals = [complex(sp.N(e.subs({LENGTH: n, DEPHASING: sp.Rational(repr(float(gamma)))}), 17)) for e in (lo, hi)]
        if any(abs(v.imag) > 1e-15 for v in vals):
            return None
        return sorted(v.real for v in vals)
    h = lambda G: min_lambda_cd(n, G, gamma, "bulk")[0] + ENT_TOL  # noqa: E731
    Gs = np.exp(np.linspace(np.log(0.05), np.log(20), 121))
    vals = np.array([float(lambda_min_dephasing(n, G, gamma, 1, 1)) for G in Gs])
    k = int(np.argmin(vals))
    if h(Gs[k]) >= 0:
        return None
    a = next((i for i in range(k, -1, -1) if h(Gs[i]) >= 0), None)
    b = next((i for i in range(k, len(Gs)) if h(Gs[i]) >= 0), None)
    lo = bisect_root(h, Gs[a], Gs[a + 1], 1e-14, method="brent") if a is not None else Gs[0]
    hi = bisect_root(h, Gs[b - 1], Gs[b], 1e-14, method="brent") if b is not None else Gs[-1]
    return [float(lo), float(hi)]


def _boundary_h(n, gamma):
    f = lambda c, d, G: lambda_min_dephasing(n, G, gamma, c, d, "boundary")  # noqa: E731
    return lambda G: _min_over_d(lambda c, d: f(c, d, G), 1.0)[0] + ENT_TOL  # noqa: E731


def gamma_m_dephasing(n, gamma, tol=1e-13):
    r""":math:`\Gamma_m(\gamma,n)`: the smallest Γ for which the boundary pair :math:`\rho_{12}`
    is entangled for some (c, d). The tongue contains c = 1, so
    :math:`h(\Gamma)=\min_d\lambda_{\min}(c{=}1,d)` is used (the tests compare with the
    full (c, d) minimum); Brent root (:func:`~symbolic_ness.export.bisect_root`) on h over Γ (numeric root finding on the exact
    closed form). ``None`` if the pair is never entangled for Γ in [0.02, 50]."""
    h = _boundary_h(n, gamma)
    Gs = np.exp(np.linspace(np.log(0.02), np.log(50), 48))
    hv = np.array([h(G) for G in Gs])
    neg = np.where(hv < 0)[0]
    if len(neg) == 0:
        return None
    k = neg[0]
    if k == 0:
        return float(Gs[0])
    return float(bisect_root(h, Gs[k - 1], Gs[k], tol, rtol=1e-14, method="brent"))


def pair_state_u1(zz, z1, z2, xy):
    """Numeric U(1)-invariant pair state from ⟨σzσz⟩, ⟨σz⟩, ⟨σz⟩, ⟨σxσy⟩ = -⟨σyσx⟩ (core
    :func:`~symbolic_ness.core.state_from_paulis`)."""
    ex = {"ZZ": zz, "ZI": z1, "IZ": z2, "XY": xy, "YX": -xy}
    return state_from_paulis({k: float(v) for k, v in ex.items()}, 2, numeric=True)


def lambda_min_any_pair(n, G, g, c, d, j):
    """λ_min of pair (j, j+1) from the NESS correlators (:func:`~symbolic_ness.papers.znidaric.ness_correlators`, numeric)."""
    from ._correlators import ness_correlators
    if not 1 <= j <= n - 1:
        raise ParameterError("pair", j, f"1 <= pair <= n - 1 = {n - 1}")
    r = ness_correlators(n, G, G, c + d, (d - c) / 2, g, exact=False)
    return float(lambda_min_pt(r.pair_state(j, j + 1)))


def pair_lambda_numeric(n, Gamma, gamma, c, d, region):
    """λ_min of the central (``bulk``) or boundary pair from the full closed hierarchy of the pair
    (floats, residual checked; independent of the closed forms)."""
    zz, z1, z2, xy, _ = float_pair_values(n, Gamma, gamma, c, d, "central" if region == "bulk" else "boundary")
    return float(lambda_min_pt(pair_state_u1(zz, z1, z2, xy)))


def gamma_c_dephasing(n, Gamma, method="exact"):
    """γ_c of the central pair at c = d = 1: ``exact`` evaluates Eq. (24) (derived); ``numeric``
    bisects the pair hierarchy's λ_min (n <= 16) or the closed form (n > 16). None if no γ_c."""
    n = int(n)
    parity = "even" if n % 2 == 0 else "odd"
    if method == "exact":
        v = complex(sp.N(gamma_c_closed_form(parity).subs({LENGTH: n, COUPLING: sp.Rational(repr(float(Gamma)))}), 17))
        return v.real if v.real > 0 else None
    if method != "numeric":
        raise ParameterError("method", method, "exact or numeric")
    if n <= 16:
        def f(g):
            return pair_lambda_numeric(n, Gamma, g, 1.0, 1.0, "bulk")
    else:
        def f(g):
            return float(lambda_min_dephasing(n, Gamma, g, 1.0, 1.0))
    if f(0.0) >= 0:
        return None
    hi = 1.0
    while f(hi) < 0:
        hi *= 2
    return float(bisect_root(f, 0.0, hi, 1e-15, rtol=1e-15, method="brent"))
