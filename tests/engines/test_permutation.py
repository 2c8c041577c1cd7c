"""Permutation-invariant engine against the full Liouvillian null space, on models that are
NOT the papers': all-to-all XX + transverse field + amplitude damping (+ a reset to a mixed
state), and a random exchange-symmetric model; exact, symbolic and numeric methods."""
from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.core import (Jump, Model, Reset, embed, kron, negativity, partial_trace, pauli, pauli_string,
                                sigma_minus, sigma_x, sigma_z, steady_state)
from symbolic_ness.algebra import exact_number
from symbolic_ness.engines import (PermutationModel, label_counts,
                                   permutation_basis, permutation_density_matrix, permutation_marginal,
                                   permutation_negativity, permutation_reduced_state, permutation_steady_state)

J, h, kappa, r = sp.symbols("J h kappa r", positive=True)
MIXED = sp.Matrix([[sp.Rational(2, 3), sp.Rational(1, 6) - sp.I / 5], [sp.Rational(1, 6) + sp.I / 5, sp.Rational(1, 3)]])


def xx_model(reset: bool):
    """One site: h sigma_x, amplitude damping kappa, optional reset to MIXED at rate r; pairs: J XX."""
    one = Model(1, h * sigma_x(), jumps=[Jump(sigma_minus(), kappa)],
                resets=[Reset(0, MIXED, r)] if reset else [])
    return PermutationModel(one, Model(2, J * kron(sigma_x(), sigma_x())))


def full_from(pm: PermutationModel, N: int) -> Model:
    """The same generator on the full 2^N space (independent assembly from the local models)."""
    one, two = pm.one_site, pm.two_site
    H = sp.zeros(2 ** N, 2 ** N)
    for i in range(N):
        H += embed(one.hamiltonian, i, N)
    jumps = [Jump(embed(j.operator, i, N), j.rate) for i in range(N) for j in one.jumps]
    resets = [Reset(i, rs.state, rs.rate) for i in range(N) for rs in one.resets]
    if two is not None:
        for i, k in combinations(range(N), 2):
            H += _embed_pair(two.hamiltonian, i, k, N)
    return Model(N, H, jumps=jumps, resets=resets)


def _embed_pair(H2, i, k, N):
    """sum_{ab} c_ab P_a (x) P_b on sites i, k (Pauli expansion of the 4x4 operator)."""
    out = sp.zeros(2 ** N, 2 ** N)
    for a in "IXYZ":
        for b in "IXYZ":
            c = (sp.Matrix(pauli_string(a + b)) * sp.Matrix(H2)).trace() / 4
            c = sp.expand(c)
            if c != 0:
                out += c * embed(pauli(a), i, N) * embed(pauli(b), k, N)
    return out


def _expectations(rho, N):
    out = []
    for m in permutation_basis(N)[0]:
        lab = "I" * m[0] + "X" * m[1] + "Y" * m[2] + "Z" * m[3]
        out.append(np.trace(pauli_string(lab, numeric=True) @ rho).real)
    return np.array(out)


def _brute_negativity(rho, k, N):
    from symbolic_ness.core import partial_transpose
    pt = partial_transpose(np.asarray(rho, complex), list(range(k)), N)
    ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
    return float(-ev[ev < 0].sum())


def random_pm(seed: int) -> PermutationModel:
    """Random one-site generator (H, two random jumps, reset to a random mixed state) and a random
    exchange-symmetric two-site Hamiltonian, with rational entries."""
    rng = np.random.default_rng(seed)

    def q():
        return sp.Rational(int(rng.integers(-9, 10)), int(rng.integers(1, 6)))

    H1 = q() * sigma_x() + q() * sigma_z() + q() * pauli("Y")
    L1 = sp.Matrix(2, 2, lambda i, j: q() + sp.I * q())
    L2 = sp.Matrix(2, 2, lambda i, j: q())
    p = sp.Rational(int(rng.integers(1, 9)), 10)
    st = sp.diag(p, 1 - p)
    one = Model(1, H1, jumps=[Jump(L1, sp.Rational(1, 2)), Jump(L2, 1)], resets=[Reset(0, st, q() ** 2)])
    H2 = sp.zeros(4, 4)
    for a, b in [("X", "X"), ("Y", "Y"), ("Z", "Z"), ("X", "Z"), ("Y", "X"), ("Z", "I")]:
        c = q()
        H2 += c * (pauli_string(a + b) + pauli_string(b + a))
    return PermutationModel(one, Model(2, H2))


