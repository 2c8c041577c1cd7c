"""The library API per question (issue 20): ``evaluate``, ``threshold``, ``closed_form`` on
explicit models built in Python (not a paper's), on model files (``load_model``) and on
symmetric (permutation) models, against QuTiP steady states of models assembled here from the
models' matrices (its solver, not ours) at random points (≤ 1e-9); thresholds against
bisection of the QuTiP negativity."""
from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import numpy as np
import pytest
import qutip as qt
import sympy as sp

from symbolic_ness import NonUniqueSteadyStateError, ParameterError
from symbolic_ness.core import Jump, Model, Reset, embed, kron, projector, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
from symbolic_ness.engines import (ClosedFormResult, PermutationModel, QuantityResult, ThresholdResult, choose_method,
                                   closed_form, evaluate, load_model, threshold)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOL = 1e-9


# ----------------------------------------------------------------- QuTiP oracle
def _num(m, values):
    return np.array(sp.Matrix(m).subs(values).evalf(30).tolist(), dtype=complex)


def qutip_parts(model: Model, values: dict):
    """``(H, c_ops)`` for QuTiP from the model's matrices: jumps sqrt(f rate) L, resets as the
    Lindblad operators sqrt(r p_m)|phi_m><k| on their site."""
    n, dims = model.n, [[2] * model.n, [2] * model.n]
    H = qt.Qobj(_num(model.hamiltonian, values), dims=dims)
    f = 2.0 if model.normalization == "doubled" else 1.0
    c_ops = [math.sqrt(f * float(sp.sympify(j.rate).subs(values))) * qt.Qobj(_num(j.operator, values), dims=dims)
             for j in model.jumps]
    for r in model.resets:
        rate = float(sp.sympify(r.rate).subs(values))
        p, vecs = np.linalg.eigh(_num(r.state, values))
        for pm, v in zip(p, vecs.T):
            for k in range(2):
                if pm > 1e-15:
                    op = np.kron(np.kron(np.eye(2 ** r.site), np.outer(v, np.eye(2)[k])), np.eye(2 ** (n - r.site - 1)))
                    c_ops.append(math.sqrt(rate * pm) * qt.Qobj(op, dims=dims))
    return H, c_ops


def qutip_state(model, values):
    H, c = qutip_parts(model, values)
    return qt.steadystate(H, c).full()


def qt_negativity(rho, sites, n):
    mask = [1 if k in sites else 0 for k in range(n)]
    pt = qt.partial_transpose(qt.Qobj(rho, dims=[[2] * n, [2] * n]), mask).full()
    ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
    return float(-ev[ev < 0].sum()), float(ev[0])


def qt_reduced(rho, keep, n):
    return qt.Qobj(rho, dims=[[2] * n, [2] * n]).ptrace(sorted(keep)).full()


def as_float(v):
    return float(sp.N(v, 30)) if isinstance(v, sp.Basic) else float(v)


# ----------------------------------------------------------------- a model of no paper
a, b, c, d = sp.symbols("a b c d", real=True)
k1, k2, r = sp.symbols("k1 k2 r", positive=True)


def random_model() -> Model:
    """Three qubits: XY/ZZ-like couplings, a transverse field, a mixed decay/pump jump, local
    dephasing and a reset of the last qubit to |+>."""
    n = 3
    H = (a * embed(sigma_x(), 0, n) * embed(sigma_x(), 1, n) + b * embed(sigma_y(), 1, n) * embed(sigma_z(), 2, n)
         + c * (embed(sigma_z(), 0, n) + embed(sigma_x(), 2, n)) + d * embed(sigma_y(), 0, n) * embed(sigma_y(), 2, n))
    jumps = [Jump(embed(sigma_minus(), 0, n) + sp.Rational(1, 2) * embed(sigma_plus(), 1, n), k1),
             Jump(embed(sigma_z(), 1, n), k2)]
    return Model(n, H, jumps=jumps, resets=[Reset(2, projector("+"), r)], name="no-paper-3")


