"""Every quantity the CLI offers for every example model file, pinned (issue 20).

``data/pinned_files.json`` holds the exact stdout and exit code of ``symbolic-ness evaluate
FILE QUANTITY --set ... --json`` (plus ``latex`` and ``codegen``) for the cases of
:mod:`_file_cases`, recorded from the tree before the file quantities moved into the library.
Here (1) the CLI output is still byte-identical, (2) the library call on the file's model
(``load_model`` + :func:`symbolic_ness.engines.evaluate` / ``threshold``) gives the same JSON
value, method and nullity as the CLI, (3) the pinned values agree with an
independent computation: a dense Liouvillian built here from the model's matrices (column
stacking, resets as Lindblad terms), its null vector pinned by the trace (no package solver),
and numpy partial transposes / eigenvalues (≤ 1e-9); threshold edges are sign changes of that
λ_min.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _file_cases import DATA, EXAMPLES, SYMMETRIC, run  # noqa: E402
from _helpers import trace_pinned_null_vector  # noqa: E402

PINNED = json.loads(DATA.read_text())

# ----------------------------------------------------------------- independent oracle
I2 = np.eye(2)
PAULI = {"X": np.array([[0, 1], [1, 0]], complex), "Y": np.array([[0, -1j], [1j, 0]]),
         "Z": np.diag([1.0, -1.0]).astype(complex)}


def site_op(single, k, n):
    out = np.eye(1)
    for j in range(n):
        out = np.kron(out, single if j == k else I2)
    return out


def pauli_string(labels: dict, n: int):
    out = np.eye(1)
    for j in range(n):
        out = np.kron(out, PAULI[labels[j]] if j in labels else I2)
    return out


def oracle_op(text: str, n: int):
    """The numeric matrices of the operators used by the cases (written out by hand)."""
    P = pauli_string
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    return {"X0*Z1 + 0.5*Y1": lambda: P({0: "X", 1: "Z"}, n) + 0.5 * P({1: "Y"}, n),
            "Z0*Z2 + X1": lambda: P({0: "Z", 2: "Z"}, n) + P({1: "X"}, n),
            "Z_i + X_i*X_j": lambda: sum(P({k: "Z"}, n) for k in range(n)) + sum(P({a: "X", b: "X"}, n) for a, b in pairs),
            "Z_i*Z_j - 0.5*X_i": lambda: sum(P({a: "Z", b: "Z"}, n) for a, b in pairs) - 0.5 * sum(P({k: "X"}, n) for k in range(n)),
            "Z0*Z1": lambda: P({0: "Z", 1: "Z"}, n)}[text]()


def dense_liouvillian(model, values: dict) -> np.ndarray:
    """vec(L rho) = M vec(rho), column stacking, from the model's matrices only."""
    import sympy as sp
    def num(m):
        return np.array(sp.Matrix(m).subs(values).evalf(30).tolist(), dtype=complex)
    d = 2 ** model.n
    Id = np.eye(d)
    H = num(model.hamiltonian)
    M = -1j * (np.kron(Id, H) - np.kron(H.T, Id))
    f = 2.0 if model.normalization == "doubled" else 1.0
    ops = [(f * float(sp.sympify(j.rate).subs(values)), num(j.operator)) for j in model.jumps]
    for r in model.resets:
        rate = float(sp.sympify(r.rate).subs(values))
        p, vecs = np.linalg.eigh(num(r.state))
        for pm, v in zip(p, vecs.T):
            for k in range(2):
                if pm > 1e-15:
                    ops.append((rate * pm, site_op(np.outer(v, np.eye(2)[k]), r.site, model.n)))
    for rate, L in ops:
        LdL = L.conj().T @ L
        M += rate * (np.kron(L.conj(), L) - 0.5 * np.kron(Id, LdL) - 0.5 * np.kron(LdL.T, Id))
    return M


def oracle_state(model, values):
    M = dense_liouvillian(model, values)
    d = 2 ** model.n
    v = trace_pinned_null_vector(M, d, dense=True)
    assert np.linalg.norm(M @ v) < 1e-10
    assert np.linalg.matrix_rank(M, tol=1e-9) == d * d - 1  # unique
    return v.reshape(d, d, order="F"), M


def ptrace(rho, keep, n):
    t = rho.reshape([2] * (2 * n))
    out = [j for j in range(n) if j not in keep]
    for j in sorted(out, reverse=True):
        m = t.ndim // 2
        t = np.trace(t, axis1=j, axis2=j + m)
    d = 2 ** len(keep)
    return t.reshape(d, d)


