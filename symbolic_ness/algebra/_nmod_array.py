r"""numpy arrays in and out of python-flint ``nmod_mat`` and lower-set Newton interpolation on them.

python-flint offers no bulk conversion between ``nmod_mat`` and numpy: ``entries()`` and the
list constructor cost a few hundred nanoseconds per entry, which dominates evaluation–
interpolation with millions of residues. :func:`to_nmod` / :func:`from_nmod` copy through a
``uint64`` view of the matrix's own entry buffer instead. The buffer is located once per
process on a probe matrix and *validated* (shape words followed by a pointer to the known,
contiguous row-major entries); if the layout is not recognised — or
``SYMBOLIC_NESS_NMOD_VIEW=0`` — the slow list path is used, with identical results.

:func:`lowerset_interpolate` recovers, modulo a prime :math:`p`, the monomial coefficients of
polynomials (``width`` of them at once) of total degree :math:`\le D` and degree
:math:`\le c_k` in variable :math:`k` from their values on the *lower set*
:math:`\{i:\ i_k\le c_k,\ |i|\le D\}` of tensor nodes :math:`(x^{(1)}_{i_1},\dots)`
(unisolvent for that monomial set): Newton divided differences along the first variable
(the leading block of :math:`E^{-1}`, :math:`E_{ia}=N_a(x_i)`, gives exactly the Newton
coefficient :math:`h_a` on the first :math:`a+1` nodes whatever the higher terms),
recursion on the remaining variables with total degree :math:`D-a`, then the Newton basis
:math:`N_a(x)=\prod_{i<a}(x-x_i)` expanded into monomials. All arithmetic is ``nmod_mat``
products; numpy only moves residues.

>>> import flint
>>> p = 1000003
>>> nodes = [[2, 5, 7], [3, 11, 13]]          # f = 1 + 2 x + 3 x y + 4 y^2, caps (2, 2), D = 2
>>> idx = [(i, j) for i in range(3) for j in range(3) if i + j <= 2]
>>> f = lambda x, y: (1 + 2 * x + 3 * x * y + 4 * y * y) % p
>>> X = np.array([[f(nodes[0][i], nodes[1][j])] for i, j in idx], dtype=np.uint64)
>>> monos, C = lowerset_interpolate(idx, X, nodes, [2, 2], 2, p)
>>> sorted((m, int(c)) for m, c in zip(monos, C[:, 0]) if c)
[((0, 0), 1), ((0, 2), 4), ((1, 0), 2), ((1, 1), 3)]
"""
from __future__ import annotations

import ctypes
import os

import numpy as np

__all__ = ["to_nmod", "from_nmod", "mixed_radix_values", "nmod_matmul", "recurrence_rows", "lowerset_interpolate", "banded_interpolate",
           "newton_tables"]

_OFFSET: dict = {}  # matrix kind -> byte offset of the entries pointer in the python object, or None


def _locate(make=None, vals=None):
    """Byte offset of the entry-buffer pointer in a python-flint matrix object (``nmod_mat`` by
    default; ``make(r, c, vals)`` builds another type with word-sized entries), or ``None``."""
    import flint
    r, c, p = 3, 7, 1000003
    vals = [11 * i + 5 for i in range(r * c)] if vals is None else vals
    M = flint.nmod_mat(r, c, vals, p) if make is None else make(r, c, vals)
    words = np.frombuffer(ctypes.string_at(id(M), 160), dtype=np.uint64)
    for k in range(1, len(words) - 2):
        if int(words[k + 1]) == r and int(words[k + 2]) == c and int(words[k]) > 4096:
            got = np.frombuffer(ctypes.string_at(int(words[k]), 8 * r * c), dtype=np.int64)
            if got.tolist() == vals:
                # writing through the view must be seen by flint
                _view_at(M, 8 * k)[1, 2] = 999
                if int(M[1, 2]) == 999:
                    return 8 * k
    return None


_ARRAY_TYPES: dict = {}  # entry count -> ctypes array type (building one costs microseconds)


def _view_at(M, off):
    r, c = M.nrows(), M.ncols()
    ptr = ctypes.c_uint64.from_address(id(M) + off).value
    typ = _ARRAY_TYPES.get(r * c)
    if typ is None:
        typ = _ARRAY_TYPES.setdefault(r * c, ctypes.c_uint64 * (r * c))
    return np.frombuffer(typ.from_address(ptr), dtype=np.uint64).reshape(r, c)


