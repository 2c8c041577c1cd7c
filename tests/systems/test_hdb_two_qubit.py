"""HDB Sec. II: the exact two-qubit reset model, derived through the core.

Paper formulas typed in here are test ORACLES only (from
shared/reference/equations.md §1); the package derives its own results.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp

import symbolic_ness.papers.hdb as T
from symbolic_ness.papers.hdb import two_qubit as hd_two_qubit
from symbolic_ness import NonUniqueSteadyStateError, ParameterError
from symbolic_ness.core import coefficient_equations, liouvillian_numeric, negativity, steady_state
from symbolic_ness.export import equation_latex
from symbolic_ness.papers.hdb import SYMBOLS

g, r, gamma = SYMBOLS["g"], SYMBOLS["r"], SYMBOLS["gamma"]


def coefficient_symbol(a: int, b: int, n: int) -> sp.Symbol:
    """The core's name of the coefficient <a|rho|b> (C_{s';s} with bit strings)."""
    return sp.Symbol(f"C_{{{format(a, f'0{n}b')};{format(b, f'0{n}b')}}}")


@pytest.fixture(scope="module")
def ising():
    return T.derive_two_qubit(T.ising_reset_model())


@pytest.fixture(scope="module")
def ev():
    return T.evaluator("reset-ising")


def _points(count, seed, lo=0.05, hi=20.0):
    rng = np.random.default_rng(seed)
    return [dict(g=float(rng.uniform(lo, hi)), r=float(rng.uniform(lo, hi)), gamma=float(rng.uniform(0.2, 3.0)))
            for _ in range(count)]


# ------------------------------------------------------------------ model and equations
def test_coefficient_equations_match_paper_oracle():
    """The 16 equations of the core equal HDB's printed ODEs (equations.md §1.5)."""
    m = T.ising_reset_model()
    eqs = coefficient_equations(m)
    assert len(eqs) == 16
    C = lambda a, b: coefficient_symbol(a, b, 2)  # noqa: E731
    idx = lambda s1, s2: 2 * s1 + s2  # noqa: E731
    k = 0
    for s1p in (0, 1):
        for s2p in (0, 1):
            for s1 in (0, 1):
                for s2 in (0, 1):
                    a, b = idx(s1p, s2p), idx(s1, s2)
                    diag = (-sp.I * g * ((-1) ** (s1p + s2p) - (-1) ** (s1 + s2))
                            + gamma / 2 * ((-1) ** (s1p + s1) + (-1) ** (s2p + s2) - 2) - 2 * r)
                    oracle = diag * C(a, b) + r / 2 * (C(idx(0, s2p), idx(0, s2)) + C(idx(1, s2p), idx(1, s2))
                                                       + C(idx(s1p, 0), idx(s1, 0)) + C(idx(s1p, 1), idx(s1, 1)))
                    assert eqs[k].lhs.args[0].func.__name__ == C(a, b).name
                    assert sp.expand(eqs[k].rhs - oracle) == 0, (a, b)
                    k += 1
    tex = hd_two_qubit.coefficient_equations_latex(m)
    assert tex.count(r"\dot{C}_{") == 16


def test_bad_model_inputs():
    with pytest.raises(ParameterError, match="reset"):
        T.heisenberg_reset_model("minus")


# ------------------------------------------------------------------ steady state
def test_steady_state_matches_paper_oracle(ising):
    rho = sp.Matrix(ising["rho"])
    D = 2 * g**2 + (r + gamma / 2) * (r + gamma)
    a = r**2 * (r + gamma / 2) / (4 * (r + gamma) * D)
    b = r * (-sp.I * g + r + gamma / 2) / (4 * D)
    bc = sp.conjugate(b)
    oracle = sp.Matrix([[sp.Rational(1, 4), b, b, a], [bc, sp.Rational(1, 4), a, bc],
                        [bc, a, sp.Rational(1, 4), bc], [a, b, b, sp.Rational(1, 4)]])
    assert all(sp.cancel(sp.expand_complex(v)) == 0 for v in (rho - oracle))
    assert ising["nullity"] == 1


