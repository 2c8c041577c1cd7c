"""Every example model file against QuTiP models built by hand from the file's physics (so the
parser, the file semantics and the solvers are all checked), and the papers' models as files
against the catalogue."""
from __future__ import annotations

from _helpers import trace_pinned_null_vector

import json
import random
from pathlib import Path

import numpy as np
import pytest
import qutip as qt
import sympy as sp

from symbolic_ness.app import main
from symbolic_ness.core import liouvillian_numeric, steady_state
from symbolic_ness.engines import expand_symmetric, read_model_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# ----------------------------------------------------------------- QuTiP models by hand
def op(single, k, n):
    return qt.tensor([single if j == k else qt.qeye(2) for j in range(n)])


X, Y, Z, SP, SM = qt.sigmax(), qt.sigmay(), qt.sigmaz(), qt.sigmap(), qt.sigmam()
PLUS = (qt.basis(2, 0) + qt.basis(2, 1)).unit()


def reset_ops(state: qt.Qobj, rate, k, n):
    """Reset of qubit k to the density matrix ``state``: sqrt(r p_m)|phi_m><j|_k."""
    p, vecs = state.eigenstates()
    return [np.sqrt(rate * pm) * op(v * qt.basis(2, j).dag(), k, n) for pm, v in zip(p, vecs) if pm > 1e-15
            for j in range(2)]


def hdb(v):
    n = 2
    H = v["g"] * op(Z, 0, n) * op(Z, 1, n)
    c = [np.sqrt(v["gamma"] / 2) * op(Z, k, n) for k in range(n)]
    c += [o for k in range(n) for o in reset_ops(PLUS * PLUS.dag(), v["r"], k, n)]
    return H, c


def znidaric(v):
    n = 4
    H = sum(op(X, j, n) * op(X, j + 1, n) + op(Y, j, n) * op(Y, j + 1, n) for j in range(n - 1))
    GL, GR, c, d = v["Gamma_L"], v["Gamma_R"], v["c"], v["d"]
    cops = [(GL * (1 - c), SP, 0), (GL * (1 + c), SM, 0), (GR * (1 + d), SP, n - 1), (GR * (1 - d), SM, n - 1)]
    cops += [(v["gamma"] / 2, Z, j) for j in range(n)]
    return H, [np.sqrt(2 * rate) * op(o, k, n) for rate, o, k in cops]  # doubled normalization


def xxz_two(v):
    n = 2
    H = (v["J"] * (op(X, 0, n) * op(X, 1, n) + op(Y, 0, n) * op(Y, 1, n)) + v["Delta"] * op(Z, 0, n) * op(Z, 1, n)
         + v["h"] * op(Z, 0, n))
    return H, [np.sqrt(v["kappa"]) * op(SM, 0, n), np.sqrt(v["p"]) * op(SP, 1, n)]


def xxz_chain(v):
    n = 3
    H = sum(op(X, j, n) * op(X, j + 1, n) + op(Y, j, n) * op(Y, j + 1, n) + v["Delta"] * op(Z, j, n) * op(Z, j + 1, n)
            for j in range(n - 1))
    G, mu = v["Gamma"], v["mu"]
    cops = [(G * (1 + mu), SP, 0), (G * (1 - mu), SM, 0), (G * (1 - mu), SP, 2), (G * (1 + mu), SM, 2)]
    return H, [np.sqrt(rate) * op(o, k, n) for rate, o, k in cops]


def tfi(v):
    n = 3
    H = v["J"] * (op(Z, 0, n) * op(Z, 1, n) + op(Z, 1, n) * op(Z, 2, n)) + v["h"] * sum(op(X, k, n) for k in range(n))
    e = v["eps"]
    st = qt.Qobj(np.array([[1 - e / 2, 0], [0, e / 2]]))
    c = [o for k in (0, 2) for o in reset_ops(st, v["r"], k, n)]
    c += [np.sqrt(v["gamma"] / 2) * op(Z, k, n) for k in range(n)]
    return H, c


