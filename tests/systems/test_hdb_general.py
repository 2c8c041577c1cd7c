"""HDB Sec. III (two qubits): noise channel, XYZ Fig. 2, imperfect reset, no-reset comparison."""
from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp

import symbolic_ness.papers.hdb as G
from symbolic_ness.papers.hdb import general as hd_general
from symbolic_ness import ParameterError
from symbolic_ness.core import (Jump, Model, Reset, embed, lambda_min_pt, liouvillian, negativity, pauli_labels,
                                pauli_liouvillian, projector, sigma_z, steady_state)

R = sp.Rational
S = G.SYMBOLS
_lmin = lambda_min_pt


# ------------------------------------------------------------- noise channel
def test_noise_channel_relaxation_rates_from_pauli_generator():
    """d<Z>/dt = -B(<Z> - (2s-1)) (P_up -> s at rate B), d<X,Y>/dt = -C <X,Y>."""
    B, C, s = S["B"], S["C"], S["s"]
    m = Model(1, sp.zeros(2, 2), jumps=hd_general.noise_jumps(0, 1, B, C, s))
    M = pauli_liouvillian(m)
    lab = {l: k for k, l in enumerate(pauli_labels(1))}
    assert sp.simplify(M[lab["Z"], lab["Z"]] + B) == 0
    assert sp.simplify(M[lab["Z"], lab["I"]] - B * (2 * s - 1)) == 0
    assert sp.simplify(M[lab["X"], lab["X"]] + C) == 0
    assert sp.simplify(M[lab["Y"], lab["Y"]] + C) == 0
    assert M[lab["X"], lab["Z"]] == 0 and M[lab["Z"], lab["X"]] == 0
    # the steady population of |0> (sigma_z = +1) is s
    rho = steady_state(m).rho
    assert sp.simplify(rho[0, 0] - s) == 0


def test_dephasing_special_case_equals_independent_ising_liouvillian():
    g, gam, r = S["g"], S["gamma"], S["r"]
    s = sp.Symbol("s", positive=True)
    m = G.general_reset_model(g=g, jz=1, B=0, C=gam, s=s, r=r, reset="plus")
    Z = [embed(sigma_z(), i, 2) for i in range(2)]
    ref = Model(2, g * Z[0] * Z[1], jumps=[Jump(Z[i], gam / 2) for i in range(2)],
                resets=[Reset(i, projector("+"), r) for i in range(2)])
    diff = (liouvillian(m) - liouvillian(ref)).applyfunc(sp.expand)
    assert diff.is_zero_matrix
    assert s not in m.parameters


def test_noise_and_reset_validation():
    with pytest.raises(ParameterError, match=r"'C'.*C >= B/2"):
        hd_general.noise_jumps(0, 2, 2, 0.9, 0.5)
    with pytest.raises(ParameterError, match=r"'s'"):
        hd_general.noise_jumps(0, 2, 1, 1, 1.2)
    with pytest.raises(ParameterError, match=r"'B'"):
        hd_general.noise_jumps(0, 2, -1, 1, 0.5)
    with pytest.raises(ParameterError, match=r"'epsilon'"):
        hd_general.reset_state(1.5)
    with pytest.raises(ParameterError, match=r"'reset'"):
        hd_general.reset_state(0, "minus")


@pytest.mark.parametrize("args,name,text", [
    (["--set", "B=2", "--set", "C=0.5"], "C", "C >= B/2"),
    (["--set", "s=-0.1"], "s", "0 <= s <= 1"),
    (["--set", "epsilon=1.2"], "epsilon", "0 <= epsilon <= 1"),
])
def test_cli_errors(cli, args, name, text):
    res = cli("evaluate", "reset-general", "negativity", "--set", "g=2", "--set", "r=1", *args)
    assert res.returncode == 2
    assert f"'{name}'" in res.stderr and text in res.stderr
    assert "Traceback" not in res.stderr


# --------------------------------------------------- steady states vs numerics
def _random_params(rng, k):
    B = float(rng.uniform(0, 3))
    return {"g": float(rng.uniform(0.2, 5)), "jx": float(rng.uniform(-1, 1)), "jy": float(rng.uniform(-1, 1)),
            "jz": float(rng.uniform(-1, 1)), "hx": float(rng.uniform(-1, 1)), "B": B,
            "C": B / 2 + float(rng.uniform(0, 2)), "s": float(rng.uniform(0, 1)), "r": float(rng.uniform(0.1, 10)),
            "epsilon": float(rng.uniform(0, 1)), "reset": ("plus", "zero")[k % 2]}


