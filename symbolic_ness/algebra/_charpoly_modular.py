r"""Characteristic polynomial of a parameter matrix by modular evaluation–interpolation.

:func:`charpoly_exact` computes :math:`\det(xI-A)` for a matrix with entries in
:math:`\mathbb Q[p_1,\dots,p_s]` from ``nmod_mat.charpoly`` at interpolation nodes modulo the
62-bit primes of :mod:`symbolic_ness.algebra._interpolate` (plain polynomial interpolation,
integer CRT), exact by a-priori degree and coefficient bounds (see its docstring).

>>> import sympy as sp
>>> a, b, x = sp.symbols("a b x")
>>> sp.factor(charpoly_exact({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2, x))
x*(a + b + x)
"""
from __future__ import annotations

import random
from itertools import product
from math import comb
from typing import Mapping

import sympy as sp

from .._errors import CheckFailedError
from ._interpolate import PRIMES, _crt, _rand
from ._linalg_ring import PolyMatrix
from ._nmod_array import lowerset_interpolate, newton_tables
from .._log import staged

__all__ = ["charpoly_exact"]


def _int_poly_matrix(dok: Mapping, N: int):
    """``(B, gens, den)``: ``den * A`` as a :class:`PolyMatrix` over :math:`\\mathbb Z[p]`
    (``den`` the lcm of all coefficient denominators; raises ``NotPolynomialError``)."""
    from math import lcm
    from ._linalg_ring import _ctx, qq_poly_dict
    syms = set()
    for v in dok.values():
        syms |= sp.sympify(v).free_symbols
    gens = tuple(sorted(syms, key=lambda t: t.name))
    polys, den = {}, 1
    for (i, j), v in dok.items():
        v = sp.sympify(v)
        if v == 0:
            continue
        d = qq_poly_dict(v, gens, max(len(gens), 1))
        polys[(i, j)] = d
        for c in d.values():
            den = lcm(den, int(c.q))
    ctx = _ctx(tuple(g.name for g in gens))
    rows: dict = {}
    for (i, j), d in polys.items():
        rows.setdefault(i, {})[j] = ctx.from_dict({m: int(c * den) for m, c in d.items()})
    return PolyMatrix(gens, N, N, rows), gens, den


def _charpoly_bounds(B: PolyMatrix):
    """A priori bounds for :math:`\\det(xI-B)=\\sum_k c_k(p)x^k`.

    * per variable ``v``: :math:`\\deg_v c_k\\le\\sum_i\\max_j\\deg_v B_{ij}`, and the total
      degree :math:`\\le\\sum_i\\max_j\\deg B_{ij}` (every term of the Leibniz expansion takes
      one entry per row);
    * homogeneity: if all entries are homogeneous of one degree ``e``, :math:`c_k` is homogeneous
      of degree :math:`e(N-k)`;
    * coefficients: every integer coefficient of every :math:`c_k` is at most
      :math:`\\prod_i(1+\\sum_j\\|B_{ij}\\|_1)` in absolute value (1-norm of the Leibniz sum).
    """
    s = len(B.gens)
    dv = [0] * s
    norm = 1
    tdeg = set()
    dtot = 0
    for i in range(B.nrows):
        r = B.rows.get(i, {})
        rowmax = [0] * s
        rowtot = 0
        l1 = 0
        for e in r.values():
            for m, c in e.to_dict().items():
                l1 += abs(int(c))
                t = sum(int(x) for x in m[:s])
                tdeg.add(t)
                rowtot = max(rowtot, t)
                for v in range(s):
                    rowmax[v] = max(rowmax[v], int(m[v]))
        for v in range(s):
            dv[v] += rowmax[v]
        dtot += rowtot
        norm *= 1 + l1
    homog = tdeg.pop() if (len(tdeg) == 1 and s >= 2) else None
    if homog == 0:
        homog = None
    return dv, dtot, homog, norm


