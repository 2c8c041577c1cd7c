"""Exact NESS correlators of the boundary-driven XX chain (issues 4 and 5, correlator parts).

Oracles: the full 4^n Lindblad null space (core steady_state), QuTiP's steadystate, the
paper's Eq. (13) typed in below, the reference sheet's central-pair lambda_min with dephasing.
"""
from __future__ import annotations

from _helpers import trace_pinned_null_vector

import json
import random

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.core import embed, lambda_min_pt, liouvillian_numeric, partial_trace, steady_state
from symbolic_ness.engines import LocalChain, close_hierarchy, solve_hierarchy as engine_solve_hierarchy
from symbolic_ness.papers.znidaric.symbols import COUPLING_L as GL_
from symbolic_ness.papers.znidaric.symbols import COUPLING_R as GR_
from symbolic_ness.papers.znidaric import DEPHASING as GAMMA_
from symbolic_ness.papers.znidaric import LENGTH as N_
from symbolic_ness.papers.znidaric.symbols import MU as MU_
from symbolic_ness.papers.znidaric.symbols import MUBAR as MUB_
from symbolic_ness.papers.znidaric.symbols import SITE as J_
from symbolic_ness.papers.znidaric.chain import (
    adjoint_generator,
    cd_to_mu,
    check_two_point_map,
    check_xx_parameters,
    dephasing_two_point_closed_form,
    dephasing_zz_closed_form,
    engine_solve,
    engine_value,
    hierarchy,
    mu_to_cd,
    solve_hierarchy,
    two_point_fast,
    xx_local_chain,
    xx_rates,
)
from symbolic_ness.papers.znidaric import gamma0_closed_form, ness_correlators, xx_chain_model

X = np.array([[0, 1], [1, 0]], dtype=complex)
Y = np.array([[0, -1j], [1j, 0]])
Z = np.diag([1.0 + 0j, -1.0])


def _random_point(rng, gamma=True):
    c, d = rng.uniform(-1, 1), rng.uniform(-1, 1)
    mu, mb = c + d, (d - c) / 2
    return (round(rng.uniform(0.3, 2.0), 3), round(rng.uniform(0.3, 2.0), 3), round(mu, 3), round(mb, 3),
            round(rng.uniform(0.05, 0.6), 3) if gamma else 0.0)


def _brute(rho, n):
    def ev(*ops):
        M = np.eye(2 ** n, dtype=complex)
        for site, P in ops:
            M = M @ embed(P, site, n)
        return np.trace(rho @ M).real
    z = [ev((j, Z)) for j in range(n)]
    xy = [ev((j, X), (j + 1, Y)) for j in range(n - 1)]
    xx = [ev((j, X), (j + 1, X)) for j in range(n - 1)]
    zz = [[1.0 if j == k else ev((j, Z), (k, Z)) for k in range(n)] for j in range(n)]
    return z, xy, xx, zz


def _compare(r, rho, n, tol=1e-9):
    z, xy, xx, zz = _brute(rho, n)
    assert np.allclose(np.array(r.z, float), z, atol=tol)
    assert np.allclose(np.array(r.xy, float), xy, atol=tol)
    assert np.allclose(np.array(r.xx, float), xx, atol=tol)
    assert np.allclose(np.array(r.zz, float), zz, atol=tol)
    for j in range(1, n):
        pj = np.array(r.pair_state(j, j + 1), dtype=complex)
        assert np.abs(pj - partial_trace(rho, [j - 1, j], n)).max() < tol


