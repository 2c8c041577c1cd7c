"""Compiled parametric Liouvillian and batched steady states: equal to the exact per-point results.

The batched solver (stacked LU on the trace-pinned block) at random rational points vs the exact
steady state at the same rationals (1e-10); its Liouvillian gap vs the eigenvalues of the numeric
Liouvillian; non-unique points marked (never given a value); bad parameters named.
"""
from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import ParameterError, load_model
from symbolic_ness.core import (
    Jump,
    Model,
    liouvillian_numeric,
    negativity,
    partial_trace,
    sigma_minus,
    sigma_x,
    sigma_z,
    steady_state,
)
from symbolic_ness.export import compile_liouvillian, liouvillian_gap, steady_states

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rational_points(names, count, seed, lo=1, hi=40, den=8):
    """Random rational points (floats that are exactly p/8: the float is the rational)."""
    rng = np.random.default_rng(seed)
    return [{n: float(rng.integers(lo, hi)) / den for n in names} for _ in range(count)]


def _exact_rho(model, point):
    ss = steady_state(model, {k: sp.Rational(v) for k, v in point.items()}, method="exact")
    assert ss.unique
    return np.array(sp.Matrix(ss.rho).evalf(30).tolist(), dtype=complex)


@pytest.mark.parametrize("name, fix", [
    ("driven_reset_pair.toml", {}),
    ("xxz_boundary_chain.toml", {"mu": lambda v: (v - 2.5) / 2.5}),  # mu in [-1, 1]
])
@pytest.mark.parametrize("basis, dense_max", [("auto", 600), ("hermitian", 600), ("pauli", 20)])
def test_batched_equals_exact_steady_state_at_rational_points(name, fix, basis, dense_max):
    model = load_model(EXAMPLES / name)
    c = compile_liouvillian(model, dense_max=dense_max, basis=basis)
    pts = _rational_points(c.names, 3, seed=len(name) + dense_max)
    for p in pts:
        for k, f in fix.items():
            p[k] = f(p[k])
    res = steady_states(c, {n: [p[n] for p in pts] for n in c.names})
    assert (res.status == 0).all() and (res.nullity == 1).all(), res.message
    assert np.all(res.residual < 1e-12)
    for b, p in enumerate(pts):
        rho = _exact_rho(model, p)
        assert np.max(np.abs(res.rho[b] - rho)) < 1e-10
        n = model.n
        assert abs(res.negativity([0])[b] - negativity(rho, [0], n)) < 1e-10
        assert abs(res.purity()[b] - np.trace(rho @ rho).real) < 1e-10
        red = partial_trace(rho, [0, n - 1], n)
        assert np.max(np.abs(res.reduced([0, n - 1])[b] - red)) < 1e-10
        Z0 = np.kron(np.diag([1.0, -1.0]), np.eye(2 ** (n - 1)))
        assert abs(res.expectation(Z0)[b] - np.trace(rho @ Z0).real) < 1e-10


def test_compiled_liouvillian_pickles_and_rebuilds_its_function():
    model = load_model(EXAMPLES / "tfi_chain_resets.toml")
    c = compile_liouvillian(model)
    c2 = pickle.loads(pickle.dumps(c))
    p = {"J": 0.7, "h": 1.3, "r": 0.4, "gamma": 0.2, "eps": 0.3}
    assert abs(c2.liouvillian(p) - liouvillian_numeric(model, p)).max() < 1e-13
    assert c2.basis == c.basis and [len(b) for b in c2.blocks] == [len(b) for b in c.blocks]


def test_liouvillian_gap_is_the_slowest_nonzero_decay_rate_of_the_whole_generator():
    model = load_model(EXAMPLES / "xxz_boundary_chain.toml")
    for dense_max in (600, 25):  # dense eigenvalues; the 30-block through sparse shift-invert
        c = compile_liouvillian(model, dense_max=dense_max)
        pts = {"Delta": [0.3, 1.7], "Gamma": [0.5, 2.0], "mu": [0.2, -0.6]}
        r = liouvillian_gap(c, pts)
        assert (r.status == 0).all()
        for b in range(2):
            ev = np.linalg.eigvals(liouvillian_numeric(model, {k: v[b] for k, v in pts.items()}).toarray())
            ev = ev[np.argsort(np.abs(ev))][1:]  # drop the steady state's 0
            assert abs(r.gap[b] + ev.real.max()) < 1e-9
            assert abs(r.relaxation_time[b] * r.gap[b] - 1) < 1e-12


