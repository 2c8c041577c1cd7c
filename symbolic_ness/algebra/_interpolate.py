r"""Modular evaluation–interpolation: null spaces and characteristic polynomials of parameter matrices.

For a matrix :math:`A(p)` with entries in :math:`\mathbb Z[p_1,\dots,p_s]`
(:class:`~symbolic_ness.algebra._linalg_ring.PolyMatrix`) the primitive null vectors
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
   (:func:`~symbolic_ness.algebra._linalg_ring.certify_nullvectors`); a reconstruction that
   fails is never returned. With :math:`d` certified independent vectors and nullity
   :math:`d` at a point, the generic nullity is exactly :math:`d`.

:func:`~symbolic_ness.algebra._charpoly_modular.charpoly_exact` uses the same primes and CRT for
:math:`\det(\lambda I-A)` (its own module).

>>> import sympy as sp
>>> a, b = sp.symbols("a b", positive=True)
>>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
>>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
>>> pm.to_sympy(nullspace_interpolate(pm))
[[b, a]]
"""
from __future__ import annotations

import random
from typing import Sequence

import sympy as sp

from .._errors import CheckFailedError
from ._linalg_ring import PolyMatrix, certify_nullvectors, normalize_vector, nullspace_qq_int

__all__ = ["nullspace_interpolate", "modular_nullity", "PRIMES"]

def _primes_below(x: int, count: int) -> tuple:
    import flint
    out = []
    while len(out) < count:
        x -= 1
        if flint.fmpz(x).is_prime():
            out.append(x)
    return tuple(out)


PRIMES = _primes_below(2 ** 62, 32)  # 4611686018427387847, 4611686018427387817, ...
_ALL_PRIMES = [PRIMES]


def primes_list(count: int) -> tuple:
    """The ``count`` largest primes below :math:`2^{62}` in decreasing order: :data:`PRIMES`
    extended on demand (each further prime costs a few ms of primality tests once per process)."""
    have = _ALL_PRIMES[0]
    if count > len(have):
        have = _ALL_PRIMES[0] = have + _primes_below(have[-1], count - len(have))
    return have[:count]


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
    r"""Nullity of ``pm`` at a random point modulo ``p``: an upper bound of the generic nullity.

    The rank of :math:`A(p_0)\bmod p` at a point can only drop below the generic rank, so
    :math:`N-\operatorname{rank}` bounds the generic nullity from above (equality with high
    probability).

    Parameters
    ----------
    pm : PolyMatrix
        The matrix over :math:`\mathbb Z[p_1,\dots,p_s]`.
    rng : random.Random, optional
        Source of the random point (default: seeded 1).
    p : int
        The prime (default: the first 62-bit prime of :data:`PRIMES`).

    Returns
    -------
    int
        ``pm.ncols - rank``.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
    >>> a, b = sp.symbols("a b", positive=True)
    >>> modular_nullity(PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2))
    1
    """
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
    r"""Certified primitive null vectors (``fmpz_mpoly`` lists) of ``pm`` by evaluation–interpolation.

    Modulo each prime the null space is sampled along random lines, reconstructed by Padé
    approximation and dense interpolation in total degree :math:`\le D`, the primes are
    combined by CRT with rational reconstruction, and the vectors are certified exactly
    (:math:`Ax=0` over :math:`\mathbb Z[p]`).

    Parameters
    ----------
    pm : PolyMatrix
        The matrix over :math:`\mathbb Z[p_1,\dots,p_s]` (any nullity).
    seed : int
        Seed of the random choices (the certified result does not depend on it).
    max_primes : int
        At most this many 62-bit primes.
    info : dict, optional
        Receives ``free`` columns, degree ``D``, number of lines, evaluations and primes used.

    Returns
    -------
    list
        A basis of primitive null vectors, each a list of ``fmpz_mpoly``.

    Raises
    ------
    CheckFailedError
        If no reconstruction passes the exact certificate within ``max_primes`` primes.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
    >>> a, b = sp.symbols("a b", positive=True)
    >>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
    >>> pm.to_sympy(nullspace_interpolate(pm))
    [[b, a]]
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
