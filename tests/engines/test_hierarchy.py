"""Hierarchy engine on models that are not the paper's, against the core Lindblad null space."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import NonUniqueSteadyStateError, ParameterError
from symbolic_ness.core import (Jump, Model, embed, pauli_string, sigma_minus, sigma_plus, sigma_x, sigma_y,
                                sigma_z, steady_state)
from symbolic_ness.engines import (LocalChain, close_hierarchy, hierarchy_equations, local_chain, pauli_label,
                                   solve_hierarchy)


def _xx_like(n, delta=0, field=0, normalization="standard"):
    """XX(Z) chain with a field, gain/loss on both ends (other rates than the paper) and
    dephasing on odd sites only; symbolic rates."""
    gl, ll, gr, lr, g = sp.symbols("g_L l_L g_R l_R g", positive=True)
    H = []
    for j in range(n - 1):
        H += [(1, "XX", (j, j + 1)), (1, "YY", (j, j + 1))]
        if delta:
            H.append((delta, "ZZ", (j, j + 1)))
    if field:
        H += [(field, "Z", (j,)) for j in range(n)]
    jumps = [(0, "sigma+", gl), (0, "sigma-", ll), (n - 1, "sigma+", gr), (n - 1, "sigma-", lr)]
    jumps += [(j, "Z", g) for j in range(1, n, 2)]
    return local_chain(n, H, jumps, normalization=normalization), (gl, ll, gr, lr, g)


def _core_model(ch: LocalChain, values):
    """The same chain as a core Model (full 2^n matrices), parameters substituted."""
    n = ch.n
    d = 2 ** n
    H = sp.zeros(d, d)
    for t in ch.hamiltonian:
        lab = ["I"] * n
        for s, a in t.string:
            lab[s] = a
        H += sp.sympify(t.coefficient).subs(values) * pauli_string("".join(lab))
    jumps = [Jump(embed(sp.Matrix(j.operator), j.site, n), sp.sympify(j.rate).subs(values)) for j in ch.jumps]
    return Model(n, H, jumps=jumps, normalization=ch.normalization)


def _pauli_expect(rho, string, n):
    lab = ["I"] * n
    for s, a in string:
        lab[s] = a
    return float(np.real(np.trace(pauli_string("".join(lab), numeric=True) @ rho)))


@pytest.mark.parametrize("n,normalization", [(3, "standard"), (4, "doubled"), (5, "standard")])
def test_xx_other_boundaries_vs_core_null_space(n, normalization):
    rng = np.random.default_rng(n)
    ch, syms = _xx_like(n, field=sp.Rational(3, 7), normalization=normalization)
    vals = {s: sp.Rational(int(rng.integers(1, 40)), 10) for s in syms}
    seeds = [((j, "Z"),) for j in range(n)] + [((j, "Z"), (k, "Z")) for j in range(n) for k in range(j + 1, n)]
    cl = close_hierarchy(ch, seeds)
    assert cl.closed
    ex = solve_hierarchy(cl, vals, method="exact")
    nu = solve_hierarchy(cl, {k: float(v) for k, v in vals.items()}, method="numeric")
    assert ex.method == "exact-qq" and nu.method == "numeric-splu" and nu.residual < 1e-9
    rho = np.asarray(steady_state(_core_model(ch, vals), method="numeric").require_unique(), dtype=complex)
    for s in seeds + list(cl.variables[:40]):
        ref = _pauli_expect(rho, s, n)
        assert abs(float(ex.value(s)) - ref) < 1e-9
        assert abs(nu.value(s) - ref) < 1e-9


def test_transverse_ising_from_core_model_symbolic():
    """Transverse-field Ising chain read off a core Model; closes on Majorana bilinears;
    symbolic solve at n = 3 agrees with the null space at a random point."""
    n = 3
    J, h, k = sp.symbols("J h kappa", positive=True)
    H = sum((J * embed(sigma_x(), j, n) * embed(sigma_x(), j + 1, n) for j in range(n - 1)), sp.zeros(8, 8))
    H += sum((h * embed(sigma_z(), j, n) for j in range(n)), sp.zeros(8, 8))
    m = Model(n, H, jumps=[Jump(embed(sigma_minus(), 0, n), k), Jump(embed(sigma_minus(), n - 1, n), 2 * k)])
    ch = LocalChain.from_model(m)
    assert {pauli_label(t.string) for t in ch.hamiltonian} == {"X1X2", "X2X3", "Z1", "Z2", "Z3"}
    cl = close_hierarchy(ch, [((j, "Z"),) for j in range(n)])
    assert cl.closed and cl.size <= 2 * n * n - n
    sol = solve_hierarchy(cl, method="auto")
    assert sol.method == "exact-field"
    pt = {J: sp.Rational(7, 5), h: sp.Rational(2, 3), k: sp.Rational(5, 4)}
    rho = np.asarray(steady_state(m.subs(pt), method="numeric").require_unique(), dtype=complex)
    for s in cl.variables:
        assert abs(float(sol.value(s).subs(pt)) - _pauli_expect(rho, s, n)) < 1e-9


def test_exact_symbolic_equals_exact_rational_and_numeric():
    ch, syms = _xx_like(3)
    cl = close_hierarchy(ch, [((1, "Z"),)])
    sym = solve_hierarchy(cl, method="exact")
    pt = dict(zip(syms, (sp.Rational(1, 3), sp.Rational(2), sp.Rational(5, 7), sp.Rational(1, 9), sp.Rational(3, 2))))
    qq = solve_hierarchy(cl, pt, method="exact")
    fl = solve_hierarchy(cl, {s.name: float(v) for s, v in pt.items()}, method="numeric")
    for s in cl.variables:
        assert sp.simplify(sym.value(s).subs(pt) - qq.value(s)) == 0
        assert abs(float(qq.value(s)) - fl.value(s)) < 1e-12


def test_xxz_hierarchy_does_not_close_and_is_reported():
    n = 6
    seeds = [((j, "Z"),) for j in range(n)]
    xx, _ = _xx_like(n)
    xxz, _ = _xx_like(n, delta=sp.Rational(1, 2))
    ok = close_hierarchy(xx, seeds, max_strings=2 * n * n - n)
    assert ok.closed and ok.size <= 2 * n * n - n          # within the quadratic Majorana strings
    bad = close_hierarchy(xxz, seeds, max_strings=2 * n * n - n)
    assert not bad.closed and bad.offending and "max_strings" in bad.reason
    with pytest.raises(ParameterError, match="offending strings"):
        solve_hierarchy(bad)
    w = close_hierarchy(xxz, seeds, max_weight=2)
    assert not w.closed and all(len(s) > 2 for s in w.offending)


def test_generated_equations_match_hand_derivation():
    """One qubit, drive + decay + dephasing: the Bloch equations (standard normalization)."""
    W, k, g = sp.symbols("Omega kappa g", positive=True)
    ch = local_chain(1, [(W, "X", (0,))], [(0, "sigma-", k), (0, "Z", g)])
    cl = close_hierarchy(ch, [((0, "X"),), ((0, "Y"),), ((0, "Z"),)])
    X, Y, Z = sp.symbols("X1 Y1 Z1")
    eqs = dict(zip([pauli_label(s) for s in cl.variables], hierarchy_equations(cl)))
    assert sp.expand(eqs["X1"] - (-k / 2 - 2 * g) * X) == 0
    assert sp.expand(eqs["Y1"] - ((-k / 2 - 2 * g) * Y - 2 * W * Z)) == 0
    assert sp.expand(eqs["Z1"] - (2 * W * Y - k * (Z + 1))) == 0


def test_resets_and_singular_hierarchy():
    r = sp.Symbol("r", positive=True)
    plus = sp.Matrix([[1, 1], [1, 1]]) / 2
    ch = local_chain(2, [(1, "ZZ", (0, 1))], resets=[(0, plus, r)])
    cl = close_hierarchy(ch, [((0, "X"),)])
    sol = solve_hierarchy(cl, method="exact")          # X_0 -> Y_0 Z_1, both reset-damped
    # Z_1 = +-1 precesses X_0 at frequency 2 while the reset pulls it to 1 at rate r
    assert sp.simplify(sol.value(((0, "X"),)) - r**2 / (r**2 + 4)) == 0
    # site 1 is never reset and Z_1 is conserved: its hierarchy is singular (nullity 1)
    with pytest.raises(NonUniqueSteadyStateError) as exc:
        solve_hierarchy(close_hierarchy(ch, [((1, "Z"),)]), method="exact")
    assert exc.value.nullity == 1
    cl1 = close_hierarchy(local_chain(1, resets=[(0, plus, r)]), [((0, "X"),), ((0, "Z"),)])
    sol = solve_hierarchy(cl1, method="exact")
    assert sol.value(((0, "X"),)) == 1 and sol.value(((0, "Z"),)) == 0


def test_from_model_rejects_nonlocal_jump():
    n = 2
    L = embed(sigma_plus(), 0, n) * embed(sigma_minus(), 1, n)
    m = Model(n, sp.zeros(4, 4), jumps=[Jump(L, 1)])
    with pytest.raises(ParameterError, match="one site"):
        LocalChain.from_model(m)
    H3 = embed(sigma_x(), 0, 3) * embed(sigma_y(), 1, 3) * embed(sigma_z(), 2, 3)
    with pytest.raises(ParameterError, match="at most 2 sites"):
        LocalChain.from_model(Model(3, H3))
