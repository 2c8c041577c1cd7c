"""Sites of any dimension in the core: operators, the real operator basis, Model(dims=...),
conserved charges, exact vs numeric vs QuTiP steady states, negativity of mixed-dimension cuts."""
from __future__ import annotations

import numpy as np
import pytest
import qutip
import sympy as sp

from symbolic_ness import (Jump, Model, ParameterError, Reset, create, destroy, embed, negativity,
                           number, partial_trace, partial_transpose, sigma_minus, sigma_plus, sigma_z,
                           spin_minus, spin_plus, spin_x, spin_y, spin_z, steady_state, to_qutip,
                           transition)
from symbolic_ness.core import (basis_labels, detect_charges, lambda_min_pt, liouvillian_numeric,
                                negativity_result, pauli_liouvillian, site_basis)


def _np(m):
    return np.array(sp.Matrix(m).evalf(20).tolist(), dtype=complex)


@pytest.mark.parametrize("d", [2, 3, 4, 5])
def test_spin_algebra_and_mode(d):
    s = sp.Rational(d - 1, 2)
    Sx, Sy, Sz = spin_x(d), spin_y(d), spin_z(d)
    assert sp.simplify(Sx * Sy - Sy * Sx - sp.I * Sz) == sp.zeros(d, d)
    assert sp.simplify(Sx ** 2 + Sy ** 2 + Sz ** 2 - s * (s + 1) * sp.eye(d)) == sp.zeros(d, d)
    assert spin_plus(d) == Sx + sp.I * Sy and spin_minus(d) == spin_plus(d).H
    a = destroy(d)
    assert a.H == create(d) and create(d) * a == number(d)
    # truncated mode: [a, a^dag] = 1 except on the top level
    comm = a * a.H - a.H * a
    assert comm == sp.diag(*([1] * (d - 1) + [-(d - 1)]))
    assert np.allclose(_np(a), qutip.destroy(d).full())


def test_qubit_conventions_match():
    assert spin_plus(2) == sigma_plus() and spin_z(2) == sigma_z() / 2
    assert destroy(2) == sigma_plus()  # Fock |1> -> |0>; qubit |0> is sigma_z = +1
    assert transition(0, 1, 2) == sigma_plus()
    with pytest.raises(ParameterError, match="level 0 <= a <= 2"):
        transition(3, 0, 3)


@pytest.mark.parametrize("d", [2, 3, 4])
def test_site_basis_orthogonal_hermitian(d):
    B = [sp.Matrix(d, d, lambda i, j, e=e: e.get((i, j), 0)) for _, e, _ in site_basis(d)]
    norms = [nm for _, _, nm in site_basis(d)]
    assert len(B) == d * d and B[0] == sp.eye(d)
    for a, Ba in enumerate(B):
        assert Ba == Ba.H
        for b, Bb in enumerate(B):
            assert (Ba * Bb).trace() == (norms[a] if a == b else 0)
    assert basis_labels((3, 2))[:3] == ["I.I", "I.X", "I.Y"]


def test_model_dims_validation_and_qubit_key_unchanged():
    H = sp.zeros(6, 6)
    m = Model(2, H, dims=(3, 2))
    assert m.dim == 6 and not m.is_qubits
    q = Model(1, sp.zeros(2, 2))
    assert q.dims == (2,) and q.is_qubits and "Tuple" not in q.key()
    for bad in ((1, 2), (3,), (2.5, 2)):
        with pytest.raises(ParameterError, match="dims"):
            Model(2, H, dims=bad)
    with pytest.raises(ParameterError, match="6x6"):
        Model(2, sp.zeros(4, 4), dims=(3, 2))
    with pytest.raises(ParameterError, match="3x3 density matrix"):
        Model(2, H, resets=[Reset(0, sp.diag(1, 0), 1)], dims=(3, 2))


def _lambda(symbolic=True):
    """EIT Lambda atom: |0> = excited, |1>, |2> ground; probe Omega_p on 1-0, control Omega_c on
    2-0; two-photon resonant (delta = probe detuning = control detuning); decay Gamma/2 to each."""
    Op, Oc, G, dl = sp.symbols("Omega_p Omega_c Gamma delta", positive=True)
    T = lambda a, b: transition(a, b, 3)  # noqa: E731
    H = -dl * T(0, 0) + (Op * (T(0, 1) + T(1, 0)) + Oc * (T(0, 2) + T(2, 0))) / 2
    jumps = [Jump(T(1, 0), G / 2), Jump(T(2, 0), G / 2)]
    return Model(1, H, jumps=jumps, dims=(3,)), (Op, Oc, G, dl)


