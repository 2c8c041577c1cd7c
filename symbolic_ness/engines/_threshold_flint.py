r"""The exact threshold route on the certified polynomial null vector (python-flint throughout).

For a qubit steady state with one symbol :math:`s` left, the reduced state of the kept sites is
:math:`\rho_K=2^{-k}\sum_Q (w_Q/w_0)\,Q` (:func:`~symbolic_ness.core._reduced.reduced_pauli_poly`,
the vector made primitive so the zeros of :math:`w_0` are exactly those of the steady state's
denominators). Its partial transpose is :math:`P(s)/(2^k w_0(s))` with
:math:`P=\sum_Q w_Q\,Q^{T_A}` (``Y`` on a site of A flips sign), a :math:`2^k\times 2^k` Hermitian
matrix of Gaussian integer polynomials. Its characteristic polynomial
:math:`\sum_j c_j(s)\lambda^j` (Faddeev–LeVerrier in ``fmpz_poly`` arithmetic, exact divisions)
has real coefficients; the critical points are the real roots of the lowest nonzero
:math:`c_j` (``"exact root"``) and of :math:`w_0` and of the steady state's rank-drop factors
(``SteadyState.rank_drop``: the null space is larger there; ``"non-unique point"``), isolated exactly
(:mod:`symbolic_ness.algebra._real_roots`). Between two critical points the number of negative
eigenvalues of :math:`\rho_K^{T_A}` is constant; it is counted exactly at a rational point by
Descartes' rule (exact for the real-rooted characteristic polynomial of a Hermitian matrix) with
the sign of :math:`w_0`. At a shared critical point of two entangled pieces the same count is
made at the algebraic point (exact signs of the :math:`c_j` there); a non-unique point is kept
as an edge (nothing is claimed there).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ..algebra._real_roots import (FlintRoot, sign_changes, rational_between, real_roots_of, root_expr, sign_at,
                                   sign_at_root)
from ..core._reduced import reduced_pauli_poly

__all__ = ["flint_threshold"]

_X = sp.Symbol("x")

_SITE = {"I": {(0, 0): (1, 0), (1, 1): (1, 0)}, "X": {(0, 1): (1, 0), (1, 0): (1, 0)},
         "Y": {(0, 1): (0, -1), (1, 0): (0, 1)}, "Z": {(0, 0): (1, 0), (1, 1): (-1, 0)}}


def _string(label: str) -> dict:
    """``{(i, j): (re, im)}`` of the Pauli string (site 0 the leftmost factor), integer entries."""
    out = {(0, 0): (1, 0)}
    for c in label:
        nxt = {}
        for (i, j), (a, b) in out.items():
            for (p, q), (x, y) in _SITE[c].items():
                nxt[(2 * i + p, 2 * j + q)] = (a * x - b * y, a * y + b * x)
        out = nxt
    return out


def _univariate(e):
    import flint
    d = e.to_dict()
    if not d:
        return flint.fmpz_poly([])
    deg = max(m[0] for m in d)
    cs = [0] * (deg + 1)
    for m, c in d.items():
        cs[m[0]] += int(c)
    return flint.fmpz_poly(cs)


def _from_sympy(f, sym):
    """``fmpz_poly`` with the real roots of the polynomial ``f`` in ``sym`` (denominators cleared)."""
    import flint
    P = sp.Poly(sp.expand(f), sym)
    cs = P.all_coeffs()[::-1]
    den = sp.ilcm(*[sp.Rational(c).q for c in cs]) if cs else 1
    return flint.fmpz_poly([int(sp.Rational(c) * den) for c in cs])


def _charpoly(Re, Im) -> list:
    """``[c_0, ..., c_d]`` (``fmpz_poly``) of :math:`\\det(\\lambda-H)`, ``H = Re + i Im``
    Hermitian (Faddeev–LeVerrier; the divisions by k are exact over the integers)."""
    import flint
    d = len(Re)
    zero = flint.fmpz_poly([])
    c = [zero] * (d + 1)
    c[d] = flint.fmpz_poly([1])
    Mr = [[zero] * d for _ in range(d)]
    Mi = [[zero] * d for _ in range(d)]
    for k in range(1, d + 1):
        # M_k = H M_{k-1} + c_{d-k+1} I
        Nr = [[zero] * d for _ in range(d)]
        Ni = [[zero] * d for _ in range(d)]
        for i in range(d):
            for j in range(d):
                sr, si = zero, zero
                for t in range(d):
                    ar, ai, br, bi = Re[i][t], Im[i][t], Mr[t][j], Mi[t][j]
                    if not br.is_zero() or not bi.is_zero():
                        sr = sr + ar * br - ai * bi
                        si = si + ar * bi + ai * br
                Nr[i][j], Ni[i][j] = sr, si
            Nr[i][i] = Nr[i][i] + c[d - k + 1]
        Mr, Mi = Nr, Ni
        tr = zero
        for i in range(d):
            for t in range(d):
                tr = tr + Re[i][t] * Mr[t][i] - Im[i][t] * Mi[t][i]
        cs = [int(x) for x in tr.coeffs()]
        if any(x % k for x in cs):
            raise ArithmeticError("non-integer characteristic polynomial coefficient")
        c[d - k] = -flint.fmpz_poly([x // k for x in cs])
    return c


def _negatives(csigns, dsign) -> int:
    """Negative eigenvalues of :math:`P/w_0` from the signs of the charpoly coefficients of P
    (``c_0..c_d``) and of :math:`w_0` (Descartes, exact for real-rooted polynomials)."""
    if dsign > 0:
        return sign_changes([s * (-1) ** j for j, s in enumerate(csigns)])  # roots of p(-x) > 0
    return sign_changes(csigns)


def flint_threshold(ss, sym, lo, hi, keep, A, n):
    """``(intervals, kinds)`` of the exact threshold of the steady state ``ss`` (qubits, lazy
    exact, one symbol ``sym``) for the partial transpose on ``A`` of the reduced state on
    ``keep``; ``None`` when this route does not apply (then the sympy route runs)."""
    if len(keep) > 3:
        return None
    got = reduced_pauli_poly(ss, keep, n, primitive=True)
    if got is None:
        return None
    gens, labels, nums = got
    if len(gens) != 1 or gens[0] != sym:
        return None
    bounds = []
    for b in (lo, hi):
        if b is not None and not sp.sympify(b).is_Rational:
            return None
        bounds.append(None if b is None else Fraction(int(b.p), int(b.q)))
    flo, fhi = bounds
    import flint
    k = len(keep)
    d = 2 ** k
    zero = flint.fmpz_poly([])
    Re = [[zero] * d for _ in range(d)]
    Im = [[zero] * d for _ in range(d)]
    for lab, e in zip(labels, nums):
        if e.is_zero():
            continue
        p = _univariate(e)
        sign = (-1) ** sum(1 for a in A if lab[a] == "Y")  # Y^T = -Y on the transposed sites
        for (i, j), (a, b) in _string(lab).items():
            if a:
                Re[i][j] = Re[i][j] + sign * a * p
            if b:
                Im[i][j] = Im[i][j] + sign * b * p
    c = _charpoly(Re, Im)
    low = next(x for x in c if not x.is_zero())
    den = _univariate(nums[0])
    drops = [(_from_sympy(f, sym), "non-unique point") for f in getattr(ss, "rank_drop", ())
             if sp.sympify(f).has(sym)]
    roots = real_roots_of([(low, "exact root"), (den, "non-unique point")] + drops, flo, fhi)

    def kind(r):
        return "non-unique point" if "non-unique point" in r.tag else "exact root"

    def inside(r):
        for b in (flo, fhi):
            while b is not None and not r.exact and r.lo <= b <= r.hi:
                r.refine()  # the root is irrational: the interval leaves the rational b
        return (flo is None or r.lo > flo) and (fhi is None or r.hi < fhi)

    pts = [r for r in roots if inside(r)]
    edges = [flo] + pts + [fhi]

    def entangled_at(t: Fraction) -> bool:
        return _negatives([sign_at(x, t) for x in c], sign_at(den, t)) > 0

    def entangled_at_root(r: FlintRoot) -> bool:
        return _negatives([sign_at_root(x, r) for x in c], sign_at_root(den, r)) > 0

    segs = [(a, b, entangled_at(rational_between(a, b))) for a, b in zip(edges[:-1], edges[1:])]
    out = []
    for a, b, neg in segs:
        if not neg:
            continue
        if out and isinstance(a, FlintRoot) and out[-1][1] is a and kind(a) == "exact root" and entangled_at_root(a):
            out[-1][1] = b
            continue
        out.append([a, b])

    def expr(e, dom):
        if e is None:
            return None, "domain end"
        if isinstance(e, FlintRoot):
            return root_expr(e, _X), kind(e)  # CRootOf printed in x, as sympy's real_roots
        return dom, "domain end"

    ivs, kinds = [], []
    for a, b in out:
        (ea, ka), (eb, kb) = expr(a, lo), expr(b, hi)
        ivs.append((ea, eb))
        kinds.append((ka, kb))
    return ivs, kinds
