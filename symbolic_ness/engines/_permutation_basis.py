"""Symmetric Pauli-count coordinates: the basis of count vectors, its index formula, and the
sparsity pattern of a count generator from one-site and pair generators (shared by the
permutation engine and its U(1) charge-block solver)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["permutation_basis", "basis_index", "pattern_on"]


@lru_cache(maxsize=None)
def permutation_basis(N: int) -> tuple:
    """Count vectors ``(mI, mX, mY, mZ)`` (sum N), index 0 is ``(N, 0, 0, 0)``, and their index map.

    Parameters
    ----------
    N : int
        Number of qubits.

    Returns
    -------
    tuple
        ``(basis, index)``: the :math:`\\binom{N+3}3` count vectors in order and ``{counts: position}``.

    Examples
    --------
    >>> b, idx = permutation_basis(3)
    >>> len(b), b[0], idx[(0, 0, 0, 3)]
    (20, (3, 0, 0, 0), 19)
    """
    basis = []
    for mI in range(N, -1, -1):
        for mX in range(N - mI, -1, -1):
            for mY in range(N - mI - mX, -1, -1):
                basis.append((mI, mX, mY, N - mI - mX - mY))
    return tuple(basis), {m: i for i, m in enumerate(basis)}


def _nonzeros(M1, M2) -> tuple:
    nz1 = tuple((s, t) for s in range(4) for t in range(4) if M1[s, t] != 0)
    nz2 = tuple((a, b) for a in range(16) for b in range(16) if M2[a, b] != 0)
    return nz1, nz2


def basis_index(counts: np.ndarray, N: int) -> np.ndarray:
    """Positions in :func:`permutation_basis` of count vectors ``(mI, mX, mY, mZ)`` (rows of an
    integer array): with :math:`r=N-m_I`, index :math:`\binom{r+2}{3}+\binom{r-m_X+1}{2}+r-m_X-m_Y`.

    Parameters
    ----------
    counts : numpy.ndarray
        Integer array of shape (k, 4), rows summing to ``N``.
    N : int

    Returns
    -------
    numpy.ndarray
        The k positions.

    Examples
    --------
    >>> b, idx = permutation_basis(3)
    >>> basis_index(np.array(b), 3).tolist() == list(range(len(b)))
    True
    """
    r = N - counts[:, 0]
    u = r - counts[:, 1]
    return (r * (r + 1) * (r + 2)) // 6 + (u * (u + 1)) // 2 + u - counts[:, 2]


@lru_cache(maxsize=8)
def _basis_array(N: int) -> np.ndarray:
    return np.array(permutation_basis(N)[0], dtype=np.int64).reshape(-1, 4)


def pattern_on(B: np.ndarray, N: int, nz1: tuple, nz2: tuple) -> tuple:
    """Sparsity pattern of a count generator for the rows ``B`` (count vectors) only; columns are
    full-basis indices.

    Parameters
    ----------
    B : numpy.ndarray
        Count vectors (k, 4) of the rows wanted.
    N : int
    nz1, nz2 : tuple of (int, int)
        Nonzero positions of the one-site (4×4) and pair (16×16) generators.

    Returns
    -------
    tuple of numpy.ndarray
        ``(rows, cols, keys, mult2, multf)``: entry value ``mult2 / 2 * K[key]`` with
        ``K = concat(M1.flat, M2.flat)``; ``multf = mult2 / 2`` as floats.

    Examples
    --------
    >>> rows, cols, keys, mult2, multf = pattern_on(_basis_array(1), 1, ((1, 1),), ())
    >>> rows.tolist(), cols.tolist(), keys.tolist(), multf.tolist()   # d<X>/dt = M1[1, 1] <X>
    ([1], [1], [5], [1.0])
    """
    ar = np.arange(len(B), dtype=np.int64)
    rows, cols, keys, mult = [], [], [], []
    for (s, t) in nz1:
        sel = B[:, s] > 0
        c = B[sel].copy()
        c[:, s] -= 1
        c[:, t] += 1
        rows.append(ar[sel]); cols.append(basis_index(c, N)); keys.append(np.full(int(sel.sum()), 4 * s + t))
        mult.append(2 * B[sel, s])
    w_all = {}
    for (a, b) in nz2:
        s, v = divmod(a, 4)
        if a not in w_all:
            w = B[:, s] * (B[:, v] - (s == v))
            w_all[a] = (w > 0, w)
        sel, w = w_all[a]
        t, u = divmod(b, 4)
        c = B[sel].copy()
        c[:, s] -= 1
        c[:, v] -= 1
        c[:, t] += 1
        c[:, u] += 1
        rows.append(ar[sel]); cols.append(basis_index(c, N)); keys.append(np.full(int(sel.sum()), 16 + 16 * a + b))
        mult.append(w[sel])
    cat = lambda xs: np.concatenate(xs).astype(np.int64) if xs else np.zeros(0, np.int64)  # noqa: E731
    mult2 = cat(mult)
    return cat(rows), cat(cols), cat(keys), mult2, mult2 / 2.0
