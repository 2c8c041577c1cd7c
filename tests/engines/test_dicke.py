"""The Dicke (j, m, m') numeric path: its generator against the full 4^N Liouvillian on explicit
Dicke operators (N <= 4), its steady states against the count-coordinate engine (N <= 10) and
QuTiP full Liouvillians (N <= 6) at 1e-9 on every solver route (charge blocks, real gauge,
complex), against qutip.piqs at N = 20, the total-spin-sector nullity, the engine rule and the
size refusal."""
from __future__ import annotations

import numpy as np
import pytest
import qutip
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbolic_ness import ParameterError, SizeLimitError
from symbolic_ness.core import Jump, Model, Reset, kron, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
from symbolic_ness.engines import (DICKE_MAX_N, PermutationModel, clebsch_half, collective_emission, dicke_blocks,
                                   dicke_generator, dicke_steady_state, evaluate, multiplicity, permutation_marginal,
                                   permutation_purity, permutation_reduced_state, permutation_steady_state,
                                   spin_moments, spin_squeezing)

from .test_collective import _piqs_purity, _piqs_state, _site, qutip_full_state, random_model

R = sp.Rational


def laser_model(seed: int) -> PermutationModel:
    """U(1)-symmetric: collective decay, local pumping, dephasing, a field along z and chi Z Z."""
    rng = np.random.default_rng(seed)
    pos = lambda: R(int(rng.integers(1, 30)), 10)  # noqa: E731
    one = Model(1, pos() * sigma_z(), jumps=[Jump(sigma_plus(), pos()), Jump(sigma_z(), pos()),
                                             Jump(sigma_minus(), pos())])
    return PermutationModel(one, Model(2, pos() * kron(sigma_z(), sigma_z())), (Jump(sigma_minus(), pos()),))


def driven_model(seed: int) -> PermutationModel:
    """Real gauge: H = W J_x (+ a drive along y after a gauge rotation), real jumps, a reset."""
    rng = np.random.default_rng(seed)
    pos = lambda: R(int(rng.integers(1, 30)), 10)  # noqa: E731
    W = pos()
    one = Model(1, W * (sigma_x() + sigma_y()) / 2, jumps=[Jump(sigma_minus(), pos()), Jump(sigma_z(), pos())],
                resets=[Reset(0, sp.diag(R(1, 3), R(2, 3)), pos())])
    return PermutationModel(one, Model(2, pos() * (kron(sigma_x(), sigma_x()) + kron(sigma_y(), sigma_y()))),
                            (Jump(sigma_minus(), pos()),))


MODELS = {"complex": random_model, "charge": laser_model, "gauge": driven_model}
ROUTE = {"complex": "complex sparse LU", "charge": "charge blocks", "gauge": "real gauge"}


def _dicke_operators(N: int) -> dict:
    """E^j_{mm'} = sum_alpha |j m alpha><j m' alpha| on the 2^N space, from the projectors of J^2
    and J_z and the normalised ladder J_-."""
    Jm = sum(_site(sigma_minus(), i, N) for i in range(N)).full()
    Jz = sum(_site(sigma_z(), i, N) for i in range(N)).full() / 2
    J2 = Jm.conj().T @ Jm + Jz @ Jz - Jz
    w2, V2 = np.linalg.eigh(J2)
    wz, Vz = np.linalg.eigh(Jz)
    out = {}
    for j2, _, s in dicke_blocks(N):
        j = j2 / 2
        P = V2[:, np.abs(w2 - j * (j + 1)) < 1e-6]
        Q = Vz[:, np.abs(wz - j) < 1e-6]
        top = (P @ P.conj().T) @ (Q @ Q.conj().T)

        def low(k):
            M, c = np.eye(2 ** N), 1.0
            for i in range(k):
                m = j - i
                M, c = Jm @ M, c * np.sqrt(j * (j + 1) - m * (m - 1))
            return M / c
        for k in range(s):
            for k2 in range(s):
                out[(j2, k, k2)] = low(k) @ top @ low(k2).conj().T
    return out


