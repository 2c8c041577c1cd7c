r"""Sweeps of catalogued models and model files: argument translation onto the library's
:func:`symbolic_ness.engines.sweep` / :func:`~symbolic_ness.engines.run_sweep`.

``sweep(model, quantity, grid, fixed=..., method=...)`` takes a catalogue name, a
:class:`CatalogModel` or (where the CLI resolves them) a model file:

* a **model file** is loaded (:func:`~symbolic_ness.engines.load_model`) and its ``--set``
  texts become the library's values and options (``cut``, ``pair``, ``op``); the library
  sweep chooses the evaluator (closed form, batched numerics, per point) and reports it;
* a **named paper model** evaluates its catalogued quantity at each point (the catalogue's
  quantity functions, :func:`_eval_chunk`) and uses its closed form
  (:func:`~symbolic_ness.app.closed_form`) or, for the Liouvillian gap of a model with an
  explicit core model, the batched numerics — all through the library's
  :func:`~symbolic_ness.engines.run_sweep` (one driver: grid, Dask/local processes/map, progress,
  the dataset's variables and attributes).

>>> ds = sweep("reset-ising", "negativity", {"g": [2.0, 5.0], "r": "1:5:3"}, fixed={"gamma": 1})
>>> ds["negativity"].dims, ds["negativity"].shape
(('g', 'r'), (2, 3))
>>> float(ds["negativity"].sel(g=2.0, r=5.0))  # = 23/1968
0.011686991869918699
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path


from .._errors import ClosedFormTooLargeError, NonUniqueSteadyStateError, ParameterError
from ..engines import SweepPlan, batched_plan, model_units, parse_axis, parse_grid, probe_point, run_sweep
from ..engines import sweep as library_sweep
from ._closed_form import _CLI, resolve_model
from ._registry import parse_params

__all__ = ["sweep", "parse_axis", "write_dataset", "cmd_sweep"]


# ------------------------------------------------------------ catalogued models
def _eval_chunk(chunk, spec) -> list:
    """Evaluate the catalogued quantity at the points of ``chunk`` = ``[(flat_index, {name: value}), ...]``.

    Never raises: each point gives ``(index, value, method, status, nullity, residual)``.
    Module-level so that Dask / loky / multiprocessing can ship it to workers.
    """
    entry = resolve_model(spec["model"], spec.get("lookup"))
    q = entry.quantities[spec["quantity"]]
    out = []
    for idx, point in chunk:
        value, ran, status, nullity = math.nan, spec["method"], "ok", -1
        try:
            params = parse_params(entry, spec["quantity"], {**spec["fixed"], **point})
            v = q.fn(params, spec["method"])
            ran = getattr(v, "method", ran)
            value = getattr(v, "value", v)
        except Exception as exc:  # record the point (the driver prints the error in one line), keep sweeping
            status = exc
            if isinstance(exc, NonUniqueSteadyStateError) and exc.nullity is not None:
                nullity = exc.nullity
        out.append((idx, value, ran, status, nullity, math.nan))
    return out


def _catalogue_plan(entry, model, quantity: str, axes: dict, fixed: dict, method, closed_form: bool) -> SweepPlan:
    """The sweep plan of a named paper model: its quantity per point, its closed form, the batched
    gap of its explicit core model."""
    from ._closed_form import closed_form as catalogue_closed_form
    q = entry.quantities[quantity]
    pm = entry.param_map(quantity)
    for n in axes:
        if n not in pm:
            raise ParameterError("--grid", n, f"a parameter of model {entry.name!r}: " + ", ".join(pm))
    both = set(axes) & set(fixed)
    if both:
        raise ParameterError("--set", sorted(both)[0], "a parameter that is not also a grid axis")
    if method is not None and method not in q.methods:
        raise ParameterError("method", method, " or ".join(q.methods))
    # validate the fixed values and fill defaults once (grid values are checked per point)
    base = probe_point(axes, lambda probe: parse_params(entry, quantity, {**fixed, **probe}))
    fixed_all = {k: v for k, v in base.items() if k not in axes}
    run_method = method or ("auto" if "auto" in q.methods else q.methods[0])
    cf = why = None
    if closed_form and method in (None, "auto", "exact"):
        try:
            cf = catalogue_closed_form(entry, quantity, fixed_all, free=tuple(axes))
        except ClosedFormTooLargeError as exc:  # a closed form is only preferred here: go point by point
            why = str(exc)
    batch = status = None
    core = None
    if cf is None and getattr(entry, "build", None) is not None:
        names = {p.name for p in entry.params}
        try:
            core = entry.build({k: v for k, v in fixed_all.items() if k in names and k not in axes and v is not None})
        except Exception:  # a catalogue model that needs more values to build: per point, no status
            core = None
        if quantity in ("liouvillian-gap", "relaxation-time"):
            batch = batched_plan(core, quantity, fixed_all, axes, run_method)
        if batch is None and run_method != "exact":
            status = batched_plan(core, quantity, fixed_all, axes, status=True)
    spec = {"model": model if isinstance(model, str) else entry, "quantity": quantity, "method": run_method,
            "fixed": fixed_all, "lookup": _CLI.get("lookup")}
    axis_attrs = {}
    for n in axes:
        p = pm[n]
        axis_attrs[n] = {"long_name": p.name, "description": p.doc, **({"units": p.units} if getattr(p, "units", None)
                                                                        else {})}
    attrs = {"model": entry.name, "model_doc": entry.doc, "params": json.dumps(dict(fixed_all), default=str)}
    return SweepPlan(quantity, axes, run_method, _eval_chunk, spec, cf, why, batch, status,
                     axis_attrs=axis_attrs, attrs=attrs, description=q.doc, units=model_units(entry.doc))


# ------------------------------------------------------------------ model files
def _file_sweep(entry, model, quantity, grid, fixed, method, **run):
    """A model file's sweep: the ``--set`` texts as the library's values and options."""
    from ._userfile import EXPLICIT_QUANTITIES, FILE_QUANTITIES, SYMMETRIC_QUANTITIES
    mf = entry.model_file
    table = {**FILE_QUANTITIES, **(SYMMETRIC_QUANTITIES if mf.symmetric else EXPLICIT_QUANTITIES)}
    if quantity not in table and quantity not in ("liouvillian-gap", "relaxation-time"):
        raise ParameterError("QUANTITY", quantity, f"one of {', '.join(entry.quantities)} for model {entry.name}")
    if method is not None and method not in ("auto", "exact", "numeric"):
        raise ParameterError("method", method, "auto, exact or numeric")
    fixed = dict(fixed)
    axes = parse_grid(grid)
    if mf.symmetric and mf.sites in axes:  # the qubit number as an axis: the options need one N
        fixed_for_options = {**fixed, mf.sites: int(axes[mf.sites][0])}
    else:
        fixed_for_options = fixed
    options = entry._options(quantity, fixed_for_options) if quantity in table else {}
    values = entry._values(fixed)
    lib = mf.permutation_model() if mf.symmetric else mf.model()
    attrs = {"model": entry.name, "model_doc": entry.doc, "model_file": str(Path(model).resolve())}
    return library_sweep(lib, quantity, axes, fixed=values, method=method or "auto", units=model_units(mf.description),
                         attrs=attrs, size=mf.sites if mf.symmetric else None, **options, **run)


# ----------------------------------------------------------------------- sweep
def sweep(model, quantity: str, grid, fixed: dict | None = None, method: str | None = None,
          client=None, map=None, workers: int | None = None, progress: bool = False,
          closed_form: bool = True):
    """Evaluate ``quantity`` of a catalogued model or a model file on ``grid`` (an
    :class:`xarray.Dataset`); see :func:`symbolic_ness.engines.sweep` for the dataset.

    Parameters
    ----------
    model : str or CatalogModel
        A catalogue name (or a model file, where the CLI resolves those) or a catalogue entry.
    quantity : str
        A scalar quantity of the model.
    grid : dict or list of str
        ``{name: values or "lo:hi:num" / "log:lo:hi:num" / "v1,v2"}`` or ``["name=spec", ...]``.
    fixed : dict, optional
        The other parameter values and options as ``--set`` gives them (catalogue defaults apply).
    method : str, optional
        ``None`` (closed form when available, else the quantity's first method) or one of the
        quantity's methods (``"numeric"`` never uses the closed form).
    client, map, workers, progress, closed_form
        As for :func:`symbolic_ness.engines.sweep`.

    Returns
    -------
    xarray.Dataset
        The quantity on the grid with ``status``, ``method`` and, where a steady state was
        solved, ``nullity``/``residual``; ``attrs["evaluator"]`` says what ran.

    Examples
    --------
    >>> ds = sweep("reset-ising", "negativity", {"r": [1.0, 5.0]}, fixed={"g": 2.0, "gamma": 1.0})
    >>> [round(float(x), 12) for x in ds["negativity"].values]  # 0 at r = 1; 23/1968 at r = 5
    [0.0, 0.01168699187]
    """
    entry = resolve_model(model)
    if quantity not in entry.quantities:
        raise ParameterError("QUANTITY", quantity, f"one of {', '.join(entry.quantities)} for model {entry.name}")
    run = {"client": client, "map": map, "workers": workers, "progress": progress, "closed_form": closed_form}
    if getattr(entry, "model_file", None) is not None:
        return _file_sweep(entry, model, quantity, grid, dict(fixed or {}), method, **run)
    axes = parse_grid(grid)
    plan = _catalogue_plan(entry, model, quantity, axes, dict(fixed or {}), method, closed_form)
    run.pop("closed_form")
    return run_sweep(plan, **run)


def write_dataset(ds, path) -> Path:
    """Write ``ds`` to NetCDF (h5netcdf; ``.nc``/``.h5``/other) or Zarr (``.zarr``, needs zarr)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".zarr":
        try:
            import zarr  # noqa: F401
        except ImportError:
            raise ParameterError("--out", str(path), "a .nc file (Zarr output needs: pip install zarr)") from None
        ds.to_zarr(path, mode="w")
    else:
        ds.to_netcdf(path, engine="h5netcdf")
    return path


# ------------------------------------------------------------------------- CLI
def cmd_sweep(args) -> int:
    client = None
    if args.scheduler:
        from distributed import Client
        try:
            client = Client(args.scheduler, timeout="20s")
        except OSError as exc:
            raise ParameterError("--scheduler", args.scheduler, f"a reachable Dask scheduler ({exc})") from None
    try:
        ds = sweep(args.model, args.quantity, args.grid, fixed=_CLI["parse_sets"](args.set), method=args.method,
                   client=client, workers=args.workers, progress=not args.quiet)
    finally:
        if client is not None:
            client.close()
    out = write_dataset(ds, args.out)
    msg = f"wrote {out} ({ds.attrs['points']} points, {ds.attrs['failed_points']} failed; {ds.attrs['evaluator']})"
    if args.plot:
        from ._sweep_plot import plot_sweep
        msg += f", {plot_sweep(ds, args.plot)}"
    if not args.quiet:
        print(msg, file=sys.stderr)
    print(out)
    return 0
