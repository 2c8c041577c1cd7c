r"""Per-prime work of the adjugate-pencil kernel and its prime schedule.

The pencil kernel (:mod:`~symbolic_ness.algebra._pencil`, which states the mathematics)
reconstructs an integer polynomial vector :math:`x` from its images modulo 62-bit primes
:math:`p_1,p_2,\dots` (Garner CRT with balanced digits). This module holds the work modulo
one prime — the bordered matrix as one ``nmod_mat`` per parameter monomial (``_Mats``),
pencil lines (``_line``), the sampling grid and probes (``_sample``), mirror division,
lower-set interpolation and Taylor shift (``_finish``), Garner digits (``_garner``) — and
decides how a prime's work is spread over the worker processes and when to stop adding primes.

**One prime on all workers** (:func:`prime_residues`). The probes (pencil lines) of one prime
are split into row chunks, one per worker, on the same deterministic grid; the coordinates are
then split into column chunks for the interpolation (the columns are independent). The workers
write their rows and coefficient columns into two anonymous shared mappings created before they
were forked (:func:`shared_buffers`) instead of sending arrays back and forth. Primes run one
after the other, so a prime that turns out to be unnecessary is never started.

**One-probe prime check** (:func:`probe_agrees`). After :math:`k` primes the balanced CRT
candidate :math:`\tilde x` is correct if the coefficients of :math:`x` are below
:math:`\tfrac12\prod_{j\le k}p_j`. Instead of a full further prime, one pencil line modulo a
fresh prime :math:`q` at a random point :math:`(a, v)` (:math:`v` free) is compared with
:math:`\tilde x(a, v) \bmod q` coefficient by coefficient in :math:`v`. If :math:`\tilde x\ne x`,
:math:`\tilde x - x` is a non-zero polynomial of degree :math:`\le D` and the check passes with
probability :math:`\le D/q` (Schwartz–Zippel) or when :math:`q` divides all the differences'
coefficients; either way a passing check only triggers the exact certificate
(:func:`~symbolic_ness.algebra._linalg_ring.certify_nullvectors`), which alone decides — a
false pass costs one certificate and the primes continue.

>>> from symbolic_ness.algebra._pencil import nullspace_pencil
>>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
>>> import sympy as sp
>>> a, b = sp.symbols("a b", positive=True)
>>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
>>> info = {}
>>> pm.to_sympy(nullspace_pencil(pm, info=info)), info["primes"], info["check"]["passed"]
([[b, a]], 1, 1)
"""
from __future__ import annotations

import itertools
import random
import time
from math import isqrt

import numpy as np

from .._errors import CheckFailedError
from ._linalg_ring import matrix_at
from ._nmod_array import banded_interpolate, from_nmod, recurrence_rows, to_nmod

__all__ = ["garner_extend", "prime_residues", "shared_buffers", "release_buffers", "probe_agrees", "value_content",
           "content_from_residues", "checked_candidate"]



# --------------------------------------------------------------------------- modular matrices
class _Mats:
    """The bordered matrix modulo ``p`` as ``sum_m point^m M_m`` (one ``nmod_mat`` per monomial)."""

    def __init__(self, spec: dict, p: int):
        import flint
        N, self.p, self.s = spec["N"], p, spec["s"]
        self.N = N
        self.mats = []
        for m, ents in spec["monos"].items():
            flat = np.zeros(N * N, dtype=np.uint64)
            for i, j, c in ents:
                flat[i * N + j] = c % p
            self.mats.append((m, to_nmod(flat.reshape(N, N), p)))
        self.zero = flint.nmod_mat(N, N, p)
        self._rhs: dict = {}

    def at(self, pt):
        return matrix_at(self.mats, self.zero, pt, self.p)

    def rhs(self, direction):
        """``nmod_mat`` :math:`[B\\,|\\,e_0]` of the pencil along a coordinate ``direction`` when
        :math:`B=\\partial M/\\partial v` is constant (every monomial with :math:`v` is :math:`v`
        itself), else ``None`` (cached per direction)."""
        key = tuple(direction)
        if key not in self._rhs:
            self._rhs[key] = None
            if sorted(key) == [0] * (len(key) - 1) + [1]:
                v = key.index(1)
                hit = [A for m, A in self.mats if m[v]]
                if len(hit) == 1 and all(not m[v] or (m[v] == 1 and sum(m) == 1) for m, _ in self.mats):
                    N = self.N
                    rhs = np.zeros((N, N + 1), dtype=np.uint64)
                    rhs[:, :N] = from_nmod(hit[0])
                    rhs[0, N] = 1
                    self._rhs[key] = to_nmod(rhs, self.p)
        return self._rhs[key]


