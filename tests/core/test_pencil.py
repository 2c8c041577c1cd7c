"""Adjugate-pencil kernel: same primitive vector as the interpolation kernel, numeric null space at
random points, declines outside its scope (the engine falls back), certificate rejects perturbations,
lazy exact steady states (generic random models, not the papers')."""
from __future__ import annotations


import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
import sympy as sp
from _helpers import random_qubit_model

from symbolic_ness import (CheckFailedError, Jump, Model, Reset, embed, pauli_liouvillian,
                           projector, sigma_minus, sigma_x, sigma_z, steady_state)
from symbolic_ness.algebra import (
    PencilNotApplicable,
    PolyMatrix,
    block_split,
    certify_nullvectors,
    nullspace_interpolate,
    nullspace_numeric,
    nullspace_pencil,
)
from symbolic_ness.core import pauli_labels, pauli_string


def affine_model(seed: int, n: int, nsym: int) -> Model:
    """The shared random model generator (tests/conftest.py) with this file's probabilities."""
    return random_qubit_model(seed, n, nsym, p_symbol=0.75, p_reset=0.5)


def _trace_block(model):
    M = pauli_liouvillian(model)
    dok = {k: v for k, v in M.todok().items() if v != 0}
    pm = PolyMatrix.from_dok(dok, M.shape[0], gens=model.parameters)
    blk = next(b for b in block_split(pm.pattern(), M.shape[0]) if 0 in b)
    return M, pm.submatrix(blk), blk


