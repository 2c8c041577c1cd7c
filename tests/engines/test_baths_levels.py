"""Thermal baths on sites of any dimension, and exact coefficients of the free-fermion number operator.

A truncated harmonic mode (d = 4) coupled to a bosonic bath with occupation n through
``with_baths``: detailed balance along the ladder gives the Gibbs populations
p_k ∝ (n/(n+1))^k exactly. Before, ``with_baths`` rebuilt the model without its ``dims`` and
refused every non-qubit model."""
from __future__ import annotations

import sympy as sp

from symbolic_ness.core import Model, destroy, number, steady_state
from symbolic_ness.engines import Bath, number_operator_strings, with_baths


def test_a_truncated_mode_in_a_thermal_bath_is_gibbs():
    k, n, w = sp.symbols("kappa n omega", positive=True)
    d = 4
    m = with_baths(Model(1, w * number(d), dims=(d,)), [Bath(destroy(d), k, "bath", occupation=n)])
    assert m.dims == (d,) and len(m.jumps) == 2
    ss = steady_state(m, method="exact")
    assert ss.unique
    q = n / (n + 1)
    Z = sum(q ** j for j in range(d))
    for j in range(d):
        assert sp.simplify(ss.rho[j, j] - q ** j / Z) == 0
    assert all(ss.rho[a, b] == 0 for a in range(d) for b in range(d) if a != b)


def test_number_operator_coefficients_are_exact():
    """n_j = c_j^dagger c_j = (1 - Z_j)/2 or (1 + Z_j)/2 with exact halves (was the float 0.5)."""
    terms = number_operator_strings(0, 0)
    assert set(terms) == {(), ((0, "Z"),)}
    assert all(isinstance(c, sp.Rational) and abs(c) == sp.Rational(1, 2) for c in terms.values())