def test_eit_dark_state_exact():
    m, (Op, Oc, G, dl) = _lambda()
    ss = steady_state(m)
    assert ss.unique and ss.method.startswith("exact")
    # the dark state (Omega_c|1> - Omega_p|2>)/norm at two-photon resonance: no excited population,
    # so the probe coherence rho_01 vanishes exactly (transparency) for every detuning
    dark = sp.Matrix([0, Oc, -Op]) / sp.sqrt(Op ** 2 + Oc ** 2)
    assert sp.simplify(ss.rho - dark * dark.H) == sp.zeros(3, 3)


def _jc(d=4):
    g, k, P, w = sp.symbols("g kappa P Delta", positive=True)
    dims = (d, 2)
    a, sm = embed(destroy(d), 0, dims), embed(sigma_minus(), 1, dims)
    H = w * a.H * a + g * (a.H * sm + sm.H * a)
    return Model(2, H, jumps=[Jump(a, k), Jump(sm.H, P)], dims=dims), (g, k, P, w)


def test_jc_charge_and_exact_vs_qutip():
    m, (g, k, P, w) = _jc(4)
    (ch,) = detect_charges(m)
    assert ch.name == "U(1) charge q0=[0, 1, 2, 3] q1=[0, -1]"  # a^dag a + |0><0| (qubit |0> excited)
    ss = steady_state(m)
    assert ss.unique and ss.symmetries == (ch.name,) and ss.method.startswith("exact")
    rng = np.random.default_rng(7)
    for _ in range(3):
        vals = {s: sp.Rational(int(rng.integers(1, 40)), int(rng.integers(1, 9))) for s in (g, k, P, w)}
        H, c_ops, _ = to_qutip(m, vals)
        ref = qutip.steadystate(H, c_ops).full()
        assert np.abs(_np(ss.rho.subs(vals)) - ref).max() < 1e-9
        num = steady_state(m, vals, method="numeric")
        assert np.abs(num.rho - ref).max() < 1e-9 and num.residual < 1e-9


def test_spin1_zero_field_splitting_vs_qutip():
    D, B, G = sp.symbols("D B Gamma", positive=True)
    H = D * spin_z(3) ** 2 + B * spin_x(3)
    m = Model(1, H, jumps=[Jump(spin_minus(3), G)], dims=(3,))
    ss = steady_state(m)
    assert ss.unique
    vals = {D: sp.Rational(13, 7), B: sp.Rational(2, 3), G: sp.Rational(5, 4)}
    H, c_ops, _ = to_qutip(m, vals)
    assert np.abs(_np(ss.rho.subs(vals)) - qutip.steadystate(H, c_ops).full()).max() < 1e-9
    assert sp.simplify(ss.rho.trace()) == 1


def test_mixed_dims_numeric_liouvillian_matches_qutip_and_real_basis():
    m, syms = _jc(3)
    vals = dict(zip(syms, (sp.Rational(3, 2), sp.Rational(1, 3), sp.Rational(2, 5), sp.Rational(7, 3))))
    _, _, Lq = to_qutip(m, vals)
    assert Lq.dims[0][0] == [3, 2]
    assert np.abs(liouvillian_numeric(m, vals).toarray() - Lq.full()).max() < 1e-12
    M = pauli_liouvillian(m.subs(vals))
    assert all(v.is_real for v in M.todok().values())
    # the real-basis generator is similar to L: same eigenvalues
    from scipy.optimize import linear_sum_assignment
    ev1 = np.linalg.eigvals(np.array(M.evalf().tolist(), dtype=complex))
    ev2 = np.linalg.eigvals(Lq.full())
    cost = np.abs(ev1[:, None] - ev2[None, :])
    i, j = linear_sum_assignment(cost)
    assert cost[i, j].max() < 1e-8


def test_partial_trace_transpose_mixed_dims_vs_qutip():
    rng = np.random.default_rng(3)
    dims = [3, 2, 2]
    X = rng.normal(size=(12, 12)) + 1j * rng.normal(size=(12, 12))
    rho = X @ X.conj().T
    rho /= np.trace(rho)
    q = qutip.Qobj(rho, dims=[dims, dims])
    assert np.allclose(partial_trace(rho, [0, 2], dims), q.ptrace([0, 2]).full())
    assert np.allclose(partial_transpose(rho, [0], dims), qutip.partial_transpose(q, [1, 0, 0]).full())
    R = sp.Matrix(12, 12, lambda i, j: sp.Rational(int(rng.integers(-9, 9)), 7))
    assert np.allclose(_np(partial_trace(R, [1], dims)), partial_trace(_np(R), [1], dims))
    assert np.allclose(_np(partial_transpose(R, [0, 2], dims)), partial_transpose(_np(R), [0, 2], dims))