def test_closed_forms_vs_numeric_null_space(ev):
    """Steady state and negativity closed forms vs the core's numeric null space at 20 random points."""
    pts = _points(20, seed=11)
    worst_rho = worst_n = 0.0
    entangled = 0
    m = T.ising_reset_model()
    for p in pts:
        ss = steady_state(m, p, method="numeric")
        assert ss.unique and ss.nullity == 1 and ss.residual < 1e-12
        worst_rho = max(worst_rho, np.abs(ev.rho(p["g"], p["r"], p["gamma"]) - ss.rho).max())
        nn = negativity(ss.rho, [0], 2)
        nc = float(ev.negativity(p["g"], p["r"], p["gamma"]))
        worst_n = max(worst_n, abs(nc - nn))
        entangled += nn > 1e-6
    assert worst_rho < 1e-9
    assert worst_n < 1e-9
    assert entangled >= 5  # the sample really tests the nonzero branch


def test_closed_forms_vs_qutip(ev):
    qutip = pytest.importorskip("qutip")
    m = T.ising_reset_model()
    for p in _points(5, seed=5) + [dict(g=2.5, r=10.0, gamma=1.0)]:
        H = qutip.Qobj(np.array(sp.N(m.hamiltonian.subs({g: p["g"]})), dtype=complex))
        c_ops = [qutip.Qobj(L) for L in m.qutip_jump_operators(p)]
        rho_q = qutip.steadystate(H, c_ops).full()
        assert np.abs(ev.rho(p["g"], p["r"], p["gamma"]) - rho_q).max() < 1e-9
        assert abs(float(ev.negativity(p["g"], p["r"], p["gamma"])) - negativity(rho_q, [0], 2)) < 1e-9


def test_catalog_quantities_exact_vs_numeric(catalog):
    """Every quantity of both catalogue models: method exact vs method numeric."""
    for name, extra in (("reset-ising", {}), ("reset-heisenberg", {"reset": "plus"}), ("reset-heisenberg", {"reset": "zero"})):
        qs = catalog[name].quantities
        p = dict(g=3.0, r=7.0, gamma=1.2, **extra)
        for q in ("negativity", "steady-state", "spectrum"):
            a = np.asarray(qs[q].fn(p, "exact"), dtype=complex)
            b = np.asarray(qs[q].fn(p, "numeric"), dtype=complex)
            assert a.shape == b.shape and np.abs(a - b).max() < 1e-9, (name, q)
        assert len(qs["spectrum"].fn(p, "exact")) == 16
        for q in ("negativity", "steady-state", "spectrum", "threshold-r"):
            assert equation_latex(qs[q].latex(p))  # Equation objects, printed by the core
    thr = catalog["reset-heisenberg"].quantities["threshold-r"].fn(dict(g=5.0, gamma=1.0, reset="plus"), "exact")
    assert thr == []


def test_r_zero_non_unique(catalog):
    ss = steady_state(T.ising_reset_model(), {"g": 2, "r": 0, "gamma": 1})
    assert not ss.unique and ss.nullity == 4
    q = catalog["reset-ising"].quantities["steady-state"]
    for method in ("exact", "numeric"):  # not unique: reported as such (exit 3 in the CLI), never a bad value
        with pytest.raises(NonUniqueSteadyStateError, match="dimension 4"):
            q.fn({"g": 2.0, "r": 0.0, "gamma": 1.0}, method)


