r"""Vectorized pieces of the exact Pauli-basis generator (numpy int64 arithmetic, no scipy).

* :func:`pauli_string_arrays` — the non-zero entries of every Pauli string
  :math:`P_\mu=\sigma_{\mu_0}\otimes\dots\otimes\sigma_{\mu_{n-1}}` at once: row :math:`i`
  has its single non-zero in column :math:`i\oplus x(\mu)` (``x`` the X/Y bit mask), with the
  phase :math:`i^{e}`, :math:`e=3\#\{Y, i_s=0\}+\#\{Y, i_s=1\}+2\#\{Z, i_s=1\}` (site 0 is the
  most significant bit, :math:`\sigma_y=\begin{pmatrix}0&-i\\ i&0\end{pmatrix}`).
* :func:`transform_int` — :math:`Y=T^\dagger LT` for a Gaussian-integer sparse ``L`` of ``n``
  qubits: ``T`` is a tensor product of one-site transforms, applied one site at a time
  (numpy int64, no dense :math:`4^n\times4^n` object).

>>> rows, cols, mus, re, im = pauli_string_arrays(1)
>>> [(int(r), int(c), int(m), int(a), int(b)) for r, c, m, a, b in zip(rows, cols, mus, re, im) if m == 2]
[(0, 1, 2, 0, -1), (1, 0, 2, 0, 1)]
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["pauli_string_arrays", "pauli_columns", "transform_int", "sum_by_key"]

_PHASE_RE = np.array([1, 0, -1, 0], dtype=np.int64)
_PHASE_IM = np.array([0, 1, 0, -1], dtype=np.int64)


@lru_cache(maxsize=4)
def pauli_string_arrays(n: int) -> tuple:
    r"""``(rows, cols, mu, re, im)`` int64 arrays: ``P_mu[rows, cols] = re + i im`` for all
    :math:`4^n` Pauli strings (``2^n`` entries each, ordered by ``mu`` then ``rows``)."""
    d, N = 2 ** n, 4 ** n
    mu = np.repeat(np.arange(N, dtype=np.int64), d)
    i = np.tile(np.arange(d, dtype=np.int64), N)
    xm = np.zeros(N, dtype=np.int64)
    e = np.zeros(N * d, dtype=np.int64)
    for s in range(n):
        dig = (np.arange(N, dtype=np.int64) >> (2 * (n - 1 - s))) & 3
        bit = n - 1 - s
        xm |= np.where((dig == 1) | (dig == 2), 1 << bit, 0)
        dd = dig[mu]
        ib = (i >> bit) & 1
        e += np.where(dd == 2, np.where(ib == 0, 3, 1), 0) + np.where((dd == 3) & (ib == 1), 2, 0)
    e %= 4
    j = i ^ xm[mu]
    for a in (i, j, mu, e):
        a.flags.writeable = False
    return i, j, mu, _PHASE_RE[e], _PHASE_IM[e]


def pauli_columns(n: int) -> tuple:
    r"""``(vec_index, mu, re, im)``: the non-zero entries of ``T`` (column ``mu`` = vec(P_mu),
    column stacking: vec index ``i + d j``)."""
    i, j, mu, re, im = pauli_string_arrays(n)
    return i + (2 ** n) * j, mu, re, im


# one-site T1[x, mu] = sigma_mu[i, j] for x = i + 2 j: two non-zeros per x, phases as powers of i
_NEXT = np.array([[0, 3], [1, 2], [1, 2], [0, 3]], dtype=np.int64)
_PHASE = np.array([[0, 0], [0, 1], [0, 3], [0, 2]], dtype=np.int64)  # (mu, exponent e of i^e)


def _times_i(re, im, e):
    """``(re + i im) * i^e`` elementwise (``e`` an int array)."""
    e = e % 4
    nre = np.where(e == 0, re, np.where(e == 1, -im, np.where(e == 2, -re, im)))
    nim = np.where(e == 0, im, np.where(e == 1, re, np.where(e == 2, -im, -re)))
    return nre, nim


def _site_digits(a, n: int):
    """Vec index ``i + 2^n j`` -> base-4 index ``sum_s (i_s + 2 j_s) 4^(n-1-s)``."""
    d = 2 ** n
    i, j = a % d, a // d
    out = np.zeros_like(a)
    for s in range(n):
        b = n - 1 - s
        out += (((i >> b) & 1) + 2 * ((j >> b) & 1)) << (2 * b)
    return out


def transform_int(Lr: dict, Li: dict, n: int) -> tuple:
    r"""``(Yr, Yi)`` as ``{(mu, nu): int}``: real and imaginary parts of :math:`T^\dagger LT` for
    ``L = Lr + i Li`` (``{(row, col): int}`` in the column-stacked product basis of ``n``
    qubits) and ``T`` the columns vec(P_mu).

    ``T`` is a tensor product of one-site transforms (vec index regrouped per site), so the
    product is ``2n`` one-site steps on the sparse entries (each entry splits in two, equal keys
    are summed), numpy int64 only; entries grow at most 2x per step (the caller checks that
    nothing can overflow).
    """
    keys = sorted(set(Lr) | set(Li))
    if not keys:
        return {}, {}
    k = np.array(keys, dtype=np.int64).reshape(-1, 2)
    re = np.array([Lr.get(t, 0) for t in keys], dtype=np.int64)
    im = np.array([Li.get(t, 0) for t in keys], dtype=np.int64)
    W = 4 ** n
    key = _site_digits(k[:, 0], n) * W + _site_digits(k[:, 1], n)
    for pos in range(2 * n):  # positions 0..n-1: column digits (T), n..2n-1: row digits (T^dagger)
        w = 4 ** pos
        dig = (key // w) % 4
        conj = pos >= n
        nk, nr, ni = [], [], []
        for c in (0, 1):
            y = _NEXT[dig, c]
            e = _PHASE[dig, c]
            if conj:
                e = -e
            a, b = _times_i(re, im, e)
            nk.append(key + (y - dig) * w), nr.append(a), ni.append(b)
        key, re, im = sum_by_key(np.concatenate(nk), np.concatenate(nr), np.concatenate(ni))
    mu, nu = key // W, key % W
    out = []
    for v in (re, im):
        nz = v != 0
        out.append(dict(zip(zip(mu[nz].tolist(), nu[nz].tolist()), v[nz].tolist())))
    return tuple(out)


def sum_by_key(key: np.ndarray, *vals: np.ndarray) -> tuple:
    """``(keys, *sums)``: the values of equal keys summed (keys ascending), keys whose sums are
    all zero dropped (sparse COO coalescing on int64 keys).

    >>> k, a, b = sum_by_key(np.array([3, 1, 3, 2]), np.array([1, 5, -1, 0]), np.array([0, 0, 0, 0]))
    >>> k.tolist(), a.tolist(), b.tolist()
    ([1], [5], [0])
    """
    o = np.argsort(key, kind="stable")
    key = key[o]
    first = np.concatenate(([True], key[1:] != key[:-1]))
    idx = np.nonzero(first)[0]
    sums = [np.add.reduceat(v[o], idx) for v in vals]
    nz = np.zeros(len(idx), dtype=bool)
    for v in sums:
        nz |= v != 0
    return (key[first][nz], *(v[nz] for v in sums))
