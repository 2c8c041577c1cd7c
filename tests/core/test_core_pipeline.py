"""Core pipeline checks on small generic models (not paper-specific)."""
from __future__ import annotations

import numpy as np
import pytest
import qutip
import sympy as sp

from scipy.optimize import linear_sum_assignment

from symbolic_ness import (Jump, Model, NonUniqueSteadyStateError, ParameterError, Reset,
                           embed, liouvillian, liouvillian_numeric, liouvillian_spectrum,
                           negativity, negativity_closed_form, partial_trace, partial_transpose,
                           pauli_liouvillian, projector, sigma_minus, sigma_plus, sigma_x,
                           sigma_y, sigma_z, steady_state, to_qutip, lambdify, verify,
                           random_points, coefficient_equations)

a, k, r = sp.symbols("a kappa r", positive=True)
b, eps = sp.Rational(1, 3), sp.Rational(1, 5)  # exact numbers keep the symbolic solve small


def driven_pair(normalization="standard"):
    """Two qubits: XY exchange a, field b on qubit 0, decay (rate 11/10) on both, mixed reset of qubit 1."""
    n = 2
    H = a * (embed(sigma_x(), 0, n) * embed(sigma_x(), 1, n) + embed(sigma_y(), 0, n) * embed(sigma_y(), 1, n)) \
        + b * embed(sigma_z(), 0, n)
    st = (1 - eps) * projector("+") + eps * sp.eye(2) / 2
    return Model(n, H, jumps=[Jump(embed(sigma_minus(), i, n), sp.Rational(11, 10)) for i in range(n)],
                 resets=[Reset(1, st, r)], normalization=normalization)


def same_multiset(x, y) -> float:
    """Largest distance after optimally matching two lists of complex numbers."""
    x, y = np.asarray(x), np.asarray(y)
    cost = np.abs(x[:, None] - y[None, :])
    i, j = linear_sum_assignment(cost)
    return float(cost[i, j].max())


POINT = {"a": 0.7, "r": 0.45}


def test_sigma_conventions():
    assert sigma_plus() == (sigma_x() + sp.I * sigma_y()) / 2
    assert sigma_plus() * sp.Matrix([0, 1]) == sp.Matrix([1, 0])  # raises |1> to |0> (sigma_z = +1)
    assert sigma_z() * sp.Matrix([1, 0]) == sp.Matrix([1, 0])


def test_partial_trace_and_transpose_numeric_matches_symbolic():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    S = sp.Matrix(X.tolist())
    for keep in ([0], [1, 2], [0, 2]):
        assert np.allclose(np.array(partial_trace(S, keep, 3), dtype=complex), partial_trace(X, keep, 3), atol=1e-12)
    for sites in ([0], [1], [0, 2]):
        assert np.allclose(np.array(partial_transpose(S, sites, 3), dtype=complex), partial_transpose(X, sites, 3), atol=1e-12)
    # transposing everything is the full transpose
    assert np.allclose(partial_transpose(X, [0, 1, 2], 3), X.T)


@pytest.mark.parametrize("norm", ["standard", "doubled"])
def test_liouvillian_exact_numeric_and_qutip_agree(norm):
    m = driven_pair(norm)
    L_exact = liouvillian(m)
    vals = {s: POINT[s.name] for s in m.parameters}
    L_e = np.array(L_exact.subs(vals).evalf(), dtype=complex)
    L_n = liouvillian_numeric(m, POINT).toarray()
    assert np.max(np.abs(L_e - L_n)) < 1e-12
    _, _, Lq = to_qutip(m, POINT)
    assert np.max(np.abs(Lq.full() - L_n)) < 1e-12
    # the Pauli representation is similar to L: same spectrum
    M = np.array(pauli_liouvillian(m).subs(vals).evalf(), dtype=float)
    assert same_multiset(np.linalg.eigvals(M), np.linalg.eigvals(L_n)) < 1e-9


def test_exact_steady_state_vs_numeric_and_qutip():
    m = driven_pair()
    ss = steady_state(m)
    assert ss.unique and ss.nullity == 1 and ss.residual == 0
    rng = np.random.default_rng(7)
    for _ in range(5):
        p = {"a": rng.uniform(0.1, 3), "r": rng.uniform(0.1, 3)}
        exact = np.array(ss.rho.subs({s: p[s.name] for s in m.parameters}).evalf(), dtype=complex)
        num = steady_state(m, p, method="numeric")
        assert num.unique and num.residual < 1e-12
        assert np.max(np.abs(exact - num.rho)) < 1e-10
        H, c_ops, _ = to_qutip(m, p)
        q = qutip.steadystate(H, c_ops).full()
        assert np.max(np.abs(exact - q)) < 1e-9
        sparse = steady_state(m, p, method="sparse")
        assert sparse.unique and np.max(np.abs(sparse.rho - exact)) < 1e-10


