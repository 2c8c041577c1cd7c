r"""Thermal XX chain, double precision (Žnidarič Sec. II): vectorized infinite-chain
correlators (figures), the scipy reference path, and finite open chains (free fermions for any n,
exact diagonalisation in magnetisation sectors for n <= 12).

>>> z, xx = correlators_array(0.5, 0.0)
>>> round(float(xx), 12)
-0.405837842566
"""
from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from threadpoolctl import threadpool_limits

from ..._errors import ParameterError, require_int, require_real
from ...export import bisect_root, lambdify
from ...core import lambda_min_pt, state_from_paulis
from ...engines import fermi_correlation_matrix
from ._symbols import MOMENTUM, XX_NN, Z_MEAN
from ._thermal import derive_free_fermion_form, derive_lambda_min

__all__ = ["correlators_array", "lambda_min_array", "lambda_min_function", "ground_state_curve",
           "correlators_numeric", "pair_state_numeric", "lambda_min_numeric", "beta_c_numeric",
           "finite_chain_correlators"]


def correlators_array(beta, phi, nodes: int | None = None):
    r"""Vectorized (numpy) z, xx for arrays of beta, phi (midpoint rule on the periodic integrand).

    The integrands are even and :math:`2\pi`-periodic, so the midpoint rule converges
    exponentially; ``nodes`` defaults to ``max(256, 40*max|beta|)``.

    >>> z, xx = correlators_array(0.5, 0.0)
    >>> round(float(xx), 12)
    -0.405837842566
    """
    from scipy.special import expit
    beta = np.asarray(beta, dtype=float)
    phi = np.asarray(phi, dtype=float)
    if nodes is None:
        nodes = int(max(256, 40 * float(np.max(np.abs(beta))) if beta.size else 256))
    k = (np.arange(nodes) + 0.5) * np.pi / nodes
    B, P = np.broadcast_arrays(beta, phi)
    u = 2 * P[..., None] - 4 * B[..., None] * np.cos(k)
    f = expit(-u)                                    # 1/(1+e^u)
    n = f.mean(axis=-1)
    xx = -2 * (np.cos(k) * f).mean(axis=-1)
    return 2 * n - 1, xx


@functools.lru_cache(maxsize=None)
def lambda_min_function():
    """The derived lambda_min(xx, z) (Eq. 4) as a vectorized numpy function (core lambdify)."""
    return lambdify(derive_lambda_min()["lambda_min"], (XX_NN, Z_MEAN))


def lambda_min_array(beta, phi, nodes: int | None = None):
    """Vectorized lambda_min (double precision) from :func:`correlators_array`."""
    z, xx = correlators_array(beta, phi, nodes)
    return lambda_min_function()(xx, z)


def ground_state_curve(kF):
    r""":math:`T=0` limit (Fermi sea with Fermi momentum :math:`k_F`): returns (z, xx).

    :math:`f\to\Theta(k_F-k)` in the derived integrands: :math:`z=2k_F/\pi-1`,
    :math:`xx=-2\sin k_F/\pi` (from sympy integration of the derived integrands).
    """
    zf, xf = _ground_state_exprs()
    kF = np.asarray(kF, dtype=float)
    return zf(kF), xf(kF)


@functools.lru_cache(maxsize=None)
def _ground_state_exprs():
    d = derive_free_fermion_form()
    kF = sp.Symbol("k_F", positive=True)
    F = sp.Symbol("F")
    # T = 0 (beta -> oo at fixed phi/beta): the occupation is 1 on [0, kF] and 0 beyond
    z = sp.integrate(d["z_of_F"].subs(F, 1), (MOMENTUM, 0, kF)) + sp.integrate(d["z_of_F"].subs(F, 0), (MOMENTUM, kF, sp.pi))
    x = sp.integrate(d["xx_of_F"].subs(F, 1), (MOMENTUM, 0, kF)) + sp.integrate(d["xx_of_F"].subs(F, 0), (MOMENTUM, kF, sp.pi))
    return lambdify(sp.simplify(z), (kF,)), lambdify(sp.simplify(x), (kF,))


def correlators_numeric(beta, phi) -> dict:
    """z, xx, zz from scipy ``quad`` of the tanh form of Eq. (3) (sign convention above)."""
    from scipy.integrate import quad
    beta = require_real("beta", beta)
    phi = require_real("phi", phi)
    z = -quad(lambda k: math.tanh(phi - 2 * beta * math.cos(k)), 0, math.pi, epsabs=1e-13, epsrel=1e-13, limit=200)[0] / math.pi
    xx = quad(lambda k: math.cos(k) * math.tanh(phi - 2 * beta * math.cos(k)), 0, math.pi,
              epsabs=1e-13, epsrel=1e-13, limit=200)[0] / math.pi
    return {"z": z, "xx": xx, "zz": z * z - xx * xx}


def pair_state_numeric(z, xx, zz):
    """Nearest-neighbour pair state (4x4 numpy) from <z>, <xx> = <yy>, <zz> (core state_from_paulis)."""
    ex = {"ZI": z, "IZ": z, "XX": xx, "YY": xx, "ZZ": zz}
    return state_from_paulis({k: float(v) for k, v in ex.items()}, 2, numeric=True).real


def lambda_min_numeric(beta, phi) -> float:
    """Smallest eigenvalue of the numeric partial transpose (numpy) with scipy-quad correlators."""
    r = correlators_numeric(beta, phi)
    return float(lambda_min_pt(pair_state_numeric(r["z"], r["xx"], r["zz"])))


