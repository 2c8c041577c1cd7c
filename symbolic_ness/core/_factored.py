r"""Factored forms of exact results: irreducible denominators of expectation values, the
factored common denominator of a polynomial null vector (its trace coordinate) and factored
quotients of ``fmpz_mpoly`` — python-flint factorizations (after deflation,
:func:`~symbolic_ness.algebra._polys.factor_fmpz_mpoly`) turned into sympy expressions. Used by
:mod:`~symbolic_ness.core._steady` and :mod:`~symbolic_ness.core._reduced`.
"""
from __future__ import annotations

import sympy as sp

from ..algebra._linalg_ring import _to_expr
from ..algebra._polys import factor_fmpz_mpoly, factor_list

__all__ = ["dens_of", "flint_factored", "safe_factor", "trace_factors"]


def trace_factors(trace, gens) -> tuple:
    """Non-constant irreducible factors of the fmpz_mpoly ``trace`` as sympy expressions, sorted
    as :func:`dens_of` sorts them (the factored common denominator of a polynomial vector)."""
    _, facs = safe_factor(trace)
    out = {_to_expr(f, gens) for f, _ in facs if not f.is_constant()}
    return tuple(sorted(out, key=sp.default_sort_key))


def dens_of(x) -> tuple:
    """Distinct irreducible factors of the denominators of ``x`` (``sp.denom`` may fold an integer
    into a factor: 11 (200 a^2 + 5 b + 2) expanded is not a second denominator)."""
    bases = set()
    for v in x:
        for f in sp.Mul.make_args(sp.denom(v)):
            base = f.as_base_exp()[0]
            if not base.is_number:
                bases.add(base)
    dens = set()
    for base in bases:
        dens.update(f for f, _ in factor_list(base)[1] if not f.is_number)
    return tuple(sorted(dens, key=sp.default_sort_key))


def safe_factor(f):
    """``(constant, [(factor, multiplicity)])``; unfactored if python-flint's factor overflows."""
    try:
        return factor_fmpz_mpoly(f)  # after deflation (polynomials in g^2 from sign mirrors: much faster)
    except OverflowError:  # python-flint 0.9 sort-key overflow on huge coefficients
        c = f.content()
        return c, [(f / c, 1)]


def flint_factored(num, den, gens):
    """``num / den`` (fmpz_mpoly) as a factored sympy expression (same form as :func:`factor`)."""
    if num.is_zero():
        return sp.Integer(0)
    g = num.gcd(den)
    num, den = num / g, den / g
    cn, fn = safe_factor(num)
    cd, fd = safe_factor(den)
    conv = lambda f: _to_expr(f, gens)  # noqa: E731
    return sp.Mul(sp.Rational(int(cn), int(cd)), *[conv(f) ** int(m) for f, m in fn],
                  *[conv(f) ** (-int(m)) for f, m in fd])
