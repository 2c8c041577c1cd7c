r"""The Dicke :math:`(j,m,m')` representation of permutation-invariant operators on N qubits:
multiplicities, the elements' index, and the model-independent structure of a generator.

A permutation-invariant operator is block diagonal in the total spin,
:math:`\rho=\bigoplus_j\rho_j\otimes\mathbb 1_{d_j}` on :math:`(\mathbb C^2)^{\otimes N}=
\bigoplus_jV_j\otimes S_j` (:math:`V_j` the spin-:math:`j` irrep, :math:`S_j` the irrep of the
permutations of dimension :math:`d_j`). Its coordinates are the :math:`(2j+1)^2` entries of
each block, stored as the block *weights* :math:`u_j=d_j\rho_j` (so :math:`\mathrm{tr}\rho
=\sum_j\mathrm{tr}\,u_j`; PIQS stores the same numbers), :math:`\sum_j(2j+1)^2=\binom{N+3}3`
in all.

**Collective operators** :math:`\sum_io_i` act as :math:`o_{00}(\tfrac N2+J_z)+o_{11}(\tfrac N2-J_z)
+o_{01}J_++o_{10}J_-` on every block (:math:`|0\rangle` is spin up, :math:`\sigma^+=|0\rangle\langle1|`).

**Local sandwiches** :math:`\sum_ia_i\rho b_i` (derived here, not transcribed). The sum is
permutation invariant, so it equals :math:`N` times the permutation twirl of :math:`a_N\rho b_N`,
and the twirl of an operator on :math:`V_J\otimes S_J` is
:math:`\mathrm{tr}_{S_J}(\cdot)\otimes\mathbb 1/d_J` (different :math:`J` are inequivalent, so
off-diagonal blocks vanish). Couple the first :math:`N-1` spins to :math:`j_1=j\pm\tfrac12`
(the branching :math:`S_j\downarrow S_{N-1}=S^{(N-1)}_{j-1/2}\oplus S^{(N-1)}_{j+1/2}`) and the
last spin with Clebsch–Gordan coefficients :math:`C^{J,n}_{j_1\mu;\frac12t}`; the partial
trace over :math:`S_J` leaves :math:`d^{(N-1)}_{j_1}` copies. For the weights,

.. math:: \Big(\sum_ia_iE^j_{mm'}b_i\Big)\Big|_{u_J}\ni
   \frac{N d^{(N-1)}_{j_1}}{d^{(N)}_j}\,C^{j,m}_{j_1\mu;\frac12s}C^{j,m'}_{j_1\mu';\frac12s'}\,
   a_{ts}b_{s't'}\,C^{J,n}_{j_1\mu;\frac12t}C^{J,n'}_{j_1\mu';\frac12t'}\;u_J[n,n']

with :math:`\mu=m-s=n-t`, :math:`\mu'=m'-s'=n'-t'`, :math:`J=j_1\pm\tfrac12`: local terms couple
:math:`j\to j,j\pm1`. :math:`d^{(N)}_j=\binom N{N/2-j}-\binom N{N/2-j-1}`. (The tests check this
generator against the full :math:`4^N` Liouvillian on explicit Dicke operators.)

>>> dicke_dimension(4), [multiplicity(4, j2) for j2 in (4, 2, 0)]   # j = 2, 1, 0
(35, [1, 3, 2])
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

__all__ = ["dicke_blocks", "dicke_dimension", "multiplicity", "clebsch_half", "DICKE_MAX_N"]

#: largest N of the Dicke-basis numeric solve (C(N+3,3) = 176851 weights at N = 100; measured on a
#: loaded 2-core machine: the superradiant laser (charge blocks) 9 s cold, cooperative resonance
#: fluorescence (real gauge: two sparse LUs of 88k unknowns, 1.9 GB) 82 s wall / 41 s CPU)
DICKE_MAX_N = 100


def multiplicity(N: int, j2: int) -> int:
    r""":math:`d^{(N)}_j=\binom N{N/2-j}-\binom N{N/2-j-1}`: how many copies of total spin
    :math:`j=j_2/2` the :math:`N` qubits carry.

    Parameters
    ----------
    N : int
        Number of qubits.
    j2 : int
        Twice the total spin (``N - j2`` even, ``0 <= j2 <= N``); other values give 0.

    Returns
    -------
    int

    Examples
    --------
    >>> sum((j2 + 1) * multiplicity(6, j2) for j2 in (6, 4, 2, 0)) == 2 ** 6
    True
    """
    if j2 < 0 or j2 > N or (N - j2) % 2:
        return 0
    k = (N - j2) // 2
    return math.comb(N, k) - (math.comb(N, k - 1) if k >= 1 else 0)


@lru_cache(maxsize=16)
def dicke_blocks(N: int) -> tuple:
    """``((j2, offset, size), ...)`` of the blocks, largest spin first (PIQS's order); the entry
    ``u_j[k, k']`` (``m = j - k``, ``m' = j - k'``) sits at ``offset + k * size + k'``.

    Parameters
    ----------
    N : int
        Number of qubits.

    Returns
    -------
    tuple of (int, int, int)

    Examples
    --------
    >>> dicke_blocks(3)
    ((3, 0, 4), (1, 16, 2))
    """
    out, off = [], 0
    for j2 in range(N, -1, -2):
        s = j2 + 1
        out.append((j2, off, s))
        off += s * s
    return tuple(out)


def dicke_dimension(N: int) -> int:
    r""":math:`\sum_j(2j+1)^2=\binom{N+3}3` real coordinates of a permutation-invariant state.

    Parameters
    ----------
    N : int
        Number of qubits.

    Returns
    -------
    int
        The number of coordinates of the Dicke-basis blocks.

    Examples
    --------
    >>> dicke_dimension(20)
    1771
    """
    return math.comb(N + 3, 3)


def clebsch_half(j12, mu2, t, J2):
    r"""Clebsch–Gordan coefficients :math:`C^{J,\mu+t}_{j_1\mu;\frac12t}` (Condon–Shortley) for
    coupling a spin :math:`j_1` with a spin 1/2, vectorised; all arguments are *twice* the spins
    except ``t``, the local index (0: :math:`t=+\tfrac12`, 1: :math:`t=-\tfrac12`):

    .. math:: C^{j_1+\frac12}_{\pm}=\sqrt{\frac{j_1\pm\mu+1}{2j_1+1}},\qquad
       C^{j_1-\frac12}_{+}=-\sqrt{\frac{j_1-\mu}{2j_1+1}},\quad
       C^{j_1-\frac12}_{-}=\sqrt{\frac{j_1+\mu}{2j_1+1}} .

    Zero where a spin projection is out of range.

    Parameters
    ----------
    j12 : array_like
        :math:`2j_1`.
    mu2 : array_like
        :math:`2\mu` (projection of :math:`j_1`).
    t : array_like
        0 for :math:`t=+\tfrac12`, 1 for :math:`t=-\tfrac12`.
    J2 : array_like
        :math:`2J` (:math:`J = j_1 \pm \tfrac12`).

    Returns
    -------
    numpy.ndarray
        The coefficients (float), broadcast over the arguments.

    Examples
    --------
    >>> float(clebsch_half(1, 1, 1, 0) ** 2)      # singlet: <1/2 1/2; 1/2 -1/2 | 0 0>^2 = 1/2
    0.5
    """
    j12, mu2, J2 = (np.asarray(v, dtype=float) for v in (j12, mu2, J2))
    t = np.asarray(t)
    up = t == 0
    den = np.maximum(j12 + 1.0, 1.0)
    plus = J2 > j12
    a = np.where(up, (j12 + mu2) / 2 + 1, (j12 - mu2) / 2 + 1)
    b = np.where(up, (j12 - mu2) / 2, (j12 + mu2) / 2)
    val = np.where(plus, np.sqrt(np.maximum(a, 0) / den), np.where(up, -1.0, 1.0) * np.sqrt(np.maximum(b, 0) / den))
    ok = (np.abs(mu2) <= j12) & (np.abs(mu2 + np.where(up, 1, -1)) <= J2) & (J2 >= 0)
    return np.where(ok, val, 0.0)


def _ops(j2: int):
    """``(G00, G01, G10, G11)`` on the block ``j = j2/2`` as dense float arrays (m descending):
    the collective images of the matrix units :math:`|r\\rangle\\langle s|` without the N/2."""
    s = j2 + 1
    m2 = j2 - 2 * np.arange(s)  # 2m
    jz = np.diag(m2 / 2.0)
    jp = np.zeros((s, s))
    for k in range(1, s):  # J+ |m> = sqrt(j(j+1) - m(m+1)) |m+1>, m = m2[k]/2, |m+1> has index k-1
        j, m = j2 / 2, m2[k] / 2
        jp[k - 1, k] = math.sqrt(j * (j + 1) - m * (m + 1))
    return jz, jp, jp.T.copy()


@lru_cache(maxsize=32)
def collective_matrices(N: int, j2: int) -> tuple:
    """``(G_00, G_01, G_10, G_11)``: :math:`\\sum_i|r\\rangle\\langle s|_i` on block ``j2``."""
    jz, jp, jm = _ops(j2)
    one = np.eye(j2 + 1)
    return (N / 2 * one + jz, jp, jm, N / 2 * one - jz)


def _elements(N: int):
    """Per element: ``(index, j2, k, k2, m2, mp2)`` arrays (twice the spins)."""
    idx, J2, K, K2 = [], [], [], []
    for j2, off, s in dicke_blocks(N):
        k, k2 = np.meshgrid(np.arange(s), np.arange(s), indexing="ij")
        idx.append(off + (k * s + k2).ravel()); J2.append(np.full(s * s, j2)); K.append(k.ravel()); K2.append(k2.ravel())
    idx, J2, K, K2 = (np.concatenate(a).astype(np.int64) for a in (idx, J2, K, K2))
    return idx, J2, K, K2, J2 - 2 * K, J2 - 2 * K2


def _offsets(N: int) -> np.ndarray:
    off = np.full(N + 2, -1, dtype=np.int64)
    for j2, o, _ in dicke_blocks(N):
        off[j2] = o
    return off


@lru_cache(maxsize=16)
def sandwich_structure(N: int, combo: tuple) -> tuple:
    r"""``(rows, cols, vals)`` of :math:`\sum_ia_i\rho b_i` on the weights for
    :math:`a=|t\rangle\langle s|`, :math:`b=|s'\rangle\langle t'|` (``combo = (t, t2, s, s2)``,
    local indices 0/1), from the module docstring's formula."""
    t, t2, s, s2 = combo
    idx, J2, _, _, m2, mp2 = _elements(N)
    off = _offsets(N)
    sg = lambda a: 1 - 2 * a  # noqa: E731  (local index -> twice the spin projection)
    mu2, mup2 = m2 - sg(s), mp2 - sg(s2)
    rows, cols, vals = [], [], []
    for dj in (-1, 1):
        j12 = J2 + dj
        okj = (j12 >= 0) & (j12 <= N - 1)
        w = _weights(N, dj)[J2]
        c_in = clebsch_half(j12, mu2, s, J2) * clebsch_half(j12, mup2, s2, J2)
        for dJ in (-1, 1):
            T2 = j12 + dJ
            n2, np2 = mu2 + sg(t), mup2 + sg(t2)
            ok = okj & (T2 >= 0) & (T2 <= N) & (np.abs(n2) <= T2) & (np.abs(np2) <= T2) & (c_in != 0)
            c_out = clebsch_half(j12, mu2, t, T2) * clebsch_half(j12, mup2, t2, T2)
            v = w * c_in * c_out
            ok &= v != 0
            Ts = np.where(ok, T2, 0)
            size = Ts + 1
            row = off[Ts] + ((Ts - n2) // 2) * size + (Ts - np2) // 2
            rows.append(row[ok]); cols.append(idx[ok]); vals.append(v[ok])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


@lru_cache(maxsize=16)
def _weights(N: int, dj: int) -> np.ndarray:
    """``w[j2] = N d^{(N-1)}_{j1} / d^{(N)}_j`` with ``2 j1 = j2 + dj`` (0 where undefined)."""
    w = np.zeros(N + 2)
    for j2 in range(N % 2, N + 1, 2):
        d = multiplicity(N, j2)
        if d and 0 <= j2 + dj <= N - 1:
            w[j2] = N * multiplicity(N - 1, j2 + dj) / d
    return w


@lru_cache(maxsize=16)
def product_structure(N: int, left: tuple, right: tuple) -> tuple:
    r"""``(rows, cols, vals)`` of :math:`\rho\mapsto A\rho B` within every block, where
    :math:`A`/:math:`B` are products of the collective matrix units ``left``/``right``
    (tuples of indices 0..3 of ``(G00, G01, G10, G11)``; empty: the identity)."""
    rows, cols, vals = [], [], []
    for j2, off, s in dicke_blocks(N):
        G = collective_matrices(N, j2)
        A = np.eye(s)
        for b in left:
            A = A @ G[b]
        B = np.eye(s)
        for b in right:
            B = B @ G[b]
        # row-major vec: vec(A u B) = kron(A, B^T) vec(u)
        ia, ja = np.nonzero(A)
        ib, jb = np.nonzero(B.T)
        r = (ia[:, None] * s + ib[None, :]).ravel()
        c = (ja[:, None] * s + jb[None, :]).ravel()
        v = (A[ia, ja][:, None] * B.T[ib, jb][None, :]).ravel()
        rows.append(off + r); cols.append(off + c); vals.append(v)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


@lru_cache(maxsize=16)
def _pattern(N: int, keys: tuple) -> tuple:
    """Union sparsity pattern of the structures ``keys``: ``(term, vals, pos, uniq)`` (entry ``i`` adds
    ``K[term[i]] * vals[i]`` to the CSC slot ``pos[i]``; ``uniq`` the slots as ``col * D + row``)."""
    rows, cols, term, vals = [], [], [], []
    for i, key in enumerate(keys):
        r, c, v = sandwich_structure(N, key[1]) if key[0] == "S" else product_structure(N, key[1], key[2])
        rows.append(r); cols.append(c); vals.append(v); term.append(np.full(len(r), i))
    rows, cols, term, vals = (np.concatenate(a) for a in (rows, cols, term, vals))
    D = dicke_dimension(N)
    lin = cols * D + rows  # column-major order: CSC
    uniq, pos = np.unique(lin, return_inverse=True)
    return term, vals, pos, uniq
