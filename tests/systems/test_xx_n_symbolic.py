"""Closed forms in n proved for all n >= n0 on the n-symbolic equations generated from the model
(two-point rows, four-point class engine), uniqueness of the NESS, n < n0 exact one by one, and
the forms against the numeric null space of the full Liouvillian."""
from __future__ import annotations

from _helpers import trace_pinned_null_vector

from fractions import Fraction

import numpy as np
import scipy.sparse as sps
import pytest
import sympy as sp

import symbolic_ness.papers.znidaric as D
from symbolic_ness.papers.znidaric import chain as zn_chain
from symbolic_ness.papers.znidaric import dephasing as zn_dephasing
from symbolic_ness.papers.znidaric import pairs as zn_pairs
from symbolic_ness.papers.znidaric import proofs as zn_proofs
from symbolic_ness.papers.znidaric import symbols as zn_symbols
from symbolic_ness.papers.znidaric import thresholds as zn_thresholds

G, g, N = D.COUPLING, D.DEPHASING, D.LENGTH


# ------------------------------------------------------------------ two-point, generated rows
@pytest.mark.parametrize("n", [5, 6, 7, 8, 10])
def test_every_generated_two_point_row_is_its_shape_template(n):
    assert zn_proofs.check_templates(n) is True


def test_hand_typed_local_data_are_the_generated_coefficients():
    assert zn_chain.check_local_data() is True
    t = zn_proofs.two_point_templates()
    # the generic bulk row: hopping i h C_{j+1,k} - i h C_{j,k+1} and dephasing damping
    w = zn_chain.FAMILY_SYMBOLS
    assert t[("B", "B", "far+")] == {"const": 0, (1, 0): -2 * sp.I * w["H"], (-1, 0): -2 * sp.I * w["H"],
                                     (0, 1): 2 * sp.I * w["H"], (0, -1): 2 * sp.I * w["H"], (0, 0): -8 * w["deph"]}


@pytest.mark.parametrize("which", ["gamma0", "dephasing"])
def test_two_point_forms_proved_for_all_n(which):
    pr = zn_chain.prove_two_point_closed_form(which)
    assert pr.proved and pr.n0 == zn_proofs.TWO_POINT_N0 == 7 and pr.equations > 30 and not pr.nonzero


@pytest.mark.parametrize("key", ["t", "z1", "slope", "zn"])
def test_wrong_two_point_form_fails_the_proof(key):
    form = dict(zn_chain.dephasing_two_point_closed_form())
    form[key] = form[key] + sp.Rational(1, 1000) * (1 if key != "slope" else D.DEPHASING)
    assert not zn_chain.prove_two_point_closed_form("dephasing", form).proved


def test_two_point_forms_below_n0_one_by_one():
    """n = 2..6 (< n0 = 7): every site's <σz> and every bond current of the exact per-n two-point
    hierarchy, with and without dephasing, at asymmetric couplings and drive."""
    cf = zn_chain.dephasing_two_point_closed_form()
    g0 = D.gamma0_closed_form()
    GL, GR, mu, mub = sp.Rational(7, 10), sp.Rational(13, 10), sp.Rational(9, 10), sp.Rational(1, 5)
    for gam in (sp.Rational(3, 40), sp.Integer(0)):
        for n in range(3, 7):
            vals, _ = zn_chain.solve_hierarchy(n, GL, GR, mu, mub, gam, exact=True, four_point=False)
            sub = {zn_symbols.COUPLING_L: GL, zn_symbols.COUPLING_R: GR, zn_symbols.MU: mu, zn_symbols.MUBAR: mub, D.DEPHASING: gam, D.LENGTH: n}
            for j in range(n):
                want = cf["z1"] if j == 0 else cf["zn"] if j == n - 1 else cf["z_j"].subs(zn_symbols.SITE, j + 1)
                assert sp.simplify(want.subs(sub) - vals[((j, "Z"),)]) == 0
                if gam == 0:
                    w0 = g0["a1"] if j == 0 else g0["an"] if j == n - 1 else g0["a"]
                    assert sp.simplify(w0.subs(sub) - vals[((j, "Z"),)]) == 0
            for j in range(n - 1):
                xy = vals[((j, "X"), (j + 1, "Y"))]
                assert sp.simplify(-cf["t"].subs(sub) - xy) == 0
                if gam == 0:
                    assert sp.simplify(-g0["t"].subs(sub) - xy) == 0