# ------------------------------------------------------------------ model
def test_model_rates_and_hamiltonian():
    GL, GR, mu, mb, g = sp.symbols("Gamma_L Gamma_R mu mubar gamma", positive=True)
    m = xx_chain_model(3, GL, GR, mu, mb, g)
    assert m.normalization == "doubled"
    rates = [j.rate for j in m.jumps]
    # Eqs. (8)-(9) of the paper (oracle) and dephasing sqrt(gamma/2) sigma^z
    assert rates[:4] == [GL * (1 - mu / 2 + mb), GL * (1 + mu / 2 - mb), GR * (1 + mu / 2 + mb), GR * (1 - mu / 2 - mb)]
    assert rates[4:] == [g / 2] * 3
    Xs = sp.Matrix([[0, 1], [1, 0]])
    Ys = sp.Matrix([[0, -sp.I], [sp.I, 0]])
    H = sp.zeros(8, 8)
    for j in range(2):
        H += embed(Xs, j, 3) * embed(Xs, j + 1, 3) + embed(Ys, j, 3) * embed(Ys, j + 1, 3)
    assert sp.Matrix(m.hamiltonian) == H


def test_parameter_errors():
    with pytest.raises(ParameterError, match="n >= 2"):
        check_xx_parameters(1, 1, 1, 0, 0, 0)
    with pytest.raises(ParameterError, match="Gamma_L > 0"):
        check_xx_parameters(3, 0, 1, 0, 0, 0)
    with pytest.raises(ParameterError, match="gamma >= 0"):
        check_xx_parameters(3, 1, 1, 0, 0, -1)
    with pytest.raises(ParameterError, match=r"\|c\| <= 1"):
        check_xx_parameters(3, 1, 1, 1.8, 0.5, 0)
    check_xx_parameters(3, 1, 1, 2, 0, 0)            # corner c = d = 1 is allowed
    assert cd_to_mu(*mu_to_cd(sp.Rational(3, 4), sp.Rational(-1, 5))) == (sp.Rational(3, 4), sp.Rational(-1, 5))


def test_heisenberg_generator_is_real_and_local():
    gen = adjoint_generator(6, ((2, "Z"), (4, "Z")), xx_rates(1, 1, 1, 0, 1))
    assert all(all(abs(s - 2) <= 1 or abs(s - 4) <= 1 for s, _ in string) for string in gen)


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_two_point_hierarchy_closes_on_n_squared(n):
    variables = hierarchy(n, four_point=False).variables
    assert len(variables) == 2 * n * n - n        # quadratic Majorana strings (U(1) part: n^2)


# --------------------------------------------- vs full Lindblad null space
@pytest.mark.parametrize("n,seed,deph,method", [(3, 1, True, "numeric"), (4, 2, True, "numeric"),
                                                 (4, 3, False, "numeric"), (5, 4, True, "sparse")])
def test_correlators_vs_null_space(n, seed, deph, method):
    rng = random.Random(seed)
    GL, GR, mu, mb, g = _random_point(rng, deph)
    assert GL != GR and mb != 0
    m = xx_chain_model(n, GL, GR, mu, mb, g)
    ss = steady_state(m, method=method)
    assert ss.unique and ss.residual < 1e-9
    _compare(ness_correlators(n, GL, GR, mu, mb, g), ss.rho, n)                         # auto path
    _compare(ness_correlators(n, GL, GR, mu, mb, g, method="hierarchy"), ss.rho, n)     # closure


def test_correlators_vs_null_space_n6_dephasing():
    # null vector of the core's 4^6 Liouvillian. L conserves the magnetization difference of
    # |a><b|, so the NESS lies in the 924-dimensional block popcount(a) = popcount(b); solve there
    # with the trace row, then check the residual on the FULL Liouvillian.
    GL, GR, mu, mb, g = 0.7, 1.6, 0.9, -0.15, 0.3
    L = liouvillian_numeric(xx_chain_model(6, GL, GR, mu, mb, g), {}).tocsr()
    d = 64
    pc = np.array([bin(a).count("1") for a in range(d)])
    A, B = np.meshgrid(np.arange(d), np.arange(d), indexing="ij")
    idx = (A + d * B)[pc[A] == pc[B]]                      # column stacking: vec index a + d b
    v = trace_pinned_null_vector(L, d, idx, dense=True)
    assert np.linalg.norm(L @ v) < 1e-10
    rho = v.reshape(d, d, order="F")
    _compare(ness_correlators(6, GL, GR, mu, mb, g), rho, 6)


