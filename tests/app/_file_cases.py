"""The (example file, quantity, parameter values) cases pinned by ``test_library_cli_parity.py``.

Run ``python tests/app/_file_cases.py [ID ...]`` to (re)record ``data/pinned_files.json`` (all cases,
or only the given ids): the exact
stdout and exit code of ``symbolic-ness evaluate FILE QUANTITY --set ... --json`` (and of
``symbolic-ness latex`` for the closed forms) for every case. It was first recorded from the
tree before the library API (issue 20) moved the file quantities out of the app layer.
"""
from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data" / "pinned_files.json"

# every declared parameter at a fixed value (a rate that may be 0 is given a positive one so the
# steady state is unique; dephasing_only_pair is deliberately non-unique: exit 3)
VALUES = {
    "all_to_all_reset.toml": {"N": 4, "g": "0.7", "h": "0.3", "kappa": "0.5", "r": "1.5"},
    "all_to_all_symmetric.toml": {"N": 4, "J": "0.6", "h": "0.8", "kappa": "1.3"},
    "chiral_dm_pair.toml": {"D": "0.4", "J": "0.3", "b": "0.7", "kappa": "1.1", "p": "0.2"},
    "dephasing_only_pair.toml": {"J": "0.5", "Delta": "0.2", "gamma": "1"},
    "driven_reset_pair.toml": {"Omega": "0.8", "delta": "0.3", "J": "1.2", "r": "0.9"},
    "hdb_reset_ising.toml": {"g": "2.5", "r": "10", "gamma": "1"},
    "tfi_chain_resets.toml": {"J": "1", "h": "0.3", "r": "2", "gamma": "0.1", "eps": "0.2"},
    "tfi_ring_collective_decay.toml": {"J": "0.9", "h": "0.4", "kappa": "1.2", "gamma": "0.3"},
    "xxz_boundary_chain.toml": {"Delta": "0.5", "Gamma": "1", "mu": "0.6"},
    "xxz_two_qubit_driven.toml": {"J": "1", "Delta": "0.4", "h": "0.3", "kappa": "1.5", "p": "0.5"},
    "xy_chain_float.toml": {"h": "0.2", "kappa": "1", "n_th": "0.1", "r": "0.5"},
    "znidaric_xx_chain.toml": {"Gamma_L": "1", "Gamma_R": "1", "c": "0.8", "d": "0.6", "gamma": "0"},
}
# the threshold scan (parameter, extra settings) per file; symmetric files scan a real rate
SCANS = {
    "all_to_all_reset.toml": ("r", {"quantity": "negativity", "cut": "2", "range": "0.5,4"}),
    "all_to_all_symmetric.toml": ("kappa", {"quantity": "negativity", "cut": "2", "range": "0.2,3"}),
    "chiral_dm_pair.toml": ("p", {"range": "0,2"}),
    "driven_reset_pair.toml": ("r", {}),
    "hdb_reset_ising.toml": ("r", {}),
    "tfi_ring_collective_decay.toml": ("gamma", {"quantity": "negativity", "cut": "0", "range": "0,2"}),
    "xxz_boundary_chain.toml": ("mu", {"quantity": "negativity", "cut": "0"}),
    "xxz_two_qubit_driven.toml": ("p", {}),
    "xy_chain_float.toml": ("r", {"cut": "1", "range": "0,3"}),
}
OPS = {"all_to_all_reset.toml": "Z_i + X_i*X_j", "all_to_all_symmetric.toml": "Z_i*Z_j - 0.5*X_i"}
SYMMETRIC = {"all_to_all_reset.toml", "all_to_all_symmetric.toml"}
NSITES = {"tfi_chain_resets.toml": 3, "tfi_ring_collective_decay.toml": 3, "xxz_boundary_chain.toml": 3,
          "xy_chain_float.toml": 3, "znidaric_xx_chain.toml": 4}