def _offset(kind: str = "nmod"):
    """Validated entry-buffer offset of ``nmod_mat`` (``kind="nmod"``) or ``fmpz_mat``
    (``"fmpz"``: a small fmpz entry is the signed word itself), located once per process;
    ``None`` if unknown or ``SYMBOLIC_NESS_NMOD_VIEW=0``."""
    if os.environ.get("SYMBOLIC_NESS_NMOD_VIEW", "1") == "0":
        return None
    if kind not in _OFFSET:
        import flint
        try:
            _OFFSET[kind] = (_locate() if kind == "nmod" else
                             _locate(lambda r, c, v: flint.fmpz_mat(r, c, v), [11 * i - 50 for i in range(21)]))
        except Exception:  # pragma: no cover - unknown layout
            _OFFSET[kind] = None
    return _OFFSET[kind]


def mixed_radix_values(digits: list, primes: list, chunk: int = 1 << 14) -> list:
    r"""``fmpz`` values :math:`\sum_k s_k\prod_{j<k}p_j` of the balanced mixed-radix digits
    ``digits`` (``int64`` arrays of one length, :math:`|s_k|<2^{62}`) of ``primes``: one
    ``fmpz_mat`` product :math:`S\,P` per chunk of rows (:math:`S` written straight into the
    matrix's buffer — a small ``fmpz`` is the signed word itself — :math:`P` the column of
    prefix products), in C instead of ``len(primes) - 1`` Python big-integer passes (6x faster
    for 70 primes, 3.5x for 15). Without the buffer view, the Python passes.

    >>> d = [np.array([3, -1], dtype=np.int64), np.array([-2, 4], dtype=np.int64)]
    >>> [int(v) for v in mixed_radix_values(d, [7, 11])]      # 3 - 2*7, -1 + 4*7
    [-11, 27]
    """
    import flint
    n, k = digits[0].size, len(digits)
    off = _offset("fmpz")
    limit = (1 << 62) - 1  # COEFF_MAX: larger words would be read by flint as pointers
    if off is None or any(d.size and int(np.abs(d).max()) > limit for d in digits):
        vals = digits[-1].tolist()
        for j in range(k - 2, -1, -1):
            vals = [a * primes[j] + b for a, b in zip(vals, digits[j].tolist())]
        return [flint.fmpz(v) for v in vals]
    P = [1]
    for q in primes[:k - 1]:
        P.append(P[-1] * q)
    Pm = flint.fmpz_mat(k, 1, P)
    out: list = []
    for a in range(0, n, chunk):
        b = min(n, a + chunk)
        S = flint.fmpz_mat(b - a, k)
        view = _view_at(S, off).view(np.int64)
        for j, d in enumerate(digits):
            view[:, j] = d[a:b]
        out += (S * Pm).entries()
    return out


def to_nmod(X: np.ndarray, p: int):
    """``nmod_mat`` with the entries of the 2-D array ``X`` (values already in ``[0, p)``)."""
    import flint
    r, c = X.shape
    off = _offset()
    if off is None or r * c == 0:
        return flint.nmod_mat(r, c, [int(v) for v in X.ravel()], p)
    M = flint.nmod_mat(r, c, p)
    _view_at(M, off)[:] = X
    return M


def from_nmod(M) -> np.ndarray:
    """Entries of an ``nmod_mat`` as a new ``uint64`` array of shape ``(nrows, ncols)``."""
    r, c = M.nrows(), M.ncols()
    off = _offset()
    if off is None or r * c == 0:
        return np.array([int(v) for v in M.entries()], dtype=np.uint64).reshape(r, c)
    return _view_at(M, off).copy()


def recurrence_rows(K, y, c: list) -> np.ndarray:
    """``(len(c), N)`` ``uint64`` array of the rows :math:`u_0=y`, :math:`u_e=Ku_{e-1}+c_ey` for an
    ``N x N`` ``nmod_mat`` ``K``, an ``N x 1`` ``nmod_mat`` ``y`` and integers ``c`` (``c[0]``
    unused); each :math:`u_e` is copied straight from flint's buffer.

    >>> import flint
    >>> K = flint.nmod_mat(2, 2, [0, 1, 1, 1], 101)
    >>> recurrence_rows(K, flint.nmod_mat(2, 1, [1, 0], 101), [0, 0, 1, 0]).tolist()
    [[1, 0], [0, 1], [2, 1], [1, 3]]
    """
    N, n = K.nrows(), len(c)
    out = np.empty((n, N), dtype=np.uint64)
    off = _offset()
    u = y
    if off is None or N == 0:
        for e in range(n):
            if e:
                u = K * u + y * c[e] if c[e] else K * u
            out[e] = from_nmod(u)[:, 0]
        return out
    dest, step = out.ctypes.data, 8 * N
    from_address, memmove = ctypes.c_uint64.from_address, ctypes.memmove
    for e in range(n):
        if e:
            u = K * u + y * c[e] if c[e] else K * u
        memmove(dest + e * step, from_address(id(u) + off).value, step)
    return out