def _full_liouvillian(pm, N):
    from .test_collective import _pair
    H = sum(_site(pm.one_site.hamiltonian, i, N) for i in range(N))
    if pm.two_site is not None:
        H = H + sum(_pair(pm.two_site.hamiltonian, i, j, N) for i in range(N) for j in range(i + 1, N))
    c_ops = [np.sqrt(float(j.rate)) * _site(j.operator, i, N) for j in pm.one_site.jumps for i in range(N)]
    c_ops += [np.sqrt(float(c.rate)) * sum(_site(c.operator, i, N) for i in range(N)) for c in pm.collective]
    L = qutip.liouvillian(H, c_ops).full()
    for r in pm.one_site.resets:  # r (tr_i(rho) (x) state_i - rho) on every site
        st = np.array(sp.Matrix(r.state).evalf(), dtype=complex)
        for i in range(N):
            for k in range(2):
                for x in range(2):
                    for y in range(2):
                        ex = np.zeros((2, 2)); ex[x, k] = 1
                        ey = np.zeros((2, 2)); ey[y, k] = 1
                        A, B = _site(ex, i, N).full(), _site(ey, i, N).full()
                        L += float(r.rate) * st[x, y] * np.kron(B.conj(), A)
            L -= float(r.rate) * np.eye(4 ** N)
    return L


@pytest.mark.parametrize("N,kind,seed", [(2, "complex", 1), (3, "gauge", 2), (4, "complex", 3), (4, "charge", 4)])
def test_generator_against_full_liouvillian_on_dicke_operators(N, kind, seed):
    """L(E^j_{mm'}/d_j) = sum G[(J,n,n'),(j,m,m')] E^J_{nn'}/d_J for every element: every
    coefficient of the derived generator, local sandwiches included, checked."""
    pm = MODELS[kind](seed)
    G = dicke_generator(pm, N).toarray()
    E = _dicke_operators(N)
    L = _full_liouvillian(pm, N)
    basis = [(j2, k, k2, off + k * s + k2) for j2, off, s in dicke_blocks(N) for k in range(s) for k2 in range(s)]
    d = 2 ** N
    for j2, k, k2, col in basis:
        out = (L @ (E[(j2, k, k2)] / multiplicity(N, j2)).reshape(-1, order="F")).reshape(d, d, order="F")
        ref = sum(G[row, col] * E[(a, b, c)] / multiplicity(N, a) for a, b, c, row in basis)
        assert np.abs(out - ref).max() < 1e-11


def test_clebsch_gordan_against_sympy():
    from sympy.physics.quantum.cg import CG
    for j12 in range(0, 5):
        for mu2 in range(-j12, j12 + 1, 2):
            for t in (0, 1):
                for J2 in (j12 - 1, j12 + 1):
                    if J2 < 0:
                        continue
                    t2 = 1 if t == 0 else -1
                    ref = CG(R(j12, 2), R(mu2, 2), R(1, 2), R(t2, 2), R(J2, 2), R(mu2 + t2, 2)).doit()
                    assert abs(float(clebsch_half(j12, mu2, t, J2)) - float(ref)) < 1e-14


def _compare(ss, ref, N):
    m1, s1 = spin_moments(ss)
    m2, s2 = spin_moments(ref)
    assert np.abs(m1 - m2).max() < 1e-9 * N and np.abs(s1 - s2).max() < 1e-9 * N * N
    assert abs(collective_emission(ss) - collective_emission(ref)) < 1e-9 * N * N
    assert abs(permutation_purity(ss) - permutation_purity(ref)) < 1e-9
    assert np.abs(permutation_reduced_state(ss, 2) - permutation_reduced_state(ref, 2)).max() < 1e-9
    assert np.abs(permutation_marginal(ss, 1).x - permutation_marginal(ref, 1).x).max() < 1e-9


