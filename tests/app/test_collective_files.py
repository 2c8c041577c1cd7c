"""Collective jumps in symmetric model files: the example files through the CLI against the
explicit 2^N expansion (independent path: core Model + null space), exit 3 with the number of
total-spin sectors, the new quantities, and the one-line errors (exit 2)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from symbolic_ness.app import main
from symbolic_ness.core import steady_state
from symbolic_ness.engines import read_model_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CRF = EXAMPLES / "cooperative_resonance_fluorescence.toml"
LASER = EXAMPLES / "superradiant_laser.toml"


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _value(out):
    try:
        return json.loads(out)["value"]
    except (ValueError, KeyError, TypeError):
        return float(out.strip().splitlines()[-1])


def _full(path, N, vals):
    mf = read_model_file(path)
    m = mf.expand(N)
    sv = {s: mf.value(s.name, vals[s.name]) for s in m.parameters}
    return np.asarray(steady_state(m, sv, method="numeric").rho, dtype=complex)


def _J(N):
    from symbolic_ness.core import embed, sigma_minus, sigma_x, sigma_y, sigma_z
    f = lambda P: sum(np.asarray(embed(P, i, N).evalf(), dtype=complex) for i in range(N))  # noqa: E731
    return f(sigma_x()) / 2, f(sigma_y()) / 2, f(sigma_z()) / 2, f(sigma_minus())


def _qutip_by_hand(name, v, N):
    """The example files' physics written directly in QuTiP (sigma+ = |0><1| = qt.sigmap())."""
    import qutip as qt
    op = lambda o, k: qt.tensor([o if j == k else qt.qeye(2) for j in range(N)])  # noqa: E731
    Jm = sum(op(qt.sigmam(), k) for k in range(N))
    if name == "crf":
        H = v["Omega"] / 2 * sum(op(qt.sigmax(), k) for k in range(N))
        c = [np.sqrt(v["kappa"]) * Jm] + [np.sqrt(v["gamma"]) * op(qt.sigmam(), k) for k in range(N)]
    else:
        H = 0 * op(qt.sigmaz(), 0)
        c = ([np.sqrt(v["kappa"]) * Jm] + [np.sqrt(v["w"]) * op(qt.sigmap(), k) for k in range(N)]
             + [np.sqrt(v["gamma_phi"] / 2) * op(qt.sigmaz(), k) for k in range(N)])
    return qt.steadystate(H, c).full()


@pytest.mark.parametrize("name,path,v", [("crf", CRF, {"Omega": 1.7, "kappa": 0.9, "gamma": 0.3}),
                                         ("laser", LASER, {"kappa": 1.1, "w": 2.3, "gamma_phi": 0.4})])
@pytest.mark.parametrize("N", [3, 4])
def test_example_files_against_qutip_by_hand(name, path, v, N):
    from symbolic_ness.engines import permutation_density_matrix, permutation_steady_state
    mf = read_model_file(path)
    ss = permutation_steady_state(mf.permutation_model(N), N, {k: str(x) for k, x in v.items()}, method="numeric")
    rho = permutation_density_matrix(ss)
    assert np.abs(rho - _qutip_by_hand(name, v, N)).max() < 1e-9


def test_expansion_has_one_collective_jump():
    mf = read_model_file(CRF)
    m = mf.expand(3)
    assert len(m.jumps) == 1 + 3  # J_- once, local decay on every site
    pm = mf.permutation_model(3)
    assert len(pm.collective) == 1 and len(pm.one_site.jumps) == 1


