r"""Parameter sweeps: a quantity over a grid, as an :class:`xarray.Dataset` (NetCDF / Zarr).

``sweep(model, quantity, grid, fixed=..., method=...)`` evaluates a catalogued quantity on
the Cartesian product of the grid axes. Two evaluators:

* **closed form** (``method`` ``None``/``"auto"``/``"exact"`` when the quantity offers one,
  see :func:`~symbolic_ness.app.closed_form`): one vectorized call of the core's
  :func:`~symbolic_ness.export.lambdify` over the whole grid (10⁶ points in about a second).
  Points outside the closed form's domain (a positive parameter at 0, a vanishing
  steady-state denominator, a non-finite value) are evaluated point by point instead.
* **per point**: independent tasks, chunked, on a Dask ``Client`` (``client=``, or a
  ``LocalCluster`` of ``workers`` processes), on a user ``map`` with QuTiP's
  ``parallel_map``/``loky_pmap`` signature ``map(task, values, task_args=(), task_kwargs={})``,
  or serially. Results stream into the arrays; a failed point is NaN with its error in
  ``status`` instead of killing the sweep.
* **batched** (numeric steady-state quantities of model files, the Liouvillian gap of any model
  with an explicit core model; :mod:`symbolic_ness.app._sweep_batched`): the model is compiled
  once (:func:`~symbolic_ness.export.compile_liouvillian`) and flat ranges of grid points are solved
  by :func:`~symbolic_ness.export.steady_states` / :func:`~symbolic_ness.export.liouvillian_gap` in
  process, on ``workers`` local processes (grids of at least 4096 points) or on a Dask
  ``client``. A non-unique point has status ``NonUniqueSteadyStateError: ...`` and no value.

The dataset has one dimension per axis (coordinates with ``long_name``/``description``), the
quantity as a float variable, integer codes ``status`` (0: ok; else the error
``status_message[k]``) and ``method`` (what ran: ``method_name[k]``) per point — as text:
``ds.status_message[ds.status]`` — and, where a numeric NESS solve ran on an explicit core model — ``nullity`` and
``residual``. Attributes record the model, quantity, fixed parameters, method, evaluator and
the package version.

>>> ds = sweep("reset-ising", "negativity", {"g": [2.0, 5.0], "r": "1:5:3"}, fixed={"gamma": 1})
>>> ds["negativity"].dims, ds["negativity"].shape
(('g', 'r'), (2, 3))
>>> float(ds["negativity"].sel(g=2.0, r=5.0))  # = 23/1968
0.011686991869918699
"""
from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp

from .._errors import ClosedFormTooLargeError, NonUniqueSteadyStateError, ParameterError
from ._closed_form import _CLI, resolve_model
from ._sweep_args import GRID_HELP
from ._registry import QuantityValue, parse_params

__all__ = ["sweep", "parse_axis", "write_dataset", "cmd_sweep"]

_GRID_HELP = GRID_HELP


# ----------------------------------------------------------------------- grid
def parse_axis(spec) -> np.ndarray:
    """Grid axis values from ``lo:hi:num``, ``log:lo:hi:num`` or ``v1,v2,...`` (or a sequence).

    >>> parse_axis("0:1:3")
    array([0. , 0.5, 1. ])
    >>> parse_axis("log:1:100:3")
    array([  1.,  10., 100.])
    >>> parse_axis("1,2.5")
    array([1. , 2.5])
    """
    if not isinstance(spec, str):
        vals = np.atleast_1d(np.asarray(spec, dtype=float))
    else:
        s = spec.strip()
        try:
            if ":" in s:
                parts = s.split(":")
                log = parts[0] == "log"
                if log:
                    parts = parts[1:]
                if len(parts) != 3:
                    raise ValueError
                lo, hi, num = float(parts[0]), float(parts[1]), int(parts[2])
                if num < 1 or (log and (lo <= 0 or hi <= 0)):
                    raise ValueError
                from .._cost import MAX_GRID_POINTS, check_count  # before allocating the axis
                check_count("--grid", spec, MAX_GRID_POINTS, "points", "fewer points", estimate=num)
                vals = np.geomspace(lo, hi, num) if log else np.linspace(lo, hi, num)
            else:
                vals = np.array([float(x) for x in s.split(",") if x.strip()])
        except ValueError:
            raise ParameterError("--grid", spec, _GRID_HELP) from None
    if vals.ndim != 1 or vals.size == 0 or not np.all(np.isfinite(vals)):
        raise ParameterError("--grid", spec if isinstance(spec, str) else list(np.ravel(vals)),
                             "a non-empty list of finite values: " + _GRID_HELP)
    return vals