def test_exact_rational_point_solution():
    m = driven_pair()
    ss = steady_state(m, {"a": sp.Rational(1, 2), "r": sp.Rational(1, 3)}, method="exact")
    assert all(v.is_number and sp.re(v).is_Rational and sp.im(v).is_Rational for v in ss.rho)
    num = steady_state(m, {"a": 0.5, "r": 1 / 3}, method="numeric")
    assert np.max(np.abs(np.array(ss.rho.evalf(), dtype=complex) - num.rho)) < 1e-12


def test_non_unique_steady_state_is_reported_not_picked():
    # pure dephasing of two qubits: every diagonal state is stationary (null space dim 4)
    n = 2
    m = Model(n, sp.zeros(4, 4), jumps=[Jump(embed(sigma_z(), i, n), k) for i in range(n)])
    ex = steady_state(m)
    assert not ex.unique and ex.nullity == 4 and ex.rho is None and len(ex.basis) == 4
    with pytest.raises(NonUniqueSteadyStateError):
        ex.require_unique()
    for method in ("dense", "sparse"):
        nu = steady_state(m, {"kappa": 1.0}, method=method)
        assert not nu.unique and nu.nullity >= 2 and nu.rho is None


def test_spectrum_matches_numeric_eigenvalues():
    m = driven_pair()
    spec = liouvillian_spectrum(m)
    assert spec.total == 16
    L = liouvillian_numeric(m, POINT).toarray()
    vals = {s: POINT[s.name] for s in m.parameters}
    assert same_multiset(spec.numeric(vals), np.linalg.eigvals(L)) < 1e-9


def test_negativity_werner_closed_form():
    p = sp.Symbol("p", positive=True)
    bell = sp.Matrix([0, 1, -1, 0]) / sp.sqrt(2)
    w = p * bell * bell.T + (1 - p) * sp.eye(4) / 4
    N = negativity_closed_form(w, [0], 2)
    assert sp.simplify(N - sp.Max(0, (3 * p - 1) / 4)) == 0
    f = lambdify(N, [p])
    for pv in (0.1, 0.34, 0.9):
        num = negativity(np.array(w.subs(p, pv).evalf(), dtype=complex), [0], 2)
        assert abs(float(f(pv)) - num) < 1e-12


def test_verify_reports_failures():
    pts = random_points({"x": (0, 1)}, 5)
    good = verify("id", lambda q: q["x"], lambda q: q["x"], pts)
    bad = verify("off", lambda q: q["x"], lambda q: q["x"] + 1e-6, pts, tol=1e-9)
    assert good.ok and not bad.ok and bad.max_error > 9e-7


def test_coefficient_equations_match_liouvillian():
    m = driven_pair()
    eqs = coefficient_equations(m)
    assert len(eqs) == 16
    L = liouvillian(m)
    # equation for C_{00;01} (row index a + d*b with a=0, b=1)
    row = 0 + 4 * 1
    rhs = eqs[1].rhs
    coeffs = {c: rhs.coeff(sp.Symbol(f"C_{{{format(c % 4, '02b')};{format(c // 4, '02b')}}}")) for c in range(16)}
    for c in range(16):
        assert sp.simplify(coeffs[c] - L[row, c]) == 0


def test_missing_parameter_in_a_numeric_solve_names_it():
    m = driven_pair()
    with pytest.raises(ParameterError, match="'a' is missing"):
        steady_state(m, {"r": 0.5}, method="numeric")
    with pytest.raises(ParameterError, match="'r' is missing"):
        to_qutip(m, {"a": 0.5})


def test_bad_input_errors_name_the_parameter():
    n = 1
    with pytest.raises(ParameterError, match="hamiltonian"):
        Model(n, sp.Matrix([[0, 1], [0, 0]]))
    with pytest.raises(ParameterError, match="reset state"):
        Reset(0, sp.Matrix([[1, 0], [0, 1]]), r)
    with pytest.raises(ParameterError, match="reset state"):
        Reset(0, sp.Matrix([[sp.Rational(3, 2), 0], [0, -sp.Rational(1, 2)]]), r)
    m = Model(n, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)])
    with pytest.raises(ParameterError, match="'kappa'.*kappa >= 0"):
        m.validate({"kappa": -1})
    with pytest.raises(ParameterError, match="'nope'"):
        m.validate({"nope": 1})
    with pytest.raises(ParameterError, match="site"):
        embed(sigma_z(), 3, 2)
    with pytest.raises(ParameterError, match="method"):
        steady_state(m, {"kappa": 1}, method="magic")