def test_negativity_certificate_2x3_and_3x3_isotropic():
    s = sp.Symbol("s", positive=True)
    p = s / (1 + s)  # 0 < p < 1 on the whole declared domain
    # 2x3: (|00> + |11>)/sqrt2 mixed with white noise; PT eigenvalue -p/2 + (1-p)/6
    psi = sp.zeros(6, 1); psi[0] = psi[4] = 1 / sp.sqrt(2)
    rho = p * psi * psi.H + (1 - p) * sp.eye(6) / 6
    r = negativity_result(rho, [0], [2, 3])
    assert r.ppt_sufficient and r.method == "exact"
    assert sp.simplify(r.value - sp.Max(0, (4 * p - 1) / 6)) == 0
    # 3x3 isotropic: PT = p F/3 + (1-p)/9, F the swap (eigenvalue -1 three times)
    phi = sp.zeros(9, 1); phi[0] = phi[4] = phi[8] = 1 / sp.sqrt(3)
    rho3 = p * phi * phi.H + (1 - p) * sp.eye(9) / 9
    r3 = negativity_result(rho3, [1], [3, 3])
    assert not r3.ppt_sufficient and "does not prove separability" in r3.separability
    assert sp.simplify(r3.value - 3 * sp.Max(0, p / 3 - (1 - p) / 9)) == 0
    for sv in (sp.Rational(1, 5), sp.Rational(2, 3)):
        pv = p.subs(s, sv)
        num = negativity(_np(rho3.subs(s, sv)), [1], [3, 3])
        assert abs(float(r3.value.subs(s, sv)) - num) < 1e-12
        assert abs(float(lambda_min_pt(rho3.subs(s, sv), [1], [3, 3])) - float((1 - pv) / 9 - pv / 3)) < 1e-12


def test_qutrit_qubit_entangled_steady_state_vs_qutip_negativity():
    """A driven qutrit coupled to a decaying qubit: exact negativity of the 3x2 cut vs QuTiP."""
    J, k, O = sp.symbols("J kappa Omega", positive=True)
    dims = (3, 2)
    T = lambda a, b: embed(transition(a, b, 3), 0, dims)  # noqa: E731
    sp_ = embed(sigma_plus(), 1, dims)
    H = J * (T(1, 0) * sp_ + sp_.H * T(0, 1)) + O * (T(1, 2) + T(2, 1))
    m = Model(2, H, jumps=[Jump(embed(sigma_minus(), 1, dims), k), Jump(T(2, 1), k)], dims=dims)
    vals = {J: 1, k: sp.Rational(1, 2), O: sp.Rational(1, 3)}
    ss = steady_state(m.subs(vals))
    assert ss.unique
    H, c_ops, _ = to_qutip(m, vals)
    q = qutip.steadystate(H, c_ops)
    ev = np.linalg.eigvalsh(qutip.partial_transpose(q, [1, 0]).full())
    ref = float(-ev[ev < 0].sum())
    assert abs(float(negativity(ss.rho, [0], dims)) - ref) < 1e-9


def test_exact_spectrum_mixed_dims_with_square_roots():
    """Truncated-mode matrix elements sqrt(n): the exact charpoly (of the rationalized, similar
    generator) against numpy eigenvalues of the Liouvillian at a random point."""
    from scipy.optimize import linear_sum_assignment
    from symbolic_ness import liouvillian_spectrum
    g = sp.Symbol("g", positive=True)
    k = sp.Rational(1, 3)
    dims = (3, 2)
    a, sm = embed(destroy(3), 0, dims), embed(sigma_minus(), 1, dims)
    m = Model(2, g * (a.H * sm + sm.H * a), jumps=[Jump(a, k)], dims=dims)
    spec = liouvillian_spectrum(m)
    vals = {g: sp.Rational(3, 2)}
    ev = spec.numeric(vals)
    evn = np.linalg.eigvals(liouvillian_numeric(m, vals).toarray())
    cost = np.abs(ev[:, None] - evn[None, :])
    i, j = linear_sum_assignment(cost)
    assert len(ev) == 36 and cost[i, j].max() < 1e-9
    # one-excitation sector: H_eff = [[-i kappa/2, g], [g, 0]] merges its eigenvalues at g = kappa/4
    disc = [f for f, _ in spec.factors if f.has(g)]
    assert any(sp.Poly(f, sp.Symbol("lambda")).degree() == 2 and
               sp.simplify(sp.discriminant(f, sp.Symbol("lambda")).subs(g, k / 4)) == 0 for f in disc)
