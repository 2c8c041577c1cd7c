"""pt_eigenvalues_x_state (closed form for two-qubit X states) against the generic pt_eigenvalues."""
from __future__ import annotations

import random

import pytest
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness import pt_eigenvalues_x_state as top_level_name
from symbolic_ness.core import pt_eigenvalues, pt_eigenvalues_x_state


def _random_x_state(rng):
    """A random exact X state: positive diagonal, coherences inside the PSD bounds of both blocks."""
    p = [sp.Rational(rng.randint(1, 20), 1) for _ in range(4)]
    tr = sum(p)
    p = [x / tr for x in p]
    # |w| <= min(p00, p11) <= sqrt(p00 p11) and |z| <= min(p01, p10): rational coherences
    w = sp.Rational(rng.randint(-9, 9), 10) * min(p[0], p[3])
    z = (sp.Rational(rng.randint(-6, 6), 10) + sp.I * sp.Rational(rng.randint(-3, 3), 10)) * min(p[1], p[2])
    return sp.Matrix([[p[0], 0, 0, w], [0, p[1], z, 0], [0, sp.conjugate(z), p[2], 0], [w, 0, 0, p[3]]])


@pytest.mark.parametrize("seed", range(8))
def test_x_state_pt_eigenvalues_match_generic(seed):
    rng = random.Random(seed)
    rho = _random_x_state(rng)
    fast = sorted(pt_eigenvalues_x_state(rho), key=lambda v: float(v))
    generic = sorted([ev for ev, m in pt_eigenvalues(rho, [0], 2) for _ in range(m)], key=lambda v: float(v))
    assert len(fast) == 4
    for a, b in zip(fast, generic):
        assert abs(complex(sp.N(a - b, 30))) < 1e-25
    assert sp.simplify(sum(fast) - 1) == 0


def test_x_state_symbolic_matches_generic_at_points():
    a, b, t = sp.symbols("a b t", positive=True)
    rho = sp.Matrix([[(1 + a) / 4, 0, 0, 0], [0, (1 - b) / 4, sp.I * t / 2, 0],
                     [0, -sp.I * t / 2, (1 + b) / 4, 0], [0, 0, 0, (1 - a) / 4]])
    evs = pt_eigenvalues_x_state(rho)
    for pt in ({a: sp.Rational(1, 3), b: sp.Rational(1, 5), t: sp.Rational(1, 4)},
               {a: sp.Rational(1, 7), b: sp.Rational(2, 3), t: sp.Rational(1, 10)}):
        got = sorted(float(ev.subs(pt)) for ev in evs)
        want = sorted(float(ev) for ev, m in pt_eigenvalues(rho.subs(pt), [0], 2) for _ in range(m))
        assert got == pytest.approx(want, abs=1e-12)
    assert top_level_name is pt_eigenvalues_x_state


def test_not_an_x_state_is_a_parameter_error():
    rho = sp.ones(4, 4) / 4
    with pytest.raises(ParameterError, match="X state"):
        pt_eigenvalues_x_state(rho)
