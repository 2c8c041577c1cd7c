"""Collective channels L = sum_i o_i in the permutation-invariant engine: against QuTiP full
Liouvillians (N <= 5), against qutip.piqs (N up to 20), the total-spin-sector count of the
null space of collective-only models, the Puri-Lawande form in the limit of no local decay,
and the collective-spin quantities against full density matrices."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import qutip
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbolic_ness import ParameterError
from symbolic_ness.core import Jump, Model, kron, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
from symbolic_ness.engines import (PermutationModel, collective_emission, permutation_density_matrix,
                                   permutation_purity, permutation_steady_state, spin_moments, spin_squeezing)

R = sp.Rational
Q = lambda M: np.array(sp.Matrix(M).evalf(), dtype=complex)  # noqa: E731


def _rand_op(rng):
    return sp.Matrix(2, 2, lambda i, j: R(int(rng.integers(-4, 5)), 3) + sp.I * R(int(rng.integers(-4, 5)), 3))


def random_model(seed: int, local=True):
    """Random one-site H, a random local jump (+ local decay), a random collective jump plus
    collective decay, and a random exchange-symmetric pair Hamiltonian (ZZ and XX + YY)."""
    rng = np.random.default_rng(seed)
    q = lambda: R(int(rng.integers(-9, 10)), int(rng.integers(1, 5)))  # noqa: E731
    pos = lambda: R(int(rng.integers(1, 10)), int(rng.integers(1, 5)))  # noqa: E731
    H1 = q() * sigma_x() + q() * sigma_y() + q() * sigma_z()
    jumps = [Jump(_rand_op(rng), pos()), Jump(sigma_minus(), pos())] if local else []
    H2 = q() * kron(sigma_z(), sigma_z()) + q() * (kron(sigma_x(), sigma_x()) + kron(sigma_y(), sigma_y()))
    coll = (Jump(sigma_minus(), pos()), Jump(_rand_op(rng), pos()))
    return PermutationModel(Model(1, H1, jumps=jumps), Model(2, H2), coll)


def _site(op, i, N):
    return qutip.tensor([qutip.Qobj(Q(op)) if k == i else qutip.qeye(2) for k in range(N)])


def _pair(op2, i, j, N):
    """The 4x4 operator op2 on sites i < j (Pauli expansion)."""
    P = [sp.eye(2), sigma_x(), sigma_y(), sigma_z()]
    out = 0
    for a in range(4):
        for b in range(4):
            c = complex((kron(P[a], P[b]) * sp.Matrix(op2)).trace() / 4)
            if abs(c) > 0:
                out = out + c * _site(P[a], i, N) * _site(P[b], j, N)
    return out


def qutip_full_state(pm: PermutationModel, N: int) -> np.ndarray:
    """QuTiP steady state of the same model assembled on the 2^N space from the local pieces."""
    H = sum(_site(pm.one_site.hamiltonian, i, N) for i in range(N))
    if pm.two_site is not None:
        H = H + sum(_pair(pm.two_site.hamiltonian, i, j, N) for i in range(N) for j in range(i + 1, N))
    c_ops = [np.sqrt(float(j.rate)) * _site(j.operator, i, N) for j in pm.one_site.jumps for i in range(N)]
    c_ops += [np.sqrt(float(c.rate)) * sum(_site(c.operator, i, N) for i in range(N)) for c in pm.collective]
    return qutip.steadystate(H, c_ops).full()


@pytest.mark.parametrize("N,seed", [(2, 1), (3, 2), (4, 3), (5, 4)])
def test_against_qutip_full_liouvillian(N, seed):
    pm = random_model(seed)
    ss = permutation_steady_state(pm, N, method="numeric")
    rho = permutation_density_matrix(ss)
    ref = qutip_full_state(pm, N)
    assert ss.unique and np.abs(rho - ref).max() < 1e-9
    # quantities from the coordinates against the full matrix
    J = [sum(_site(P, i, N) for i in range(N)).full() / 2 for P in (sigma_x(), sigma_y(), sigma_z())]
    Jm = sum(_site(sigma_minus(), i, N) for i in range(N)).full()
    assert abs(collective_emission(ss) - np.trace(ref @ Jm.conj().T @ Jm).real) < 1e-9
    assert abs(permutation_purity(ss) - np.trace(ref @ ref).real) < 1e-9
    mean, second = spin_moments(ss)
    for a in range(3):
        assert abs(mean[a] - np.trace(ref @ J[a]).real) < 1e-9
        for b in range(3):
            assert abs(second[a, b] - np.trace(ref @ (J[a] @ J[b] + J[b] @ J[a])).real / 2) < 1e-9


def test_exact_matches_numeric_and_squeezing_definition():
    pm = random_model(7)
    N = 4
    ex = permutation_steady_state(pm, N, method="exact")
    nu = permutation_steady_state(pm, N, method="numeric")
    assert ex.exact and ex.unique
    assert np.abs(np.array([float(v) for v in ex.x]) - nu.x).max() < 1e-10
    # Wineland xi^2 by brute force over directions perpendicular to <J>, on the full matrix
    rho = qutip_full_state(pm, N)
    J = [sum(_site(P, i, N) for i in range(N)).full() / 2 for P in (sigma_x(), sigma_y(), sigma_z())]
    m = np.array([np.trace(rho @ j).real for j in J])
    n = m / np.linalg.norm(m)
    u = np.cross(n, [1.0, 0.3, -0.2]); u /= np.linalg.norm(u)
    v = np.cross(n, u)
    best = np.inf
    for t in np.linspace(0, np.pi, 20001):
        d = np.cos(t) * u + np.sin(t) * v
        Jd = sum(d[k] * J[k] for k in range(3))
        best = min(best, np.trace(rho @ Jd @ Jd).real - np.trace(rho @ Jd).real ** 2)
    brute = N * best / (m @ m)
    xi_exact = spin_squeezing(ex)
    assert isinstance(xi_exact, sp.Expr) and abs(float(xi_exact) - brute) < 1e-7
    assert abs(spin_squeezing(nu) - float(xi_exact)) < 1e-10


def _piqs_state(N, H, rates):
    """PIQS: the Dicke-basis Liouvillian, solved on its block-diagonal (j, m, m') elements (the
    off-block coherences carry no dissipation, so qutip.steadystate on the whole nds^2 space is
    singular); PIQS's Dicke-basis density matrix carries the degeneracies (trace = sum of diagonal)."""
    import scipy.sparse.linalg as spla
    from qutip import piqs
    d = piqs.Dicke(N, **rates)
    d.hamiltonian = H
    L = d.liouvillian().data.as_scipy().tocsr()
    nds = piqs.num_dicke_states(N)
    keep, diag, off, j = [], [], 0, N / 2
    while j >= 0:
        s = int(round(2 * j + 1))
        keep += [a * nds + b for a in range(off, off + s) for b in range(off, off + s)]
        off, j = off + s, j - 1
    keep = np.array(sorted(keep))
    A = L[keep][:, keep].tolil()
    A[0, :] = np.array([1.0 if k // nds == k % nds else 0.0 for k in keep])
    b = np.zeros(len(keep), complex)
    b[0] = 1
    v = np.zeros(nds * nds, complex)
    v[keep] = spla.spsolve(A.tocsc(), b)
    return v.reshape(nds, nds).T  # column stacking


@pytest.mark.parametrize("N,seed", [(8, 11), (13, 12), (20, 13)])
def test_against_piqs(N, seed):
    """All six PIQS channels (local/collective emission, pumping, dephasing) and H = w J_z + W J_x.

    Tolerance 1e-6 relative: PIQS builds its Dicke-basis Lindbladian in single precision (its
    entries are float32 values, e.g. 7.724999904632568 for 7.725, and its columns conserve the
    trace only to ~1e-7), so PIQS itself is accurate to ~1e-7; the 1e-9 agreement of the engine
    with a double-precision reference is the QuTiP full-Liouvillian test above."""
    from qutip import piqs
    rng = np.random.default_rng(seed)
    r = {k: R(int(rng.integers(1, 20)), 10) for k in ("emission", "dephasing", "pumping", "collective_emission",
                                                     "collective_dephasing", "collective_pumping")}
    w, W = R(int(rng.integers(-9, 10)), 7), R(int(rng.integers(1, 20)), 7)
    jx, jy, jz = piqs.jspin(N)
    rho = _piqs_state(N, float(w) * jz + float(W) * jx, {k: float(v) for k, v in r.items()})
    # PIQS: gamma D[s_z/2] per site and D[J_z] with J_z = sum s_z / 2
    one = Model(1, w * sigma_z() / 2 + W * sigma_x() / 2,
                jumps=[Jump(sigma_minus(), r["emission"]), Jump(sigma_z(), r["dephasing"] / 4),
                       Jump(sigma_plus(), r["pumping"])])
    pm = PermutationModel(one, None, (Jump(sigma_minus(), r["collective_emission"]),
                                      Jump(sigma_z() / 2, r["collective_dephasing"]),
                                      Jump(sigma_plus(), r["collective_pumping"])))
    ss = permutation_steady_state(pm, N, method="numeric")
    mean, second = spin_moments(ss)
    ops = [jx.full(), jy.full(), jz.full()]
    for a in range(3):
        assert abs(mean[a] - np.trace(rho @ ops[a]).real) < 1e-6 * N
        for b in range(3):
            ref = np.trace(rho @ (ops[a] @ ops[b] + ops[b] @ ops[a])).real / 2
            assert abs(second[a, b] - ref) < 1e-6 * N * N
    jm = piqs.jspin(N, "-").full()
    assert abs(collective_emission(ss) - np.trace(rho @ jm.conj().T @ jm).real) < 1e-6 * N * N
    assert abs(permutation_purity(ss) - _piqs_purity(rho, N)) < 1e-6


def _piqs_purity(rho, N):
    """tr rho_full^2 = sum_j tr(rho_j^2) / d_j: PIQS's block j is d_j copies' total weight."""
    from qutip import piqs
    out, off, j = 0.0, 0, N / 2
    while j >= 0:
        s = int(round(2 * j + 1))
        blk = rho[off:off + s, off:off + s]
        out += np.trace(blk @ blk).real / piqs.state_degeneracy(N, j)
        off, j = off + s, j - 1
    return out


@pytest.mark.parametrize("N", [2, 3, 4, 5, 6, 7])
def test_collective_only_nullity_is_number_of_spin_sectors(N):
    """Collective decay + drive + collective dephasing conserve J^2: one steady state per total spin."""
    Om, k = sp.symbols("Omega kappa", positive=True)
    pm = PermutationModel(Model(1, Om * sigma_x() / 2), None, (Jump(sigma_minus(), k), Jump(sigma_z(), R(1, 3))))
    ss = permutation_steady_state(pm, N, {"Omega": R(3, 2), "kappa": 1}, method="exact")
    assert not ss.unique and ss.nullity == N // 2 + 1 and ss.x is None
    nu = permutation_steady_state(pm, N, {"Omega": 1.5, "kappa": 1}, method="numeric")
    assert nu.nullity == N // 2 + 1


def test_weak_local_decay_limit_is_puri_lawande_in_every_sector():
    """Exact in gamma: lim_{gamma->0} of the unique steady state restricted to each total-spin
    sector j is the Puri-Lawande state A A^dagger, A = sum_m (J_-/g)^m, g = -i Omega/kappa
    (H = Omega J_x, kappa D[J_-]), times the identity on the sector's multiplicity space."""
    N, Om, kap = 3, R(2), R(1)
    gam = sp.Symbol("gamma", positive=True)
    pm = PermutationModel(Model(1, Om * sigma_x() / 2, jumps=[Jump(sigma_minus(), gam)]), None,
                          (Jump(sigma_minus(), kap),))
    ss = permutation_steady_state(pm, N, method="exact")
    assert ss.unique and ss.parameters == (gam,)
    x0 = tuple(sp.cancel(v).subs(gam, 0) for v in ss.x)  # rational functions regular at gamma = 0
    lim = permutation_density_matrix(replace(ss, x=x0, parameters=()))
    Jm = sp.zeros(2 ** N)
    for i in range(N):
        Jm += kron(*[sigma_minus() if k == i else sp.eye(2) for k in range(N)])
    Jp = Jm.H
    Jx, Jy, Jz = (Jp + Jm) / 2, (Jp - Jm) / (2 * sp.I), (Jp * Jm - Jm * Jp) / 2
    J2 = Jx * Jx + Jy * Jy + Jz * Jz
    g = -sp.I * Om / kap
    A = sp.eye(2 ** N)
    for m in range(1, N + 1):
        A += (Jm / g) ** m
    PL = A * A.H
    sectors = (R(3, 2), R(1, 2))
    for j in sectors:
        P = sp.eye(2 ** N)
        for jj in sectors:
            if jj != j:
                P = P * (J2 - jj * (jj + 1) * sp.eye(2 ** N)) / (j * (j + 1) - jj * (jj + 1))
        blk, ref = P * lim * P, P * PL * P
        c = blk.trace() / ref.trace()
        assert c != 0 and (blk - c * ref).expand().is_zero_matrix
    # and gamma > 0 makes it unique, gamma = 0 does not
    assert permutation_steady_state(pm, N, {"gamma": 0}, method="exact").nullity == N // 2 + 1


def test_bad_collective_operators():
    with pytest.raises(ParameterError, match="collective"):
        PermutationModel(Model(1, sp.zeros(2, 2)), None, (Jump(kron(sigma_x(), sigma_x()), 1),))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10 ** 6), N=st.integers(2, 4), local=st.booleans())