# ------------------------------------------------------------------ spectrum
def test_spectrum_matches_paper_oracle(ising):
    spec = ising["spectrum"]
    assert sum(mm for _, mm in spec) == 16
    oracle = [(0, 1), (-r, 2), (-2 * r, 1), (-2 * (r + gamma), 4),
              (-(3 * r / 2 + gamma) + 2 * sp.I * sp.sqrt(g**2 - r**2 / 16), 4),
              (-(3 * r / 2 + gamma) - 2 * sp.I * sp.sqrt(g**2 - r**2 / 16), 4)]
    for p in [dict(g=3.0, r=2.0, gamma=0.7), dict(g=0.2, r=5.0, gamma=1.3)]:  # complex and real pair
        vals = {g: p["g"], r: p["r"], gamma: p["gamma"]}
        got = hd_two_qubit.sort_complex([complex(sp.N(e.subs(vals))) for e, mm in spec for _ in range(mm)])
        want = hd_two_qubit.sort_complex([complex(sp.N(sp.sympify(e).subs(vals))) for e, mm in oracle for _ in range(mm)])
        assert np.allclose(got, want, atol=1e-12)
        num = hd_two_qubit.sort_complex(np.linalg.eigvals(liouvillian_numeric(T.ising_reset_model(), p).toarray()))
        assert np.allclose(got, num, atol=1e-9)


# ------------------------------------------------------------------ negativity
def test_negativity_equals_paper_eq3(ising):
    oracle = -(gamma * (r + gamma / 2)**2 + g**2 * (r + gamma) - r * g * (r + gamma)) / (
        2 * (r + gamma) * (2 * g**2 + (r + gamma / 2) * (r + gamma)))
    assert len(ising["negative"]) == 1 and len(ising["certified_positive"]) == 3
    lam, mult = ising["negative"][0]
    assert mult == 1
    assert sp.cancel(-lam - oracle) == 0
    N = ising["negativity"]
    assert isinstance(N, sp.Max) and sp.cancel(N.args[1] - oracle) == 0 if N.args[0] == 0 else sp.cancel(N.args[0] - oracle) == 0
    sc = T.scaling_reduction()
    assert sc["gamma_cancels"]
    x, y = SYMBOLS["x"], SYMBOLS["y"]
    red = sc["reduced"]
    assert sp.cancel(red.args[-1] - oracle.subs({g: x, r: y, gamma: 1})) == 0 or \
        sp.cancel(red.args[0] - oracle.subs({g: x, r: y, gamma: 1})) == 0


def test_boundary_asymptotes_and_scaling_limit():
    geo = T.ising_geometry()
    oracle = (gamma - g) * r**2 + (gamma**2 + g**2 - g * gamma) * r + gamma**3 / 4 + g**2 * gamma
    ratio = sp.cancel(geo["P"] / oracle)
    assert ratio.is_number and ratio != 0
    assert geo["lim_lower"] == gamma and geo["lim_upper_ratio"] == 1
    assert geo["leading_r_root"] == [gamma]
    assert sp.simplify(geo["q_star"] - 1 / (1 + sp.sqrt(3))) == 0
    assert sp.simplify(geo["sup"] - (sp.sqrt(3) - 1) / 8) == 0
    assert abs(float(geo["sup"]) - 0.092) < 1e-3  # paper: "≈ 0.092"
    for roots in geo["ridge_limit_roots"]:  # both ridges approach g = r/(1+sqrt 3)
        assert any(sp.simplify(q - geo["q_star"]) == 0 for q in roots)


def test_supremum_is_approached_not_exceeded(ev):
    sup = float(T.ising_geometry()["sup"])
    rr, gg = np.meshgrid(np.geomspace(1e-2, 1e5, 600), np.geomspace(1e-2, 1e5, 600))
    assert np.nanmax(ev.negativity(gg, rr, 1.0)) < sup
    qs = float(T.ising_geometry()["q_star"])
    assert abs(float(ev.negativity(qs * 1e7, 1e7, 1.0)) - sup) < 1e-6


def test_ridges_are_maxima(ev):
    from scipy.optimize import minimize_scalar
    geo = T.ising_geometry()
    for r0 in (8.0, 15.0):
        gnum = minimize_scalar(lambda x: -ev.negativity(x, r0, 1.0), bounds=(1, r0), method="bounded",
                               options={"xatol": 1e-10}).x
        roots = [rt for rt, v in hd_two_qubit.poly_real_roots(geo["ridge_g"].subs({r: r0, gamma: 1}), g, 0)]
        assert min(abs(float(x) - gnum) for x in roots) < 1e-5
    for g0 in (2.5, 5.0):
        rnum = minimize_scalar(lambda y: -ev.negativity(g0, y, 1.0), bounds=(4, 60), method="bounded",
                               options={"xatol": 1e-10}).x
        roots = [rt for rt, v in hd_two_qubit.poly_real_roots(geo["ridge_r"].subs({g: g0, gamma: 1}), r, 0)]
        assert min(abs(float(x) - rnum) for x in roots) < 1e-5


