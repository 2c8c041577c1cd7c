"""Model files: reading, checks with the key and line named, and the CLI on files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy as sp

from symbolic_ness import Model, ParameterError, load_model
from symbolic_ness.app import main
from symbolic_ness.engines import choose_engine, read_model_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

GOOD = """\
sites = 2
normalization = "standard"
hamiltonian = "J*(X0*X1 + Y0*Y1) + Delta*Z0*Z1 + h*Z0"

[parameters]
J = "real"
Delta = "real"
h = "real"
kappa = "positive"
p = "nonnegative"
c = "[-1, 1]"

[[jump]]
operator = "Sm0"
rate = "kappa*(1 + c)"

[[jump]]
operator = "Sp1"
rate = "p"
"""


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_load_model_explicit():
    m = load_model(GOOD)
    assert isinstance(m, Model) and m.n == 2 and m.normalization == "standard"
    byname = {s.name: s for s in m.parameters}
    assert byname["kappa"].is_positive and byname["p"].is_nonnegative and byname["J"].is_real
    assert dict(m.constraints) == {byname["c"]: (-1, 1)}  # interval: real symbol + recorded bounds
    assert m.jumps[0].rate == byname["kappa"] * (1 + byname["c"])


def test_values_are_exact_and_checked():
    mf = read_model_file(GOOD)
    assert mf.value("kappa", 0.1) == sp.Rational(1, 10) and mf.value("kappa", "0.1") == sp.Rational(1, 10)
    assert mf.value("J", "sqrt(2)/2") == sp.sqrt(2) / 2
    for name, bad in (("kappa", "0"), ("p", "-1"), ("c", "1.5"), ("J", "i"), ("J", "X0")):
        with pytest.raises(ParameterError, match=name):
            mf.value(name, bad)


def test_choose_engine_reports_what_and_why():
    mf = read_model_file(GOOD)
    vals = {"J": 1, "Delta": 1, "h": 1, "kappa": 1, "p": 1, "c": 0}
    assert choose_engine(mf, "steady-state", vals)[0] == "exact"
    assert choose_engine(mf, "steady-state", vals, "numeric") == ("numeric", "requested (--method numeric)")
    chain = read_model_file(EXAMPLES / "znidaric_xx_chain.toml")
    meth, why = choose_engine(chain, "steady-state", {"c": 1})
    assert meth == "numeric" and "free symbols" in why


def bad_file(tmp_path, text, name="bad.toml"):
    p = tmp_path / name
    p.write_text(text)
    return p


BROKEN = [
    # (file text, what the one-line message must contain)
    (GOOD.replace("h*Z0", "h*Q0"), ["hamiltonian", "line 3", "unknown name 'Q0'"]),
    (GOOD.replace("h*Z0", "h*Z5"), ["hamiltonian", "line 3", "site 5", "0 <= k <= 1"]),
    (GOOD.replace("h*Z0", "hh*Z0"), ["hamiltonian", "unknown name 'hh'"]),
    (GOOD.replace("h*Z0", "h*X0*Y0"), ["hamiltonian", "Hermitian", "Z0"]),
    (GOOD.replace('rate = "p"', 'rate = "-p"'), ["jump[2].rate", "line 19", "rate >= 0"]),
    (GOOD.replace('rate = "kappa*(1 + c)"', 'rate = "kappa*c"'), ["jump[1].rate", "line 15", "negative"]),
    (GOOD + '[[reset]]\nsite = 0\nstate = [["1", "1"], ["1", "0"]]\nrate = "p"\n',
     ["reset[1].state", "line 22", "density matrix"]),
    (GOOD + '[[reset]]\nsite = 0\nstate = [["1", "0"], ["0", "1"]]\nrate = "p"\n', ["reset[1].state", "trace 1"]),
    (GOOD + '[[reset]]\nsite = 2\nstate = "+"\nrate = "p"\n', ["reset[1].site", "line 21", "0 <= site <= 1"]),
    (GOOD.replace("hamiltonian =", "hamiltonain ="), ["hamiltonain", "line 3", "known key"]),
    (GOOD.replace('operator = "Sp1"', 'operator = "Sp1"\nrates = "p"'), ["jump[2].rates", "line 19"]),
    (GOOD.replace("J*(X0*X1", "__import__('os').system('touch pwned')+J*(X0*X1"), ["hamiltonian", "line 3"]),
    (GOOD.replace("h*Z0", "X0.__class__"), ["hamiltonian", "unexpected character '.'"]),
    (GOOD.replace("h*Z0", "lambda: 0"), ["hamiltonian", "unexpected character ':'"]),
    (GOOD.replace("h*Z0", "(" * 10 ** 6 + ")" * 10 ** 6), ["hamiltonian", "at most 10000 characters"]),
    (GOOD.replace('J = "real"', 'J = "complex"'), ["parameters.J", "line 6", "positive | nonnegative"]),
    (GOOD.replace('c = "[-1, 1]"', 'c = "[1, -1]"'), ["parameters.c", "a < b"]),
    (GOOD.replace("sites = 2", "sites = 0"), ["sites", "line 1"]),
    (GOOD.replace('normalization = "standard"', 'normalization = "half"'), ["normalization", "line 2"]),
    (GOOD.replace('[parameters]', '[parameters\n'), ["bad.toml", "TOML", "line 5"]),
    ('symmetric = true\nsites = "N"\nhamiltonian = "g*Z_j"\n[parameters]\ng = "real"\n',
     ["hamiltonian", "line 3", "_j without _i"]),
    ('symmetric = true\nsites = "N"\nhamiltonian = "g*X_i*Z_j"\n[parameters]\ng = "real"\n',
     ["hamiltonian", "symmetric under i <-> j"]),
    ('symmetric = true\nsites = "N"\nhamiltonian = "g*Z0"\n[parameters]\ng = "real"\n',
     ["hamiltonian", "generic sites"]),
    ('sites = 1\nhamiltonian = "g*Z_i"\n[parameters]\ng = "real"\n', ["hamiltonian", "symmetric = true"]),
]


@pytest.mark.parametrize("text, needles", BROKEN, ids=range(len(BROKEN)))
def test_broken_files_exit_2_naming_the_key(tmp_path, capsys, monkeypatch, text, needles):
    monkeypatch.chdir(tmp_path)
    p = bad_file(tmp_path, text)
    rc, out, err = run(capsys, "evaluate", p, "negativity", "--set", "J=1")
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    assert not (tmp_path / "pwned").exists()


def test_broken_file_subprocess_has_no_traceback(tmp_path, cli):
    p = bad_file(tmp_path, GOOD.replace("h*Z0", "__import__('os').system('touch pwned')"))
    res = cli("evaluate", p, "negativity")
    assert res.returncode == 2 and "Traceback" not in res.stderr and "hamiltonian" in res.stderr
    assert not Path("pwned").exists() and not (tmp_path / "pwned").exists()


def test_unknown_quantity_and_bad_values(capsys):
    f = EXAMPLES / "hdb_reset_ising.toml"
    rc, _, err = run(capsys, "evaluate", f, "entanglement-of-formation")  # ("entropy" is a quantity since issue 23)
    assert rc == 2 and "QUANTITY" in err and "pair-negativity" in err
    rc, _, err = run(capsys, "evaluate", f, "negativity", "--set", "g=1", "--set", "gamma=1", "--set", "r=-1")
    assert rc == 2 and "'r'" in err and "r >= 0" in err
    rc, _, err = run(capsys, "evaluate", f, "negativity", "--set", "g=1", "--set", "gamma=1")
    assert rc == 2 and "--set r=" in err
    rc, _, err = run(capsys, "evaluate", f, "negativity", "--set", "g=1", "--set", "gamma=1", "--set", "r=1",
                     "--set", "cut=0,1")
    assert rc == 2 and "cut" in err


def test_non_unique_steady_state_exit_3_and_json(capsys):
    f = EXAMPLES / "hdb_reset_ising.toml"
    rc, out, err = run(capsys, "evaluate", f, "negativity", "--set", "g=1", "--set", "r=0", "--set", "gamma=1",
                       "--json")
    assert rc == 3 and "null-space dimension 4" in err
    js = json.loads(out)
    assert js["nullity"] == 4 and js["unique"] is False and js["value"] is None
    rc, out, err = run(capsys, "evaluate", f, "steady-state", "--set", "g=1", "--set", "r=0", "--set", "gamma=1",
                       "--method", "numeric")
    assert rc == 3 and "null-space dimension 4" in err


def test_method_auto_reports_what_ran(capsys):
    f = EXAMPLES / "xxz_two_qubit_driven.toml"
    sets = ["--set", "J=1", "--set", "Delta=0.5", "--set", "h=0.3", "--set", "kappa=1", "--set", "p=0.5"]
    rc, out, _ = run(capsys, "evaluate", f, "pair-negativity", *sets, "--method", "auto", "--json")
    exact = json.loads(out)
    assert rc == 0 and exact["method"] == "exact"
    rc, out, _ = run(capsys, "evaluate", f, "pair-negativity", *sets, "--method", "numeric", "--json")
    num = json.loads(out)
    assert num["method"] == "numeric" and abs(num["value"] - exact["value"]) < 1e-9


def test_latex_derive_lambdify(capsys):
    f = EXAMPLES / "hdb_reset_ising.toml"
    rc, out, _ = run(capsys, "latex", f, "steady-state", "--set", "gamma=1")
    assert rc == 0 and out.startswith(r"\rho_{\mathrm{ss}} = ") and "g" in out and "r" in out
    rc, out, _ = run(capsys, "latex", f, "threshold", "--set", "gamma=1", "--set", "g=5/2", "--set", "scan=r")
    assert rc == 0 and out.startswith(r"\mathcal{N} > 0 \iff ") and out.strip().endswith("< r")  # unbounded above
    rc, out, _ = run(capsys, "derive", f, "--set", "gamma=1")
    assert rc == 0 and "== engine" in out and "exact" in out and "nullity 1" in out
    rc, out, _ = run(capsys, "lambdify", f, "pair-negativity", "--set", "gamma=1")
    assert rc == 0 and out.startswith("pair-negativity(g, r)") and "us/point" in out
