"""Sweeps pinned across the move of the sweep driver into the library (issue 20): every case of
``_sweep_cases.py`` (catalogue closed form and per point, model files closed form / batched /
per point / gap, symmetric files with N fixed and as an axis) gives the recorded values, statuses,
methods and evaluator. Recorded before the move; re-recorded once for two deliberate fixes: a
closed form is not used on the rank-drop locus of the steady state (``hdb_reset_ising.toml`` at
r = 0 is not unique: those points are now non-unique instead of the r -> 0 limit of the closed
form), and a numeric expectation of a model file now runs batched."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from _sweep_cases import CASES, DATA, run

PINS = json.loads(DATA.read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_sweep_equals_its_pin(name):
    got, pin = run(name), PINS[name]
    assert got["dims"] == pin["dims"]
    for a, b in zip(got["values"], pin["values"], strict=True):
        assert (a is None) == (b is None)
        if a is not None:
            assert abs(a - b) <= 1e-12 * max(1.0, abs(b))
            assert not (a == 0 and math.copysign(1.0, a) < 0), "a value printed as -0.0"
    assert got["status"] == pin["status"] and got["method"] == pin["method"]
    assert got["evaluator"].split(" (")[0].split(":")[0] == pin["evaluator"].split(" (")[0].split(":")[0]
    assert got.get("nullity") == pin.get("nullity")


def test_closed_form_sweep_marks_the_rank_drop_locus_not_unique():
    """HDB reset model: the exact steady state over Q(g, r) holds for r != 0 only (r = 0: every
    Z-diagonal state is steady, null-space dimension 4). The closed-form sweep evaluates r = 0
    point by point and reports it non-unique; r > 0 equals the closed form."""
    got = run("file-closed-form-purity")
    assert got["status"][0].startswith("NonUniqueSteadyStateError") and "dimension 4" in got["status"][0]
    assert got["values"][0] is None and got["method"][1:] == ["exact (closed form)"] * 2
    from symbolic_ness import load_model
    from symbolic_ness.core import steady_state
    from _sweep_cases import EX
    m = load_model(EX / "hdb_reset_ising.toml")
    for k, r in ((1, 1.0), (2, 4.0)):  # the closed form equals the numeric null space at r > 0
        ss = steady_state(m, {"g": 2.0, "gamma": 1.0, "r": r}, method="numeric")
        rho = np.asarray(ss.rho, dtype=complex)
        assert ss.unique and abs(got["values"][k] - np.trace(rho @ rho).real) < 1e-10
