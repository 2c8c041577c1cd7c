"""Numeric uniqueness does not depend on units (issue 22).

The numeric rank decision is made on L / max|L_ij| with a relative tolerance, and a decision in
the grey zone between rounding and the tolerance is confirmed exactly (modular nullity at the
rational point the floats print). Property: the same model at parameters multiplied by 10^k
(k = -12..12) has the same nullity and the same dimensionless values (density matrix,
negativity). Regressions: the cases of the issue, which reported null-space dimensions 4, 16
and 64 for unique steady states.
"""
from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symbolic_ness import Jump, Model, embed, negativity, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z, steady_state
from symbolic_ness.algebra import nullspace_numeric
from symbolic_ness.papers.hdb.two_qubit import model_for

ROOT = Path(__file__).resolve().parents[2]
J, K, G = sp.symbols("J kappa gamma", positive=True)


def chain3() -> Model:
    """XX chain of 3 qubits driven at the ends (decay at 0, pumping at 2), dephasing everywhere."""
    n = 3
    X, Y = [embed(sigma_x(), j, n) for j in range(n)], [embed(sigma_y(), j, n) for j in range(n)]
    H = J * sum((X[j] * X[j + 1] + Y[j] * Y[j + 1] for j in range(n - 1)), sp.zeros(8, 8))
    jumps = [Jump(embed(sigma_minus(), 0, n), K), Jump(embed(sigma_plus(), 2, n), K)]
    jumps += [Jump(embed(sigma_z(), j, n), G) for j in range(n)]
    return Model(n, H, jumps=jumps, name="xx-chain-3")


ISING = model_for("reset-ising", "plus")
CHAIN = chain3()


def _numeric(model, values):
    ss = steady_state(model, values, method="numeric")
    return ss, (None if ss.rho is None else np.asarray(ss.rho, dtype=complex))


def _scaled(values: dict, k: int) -> dict:
    return {name: float(v) * 10.0 ** k for name, v in values.items()}


@given(g=st.floats(0.1, 10), r=st.floats(0.1, 10), gamma=st.floats(0.1, 10), k=st.integers(-12, 12),
       reset_off=st.booleans())
@example(g=2.5, r=10.0, gamma=1.0, k=-12, reset_off=False)
@example(g=1.0, r=1.0, gamma=1.0, k=-12, reset_off=True)
@example(g=0.3, r=0.2, gamma=7.0, k=12, reset_off=False)
def test_two_qubit_nullity_and_values_do_not_depend_on_units(g, r, gamma, k, reset_off):
    p = {"g": g, "r": 0.0 if reset_off else r, "gamma": gamma}
    base, rho = _numeric(ISING, p)
    exact = steady_state(ISING, p, method="exact")  # the oracle: exact nullity at that point
    assert base.nullity == exact.nullity
    ss, rho_k = _numeric(ISING, _scaled(p, k))
    assert ss.nullity == base.nullity and ss.unique == base.unique
    if base.unique:
        assert np.allclose(rho_k, rho, atol=1e-9)
        assert abs(float(negativity(rho_k, [0], 2)) - float(negativity(rho, [0], 2))) <= 1e-9


@given(j=st.floats(0.2, 5), kappa=st.floats(0.2, 5), gamma=st.floats(0.0, 5), k=st.integers(-12, 12))
@example(j=1.0, kappa=2.0, gamma=0.5, k=-12)
@example(j=1.0, kappa=0.3, gamma=0.0, k=12)
def test_three_qubit_chain_nullity_and_values_do_not_depend_on_units(j, kappa, gamma, k):
    p = {"J": j, "kappa": kappa, "gamma": gamma}
    base, rho = _numeric(CHAIN, p)
    ss, rho_k = _numeric(CHAIN, _scaled(p, k))
    assert base.unique and ss.nullity == 1, ss.assumptions
    assert np.allclose(rho_k, rho, atol=1e-9)


# ------------------------------------------------------------------ the cases
def test_reset_ising_at_rates_1e6_and_1e_minus_6_is_unique():
    """g = 1, r = 1e-6, gamma = 1e6: singular values 1e-12 sigma_max next to rounding at 1e-17
    (the old absolute-ish cutoff said nullity 4); the grey zone is confirmed exactly."""
    p = {"g": 1.0, "r": 1e-6, "gamma": 1e6}
    ss, rho = _numeric(ISING, p)
    assert ss.unique and ss.nullity == 1
    assert any("confirmed exactly" in a for a in ss.assumptions)
    exact = steady_state(ISING, p, method="exact")
    assert exact.unique
    rho_x = np.array(sp.N(exact.rho, 30), dtype=complex)
    # the condition number is ~1e12: the numeric state is accurate to ~eps * 1e12, not to 1e-9
    assert np.allclose(rho, rho_x, atol=1e-4)
    assert abs(float(negativity(rho, [0], 2)) - float(negativity(exact.rho, [0], 2))) <= 1e-9


def test_the_3_88_point_rescaled_by_1e_minus_12():
    ss, rho = _numeric(ISING, {"g": 2.5e-12, "r": 1e-11, "gamma": 1e-12})
    assert ss.unique
    assert float(negativity(rho, [0], 2)) == pytest.approx(float(Fraction(3, 88)), abs=1e-10)


def test_three_qubit_chain_at_1e_minus_12_is_unique():
    ss, _ = _numeric(CHAIN, {"J": 1e-12, "kappa": 2e-12, "gamma": 5e-13})
    assert ss.unique and ss.nullity == 1


def test_cli_model_file_numeric_at_extreme_rates_is_unique():
    env = dict(os.environ)
    res = subprocess.run([sys.executable, "-m", "symbolic_ness", "evaluate", str(ROOT / "examples" / "hdb_reset_ising.toml"),
                          "negativity", "--set", "g=1", "--set", "r=1e-6", "--set", "gamma=1e6", "--method", "numeric"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert abs(float(res.stdout.split()[-1])) <= 1e-9  # exact: N = 0 at that point


# ------------------------------------------------------------------ the kernel
def test_nullspace_numeric_is_relative_and_confirms_the_grey_zone():
    A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    for c in (1e-14, 1.0, 1e14):
        assert nullspace_numeric(c * A)[0].shape == (2, 1)
    B = np.diag([1.0, 1e-13, 0.0])  # 1e-13: below the tolerance but far above rounding
    assert nullspace_numeric(B)[0].shape[1] == 2  # numeric verdict without a confirmation
    v, _ = nullspace_numeric(B, confirm=lambda: 1)
    assert v.shape[1] == 1 and abs(abs(v[2, 0]) - 1) < 1e-12
    calls = []
    nullspace_numeric(np.diag([1.0, 0.5, 0.0]), confirm=lambda: calls.append(1))  # clear: no call
    assert calls == []
