"""Multi-level systems with analytic results: the EIT probe susceptibility (weak-probe linear
response, derived here from the Bloch equations), spin-1 optical pumping, the excitation balance
of the pumped Jaynes-Cummings model (exact for the truncated model: H conserves a^dag a + |e><e|)."""
from __future__ import annotations

import sympy as sp

from symbolic_ness import (Jump, Model, destroy, embed, sigma_minus, spin_x, spin_z,
                           steady_state, transition)


def test_eit_weak_probe_susceptibility_from_bloch_equations():
    Op, Oc, G = sp.symbols("Omega_p Omega_c Gamma", positive=True)
    D = sp.Symbol("Delta", real=True)
    T = lambda a, b: transition(a, b, 3)  # noqa: E731  levels e = 0, g = 1, s = 2
    H = -D * (T(0, 0) + T(2, 2)) + Op / 2 * (T(0, 1) + T(1, 0)) + Oc / 2 * (T(0, 2) + T(2, 0))
    ss = steady_state(Model(1, H, jumps=[Jump(T(1, 0), G / 2), Jump(T(2, 0), G / 2)], dims=(3,)))
    assert ss.unique
    rho_eg = ss.rho[0, 1]
    # first order in Omega_p (rho_gg = 1): d/dt rho_eg = -i(-D rho_eg + Op/2 + Oc/2 rho_sg) - G/2 rho_eg,
    # d/dt rho_sg = -i(-D rho_sg + Oc/2 rho_eg); solve the stationary linear system
    eg, sg = sp.symbols("eg sg")
    sol = sp.solve([-sp.I * (-D * eg + Op / 2 + Oc / 2 * sg) - G / 2 * eg, -sp.I * (-D * sg + Oc / 2 * eg)], [eg, sg])
    chi = sp.diff(sol[eg], Op)
    assert sp.simplify(sp.diff(rho_eg, Op).subs(Op, 0) - chi) == 0
    # the transparency window: exactly zero at two-photon resonance for every Omega_p
    assert sp.simplify(rho_eg.subs(D, 0)) == 0


def test_spin1_optical_pumping_into_m0():
    Dz, g = sp.symbols("D gamma", positive=True)
    B = sp.Symbol("B", real=True)
    jumps = [Jump(transition(1, 0, 3), g), Jump(transition(1, 2, 3), g)]
    ss = steady_state(Model(1, Dz * spin_z(3) ** 2 + B * spin_z(3), jumps=jumps, dims=(3,)))
    assert ss.rho == sp.diag(0, 1, 0)  # no drive: everything ends in m = 0
    # with a drive Omega S_x the matrix elements carry sqrt(2) next to rational jumps (no rationalizing
    # congruence exists): exact over Q(sqrt 2) at a point
    m = Model(1, Dz * spin_z(3) ** 2 + spin_x(3) / 3, jumps=jumps, dims=(3,)).subs({Dz: 2, g: 1})
    ss = steady_state(m)
    assert ss.unique and sp.cancel(ss.rho.trace()) == 1
    assert sp.cancel(ss.rho[0, 0] - ss.rho[2, 2]) == 0  # B = 0: m = +1 and m = -1 symmetric


def test_jaynes_cummings_excitation_balance_exact():
    g, k, P = sp.symbols("g kappa P", positive=True)
    Dl = sp.Symbol("Delta", real=True)
    dims = (4, 2)
    a, sm = embed(destroy(4), 0, dims), embed(sigma_minus(), 1, dims)
    H = Dl * a.H * a + g * (a.H * sm + sm.H * a)
    ss = steady_state(Model(2, H, jumps=[Jump(a, k), Jump(sm.H, P)], dims=dims))
    assert ss.unique and any("U(1) charge" in s for s in ss.symmetries)
    n = (ss.rho * a.H * a).trace()
    ground = (ss.rho * sm * sm.H).trace()  # sigma_- sigma_+ = |1><1| (|0> is excited)
    # photons leave at kappa <n>, excitations enter at P <|g><g|>
    assert sp.cancel(sp.together(sp.expand(k * n - P * ground))) == 0
