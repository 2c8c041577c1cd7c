"""XX chain without dephasing: pair states, thresholds, non-NN theorem (Znidaric Sec. III.A-C).

Paper formulas appear here only as oracles; the package derives its own.
"""
from __future__ import annotations

from _helpers import trace_pinned_null_vector

import functools
import json

import numpy as np
import pytest
import scipy.sparse as sps
import sympy as sp

import symbolic_ness.papers.znidaric as bd
from symbolic_ness.algebra import amgm_certificate as positivity_certificate
from symbolic_ness.papers.znidaric import pairs as zn_pairs
from symbolic_ness.papers.znidaric import symbols as zn_symbols
from symbolic_ness.papers.znidaric import thresholds as zn_thresholds
from symbolic_ness.core import lambda_min_pt, partial_trace, steady_state
from symbolic_ness.papers.znidaric import ness_correlators, xx_chain_model

G, c, d = bd.COUPLING, bd.DRIVE_C, bd.DRIVE_D
t, a, a1 = zn_symbols.CURRENT, zn_symbols.MAG_BULK, zn_symbols.MAG_FIRST
S2 = sp.sqrt(2)

# ---------------------------------------------------------------- oracles (paper)
EQ15 = (1 + a * a1 - t ** 2 - sp.sqrt((a + a1) ** 2 + 4 * t ** 2)) / 4
EQ20 = (1 + a ** 2 - t ** 2 - 2 * sp.sqrt(a ** 2 + t ** 2)) / 4
EQ16 = (3 + 8 * G ** 2 + 4 * G ** 4 - 2 * G * (1 + G ** 2) * sp.sqrt(8 + G ** 2)) / (1 + 2 * G ** 2 * (1 + G ** 2))
_w = G * (1 + G ** 2) * sp.sqrt(8 + G ** 2)
_v = (1 + G ** 2) * ((9 + 5 * c ** 2) * G ** 4 + (1 + c ** 2) * G ** 6 - 4 * (-1 + c * _w)
                     - 2 * G ** 2 * (-6 - 2 * c ** 2 + c * _w))
EQ17 = 1 - (1 + _w - c * (1 + 3 * G ** 2 + G ** 4) - sp.sqrt(_v))
EQ18 = sp.sqrt((-3 + sp.cbrt(27 - 3 * sp.sqrt(78)) + sp.cbrt(27 + 3 * sp.sqrt(78))) / 6)
_A = 1 + G * (3 * G + c ** 2 * G + G ** 3 - sp.sqrt(8) * c * (1 + G ** 2))
EQ21 = (c * (1 + 3 * G ** 2 + G ** 4) + 2 * (1 + G ** 2) * (-S2 * G + sp.sqrt(_A))) / (1 + G ** 2 + G ** 4)
EQ22 = 3 - 4 * G * (S2 + G * (-1 + G * S2)) / (1 + G ** 2 + G ** 4)
EQ23 = ((1 + S2 - sp.sqrt(-1 + 2 * S2)) / 2, (1 + S2 + sp.sqrt(-1 + 2 * S2)) / 2)


def _real_cbrt_fix(e):
    # sympy's cbrt of a negative number is complex; the paper means the real root
    return e.replace(lambda x: isinstance(x, sp.Pow) and x.exp == sp.Rational(1, 3),
                     lambda x: sp.sign(x.base) * sp.Abs(x.base) ** sp.Rational(1, 3))


def _num(e, vals=None):
    return complex(sp.N(e.subs(vals or {}), 30))


# ---------------------------------------------------------------- full null space
_GL, _GR, _MU, _MB = sp.symbols("G_L G_R mu_ mb_", real=True)


