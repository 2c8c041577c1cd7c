r"""U(1)-symmetric permutation models (numeric): the symmetric generator in charge sectors.

When the model commutes with the rotations :math:`e^{-i\phi J_z}` (e.g. collective decay
:math:`J_-`, local pumping :math:`\sigma^+`, dephasing, :math:`\chi J_z^2`, exchange
:math:`XX+YY`, a field along z: the superradiant laser), count the strings in the one-site
basis :math:`(1,\sigma^+,\sigma^-,\sigma^z)` instead of :math:`(1,X,Y,Z)`: with
:math:`C` the change of basis (:math:`\sigma^\pm=(X\pm iY)/2`) the one-site and pair
generators become :math:`A_1=CM_1C^{-1}`, :math:`A_2=(C\otimes C)M_2(C\otimes C)^{-1}` and the
count formula of :mod:`~symbolic_ness.engines._permutation` holds unchanged (it only needs
:math:`\mathcal L^\dagger(B_s)=\sum_tA_{st}B_t` with :math:`B_0=1`). The charge
:math:`q=m_+-m_-` is conserved, so the generator splits into :math:`2N+1` blocks, each a
two-dimensional lattice :math:`(m_I,m_+,m_z)` of at most :math:`\approx N^2/4` coordinates
(sparse LU with little fill) instead of one three-dimensional lattice of :math:`\binom{N+3}3`.

The steady state lies in the charge-0 block (bordered by :math:`x(N,0,0,0)=1`); every other
block must be nonsingular for it to be unique (each is factorised and its pivots checked, so
the nullity counts all blocks). The :math:`(1,X,Y,Z)` coordinates follow from
:math:`X=\sigma^++\sigma^-`, :math:`Y=-i\sigma^++i\sigma^-`: with :math:`r=m_X+m_Y` even,

.. math:: x(m_I,m_X,m_Y,m_Z)=i^{m_Y}\sum_q(-1)^q\binom{m_X}{r/2-q}\binom{m_Y}{q}\,
   x_B(m_I,\tfrac r2,\tfrac r2,m_Z)

(zero for odd :math:`r`).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import sympy as sp

from .._errors import CheckFailedError, check_residual
from ._permutation_basis import _basis_array, _nonzeros, basis_index, pattern_on

__all__ = ["u1_symmetric", "solve_u1_numeric"]

_CHARGE = (0, 1, -1, 0)


def _change_of_basis():
    C = sp.Matrix([[1, 0, 0, 0], [0, sp.Rational(1, 2), sp.I / 2, 0], [0, sp.Rational(1, 2), -sp.I / 2, 0],
                   [0, 0, 0, 1]])
    return C, C.inv()


@lru_cache(maxsize=32)
def _u1_generators(pm):
    """``(A1, A2)`` in the basis (1, s+, s-, z) (sympy) or ``None`` when a charge is not conserved."""
    M1, M2 = pm.generators
    C, Ci = _change_of_basis()
    A1 = (C * sp.Matrix(M1) * Ci).applyfunc(sp.expand)
    C2, C2i = sp.kronecker_product(C, C), sp.kronecker_product(Ci, Ci)
    A2 = (C2 * sp.Matrix(M2) * C2i).applyfunc(sp.expand)
    for s in range(4):
        for t in range(4):
            if A1[s, t] != 0 and _CHARGE[s] != _CHARGE[t]:
                return None
    for a in range(16):
        for b in range(16):
            if A2[a, b] != 0 and _CHARGE[a // 4] + _CHARGE[a % 4] != _CHARGE[b // 4] + _CHARGE[b % 4]:
                return None
    return A1, A2


def u1_symmetric(pm) -> bool:
    """Whether the generator of ``pm`` conserves the charge :math:`m_+-m_-` (rotations about z).

    Parameters
    ----------
    pm : PermutationModel

    Returns
    -------
    bool

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, sigma_z
    >>> from symbolic_ness.engines import PermutationModel
    >>> u1_symmetric(PermutationModel(Model(1, sigma_z(), jumps=[Jump(sigma_minus(), 1)])))
    True
    >>> u1_symmetric(PermutationModel(Model(1, sigma_x(), jumps=[Jump(sigma_minus(), 1)])))
    False
    """
    return _u1_generators(pm) is not None


@lru_cache(maxsize=8)
def _blocks(N: int):
    """Count vectors ``(mI, m+, m-, mZ)`` grouped by charge, and the full-index -> (block, position) map."""
    B = _basis_array(N)
    q = B[:, 1] - B[:, 2]
    blocks = {int(c): np.flatnonzero(q == c) for c in range(-N, N + 1)}
    pos = np.empty(len(B), dtype=np.int64)
    for c, idx in blocks.items():
        pos[idx] = np.arange(len(idx))
    return B, blocks, pos


@lru_cache(maxsize=8)
def _xyz_coefficients(N: int) -> np.ndarray:
    """``c[a, b] = i^b sum_q (-1)^q C(a, r/2 - q) C(b, q)`` (r = a + b even), complex floats."""
    c = np.zeros((N + 1, N + 1), dtype=complex)
    for a in range(N + 1):
        for b in range(N + 1 - a):
            r = a + b
            if r % 2:
                continue
            h = r // 2
            tot = sum((-1) ** q * math.comb(a, h - q) * math.comb(b, q) for q in range(max(0, h - a), min(b, h) + 1))
            c[a, b] = (1j ** b) * float(tot)
    return c


def solve_u1_numeric(pm, N: int, Kf: np.ndarray, tol: float, nullity_max_dim: int):
    """``(x, nullity, residual, extra)`` in the (1, X, Y, Z) coordinates of :func:`permutation_basis`
    (``x`` ``None`` when not unique); ``Kf``: the float Pauli generators ``concat(M1.flat, M2.flat)``
    at the parameter point; see the module docstring."""
    import scipy.sparse as sps
    import scipy.sparse.linalg as spla

    A1s, A2s = _u1_generators(pm)
    M1f, M2f = Kf[:16].reshape(4, 4), Kf[16:].reshape(16, 16)
    C, Ci = (np.array(m.evalf(), dtype=complex) for m in _change_of_basis())
    A1 = C @ M1f @ Ci
    A2 = np.kron(C, C) @ M2f @ np.kron(Ci, Ci)
    K = np.concatenate([A1.ravel(), A2.ravel()])
    nz1, nz2 = _nonzeros(A1s, A2s)
    B, blocks, pos = _blocks(N)
    scale = max(float(np.abs(K).max(initial=0.0)) * N * N, 1.0)
    nullity, x0, extra = 0, None, []
    for q, idx in sorted(blocks.items(), key=lambda kv: abs(kv[0])):
        rows, cols, keys, _, multf = pattern_on(B[idx], N, nz1, nz2)
        n = len(idx)
        G = sps.csr_matrix((K[keys] * multf, (rows, pos[cols])), shape=(n, n))
        G.sum_duplicates()
        A = G.tolil() if q == 0 else G
        if q == 0:  # trace row (the all-identity string is the first of block 0) bordered
            if np.abs(G[0].toarray()).max(initial=0.0) > 1e-13 * scale:
                raise CheckFailedError("trace row of the U(1) permutation generator is not zero")
            A[0, :] = 0
            A[0, 0] = 1.0
        A = sps.csr_matrix(A)
        rmax = np.maximum(abs(A).max(axis=1).toarray().ravel(), 1e-300)
        A = sps.csc_matrix(sps.diags(1.0 / rmax) @ A)  # row equilibration: pivots comparable across rows
        try:
            lu = spla.splu(A)
            piv = np.abs(lu.U.diagonal())
            ok = piv.min(initial=np.inf) > tol * max(piv.max(initial=0.0), 1.0)
        except RuntimeError:
            ok, lu = False, None
        if not ok:
            if n <= nullity_max_dim:
                sv = np.linalg.svd(G.toarray(), compute_uv=False)
                nullity += int(np.sum(sv <= tol * max(sv[0], 1.0)))
            else:
                nullity += 1
                extra.append(f"nullity of charge block {q} (dimension {n}) is a lower bound")
            continue
        if q == 0:
            b = np.zeros(n, complex)
            b[0] = 1.0 / rmax[0]
            x0 = lu.solve(b)
            resid = float(np.abs(G @ x0).max(initial=0.0))
            nullity += 1
    if nullity != 1 or x0 is None:
        return None, max(nullity, 2), float("nan"), extra
    check_residual(f"numeric U(1) permutation steady state (N = {N})", resid, 1e-8 * scale)
    # back to (1, X, Y, Z) counts: x depends on x_B(mI, r/2, r/2, mZ) only
    X = B  # same count vectors, read as (mI, mX, mY, mZ)
    r = X[:, 1] + X[:, 2]
    even = (r % 2) == 0
    src = np.stack([X[:, 0], r // 2, r // 2, X[:, 3]], axis=1)
    xB = np.zeros(len(B), complex)
    xB[blocks[0]] = x0
    x = np.zeros(len(B), complex)
    x[even] = _xyz_coefficients(N)[X[even, 1], X[even, 2]] * xB[basis_index(src[even], N)]
    if np.abs(x.imag).max(initial=0.0) > 1e-8 * max(1.0, np.abs(x.real).max(initial=0.0)):
        raise CheckFailedError("U(1) steady state has complex Pauli expectations")
    extra.append(f"U(1)-symmetric model: {2 * N + 1} charge blocks solved separately (largest {max(map(len, blocks.values()))})")
    return x.real.copy(), 1, resid, extra
