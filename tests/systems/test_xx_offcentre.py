"""Off-centre pairs of the dephased XX chain: exact gamma_c, Gamma window, c_min, d(c) of any pair
against bisection on lambda_min of the full Liouvillian's steady state (its null space, checked
against QuTiP) and independent float solves."""
from __future__ import annotations

from _helpers import trace_pinned_null_vector

import functools
from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse as sps
import sympy as sp

import symbolic_ness.papers.znidaric as D
from symbolic_ness.papers.znidaric import dephasing as zn_dephasing
from symbolic_ness.papers.znidaric import thresholds as zn_thresholds
from symbolic_ness.export import bisect_root
from symbolic_ness.core import lambda_min_pt, partial_trace
from symbolic_ness.papers.znidaric import xx_chain_model


@functools.lru_cache(maxsize=None)
def _chain(n):
    m = xx_chain_model(n, sp.Symbol("GL", positive=True), sp.Symbol("GR", positive=True),
                       sp.Symbol("mu"), sp.Symbol("mub"), sp.Symbol("gam", positive=True))
    ops = [(np.array(j.operator.evalf(), dtype=complex), sp.lambdify(m.parameters, m.factor * j.rate))
           for j in m.jumps]
    return m, np.array(m.hamiltonian.evalf(), dtype=complex), ops


def full_lambda(n, j, Gam, gam, c=1.0, d=1.0):
    """lambda_min of rho_{j,j+1}^{T_1} from the null space of the full 4^n Liouvillian (column
    stacking, built from the core model's H and jumps); solved on the U(1) block |x><y| with equal
    magnetization that holds the NESS, residual of the whole generator checked."""
    m, H, ops = _chain(n)
    vals = {"GL": Gam, "GR": Gam, "mu": c + d, "mub": (d - c) / 2, "gam": gam}
    dim = 2 ** n
    I = sps.identity(dim, format="csr")
    Hs = sps.csr_matrix(H)
    L = -1j * (sps.kron(I, Hs) - sps.kron(Hs.T, I))
    for op0, rate in ops:
        op = sps.csr_matrix(np.sqrt(float(rate(*[vals[p.name] for p in m.parameters]))) * op0)
        LdL = op.conj().T @ op
        L = L + sps.kron(op.conj(), op) - 0.5 * sps.kron(I, LdL) - 0.5 * sps.kron(LdL.T, I)
    L = L.tocsr()
    idx = _block(n)
    v = trace_pinned_null_vector(L, dim, idx, dense=True)
    assert np.linalg.norm(L @ v) < 1e-9
    rho = v.reshape(dim, dim, order="F")
    return lambda_min_pt(partial_trace((rho + rho.conj().T) / 2, [j - 1, j], n))


@functools.lru_cache(maxsize=None)
def _block(n):
    dim = 2 ** n
    pc = np.array([bin(k).count("1") for k in range(dim)])
    return np.array([r + dim * col for col in range(dim) for r in range(dim) if pc[r] == pc[col]])


def qutip_lambda(n, j, Gam, gam, c=1.0, d=1.0):
    """The same from QuTiP's steady state (used as a cross-check of :func:`full_lambda`)."""
    import qutip
    m, H, ops = _chain(n)
    vals = {"GL": Gam, "GR": Gam, "mu": c + d, "mub": (d - c) / 2, "gam": gam}
    Ls = [qutip.Qobj(np.sqrt(float(r(*[vals[p.name] for p in m.parameters]))) * op) for op, r in ops]
    rho = qutip.steadystate(qutip.Qobj(H), Ls).full()
    return lambda_min_pt(partial_trace(rho, [j - 1, j], n))


def test_full_liouvillian_helper_agrees_with_qutip():
    assert abs(full_lambda(5, 3, 0.9, 0.07, 0.6, 0.8) - qutip_lambda(5, 3, 0.9, 0.07, 0.6, 0.8)) < 1e-10


def _bisect_sign(f, lo, hi, tol=1e-9):
    return bisect_root(lambda x: -1.0 if f(x) < 0 else 1.0, lo, hi, tol)


@pytest.mark.parametrize("n, j, Gam", [(5, 3, 1.0), (6, 2, 1.0), (6, 2, 0.8), (6, 4, 1.3)])
def test_gamma_c_off_centre_vs_full_liouvillian_bisection(n, j, Gam):
    exact = zn_thresholds.gamma_c_pair(n, j, Gam)
    ref = _bisect_sign(lambda g: full_lambda(n, j, Gam, g), 1e-6, 0.5)
    assert abs(exact - ref) < 1e-7, (exact, ref)


@pytest.mark.parametrize("n, j, gam", [(5, 3, 0.03), (6, 2, 0.05)])
def test_gamma_window_off_centre_vs_full_liouvillian_bisection(n, j, gam):
    lo, hi = zn_thresholds.gamma_window_pair(n, j, gam)
    ref_lo = _bisect_sign(lambda G: -full_lambda(n, j, G, gam), 0.2, 1.0)
    ref_hi = _bisect_sign(lambda G: full_lambda(n, j, G, gam), 1.0, 4.0)
    assert abs(lo - ref_lo) < 1e-7 and abs(hi - ref_hi) < 1e-7, ((lo, hi), (ref_lo, ref_hi))