def _axis_solve(vals, axis_inv, p):
    """Apply the inverse Vandermonde matrices along the leading axes of the nested value array.

    ``vals``: dict ``{grid index tuple: [N+1 residues]}`` -> dict ``{exponent tuple: [...]}``.
    """
    import flint
    s = len(axis_inv)
    cur = vals
    for v in range(s):
        Vinv = axis_inv[v]
        n = Vinv.nrows()
        groups: dict = {}
        for idx, vec in cur.items():
            groups.setdefault(idx[:v] + idx[v + 1:], {})[idx[v]] = vec
        width = len(next(iter(cur.values())))
        out = {}
        keys = list(groups)
        cols = width * len(keys)
        flat = [0] * (n * cols)
        for kk, key in enumerate(keys):
            g = groups[key]
            for a in range(n):
                row = g[a]
                base = a * cols + kk * width
                flat[base:base + width] = row
        R = (Vinv * flint.nmod_mat(n, cols, flat, p)).entries()
        for kk, key in enumerate(keys):
            for a in range(n):
                base = a * cols + kk * width
                out[key[:v] + (a,) + key[v:]] = [int(x) for x in R[base:base + width]]
        cur = out
    return cur


def _lowerset_interpolate(values: dict, tables: list, D: int, width: int, p: int) -> dict:
    """Monomial coefficients of the polynomial of total degree ``<= D`` through ``values``
    (``{node index tuple: width residues}`` on the lower set :math:`|idx|\\le D`), by
    :func:`~symbolic_ness.algebra._nmod_array.lowerset_interpolate` (Newton divided differences)."""
    import numpy as np
    idx = list(values)
    X = np.array([values[i] for i in idx], dtype=np.uint64).reshape(len(idx), width)
    monos, C = lowerset_interpolate(idx, X, None, [D] * len(tables), D, p, tables=tables)
    return {m: [int(x) for x in row] for m, row in zip(monos, C) if row.any()}


