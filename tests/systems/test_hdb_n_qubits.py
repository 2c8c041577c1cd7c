"""N-qubit reset model (HDB Sec. III): permutation-symmetric solver, closed forms, Fig. 3 claims."""
from __future__ import annotations

import json
import math
from functools import reduce

import numpy as np
import pytest
import sympy as sp

import symbolic_ness.papers.hdb as S
from symbolic_ness.papers.hdb import symmetric as hd_symmetric
from symbolic_ness.core import partial_trace, partial_transpose, steady_state
from symbolic_ness.export import random_points
from symbolic_ness.engines import (bipartition_weights, permutation_average_negativity, permutation_basis,
                                   permutation_density_matrix, permutation_generator, permutation_negativity)

G, R, GAMMA = S.SYMBOLS["g"], S.SYMBOLS["r"], S.SYMBOLS["gamma"]

PAULI = {"I": np.eye(2), "X": np.array([[0, 1], [1, 0]], complex),
         "Y": np.array([[0, -1j], [1j, 0]]), "Z": np.diag([1.0, -1.0]).astype(complex)}


def _expectations_from_rho(rho, N):
    basis, _ = permutation_basis(N)
    out = []
    for m in basis:
        lab = "I" * m[0] + "X" * m[1] + "Y" * m[2] + "Z" * m[3]
        out.append(np.trace(reduce(np.kron, [PAULI[c] for c in lab]) @ rho).real)
    return np.array(out)


def _points(count, seed):
    return random_points({"g": (0.2, 8.0), "r": (0.1, 30.0), "gamma": (0.1, 3.0)}, count, seed)


# ------------------------------------------------------ solver vs full space
@pytest.mark.parametrize("N,count", [(2, 2), (3, 2), (4, 1), (5, 1), (6, 1)])
def test_symmetric_solver_matches_core_full_liouvillian(N, count):
    model = hd_symmetric.full_model(N)
    for vals in _points(count, seed=N):
        full = steady_state(model, vals, method="numeric")
        assert full.unique
        sym = S.symmetric_steady_state(N, vals)
        assert sym.unique and sym.nullity == 1 and sym.residual < 1e-12
        assert sym.dim == math.comb(N + 3, 3)
        x_full = _expectations_from_rho(full.rho, N)
        assert np.max(np.abs(x_full - sym.x)) < 1e-9
        # reconstruction of the full 2^N state
        assert np.max(np.abs(permutation_density_matrix(sym) - full.rho)) < 1e-9


def _qutip_state(N, g, r, gamma):
    """Independent construction with numpy + QuTiP (no package code)."""
    import qutip
    d = 2 ** N

    def emb(op, i):
        return reduce(np.kron, [op if j == i else np.eye(2) for j in range(N)])

    H = sum(g * emb(PAULI["Z"], i) @ emb(PAULI["Z"], j) for i in range(N) for j in range(i + 1, N))
    plus = np.array([1, 1]) / np.sqrt(2)
    c_ops = [np.sqrt(gamma / 2) * emb(PAULI["Z"], i) for i in range(N)]
    for i in range(N):
        for k in range(2):
            bra = np.zeros(2); bra[k] = 1
            c_ops.append(np.sqrt(r) * emb(np.outer(plus, bra), i))
    dims = [[2] * N, [2] * N]
    rho = qutip.steadystate(qutip.Qobj(H, dims=dims).to("CSR"),
                            [qutip.Qobj(c, dims=dims).to("CSR") for c in c_ops]).full()
    assert rho.shape == (d, d)
    return rho