CASES = [(s, n, k) for s, (n, k) in enumerate([(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (2, 4), (2, 2),
                                                  (3, 1), (3, 2), (2, 3), (1, 4), (3, 3), (2, 4)])]


@pytest.mark.parametrize("seed,n,nsym", CASES)
def test_pencil_equals_interpolation_and_numeric(seed, n, nsym):
    model = affine_model(seed, n, nsym)
    M, sub, blk = _trace_block(model)
    try:
        pen = nullspace_pencil(sub)
    except PencilNotApplicable:  # nullity of the trace block != 1: the interpolation kernel's job
        assert len(nullspace_interpolate(sub)) != 1
        return
    ref = nullspace_interpolate(sub)
    assert len(pen) == len(ref) == 1
    assert all((u - v).is_zero() for u, v in zip(pen[0], ref[0])), "not the same primitive vector"
    # numeric null space at random rational points
    rng = np.random.default_rng(seed)
    for _ in range(2):
        vals = {p: sp.Rational(int(rng.integers(1, 97)), int(rng.integers(1, 31))) for p in model.parameters}
        A = np.array(M.subs(vals).evalf(), dtype=float)[np.ix_(blk, blk)]
        ns, _ = nullspace_numeric(A, 1e-10)
        assert ns.shape[1] == 1
        x = np.array([float(e(*[int(vals[p].p) for p in model.parameters])) if all(vals[p].q == 1 for p in model.parameters)
                      else float(sp.sympify(sub.to_sympy([[e]])[0][0]).subs(vals)) for e in pen[0]])
        u = ns[:, 0] / np.linalg.norm(ns[:, 0])
        x = x / np.linalg.norm(x)
        assert min(np.linalg.norm(x - u), np.linalg.norm(x + u)) < 1e-9


@pytest.mark.parametrize("build", ["reset_2q4p", "reset_3q"])
def test_pencil_matches_interpolation_on_benchmark_models(build):
    g, h, gam, r = sp.symbols("g h gamma r", positive=True)
    if build == "reset_2q4p":
        n = 2
        Z = [embed(sigma_z(), i, n) for i in range(n)]
        X = [embed(sigma_x(), i, n) for i in range(n)]
        m = Model(n, g * Z[0] * Z[1] + h * (X[0] + X[1]),
                  jumps=[Jump(Z[i], gam) for i in range(n)] + [Jump(embed(sigma_minus(), i, n), r) for i in range(n)])
    else:
        n = 3
        Z = [embed(sigma_z(), i, n) for i in range(n)]
        m = Model(n, g * (Z[0] * Z[1] + Z[0] * Z[2] + Z[1] * Z[2]), jumps=[Jump(Z[i], gam) for i in range(n)],
                  resets=[Reset(i, projector("+"), r) for i in range(n)])
    a = steady_state(m, method="exact")
    b = steady_state(m, method="exact-interpolate")
    assert a.method == "exact-interpolate (pencil)" and b.method == "exact-interpolate"
    assert a.rho == b.rho and a.expectations == b.expectations and a.denominators == b.denominators
    assert "pencil_primes" in a.timings
    # expectations_at (flint or sympy evaluation) vs the numeric steady state
    vals = {"g": 0.7, "h": 1.3, "gamma": 0.4, "r": 1.1}
    vals = {k: v for k, v in vals.items() if k in {p.name for p in m.parameters}}
    num = steady_state(m, vals, method="numeric")
    got = a.expectations_at(vals)
    for lab in pauli_labels(n):
        P = np.array(pauli_string(lab).evalf(), dtype=complex)
        ref = np.trace(P @ num.rho).real
        assert abs(got.get(lab, 0.0) - ref) < 1e-9


def test_pencil_declines_and_engine_falls_back():
    k1, k2, g = sp.symbols("k1 k2 g", positive=True)
    # nullity 2: two decoupled qubits with pure dephasing-free decay on one and nothing on the other
    n = 2
    m2 = Model(n, g * embed(sigma_z(), 0, n) * embed(sigma_z(), 1, n), jumps=[Jump(embed(sigma_z(), 0, n), k1)])
    _, sub, _ = _trace_block(m2)
    with pytest.raises(PencilNotApplicable):
        nullspace_pencil(sub)
    # entries quadratic in every symbol: no pencil variable
    mq = Model(1, g ** 2 * sigma_x(), jumps=[Jump(sigma_minus(), k1 ** 2), Jump(sigma_z(), k1 ** 2 + g ** 2)])
    _, sub, _ = _trace_block(mq)
    with pytest.raises(PencilNotApplicable):
        nullspace_pencil(sub)
    ss = steady_state(mq, method="exact")
    assert ss.method == "exact-interpolate"
    ref = steady_state(mq, method="exact-field")
    assert sp.simplify(ss.rho - ref.rho) == sp.zeros(2, 2)


def test_certificate_rejects_perturbed_pencil_vector():
    model = affine_model(5, 2, 3)
    _, sub, _ = _trace_block(model)
    (w,) = nullspace_pencil(sub)
    certify_nullvectors(sub, [w])
    k = next(i for i, e in enumerate(w) if not e.is_zero())
    bad = list(w)
    bad[k] = bad[k] + 1
    with pytest.raises(CheckFailedError):
        certify_nullvectors(sub, [bad])


def test_pencil_independent_of_workers_and_buffer_path(monkeypatch):
    model = affine_model(12, 3, 3)
    _, sub, _ = _trace_block(model)
    ref = nullspace_pencil(sub)
    monkeypatch.setenv("SYMBOLIC_NESS_WORKERS", "2")
    monkeypatch.setenv("SYMBOLIC_NESS_NMOD_VIEW", "0")
    info = {}
    got = nullspace_pencil(sub, info=info)
    assert info["workers"] == 2
    assert all((u - v).is_zero() for u, v in zip(ref[0], got[0]))


@pytest.mark.parametrize("n, digits", [(2, 10**20), (3, 10**14)])
def test_many_prime_build_independent_of_buffer_path(monkeypatch, n, digits):
    """A field with a large numerator needs >= 3 primes: the values then come from fmpz_mat
    products written through the matrix buffer; the Python mixed radix gives the same vector."""
    from _helpers import ising_reset_chain, trace_block
    _, sub, _ = trace_block(ising_reset_chain(n, sp.Rational(digits + 12345, 1000003)))
    info = {}
    ref = nullspace_pencil(sub, info=info, resume=False)
    assert info["primes"] >= 3
    monkeypatch.setenv("SYMBOLIC_NESS_NMOD_VIEW", "0")
    got = nullspace_pencil(sub, resume=False)
    assert all((u - v).is_zero() for u, v in zip(ref[0], got[0]))
    certify_nullvectors(sub, got)


@pytest.mark.parametrize("first", ["denominators", "expectations", "rho"])
def test_lazy_fields_right_whichever_is_read_first(first):
    """Each lazy field is computed on its own first access (``denominators`` used to be answered
    by the dataclass's class-level default ``()`` when read before ``rho``)."""
    k, g = sp.symbols("kappa g", positive=True)
    m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    ref = steady_state(m, method="exact-field")
    assert ref.denominators == (8 * g**2 + k**2,)
    ss = steady_state(m, method="exact")
    assert getattr(ss, first) is not None
    assert ss.denominators == ref.denominators
    assert set(ss.expectations) == set(ref.expectations)
    assert sp.simplify(ss.rho - ref.rho) == sp.zeros(2, 2)


def test_lazy_steady_state_fields():
    k, g = sp.symbols("kappa g", positive=True)
    m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    ss = steady_state(m, method="exact")
    assert "rho" not in ss.__dict__  # not computed yet
    rho = ss.rho
    assert "rho" in ss.__dict__ and ss.rho is rho
    ref = steady_state(m, method="exact-field")
    assert sp.simplify(rho - ref.rho) == sp.zeros(2, 2)
    assert set(ss.expectations) == set(ref.expectations)
    assert ss.denominators == ref.denominators


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10 ** 6), n=st.sampled_from([2, 3]))
def test_large_result_denominators_read_first_are_the_trace_factors(seed, n):
    """A large (fmpz_mpoly) result answers ``denominators`` from the factored trace coordinate alone
    (no rho); they equal the irreducible denominators of the expectation values once rho is built
    (which used to list 11 (200 a^2 + 5 b + 2) expanded as a second denominator) and, for two
    qubits, those of the field route."""
    r = random_qubit_model(seed, n, 2)
    m = Model(n, r.hamiltonian, jumps=tuple(r.jumps) + tuple(Jump(embed(sigma_minus(), k, n), sp.Rational(1, 5))
                                                          for k in range(n)), resets=r.resets)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
        mp.setattr("symbolic_ness.core._exact_engine.LARGE_TERMS", 0)
        big = steady_state(m, method="exact")
    if not big.unique:
        return
    assert "_poly" in big.__dict__
    first = big.denominators            # before rho: the cheap route
    assert "rho" not in big.__dict__
    assert big.rho is not None and big.denominators == first  # the full route (rho) gives the same
    if n == 2:  # and the field route (slow in sympy for 3 qubits)
        small = steady_state(m, method="exact-field")
        assert small.rho is not None and first == small.denominators
