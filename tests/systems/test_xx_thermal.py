"""XX chain, grand-canonical (thermal) entanglement: Znidaric 2012 Sec. II.

Oracles: the paper's Eq. (3) (with the sign of <sigma^z> fixed for exp(-beta H - phi M)),
pair state, Eq. (4), threshold and critical values; scipy quad; exact diagonalisation of
finite open chains (dense / magnetisation sectors, built here from the core operators).
"""
from __future__ import annotations

import json
import math

import mpmath as mp
import numpy as np
import pytest
import scipy.linalg as sla
import sympy as sp
from scipy.integrate import quad

import symbolic_ness.papers.znidaric as T
from symbolic_ness.papers.znidaric import symbols as zn_symbols
from symbolic_ness.papers.znidaric import thermal as zn_thermal
from symbolic_ness import ParameterError
from symbolic_ness.core import embed, kron, partial_trace, partial_transpose, sigma_x, sigma_y, sigma_z

z, xx, zz = zn_symbols.Z_MEAN, zn_symbols.XX_NN, zn_symbols.ZZ_NN
k, beta, phi = zn_symbols.MOMENTUM, T.BETA, T.PHI


# ---------------------------------------------------------------- oracles typed from the paper
def eq3_z(b, p):
    """Eq. (3), first integral, with the minus sign required by rho ~ exp(-beta H - phi M)."""
    return -quad(lambda q: math.tanh(p - 2 * b * math.cos(q)), 0, math.pi, epsabs=1e-14, limit=200)[0] / math.pi


def eq3_xx(b, p):
    return quad(lambda q: math.cos(q) * math.tanh(p - 2 * b * math.cos(q)), 0, math.pi, epsabs=1e-14, limit=200)[0] / math.pi


EQ4 = sp.Rational(1, 4) * (1 - xx ** 2 + z ** 2 - 2 * sp.sqrt(xx ** 2 + z ** 2))


def paper_pair_state():
    one = sp.eye(2)
    X, Y, Z = sigma_x(), sigma_y(), sigma_z()
    return (kron(one, one) + z * (kron(Z, one) + kron(one, Z)) + xx * (kron(X, X) + kron(Y, Y))
            + zz * kron(Z, Z)) / 4


def dense_gc_state(n, b, p):
    """rho_G of the open chain from the core operators (independent of the module)."""
    X, Y, Z = (np.array(m, dtype=complex) for m in (sigma_x(), sigma_y(), sigma_z()))
    H = sum(embed(X, j, n) @ embed(X, j + 1, n) + embed(Y, j, n) @ embed(Y, j + 1, n) for j in range(n - 1))
    M = sum(embed(Z, j, n) for j in range(n))
    G = -b * H - p * M
    rho = sla.expm(G - np.eye(2 ** n) * np.max(np.linalg.eigvalsh(G)))
    return rho / np.trace(rho), (X, Y, Z)


# ---------------------------------------------------------------- derivations vs paper formulas
def test_integrands_derived_equal_eq3_and_sign_choice():
    d = zn_thermal.derive_free_fermion_form()
    assert d["epsilon"] == 4 * sp.cos(k)
    z_eq3 = -sp.tanh(phi - 2 * beta * sp.cos(k)) / sp.pi            # with our sign
    xx_eq3 = sp.cos(k) * sp.tanh(phi - 2 * beta * sp.cos(k)) / sp.pi  # as printed
    assert sp.simplify((d["z_integrand"] - z_eq3).rewrite(sp.exp)) == 0
    diff = sp.simplify((d["xx_integrand"] - xx_eq3).rewrite(sp.exp))
    assert sp.integrate(diff, (k, 0, sp.pi)) == 0 and diff.free_symbols <= {k}
    # beta = 0: <sigma^z> = -tanh(phi) (the paper's "tanh phi = -mubar"), zz by Wick
    assert sp.simplify((sp.integrate(d["z_integrand"].subs(beta, 0), (k, 0, sp.pi)) + sp.tanh(phi)).rewrite(sp.exp)) == 0
    assert d["zz_wick"] == z ** 2 - xx ** 2


def test_pair_state_derived_equals_paper():
    assert sp.simplify(zn_thermal.derive_pair_state() - paper_pair_state()) == sp.zeros(4)


def test_lambda_min_derived_equals_eq4_symbolically():
    L = T.derive_lambda_min()
    assert sp.simplify(L["lambda_min"] - EQ4) == 0
    # the stable product form equals Eq. 4 (q = 1 - z^2)
    assert sp.simplify(sp.radsimp(L["stable"].subs(zn_symbols.ONE_MINUS_Z2, 1 - z ** 2) - EQ4)) == 0
    # PT eigenvalues: compare with numpy at random (physical) points, the minimum with lambda_min_zz
    rng = np.random.default_rng(1)
    for _ in range(20):
        zv, xv = rng.uniform(-1, 1), rng.uniform(-0.6, 0.6)
        zzv = zv ** 2 - xv ** 2
        rho = np.array(zn_thermal.derive_pair_state().subs({z: zv, xx: xv, zz: zzv}), dtype=float)
        ev = np.sort(np.linalg.eigvalsh(partial_transpose(rho, [1], 2)))
        sym = np.sort([float(e.subs({z: zv, xx: xv, zz: zzv})) for e in L["eigenvalues"]])
        assert np.allclose(ev, sym, atol=1e-13)
        assert abs(ev[0] - float(EQ4.subs({z: zv, xx: xv}))) < 1e-13