def nmod_matmul(T, X: np.ndarray, p: int, chunk: int = 1 << 13) -> np.ndarray:
    """``T @ X`` modulo ``p`` for an ``nmod_mat`` ``T`` and a ``uint64`` array ``X``, computed as
    :math:`(X^{\\mathsf T}T^{\\mathsf T})^{\\mathsf T}` in row chunks (flint's product of a tall matrix by
    a small one on the right is up to twice as fast as the small one on the left).

    >>> import flint
    >>> T = flint.nmod_mat(2, 2, [1, 2, 3, 4], 101)
    >>> nmod_matmul(T, np.array([[1, 0, 5], [0, 1, 7]], dtype=np.uint64), 101).tolist()
    [[1, 2, 19], [3, 4, 43]]
    """
    Tt = T.transpose()
    W = X.shape[1]
    out = np.empty((T.nrows(), W), dtype=np.uint64)
    for a in range(0, W, chunk):
        out[:, a:a + chunk] = from_nmod(to_nmod(np.ascontiguousarray(X[:, a:a + chunk].T), p) * Tt).T
    return out


def newton_tables(xs, p):
    """``(Einv, NB)`` for distinct nodes ``xs``: the inverse of :math:`E_{ia}=N_a(x_i)` (lower
    triangular; its leading blocks give divided differences on the first nodes) and the monomial
    coefficients ``NB[e, a]`` of the Newton basis :math:`N_a(x)=\\prod_{i<a}(x-x_i)` (upper
    triangular; leading blocks expand the first Newton terms)."""
    import flint
    m = len(xs)
    E = [[0] * m for _ in range(m)]
    for i, x in enumerate(xs):
        v = 1
        for a in range(i + 1):
            E[i][a] = v
            v = v * (x - xs[a]) % p
    Einv = flint.nmod_mat(m, m, [c for row in E for c in row], p).inv()
    NB = [[0] * m for _ in range(m)]
    poly = [1]
    for a in range(m):
        for e, c in enumerate(poly):
            NB[e][a] = c
        nxt = [0] * (len(poly) + 1)
        for e, c in enumerate(poly):
            nxt[e + 1] = (nxt[e + 1] + c) % p
            nxt[e] = (nxt[e] - xs[a] * c) % p
        poly = nxt
    return Einv, flint.nmod_mat(m, m, [c for row in NB for c in row], p)


def _lead(M, k, p):
    """Leading ``k x k`` block of an ``nmod_mat`` (small matrices only)."""
    import flint
    A = from_nmod(M)[:k, :k]
    return to_nmod(np.ascontiguousarray(A), p) if k else flint.nmod_mat(0, 0, p)


def _apply_blocks(groups: dict, X: np.ndarray, M, p) -> dict:
    """For ``{k: [row-index lists of length k]}``: ``M[:k, :k] @ X[rows]`` per list, batched per ``k``."""
    W = X.shape[1]
    out = {}
    for k, lists in groups.items():
        rows = np.array(lists, dtype=np.int64)  # (G, k)
        stack = X[rows.T.reshape(-1)].reshape(k, len(lists) * W)
        R = nmod_matmul(_lead(M, k, p), stack, p).reshape(k, len(lists), W)
        for g, lst in enumerate(lists):
            out[tuple(lst)] = R[:, g, :]
    return out


