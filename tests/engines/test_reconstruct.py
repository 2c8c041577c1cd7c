"""Reconstruction engine on non-paper functions (failures raise the package's CheckFailedError,
an ArithmeticError)."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from symbolic_ness.engines import interpolate_coefficients, rational_interpolate, rational_reconstruct


def test_three_variables():
    x, y, z = sp.symbols("x y z")
    f = (x * y - 3 * z + 1) / (2 + x * z + y ** 2)
    fl = sp.lambdify((x, y, z), f)
    r = rational_reconstruct(lambda p: fl(*p), (x, y, z))
    assert sp.cancel(r.expr - f) == 0 and r.degree == 2 and r.checks == 3


def test_counts_samples_and_fails_on_non_rational():
    x, y = sp.symbols("x y")
    calls = []

    def sample(p):
        calls.append(p)
        return p[0] ** 3 / (1 + p[1])
    r = rational_reconstruct(sample, (x, y))
    assert sp.cancel(r.expr - x ** 3 / (1 + y)) == 0 and r.points == len(calls)
    with pytest.raises(ArithmeticError):
        rational_reconstruct(lambda p: p[0] ** 5 / (1 + p[1] ** 4), (x, y), max_degree=2)
    with pytest.raises(ArithmeticError, match="exact rational"):
        rational_reconstruct(lambda p: float(p[0]) ** 0.5, (x, y))


def test_rational_interpolate_one_variable():
    n = sp.Symbol("n")
    f = (n ** 2 - 3) / (2 * n + 7)
    pts = [(k, f.subs(n, k)) for k in range(2, 12)]
    r = rational_interpolate(pts, n)
    assert sp.cancel(r.expr - f) == 0 and r.checks == 2
    bad = pts[:-1] + [(11, f.subs(n, 11) + 1)]
    with pytest.raises(ArithmeticError):
        rational_interpolate(bad, n)


def test_interpolate_coefficients_in_a_label():
    g, n = sp.symbols("g n")
    fam = lambda m: (m * g + 1) / (1 + (m ** 2 - 1) * g ** 2)  # noqa: E731
    e = interpolate_coefficients({m: fam(m) for m in (2, 3, 4)}, (g,), n)
    for m in (5, 9):
        assert sp.cancel(e.subs(n, m) - fam(m)) == 0
    assert Fraction(1) == 1
