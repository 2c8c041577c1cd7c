"""Sweeps: xarray datasets from closed forms (vectorized) and per-point tasks (serial, map, Dask)."""
from __future__ import annotations

import json
import math
import time

import numpy as np
import pytest
import xarray as xr

from symbolic_ness import ParameterError
from symbolic_ness.app import catalog, parse_axis, parse_params, sweep, write_dataset


def _evaluate(model, quantity, method="exact", **params):
    m = catalog()[model]
    v = m.quantities[quantity].fn(parse_params(m, quantity, params), method)
    return getattr(v, "value", v)


def _agree(a, b):
    return abs(a - b) <= 1e-12 * abs(b) + 1e-15


def test_parse_axis_forms_and_errors():
    assert np.allclose(parse_axis("0:10:101")[[0, 1, -1]], [0, 0.1, 10])
    assert np.allclose(parse_axis("log:0.01:100:5"), [0.01, 0.1, 1, 10, 100])
    assert list(parse_axis("1, 2,5")) == [1, 2, 5]
    for bad in ("1:2", "log:0:1:3", "a,b", "0:1:0", ""):
        with pytest.raises(ParameterError, match="lo:hi:num"):
            parse_axis(bad)


def test_two_axis_reset_ising_negativity_equals_evaluate(tmp_path, cli):
    out = tmp_path / "scan.nc"
    p = cli("sweep", "reset-ising", "negativity", "--grid", "g=0:10:101", "--grid", "r=0:20:201",
            "--set", "gamma=1", "--out", out, "--plot", tmp_path / "scan.png")
    assert p.returncode == 0, p.stderr
    assert "20301/20301 points" in p.stderr  # progress bar (done/total, rate) on stderr
    ds = xr.open_dataset(out, engine="h5netcdf")
    N = ds["negativity"]
    assert N.dims == ("g", "r") and N.shape == (101, 201)
    assert ds.attrs["model"] == "reset-ising" and json.loads(ds.attrs["params"]) == {"gamma": 1.0}
    assert ds.attrs["symbolic_ness_version"] and "closed form" in ds.attrs["evaluator"]
    assert ds["g"].attrs["description"] and ds["r"].attrs["long_name"] == "r"
    rng = np.random.default_rng(3)
    for i, j in list(zip(rng.integers(1, 101, 12), rng.integers(1, 201, 12))) + [(20, 100), (0, 100), (60, 180)]:
        g, r = float(ds.g[i]), float(ds.r[j])
        assert _agree(float(N[i, j]), _evaluate("reset-ising", "negativity", g=g, r=r, gamma=1.0)), (g, r)
    assert float(N.sel(g=2.0, r=5.0)) > 0 and (N > 0).sum() > 3000
    # r = 0: not a unique steady state; recorded per point (NaN + status), never a closed-form value
    assert np.isnan(N.sel(r=0.0)).all()
    msg = ds.status_message[ds.status].sel(g=3.0, r=0.0).item()
    assert msg.startswith("NonUniqueSteadyStateError") and "not unique" in msg  # exit 3 through every path
    assert ds.attrs["failed_points"] == 101
    assert ds.method_name[ds.method].sel(g=3.0, r=2.0).item() == "exact (closed form)"
    # the exact boundary of the entangled region: zero level of X in N = max(0, X)
    assert ((ds["negativity_signed"] > 0) == (N > 0)).sel(r=slice(0.1, None)).all()
    assert (tmp_path / "scan.png").stat().st_size > 10_000


def test_million_points_closed_form_is_one_vectorized_call():
    t = time.perf_counter()
    ds = sweep("reset-ising", "negativity", {"g": "0.01:10:1000", "r": "0.01:20:1000"}, fixed={"gamma": 1.0})
    dt = time.perf_counter() - t
    assert ds["negativity"].size == 10 ** 6 and ds.attrs["failed_points"] == 0
    assert dt < 20, dt  # about a second on an idle core (the derivation is cached)
    assert _agree(float(ds["negativity"][500, 900]),
                  _evaluate("reset-ising", "negativity", g=float(ds.g[500]), r=float(ds.r[900]), gamma=1.0))


