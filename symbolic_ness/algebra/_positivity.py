r"""Exact sign certificates on a declared parameter domain (sufficient tests, never sampling).

The domain of an expression is the one its symbols declare (sympy assumptions,
:func:`symbol_domain`) cut down by optional closed intervals ``bounds={symbol: (lo, hi)}``.
An interval is removed by the substitution :math:`x=(lo+hi\,u)/(1+u)`, :math:`u\ge 0`
(which sweeps :math:`[lo,hi)`), plus the end point :math:`x=hi`; with ``closed=False`` the
interval is open: :math:`u>0` only (sweeps :math:`(lo,hi)`).

* :func:`certify_nonnegative` / :func:`certify_positive`: a short string naming the
  certificate that :math:`f\ge 0` / :math:`f>0` on the whole domain, or ``None`` (never
  "negative", only "not certified": callers keep the expression — sound or silent).
  A rational function is certified through the signs of its numerator and denominator
  (factor by factor, then after cancellation), each polynomial by: exact sign of a number;
  every monomial of one sign; exact factorization (python-flint) into squares and certified
  factors; exact real-root counting (Sturm) in one variable; coefficients in one variable
  certified recursively, or a discriminant for a quadratic in it. Other expressions
  (radicals, ...) fall back to sympy's own sign reasoning on the factored form.
* :func:`certified_nonzero`: the monomial test alone (``F`` or ``-F``), and
  :func:`amgm_certificate`: an explicit AM–GM sum-of-squares witness on the positive orthant.
* :func:`find_violation`: a point of the domain (exact rationals) where :math:`f<0` or
  :math:`f` is not real, or ``None`` — a search, never a certificate; it turns "not
  certified" into "certainly false" when it succeeds.

>>> x, y = sp.symbols("x y", positive=True)
>>> certify_nonnegative((x - y)**2 / (x + 1))
'square factors / nonnegative coefficients'
>>> certify_positive(1 - x, {x: (0, 1)}), certify_positive(1 - x, {x: (0, 1)}, closed=False)
(None, 'exact number / nonnegative coefficients')
>>> c = sp.Symbol("c", real=True)
>>> certify_nonnegative(y * (1 - c), {c: (-1, 1)}) is not None, certify_nonnegative(y * c, {c: (-1, 1)})
(True, None)
>>> sorted(find_violation(y * c, {c: (-1, 1)}).items(), key=str)[0][1] < 0
True
"""
from __future__ import annotations

import functools
import itertools
import random
from typing import Mapping

import sympy as sp

from .._errors import CheckFailedError
from ._polys import cancel, factor_list

__all__ = ["certify_nonnegative", "certify_positive", "certified_nonzero", "amgm_certificate", "find_violation", "symbol_domain"]


def symbol_domain(s: sp.Symbol) -> str:
    """The declared domain of a symbol from its sympy assumptions: ``"positive"``,
    ``"nonnegative"``, ``"negative"``, ``"nonpositive"`` or ``"real"`` (a symbol without a
    sign assumption is taken real: states are Hermitian only for real parameters).

    Parameters
    ----------
    s : sympy Symbol
        The symbol whose assumptions are read.

    Returns
    -------
    str
        One of ``"positive"``, ``"nonnegative"``, ``"negative"``, ``"nonpositive"``, ``"real"``.

    Examples
    --------
    >>> symbol_domain(sp.Symbol("a", nonnegative=True)), symbol_domain(sp.Symbol("b"))
    ('nonnegative', 'real')
    """
    for name in ("positive", "nonnegative", "negative", "nonpositive"):
        if getattr(s, "is_" + name):
            return name
    return "real"


