r"""Vectorized exact tests behind :func:`~symbolic_ness.core._symmetry.detect_symmetries`.

The generator entries are numbered by distinct expression (:class:`Entries`), so a candidate
symmetry is tested with numpy on integer ids; only entries whose ids differ are compared
symbolically (``expand(a - b) == 0``), exactly as the entry-by-entry test did.

* :meth:`Entries.signed_perm_commutes` — :math:`M_{\pi(i)\pi(j)}=s_is_jM_{ij}` for all entries.
* :meth:`Entries.commutes_int` — :math:`[M,K]=0` for an integer matrix :math:`K` (U(1) charges):
  with :math:`M=\sum_m m\,M_m` over distinct monomials :math:`m` (linearly independent),
  :math:`[M,K]=0` iff :math:`[M_m,K]=0` for every :math:`m`, checked on int64 matrices;
  ``None`` when an entry is not a polynomial over :math:`\mathbb Q` (the caller falls back).
* :func:`pauli_parities` — the Pauli strings :math:`a` acting on :math:`M` by signs: :math:`a`
  must commute with the product :math:`P_iP_j` (phases ignored) of every entry's coordinates.

>>> import sympy as sp
>>> g = sp.Symbol("g")
>>> E = Entries({(0, 0): -g, (1, 1): -g, (0, 1): 1, (1, 0): 1}, 2)
>>> E.signed_perm_commutes([1, 0], [1, 1]), E.signed_perm_commutes([0, 1], [1, -1])
(True, False)
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import sympy as sp

from ._liouvillian import _spmm

__all__ = ["Entries", "pauli_parities"]


def _same(a, b) -> bool:
    """Exact equality of two entries (structural, else ``expand(a - b) == 0``)."""
    if a == b:
        return True
    return sp.expand(a - b) == 0


class Entries:
    """The non-zero entries of a square matrix ``dok`` (``N x N``) as numpy arrays of ids."""

    def __init__(self, dok: Mapping, N: int):
        self.N = N
        keys = list(dok)
        self.values: list = []
        ids: dict = {}
        vid = np.empty(len(keys), dtype=np.int64)
        for k, key in enumerate(keys):
            v = dok[key]
            i = ids.get(v)
            if i is None:
                i = ids[v] = len(self.values)
                self.values.append(v)
            vid[k] = i
        self.neg = np.array([ids.get(-v, -1) for v in self.values], dtype=np.int64)
        ij = np.array(keys, dtype=np.int64).reshape(-1, 2)
        self.rows, self.cols = ij[:, 0], ij[:, 1]
        key = self.rows * N + self.cols
        o = np.argsort(key)
        self.skey, self.sid = key[o], vid[o]
        self.vid = vid
        self.dok = dok

    def _lookup(self, key: np.ndarray) -> np.ndarray:
        """Value ids at the keys ``row * N + col`` (``-1`` where the entry is zero)."""
        pos = np.searchsorted(self.skey, key)
        pos = np.minimum(pos, len(self.skey) - 1)
        hit = self.skey[pos] == key
        return np.where(hit, self.sid[pos], -1)

    def signed_perm_commutes(self, perm, signs) -> bool:
        r"""Whether :math:`M_{\pi(i)\pi(j)}=s_is_jM_{ij}` for every non-zero entry (exact)."""
        if len(self.rows) == 0:
            return True
        perm = np.asarray(perm, dtype=np.int64)
        signs = np.asarray(signs, dtype=np.int64)
        step = max(1, len(self.rows) // 256)  # a spread sample first: most candidates fail there
        return self._holds(perm, signs, slice(None, None, step)) and self._holds(perm, signs, slice(None))

    def _holds(self, perm, signs, sel) -> bool:
        rows, cols, vid = self.rows[sel], self.cols[sel], self.vid[sel]
        s = signs[rows] * signs[cols]
        want = np.where(s == 1, vid, self.neg[vid])
        got = self._lookup(perm[rows] * self.N + perm[cols])
        bad = np.nonzero((got != want) | (want < 0))[0]
        for k in bad.tolist():  # ids differ: compare the expressions (as the entry-wise test)
            i, j = int(rows[k]), int(cols[k])
            v = self.values[vid[k]]
            w = self.dok.get((int(perm[i]), int(perm[j])), 0)
            if not _same(w, int(s[k]) * v):
                return False
        return True

    def _monomial_parts(self):
        """``[(rows, cols, int64 values)]`` per monomial of the entries, or ``None``."""
        if hasattr(self, "_parts"):
            return self._parts
        from math import lcm
        polys = []
        gens = sorted(set().union(*(sp.sympify(v).free_symbols for v in self.values)), key=sp.default_sort_key)
        for v in self.values:
            try:
                P = sp.Poly(v, *gens, domain="QQ") if gens else None
            except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded):
                self._parts = None
                return None
            if P is None:
                if not sp.sympify(v).is_Rational:
                    self._parts = None
                    return None
                polys.append({(): sp.Rational(v)})
            else:
                polys.append({m: sp.Rational(c) for m, c in P.as_dict().items()})
        monos = sorted({m for d in polys for m in d})
        parts = []
        for m in monos:
            coef = [d.get(m, 0) for d in polys]
            den = lcm(*(int(sp.Rational(c).q) for c in coef))
            ints = [int(sp.Rational(c) * den) for c in coef]
            if max(abs(x) for x in ints) >= 2 ** 40:
                self._parts = None
                return None
            val = np.array(ints, dtype=np.int64)[self.vid]
            nz = val != 0
            parts.append((self.rows[nz], self.cols[nz], val[nz]))
        self._parts = parts
        return parts

    def commutes_int(self, K: Mapping) -> bool | None:
        r""":math:`[M,K]=0` for an integer matrix ``K`` (``{(i, j): int}``, ``|K_{ij}|`` small), exactly;
        ``None`` when the entries are not polynomials over :math:`\mathbb Q` (caller falls back)."""
        parts = self._monomial_parts()
        if parts is None or any(abs(v) > 64 for v in K.values()):
            return None
        kij = np.array(list(K), dtype=np.int64).reshape(-1, 2)
        kv = np.fromiter(K.values(), dtype=np.int64, count=len(K))
        K_ = (kij[:, 0], kij[:, 1], kv)
        for A in parts:
            if not _equal(_spmm(A, K_), _spmm(K_, A)):
                return False
        return True


def _equal(a: tuple, b: tuple) -> bool:
    """Equal coalesced COO triples (rows, cols, values; sorted by row, col, zeros dropped)."""
    return len(a[0]) == len(b[0]) and all(bool((x == y).all()) for x, y in zip(a, b))


_F2 = np.array([0, 2, 3, 1], dtype=np.int64)  # I, X, Y, Z -> binary symplectic pairs
_UNF2 = np.array([0, 3, 1, 2], dtype=np.int64)  # inverse of _F2


def pauli_parities(rows: np.ndarray, cols: np.ndarray, table: np.ndarray) -> np.ndarray:
    r"""Boolean array over the Pauli strings :math:`a` (digits ``table``, ``4^n x n``): True when
    conjugation by :math:`P_a` (signs :math:`(-1)^{[a,\mu]}` on coordinate :math:`\mu`) commutes with
    the matrix of non-zero pattern ``(rows, cols)``, i.e. :math:`P_a` commutes with
    :math:`P_iP_j` for every entry (commutation parity is additive in the product)."""
    f = _F2[table]  # (4^n, n) symplectic pairs per site
    prod = np.unique(f[rows] ^ f[cols], axis=0)  # distinct products P_i P_j (phases ignored)
    prod = _UNF2[prod]
    ok = np.ones(len(table), dtype=bool)
    for chunk in range(0, len(table), 256):
        A = table[chunk:chunk + 256][:, None, :]
        anti = ((A != 0) & (prod[None] != 0) & (prod[None] != A)).sum(axis=2) % 2
        ok[chunk:chunk + 256] = ~anti.any(axis=1)
    return ok
