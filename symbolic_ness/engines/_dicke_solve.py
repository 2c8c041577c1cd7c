r"""Sparse solves of the Dicke-basis generator (:mod:`~symbolic_ness.engines._dicke`).

Three routes, chosen from the structure of the generator at the point (reported in the
assumptions):

* **charge blocks** — every term conserves :math:`q=m-m'`: :math:`2N+1` blocks, the state in
  :math:`q=0`; blocks :math:`q>0` are factorised to certify uniqueness (block :math:`-q` is the
  complex conjugate of block :math:`q`, same nullity).
* **real gauge** — there is an angle :math:`\theta` with every coefficient times
  :math:`e^{-i\theta\Delta q}` real (e.g. :math:`H=\Omega J_x` with real jumps): in
  :math:`\tilde u=e^{-i\theta q}u` the generator is real and the (Hermitian) state is real
  symmetric, so it solves on the :math:`k\le k'` entries alone, half the unknowns in real
  arithmetic; the real antisymmetric entries (the other half of the Hermitian matrices) are
  factorised for the nullity.
* **complex** — otherwise, the full complex system.

Per model structure (the live terms, N, the route) everything but the values is built once and
cached: the systems' patterns, a dense coefficient matrix per system (a point's entries are one
product ``[K, 1] @ C``), the orderings. A point then costs the row-equilibrated factorisations:

* **banded LAPACK LU** (``?gbtrf``, partial pivoting) in a reverse Cuthill–McKee order when the
  estimated banded cost :math:`2n\,k_l(k_l+k_u)` is below :data:`_BAND_MAX_FLOPS` (all systems
  at N = 20; measured faster than SuperLU there), else **SuperLU** in a nested-dissection order
  of the :math:`(m,m')` plane (the terms move :math:`m` and :math:`m'` by at most one, so a
  line :math:`m=c` separates the plane);
* the state's system is solved **pinned** (:func:`_pinned_solve`): :math:`B=A+e_qw^T` keeps the
  band of the unbordered system (a trace row would widen it to every diagonal element) and is
  nonsingular exactly when the nullity is 1 and the population on the pin's window is not 0;
  when its condition estimate is not well below ``1 / tol`` the bordered system (trace row in
  place of row 0) solves instead.

A 1-norm condition estimate (:func:`_inverse_norm`: Hager's method plus a fixed random
right-hand side, batched with the system's own solve) above ``1 / tol`` counts as singular (then
the nullity is counted by a dense SVD up to dimension 1500, else reported as a lower bound).
Uniqueness is therefore certified by nonsingular factorisations of rank-one modifications of the
generator (pinned or bordered: either bounds the second-smallest singular value of the
generator from below) and of the blocks the state does not occupy (antisymmetric part, charge
blocks :math:`q\ne0`). The residual :math:`\max|Gu|` of the generator is checked (one sparse
product).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

import numpy as np

from .._errors import check_residual
from ._dicke_basis import _elements, _pattern, dicke_blocks

__all__ = ["solve_dicke"]

_SVD_MAX_DIM = 1500
#: largest estimated flop count ``2 n kl (kl + ku)`` of a banded LU (measured on this project's
#: 2-core machine, cooperative resonance fluorescence: at N = 20 the real-gauge systems, 946 and
#: 825 unknowns with half-bandwidths 92 and 83, factorise banded in about 60 % of SuperLU's time
#: with its condition estimate; at N = 24 (1e8 flops) still faster, from N = 28 (2e8) on par)
_BAND_MAX_FLOPS = 2.0e8
#: a pinned solve (:func:`_pinned_solve`) counts only with a condition estimate below _PIN_MARGIN / tol
#: (well inside the bordered system's 1 / tol: borderline cases take the bordered route)
_PIN_MARGIN = 1e-2
#: band arrays kept between points: at most _POOL_MAX of at most _BUFFER_MAX elements (16 MB complex)
_BUFFER_MAX = 1_000_000
_POOL_MAX = 8
#: largest (terms + 1) x slots of a system's dense coefficient matrix (2 MB; N = 20, real gauge: 73k)
_COEF_MAX = 250_000


def _nd_order(x: np.ndarray, y: np.ndarray, leaf: int = 16) -> np.ndarray:
    """Nested-dissection order of points with integer coordinates ``(x, y)`` (separators last)."""
    out = []

    def rec(sel):
        if len(sel) <= leaf:
            out.append(sel[np.lexsort((y[sel], x[sel]))])
            return
        xs, ys = x[sel], y[sel]
        c = xs if np.ptp(xs) >= np.ptp(ys) else ys
        mid = np.sort(c)[len(c) // 2]
        lo, hi, sep = sel[c < mid], sel[c > mid], sel[c == mid]
        if not len(lo) or not len(hi):
            out.append(sel[np.lexsort((y[sel], x[sel]))])
            return
        rec(lo)
        rec(hi)
        out.append(sep)

    rec(np.arange(len(x)))
    return np.concatenate(out) if out else np.zeros(0, np.int64)


@lru_cache(maxsize=64)
def _probe(n: int) -> np.ndarray:
    """The fixed random right-hand side of :func:`_inverse_norm` (seeded: reproducible)."""
    return np.random.default_rng(12345).standard_normal(n)


def _inverse_norm(lu, n: int, dtype, rhs=None) -> tuple:
    """``(estimate, solution)``: an estimate of :math:`\\|A^{-1}\\|_1` from the factorisation
    (Hager's power method on :math:`A^{-1}` and :math:`A^{-H}`, plus one random right-hand side):
    a few solves instead of reading the factor's diagonal (building ``lu.U`` copies the whole
    factor). The random vector, Hager's start and ``rhs`` (the system's own right-hand side, its
    solution returned, else ``None``) are solved in one call."""
    trans = "H" if np.iscomplexobj(np.zeros(0, dtype)) else "T"
    r = _probe(n).astype(dtype)
    x = np.full(n, 1.0 / n, dtype=dtype)
    Y = lu.solve(np.stack([r, x] if rhs is None else [r, x, rhs.astype(dtype, copy=False)], axis=1))
    sol = None if rhs is None else Y[:, 2]
    est = float(np.abs(Y[:, 0]).sum() / np.abs(r).sum())
    y = Y[:, 1]  # Hager's two steps (they settle as a rule; the random solve backs them up)
    if not np.all(np.isfinite(y)):
        return np.inf, sol
    best = float(np.abs(y).sum())
    if best > 0.0:
        ay = np.abs(y)
        xi = np.where(ay > 0, y / np.where(ay > 0, ay, 1.0), 1.0).astype(dtype)
        z = lu.solve(xi, trans=trans)
        j = int(np.argmax(np.abs(z)))
        if np.abs(z[j]) > np.real(np.vdot(z, x)):  # not settled: the second step, at the unit vector e_j
            e = np.zeros(n, dtype=dtype)
            e[j] = 1.0
            y = lu.solve(e)
            if not np.all(np.isfinite(y)):
                return np.inf, sol
            best = max(best, float(np.abs(y).sum()))
    return max(est, best), sol


_POOL: "OrderedDict[tuple, list]" = OrderedDict()  # (size, dtype) -> free band arrays, last used last
_POOL_LOCK = threading.Lock()


def _take(size: int, dtype) -> np.ndarray:
    """A zeroed band array: a pooled one (no fresh pages per point) or a new one."""
    with _POOL_LOCK:
        free = _POOL.get((size, dtype.str))
        ab = free.pop() if free else None
    if ab is None:
        return np.zeros(size, dtype=dtype)
    ab.fill(0)
    return ab


def _give(ab: np.ndarray):
    """Back to the pool (at most :data:`_POOL_MAX` arrays of at most :data:`_BUFFER_MAX` elements)."""
    if ab.size > _BUFFER_MAX:
        return
    with _POOL_LOCK:
        key = (ab.size, ab.dtype.str)
        _POOL.setdefault(key, []).append(ab)
        _POOL.move_to_end(key)
        while sum(len(v) for v in _POOL.values()) > _POOL_MAX:
            old = next(iter(_POOL))
            _POOL[old].pop(0)
            if not _POOL[old]:
                del _POOL[old]


class _BandLU:
    """LAPACK banded LU (``?gbtrf``, partial pivoting within the band) of a system in the band
    ordering of its plan (:func:`_band_plan`); ``solve(b, trans)`` in the system's numbering, the
    interface of SuperLU's factor. ``singular``: an exactly zero pivot. The band array comes from a
    small pool; :meth:`close` hands it back (the factor is gone then)."""

    def __init__(self, plan: dict, data: np.ndarray, pin=None):
        from scipy.linalg import lapack
        n, ld = plan["n"], plan["ld"]
        dtype = np.dtype(complex if np.iscomplexobj(data) else float)
        self._ab = ab = _take(ld * n, dtype)
        ab[plan["flat"]] = data
        if pin is not None:  # + e_q w^T (distinct slots)
            ab[pin["flat"]] += 1.0
        trf, self._trs = (lapack.zgbtrf, lapack.zgbtrs) if dtype.kind == "c" else (lapack.dgbtrf, lapack.dgbtrs)
        self.kl, self.ku, self.perm = plan["kl"], plan["ku"], plan["perm"]
        self.lu, self.piv, info = trf(ab.reshape(n, ld).T, self.kl, self.ku, overwrite_ab=1)  # (ld, n), Fortran order
        self.singular = info > 0

    def solve(self, b, trans: str = "N"):
        x, _ = self._trs(self.lu, self.kl, self.ku, b[self.perm], self.piv, trans={"N": 0, "T": 1, "H": 2}[trans],
                         overwrite_b=1)
        out = np.empty_like(x)
        out[self.perm] = x
        return out

    def close(self):
        self.lu = None
        if self._ab is not None:
            _give(self._ab)
            self._ab = None


def _band_plan(rows: np.ndarray, cols: np.ndarray, n: int, j2=None, m2=None, s2=None):
    """Band storage of the pattern ``(rows, cols)``, or ``None`` when the banded LU would cost more
    than :data:`_BAND_MAX_FLOPS` (there SuperLU on the nested-dissection order is faster). The
    order is the cheapest (:math:`2n\\,k_l(k_l+k_u)`, partial pivoting fills :math:`k_l+k_u`
    above the diagonal) of a reverse Cuthill–McKee order and, given the unknowns' ``j2``, ``m2``
    and ``s2`` (twice :math:`m+m'`: the terms move it by at most 2), the sweeps along
    :math:`m+m'` (then :math:`m` and :math:`j`, or :math:`j` and :math:`m`), each forwards and
    backwards."""
    import scipy.sparse as sps
    from scipy.sparse.csgraph import reverse_cuthill_mckee
    if n == 0:
        return None
    P = sps.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    orders = [reverse_cuthill_mckee((P + P.T).tocsr(), symmetric_mode=True).astype(np.int64)]
    if j2 is not None:
        for sweep in (np.lexsort((j2, m2, s2)), np.lexsort((m2, j2, s2))):
            orders += [sweep, sweep[::-1].copy()]
    best = None
    for perm in orders:
        pos = np.empty(n, np.int64)
        pos[perm] = np.arange(n)
        r, c = pos[rows], pos[cols]
        kl, ku = max(int((r - c).max()), 0), max(int((c - r).max()), 0)
        cost = 2.0 * n * kl * (kl + ku)
        if best is None or cost < best[0]:
            best = (cost, perm, r, c, kl, ku)
    cost, perm, r, c, kl, ku = best
    if cost > _BAND_MAX_FLOPS:
        return None
    ld = 2 * kl + ku + 1
    return {"n": n, "perm": perm, "kl": kl, "ku": ku, "ld": ld, "flat": kl + ku + r - c + c * ld}


def _equilibrated(sysm, data) -> tuple:
    """``(rmax, scaled)``: the largest modulus of each row of the system ``sysm`` with entry values
    ``data`` (at least 1e-300) and the entries with every row divided by it (rows scaled to max 1)."""
    rmax = np.maximum(np.maximum.reduceat(np.abs(data)[sysm["by_row"]], sysm["row_starts"]), 1e-300)
    return rmax, data / rmax[sysm["slot_row"]]


def _pinned_solve(sysm, data, tol):
    r"""Null vector of the unbordered system through a *pinned* banded matrix, or ``None``.

    With :math:`A` row-equilibrated (rows scaled to max 1), :math:`x_0` its null vector and
    :math:`t` the trace (:math:`t^TA=0`), :math:`B=A+e_qw^T` (:math:`q` a diagonal row, :math:`w`
    the indicator of the diagonal columns :math:`W` in the band of row :math:`q`) keeps the band
    of :math:`A`, where the trace row of the bordered system would widen it to every diagonal
    element. :math:`\det B=c\,(w^Tx_0)(t^TRe_q)` with :math:`\operatorname{adj}A=c\,x_0t^T`:
    :math:`B` is nonsingular exactly when the nullity of :math:`A` is 1 and the population on
    :math:`W` is not zero (a state's populations are >= 0; :math:`W` is the band window with
    the most diagonal elements); then :math:`By=e_q` gives :math:`y=x_0/(w^Tx_0)`, normalised by
    its trace. Accepted when the condition estimate of :math:`B` is below
    ``_PIN_MARGIN / tol``; otherwise (a tiny population on :math:`W`, or a borderline
    condition) the caller solves the bordered system as before."""
    n, pin = sysm["n"], sysm["pin"]
    if sysm["empty_row"]:
        return None
    _, scaled = _equilibrated(sysm, data)
    lu = _BandLU(sysm["band"], scaled, pin)
    try:
        if lu.singular:
            return None
        cols = np.concatenate([sysm["slot_col"], pin["cols"]])  # column sums of |B| (an upper bound on a shared slot)
        norm_a = float(np.bincount(cols, np.concatenate([np.abs(scaled), np.ones(len(pin["cols"]))]), n).max())
        rhs = np.zeros(n, dtype=scaled.dtype)
        rhs[pin["row"]] = 1.0
        inv, y = _inverse_norm(lu, n, scaled.dtype, rhs)
    finally:
        lu.close()
    if not norm_a * inv < _PIN_MARGIN / tol:
        return None
    return y / y[sysm["diag"]].sum()


def _lu(sysm, data, tol, unit=None):
    """Row-equilibrated LU of the system ``sysm`` (:func:`_system`) with entry values ``data``:
    ``(ok, rmax, y)``, ``ok`` False when the matrix counts as singular: an exactly zero pivot, or
    a 1-norm condition estimate above ``1 / tol``; ``y`` solves the unscaled system with the unit
    right-hand side at row ``unit`` (``None`` without ``unit`` or when singular). Banded LAPACK
    LU when the system's band is narrow (:func:`_band_plan`), else SuperLU on the
    nested-dissection order."""
    import scipy.sparse as sps
    import scipy.sparse.linalg as spla
    indices, indptr, n = sysm["indices"], sysm["indptr"], sysm["n"]
    if sysm["empty_row"]:
        return False, np.ones(n), None
    rmax, scaled = _equilibrated(sysm, data)
    if sysm["band"] is not None:
        lu = _BandLU(sysm["band"], scaled)
        try:
            return _checked(lu, sysm, scaled, rmax, tol, unit) if not lu.singular else (False, rmax, None)
        finally:
            lu.close()
    A = sps.csc_matrix((scaled, indices, indptr), shape=(n, n))
    try:
        lu = spla.splu(A, permc_spec="NATURAL", diag_pivot_thresh=0.1, options={"SymmetricMode": True})
    except RuntimeError:
        return False, rmax, None
    return _checked(lu, sysm, scaled, rmax, tol, unit)


def _checked(lu, sysm, scaled, rmax, tol, unit):
    """The condition test of :func:`_lu` (and the unit solve) on a factorisation."""
    n = sysm["n"]
    norm_a = float(np.bincount(sysm["slot_col"], np.abs(scaled), n).max(initial=0.0))
    rhs = None
    if unit is not None:
        rhs = np.zeros(n, dtype=scaled.dtype)
        rhs[unit] = 1.0 / rmax[unit]
    inv, y = _inverse_norm(lu, n, scaled.dtype, rhs)
    if not norm_a * inv < 1.0 / tol:
        return False, rmax, None
    return True, rmax, y


def _nullity(sysm, data, tol, extra, what):
    n = sysm["n"]
    if n <= _SVD_MAX_DIM:
        M = np.zeros((n, n), dtype=data.dtype)
        cols = np.repeat(np.arange(n), np.diff(sysm["indptr"]))
        M[sysm["indices"], cols] = data
        sv = np.linalg.svd(M, compute_uv=False)
        return int(np.sum(sv <= tol * max(sv[0], 1e-300)))
    extra.append(f"nullity of {what} (dimension {n}) is a lower bound")
    return 1


@lru_cache(maxsize=8)
def _geometry(N: int) -> dict:
    """Per full index: ``m2, mp2`` (twice m, m'), ``k, k2``, the transpose index ``T``, the charge
    ``q = m - m'``, the diagonal mask, and the half (k <= k') and anti (k < k') numberings."""
    idx, J2, K, K2, m2, mp2 = _elements(N)
    D = len(idx)
    g = {n: np.empty(D, np.int64) for n in ("m2", "mp2", "k", "k2", "j2")}
    off = np.empty(D, np.int64)
    size = np.empty(D, np.int64)
    for j2, o, s in dicke_blocks(N):
        off[o:o + s * s] = o
        size[o:o + s * s] = s
    g["m2"][idx], g["mp2"][idx], g["k"][idx], g["k2"][idx], g["j2"][idx] = m2, mp2, K, K2, J2
    g["T"] = off + g["k2"] * size + g["k"]
    g["q"] = g["k2"] - g["k"]
    g["diag"] = g["k"] == g["k2"]
    up, an = g["k"] <= g["k2"], g["k"] < g["k2"]
    g["half"] = np.where(up, np.cumsum(up) - 1, -1)
    g["anti"] = np.where(an, np.cumsum(an) - 1, -1)
    return g


@lru_cache(maxsize=16)
def _entries(N: int, keys: tuple) -> tuple:
    """The generator's entries ``(term, vals, rows, cols)`` and, for the charge blocks, their order
    by the row's charge with the block bounds."""
    term, vals, pos, uniq = _pattern(N, keys)
    g = _geometry(N)
    cols, rows = np.divmod(uniq[pos], len(g["k"]))
    by_q = np.argsort(g["q"][rows], kind="stable")
    bounds = np.searchsorted(g["q"][rows][by_q], np.arange(-N, N + 2))
    return term, vals, rows, cols, by_q, bounds


@lru_cache(maxsize=1024)
def _system(N: int, keys: tuple, kind: str, charge: int = 0, trace: bool = False) -> dict:
    """A sparse system on a subset of the weights, ready for per-point values: ``kind`` is
    ``"half"``/``"anti"`` (real symmetric/antisymmetric fold), ``"full"`` or ``"charge"`` (the
    block ``q = charge``); with ``trace`` the row of element 0 becomes the trace. Unknowns in
    nested-dissection order; entry ``e`` adds ``K[term[e]] * vals[e]`` (term -1: the constant 1)
    to CSC slot ``pos[e]``."""
    term, vals, rows, cols, by_q, bounds = _entries(N, keys)
    g = _geometry(N)
    D = len(g["k"])
    x, y = g["m2"], g["mp2"]
    if kind in ("half", "anti"):
        num = g[kind]
        lower = g["k"][cols] > g["k2"][cols]
        src = np.where(lower, g["T"][cols], cols)
        sign = np.where(lower & (kind == "anti"), -1.0, 1.0)
        keep = (num[rows] >= 0) & ((kind == "half") | ~g["diag"][cols])
    else:
        if kind == "charge":
            sl = by_q[bounds[charge + N]:bounds[charge + N + 1]]
            term, vals, rows, cols = term[sl], vals[sl], rows[sl], cols[sl]
            x, y = g["j2"], g["m2"]  # a charge block is a (j, m) lattice
        elif kind == "positive":  # every block q > 0 at once (block diagonal: G keeps q)
            sl = by_q[bounds[N + 1]:bounds[2 * N + 1]]
            term, vals, rows, cols = term[sl], vals[sl], rows[sl], cols[sl]
            x, y = g["j2"], g["m2"] + 4 * (N + 1) * g["q"]  # blocks apart along y: no separator crosses two
        sel = {"full": np.ones(D, bool), "positive": g["q"] > 0}.get(kind, g["q"] == charge)
        num = np.where(sel, np.cumsum(sel) - 1, -1)
        src, sign = cols, np.ones(len(cols))
        keep = (num[rows] >= 0) & (num[cols] >= 0)
    n = int(num.max()) + 1
    r, c, t, v = num[rows[keep]], num[src[keep]], term[keep], vals[keep] * sign[keep]
    dg = np.unique(num[np.flatnonzero(g["diag"] & (num >= 0))])  # the diagonal elements: the trace's support
    if trace:  # element 0 (j = N/2, m = m' = N/2) has number 0 in every numbering
        drop = r != 0
        r = np.concatenate([r[drop], np.zeros(len(dg), np.int64)])
        c = np.concatenate([c[drop], dg])
        t = np.concatenate([t[drop], np.full(len(dg), -1)])
        v = np.concatenate([v[drop], np.ones(len(dg))])
    pts = np.flatnonzero(num >= 0)[np.argsort(num[num >= 0])]
    order = _nd_order(x[pts], y[pts])  # new position -> old number
    inv = np.empty(n, np.int64)
    inv[order] = np.arange(n)
    r, c = inv[r], inv[c]
    u, p = np.unique(c * n + r, return_inverse=True)
    ucol, urow = np.divmod(u, n)
    el = pts[order]  # the element of each unknown
    band = _band_plan(urow, ucol, n, g["j2"][el], g["m2"][el], g["m2"][el] + g["mp2"][el])
    by_row = np.argsort(urow, kind="stable")
    counts = np.bincount(urow, minlength=n)
    return {"term": t, "vals": v, "pos": p, "nslots": len(u), "slot_row": urow, "indices": urow,
            "indptr": np.searchsorted(ucol, np.arange(n + 1)), "n": n, "inv": inv, "by_row": by_row,
            "row_starts": np.concatenate([[0], np.cumsum(counts)[:-1]]), "empty_row": bool(np.any(counts == 0)),
            "slot_col": ucol, "band": band, "coef": _coefficient_matrix(t, p, v, len(keys), len(u)),
            "diag": inv[dg], "pin": None if trace or band is None or not len(dg) else _pin_plan(band, inv[dg])}


def _pin_plan(band: dict, diag: np.ndarray) -> dict:
    """The rank-one pin of :func:`_pinned_solve` inside the band: the diagonal row ``q`` whose band
    holds the most diagonal columns, those columns ``W``, and their slots in the band array."""
    pos = np.empty(band["n"], np.int64)
    pos[band["perm"]] = np.arange(band["n"])
    dpos = np.sort(pos[diag])
    lo = np.searchsorted(dpos, dpos - band["kl"])
    hi = np.searchsorted(dpos, dpos + band["ku"], side="right")
    i = int(np.argmax(hi - lo))
    cols = dpos[lo[i]:hi[i]]
    ld, kl, ku, q = band["ld"], band["kl"], band["ku"], dpos[i]
    return {"row": int(band["perm"][q]), "cols": band["perm"][cols], "flat": kl + ku + q - cols + cols * ld}


def _coefficient_matrix(term, pos, vals, nterms: int, nslots: int):
    """Dense ``(nterms + 1, nslots)`` matrix ``C`` with the slot values ``[K, 1] @ C`` (row ``-1``:
    the trace row), so that a point costs one matrix-vector product; ``None`` when large."""
    if (nterms + 1) * nslots > _COEF_MAX:
        return None
    C = np.zeros((nterms + 1, nslots))
    np.add.at(C, (term, pos), vals)
    return C


def _data(sysm, K):
    Kx = np.concatenate([K, [1.0]])  # term -1: the trace row
    C = sysm["coef"]
    if C is not None:
        return Kx.real @ C + 1j * (Kx.imag @ C) if np.iscomplexobj(Kx) else Kx @ C
    w = Kx[sysm["term"]] * sysm["vals"]
    if np.iscomplexobj(w):
        return np.bincount(sysm["pos"], w.real, sysm["nslots"]) + 1j * np.bincount(sysm["pos"], w.imag, sysm["nslots"])
    return np.bincount(sysm["pos"], w, sysm["nslots"])


def _residual(N, keys, K, kind, y, charge=0) -> tuple:
    """``(max|A y|, max|A|)`` for the unbordered system ``kind`` and ``y`` in its numbering (one
    sparse product, summed per row)."""
    sysm = _system(N, keys, kind, charge, False)
    data = _data(sysm, K)
    n = sysm["n"]
    yn = np.empty_like(y)
    yn[sysm["inv"]] = y
    w = data * yn[sysm["slot_col"]]
    Ay = np.bincount(sysm["slot_row"], w.real, n)
    if np.iscomplexobj(w):
        Ay = Ay + 1j * np.bincount(sysm["slot_row"], w.imag, n)
    return float(np.abs(Ay).max(initial=0.0)), float(np.abs(data).max(initial=0.0))


def _solve_system(N, keys, K, kind, tol, extra, what, charge=0):
    """Solve with trace 1 on ``kind``: ``(y, nullity)`` with ``y`` in the system's numbering
    (``None`` when singular): the pinned banded solve (:func:`_pinned_solve`) when the system is
    banded and the pin certifies it, else the bordered system (trace row in place of row 0)."""
    plain = _system(N, keys, kind, charge, False)
    if plain["pin"] is not None:
        y = _pinned_solve(plain, _data(plain, K), tol)
        if y is not None:
            return y[plain["inv"]], 1
    sysm = _system(N, keys, kind, charge, True)
    data = _data(sysm, K)
    ok, _, y = _lu(sysm, data, tol, unit=sysm["inv"][0])
    if not ok:
        return None, _nullity(plain, _data(plain, K), tol, extra, what)
    return y[sysm["inv"]], 1


def _check_block(N, keys, K, kind, tol, extra, what, charge=0) -> int:
    """Nullity of the (unbordered) system ``kind`` (0 when nonsingular)."""
    sysm = _system(N, keys, kind, charge, False)
    if sysm["n"] == 0:
        return 0
    data = _data(sysm, K)
    return 0 if _lu(sysm, data, tol)[0] else _nullity(sysm, data, tol, extra, what)


def _gauge(K: np.ndarray, dq: np.ndarray):
    """An angle making every ``K * exp(-i theta dq)`` real, or ``None``."""
    scale = max(float(np.abs(K).max(initial=0.0)), 1e-300)
    if np.any(np.abs(K[dq == 0].imag) > 1e-14 * scale):
        return None
    nz = np.flatnonzero(dq != 0)
    if not len(nz):
        return 0.0
    d0 = int(dq[nz[0]])
    base = np.angle(K[nz[0]]) / d0
    for k in range(abs(d0)):
        th = base + k * np.pi / d0
        if np.all(np.abs((K * np.exp(-1j * th * dq)).imag) <= 1e-13 * scale):
            return th
    return None


def _real_gauge(N, keys, K, dq, theta, tol, extra):
    g = _geometry(N)
    Kr = (K * np.exp(-1j * theta * dq)).real
    rt, nullity = _solve_system(N, keys, Kr, "half", tol, extra, "the real symmetric part")
    nullity += _check_block(N, keys, Kr, "anti", tol, extra, "the real antisymmetric part")
    if nullity != 1 or rt is None:
        return None, max(nullity, 2), None
    res = _residual(N, keys, Kr, "half", rt)  # G u = e^{i theta q} G~ v, G~ v symmetric: its k <= k' rows
    full = rt[g["half"][np.where(g["k"] <= g["k2"], np.arange(len(g["k"])), g["T"])]]
    extra.append(f"real gauge u = exp(i theta (m - m')) v, theta = {theta:.6g}: real symmetric system of "
                 f"{len(rt)} unknowns (the antisymmetric part factorised for the nullity)")
    return full * np.exp(1j * theta * g["q"]), 1, res


def _charge_blocks(N, keys, K, tol, extra):
    g = _geometry(N)
    x0, nullity = _solve_system(N, keys, K, "charge", tol, extra, "the m = m' block", 0)
    sysm = _system(N, keys, "positive")
    if sysm["n"] and not _lu(sysm, _data(sysm, K), tol)[0]:  # one factorisation of all q > 0 blocks
        for c in range(1, N + 1):  # singular somewhere: count per block
            nullity += 2 * _check_block(N, keys, K, "charge", tol, extra, f"charge block {c}", c)
    extra.append(f"m - m' conserved: {2 * N + 1} charge blocks (the state in the m = m' block of "
                 f"{int(np.sum(g['q'] == 0))} unknowns)")
    if nullity != 1 or x0 is None:
        return None, max(nullity, 2), None
    u = np.zeros(len(g["q"]), complex)
    u[g["q"] == 0] = x0
    return u, 1, _residual(N, keys, K, "charge", x0)  # G keeps q: G u lives in the q = 0 block


def _complex(N, keys, K, tol, extra):
    K = K.astype(complex)
    u, nullity = _solve_system(N, keys, K, "full", tol, extra, "the generator")
    extra.append(f"complex sparse LU of {len(_geometry(N)['q'])} unknowns (no charge conservation or real gauge)")
    if u is None or nullity != 1:
        return None, max(nullity, 2), None
    u = (u + u[_geometry(N)["T"]].conj()) / 2  # the state is Hermitian: removes rounding-level anti-Hermitian parts
    return u, 1, _residual(N, keys, K, "full", u)


def solve_dicke(N: int, keys: tuple, K: np.ndarray, charges, tol: float):
    """``(u, nullity, residual, extra)``: the weights ``u`` (``None`` when not unique) for the
    generator whose terms ``keys`` carry the coefficients ``K`` and move :math:`m-m'` by
    ``charges``; the residual :math:`\\max|Gu|` is checked (relative 1e-8)."""
    dq = np.asarray(charges, dtype=np.int64)
    extra: list = []
    if np.all(dq == 0):
        u, nullity, res = _charge_blocks(N, keys, K, tol, extra)
    else:
        theta = _gauge(K, dq)
        if theta is not None:
            u, nullity, res = _real_gauge(N, keys, K, dq, theta, tol, extra)
        else:
            u, nullity, res = _complex(N, keys, K, tol, extra)
    if u is None:
        return None, nullity, float("nan"), extra
    resid, scale = res
    check_residual(f"Dicke-basis steady state (N = {N})", resid, 1e-8 * max(scale, 1.0))
    return u, 1, resid, extra