def random_values(rng):
    return {a: rng.uniform(-2, 2), b: rng.uniform(-2, 2), c: rng.uniform(-2, 2), d: rng.uniform(-2, 2),
            k1: rng.uniform(0.2, 3), k2: rng.uniform(0.2, 3), r: rng.uniform(0.2, 3)}


def exact_values(vals):
    return {s: sp.Rational(f"{v:.3f}") for s, v in vals.items()}


@pytest.mark.parametrize("method", ["exact", "numeric"])
def test_evaluate_every_quantity_on_a_model_of_no_paper(method):
    m = random_model()
    rng = random.Random(7)
    vals = exact_values(random_values(rng))
    rho = qutip_state(m, vals)
    res = evaluate(m, "steady-state", vals, method)
    assert isinstance(res, QuantityResult) and res.method == method and res.unique and res.nullity == 1
    got = np.array(sp.Matrix(res.value).evalf(20).tolist(), dtype=complex) if method == "exact" else res.value
    assert np.abs(got - rho).max() < TOL
    assert abs(as_float(evaluate(m, "purity", vals, method).value) - np.trace(rho @ rho).real) < TOL
    for cut in ([0], [0, 2]):
        N, _ = qt_negativity(rho, cut, 3)
        assert abs(as_float(evaluate(m, "negativity", vals, method, cut=cut).value) - N) < TOL
        assert abs(as_float(evaluate(m, "log-negativity", vals, method, cut=cut).value) - math.log2(2 * N + 1)) < TOL
    for pair in ((0, 1), (0, 2)):
        N2, lam = qt_negativity(qt_reduced(rho, pair, 3), [0], 2)
        assert abs(as_float(evaluate(m, "pair-negativity", vals, method, pair=pair).value) - N2) < TOL
        assert abs(as_float(evaluate(m, "lambda-min", vals, method, pair=pair).value) - lam) < TOL
    O = np.kron(np.kron(sigma_x_np(), np.eye(2)), sigma_z_np()) + 0.5 * np.kron(np.eye(4), sigma_x_np())
    e = evaluate(m, "expectation", vals, method, op="X0*Z2 + 0.5*X2")
    assert abs(as_float(e.value) - np.trace(rho @ O).real) < TOL


def sigma_x_np():
    return np.array([[0, 1], [1, 0]], dtype=complex)


def sigma_z_np():
    return np.diag([1.0, -1.0]).astype(complex)


def test_spectrum_and_engine_report():
    m = random_model()
    vals = exact_values(random_values(random.Random(3)))
    H, cops = qutip_parts(m, vals)
    want = np.linalg.eigvals(qt.liouvillian(H, cops).full())
    res = evaluate(m, "spectrum", vals)
    assert res.method == "numeric" and res.unique is None and "4^3" in res.reason
    got = np.array(res.value)
    assert len(got) == 64 and all(np.abs(got - z).min() < 1e-8 for z in want)
    assert choose_method(m, "steady-state", vals)[0] == "exact"
    assert choose_method(m, "steady-state", {k: v for k, v in vals.items() if k not in (a, b)})[0] == "numeric"
    with pytest.raises(ParameterError, match="cut"):
        evaluate(m, "negativity", vals, cut=[0, 1, 2])
    with pytest.raises(ParameterError, match="quantity"):
        evaluate(m, "entanglement-of-formation", vals)


@pytest.mark.parametrize("fname", ["xxz_two_qubit_driven.toml", "chiral_dm_pair.toml", "tfi_ring_collective_decay.toml"])
def test_evaluate_on_model_files(fname):
    m = load_model(EXAMPLES / fname)
    rng = random.Random(fname)
    vals = {}
    for p in m.parameters:
        lo, hi = (0.2, 3.0) if p.is_nonnegative else (-2.0, 2.0)
        vals[p.name] = sp.Rational(f"{rng.uniform(lo, hi):.3f}")
    sub = {p: vals[p.name] for p in m.parameters}
    rho = qutip_state(m, sub)
    n = m.n
    for method in ("auto", "numeric"):
        N, _ = qt_negativity(rho, [0], n)
        res = evaluate(m, "negativity", vals, method, cut=[0])
        assert abs(as_float(res.value) - N) < TOL and res.method in ("exact", "numeric")
        N2, lam = qt_negativity(qt_reduced(rho, (0, 1), n), [0], 2)
        assert abs(as_float(evaluate(m, "lambda-min", vals, method).value) - lam) < TOL
        assert abs(as_float(evaluate(m, "purity", vals, method).value) - np.trace(rho @ rho).real) < TOL