@pytest.mark.parametrize("N,kind,seed", [(5, "complex", 5), (10, "complex", 6), (9, "charge", 7), (10, "gauge", 8),
                                         (7, "gauge", 9)])
def test_against_count_coordinates(N, kind, seed):
    pm = MODELS[kind](seed)
    ss = dicke_steady_state(pm, N)
    assert ss.unique and ss.method == "dicke" and any(ROUTE[kind] in a for a in ss.assumptions)
    _compare(ss, permutation_steady_state(pm, N, method="numeric"), N)


@pytest.mark.parametrize("N,kind,seed", [(3, "complex", 10), (4, "gauge", 11), (6, "charge", 12)])
def test_against_qutip_full(N, kind, seed):
    pm = MODELS[kind](seed)
    ss = dicke_steady_state(pm, N)
    if pm.one_site.resets:  # qutip_full_state has no resets: compare with the full Liouvillian's null vector
        L = _full_liouvillian(pm, N)
        w, V = np.linalg.eig(L)
        v = V[:, np.argmin(np.abs(w))].reshape(2 ** N, 2 ** N, order="F")
        rho = v / np.trace(v)
    else:
        rho = qutip_full_state(pm, N)
    J = [sum(_site(P, i, N) for i in range(N)).full() / 2 for P in (sigma_x(), sigma_y(), sigma_z())]
    mean, second = ss.spin_moments()
    for a in range(3):
        assert abs(mean[a] - np.trace(rho @ J[a]).real) < 1e-9
        for b in range(3):
            assert abs(second[a, b] - np.trace(rho @ (J[a] @ J[b] + J[b] @ J[a])).real / 2) < 1e-9
    assert abs(ss.purity() - np.trace(rho @ rho).real) < 1e-9
    Jm = sum(_site(sigma_minus(), i, N) for i in range(N)).full()
    assert abs(ss.collective_emission() - np.trace(rho @ Jm.conj().T @ Jm).real) < 1e-9


@pytest.mark.parametrize("N", [4, 7, 12])
def test_collective_only_nullity_is_number_of_spin_sectors(N):
    """Collective decay and drive (real gauge) and collective decay alone (charge blocks)."""
    for H in (R(3, 2) * sigma_x() / 2, R(1, 3) * sigma_z()):
        pm = PermutationModel(Model(1, H), None, (Jump(sigma_minus(), 1), Jump(sigma_z(), R(1, 3))))
        ss = dicke_steady_state(pm, N)
        assert not ss.unique and ss.nullity == N // 2 + 1 and ss.blocks is None


def test_against_piqs_N20():
    """All six PIQS channels and H = w J_z + W J_x (the complex route: the detuning breaks the real
    gauge). Agreement 1e-9 with the count-coordinate engine (both double precision), and with PIQS
    to 1e-7 (measured 1.7e-8 on the block entries): PIQS's Cython Dicke class declares its rates and coefficients ``cdef float``
    (single precision, eps 6e-8), e.g. 7.725 is stored as 7.724999904632568."""
    from qutip import piqs
    N = 20
    rng = np.random.default_rng(13)
    r = {k: R(int(rng.integers(1, 20)), 10) for k in ("emission", "dephasing", "pumping", "collective_emission",
                                                     "collective_dephasing", "collective_pumping")}
    w, W = R(int(rng.integers(-9, 10)), 7), R(int(rng.integers(1, 20)), 7)
    jx, jy, jz = piqs.jspin(N)
    rho = _piqs_state(N, float(w) * jz + float(W) * jx, {k: float(v) for k, v in r.items()})
    one = Model(1, w * sigma_z() / 2 + W * sigma_x() / 2,
                jumps=[Jump(sigma_minus(), r["emission"]), Jump(sigma_z(), r["dephasing"] / 4),
                       Jump(sigma_plus(), r["pumping"])])
    pm = PermutationModel(one, None, (Jump(sigma_minus(), r["collective_emission"]),
                                      Jump(sigma_z() / 2, r["collective_dephasing"]),
                                      Jump(sigma_plus(), r["collective_pumping"])))
    ss = dicke_steady_state(pm, N)
    assert ss.unique and any("complex" in a for a in ss.assumptions)
    _compare(ss, permutation_steady_state(pm, N, method="numeric"), N)
    mean, second = spin_moments(ss)
    ops = [jx.full(), jy.full(), jz.full()]
    for a in range(3):
        assert abs(mean[a] - np.trace(rho @ ops[a]).real) < 1e-7 * N
        for b in range(3):
            ref = np.trace(rho @ (ops[a] @ ops[b] + ops[b] @ ops[a])).real / 2
            assert abs(second[a, b] - ref) < 1e-7 * N * N
    jm = piqs.jspin(N, "-").full()
    assert abs(collective_emission(ss) - np.trace(rho @ jm.conj().T @ jm).real) < 1e-7 * N * N
    assert abs(permutation_purity(ss) - _piqs_purity(rho, N)) < 1e-7
    # the blocks themselves: PIQS's per-copy block times the multiplicity is our weight u_j
    off = 0
    for (j2, _, s), u in zip(dicke_blocks(N), ss.blocks):
        assert np.abs(rho[off:off + s, off:off + s] - u).max() < 1e-7
        off += s


