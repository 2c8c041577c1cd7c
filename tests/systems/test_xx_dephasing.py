"""XX chain with dephasing (Znidaric Sec. III.D): derived closed forms vs numerics and the paper."""
from __future__ import annotations

from _helpers import trace_pinned_null_vector

import functools
import json
from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse as sps
import sympy as sp

import symbolic_ness.papers.znidaric as D
from symbolic_ness.papers.znidaric import dephasing as zn_dephasing
from symbolic_ness.papers.znidaric import symbols as zn_symbols
from symbolic_ness.core import lambda_min_pt, partial_trace, steady_state
from symbolic_ness.papers.znidaric import xx_chain_model

G, g, n_, X = D.COUPLING, D.DEPHASING, D.LENGTH, zn_symbols.X_SCALE


# ----------------------------------------------------------------- oracles (paper)
def paper_gamma_c(n, Gam):            # Eq. (24) -- test oracle only
    return (np.sqrt(2) + 1 - Gam - 1 / Gam) / (n - 2)


def paper_window(n, gam):             # Eq. (25) -- test oracle only
    w = 1 + np.sqrt(2)
    a = w - gam * (n - 2)
    r = np.sqrt(a * a - 4)
    return (a - r) / 2, (a + r) / 2


@functools.lru_cache(maxsize=None)
def _symbolic_chain(n):
    m = xx_chain_model(n, sp.Symbol("GL", positive=True), sp.Symbol("GR", positive=True),
                       sp.Symbol("mu"), sp.Symbol("mub"), sp.Symbol("gam", positive=True))
    ops = [(sps.csr_matrix(np.array(j.operator.evalf(), dtype=complex)), sp.lambdify(m.parameters, m.factor * j.rate))
           for j in m.jumps]
    return m, sps.csr_matrix(np.array(m.hamiltonian.evalf(), dtype=complex)), ops


def full_null_space_pair(n, Gam, gam, c, d, j):
    """Pair (j, j+1) (1-indexed) from the null space of the full 4^n-dimensional Liouvillian.

    Built from the core model's Hamiltonian and standard-form jump operators
    (as in ``Model.qutip_jump_operators``), column stacking. The generator conserves the
    U(1) charge difference of bra and ket, so it is solved (dense LU with the trace
    row) on the invariant block of elements |x><y| with equal magnetization, which
    holds the NESS; the residual of the whole 4^n generator is checked.
    """
    m, H, ops = _symbolic_chain(n)
    vals = {"GL": Gam, "GR": Gam, "mu": c + d, "mub": (d - c) / 2, "gam": gam}
    dim = 2 ** n
    I = sps.identity(dim, format="csr")
    L = -1j * (sps.kron(I, H) - sps.kron(H.T, I))
    for op0, rate in ops:        # = Model.qutip_jump_operators(vals), evaluated without sympy subs
        op = np.sqrt(float(rate(*[vals[p.name] for p in m.parameters]))) * op0
        LdL = op.conj().T @ op
        L = L + sps.kron(op.conj(), op) - 0.5 * sps.kron(I, LdL) - 0.5 * sps.kron(LdL.T, I)
    L = L.tocsr()
    pc = np.array([bin(k).count("1") for k in range(dim)])
    idx = np.array([r + dim * col for col in range(dim) for r in range(dim) if pc[r] == pc[col]])
    v = trace_pinned_null_vector(L, dim, idx, dense=True)      # dense: the block is small (924 at n = 6)
    assert np.linalg.norm(L @ v) < 1e-9
    rho = v.reshape(dim, dim, order="F")
    rho = (rho + rho.conj().T) / 2
    return partial_trace(rho, [j - 1, j], n)


