"""The per-point Dicke solve (banded LU, pinned null vector, cached per model structure) against
independent references: the null vector of the dense Dicke generator (SVD), the count
coordinates and QuTiP's full 2^N Liouvillian, at random points of models mixing collective and
local channels on every solver route; values changing between calls on one cached structure;
rates that vanish at the point (collective-only dynamics: one steady state per total spin,
reported, never picked); a state with almost no population where the pin looks first."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symbolic_ness.core import Jump, Model, sigma_minus, sigma_plus, sigma_x, sigma_z
from symbolic_ness.engines import (PermutationModel, dicke_blocks, dicke_generator,
                                   dicke_steady_state, evaluate, permutation_steady_state)

from .test_collective import qutip_full_state, random_model
from .test_dicke import _compare, driven_model, laser_model

R = sp.Rational
W, DELTA = sp.symbols("Omega delta", real=True)
KAPPA, GAMMA, PUMP, PHI = sp.symbols("kappa gamma w phi", nonnegative=True)


def mixed(W=W, delta=DELTA, kappa=KAPPA, gamma=GAMMA, w=PUMP, phi=PHI) -> PermutationModel:
    """Drive and detuning, local decay, pumping and dephasing, collective decay."""
    one = Model(1, W * sigma_x() / 2 + delta * sigma_z() / 2,
                jumps=[Jump(sigma_minus(), gamma), Jump(sigma_plus(), w), Jump(sigma_z(), phi)])
    return PermutationModel(one, None, (Jump(sigma_minus(), kappa),))


def random_point(rng, route: str) -> dict:
    """Rational values; ``route`` picks the solver: detuning and drive (complex), drive only (real
    gauge), no drive (charge blocks)."""
    v = {n: R(int(rng.integers(1, 40)), 10) for n in ("kappa", "gamma", "w", "phi")}
    v["Omega"] = R(int(rng.integers(1, 60)), 10) if route != "charge" else 0
    v["delta"] = R(int(rng.integers(-30, 30)), 10) or R(1, 7) if route == "complex" else 0
    return v


def dense_reference(pm, N, values=None) -> tuple:
    """``(weights, singular values)``: the null vector of the dense generator, trace 1."""
    G = dicke_generator(pm, N, values).toarray()
    _, s, Vh = np.linalg.svd(G)
    v = Vh[-1].conj()
    tr = sum(v[off + k * size + k] for _, off, size in dicke_blocks(N) for k in range(size))
    return v / tr, s


def assert_matches_dense(ss, pm, N, values=None):
    ref, s = dense_reference(pm, N, values)
    assert s[-2] > 1e-6 * s[0]  # the reference itself is unique
    got = np.concatenate([u.ravel() for u in ss.blocks])
    assert np.abs(got - ref).max() < 1e-9
    assert ss.residual < 1e-9


@pytest.mark.parametrize("route,N,seed", [("complex", 9, 1), ("gauge", 11, 2), ("charge", 10, 3), ("gauge", 13, 4)])
def test_random_points_match_the_dense_generator(route, N, seed):
    rng = np.random.default_rng(seed)
    pm = mixed()
    vals = random_point(rng, route)
    ss = dicke_steady_state(pm, N, vals)
    assert ss.unique and ss.nullity == 1
    assert any({"complex": "complex sparse LU", "gauge": "real gauge", "charge": "charge blocks"}[route] in a
               for a in ss.assumptions)
    assert_matches_dense(ss, pm, N, vals)


@pytest.mark.parametrize("kind,N,seed", [("complex", 8, 21), ("charge", 11, 22), ("gauge", 10, 23)])
def test_fixed_models_match_the_dense_generator_and_count_coordinates(kind, N, seed):
    pm = {"complex": random_model, "charge": laser_model, "gauge": driven_model}[kind](seed)
    ss = dicke_steady_state(pm, N)
    assert ss.unique
    assert_matches_dense(ss, pm, N)
    _compare(ss, permutation_steady_state(pm, N, method="numeric"), N)


@pytest.mark.parametrize("route,N,seed", [("complex", 4, 31), ("gauge", 5, 32), ("charge", 4, 33)])
def test_random_points_match_qutip_full_liouvillian(route, N, seed):
    vals = random_point(np.random.default_rng(seed), route)
    numeric = mixed(**{k.lower() if k != "Omega" else "W": v for k, v in vals.items()})
    ss = dicke_steady_state(mixed(), N, vals)
    rho = qutip_full_state(numeric, N)
    Jm = sum(np.kron(np.kron(np.eye(2 ** i), np.array([[0, 0], [1, 0]])), np.eye(2 ** (N - i - 1)))
             for i in range(N))
    assert abs(ss.collective_emission() - np.trace(rho @ Jm.conj().T @ Jm).real) < 1e-9
    assert abs(ss.purity() - np.trace(rho @ rho).real) < 1e-9


def test_values_change_between_calls_on_one_cached_structure():
    """The same model object at several points, one revisited: every call is its own point (no
    state of an earlier call leaks through the per-structure caches)."""
    N = 14
    pm = mixed()
    rng = np.random.default_rng(7)
    points = [random_point(rng, "gauge") for _ in range(3)]
    first = None
    for vals in points + [points[0]]:
        ss = dicke_steady_state(pm, N, vals)
        assert ss.unique
        assert_matches_dense(ss, pm, N, vals)
        got = np.concatenate([u.ravel() for u in ss.blocks])
        if first is None:
            first = got
    assert np.abs(got - first).max() < 1e-12  # the revisited point
    for vals in (points[1], points[2]):  # the library path (N > 12: Dicke) at changing values
        res = evaluate(pm, "emission-rate", vals, N=N)
        assert res.method == "permutation-dicke" and res.unique
        ref, _ = dense_reference(pm, N, vals)
        jpjm = sum(np.sum(ref[off:off + s * s].reshape(s, s).T * _jpjm(N, j2)) for j2, off, s in dicke_blocks(N))
        assert abs(res.value - jpjm.real) < 1e-9 * N * N


def _jpjm(N, j2):
    """J+ J- on the block j = j2 / 2 (m descending), from the ladder formula."""
    s = j2 + 1
    jp = np.zeros((s, s))
    for k in range(1, s):
        j, m = j2 / 2, j2 / 2 - k
        jp[k - 1, k] = np.sqrt(j * (j + 1) - m * (m + 1))
    return jp @ jp.T


@pytest.mark.parametrize("route", ["gauge", "charge"])
def test_a_rate_zero_at_the_point_is_reported_not_picked(route):
    """Local rates 0 at the point on a model that has them: collective decay (and drive) alone
    keep J^2, one steady state per total spin; before and after, the same model at positive
    rates is unique and right."""
    N = 13
    pm = mixed()
    rng = np.random.default_rng(11)
    live = random_point(rng, route)
    dead = dict(live, gamma=0, w=0, phi=0)
    for vals, unique in ((live, True), (dead, False), (live, True)):
        ss = dicke_steady_state(pm, N, vals)
        assert ss.unique is unique
        if unique:
            assert_matches_dense(ss, pm, N, vals)
        else:
            assert ss.nullity == N // 2 + 1 and ss.blocks is None
            _, s = dense_reference(pm, N, vals)
            assert np.sum(s < 1e-9 * s[0]) == N // 2 + 1
    res = evaluate(pm, "emission-rate", dead, N=N)
    assert res.value is None and not res.unique and res.nullity == N // 2 + 1


@pytest.mark.parametrize("route", ["gauge", "charge"])
def test_state_with_tiny_populations_is_still_right(route):
    """Strong local and collective decay, weak drive or pump: the state sits next to |11...1>
    and most diagonal elements carry almost nothing (the pin's window may hold no population:
    then the bordered system solves)."""
    N = 12
    vals = {"kappa": 3, "gamma": 2, "w": R(1, 1000) if route == "charge" else 0, "phi": 0,
            "Omega": R(1, 100) if route == "gauge" else 0, "delta": 0}
    pm = mixed()
    ss = dicke_steady_state(pm, N, vals)
    assert ss.unique
    assert_matches_dense(ss, pm, N, vals)
    mean, _ = ss.spin_moments()
    assert mean[2] < -N / 2 + 1e-2