VALS = {"J": 1.3, "h": 0.7, "kappa": 0.9, "r": 0.4}


@pytest.mark.parametrize("reset", [False, True])
@pytest.mark.parametrize("N", [2, 3, 4, 5])
def test_numeric_vs_full_liouvillian(N, reset):
    pm = xx_model(reset)
    vals = {k: v for k, v in VALS.items() if reset or k != "r"}
    full = steady_state(full_from(pm, N), vals, method="numeric")
    assert full.unique
    ss = permutation_steady_state(pm, N, vals, method="numeric")
    assert ss.method == "numeric" and ss.unique and ss.nullity == 1 and ss.residual < 1e-12
    assert ss.dim == math.comb(N + 3, 3)
    assert np.max(np.abs(_expectations(full.rho, N) - ss.x)) < 1e-9
    assert np.max(np.abs(permutation_density_matrix(ss) - full.rho)) < 1e-9
    for k in range(1, N + 1):
        red = partial_trace(full.rho, list(range(k)), N)
        assert np.max(np.abs(permutation_reduced_state(ss, k) - red)) < 1e-9
    for k in range(1, N):
        assert abs(permutation_negativity(ss, k) - _brute_negativity(full.rho, k, N)) < 1e-9
    if N >= 3:  # negativity of a pair inside the reduced state
        pair = partial_trace(full.rho, [0, 1], N)
        assert abs(permutation_negativity(permutation_marginal(ss, 2), 1) - negativity(pair, [0], 2)) < 1e-9


@pytest.mark.parametrize("N", [2, 3, 4])
def test_exact_rational_vs_full_exact(N):
    pm = xx_model(True)
    vals = {J: sp.Rational(13, 10), h: sp.Rational(7, 10), kappa: sp.Rational(9, 10), r: sp.Rational(2, 5)}
    ss = permutation_steady_state(pm, N, vals, method="exact")
    assert ss.method == "exact" and ss.unique and ss.residual == 0 and all(v.is_Rational for v in ss.x)
    rho = permutation_density_matrix(ss)
    full = steady_state(full_from(pm, N).subs(vals))
    assert (sp.Matrix(rho) - full.rho).applyfunc(sp.simplify) == sp.zeros(2 ** N, 2 ** N)
    # exact negativities equal the float ones of the numeric solve
    num = permutation_steady_state(pm, N, {k.name: float(v) for k, v in vals.items()}, method="numeric")
    for k in range(1, N):
        e = permutation_negativity(ss, k)
        assert isinstance(e, sp.Basic) and abs(float(e) - permutation_negativity(num, k)) < 1e-9


@pytest.mark.parametrize("N,fixed", [(2, {"kappa": 1, "h": sp.Rational(1, 2)}),
                                     (3, {"kappa": 1, "h": sp.Rational(1, 2), "J": sp.Rational(3, 2)})])
def test_symbolic_vs_numeric_at_random_points(N, fixed):
    pm = xx_model(True)
    ss = permutation_steady_state(pm, N, fixed)
    left = {J, h, kappa, r} - {s for s in (J, h, kappa, r) if s.name in fixed}
    assert ss.method == "exact" and ss.unique and set(ss.parameters) == left
    assert any("generic values" in a for a in ss.assumptions)
    rng = np.random.default_rng(4)
    for _ in range(4):
        pt = {s.name: float(rng.uniform(0.2, 2)) for s in left}
        num = permutation_steady_state(pm, N, dict(pt, **{k: float(v) for k, v in fixed.items()}), method="numeric")
        sub = {s: pt[s.name] for s in left}
        xs = np.array([complex(sp.N(v.subs(sub))) for v in ss.x])
        assert np.max(np.abs(xs - num.x)) < 1e-9
        rho_sym = permutation_reduced_state(ss, 2).subs(sub)
        assert np.max(np.abs(np.array(sp.N(rho_sym), dtype=complex) - permutation_reduced_state(num, 2))) < 1e-9