@functools.lru_cache(maxsize=None)
def _full_system(n):
    """Full 4^n Liouvillian pieces of Eqs. (5)-(9), built directly with numpy (independent oracle).

    Column stacking: vec(A rho B) = (B^T kron A) vec(rho); doubled dissipator 2k D[L].
    """
    X = sps.csr_matrix(np.array([[0, 1], [1, 0]], complex))
    Y = sps.csr_matrix(np.array([[0, -1j], [1j, 0]]))
    Sp = sps.csr_matrix(np.array([[0, 1], [0, 0]], complex))  # |0><1|, raises to sigma_z = +1

    def emb(op, site):
        out = sps.identity(1, format="csr", dtype=complex)
        for j in range(n):
            out = sps.kron(out, op if j == site else sps.identity(2, dtype=complex), format="csr")
        return out

    d = 2 ** n
    Id = sps.identity(d, format="csr", dtype=complex)
    H = sum(emb(X, j) @ emb(X, j + 1) + emb(Y, j) @ emb(Y, j + 1) for j in range(n - 1))
    LH = -1j * (sps.kron(Id, H) - sps.kron(H.T, Id))

    def diss(L):
        LdL = L.conj().T @ L
        return 2 * (sps.kron(L.conj(), L) - 0.5 * sps.kron(Id, LdL) - 0.5 * sps.kron(LdL.T, Id))

    pieces = [(lambda GL, GR, mu, mb: 1.0, LH),
              (lambda GL, GR, mu, mb: GL * (1 - mu / 2 + mb), diss(emb(Sp, 0))),
              (lambda GL, GR, mu, mb: GL * (1 + mu / 2 - mb), diss(emb(Sp.T, 0))),
              (lambda GL, GR, mu, mb: GR * (1 + mu / 2 + mb), diss(emb(Sp, n - 1))),
              (lambda GL, GR, mu, mb: GR * (1 - mu / 2 - mb), diss(emb(Sp.T, n - 1)))]
    return pieces


@functools.lru_cache(maxsize=None)
def _u1_index(n):
    d = 2 ** n
    pc = [bin(a).count("1") for a in range(d)]
    return np.array([a + d * b for b in range(d) for a in range(d) if pc[a] == pc[b]])


def _full_rho(n, GL, GR, mu, mub):
    """NESS from the full Lindblad null space.

    Solved on the U(1)-invariant operator sector (|a><b| with equal magnetization: the
    generator maps it to itself) with the trace row; the residual is then checked with
    the FULL 4^n Liouvillian, so the result is an exact null vector of L (its uniqueness
    is checked separately)."""
    pieces = _full_system(n)
    d = 2 ** n
    L = sum(complex(f(GL, GR, mu, mub)) * K for f, K in pieces).tocsr()
    idx = _u1_index(n)
    v = trace_pinned_null_vector(L, d, idx)
    assert np.linalg.norm(L @ v) < 1e-10
    rho = v.reshape(d, d, order="F")
    return (rho + rho.conj().T) / 2


def _full_lambda(n, GL, GR, mu, mub, j, k):
    rho = _full_rho(n, GL, GR, mu, mub)
    return lambda_min_pt(partial_trace(rho, [j - 1, k - 1], n)), rho


def test_full_null_space_is_unique():
    """Core model + core numeric null space (nullity reported) == the numpy oracle."""
    m = xx_chain_model(3, 1, sp.Rational(3, 2), sp.Rational(1, 2), sp.Rational(1, 5))
    ss = steady_state(m, {}, method="numeric")
    assert ss.unique and ss.nullity == 1
    assert np.max(np.abs(ss.rho - _full_rho(3, 1.0, 1.5, 0.5, 0.2))) < 1e-10


def _cd_full_lambda(cv, dv, g, n, j):
    mu, mub = cv + dv, (dv - cv) / 2
    return _full_lambda(n, g, g, mu, mub, j, j + 1)[0]


def _bisect(f, lo, hi, tol=1e-10):
    flo = f(lo) < -1e-12
    assert flo != (f(hi) < -1e-12)
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if (f(mid) < -1e-12) == flo:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# ============================================================== pair states
def test_u1_reduction_leaves_paper_structure():
    rho, sol = zn_pairs.u1_pair_state()
    assert sorted(s.name for s in rho.free_symbols) == ["s_0z", "s_xx", "s_xy", "s_z0", "s_zz"]
    assert sol[sp.Symbol("s_yy", real=True)] == sp.Symbol("s_xx", real=True)
    # Eq. 14 with the middle basis states in the order of the exact NESS (y <-> z, -2it at (2,3))
    x = 1 + a + a1 + a * a1 - t ** 2
    y = 1 + a - a1 - a * a1 + t ** 2
    z = 1 - a + a1 - a * a1 + t ** 2
    v = 1 - a - a1 + a * a1 - t ** 2
    eq14 = sp.Matrix([[x, 0, 0, 0], [0, z, -2 * sp.I * t, 0], [0, 2 * sp.I * t, y, 0], [0, 0, 0, v]]) / 4
    assert sp.simplify(zn_pairs.boundary_pair_state() - eq14) == sp.zeros(4, 4)
    eq19 = sp.Matrix([[(1 + a) ** 2 - t ** 2, 0, 0, 0], [0, 1 - a ** 2 + t ** 2, -2 * sp.I * t, 0],
                      [0, 2 * sp.I * t, 1 - a ** 2 + t ** 2, 0], [0, 0, 0, (1 - a) ** 2 - t ** 2]]) / 4
    assert sp.simplify(zn_pairs.bulk_pair_state() - eq19) == sp.zeros(4, 4)