@staged("modular characteristic polynomial", lambda dok, N, *a, **k: {"size": N})
def charpoly_exact(dok: Mapping, N: int, x: sp.Symbol | None = None, seed: int = 7,
                   info: dict | None = None) -> sp.Expr:
    r"""Characteristic polynomial :math:`\det(xI-A)` of the ``N×N`` matrix ``dok`` by evaluation–interpolation.

    Entries must be polynomials with rational coefficients in their symbols
    (``NotPolynomialError`` otherwise). With :math:`B=dA` over :math:`\mathbb Z[p]`:

    * **exact modulo each prime.** The a-priori degree bounds of :func:`_charpoly_bounds`
      (one variable fewer for homogeneous entries) define either a tensor grid with
      :math:`\prod_v(\deg_v+1)` points or, when smaller, the lower set :math:`|i|\le D` of
      tensor nodes (:math:`\binom{D+s}{s}` points, unisolvent for total degree :math:`D`); the
      coefficients are the unique polynomials within the bounds through the values of
      ``nmod_mat.charpoly`` at those points (Vandermonde solves per axis, or Newton divided
      differences), hence exact modulo the prime — no degree discovery, no sampling argument.
    * **exact over the integers.** Primes are added until their product exceeds twice the
      coefficient bound of :func:`_charpoly_bounds`; symmetric CRT residues are then the
      integers themselves.
    * A consistency check with python-flint's exact ``fmpz_mat.charpoly`` at a random integer
      point is kept (a safeguard against implementation errors, not the proof).

    Parameters
    ----------
    dok : mapping {(i, j): expr}
        The non-zero entries of A (polynomials with rational coefficients).
    N : int
        The matrix size N×N.
    x : sympy Symbol or None, default None
        The variable of the polynomial (``None``: ``Symbol("lambda")``).
    seed : int, default 7
        Seed of the random evaluation points (the result does not depend on it).
    info : dict or None, default None
        When given, filled with statistics of the run (primes, points).

    Returns
    -------
    sympy expression
        det(x I − A), expanded, with exact rational coefficients.

    Raises
    ------
    NotPolynomialError
        An entry is not a polynomial with rational coefficients.
    CheckFailedError
        The consistency check at a random integer point failed.

    Examples
    --------
    >>> g, r, x = sp.symbols("g r x")
    >>> sp.factor(charpoly_exact({(0, 0): -g, (0, 1): r, (1, 0): g, (1, 1): -r}, 2, x))
    x*(g + r + x)
    """
    import flint
    x = x if x is not None else sp.Symbol("lambda")
    B, gens, den = _int_poly_matrix(dok, N)
    s = len(gens)
    dv, dtot, homog, norm = _charpoly_bounds(B)
    free = list(range(s - 1)) if homog else list(range(s))  # homogeneous: the last variable is 1
    box = 1
    for v in free:
        box *= dv[v] + 1
    simplex = comb(dtot + len(free), len(free))
    lowerset = bool(free) and simplex < box
    rng = random.Random(seed)
    results, modulus, used = None, 1, 0
    for p in PRIMES:
        at = B.evaluator(p)
        nodes = []
        for v in free:
            pts: set = set()
            while len(pts) < (dtot if lowerset else dv[v]) + 1:
                pts.add(_rand(rng, p))
            nodes.append(sorted(pts))
        if lowerset:
            grid = [idx for idx in product(*[range(len(nd)) for nd in nodes]) if sum(idx) <= dtot]
        else:
            grid = product(*[range(len(nd)) for nd in nodes])
        vals = {}
        for idx in grid:
            pt = [0] * s
            for a, v in enumerate(free):
                pt[v] = nodes[a][idx[a]]
            if homog:
                pt[s - 1] = 1
            c = [int(x) for x in at(pt).charpoly().coeffs()]
            vals[idx] = c + [0] * (N + 1 - len(c))
        if lowerset:
            coef = _lowerset_interpolate(vals, [newton_tables(nd, p) for nd in nodes], dtot, N + 1, p)
        elif free:
            axis_inv = [flint.nmod_mat(len(nd), len(nd), [pow(t, e, p) for t in nd for e in range(len(nd))],
                                       p).inv() for nd in nodes]
            coef = _axis_solve(vals, axis_inv, p)
        else:
            coef = vals
        res = {}
        for expo, vec in coef.items():
            for c, val in enumerate(vec):
                if val:
                    res[(c, expo)] = val
        if results is None:
            results = res
        else:
            keys = set(results) | set(res)
            results = {kk: _crt(results.get(kk, 0), modulus, res.get(kk, 0), p) for kk in keys}
        modulus *= p
        used += 1
        if modulus > 2 * norm:
            break
    else:
        raise CheckFailedError("charpoly: coefficient bound exceeds the available primes")
    sym = {}
    for (c, expo), v in results.items():
        v = v if v <= modulus // 2 else v - modulus
        if v == 0:
            continue
        if homog:
            rest = homog * (N - c) - sum(expo)
            if rest < 0:
                raise CheckFailedError("charpoly: homogeneous degree bound violated")
            expo = tuple(expo) + (rest,)
        sym[(c, tuple(expo))] = v
    if info is not None:
        info.update(primes=used, grid=[len(nd) for nd in nodes] if s else [], homogeneous=bool(homog),
                    points=len(vals), lower_set=lowerset)
    # safeguard: exact integer characteristic polynomial at a random integer point
    pt = [rng.randrange(-10 ** 6, 10 ** 6) for _ in range(s)]
    Mz = flint.fmpz_mat(N, N)
    for i, r in B.rows.items():
        for j, e in r.items():
            Mz[i, j] = e(*pt) if s else int(e.to_dict().get((0,), 0))
    exact = [int(c) for c in Mz.charpoly().coeffs()]
    got = [0] * (N + 1)
    for (c, a), v in sym.items():
        got[c] += v * _mono_int(pt, a)
    if exact != got:
        raise CheckFailedError("charpoly: reconstruction failed its exact check")
    # det(x I - B/den) = den^-N det(den x I - B); c is the power of x
    dN = sp.Integer(den) ** N
    d = {(c,) + tuple(a): sp.Integer(v) * sp.Integer(den) ** c / dN for (c, a), v in sym.items()}
    return sp.Poly.from_dict(d, x, *gens, domain="QQ").as_expr()


def _mono_int(pt, a):
    v = 1
    for x, e in zip(pt, a):
        v *= x ** e
    return v
