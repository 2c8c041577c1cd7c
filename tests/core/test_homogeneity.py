"""Scale-homogeneity reduction of the exact engine (issue 26): identical certified results with and
without it on random homogeneous models, used only when the engine proves row homogeneity, and a
wrong restoration is rejected by the exact certificate."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from _helpers import ising_reset_chain as _chain
from _helpers import random_qubit_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbolic_ness import (CheckFailedError, Jump, Model, ParameterError, embed, pauli_liouvillian, sigma_x,
                           sigma_z, steady_state)
from symbolic_ness.algebra import (PolyMatrix, certify_nullvectors, dehomogenize, elimination_choice,
                                   nullspace_pencil, rehomogenize, row_degrees)


def _numeric_matches(model, ss, seed):
    rng = np.random.default_rng(seed)
    vals = {p: float(rng.uniform(0.3, 2.0)) for p in model.parameters}
    num = steady_state(model, {p.name: v for p, v in vals.items()}, method="numeric")
    ex = np.array(ss.rho.subs(vals).evalf(), dtype=complex)
    assert np.abs(ex - num.rho).max() < 1e-9


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10 ** 6), n=st.integers(1, 2), nsym=st.integers(1, 3), all_symbols=st.booleans())
def test_random_models_same_result_with_and_without(seed, n, nsym, all_symbols):
    # all_symbols: every coefficient a symbol (homogeneous); else some are fixed rationals
    m = random_qubit_model(seed, n, nsym, p_symbol=1.0 if all_symbols else 0.6)
    on = steady_state(m)
    off = steady_state(m, reductions=())
    assert on.nullity == off.nullity
    assert off.reductions == () or not any(r["used"] for r in off.reductions)
    if all_symbols:  # homogeneity is proved for every solved nullity-1 block with variables
        assert all(r["used"] or r["why"] == "constant block" for r in on.reductions)
    if on.unique:
        assert on.rho == off.rho
        used = [r for r in on.reductions if r["used"]]
        if used:  # the solved block had variables: restored exactly, and equal to the numeric NESS
            assert used[0]["eliminated"] in {p.name for p in m.parameters}
            _numeric_matches(m, on, seed)


def test_fixed_numeric_energy_scale_does_not_use_homogeneity():
    m = _chain(2, sp.Rational(1, 3))
    ss = steady_state(m)
    assert [r["used"] for r in ss.reductions] == [False]
    assert "mixes total degrees" in ss.reductions[0]["why"]
    _numeric_matches(m, ss, 1)


def test_symbolic_field_uses_homogeneity_and_matches():
    h = sp.Symbol("h", positive=True)
    m = _chain(2, h)
    on, off = steady_state(m), steady_state(m, reductions=())
    (red,) = on.reductions
    assert red["used"] and red["eliminated"] in {"g", "gamma", "r", "h"}
    assert "homogeneous" in red["why"] and red["choice"]
    assert on.rho == off.rho
    _numeric_matches(m, on, 2)
    # the report: one variable fewer interpolated, the same certified vector, fewer probes per prime
    ron, roff = on.reconstruction, off.reconstruction
    assert set(ron["solved_in"]) == set(roff["symbols"]) - {red["eliminated"]}
    assert roff["solved_in"] == roff["symbols"]
    assert ron["vectors"] == roff["vectors"] and ron["vectors"][0]["terms"] > 0
    assert ron["probes_per_prime"] < roff["probes_per_prime"] and ron["primes"] >= 1
    # the normalised state is homogeneous of degree 0: invariant under p -> 3 p
    lam = {p: 3 * p for p in m.parameters}
    assert all(sp.cancel(v.subs(lam, simultaneous=True) - v) == 0 for v in list(on.expectations.values())[:6])


def test_real_symbol_of_either_sign():
    """Rehomogenization is a polynomial identity: a detuning of undetermined sign is fine."""
    from symbolic_ness import sigma_minus
    delta = sp.Symbol("Delta", real=True)
    g, k = sp.symbols("g kappa", positive=True)
    n = 2
    Z = [embed(sigma_z(), i, n) for i in range(n)]
    X = [embed(sigma_x(), i, n) for i in range(n)]
    m = Model(n, delta * (Z[0] - Z[1]) + g * X[0] * X[1], jumps=[Jump(embed(sigma_minus(), i, n), k) for i in range(n)])
    on, off = steady_state(m), steady_state(m, reductions=())
    assert [r["used"] for r in on.reductions] == [True] and on.rho == off.rho
    vals = {delta: -0.7, g: 1.3, k: 0.4}
    num = steady_state(m, {p.name: v for p, v in vals.items()}, method="numeric")
    assert np.abs(np.array(on.rho.subs(vals).evalf(), dtype=complex) - num.rho).max() < 1e-9


def test_reductions_parameter_is_validated():
    with pytest.raises(ParameterError, match="reductions"):
        steady_state(_chain(2, sp.Symbol("h", positive=True)), reductions=("bogus",))


def test_wrong_restoration_is_caught_by_the_certificate():
    h = sp.Symbol("h", positive=True)
    m = _chain(2, h)
    M = pauli_liouvillian(m)
    pm = PolyMatrix.from_dok({k: v for k, v in M.todok().items() if v != 0}, M.shape[0], gens=m.parameters)
    # the trace coordinate's connected block (generic nullity 1)
    from symbolic_ness.algebra import block_split
    block = next(b for b in block_split(pm.pattern(), pm.nrows) if 0 in b)
    sub = pm.submatrix(block)
    assert row_degrees(sub) is not None
    k = elimination_choice(sub)
    (y,) = nullspace_pencil(dehomogenize(sub, k))
    x = rehomogenize(y, k, sub.gens)
    certify_nullvectors(sub, [x])  # the right restoration is a null vector of the full block
    D = max(e.total_degree() for e in x if not e.is_zero())
    assert all(e.is_zero() or e.total_degree() == D for e in x)  # one common total degree
    cols = {j for r in sub.rows.values() for j in r}
    j = next(i for i, e in enumerate(x) if not e.is_zero() and i in cols)
    wrong_degree = list(x)
    wrong_degree[j] = rehomogenize(y, k, sub.gens, degree=D + 1)[j]  # one coordinate restored to D + 1
    with pytest.raises(CheckFailedError):
        certify_nullvectors(sub, [wrong_degree])
    wrong_symbol = rehomogenize(y, (k + 1) % len(sub.gens), sub.gens)  # restored in the wrong symbol
    with pytest.raises(CheckFailedError):
        certify_nullvectors(sub, [wrong_symbol])