def test_lambda_min_matches_eqs_15_20():
    assert sp.simplify(bd.boundary_lambda_min() - EQ15) == 0
    assert sp.simplify(bd.bulk_lambda_min() - EQ20) == 0


def test_pair_states_against_exact_hierarchy_and_full_null_space():
    """Symbolic pair state + D's closed form == exact NESS (n = 5) at a rational asymmetric point."""
    GL, GR, mu, mub = sp.Rational(2, 3), sp.Rational(7, 5), sp.Rational(3, 4), sp.Rational(-1, 5)
    cf = zn_pairs.gamma0_profile()
    syms = {s.name: s for e in cf.values() for s in sp.sympify(e).free_symbols}
    pt = {syms["Gamma_L"]: GL, syms["Gamma_R"]: GR, syms["mu"]: mu, syms["mubar"]: mub}
    tv, a1v, av, anv = (sp.sympify(cf[k]).subs(pt) for k in ("t", "a1", "a", "an"))
    n = 5
    ex = ness_correlators(n, GL, GR, mu, mub, exact=True)
    assert ex.pair_state(1, 2) == zn_pairs.boundary_pair_state().subs({t: tv, a: av, a1: a1v})
    assert ex.pair_state(2, 3) == zn_pairs.bulk_pair_state().subs({t: tv, a: av})
    _, rho = _full_lambda(n, float(GL), float(GR), float(mu), float(mub), 1, 2)
    for (j, k), za, zb in (((1, 2), a1v, av), ((2, 3), av, av), ((4, 5), av, anv)):
        r_full = partial_trace(rho, [j - 1, k - 1], n)
        r_sym = np.array(zn_pairs.pair_state_from_correlators(za, zb, 0, -tv, za * zb - tv ** 2), dtype=complex)
        assert np.max(np.abs(r_full - r_sym)) < 1e-10


@pytest.mark.parametrize("n", [3, 4, 6])
def test_lambda_min_quantity_exact_vs_full_null_space(n, catalog):
    q = catalog["xx-ness"].quantities["lambda-min"].fn
    rng = np.random.default_rng(n)
    for _ in range(2):
        GL, GR = rng.uniform(0.2, 3, 2)
        cv, dv = rng.uniform(-1, 1, 2)
        mu, mub = cv + dv, (dv - cv) / 2
        for j in range(1, n):
            p = {"n": n, "Gamma_L": GL, "Gamma_R": GR, "mu": mu, "mubar": mub, "gamma": 0.0, "pair": j}
            ref = _full_lambda(n, GL, GR, mu, mub, j, j + 1)[0] if n <= 4 else None
            ex = q(dict(p), "exact")
            nu = q(dict(p), "numeric")
            assert abs(ex - nu) < 1e-10
            if ref is not None:
                assert abs(ex - ref) < 1e-9


# ============================================================== non-NN pairs
def test_distance_two_lambda_oracle():
    zj, zk = sp.symbols("zj zk", real=True)
    lam2 = bd.distance_lambda_min(2).subs({zj: a, zk: a})
    assert sp.simplify(lam2 - (1 + a ** 2 - 2 * sp.sqrt(a ** 2 + t ** 4)) / 4) == 0
    c3 = zn_pairs.distance_pair_correlators(3)
    assert c3["xy"] == t ** 3 and c3["xx"] == 0 and c3["zz"] == zj * zk


