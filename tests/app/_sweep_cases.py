"""Sweep cases pinned before the sweep driver moved into the library (issue 20): values, status,
methods, nullity and the evaluator of each dataset. Re-record (only for a deliberate change, said in
the commit): ``python tests/app/_sweep_cases.py``."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data" / "pinned_sweeps.json"

CASES = {
    "catalogue-closed-form": ("reset-ising", "negativity", {"g": [2.0, 5.0], "r": "1:5:3"}, {"gamma": 1}, None),
    "catalogue-numeric": ("reset-ising", "negativity", {"r": [0.0, 3.0, 6.0]}, {"g": 2.0}, "numeric"),
    "file-batched": ("xxz_two_qubit_driven.toml", "pair-negativity", {"J": [0.0, 0.7, 1.3], "p": [0.0, 2.0, 5.0]},
                     {"Delta": 0.5, "h": 0.2, "kappa": 1.0}, "numeric"),
    "file-closed-form": ("hdb_reset_ising.toml", "negativity", {"g": [0.5, 2.0], "r": [0.0, 1.0, 4.0]},
                         {"gamma": 1}, None),
    "file-closed-form-purity": ("hdb_reset_ising.toml", "purity", {"r": [0.0, 1.0, 4.0]}, {"gamma": 1, "g": 2},
                                "exact"),
    "file-too-large": ("chiral_dm_pair.toml", "negativity", {"kappa": [0.7, 5.96], "p": [0.17]},
                       {"D": 2.62, "J": -2.49, "b": -0.29}, None),
    "file-gap": ("xxz_two_qubit_driven.toml", "liouvillian-gap", {"p": [0.5, 3.0]},
                 {"Delta": 0.5, "h": 0.2, "kappa": 1.0, "J": 1.0}, None),
    "file-expectation": ("xxz_two_qubit_driven.toml", "expectation", {"p": [0.5, 3.0]},
                         {"Delta": 0.5, "h": 0.2, "kappa": 1.0, "J": 1.0, "op": "Z0*Z1"}, "numeric"),
    "file-concurrence": ("thermal_machine_two_qubit.toml", "concurrence", {"g": [0.1, 0.4]},
                         {"gamma_h": 1.0, "n_h": 2.0, "n_c": 0.1}, None),
    "symmetric-file": ("all_to_all_symmetric.toml", "expectation", {"h": [0.0, 0.5, 1.0]},
                       {"N": 4, "J": 0.3, "kappa": 1.0, "op": "Z_i"}, None),
    "symmetric-file-N": ("all_to_all_symmetric.toml", "purity", {"N": [2.0, 3.0, 5.0]},
                         {"J": 0.3, "kappa": 1.0, "h": 0.5}, None),
    "symmetric-squeezing": ("superradiant_laser.toml", "spin-squeezing", {"w": [0.5, 2.0]},
                            {"N": 6, "kappa": 1.0, "gamma_phi": 0.1}, None),
}


def run(name):
    from symbolic_ness.app import sweep
    model, q, grid, fixed, method = CASES[name]
    if model.endswith(".toml"):
        model = str(EX / model)
    ds = sweep(model, q, grid, fixed=fixed, method=method)
    out = {"values": [None if not np.isfinite(v) else float(v) for v in np.ravel(ds[q].values)],
           "status": [str(ds.status_message.values[k]) for k in np.ravel(ds.status.values)],
           "method": [str(ds.method_name.values[k]) for k in np.ravel(ds.method.values)],
           "evaluator": ds.attrs["evaluator"], "dims": list(ds[q].dims)}
    if "nullity" in ds:
        out["nullity"] = [int(x) for x in np.ravel(ds["nullity"].values)]
    return out


if __name__ == "__main__":
    DATA.write_text(json.dumps({k: run(k) for k in CASES}, indent=1) + "\n")
    print("wrote", DATA)
