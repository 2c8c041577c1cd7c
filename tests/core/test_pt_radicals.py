"""Negativity closed forms of truncated modes: the steady state carries square roots from the ladder
operators (√2 for a three-level truncation), the partial transpose too, but its characteristic
polynomial is rational. Each √k is a symbol while the charpoly is computed and s_k² = k is
reduced after; before, sympy's algebraic-domain charpoly failed ("cannot determine truth value
of Relational", exit 4 on `latex examples/jaynes_cummings_pumped.toml negativity`)."""
from __future__ import annotations

import numpy as np
import sympy as sp

from symbolic_ness.core import negativity, steady_state
from symbolic_ness.engines import closed_form, load_model

JC3 = """
dims = [3, 2]
hamiltonian = "Delta*n0 + g*(ad0*Sm1 + a0*Sp1)"
[parameters]
Delta = "real"
g = "positive"
kappa = "positive"
P = "positive"
[[jump]]
operator = "a0"
rate = "kappa"
[[jump]]
operator = "Sp1"
rate = "P"
"""


def test_jaynes_cummings_negativity_closed_form_equals_the_numeric_null_space():
    m = load_model(JC3)
    cf = closed_form(m, "negativity", {"Delta": sp.Rational(1, 3), "kappa": 1, "P": sp.Rational(1, 2)},
                     cut=[0], method="exact")
    (g,) = cf.args
    assert not cf.expr.has(sp.sqrt(2))  # the radicals cancelled in the charpoly
    for gv in (0.4, 1.3, 2.7):
        ss = steady_state(m, {"Delta": 1 / 3, "kappa": 1.0, "P": 0.5, "g": gv}, method="numeric")
        ref = negativity(np.asarray(ss.rho, dtype=complex), [0], (3, 2))
        assert abs(float(cf.expr.subs(g, gv)) - float(ref)) < 1e-9