def test_window_maximum_and_cut_match_paper(ev):
    wm = T.window_maximum(20)
    assert round(wm["value"], 3) == 0.068  # paper: darkest 0.068
    rr, gg = np.meshgrid(np.linspace(0.01, 20, 801), np.linspace(0.01, 20, 801))
    brute = np.nanmax(ev.negativity(gg, rr, 1.0))
    assert brute <= wm["value"] + 1e-12 and wm["value"] - brute < 1e-4
    assert abs(wm["r_float"] - 20) < 1e-12 and abs(wm["g_float"] - 7.86) < 5e-3
    cut = T.cut_analysis()
    assert abs(cut["threshold_float"][0] - 4.1987) < 1e-4
    assert abs(cut["max_value"] - 0.0341) < 1e-4 and abs(cut["max_r_float"] - 10.26) < 1e-2
    # thresholds: exact (boundary-polynomial roots) vs numeric (null space + bisection)
    m = T.ising_reset_model()
    for g0 in (2.5, 7.0):
        ex = T.two_qubit_threshold_intervals(m, g0, 1.0)
        nu = hd_two_qubit.two_qubit_threshold_intervals_numeric(m, g0, 1.0)
        assert len(ex) == len(nu) == 1 and ex[0][1] is None and nu[0][1] is None
        assert abs(ex[0][0] - nu[0][0]) < 1e-8 * ex[0][0]
    assert T.two_qubit_threshold_intervals(m, 0.9, 1.0) == [] and T.two_qubit_threshold_intervals(m, 1.0, 1.0) == []


def test_heisenberg_no_entanglement():
    """Derived: the Heisenberg steady state is a product state for both resets, hence N = 0."""
    for reset in ("plus", "zero"):
        h = T.heisenberg_result(reset)
        assert h["product"] and h["all_certified"] and h["negative"] == [] and h["negativity"] == 0
        m = T.heisenberg_reset_model(reset)
        for p in _points(3, seed=7):
            ss = steady_state(m, p, method="numeric")
            assert ss.unique
            assert negativity(ss.rho, [0], 2) < 1e-12
            rho_c = np.array(sp.N(h["rho"].subs({g: p["g"], r: p["r"], gamma: p["gamma"]})), dtype=complex)
            assert np.abs(rho_c - ss.rho).max() < 1e-9
    assert sp.Matrix(T.heisenberg_result("zero")["rho"]) == sp.diag(1, 0, 0, 0)