def test_property_random_mixed_models(seed, N, local):
    """Random symmetric models mixing local and collective channels: the engine's state solves the
    full QuTiP Liouvillian's steady-state equation, is a density matrix, and its trace is 1."""
    pm = random_model(seed, local)
    ss = permutation_steady_state(pm, N, method="numeric")
    if not ss.unique:  # collective-only models keep one state per spin sector (at least)
        assert not local and ss.nullity >= N // 2 + 1
        return
    rho = permutation_density_matrix(ss)
    ref = qutip_full_state(pm, N)
    assert np.abs(rho - ref).max() < 1e-8
    assert np.linalg.eigvalsh((rho + rho.conj().T) / 2).min() > -1e-9


def test_u1_charge_blocks_agree_with_general_numeric_solve():
    """The superradiant laser (collective decay, local pumping and dephasing, chi J_z^2) is U(1)
    symmetric: solved in charge blocks of (1, s+, s-, z) counts, converted back to Pauli counts,
    against the general numeric solve (same Pauli coordinates) and QuTiP (N = 4)."""
    from symbolic_ness.engines import permutation_generator
    N = 12
    one = Model(1, R(1, 3) * sigma_z(), jumps=[Jump(sigma_plus(), R(33, 10)), Jump(sigma_z(), R(1, 5))])
    pm = PermutationModel(one, Model(2, R(1, 2) * kron(sigma_z(), sigma_z())), (Jump(sigma_minus(), 1),))
    ss = permutation_steady_state(pm, N, method="numeric")
    assert ss.unique and any("U(1)" in a for a in ss.assumptions)
    M = permutation_generator(pm, N, {}, "float")
    assert abs(ss.x[0] - 1) < 1e-15 and np.abs(M @ ss.x).max() < 1e-9
    ex = permutation_steady_state(pm, 5, method="exact")
    nu = permutation_steady_state(pm, 5, method="numeric")
    assert np.abs(np.array([float(v) for v in ex.x]) - nu.x).max() < 1e-12
    rho = permutation_density_matrix(permutation_steady_state(pm, 4, method="numeric"))
    assert np.abs(rho - qutip_full_state(pm, 4)).max() < 1e-9
