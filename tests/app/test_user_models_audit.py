"""A user's own model files end to end (session-4 audit): five example files that are not the
papers', every CLI verb on them, values against QuTiP models built by hand from the physics
(so the parser, the file semantics and the solvers are all checked), and the error behaviour
of broken files (one line naming the key, exit 2)."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import qutip as qt
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.app import main
from symbolic_ness.engines import choose_engine, read_model_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
X, Y, Z, SP, SM = qt.sigmax(), qt.sigmay(), qt.sigmaz(), qt.sigmap(), qt.sigmam()


def op(single, k, n):
    return qt.tensor([single if j == k else qt.qeye(2) for j in range(n)])


def reset_ops(probs_kets, rate, k, n):
    """Reset of qubit k to sum_m p_m |m><m|: sqrt(r p_m) |m><j|_k (j = 0, 1)."""
    return [np.sqrt(rate * p) * op(ket * qt.basis(2, j).dag(), k, n) for p, ket in probs_kets for j in range(2)]


# ----------------------------------------------------------------- QuTiP models by hand
def ring(v):
    n = 3
    H = v["J"] * sum(op(Z, a, n) * op(Z, (a + 1) % n, n) for a in range(n)) + v["h"] * sum(op(X, k, n) for k in range(n))
    c = [np.sqrt(v["kappa"]) * sum(op(SM, k, n) for k in range(n))]  # ONE collective jump operator
    return H, c + [np.sqrt(v["gamma"] / 2) * op(Z, k, n) for k in range(n)]


def driven_reset(v):
    n = 2
    H = v["Omega"] * op(X, 0, n) + v["delta"] * op(Z, 0, n) + v["J"] * (op(X, 0, n) * op(X, 1, n) + op(Y, 0, n) * op(Y, 1, n))
    return H, reset_ops([(1.0, qt.basis(2, 1))], v["r"], 1, n)


def chiral(v):
    n = 2
    H = (v["D"] * (op(X, 0, n) * op(Y, 1, n) - op(Y, 0, n) * op(X, 1, n)) + v["b"] * op(Y, 0, n)
         + 1j * v["J"] * (op(SM, 0, n) * op(SP, 1, n) - op(SP, 0, n) * op(SM, 1, n)))
    return H, [np.sqrt(v["kappa"]) * (op(SM, 0, n) + 1j * op(SM, 1, n)), np.sqrt(v["p"]) * op(SP, 1, n)]


def xy_float(v):
    n = 3
    H = sum(op(X, a, n) * op(X, a + 1, n) + 0.6 * op(Y, a, n) * op(Y, a + 1, n) for a in range(2))
    H += v["h"] * sum(op(Z, k, n) for k in range(n))
    k, nt = v["kappa"], v["n_th"]
    c = [np.sqrt(k * (1 + nt)) * op(SM, 0, n), np.sqrt(k * nt) * op(SP, 0, n),
         np.sqrt(1.5 * k * (1 + nt)) * op(SM, 2, n), np.sqrt(1.5 * k * nt) * op(SP, 2, n)]
    return H, c + reset_ops([(0.75, qt.basis(2, 0)), (0.25, qt.basis(2, 1))], v["r"], 1, n)


def dephasing_only(v):
    n = 2
    H = v["J"] * (op(X, 0, n) * op(X, 1, n) + op(Y, 0, n) * op(Y, 1, n)) + v["Delta"] * op(Z, 0, n) * op(Z, 1, n)
    return H, [np.sqrt(v["gamma"]) * op(Z, k, n) for k in range(n)]


# file: (QuTiP builder, an entangled point found by a QuTiP scan, sites)
MODELS = {
    "tfi_ring_collective_decay.toml": (ring, dict(J=-2.72, h=0.87, kappa=0.15, gamma=0.004), 3),
    "driven_reset_pair.toml": (driven_reset, dict(Omega=-0.76, delta=-0.25, J=-2.5, r=0.14), 2),
    "chiral_dm_pair.toml": (chiral, dict(D=2.62, J=-2.49, b=-0.29, kappa=5.96, p=0.17), 2),
    "xy_chain_float.toml": (xy_float, dict(h=-1.32, kappa=4.87, n_th=0.0, r=0.14), 3),
}
COVERED = set(MODELS) | {"dephasing_only_pair.toml"}


def sets(v: dict) -> list:
    return [a for k, x in v.items() for a in ("--set", f"{k}={x}")]


def evaluate(capsys, fname, quantity, v, *extra) -> dict:
    rc = main(["evaluate", str(EXAMPLES / fname), quantity, *sets(v), *map(str, extra), "--json"])
    out = capsys.readouterr()
    assert rc == 0, out.err
    return json.loads(out.out)


def cmatrix(rows) -> np.ndarray:
    return np.array([[complex(*x) if isinstance(x, list) else complex(x) for x in row] for row in rows])


def qt_negativity(rho, A, n):
    """Negativity and lambda_min of the partial transpose (QuTiP)."""
    r = qt.Qobj(rho, dims=[[2] * n, [2] * n])
    ev = np.linalg.eigvalsh(qt.partial_transpose(r, [1 if k in A else 0 for k in range(n)]).full())
    return -ev[ev < 0].sum(), ev[0]


def qt_reduced(rho, keep, n):
    return qt.Qobj(rho, dims=[[2] * n, [2] * n]).ptrace(list(keep)).full() if len(keep) < n else rho


# ----------------------------------------------------------------- the files against QuTiP
@pytest.mark.parametrize("fname", sorted(MODELS))
def test_state_and_entanglement_vs_qutip(capsys, fname):
    fn, v, n = MODELS[fname]
    H, c = fn(v)
    ref = qt.steadystate(H, c).full()
    d = evaluate(capsys, fname, "steady-state", v)
    assert d["method"] == "exact"
    assert np.max(np.abs(cmatrix(d["value"]) - ref)) < 1e-9
    num = evaluate(capsys, fname, "steady-state", v, "--method", "numeric")
    assert num["method"] == "numeric" and np.max(np.abs(cmatrix(num["value"]) - ref)) < 1e-9
    # the cut (every bipartition up to swapping) and every pair
    cuts = [[0]] + ([[1], [0, 2]] if n == 3 else [])
    for cut in cuts:
        want, _ = qt_negativity(ref, cut, n)
        got = evaluate(capsys, fname, "negativity", v, "--set", "cut=" + ",".join(map(str, cut)))["value"]
        assert abs(got - want) < 1e-9, (cut, got, want)
    entangled = 0.0
    for pair in [(a, b) for a in range(n) for b in range(a + 1, n)]:
        want_n, want_l = qt_negativity(qt_reduced(ref, pair, n), [0], 2)
        p = "pair=%d,%d" % pair
        assert abs(evaluate(capsys, fname, "pair-negativity", v, "--set", p)["value"] - want_n) < 1e-9
        assert abs(evaluate(capsys, fname, "lambda-min", v, "--set", p)["value"] - want_l) < 1e-9
        entangled = max(entangled, want_n)
    assert entangled > 1e-3 or fname.startswith("tfi_ring")  # the points are entangled ones
    if fname.startswith("tfi_ring"):
        assert qt_negativity(ref, [0], n)[0] > 0.05  # genuinely multipartite: cut, no pair
    # purity and an expectation with a complex product (X0*Y1 is not Hermitian-symmetric in 0<->1)
    assert abs(evaluate(capsys, fname, "purity", v)["value"] - np.trace(ref @ ref).real) < 1e-9
    O = op(X, 0, n) * op(Y, 1, n) + 0.5 * op(Z, n - 1, n)
    got = evaluate(capsys, fname, "expectation", v, "--set", f"op=X0*Y1 + 0.5*Z{n - 1}")["value"]
    assert abs(got - np.trace(ref @ O.full()).real) < 1e-9


@pytest.mark.parametrize("fname", sorted(MODELS))
def test_spectrum_vs_qutip(capsys, fname):
    fn, v, n = MODELS[fname]
    evs = np.linalg.eigvals(qt.liouvillian(*fn(v)).full())
    # 2 qubits: auto is exact (slow at these 3-digit decimals; checked at integers below)
    d = evaluate(capsys, fname, "spectrum", v, *(("--method", "numeric") if n == 2 else ()))
    ours = np.array([complex(*x) for x in d["value"]])
    assert len(ours) == 4 ** n and d["method"] == "numeric"
    assert max(np.min(np.abs(ours - z)) for z in evs) < 1e-8
    assert max(np.min(np.abs(evs - z)) for z in ours) < 1e-8


def test_spectrum_auto_three_qubits_numeric_two_exact(capsys):
    """Regression: `spectrum` with --method auto picked the exact charpoly (roots as CRootOf) for 3
    qubits: 16 s + 115 s for the collective-decay ring. Now numeric there (exact on request);
    2 qubits stay exact (exact at exceptional points)."""
    mf = read_model_file(EXAMPLES / "tfi_ring_collective_decay.toml")
    vals = {"J": 1, "h": 1, "kappa": 1, "gamma": 1}
    assert choose_engine(mf, "spectrum", vals)[0] == "numeric"
    assert choose_engine(mf, "spectrum", vals, "exact")[0] == "exact"
    fn, _, _ = MODELS["driven_reset_pair.toml"]
    v = dict(Omega=1, delta=0, J=1, r=2)  # small integers: the exact route is quick
    d = evaluate(capsys, "driven_reset_pair.toml", "spectrum", v)
    assert d["method"] == "exact"
    ours = np.array([complex(*x) for x in d["value"]])
    evs = np.linalg.eigvals(qt.liouvillian(*fn(v)).full())
    assert max(np.min(np.abs(ours - z)) for z in evs) < 1e-9


def test_random_points_vs_qutip(capsys):
    """Random points of every declared domain (3-digit decimals, read exactly)."""
    rng = random.Random(4)
    for fname, (fn, _, _) in sorted(MODELS.items()):
        mf = read_model_file(EXAMPLES / fname)
        v = {}
        for name, dom in mf.domains:
            if name == "gamma" and fname.startswith("tfi_ring"):
                x = rng.uniform(0.1, 2)  # gamma = 0 is the non-unique point
            elif dom.startswith("["):
                x = rng.uniform(*(float(b) for b in mf.bounds_map[mf.symbol_map[name]]))
            elif dom in ("positive", "nonnegative"):
                x = rng.uniform(0.2, 3)
            else:
                x = rng.uniform(-2, 2)
            v[name] = float(f"{x:.3f}")
        ref = qt.steadystate(*fn(v)).full()
        d = evaluate(capsys, fname, "steady-state", v)
        assert np.max(np.abs(cmatrix(d["value"]) - ref)) < 1e-9, fname


# ----------------------------------------------------------------- thresholds
def _negativity_at(fn, v, cut, n, pair=None):
    rho = qt.steadystate(*fn(v)).full()
    if pair is not None:
        return qt_negativity(qt_reduced(rho, pair, n), [0], 2)[0]
    return qt_negativity(rho, cut, n)[0]


@pytest.mark.parametrize("fname, fixed, scan, extra, pair", [
    ("driven_reset_pair.toml", dict(Omega=-0.76, delta=-0.25, J=-2.5), "r", (), None),
    # regression: the exact route's charpoly over Q(gamma) took 376 s here (now ~10 s)
    ("tfi_ring_collective_decay.toml", dict(J=-2.72, h=0.87, kappa=0.15), "gamma", ("--set", "cut=0"), None),
])
def test_threshold_edges_vs_qutip(capsys, fname, fixed, scan, extra, pair):
    fn, _, n = MODELS[fname]
    d = evaluate(capsys, fname, "threshold", fixed, "--set", f"scan={scan}", *extra)
    assert d["method"] == "exact" and d["value"]
    for lo, hi in d["value"]:
        for edge, inside in ((lo, +1), (hi, -1)):
            if edge is None or edge == 0:
                continue
            assert _negativity_at(fn, {**fixed, scan: edge + inside * 1e-6}, [0], n) > 0
            assert _negativity_at(fn, {**fixed, scan: edge - inside * 1e-6}, [0], n) < 1e-12
    if fname.startswith("driven"):  # two windows, checked at interior points too
        assert len(d["value"]) == 2 and d["value"][1][1] is None
        assert _negativity_at(fn, {**fixed, "r": 4.5}, [0], n) < 1e-12
        assert _negativity_at(fn, {**fixed, "r": 20}, [0], n) > 1e-3


def test_threshold_numeric_agrees_with_exact_on_decimal_file(capsys):
    f = "xy_chain_float.toml"
    fixed = dict(h=-1.32, kappa=4.87, n_th=0)
    args = ("--set", "scan=r", "--set", "quantity=pair-negativity", "--set", "pair=0,1", "--method", "numeric")
    d = evaluate(capsys, f, "threshold", fixed, *args)
    assert d["method"] == "numeric-bisection"
    edges = [x for iv in d["value"] for x in iv]
    # edges found by an independent QuTiP check: sign changes of the pair negativity
    assert len(edges) == 4 and edges[0] == 0.0
    fn = MODELS[f][0]
    for e, sign in zip(edges[1:], (-1, +1, -1)):
        assert _negativity_at(fn, {**fixed, "r": e - sign * 1e-6}, None, 3, pair=(0, 1)) < 1e-12
        assert _negativity_at(fn, {**fixed, "r": e + sign * 1e-6}, None, 3, pair=(0, 1)) > 0


# ----------------------------------------------------------------- non-unique steady states
@pytest.mark.parametrize("fname, v, nullity", [
    ("dephasing_only_pair.toml", dict(J=1, Delta=0.5, gamma=1), 3),        # magnetization sectors
    ("tfi_ring_collective_decay.toml", dict(J=1, h=0.7, kappa=1, gamma=0), 5),  # total spin conserved
])
def test_non_unique_is_reported_never_picked(capsys, fname, v, nullity):
    fn = dephasing_only if fname.startswith("deph") else ring
    L = qt.liouvillian(*fn(v)).full()
    assert L.shape[0] - np.linalg.matrix_rank(L, tol=1e-9) == nullity  # independent count
    for method in ("auto", "numeric"):
        rc = main(["evaluate", str(EXAMPLES / fname), "negativity", *sets(v), "--method", method, "--json"])
        out = capsys.readouterr()
        assert rc == 3 and f"null-space dimension {nullity}" in out.err and out.err.count("\n") == 1
        js = json.loads(out.out)
        assert js["unique"] is False and js["nullity"] == nullity and js["value"] is None


# ----------------------------------------------------------------- other verbs
def test_latex_derive_lambdify_on_user_files(capsys):
    f = str(EXAMPLES / "chiral_dm_pair.toml")
    assert main(["latex", f, "steady-state", "--set", "J=1", "--set", "b=0", "--set", "D=0.5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(r"\rho_{\mathrm{ss}} = ") and r"\kappa" in out and "i" in out
    assert main(["derive", f, "--set", "J=1", "--set", "b=0"]) == 0
    out = capsys.readouterr().out
    assert "exact null space over Q(D, kappa, p)" in out and "nullity 1" in out
    # the exact state's complex entries: 2x2 closed form at a point equals QuTiP
    assert main(["lambdify", str(EXAMPLES / "driven_reset_pair.toml"), "purity", "--set", "J=1",
                 "--set", "delta=0"]) == 0
    assert capsys.readouterr().out.startswith("purity(Omega, r)")


# ----------------------------------------------------------------- errors: one line, exit 2
GOOD = """\
sites = 2
hamiltonian = "J*X0*X1"
[parameters]
J = "real"
kappa = "positive"
[[jump]]
operator = "Sm0"
rate = "kappa"
"""

BROKEN = [
    (GOOD.replace('rate = "kappa"', 'rate = "i*kappa"'), ["jump[1].rate", "line 8", "real rate", "imaginary"]),
    (GOOD.replace('operator = "Sm0"', 'operator = "Sm0 +* X1"'), ["jump[1].operator", "line 7", "column 6"]),
    (GOOD.replace('operator = "Sm0"', 'operator = "Sx0"'), ["jump[1].operator", "unknown name 'Sx0'"]),
    (GOOD.replace('operator = "Sm0"', 'opertor = "Sm0"'), ["jump[1].opertor", "operator, rate, label"]),
    (GOOD.replace('J = "real"', 'J = "reel"'), ["parameters.J", "line 4", "positive | nonnegative | real"]),
    (GOOD.replace("sites = 2", "sites = 11"), ["sites", "1 <= sites <= 6"]),
]


@pytest.mark.parametrize("text, needles", BROKEN, ids=range(len(BROKEN)))
def test_broken_user_files(tmp_path, capsys, text, needles):
    p = tmp_path / "mine.toml"
    p.write_text(text)
    rc = main(["evaluate", str(p), "steady-state", "--set", "J=1", "--set", "kappa=1"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)


def test_complex_rate_is_a_parameter_error():
    """Regression: rate = "i*kappa" raised sympy's CoercionFailed (exit 4, 'please report it')."""
    with pytest.raises(ParameterError, match="imaginary part"):
        read_model_file(GOOD.replace('rate = "kappa"', 'rate = "i*kappa"'))
    mf = read_model_file(GOOD.replace('rate = "kappa"', 'rate = "(1 + i)*(1 - i)*kappa/2"'))
    assert mf.jumps[0][1] == mf.symbol_map["kappa"]