def _full_generator_residual(rho, N, g, r, gamma):
    """max |L rho| with L applied directly in the 2^N space (independent numpy construction)."""
    def emb(op, i):
        return reduce(np.kron, [op if j == i else np.eye(2) for j in range(N)])

    H = sum(g * emb(PAULI["Z"], i) @ emb(PAULI["Z"], j) for i in range(N) for j in range(i + 1, N))
    out = -1j * (H @ rho - rho @ H)
    plus = np.outer([1, 1], [1, 1]) / 2
    for i in range(N):
        Z = emb(PAULI["Z"], i)
        out += gamma / 2 * (Z @ rho @ Z - rho)
        red = partial_trace(rho, [j for j in range(N) if j != i], N)
        # |+><+|_i (x) tr_i rho, with site i put back in place
        t = np.kron(plus, red).reshape([2] * (2 * N))
        perm = list(range(1, i + 1)) + [0] + list(range(i + 1, N))
        t = t.transpose(perm + [N + p for p in perm]).reshape(2 ** N, 2 ** N)
        out += r * (t - rho)
    return np.abs(out).max()


@pytest.mark.parametrize("N", [6, 7])
def test_symmetric_state_is_stationary_for_full_generator(N):
    g, r, gamma = 3.7, 11.3, 0.8
    sym = S.symmetric_steady_state(N, {"g": g, "r": r, "gamma": gamma})
    rho = permutation_density_matrix(sym)
    assert abs(np.trace(rho) - 1) < 1e-12 and np.abs(rho - rho.conj().T).max() < 1e-14
    assert np.linalg.eigvalsh(rho).min() > -1e-12
    assert _full_generator_residual(rho, N, g, r, gamma) < 1e-11
    # the same check detects a wrong state (e.g. the state at another r)
    other = permutation_density_matrix(S.symmetric_steady_state(N, {"g": g, "r": 1.1 * r, "gamma": gamma}))
    assert _full_generator_residual(other, N, g, r, gamma) > 1e-4


@pytest.mark.parametrize("N", [4, 5])
def test_symmetric_solver_matches_qutip(N):
    g, r, gamma = 3.7, 11.3, 0.8
    rho_q = _qutip_state(N, g, r, gamma)
    sym = S.symmetric_steady_state(N, {"g": g, "r": r, "gamma": gamma})
    assert np.max(np.abs(permutation_density_matrix(sym) - rho_q)) < 1e-9
    # the pair state read from the two-body coordinates equals the partial trace
    assert np.max(np.abs(hd_symmetric.pair_state(sym) - partial_trace(rho_q, [0, 1], N))) < 1e-9
    # negativity of a k | N-k cut equals the brute-force value on an arbitrary subset of size k
    pt = partial_transpose(rho_q, [1, N - 1], N)
    ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
    assert abs(permutation_negativity(sym, 2) - (-ev[ev < 0].sum())) < 1e-9


def test_core_qutip_model_operators_agree_N4():
    import qutip
    vals = {"g": 2.1, "r": 7.0, "gamma": 1.3}
    model = hd_symmetric.full_model(4)
    H = np.array(sp.N(model.hamiltonian.subs({G: vals["g"]})).tolist(), dtype=complex)
    dims = [[2] * 4, [2] * 4]
    rho = qutip.steadystate(qutip.Qobj(H, dims=dims),
                            [qutip.Qobj(c, dims=dims) for c in model.qutip_jump_operators(vals)]).full()
    sym = S.symmetric_steady_state(4, vals)
    assert np.max(np.abs(permutation_density_matrix(sym) - rho)) < 1e-9


def test_exact_rational_solve_matches_float():
    vals = {"g": sp.Rational(37, 7), "r": sp.Rational(45, 2), "gamma": sp.Rational(3, 4)}
    ex = S.symmetric_steady_state(6, vals, method="exact")
    fl = S.symmetric_steady_state(6, {k: float(v) for k, v in vals.items()})
    assert ex.unique and ex.nullity == 1 and ex.residual == 0
    assert max(abs(float(a) - b) for a, b in zip(ex.x, fl.x)) < 1e-12
    assert abs(S.pair_negativity(ex) - S.pair_negativity(fl)) < 1e-12