def test_boundary_pair_window_is_open_above_and_gamma_c_infinite():
    """The boundary pair at c = d = 1 stays entangled for every gamma (lambda -> 0^-) and for every
    Gamma above Gamma_- (cross-checked with QuTiP at large gamma / Gamma)."""
    assert zn_thresholds.gamma_c_pair(5, 1, 1.0) == float("inf")
    assert full_lambda(5, 1, 1.0, 5.0) < 0
    lo, hi = zn_thresholds.gamma_window_pair(5, 1, 0.05)
    assert hi == float("inf")
    ref = _bisect_sign(lambda G: -full_lambda(5, 1, G, 0.05), 0.1, 1.0)
    assert abs(lo - ref) < 1e-7
    assert full_lambda(5, 1, 20.0, 0.05) < 0


def test_central_pair_agrees_with_eq24_and_reflection_symmetry():
    prof = zn_thresholds.gamma_c_profile(6, 1)
    assert abs(prof[2] - zn_dephasing.gamma_c_dephasing(6, 1.0)) < 1e-14          # central pair = Eq. (24)
    assert abs(prof[1] - prof[3]) < 1e-14 and prof[0] == prof[4] == float("inf")
    assert prof[1] > prof[2]                                             # increases away from the centre
    assert abs(zn_thresholds.gamma_c_pair(7, 3, 1) - zn_dephasing.gamma_c_dephasing(7, 1.0)) < 1e-12   # odd n: derived odd form


def test_engine_pair_values_match_the_pair_hierarchy():
    """n >= 8 goes through the class engine: equal to the exact closed pair hierarchy (n = 8, 9)."""
    for n, j in ((8, 2), (9, 6)):
        a = zn_thresholds.pair_values_exact(n, j, Fraction(7, 10), Fraction(3, 40), Fraction(2, 5), Fraction(1, 3))
        b = zn_dephasing.exact_pair_values(n, Fraction(7, 10), Fraction(3, 40), Fraction(2, 5), Fraction(1, 3), pair=j)
        assert a == b


def test_gamma_c_off_centre_n10_vs_float_engine():
    exact = zn_thresholds.gamma_c_pair(10, 2, 1)

    def lam(g):
        zz, z1, z2, xy = zn_thresholds.pair_values_float(10, 2, 1.0, g)
        return lambda_min_pt(zn_dephasing.pair_state_u1(zz, z1, z2, xy))
    ref = _bisect_sign(lam, 1e-6, 0.5)
    assert abs(exact - ref) < 1e-7 and exact > zn_dephasing.gamma_c_dephasing(10, 1.0)


def test_c_min_and_d_edge_off_centre_vs_full_liouvillian():
    n, j, G, g = 6, 2, 1.0, 0.04
    cm = zn_thresholds.c_min_pair(n, j, G, g)
    # the pocket starts on the edge d = 1: QuTiP bisection in c at d = 1
    ref = _bisect_sign(lambda c: -full_lambda(n, j, G, g, c, 1.0), 0.3, 1.0)
    assert abs(cm - ref) < 1e-7
    de = zn_thresholds.d_edge_pair(n, j, G, g, 0.9)
    ref_d = _bisect_sign(lambda d: -full_lambda(n, j, G, g, 0.9, d), 0.0, 1.0)
    assert abs(de - ref_d) < 1e-7


def test_cd_values_are_checked_quadratics():
    expr, f = zn_thresholds.pair_cd_lambda(5, 2, Fraction(7, 10), Fraction(1, 20))
    zz, z1, z2, xy = zn_thresholds.pair_values_exact(5, 2, Fraction(7, 10), Fraction(1, 20), Fraction(1, 5), Fraction(-3, 5))
    ref = lambda_min_pt(zn_dephasing.pair_state_u1(zz, z1, z2, xy))
    assert abs(float(f(0.2, -0.6)) - ref) < 1e-12


def test_cli_pair_parameter(cli):
    import json
    r = cli("evaluate", "xx-ness", "gamma-c", "--set", "n=6", "--set", "Gamma=1", "--set", "pair=2", "--json")
    assert r.returncode == 0, r.stderr
    assert abs(json.loads(r.stdout)["value"] - zn_thresholds.gamma_c_pair(6, 2, 1.0)) < 1e-14
    bad = cli("evaluate", "xx-ness", "gamma-c", "--set", "n=6", "--set", "Gamma=1", "--set", "pair=6")
    assert bad.returncode == 2 and "pair" in bad.stderr
    g0 = cli("evaluate", "xx-ness", "c-min", "--set", "Gamma=1", "--set", "pair=2")
    assert g0.returncode == 2 and "pair" in g0.stderr