def test_threshold_derived_equals_paper():
    th = zn_thermal.derive_threshold()
    paper = sp.expand((xx + sp.sqrt(2)) ** 2 - (1 + z ** 2))
    assert sp.expand(th["factor"] - paper) == 0
    assert sp.expand(sp.Mul(*th["factors"]) - th["quartic"]) == 0


# ---------------------------------------------------------------- numerics of the integrals
def test_correlators_vs_scipy_quad_random_points():
    rng = np.random.default_rng(7)
    for b, p in rng.uniform(-3, 3, size=(12, 2)):
        r = zn_thermal.correlators(b, p, dps=20)
        assert abs(float(r["z"]) - eq3_z(b, p)) < 1e-12
        assert abs(float(r["xx"]) - eq3_xx(b, p)) < 1e-12
        assert abs(float(r["zz"]) - (eq3_z(b, p) ** 2 - eq3_xx(b, p) ** 2)) < 1e-12
        assert abs(float(T.lambda_min(b, p)) - float(EQ4.subs({z: eq3_z(b, p), xx: eq3_xx(b, p)}))) < 1e-12
        zv, xv = zn_thermal.correlators_array(b, p)
        assert abs(zv - eq3_z(b, p)) < 1e-12 and abs(xv - eq3_xx(b, p)) < 1e-12


def test_arbitrary_precision_self_consistent():
    a = zn_thermal.correlators("0.7", "0.3", dps=35)
    b = zn_thermal.correlators("0.7", "0.3", dps=55)
    with mp.workdps(55):
        assert abs(a["z"] - b["z"]) < mp.mpf(10) ** -33
        assert abs(a["xx"] - b["xx"]) < mp.mpf(10) ** -33
        # beta = 0: z = -tanh(phi) exactly, xx = 0
        c = zn_thermal.correlators(0, "1.5", dps=50)
        assert abs(c["z"] + mp.tanh(mp.mpf("1.5"))) < mp.mpf(10) ** -48 and abs(c["xx"]) < mp.mpf(10) ** -48


def test_symmetries_in_beta_and_phi():
    for b, p in [(0.8, 0.4), (1.7, -2.2)]:
        r, s, t = zn_thermal.correlators(b, p), zn_thermal.correlators(-b, p), zn_thermal.correlators(b, -p)
        assert abs(r["z"] - s["z"]) < 1e-14 and abs(r["xx"] + s["xx"]) < 1e-14
        assert abs(r["z"] + t["z"]) < 1e-14 and abs(r["xx"] - t["xx"]) < 1e-14
        assert abs(T.lambda_min(b, p) - T.lambda_min(-b, p)) < 1e-14


# ---------------------------------------------------------------- finite chains
def test_ed_vs_dense_core_operators_and_pair_state():
    n, b, p = 6, 0.73, -0.41
    rho, (X, Y, Z) = dense_gc_state(n, b, p)
    j = n // 2 - 1
    ref = {"z": np.trace(rho @ embed(Z, j, n)).real,
           "xx": np.trace(rho @ embed(X, j, n) @ embed(X, j + 1, n)).real,
           "zz": np.trace(rho @ embed(Z, j, n) @ embed(Z, j + 1, n)).real}
    for method in ("ed", "free-fermion"):
        got = zn_thermal.finite_chain_correlators(n, b, p, method=method)
        for q in ref:
            assert abs(got[q] - ref[q]) < 1e-12, (method, q)
    # the reduced state of the central bond has exactly the derived symmetric form
    red = partial_trace(rho, [j, j + 1], n)
    sym = np.array(zn_thermal.derive_pair_state().subs({z: ref["z"], xx: ref["xx"], zz: ref["zz"]}), dtype=complex)
    assert np.max(np.abs(red - sym)) < 1e-12


def test_free_fermion_equals_ed_random_points():
    rng = np.random.default_rng(3)
    for n in (4, 7, 10):
        b, p = rng.uniform(-2, 2), rng.uniform(-1.5, 1.5)
        e, f = zn_thermal.finite_chain_correlators(n, b, p, "ed"), zn_thermal.finite_chain_correlators(n, b, p)
        assert max(abs(e[q] - f[q]) for q in e) < 1e-11


