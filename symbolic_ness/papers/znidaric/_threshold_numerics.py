r"""Numeric entanglement thresholds of the XX chain at γ = 0, independent of every closed form:
the closed hierarchy solved in floats (batched, residual checked), the pair state from its Pauli
correlators and the partial transpose diagonalized; thresholds by bisection (core
:func:`~symbolic_ness.export.bisect_root`).

>>> lam = numeric_lambda_cd(1.0, 1.0, 1.0, "boundary")
>>> bool(lam < 0)
True
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse.linalg as spla
import sympy as sp

from ..._errors import CheckFailedError, ParameterError, check_residual
from ...export import bisect_root, lambdify
from ...core import pauli
from ._chain import FAMILIES, family_float_matrices, xx_rates
from ._symbols import DRIVE_C, DRIVE_D
from ._xx_hierarchy import hierarchy

__all__ = ["numeric_pair_lambda", "numeric_lambda_cd", "numeric_c_min", "numeric_d_edge", "numeric_corner_gamma",
           "min_over_d", "ENT_EPS"]


@lru_cache(maxsize=16)
def _numeric_system(n: int):
    """Float family matrices of the closed hierarchy and the rates as functions of (GL, GR, c, d)."""
    cl = hierarchy(n, True)
    index = cl.index
    mats, vecs = family_float_matrices(cl)
    GL, GR = sp.symbols("GL GR")
    r = xx_rates(GL, GR, DRIVE_C + DRIVE_D, (DRIVE_D - DRIVE_C) / 2, 0)
    rates = {f: lambdify(sp.expand(v), (GL, GR, DRIVE_C, DRIVE_D)) for f, v in r.items()}
    return index, mats, vecs, rates


_P2 = {k: pauli(k, numeric=True) for k in "IXYZ"}


_LABELS16 = [(a, b) for a in "IXYZ" for b in "IXYZ"]


_KRON16 = np.array([np.kron(_P2[a], _P2[b]) for a, b in _LABELS16])


ENT_EPS = 1e-12  # lambda < -ENT_EPS counts as entangled in the numeric bisections


def numeric_pair_lambda(c, d, Gamma_L, Gamma_R, j: int, n: int):
    r"""Smallest partial-transpose eigenvalue of the pair (j, j+1), numerically and batched.

    Solves the closed Heisenberg hierarchy :math:`M x+b=0` of the n-site chain
    (float LU, many parameter points at once), builds the pair state from the
    Pauli correlators and diagonalizes its partial transpose (``numpy.linalg.eigvalsh``).
    Independent of every closed form. ``c, d, Gamma_*`` broadcast to a common shape.
    """
    index, mats, vecs, rates = _numeric_system(int(n))
    c, d, GL, GR = np.broadcast_arrays(*(np.asarray(x, float) for x in (c, d, Gamma_L, Gamma_R)))
    shape = c.shape
    c, d, GL, GR = (x.ravel() for x in (c, d, GL, GR))
    K, N = c.size, len(index)
    # per-point sparse LU (SuperLU): avoids multithreaded dense BLAS on tiny systems
    fams = [f for f in FAMILIES if f != "deph"]
    r = {f: np.broadcast_to(np.asarray(rates[f](GL, GR, c, d), float), (K,)) for f in fams}
    if N <= 80:  # small: batched dense solve
        M = sum(r[f][:, None, None] * mats[f].toarray()[None] for f in fams)
        b = sum(r[f][:, None] * vecs[f][None] for f in fams)
        x = np.linalg.solve(M, -b[..., None])[..., 0]
        res = float(np.max(np.abs(np.einsum("kij,kj->ki", M, x) + b))) if K else 0.0
        check_residual("batched hierarchy solve", res, 1e-9)
    else:
        x = np.empty((K, N))
        for kk in range(K):
            M = sum(r[f][kk] * mats[f] for f in fams)
            b = sum(r[f][kk] * vecs[f] for f in fams)
            x[kk] = spla.spsolve(M.tocsc(), -b)
            check_residual("hierarchy solve", float(np.max(np.abs(M @ x[kk] + b))), 1e-9)
    j0 = j - 1

    def val(string):
        i = index.get(tuple(sorted(string)))
        return np.zeros(K) if i is None else x[:, i]

    coeffs = np.ones((K, 16))
    for m, (a, bb) in enumerate(_LABELS16):
        if a == bb == "I":
            continue
        s = tuple(p for p in ((j0, a), (j0 + 1, bb)) if p[1] != "I")
        coeffs[:, m] = val(s)
    rho = np.einsum("km,mij->kij", coeffs, _KRON16)
    rho /= 4
    pt = rho.reshape(K, 2, 2, 2, 2).transpose(0, 3, 2, 1, 4).reshape(K, 4, 4)
    ev = np.linalg.eigvalsh((pt + np.conj(np.swapaxes(pt, 1, 2))) / 2)
    return ev[:, 0].reshape(shape)


def _region_pair(region: str, n: int):
    if region == "boundary":
        if n < 3:
            raise ParameterError("n", n, "n >= 3 for the boundary pair (1, 2) next to a bulk spin")
        return 1
    if n < 4:
        raise ParameterError("n", n, "n >= 4 for a bulk pair (2, 3)")
    return 2


def numeric_lambda_cd(c, d, Gamma, region: str, n: int = 4):
    """:func:`numeric_pair_lambda` at symmetric coupling for ``region``."""
    return numeric_pair_lambda(c, d, Gamma, Gamma, _region_pair(region, n), n)


def min_over_d(lam, c, Gamma, grid=81):
    """min over d in [-1, 1] of lam(c, d, Gamma): grid + golden refinement."""
    ds = np.linspace(-1, 1, grid)
    v = lam(np.full_like(ds, c), ds, Gamma)
    i = int(np.argmin(v))
    lo, hi = ds[max(i - 1, 0)], ds[min(i + 1, grid - 1)]
    g = (np.sqrt(5) - 1) / 2
    for _ in range(32):
        x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
        f = lam(np.array([c, c]), np.array([x1, x2]), Gamma)
        if f[0] < f[1]:
            hi = x2
        else:
            lo = x1
    m = 0.5 * (lo + hi)
    return float(min(v[i], lam(np.array([c]), np.array([m]), Gamma)[0]))


def numeric_c_min(Gamma, region: str, n: int = 4, tol=1e-11):
    r"""Numeric tongue/pocket start: bisection in c of :math:`\min_d\lambda_{\min}(c,d)` (numeric
    hierarchy λ). Returns None if :math:`\min_d\lambda(1,d)\ge0` (no entanglement for c ≤ 1)."""
    lam = lambda c, d, g: numeric_lambda_cd(c, d, g, region, n)  # noqa: E731
    f = lambda c: min_over_d(lam, c, Gamma)  # noqa: E731
    if not f(1.0) < -ENT_EPS:
        return None
    return _bisect(f, 0.0, 1.0, tol)


def numeric_d_edge(c, Gamma, region: str, n: int = 4, tol=1e-13):
    r"""Numeric lower edge: bisection in d of :math:`\lambda_{\min}(c,d)` between the entangled
    top edge d = 1 and d = -1 (returns -1 if entangled at d = -1, None if not entangled at d = 1).

    Near the product-state corner c = 1, d = -1 the eigenvalue vanishes like :math:`(1+d)^2`,
    so an edge at d = -1 is resolved only to about 1e-5 there."""
    lam = lambda d: float(numeric_lambda_cd(c, d, Gamma, region, n))  # noqa: E731
    if not lam(1.0) < -ENT_EPS:
        return None
    if lam(-1.0) < -ENT_EPS:
        return -1.0
    return _bisect(lam, -1.0, 1.0, tol)


def numeric_corner_gamma(region: str, lo: float, hi: float, n: int = 4, tol=1e-11):
    r"""Bisection in Γ of :math:`\min_d\lambda_{\min}(c=1,d,\Gamma)` (the tongue/pocket shrinks to c = 1)."""
    lam = lambda c, d, g: numeric_lambda_cd(c, d, g, region, n)  # noqa: E731
    return _bisect(lambda g: min_over_d(lam, 1.0, g), lo, hi, tol)


def _bisect(f, lo, hi, tol=1e-13, maxit=200):
    """Boundary between ``f < -ENT_EPS`` (entangled) and not, inside [lo, hi] (core bisection on
    the indicator; raises CheckFailedError without a change in between)."""
    def g(x):
        return -1.0 if f(x) < -ENT_EPS else 1.0
    if g(lo) == g(hi):
        raise CheckFailedError("bisection bracket without a sign change")
    return bisect_root(g, lo, hi, tol, maxit)