def test_per_point_with_a_qutip_map_records_failures():
    qutip = pytest.importorskip("qutip")
    calls = []

    def my_map(task, values, task_args=(), task_kwargs={}, **kw):  # QuTiP's parallel_map signature
        calls.append(len(values))
        return qutip.serial_map(task, values, task_args=task_args, task_kwargs=task_kwargs)

    ds = sweep("reset-ising", "negativity", {"r": [0.0, 3.0, 6.0, 12.0]}, fixed={"g": 2.0}, method="numeric",
               map=my_map)
    assert calls and sum(calls) == 4 and "per point" in ds.attrs["evaluator"]
    N = ds["negativity"].values
    assert np.isnan(N[0]) and ds.status.values[0] > 0 and (ds.status.values[1:] == 0).all()
    for k, r in enumerate([3.0, 6.0, 12.0], 1):
        assert abs(N[k] - _evaluate("reset-ising", "negativity", g=2.0, r=r, gamma=1.0)) < 1e-9
    assert ds.method_name[ds.method].values[1] == "numeric"


def test_every_point_invalid_is_a_parameter_error_and_bad_axes_are_named():
    with pytest.raises(ParameterError, match="--grid"):
        sweep("reset-ising", "negativity", {"nope": [1.0]}, fixed={"g": 1.0})
    with pytest.raises(ParameterError, match="QUANTITY"):
        sweep("reset-ising", "nope", {"r": [1.0]})
    with pytest.raises(ParameterError, match="method"):
        sweep("reset-ising", "negativity", {"r": [1.0]}, fixed={"g": 1.0}, method="magic")
    with pytest.raises(ParameterError):
        sweep("reset-ising", "negativity", {"r": [-1.0, -2.0]}, fixed={"g": 1.0}, method="numeric")


def test_cli_errors_exit_2_without_traceback(cli, tmp_path):
    p = cli("sweep", "reset-ising", "negativity", "--grid", "g=abc", "--out", tmp_path / "x.nc")
    assert p.returncode == 2 and "lo:hi:num" in p.stderr and "Traceback" not in p.stderr
    p = cli("sweep", "no-such-model", "negativity", "--grid", "g=1,2", "--out", tmp_path / "x.nc")
    assert p.returncode == 2 and "MODEL" in p.stderr


@pytest.mark.slow
def test_numeric_sweep_on_a_two_worker_local_dask_cluster(tmp_path, cli):
    out = tmp_path / "num.nc"
    p = cli("sweep", "reset-ising", "negativity", "--grid", "r=0:20:21", "--set", "g=4", "--method", "numeric",
            "--workers", "2", "--out", out, "--plot", tmp_path / "num.png")
    assert p.returncode == 0, p.stderr
    ds = xr.open_dataset(out, engine="h5netcdf")
    assert "Dask (2 workers)" in ds.attrs["evaluator"] and ds.attrs["method"] == "numeric"
    N = ds["negativity"].values
    assert math.isnan(N[0]) and ds.attrs["failed_points"] == 1
    for k in (3, 10, 20):
        r = float(ds.r[k])
        assert abs(N[k] - _evaluate("reset-ising", "negativity", "numeric", g=4.0, r=r, gamma=1.0)) < 1e-12
        assert abs(N[k] - _evaluate("reset-ising", "negativity", g=4.0, r=r, gamma=1.0)) < 1e-9
    assert (tmp_path / "num.png").exists()


def test_zarr_output_or_a_clear_error(tmp_path):
    ds = sweep("reset-ising", "negativity", {"r": [1.0, 5.0]}, fixed={"g": 2.0})
    try:
        import zarr  # noqa: F401
    except ImportError:
        with pytest.raises(ParameterError, match="zarr"):
            write_dataset(ds, tmp_path / "s.zarr")
        return
    write_dataset(ds, tmp_path / "s.zarr")
    assert np.allclose(xr.open_zarr(tmp_path / "s.zarr")["negativity"].values, ds["negativity"].values)