def _parse_grid(grid) -> dict:
    if isinstance(grid, dict):
        items = list(grid.items())
    else:
        items = []
        for g in grid:
            if not isinstance(g, str) or "=" not in g:
                raise ParameterError("--grid", g, _GRID_HELP)
            k, v = g.split("=", 1)
            items.append((k.strip(), v))
    if not items:
        raise ParameterError("--grid", None, "at least one axis: " + _GRID_HELP)
    out = {}
    for k, v in items:
        if k in out:
            raise ParameterError("--grid", k, "each axis once")
        out[k] = parse_axis(v)
    return out


# ------------------------------------------------------------ point evaluation
_resolve = resolve_model


def _scalar(v) -> float:
    if isinstance(v, QuantityValue):
        v = v.value
    if v is None:
        raise ValueError("no value (None) at this point")
    if isinstance(v, (list, tuple, dict)) or (isinstance(v, np.ndarray) and v.size != 1):
        raise ValueError("not a scalar quantity (a sweep needs one number per point)")
    c = complex(np.asarray(v).item() if isinstance(v, np.ndarray) else v)
    if c.imag != 0:
        raise ValueError(f"complex value {c} (a sweep stores real numbers)")
    return c.real


def _one_line(exc) -> str:
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg}"[:300]


def _eval_chunk(chunk, spec) -> list:
    """Evaluate the points of ``chunk`` = ``[(flat_index, {name: value}), ...]``.

    Never raises: each point gives ``(index, value, method, status, nullity, residual)``.
    Module-level so that Dask / loky / multiprocessing can ship it to workers.
    """
    entry = resolve_model(spec["model"], spec.get("lookup"))
    q = entry.quantities[spec["quantity"]]
    out = []
    for idx, point in chunk:
        value, ran, status, nullity, residual = math.nan, spec["method"], "ok", -1, math.nan
        params = None
        try:
            params = parse_params(entry, spec["quantity"], {**spec["fixed"], **point})
            v = q.fn(params, spec["method"])
            if isinstance(v, QuantityValue):
                ran = v.method
            value = _scalar(v)
        except Exception as exc:  # record the point, keep sweeping
            status = _one_line(exc)
            if isinstance(exc, NonUniqueSteadyStateError) and exc.nullity is not None:
                nullity = exc.nullity
        if spec["status"] and params is not None:
            try:
                nullity, residual = _ness_status(entry, params)
            except Exception:  # the status solve is informative only
                pass
        out.append((idx, value, ran, status, nullity, residual))
    return out


def _ness_status(entry, params) -> tuple:
    """Nullity and residual of the numeric NESS solve of the entry's explicit core model."""
    from ..core import steady_state
    M = entry.build(dict(params))
    vals = {s.name: params[s.name] for s in M.parameters if s.name in params}
    ss = steady_state(M, vals, method="numeric")
    return ss.nullity, (ss.residual if ss.unique else math.nan)


class _Codes:
    """Strings as small integer codes (a million "ok" strings would cost 100 MB in NetCDF)."""

    def __init__(self, first: str):
        self.names, self._ix = [first], {first: 0}

    def code(self, s: str) -> int:
        if s not in self._ix:
            self._ix[s] = len(self.names)
            self.names.append(s)
        return self._ix[s]


