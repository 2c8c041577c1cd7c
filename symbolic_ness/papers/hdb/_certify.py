r"""Exact sign certificates for the HDB derivations (sufficient tests, never sampling).

:func:`certified_positive` proves :math:`f>0` for every positive value of the symbols of
a rational function :math:`f`: numerator and denominator are products of numbers and
of polynomials whose coefficients are all positive, in symbols declared positive (a
polynomial with positive coefficients is positive on the open positive orthant). A
``False`` answer proves nothing; callers then keep the expression (sound or silent).

>>> import sympy as sp
>>> g, r = sp.symbols("g r", positive=True)
>>> certified_positive((g + r) / (2 * g * r + 1)), certified_positive(g - r)
(True, False)
>>> certified_nonnegative(sp.Integer(0)), certified_nonnegative(-(g + 1) / (-(r + 1)))
(True, True)
"""
from __future__ import annotations

import sympy as sp

__all__ = ["certified_positive", "certified_nonnegative"]


def _sign_of_product(expr):
    """+1 / -1 if ``expr`` (a product) is certified nonzero with that sign, else 0."""
    sign = 1
    for fac in sp.Mul.make_args(expr):
        base, ex = fac.as_base_exp()
        if fac.is_number:
            if fac.is_extended_real is not True or fac == 0:
                return 0
            sign *= 1 if fac > 0 else -1
            continue
        if not (ex.is_Integer or ex.is_Rational and base.is_polynomial()):
            return 0
        poly_expr = sp.expand(base)
        syms = sorted(poly_expr.free_symbols, key=lambda s: s.name)
        if not all(s.is_positive for s in syms) or not poly_expr.is_polynomial(*syms):
            return 0
        coeffs = sp.Poly(poly_expr, *syms).coeffs()
        if all(c.is_positive for c in coeffs):
            continue
        if ex.is_Integer and all(c.is_negative for c in coeffs):
            sign *= -1 if ex % 2 else 1
            continue
        return 0
    return sign


def _unit_interval(expr, symbols):
    r"""Substitute :math:`s=u/(1+u)` (:math:`u>0` ⟺ :math:`0<s<1`) for each symbol in ``symbols``."""
    for s in symbols:
        u = sp.Dummy(s.name + "_u", positive=True)
        expr = expr.subs(s, u / (1 + u))
    return expr


def certified_positive(expr, unit_interval=()) -> bool:
    """True if ``expr`` is certified > 0 for all positive values of its symbols (see module);
    the symbols in ``unit_interval`` range over (0, 1) instead (substituted by u/(1+u), u > 0).

    >>> s = sp.Symbol("s", positive=True)
    >>> certified_positive(1 - s), certified_positive(1 - s, unit_interval=(s,))
    (False, True)
    """
    expr = _unit_interval(sp.sympify(expr), unit_interval)
    for form in (sp.together(expr), sp.cancel(sp.together(expr))):
        num, den = sp.fraction(form)
        sn, sd = _sign_of_product(num), _sign_of_product(den)
        if sn and sd and sn == sd:
            return True
    return False


def certified_nonnegative(expr, unit_interval=()) -> bool:
    """True if ``expr`` is exactly 0 or certified > 0 (:func:`certified_positive`)."""
    expr = sp.sympify(expr)
    if expr.is_number:
        return bool(expr.is_extended_real and expr >= 0) if expr.is_comparable else False
    return certified_positive(expr, unit_interval)
