r"""Modular evaluation–interpolation: null spaces and characteristic polynomials of parameter matrices.

For a matrix :math:`A(p)` with entries in :math:`\mathbb Z[p_1,\dots,p_s]`
(:class:`~symbolic_ness.core._linalg_ring.PolyMatrix`) the primitive null vectors
:math:`w(p)\in\mathbb Z[p]^k` are reconstructed from null spaces of :math:`A(t)` at random
points :math:`t` modulo 62-bit primes (python-flint ``nmod_mat``), never by elimination on
symbols:

1. **rank and normalisation.** At a random point the reduced row echelon form gives the rank,
   the free columns :math:`F` and the null vectors :math:`v^{(f)}` with
   :math:`v^{(f)}_{F}=e_f` — the same normalisation as the field-path rref basis. Because
   the rank at a point modulo :math:`p` never exceeds the generic rank over
   :math:`\mathbb Q(p)`, the nullity read here is an *upper* bound.
2. **lines.** With the change of variables :math:`p_1=q_1`, :math:`p_j=q_j+b_jq_1`
   (random :math:`b`), the primitive vector satisfies :math:`w=c\,L\,v^{(f)}`, where
   :math:`L=\operatorname{lcm}` of the denominators of :math:`v^{(f)}` has a *constant*
   leading coefficient in :math:`q_1`. On every line :math:`q'=\text{const}` the
   denominator is found by univariate rational reconstruction (extended Euclid / Padé) of a
   random combination :math:`\sum_i r_iv_i`, made monic, and :math:`L v` interpolated —
   hence :math:`w/c` along the line, with one global constant :math:`c`. The first line
   (more points, checked at extra points) discovers the degrees.
3. **multivariate.** The coefficients of :math:`q_1^j` are polynomials in :math:`q'`
   of total degree :math:`\le D`; they are interpolated densely from lines at random
   :math:`q'` (one inverse evaluation matrix for all coordinates). Rows that are
   homogeneous in :math:`p` make :math:`w` homogeneous, and one more variable is set to 1.
4. **reconstruction.** Back-substitution :math:`q\to p` (``nmod_mpoly.compose``),
   normalisation of one coefficient to 1, rational reconstruction of every coefficient
   with CRT over as many primes as needed.
5. **certificate.** :math:`A\,w=0` is checked exactly in ``fmpz_mpoly`` arithmetic
   (:func:`~symbolic_ness.core._linalg_ring.certify_nullvectors`); a reconstruction that
   fails is never returned. With :math:`d` certified independent vectors and nullity
   :math:`d` at a point, the generic nullity is exactly :math:`d`.

:func:`charpoly_exact` uses the same machinery for :math:`\det(\lambda I-A)` (plain
polynomial interpolation, integer CRT, checked against exact characteristic polynomials at
a-priori degree and coefficient bounds: exact, see its docstring).

>>> import sympy as sp
>>> a, b = sp.symbols("a b", positive=True)
>>> from symbolic_ness.core._linalg_ring import PolyMatrix
>>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
>>> pm.to_sympy(nullspace_interpolate(pm))
[[b, a]]
>>> x = sp.Symbol("x")
>>> sp.factor(charpoly_exact({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2, x))
x*(a + b + x)
"""
from __future__ import annotations

import random
from itertools import product
from math import comb
from typing import Mapping, Sequence

import sympy as sp

from .._errors import CheckFailedError
from ._linalg_ring import (PolyMatrix, certify_nullvectors, normalize_vector, nullspace_qq_int)

__all__ = ["nullspace_interpolate", "charpoly_exact", "modular_nullity", "PRIMES"]

def _primes_below(x: int, count: int) -> tuple:
    import flint
    out = []
    while len(out) < count:
        x -= 1
        if flint.fmpz(x).is_prime():
            out.append(x)
    return tuple(out)


PRIMES = _primes_below(2 ** 62, 32)  # 4611686018427387847, 4611686018427387817, ...


def _rand(rng, p):
    return rng.randrange(1, p - 1)


def _pivots(R, rank, ncols):
    piv, row = [], 0
    for c in range(ncols):
        if row < rank and int(R[row, c]) != 0:
            piv.append(c)
            row += 1
            if row == rank:
                break
    return piv