# ------------------------------------------------------------------ four-point, class engine
def test_zz_engine_closed_form_proved_and_a_perturbed_one_fails():
    pr = zn_proofs.prove_zz_engine()
    assert pr.proved and pr.n0 == 8 and pr.equations > 1000
    Dn, Nm = zn_proofs.zz_engine_closed_form()
    k = next(i for i, e in enumerate(Nm) if e != 0)
    bad = list(Nm)
    bad[k] = bad[k] * (1 + sp.Rational(1, 10 ** 6))
    assert not zn_proofs.prove_zz_engine(bad).proved
    bad = list(Nm)
    bad[k] = bad[k] + N * G ** 7        # a term beyond the interpolation degrees
    assert not zn_proofs.prove_zz_engine(bad).proved
    # issue 22: the cache certificate (every engine equation modulo a random prime at a random
    # (n, Gamma, gamma)) accepts the forms and refuses a changed coefficient or denominator
    from symbolic_ness import cache, CheckFailedError
    check = cache.certifier("xx-zz-engine-closed-n-v1")
    check((Dn, Nm), (), {})
    bad = list(Nm)
    bad[k] = bad[k] + 1
    with pytest.raises(CheckFailedError, match="engine equation"):
        check((Dn, bad), (), {})
    with pytest.raises(CheckFailedError):
        check((Dn * 2, Nm), (), {})


@pytest.mark.parametrize("cls", ["central-even", "central-odd", "boundary"])
def test_zz_forms_proved_for_all_n_and_exact_below(cls):
    pr = zn_proofs.prove_zz_closed_form(cls)
    assert pr.proved and pr.n0 == zn_proofs.ZZ_N0 == 8
    Z = D.zz_closed_form(cls)
    assert not zn_proofs.prove_zz_closed_form(cls, Z * (1 + sp.Rational(1, 1000))).proved
    assert not zn_proofs.prove_zz_closed_form(cls, Z + D.DEPHASING ** 2 / (N + 1) ** 3).proved
    for n in zn_proofs.SMALL_N[cls]:
        assert zn_proofs.zz_small_n_check(cls, n)
    assert zn_proofs.provenance("zz-" + cls).listed == zn_proofs.SMALL_N[cls]


def test_zz_form_fails_where_the_pair_touches_both_ends():
    from symbolic_ness import CheckFailedError
    with pytest.raises(CheckFailedError):
        zn_proofs.zz_small_n_check("central-even", 2)


def test_proved_engine_form_vs_float_hierarchy_above_n0():
    """Independent float solve of the full closed hierarchy (sparse LU) at n = 9, 12."""
    for n in (9, 12):
        cls = "central-odd" if n % 2 else "central-even"
        for kind, form in (("central", zn_proofs.zz_pair_engine_form(cls)), ("boundary", zn_proofs.zz_pair_engine_form("boundary"))):
            v = float(zn_dephasing.float_pair_values(n, 0.83, 0.17, kind=kind)[0])
            assert abs(float(form.subs({N: n, G: sp.Rational(83, 100), g: sp.Rational(17, 100)})) - v) < 1e-10


# ------------------------------------------------------------------ uniqueness
def test_uniqueness_steps_and_argument():
    for n in (3, 4, 5):
        st = zn_proofs.ness_uniqueness_steps(n)
        assert all(e != 0 for e in st["forward"]) and all(a != 0 for a in st["backward"])
    assert "NESS unique" in zn_proofs.hierarchy_uniqueness_argument()


# ------------------------------------------------------------------ vs the full Liouvillian
def _site(op, j, n):
    out = sps.identity(1, format="csr")
    for s in range(n):
        out = sps.kron(out, sps.csr_matrix(op) if s == j else sps.identity(2), format="csr")
    return out


def _numeric_ness(n, Gam, gam):
    """NESS of the chain at c = d = 1 from the full 4^n Liouvillian (numpy/scipy, column stacking,
    doubled dissipators), independent of every hierarchy; nullity 1 checked by the trace-row solve
    residual and the smallest singular values for n <= 4."""
    X, Y, Z = np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0])
    sm, sp_ = np.array([[0, 0], [1, 0]]), np.array([[0, 1], [0, 0]])
    d = 2 ** n
    H = sum(_site(X, j, n) @ _site(X, j + 1, n) + _site(Y, j, n) @ _site(Y, j + 1, n) for j in range(n - 1))
    jumps = [(_site(sm, 0, n), 2 * Gam), (_site(sp_, n - 1, n), 2 * Gam)]
    jumps += [(_site(Z, j, n), gam / 2) for j in range(n)]
    I = sps.identity(d, format="csr")
    L = -1j * (sps.kron(I, H) - sps.kron(H.T, I))
    for J, k in jumps:
        JdJ = (J.conj().T @ J)
        L = L + 2 * k * (sps.kron(J.conj(), J) - 0.5 * sps.kron(I, JdJ) - 0.5 * sps.kron(JdJ.T, I))
    L = L.tocsr()
    v = trace_pinned_null_vector(L, d)
    assert np.linalg.norm(L @ v) < 1e-10
    if n <= 4:
        sv = np.linalg.svd(L.toarray(), compute_uv=False)
        assert sv[-1] < 1e-10 < sv[-2]            # nullity 1
    rho = v.reshape(d, d, order="F")
    return (rho + rho.conj().T) / 2, [_site(Z, j, n).toarray() for j in range(n)]