def test_non_unique_points_are_marked_and_get_no_value():
    k, g = sp.symbols("kappa g", nonnegative=True)
    m = Model(2, g * (sp.kronecker_product(sigma_x(), sigma_x())),
              jumps=[Jump(sp.kronecker_product(sigma_minus(), sp.eye(2)), k),
                     Jump(sp.kronecker_product(sp.eye(2), sigma_minus()), k)])
    res = steady_states(m, {"kappa": [0.0, 1.0, 0.0], "g": [1.0, 1.0, 0.0]})
    assert res.status.tolist() == [1, 0, 1]
    assert np.isnan(res.rho[[0, 2]]).all() and np.isnan(res.negativity([0])[[0, 2]]).all()
    # nullity where not unique: the numeric SVD of the whole Liouvillian
    for b, p in ((0, {"kappa": 0.0, "g": 1.0}), (2, {"kappa": 0.0, "g": 0.0})):
        s = np.linalg.svd(liouvillian_numeric(m, p).toarray(), compute_uv=False)
        assert res.nullity[b] == int(np.sum(s <= 1e-10 * s[0])) >= 2
        assert "not unique" in res.message[b]
    gap = liouvillian_gap(m, {"kappa": [0.0, 1.0], "g": 1.0})
    assert gap.status.tolist() == [1, 0] and np.isnan(gap.gap[0]) and gap.gap[1] > 0
    # a model whose dynamics conserves the populations of one qubit everywhere: never unique
    deph = load_model(EXAMPLES / "dephasing_only_pair.toml")
    cd = compile_liouvillian(deph)
    r = steady_states(cd, {n: 0.7 for n in cd.names})
    assert r.status.tolist() == [1] and r.nullity[0] >= 2


def test_bad_parameters_are_named_and_out_of_domain_points_marked():
    model = load_model(EXAMPLES / "xxz_boundary_chain.toml")
    c = compile_liouvillian(model)
    with pytest.raises(ParameterError, match="Gamma"):
        steady_states(c, {"Delta": 1.0, "Gamma": [1.0, np.nan], "mu": 0.0})
    with pytest.raises(ParameterError, match="mu"):
        steady_states(c, {"Delta": 1.0, "Gamma": 1.0, "mu": np.inf})
    with pytest.raises(ParameterError, match="Delta"):
        steady_states(c, {"Gamma": 1.0, "mu": 0.0})
    res = steady_states(c, {"Delta": 1.0, "Gamma": [1.0, -1.0, 1.0], "mu": [0.0, 0.0, 1.5]})
    assert res.status.tolist() == [0, 2, 2]
    assert "Gamma" in res.message[1] and "mu" in res.message[2]
    assert np.isnan(res.purity()[1:]).all() and res.purity()[0] > 0


def test_one_qubit_resonance_fluorescence_closed_form():
    """<sigma_z> = -kappa^2 / (kappa^2 + 8 g^2) for H = g sigma_x, decay kappa to |1>."""
    k, g = sp.symbols("kappa g", positive=True)
    m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    rng = np.random.default_rng(5)
    kap, gg = rng.uniform(0.1, 5, 50), rng.uniform(0.1, 5, 50)
    z = steady_states(m, {"kappa": kap, "g": gg}).expectation(np.array(sigma_z(), dtype=float))
    assert np.max(np.abs(z + kap ** 2 / (kap ** 2 + 8 * gg ** 2))) < 1e-12


