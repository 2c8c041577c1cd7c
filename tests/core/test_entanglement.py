"""Sound negativity: no PT eigenvalue dropped without a certificate; exact numbers stay exact;
closed forms with irreducible cubic factors evaluate (lambdify and subs) to the numeric value."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import symbolic_ness
from symbolic_ness import (Jump, Model, Reset, embed, lambdify, negativity, projector, sigma_minus,
                           sigma_plus, sigma_z, steady_state)
from symbolic_ness.algebra import RealRoot, certify_nonnegative, exact_number
from symbolic_ness.core import lambda_min_pt, negativity_result, pauli_string, pt_eigenvalues, pt_factors

g, r, gamma = sp.symbols("g r gamma", positive=True)


def hdb_toy(scale):
    """HDB two-qubit toy model: H = scale*g sz sz, dephasing gamma/2, resets to |+> at rate r."""
    H = scale * g * embed(sigma_z(), 0, 2) * embed(sigma_z(), 1, 2)
    return Model(2, H, jumps=[Jump(embed(sigma_z(), i, 2), gamma / 2) for i in range(2)],
                 resets=[Reset(i, projector("+"), r) for i in range(2)])


def test_hdb_toy_in_other_units_is_not_dropped():
    """Regression: sampling in a fixed box once gave the closed form 0 for g/10000."""
    m = hdb_toy(sp.Rational(1, 10000))
    rho = steady_state(m).require_unique()
    res = negativity_result(rho, [0], 2)
    assert res.value != 0 and len(res.kept) == 1
    assert all(how for _, _, how in res.certified) and len(res.certified) == 3
    point = {"g": 5e4, "r": 1e5, "gamma": 1.0}
    num = negativity(steady_state(m, point, method="numeric").rho, [0], 2)
    assert abs(num - 2.0e-5) < 1e-7
    f = lambdify(res.value, (g, r, gamma))
    assert abs(float(f(5e4, 1e5, 1.0)) - num) < 1e-12
    exact = res.value.subs({g: 50000, r: 100000, gamma: 1})
    assert exact.is_Rational and abs(float(exact) - num) < 1e-12


def test_werner_exact_value_is_not_guessed():
    p = 1 - sp.Rational(4, 3 * 10 ** 17)
    bell = sp.Matrix([0, 1, -1, 0]) / sp.sqrt(2)
    w = p * bell * bell.T + (1 - p) * sp.eye(4) / 4
    N = negativity(w, [0], 2)
    assert N == sp.Rational(1, 2) - sp.Rational(1, 10 ** 17)
    # a float inside a sympy matrix is read as the rational it prints
    wf = sp.Matrix(4, 4, lambda i, j: sp.Float(0.1) if i == j else 0) + sp.diag(0, 0, 0, sp.Rational(6, 10))
    assert negativity(wf, [0], 2) == 0


def test_float_parameter_stays_the_rational_it_prints():
    x = 1.4142135623730951
    assert exact_number(x) == sp.Rational(14142135623730951, 10 ** 16) != sp.sqrt(2)
    k = sp.Symbol("kappa", positive=True)
    m = Model(1, sp.Symbol("h", positive=True) * pauli_string("X"), jumps=[Jump(sigma_minus(), k)])
    vals = m.validate({"kappa": x, "h": 0.3})
    assert vals[k] == sp.Rational(14142135623730951, 10 ** 16) and vals[sp.Symbol("h", positive=True)] == sp.Rational(3, 10)
    rho = steady_state(m, {"kappa": x, "h": 0.3}).rho
    assert all(v.is_number and not v.has(sp.sqrt(2)) for v in rho)
    assert all(sp.re(v).is_Rational and sp.im(v).is_Rational for v in rho)
    num = steady_state(m, {"kappa": x, "h": 0.3}, method="numeric").rho
    assert np.max(np.abs(np.array(rho.evalf(), dtype=complex) - num)) < 1e-13
    # floats written into a model become rationals, once
    assert Model(1, 0.7 * pauli_string("Z")).hamiltonian[0, 0] == sp.Rational(7, 10)


def test_no_nsimplify_in_the_library_layers_and_app():
    root = Path(symbolic_ness.__file__).parent
    offenders = [str(f) for sub in ("algebra", "core", "export", "app") for f in (root / sub).rglob("*.py")
                 if "nsimplify" in f.read_text()]
    assert not offenders


def xx_chain3():
    """Boundary-driven XX chain of 3 qubits (coupling g on the first bond): PT factors are cubic."""
    def xy(i, j):
        a, b = ["I"] * 3, ["I"] * 3
        a[i] = a[j] = "X"
        b[i] = b[j] = "Y"
        return pauli_string("".join(a)) + pauli_string("".join(b))
    return Model(3, g * xy(0, 1) + xy(1, 2),
                 jumps=[Jump(embed(sigma_minus(), 0, 3), 1), Jump(embed(sigma_plus(), 2, 3), 1)])


@pytest.fixture(scope="module")
def chain3():
    m = xx_chain3()
    return m, steady_state(m).require_unique()


@pytest.mark.parametrize("sites", [[0], [1], [2]])
def test_three_qubit_cubic_factors_evaluate(chain3, sites):
    m, rho = chain3
    degs = sorted(len(c) - 1 for c, _ in pt_factors(rho, sites, 3))
    assert 3 in degs
    res = negativity_result(rho, sites, 3)
    assert res.value.has(RealRoot)
    f = lambdify(res.value, [g])
    lm = lambdify(lambda_min_pt(rho, sites, 3), [g])
    gs = np.array([0.2, 0.9, 1.7, 4.0])
    vec = f(gs)
    assert np.all(np.isfinite(vec))
    for gv, fv in zip(gs, vec):
        num = steady_state(m, {"g": float(gv)}, method="numeric").rho
        ref = negativity(num, sites, 3)
        assert abs(fv - ref) < 1e-10
        assert abs(float(res.value.subs(g, exact_number(float(gv)))) - ref) < 1e-10  # exact (CRootOf)
        assert abs(float(res.value.subs(g, float(gv))) - ref) < 1e-10                # Float
        assert abs(float(lm(float(gv))) - lambda_min_pt(num, sites, 3)) < 1e-10


def test_exact_state_with_cubic_factor_gives_exact_algebraic_number(chain3):
    _, rho = chain3
    rq = rho.subs(g, sp.Rational(1, 5))
    N = negativity(rq, [0], 3)
    assert N.is_number and N.has(sp.CRootOf) and not N.has(sp.Float)
    ref = negativity(np.array(rq.evalf(30), dtype=complex), [0], 3)
    assert abs(float(N) - ref) < 1e-12
    evs = pt_eigenvalues(rq, [0], 3)
    assert sum(m for _, m in evs) == 8


def test_realroot_subs_and_lambdify_never_nan():
    x = sp.Symbol("x", positive=True)
    e = sp.Max(0, -RealRoot(0, 1, -x, -1, x / 3))  # x^3 - x*y^2 ... real-rooted for these x
    f = lambdify(e, [x])
    xs = np.linspace(0.5, 5, 7)
    vals = f(xs)
    assert np.all(np.isfinite(vals))
    for xv, v in zip(xs, vals):
        assert abs(float(e.subs(x, exact_number(float(xv)))) - v) < 1e-12


def test_certificates_are_sound():
    x, y = sp.symbols("x y", positive=True)
    z = sp.Symbol("z", real=True)
    assert certify_nonnegative(x * y + 3) == "nonnegative coefficients"
    assert certify_nonnegative((x - y) ** 2 * (x + 1)) is not None
    assert certify_nonnegative(z ** 2 - 2 * z + 1) is not None
    for bad in (x - y, z, x ** 2 - 3 * x + 2, z ** 3, -x):
        assert certify_nonnegative(bad) is None
    # whatever is certified is >= 0 at random points of the domain
    rng = np.random.default_rng(5)
    for _ in range(60):
        terms = [int(rng.integers(-3, 4)) * x ** int(rng.integers(0, 3)) * y ** int(rng.integers(0, 3))
                 * z ** int(rng.integers(0, 3)) for _ in range(4)]
        p = sp.Add(*terms)
        for q in (p, p * p, p * (x + y)):
            if certify_nonnegative(q):
                f = sp.lambdify((x, y, z), q)
                pts = np.concatenate([rng.uniform(0, 5, (200, 2)), rng.uniform(-5, 5, (200, 1))], axis=1)
                assert np.min(f(pts[:, 0], pts[:, 1], pts[:, 2])) >= -1e-9, q


def test_negative_symbol_domain_is_used():
    u = sp.Symbol("u", negative=True)
    assert certify_nonnegative(-u) is not None
    assert certify_nonnegative(u) is None
