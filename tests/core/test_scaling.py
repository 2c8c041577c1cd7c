"""Variable-scaling reduction of the exact engine (issue 26): the pencil kernel reconstructs
y ~ x(s p) for a scaling s that lowers the Leibniz coefficient bound and restores x exactly.

* Any scaling s in 2^Z 3^Z (hypothesis) gives the same certified primitive vector as no scaling,
  on random models with fixed rational coefficients.
* The scaled matrix's null vector is x(s p) (a polynomial identity checked in sympy, not at a point).
* The README-type chain with a fixed field 1/3 uses it (fewer primes, same state, equal to the
  numeric null space); a model with nothing to gain does not; ``reductions=()`` disables it.
* A wrong restoration is refused by the exact certificate (never a wrong vector).
"""
from __future__ import annotations

import importlib
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from _helpers import ising_reset_chain as _chain
from _helpers import count_certificates, random_qubit_model, same_vector as _same, trace_block
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbolic_ness import CheckFailedError, steady_state
from symbolic_ness.algebra import (PencilNotApplicable, PolyMatrix, Scaling, choose_scaling,
                                   nullspace_pencil, scaled_matrix)
from symbolic_ness.core import exact_nullspace, pauli_labels, pauli_string

PENCIL = "symbolic_ness.algebra._pencil"  # the kernel module, only as a monkeypatch target


def _trace_block(model):
    return trace_block(model)[1]


scales = st.lists(st.tuples(st.integers(-3, 3), st.integers(-2, 2)), min_size=3, max_size=3)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10 ** 6), n=st.integers(1, 3), nsym=st.integers(1, 3), ab=scales)
def test_any_scaling_gives_the_same_certified_vector(seed, n, nsym, ab):
    pencil = importlib.import_module(PENCIL)
    model = random_qubit_model(seed, n, nsym, p_symbol=0.6, p_reset=0.5)
    sub = _trace_block(model)
    s = tuple(Fraction(2) ** a * Fraction(3) ** b for a, b in ab[:len(sub.gens)])
    try:
        ref = nullspace_pencil(sub, scaling=False)
    except PencilNotApplicable:
        return
    with pytest.MonkeyPatch.context() as mp:  # force this scaling (the kernel's choice only affects speed)
        mp.setattr(pencil, "choose_scaling", lambda pm, rows: Scaling(s, 0.0, 0.0))
        info = {}
        got = nullspace_pencil(sub, info=info)
    assert _same(got[0], ref[0])
    assert info["scaling"]["used"] == any(x != 1 for x in s)


@pytest.mark.parametrize("box", [4, 0])
@pytest.mark.parametrize("s", [(2, 2, 2), (Fraction(1, 6), 3, Fraction(1, 2)), (1, Fraction(1, 9), 1)])
def test_forced_scalings_of_a_chain_block_give_the_same_vector(s, box):
    """box 0: the build tables per distinct exponent row instead of per point of the exponent box."""
    pencil = importlib.import_module(PENCIL)
    sub = _trace_block(_chain(3, sp.Rational(1, 3)))
    ref = nullspace_pencil(sub, scaling=False)
    s = tuple(Fraction(x) for x in s)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(importlib.import_module(PENCIL + "_build"), "_BOX_FACTOR", box)
        mp.setattr(pencil, "choose_scaling", lambda pm, rows: Scaling(s, 0.0, 0.0))
        info = {}
        got = nullspace_pencil(sub, info=info)
    assert info["scaling"]["used"] and sub.ncols > 10
    assert _same(got[0], ref[0])


def test_lines_at_zero_and_shifted_lines_give_the_same_vector():
    """The pencil lines run at v = 0 (no Taylor shift) when the bordered matrix is invertible there;
    forcing the random shift on every line gives the same certified vector."""
    primes = importlib.import_module(PENCIL + "_primes")
    sub = _trace_block(_chain(3, sp.Rational(1, 3)))
    info = {}
    ref = nullspace_pencil(sub, info=info)
    assert info["lines_at_zero"] is True
    real = primes._nodes
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(primes, "_nodes", lambda spec, p, attempt=0: real({**spec, "shift0": False}, p, attempt))
        got = nullspace_pencil(sub)
    assert _same(got[0], ref[0])
    nodes = real({**_spec_stub(), "shift0": True}, 101)
    assert nodes[2] == 0 and real({**_spec_stub(), "shift0": False}, 101)[2] != 0


def _spec_stub() -> dict:
    return {"seed": 1, "caps": [2], "Do": 2, "weights": [1]}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10 ** 6), a=st.integers(-2, 2), b=st.integers(-1, 1))