def certify_nonnegative(expr, bounds: Mapping | None = None, *, closed: bool = True,
                        depth: int = 0) -> str | None:
    r"""A certificate (a short string) that ``expr`` is :math:`\ge 0` on the whole declared
    domain of its symbols and ``bounds`` (see the module), or ``None`` if none is found.

    Parameters
    ----------
    expr : sympy expression
        A rational function of its symbols (other expressions use sympy's sign reasoning).
    bounds : mapping {Symbol: (lo, hi)} or None, default None
        Extra closed intervals cutting down the declared domain of those symbols.
    closed : bool, default True
        ``False``: the ``bounds`` intervals are open (end points excluded).
    depth : int, default 0
        Recursion depth (internal; callers leave 0).

    Returns
    -------
    str or None
        The certificate of f ≥ 0 on the whole domain, or ``None`` when none is found (which
        does not mean f < 0 somewhere: see :func:`find_violation`).

    Examples
    --------
    >>> x, y = sp.symbols("x y", positive=True)
    >>> certify_nonnegative(x**2 - 2*x*y + y**2)
    'square factors'
    >>> certify_nonnegative(x**2 - x + 1)
    'no sign change on the domain (exact real-root count)'
    >>> certify_nonnegative(x - y) is None
    True
    >>> z = sp.Symbol("z", real=True)
    >>> certify_nonnegative(z**2 + 2*z*x + 2*x**2)
    'discriminant in x'
    """
    return _on_domain(expr, bounds, closed, strict=False, depth=depth)


def certify_positive(expr, bounds: Mapping | None = None, *, closed: bool = True) -> str | None:
    r"""A certificate that ``expr`` is :math:`> 0` on the whole declared domain of its symbols
    and ``bounds`` (see the module), or ``None``.

    Parameters
    ----------
    expr : sympy expression
        A rational function of its symbols.
    bounds : mapping {Symbol: (lo, hi)} or None, default None
        Extra closed intervals cutting down the declared domain of those symbols.
    closed : bool, default True
        ``False``: the ``bounds`` intervals are open.

    Returns
    -------
    str or None
        The certificate of f > 0 on the whole domain, or ``None``.

    Examples
    --------
    >>> g, r = sp.symbols("g r", positive=True)
    >>> certify_positive((g + r) / (2 * g * r + 1)), certify_positive(g - r)
    ('nonnegative coefficients / nonnegative coefficients', None)
    >>> certify_positive(-(g + 1) / (-(r + 1)))
    'nonnegative coefficients / nonnegative coefficients'
    >>> n = sp.Symbol("n", nonnegative=True)
    >>> certify_nonnegative(n), certify_positive(n), certify_positive(n + 1)
    ('nonnegative coefficients', None, 'nonnegative coefficients')
    """
    return _on_domain(expr, bounds, closed, strict=True, depth=0)


def certified_nonzero(F) -> bool:
    r"""True if the polynomial ``F`` is certified non-zero on the parameters' domain by its
    monomials alone (the cheap first step of :func:`certify_positive`, for ``F`` or ``-F``):
    every monomial :math:`\ge 0` on the domain (nonnegative symbols with any power, other
    symbols with even powers), all coefficients of one sign, and one monomial :math:`>0`
    everywhere (only positive symbols, or a constant).

    Parameters
    ----------
    F : sympy expression
        A polynomial in its symbols (or a number).

    Returns
    -------
    bool
        ``True`` when F (or −F) passes the monomial test; ``False`` proves nothing.

    Examples
    --------
    >>> g, r = sp.symbols("g r", positive=True)
    >>> certified_nonzero(4 * g + r), certified_nonzero(4 * g - r), certified_nonzero(-g * r - 1)
    (True, False, True)
    """
    F = sp.expand(sp.sympify(F))
    if F.is_number:
        return F != 0
    gens = _gens(F)
    mt = _monomial_test(sp.Poly(F, *gens), gens)
    if mt is None:
        return False
    signs, strict_term = mt
    return strict_term and (signs <= {0, 1} or signs <= {0, -1})