@pytest.mark.parametrize("n", [4, 5, 6])
def test_closed_forms_vs_numeric_null_space(n):
    rng = np.random.default_rng(n)
    for _ in range(2):
        Gam = sp.Rational(int(rng.integers(20, 200)), 100)
        gam = sp.Rational(int(rng.integers(1, 60)), 100)
        rho, Zs = _numeric_ness(n, float(Gam), float(gam))
        ev = lambda op: float(np.real(np.trace(rho @ op)))  # noqa: E731
        sub = {N: n, G: Gam, g: gam}
        cls = "central-even" if n % 2 == 0 else "central-odd"
        m = n // 2
        assert abs(ev(Zs[m - 1] @ Zs[m]) - float(D.zz_closed_form(cls).subs(sub))) < 1e-9
        assert abs(ev(Zs[0] @ Zs[1]) - float(D.zz_closed_form("boundary").subs(sub))) < 1e-9
        cf = zn_chain.dephasing_two_point_closed_form()
        s2 = {zn_symbols.COUPLING_L: Gam, zn_symbols.COUPLING_R: Gam, zn_symbols.MU: 2, zn_symbols.MUBAR: 0, D.DEPHASING: gam, D.LENGTH: n}
        for j in range(n):
            want = cf["z1"] if j == 0 else cf["zn"] if j == n - 1 else cf["z_j"].subs(zn_symbols.SITE, j + 1)
            assert abs(ev(Zs[j]) - float(want.subs(s2))) < 1e-9


# ------------------------------------------------------------------ LaTeX of the requested pair
def test_latex_with_pair_shows_the_pair_form_not_the_central_one():
    from symbolic_ness.app import catalog, parse_params
    from symbolic_ness.export import equation_latex
    m = catalog()["xx-ness"]
    central = equation_latex(m.quantities["gamma-c"].latex(parse_params(m, "gamma-c", {})))
    for q in ("gamma-c", "Gamma-window"):
        p = parse_params(m, q, {"n": "10", "pair": "2"})
        tex = equation_latex(m.quantities[q].latex(p))
        assert tex != central and "pair (2, 3)" in tex and "n = 10" in tex
        lam, F, how = zn_pairs.pair_threshold_form(10, 2)
        assert sp.latex(F) in tex and r"proved for all n $\ge$ 8" in tex
        # the polynomial's smallest positive root in gamma is the pair's exact gamma_c (Gamma = 1)
        roots = [complex(r) for r in sp.Poly(F.subs(G, 1), g).nroots()]
        gc = min(r.real for r in roots if abs(r.imag) < 1e-12 and r.real > 0)
        assert abs(gc - zn_thresholds.gamma_c_pair(10, 2, 1)) < 1e-12
    lam6, F6, how6 = zn_pairs.pair_threshold_form(6, 2)
    assert "exact for n = 6" in how6
    roots = [complex(r) for r in sp.Poly(F6.subs(G, 1), g).nroots()]
    assert abs(min(r.real for r in roots if abs(r.imag) < 1e-12 and r.real > 0) - zn_thresholds.gamma_c_pair(6, 2, 1)) < 1e-12
    for q in ("c-min", "d-edge"):
        p = parse_params(m, q, {"n": "6", "pair": "2", "Gamma": "1", "gamma": "0.05"})
        tex = equation_latex(m.quantities[q].latex(p))
        assert "pair (2, 3)" in tex and sp.latex(zn_thresholds.pair_cd_lambda(6, 2, 1, sp.Rational(1, 20))[0]) in tex


def test_any_pair_zz_form_vs_exact_hierarchy():
    """zz of an off-centre pair from the proved engine form (n = 9) vs the exact per-n solve."""
    Z, how = zn_pairs.zz_pair_form(9, 2)
    v = zn_dephasing.exact_pair_values(9, Fraction(3, 5), Fraction(1, 9), 1, 1, pair=2)[0]
    assert Z.subs({G: sp.Rational(3, 5), g: sp.Rational(1, 9)}) == sp.Rational(v) and "proved" in how


@pytest.mark.parametrize("cls", ["central-even", "central-odd", "boundary"])
def test_cd_extension_spot_checks_at_listed_n(cls):
    """The general-drive <zz> at seven rational (c, d) per n, independent of its proof for all n
    (tests/systems/test_xx_cd_extension.py), which sets its provenance."""
    for n in zn_proofs.CD_LISTED[cls]:
        assert zn_proofs.zz_cd_extension_check(cls, n)
    pr = zn_proofs.provenance("zz-cd-extension")
    assert pr.status == "proved for all n >= n0" and pr.n0 == 8 and set(zn_proofs.SMALL_N[cls]) <= set(pr.listed)
    assert zn_proofs.provenance("thermodynamic-limits-cd").status == "proved for all n >= n0"
    assert zn_proofs.provenance("thermodynamic-limits").status == "proved for all n >= n0"