def _line(mats: _Mats, point, direction, shift: int, ncoef: int, right=None):
    """Coefficients (``N x ncoef`` array, column ``e`` = coefficient of ``s^e``) of
    :math:`x(\\text{point}+(\\sigma+s)\\,\\text{direction})`; ``None`` if :math:`M_0` is singular.
    ``right`` (an ``ncoef x ncoef`` ``nmod_mat``, e.g. a Taylor shift) multiplies the result on
    the right. One solve :math:`M_0[Z\\,|\\,y]=[B\\,|\\,e_0]` gives :math:`K=-Z` and :math:`y`."""
    p, N = mats.p, mats.N
    P0 = [(a + shift * d) % p for a, d in zip(point, direction)]
    A = mats.at(P0)
    rhs = mats.rhs(direction)
    if rhs is None:
        P1 = [(a + d) % p for a, d in zip(P0, direction)]
        rhs = np.empty((N, N + 1), dtype=np.uint64)
        rhs[:, :N] = from_nmod(mats.at(P1) - A)
        rhs[:, N] = 0
        rhs[0, N] = 1
        rhs = to_nmod(rhs, p)
    try:
        Z = from_nmod(A.solve(rhs))
    except ZeroDivisionError:
        return None
    K = to_nmod(np.ascontiguousarray(Z[:, :N]), p) * (p - 1)
    y = to_nmod(np.ascontiguousarray(Z[:, N:]), p) * int(A.det())
    a = [int(c) for c in K.charpoly().coeffs()]
    a += [0] * (N + 1 - len(a))
    out = recurrence_rows(K, y, [0] + [a[N - e] for e in range(1, ncoef)])  # row e = u_{N-1-e}
    if right is not None:
        return from_nmod(to_nmod(np.ascontiguousarray(out.T), p) * right)
    return np.ascontiguousarray(out.T)


def _column_parity(sm, N: int, ncoef: int) -> np.ndarray:
    """``(N, ncoef)`` booleans: the exponent of the mirrored variable is odd in column ``(i, e)``.

    From :math:`x_i(-p_q,\\pm v)=\\pi_ix_i(p_q,v)`: a monomial :math:`p_q^bv^e` of :math:`x_i`
    has :math:`(-1)^{b(+e)}=\\pi_i`, so :math:`b` is odd iff ``odd_i`` xor (``flips_v`` and ``e`` odd).
    """
    odd, fv = sm
    par = np.array(odd, dtype=bool)[:, None] & np.ones((1, ncoef), dtype=bool)
    if fv:
        par = par ^ (np.arange(ncoef) % 2 == 1)[None, :]
    return par


def _taylor_matrix(n: int, shift: int, p: int):
    """``T[e, j] = C(e, j) (-shift)^(e-j)``: coefficients in ``s = v - shift`` -> coefficients in ``v``.

    Row ``e`` holds the coefficients of :math:`(x-\text{shift})^e`, one ``nmod_poly`` product by
    :math:`x-\text{shift}` per row (``O(n^2)`` word operations in C instead of ``n^2`` binomials).

    >>> _taylor_matrix(3, 2, 101).entries() == [1, 0, 0, 99, 1, 0, 4, 97, 1]
    True
    """
    import flint
    lin = flint.nmod_poly([(-shift) % p, 1], p)
    flat = np.zeros((n, n), dtype=np.uint64)
    row = flint.nmod_poly([1], p)
    for e in range(n):
        c = row.coeffs()
        flat[e, :len(c)] = [int(x) for x in c]
        row = row * lin
    return to_nmod(flat, p)


