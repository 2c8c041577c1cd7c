"""The one positivity certificate (core): certify_nonnegative / certify_positive / certified_nonzero
and the violation search, on the cases of the three former implementations (polynomials on the
declared domain, HDB rational functions on the positive orthant and the unit interval, model-file
interval bounds), plus a property test: certified means >= 0 at every sampled domain point (exact)."""
from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import example, given, settings, strategies as st

from symbolic_ness.algebra import certified_nonzero, certify_nonnegative, certify_positive, find_violation

g, r, x, y = sp.symbols("g r x y", positive=True)
n = sp.Symbol("n", nonnegative=True)
z = sp.Symbol("z", real=True)
c = sp.Symbol("c", real=True)
s = sp.Symbol("s", positive=True)


def test_positive_orthant_rational_functions():
    assert certify_positive((g + r) / (2 * g * r + 1))
    assert certify_positive(-(g + 1) / (-(r + 1)))
    assert certify_positive((g + r) ** 3 / ((g + 2) * (r + 1) ** 2))
    assert certify_positive(g - r) is None and certify_nonnegative(g - r) is None
    assert certify_positive(-(g + r) / (g + 1)) is None
    # numerator a square: >= 0 but not > 0
    assert certify_nonnegative((g - r) ** 2 / (g + 1)) and certify_positive((g - r) ** 2 / (g + 1)) is None
    # denominator that can vanish: never certified (a pole on the domain)
    assert certify_nonnegative((g + 1) / (g - r) ** 2) is None
    assert certify_nonnegative(sp.Integer(0)) and certify_positive(sp.Integer(0)) is None
    assert certify_nonnegative(sp.Rational(-1, 3)) is None


def test_polynomial_certificates():
    assert certify_nonnegative(x ** 2 - 2 * x * y + y ** 2) == "square factors"
    assert certify_positive(x ** 2 - x + 1)  # Sturm: no real root
    assert certify_positive(x ** 2 - 2 * x + 1) is None and certify_nonnegative(x ** 2 - 2 * x + 1)
    assert certify_nonnegative(z ** 2 + 2 * z * x + 2 * x ** 2) == "discriminant in x"
    assert certify_positive(z ** 2 + 2 * z * x + 2 * x ** 2)  # (z + x)^2 + x^2 with x > 0
    assert certify_positive(z ** 2 + 2 * z * n + 2 * n ** 2) is None  # zero at z = n = 0
    assert certify_positive(z ** 2 + z + 1)
    assert certify_nonnegative(n) and certify_positive(n) is None and certify_positive(n + 1)
    assert certify_nonnegative(z ** 3) is None
    m = sp.Symbol("m", negative=True)
    assert certify_positive(-m) and certify_nonnegative(m) is None


def test_unit_interval_open_and_closed():
    assert certify_positive(1 - s, {s: (0, 1)}, closed=False)
    assert certify_positive(1 - s, {s: (0, 1)}) is None  # s = 1 is in the closed interval
    assert certify_nonnegative(1 - s, {s: (0, 1)})
    assert certify_nonnegative(s * (1 - s) / (1 + s), {s: (0, 1)})
    assert certify_nonnegative(1 - 2 * s, {s: (0, 1)}) is None
    # a pole at the closed end: certified on the open interval only
    assert certify_nonnegative(1 / (1 - s), {s: (0, 1)}, closed=False)
    assert certify_nonnegative(1 / (1 - s), {s: (0, 1)}) is None


def test_interval_bounds_and_violations():
    k = sp.Symbol("k", positive=True)
    assert certify_nonnegative(k * (1 - c), {c: (-1, 1)})
    assert certify_nonnegative(k * (c + 1) * (3 - c), {c: (-1, 1)})
    assert certify_nonnegative(k * c, {c: (-1, 1)}) is None
    pt = find_violation(k * c, {c: (-1, 1)})
    assert pt is not None and -1 <= pt[c] <= 1 and (k * c).subs(pt) < 0
    assert certify_nonnegative(c + 2, {c: (-2, 5)}) and certify_positive(c + 2, {c: (-2, 5)}) is None
    assert certify_positive(c + 2, {c: (-2, 5)}, closed=False)
    with pytest.raises(ValueError):
        certify_nonnegative(c, {c: (1, -1)})


def test_undecided_is_none_on_both_sides():
    # the Motzkin polynomial: >= 0 everywhere, not a sum of squares; none of the tests proves it
    motzkin = x ** 4 * z ** 2 + x ** 2 * z ** 4 - 3 * x ** 2 * z ** 2 + 1
    assert certify_nonnegative(motzkin) is None
    assert find_violation(motzkin) is None


def test_certified_nonzero():
    assert certified_nonzero(4 * g + r) and certified_nonzero(-g * r - 1)
    assert not certified_nonzero(4 * g - r)
    assert not certified_nonzero(z ** 2 + 1 - 2 * z)  # sign-definite but zero at z = 1
    assert not certified_nonzero(n)  # n = 0 allowed


# ----------------------------------------------------------------------------- property test
_coef = st.integers(-3, 3)


def _poly(data):
    """A random polynomial in x > 0, n >= 0, z real, c in [-1, 2]: squares and products of small
    random polynomials plus a random remainder (many certifiable, many not)."""
    def small(cs):
        return sp.Add(*[a * t for a, t in zip(cs, (sp.Integer(1), x, n, z, x * z))])
    a, b, e, f = data
    rest = small([abs(v) for v in f[:3]] + [0, 0]) - (f[3] % 2) * z * (x + 1)  # sometimes sign-indefinite
    return sp.expand(small(a) ** 2 * (x + n) + small(b) ** 2 + abs(e[0]) * (c + 1) * (2 - c) * (x + e[1] ** 2 * n) + rest)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(st.tuples(*[st.lists(_coef, min_size=5, max_size=5) for _ in range(4)]))
@example(([-2, 1, 1, -2, -1], [1, 0, 2, 1, -3], [1, -3, 3, 0, -1], [1, -2, -2, 2, 0]))  # certified > 0
@example(([0, 2, 2, 2, -2], [-1, 0, -1, 1, -1], [1, -1, -3, 3, 0], [1, -1, -3, 0, 1]))  # certified >= 0 only
def test_certified_polynomial_is_nonnegative_at_domain_points(data):
    p = _poly(data)
    bounds = {c: (-1, 2)}
    cert_nn = certify_nonnegative(p, bounds)
    cert_pos = certify_positive(p, bounds)
    if cert_pos:
        assert cert_nn
    if not (cert_nn or cert_pos):
        return
    rng = random.Random(hash(tuple(map(tuple, data))) & 0xFFFF)
    for _ in range(40):
        pt = {x: sp.Rational(rng.randint(1, 400), rng.randint(1, 40)), n: sp.Rational(rng.randint(0, 400), rng.randint(1, 40)),
              z: sp.Rational(rng.randint(-400, 400), rng.randint(1, 40)), c: sp.Rational(rng.randint(-40, 80), 40)}
        v = p.subs(pt)  # exact rational value
        assert v >= 0, (p, pt, cert_nn)
        if cert_pos:
            assert v > 0, (p, pt, cert_pos)
