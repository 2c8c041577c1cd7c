"""The library sweep on models built in Python (no catalogue, no file): the closed form on the grid
equals the numeric null space, batched and per-point points equal `evaluate`, non-unique points are
reported (never a value), the qubit number of a permutation model can be an axis, and bad input is a
one-line ParameterError. Also the Liouvillian gap as a library quantity, and the rank-drop locus of
the exact steady state including parameter zeros that remove a whole row of the generator."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.core import Jump, Model, Reset, kron, liouvillian_numeric, projector, sigma_minus, sigma_x, \
    sigma_z, steady_state
from symbolic_ness.engines import PermutationModel, evaluate, sweep

g, r, k, h = sp.symbols("g r kappa h", positive=True)
gam = sp.Symbol("gamma", nonnegative=True)


def _reset_pair():
    """H = g Z0 Z1, dephasing gamma/2 on both qubits, reset to |+> at rate r on both."""
    return Model(2, g * kron(sigma_z(), sigma_z()),
                 jumps=[Jump(kron(sigma_z(), sp.eye(2)), gam / 2), Jump(kron(sp.eye(2), sigma_z()), gam / 2)],
                 resets=[Reset(q, projector("+"), r) for q in (0, 1)])


def _numeric_negativity(model, values):
    from symbolic_ness.core import negativity
    ss = steady_state(model, values, method="numeric")
    assert ss.unique
    return float(negativity(np.asarray(ss.rho, dtype=complex), [0], 2))


def test_closed_form_on_the_grid_equals_the_numeric_null_space():
    m = _reset_pair()
    rng = np.random.default_rng(7)
    gs, rs = np.sort(rng.uniform(0.2, 6, 3)), np.sort(rng.uniform(0.2, 6, 3))
    ds = sweep(m, "negativity", {"g": gs, "r": rs}, fixed={"gamma": 1})
    assert ds.attrs["evaluator"].startswith("closed form") and ds.attrs["failed_points"] == 0
    for i, gv in enumerate(gs):
        for j, rv in enumerate(rs):
            ref = _numeric_negativity(m, {"g": gv, "r": rv, "gamma": 1.0})
            assert abs(float(ds["negativity"].values[i, j]) - ref) < 1e-9


def test_the_rank_drop_locus_is_evaluated_point_by_point_and_reported_not_unique():
    """At r = 0 the resets vanish and every Z-diagonal state is steady (null-space dimension 4):
    r divides whole rows of the generator, so it is part of the rank-drop locus."""
    m = _reset_pair()
    ss = steady_state(m.subs({gam: 1}), method="exact")
    assert r in ss.rank_drop
    assert steady_state(m, {"g": 1.3, "r": 0, "gamma": 1}, method="numeric").nullity == 4
    ds = sweep(m, "purity", {"r": [0.0, 2.0]}, fixed={"g": 1, "gamma": 1})
    msg = str(ds.status_message.values[int(ds.status.values[0])])
    assert np.isnan(ds["purity"].values[0]) and msg.startswith("NonUniqueSteadyStateError") and "4" in msg
    ref = steady_state(m, {"g": 1.0, "r": 2.0, "gamma": 1.0}, method="numeric").rho
    rho = np.asarray(ref, dtype=complex)
    assert abs(float(ds["purity"].values[1]) - np.trace(rho @ rho).real) < 1e-10


def test_rank_drop_finds_every_parameter_zero_with_a_larger_null_space():
    """For each parameter p of three small models: if the numeric nullity at p = 0 (others random)
    exceeds 1, p is a factor of the rank-drop locus of the exact steady state."""
    models = [_reset_pair().subs({gam: 1}),
              Model(1, h * sigma_x(), [Jump(sigma_minus(), k)]),
              Model(2, g * (kron(sigma_x(), sigma_x())), [Jump(kron(sigma_minus(), sp.eye(2)), k)],
                    resets=[Reset(1, projector("0"), r)])]
    rng = np.random.default_rng(3)
    for m in models:
        ss = steady_state(m, method="exact")
        assert ss.unique
        for p in m.parameters:
            vals = {q.name: float(rng.uniform(0.5, 2)) for q in m.parameters}
            vals[p.name] = 0.0
            if steady_state(m, vals, method="numeric").nullity > 1:
                assert any(sp.simplify(f - p) == 0 for f in ss.rank_drop), (m, p, ss.rank_drop)


def test_batched_and_per_point_sweeps_equal_evaluate():
    m = Model(1, h * sigma_x(), [Jump(sigma_minus(), k)])
    ks = [0.5, 1.0, 3.0]
    ds = sweep(m, "expectation", {"kappa": ks}, fixed={"h": 0.7}, op="Z0", method="numeric")
    assert ds.attrs["evaluator"].startswith("batched in process")
    for j, kv in enumerate(ks):
        ref = evaluate(m, "expectation", {"h": 0.7, "kappa": kv}, "numeric", op="Z0").value
        assert abs(float(ds["expectation"].values[j]) - float(ref)) < 1e-12
        # resonance fluorescence: <Z> = -kappa^2 / (kappa^2 + 8 h^2)
        assert abs(float(ds["expectation"].values[j]) + kv ** 2 / (kv ** 2 + 8 * 0.49)) < 1e-9
    # per point: an entropy (not batched), equal to evaluate at each point
    ds = sweep(m, "entropy", {"kappa": ks}, fixed={"h": 0.7})
    assert ds.attrs["evaluator"].startswith("per point") and "nullity" in ds
    for j, kv in enumerate(ks):
        ref = evaluate(m, "entropy", {"h": 0.7, "kappa": kv}).value
        assert abs(float(ds["entropy"].values[j]) - float(ref)) < 1e-12


def test_permutation_model_with_the_qubit_number_as_an_axis():
    one = Model(1, h * sigma_x(), [Jump(sigma_minus(), k)])
    pm = PermutationModel(one)
    ds = sweep(pm, "purity", {"N": [2, 3, 4]}, fixed={"h": 0.4, "kappa": 1.0})
    for j, N in enumerate((2, 3, 4)):
        # independent qubits: purity of the product state = (single-qubit purity)^N
        rho1 = np.asarray(steady_state(one, {"h": 0.4, "kappa": 1.0}, method="numeric").rho, dtype=complex)
        assert abs(float(ds["purity"].values[j]) - np.trace(rho1 @ rho1).real ** N) < 1e-10


def test_liouvillian_gap_is_a_library_quantity():
    m = Model(1, h * sigma_x(), [Jump(sigma_minus(), k)])
    res = evaluate(m, "liouvillian-gap", {"h": 0.3, "kappa": 1.0})
    ev = np.linalg.eigvals(liouvillian_numeric(m, {h: 0.3, k: 1.0}).toarray())
    ref = -max(z.real for z in ev if abs(z) > 1e-9)
    assert res.method == "numeric" and abs(res.value - ref) < 1e-10
    tau = evaluate(m, "relaxation-time", {"h": 0.3, "kappa": 1.0}).value
    assert abs(tau * ref - 1) < 1e-10


@pytest.mark.parametrize("kwargs, key", [
    ({"grid": {"nope": [1.0]}}, "--grid"),
    ({"grid": {"h": [1.0]}, "fixed": {"h": 1.0, "kappa": 1.0}}, "--set"),
    ({"grid": {"h": [1.0]}, "quantity": "spectrum"}, "quantity"),
    ({"grid": {"h": [1.0]}, "method": "magic"}, "method"),
    ({"grid": {"h": "0:1:0"}}, "--grid"),
])
def test_bad_input_is_one_parameter_error(kwargs, key):
    m = Model(1, h * sigma_x(), [Jump(sigma_minus(), k)])
    args = {"quantity": "purity", "fixed": {"kappa": 1.0}, **kwargs}
    with pytest.raises(ParameterError) as exc:
        sweep(m, args.pop("quantity"), args.pop("grid"), **args)
    assert exc.value.name == key and "\n" not in str(exc.value)
