"""from_qutip: QuTiP models as exact Models (floats as the rationals they print), round trips."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.export import from_qutip, to_qutip
from symbolic_ness.core import negativity, steady_state

qt = pytest.importorskip("qutip")


def _two_qubit():
    sz, sx, sm = qt.sigmaz(), qt.sigmax(), qt.sigmam()
    H = 0.7 * qt.tensor(sz, sz) + 0.3 * (qt.tensor(sx, qt.qeye(2)) + qt.tensor(qt.qeye(2), sx))
    c_ops = [np.sqrt(0.4) * qt.tensor(sm, qt.qeye(2)), np.sqrt(0.25) * qt.tensor(qt.qeye(2), sm),
             np.sqrt(0.1) * qt.tensor(sz, qt.qeye(2))]
    return H, c_ops


def test_floats_become_the_rationals_they_print():
    H, c_ops = _two_qubit()
    m = from_qutip(H, c_ops)
    assert m.n == 2 and m.hamiltonian[0, 0] == sp.Rational(7, 10) and m.hamiltonian[0, 2] == sp.Rational(3, 10)
    c = float(np.sqrt(0.4))
    assert m.jumps[0].operator[2, 0] == sp.Rational(repr(c))  # the float as printed, not sqrt(2/5)
    m2 = from_qutip(qt.sigmaz(), [qt.sigmam()], rates=[0.1])
    assert m2.jumps[0].rate == sp.Rational(1, 10) and not m2.parameters


def test_round_trip_to_qutip_reproduces_the_operators_exactly():
    H, c_ops = _two_qubit()
    H2, c2, L2 = to_qutip(from_qutip(H, c_ops))
    assert np.array_equal(H2.full(), H.full())
    for a, b in zip(c2, c_ops):
        assert np.array_equal(a.full(), b.full())
    assert np.max(np.abs(L2.full() - qt.liouvillian(H, c_ops).full())) == 0.0


def test_exact_steady_state_of_an_imported_model_matches_qutip():
    H, c_ops = _two_qubit()
    ss = steady_state(from_qutip(H, c_ops))
    assert ss.unique and ss.nullity == 1 and not ss.rho.free_symbols
    exact = np.array(ss.rho.evalf(30), dtype=complex)
    ref = qt.steadystate(H, c_ops).full()
    assert np.max(np.abs(exact - ref)) < 1e-9
    assert abs(negativity(exact, [0], 2) - negativity(ref, [0], 2)) < 1e-9 and negativity(ref, [0], 2) > 0.05


def test_resets_and_rates():
    plus = qt.ket2dm((qt.basis(2, 0) + qt.basis(2, 1)).unit())
    H = 2.0 * qt.tensor(qt.sigmaz(), qt.sigmaz())
    deph = [qt.tensor(qt.sigmaz(), qt.qeye(2)), qt.tensor(qt.qeye(2), qt.sigmaz())]
    m = from_qutip(H, deph, rates=[0.5, 0.5], resets=[(0, plus, 1.0), (1, plus, 1.0)])
    p = sp.Rational(repr(float(plus.full()[0, 1].real)))  # 0.4999999999999999: trace 1 only to rounding
    assert m.resets[0].state[0, 1] == p / (2 * p) == sp.Rational(1, 2) and m.resets[0].state.trace() == 1
    ss = steady_state(m)
    # the exported model (resets as jump operators) has the same steady state in QuTiP
    Hq, cq, _ = to_qutip(m)
    assert np.max(np.abs(np.array(ss.rho.evalf(30), dtype=complex) - qt.steadystate(Hq, cq).full())) < 1e-9


def test_bad_inputs_are_parameter_errors():
    # a dimension that is not 2^n is one site of that dimension now (issue 19), not refused;
    # site dimensions that do not multiply to the dimension are
    assert from_qutip(qt.qeye(3), []).dims == (3,)
    with pytest.raises(ParameterError, match="dims"):
        from_qutip(qt.qeye(6), [], dims=[4, 2])
    with pytest.raises(ParameterError, match="rates"):
        from_qutip(qt.sigmaz(), [qt.sigmam()], rates=[1.0, 2.0])
    with pytest.raises(ParameterError, match="c_ops"):
        from_qutip(qt.sigmaz(), [qt.qeye(4)])
    with pytest.raises(ParameterError, match="rate"):
        from_qutip(qt.sigmaz(), [qt.sigmam()], rates=[-1.0])