@pytest.mark.parametrize("quantity", ["emission-rate", "purity", "spin-squeezing", "expectation"])
def test_crf_quantities_against_explicit_expansion(capsys, quantity):
    N, vals = 4, {"Omega": "2", "kappa": "1", "gamma": "0.05"}
    extra = ["--set", "op=Z_i*Z_j + X_i"] if quantity == "expectation" else []
    rc, out, err = run(capsys, "evaluate", CRF, quantity, "--set", f"N={N}",
                       *sum((["--set", f"{k}={v}"] for k, v in vals.items()), []), *extra)
    assert rc == 0, err
    got = float(_value(out))
    rho = _full(CRF, N, vals)
    Jx, Jy, Jz, Jm = _J(N)
    if quantity == "emission-rate":
        ref = np.trace(rho @ Jm.conj().T @ Jm).real
    elif quantity == "purity":
        ref = np.trace(rho @ rho).real
    elif quantity == "expectation":  # sum_{i<j} Z_i Z_j + sum_i X_i = 2 (J_z^2 - N/4) + 2 J_x
        ref = np.trace(rho @ (2 * (Jz @ Jz - N / 4 * np.eye(2 ** N)) + 2 * Jx)).real
    else:
        m = np.array([np.trace(rho @ J).real for J in (Jx, Jy, Jz)])
        n = m / np.linalg.norm(m)
        plane = np.linalg.svd(n[None, :])[2][1:]
        C = np.array([[np.trace(rho @ (A @ B + B @ A)).real / 2 for B in (Jx, Jy, Jz)] for A in (Jx, Jy, Jz)])
        C -= np.outer(m, m)
        ref = N * np.linalg.eigvalsh(plane @ C @ plane.T)[0] / (m @ m)
    assert abs(got - ref) < 1e-9


def test_collective_only_is_not_unique_exit_3(capsys):
    rc, out, err = run(capsys, "evaluate", CRF, "emission-rate", "--set", "N=7", "--set", "Omega=2",
                       "--set", "kappa=1", "--set", "gamma=0")
    assert rc == 3 and "null-space dimension 4" in err  # total spins 7/2, 5/2, 3/2, 1/2


def test_laser_exact_and_large_N(capsys):
    rc, out, err = run(capsys, "evaluate", LASER, "emission-rate", "--set", "N=3", "--set", "kappa=1",
                       "--set", "w=2", "--set", "gamma_phi=0", "--method", "exact")
    assert rc == 0, err
    rho = _full(LASER, 3, {"kappa": "1", "w": "2", "gamma_phi": "0"})
    Jm = _J(3)[3]
    assert abs(float(_value(out)) - np.trace(rho @ Jm.conj().T @ Jm).real) < 1e-12
    rc, out, err = run(capsys, "evaluate", LASER, "emission-rate", "--set", "N=30", "--set", "kappa=1",
                       "--set", "w=6", "--set", "gamma_phi=0.5")
    assert rc == 0, err
    assert 30 < float(_value(out)) < 30 ** 2  # inside the lasing window: above independent emission


COLL_EXPLICIT = """\
sites = 2
hamiltonian = "0"
[parameters]
k = "positive"
[[jump]]
operator = "Sm0 + Sm1"
rate = "k"
collective = true
"""

SYM = """\
symmetric = true
sites = "N"
hamiltonian = "0"
[parameters]
k = "positive"
[[jump]]
operator = "{op}"
rate = "k"
collective = {flag}
"""


@pytest.mark.parametrize("text,what", [
    (COLL_EXPLICIT, "only in a symmetric file"),
    (SYM.format(op="Sm_i*Sm_j", flag="true"), "two-site"),
    (SYM.format(op="Sm_i", flag='"yes"'), "true or false"),
])
def test_bad_collective_one_line_exit_2(capsys, tmp_path, text, what):
    p = tmp_path / "bad.toml"
    p.write_text(text)
    rc, out, err = run(capsys, "evaluate", p, "purity", "--set", "N=3", "--set", "k=1")
    assert rc == 2 and what in err and "jump[1]" in err and len(err.strip().splitlines()) == 1, err


def test_size_out_of_range_names_what_works(capsys):
    rc, out, err = run(capsys, "evaluate", CRF, "purity", "--set", "N=200", "--set", "Omega=2",
                       "--set", "kappa=1", "--set", "gamma=0.1")
    assert rc == 2 and "N <=" in err and len(err.strip().splitlines()) == 1, err