def test_generator_is_trace_preserving_and_global_flip_symmetric():
    M = permutation_generator(S.reset_permutation_model(), 5, {"g": 1.7, "r": 2.3, "gamma": 0.4}, "float").tocoo()
    basis, _ = permutation_basis(5)
    assert not np.any(M.row == 0)  # d<I...I>/dt = 0
    # the global flip prod sigma_x maps Y, Z -> -Y, -Z: no coupling between parities of mY + mZ
    par = np.array([(m[2] + m[3]) % 2 for m in basis])
    assert np.all(par[M.row] == par[M.col])


# -------------------------------------------------------------- closed forms
def test_closed_form_N2_reproduces_paper_eq3():
    cf = S.closed_forms(2)
    f = sp.lambdify((G, R, GAMMA), cf["pair_negativity"])
    for p in _points(30, seed=7):
        g, r, gm = p["g"], p["r"], p["gamma"]
        eq3 = max(0.0, -(gm * (r + gm / 2) ** 2 + g ** 2 * (r + gm) - r * g * (r + gm))
                  / (2 * (r + gm) * (2 * g ** 2 + (r + gm / 2) * (r + gm))))
        assert abs(f(g, r, gm) - eq3) < 1e-12


@pytest.mark.parametrize("N", [3])
def test_closed_forms_vs_numeric(N):
    cf = S.closed_forms(N)
    assert all(cf["certificates"].values())
    neg = sp.lambdify((G, R, GAMMA), cf["pair_negativity"])
    Q = sp.lambdify((G, R, GAMMA), cf["entanglement_polynomial"])
    xs = {k: sp.lambdify((G, R, GAMMA), v) for k, v in cf["expectations"].items()}
    pts = _points(12, seed=11) + [{"g": 5.0, "r": r, "gamma": 1.0} for r in (20.0, 40.0, 90.0)]
    n_ent = 0
    for p in pts:
        ss = S.symmetric_steady_state(N, p)
        args = (p["g"], p["r"], p["gamma"])
        for lab, f in xs.items():
            assert abs(f(*args) - ss.expectation(lab if lab != "I" else "")) < 1e-9
        num = S.pair_negativity(ss)
        assert abs(neg(*args) - num) < 1e-10
        assert (Q(*args) > 0) == (S.pair_lambda_min(ss) < 0)
        n_ent += num > 0
    assert n_ent >= 3  # the comparison covers entangled points


def test_symbolic_steady_state_residual_and_exact_point():
    ss = S.symbolic_steady_state(3)
    assert ss.unique
    pt = {G: sp.Rational(5), R: sp.Rational(33, 2), GAMMA: sp.Integer(1)}
    ex = S.symmetric_steady_state(3, {"g": 5, "r": sp.Rational(33, 2), "gamma": 1}, method="exact")
    for a, b in zip(ss.x, ex.x):
        assert sp.simplify(sp.sympify(a).subs(pt) - b) == 0


# ---------------------------------------------------- paper's claims (Fig. 3)
def test_threshold_in_r_and_exact_roots():
    for N in (2, 3):
        rc = float(S.threshold_r(N, 5, 1)[0])
        assert S.pair_lambda_min(S.symmetric_steady_state(N, {"g": 5, "r": rc * 0.98, "gamma": 1})) > 0
        assert S.pair_lambda_min(S.symmetric_steady_state(N, {"g": 5, "r": rc * 1.02, "gamma": 1})) < 0
    # small r: separable pair (at r = 0 the steady states are diagonal, see the non-uniqueness test)
    assert S.pair_negativity(S.symmetric_steady_state(4, {"g": 5, "r": 0.01, "gamma": 1})) == 0
    # N = 2 threshold from the paper's Eq. (3): -4 r^2 + 21 r + 25.25 = 0 at g = 5 gamma
    assert abs(float(S.threshold_r(2, 5, 1)[0]) - (21 + math.sqrt(441 + 404)) / 8) < 1e-12