def ptranspose(rho, sites, n):
    t = rho.reshape([2] * (2 * n))
    perm = list(range(2 * n))
    for s in sites:
        perm[s], perm[n + s] = perm[n + s], perm[s]
    return t.transpose(perm).reshape(rho.shape)


def neg(rho, sites, n):
    ev = np.linalg.eigvalsh(ptranspose(rho, sites, n))
    return float(-ev[ev < 0].sum())


def lam(rho, sites, n):
    return float(np.linalg.eigvalsh(ptranspose(rho, sites, n))[0])


def as_complex(x):
    if isinstance(x, list) and len(x) == 2 and all(isinstance(t, (int, float)) for t in x):
        return complex(x[0], x[1])
    return complex(x)


def sets_of(args) -> dict:
    out = {}
    for k, a in enumerate(args):
        if a == "--set":
            name, val = args[k + 1].split("=", 1)
            out[name] = val
    return out


def model_of(fname, sets):
    from symbolic_ness.engines import read_model_file
    mf = read_model_file(EXAMPLES / fname)
    vals = {k: v for k, v in sets.items() if k in mf.symbol_map}
    if mf.symmetric:
        model = mf.expand(int(vals["N"]))
    else:
        model = mf.model()
    sub = {mf.symbol_map[k]: mf.value(k, v) for k, v in vals.items() if k != getattr(mf, "sites", None)}
    return model, sub


def oracle_value(fname, quantity, sets, rho, M, n):
    sym = fname in SYMMETRIC
    if quantity == "steady-state":
        return rho
    if quantity == "purity":
        return float(np.real(np.trace(rho @ rho)))
    if quantity in ("negativity", "log-negativity"):
        cut = list(range(int(sets["cut"]))) if sym else [int(s) for s in sets["cut"].split(",")]
        v = neg(rho, cut, n)
        return math.log2(2 * v + 1) if quantity == "log-negativity" else v
    if quantity in ("pair-negativity", "lambda-min"):
        pair = [int(s) for s in sets["pair"].split(",")]
        red = ptrace(rho, pair, n)
        return neg(red, [0], 2) if quantity == "pair-negativity" else lam(red, [0], 2)
    if quantity == "expectation":
        return float(np.real(np.trace(rho @ oracle_op(sets["op"], n))))
    if quantity == "spectrum":
        return np.linalg.eigvals(M)
    raise KeyError(quantity)


def check_value(fname, quantity, sets, got):
    model, sub = model_of(fname, sets)
    if quantity == "spectrum":
        rho, M = None, dense_liouvillian(model, sub)
    else:
        rho, M = oracle_state(model, sub)
    want = oracle_value(fname, quantity, sets, rho, M, model.n)
    if quantity == "steady-state":
        g = np.array([[as_complex(x) for x in row] for row in got])
        assert np.abs(g - want).max() < 1e-9
    elif quantity == "spectrum":
        g = np.array([complex(a, b) for a, b in got])
        assert len(g) == len(want)
        for z in want:  # every independent eigenvalue is among the reported ones
            assert np.abs(g - z).min() < 1e-7 * max(1.0, abs(z)), z
    else:
        assert abs(got - want) < 1e-9, (got, want)


def check_threshold(fname, sets, intervals):
    """Each interval edge inside the scan is a sign change of the independent λ_min (or
    negativity), and the quantity is negative/positive inside each interval."""
    scan = sets["scan"]
    which = sets.get("quantity", "negativity")
    sym = fname in SYMMETRIC

    def w(x):
        s = dict(sets)
        s[scan] = repr(float(x))
        model, sub = model_of(fname, s)
        rho, _ = oracle_state(model, sub)
        n = model.n
        if which == "pair-negativity":
            pair = [int(t) for t in s.get("pair", "0,1").split(",")]
            return lam(ptrace(rho, pair, n), [0], 2)
        cut = list(range(int(s.get("cut", "1")))) if sym else [int(t) for t in s.get("cut", "0").split(",")]
        return -neg(rho, cut, n) if sym else lam(rho, cut, n)

    assert intervals, "no entangled interval at the pinned values"
    from symbolic_ness.engines import read_model_file
    mf = read_model_file(EXAMPLES / fname)
    ends = [float(b) for b in mf.bounds_map.get(mf.symbol_map[scan], ())] + [0.0]
    ends += [float(t) for t in sets["range"].split(",")] if "range" in sets else []
    for lo, hi in intervals:
        a = lo if lo is not None else -50.0
        b = hi if hi is not None else a + 50.0
        assert w((a + b) / 2) < -1e-12
        for edge in (lo, hi):
            if edge is None or edge in ends:
                continue  # a domain end or the end of the scanned range
            h = 1e-6 * max(1.0, abs(edge))
            assert (w(edge - h) < -1e-12) != (w(edge + h) < -1e-12), edge