class _Progress:
    """``sweep: done/total points (rate/s, ETA ...)`` on stderr: redrawn in place (at most 5 times a
    second) on a terminal, else one line per update (at most one every 2 seconds, and the last)."""

    def __init__(self, total: int, enabled: bool, label: str = "sweep"):
        self.total, self.enabled, self.label = total, enabled, label
        self.done, self.t0, self.last = 0, time.perf_counter(), 0.0
        self.tty = bool(getattr(sys.stderr, "isatty", lambda: False)())

    def update(self, k: int):
        self.done += k
        now = time.perf_counter()
        if self.enabled and (now - self.last > (0.2 if self.tty else 2.0) or self.done >= self.total):
            self.last = now
            rate = self.done / max(now - self.t0, 1e-9)
            left = (self.total - self.done) / rate if rate > 0 else float("inf")
            eta = f", ETA {_duration(left)}" if self.done < self.total else f", {_duration(now - self.t0)}"
            line = f"{self.label}: {self.done}/{self.total} points ({rate:.3g}/s{eta})"
            print(("\r" + line) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def close(self):
        if self.enabled and self.tty:
            print(file=sys.stderr, flush=True)


def _duration(seconds: float) -> str:
    """``"12 s"``, ``"3 min 5 s"``, ``"2 h 1 min"``."""
    if not math.isfinite(seconds):
        return "?"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"
def _main_thread() -> bool:
    import threading
    return threading.current_thread() is threading.main_thread()


def _chunks(points: list, parts: int) -> list:
    size = max(1, math.ceil(len(points) / max(parts, 1)))
    return [points[i:i + size] for i in range(0, len(points), size)]


def _run_points(points, spec, store, progress, client=None, map=None, workers=None) -> str:
    """Evaluate ``points`` and ``store`` each result row; returns the evaluator description."""
    if not points:
        return "none"
    if map is not None:
        rows = map(_eval_chunk, _chunks(points, 64), task_args=(spec,))
        for res in rows:
            store(res)
            progress.update(len(res))
        return f"per point via {getattr(map, '__name__', 'map')}"
    own = None
    if client is None and workers is not None and workers > 1 and len(points) > 1:
        import logging
        from distributed import Client, LocalCluster
        import signal
        # worker processes ignore Ctrl-C (they inherit SIG_IGN): the interrupt reaches only this
        # process, which shuts the cluster down quietly (no worker tracebacks) and exits 130
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
        try:
            own = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        finally:
            if old is not None:
                signal.signal(signal.SIGINT, old)
        client = Client(own)
    if client is None:
        for chunk in _chunks(points, max(1, len(points) // 16)):
            res = _eval_chunk(chunk, spec)
            store(res)
            progress.update(len(res))
        return "per point (serial)"
    try:
        from distributed import as_completed
        nw = max(1, len(client.scheduler_info().get("workers", {})))
        chunks = _chunks(points, 8 * nw)
        futs = {client.submit(_eval_chunk, c, spec, pure=False): c for c in chunks}
        for fut in as_completed(list(futs)):
            try:
                res = fut.result()
            except Exception as exc:  # a worker died: record its points, keep the others
                res = [(i, math.nan, spec["method"], _one_line(exc), -1, math.nan) for i, _ in futs[fut]]
            store(res)
            progress.update(len(res))
        return f"per point on Dask ({nw} workers)"
    except KeyboardInterrupt:
        import logging
        for name in ("distributed", "tornado", "asyncio"):  # shutting down: no tracebacks of cancelled work
            logging.getLogger(name).setLevel(logging.CRITICAL)
        raise
    finally:
        if own is not None:
            client.close()
            own.close()


# ---------------------------------------------------------------- closed form
def _closed_form_values(cf, axes: dict) -> tuple:
    """Values of the closed form on the grid, and the mask of points it does not cover."""
    from ..export import lambdify
    names = list(axes)
    shape = tuple(len(v) for v in axes.values())
    byname = {a.name: a for a in cf.args}
    bcast = {}
    for k, n in enumerate(names):
        sh = [1] * len(names)
        sh[k] = shape[k]
        bcast[n] = axes[n].reshape(sh)
    f = lambdify(cf.expr, cf.args)
    vals = np.broadcast_to(np.asarray(f(*[bcast[a.name] for a in cf.args]), dtype=float), shape).copy()
    signed = None
    if isinstance(cf.expr, sp.Max) and len(cf.expr.args) == 2 and 0 in cf.expr.args:
        inner = [a for a in cf.expr.args if a != 0][0]
        g = lambdify(inner, cf.args)
        signed = np.broadcast_to(np.asarray(g(*[bcast[a.name] for a in cf.args]), dtype=float), shape).copy()
    outside = ~np.isfinite(vals)
    for n in names:
        s = byname.get(n)
        if s is None:
            continue
        if s.is_positive:
            outside |= np.broadcast_to(bcast[n] <= 0, shape)
        elif s.is_nonnegative:
            outside |= np.broadcast_to(bcast[n] < 0, shape)
    for d in cf.denominators:
        if not d.free_symbols <= set(cf.args):
            continue
        dv = np.broadcast_to(np.asarray(lambdify(d, cf.args)(*[bcast[a.name] for a in cf.args]), dtype=float), shape)
        outside |= ~(np.abs(dv) > 0)
    return vals, outside, signed


# ----------------------------------------------------------------------- sweep
def sweep(model, quantity: str, grid, fixed: dict | None = None, method: str | None = None,
          client=None, map=None, workers: int | None = None, progress: bool = False,
          closed_form: bool = True):
    """Evaluate ``quantity`` of ``model`` on ``grid``; returns an :class:`xarray.Dataset`.

    Parameters
    ----------
    model : catalogue name (or a model file where the CLI resolves those) or a CatalogModel.
    quantity : a scalar quantity of the model.
    grid : ``{name: values or "lo:hi:num" / "log:lo:hi:num" / "v1,v2"}`` or ``["name=spec", ...]``;
        the axes in order.
    fixed : the other parameter values (defaults of the catalogue apply).
    method : ``None`` (closed form when available, else the quantity's first method), or
        one of the quantity's methods (``"numeric"`` never uses the closed form).
    client : a ``distributed.Client`` for per-point tasks (e.g. ``Client("tcp://host:8786")``).
    map : a map with QuTiP's ``parallel_map`` signature ``map(task, values, task_args=())``.
    workers : start a local Dask cluster of that many processes when no client/map is given
        (``None``/1: serial in this process).
    progress : progress bar on stderr.
    closed_form : set False to force per-point evaluation.
    """
    import xarray as xr

    from .. import __version__
    from ._closed_form import closed_form as _closed_form
    entry = _resolve(model)
    if quantity not in entry.quantities:
        raise ParameterError("QUANTITY", quantity, f"one of {', '.join(entry.quantities)} for model {entry.name}")
    q = entry.quantities[quantity]
    axes = _parse_grid(grid)
    pm = entry.param_map(quantity)
    for n in axes:
        if n not in pm:
            raise ParameterError("--grid", n, f"a parameter of model {entry.name!r}: " + ", ".join(pm))
    fixed = dict(fixed or {})
    both = set(axes) & set(fixed)
    if both:
        raise ParameterError("--set", sorted(both)[0], "a parameter that is not also a grid axis")
    if method is not None and method not in q.methods:
        raise ParameterError("method", method, " or ".join(q.methods))
    # validate the fixed values and fill defaults once (grid values are checked per point)
    base = None
    for pos in (0, -1, None):  # first, last, middle grid values as a probe
        probe = {n: float(v[len(v) // 2 if pos is None else pos]) for n, v in axes.items()}
        try:
            base = parse_params(entry, quantity, {**fixed, **probe})
            break
        except ParameterError as exc:
            if exc.name not in axes:
                raise
    if base is None:
        raise ParameterError("--grid", ", ".join(axes), "axes with at least one allowed value")
    fixed_all = {k: v for k, v in base.items() if k not in axes}
    run_method = method or ("auto" if "auto" in q.methods else q.methods[0])
    names, shape = list(axes), tuple(len(v) for v in axes.values())
    total = int(np.prod(shape))
    _check_memory(total, True)  # the result arrays alone
    values = np.full(shape, np.nan)
    status = np.zeros(shape, dtype=np.int32)       # codes into `messages` (0: "ok")
    ran = np.zeros(shape, dtype=np.int32)          # codes into `methods`
    messages, methods = _Codes("ok"), _Codes(run_method)
    nullity = np.full(shape, -1, dtype=np.int64)
    residual = np.full(shape, np.nan)
    want_status = getattr(entry, "build", None) is not None and run_method not in ("exact",)
    cf = signed = None
    too_large = None
    if closed_form and method in (None, "auto", "exact"):
        try:
            cf = _closed_form(entry, quantity, fixed_all, free=tuple(names))
        except ClosedFormTooLargeError as exc:  # a closed form is only preferred here: go point by point
            too_large = str(exc)
    bar = _Progress(total, progress)
    if cf is not None:
        vals, outside, signed = _closed_form_values(cf, axes)
        values[...] = vals
        if signed is not None:
            signed[outside] = np.nan
        ran[...] = methods.code("exact (closed form)")
        bar.update(total - int(outside.sum()))
        todo = [tuple(ix) for ix in np.argwhere(outside)]
        want_status = False
        evaluator = f"closed form, one vectorized lambdify call ({cf.source})"
    else:
        todo = list(np.ndindex(*shape))
        evaluator = None
    batch = None
    if cf is None:
        from . import _sweep_batched as sb
        batch = sb.plan(entry, quantity, fixed_all, axes, run_method)
        if batch is not None:
            todo, want_status = [], True
        _check_memory(total, batch is not None)
    status_batch = None
    if batch is None and want_status and todo:
        status_batch = sb.status_plan(entry, fixed_all, axes)  # no second solve per point
    flat_points = [(int(np.ravel_multi_index(ix, shape)) if shape else 0,
                    {n: float(axes[n][i]) for n, i in zip(names, ix)}) for ix in todo]
    spec = {"model": model if isinstance(model, str) else entry, "quantity": quantity, "method": run_method,
            "fixed": fixed_all, "status": want_status and status_batch is None, "lookup": _CLI.get("lookup")}

    def store(rows):
        for idx, v, m, st, nu, res in rows:
            ix = np.unravel_index(idx, shape)
            values[ix], nullity[ix], residual[ix] = v, nu, res
            ran[ix], status[ix] = methods.code(m), messages.code(st)

    def store_range(res):
        start, stop, vals, msgs, nu, resid, how = res
        flat = np.arange(start, stop)
        ix = np.unravel_index(flat, shape)
        values[ix], nullity[ix], residual[ix] = vals, nu, resid
        status[ix] = [messages.code(m_) if m_ != "ok" else 0 for m_ in msgs]
        ran[ix] = methods.code("numeric (batched)")

    if batch is not None:
        per_point = sb.run(batch, store_range, bar, client=client, workers=workers)
    else:
        per_point = _run_points(flat_points, spec, store, bar, client=client, map=map,
                                workers=workers if cf is None else None)
    bar.close()
    if status_batch is not None:
        todo_mask = np.zeros(shape, bool)
        todo_mask[tuple(np.array(todo).T)] = True

        def store_status(res):
            start, stop, _, msgs, nu, resid, _ = res
            ix = np.unravel_index(np.arange(start, stop), shape)
            keep = todo_mask[ix]
            ix = tuple(a[keep] for a in ix)
            nullity[ix], residual[ix] = np.asarray(nu)[keep], np.asarray(resid)[keep]

        sb.run(status_batch, store_status, _Progress(total, False))
    if evaluator is None:
        evaluator = per_point if too_large is None else f"{per_point} (no closed form: {too_large})"
    elif flat_points:
        evaluator += f"; {len(flat_points)} points outside its domain: {per_point}"
    failed = status != 0
    if failed.all() and len(messages.names) == 2 and messages.names[1].startswith("ParameterError"):
        raise ParameterError("point", "every grid point", messages.names[1].split(": ", 1)[1])
    coords = {}
    for n in names:
        p = pm[n]
        attrs = {"long_name": p.name, "description": p.doc}
        if getattr(p, "units", None):
            attrs["units"] = p.units
        coords[n] = (n, axes[n], attrs)
    from ._sweep_batched import QUANTITY_ATTRS, model_units
    unit = model_units(entry)
    qattrs = {"long_name": QUANTITY_ATTRS.get(quantity, (quantity,))[0], "description": q.doc, "method": run_method}
    kind = QUANTITY_ATTRS.get(quantity, (None, None))[1]
    if kind == "1":
        qattrs["units"] = "1"
    elif kind == "rate" and unit:
        qattrs["units"] = unit
    elif kind == "time" and unit:
        qattrs["units"] = f"1/({unit})"
    data = {quantity: (names, values, qattrs),
            "status": (names, status, {"description": "0: ok; k > 0: the point failed (value NaN) with the "
                                       "error status_message[k]", "flag_values": np.arange(len(messages.names)),
                                       "flag_meanings": " ".join(["ok"] + [f"error_{k}" for k in range(1, len(messages.names))])}),
            "status_message": ("status_code", np.array(messages.names, dtype=object),
                               {"description": "status text of each status code"}),
            "method": (names, ran, {"description": "code of the method that produced the value: method_name[k]",
                                    "flag_values": np.arange(len(methods.names)),
                                    "flag_meanings": " ".join(m.replace(" ", "_") for m in methods.names)}),
            "method_name": ("method_code", np.array(methods.names, dtype=object), {"description": "method names"})}
    if cf is not None and signed is not None:
        data[quantity + "_signed"] = (names, signed, {
            "description": f"X with {quantity} = max(0, X) (closed form); its zero level is the boundary of the "
                           f"region {quantity} > 0", "expression": str([a for a in cf.expr.args if a != 0][0])})
    if batch is not None:
        data["nullity"] = (names, nullity, {"description": "null-space dimension: 1 where the batched solve found "
                                             "a unique steady state, else an SVD of that point's Liouvillian blocks; "
                                             "-1: outside the domain"})
        data["residual"] = (names, residual, {"description": "||L vec(rho)||_2 of the batched solve (NaN where no "
                                               "state was computed)"})
    elif want_status:
        data["nullity"] = (names, nullity, {"description": "null-space dimension of the numeric NESS solve "
                                             "(core steady_state, method numeric); -1: not computed"})
        data["residual"] = (names, residual, {"description": "||L vec(rho)||_2 of the numeric NESS solve"})
    attrs = {"model": entry.name, "model_doc": entry.doc, "quantity": quantity,
             "params": json.dumps({k: v for k, v in fixed_all.items()}, default=str),
             "method": run_method, "evaluator": evaluator, "points": total, "failed_points": int(failed.sum()),
             "symbolic_ness_version": __version__, "Conventions": "CF-1.8",
             "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    if unit:
        attrs["units"] = f"in units of {unit}"
    if isinstance(model, str) and (model.endswith(".toml") or os.sep in model):
        attrs["model_file"] = str(Path(model).resolve())
    if cf is not None:
        attrs["closed_form"] = str(cf.expr)
    return xr.Dataset(data, coords=coords, attrs=attrs)


def _check_memory(total: int, batched: bool) -> None:
    """Refuse up front a grid whose arrays would not fit in half the available memory."""
    from ._sweep_batched import available_memory, bytes_per_point
    limit = int(0.5 * available_memory() / bytes_per_point(batched))
    if total > limit:
        raise ParameterError("--grid", f"{total} points", f"at most about {limit} points in the memory available "
                             "here: fewer or coarser axes, or split the grid into several sweeps over sub-ranges "
                             "(each can run on a Dask cluster, --scheduler)")


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