def modular_nullity(pm: PolyMatrix, rng=None, p: int = PRIMES[0]) -> int:
    """Nullity of ``pm`` at a random point modulo ``p``: an upper bound of the generic nullity."""
    rng = rng or random.Random(1)
    A = pm.evaluator(p)([_rand(rng, p) for _ in pm.gens])
    return pm.ncols - A.rank()


def _monomials(m: int, D: int) -> list:
    """Exponent tuples of total degree ``<= D`` in ``m`` variables."""
    if m == 0:
        return [()]
    out = []
    for d in range(D + 1):
        for rest in _monomials(m - 1, D - d):
            out.append((d,) + rest)
    return out


def _poly_from_coeffs(coeffs, p):
    import flint
    return flint.nmod_poly([int(c) for c in coeffs], p)


def _pade(S, mpoly, dn_max, check):
    """Candidates ``(n, d)`` with ``n ≡ d S (mod m)`` along the Euclidean remainder sequence.

    ``check(n, d) -> bool`` selects the first valid candidate (``None`` if none passes).
    """
    r0, r1 = mpoly, S
    t0, t1 = S.__class__([0], S.modulus()), S.__class__([1], S.modulus())
    while True:
        if r1.degree() <= dn_max and not t1.is_zero():
            if check(r1, t1):
                lc = t1.leading_coefficient()
                return r1 * (1 / lc), t1 * (1 / lc)
        if r1.is_zero():
            return None
        q, rem = divmod(r0, r1)
        r0, r1 = r1, rem
        t0, t1 = t1, t0 - q * t1


class _Sampler:
    """Null vectors of a ``PolyMatrix`` at points modulo one prime, rref-normalised on ``free``."""

    def __init__(self, pm: PolyMatrix, p: int, rng):
        self.pm, self.p, self.rng = pm, p, rng
        self.at = pm.evaluator(p)
        self.k = pm.ncols
        self.free = None
        self.evals = 0

    def setup(self, point):
        A = self.at(point)
        R, rank = A.rref()
        piv = _pivots(R, rank, self.k)
        self.free = [c for c in range(self.k) if c not in set(piv)]
        return len(self.free)

    def vectors(self, point):
        """List over free columns of null vectors (lists of ints), or ``None`` at a degenerate point."""
        self.evals += 1
        X, nul = self.at(point).nullspace()
        d = len(self.free)
        if nul != d:
            return None
        out = []
        for c in range(d):
            v = [int(X[i, c]) for i in range(self.k)]
            for a, f in enumerate(self.free):
                if v[f] != (1 if a == c else 0):
                    return None
            out.append(v)
        return out


def _line_points(cprime, b, taus, p):
    return [[t] + [(c + bk * t) % p for c, bk in zip(cprime, b)] for t in taus]