def test_non_unique_is_reported_not_picked():
    m = load_model(EXAMPLES / "dephasing_only_pair.toml")
    res = evaluate(m, "negativity", {"J": 1, "Delta": 0.3, "gamma": 1})
    assert res.unique is False and res.nullity == 3 and res.value is None


# ----------------------------------------------------------------- symmetric models
def test_evaluate_on_a_symmetric_model_of_no_paper():
    """N identical qubits: h X_i + Delta Z_i Z_j (all pairs), decay kappa, vs QuTiP on N = 4."""
    h, D = sp.symbols("h Delta", real=True)
    kap = sp.Symbol("kappa", positive=True)
    pm = PermutationModel(Model(1, h * sigma_x(), jumps=[Jump(sigma_minus(), kap)]),
                          Model(2, D * kron(sigma_z(), sigma_z()) + D / 2 * kron(sigma_x(), sigma_x())))
    N = 4
    vals = {h: sp.Rational(7, 10), D: sp.Rational(-3, 5), kap: sp.Rational(13, 10)}
    X, Z, SM = qt.sigmax(), qt.sigmaz(), qt.sigmam()
    op = lambda o, k: qt.tensor([o if j == k else qt.qeye(2) for j in range(N)])  # noqa: E731
    H = sum(0.7 * op(X, k) for k in range(N)) + sum(-0.6 * op(Z, i) * op(Z, j) - 0.3 * op(X, i) * op(X, j)
                                                    for i in range(N) for j in range(i + 1, N))
    rho = qt.steadystate(H, [math.sqrt(1.3) * op(SM, k) for k in range(N)]).full()  # sigma_- = |1><0| in both
    for method in ("auto", "exact"):
        res = evaluate(pm, "steady-state", vals, method, N=N)
        assert res.method.startswith("permutation") and res.unique
        got = np.array(sp.Matrix(res.value).evalf(20).tolist(), dtype=complex) if method == "exact" else res.value
        assert np.abs(got - rho).max() < TOL
        Nk, _ = qt_negativity(rho, [0, 1], N)
        assert abs(as_float(evaluate(pm, "negativity", vals, method, N=N, cut=2).value) - Nk) < TOL
        N2, lam = qt_negativity(qt_reduced(rho, (0, 3), N), [0], 2)
        assert abs(as_float(evaluate(pm, "lambda-min", vals, method, N=N, pair=(0, 3)).value) - lam) < TOL
        zz = sum((op(Z, i) * op(Z, j)).full() for i in range(N) for j in range(i + 1, N))
        e = evaluate(pm, "expectation", vals, method, N=N, op="Z_i*Z_j")
        assert abs(as_float(e.value) - np.trace(rho @ zz).real) < TOL
    spec = np.array(evaluate(pm, "spectrum", vals, N=N).value)
    L = qt.liouvillian(H, [math.sqrt(1.3) * op(SM, k) for k in range(N)]).full()
    assert len(spec) == 256 and all(np.abs(spec - z).min() < 1e-8 for z in np.linalg.eigvals(L))
    with pytest.raises(ParameterError, match="N"):
        evaluate(pm, "purity", vals)


