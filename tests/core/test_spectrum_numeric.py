"""Numeric spectrum at a point read from the exact factored characteristic polynomial
(session-4 audit: ``evaluate chiral_dm_pair.toml spectrum`` spent ~80 s building and evaluating
``CRootOf`` roots). Every factor contributes all its roots (count checked), with the
multiplicities of the factorisation; no closed-form root is built for numbers."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import linear_sum_assignment

from symbolic_ness.core import (Jump, Model, embed, liouvillian_numeric, liouvillian_spectrum, sigma_minus,
                                sigma_plus, sigma_x, sigma_y)

D, J, B = sp.symbols("D J b", real=True)
KAPPA = sp.Symbol("kappa", positive=True)
P = sp.Symbol("p", nonnegative=True)
POINT = {"D": 2.62, "J": -2.49, "b": -0.29, "kappa": 5.96, "p": 0.17}


def same_multiset(x, y) -> float:
    """Largest distance after optimally matching two lists of complex numbers."""
    x, y = np.asarray(x), np.asarray(y)
    assert x.shape == y.shape
    cost = np.abs(x[:, None] - y[None, :])
    i, j = linear_sum_assignment(cost)
    return float(cost[i, j].max())


def chiral_pair() -> Model:
    """examples/chiral_dm_pair.toml built from core operators: DM exchange, y field, complex
    hopping, chiral collective decay Sm0 + i Sm1 and pumping of qubit 1."""
    X = [embed(sigma_x(), k, 2) for k in range(2)]
    Y = [embed(sigma_y(), k, 2) for k in range(2)]
    Sm = [embed(sigma_minus(), k, 2) for k in range(2)]
    Sp = [embed(sigma_plus(), k, 2) for k in range(2)]
    H = D * (X[0] * Y[1] - Y[0] * X[1]) + B * Y[0] + sp.I * J * (Sm[0] * Sp[1] - Sp[0] * Sm[1])
    return Model(2, H, jumps=[Jump(Sm[0] + sp.I * Sm[1], KAPPA), Jump(Sp[1], P)])


@pytest.fixture
def no_closed_form_roots(monkeypatch):
    """Call it (after building the model) to fail if a closed-form root is simplified or a
    CRootOf is evaluated from then on."""
    monkeypatch.setenv("SYMBOLIC_NESS_NO_CACHE", "1")

    def boom(*a, **k):
        raise AssertionError("closed-form roots built for a numeric spectrum")

    def forbid():
        monkeypatch.setattr(sp.CRootOf, "_eval_evalf", boom)
        monkeypatch.setattr(sp, "simplify", boom)
    return forbid


def test_chiral_pair_numeric_spectrum_at_a_point(no_closed_form_roots):
    m = chiral_pair()
    sv = {s: sp.Rational(repr(POINT[s.name])) for s in m.parameters}
    exact = m.subs(sv)
    no_closed_form_roots()
    spec = liouvillian_spectrum(exact)
    assert spec.total == 16
    assert max(sp.Poly(f).degree() for f, _ in spec.factors) >= 3  # roots beyond radicals' normal form
    ev = spec.numeric({})
    assert ev.shape == (16,)
    L = liouvillian_numeric(m, POINT).toarray()
    assert same_multiset(ev, np.linalg.eigvals(L)) < 1e-9


def test_symbolic_spectrum_numeric_at_points(no_closed_form_roots):
    """Factors with a free symbol (kappa): the roots at each point, names or symbols as keys."""
    m = chiral_pair()
    part = m.subs({D: sp.Rational(131, 50), J: sp.Rational(-249, 100), B: sp.Rational(-29, 100),
                   P: sp.Rational(17, 100)})
    no_closed_form_roots()
    spec = liouvillian_spectrum(part)
    assert spec.total == 16
    for k in (0.5, 5.96):
        L = liouvillian_numeric(m, dict(POINT, kappa=k)).toarray()
        assert same_multiset(spec.numeric({"kappa": k}), np.linalg.eigvals(L)) < 1e-9
        assert same_multiset(spec.numeric({KAPPA: k}), np.linalg.eigvals(L)) < 1e-9


def test_repeated_roots_at_an_exceptional_point():
    """sqrt(r^2 - 16 g^2) vanishes at r = 4g: the irreducible quadratic factor gets a double root
    there; both roots are returned (exactly, not the sqrt(eps) spread of a Jordan block)."""
    from symbolic_ness.papers.hdb import ising_reset_model
    m = ising_reset_model()
    spec = liouvillian_spectrum(m)
    names = {s.name: s for s in m.parameters}
    vals = {"g": sp.Rational(1, 4), "r": 1, "gamma": sp.Rational(3, 10)}
    assert set(vals) == set(names)
    ev = np.sort_complex(spec.numeric(vals))
    want = {0: 1, -2: 1, -1: 2, -2 * 0.3 - 2: 4, -0.3 - 1.5: 8}
    expect = np.sort_complex(np.array([v for v, k in want.items() for _ in range(k)], dtype=complex))
    assert np.abs(ev - expect).max() < 1e-12