def test_pair_window_shrinks_with_N_but_never_closes():
    wins = [S.pair_window(N, 5.0, 1.0, r_max=2e3, points=30) for N in (2, 3, 4, 6, 8)]
    rc = [w["r_c"] for w in wins]
    peaks = [w["negativity_peak"] for w in wins]
    assert all(a < b for a, b in zip(rc, rc[1:]))
    assert all(a > b for a, b in zip(peaks, peaks[1:]))
    assert all(w["open_above"] and len(w["intervals"]) == 1 for w in wins)
    assert abs(rc[1] - float(S.threshold_r(3, 5, 1)[0])) < 1e-8
    # large-r limit r * lambda_min -> -(g - gamma)/2 independent of N
    for N in (3, 12):
        lam = S.pair_lambda_min(S.symmetric_steady_state(N, {"g": 5, "r": 1e6, "gamma": 1}))
        assert abs(-1e6 * lam - 2.0) < 2e-3


def test_exact_certificate_at_best_point():
    w = S.pair_window(7, 5.0, 1.0, r_max=2e3, points=30)
    c = S.exact_pair_certificate(7, 5, sp.Rational(round(w["r_peak"])), 1)
    assert c["entangled"] and c["det_pt"] < 0
    c2 = S.exact_pair_certificate(7, 5, sp.Rational(math.floor(w["r_c"]) - 1), 1)
    assert not c2["entangled"]


def test_poisson_mixture_keeps_finite_pair_entanglement():
    w = hd_symmetric.poisson_weights(4.0)
    raw = {N: 4.0 ** N / math.factorial(N) for N in range(2, 7)}
    tot = sum(raw.values())
    assert all(abs(w[N] - raw[N] / tot) < 1e-14 for N in w)
    vals = {"g": 5.0, "r": 60.0, "gamma": 1.0}
    mix = S.poisson_pair_negativity(vals, 4.0)
    assert mix > 5e-3
    # convexity of the negativity: mixture <= sum_N p_N N(rho_N)
    bound = sum(p * S.pair_negativity(S.symmetric_steady_state(N, vals)) for N, p in w.items())
    assert mix <= bound + 1e-12
    # below every member's threshold the mixture is separable
    assert S.poisson_pair_negativity({"g": 5.0, "r": 5.0, "gamma": 1.0}, 4.0) == 0


def test_average_negativity_and_weights():
    assert bipartition_weights(5) == {1: 5, 2: 10}
    assert sum(bipartition_weights(6).values()) == 31
    ss = S.symmetric_steady_state(4, {"g": 5.0, "r": 30.0, "gamma": 1.0})
    rho = permutation_density_matrix(ss)
    # brute force over all 7 bipartitions of 4 qubits
    cuts = [[0], [1], [2], [3], [0, 1], [0, 2], [0, 3]]
    vals = []
    for A in cuts:
        pt = partial_transpose(rho, A, 4)
        ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
        vals.append(-ev[ev < 0].sum())
    assert abs(permutation_average_negativity(ss) - np.mean(vals)) < 1e-12
    assert permutation_average_negativity(ss) > S.pair_negativity(ss)


def test_large_N_pair_negativity():
    ss = S.symmetric_steady_state(30, {"g": 5.0, "r": 400.0, "gamma": 1.0})
    assert ss.unique and ss.dim == 5456 and ss.residual < 1e-9
    assert 0 < S.pair_negativity(ss) < 0.01


# ------------------------------------------------------------------- CLI
def test_cli_rejects_bad_input(cli):
    res = cli("evaluate", "reset-symmetric", "pair-negativity", "--set", "N=1", "--set", "g=5", "--set", "r=10")
    assert res.returncode == 2 and "N >= 2" in res.stderr and "Traceback" not in res.stderr
    res = cli("evaluate", "reset-symmetric", "bipartition-negativity", "--set", "N=4", "--set", "g=5",
              "--set", "r=10", "--set", "k=4")
    assert res.returncode == 2 and "k" in res.stderr
    res = cli("evaluate", "reset-poisson", "pair-negativity", "--set", "g=5", "--set", "r=-1")
    assert res.returncode == 2 and "r >= 0" in res.stderr