# closed forms (symbolic-ness latex) with the given parameters left free
LATEX = {
    "hdb_reset_ising.toml": ({"gamma": "1"}, ("negativity", "purity", "lambda-min", "steady-state")),
    "xxz_two_qubit_driven.toml": ({"J": "1", "Delta": "0.4", "h": "0.3"}, ("negativity", "expectation", "purity")),
    "driven_reset_pair.toml": ({"Omega": "0.8", "delta": "0.3", "J": "1.2"}, ("pair-negativity", "log-negativity")),
    "xxz_two_qubit_driven.toml:spectrum": (VALUES["xxz_two_qubit_driven.toml"], ("spectrum",)),
}
# generated evaluators (symbolic-ness codegen) and symbolic exceptional points
EXTRA = [
    ("hdb_reset_ising.toml:codegen:negativity",
     ["codegen", "examples/hdb_reset_ising.toml", "negativity", "--set", "gamma=1", "--lang", "python"]),
    ("xxz_two_qubit_driven.toml:codegen:purity",
     ["codegen", "examples/xxz_two_qubit_driven.toml", "purity", "--set", "J=1", "--set", "Delta=0.4",
      "--lang", "c"]),
    ("hdb_reset_ising.toml:exceptional-points:symbolic-r",
     ["evaluate", "examples/hdb_reset_ising.toml", "exceptional-points", "--set", "g=2.5", "--set", "gamma=1",
      "--json"]),
    ("hdb_reset_ising.toml:latex:exceptional-points",
     ["latex", "examples/hdb_reset_ising.toml", "exceptional-points", "--set", "g=2.5", "--set", "gamma=1"]),
    ("hdb_reset_ising.toml:latex:threshold",
     ["latex", "examples/hdb_reset_ising.toml", "threshold", "--set", "g=2.5", "--set", "gamma=1",
      "--set", "scan=r"]),
]


def _sets(d: dict) -> list:
    out = []
    for k, v in d.items():
        out += ["--set", f"{k}={v}"]
    return out


def cases() -> list:
    """``[(id, argv)]`` of the pinned CLI calls."""
    out = []
    for f, vals in VALUES.items():
        path = f"examples/{f}"
        sym = f in SYMMETRIC
        n = vals["N"] if sym else NSITES.get(f, 2)
        cut = "2" if sym else ",".join(str(k) for k in range(n // 2))
        op = OPS.get(f, "X0*Z1 + 0.5*Y1" if n == 2 else "Z0*Z2 + X1")
        qs = [("steady-state", {}), ("purity", {}), ("negativity", {"cut": cut}),
              ("log-negativity", {"cut": cut}), ("pair-negativity", {"pair": "0,1"}),
              ("lambda-min", {"pair": "0,1"}), ("expectation", {"op": op}), ("spectrum", {})]
        if n > 2:
            qs += [("pair-negativity", {"pair": f"0,{n - 1}"}), ("negativity", {"cut": "1" if sym else "1"})]
        if not sym and n == 2:
            qs.append(("exceptional-points", {}))
        methods = ["auto"] + (["numeric"] if not sym and n <= 3 else [])
        for q, extra in qs:
            for meth in methods:
                if meth != "auto" and q in ("exceptional-points", "spectrum"):
                    continue
                argv = ["evaluate", path, q, *_sets(vals), *_sets(extra), "--method", meth, "--json"]
                out.append((f"{f}:{q}:{','.join(f'{k}={v}' for k, v in extra.items())}:{meth}", argv))
        if f in SCANS:
            name, extra = SCANS[f]
            fixed = {k: v for k, v in vals.items() if k != name}
            argv = ["evaluate", path, "threshold", *_sets(fixed), "--set", f"scan={name}", *_sets(extra),
                    "--method", "auto", "--json"]
            out.append((f"{f}:threshold:{name}", argv))
    for key, (fixed, qs) in LATEX.items():
        f = key.split(":")[0]
        for q in qs:
            extra = {"pair": "0,1"} if q in ("pair-negativity", "lambda-min") else {"op": "Z0*Z1"} \
                if q == "expectation" else {}
            out.append((f"{f}:latex:{q}", ["latex", f"examples/{f}", q, *_sets(fixed), *_sets(extra)]))
    return out + EXTRA


def run(argv) -> dict:
    """``{"returncode", "stdout"}`` of the CLI run in this process (from the repository root)."""
    import os
    from symbolic_ness.app import main
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(list(argv))
    finally:
        os.chdir(cwd)
    return {"returncode": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


def record(only=()) -> None:
    """Re-record every case, or (``only``: ids) just those, keeping the other recorded rows."""
    import time
    old = {r["id"]: r for r in json.loads(DATA.read_text())} if only else {}
    rows = []
    for cid, argv in cases():
        if only and cid not in only:
            rows.append(old[cid])
            continue
        t0 = time.perf_counter()
        res = run(argv)
        dt = time.perf_counter() - t0
        print(f"{dt:7.2f}s rc={res['returncode']} {cid} {res['stderr'].strip()[:120]}", file=sys.stderr)
        rows.append({"id": cid, "args": argv, "returncode": res["returncode"], "stdout": res["stdout"]})
    DATA.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    record(sys.argv[1:])  # python tests/app/_file_cases.py [ID ...]
