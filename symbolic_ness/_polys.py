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


def factor(expr):
    """Factored form of a rational function (numerator and denominator separately)."""
    expr = sp.cancel(sp.sympify(expr))
    num, den = sp.fraction(expr)
    cn, fn = factor_list(num)
    cd, fd = factor_list(den)
    return sp.Mul(cn / cd, *[f ** m for f, m in fn], *[f ** (-m) for f, m in fd])