def all_to_all(v, N):
    pairs = [(a, b) for a in range(N) for b in range(a + 1, N)]
    H = v["J"] * sum(op(X, a, N) * op(X, b, N) + op(Y, a, N) * op(Y, b, N) for a, b in pairs)
    H += v["h"] * sum(op(X, k, N) for k in range(N))
    return H, [np.sqrt(v["kappa"]) * op(SM, k, N) for k in range(N)]


def all_to_all_reset(v, N):
    pairs = [(a, b) for a in range(N) for b in range(a + 1, N)]
    H = v["g"] * sum(op(X, a, N) * op(X, b, N) + op(Y, a, N) * op(Y, b, N) for a, b in pairs)
    H += v["h"] * sum(op(Z, k, N) for k in range(N))
    c = [np.sqrt(v["kappa"]) * op(SM, k, N) for k in range(N)]
    c += [o for k in range(N) for o in reset_ops(PLUS * PLUS.dag(), v["r"], k, N)]
    return H, c


EXPLICIT = {"hdb_reset_ising.toml": hdb, "znidaric_xx_chain.toml": znidaric, "xxz_two_qubit_driven.toml": xxz_two,
            "xxz_boundary_chain.toml": xxz_chain, "tfi_chain_resets.toml": tfi}
SYMMETRIC = {"all_to_all_symmetric.toml": all_to_all, "all_to_all_reset.toml": all_to_all_reset}
# checked against QuTiP in tests/app/test_user_models_audit.py (its COVERED set)
AUDITED = {"tfi_ring_collective_decay.toml", "driven_reset_pair.toml", "chiral_dm_pair.toml", "xy_chain_float.toml",
           "dephasing_only_pair.toml",
           "thermal_machine_two_qubit.toml", "absorption_refrigerator.toml",  # vs QuTiP in tests/core/test_thermo.py
           # sites of any dimension: checked against QuTiP in tests/app/test_multilevel_files.py
           "eit_lambda_atom.toml", "spin1_zero_field.toml", "jaynes_cummings_pumped.toml",
           "qutrit_qubit_entangled.toml"}
# collective jumps in symmetric files: checked against QuTiP models built by hand in
# tests/app/test_collective_files.py (N = 3, 4; the N = 5, 6 expansions here cost minutes)
AUDITED |= {"cooperative_resonance_fluorescence.toml", "superradiant_laser.toml"}


def random_point(mf, rng) -> dict:
    """Random exact values in each declared domain (the rationals of 3-digit decimals)."""
    out = {}
    for name, dom in mf.domains:
        if name == getattr(mf, "sites", None):
            continue
        if dom.startswith("["):
            lo, hi = (float(b) for b in mf.bounds_map[mf.symbol_map[name]])
            x = rng.uniform(lo, hi)
        elif dom in ("positive", "nonnegative"):
            x = rng.uniform(0.2, 3.0)
        else:
            x = rng.uniform(-2.0, 2.0)
        out[name] = sp.Rational(f"{x:.3f}")
    return out


def test_every_example_is_covered():
    assert {p.name for p in EXAMPLES.glob("*.toml")} == set(EXPLICIT) | set(SYMMETRIC) | AUDITED
    assert len(EXPLICIT) + len(SYMMETRIC) >= 6


@pytest.mark.parametrize("fname", sorted(EXPLICIT))
def test_explicit_example_vs_qutip(fname):
    mf = read_model_file(EXAMPLES / fname)
    model = mf.model()
    rng = random.Random(fname)
    for _ in range(2):
        v = random_point(mf, rng)
        fv = {k: float(x) for k, x in v.items()}
        H, c_ops = EXPLICIT[fname](fv)
        vals = {mf.symbol_map[k]: x for k, x in v.items() if mf.symbol_map[k] in model.parameters}
        L_ours = liouvillian_numeric(model, vals).toarray()
        L_qt = qt.liouvillian(H, c_ops).full()
        assert np.max(np.abs(L_ours - L_qt)) < 1e-12, fname
        ss = steady_state(model, vals, method="exact")
        assert ss.unique and ss.nullity == 1
        rho = np.array(ss.rho.evalf(30).tolist(), dtype=complex)
        ref = qt.steadystate(H, c_ops).full()
        assert np.max(np.abs(rho - ref)) < 1e-9, fname