def test_exact_steady_states_vs_null_space_and_qutip():
    from symbolic_ness.export import qutip_steady_state
    rng = np.random.default_rng(3)
    for k in range(4):
        p = _random_params(rng, k)
        m = G.general_reset_model(**p)
        exact = np.array(steady_state(m).rho.evalf(30).tolist(), dtype=complex)
        num = steady_state(m, method="numeric")
        assert num.unique
        assert np.max(np.abs(exact - num.rho)) < 1e-9
        qt = qutip_steady_state(m)
        assert np.max(np.abs(exact - qt)) < 1e-9
        assert abs(negativity(exact, [0], 2) - max(0.0, -_lmin(qt))) < 1e-9


def test_fig2_closed_form_in_r_vs_numeric():
    f = G.fig2_forms(R(1, 2))
    assert f["rho"].free_symbols == {S["r"]}
    fn = sp.lambdify(S["r"], f["rho"], "numpy")
    m = hd_general.fig2_model(R(1, 2))
    for rv in (0.3, 7.0, 22.0, 61.5):
        num = steady_state(m, {S["r"]: rv}, method="numeric").rho
        assert np.max(np.abs(np.array(fn(rv), dtype=complex) - num)) < 1e-9


# ------------------------------------------------------------------- Fig. 2
@pytest.mark.parametrize("s,ref", [(0, 8.5), (R(1, 2), 23.0)])
def test_fig2_thresholds_exact_vs_bisection_and_reference(s, ref):
    f = G.fig2_forms(s)
    assert len(f["intervals"]) == 1 and f["intervals"][0][1] is None  # one threshold in r
    rc = float(f["values"][0])
    p = {k: float(v) for k, v in dict(hd_general.FIG2, s=s).items()}
    rb = hd_general.threshold_intervals_numeric(p, rmax=300.0, points=80, tol=1e-12)
    assert len(rb) == 1 and rb[0][1] is None
    assert abs(rb[0][0] - rc) < 1e-8 * rc
    assert abs(rc - ref) / ref < 0.05  # reference sheet: ~8.5 and ~23
    # the root is a root of the derived polynomial and the state is separable below it
    lmin = hd_general.numeric_lambda_min_of_r(hd_general.fig2_model(s))
    assert lmin(0.99 * rc) > 0 > lmin(1.01 * rc)


def test_fig2_qualitative_claims():
    rs = np.linspace(1, 120, 120)
    n0 = hd_general.negativity_curve(G.fig2_forms(0)["rho"], rs)
    nh = hd_general.negativity_curve(G.fig2_forms(R(1, 2))["rho"], rs)
    assert nh.max() > 0.01  # entanglement survives at infinite temperature
    assert np.all(n0 >= nh - 1e-15) and np.any(n0 > nh + 1e-3)  # s = 0 curve above s = 1/2
    assert n0[0] == 0 and nh[0] == 0  # threshold: small r gives no entanglement


def test_ising_threshold_matches_eq3_root():
    """Exact threshold-r for the toy model against the root of the Eq.-(3) numerator (reference oracle)."""
    g, gam = 5, 1
    th = G.threshold_intervals(G.general_reset_model(g=g, jz=1, B=0, C=gam))
    r = sp.Symbol("r")
    oracle = [x for x in sp.Poly((gam - g) * r**2 + (gam**2 + g**2 - g * gam) * r + R(gam**3, 4) + g**2 * gam, r).nroots()
              if x > 0]
    assert len(th["intervals"]) == 1 and th["intervals"][0][1] is None
    assert abs(th["intervals"][0][0] - float(oracle[0])) < 1e-12


def test_reset_to_zero_never_entangles():
    m = G.general_reset_model(g=3, jz=1, B=0, C=1, r=S["r"], reset="zero")
    assert G.threshold_intervals(m)["intervals"] == []