def test_symmetric_model_file_uses_N_from_the_values():
    pm = load_model(EXAMPLES / "all_to_all_reset.toml")
    vals = {"g": 0.7, "h": 0.3, "kappa": 0.5, "r": 1.5}
    a_ = evaluate(pm, "pair-negativity", vals, N=4)
    assert a_.method == "permutation-numeric" and a_.unique
    X, Y, Z = qt.sigmax(), qt.sigmay(), qt.sigmaz()
    N = 4
    op = lambda o, k: qt.tensor([o if j == k else qt.qeye(2) for j in range(N)])  # noqa: E731
    H = sum(0.7 * (op(X, i) * op(X, j) + op(Y, i) * op(Y, j)) for i in range(N) for j in range(i + 1, N))
    H += sum(0.3 * op(Z, k) for k in range(N))
    plus = (qt.basis(2, 0) + qt.basis(2, 1)).unit()
    c = [math.sqrt(0.5) * op(qt.sigmam(), k) for k in range(N)]
    c += [math.sqrt(1.5) * op(plus * qt.basis(2, j).dag(), k) for k in range(N) for j in range(2)]
    rho = qt.steadystate(H, c).full()
    N2, _ = qt_negativity(qt_reduced(rho, (0, 1), N), [0], 2)
    assert abs(a_.value - N2) < TOL
    e = evaluate(pm, "expectation", vals, N=4, op="Z_i + X_i*X_j").value
    want = sum(np.trace(rho @ op(Z, k).full()).real for k in range(N))
    want += sum(np.trace(rho @ (op(X, i) * op(X, j)).full()).real for i in range(N) for j in range(i + 1, N))
    assert abs(e - want) < TOL


# ----------------------------------------------------------------- thresholds
def _bisect(f, lo, hi, tol=1e-11):
    flo = f(lo) < 0
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if (f(mid) < 0) == flo:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def qt_lambda_of(m, fixed, scan):
    """x -> lambda_min of rho^{T_0} from QuTiP, the other parameters at ``fixed``."""
    syms = {p.name: p for p in m.parameters}
    sub = {syms[k]: sp.Rational(str(v)) for k, v in fixed.items()}
    return lambda x: qt_negativity(qutip_state(m, {**sub, syms[scan]: x}), [0], 2)[1]


def test_exact_threshold_of_a_file_against_bisection():
    m = load_model(EXAMPLES / "driven_reset_pair.toml")
    fixed = {"Omega": 0.8, "delta": 0.3, "J": 1.2}
    res = threshold(m, "r", fixed)
    assert isinstance(res, ThresholdResult) and res.method == "exact"
    (lo, hi), = res.intervals
    assert hi is None and res.edges == [("exact root", "domain end")]
    lam = qt_lambda_of(m, fixed, "r")

    edge = _bisect(lam, float(lo) / 2, float(lo) * 2)
    assert abs(as_float(lo) - edge) < 1e-8
    assert res.printed()[0][0] == float(f"{as_float(lo):.15g}")
    (eq,) = res.equations()  # N > 0 <=> lo < r (unbounded above: one inequality)
    assert eq.rel == "<=>" and eq.rhs == sp.StrictLessThan(lo, res.scan)
    assert res.latex() == r"\mathcal{N} > 0 \iff " + sp.latex(lo) + " < r"


def test_numeric_threshold_against_bisection_and_evaluate():
    m = load_model(EXAMPLES / "chiral_dm_pair.toml")
    fixed = {"D": 0.4, "J": 0.3, "b": 0.7, "kappa": 1.1}
    res = threshold(m, "p", fixed, range=(0, 2))
    assert res.method == "numeric-bisection"
    (lo, hi), = res.intervals
    assert lo == 0 and res.edges == [("domain end", "bisection")]
    lam = qt_lambda_of(m, fixed, "p")

    assert abs(hi - _bisect(lam, hi / 2, min(2 * hi, 2.0))) < 1e-8
    via = evaluate(m, "threshold", fixed, scan="p", range="0,2")
    assert via.value == res.printed() and via.method == res.method