@pytest.mark.parametrize("n", [5, 6])
def test_distance_pairs_full_null_space(n):
    """Wick-derived distance-2/3 pair spectra vs the full 4^n null space; all >= 0."""
    zj, zk = sp.symbols("zj zk", real=True)
    rng = np.random.default_rng(10 + n)
    GL, GR = rng.uniform(0.3, 2.5, 2)
    cv, dv = 0.95, 0.9
    mu, mub = cv + dv, (dv - cv) / 2
    _, rho = _full_lambda(n, GL, GR, mu, mub, 1, 2)
    cf = zn_pairs.gamma0_profile()
    syms = {s.name: s for e in cf.values() for s in sp.sympify(e).free_symbols}
    pt = {syms["Gamma_L"]: GL, syms["Gamma_R"]: GR, syms["mu"]: mu, syms["mubar"]: mub}
    tv, a1v, av, anv = (float(sp.sympify(cf[k]).subs(pt)) for k in ("t", "a1", "a", "an"))
    zof = {1: a1v, n: anv}
    for r in (2, 3):
        lam = sp.lambdify((zj, zk, t), bd.distance_lambda_min(r))
        for j in range(1, n - r + 1):
            k = j + r
            rr = partial_trace(rho, [j - 1, k - 1], n)
            lmin_full = lambda_min_pt(rr)
            val = lam(zof.get(j, av), zof.get(k, av), tv)
            assert lmin_full > -1e-12 and val >= -1e-12
            # the derived branch is an eigenvalue of the partial transpose of the exact pair state
            pt_ev = np.linalg.eigvalsh(np.asarray(rr).reshape(2, 2, 2, 2).transpose(2, 1, 0, 3).reshape(4, 4))
            assert np.min(np.abs(pt_ev - val)) < 1e-9


def test_nn_theorem_proof_and_certificates():
    steps = bd.nn_theorem(4)
    names = [s[0] for s in steps]
    assert {"1.r=2", "1.r=3", "1.r=4", "2.tau", "3"} <= set(names)
    assert {"4.(1,bulk)", "4.(1,n)", "4.(bulk,bulk)", "4.(bulk,n)"} <= set(names)
    x, y = sp.symbols("x y", positive=True)
    for name, _, ev in steps:
        if name.startswith("4."):
            core, (rem, sq) = ev
            # identity + manifest positivity, and strictly positive (constant term 1)
            assert sp.expand(core - rem - sum(k * g * (u - w) ** 2 for k, g, u, w in sq)) == 0
            assert all(cf > 0 for cf in sp.Poly(rem, x, y).coeffs())
            assert rem.subs({x: 0, y: 0}) > 0
    # a certificate search that must fail: x*y - 1 is not positive
    assert positivity_certificate(x * y - 1, (x, y)) is None


# ============================================================== thresholds
def test_c_min_boundary_eq16_and_edge_argument():
    assert sp.simplify(bd.c_min_boundary() - EQ16) == 0
    for f, lead, at1, atm1 in zn_thresholds.boundary_no_interior_vertical_tangent():
        for gv in (0.3, 0.7, 1.0, 2.5, 7.0):
            assert float(lead.subs(G, gv)) > 0 and float(at1.subs(G, gv)) <= 0 and float(atm1.subs(G, gv)) <= 0


def test_d_edge_boundary_eq17():
    de = zn_thresholds.d_edge_boundary()
    for gv in (0.8, 1.0, 1.3, 2.0, 3.5):
        cm = float(EQ16.subs(G, gv))
        for cv in np.linspace(cm, 1, 6)[1:]:
            v = {G: gv, c: cv}
            assert abs(_num(de, v) - _num(EQ17, v)) < 1e-12


def test_gamma_min_eq18_and_largest_tongue():
    gm = bd.gamma_min_boundary()
    assert abs(_num(gm) - _num(_real_cbrt_fix(EQ18))) < 1e-25
    assert abs(_num(gm) - 0.51058) < 5e-6
    # c_min(Gamma_min) = 1 exactly (minimal polynomial check)
    assert abs(_num(bd.c_min_boundary().subs(G, gm)) - 1) < 1e-25
    f, gstar, cstar = bd.largest_tongue()
    assert abs(float(gstar) - 1.088734) < 5e-7 and abs(float(cstar) - 0.59557) < 5e-6
    # it is the minimum of the oracle Eq. 16
    h = 1e-4
    vals = [float(EQ16.subs(G, float(gstar) + s)) for s in (-h, 0, h)]
    assert vals[1] < vals[0] and vals[1] < vals[2]
    assert abs(vals[1] - float(cstar)) < 1e-12


def test_bulk_pocket_starts_on_edge_d_equals_1():
    f, cv, f1 = zn_thresholds.bulk_no_interior_vertical_tangent()
    assert sp.simplify(cv - S2 * (G ** 2 + 1) / G) == 0
    assert sp.simplify(f1 - (G ** 2 - S2 * G + 1) ** 2) == 0
    for gv in (0.2, 1.0, 3.0):
        assert float(cv.subs(G, gv)) > 1 and float(sp.Poly(f, c).LC().subs(G, gv)) > 0