@pytest.mark.parametrize("fname", sorted(SYMMETRIC))
@pytest.mark.parametrize("N", [2, 3, 4, 5])
def test_symmetric_example_expanded_vs_qutip(fname, N):
    mf = read_model_file(EXAMPLES / fname)
    model = expand_symmetric(mf, N)
    assert model.n == N
    rng = random.Random(f"{fname}{N}")
    v = random_point(mf, rng)
    fv = {k: float(x) for k, x in v.items()}
    H, c_ops = SYMMETRIC[fname](fv, N)
    vals = {mf.symbol_map[k]: x for k, x in v.items() if mf.symbol_map[k] in model.parameters}
    L_ours = liouvillian_numeric(model, vals)
    L_qt = qt.liouvillian(H, c_ops).full()
    assert abs(L_ours.toarray() - L_qt).max() < 1e-12
    ss = steady_state(model, vals, method="exact" if N <= 2 else "dense" if N <= 4 else "sparse")
    assert ss.unique
    rho = np.array(ss.rho.evalf(30).tolist(), dtype=complex) if N <= 2 else ss.rho
    ref = qt.steadystate(H, c_ops).full()
    assert np.max(np.abs(rho - ref)) < 1e-9


# ----------------------------------------------------------------- the papers' models as files
def cmatrix(rows) -> np.ndarray:
    """A JSON matrix (entries x or [re, im]) as a complex array."""
    return np.array([[complex(*x) if isinstance(x, list) else complex(x) for x in row] for row in rows])


def evaluate(capsys, *args) -> dict:
    rc = main(["evaluate", *map(str, args), "--json"])
    out = capsys.readouterr().out
    assert rc == 0, out
    return json.loads(out)


@pytest.mark.parametrize("g, r, gamma", [(2.5, 10, 1), (1.5, 3.0, 0.7), (7, 4.5, 2)])
def test_hdb_file_reproduces_catalogue(capsys, g, r, gamma):
    f = EXAMPLES / "hdb_reset_ising.toml"
    sets = ["--set", f"g={g}", "--set", f"r={r}", "--set", f"gamma={gamma}"]
    for q_cat, q_file in (("negativity", "negativity"), ("negativity", "pair-negativity")):
        a = evaluate(capsys, "reset-ising", q_cat, *sets)["value"]
        b = evaluate(capsys, f, q_file, *sets)
        assert b["method"] == "exact" and abs(a - b["value"]) < 1e-12
    a = cmatrix(evaluate(capsys, "reset-ising", "steady-state", *sets)["value"])
    b = cmatrix(evaluate(capsys, f, "steady-state", *sets)["value"])
    assert np.max(np.abs(a - b)) < 1e-12
    key = lambda z: (round(z.real, 8), round(z.imag, 8))  # noqa: E731
    sa = sorted((complex(*x) if isinstance(x, list) else complex(x)
                 for x in evaluate(capsys, "reset-ising", "spectrum", *sets)["value"]), key=key)
    sb = sorted((complex(*x) for x in evaluate(capsys, f, "spectrum", *sets)["value"]), key=key)
    assert len(sa) == len(sb) == 16
    assert np.max(np.abs(np.array(sa) - np.array(sb))) < 1e-9


@pytest.mark.parametrize("g, gamma", [(2.5, 1), (0.8, 1.3)])
def test_hdb_file_threshold_equals_catalogue(capsys, g, gamma):
    a = evaluate(capsys, "reset-ising", "threshold-r", "--set", f"g={g}", "--set", f"gamma={gamma}")["value"]
    b = evaluate(capsys, EXAMPLES / "hdb_reset_ising.toml", "threshold", "--set", f"g={g}", "--set",
                 f"gamma={gamma}", "--set", "scan=r")
    assert b["method"] == "exact" and len(a) == len(b["value"])
    for (alo, ahi), (blo, bhi) in zip(a, b["value"]):
        assert abs(alo - blo) < 1e-12 * max(1, abs(alo)) and (ahi is None) == (bhi is None)
        assert ahi is None or abs(ahi - bhi) < 1e-12 * max(1, abs(ahi))