def test_threshold_on_a_symmetric_model():
    pm = load_model(EXAMPLES / "all_to_all_symmetric.toml")
    res = threshold(pm, "kappa", {"J": 0.6, "h": 0.8}, N=3, quantity="pair-negativity", range=(0.2, 3))
    assert res.method == "permutation-numeric-bisection"
    # every reported edge inside the range is a sign change of QuTiP's lambda_min
    for lo, hi in res.intervals:
        for e in (lo, hi):
            if e in (0.2, 3.0):
                continue
            vals = [evaluate(pm, "lambda-min", {"J": 0.6, "h": 0.8, "kappa": e * s}, N=3).value for s in (0.999, 1.001)]
            assert (vals[0] < 0) != (vals[1] < 0)


# ----------------------------------------------------------------- closed forms
def test_closed_forms_of_a_model_of_no_paper_at_random_points():
    n = 2
    g, gam = sp.Symbol("g", real=True), sp.Symbol("gamma", positive=True)
    H = g * (embed(sigma_x(), 0, n) * embed(sigma_x(), 1, n) + embed(sigma_y(), 0, n) * embed(sigma_y(), 1, n))
    H += sp.Rational(1, 3) * embed(sigma_z(), 0, n)
    m = Model(n, H, jumps=[Jump(embed(sigma_minus(), 0, n), gam), Jump(embed(sigma_plus(), 1, n), 2)], name="no-paper-2")
    cfN = closed_form(m, "negativity", {"gamma": 1})
    assert isinstance(cfN, ClosedFormResult) and cfN.method == "exact" and cfN.args == (g,)
    assert isinstance(cfN.certificates, tuple)
    cfP = closed_form(m, "purity")
    cfE = closed_form(m, "expectation", op="Z0*Z1")
    cfL = closed_form(m, "lambda-min")
    rng = random.Random(11)
    for _ in range(3):
        gv, kv = sp.Rational(f"{rng.uniform(-2, 2):.3f}"), sp.Rational(f"{rng.uniform(0.2, 3):.3f}")
        rho = qutip_state(m, {g: gv, gam: kv})
        Nq, lam = qt_negativity(rho, [0], 2)
        assert abs(as_float(cfN.expr.subs(g, gv)) - qt_negativity(qutip_state(m, {g: gv, gam: 1}), [0], 2)[0]) < TOL
        assert abs(as_float(cfP.expr.subs({g: gv, gam: kv})) - np.trace(rho @ rho).real) < TOL
        zz = np.kron(sigma_z_np(), sigma_z_np())
        assert abs(as_float(cfE.expr.subs({g: gv, gam: kv})) - np.trace(rho @ zz).real) < TOL
        assert abs(as_float(cfL.expr.subs({g: gv, gam: kv})) - lam) < TOL
    # four qubits with free symbols: the exact solve is not the engine, refused with a reason
    big = random_model()
    with pytest.raises(ParameterError, match="closed form"):
        closed_form(big, "purity", {"a": 1})
    with pytest.raises(NonUniqueSteadyStateError):
        closed_form(load_model(EXAMPLES / "dephasing_only_pair.toml"), "purity")


# ----------------------------------------------------------------- random models (hypothesis)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "property"))
from _models import build, specs  # noqa: E402

from hypothesis import given, note  # noqa: E402


@given(specs(n=2))
def test_evaluate_on_random_models_exact_numeric_and_qutip(spec):
    m = build(spec)
    note(str(spec))
    ex = evaluate(m, "negativity", {}, "exact", cut=[0])
    nu = evaluate(m, "pair-negativity", {}, "numeric")
    H, c = qutip_parts(m, {})
    L = qt.liouvillian(H, c).full()
    nullity = 16 - np.linalg.matrix_rank(L, tol=1e-9)
    if nullity != 1:  # reported with its null-space dimension, never picked
        assert ex.unique is False and ex.nullity == nullity and ex.value is None
        assert nu.unique is False
        return
    rho = qt.steadystate(H, c).full()
    N, lam = qt_negativity(rho, [0], 2)
    assert ex.method == "exact" and nu.method == "numeric" and ex.unique and nu.unique
    assert abs(as_float(ex.value) - N) < TOL and abs(nu.value - N) < TOL
    assert abs(as_float(evaluate(m, "lambda-min", {}, "exact").value) - lam) < TOL