def test_bulk_thresholds_eqs_21_22_23():
    assert sp.simplify(bd.c_min_bulk() - EQ22) == 0
    assert abs(float(bd.c_min_bulk().subs(G, 1)) - float((13 - 8 * S2) / 3)) < 1e-14
    de = zn_thresholds.d_edge_bulk()
    for gv in (0.6, 0.8, 1.0, 1.3, 1.8):
        cm = float(EQ22.subs(G, gv))
        for cv in np.linspace(cm, 1, 5):
            v = {G: gv, c: cv}
            assert abs(_num(de, v) - _num(EQ21, v)) < 1e-12
    lo, hi = bd.gamma_window_bulk()
    assert sp.simplify(lo - EQ23[0]) == 0 and sp.simplify(hi - EQ23[1]) == 0
    assert abs(float(lo) - 0.53101) < 5e-6 and abs(float(hi) - 1.88320) < 5e-6


@pytest.mark.parametrize("gv", [1.0, 2.0])
def test_thresholds_vs_full_null_space_bisection(gv):
    """c_min (edge d = 1) and d(c) by bisection on lambda_min from the full 4^n null space (n = 4)."""
    n = 4
    cm = _bisect(lambda cv: _cd_full_lambda(cv, 1.0, gv, n, 1), 0.3, 1.0, 1e-9)
    assert abs(cm - float(bd.c_min_boundary().subs(G, gv))) < 1e-8
    cv = 0.5 * (cm + 1)
    de = _bisect(lambda dv: _cd_full_lambda(cv, dv, gv, n, 1), -1.0, 1.0, 1e-9)
    assert abs(de - _num(zn_thresholds.d_edge_boundary(), {G: gv, c: cv}).real) < 1e-8
    if gv == 1.0:
        cb = _bisect(lambda x: _cd_full_lambda(x, 1.0, gv, n, 2), 0.3, 1.0, 1e-9)
        assert abs(cb - float(bd.c_min_bulk().subs(G, gv))) < 1e-8
        cv = 0.8
        db = _bisect(lambda dv: _cd_full_lambda(cv, dv, gv, n, 2), 0.0, 1.0, 1e-9)
        assert abs(db - _num(zn_thresholds.d_edge_bulk(), {G: gv, c: cv}).real) < 1e-8


def test_gamma_thresholds_vs_full_null_space_bisection():
    """Gamma_min (n = 3, corner c = d = 1) and the bulk window (n = 4) from the full null space."""
    gmin = _bisect(lambda g: _cd_full_lambda(1.0, 1.0, g, 3, 1), 0.2, 1.0, 1e-9)
    assert abs(gmin - float(bd.gamma_min_boundary())) < 1e-8
    lo, hi = (float(x) for x in bd.gamma_window_bulk())
    assert abs(_bisect(lambda g: _cd_full_lambda(1.0, 1.0, g, 4, 2), 0.2, 1.0, 1e-9) - lo) < 1e-8
    assert abs(_bisect(lambda g: _cd_full_lambda(1.0, 1.0, g, 4, 2), 1.0, 3.0, 1e-9) - hi) < 1e-8


def test_no_entanglement_left_of_c_min():
    """min over d of the numeric (hierarchy) lambda is >= 0 just left of c_min, < 0 right of it."""
    for region, fn in (("boundary", bd.c_min_boundary), ("bulk", bd.c_min_bulk)):
        for gv in (0.8, 1.2):
            cm = float(fn().subs(G, gv))
            lam = lambda cc, dd, g: zn_thresholds.numeric_lambda_cd(cc, dd, g, region, 4)  # noqa: E731
            assert zn_thresholds.min_over_d(lam, cm - 1e-4, gv) > -1e-12
            assert zn_thresholds.min_over_d(lam, cm + 1e-4, gv) < 0