class _LineSolver:
    """On a line through ``q'`` in the ``q_1`` direction: ``L·v^{(f)}`` as polynomials in ``q_1``."""

    def __init__(self, sampler: _Sampler, b, N: int, rng):
        import flint
        p = sampler.p
        self.s, self.p, self.b, self.N = sampler, p, b, N
        taus = set()
        while len(taus) < N + 3:
            taus.add(_rand(rng, p))
        taus = list(taus)
        self.taus, self.checks = taus[:N], taus[N:]
        V = flint.nmod_mat(N, N, [pow(t, e, p) for t in self.taus for e in range(N)], p)
        self.Vinv = V.inv()
        m = flint.nmod_poly([1], p)
        for t in self.taus:
            m = m * flint.nmod_poly([(-t) % p, 1], p)
        self.m = m
        self.r = [_rand(rng, p) for _ in range(sampler.k)]

    def solve(self, cprime, dn_max=None, dd_exact=None):
        """``[(den_degree, coefficient rows per coordinate)]`` per free column, or ``None``."""
        import flint
        p, k, N = self.p, self.s.k, self.N
        pts = _line_points(cprime, self.b, self.taus + self.checks, p)
        vals = []
        for pt in pts:
            v = self.s.vectors(pt)
            if v is None:
                return None
            vals.append(v)
        out = []
        for f in range(len(self.s.free)):
            sv = [sum(ri * vi for ri, vi in zip(self.r, vals[j][f])) % p for j in range(N + 3)]
            S = _poly_from_coeffs((self.Vinv * flint.nmod_mat(N, 1, sv[:N], p)).entries(), p)
            chk = [(self.checks[c], sv[N + c]) for c in range(3)]

            def ok(n, d):
                return all(d(t) != 0 and n(t) == y * d(t) for t, y in chk)
            res = _pade(S, self.m, N - 1 if dn_max is None else dn_max, ok)
            if res is None:
                return None
            _, den = res
            if dd_exact is not None and den.degree() != dd_exact:
                return None
            dv = [int(den(t)) for t in self.taus]
            W = flint.nmod_mat(N, k, [vals[j][f][i] * dv[j] % p for j in range(N) for i in range(k)], p)
            C = self.Vinv * W  # row e: coefficient of q1^e
            # checks: L v at the check points equals the interpolant there
            cv = [int(den(t)) for t in self.checks]
            coeff_rows = C.tolist()
            if dn_max is not None and any(int(coeff_rows[e][i]) for e in range(dn_max + 1, N) for i in range(k)):
                return None
            for c in range(3):
                t = self.checks[c]
                for i in (0, k // 2, k - 1):
                    acc = 0
                    for e in range(N - 1, -1, -1):
                        acc = (acc * t + int(coeff_rows[e][i])) % p
                    if acc != vals[N + c][f][i] * cv[c] % p:
                        return None
            out.append((den.degree(), [[int(coeff_rows[e][i]) for e in range(N)] for i in range(k)]))
        return out


def _row_homogeneous(pm: PolyMatrix) -> bool:
    for r in pm.rows.values():
        degs = set()
        for e in r.values():
            for m in e.to_dict():
                degs.add(sum(int(x) for x in m))
        if len(degs) > 1:
            return False
    return True


def _ratrecon(a: int, m: int):
    """Rational ``n/d ≡ a (mod m)`` with ``|n|, d <= sqrt(m/2)`` or ``None`` (Wang)."""
    from fractions import Fraction
    bound = int((m // 2) ** 0.5)
    r0, r1, t0, t1 = m, a % m, 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        t0, t1 = t1, t0 - q * t1
    if t1 == 0 or abs(t1) > bound:
        return None
    from math import gcd
    if gcd(r1, abs(t1)) != 1:
        return None
    return Fraction(r1, t1)


def _one_prime(pm: PolyMatrix, p: int, rng, info: dict):
    """Null vectors modulo ``p`` as ``[{(i, mono): coeff}]`` (one global constant per vector)."""
    import flint
    s = len(pm.gens)
    smp = _Sampler(pm, p, rng)
    for _ in range(5):
        d = smp.setup([_rand(rng, p) for _ in range(s)])
        if info.get("free") is None or smp.free == info["free"]:
            break
    else:
        raise CheckFailedError("interpolation: unstable pivot structure at random points")
    if info.get("free") is None:
        info["free"] = smp.free
    if d == 0:
        return []
    b = [_rand(rng, p) for _ in range(s - 1)]
    homog = info.setdefault("homogeneous", _row_homogeneous(pm) and s >= 2)
    # ---- degree discovery on one line
    if "D" not in info:
        N = 8
        while True:
            ls = _LineSolver(smp, b, N, rng)
            res = ls.solve([_rand(rng, p) for _ in range(s - 1)])
            if res is not None:
                D = max(max((max((e for e, c in enumerate(row) if c), default=0) for row in rows), default=0)
                        for _, rows in res)
                if D + 2 < N:
                    info["D"], info["Dd"] = D, [dd for dd, _ in res]
                    break
            N *= 2
            if N > 4096:
                raise CheckFailedError("interpolation: degree discovery did not converge")
    D, Dd = info["D"], info["Dd"]
    N = D + max(Dd) + 2
    ls = _LineSolver(smp, b, N, rng)
    m = s - 1 - (1 if homog else 0)
    monos = _monomials(m, D)
    for _attempt in range(4):
        pts = [[_rand(rng, p) for _ in range(m)] for _ in monos]
        G = flint.nmod_mat(len(monos), len(monos),
                           [_mono_val(pt, a, p) for pt in pts for a in monos], p)
        try:
            Ginv = G.inv()
        except ZeroDivisionError:
            continue
        lines = []
        for pt in pts:
            cprime = ([1] + pt) if homog else pt
            res = ls.solve(cprime, dn_max=D, dd_exact=None)
            if res is None or [dd for dd, _ in res] != Dd:
                break
            lines.append(res)
        if len(lines) == len(monos):
            break
    else:
        raise CheckFailedError("interpolation: no generic set of lines found")
    info["lines"] = info.get("lines", 0) + len(monos)
    info["evaluations"] = info.get("evaluations", 0) + smp.evals
    k = pm.ncols
    qnames = tuple(f"q{j}" for j in range(max(s, 1)))
    qctx = flint.nmod_mpoly_ctx.get(qnames, p, "lex")
    pctx = flint.nmod_mpoly_ctx.get(tuple(g.name for g in pm.gens), p, "lex")
    gens = pctx.gens()
    subs = [gens[0]] + [gens[j] - b[j - 1] * gens[0] for j in range(1, s)]
    out = []
    for f in range(len(info["free"])):
        vals = flint.nmod_mat(len(monos), k * (D + 1),
                              [lines[l][f][1][i][e] for l in range(len(monos)) for i in range(k)
                               for e in range(D + 1)], p)
        coef = (Ginv * vals).tolist()
        vec = {}
        for i in range(k):
            terms = {}
            for a, alpha in enumerate(monos):
                for e in range(D + 1):
                    c = int(coef[a][i * (D + 1) + e])
                    if c == 0:
                        continue
                    if homog:
                        rest = D - e - sum(alpha)
                        if rest < 0:
                            raise CheckFailedError("interpolation: degree bound violated")
                        expo = (e, rest) + tuple(alpha)
                    else:
                        if e + sum(alpha) > D:
                            raise CheckFailedError("interpolation: degree bound violated")
                        expo = (e,) + tuple(alpha)
                    terms[expo] = c
            if not terms:
                continue
            poly = qctx.from_dict(terms).compose(*subs, ctx=pctx) if s else None
            for mono, c in poly.to_dict().items():
                vec[(i, tuple(int(x) for x in mono))] = int(c)
        out.append(vec)
    return out


def _mono_val(pt, alpha, p):
    v = 1
    for x, e in zip(pt, alpha):
        if e:
            v = v * pow(x, e, p) % p
    return v


def nullspace_interpolate(pm: PolyMatrix, seed: int = 20240611, max_primes: int = 32,
                          info: dict | None = None) -> list:
    """Certified primitive null vectors (``fmpz_mpoly`` lists) of ``pm`` by evaluation–interpolation.

    ``info`` (optional dict) receives ``free`` columns, degree ``D``, number of lines,
    evaluations and primes used. Raises :class:`~symbolic_ness._errors.CheckFailedError` if no
    reconstruction passes the exact certificate within ``max_primes`` primes.
    """
    if pm.is_constant():
        return nullspace_qq_int(pm)
    from math import lcm
    rng = random.Random(seed)
    info = {} if info is None else info
    residues: list = []
    modulus = 1
    ctx = pm.ctx
    ref = None
    for np_, p in enumerate(PRIMES[:max_primes]):
        vecs = _one_prime(pm, p, rng, info)
        if not vecs:
            return []
        if ref is None:
            ref = [min(v) for v in vecs]  # a coefficient normalised to 1 in every prime
        normed = []
        for v, key in zip(vecs, ref):
            c = v.get(key, 0)
            if c == 0:
                raise CheckFailedError("interpolation: reference coefficient vanished modulo a prime")
            inv = pow(c, -1, p)
            normed.append({kk: x * inv % p for kk, x in v.items()})
        if not residues:
            residues = normed
        else:
            comb_ = []
            for old, new in zip(residues, normed):
                keys = set(old) | set(new)
                comb_.append({kk: _crt(old.get(kk, 0), modulus, new.get(kk, 0), p) for kk in keys})
            residues = comb_
        modulus *= p
        info["primes"] = np_ + 1
        out = []
        for v in residues:
            fr = {kk: _ratrecon(x, modulus) for kk, x in v.items() if x}
            if any(q is None for q in fr.values()):
                out = None
                break
            den = 1
            for q in fr.values():
                den = lcm(den, q.denominator)
            polys = [dict() for _ in range(pm.ncols)]
            for (i, mono), q in fr.items():
                polys[i][mono] = int(q.numerator * (den // q.denominator))
            out.append(normalize_vector([ctx.from_dict(d) for d in polys]))
        if out is None:
            continue
        try:
            certify_nullvectors(pm, out)
        except CheckFailedError:
            continue
        return out
    raise CheckFailedError("interpolation: no reconstruction passed the exact certificate")


def _crt(a, m, b, p):
    t = (b - a) * pow(m, -1, p) % p
    return a + m * t


# ------------------------------------------------------------------ charpoly
def _int_poly_matrix(dok: Mapping, N: int):
    """``(B, gens, den)``: ``den * A`` as a :class:`PolyMatrix` over :math:`\\mathbb Z[p]`
    (``den`` the lcm of all coefficient denominators; raises ``NotPolynomialError``)."""
    from math import lcm
    from ._linalg_ring import NotPolynomialError, _ctx
    syms = set()
    for v in dok.values():
        syms |= sp.sympify(v).free_symbols
    gens = tuple(sorted(syms, key=lambda t: t.name))
    polys, den = {}, 1
    for (i, j), v in dok.items():
        v = sp.sympify(v)
        if v == 0:
            continue
        try:
            P = sp.Poly(v, *gens, domain="QQ") if gens else None
        except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded) as e:
            raise NotPolynomialError(str(e)) from None
        if P is None:
            if not v.is_Rational:
                raise NotPolynomialError(str(v))
            d = {(0,): sp.Rational(v)}
        else:
            d = {tuple(m): sp.Rational(c) for m, c in P.as_dict().items()}
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


def _newton_tables(xs, p):
    """``(Einv, NB)`` for distinct nodes ``xs``: the inverse of :math:`E_{ia}=N_a(x_i)` (lower
    triangular; its leading blocks give divided differences on the first nodes) and the monomial
    coefficients ``NB[e, a]`` of the Newton basis :math:`N_a(x)=\\prod_{i<a}(x-x_i)`."""
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


def _lowerset_interpolate(values: dict, tables: list, D: int, width: int, p: int) -> dict:
    """Monomial coefficients of the polynomial of total degree ``<= D`` through ``values``.

    ``values[idx]`` (``idx`` over the lower set :math:`|idx|\\le D` of the tensor nodes) is a
    list of ``width`` residues; the lower set is unisolvent for total degree ``D`` (Newton
    divided differences along the first variable, recursion on the rest).
    """
    import flint
    if not tables:
        return {(): list(values[()])}
    Einv, NB = tables[0]
    by_rest: dict = {}
    for idx, vec in values.items():
        by_rest.setdefault(idx[1:], {})[idx[0]] = vec
    G = [dict() for _ in range(D + 1)]
    groups: dict = {}
    for rest, col in by_rest.items():
        groups.setdefault(len(col), []).append(rest)
    ent = Einv.entries()
    n_all = Einv.nrows()
    for m, rests in groups.items():
        T = flint.nmod_mat(m, m, [int(ent[i * n_all + j]) for i in range(m) for j in range(m)], p)
        cols = width * len(rests)
        flat = [0] * (m * cols)
        for kk, rest in enumerate(rests):
            col = by_rest[rest]
            for i in range(m):
                flat[i * cols + kk * width:i * cols + (kk + 1) * width] = col[i]
        R = (T * flint.nmod_mat(m, cols, flat, p)).entries()
        for kk, rest in enumerate(rests):
            for a in range(m):
                base = a * cols + kk * width
                G[a][rest] = [int(x) for x in R[base:base + width]]
    subs = [_lowerset_interpolate(G[a], tables[1:], D - a, width, p) for a in range(D + 1)]
    betas = sorted(set().union(*[set(sb) for sb in subs]))
    cols = width * len(betas)
    flat = [0] * ((D + 1) * cols)
    for a, sb in enumerate(subs):
        for kk, beta in enumerate(betas):
            vec = sb.get(beta)
            if vec is not None:
                flat[a * cols + kk * width:a * cols + (kk + 1) * width] = vec
    nb = NB.entries()
    n_nb = NB.nrows()
    NBD = flint.nmod_mat(D + 1, D + 1, [int(nb[e * n_nb + a]) for e in range(D + 1) for a in range(D + 1)], p)
    R = (NBD * flint.nmod_mat(D + 1, cols, flat, p)).entries()
    out = {}
    for e in range(D + 1):
        for kk, beta in enumerate(betas):
            base = e * cols + kk * width
            vec = [int(x) for x in R[base:base + width]]
            if any(vec):
                out[(e,) + beta] = vec
    return out


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
            coef = _lowerset_interpolate(vals, [_newton_tables(nd, p) for nd in nodes], dtot, N + 1, p)
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