# ------------------------------------------------------------ imperfect reset
def test_imperfect_reset_closed_form_vs_numeric():
    f = G.imperfect_reset_forms()
    g, gam, r, eps = S["g"], S["gamma"], S["r"], S["epsilon"]
    fn = sp.lambdify((g, gam, r, eps), f["negativity"], "numpy")
    rng = np.random.default_rng(11)
    for _ in range(6):
        v = {g: rng.uniform(0.5, 15), gam: rng.uniform(0.2, 2), r: rng.uniform(0.1, 40), eps: rng.uniform(0, 0.3)}
        m = hd_general.ising_model(epsilon=v[eps])
        rho = steady_state(m, {g: v[g], gam: v[gam], r: v[r]}, method="numeric").rho
        assert abs(fn(v[g], v[gam], v[r], v[eps]) - negativity(rho, [0], 2)) < 1e-9
    # eps = 0 reduces to HDB Eq. (3) (reference oracle)
    eq3 = -(gam * (r + gam / 2)**2 + g**2 * (r + gam) - r * g * (r + gam)) / (2 * (r + gam) * (2 * g**2 + (r + gam / 2) * (r + gam)))
    assert sp.simplify(f["P"].subs(eps, 0) / f["Q"] - eq3) == 0
    # P is quadratic in eps with a positive leading coefficient
    assert sp.Poly(f["P"], eps).degree() == 2


def test_epsilon_max_vs_numeric_and_supremum():
    f = G.imperfect_reset_forms()
    sup = float(f["sup"])
    assert abs(sup - (1 - np.sqrt(2 / 3))) < 1e-14  # hand-derived gamma -> 0 oracle
    prev = 0.0
    for gv in (1.2, 2.0, 5.0, 20.0, 300.0):
        e, rstar = G.epsilon_max(gv)
        en, rn = hd_general.epsilon_max_numeric(gv)
        assert abs(e - en) < 1e-9 and abs(rstar - rn) < 1e-4 * rn
        assert prev < e < sup
        prev = e
        # entangled just below eps_max at r*, separable just above (numeric steady states)
        m = hd_general.ising_model(g=gv, gamma=1, r=rstar, epsilon=S["epsilon"])
        for de, sign in ((-1e-4, 1), (1e-4, -1)):
            rho = steady_state(m, {S["epsilon"]: e + de}, method="numeric").rho
            assert sign * (-_lmin(rho)) > 0
    assert G.epsilon_max(0.9) == (None, None)
    # gamma scaling: eps_max depends on g/gamma only
    assert abs(G.epsilon_max(10, 2)[0] - G.epsilon_max(5)[0]) < 1e-12


# ------------------------------------------------------------------ no reset
def test_no_reset_decay_channel():
    nr = G.no_reset_forms()
    g, s = S["g"], S["s"]
    # numeric scan of the maximum over g at s = 1
    gs = np.linspace(0.3, 1.0, 30)
    m = hd_general.decay_model(g, 1)
    vals = [negativity(steady_state(m, {g: x}, method="numeric").rho, [0], 2) for x in gs]
    assert abs(max(vals) - float(nr["N_max"])) < 2e-4
    assert abs(float(nr["N_max"]) - 0.154) < 1e-3 and abs(float(nr["g_star"]) - 0.6) < 0.05
    # closed form vs numeric at random (g, s)
    fn = sp.lambdify((g, s), sp.Max(0, -nr["lambda"]), "numpy")
    ms = hd_general.decay_model(g, s)
    rng = np.random.default_rng(5)
    for _ in range(5):
        gv, sv = rng.uniform(0.1, 3), rng.uniform(0.5, 1)
        rho = steady_state(ms, {g: gv, s: sv}, method="numeric").rho
        assert abs(fn(gv, sv) - negativity(rho, [0], 2)) < 1e-9
    # disappears as s -> 1/2: threshold at the optimal g, and nothing at s = 1/2
    sc = float(nr["s_c_at_gstar"])
    gopt = float(nr["g_star"])
    for ds, ent in ((1e-4, True), (-1e-4, False)):
        rho = steady_state(ms, {g: gopt, s: sc + ds}, method="numeric").rho
        assert (negativity(rho, [0], 2) > 0) == ent
    for gv in gs:
        rho = steady_state(ms, {g: gv, s: 0.5}, method="numeric").rho
        assert negativity(rho, [0], 2) == 0
    assert abs(float(nr["s_c_min"]) - (2 + np.sqrt(2)) / 4) < 1e-14