def test_scaled_matrix_null_vector_is_x_at_the_scaled_point(seed, a, b):
    """y(p) is proportional to x(s p) as polynomials, for the scaled matrix of the module."""
    model = random_qubit_model(seed, 2, 2, p_symbol=0.6, p_reset=0.5)
    sub = _trace_block(model)
    s = [Fraction(2) ** a * Fraction(3) ** b] + [Fraction(1)] * (len(sub.gens) - 1)
    try:
        (x,) = nullspace_pencil(sub, scaling=False)
        (y,) = nullspace_pencil(scaled_matrix(sub, s), scaling=False)
    except PencilNotApplicable:
        return
    # y(p) ~ x(n p / d)  <=>  y(d p) ~ x(n p): integral substitutions, cross products in fmpz_mpoly
    gens = sub.ctx.gens()
    X = [e.compose(*[f.numerator * g for f, g in zip(s, gens)]) for e in x]
    Y = [e.compose(*[f.denominator * g for f, g in zip(s, gens)]) for e in y]
    i0 = next(i for i, e in enumerate(Y) if not e.is_zero())
    assert not X[i0].is_zero()
    assert all((X[i] * Y[i0] - Y[i] * X[i0]).is_zero() for i in range(len(Y)))


def test_fixed_energy_scale_uses_scaling_same_state():
    m = _chain(3, sp.Rational(1, 3))
    on = steady_state(m)
    off = steady_state(m, reductions=("homogeneity", "prime_check"))
    rep = on.reconstruction["scaling"]
    assert rep["used"] and rep["scales"] == {"g": "1/3", "gamma": "1/3", "r": "2/3"}
    assert "Leibniz coefficient bound" in rep["why"]
    assert off.reconstruction["scaling"] == {"used": False, "why": "disabled (not in reductions)"}
    # the same certified vector, and the state equals the numeric null space
    assert exact_nullspace(m) == exact_nullspace(m, reductions=("homogeneity", "prime_check"))
    rng = np.random.default_rng(3)
    vals = {p.name: float(rng.uniform(0.3, 2.0)) for p in m.parameters}
    got = on.expectations_at(vals)
    num = steady_state(m, vals, method="numeric").rho
    for lab in pauli_labels(m.n):
        ref = float(np.trace(pauli_string(lab, numeric=True) @ num).real)
        assert abs(got.get(lab, 0.0) - ref) < 1e-12


def test_nothing_to_gain_is_not_scaled():
    a, b = sp.symbols("a b", positive=True)
    m = _chain(2, sp.Rational(1, 3))
    rep = steady_state(m).reconstruction["scaling"]
    assert not rep["used"] and "by 16 bits or more" in rep["why"]
    pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
    info = {}
    nullspace_pencil(pm, info=info)
    assert info["scaling"]["used"] is False and info["scaling"]["bound_bits"][0] == info["scaling"]["bound_bits"][1]


def test_chosen_scaling_lowers_the_bound_of_the_readme_type_chain():
    sub = _trace_block(_chain(3, sp.Rational(1, 3)))
    rows = sorted(sub.rows)
    sc = choose_scaling(sub, rows)
    assert sc.used and sc.after_bits <= sc.before_bits - 16
    # the bound is that of the scaled matrix's primitive rows (recomputed independently here)
    sm = scaled_matrix(sub, sc.scales)
    bits = sum(np.log2(float(sum(abs(int(c)) for e in sm.rows[i].values() for c in e.coeffs()))) for i in rows)
    assert abs(bits - sc.after_bits) < 1e-9


def test_wrong_restoration_is_caught_by_the_certificate(monkeypatch):
    pencil = importlib.import_module(PENCIL)  # fault injection: restore with the inverse scales
    sub = _trace_block(_chain(3, sp.Rational(1, 3)))
    ref = nullspace_pencil(sub, scaling=False)
    build = importlib.import_module(PENCIL + "_build")
    real = build.restore_factors
    monkeypatch.setattr(build, "restore_factors", lambda s, top: real([1 / x for x in s], top))
    certs = []
    count_certificates(monkeypatch, pencil, certs)
    try:
        got = nullspace_pencil(sub)
    except CheckFailedError:
        got = None
    assert "rejected" in certs and "certified" not in certs
    assert got is None or _same(got[0], ref[0])


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])


@pytest.mark.parametrize("field, base", [(sp.Rational(1, 5), 5), (sp.Rational(2, 7), 7)])
def test_other_small_primes_of_the_coefficients_are_scaling_bases(field, base):
    """A field 1/5 (2/7) puts 5 (7) into the cleared rows: the scaling uses it, one prime instead of
    two, the same certified vector."""
    sub = _trace_block(_chain(3, field))
    sc = choose_scaling(sub, sorted(sub.rows))
    assert sc.used and all(x.denominator % base == 0 for x in sc.scales)
    on, off = {}, {}
    a = nullspace_pencil(sub, info=on, resume=False)
    b = nullspace_pencil(sub, info=off, resume=False, scaling=False)
    assert _same(a[0], b[0]) and on["primes"] < off["primes"]
