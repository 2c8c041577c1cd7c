"""Thermal baths, heat currents and correlation measures: against QuTiP (concurrence,
entropy_vn, entropy_mutual, expect of the dissipator), exact identities (zero sum of the
currents, second law) on random thermal models, the thermal machine's closed-form concurrence
against the numeric one, the refrigerator's exact coefficient of performance and cooling window
against the Linden-Popescu-Skrzypczyk condition (oracle), and the bad-input messages."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import qutip as qt
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symbolic_ness import (Jump, Model, ParameterError, concurrence, embed, entropy, entropy_production, fidelity,
                           heat_current, heat_currents, lambdify, mutual_information, sigma_minus, sigma_plus,
                           sigma_x, sigma_y, sigma_z, steady_state)
from symbolic_ness.engines import Bath, bath_temperatures, read_model_file, with_baths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _q(rho, n):
    return qt.Qobj(rho, dims=[[2] * n, [2] * n])


# ----------------------------------------------------------------- measures vs QuTiP
@pytest.mark.parametrize("seed", range(6))
def test_measures_against_qutip(seed):
    rho3 = qt.rand_dm([2, 2, 2], seed=seed)
    r = rho3.full()
    assert abs(entropy(r) - qt.entropy_vn(rho3, base=2)) < 1e-9
    assert abs(entropy(r, [0, 2], 3) - qt.entropy_vn(rho3.ptrace([0, 2]), base=2)) < 1e-9
    assert abs(mutual_information(r, [0], 3) - qt.entropy_mutual(rho3, [0], [1, 2], base=2)) < 1e-9
    assert abs(mutual_information(r, [1], 3, other=[2]) - qt.entropy_mutual(rho3.ptrace([1, 2]), [0], [1], base=2)) < 1e-9
    assert abs(concurrence(r, pair=[0, 2], n=3) - qt.concurrence(rho3.ptrace([0, 2]))) < 1e-9
    psi = qt.rand_ket([2, 2, 2], seed=seed + 100)
    assert abs(fidelity(r, psi.full()) - qt.expect(rho3, psi)) < 1e-12  # qutip.fidelity = sqrt(F) (1e-8 via sqrtm)
    assert abs(fidelity(r, psi.full()) - qt.fidelity(rho3, psi) ** 2) < 1e-7


def test_exact_measures_equal_numeric_ones():
    rng = np.random.default_rng(3)
    for _ in range(2):  # exact rational states (X state and a general one): exact = numeric
        a = rng.integers(1, 9, size=(4, 4)) + 1j * rng.integers(-4, 5, size=(4, 4))
        m = sp.Matrix(4, 4, lambda i, j: sp.Integer(int(a[i, j].real)) + sp.I * int(a[i, j].imag))
        rho = m * m.H
        rho = rho / rho.trace()
        num = np.array(rho.evalf(30).tolist(), dtype=complex)
        assert abs(complex(sp.N(concurrence(rho), 30)) - concurrence(num)) < 1e-9
        assert abs(float(sp.N(entropy(rho, [1], 2), 30)) - entropy(num, [1], 2)) < 1e-9
    x = sp.Matrix([[3, 0, 0, 1], [0, 2, sp.I, 0], [0, -sp.I, 2, 0], [1, 0, 0, 1]]) / 8
    assert abs(float(sp.N(concurrence(x), 30)) - qt.concurrence(_q(np.array(x.evalf().tolist(), dtype=complex), 2))) < 1e-12


def test_concurrence_needs_a_qubit_pair():
    with pytest.raises(ParameterError, match="pair"):
        concurrence(np.eye(8) / 8)


# ----------------------------------------------------------------- thermal machine
def _machine_numeric(g, nh, nc, gh=0.01):
    n = 2
    sm = [qt.tensor([qt.destroy(2).dag() if k == i else qt.qeye(2) for k in range(n)]) for i in range(n)]
    # the package's basis: |0> has Z = +1 (energy +1/2), Sm = |1><0|: qutip's create in qutip's basis order
    sz = [qt.tensor([qt.sigmaz() if k == i else qt.qeye(2) for k in range(n)]) for i in range(n)]
    H = (sz[0] + sz[1]) / 2 + g * (sm[0].dag() * sm[1] + sm[0] * sm[1].dag())
    c = [np.sqrt(gh * (nh + 1)) * sm[0], np.sqrt(gh * nh) * sm[0].dag(), np.sqrt(nc + 1) * sm[1],
         np.sqrt(nc) * sm[1].dag()]
    return H, c


def test_thermal_machine_closed_form_concurrence_and_currents():
    mf = read_model_file(EXAMPLES / "thermal_machine_two_qubit.toml")
    g, gh, nh, nc = (mf.symbol_map[k] for k in ("g", "gamma_h", "n_h", "n_c"))
    m = mf.model().subs({gh: sp.Rational(1, 100)})  # the hot bath 100x weaker than the cold one
    ss = steady_state(m)
    C = concurrence(ss.rho)  # closed form in g, n_h, n_c
    f = lambdify(C, (g, nh, nc))
    hc = heat_currents(m, ss.rho)
    assert hc.zero_sum and hc.total == 0
    rng = np.random.default_rng(7)
    pts = [(rng.uniform(0.01, 1), rng.uniform(0, 30), rng.uniform(0, 0.05)) for _ in range(6)] + [(0.1, 10.0, 0.0)]
    entangled = 0
    for gv, nhv, ncv in pts:
        H, c = _machine_numeric(gv, nhv, ncv)
        rq = qt.steadystate(H, c)
        assert abs(f(gv, nhv, ncv) - qt.concurrence(rq)) < 1e-9
        entangled += qt.concurrence(rq) > 1e-6
        D = sum(qt.lindblad_dissipator(op) for op in c[:2])
        J = qt.expect(H, qt.vector_to_operator(D * qt.operator_to_vector(rq)))
        val = complex(hc.currents["hot"].subs({g: gv, nh: nhv, nc: ncv}))
        assert abs(val - J) < 1e-9
    assert entangled >= 1  # the region is not empty (the test can fail)


def test_local_and_global_master_equations_differ_on_the_machine():
    """Global (eigenbasis of H, secular) dissipators built here by hand with numpy: its steady
    state commutes with H (diagonal in the eigenbasis), the local one carries the heat current as
    an imaginary coherence, so the two give different concurrences and currents."""
    mf = read_model_file(EXAMPLES / "thermal_machine_two_qubit.toml")
    m = mf.model()
    vals = {"g": 0.1, "gamma_h": 0.01, "n_h": 10.0, "n_c": 0.0}
    local = steady_state(m, vals, method="numeric").rho
    H, c = _machine_numeric(0.1, 10.0, 0.0)
    E, V = np.linalg.eigh(H.full())
    sm = [qt.tensor([qt.destroy(2).dag() if k == i else qt.qeye(2) for k in range(2)]) for i in range(2)]
    glob_ops = []
    for Lq, nocc, rate in ((sm[0], 10.0, 0.01), (sm[1], 0.0, 1.0)):
        Lt = V.conj().T @ Lq.full() @ V
        for w in sorted({round(E[j] - E[i], 9) for i in range(4) for j in range(4) if abs(Lt[i, j]) > 1e-12}):
            comp = np.where(np.abs(E[None, :] - E[:, None] - w) < 1e-9, Lt, 0)  # <i|L|j> with E_j - E_i = w
            Lw = qt.Qobj(V @ comp @ V.conj().T, dims=H.dims)
            glob_ops += [np.sqrt(rate * (nocc + 1)) * Lw, np.sqrt(rate * nocc) * Lw.dag()]
    rg = qt.steadystate(H, glob_ops).full()
    assert np.abs(rg @ H.full() - H.full() @ rg).max() < 1e-9
    assert np.abs(local @ H.full() - H.full() @ local).max() > 1e-3
    assert abs(concurrence(local) - concurrence(rg)) > 1e-3


# ----------------------------------------------------------------- refrigerator
def test_refrigerator_cop_and_cooling_window():
    mf = read_model_file(EXAMPLES / "absorption_refrigerator.toml")
    m = mf.model()
    ss = steady_state(m)
    hc = heat_currents(m, ss.rho)
    assert hc.zero_sum
    assert sp.cancel(hc.currents["cold"] / hc.currents["hot"]) == sp.Rational(1, 2)  # COP = E_c / E_h
    S = mf.symbol_map
    rng = np.random.default_rng(11)
    for _ in range(6):
        v = {S["g"]: sp.Rational(int(rng.integers(1, 20)), 10)}
        v.update({S[k]: sp.Rational(int(rng.integers(0, 30)), 10) for k in ("n_c", "n_r", "n_h")})
        Jc = hc.currents["cold"].subs(v)
        Tc, Tr, Th = (1 / sp.log(1 + 1 / v[S[k]]) if v[S[k]] else 0 for k in ("n_c", "n_r", "n_h"))
        # Linden-Popescu-Skrzypczyk: cooling iff E_r/T_r - E_h/T_h > E_c/T_c, i.e. n_c n_h > n_r (1 + n_c + n_h)
        lps = v[S["n_c"]] * v[S["n_h"]] - v[S["n_r"]] * (1 + v[S["n_c"]] + v[S["n_h"]])
        assert sp.sign(Jc) == sp.sign(lps)
        del Tc, Tr, Th


# ----------------------------------------------------------------- exact identities on random models
@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=6, max_size=6), st.sampled_from(["xx", "zz+xx"]))
def test_zero_sum_and_second_law_on_random_thermal_models(ints, coupling):
    e0, g, k0, k1, n0, n1 = (sp.Rational(i, 4) for i in ints)
    Z = [embed(sigma_z(), i, 2) for i in range(2)]
    X = [embed(sigma_x(), i, 2) for i in range(2)]
    Y = [embed(sigma_y(), i, 2) for i in range(2)]
    H = e0 * (Z[0] + Z[1]) / 2 + g * (X[0] * X[1] + Y[0] * Y[1])  # energy-conserving exchange
    if coupling == "zz+xx":
        H = H + g / 3 * Z[0] * Z[1]
    baths = [Bath(embed(sigma_minus(), 0, 2), k0, "a", occupation=n0, frequency=e0),
             Bath(embed(sigma_minus(), 1, 2), k1, "b", occupation=n1, frequency=e0)]
    m = with_baths(Model(2, H), baths)
    rho = steady_state(m).rho
    hc = heat_currents(m, rho)
    assert hc.zero_sum and hc.total == 0  # exactly
    sigma = entropy_production(hc, bath_temperatures(baths))
    assert sp.N(sigma, 50) >= -sp.Float("1e-40")  # an exact number: sign read at 50 digits
    # against QuTiP's dissipator
    num = np.array(rho.evalf(30).tolist(), dtype=complex)
    for lab, L in (("a", embed(sigma_minus(), 0, 2)), ("b", embed(sigma_minus(), 1, 2))):
        b = baths[0] if lab == "a" else baths[1]
        Ln = np.array(L.evalf().tolist(), dtype=complex)
        c = [np.sqrt(float(b.rate * (b.occupation + 1))) * qt.Qobj(Ln), np.sqrt(float(b.rate * b.occupation)) * qt.Qobj(Ln.conj().T)]
        D = sum(qt.lindblad_dissipator(op) for op in c)
        J = qt.expect(qt.Qobj(np.array(H.evalf().tolist(), dtype=complex)),
                      qt.vector_to_operator(D * qt.operator_to_vector(qt.Qobj(num))))
        assert abs(complex(sp.N(hc.currents[lab], 30)) - J) < 1e-9


def test_heat_current_of_a_numeric_state_and_particle_current():
    k, n = sp.Rational(1, 2), sp.Rational(3, 2)
    m = with_baths(Model(1, sigma_z() / 2), [Bath(sigma_minus(), k, "bath", occupation=n)])
    hot = np.diag([1.0, 0.0]).astype(complex)
    assert abs(heat_current(m, hot, "bath") - (-float(k * (n + 1)))) < 1e-12
    N = sp.diag(1, 0)  # excitation number: particle current into the system
    assert heat_current(m, sp.diag(0, 1), "bath", observable=N) == k * n


# ----------------------------------------------------------------- bad input
def _bath_file(extra, domain='"real"'):
    return f'''sites = 1
hamiltonian = "Z0/2"
[parameters]
n = {domain}
[[bath]]
operator = "Sm0"
label = "hot"
{extra}
'''


@pytest.mark.parametrize("extra,domain,match", [
    ('occupation = "-0.5"', '"real"', r"occupation in \[0, inf\) \(Bose\)"),
    ('occupation = "1.5"\nstatistics = "fermi"', '"real"', r"\[0, 1\] \(Fermi\)"),
    ('occupation = "n"', '"real"', "occupation"),
    ('temperature = "1"', '"real"', "frequency"),
    ('occupation = "n"\nstatistics = "boson"', '"nonnegative"', "bose"),
])
def test_bad_bath_tables(extra, domain, match):
    with pytest.raises(ParameterError, match=match):
        read_model_file(_bath_file(extra, domain))


def test_unknown_heat_current_label_lists_the_labels():
    m = read_model_file(_bath_file('occupation = "n"', '"nonnegative"')).model()
    with pytest.raises(ParameterError, match="hot"):
        heat_current(m, sp.diag(1, 0), "cold")
    assert Bath(sigma_plus(), 1, "x", occupation=1).rates() == (2, 1)


# ----------------------------------------------------------------- global (secular) master equation
_GLOBAL = '''sites = 2
hamiltonian = "(Z0 + Z1)/2 + g*(Sp0*Sm1 + Sm0*Sp1)"
[parameters]
g = "[0, 1/2]"
n_h = "nonnegative"
n_c = "nonnegative"
[[bath]]
label = "hot"
operator = "{op}"
rate = "1/100"
occupation = "n_h"
form = "global"
[[bath]]
label = "cold"
operator = "Sm1"
occupation = "n_c"
form = "global"
'''


def test_global_form_against_numpy_eigenbasis_and_the_local_form():
    mf = read_model_file(_GLOBAL.format(op="Sm0"))
    S = mf.symbol_map
    m = mf.model()
    assert len(m.jumps) == 8  # two Bohr frequencies 1 -+ g per bath, each with its adjoint
    ss = steady_state(m.subs({S["g"]: sp.Rational(1, 10)}))
    rho = ss.rho
    H = m.hamiltonian.subs({S["g"]: sp.Rational(1, 10)})
    assert (rho * H - H * rho).applyfunc(sp.simplify).is_zero_matrix  # the global state commutes with H
    hc = heat_currents(m.subs({S["g"]: sp.Rational(1, 10)}), rho)
    assert hc.zero_sum
    for nhv, ncv in ((10.0, 0.0), (2.5, 0.3)):
        Hq, c = _machine_numeric(0.1, nhv, ncv)
        E, V = np.linalg.eigh(Hq.full())
        sm = [qt.tensor([qt.destroy(2).dag() if k == i else qt.qeye(2) for k in range(2)]) for i in range(2)]
        ops = []
        for Lq, nocc, rate in ((sm[0], nhv, 0.01), (sm[1], ncv, 1.0)):
            Lt = V.conj().T @ Lq.full() @ V
            for w in sorted({round(E[j] - E[i], 9) for i in range(4) for j in range(4) if abs(Lt[i, j]) > 1e-12}):
                comp = np.where(np.abs(E[None, :] - E[:, None] - w) < 1e-9, Lt, 0)
                Lw = qt.Qobj(V @ comp @ V.conj().T, dims=Hq.dims)
                ops += [np.sqrt(rate * (nocc + 1)) * Lw, np.sqrt(rate * nocc) * Lw.dag()]
        ref = qt.steadystate(Hq, ops).full()
        got = np.array(rho.subs({S["n_h"]: nhv, S["n_c"]: ncv}).evalf().tolist(), dtype=complex)
        assert np.abs(got - ref).max() < 1e-9
        local = qt.steadystate(Hq, c).full()
        assert np.abs(local - ref).max() > 1e-4  # local and global master equations differ


def test_global_form_refuses_a_non_lowering_operator():
    with pytest.raises(ParameterError, match="lowering-type"):
        read_model_file(_GLOBAL.format(op="X0")).model()
