"""Exact thresholds on the certified polynomial vector (python-flint route) versus the sympy route
(the full exact rho, partial trace, sympy charpoly and real roots) and a dense numeric scan of
lambda_min of the pair's partial transpose; the reduced state read from the lazy exact result
equals the partial trace of the full exact rho (random models, both vector forms)."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from symbolic_ness import Jump, Model, Reset, embed, projector, sigma_minus, sigma_x, sigma_y, sigma_z
from symbolic_ness.algebra import nullspace_numeric
from symbolic_ness.core import liouvillian_numeric, partial_trace, partial_transpose, reduced_steady_state, steady_state
from symbolic_ness.engines import threshold

from tests._helpers import ising_reset_chain, random_qubit_model


def _hdb_chain(n):
    """Ising chain g ZZ, dephasing 1/2, every site reset to |+> at rate r."""
    g, r = sp.Symbol("g", real=True), sp.Symbol("r", positive=True)
    Z = [embed(sigma_z(), i, n) for i in range(n)]
    H = g * sum((Z[i] * Z[i + 1] for i in range(n - 1)), sp.zeros(2 ** n, 2 ** n))
    return Model(n, H, jumps=[Jump(Z[k], sp.Rational(1, 2)) for k in range(n)],
                 resets=[Reset(k, projector("+"), r) for k in range(n)])


def _xx_decay(n):
    """XX chain g(XX + YY), drive X on site 0, decay kappa on the last site and 1/5 on site 0."""
    g, k = sp.Symbol("g", positive=True), sp.Symbol("kappa", positive=True)
    X = [embed(sigma_x(), i, n) for i in range(n)]
    Y = [embed(sigma_y(), i, n) for i in range(n)]
    H = g * sum((X[i] * X[i + 1] + Y[i] * Y[i + 1] for i in range(n - 1)), sp.zeros(2 ** n, 2 ** n)) + X[0]
    return Model(n, H, jumps=[Jump(embed(sigma_minus(), n - 1, n), k),
                              Jump(embed(sigma_minus(), 0, n), sp.Rational(1, 5))])


def _scanner(model, fixed, scan, pair):
    """``x -> lambda_min`` of the pair's partial transpose from the dense numeric null space of
    L(x) = L(0) + x (L(1) - L(0)) (the Liouvillian is affine in the scanned rate or coupling:
    checked at x = 3/2)."""
    L0, L1, L15 = (liouvillian_numeric(model, {**fixed, scan: v}).toarray() for v in (0, 1, 1.5))
    assert np.allclose(L15, L0 + 1.5 * (L1 - L0), atol=1e-12)
    d = 2 ** model.n

    def f(x):
        vecs, _ = nullspace_numeric(L0 + x * (L1 - L0), 1e-10)
        assert vecs.shape[1] == 1
        rho = vecs[:, 0].reshape(d, d, order="F")
        rho = rho / np.trace(rho)
        red = partial_trace(rho, list(pair), model.n)
        return float(np.linalg.eigvalsh(partial_transpose(red, [0], 2))[0])
    return f


def _bisect(f, a, b, tol=1e-11):
    fa = f(a)
    while b - a > tol:
        c = (a + b) / 2
        if (f(c) < 0) == (fa < 0):
            a, fa = c, f(c)
        else:
            b = c
    return (a + b) / 2


CASES = [  # model, scan, fixed, pair, upper end of the numeric check
    (_hdb_chain(3), "r", {"g": 2}, (0, 1), 40.0),
    (_xx_decay(3), "g", {"kappa": 1}, (0, 1), 20.0),
    (_hdb_chain(4), "r", {"g": 2}, (0, 1), 40.0),
]


@pytest.mark.parametrize("model, scan, fixed, pair, top", CASES)
def test_flint_route_equals_sympy_route_and_numeric_scan(monkeypatch, model, scan, fixed, pair, top):
    new = threshold(model, scan, fixed, quantity="pair-negativity", pair=pair, method="exact")
    with monkeypatch.context() as mp:  # today's route: the full sympy rho
        mp.setattr("symbolic_ness.engines._threshold.flint_threshold", lambda *a: None)
        old = threshold(model, scan, fixed, quantity="pair-negativity", pair=pair, method="exact")
    assert new.method == old.method == "exact"
    assert new.intervals and new.intervals == old.intervals and new.edges == old.edges
    assert all(sp.simplify(a - b) == 0 for x, y in zip(new.intervals, old.intervals) for a, b in zip(x, y)
               if a is not None)
    assert new.latex() == old.latex()
    # the exact edges are where the numeric lambda_min changes sign (bisected to 1e-11)
    f = _scanner(model, fixed, scan, pair)
    for (lo, hi), kinds in zip(new.intervals, new.edges):
        for e, kind in ((lo, kinds[0]), (hi, kinds[1])):
            if kind != "exact root":
                continue
            x = float(sp.N(e, 30))
            assert f(x - 1e-4) * f(x + 1e-4) < 0
            assert abs(_bisect(f, x - 1e-4, x + 1e-4) - x) < 1e-8
    # and lambda_min < 0 exactly inside the intervals on a grid of the scanned domain
    edges = [float(sp.N(e, 30)) for iv in new.intervals for e in iv if e is not None]
    for x in np.linspace(0.05, top, 15):
        if min([abs(x - e) for e in edges] + [1.0]) < 1e-3:
            continue
        inside = any((a is None or x > float(sp.N(a, 30))) and (b is None or x < float(sp.N(b, 30)))
                     for a, b in new.intervals)
        assert (f(x) < -1e-12) == inside, x


def test_never_entangled_pair_is_an_empty_certified_answer(monkeypatch):
    m = _hdb_chain(3)  # the end pair of the dephased reset chain at g = 2 is never entangled
    new = threshold(m, "r", {"g": 2}, quantity="pair-negativity", pair=(0, 2), method="exact")
    with monkeypatch.context() as mp:
        mp.setattr("symbolic_ness.engines._threshold.flint_threshold", lambda *a: None)
        old = threshold(m, "r", {"g": 2}, quantity="pair-negativity", pair=(0, 2), method="exact")
    assert new.method == "exact" and new.intervals == old.intervals == []
    f = _scanner(m, {"g": 2}, "r", (0, 2))
    assert all(f(x) > 0 for x in (0.1, 1.0, 5.0, 30.0))


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10 ** 6), sites=st.sampled_from([(0,), (2,), (0, 1), (0, 2), (1, 2)]),
       large=st.booleans())
def test_reduced_state_from_the_lazy_vector_equals_the_partial_trace(seed, sites, large):
    r = random_qubit_model(seed, 3, 1)  # plus a weak decay on every site: (almost always) unique
    m = Model(3, r.hamiltonian, jumps=tuple(r.jumps) + tuple(Jump(embed(sigma_minus(), k, 3), sp.Rational(1, 7))
                                                          for k in range(3)), resets=r.resets)
    with pytest.MonkeyPatch.context() as mp:
        if large:  # keep the certified vector as fmpz_mpoly (the large-result form)
            mp.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
            mp.setattr("symbolic_ness.core._exact_engine.LARGE_TERMS", 0)
        ss = steady_state(m)
    if not ss.unique:
        return
    assert ("_poly" if large else "_vec") in ss.__dict__
    red = reduced_steady_state(ss, sites, 3)  # before the full rho exists
    ref = partial_trace(ss.rho, list(sites), 3)
    assert red.shape == ref.shape
    assert all(sp.cancel(sp.together(a - b)) == 0 for a, b in zip(red, ref))


def test_six_qubit_exact_allowed_with_one_free_symbol_only():
    """method="exact" on 6 explicit qubits: a threshold is allowed with one free symbol (minutes,
    symmetry sector), refused before any work (one-line SizeLimitError naming `sites`) with two or
    for other quantities."""
    import time

    import sympy as sp

    from symbolic_ness import Jump, Model, SizeLimitError, embed, sigma_minus, sigma_z
    from symbolic_ness.engines import choose_method, threshold
    g, k = sp.symbols("g kappa", positive=True)
    n = 6
    Z = [embed(sigma_z(), i, n) for i in range(n)]
    H = g * sum((Z[i] * Z[i + 1] for i in range(n - 1)), sp.zeros(64, 64))
    m2 = Model(n, H, jumps=[Jump(embed(sigma_minus(), i, n), k) for i in range(n)])
    m1 = Model(n, H, jumps=[Jump(embed(sigma_minus(), i, n), 1) for i in range(n)])
    assert choose_method(m1, "threshold", {}, "exact")[0] == "exact"
    assert choose_method(m2, "threshold", {"kappa": 1}, "exact")[0] == "exact"
    t = time.perf_counter()
    with pytest.raises(SizeLimitError) as err:
        threshold(m2, "g", quantity="pair-negativity", pair=(0, 5), method="exact")
    assert time.perf_counter() - t < 5
    msg = str(err.value)
    assert "\n" not in msg and "'sites' = 6" in msg and "sites <= 5" in msg
    assert "6 sites for a threshold in at most one free symbol" in msg
    with pytest.raises(SizeLimitError, match="sites <= 6"):
        choose_method(Model(7, sp.zeros(128, 128), jumps=[Jump(embed(sigma_minus(), 0, 7), 1)]), "threshold", {}, "exact")
    # other quantities (closed forms built in sympy) stay at 5 sites, even with one symbol
    with pytest.raises(SizeLimitError, match="sites <= 5"):
        choose_method(m1, "purity", {}, "exact")


def _ising_chain(n, dephasing=1):
    """g ZZ + X/3, dephasing and resets at rate 1 (g the only symbol)."""
    return ising_reset_chain(n, sp.Rational(1, 3), dephasing=dephasing, rate=1)


def test_auto_threshold_is_exact_on_small_exact_blocks():
    """method="auto": a one-symbol threshold on 4 qubits, and on 5 qubits with a small trace
    sector, is solved exactly (same answer as method="exact", edges checked numerically);
    a 5-qubit model without weak symmetries (1024 unknowns) stays numeric, with the reason."""
    from symbolic_ness.engines import choose_method
    m5 = _ising_chain(5)
    eng, why = choose_method(m5, "threshold", {}, "auto")
    assert eng == "exact" and "272 unknowns" in why
    res = threshold(m5, "g", quantity="pair-negativity", pair=(0, 4))
    assert res.method == "exact" and res.intervals == []
    m4 = _ising_chain(4, dephasing=0)
    assert choose_method(m4, "threshold", {}, "auto")[0] == "exact"
    auto = threshold(m4, "g", quantity="pair-negativity", pair=(0, 1))
    ex = threshold(m4, "g", quantity="pair-negativity", pair=(0, 1), method="exact")
    assert auto.method == "exact" and auto.intervals == ex.intervals and auto.intervals
    # no weak symmetry: random fields on every site, decay and an asymmetric drive
    a = sp.Symbol("a", positive=True)
    n = 5
    H = a * sum((embed(sigma_z(), i, n) * embed(sigma_z(), i + 1, n) for i in range(n - 1)), sp.zeros(32, 32))
    H += sum((sp.Rational(k + 1, 7) * embed(sigma_x(), k, n) + sp.Rational(k + 2, 5) * embed(sigma_y(), k, n)
              for k in range(n)), sp.zeros(32, 32))
    m = Model(n, H, jumps=[Jump(embed(sigma_minus(), k, n), sp.Rational(k + 1, 3)) for k in range(n)])
    eng, why = choose_method(m, "threshold", {}, "auto")
    assert eng == "numeric" and "> 400 unknowns" in why


@pytest.mark.parametrize("dims", [None, (3, 2)])
def test_threshold_never_runs_through_a_rank_drop(dims):
    """Pumping into the entangled |00> + |11> at rate (s - 1)^2: entangled for every s != 1, while
    at s = 1 nothing happens (every state is stationary). The exact threshold must split the
    interval at s = 1 ("non-unique point"), on the flint route (qubits) and the sympy route
    (a qutrit-qubit pair, the pumping acting on its qubit subspace); before, both returned (0, oo)."""
    s = sp.Symbol("s", positive=True)
    d = 4 if dims is None else 6
    idx = (lambda a, b: 2 * a + b)  # |a b> with a < 2 in both cases
    phi = sp.zeros(d, 1)
    phi[idx(0, 0)] = phi[idx(1, 1)] = 1
    outs = [sp.zeros(d, 1) for _ in range(d - 1)]
    others = [k for k in range(d) if k not in (idx(0, 0), idx(1, 1))] + [None]
    for v, k in zip(outs, others):
        if k is None:
            v[idx(0, 0)], v[idx(1, 1)] = 1, -1
        else:
            v[k] = 1
    jumps = [Jump(phi * v.T, (s - 1) ** 2) for v in outs]
    m = Model(2, sp.zeros(d, d), jumps=jumps, dims=dims) if dims else Model(2, sp.zeros(d, d), jumps=jumps)
    ss = steady_state(m)
    assert ss.unique and any(sp.simplify(f - (s - 1)) == 0 for f in ss.rank_drop)
    assert steady_state(m, {"s": 1}, method="exact").nullity > 1
    res = threshold(m, "s", quantity="negativity", cut=[0], method="exact")
    assert res.intervals == [(0, 1), (1, None)]
    assert res.edges == [("domain end", "non-unique point"), ("non-unique point", "domain end")]
    # entangled on both sides (numeric null space, independent of the exact route)
    for x in (0.5, 2.0):
        rho = steady_state(m, {"s": x}, method="numeric").rho
        pt = partial_transpose(rho, [0], list(dims) if dims else 2)
        assert np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0] < -0.1
