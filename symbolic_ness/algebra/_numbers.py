r"""Exact numbers: THE rule for numbers entering an exact computation.

A float is the rational it prints (:func:`exact_number`); nothing is rounded to a "nice" number.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .._errors import ParameterError

__all__ = ["exact_number", "exact_numbers"]


def exact_number(x, name: str = "value"):
    r"""The exact sympy number that ``x`` stands for: THE one rule for numbers entering an exact
    computation.

    A float becomes the rational it prints, ``Rational(repr(x))`` (1.4142135623730951 stays
    14142135623730951/10**16: a user who means :math:`\sqrt2` passes ``sympy.sqrt(2)``); a sympy
    ``Float`` likewise (the digits it carries); ints, ``Fraction`` and exact sympy numbers are
    kept; complex numbers convert part by part. No guessing of "nice" numbers.
    Non-finite values raise :class:`~symbolic_ness.ParameterError` naming ``name``.

    Parameters
    ----------
    x : int, float, complex, Fraction, numpy scalar or sympy number
        The number to make exact.
    name : str, default "value"
        The parameter name used in the error message.

    Returns
    -------
    sympy number
        ``Rational(repr(x))`` for a float, the exact value otherwise.

    Raises
    ------
    ParameterError
        ``x`` is not finite (NaN, inf, ``zoo``).

    Examples
    --------
    >>> exact_number(0.1)
    1/10
    >>> exact_number(1.4142135623730951)
    14142135623730951/10000000000000000
    >>> exact_number(2), exact_number(sp.sqrt(2)), exact_number(0.5 + 2j)
    (2, sqrt(2), 1/2 + 2*I)
    """
    if isinstance(x, bool):
        return sp.Integer(int(x))
    if isinstance(x, (int, np.integer)):
        return sp.Integer(int(x))
    if isinstance(x, (float, np.floating)):
        xf = float(x)
        if not np.isfinite(xf):
            raise ParameterError(name, x, "a finite real number")
        return sp.Rational(repr(xf))
    if isinstance(x, (complex, np.complexfloating)):
        return exact_number(x.real, name) + sp.I * exact_number(x.imag, name)
    if isinstance(x, sp.Float):
        if not x.is_finite:
            raise ParameterError(name, x, "a finite real number")
        return sp.Rational(repr(float(x))) if x._prec <= 53 else sp.Rational(str(x))
    e = sp.sympify(x)
    if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise ParameterError(name, x, "a finite number")
    return exact_numbers(e)


def exact_numbers(expr):
    """``expr`` (expression or matrix) with every ``Float`` replaced by :func:`exact_number`.

    Parameters
    ----------
    expr : sympy expression or Matrix
        Any sympy object; other objects are returned unchanged.

    Returns
    -------
    sympy expression or Matrix
        ``expr`` with each ``Float`` f replaced by ``exact_number(f)``.

    Examples
    --------
    >>> exact_numbers(sp.Float(0.25) * sp.Symbol("x"))
    x/4
    """
    fl = getattr(expr, "atoms", lambda *_: set())(sp.Float)
    if not fl:
        return expr
    return expr.xreplace({f: exact_number(f) for f in fl})
