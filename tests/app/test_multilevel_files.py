"""Model files with sites of any dimension (``dims``): the issue-19 syntax, every quantity on the
example files against QuTiP models built here by hand, and the bad inputs (one line, exit 2)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import qutip as qt

from symbolic_ness.app import main
from symbolic_ness.engines import read_model_file

EX = Path(__file__).resolve().parents[2] / "examples"


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def value(capsys, path, quantity, vals, *extra):
    sets = [x for k, v in vals.items() for x in ("--set", f"{k}={v}")]
    rc, out, err = run(capsys, "evaluate", path, quantity, *sets, *extra, "--json")
    assert rc == 0, err
    return json.loads(out)


def _complex(v):
    return complex(*v) if isinstance(v, list) else complex(v)


def _matrix(rows):
    return np.array([[_complex(x) for x in row] for row in rows])


def P(d, a, b):
    return qt.basis(d, a) * qt.basis(d, b).dag()


# ------------------------------------------------------------------ QuTiP models built by hand
def eit(v):
    H = -v["Delta"] * (P(3, 0, 0) + P(3, 2, 2)) + v["Op"] / 2 * (P(3, 0, 1) + P(3, 1, 0)) \
        + v["Oc"] / 2 * (P(3, 0, 2) + P(3, 2, 0))
    return H, [np.sqrt(v["Gamma"] / 2) * P(3, 1, 0), np.sqrt(v["Gamma"] / 2) * P(3, 2, 0)]


def spin1(v):
    Sz, Sx = qt.jmat(1, "z"), qt.jmat(1, "x")  # diag(1, 0, -1): level 0 is m = +1
    H = v["D"] * Sz * Sz + v["B"] * Sz + v["Omega"] * Sx
    return H, [np.sqrt(v["gamma"]) * P(3, 1, 0), np.sqrt(v["gamma"]) * P(3, 1, 2)]


def jc(v):
    a = qt.tensor(qt.destroy(4), qt.qeye(2))
    sp_ = qt.tensor(qt.qeye(4), qt.sigmap())  # |0><1|: raises the atom (|0> excited)
    H = v["Delta"] * a.dag() * a + v["g"] * (a.dag() * sp_.dag() + a * sp_)
    return H, [np.sqrt(v["kappa"]) * a, np.sqrt(v["P"]) * sp_]


def qutrit_qubit(v):
    T = lambda a, b: qt.tensor(P(3, a, b), qt.qeye(2))  # noqa: E731
    sp_ = qt.tensor(qt.qeye(3), qt.sigmap())
    H = v["J"] * (T(1, 0) * sp_ + T(0, 1) * sp_.dag()) + v["Omega"] * (T(1, 2) + T(2, 1)) \
        + v["Delta"] * T(2, 2) + v["Omega_q"] * qt.tensor(qt.qeye(3), qt.sigmax())
    return H, [np.sqrt(v["kappa"]) * sp_.dag(), np.sqrt(v["gamma"]) * T(2, 1)]


CASES = [
    ("eit_lambda_atom.toml", eit, {"Delta": 0.3, "Op": 0.7, "Oc": 1.3, "Gamma": 1.1}),
    ("spin1_zero_field.toml", spin1, {"D": 2.87, "B": 0.4, "Omega": 0.3, "gamma": 0.9}),
    ("jaynes_cummings_pumped.toml", jc, {"Delta": 0.2, "g": 1.1, "kappa": 0.6, "P": 0.45}),
    ("qutrit_qubit_entangled.toml", qutrit_qubit, {"J": 2, "Omega": 0.5, "Delta": 1, "Omega_q": 0.3,
                                                    "kappa": 0.6, "gamma": 1.2}),
]


@pytest.mark.parametrize("name,build,vals", CASES, ids=[c[0] for c in CASES])
def test_steady_state_purity_expectation_vs_qutip(capsys, name, build, vals):
    H, c_ops = build(vals)
    ref = qt.steadystate(H, c_ops).full()
    r = value(capsys, EX / name, "steady-state", vals)
    assert r["method"] == "exact"
    assert np.abs(_matrix(r["value"]) - ref).max() < 1e-9
    assert abs(value(capsys, EX / name, "purity", vals)["value"] - np.trace(ref @ ref).real) < 1e-9
    dims = read_model_file(EX / name).dims
    op = "T0(1,0)"  # <|1><0|> on site 0: a complex coherence, printed [re, im]
    e = _complex(value(capsys, EX / name, "expectation", {**vals, "op": op})["value"])
    O = qt.tensor(P(dims[0], 1, 0), *[qt.qeye(d) for d in dims[1:]]) if len(dims) > 1 else P(dims[0], 1, 0)
    assert abs(e - np.trace(ref @ O.full())) < 1e-9
    ev = np.array([_complex(z) for z in value(capsys, EX / name, "spectrum", vals, "--method", "numeric")["value"]])
    evq = np.linalg.eigvals(qt.liouvillian(H, c_ops).full())
    from scipy.optimize import linear_sum_assignment
    cost = np.abs(ev[:, None] - evq[None, :])
    i, j = linear_sum_assignment(cost)
    assert cost[i, j].max() < 1e-8


def test_entanglement_quantities_qutrit_qubit_vs_qutip(capsys):
    name, build, vals = CASES[3]
    H, c_ops = build(vals)
    rho = qt.steadystate(H, c_ops)
    ev = np.linalg.eigvalsh(qt.partial_transpose(rho, [1, 0]).full())
    neg = float(-ev[ev < 0].sum())
    assert neg > 0.05
    for q, extra, want in (("negativity", {"cut": "0"}, neg), ("negativity", {"cut": "1"}, neg),
                           ("pair-negativity", {"pair": "1,0"}, neg), ("lambda-min", {"pair": "0,1"}, ev[0]),
                           ("log-negativity", {"cut": "0"}, np.log2(2 * neg + 1))):
        assert abs(value(capsys, EX / name, q, {**vals, **extra})["value"] - want) < 1e-9, q


def test_threshold_edges_are_zeros_of_lambda_min(capsys):
    name, build, vals = CASES[3]
    fixed = {k: v for k, v in vals.items() if k != "Omega_q"}
    out = value(capsys, EX / name, "threshold", {**fixed, "scan": "Omega_q", "range": "-3,3"}, "--method",
                "numeric")["value"]
    edges = sorted({x for iv in out for x in iv if x not in (None, 0.0)})
    assert edges
    for x in edges:  # lambda_min of the PT changes sign at every reported edge (QuTiP)
        lm = []
        for s in (x - 1e-4, x + 1e-4):
            H, c = build({**vals, "Omega_q": s})
            lm.append(np.linalg.eigvalsh(qt.partial_transpose(qt.steadystate(H, c), [1, 0]).full())[0])
        assert lm[0] * lm[1] < 0


def test_eit_transparency_exact_and_closed_forms(capsys):
    # at two-photon resonance the probe coherence is exactly 0 (dark state), for every Rabi frequency
    r = value(capsys, EX / "eit_lambda_atom.toml", "expectation",
              {"Delta": 0, "Op": 0.37, "Oc": 2.5, "Gamma": 0.8, "op": "T0(1,0)"})
    assert r["method"] == "exact" and r["value"] == 0
    rc, out, _ = run(capsys, "latex", EX / "eit_lambda_atom.toml", "expectation", "--set", "op=T0(1,0)",
                     "--set", "Gamma=1", "--set", "Oc=1")
    assert rc == 0 and r"\langle O\rangle" in out and r"\Delta" in out
    rc, out, _ = run(capsys, "codegen", EX / "eit_lambda_atom.toml", "purity", "--set", "Gamma=1", "--set", "Oc=1")
    assert rc == 0 and "def purity" in out


def test_syntax_reads_as_issue_states():
    mf = read_model_file('dims = [3, 2]\nhamiltonian = "w*n0 + J*(T0(0,1)*Sp1 + T0(1,0)*Sm1) + h*Sz0 + e*Z1"\n'
                         '[parameters]\nw = "real"\nJ = "real"\nh = "real"\ne = "real"\n'
                         '[[reset]]\nsite = 0\nstate = [["1/2","0","0"],["0","1/2","0"],["0","0","0"]]\nrate = "1"\n'
                         '[[reset]]\nsite = 1\nstate = "1"\nrate = "1"')
    m = mf.model()
    assert m.dims == (3, 2) and mf.sites == 2 and m.resets[0].state.shape == (3, 3)


BAD = [
    ('dims = [3, 1]\nhamiltonian = "Sz0"', "dims", "each >= 2"),
    ('dims = [3, 2.5]\nhamiltonian = "Sz0"', "dims", "integer"),
    ('dims = [3, 2]\nsites = 3\nhamiltonian = "Sz0"', "sites", "length of dims"),
    ('dims = [3]\nhamiltonian = "T0(3,0) + T0(0,3)"', "hamiltonian", "levels 0 <= a, b <= 2"),
    ('dims = [3]\nhamiltonian = "X0"', "hamiltonian", "use Sx0"),
    ('dims = [3]\nhamiltonian = "Sz0"\n[[reset]]\nsite = 0\nstate = [["1","0"],["0","0"]]', "state", "3x3"),
    ('dims = [3]\nhamiltonian = "i*T0(0,1)"', "hamiltonian", "Hermitian"),
    ('dims = [32, 33]\nhamiltonian = "n0"', "dims", "dimension <= 1024"),
    ('dims = [3]\nhamiltonian = "Sx0"\n[parameters]\na0 = "real"', "a0", "not an operator name"),
    ('dims = [3]\nsymmetric = true\nsites = "N"\nhamiltonian = "Sx_i"', "dims", "symmetric"),
]


@pytest.mark.parametrize("text,key,why", BAD, ids=[b[1] + str(k) for k, b in enumerate(BAD)])
def test_bad_input_one_line_exit_2(capsys, tmp_path, text, key, why):
    f = tmp_path / "bad.toml"
    f.write_text(text)
    rc, out, err = run(capsys, "evaluate", f, "steady-state")
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert key in err and why in err


def test_too_large_for_exact_says_what_works(capsys, tmp_path):
    f = tmp_path / "big.toml"
    f.write_text('dims = [9, 8]\nhamiltonian = "n0 + Sz1"\n[[jump]]\noperator = "a0"\n')
    rc, _, err = run(capsys, "evaluate", f, "purity", "--method", "exact")
    assert rc == 2 and "5184 unknowns" in err and "--method numeric" in err