@pytest.mark.parametrize("seed", [1, 2])
def test_random_exchange_symmetric_model(seed):
    pm = random_pm(seed)
    assert pm.parameters == ()
    for N in (2, 3, 4):
        full = steady_state(full_from(pm, N), method="numeric")
        num = permutation_steady_state(pm, N, method="numeric")
        ex = permutation_steady_state(pm, N)  # auto: exact (no symbols, small)
        assert ex.method == "exact" and full.unique and num.unique and ex.unique
        assert np.max(np.abs(permutation_density_matrix(num) - full.rho)) < 1e-9
        assert max(abs(float(a) - b) for a, b in zip(ex.x, num.x)) < 1e-9
        for k in range(1, N):
            assert abs(permutation_negativity(num, k) - _brute_negativity(full.rho, k, N)) < 1e-9
    full5 = steady_state(full_from(pm, 5), method="numeric")
    num5 = permutation_steady_state(pm, 5, method="numeric")
    assert np.max(np.abs(permutation_density_matrix(num5) - full5.rho)) < 1e-9


def test_exchange_asymmetric_two_site_rejected():
    one = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)])
    with pytest.raises(ParameterError, match="two_site"):
        PermutationModel(one, Model(2, kron(sigma_x(), sigma_z())))
    with pytest.raises(ParameterError, match="one_site"):
        PermutationModel(Model(2, sp.zeros(4, 4)))


def test_non_unique_is_reported_not_picked():
    # pure dephasing + Ising: every symmetric diagonal state is stationary (N + 1 of them)
    pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), 1)]), Model(2, kron(sigma_z(), sigma_z())))
    for method in ("exact", "numeric"):
        ss = permutation_steady_state(pm, 4, method=method)
        assert not ss.unique and ss.nullity == 5 and ss.x is None
        with pytest.raises(Exception, match="not unique"):
            permutation_reduced_state(ss, 1)


def test_auto_picks_and_reports_method():
    pm = xx_model(False)
    small = permutation_steady_state(pm, 4, {"J": 1, "h": 1, "kappa": 1})
    big = permutation_steady_state(pm, 14, {"J": 1, "h": 1, "kappa": 1})
    assert small.method == "exact" and big.method == "numeric" and big.residual < 1e-9
    assert abs(float(small.expectation("ZZ")) - permutation_steady_state(pm, 4, {"J": 1, "h": 1, "kappa": 1},
                                                                          "numeric").expectation("ZZ")) < 1e-12


def test_bad_input_is_a_parameter_error():
    pm = xx_model(True)
    with pytest.raises(ParameterError, match="'kappa'"):
        permutation_steady_state(pm, 3, {"J": 1, "h": 1, "kappa": -1, "r": 1})
    with pytest.raises(ParameterError, match="'mu'"):
        permutation_steady_state(pm, 3, {"mu": 1})
    with pytest.raises(ParameterError, match="missing"):
        permutation_steady_state(pm, 3, {"J": 1}, method="numeric")
    with pytest.raises(ParameterError, match="'method'"):
        permutation_steady_state(pm, 3, {}, method="dense")
    ss = permutation_steady_state(pm, 11, {"J": 1, "h": 1, "kappa": 1, "r": 1}, "numeric")
    with pytest.raises(ParameterError, match="N <= 10"):
        permutation_density_matrix(ss)
    assert label_counts("XXZ", 5) == (2, 2, 0, 1)


def test_exact_inputs_stay_exact():
    """Rational(10**15+1, 10**15) is not rounded to 1 anywhere in the exact generator and solve."""
    tiny = sp.Rational(10 ** 15 + 1, 10 ** 15)
    pm = xx_model(False)
    a = permutation_steady_state(pm, 2, {"J": 1, "h": 1, "kappa": tiny}, "exact")
    b = permutation_steady_state(pm, 2, {"J": 1, "h": 1, "kappa": 1}, "exact")
    assert a.values[kappa] == tiny and a.x != b.x
    assert exact_number(0.1) == sp.Rational(1, 10) and exact_number(1.4142135623730951) != sp.sqrt(2)
    # Werner state p = 1 - 4/(3 10^17): negativity 1/2 - 10^-17 exactly
    bell = sp.Matrix([1, 0, 0, 1]) / sp.sqrt(2)
    p = 1 - sp.Rational(4, 3 * 10 ** 17)
    w = p * bell * bell.T + (1 - p) * sp.eye(4) / 4
    assert negativity(w, [0], 2) == sp.Rational(1, 2) - sp.Rational(1, 10 ** 17)