def _close(a, b) -> bool:
    """Equal, floats to 1e-12 relative (numeric solves: the last digits may move when the
    numeric solver is changed on purpose, e.g. the unit-independent scaling of issue 22)."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    return a == b


def _is_numeric(rec) -> bool:
    """A float result (numeric method asked for, or the method that ran was numeric)."""
    if "numeric" in rec["id"].rsplit(":", 1)[-1]:
        return True
    try:
        return "numeric" in str(json.loads(rec["stdout"]).get("method", ""))
    except ValueError:
        return False


# ----------------------------------------------------------------- the tests
@pytest.mark.parametrize("rec", PINNED, ids=[r["id"] for r in PINNED])
def test_file_cli_output_pinned_and_correct(rec):
    res = run(rec["args"])
    assert res["returncode"] == rec["returncode"], res["stderr"]
    if _is_numeric(rec):  # the same JSON, floats to 1e-12 (numeric solver changed on purpose)
        assert _close(json.loads(res["stdout"]), json.loads(rec["stdout"])), (res["stdout"], rec["stdout"])
    else:
        assert res["stdout"] == rec["stdout"]  # byte-identical to the recording
    if rec["args"][0] != "evaluate":
        return
    out = json.loads(rec["stdout"])
    fname = Path(rec["args"][1]).name
    sets = sets_of(rec["args"])
    if rec["returncode"] == 3:  # non-unique: the independent Liouvillian has a larger null space
        model, sub = model_of(fname, sets)
        M = dense_liouvillian(model, sub)
        assert 4 ** model.n - np.linalg.matrix_rank(M, tol=1e-9) == out["nullity"] > 1
        return
    if out["quantity"] == "threshold":
        check_threshold(fname, sets, out["value"])
    elif out["quantity"] != "exceptional-points":
        check_value(fname, out["quantity"], sets, out["value"])


def library_value(rec, out):
    """The library call for a pinned ``evaluate`` case: ``(value, method, nullity)``."""
    from symbolic_ness.app import to_jsonable
    from symbolic_ness.engines import evaluate, load_model, read_model_file
    fname = Path(rec["args"][1]).name
    sets = sets_of(rec["args"])
    args = rec["args"]
    method = args[args.index("--method") + 1] if "--method" in args else "auto"
    mf = read_model_file(EXAMPLES / fname)
    model = load_model(EXAMPLES / fname)
    sym = fname in SYMMETRIC
    vals = {k: float(v) for k, v in sets.items() if k in mf.symbol_map and k != "N"}
    N = int(sets["N"]) if sym else None
    q = out["quantity"]
    opts = {}
    if "cut" in sets and q in ("negativity", "log-negativity", "threshold"):
        opts["cut"] = int(sets["cut"]) if sym else [int(t) for t in sets["cut"].split(",")]
    if "pair" in sets:
        opts["pair"] = tuple(int(t) for t in sets["pair"].split(","))
    if "op" in sets:
        opts["op"] = sets["op"]
    if q == "threshold":
        opts.update(scan=sets["scan"], quantity=sets.get("quantity", "negativity"), range=sets.get("range"))
        vals.pop(sets["scan"], None)
    res = evaluate(model, q, vals, method, N=N, **opts)
    return json.loads(json.dumps(to_jsonable(res.value))), res.method, res.nullity, res.unique


EVALUATE = [r for r in PINNED if r["args"][0] == "evaluate"]


@pytest.mark.parametrize("rec", EVALUATE, ids=[r["id"] for r in EVALUATE])
def test_library_call_equals_cli(rec):
    out = json.loads(rec["stdout"])
    value, method, nullity, unique = library_value(rec, out)
    if rec["returncode"] == 3:
        assert unique is False and nullity == out["nullity"] and value is None
        return
    assert method == out["method"]
    assert _close(value, out["value"]) if _is_numeric(rec) else value == out["value"]