# ------------------------------------------------------------------ CLI contract
def test_cli_evaluate_json(cli):
    res = cli("evaluate", "reset-ising", "negativity", "--set", "g=5", "--set", "r=10", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["model"] == "reset-ising" and out["method"] == "exact"
    oracle = lambda g, r, c: -(c * (r + c / 2)**2 + g**2 * (r + c) - r * g * (r + c)) / (  # noqa: E731
        2 * (r + c) * (2 * g**2 + (r + c / 2) * (r + c)))
    assert abs(out["value"] - oracle(5, 10, 1)) < 1e-12
    res = cli("evaluate", "reset-ising", "steady-state", "--set", "g=2", "--set", "r=1", "--method", "numeric", "--json")
    rho = np.array(json.loads(res.stdout)["value"])
    assert rho.shape == (4, 4, 2) and abs(rho[0, 0, 0] - 0.25) < 1e-12
    res = cli("evaluate", "reset-ising", "threshold-r", "--set", "g=2.5", "--json")
    val = json.loads(res.stdout)["value"]
    assert len(val) == 1 and abs(val[0][0] - 4.198725804412536) < 1e-9 and val[0][1] is None


def test_cli_latex_derive(cli):
    res = cli("latex", "reset-ising", "negativity")
    assert res.returncode == 0 and r"\max" in res.stdout and "gamma" in res.stdout
    res = cli("derive", "reset-heisenberg", "--set", "reset=zero")
    assert res.returncode == 0, res.stderr
    assert "steady state" in res.stdout and "negativity" in res.stdout and " s)" in res.stdout


def test_cli_bad_input(cli, catalog):
    res = cli("evaluate", "reset-ising", "negativity", "--set", "g=1", "--set", "r=-1")
    assert res.returncode == 2 and "'r'" in res.stderr and "Traceback" not in res.stderr
    from symbolic_ness.app import parse_params
    with pytest.raises(ParameterError, match="kappa"):
        parse_params(catalog["reset-ising"], "negativity", {"g": "1", "r": "1", "kappa": "3"})
    with pytest.raises(ParameterError, match="'gamma'"):
        parse_params(catalog["reset-ising"], "negativity", {"g": "1", "r": "1", "gamma": "-2"})
    with pytest.raises(ParameterError, match="'g'"):
        parse_params(catalog["reset-ising"], "negativity", {"g": "abc", "r": "1"})
    res = cli("evaluate", "reset-ising", "negativity", "--set", "g=1", "--set", "r=0")
    assert res.returncode == 3 and "not unique" in res.stderr and "dimension 4" in res.stderr


def test_reproduce_section(tmp_path):
    from symbolic_ness.app import sections
    sec = sections()["hdb-sec2"]
    assert sec.order == 10
    msgs = []
    res = sec.run(tmp_path, msgs.append)
    assert msgs and (tmp_path / "figures" / "hdb_fig1.png").stat().st_size > 10_000
    byname = {n["name"]: n for n in res.numbers}
    sup = next(n for k, n in byname.items() if k.startswith("supremum of N"))
    assert abs(sup["derived"] - (np.sqrt(3) - 1) / 8) < 1e-15 and sup["rel_error"] < 0.01
    dark = next(n for k, n in byname.items() if k.startswith("max N over"))
    assert dark["rel_error"] < 1e-3
    assert len(res.latex) >= 12 and all(isinstance(t, str) and s for t, s in res.latex)
    json.dumps(res.numbers)  # JSON-able


# ------------------------------------------------------------------ soundness (issue 9)
def test_no_pt_eigenvalue_dropped_without_certificate():
    """H = (g/10000) sz sz: the negative eigenvalue is not 'sampled' negative in a fixed box, but
    it is never dropped: every PT eigenvalue is certified >= 0 or kept in the closed form."""
    from symbolic_ness.core import Jump, Model, Reset, embed, projector, sigma_z
    Z = [embed(sigma_z(), i, 2) for i in range(2)]
    m = Model(2, g / 10000 * Z[0] * Z[1], jumps=[Jump(Z[i], gamma / 2) for i in range(2)],
              resets=[Reset(i, projector("+"), r) for i in range(2)])
    d = T.derive_two_qubit(m)
    assert sum(mm for _, mm in d["negative"] + d["certified_positive"]) == 4
    vals = {"g": 5e4, "r": 1e5, "gamma": 1.0}
    closed = float(d["negativity"].subs({g: vals["g"], r: vals["r"], gamma: vals["gamma"]}))
    num = negativity(steady_state(m, vals, method="numeric").rho, [0], 2)
    assert num > 1e-5 and abs(closed - num) < 1e-12


def test_every_quantity_accepts_auto(catalog):
    from symbolic_ness.app import QuantityValue
    for name, p in (("reset-ising", dict(g=3.0, r=7.0, gamma=1.2)),
                    ("reset-heisenberg", dict(g=3.0, r=7.0, gamma=1.2, reset="zero"))):
        for q in catalog[name].quantities.values():
            assert q.methods[0] == "auto"
            v = q.fn(p, "auto")
            assert isinstance(v, QuantityValue) and v.method == "exact"
            assert v.value == q.fn(p, "exact") if q.name == "threshold-r" else np.allclose(
                np.asarray(v.value, dtype=complex), np.asarray(q.fn(p, "exact"), dtype=complex))