# ----------------------------------------------------------------------- CLI
def test_cli_quantities(cli):
    base = ["--set", "g=10", "--set", "jx=0.7", "--set", "jy=0.3", "--set", "hx=0.5", "--set", "B=8",
            "--set", "C=4", "--set", "s=0.5"]
    res = cli("evaluate", "reset-general", "threshold-r", *base, "--json")
    assert res.returncode == 0, res.stderr
    val = json.loads(res.stdout)["value"]
    assert len(val) == 1 and val[0][1] is None and abs(val[0][0] - 22.6363159227) < 1e-8
    from symbolic_ness.app import catalog, parse_params
    mod = catalog()["reset-general"]
    raw = dict(a.split("=") for a in base[1::2])
    pp = parse_params(mod, "negativity", dict(raw, r="40"))
    q = mod.quantities["negativity"]
    ex, nu = q.fn(pp, "exact"), q.fn(pp, "numeric")
    assert abs(ex - nu) < 1e-9 and ex > 0.01
    sp_ex = mod.quantities["spectrum"].fn(pp, "exact")
    sp_nu = mod.quantities["spectrum"].fn(pp, "numeric")
    a, b = np.array(sp_ex), np.array(sp_nu)
    assert len(a) == 16 and np.max(np.min(np.abs(a[:, None] - b[None, :]), axis=1)) < 1e-8
    assert np.max(np.min(np.abs(a[:, None] - b[None, :]), axis=0)) < 1e-8
    st = mod.quantities["steady-state"].fn(pp, "exact")
    assert np.max(np.abs(st - mod.quantities["steady-state"].fn(pp, "numeric"))) < 1e-9
    qe = mod.quantities["epsilon-max"]
    pe = parse_params(mod, "epsilon-max", {"g": "5", "gamma": "2"})
    assert abs(qe.fn(pe, "exact") - G.epsilon_max(2.5)[0]) < 1e-12
    assert abs(qe.fn(pe, "exact") - qe.fn(pe, "numeric")) < 1e-9
    assert qe.fn(parse_params(mod, "epsilon-max", {"g": "0.5"}), "exact") is None
    with pytest.raises(ParameterError, match="'B'"):
        qe.fn(parse_params(mod, "epsilon-max", {"g": "5", "B": "1"}), "exact")


# ------------------------------------------------------------ regressions (issue 9)
def test_reset_zero_exact_negativity_matches_numeric(catalog):
    """evaluate reset-general negativity ... --set reset=zero used to die (sorted roots over EX)."""
    from symbolic_ness.app import parse_params
    mod = catalog["reset-general"]
    raw = {"g": "10", "jx": "0.7", "jy": "0.3", "jz": "1", "hx": "0.5", "B": "8", "C": "4", "s": "0",
           "r": "37.28"}
    q = mod.quantities["negativity"]
    for reset in ("zero", "plus"):
        p = parse_params(mod, "negativity", dict(raw, reset=reset))
        ex, nu = q.fn(p, "exact"), q.fn(p, "numeric")
        assert abs(ex - nu) < 1e-9
        auto = q.fn(p, "auto")
        assert auto.method == "exact" and auto.value == ex
    assert q.fn(parse_params(mod, "negativity", dict(raw, reset="plus")), "exact") > 0.01


def test_no_reset_full_negativity_keeps_both_branches():
    nr = G.no_reset_forms()
    g, s = S["g"], S["s"]
    fn = sp.lambdify((g, s), nr["negativity"], "numpy")
    ms = hd_general.decay_model(g, s)
    for gv, sv in ((0.6, 0.05), (0.4, 0.9), (1.3, 0.3)):
        rho = steady_state(ms, {g: gv, s: sv}, method="numeric").rho
        assert abs(fn(gv, sv) - negativity(rho, [0], 2)) < 1e-9
    assert fn(0.6, 0.05) > 0.05  # s -> 1 - s mirror branch (the s = 0 end) is kept


def test_cli_reset_zero_no_traceback(cli):
    res = cli("evaluate", "reset-general", "negativity", "--set", "g=10", "--set", "jx=0.7", "--set", "jy=0.3",
              "--set", "jz=1", "--set", "hx=0.5", "--set", "B=8", "--set", "C=4", "--set", "s=0",
              "--set", "r=37.28", "--set", "reset=zero", "--json")
    assert res.returncode == 0, res.stderr
    assert abs(json.loads(res.stdout)["value"]) < 1e-12