class _QubitQutrit:
    """A duck-typed model of a qubit (site 0) coupled to a qutrit (site 1), dims (2, 3): the
    compiled Liouvillian needs only ``dim``, ``dims``, ``parameters``, ``rates()``,
    ``constraints`` and ``sandwich_terms()`` (as core ``Model`` provides)."""

    dims = (2, 3)
    dim = 6
    n = 2
    constraints = ()

    def __init__(self):
        self.g, self.k, self.w = sp.symbols("g kappa omega", positive=True)
        a = sp.Matrix([[0, 1, 0], [0, 0, sp.sqrt(2)], [0, 0, 0]])  # qutrit lowering operator
        sm = sp.Matrix([[0, 0], [1, 0]])
        self.H = sp.ImmutableMatrix(self.w * sp.kronecker_product(sp.eye(2), a.T * a)
                                    + self.g * (sp.kronecker_product(sm.T, a) + sp.kronecker_product(sm, a.T)))
        self.jumps = [(sp.ImmutableMatrix(sp.kronecker_product(sp.eye(2), a)), self.k),
                      (sp.ImmutableMatrix(sp.kronecker_product(sm.T, sp.eye(3))), self.k / 2)]  # pump the qubit

    @property
    def parameters(self):
        return (self.g, self.k, self.w)

    def rates(self):
        return [r for _, r in self.jumps]

    def sandwich_terms(self):
        one = sp.ImmutableMatrix(sp.eye(6))
        terms = [(-sp.I, self.H, one), (sp.I, one, self.H)]
        for L, r in self.jumps:
            LdL = sp.ImmutableMatrix(L.H * L)
            terms += [(r, L, L), (-r / 2, LdL, one), (-r / 2, one, LdL)]
        return terms

    def numeric(self, p):
        """Independent numpy Liouvillian (column stacking) at ``p``."""
        subs = {self.g: p["g"], self.k: p["kappa"], self.w: p["omega"]}
        H = np.array(self.H.subs(subs), dtype=complex)
        one = np.eye(6)
        L = -1j * (np.kron(one, H) - np.kron(H.T, one))
        for Lop, r in self.jumps:
            A = np.array(Lop, dtype=complex) * np.sqrt(float(r.subs(subs)))
            AdA = A.conj().T @ A
            L += np.kron(A.conj(), A) - 0.5 * np.kron(one, AdA) - 0.5 * np.kron(AdA.T, one)
        return L


def test_any_hilbert_dimension_a_qubit_coupled_to_a_qutrit():
    m = _QubitQutrit()
    c = compile_liouvillian(m)
    assert c.basis == "hermitian" and c.dims == (2, 3)
    pts = {"g": np.array([0.3, 1.1, 2.0]), "kappa": np.array([1.0, 0.4, 3.0]), "omega": np.array([0.5, 1.5, 0.2])}
    res = steady_states(c, pts)
    assert (res.status == 0).all()
    for b in range(3):
        p = {k: float(v[b]) for k, v in pts.items()}
        L = m.numeric(p)
        assert np.max(np.abs(c.liouvillian(p).toarray() - L)) < 1e-12
        # oracle: the trace-pinned null vector of the numpy Liouvillian
        A = L.copy()
        A[0] = np.eye(6).reshape(-1, order="F")
        rhs = np.zeros(36, complex)
        rhs[0] = 1
        rho = np.linalg.solve(A, rhs).reshape(6, 6, order="F")
        assert np.max(np.abs(res.rho[b] - rho)) < 1e-10
        pt = rho.reshape(2, 3, 2, 3).transpose(2, 1, 0, 3).reshape(6, 6)  # transpose the qubit
        ev = np.linalg.eigvalsh(pt)
        assert abs(res.negativity([0])[b] + ev[ev < 0].sum()) < 1e-10
        assert np.max(np.abs(res.reduced([1])[b] - np.einsum("aiaj->ij", rho.reshape(2, 3, 2, 3)))) < 1e-12


def test_substituted_model_keeps_only_its_own_constraints():
    """Model.subs drops the declared intervals of the parameters it replaces (they are checked
    by validate); before, the compiled domain checks still named the replaced symbol and the
    batched solver failed with a NameError ("please report"). The remaining interval still acts."""
    from pathlib import Path

    from symbolic_ness.engines import read_model_file
    from symbolic_ness.export import steady_states
    mf = read_model_file(Path(__file__).resolve().parents[2] / "examples" / "znidaric_xx_chain.toml")
    m = mf.model().subs({"c": sp.Rational(4, 5), "gamma": 0})
    assert [str(s) for s, _ in m.constraints] == ["d"]
    res = steady_states(m, {"Gamma_L": 1.0, "Gamma_R": 1.0, "d": [0.6, 1.5]})
    assert res.status.tolist() == [0, 2] and "d" in res.message[1]
    assert abs(np.trace(res.rho[0]) - 1) < 1e-12
    with pytest.raises(ParameterError):
        mf.model().subs({"c": 2})