def beta_c_numeric(phi) -> float:
    """Baseline: Brent root (:func:`~symbolic_ness.export.bisect_root`, scipy ``brentq``) on
    :func:`lambda_min_numeric` (double precision).

    Parameters
    ----------
    phi : number
        Magnetization chemical potential φ.

    Returns
    -------
    float
        β_c(φ) (agrees with :func:`beta_c` to about 1e-10).

    Examples
    --------
    >>> round(beta_c_numeric(4), 9)
    0.514557364
    """
    phi = require_real("phi", phi)
    return bisect_root(lambda b: lambda_min_numeric(b, phi), 0.25, 1.0, 1e-15, rtol=1e-15, method="brent")


def _ff_correlation_matrix(n, beta, phi):
    d = derive_free_fermion_form()
    h = np.zeros((n, n))
    t = float(d["h_bond"][0, 1])
    for j in range(n - 1):
        h[j, j + 1] = h[j + 1, j] = t
    A = beta * h + float(d["m_site"][0, 0]) * phi * np.eye(n)
    return fermi_correlation_matrix(A)          # C_ij = <c_i^dag c_j> (real symmetric)


def _ed_correlators(n, beta, phi, bond):
    """Exact diagonalisation in magnetisation sectors (no Jordan-Wigner)."""
    import scipy.sparse as sps
    dim = 2 ** n
    idx = np.arange(dim)
    bits = (idx[:, None] >> (n - 1 - np.arange(n))[None, :]) & 1   # bit 0 = spin up
    sz = 1 - 2 * bits                                              # sigma^z eigenvalues
    m = sz.sum(axis=1)
    # hopping part: sigma^x sigma^x + sigma^y sigma^y = 2 (s+ s- + s- s+) flips antiparallel pairs
    rows, cols = [], []
    for j in range(n - 1):
        mask = (1 << (n - 1 - j)) | (1 << (n - 2 - j))
        anti = bits[:, j] != bits[:, j + 1]
        rows.append(idx[anti])
        cols.append(idx[anti] ^ mask)
    H = sps.csr_matrix((2.0 * np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(cols))),
                       shape=(dim, dim))
    j = bond
    mask = (1 << (n - 1 - j)) | (1 << (n - 2 - j))
    anti = idx[bits[:, j] != bits[:, j + 1]]
    XX = sps.csr_matrix((np.ones(len(anti)), (anti, anti ^ mask)), shape=(dim, dim))  # U(1) part of sx sx
    Zj, Zj1 = sz[:, j].astype(float), sz[:, j + 1].astype(float)
    # Boltzmann weights per sector; shift by the minimum exponent to avoid overflow
    blocks = []
    for mval in np.unique(m):
        sel = idx[m == mval]
        Hs = H[sel][:, sel].toarray()
        with threadpool_limits(limits=1, user_api="blas"):
            e, V = np.linalg.eigh(Hs)
        blocks.append((sel, e, V, mval))
    expo = [-beta * e - phi * mval for sel, e, V, mval in blocks]
    shift = max(x.max() for x in expo)
    Zsum = zt = xt = zzt = 0.0
    for (sel, e, V, mval), ex in zip(blocks, expo):
        w = np.exp(ex - shift)
        P = (V ** 2) @ w                       # diagonal of V diag(w) V^T in the product basis
        rho_s = (V * w) @ V.T
        Zsum += w.sum()
        zt += P @ Zj[sel]
        zzt += P @ (Zj[sel] * Zj1[sel])
        xt += np.sum(rho_s * XX[sel][:, sel].toarray())
    return {"z": zt / Zsum, "xx": xt / Zsum, "zz": zzt / Zsum}


def finite_chain_correlators(n: int, beta, phi, method: str = "free-fermion", bond: int | None = None) -> dict:
    r"""Central-bond correlators of the open chain of ``n`` spins in :math:`\rho_G`.

    ``bond`` (0-indexed, spins ``bond``, ``bond+1``) defaults to the central bond
    ``n//2 - 1``; ``z`` is :math:`\langle\sigma^z_{\rm bond}\rangle`.
    ``method="free-fermion"`` (Jordan–Wigner correlation matrix, any n; zz by Wick)
    or ``"ed"`` (exact diagonalisation in magnetisation sectors, n <= 12).

    >>> r = finite_chain_correlators(8, 0.5, 0.3, method="ed")
    >>> s = finite_chain_correlators(8, 0.5, 0.3)
    >>> all(abs(r[q] - s[q]) < 1e-12 for q in ("z", "xx", "zz"))
    True
    """
    n = require_int("n", n, 2, 12 if method == "ed" else 100000)
    beta = require_real("beta", beta)
    phi = require_real("phi", phi)
    bond = n // 2 - 1 if bond is None else require_int("bond", bond, 0, n - 2)
    if method == "ed":
        with threadpool_limits(limits=1, user_api="blas"):
            return _ed_correlators(n, beta, phi, bond)
    if method != "free-fermion":
        raise ParameterError("method", method, "'free-fermion' or 'ed'")
    C = _ff_correlation_matrix(n, beta, phi)
    j = bond
    z1, z2 = 2 * C[j, j] - 1, 2 * C[j + 1, j + 1] - 1
    G = C[j, j + 1]
    # <sigma^x sigma^x> = 2 Re G; zz = <(2n_j - 1)(2n_{j+1} - 1)> with Wick
    return {"z": z1, "xx": 2 * G, "zz": z1 * z2 - 4 * G * G}
