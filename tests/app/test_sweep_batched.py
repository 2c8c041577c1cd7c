"""Numeric sweeps through the batched solver (compiled Liouvillian, stacked LU per chunk of points):
values equal the per-point `evaluate`, non-unique points marked, the Liouvillian gap, units from the
model file, the progress line, the memory guard and a real two-process Dask LocalCluster."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from symbolic_ness import ParameterError, load_model
from symbolic_ness.app import main, sweep
from symbolic_ness.core import liouvillian_numeric

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
XXZ2 = str(EXAMPLES / "xxz_two_qubit_driven.toml")
FIXED = {"Delta": 0.5, "h": 0.2, "kappa": 1.0}


def _evaluate(capsys, path, quantity, **params):
    sets = [a for k, v in params.items() for a in ("--set", f"{k}={v!r}")]
    capsys.readouterr()
    code = main(["evaluate", path, quantity, *sets, "--method", "numeric", "--json"])
    out = capsys.readouterr().out
    return code, (json.loads(out)["value"] if code == 0 else None)


def test_batched_sweep_equals_evaluate_and_marks_non_unique_points(capsys):
    """J = 0 and p = 0: qubit 1 has no dynamics, the steady state is not unique there."""
    ds = sweep(XXZ2, "pair-negativity", {"J": [0.0, 0.7, 1.3], "p": [0.0, 2.0, 5.0]}, fixed=FIXED,
               method="numeric")
    assert ds.attrs["evaluator"].startswith("batched in process")
    N = ds["pair-negativity"]
    assert np.isnan(N.sel(J=0.0, p=0.0)) and ds["nullity"].sel(J=0.0, p=0.0) == 2
    msg = ds.status_message[ds.status].sel(J=0.0, p=0.0).item()
    assert msg.startswith("NonUniqueSteadyStateError") and "not unique" in msg
    assert ds.attrs["failed_points"] == 1 and (ds["residual"].fillna(0) < 1e-12).all()
    for J, p in ((0.7, 2.0), (1.3, 5.0), (0.0, 5.0), (0.7, 0.0)):
        code, ref = _evaluate(capsys, XXZ2, "pair-negativity", J=J, p=p, **FIXED)
        assert code == 0 and abs(float(N.sel(J=J, p=p)) - ref) < 1e-12
    code, _ = _evaluate(capsys, XXZ2, "pair-negativity", J=0.0, p=0.0, **FIXED)
    assert code == 3  # the per-point path agrees: not unique
    assert N.attrs["long_name"] and N.attrs["units"] == "1"


def test_gap_sweep_and_units_declared_in_the_model_file(tmp_path):
    text = (EXAMPLES / "xxz_two_qubit_driven.toml").read_text().replace(
        'description = "two-qubit XXZ with decay on qubit 0 and pumping on qubit 1"',
        'description = "two-qubit XXZ, decay and pumping (in units of kappa)"')
    f = tmp_path / "units.toml"
    f.write_text(text)
    ds = sweep(str(f), "liouvillian-gap", {"p": [0.5, 3.0]}, fixed={**FIXED, "J": 1.0})
    assert ds.attrs["units"] == "in units of kappa" and ds["liouvillian-gap"].attrs["units"] == "kappa"
    model = load_model(f)
    for k, p in enumerate([0.5, 3.0]):
        ev = np.linalg.eigvals(liouvillian_numeric(model, {**FIXED, "J": 1.0, "p": p}).toarray())
        ev = ev[np.argsort(np.abs(ev))][1:]
        assert abs(ds["liouvillian-gap"].values[k] + ev.real.max()) < 1e-9
    tau = sweep(str(f), "relaxation-time", {"p": [0.5, 3.0]}, fixed={**FIXED, "J": 1.0})["relaxation-time"]
    assert np.allclose(tau.values * ds["liouvillian-gap"].values, 1) and tau.attrs["units"] == "1/(kappa)"


def test_progress_line_has_an_eta_and_one_line_per_update_off_a_terminal(capsys):
    sweep(XXZ2, "purity", {"J": "0.1:2:40", "p": "0.1:3:50"}, fixed=FIXED, method="numeric", progress=True)
    err = capsys.readouterr().err
    lines = [x for x in err.split("\n") if x]
    assert lines and "\r" not in err and lines[-1].startswith("sweep: 2000/2000 points")
    assert all("points (" in x for x in lines)


def test_a_grid_larger_than_memory_is_refused_up_front():
    with pytest.raises(ParameterError, match=r"--grid.*10000000000 points.*Dask"):
        sweep(XXZ2, "purity", {"J": "0:1:100000", "p": "0:1:100000"}, fixed=FIXED, method="numeric")


def test_batched_sweep_on_a_two_process_dask_local_cluster():
    import logging

    from distributed import Client, LocalCluster
    grid, fixed = {"J": "0.2:2:6", "p": "0:4:5"}, FIXED
    local = sweep(XXZ2, "negativity", grid, fixed=fixed, method="numeric")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        ds = sweep(XXZ2, "negativity", grid, fixed=fixed, method="numeric", client=client)
    assert ds.attrs["evaluator"].startswith("batched on Dask (2 workers)")
    assert np.array_equal(np.isnan(ds["negativity"].values), np.isnan(local["negativity"].values))
    assert np.nanmax(np.abs(ds["negativity"].values - local["negativity"].values)) < 1e-14
    assert (ds.status.values == local.status.values).all() and float(ds["negativity"].max()) > 1e-3


def test_an_unexpected_solver_error_marks_the_points_and_keeps_the_sweep(monkeypatch):
    import symbolic_ness.export as core

    def boom(*a, **k):
        raise RuntimeError("solver exploded")
    monkeypatch.setattr(core, "steady_states", boom)
    ds = sweep(XXZ2, "purity", {"J": [0.5, 1.0]}, fixed={**FIXED, "p": 1.0}, method="numeric")
    assert np.isnan(ds["purity"].values).all() and ds.attrs["failed_points"] == 2
    assert ds.status_message[ds.status].values[0] == "RuntimeError: solver exploded"