def test_correlators_vs_qutip():
    qutip = pytest.importorskip("qutip")
    n, GL, GR, mu, mb, g = 4, 1.3, 0.6, -0.8, 0.25, 0.2
    m = xx_chain_model(n, GL, GR, mu, mb, g)
    H = qutip.Qobj(np.array(sp.Matrix(m.hamiltonian), dtype=complex))
    c_ops = [qutip.Qobj(L) for L in m.qutip_jump_operators({})]
    rho = qutip.steadystate(H, c_ops).full()
    _compare(ness_correlators(n, GL, GR, mu, mb, g), rho, n)


# ------------------------------------------------------------ exact paths
def test_exact_rational_and_symbolic():
    R = sp.Rational
    args = (4, R(2, 3), R(5, 4), R(1, 2), R(-1, 5), R(1, 3))
    ex = ness_correlators(*args, exact=True)
    assert all(isinstance(v, sp.Rational) for v in ex.z + ex.xy) and ex.status["residual"] == 0
    fl = ness_correlators(4, *(float(a) for a in args[1:]))
    assert np.allclose(np.array(ex.zz, float), fl.zz, atol=1e-13)
    # symbolic rational functions for n = 3, checked by substitution
    GL, GR, g = sp.symbols("Gamma_L Gamma_R gamma", positive=True)
    mu, mb = sp.symbols("mu mubar", real=True)
    sym = ness_correlators(3, GL, GR, mu, mb, g, exact=True)
    sub = {GL: R(2, 3), GR: R(5, 4), mu: R(1, 2), mb: R(-1, 5), g: R(1, 3)}
    ex3 = ness_correlators(3, *[sub[s] for s in (GL, GR, mu, mb, g)], exact=True)
    for a, b in zip(sym.z + sym.xy + sym.zz[0], ex3.z + ex3.xy + ex3.zz[0]):
        assert sp.simplify(sp.sympify(a).subs(sub) - b) == 0


@pytest.mark.parametrize("n", [3, 5, 8])
def test_fermionic_two_point_equals_pauli_hierarchy(n):
    # the fermionic n^2 system (h, Lambda, P, 4 gamma) reproduces the Pauli-string closure
    GL, GR, mu, mb, g = 0.8, 1.7, 1.1, 0.2, 0.35
    C, st = two_point_fast(n, GL, GR, mu, mb, g)
    assert st["residual"] < 1e-12
    vals, _ = solve_hierarchy(n, GL, GR, mu, mb, g, four_point=False)
    assert np.allclose(2 * np.diag(C).real - 1, [vals[((j, "Z"),)] for j in range(n)], atol=1e-12)
    # C_{j,j+1} = -(<XX+YY> + i<YX-XY>)/4 ; C_{jk} = 0 for |j-k| >= 2 (full residual proves it)
    for j in range(n - 1):
        xy, yx = vals[((j, "X"), (j + 1, "Y"))], vals[((j, "Y"), (j + 1, "X"))]
        assert abs(C[j, j + 1] - (-1j * (yx - xy) / 4)) < 1e-12


@pytest.mark.parametrize("n", [8, 9, 11])
def test_engine_vs_hierarchy(n):
    rng = random.Random(n)
    GL, GR, mu, mb, g = _random_point(rng)
    coeffs, st = engine_solve(n, GL, GR, mu, mb, g, exact=True)
    assert st["residual"] == 0
    vals, _ = solve_hierarchy(n, GL, GR, mu, mb, g)
    assert max(abs(float(engine_value(coeffs, s, n)) - v) for s, v in vals.items()) < 1e-11