def lowerset_interpolate(idx: list, X: np.ndarray, nodes: list, caps: list, D: int, p: int,
                         tables: list | None = None, weights: list | None = None):
    """``(monomials, C)``: monomial exponent tuples and coefficient rows (``uint64``, one row per
    monomial, ``X.shape[1]`` columns) of the polynomials with values ``X[i]`` at the nodes
    ``idx[i]`` of the lower set ``{i_k <= caps[k], sum_k weights[k] i_k <= D}`` (every such
    index present; weights default to 1). ``nodes[k]`` are the node values of variable ``k``
    (or pass ``tables``, the :func:`newton_tables` of the nodes, instead)."""
    weights = list(weights) if weights is not None else [1] * len(caps)
    if tables is None:
        tables = [newton_tables(nd[:min(c, D // w) + 1], p) for nd, c, w in zip(nodes, caps, weights)]
    if not caps:
        return [()], X[:1]
    Einv, NB = tables[0]
    W = X.shape[1]
    by_rest: dict = {}
    for row, ix in enumerate(idx):
        by_rest.setdefault(ix[1:], {})[ix[0]] = row
    groups: dict = {}
    rests = list(by_rest)
    for rest in rests:
        col = by_rest[rest]
        k = len(col)
        groups.setdefault(k, []).append([col[a] for a in range(k)])
    dd = _apply_blocks(groups, X, Einv, p)  # per rest: Newton coefficients h_a(rest), a < k
    levels = []
    for a in range(min(caps[0], D // weights[0]) + 1):
        sub_idx, sub_rows = [], []
        for rest in rests:
            col = by_rest[rest]
            if a < len(col):
                sub_idx.append(rest)
                sub_rows.append(dd[tuple(col[b] for b in range(len(col)))][a])
        if not sub_idx:
            break
        levels.append(lowerset_interpolate(sub_idx, np.array(sub_rows, dtype=np.uint64).reshape(len(sub_rows), W),
                                           None, caps[1:], D - weights[0] * a, p, tables[1:],
                                           weights[1:]))
    # Newton -> monomials along the first variable, per monomial beta of the others
    where: dict = {}
    for a, (monos, C) in enumerate(levels):
        for r, beta in enumerate(monos):
            where.setdefault(beta, []).append((a, r))
    stack_rows = []
    for a, (monos, C) in enumerate(levels):
        stack_rows.append(C)
    base = np.cumsum([0] + [len(lv[0]) for lv in levels])
    ALL = np.concatenate(stack_rows, axis=0) if stack_rows else np.zeros((0, W), dtype=np.uint64)
    groups = {}
    betas = list(where)
    for beta in betas:
        lst = where[beta]
        assert [a for a, _ in lst] == list(range(len(lst)))
        groups.setdefault(len(lst), []).append([int(base[a]) + r for a, r in lst])
    conv = _apply_blocks(groups, ALL, NB, p)
    out_m, out_rows = [], []
    for beta in betas:
        key = tuple(int(base[a]) + r for a, r in where[beta])
        R = conv[key]
        for e in range(R.shape[0]):
            out_m.append((e,) + beta)
            out_rows.append(R[e])
    return out_m, np.array(out_rows, dtype=np.uint64).reshape(len(out_rows), W)


BANDS = 6  # lower sets per prime's interpolation (one per band of v-degrees)


def banded_interpolate(idx, X, values, caps, Do, Dtot, weights, p, n, ncoef):
    r""":func:`lowerset_interpolate` of the pencil's probe columns, each
    on the lower set its degree allows: the coefficient of :math:`v^e` (column ``i * ncoef + e``)
    has weighted degree :math:`\le\min(D_o, D_{tot}-e)` in the other variables (total degree
    :math:`D_{tot}`; true in the shifted variable :math:`s=v-\text{shift}` too, whose
    :math:`s^e` coefficient only involves :math:`v^k`, :math:`k\ge e`), so it is interpolated from
    the lines of that smaller lower set (exact there, as every lower-set interpolation). Columns
    are grouped into :data:`BANDS` bands of bounds (each band on the lower set of its largest
    bound); the coefficients outside a column's lower set are zero. Returns
    ``(monomials, C)`` as the full interpolation would (same monomial order).

    >>> p = 1000003
    >>> # x(a, v) = 1 + a v + a^2 (total degree 2, degree <= 2 in a): columns e = 0, 1, 2 of one coordinate
    >>> idx, vals = [(0,), (1,), (2,)], [[2, 3, 5]]
    >>> X = np.array([[1 + t * t, t, 0] for t in (2, 3, 5)], dtype=np.uint64)
    >>> ms, C = banded_interpolate(idx, X, vals, [2], 2, 2, [1], p, 1, 3)
    >>> ms, C.tolist()
    ([(0,), (1,), (2,)], [[1, 0, 0], [0, 1, 0], [1, 0, 0]])
    """
    if not caps:
        return lowerset_interpolate(idx, X, values, caps, Do, p, weights=weights)
    monos, _ = lowerset_interpolate(idx, X[:, :1], values, caps, Do, p, weights=weights)  # the order
    pos = {m: k for k, m in enumerate(monos)}
    C = np.zeros((len(monos), X.shape[1]), dtype=np.uint64)
    wsum = np.array([sum(w * a for w, a in zip(weights, ix)) for ix in idx], dtype=np.int64)
    bound = np.minimum(Do, Dtot - np.tile(np.arange(ncoef), n))
    top = int(bound.max()) if bound.size else -1
    width = max(1, -(-(top + 1) // BANDS))
    band = np.where(bound < 0, -1, (bound + width) // width)  # band k: bounds in ((k-1) width, k width]
    for k in sorted(set(band.tolist()) - {-1}):
        cols = np.nonzero(band == k)[0]
        D = min(top, int(bound[cols].max()))
        rows = np.nonzero(wsum <= D)[0]
        ms, Cs = lowerset_interpolate([idx[r] for r in rows], np.ascontiguousarray(X[np.ix_(rows, cols)]),
                                      values, caps, D, p, weights=weights)
        C[np.ix_(np.array([pos[m] for m in ms], dtype=np.int64), cols)] = Cs
    return monos, C
