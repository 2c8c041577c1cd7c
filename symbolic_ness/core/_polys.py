"""Fast exact polynomial helpers (python-flint underneath, sympy fallback).

:func:`factor` factors a rational function of the parameters with
python-flint's ``fmpz_mpoly.factor`` (multivariate factorization over the
integers), which is orders of magnitude faster than sympy's own for the
large numerators that exact steady states produce.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> factor((x**2 - y**2) / (2*x + 2*y)**2)
(x - y)/(4*(x + y))
"""
from __future__ import annotations

import sympy as sp

__all__ = ["factor", "factor_polynomial", "factor_list"]


def _flint_factor_terms(terms: dict, nvars: int):
    try:
        import flint
        ctx = flint.fmpz_mpoly_ctx.get(tuple(f"v{k}" for k in range(nvars)), "lex")
    except Exception:  # pragma: no cover - python-flint missing or too old
        return None
    poly = ctx.from_dict({tuple(m): int(c) for m, c in terms.items()})
    const, facs = poly.factor()
    return int(const), [({tuple(int(e) for e in mono): int(c) for mono, c in f.to_dict().items()}, int(mult))
                        for f, mult in facs]


def factor_list(p):
    """``(constant, [(factor, multiplicity), ...])`` of a polynomial with rational coefficients."""
    p = sp.expand(p)
    gens = sorted(p.free_symbols, key=lambda s: s.name)
    if not gens:
        return p, []
    if p.has(sp.I):
        c, fl = sp.factor_list(p, gaussian=True)
        return c, fl
    P = sp.Poly(p, *gens)
    if not (P.domain.is_QQ or P.domain.is_ZZ):
        return sp.factor_list(p)
    content, prim = P.clear_denoms(convert=True)  # p = prim / content
    res = _flint_factor_terms(prim.as_dict(), len(gens))
    if res is None:
        return sp.factor_list(p)
    const, facs = res
    out = []
    for terms, mult in facs:
        out.append((sp.Add(*[c * sp.Mul(*[g ** e for g, e in zip(gens, mono)]) for mono, c in terms.items()]), mult))
    return sp.Rational(const, 1) / content, out


def factor_polynomial(p):
    """Factor a polynomial expression with rational coefficients (flint if possible)."""
    c, fl = factor_list(p)
    return sp.Mul(c, *[f ** m for f, m in fl])


def cancel(expr):
    """``(num, den)`` of a rational function in lowest terms (flint gcd when possible)."""
    num, den = sp.fraction(sp.together(sp.sympify(expr)))
    num, den = sp.expand(num), sp.expand(den)
    gens = sorted((num.free_symbols | den.free_symbols), key=lambda s: s.name)
    if not gens or num.has(sp.I) or den.has(sp.I):
        return sp.fraction(sp.cancel(num / den))
    try:
        import flint
        Pn, Pd = sp.Poly(num, *gens), sp.Poly(den, *gens)
        if not all(P.domain.is_ZZ or P.domain.is_QQ for P in (Pn, Pd)):
            raise ValueError
        cn, Pn = Pn.clear_denoms(convert=True)
        cd, Pd = Pd.clear_denoms(convert=True)
        ctx = flint.fmpz_mpoly_ctx.get(tuple(f"v{k}" for k in range(len(gens))), "lex")
        fn = ctx.from_dict({tuple(m): int(c) for m, c in Pn.as_dict().items()})
        fd = ctx.from_dict({tuple(m): int(c) for m, c in Pd.as_dict().items()})
        g = fn.gcd(fd)
        fn, fd = fn.exact_division(g) if hasattr(fn, "exact_division") else fn // g, \
            fd.exact_division(g) if hasattr(fd, "exact_division") else fd // g

        def back(f):
            return sp.Add(*[int(c) * sp.Mul(*[x ** int(e) for x, e in zip(gens, mono)]) for mono, c in f.to_dict().items()])
        return back(fn) * cd, back(fd) * cn
    except (ImportError, ValueError, AttributeError, sp.PolynomialError):
        return sp.fraction(sp.cancel(num / den))


def factor(expr):
    """Factored form of a rational function (numerator and denominator separately)."""
    num, den = cancel(expr)
    cn, fn = factor_list(num)
    cd, fd = factor_list(den)
    return sp.Mul(cn / cd, *[f ** m for f, m in fn], *[f ** (-m) for f, m in fd])