def test_engine_exact_equals_exact_hierarchy_n8():
    R = sp.Rational
    args = (8, R(3, 5), R(7, 5), R(7, 10), R(-1, 10), R(1, 4))
    coeffs, _ = engine_solve(*args, exact=True)
    vals, _ = solve_hierarchy(*args, exact=True)
    assert all(engine_value(coeffs, s, 8) == v for s, v in vals.items())


# ---------------------------------------------------------- closed forms
def test_gamma0_closed_form_is_eq13():
    cf = gamma0_closed_form()
    GL, GR, mu, mb = GL_, GR_, MU_, MUB_
    den = (1 + GL * GR) * (GL + GR)
    oracle = {  # Eq. (13) of the paper, typed in as the test oracle
        "t": mu * GL * GR / den,
        "a1": mb - mu / 2 * ((GL - GR) + GL * GR * (GL + GR)) / den,
        "a": mb - mu / 2 * (GL - GR) * (1 - GL * GR) / den,
        "an": mb - mu / 2 * ((GL - GR) - GL * GR * (GL + GR)) / den,
    }
    for k, v in oracle.items():
        assert sp.simplify(cf[k] - v) == 0
        assert N_ not in cf[k].free_symbols
    assert sp.simplify(cf["zz_nn_bulk"] - (oracle["a"] ** 2 - oracle["t"] ** 2)) == 0


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_gamma0_closed_form_vs_exact_solves(n):
    R = sp.Rational
    pt = {GL_: R(3, 7), GR_: R(9, 5), MU_: R(4, 5), MUB_: R(1, 6)}
    cf = {k: v.subs(pt) for k, v in gamma0_closed_form().items()}
    ex = ness_correlators(n, pt[GL_], pt[GR_], pt[MU_], pt[MUB_], 0, exact=True)
    prof = [cf["a1"]] + [cf["a"]] * (n - 2) + [cf["an"]]
    assert ex.z == prof and ex.xy == [-cf["t"]] * (n - 1)
    for j in range(n):
        for k in range(j + 1, n):
            assert ex.zz[j][k] == prof[j] * prof[k] - (cf["t"] ** 2 if k == j + 1 else 0)


@pytest.mark.parametrize("n", [2, 3, 5, 7, 9, 12])
def test_dephasing_two_point_closed_form_vs_solves(n):
    rng = random.Random(100 + n)
    GL, GR, mu, mb, g = _random_point(rng)
    cf = dephasing_two_point_closed_form()
    sub = {GL_: GL, GR_: GR, MU_: mu, MUB_: mb, GAMMA_: g, N_: n}
    prof = ([float(cf["z1"].subs(sub))] + [float(cf["z_j"].subs(sub).subs(J_, j)) for j in range(2, n)] +
            [float(cf["zn"].subs(sub))])
    r = ness_correlators(n, GL, GR, mu, mb, g)
    assert np.allclose(prof, r.z, atol=1e-12)
    assert np.allclose(r.xy, -float(cf["t"].subs(sub)), atol=1e-12)


def test_dephasing_closed_form_symmetric_current():
    G = sp.Symbol("Gamma", positive=True)
    t = dephasing_two_point_closed_form()["t"].subs({GL_: G, GR_: G, MU_: 2, MUB_: 0})
    # reference sheet Sec. 3.3 Pauli equations summed over the n - 1 bonds:
    # t (Gamma + 1/Gamma + gamma (n - 1)) = mu / 2 = 1
    assert sp.simplify(t - 1 / (G + 1 / G + GAMMA_ * (N_ - 1))) == 0


# ------------------------------------------------------------- large n
def test_large_n_gamma0_fast():
    r = ness_correlators(1000, 0.7, 1.3, 1.2, 0.1, 0)
    assert r.status["residual"] < 1e-12
    cf = {k: float(v.subs({GL_: 0.7, GR_: 1.3, MU_: 1.2, MUB_: 0.1})) for k, v in gamma0_closed_form().items()}
    assert abs(r.z[0] - cf["a1"]) < 1e-12 and abs(r.z[500] - cf["a"]) < 1e-12 and abs(r.z[-1] - cf["an"]) < 1e-12
    assert abs(r.zz[400][401] - (cf["a"] ** 2 - cf["t"] ** 2)) < 1e-12
    assert abs(r.zz[100][700] - cf["a"] ** 2) < 1e-12