@pytest.mark.parametrize("c, d", [(1, 0.8), (0.9, 1), (1, 1), (0.4, -0.3)])
def test_znidaric_file_reproduces_catalogue(capsys, c, d):
    f = EXAMPLES / "znidaric_xx_chain.toml"
    sets_cat = ["--set", "n=4", "--set", "Gamma=1", "--set", f"c={c}", "--set", f"d={d}"]
    sets_file = ["--set", "Gamma_L=1", "--set", "Gamma_R=1", "--set", f"c={c}", "--set", f"d={d}", "--set", "gamma=0"]
    for j in (1, 2):
        for q_cat, q_file in (("lambda-min", "lambda-min"), ("negativity", "pair-negativity")):
            a = evaluate(capsys, "xx-ness", q_cat, *sets_cat, "--set", f"pair={j}")["value"]
            b = evaluate(capsys, f, q_file, *sets_file, "--set", f"pair={j - 1},{j}")
            assert abs(a - b["value"]) < 1e-12, (q_cat, j)


def test_znidaric_file_with_dephasing_reproduces_catalogue_state(capsys):
    f = EXAMPLES / "znidaric_xx_chain.toml"
    a = evaluate(capsys, "xx-ness", "steady-state", "--set", "n=4", "--set", "Gamma_L=0.7", "--set", "Gamma_R=1.3",
                 "--set", "c=0.5", "--set", "d=1", "--set", "gamma=0.4")["value"]
    b = evaluate(capsys, f, "steady-state", "--set", "Gamma_L=0.7", "--set", "Gamma_R=1.3", "--set", "c=0.5",
                 "--set", "d=1", "--set", "gamma=0.4")["value"]
    assert np.max(np.abs(cmatrix(a) - cmatrix(b))) < 1e-12


# ----------------------------------------------------------------- the permutation engine (after the merge)
def _permutation_engine():
    import symbolic_ness.engines as E
    if not hasattr(E, "PermutationModel"):
        pytest.skip("symbolic_ness.engines.PermutationModel (the permutation engine) is not merged yet")
    return E


@pytest.mark.parametrize("fname", sorted(SYMMETRIC))
def test_permutation_engine_on_symmetric_files(fname):
    E = _permutation_engine()
    mf = read_model_file(EXAMPLES / fname)
    from symbolic_ness import load_model
    assert isinstance(load_model(EXAMPLES / fname), E.PermutationModel)
    v = random_point(mf, random.Random(fname))
    for N in (3, 4):
        ss = E.permutation_steady_state(mf.permutation_model(N), N,
                                        values={mf.symbol_map[k]: x for k, x in v.items()}, method="numeric")
        assert ss.unique
        H, c_ops = SYMMETRIC[fname]({k: float(x) for k, x in v.items()}, N)
        ref = qt.steadystate(H, c_ops).full()
        rho = np.asarray(E.permutation_density_matrix(ss), dtype=complex)
        assert np.max(np.abs(rho - ref)) < 1e-9
        pair = qt.Qobj(ref, dims=[[2] * N, [2] * N]).ptrace([0, 1]).full()
        assert np.max(np.abs(np.asarray(E.permutation_reduced_state(ss, 2), dtype=complex) - pair)) < 1e-9


def test_cli_symmetric_file_uses_the_permutation_engine(capsys):
    _permutation_engine()
    f = EXAMPLES / "all_to_all_reset.toml"
    sets = ["--set", "g=0.7", "--set", "h=-0.3", "--set", "kappa=0.5", "--set", "r=1.2"]
    big = evaluate(capsys, f, "pair-negativity", *sets, "--set", "N=8", "--method", "auto")
    assert big["method"].startswith("permutation")
    small = evaluate(capsys, f, "pair-negativity", *sets, "--set", "N=5", "--method", "auto")
    H, c_ops = all_to_all_reset({"g": 0.7, "h": -0.3, "kappa": 0.5, "r": 1.2}, 5)
    pair = qt.steadystate(H, c_ops).ptrace([0, 1]).full()
    pt = qt.Qobj(pair, dims=[[2, 2], [2, 2]]).full().reshape(2, 2, 2, 2).transpose(2, 1, 0, 3).reshape(4, 4)
    ev = np.linalg.eigvalsh(pt)
    assert abs(small["value"] - float(-ev[ev < 0].sum())) < 1e-9