def _lower_set(caps, D, weights=None):
    """Index tuples ``i`` with ``i_k <= caps[k]`` and ``sum_k weights[k] i_k <= D``."""
    if not caps:
        return [()]
    w = weights[0] if weights else 1
    out = []
    for a in range(min(caps[0], D // w) + 1):
        out += [(a,) + r for r in _lower_set(caps[1:], D - w * a, weights[1:] if weights else None)]
    return out


# --------------------------------------------------------------------------- one prime
def _nodes(spec: dict, p: int, attempt: int = 0):
    """``(nodes, values, shift, idx)`` of a prime's sampling grid: line coordinates ``t`` per other
    variable, interpolation nodes ``t^w``, the Taylor shift (0 on the first attempt when
    ``spec["shift0"]``: the bordered matrix was invertible at :math:`v=0` at a random point) and the
    lower set (deterministic in ``(seed, p, attempt)``, so that every worker sampling part of a
    prime uses the same grid; a singular line makes the next attempt use a random shift)."""
    rng = random.Random(spec["seed"] * 1000003 + p % 1000003)
    caps, Do, weights = spec["caps"], spec["Do"], spec["weights"]
    for _ in range(attempt + 1):
        nodes, values = [], []
        for c, w in zip(caps, weights):
            pts: dict = {}
            while len(pts) < min(c, Do // w) + 1:
                t = rng.randrange(1, p - 1)
                pts.setdefault(pow(t, w, p), t)
            values.append(list(pts))
            nodes.append(list(pts.values()))
        shift = rng.randrange(1, p - 1)
    if spec.get("shift0") and attempt == 0:  # M is invertible at v = 0: lines in v itself (no Taylor shift)
        shift = 0
    return nodes, values, shift, _lower_set(caps, Do, weights)


def _sample(spec: dict, p: int, attempt: int = 0, lo: int = 0, hi: int | None = None):
    """Rows ``lo:hi`` of the probe array ``X`` (one pencil line per lower-set index, ``N * ncoef``
    residues per row, in the ``v`` basis when a mirror flips ``v``); ``None`` if a pencil is singular."""
    mats = _Mats(spec, p)
    s, N, v, others = spec["s"], spec["N"], spec["v"], spec["others"]
    ncoef = spec["Dv"] + 1
    nodes, _values, shift, idx = _nodes(spec, p, attempt)
    idx = idx[lo:hi]
    direction = [1 if k == v else 0 for k in range(s)]
    vbasis = any(sm is not None and sm[1] for sm in spec["sym"])  # lines kept in the v basis
    T = _taylor_matrix(ncoef, shift, p) if vbasis and shift else None
    X = np.empty((len(idx), N * ncoef), dtype=np.uint64)
    for row, ix in enumerate(idx):
        pt = [0] * s
        for q, (k, a) in enumerate(zip(others, ix)):
            pt[k] = nodes[q][a]
        res = _line(mats, pt, direction, shift, ncoef, T)
        if res is None:
            return None
        X[row] = res.reshape(-1)
    return X


def _finish(spec: dict, p: int, attempt: int, X: np.ndarray, c0: int = 0, c1: int | None = None):
    """``(monomials, C)`` for the coordinates ``c0:c1`` from their columns of the probe array:
    mirror division, lower-set interpolation, Taylor shift ``s -> v``; ``C[k, i, e]`` is the
    coefficient of ``others^monomials[k] v^e`` in ``x_{c0+i}`` (columns are independent, so
    coordinate ranges can be finished in parallel)."""
    N, ncoef, Dtot = spec["N"], spec["Dv"] + 1, spec["Dtot"]
    c1 = N if c1 is None else c1
    n = c1 - c0
    caps, Do, weights, sym = spec["caps"], spec["Do"], spec["weights"], spec["sym"]
    nodes, values, shift, idx = _nodes(spec, p, attempt)
    vbasis = any(sm is not None and sm[1] for sm in sym)
    X = np.array(X, dtype=np.uint64, copy=True)
    # x_i = sum of monomials p_q^(2b + parity(i, e)) v^e: divide the odd columns by the node t
    for q, sm in enumerate(sym):
        if sm is None:
            continue
        cols = np.nonzero(_column_parity(sm, N, ncoef)[c0:c1].reshape(-1))[0]
        if len(cols) == 0:
            continue
        ia = np.array([ix[q] for ix in idx], dtype=np.int64)
        for a in range(len(nodes[q])):
            rws = np.nonzero(ia == a)[0]
            if len(rws) == 0:
                continue
            blk = to_nmod(np.ascontiguousarray(X[np.ix_(rws, cols)]), p) * pow(nodes[q][a], -1, p)
            X[np.ix_(rws, cols)] = from_nmod(blk)
    monos, C = banded_interpolate(idx, X, values, caps, Do, spec["Dtot"], weights, p, n, ncoef)
    C = C.reshape(len(monos) * n, ncoef)
    # Taylor shift s -> v, per total degree of the other variables (v-degree <= Dtot - |beta|)
    out = np.zeros_like(C)
    tot = np.repeat(np.array([sum(w * a for w, a in zip(weights, m)) for m in monos], dtype=np.int64), n)
    T = _taylor_matrix(ncoef, shift, p)
    from ._nmod_array import nmod_matmul
    for d in sorted(set(tot.tolist())):
        k = max(0, min(ncoef, Dtot - d + 1))
        rows = np.nonzero(tot == d)[0]
        if k < ncoef and C[rows, k:].any():
            raise CheckFailedError("pencil: total degree bound violated")
        if k == 0:
            continue
        if vbasis or not shift:  # already in the v basis
            out[rows, :k] = C[rows, :k]
            continue
        Tk = to_nmod(np.ascontiguousarray(from_nmod(T)[:k, :k]), p)
        blockT = np.ascontiguousarray(C[rows, :k].T)
        out[rows, :k] = nmod_matmul(Tk.transpose(), blockT, p).T
    return monos, out.reshape(len(monos), n, ncoef)


def _prime_job(spec: dict, p: int):
    """``(monomials, C, stats)`` modulo ``p`` in one process: ``C[k, i, e]`` = coefficient of
    ``others^monomials[k] v^e`` in ``x_i``."""
    t0 = time.perf_counter()
    for attempt in range(3):
        X = _sample(spec, p, attempt)
        if X is not None:
            break
    else:
        raise CheckFailedError("pencil: singular pencils at random points")
    t1 = time.perf_counter()
    monos, C = _finish(spec, p, attempt, X)
    t2 = time.perf_counter()
    return monos, C, {"lines": len(X), "lines_s": t1 - t0, "interpolate_s": t2 - t1}


def _balanced(x: np.ndarray, p: int) -> np.ndarray:
    y = x.astype(np.int64)
    y[x > p // 2] -= np.int64(p)
    return y


def _garner(residues: list, primes: list, pos=None):
    """``(pos, digits)``: flat positions where some residue is non-zero and there the balanced
    mixed-radix digits ``s_k`` with ``x = sum_k s_k prod_{j<k} p_j`` (the symmetric residue;
    ``x = 0`` elsewhere). With ``pos`` given, ``residues`` are already the values at ``pos``."""
    if pos is None:
        mask = residues[0].reshape(-1) != 0
        for r in residues[1:]:
            mask |= r.reshape(-1) != 0
        pos = np.nonzero(mask)[0]
        residues = [r.reshape(-1)[pos] for r in residues]
    digits = [_balanced(residues[0].reshape(-1), primes[0])]
    for k in range(1, len(primes)):
        digits.append(_digit(digits, primes, residues[k].reshape(-1), k))
    return pos, digits


def _digit(digits: list, primes: list, r: np.ndarray, k: int) -> np.ndarray:
    """The balanced Garner digit ``s_k`` from the digits ``s_0..s_{k-1}`` and the residues ``r``
    modulo ``primes[k]`` (at the same positions)."""
    p, n = primes[k], r.size
    P = 1
    for q in primes[:k]:
        P *= q
    sk = (to_nmod(r.reshape(1, n), p) - _mixed_radix_mod(digits[:k], primes, p)) * pow(P % p, -1, p)
    return _balanced(from_nmod(sk).reshape(-1), p)


def _mixed_radix_mod(digits: list, primes: list, q: int):
    r"""``1 x n`` ``nmod_mat`` of :math:`\sum_k s_k\prod_{j<k}p_j` modulo ``q`` for the balanced
    digits ``s_k`` (``int64`` arrays) of the first ``len(digits)`` primes."""
    n = digits[0].size
    acc = to_nmod(np.zeros((1, n), dtype=np.uint64), q)
    P = 1
    for d, pk in zip(digits, primes):
        acc = acc + to_nmod(_mod_small(d, pk, q).reshape(1, n), q) * (P % q)
        P *= pk
    return acc


def _mod_small(d: np.ndarray, p: int, q: int) -> np.ndarray:
    """``d mod q`` as ``uint64`` for a balanced digit array ``d`` modulo ``p`` (|d| <= p/2). When
    p/2 < q (the 62-bit primes all lie in [2^61, 2^62)) that is ``d`` or ``d + q``: a sign mask
    instead of an int64 division (~9x faster).

    >>> d = np.array([-5, 0, 5, -1], dtype=np.int64)
    >>> _mod_small(d, 11, 7).tolist(), _mod_small(d, 11, 3).tolist()
    ([2, 0, 5, 6], [1, 0, 2, 2])
    """
    if p // 2 < q < 1 << 62:
        return (d + ((d >> np.int64(63)) & np.int64(q))).view(np.uint64)
    return (d % np.int64(q)).astype(np.uint64)


def garner_extend(prev, residues: list, primes: list):
    """:func:`_garner` of ``residues``/``primes`` reusing ``prev = (pos, digits)`` of their first
    ``len(digits)`` primes: only the new digits are computed (``O(k)`` vector operations per new
    prime instead of ``O(k^2)`` for all digits again); recomputed from scratch when a new residue
    is non-zero outside ``pos``. Same result as ``_garner(residues, primes)``.

    >>> from symbolic_ness.algebra._interpolate import PRIMES
    >>> rng = np.random.default_rng(1)
    >>> ps = list(PRIMES[:4])
    >>> res = [rng.integers(0, p, 6, dtype=np.uint64) for p in ps]
    >>> for r in res:
    ...     r[0] = 0                                      # x = 0 at position 0 for the first primes
    >>> res[3][0] = 5                                     # a fourth prime sees it non-zero: recompute
    >>> two = garner_extend(None, res[:2], ps[:2])
    >>> for k in (3, 4):
    ...     a, b = garner_extend(two, res[:k], ps[:k]), _garner(res[:k], ps[:k])
    ...     print(k, (a[0] == b[0]).all(), all((x == y).all() for x, y in zip(a[1], b[1])), a[0].tolist())
    3 True True [1, 2, 3, 4, 5]
    4 True True [0, 1, 2, 3, 4, 5]
    """
    if prev is None:
        return _garner(residues, primes)
    pos, digits = prev
    k0 = len(digits)
    fresh = np.zeros(residues[0].size, dtype=bool)
    for r in residues[k0:]:
        fresh |= r.reshape(-1) != 0
    fresh[pos] = False
    if fresh.any():
        return _garner(residues, primes)
    digits = list(digits)
    for k in range(k0, len(primes)):
        digits.append(_digit(digits, primes, residues[k].reshape(-1)[pos], k))
    return pos, digits

def _chunks(n: int, k: int) -> list:
    """``k`` (or fewer) contiguous ``(lo, hi)`` ranges covering ``range(n)``."""
    k = max(1, min(k, n))
    step = -(-n // k)
    return [(a, min(n, a + step)) for a in range(0, n, step)]


_SHARED: dict = {}  # key -> [probe buffer, coefficient buffer]: anonymous shared mappings (fork-inherited)
_KEYS = itertools.count(1)


def shared_buffers(spec: dict) -> int:
    """Key of two anonymous shared mappings sized for one prime's probe array and coefficient
    array; create them *before* forking the workers (they inherit the mappings, write their
    rows / coordinate ranges in place and return only small objects). :func:`release_buffers` frees them."""
    import mmap
    nlines = len(_lower_set(spec["caps"], spec["Do"], spec["weights"]))
    nbytes = max(8, 8 * nlines * spec["N"] * (spec["Dv"] + 1))
    key = next(_KEYS)
    _SHARED[key] = [mmap.mmap(-1, nbytes), mmap.mmap(-1, nbytes)]
    return key


def release_buffers(key: int) -> None:
    for buf in _SHARED.pop(key, []):
        try:
            buf.close()
        except BufferError:  # a view still exists: the mapping goes with it
            pass


def _view(key: int, which: int, shape: tuple) -> np.ndarray:
    return np.frombuffer(_SHARED[key][which], dtype=np.uint64, count=int(np.prod(shape))).reshape(shape)


def _sample_shared(key: int, spec: dict, p: int, attempt: int, lo: int, hi: int) -> bool:
    """:func:`_sample` of rows ``lo:hi`` written into the shared probe array (``False``: singular)."""
    X = _sample(spec, p, attempt, lo, hi)
    if X is None:
        return False
    nlines = len(_lower_set(spec["caps"], spec["Do"], spec["weights"]))
    _view(key, 0, (nlines, X.shape[1]))[lo:hi] = X
    return True


def _finish_shared(key: int, spec: dict, p: int, attempt: int, c0: int, c1: int):
    """:func:`_finish` of the coordinates ``c0:c1`` read from the shared probe array; the
    coefficients go to the shared coefficient array (returns ``(monomials, None)``), or are
    returned (``(monomials, C)``) if they do not fit it."""
    N, ncoef = spec["N"], spec["Dv"] + 1
    nlines = len(_lower_set(spec["caps"], spec["Do"], spec["weights"]))
    X = np.ascontiguousarray(_view(key, 0, (nlines, N * ncoef))[:, c0 * ncoef:c1 * ncoef])
    monos, C = _finish(spec, p, attempt, X, c0, c1)
    if len(monos) != nlines:
        return monos, C
    _view(key, 1, (nlines, N, ncoef))[:, c0:c1, :] = C
    return monos, None


def prime_residues(spec: dict, p: int, pool=None, workers: int = 1, key: int | None = None, idle=None):
    """``(monomials, C, stats)`` of the pencil vector modulo ``p`` (as
    :func:`~symbolic_ness.algebra._pencil._prime_job`), the lines and the interpolation of this
    one prime split over ``workers`` processes of ``pool`` (``None``: in this process).

    Parameters
    ----------
    spec : dict
        The pencil specification built by :func:`~symbolic_ness.algebra._pencil.nullspace_pencil`.
    p : int
        The prime.
    pool : concurrent.futures.Executor or None
        Worker pool; ``None`` runs everything here.
    workers : int
        Number of chunks (the result does not depend on it).
    key : int, optional
        :func:`shared_buffers` created before the pool's workers were forked: the workers
        exchange the probe rows and coefficient columns through them instead of pickles.
    idle : callable, optional
        Called once in this process while the workers compute the lines (shared buffers only;
        otherwise not called), e.g. to prepare the build of the previous primes' candidate.

    Returns
    -------
    tuple
        ``(monomials, C, stats)`` with ``C[k, i, e]`` the coefficient of
        ``others^monomials[k] v^e`` in ``x_i`` modulo ``p`` and ``stats`` the lines and seconds.
    """
    t0 = time.perf_counter()
    nlines = len(_lower_set(spec["caps"], spec["Do"], spec["weights"]))
    N, ncoef = spec["N"], spec["Dv"] + 1
    shared = pool is not None and key is not None and key in _SHARED
    for attempt in range(3):
        rows = _chunks(nlines, workers if pool is not None else 1)
        if shared and len(rows) > 1:
            futs = [pool.submit(_sample_shared, key, spec, p, attempt, a, b) for a, b in rows]
            if idle is not None:
                idle()
                idle = None
            done = [f.result() for f in futs]
            parts = None if all(done) else [None]
        elif pool is not None and len(rows) > 1:
            parts = list(pool.map(_sample, [spec] * len(rows), [p] * len(rows), [attempt] * len(rows),
                                  [a for a, _ in rows], [b for _, b in rows]))
        else:
            parts = [_sample(spec, p, attempt)]
        if parts is None or all(x is not None for x in parts):
            break
    else:
        raise CheckFailedError("pencil: singular pencils at random points")
    X = None if parts is None else (np.concatenate(parts, axis=0) if len(parts) > 1 else parts[0])
    t1 = time.perf_counter()
    cols = _chunks(N, workers if pool is not None else 1)
    if pool is not None and len(cols) > 1:
        if X is not None and shared:  # (lines computed here: share them for the interpolation)
            _view(key, 0, X.shape)[:] = X
        if shared:
            res = list(pool.map(_finish_shared, [key] * len(cols), [spec] * len(cols), [p] * len(cols),
                                [attempt] * len(cols), [a for a, _ in cols], [b for _, b in cols]))
        else:
            res = list(pool.map(_finish, [spec] * len(cols), [p] * len(cols), [attempt] * len(cols),
                                [np.ascontiguousarray(X[:, a * ncoef:b * ncoef]) for a, b in cols],
                                [a for a, _ in cols], [b for _, b in cols]))
        monos = res[0][0]
        if all(c is None for _, c in res):
            C = _view(key, 1, (len(monos), N, ncoef)).copy()
        else:
            C = np.concatenate([c for _, c in res], axis=1)
    else:
        if X is None:
            X = _view(key, 0, (nlines, N * ncoef)).copy()
        monos, C = _finish(spec, p, attempt, X)
    t2 = time.perf_counter()
    return monos, C, {"lines": nlines, "lines_s": t1 - t0, "interpolate_s": t2 - t1}


def _candidate_mod(pos, digits, primes, q: int, size: int) -> np.ndarray:
    """The balanced CRT candidate ``sum_k s_k prod_{j<k} p_j`` modulo ``q`` as a dense ``uint64``
    array of ``size`` entries (zero outside ``pos``)."""
    out = np.zeros(size, dtype=np.uint64)
    out[pos] = from_nmod(_mixed_radix_mod(digits, primes, q)).reshape(-1)
    return out


def probe_agrees(spec: dict, q: int, pos, digits, primes: list, monos: list, seed: int,
                 scale: int = 1) -> bool:
    """One pencil line modulo the fresh prime ``q`` agrees with the CRT candidate of ``primes``.

    Parameters
    ----------
    spec : dict
        The pencil specification (``v``, ``others``, ``weights``, ``sym``, ``Dv``, ``N``).
    q : int
        A prime not among ``primes``.
    pos, digits : numpy.ndarray, list of numpy.ndarray
        Flat positions in the ``(monomials, N, Dv + 1)`` residue array and their balanced
        mixed-radix digits (:func:`~symbolic_ness.algebra._pencil._garner`).
    primes : list of int
        The primes of the digits.
    monos : list of tuple
        Monomials (in the stored ``others`` exponents, divided by the mirror weights).
    seed : int
        Seed of the random point.
    scale : int
        The digits are those of :math:`x/\text{scale}` (a divisor of the content).

    Returns
    -------
    bool
        ``True`` if every coefficient in ``v`` of every coordinate agrees modulo ``q`` (a
        hypothesis for the exact certificate), ``False`` otherwise or if the pencil is singular.
    """
    import flint

    rng = random.Random(seed * 1000003 + q % 1000003)
    s, N, v, others = spec["s"], spec["N"], spec["v"], spec["others"]
    weights, sym = spec["weights"], spec["sym"]
    ncoef = spec["Dv"] + 1
    mats = _Mats(spec, q)
    pt = [rng.randrange(1, q - 1) for _ in range(s)]
    pt[v] = 0
    shift = rng.randrange(1, q - 1)
    res = _line(mats, pt, [1 if k == v else 0 for k in range(s)], shift, ncoef)
    if res is None:
        return False
    got = from_nmod(to_nmod(res, q) * _taylor_matrix(ncoef, shift, q) * pow(scale % q, -1, q))  # v basis
    cand = _candidate_mod(pos, digits, primes, q, len(monos) * N * ncoef).reshape(len(monos), N * ncoef)
    mv = [1] * len(monos)
    for j, m in enumerate(monos):
        val = 1
        for k, w, a in zip(others, weights, m):
            if a:
                val = val * pow(pt[k], w * a, q) % q
        mv[j] = val
    val = from_nmod(flint.nmod_mat(1, len(monos), mv, q) * to_nmod(cand, q)).reshape(N, ncoef)
    for k, sm in zip(others, sym):  # odd columns carry one more factor of the mirrored variable
        if sm is None:
            continue
        par = _column_parity(sm, N, ncoef)
        if par.any():
            sel = val[par]
            val[par] = from_nmod(to_nmod(sel.reshape(1, -1), q) * pt[k]).reshape(-1)
    return bool((val == got).all())


def value_content(spec: dict, seed: int, points: int = 3) -> int:
    r"""A multiple of the integer content of the pencil vector: :math:`\gcd_{i,a} x_i(a)` over the
    exact integer adjugate columns :math:`x(a)=\operatorname{adj}(M(a))e_0` at ``points`` random
    integer points :math:`a` (``fmpz_mat``).

    Every coefficient of :math:`x` is divisible by its content :math:`g`, so :math:`g` divides
    the result; it is usually :math:`g` itself. The kernel reconstructs :math:`x/\text{result}`
    next to :math:`x` (fewer primes when the content is large, e.g. powers of 2 and 3 from
    cleared denominators); that stream can only win if it is an integer vector that passes the
    certificate.

    Parameters
    ----------
    spec : dict
        The pencil specification (bordered matrix as ``{monomial: [(i, j, c)]}``).
    seed : int
        Seed of the random points.
    points : int
        Number of points.

    Returns
    -------
    int
        The gcd (``0`` if every value vanished or the bordered matrix was singular).

    Examples
    --------
    :math:`x=(6b,\ 6a)` for rows :math:`(-6a,\ 6b)` (the border is any constant row):

    >>> spec = {"N": 2, "s": 2, "monos": {(1, 0): [(1, 0, -6)], (0, 1): [(1, 1, 6)], (0, 0): [(0, 0, 1), (0, 1, 1)]}}
    >>> value_content(spec, 1)
    6
    """
    import flint
    from math import gcd
    rng = random.Random(seed)
    N, s = spec["N"], spec["s"]
    g = 0
    for _ in range(points):
        a = [rng.randrange(2, 1 << 20) for _ in range(s)]
        M = [[0] * N for _ in range(N)]
        for m, ents in spec["monos"].items():
            w = 1
            for x, e in zip(a, m):
                w *= x ** e
            for i, j, c in ents:
                M[i][j] += c * w
        F = flint.fmpz_mat(M)
        d = F.det()
        if d == 0:
            return 0
        e0 = flint.fmpz_mat(N, 1, [1] + [0] * (N - 1))
        x = F.solve(e0) * flint.fmpq(int(d))
        for k in range(N):
            g = gcd(g, int(x[k, 0].p))
        if g == 1:
            return 1
    return g


def _ratrecon(u: int, M: int):
    """``(a, b)`` with ``a = b u mod M``, ``|a|, b <= sqrt(M / 2)`` (Wang), or ``None``."""
    bound = isqrt(M // 2)
    r0, r1, s0, s1 = M, u % M, 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1, s0, s1 = r1, r0 - q * r1, s1, s0 - q * s1
    if s1 == 0 or abs(s1) > bound:
        return None
    return (r1, s1) if s1 > 0 else (-r1, -s1)


def _sampled_crt(residues: list, primes: list, c: int, seed: int, samples: int) -> list:
    """CRT values in ``[0, prod p)`` of ``x_j / c`` at ``samples`` random non-zero positions ``j``."""
    rng = random.Random(seed)
    flat = [r.reshape(-1) for r in residues]
    nz = np.nonzero(flat[0])[0]
    if len(nz) == 0:
        return []
    out = []
    inv = [pow(c % p, -1, p) for p in primes]
    for _ in range(samples):
        j = int(nz[rng.randrange(len(nz))])
        u, P = 0, 1
        for r, p, ci in zip(flat, primes, inv):
            t = (int(r[j]) * ci - u) * pow(P % p, -1, p) % p
            u, P = u + P * t, P * p
        out.append(u)
    return out


def _plausible(residues: list, primes: list, c: int, seed: int, samples: int = 256) -> bool:
    """The balanced CRT values of ``x / c`` at sampled positions are far below half the modulus.

    A correct candidate has its true (bounded) coefficients there; a candidate that needs more
    primes, or a ``c`` that does not divide the content, gives values spread over the whole
    range, so some exceed ``prod p / 2^10`` (a filter before the probe only)."""
    M = 1
    for p in primes:
        M *= p
    lim = M >> 10
    return all(min(u, M - u) < lim for u in _sampled_crt(residues, primes, c, seed + 1, samples))


def content_from_residues(residues: list, primes: list, multiple: int, seed: int, samples: int = 1024) -> int:
    r"""The integer content :math:`g` of the vector, guessed from its residues and a known
    multiple :math:`m` of it (:func:`value_content`): :math:`x/m` has the common denominator
    :math:`m/g`; rational reconstruction of ``samples`` random non-zero coefficients of
    :math:`x/m` modulo :math:`\prod p` gives denominators whose lcm :math:`h` is :math:`m/g`
    with high probability, and the result is :math:`m/h`. A guess only: the kernel uses it as
    a second CRT stream that must pass the probe check and the exact certificate.

    Parameters
    ----------
    residues : list of numpy.ndarray
        Residue arrays of the vector, one per prime (same shape).
    primes : list of int
        The primes (none divides ``multiple``).
    multiple : int
        A multiple of the content.
    seed : int
        Seed of the sampled positions.
    samples : int
        Number of coefficients reconstructed.

    Returns
    -------
    int
        The guess, a divisor of ``multiple`` (``multiple`` itself when nothing reconstructs).

    Examples
    --------
    Coefficients :math:`6\cdot(1, 5, -7)` and the multiple 24 (content 6):

    >>> import numpy as np
    >>> ps = [1000003, 1000033]
    >>> res = [np.array([6 % p, 30 % p, -42 % p], dtype=np.uint64) for p in ps]
    >>> content_from_residues(res, ps, 24, 0)
    6
    """
    from math import lcm
    if any(multiple % p == 0 for p in primes):
        return multiple
    M = 1
    for p in primes:
        M *= p
    h = 1
    for u in _sampled_crt(residues, primes, multiple, seed, samples):
        rr = _ratrecon(u, M)
        if rr is not None and multiple % lcm(h, rr[1]) == 0:
            h = lcm(h, rr[1])
    return multiple // h


def checked_candidate(spec: dict, q: int, residues: list, primes: list, pos, digits, content: int,
                      monos: list, seed: int, info: dict):
    """``(ok, pos, digits)``: the CRT candidate to build, if one passes :func:`probe_agrees`.

    With a content multiple ``content > 1`` (:func:`value_content`) the candidates are the
    streams :math:`x/c` for the guess :math:`c` of :func:`content_from_residues` and
    :math:`c/2`, :math:`c/3` (the sampled coefficients may share one small factor more than
    all of them); otherwise the stream :math:`x` itself (``pos``, ``digits``). A stream :math:`x/c`
    whose balanced CRT values come within 3 bits of the modulus anywhere is not probed (a :math:`c`
    that does not divide the content leaves non-integral coefficients, whose residues look random,
    even when they are too few for the sampled filter); ``info["check"]``
    counts probes, passes and seconds; ``info["content_divided"]`` records a divisor used.

    Parameters
    ----------
    spec : dict
        The pencil specification.
    q : int
        The fresh prime of the probe.
    residues, primes : list
        Residue arrays of :math:`x` and their primes.
    pos, digits : numpy.ndarray, list
        Garner digits of :math:`x` (:func:`~symbolic_ness.algebra._pencil._garner`).
    content : int
        A multiple of the content of :math:`x` (``1``: none known).
    monos : list of tuple
        The monomials of the residue arrays.
    seed : int
        Seed of the probe point and of the sampled coefficients.
    info : dict
        Receives the counters.

    Returns
    -------
    tuple
        ``(ok, pos, digits)``; ``pos, digits`` are those of the passing stream when ``ok``.
    """
    t = time.perf_counter()
    chk = info.setdefault("check", {"probes": 0, "passed": 0, "seconds": 0.0})
    ok = False
    g = content_from_residues(residues, primes, content, seed) if content > 1 else 1
    for c in dict.fromkeys(c for c in (g, g // 2, g // 3) if c > 1 and g % c == 0):
        if any(c % p == 0 for p in (*primes, q)) or not _plausible(residues, primes, c, seed):
            continue
        # x / c has the zero pattern of x: scale and recombine only the values at pos
        scaled = [from_nmod(to_nmod(r.reshape(-1)[pos].reshape(1, -1), p) * pow(c % p, -1, p)).reshape(-1)
                  for r, p in zip(residues, primes)]
        spos, sdig = _garner(scaled, primes, pos)
        if sdig[-1].size and int(np.abs(sdig[-1]).max()) >= primes[-1] >> 3:
            continue  # some value of x / c is within 3 bits of the modulus: c does not divide the
            # content (x / c not integral: its residues look random) or more primes are needed
        ok = probe_agrees(spec, q, spos, sdig, primes, monos, seed, scale=c)
        chk["probes"] += 1
        if ok:
            pos, digits = spos, sdig
            info["content_divided"] = c
            break
    if not ok and g == 1 and _plausible(residues, primes, 1, seed):  # (with a content guess,
        ok = probe_agrees(spec, q, pos, digits, primes, monos, seed)  # x is only built once stable)
        chk["probes"] += 1
    chk["passed"] += int(ok)
    chk["seconds"] = round(chk["seconds"] + time.perf_counter() - t, 4)
    return ok, pos, digits