@pytest.mark.parametrize("n,G,g", [(10, 1.0, 0.05), (200, 0.9, 0.003), (1000, 1.1, 0.0005)])
def test_central_pair_dephasing_vs_reference(n, G, g):
    r = ness_correlators(n, G, G, 2, 0, g)
    m = n // 2
    X_ = G + 1 / G + g * (n - 2)
    ref = (X_ ** 2 - 2 * X_ - 1) * (1 + g / X_) / (4 * (X_ + g) ** 2)    # reference sheet Sec. 2.2
    assert abs(lambda_min_pt(r.pair_state(m, m + 1)) - ref) < 1e-10


# ------------------------------------------------------------------- CLI
def test_cli_correlators_json(cli):
    res = cli("evaluate", "xx-ness", "correlators", "--set", "n=5", "--set", "Gamma_L=0.5", "--set", "Gamma_R=1.5",
              "--set", "mu=1", "--set", "mubar=0.2", "--set", "gamma=0.1", "--json")
    assert res.returncode == 0, res.stderr
    v = json.loads(res.stdout)["value"]
    assert len(v["z"]) == 5 and len(v["xy"]) == 4 and len(v["xx"]) == 4
    assert np.array(v["zz"]).shape == (5, 5)
    r = ness_correlators(5, 0.5, 1.5, 1, 0.2, 0.1)
    assert np.allclose(v["z"], r.z, atol=1e-12) and np.allclose(v["zz"], r.zz, atol=1e-12)


def test_cli_cd_and_steady_state(cli):
    res = cli("evaluate", "xx-ness", "steady-state", "--set", "n=3", "--set", "Gamma=1.2", "--set", "c=0.5",
              "--set", "d=1", "--set", "gamma=0.2", "--method", "numeric", "--json")
    assert res.returncode == 0, res.stderr
    rho = np.array(json.loads(res.stdout)["value"])
    rho = rho[..., 0] + 1j * rho[..., 1]
    mu, mb = 1.5, 0.25
    _compare(ness_correlators(3, 1.2, 1.2, mu, mb, 0.2), rho, 3)


@pytest.mark.parametrize("raw,word", [
    ({"n": "1"}, "n"), ({"n": "4", "c": "1.5"}, "c"), ({"n": "4", "mu": "1.8", "mubar": "0.5"}, "mu, mubar"),
    ({"n": "4", "Gamma": "0"}, "Gamma"), ({"n": "4", "Gamma": "1", "Gamma_L": "2"}, "Gamma_L"),
    ({"n": "4", "gamma": "-1"}, "gamma"), ({"n": "4", "mu": "1", "c": "0.9"}, "c"),
])
def test_bad_input_names_parameter(catalog, raw, word):
    from symbolic_ness.app import parse_params
    with pytest.raises(ParameterError) as exc:
        parse_params(catalog["xx-ness"], "correlators", raw)
    assert exc.value.name == word


def test_steady_state_too_large_and_missing_n(catalog):
    from symbolic_ness.app import parse_params
    m = catalog["xx-ness"]
    with pytest.raises(ParameterError) as exc:
        m.quantities["steady-state"].fn(parse_params(m, "steady-state", {"n": "8"}), "numeric")
    assert exc.value.name == "n"
    with pytest.raises(ParameterError) as exc:
        m.quantities["correlators"].fn(parse_params(m, "correlators", {"Gamma": "1"}), "numeric")
    assert exc.value.name == "n"


def test_cli_bad_input_exit_code(cli):
    res = cli("evaluate", "xx-ness", "correlators", "--set", "n=4", "--set", "mu=1.8", "--set", "mubar=0.5")
    assert res.returncode == 2 and "'mu, mubar'" in res.stderr and "Traceback" not in res.stderr


