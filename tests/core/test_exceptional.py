"""Exceptional points: exact Jordan structure on the locus vs numeric SVD ranks on and off it."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import Jump, Model, embed, liouvillian_numeric, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
from symbolic_ness.core import exceptional_locus, exceptional_points, liouvillian_spectrum, numeric_jordan
from symbolic_ness.papers.hdb import ising_reset_model


def _eigs(model, values):
    return np.linalg.eigvals(liouvillian_numeric(model, values).toarray())


def _cluster(ev, lam, tol=1e-5):
    return ev[np.abs(ev - lam) < tol]


def test_hdb_toy_model_exceptional_point_g_equals_r_over_4():
    m = ising_reset_model()
    g, gamma, r = m.parameters
    eps = exceptional_points(m)
    assert [str(e.condition) for e in eps] == ["g - r/4"]
    ep = eps[0]
    assert sp.simplify(ep.eigenvalue - (-(3 * r / 2 + gamma))) == 0
    assert (ep.algebraic, ep.geometric, ep.jordan_blocks) == (8, 4, (2, 2, 2, 2))
    assert ep.numeric_check["agrees"]
    assert liouvillian_spectrum(m).exceptional_points == tuple(eps)
    # on the locus, at a point of our own: 4 eigenvectors, 8 generalized ones
    vals = {r: sp.Rational(2), gamma: sp.Rational(3, 7), g: sp.Rational(1, 2)}
    lam = complex(ep.eigenvalue.subs(vals))
    on = numeric_jordan(m, vals, lam, 8)
    assert on["kernel_dims"] == [4, 8] and on["jordan_blocks"] == [2, 2, 2, 2]
    assert len(_cluster(_eigs(m, vals), lam, 1e-3)) == 8
    # off the locus (both sides): the branches split, each 4-fold and diagonalizable
    for gv in (sp.Rational(2, 5), sp.Rational(7, 10)):
        off = {r: sp.Rational(2), gamma: sp.Rational(3, 7), g: gv}
        assert numeric_jordan(m, off, lam, 8)["kernel_dims"] == [0]
        disc = sp.sqrt(sp.Integer(4) - 16 * gv ** 2)
        for branch in (lam - complex(disc) / 2, lam + complex(disc) / 2):
            res = numeric_jordan(m, off, branch, 4)
            assert res["kernel_dims"] == [4] and res["jordan_blocks"] == [1, 1, 1, 1]
    # the merger at r = (4 g^2 + gamma^2)/gamma is semisimple: in the locus, not an EP
    semis = [e for e in exceptional_locus(m) if not e.is_exceptional]
    assert len(semis) == 1 and semis[0].geometric == semis[0].algebraic


def test_driven_damped_qubit_exceptional_point():
    """H = Omega sigma_x, decay kappa D[sigma_-]: the Bloch equations' EP at Rabi frequency
    2 Omega = kappa/4, i.e. Omega = kappa/8 (oracle), with a 2x2 Jordan block at -3 kappa/4."""
    k, w = sp.symbols("kappa Omega", positive=True)
    m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    (ep,) = exceptional_points(m)
    assert sp.simplify(ep.condition - (w - k / 8)) == 0
    assert sp.simplify(ep.eigenvalue + 3 * k / 4) == 0
    assert (ep.algebraic, ep.geometric, ep.jordan_blocks) == (2, 1, (2,))
    on = {k: sp.Integer(8), w: sp.Integer(1)}
    assert numeric_jordan(m, on, -6.0, 2)["kernel_dims"] == [1, 2]
    off = {k: sp.Integer(8), w: sp.Rational(11, 10)}
    ev = _eigs(m, off)
    pair = ev[np.abs(ev.real + 6) < 1.0]
    assert len(pair) == 2 and abs(pair[0] - pair[1]) > 0.1
    for lam in pair:
        assert numeric_jordan(m, off, lam, 1)["kernel_dims"] == [1]


def test_driven_dissipative_xxz_pair_third_order_exceptional_point():
    """Two qubits, H = J(XX + YY) + ZZ, decay kappa on qubit 0, pumping p on qubit 1:
    an EP with a 3x3 Jordan block on J = (kappa - p)/8 (needs kappa > p)."""
    J, k, p = sp.symbols("J kappa p", positive=True)
    X = [embed(sigma_x(), i, 2) for i in range(2)]
    Y = [embed(sigma_y(), i, 2) for i in range(2)]
    Z = [embed(sigma_z(), i, 2) for i in range(2)]
    m = Model(2, J * (X[0] * X[1] + Y[0] * Y[1]) + Z[0] * Z[1],
              jumps=[Jump(embed(sigma_minus(), 0, 2), k), Jump(embed(sigma_plus(), 1, 2), p)])
    eps = [e for e in exceptional_points(m) if e.origin == "discriminant" and e.parameter == J]
    ep = next(e for e in eps if sp.simplify(e.solution - (k - p) / 8) == 0)
    assert (ep.algebraic, ep.geometric, ep.jordan_blocks) == (6, 4, (3, 1, 1, 1))
    assert sp.simplify(ep.eigenvalue + (k + p) / 2) == 0
    on = {k: sp.Integer(5), p: sp.Integer(1), J: sp.Rational(1, 2)}
    assert numeric_jordan(m, on, -3.0, 6)["kernel_dims"] == [4, 5, 6]
    off = {k: sp.Integer(5), p: sp.Integer(1), J: sp.Rational(3, 5)}
    # off the locus -(kappa + p)/2 keeps its generic 4 eigenvectors and no generalized ones
    assert numeric_jordan(m, off, -3.0, 6)["kernel_dims"] == [4, 4]
    assert len(_cluster(_eigs(m, off), -3.0, 1e-6)) == 4
    for e in exceptional_locus(m):
        assert e.numeric_check is None or e.numeric_check["agrees"], e


def _random_model(seed):
    rng = np.random.default_rng(seed)
    g, k = sp.symbols("g kappa", positive=True)
    a, b = (int(v) for v in rng.integers(-3, 4, 2))
    c = int(rng.integers(-3, 4)) + sp.I * int(rng.integers(-3, 4))
    H0 = sp.Matrix([[a, c], [sp.conjugate(c), b]])
    L = sp.Matrix(2, 2, [int(rng.integers(-2, 3)) + sp.I * int(rng.integers(-2, 3)) for _ in range(4)])
    return Model(1, H0 + g * sigma_x(), jumps=[Jump(L, k), Jump(sigma_z(), 1)], name=f"random-{seed}")


@pytest.mark.parametrize("seed", [0, 4])
def test_random_qubit_model_against_numeric_ranks(seed):
    m = _random_model(seed)
    resolved = [e for e in exceptional_points(m) if e.algebraic is not None]
    assert resolved, "the random model was chosen to have an exceptional locus in the domain"
    for e in resolved:
        pt = {sp.Symbol(n, positive=True): sp.sympify(v) for n, v in e.point.items()}
        assert sp.N(e.polynomial.subs(pt), 50) == pytest.approx(0, abs=1e-30)
        lam = complex(sp.N(e.eigenvalue, 30))
        res = numeric_jordan(m, pt, lam, e.algebraic)
        assert res["geometric"] == e.geometric and tuple(res["jordan_blocks"]) == e.jordan_blocks
        # off the locus the merged eigenvalue splits into simple ones
        x = e.parameter
        off = dict(pt)
        off[x] = sp.Rational(repr(float(sp.N(pt[x]) * 1.1)))
        ev = _eigs(m, off)
        near = ev[np.argsort(np.abs(ev - lam))[:e.algebraic]]
        assert min(abs(a - b) for i, a in enumerate(near) for b in near[i + 1:]) > 1e-4
