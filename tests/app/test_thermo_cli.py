"""CLI quantities of thermal model files: concurrence, entropy, mutual information, fidelity,
heat currents and entropy production on the two example machines, against QuTiP (numbers built
here by hand), and the one-line bad-input errors (exit 2)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import qutip as qt

from symbolic_ness.app import main

EX = Path(__file__).resolve().parents[2] / "examples"
MACHINE = ["--set", "g=0.1", "--set", "gamma_h=0.01", "--set", "n_h=10", "--set", "n_c=0.05"]


def _machine():
    sm = [qt.tensor([qt.destroy(2).dag() if k == i else qt.qeye(2) for k in range(2)]) for i in range(2)]
    sz = [qt.tensor([qt.sigmaz() if k == i else qt.qeye(2) for k in range(2)]) for i in range(2)]
    H = (sz[0] + sz[1]) / 2 + 0.1 * (sm[0].dag() * sm[1] + sm[0] * sm[1].dag())
    hot = [np.sqrt(0.01 * 11) * sm[0], np.sqrt(0.01 * 10) * sm[0].dag()]
    cold = [np.sqrt(1.05) * sm[1], np.sqrt(0.05) * sm[1].dag()]
    return H, hot, cold, qt.steadystate(H, hot + cold)


def _run(capsys, *args):
    rc = main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _value(capsys, *args):
    rc, out, err = _run(capsys, "evaluate", EX / "thermal_machine_two_qubit.toml", *args, *MACHINE, "--json")
    assert rc == 0, err
    return json.loads(out)["value"]


def test_machine_quantities_against_qutip(capsys):
    H, hot, cold, rho = _machine()
    assert abs(_value(capsys, "concurrence") - qt.concurrence(rho)) < 1e-9
    assert abs(_value(capsys, "mutual-information", "--set", "cut=0") - qt.entropy_mutual(rho, 0, 1, base=2)) < 1e-9
    D = sum(qt.lindblad_dissipator(c) for c in hot)
    J = qt.expect(H, qt.vector_to_operator(D * qt.operator_to_vector(rho)))
    assert abs(_value(capsys, "heat-current", "--set", "bath=hot") - J) < 1e-9
    # sigma = -J_h/T_h - J_c/T_c with 1/T = ln(1 + 1/n) at frequency 1 (J_c = -J_h in the steady state)
    sigma = -J * np.log(1 + 1 / 10) + J * np.log(1 + 1 / 0.05)
    assert abs(_value(capsys, "entropy-production") - sigma) < 1e-9 and sigma > 0


def test_bad_thermal_input_is_one_line_exit_2(cli, capsys, tmp_path):
    rc, _, err = _run(capsys, "evaluate", EX / "thermal_machine_two_qubit.toml", "heat-current", *MACHINE, "--set", "bath=warm")
    assert rc == 2 and "hot, cold" in err and len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('sites = 1\nhamiltonian = "Z0/2"\n[[bath]]\noperator = "Sm0"\noccupation = "-1"\n')
    p = cli("evaluate", str(bad), "steady-state")
    assert p.returncode == 2 and "[0, inf) (Bose)" in p.stderr and len(p.stderr.strip().splitlines()) == 1