@pytest.mark.parametrize("args, needles", [
    (["--set", "J=1"], ["'kappa'", "--set kappa="]),                       # a parameter missing
    (["--set", "J=1", "--set", "kappa=-1"], ["'kappa'", "kappa > 0"]),     # out of range
    (["--set", "J=1", "--set", "kappa=1", "--set", "kapa=1"], ["'kapa'", "J, kappa"]),  # misspelled
    (["--set", "J=1", "--set", "kappa=1", "--set", "cut=0,1"], ["cut", "0..1"]),
])
def test_bad_values_on_user_file(tmp_path, capsys, args, needles):
    p = tmp_path / "mine.toml"
    p.write_text(GOOD)
    rc = main(["evaluate", str(p), "negativity", *args])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, (needle, err)


def test_missing_file(tmp_path, capsys):
    rc = main(["evaluate", str(tmp_path / "nope.toml"), "negativity"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "an existing .toml model file" in err


def test_decimals_in_the_file_are_exact():
    mf = read_model_file(EXAMPLES / "xy_chain_float.toml")
    assert mf.hamiltonian.terms[((0, "Y"), (1, "Y"))] == sp.Rational(3, 5)
    assert sp.expand(mf.jumps[2][1] - sp.Rational(3, 2) * mf.symbol_map["kappa"] * (1 + mf.symbol_map["n_th"])) == 0
    assert mf.resets[0][1][1, 1] == sp.Rational(1, 4)


def test_every_audited_file_exists():
    assert all((EXAMPLES / f).is_file() for f in COVERED)


def test_codegen_and_sweep_use_the_files_closed_form(tmp_path, capsys):
    """Regression: `codegen FILE.toml QUANTITY` always failed ("offers none for it") and sweeps of a
    file never used its closed form: the file quantities carried no closed-form hook and file
    parameters (kind "expr") were never counted as free. The generated stand-alone evaluator
    is checked against QuTiP, with the exact state's denominators in its docstring."""
    f = str(EXAMPLES / "driven_reset_pair.toml")
    assert main(["codegen", f, "purity", "--set", "J=1", "--set", "delta=0", "--out", str(tmp_path)]) == 0
    path = capsys.readouterr().out.split()[0]
    ns: dict = {}
    text = Path(path).read_text()
    assert "denominator" in text and "\nimport symbolic_ness" not in text and "from symbolic_ness" not in text
    exec(compile(text, path, "exec"), ns)  # the generated file: our own output, stand-alone numpy
    Om, r = np.array([0.3, -1.2, 2.0]), np.array([0.5, 1.7, 4.0])
    got = ns["purity"](Om, r)
    for k in range(3):
        ref = qt.steadystate(*driven_reset(dict(Omega=Om[k], delta=0, J=1, r=r[k]))).full()
        assert abs(got[k] - np.trace(ref @ ref).real) < 1e-9
    from symbolic_ness.app import closed_form
    cf = closed_form(f, "purity", {"J": sp.Integer(1), "delta": sp.Integer(0)}, free=("Omega", "r"))
    assert cf is not None and cf.denominators and {a.name for a in cf.args} == {"Omega", "r"}
    assert abs(float(cf.expr.subs({cf.args[0]: 0.3, cf.args[1]: 0.5})) - got[0]) < 1e-12


def test_exceptional_points_of_a_user_file(capsys):
    d = evaluate(capsys, "driven_reset_pair.toml", "exceptional-points", dict(J=1, delta=0, Omega=1))
    assert d["method"] == "exact" and isinstance(d["value"], list)
    assert all("condition" in e for e in d["value"])


def test_derive_without_values_reports_the_engine(capsys):
    """Regression: `derive FILE` on a model whose engine is numeric (3 qubits, free symbols) failed
    with "parameter 'kappa' is missing" instead of printing the model and the engine chosen."""
    rc = main(["derive", str(EXAMPLES / "xy_chain_float.toml"), "--set", "h=0.3"])
    out = capsys.readouterr().out
    assert rc == 0 and "== engine" in out and "numeric null space" in out and "--set kappa=..." in out