def test_cli_values(cli, catalog):
    res = cli("evaluate", "reset-symmetric", "pair-negativity", "--set", "N=5", "--set", "g=5",
              "--set", "r=60", "--method", "exact", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    num = S.pair_negativity(S.symmetric_steady_state(5, {"g": 5, "r": 60, "gamma": 1}))
    assert out["model"] == "reset-symmetric" and abs(out["value"] - num) < 1e-12
    m = catalog["reset-poisson"]
    from symbolic_ness.app import parse_params
    p = parse_params(m, "pair-negativity", {"g": "5", "r": "60"})
    assert p["mean"] == 4.0 and p["Nmin"] == 2 and p["Nmax"] == 6
    assert abs(m.quantities["pair-negativity"].fn(p, "numeric")
               - S.poisson_pair_negativity({"g": 5, "r": 60, "gamma": 1}, 4.0)) < 1e-14
    q = catalog["reset-symmetric"].quantities["average-negativity"]
    p = parse_params(catalog["reset-symmetric"], "average-negativity", {"N": "3", "g": "5", "r": "20"})
    assert abs(q.fn(p, "exact") - q.fn(p, "numeric")) < 1e-12


def test_r_zero_reports_non_unique_steady_state():
    # no reset: every permutation-symmetric diagonal state (Z-strings only) is stationary
    for N in (2, 3, 5):
        for method in ("numeric", "exact"):
            ss = S.symmetric_steady_state(N, {"g": 5, "r": 0, "gamma": 1}, method=method)
            assert not ss.unique and ss.nullity == N + 1


# ------------------------------------------------------------ regressions (issue 9)
def test_default_auto_method_for_large_N(catalog):
    """evaluate reset-symmetric pair-negativity N=30 must work with the default (auto) method."""
    from symbolic_ness.app import QuantityValue, parse_params
    m = catalog["reset-symmetric"]
    q = m.quantities["pair-negativity"]
    assert q.methods[0] == "auto"
    p = parse_params(m, "pair-negativity", {"N": "30", "g": "5", "r": "400", "gamma": "1"})
    v = q.fn(p, "auto")
    assert isinstance(v, QuantityValue) and v.method == "numeric"
    assert v.value == q.fn(p, "numeric") and 0 < v.value < 0.01
    small = q.fn(parse_params(m, "pair-negativity", {"N": "4", "g": "5", "r": "20"}), "auto")
    assert small.method == "exact"
    for name in ("average-negativity", "bipartition-negativity", "steady-state"):
        assert m.quantities[name].methods[0] == "auto"
    pp = parse_params(m, "bipartition-negativity", {"N": "4", "g": "5", "r": "20", "k": "2"})
    assert abs(m.quantities["bipartition-negativity"].fn(pp, "auto").value
               - m.quantities["bipartition-negativity"].fn(pp, "numeric")) < 1e-12


def test_exact_generator_and_certificate_keep_exact_inputs():
    """Rational(10**15+1, 10**15) used to become 1 through nsimplify."""
    tiny = sp.Rational(10 ** 15 + 1, 10 ** 15)
    M = permutation_generator(S.reset_permutation_model(), 2, {"g": 5, "r": tiny, "gamma": 1})
    M1 = permutation_generator(S.reset_permutation_model(), 2, {"g": 5, "r": 1, "gamma": 1})
    assert M != M1 and any(v.q % 10 ** 15 == 0 for v in M.values())
    c = S.exact_pair_certificate(3, 5, 40 * tiny)
    c1 = S.exact_pair_certificate(3, 5, 40)
    assert c["r"] == 40 * tiny and c["det_pt"] != c1["det_pt"]
    assert abs(float(c["det_pt"] - c1["det_pt"])) < 1e-9