def test_full_null_space_helper_agrees_with_core_and_qutip():
    """The sparse-block helper above against the core numeric steady state and QuTiP (n = 3, 4)."""
    import qutip
    m = xx_chain_model(3, sp.Rational(6, 5), sp.Rational(6, 5), sp.Rational(3, 2), sp.Rational(1, 10),
                       sp.Rational(1, 20))
    ss = steady_state(m, method="numeric")
    assert ss.unique and ss.residual < 1e-10
    c, d = 0.75 - 0.1, 0.75 + 0.1
    assert np.abs(partial_trace(ss.rho, [0, 1], 3) - full_null_space_pair(3, 1.2, 0.05, c, d, 1)).max() < 1e-10
    m4, H, _ = _symbolic_chain(4)
    vals = {"GL": 1.2, "GR": 1.2, "mu": 1.5, "mub": 0.1, "gam": 0.05}
    rho = qutip.steadystate(qutip.Qobj(H.toarray()), [qutip.Qobj(L) for L in m4.qutip_jump_operators(vals)]).full()
    assert np.abs(partial_trace(rho, [1, 2], 4) - full_null_space_pair(4, 1.2, 0.05, c, d, 2)).max() < 1e-9


# ------------------------------------------------------- exact pair values vs null space
@pytest.mark.parametrize("n", [4, 5, 6])
def test_exact_pair_values_vs_full_null_space(n):
    Gam, gam, c, d = Fraction(7, 10), Fraction(3, 40), Fraction(2, 5), Fraction(-1, 3)
    for kind, j in (("central", n // 2), ("boundary", 1)):
        zz, z1, z2, xy = zn_dephasing.exact_pair_values(n, Gam, gam, c, d, kind)
        rho = full_null_space_pair(n, float(Gam), float(gam), float(c), float(d), j)
        Z = np.diag([1.0, -1.0])
        Xm = np.array([[0, 1], [1, 0]])
        Ym = np.array([[0, -1j], [1j, 0]])
        ev = lambda op: np.trace(rho @ op).real  # noqa: E731
        assert abs(ev(np.kron(Z, Z)) - float(zz)) < 1e-9
        assert abs(ev(np.kron(Z, np.eye(2))) - float(z1)) < 1e-9
        assert abs(ev(np.kron(np.eye(2), Z)) - float(z2)) < 1e-9
        assert abs(ev(np.kron(Xm, Ym)) - float(xy)) < 1e-9


def test_pair_values_vs_qutip():
    import qutip
    m = xx_chain_model(5, sp.Rational(13, 10), sp.Rational(13, 10), sp.Rational(6, 5), sp.Rational(1, 5),
                       sp.Rational(1, 10))
    H = qutip.Qobj(np.array(m.hamiltonian.evalf(), dtype=complex))
    rho = qutip.steadystate(H, [qutip.Qobj(L) for L in m.qutip_jump_operators({})]).full()
    c, d = 0.6 - 0.2, 0.6 + 0.2
    r = partial_trace(rho, [1, 2], 5)
    lam_q = lambda_min_pt(r)
    assert abs(lam_q - float(D.lambda_min_dephasing(5, 1.3, 0.1, c, d))) < 1e-9


# ------------------------------------------------------------------ closed forms
def test_closed_form_lambda_vs_hierarchy_random_points():
    rng = np.random.default_rng(7)
    worst = 0.0
    for n in range(4, 10):
        for _ in range(3):
            Gam, gam, c, d = rng.uniform(0.3, 3), rng.uniform(0.005, 0.5), rng.uniform(-1, 1), rng.uniform(-1, 1)
            for region, kind in (("bulk", "central"), ("boundary", "boundary")):
                zz, z1, z2, xy, res = zn_dephasing.float_pair_values(n, Gam, gam, c, d, kind)
                assert res < 1e-10
                lam_num = lambda_min_pt(zn_dephasing.pair_state_u1(zz, z1, z2, xy))
                lam_cf = float(D.lambda_min_dephasing(n, Gam, gam, c, d, region))
                worst = max(worst, abs(lam_num - lam_cf))
    assert worst < 1e-10


def test_closed_form_exact_at_rational_points_n_up_to_12():
    for n in (12,):
        cls = "central-even" if n % 2 == 0 else "central-odd"
        Z = D.zz_closed_form(cls)
        p = (Fraction(9, 7), Fraction(2, 31))
        ex = zn_dephasing.exact_pair_values(n, p[0], p[1], 1, 1, "central")[0]
        assert Z.subs({n_: n, G: sp.Rational(p[0]), g: sp.Rational(p[1])}) == sp.Rational(ex)
        # issue 22: the cache certificate of the closed form in n (exact pair solve at a random length
        # 4 <= n <= 11 of the class and random rational (Gamma, gamma)) accepts it, refuses a changed one
        from symbolic_ness import cache, CheckFailedError
        check = cache.certifier("xx-deph-zz-closed-n-v1")
        check(Z, (cls,), {})
        with pytest.raises(CheckFailedError, match="exact pair solve"):
            check(Z * (1 + sp.Rational(1, 10 ** 6)), (cls,), {})


def test_lambda_X_form_and_small_n_reconstruction():
    lamX = D.central_lambda_X("even")
    ref = (X ** 2 - 2 * X - 1) * (1 + g / X) / (4 * (X + g) ** 2)   # reference reading (oracle)
    assert sp.simplify(lamX - ref) == 0
    # an independent per-n derivation (uncached) reproduces the n-closed form at n = 6
    Z6 = zn_dephasing.derived_pair_zz.uncached(6, "central")
    assert sp.simplify(Z6 - D.zz_closed_form("central-even").subs(n_, 6)) == 0
    # Gamma drops out only through X: the n = 6 lambda written in X
    lam6 = zn_dephasing.pair_lambda_closed_form("central-even").subs({D.DRIVE_C: 1, D.DRIVE_D: 1, n_: 6})
    Xv = G + 1 / G + 4 * g
    assert sp.simplify(lam6 - lamX.subs(X, Xv)) == 0


# ------------------------------------------------------------ gamma_c and the window
def test_gamma_c_and_window_vs_paper_formulas():
    gc = D.gamma_c_closed_form("even")
    assert sp.simplify(gc - (sp.sqrt(2) + 1 - G - 1 / G) / (n_ - 2)) == 0
    lo, hi = D.gamma_window_closed_form()
    rng = np.random.default_rng(3)
    for _ in range(10):
        n = int(rng.integers(4, 200)) * 2
        gam = rng.uniform(0, 0.4 / (n - 2))
        ref = paper_window(n, gam)
        got = [float(e.subs({n_: n, g: gam})) for e in (lo, hi)]
        assert np.allclose(got, ref, rtol=1e-12)
        Gam = rng.uniform(0.6, 1.6)
        assert abs(zn_dephasing.gamma_c_dephasing(n, Gam) - paper_gamma_c(n, Gam)) < 1e-12


def _bisect(f, a, b, it=40):
    fa = f(a)
    for _ in range(it):
        m = (a + b) / 2
        if (f(m) < 0) == (fa < 0):
            a, fa = m, f(m)
        else:
            b = m
    return (a + b) / 2


def test_gamma_c_vs_bisection_full_null_space_n4():
    Gam = 1.2
    f = lambda gam: lambda_min_pt(full_null_space_pair(4, Gam, gam, 1.0, 1.0, 2))  # noqa: E731
    gc_num = _bisect(f, 1e-4, 0.5, it=30)
    assert abs(gc_num - zn_dephasing.gamma_c_dephasing(4, Gam)) < 1e-8


def test_gamma_c_and_window_bracketed_full_null_space_n6():
    Gam, n = 0.9, 6
    gc = zn_dephasing.gamma_c_dephasing(n, Gam)
    lam = lambda G_, gam: lambda_min_pt(full_null_space_pair(n, G_, gam, 1.0, 1.0, 3))  # noqa: E731
    assert lam(Gam, gc * (1 - 1e-5)) < 0 < lam(Gam, gc * (1 + 1e-5))
    gam = 0.03
    lo, hi = zn_dephasing.gamma_window_dephasing(n, gam)
    assert lam(lo * (1 + 1e-5), gam) < 0 < lam(lo * (1 - 1e-5), gam)
    assert lam(hi * (1 - 1e-5), gam) < 0 < lam(hi * (1 + 1e-5), gam)


@pytest.mark.parametrize("n", [7, 8, 10])
def test_gamma_c_vs_bisection_on_hierarchy(n):
    Gam = 1.1
    assert abs(zn_dephasing.gamma_c_dephasing(n, Gam, "numeric")
               - zn_dephasing.gamma_c_dephasing(n, Gam, "exact")) < 1e-11


def test_closed_form_and_thresholds_vs_correlator_module_large_n():
    """Against the correlators of ness_correlators (independent n-engine)."""
    from symbolic_ness.papers.znidaric import ness_correlators

    def lam(n, Gam, gam, c, d, j):
        r = ness_correlators(n, Gam, Gam, c + d, (d - c) / 2, gam)
        return lambda_min_pt(r.pair_state(j, j + 1))

    for n, Gam, gam, c, d in ((31, 0.8, 0.02, 0.4, 0.95), (200, 1.3, 0.004, 0.9, -0.3)):
        assert abs(lam(n, Gam, gam, c, d, n // 2) - float(D.lambda_min_dephasing(n, Gam, gam, c, d))) < 1e-12
        assert abs(lam(n, Gam, gam, c, d, 1) - float(D.lambda_min_dephasing(n, Gam, gam, c, d, "boundary"))) < 1e-12
    n, Gam = 40, 1.05
    gc = zn_dephasing.gamma_c_dephasing(n, Gam)
    assert lam(n, Gam, gc * (1 - 1e-6), 1, 1, n // 2) < 0 < lam(n, Gam, gc * (1 + 1e-6), 1, 1, n // 2)
    lo, hi = zn_dephasing.gamma_window_dephasing(n, 0.005)
    assert lam(n, lo * (1 + 1e-6), 0.005, 1, 1, n // 2) < 0 < lam(n, lo * (1 - 1e-6), 0.005, 1, 1, n // 2)
    assert lam(n, hi * (1 - 1e-6), 0.005, 1, 1, n // 2) < 0 < lam(n, hi * (1 + 1e-6), 0.005, 1, 1, n // 2)


def test_last_entangled_state_is_c_d_1():
    for n in (6, 10):
        gc = zn_dephasing.gamma_c_dephasing(n, 1.0)
        val, (c, d) = zn_dephasing.min_lambda_cd(n, 1.0, 0.98 * gc, "bulk")
        assert val < 0 and abs(c - 1) < 1e-9 and abs(d - 1) < 1e-9
        # just above gamma_c nothing in the whole square is entangled
        cs = np.linspace(-1, 1, 81)
        C, Dd = np.meshgrid(cs, cs)
        assert D.lambda_min_dephasing(n, 1.0, 1.001 * gc, C, Dd).min() > -1e-13
        # window: c = d = 1 is also the last state in Gamma
        lo, hi = zn_dephasing.gamma_window_dephasing(n, 0.5 * gc)
        num = zn_dephasing.gamma_window_dephasing(n, 0.5 * gc, exact=False)
        assert np.allclose([lo, hi], num, rtol=1e-8)


def test_c_min_and_d_edge_vs_hierarchy():
    n, gam = 6, 0.04
    cm = zn_dephasing.c_min_dephasing(n, 1.0, gam)
    lam = lambda c, d: zn_dephasing.pair_lambda_numeric(n, 1.0, gam, c, d, "bulk")  # noqa: E731
    assert lam(cm + 1e-6, 1.0) < 0 < lam(cm - 1e-6, 1.0)
    de = zn_dephasing.d_edge_dephasing(n, 1.0, gam, 0.9)
    assert lam(0.9, de + 1e-6) < 0 < lam(0.9, de - 1e-6)
    # gamma -> 0 reproduces the gamma = 0 bulk value (13 - 8 sqrt 2)/3 at Gamma = 1
    assert abs(zn_dephasing.c_min_dephasing(10, 1.0, 1e-12) - (13 - 8 * np.sqrt(2)) / 3) < 1e-6


# ------------------------------------------------------------------- boundary pair
def test_gamma_m_limit_and_values():
    assert D.gamma_m_limit() == [1]
    lim = D.thermodynamic_limits()
    assert lim["gamma_c"] == 0
    # issue 22: the cache certificate of the limits (each against its closed form at n = 10^12 at a
    # random point) accepts them and refuses a changed number
    from symbolic_ness import cache, CheckFailedError
    check = cache.certifier("xx-deph-limits-v1")
    check(lim, (), {})
    for key in lim:
        with pytest.raises(CheckFailedError, match=key):
            check({**lim, key: lim[key] + sp.Rational(1, 1000)}, (), {})
    vals = [zn_dephasing.gamma_m_dephasing(n, 0.1) for n in (100, 1000, 10000)]
    assert vals[0] < vals[1] < vals[2] < 1 and 1 - vals[2] < 1e-3
    assert abs(vals[0] - 0.935) < 0.005 and abs(vals[1] - 0.995) < 0.005   # reference estimates


def test_gamma_m_vs_full_square_and_hierarchy():
    n, gam = 8, 0.1
    Gm = zn_dephasing.gamma_m_dephasing(n, gam)
    cs = np.linspace(-1, 1, 61)
    C, Dd = np.meshgrid(cs, cs)
    assert D.lambda_min_dephasing(n, Gm * (1 - 1e-3), gam, C, Dd, "boundary").min() > -1e-13
    # independent: the full hierarchy at c = 1 shows entanglement just above Gamma_m
    ds = np.linspace(0.5, 1.0, 11)
    lam = [lambda_min_pt(zn_dephasing.pair_state_u1(*zn_dephasing.float_pair_values(n, Gm * (1 + 1e-3), gam, 1.0, dd, "boundary")[:4]))
           for dd in ds]
    assert min(lam) < 0


def test_no_bulk_entanglement_thermodynamic_limit():
    lim = D.thermodynamic_limits()["lambda_central"]
    cs = np.linspace(-1, 1, 41)
    f = sp.lambdify((D.DRIVE_C, D.DRIVE_D), lim, "numpy")
    C, Dd = np.meshgrid(cs, cs)
    assert np.min(f(C, Dd)) >= -1e-15
    for n in (1000, 5000):
        assert zn_dephasing.min_lambda_cd(n, 1.0, 0.01, "bulk")[0] > 0
        assert zn_dephasing.gamma_c_dephasing(n, 1.0) < 0.5 / n


# ------------------------------------------------------------------------------ CLI
def test_cli_gamma_c_and_gamma_m(cli):
    r = cli("evaluate", "xx-ness", "gamma-c", "--set", "n=10", "--set", "Gamma=1", "--json")
    assert r.returncode == 0, r.stderr
    assert abs(json.loads(r.stdout)["value"] - (np.sqrt(2) - 1) / 8) < 1e-12
    r = cli("evaluate", "xx-ness", "Gamma-m", "--set", "n=100", "--set", "gamma=0.1", "--json")
    assert r.returncode == 0, r.stderr
    assert abs(json.loads(r.stdout)["value"] - zn_dephasing.gamma_m_dephasing(100, 0.1)) < 1e-10


def test_cli_lambda_min_n1000(cli):
    r = cli("evaluate", "xx-ness", "lambda-min", "--set", "n=1000", "--set", "gamma=0.0001",
            "--set", "Gamma=1", "--set", "c=1", "--set", "d=1", "--set", "region=bulk", "--json")
    assert r.returncode == 0, r.stderr
    Xv = 2 + 0.0001 * 998
    assert abs(json.loads(r.stdout)["value"] - (Xv ** 2 - 2 * Xv - 1) / (4 * Xv * (Xv + 0.0001))) < 1e-12


def test_catalog_threshold_dispatch(catalog):
    """gamma > 0 with n routes c-min, d-edge, Gamma-window, lambda-min to the dephasing forms."""
    from symbolic_ness.app import parse_params
    m = catalog["xx-ness"]

    def ev(q, method="exact", **raw):
        return m.quantities[q].fn(parse_params(m, q, {k: str(v) for k, v in raw.items()}), method)

    assert ev("Gamma-window", n=10, gamma=0.02) == pytest.approx(paper_window(10, 0.02), rel=1e-12)
    assert ev("c-min", n=6, gamma=0.04, Gamma=1, region="bulk") == zn_dephasing.c_min_dephasing(6, 1.0, 0.04)
    assert ev("d-edge", n=6, gamma=0.04, Gamma=1, c=0.9, region="bulk") == zn_dephasing.d_edge_dephasing(6, 1.0, 0.04, 0.9)
    # lambda-min: exact closed form vs the numeric hierarchy, boundary and central pair (n = 7, odd)
    for region in ("bulk", "boundary"):
        a = ev("lambda-min", n=7, gamma=0.07, Gamma=1.3, c=0.3, d=0.8, region=region)
        b = ev("lambda-min", "numeric", n=7, gamma=0.07, Gamma=1.3, c=0.3, d=0.8, region=region)
        assert abs(a - b) < 1e-10
    # gamma = 0 keeps the gamma = 0 implementation (Eq. 23 window)
    lo, hi = ev("Gamma-window", gamma=0, region="bulk")
    assert abs(lo - 0.5 * (1 + np.sqrt(2) - np.sqrt(2 * np.sqrt(2) - 1))) < 1e-9


@pytest.mark.parametrize("args", [
    ("gamma-c", "--set", "n=3", "--set", "Gamma=1"),
    ("Gamma-m", "--set", "n=100", "--set", "gamma=0"),
])
def test_cli_bad_input(cli, args):
    r = cli("evaluate", "xx-ness", *args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and r.stderr.strip()


def test_bad_input_direct(catalog):
    from symbolic_ness import ParameterError
    from symbolic_ness.app import parse_params
    m = catalog["xx-ness"]
    with pytest.raises(ParameterError):
        parse_params(m, "lambda-min", {"n": "10", "gamma": "0.1", "region": "middle"})
    with pytest.raises(ParameterError):
        m.quantities["gamma-c"].fn(parse_params(m, "gamma-c", {"n": "10", "Gamma_L": "1", "Gamma_R": "2"}), "exact")
    with pytest.raises(ParameterError):
        m.quantities["c-min"].fn(parse_params(m, "c-min", {"gamma": "0.1"}), "exact")   # gamma > 0 needs n


def test_every_xx_quantity_accepts_auto(catalog):
    """'auto' is listed first and reports the method that ran (QuantityValue)."""
    from symbolic_ness.app import QuantityValue, parse_params
    cases = {("xx-ness", "gamma-c"): {"n": "6", "Gamma": "1"},
             ("xx-ness", "lambda-min"): {"n": "6", "Gamma": "1", "c": "1", "d": "1"},
             ("xx-ness", "Gamma-min"): {},
             ("xx-thermal", "beta-c"): {"phi": "0"}}
    for model in ("xx-ness", "xx-thermal"):
        for name, q in catalog[model].quantities.items():
            assert q.methods[0] == "auto", (model, name)
    for (model, name), raw in cases.items():
        m = catalog[model]
        p = parse_params(m, name, raw)
        v = m.quantities[name].fn(p, "auto")
        assert isinstance(v, QuantityValue) and v.method == "exact"
        assert v.value == m.quantities[name].fn(p, "exact")