def test_engine_rule_reports_dicke_and_refuses_beyond_the_limit():
    from symbolic_ness.engines import read_model_file
    from pathlib import Path
    crf = read_model_file(Path(__file__).resolve().parents[2] / "examples" / "cooperative_resonance_fluorescence.toml")
    pm = crf.permutation_model(30)
    vals = {"Omega": 4, "kappa": 1, "gamma": R(1, 5)}
    res = evaluate(pm, "emission-rate", vals, N=30)
    assert res.method == "permutation-dicke" and "Dicke" in res.reason and res.residual < 1e-9
    ref = collective_emission(permutation_steady_state(pm, 30, vals, method="numeric"))
    assert abs(res.value - ref) < 1e-8 * 900
    xi = evaluate(pm, "spin-squeezing", vals, N=30)
    assert xi.method == "permutation-dicke"
    assert abs(xi.value - spin_squeezing(permutation_steady_state(pm, 30, vals, method="numeric"))) < 1e-8
    assert evaluate(pm, "emission-rate", vals, N=12).method == "permutation-numeric"  # small N: count coordinates
    with pytest.raises(SizeLimitError, match=f"N <= {DICKE_MAX_N}"):
        dicke_steady_state(pm, DICKE_MAX_N + 1, vals)
    with pytest.raises(ParameterError, match="k <= 2"):
        permutation_reduced_state(dicke_steady_state(pm, 30, vals), 3)


def test_resolved_values_keep_the_rate_check():
    """Values already resolved to model symbols (as evaluate passes them) skip the sympy substitution,
    but a negative rate is still the one-line error naming it."""
    w = sp.Symbol("w", nonnegative=True)
    one = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_plus(), w)])
    pmw = PermutationModel(one, None, (Jump(sigma_minus(), 1),))
    assert dicke_steady_state(pmw, 6, {w: sp.Integer(2)}).unique
    with pytest.raises(ParameterError, match="w"):
        dicke_steady_state(pmw, 6, {w: sp.Integer(-2)})


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10 ** 6), N=st.integers(2, 6), kind=st.sampled_from(sorted(MODELS)))
def test_property_random_models_agree_with_count_coordinates(seed, N, kind):
    """Random symmetric models on every route: the same nullity as the count coordinates and, when
    unique, the same moments, purity and pair state."""
    pm = MODELS[kind](seed)
    ss = dicke_steady_state(pm, N)
    ref = permutation_steady_state(pm, N, method="numeric")
    assert ss.unique == ref.unique and ss.nullity == ref.nullity
    if ss.unique:
        _compare(ss, ref, N)