@pytest.mark.slow
def test_znidaric_file_numeric_threshold_equals_catalogue_edge(capsys):
    edge = evaluate(capsys, "xx-ness", "d-edge", "--set", "c=0.8", "--set", "Gamma=1", "--set", "region=boundary",
                    "--set", "n=4")["value"]
    # auto: a one-symbol threshold on 4 qubits is solved exactly; numeric on request; both at the edge
    for method, expect in (("auto", "exact"), ("numeric", "numeric-bisection")):
        res = evaluate(capsys, EXAMPLES / "znidaric_xx_chain.toml", "threshold", "--set", "Gamma_L=1", "--set",
                       "Gamma_R=1", "--set", "c=0.8", "--set", "gamma=0", "--set", "scan=d", "--set",
                       "quantity=pair-negativity", "--set", "pair=0,1", "--method", method)
        assert res["method"] == expect
        assert len(res["value"]) == 1 and abs(res["value"][0][0] - edge) < 1e-9 and res["value"][0][1] == 1.0


def test_exact_threshold_of_a_three_qubit_file(capsys):
    res = evaluate(capsys, EXAMPLES / "tfi_chain_resets.toml", "threshold", "--set", "J=1", "--set", "h=0.3",
                   "--set", "gamma=0", "--set", "eps=0", "--set", "scan=r", "--set", "cut=0", "--method", "auto")
    assert res["method"] == "exact" and len(res["value"]) == 1
    lo, hi = res["value"][0]
    # the negativity computed independently (QuTiP) changes sign at the edges
    def neg(r):
        H, c = tfi({"J": 1, "h": 0.3, "gamma": 0, "eps": 0, "r": r})
        pt = qt.partial_transpose(qt.steadystate(H, c), [1, 0, 0]).full()
        return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])
    for edge in (lo, hi):
        assert neg(edge * (1 - 1e-6)) * neg(edge * (1 + 1e-6)) < 0
    assert neg((lo + hi) / 2) < 0


@pytest.mark.parametrize("fname", sorted(SYMMETRIC))
def test_permutation_engine_on_symmetric_files_n6_vs_full_liouvillian(fname):
    """N = 6: the permutation engine's full state and pair state against the 4^6-dimensional
    Liouvillian of the expanded file, solved directly (sparse LU with the trace row)."""
    import symbolic_ness.engines as E
    N = 6
    mf = read_model_file(EXAMPLES / fname)
    v = random_point(mf, random.Random(f"{fname}-6"))
    ss = E.permutation_steady_state(mf.permutation_model(N), N,
                                    values={mf.symbol_map[k]: x for k, x in v.items()}, method="numeric")
    assert ss.unique and ss.residual < 1e-9
    model = expand_symmetric(mf, N)
    L = liouvillian_numeric(model, {mf.symbol_map[k]: x for k, x in v.items()
                                    if mf.symbol_map[k] in model.parameters}).tocsr()
    d = 2 ** N
    x = trace_pinned_null_vector(L, d)
    assert np.linalg.norm(L @ x) < 1e-9
    ref = x.reshape(d, d, order="F")
    rho = np.asarray(E.permutation_density_matrix(ss), dtype=complex)
    assert np.max(np.abs(rho - ref)) < 1e-9
    pair = qt.Qobj(ref, dims=[[2] * N, [2] * N]).ptrace([0, 1]).full()
    assert np.max(np.abs(np.asarray(E.permutation_reduced_state(ss, 2), dtype=complex) - pair)) < 1e-9