def test_dephasing_zz_closed_form_in_n():
    cf = dephasing_zz_closed_form(1, 1, 2, 0, sp.Rational(1, 10), n_points=7, n_check=2)
    j, k, n = cf["symbols"]
    bulk = cf["zz"][(None, None, None)]         # both sites in the bulk, k - j >= 3
    r = ness_correlators(40, 1.0, 1.0, 2.0, 0.0, 0.1)
    for a, b in ((5, 30), (12, 20), (3, 37)):
        assert abs(float(bulk.subs({j: a, k: b, n: 40})) - r.zz[a - 1][b - 1]) < 1e-12
    # nearest neighbours in the bulk: gap pattern (None, 1, None); central pair vs reference
    nn = cf["zz"][(None, 1, None)]
    zcf = dephasing_two_point_closed_form()
    sub = {GL_: 1, GR_: 1, MU_: 2, MUB_: 0, GAMMA_: sp.Rational(1, 10)}
    for N in (100, 200):               # even n: the central pair n/2, n/2+1
        m = N // 2
        zj, zk = (float(zcf["z_j"].subs(sub).subs({J_: m, N_: N})), float(zcf["z_j"].subs(sub).subs({J_: m + 1, N_: N})))
        t = float(zcf["t"].subs(sub).subs(N_, N))
        zz = float(nn.subs({j: m, n: N}))
        rho = np.diag([1 + zj + zk + zz, 1 + zj - zk - zz, 1 - zj + zk - zz, 1 - zj - zk + zz]).astype(complex)
        rho[1, 2], rho[2, 1] = 2j * t, -2j * t       # <XY> = -t, <YX> = t
        X_ = 2 + 0.1 * (N - 2)
        ref = (X_ ** 2 - 2 * X_ - 1) * (1 + 0.1 / X_) / (4 * (X_ + 0.1) ** 2)
        assert abs(lambda_min_pt(rho / 4) - ref) < 1e-12


def test_steady_state_quantity_block_solver(catalog):
    # n >= 5: the quantity solves the core Liouvillian in its magnetization block
    from symbolic_ness.app import parse_params
    m = catalog["xx-ness"]
    p = parse_params(m, "steady-state", {"n": "5", "Gamma_L": "0.9", "Gamma_R": "1.3", "mu": "0.6",
                                         "mubar": "0.1", "gamma": "0.2"})
    rho = m.quantities["steady-state"].fn(p, "numeric")
    _compare(ness_correlators(5, 0.9, 1.3, 0.6, 0.1, 0.2), rho, 5)


# ------------------------------------- the paper chain as a case of the general engine
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_two_point_map_equals_generated_hierarchy_symbolically(n):
    """The fermionic map used for any n equals the equations generated from the chain, as
    polynomials in all six rate families (not at a point)."""
    assert check_two_point_map(n)


def test_local_chain_from_core_model_matches_paper_chain():
    """LocalChain.from_model(xx_chain_model(...)) and xx_local_chain give the same hierarchy solution."""
    import random as _r
    GL, GR, mu, mb, g = _random_point(_r.Random(11), True)
    R = lambda v: sp.Rational(repr(v))  # noqa: E731
    args = tuple(R(v) for v in (GL, GR, mu, mb, g))
    seeds = [((j, "Z"),) for j in range(4)] + [((0, "Z"), (2, "Z"))]
    a = engine_solve_hierarchy(close_hierarchy(LocalChain.from_model(xx_chain_model(4, *args)), seeds), method="exact")
    b = engine_solve_hierarchy(close_hierarchy(xx_local_chain(4, *args), seeds), method="exact")
    assert all(a.value(s) == b.value(s) for s in seeds)
    vals, _ = solve_hierarchy(4, *args, exact=True)
    assert all(vals[tuple(sorted(s))] == b.value(s) for s in seeds)