# ============================================================== quantities / CLI
def test_threshold_quantities_exact_vs_numeric(catalog):
    m = catalog["xx-ness"]
    p = {"Gamma": 1.0, "region": "boundary", "gamma": 0.0, "n": 5}
    assert abs(m.quantities["c-min"].fn(dict(p), "exact") - m.quantities["c-min"].fn(dict(p), "numeric")) < 1e-9
    for region in ("boundary", "bulk"):
        p = {"Gamma": 1.3, "region": region, "gamma": 0.0, "n": 5, "c": 0.9}
        ex = m.quantities["d-edge"].fn(dict(p), "exact")
        nu = m.quantities["d-edge"].fn(dict(p), "numeric")
        assert abs(ex - nu) < 1e-9
    # at c = 1 the region reaches the product-state corner d = -1, where lambda ~ (1 + d)^2
    assert abs(m.quantities["d-edge"].fn({"Gamma": 2.0, "c": 1.0, "region": "boundary"}, "numeric") + 1) < 5e-5
    assert m.quantities["d-edge"].fn({"Gamma": 2.0, "c": 1.0, "region": "boundary"}, "exact") == -1.0
    assert m.quantities["d-edge"].fn({"Gamma": 1.0, "c": 0.5, "region": "boundary"}, "exact") is None
    assert m.quantities["c-min"].fn({"Gamma": 0.4, "region": "boundary"}, "exact") is None
    assert m.quantities["c-min"].fn({"Gamma": 2.5, "region": "bulk"}, "exact") is None
    gm = m.quantities["Gamma-min"].fn({"region": "boundary"}, "numeric")
    assert abs(gm - 0.5105779601611) < 1e-9
    w = m.quantities["Gamma-window"].fn({"region": "bulk"}, "exact")
    assert abs(w[0] - 0.5310100564596) < 1e-12 and abs(w[1] - 1.8832035059135) < 1e-12


def test_cli_thresholds(cli, catalog):
    r = cli("evaluate", "xx-ness", "Gamma-window", "--set", "region=bulk", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["quantity"] == "Gamma-window"
    assert abs(out["value"][0] - 0.53101) < 1e-5 and abs(out["value"][1] - 1.88320) < 1e-5
    r = cli("latex", "xx-ness", "c-min", "--set", "region=boundary")
    assert r.returncode == 0 and "\\sqrt{\\Gamma^{2} + 8}" in r.stdout
    q = catalog["xx-ness"].quantities
    assert abs(q["c-min"].fn({"Gamma": 1.0, "region": "bulk"}, "exact") - float((13 - 8 * S2) / 3)) < 1e-12
    assert abs(q["Gamma-min"].fn({"region": "boundary"}, "exact") - 0.5105779601611) < 1e-12


def test_cli_lambda_min_pair(cli, catalog):
    args = ("--set", "n=5", "--set", "Gamma=1", "--set", "c=1", "--set", "d=1")
    r = cli("evaluate", "xx-ness", "lambda-min", *args, "--set", "pair=2", "--json")
    assert r.returncode == 0, r.stderr
    # c = d = 1, Gamma = 1: a = 0, t = 1/2 -> Eq. 20 = (1 - 1/4 - 2*(1/2))/4 = -1/16
    assert abs(json.loads(r.stdout)["value"] + 1 / 16) < 1e-12
    p = {"n": 5, "Gamma": 1.0, "c": 1.0, "d": 1.0, "pair": 2, "gamma": 0.0}
    assert abs(catalog["xx-ness"].quantities["negativity"].fn(p, "numeric") - 1 / 16) < 1e-10


def test_cli_bad_input(cli):
    r = cli("evaluate", "xx-ness", "lambda-min", "--set", "n=4", "--set", "Gamma=1", "--set", "pair=4")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "pair" in r.stderr


def test_bad_input_direct(catalog):
    from symbolic_ness import ParameterError
    from symbolic_ness.app import parse_params
    m = catalog["xx-ness"]
    with pytest.raises(ParameterError):
        parse_params(m, "c-min", {"Gamma": "1", "region": "middle"})
    with pytest.raises(ParameterError):
        m.quantities["lambda-min"].fn({"n": 4, "Gamma": 1.0, "c": 1.5, "d": 1.0}, "exact")
    with pytest.raises(ParameterError):
        m.quantities["c-min"].fn({"Gamma_L": 1.0, "Gamma_R": 2.0}, "exact")
    with pytest.raises(ParameterError):
        m.quantities["c-min"].fn({"Gamma": 1.0, "region": "bulk", "n": 3}, "numeric")
    with pytest.raises(ParameterError):
        m.quantities["d-edge"].fn({"Gamma": 1.0, "c": 2.0}, "exact")
    with pytest.raises(ParameterError):
        m.quantities["c-min"].fn({"Gamma": -1.0}, "exact")
    with pytest.raises(ParameterError):
        m.quantities["Gamma-min"].fn({"region": "bulk"}, "exact")
    with pytest.raises(ParameterError):
        m.quantities["lambda-min"].fn({"Gamma": 1.0, "c": 1.0, "d": 1.0}, "exact")  # n missing