def test_finite_chain_converges_to_infinite_chain():
    b, p = 0.6, 0.35
    inf = {q: float(v) for q, v in zn_thermal.correlators(b, p).items()}
    errs = []
    for n in (4, 6, 8, 10, 12):
        r = zn_thermal.finite_chain_correlators(n, b, p, "ed")
        errs.append(max(abs(r[q] - inf[q]) for q in ("z", "xx", "zz")))
    assert all(e2 < e1 / 3 for e1, e2 in zip(errs, errs[1:])), errs
    assert errs[-1] < 1e-5
    big = zn_thermal.finite_chain_correlators(300, b, p)
    assert max(abs(big[q] - inf[q]) for q in ("z", "xx", "zz")) < 1e-12


# ---------------------------------------------------------------- critical values
def test_beta_c_paper_values_and_zero_lambda():
    b0 = T.beta_c(0, dps=30)
    b4 = T.beta_c(4, dps=30)
    assert round(float(b0), 4) == 0.5162
    assert round(float(1 / b0), 2) == 1.94
    assert round(float(b4), 4) == 0.5146
    assert abs(float(T.lambda_min(b0, 0, dps=30))) < 1e-12
    assert abs(float(T.lambda_min(b4, 4, dps=30))) < 1e-12
    # entangled iff beta > beta_c
    assert T.lambda_min(float(b0) + 1e-3, 0) < 0 < T.lambda_min(float(b0) - 1e-3, 0)
    # phi = 0: z = 0, so the threshold gives <sx sx> = 1 - sqrt(2) exactly at beta_c
    with mp.workdps(30):
        assert abs(zn_thermal.correlators(b0, 0, dps=30)["xx"] - (1 - mp.sqrt(2))) < mp.mpf(10) ** -28


def test_beta_c_precision_and_baseline():
    a, b = T.beta_c("0.5", dps=30), T.beta_c("0.5", dps=45)
    with mp.workdps(45):
        assert abs(a - b) < mp.mpf(10) ** -29
    # independent baseline: scipy brentq on numpy PT eigenvalues of the pair state from scipy quad
    assert abs(float(b) - T.beta_c_numeric(0.5)) < 1e-12
    assert abs(float(T.beta_c(-0.5)) - float(b)) < 1e-14


def test_beta_c_large_phi_limit():
    lim = zn_thermal.beta_c_large_phi_limit(dps=30)
    b20 = T.beta_c(20, dps=30)
    b200 = T.beta_c(200, dps=30)
    with mp.workdps(30):
        assert 0 < b20 - lim < mp.mpf(10) ** -15
        assert abs(b200 - lim) < mp.mpf(10) ** -28
    curve = zn_thermal.critical_curve([0, 1, 2, 4, 8])
    Tc = [float(c[2]) for c in curve]
    assert all(t2 > t1 for t1, t2 in zip(Tc, Tc[1:])) and Tc[-1] < 1 / float(lim)


def test_bad_input():
    with pytest.raises(ParameterError):
        zn_thermal.correlators(0.5, 0.0, dps=0)
    with pytest.raises(ParameterError):
        T.beta_c("abc")
    with pytest.raises(ParameterError):
        zn_thermal.finite_chain_correlators(13, 0.5, 0.0, method="ed")


# ---------------------------------------------------------------- CLI
def test_cli_beta_c_json(cli):
    res = cli("evaluate", "xx-thermal", "beta-c", "--set", "phi=0", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["model"] == "xx-thermal" and abs(out["value"] - 0.5161954407429128) < 1e-14
    res = cli("evaluate", "xx-thermal", "beta-c", "--set", "phi=4", "--set", "dps=30", "--json")
    v = json.loads(res.stdout)["value"]
    assert v.startswith("0.51455736436343719061915854601")


def test_cli_bad_input(cli):
    for bad in (["beta-c", "--set", "dps=0"], ["lambda-min", "--set", "phi=1"]):
        res = cli("evaluate", "xx-thermal", *bad)
        assert res.returncode == 2 and "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_catalog_quantities_direct(catalog):
    m = catalog["xx-thermal"]
    from symbolic_ness.app import parse_params
    p = parse_params(m, "correlators", {"beta": "0.5", "phi": "0.3"})
    val = m.quantities["correlators"].fn(p, "exact")
    assert abs(val["z"] - eq3_z(0.5, 0.3)) < 1e-12 and abs(val["xx"] - eq3_xx(0.5, 0.3)) < 1e-12
    num = m.quantities["correlators"].fn(p, "numeric")
    assert abs(num["zz"] - val["zz"]) < 1e-12
    p = parse_params(m, "lambda-min", {"beta": "1"})
    assert m.quantities["lambda-min"].fn(p, "numeric") < 0
    assert abs(m.quantities["lambda-min"].fn(p, "exact") - m.quantities["lambda-min"].fn(p, "numeric")) < 1e-12
    with pytest.raises(ParameterError):
        parse_params(m, "lambda-min", {"beta": "x"})
    from symbolic_ness.export import equation_latex
    assert r"\lambda^{PT}_{\min}" in equation_latex(m.quantities["lambda-min"].latex({}))