def amgm_certificate(F, gens):
    r"""An explicit witness that the polynomial ``F`` is :math:`\ge 0` on the open positive orthant
    of ``gens`` (a sum of AM–GM squares plus nonnegative coefficients).

    Greedy AM–GM search: every negative term :math:`-cM` is cancelled against two
    positive terms :math:`M_1=gA^2`, :math:`M_2=gB^2` with :math:`M=gAB`, using
    :math:`\tfrac c2 g(A-B)^2=\tfrac c2M_1-cM+\tfrac c2M_2`. Returns
    ``(remainder, squares)`` with ``F == remainder + sum(k*g*(A-B)**2)`` checked by
    expansion and ``remainder`` a polynomial with nonnegative coefficients (so
    ``F >= 0``, and ``F > 0`` if ``remainder != 0``); ``None`` if the search fails.

    Parameters
    ----------
    F : sympy expression
        A polynomial in ``gens``.
    gens : sequence of sympy Symbols
        The variables (taken positive).

    Returns
    -------
    tuple or None
        ``(remainder, [(k, g, A, B), ...])`` with F = remainder + Σ k·g·(A − B)² and remainder
        with nonnegative coefficients; ``None`` when the greedy search fails.

    Examples
    --------
    >>> x, y = sp.symbols("x y", positive=True)
    >>> F = 1 + x**3*y + x*y**3 - 2*x**2*y**2
    >>> rem, sq = amgm_certificate(F, (x, y))
    >>> rem, len(sq), sp.expand(rem + sum(k*g*(u - w)**2 for k, g, u, w in sq) - F)
    (1, 1, 0)
    """
    P = sp.Poly(sp.expand(F), *gens)
    terms = {m: sp.sympify(c) for m, c in P.terms()}
    squares = []

    def mon(e):
        return sp.Mul(*[g ** k for g, k in zip(gens, e)])

    for mono in sorted([m for m, c in terms.items() if c < 0]):
        need = -terms[mono]
        for m1 in sorted(terms):
            if need == 0:
                break
            if terms[m1] <= 0 or m1 == mono:
                continue
            m2 = tuple(2 * e - e1 for e, e1 in zip(mono, m1))
            if any(e < 0 for e in m2) or m2 == m1 or terms.get(m2, 0) <= 0:
                continue
            g = tuple(min(a, b) for a, b in zip(m1, m2))
            A2 = [a - b for a, b in zip(m1, g)]
            B2 = [a - b for a, b in zip(m2, g)]
            if any(e % 2 for e in A2 + B2):
                continue
            amount = min(need, 2 * terms[m1], 2 * terms[m2])
            terms[m1] -= amount / 2
            terms[m2] -= amount / 2
            terms[mono] += amount
            need -= amount
            squares.append((amount / 2, mon(g), mon([e // 2 for e in A2]), mon([e // 2 for e in B2])))
        if need != 0:
            return None
    rem = sp.Add(*[c * mon(m) for m, c in terms.items() if c != 0])
    if any(c < 0 for c in terms.values()):
        return None
    check = sp.expand(F - rem - sp.Add(*[k * g * (a - b) ** 2 for k, g, a, b in squares]))
    if check != 0:
        raise CheckFailedError("certificate identity failed")
    return rem, squares


def find_violation(expr, bounds: Mapping | None = None, *, tries: int = 300, seed: int = 0) -> dict | None:
    r"""A point ``{symbol: Rational}`` of the declared domain (and ``bounds``) where ``expr``
    is negative or not real, found by a seeded random search (exact substitution, 20-digit
    evaluation), or ``None`` if no such point was found (which proves nothing).

    Parameters
    ----------
    expr : sympy expression
        The expression whose sign is tested.
    bounds : mapping {Symbol: (lo, hi)} or None, default None
        Extra closed intervals cutting down the declared domain of those symbols.
    tries : int, default 300
        Number of random points.
    seed : int, default 0
        Seed of the search (results are reproducible).

    Returns
    -------
    dict or None
        ``{symbol: Rational}`` with expr < 0 (or not real) there, ``{}`` for a negative
        number, ``None`` if no point was found.

    Examples
    --------
    >>> k = sp.Symbol("k", positive=True)
    >>> find_violation(k - 1)[k] < 1, find_violation(k + 1), find_violation(sp.Integer(-2))
    (True, None, {})
    """
    expr = sp.sympify(expr)
    bounds = dict(bounds or {})
    rng = random.Random(seed)
    free = sorted(expr.free_symbols, key=lambda s: s.name)
    for _ in range(tries if free else 1):
        pt = {}
        for s in free:
            if s in bounds:
                lo, hi = (float(b) for b in bounds[s])
                pt[s] = sp.Rational(repr(rng.uniform(lo, hi)))
            elif s.is_integer:
                pt[s] = sp.Integer(rng.randint(1 if s.is_positive else (0 if s.is_nonnegative else -5), 5))
            elif s.is_positive or s.is_nonnegative:
                pt[s] = sp.Rational(repr(rng.choice([rng.uniform(0, 2), rng.uniform(0, 50)])))
            elif s.is_negative or s.is_nonpositive:
                pt[s] = -sp.Rational(repr(rng.choice([rng.uniform(0, 2), rng.uniform(0, 50)])))
            else:
                pt[s] = sp.Rational(repr(rng.uniform(-20, 20)))
        v = sp.N(expr.subs(pt), 20)
        if v.is_real is False or (v.is_real and v < 0):
            return pt
    return None


# --------------------------------------------------------------------------------------------
# the domain: interval substitutions and sign-declared symbols
def _pieces(expr, bounds, closed):
    """``expr`` with every bounded symbol replaced by the interval map (and the end point)."""
    syms = sorted((s for s in (bounds or {}) if s in expr.free_symbols), key=lambda s: s.name)
    if not syms:
        return [expr]
    for s in syms:
        lo, hi = (sp.sympify(b) for b in bounds[s])
        if not (lo.is_real and hi.is_real and lo < hi):
            raise ValueError(f"bounds[{s}] = {bounds[s]}: need real lo < hi")
    us = [sp.Dummy(f"u_{s.name}", nonnegative=True) if closed else sp.Dummy(f"u_{s.name}", positive=True)
          for s in syms]
    out = []
    for at_hi in itertools.product((False, True) if closed else (False,), repeat=len(syms)):
        sub = {}
        for s, u, h in zip(syms, us, at_hi):
            lo, hi = (sp.sympify(b) for b in bounds[s])
            sub[s] = hi if h else (lo + hi * u) / (1 + u)
        out.append(expr.xreplace(sub))
    return out


def _flip_negative(expr):
    """Symbols declared <= 0 (< 0) replaced by -t with t >= 0 (> 0)."""
    neg = {s: -(sp.Dummy(s.name, positive=True) if s.is_negative else sp.Dummy(s.name, nonnegative=True))
           for s in expr.free_symbols if s.is_negative or s.is_nonpositive}
    return expr.xreplace(neg) if neg else expr


def _on_domain(expr, bounds, closed, strict, depth):
    expr = sp.sympify(expr)
    if expr.is_number:
        s = _number_sign(expr)
        return "exact number" if s is not None and (s > 0 or (s == 0 and not strict)) else None
    methods = []
    for piece in _pieces(expr, bounds, closed):
        m = _certify_expr(_flip_negative(piece), strict, depth)
        if m is None:
            return None
        methods.append(m)
    return methods[0] if len(set(methods)) == 1 else "; ".join(dict.fromkeys(methods))


def _number_sign(c):
    c = sp.sympify(c)
    if c == 0:
        return 0
    if c.is_positive:
        return 1
    if c.is_negative:
        return -1
    return None


# --------------------------------------------------------------------------------------------
# expressions: numerator / denominator signs, then sympy's reasoning
_POS, _NNEG = (1, True), (1, False)


def _certify_expr(e, strict, depth):
    if e.is_number:
        s = _number_sign(e)
        return "exact number" if s is not None and (s > 0 or (s == 0 and not strict)) else None
    if e.is_polynomial():
        return _certify(sp.expand(e), depth, strict)
    want = (lambda sg: sg is not None and sg[0] == 1 and (sg[1] or not strict))
    for form in ("together", "cancel"):
        try:
            if form == "together":
                num, den = sp.fraction(sp.together(e))
                sn, sd = _product_sign(num, depth), _product_sign(den, depth)
            else:
                if not e.is_rational_function():
                    continue
                num, den = cancel(e)
                sn, sd = _poly_sign(sp.expand(num), depth), _poly_sign(sp.expand(den), depth)
        except sp.PolynomialError:
            continue
        if sn is None or sd is None or not sd[1]:
            continue
        if sn[0] == 0:
            if not strict:
                return "identically zero"
            continue
        sign = (sn[0] * sd[0], sn[1])
        if want(sign):
            return f"{sn[2]} / {sd[2]}"
    if e.is_rational_function():
        return None  # the polynomial certificates above are the stronger tests here
    f = sp.factor(sp.together(e))
    if (f.is_positive if strict else f.is_nonnegative) is True:
        return "sympy sign of the factored form"
    return None


@functools.lru_cache(maxsize=4096)
def _poly_sign(p, depth):
    """``(sign, strict, certificate)`` of an expanded polynomial, ``(0, False, ...)`` if it is
    zero, ``None`` if not certified."""
    if p == 0:
        return 0, False, "zero"
    for sg, q in ((1, p), (-1, -p)):
        c = _certify(q, depth, True)
        if c is not None:
            return sg, True, c
    for sg, q in ((1, p), (-1, -p)):
        c = _certify(q, depth, False)
        if c is not None:
            return sg, False, c
    return None


def _product_sign(e, depth):
    """``(sign, strict, certificate)`` of a product of numbers and powers of polynomials."""
    sign, strict, certs = 1, True, []
    for fac in sp.Mul.make_args(e):
        if fac.is_number:
            s = _number_sign(fac)
            if s is None or not fac.is_extended_real:
                return None
            if s == 0:
                return 0, False, "zero"
            sign *= s
            continue
        base, ex = fac.as_base_exp()
        if not (ex.is_Rational and base.is_polynomial()):
            return None
        bs = _poly_sign(sp.expand(base), depth)
        if bs is None and ex.is_Integer and ex > 0 and ex % 2 == 0 and base.is_extended_real:
            bs = (1, False, "square factors")  # an even power of a real polynomial
        if bs is None or bs[0] == 0:
            return None if bs is None else (0, False, "zero")
        s, st, c = bs
        if ex < 0 and not st:
            return None  # a pole on the domain
        if ex.is_Integer:
            if ex % 2 == 0:
                s = 1
        elif s < 0:  # a real root of a negative number
            return None
        sign *= s
        strict = strict and st
        certs.append(c)
    certs = list(dict.fromkeys(certs)) or ["exact number"]
    return sign, strict, "; ".join(certs)


# --------------------------------------------------------------------------------------------
# polynomials
def _gens(p):
    return sorted(p.free_symbols, key=lambda s: s.name)


def _nonneg_var(s) -> bool:
    return bool(s.is_nonnegative)


def _monomial_test(P, gens):
    """``(signs of the coefficients, some term strictly positive)`` or ``None`` if a monomial
    can change sign."""
    signs, strict_term = set(), False
    for mono, c in P.terms():
        cs = _number_sign(c)
        if cs is None:
            return None
        if any(e % 2 == 1 and not _nonneg_var(g) for g, e in zip(gens, mono)):
            return None
        signs.add(cs)
        if cs != 0 and all(e == 0 or g.is_positive for g, e in zip(gens, mono)):
            strict_term = True
    return signs, strict_term


@functools.lru_cache(maxsize=16384)
def _certify(p, depth, strict=False):
    """Certificate that the expanded polynomial ``p`` is >= 0 (> 0 if ``strict``) on the
    declared domain of its symbols (symbols declared <= 0 already flipped)."""
    if p.is_number:
        s = _number_sign(p)
        return "exact number" if s is not None and (s > 0 or (s == 0 and not strict)) else None
    gens = _gens(p)
    try:
        P = sp.Poly(p, *gens)
    except sp.PolynomialError:
        return None
    mt = _monomial_test(P, gens)
    if mt is not None:
        signs, strict_term = mt
        if signs <= {0, 1} and (strict_term or not strict):
            return "nonnegative coefficients"
        if signs <= {0, -1}:
            return None  # certified <= 0 and not identically zero
    if len(gens) == 1:
        r = _sturm(P, gens[0], strict)
        if r is not None:
            return r
    if depth > 2:
        return None
    if P.domain.is_ZZ or P.domain.is_QQ:
        c, fl = factor_list(p)
        if len(fl) > 1 or any(m > 1 for _, m in fl):
            sign, methods = _number_sign(c), set()
            if sign is None:
                return None
            for f, m in fl:
                if m % 2 == 0:
                    if strict and not (_certify(sp.expand(f), depth + 1, True)
                                       or _certify(sp.expand(-f), depth + 1, True)):
                        return None
                    methods.add("square factors")
                    continue
                mp = _certify(sp.expand(f), depth + 1, strict)
                if mp is not None:
                    methods.add(mp)
                    continue
                mn = _certify(sp.expand(-f), depth + 1, strict)
                if mn is None:
                    return None
                methods.add(mn)
                sign = -sign
            if sign > 0:
                return "square factors" if methods == {"square factors"} else \
                    "factored: " + "; ".join(sorted(methods))
            return None
    for x in gens:
        parts = sp.Poly(p, x).all_coeffs()[::-1]  # a_0, a_1, ...
        if _nonneg_var(x):
            if all(_certify(sp.expand(a), depth + 1) for a in parts) and (
                    not strict or _certify(sp.expand(parts[0]), depth + 1, True)
                    or (x.is_positive and any(_certify(sp.expand(a), depth + 1, True) for a in parts))):
                return f"coefficients in {x} certified"
        if len(parts) == 3:
            C, B, A = (sp.expand(a) for a in parts)
            if _certify(A, depth + 1, strict) and _certify(C, depth + 1, strict):
                if _certify(sp.expand(4 * A * C - B ** 2), depth + 1, strict):
                    return f"discriminant in {x}"
    return None


def _sturm(P, x, strict=False):
    """Univariate polynomial P >= 0 (> 0) on the declared domain of x, by exact real-root
    counting."""
    dom = symbol_domain(x)
    lo, hi = {"positive": (0, sp.oo), "nonnegative": (0, sp.oo)}.get(dom, (-sp.oo, sp.oo))
    P = sp.Poly(P.as_expr(), x, domain="QQ") if not (P.domain.is_ZZ or P.domain.is_QQ) else P
    if not (P.domain.is_ZZ or P.domain.is_QQ):
        return None
    _, sqf = P.sqf_list()
    for q, mult in sqf:
        if mult % 2 == 0 and not strict:
            continue
        cnt = q.count_roots(lo, hi)
        # count_roots counts roots in the closed interval; a root at an excluded end is harmless
        if lo != -sp.oo and q.eval(lo) == 0 and (dom == "positive" or not strict):
            cnt -= 1
        if cnt:
            return None
    for t in (1, 2, sp.Rational(1, 2), 3, sp.Rational(1, 3), 5, 7, 11, 13, 17):
        v = P.eval(t)
        if v != 0:
            return "no sign change on the domain (exact real-root count)" if v > 0 else None
    return None