def test_models_with_an_explicit_core_model_get_nullity_and_residual():
    import sympy as sp
    from symbolic_ness.app import CatalogModel, Param, Quantity
    from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x, sigma_z, steady_state

    kappa, g = sp.symbols("kappa g", nonnegative=True)

    def build(p):
        return Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), kappa)], name="driven-decay")

    def z(p, method):
        ss = steady_state(build(p), {"kappa": p["kappa"], "g": p["g"]}, method="numeric")
        rho = ss.require_unique()
        return float(np.real(np.trace(np.array(sigma_z().evalf(), dtype=complex) @ rho)))

    entry = CatalogModel("driven-decay", "one driven, decaying qubit", [Param("kappa", "decay rate"),
                         Param("g", "drive", default=1.0)], {"z": Quantity("z", "<sigma_z>", z, methods=("numeric",))},
                         build=build)
    ds = sweep(entry, "z", {"kappa": [0.0, 0.5, 2.0]})
    assert list(ds["nullity"].values) == [2, 1, 1]  # kappa = 0: no dissipation, not unique
    assert np.isnan(ds["z"].values[0]) and "unique" in ds.status_message[ds.status].values[0]
    assert np.all(ds["residual"].values[1:] < 1e-12)
    # resonance fluorescence, H = g sigma_x (Rabi frequency 2g), decay to |1> (sigma_z = -1):
    # <sigma_z> = -kappa^2 / (kappa^2 + 8 g^2)
    for k, kap in ((1, 0.5), (2, 2.0)):
        assert abs(ds["z"].values[k] + kap ** 2 / (kap ** 2 + 8.0)) < 1e-9


def test_model_file_numeric_sweep_on_a_two_worker_local_dask_cluster(tmp_path, cli):
    """A user's model file (two-qubit XXZ, decay kappa on 0, pumping p on 1), 1-axis numeric sweep with
    --workers 2 (7 points: the batched solver in process, below the parallel threshold); every point
    equals `evaluate` on the same file, and the entangled region starts at p = 3 kappa."""
    from pathlib import Path
    f = Path(__file__).resolve().parents[2] / "examples" / "xxz_two_qubit_driven.toml"
    fixed = ["--set", "J=1", "--set", "Delta=0.5", "--set", "h=0", "--set", "kappa=1"]
    out = tmp_path / "file.nc"
    p = cli("sweep", f, "pair-negativity", "--grid", "p=0:6:7", *fixed, "--method", "numeric",
            "--workers", "2", "--out", out, "--quiet")
    assert p.returncode == 0, p.stderr
    ds = xr.open_dataset(out, engine="h5netcdf")
    assert ds.attrs["evaluator"].startswith("batched in process, fewer than") and ds.attrs["failed_points"] == 0
    N = ds["pair-negativity"].values
    for k in (1, 4, 6):
        pv = float(ds.p[k])
        e = cli("evaluate", f, "pair-negativity", *fixed, "--set", f"p={pv:g}", "--method", "numeric", "--json")
        assert e.returncode == 0, e.stderr
        assert abs(N[k] - json.loads(e.stdout)["value"]) < 1e-12
    assert np.all(np.abs(N[:4]) < 1e-12) and np.all(N[4:] > 1e-3)  # entangled iff p > 3 kappa


def test_closed_form_too_large_falls_back_to_point_by_point(capsys):
    """A sweep only prefers a closed form: when the negativity closed form of a model file is refused
    as too large (two free parameters, see core MAX_FACTOR_TERMS), the sweep evaluates point by
    point and says why; the values equal `evaluate --method numeric` at the same points."""
    from pathlib import Path

    from symbolic_ness.app import main
    example = Path(__file__).resolve().parents[2] / "examples" / "chiral_dm_pair.toml"
    fixed = {"D": 2.62, "J": -2.49, "b": -0.29}
    ds = sweep(str(example), "negativity", {"kappa": [0.7, 5.96], "p": [0.17]}, fixed=fixed)
    assert "no closed form" in ds.attrs["evaluator"] and "fewer free parameters" in ds.attrs["evaluator"]
    for i, k in enumerate([0.7, 5.96]):
        sets = [a for key, x in {**fixed, "kappa": k, "p": 0.17}.items() for a in ("--set", f"{key}={x}")]
        capsys.readouterr()
        assert main(["evaluate", str(example), "negativity", *sets, "--method", "numeric", "--json"]) == 0
        ref = json.loads(capsys.readouterr().out)["value"]
        assert abs(float(ds["negativity"].values[i, 0]) - float(ref)) < 1e-9
