r"""Parameter sweeps of any model: :func:`sweep` → :class:`xarray.Dataset`.

``sweep(model, quantity, grid, fixed=..., method="auto")`` evaluates a scalar quantity of
:func:`~symbolic_ness.engines.evaluate` (a core ``Model`` or a ``PermutationModel``, e.g. from
:func:`~symbolic_ness.engines.load_model`) on the Cartesian product of the grid axes. The
evaluator is chosen once for the whole grid and reported in ``ds.attrs["evaluator"]``:

* **closed form** (``method`` ``"auto"``/``"exact"``, an explicit model whose exact steady state
  is the engine :func:`~symbolic_ness.engines.choose_method` picks with the axes left free):
  :func:`~symbolic_ness.engines.closed_form` once, then one vectorized
  :func:`~symbolic_ness.export.lambdify` call over the grid. Points where the closed form does
  not hold — a positive parameter at 0, a vanishing denominator of the steady state, a zero of
  its rank-drop locus (the steady state may not be unique there), a non-finite value — are
  evaluated point by point instead.
* **batched** (numeric steady-state quantities and the Liouvillian gap of an explicit model):
  the Liouvillian is compiled once (:func:`~symbolic_ness.export.compile_liouvillian`) and flat
  ranges of points are solved by :func:`~symbolic_ness.export.steady_states` /
  :func:`~symbolic_ness.export.liouvillian_gap`, in process, on ``workers`` local processes or
  on a Dask ``client``.
* **per point**: :func:`~symbolic_ness.engines.evaluate` at each point, chunked, on a Dask
  ``client`` (or a ``LocalCluster`` of ``workers`` processes), on a user ``map`` with QuTiP's
  ``parallel_map`` signature, or serially.

A failed point is NaN with its one-line error in ``status`` (``ds.status_message[ds.status]``);
a point whose steady state is not unique says so (``NonUniqueSteadyStateError``) with its
null-space dimension in ``nullity`` — never a value picked from the null space.

The same driver (:func:`run_sweep` on a :class:`SweepPlan`) runs the sweeps of the catalogue's
named paper models (:func:`symbolic_ness.app.sweep`).

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Reset, projector, sigma_z, kron
>>> g, r = sp.symbols("g r", positive=True)
>>> m = Model(2, g * kron(sigma_z(), sigma_z()), resets=[Reset(k, projector("+"), r) for k in (0, 1)])
>>> ds = sweep(m, "negativity", {"r": [1.0, 4.0]}, fixed={"g": 1})
>>> ds.attrs["evaluator"].split(" (")[0], [float(x) for x in ds["negativity"].values]  # 4 g^2/(r^2+...)
('closed form, one vectorized lambdify call', [0.0, 0.08333333333333333])
"""
from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import sympy as sp

from .._errors import ClosedFormTooLargeError, NonUniqueSteadyStateError, ParameterError
from . import _sweep_batched as sb
from ._sweep_grid import Codes, Progress, check_memory, chunks, one_line, parse_grid, probe_point

__all__ = ["SweepPlan", "run_sweep", "sweep", "scalar_value", "batched_plan"]


# ----------------------------------------------------------------------- the plan
@dataclass
class SweepPlan:
    """What :func:`run_sweep` evaluates: the grid, one evaluator per point and the faster ones.

    A row's value may be anything :func:`scalar_value` turns into one real number (else the
    point fails with that error), its status ``"ok"``, a one-line text or an exception.

    Attributes
    ----------
    quantity : the quantity's name (the dataset variable).
    axes : ``{name: values}`` of the grid, in axis order.
    method : the method asked for (recorded).
    point : module-level ``point(chunk, spec) -> rows`` (picklable for Dask/loky), ``chunk`` =
        ``[(flat index, {name: value}), ...]``, each row ``(index, value, method, status,
        nullity, residual)``; it never raises.
    spec : the picklable second argument of ``point``.
    closed : a closed form (``expr``, ``args``, ``denominators``, ``rank_drop``, ``source``) or None.
    no_closed_form : why a preferred closed form was not used (shown in the evaluator).
    batch : a batched plan for the whole grid (:func:`batched_plan`) or None.
    status_batch : a batched plan for ``nullity``/``residual`` of a per-point sweep, or None.
    point_status : the per-point rows carry nullity and residual (dataset variables).
    axis_attrs, attrs : NetCDF attributes of the axes and of the dataset.
    description : the quantity's description (its ``long_name`` and unit kind come from the
        table of known quantities).
    units : the unit of rates of the model (e.g. ``"gamma"``), or None.

    Examples
    --------
    A one-axis plan evaluated point by point (a module-level point function):

    >>> plan = SweepPlan("x2", {"x": np.array([1.0, 2.0])}, "numeric", _square, None, description="x^2")
    >>> [float(v) for v in run_sweep(plan)["x2"].values]
    [1.0, 4.0]
    """

    quantity: str
    axes: dict
    method: str
    point: Callable
    spec: Any
    closed: Any = None
    no_closed_form: str | None = None
    batch: Any = None
    status_batch: Any = None
    point_status: bool = False
    axis_attrs: dict = field(default_factory=dict)
    attrs: dict = field(default_factory=dict)
    description: str = ""
    units: str | None = None

    @property
    def shape(self) -> tuple:
        return tuple(len(v) for v in self.axes.values())


def scalar_value(v) -> float:
    """One real number from a quantity's value (a sweep stores one real number per point)."""
    v = getattr(v, "value", v)
    if v is None:
        raise ValueError("no value (None) at this point")
    if isinstance(v, (list, tuple, dict)) or (isinstance(v, np.ndarray) and v.size != 1):
        raise ValueError("not a scalar quantity (a sweep needs one number per point)")
    c = complex(np.asarray(v).item() if isinstance(v, np.ndarray) else v)
    if c.imag != 0:
        raise ValueError(f"complex value {c} (a sweep stores real numbers)")
    return c.real + 0.0  # no -0.0


# ------------------------------------------------------------------ running a plan
def _run_points(points, plan: SweepPlan, store, progress, client=None, map=None, workers=None) -> str:
    """Evaluate ``points`` and ``store`` each result row; returns the evaluator description."""
    if not points:
        return "none"
    point, spec = plan.point, plan.spec
    if map is not None:
        for res in map(point, chunks(points, 64), task_args=(spec,)):
            store(res)
            progress.update(len(res))
        return f"per point via {getattr(map, '__name__', 'map')}"
    import logging
    own = None
    if client is None and workers is not None and workers > 1 and len(points) > 1:
        import signal
        import threading

        from distributed import Client, LocalCluster
        # worker processes ignore Ctrl-C (they inherit SIG_IGN): the interrupt reaches only this
        # process, which shuts the cluster down quietly (no worker tracebacks)
        main = threading.current_thread() is threading.main_thread()
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            own = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        finally:
            if old is not None:
                signal.signal(signal.SIGINT, old)
        client = Client(own)
    if client is None:
        for chunk in chunks(points, max(1, len(points) // 16)):
            res = point(chunk, spec)
            store(res)
            progress.update(len(res))
        return "per point (serial)"
    # On our own cluster, a Ctrl-C inside a client call can make tornado log a traceback from
    # distributed's cancel callback (a race in distributed, before the interrupt reaches the
    # handler below): the IO loop's callback errors are not logged while the sweep runs
    # (failed points still come back through their futures).
    loop_log = logging.getLogger("tornado.application")
    loop_level = loop_log.level
    if own is not None:
        loop_log.setLevel(logging.CRITICAL)
    try:
        from distributed import as_completed
        nw = max(1, len(client.scheduler_info().get("workers", {})))
        futs = {client.submit(point, c, spec, pure=False): c for c in chunks(points, 8 * nw)}
        for fut in as_completed(list(futs)):
            try:
                res = fut.result()
            except Exception as exc:  # a worker died: record its points, keep the others
                res = [(i, math.nan, plan.method, one_line(exc), -1, math.nan) for i, _ in futs[fut]]
            store(res)
            progress.update(len(res))
        return f"per point on Dask ({nw} workers)"
    except KeyboardInterrupt:
        for name in ("distributed", "tornado", "asyncio"):  # shutting down: no tracebacks of cancelled work
            logging.getLogger(name).setLevel(logging.CRITICAL)
        loop_level = logging.CRITICAL
        raise
    finally:
        if own is not None:
            client.close()
            own.close()
        loop_log.setLevel(loop_level)


def _closed_form_values(cf, axes: dict) -> tuple:
    """Values of the closed form on the grid, the mask of points it does not cover, and the signed
    inner expression X of ``max(0, X)`` (or None)."""
    from ..export import lambdify
    names = list(axes)
    shape = tuple(len(v) for v in axes.values())
    byname = {a.name: a for a in cf.args}
    bcast = {}
    for k, n in enumerate(names):
        sh = [1] * len(names)
        sh[k] = shape[k]
        bcast[n] = axes[n].reshape(sh)
    cols = [bcast[a.name] for a in cf.args]

    def on_grid(expr):
        return np.broadcast_to(np.asarray(lambdify(expr, cf.args)(*cols), dtype=float), shape)

    vals = on_grid(cf.expr).copy() + 0.0
    signed = None
    if isinstance(cf.expr, sp.Max) and len(cf.expr.args) == 2 and 0 in cf.expr.args:
        signed = on_grid([a for a in cf.expr.args if a != 0][0]).copy()
    outside = ~np.isfinite(vals)
    for n in names:
        s = byname.get(n)
        if s is None:
            continue
        if s.is_positive:
            outside |= np.broadcast_to(bcast[n] <= 0, shape)
        elif s.is_nonnegative:
            outside |= np.broadcast_to(bcast[n] < 0, shape)
    # where the closed form does not hold: a vanishing denominator, a zero of the rank-drop locus
    for d in tuple(cf.denominators) + tuple(getattr(cf, "rank_drop", ())):
        if not sp.sympify(d).free_symbols <= set(cf.args):
            continue
        outside |= ~(np.abs(on_grid(d)) > 0)
    return vals, outside, signed


def _square(chunk, spec) -> list:
    """A point function for the examples: ``x**2`` at each point."""
    return [(i, p["x"] ** 2, "numeric", "ok", -1, math.nan) for i, p in chunk]


def run_sweep(plan: SweepPlan, client=None, map=None, workers: int | None = None, progress: bool = False):
    """Evaluate ``plan`` on its grid (the one driver behind every sweep).

    Parameters
    ----------
    plan : SweepPlan
        The grid and its evaluators: a closed form (vectorized; points it does not cover per
        point), else a batched plan, else the point function.
    client : distributed.Client, optional
        Per-point chunks or batched ranges on this Dask cluster.
    map : callable, optional
        A map with QuTiP's ``parallel_map`` signature for per-point chunks.
    workers : int, optional
        Local processes (a local Dask cluster for per-point chunks, forked workers for batched
        grids of at least 4096 points).
    progress : bool
        Also print the progress line on stderr (it is always logged).

    Returns
    -------
    xarray.Dataset
        As described in :func:`sweep`.

    Raises
    ------
    ParameterError
        The grid does not fit in memory, or every point failed with the same bad-input error.

    Examples
    --------
    >>> plan = SweepPlan("x2", {"x": np.array([3.0])}, "numeric", _square, None)
    >>> ds = run_sweep(plan)
    >>> float(ds["x2"].values[0]), ds.attrs["evaluator"], int(ds.status.values[0])
    (9.0, 'per point (serial)', 0)
    """
    import xarray as xr

    from .. import __version__
    names, shape = list(plan.axes), plan.shape
    total = int(np.prod(shape))
    check_memory(total, plan.batch is not None)
    values = np.full(shape, np.nan)
    status = np.zeros(shape, dtype=np.int32)       # codes into `messages` (0: "ok")
    ran = np.zeros(shape, dtype=np.int32)          # codes into `methods`
    messages, methods = Codes("ok"), Codes(plan.method)
    nullity = np.full(shape, -1, dtype=np.int64)
    residual = np.full(shape, np.nan)
    bar = Progress(total, progress)
    cf, signed, evaluator = plan.closed, None, None
    batch, status_batch, point_status = plan.batch, plan.status_batch, plan.point_status
    if cf is not None:
        vals, outside, signed = _closed_form_values(cf, plan.axes)
        values[...] = vals
        if signed is not None:
            signed[outside] = np.nan
        ran[...] = methods.code("exact (closed form)")
        bar.update(total - int(outside.sum()))
        todo = [tuple(ix) for ix in np.argwhere(outside)]
        batch = status_batch = None
        point_status = False
        evaluator = f"closed form, one vectorized lambdify call ({cf.source})"
    elif batch is not None:
        todo, status_batch = [], None
    else:
        todo = list(np.ndindex(*shape))
    flat_points = [(int(np.ravel_multi_index(ix, shape)) if shape else 0,
                    {n: float(plan.axes[n][i]) for n, i in zip(names, ix)}) for ix in todo]

    def store(rows):
        for idx, v, m, st, nu, res in rows:
            ix = np.unravel_index(idx, shape)
            if isinstance(st, BaseException):
                st = one_line(st)
            if st == "ok":
                try:
                    v = scalar_value(v)
                except (TypeError, ValueError) as exc:
                    v, st = math.nan, one_line(exc)
            values[ix], nullity[ix], residual[ix] = (v if st == "ok" else math.nan), nu, res
            ran[ix], status[ix] = methods.code(m), messages.code(st)

    def store_range(res):
        start, stop, vals, msgs, nu, resid, how = res
        ix = np.unravel_index(np.arange(start, stop), shape)
        values[ix], nullity[ix], residual[ix] = vals, nu, resid
        status[ix] = [messages.code(m_) if m_ != "ok" else 0 for m_ in msgs]
        ran[ix] = methods.code("numeric (batched)")

    if batch is not None:
        how = sb.run(batch, store_range, bar, client=client, workers=workers)
    else:
        how = _run_points(flat_points, plan, store, bar, client=client, map=map,
                          workers=workers if cf is None else None)
    bar.close()
    if status_batch is not None and todo:
        todo_mask = np.zeros(shape, bool)
        todo_mask[tuple(np.array(todo).T)] = True

        def store_status(res):
            start, stop, _, msgs, nu, resid, _ = res
            ix = np.unravel_index(np.arange(start, stop), shape)
            keep = todo_mask[ix]
            ix = tuple(a[keep] for a in ix)
            nullity[ix], residual[ix] = np.asarray(nu)[keep], np.asarray(resid)[keep]

        sb.run(status_batch, store_status, Progress(total, False))
    if evaluator is None:
        evaluator = how if plan.no_closed_form is None else f"{how} (no closed form: {plan.no_closed_form})"
    elif flat_points:
        evaluator += f"; {len(flat_points)} points outside its domain: {how}"
    failed = status != 0
    if failed.all() and len(messages.names) == 2 and messages.names[1].startswith("ParameterError"):
        raise ParameterError("point", "every grid point", messages.names[1].split(": ", 1)[1])
    coords = {n: (n, plan.axes[n], dict(plan.axis_attrs.get(n, {"long_name": n}))) for n in names}
    q = plan.quantity
    data = {q: (names, values, dict(quantity_attrs(q, plan.description, plan.units), method=plan.method)),
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
        data[q + "_signed"] = (names, signed, {
            "description": f"X with {q} = max(0, X) (closed form); its zero level is the boundary of the "
                           f"region {q} > 0", "expression": str([a for a in cf.expr.args if a != 0][0])})
    if batch is not None:
        data["nullity"] = (names, nullity, {"description": "null-space dimension: 1 where the batched solve found "
                                             "a unique steady state, else an SVD of that point's Liouvillian blocks; "
                                             "-1: outside the domain"})
        data["residual"] = (names, residual, {"description": "||L vec(rho)||_2 of the batched solve (NaN where no "
                                               "state was computed)"})
    elif status_batch is not None or point_status:
        data["nullity"] = (names, nullity, {"description": "null-space dimension of the steady-state solve at the "
                                             "point; -1: not computed"})
        data["residual"] = (names, residual, {"description": "residual of the steady-state solve at the point "
                                               "(0 when exact)"})
    attrs = dict(plan.attrs)
    if plan.units:
        attrs["units"] = f"in units of {plan.units}"
    attrs.update({"quantity": q, "method": plan.method, "evaluator": evaluator, "points": total,
                  "failed_points": int(failed.sum()), "symbolic_ness_version": __version__, "Conventions": "CF-1.8",
                  "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
    if cf is not None:
        attrs["closed_form"] = str(cf.expr)
    return xr.Dataset(data, coords=coords, attrs=attrs)


def quantity_attrs(quantity: str, description: str, units: str | None) -> dict:
    """``long_name``, ``description`` and ``units`` of a swept quantity (rates and times in the
    model's unit)."""
    long_name, kind = sb.QUANTITY_ATTRS.get(quantity, (quantity, None))
    out = {"long_name": long_name, "description": description}
    if kind == "1":
        out["units"] = "1"
    elif kind == "rate" and units:
        out["units"] = units
    elif kind == "time" and units:
        out["units"] = f"1/({units})"
    return out


def batched_plan(model, quantity: str, fixed: dict, axes: dict, method: str = "numeric", extra: dict | None = None,
                 status: bool = False):
    """The batched numeric plan of a sweep of an explicit core model, or ``None``.

    Parameters
    ----------
    model : Model or None
        The explicit model (``None``: no plan).
    quantity : str
        ``negativity``, ``log-negativity``, ``pair-negativity``, ``lambda-min``, ``purity``,
        ``expectation`` (with ``extra`` ``cut``/``pair`` sites or the operator matrix ``op``),
        ``liouvillian-gap`` or ``relaxation-time``.
    fixed : dict
        ``{name: value}`` of the parameters that are not axes.
    axes : dict
        ``{name: values}`` of the grid.
    method : str
        ``"numeric"`` or ``"auto"`` (any other method: no plan).
    extra : dict, optional
        The quantity's sites or operator.
    status : bool
        A plan for only the ``nullity``/``residual`` of a per-point sweep (small models).

    Returns
    -------
    BatchPlan or None
        What :func:`run_sweep` solves batched (``SweepPlan.batch`` / ``status_batch``).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x
    >>> g, k = sp.symbols("g kappa", positive=True)
    >>> p = batched_plan(Model(1, g * sigma_x(), [Jump(sigma_minus(), k)]), "purity", {"g": 1.0},
    ...                  {"kappa": np.array([1.0, 2.0])})
    >>> p.shape, p.fixed
    ((2,), {'g': 1.0})
    """
    if status:
        return sb.status_plan(model, fixed, axes)
    return sb.plan(model, quantity, fixed, axes, method, extra)


# ------------------------------------------------------------- any model (library)
def _model_point(chunk, spec) -> list:
    """Per-point evaluation of a library model (module level: picklable for Dask and loky)."""
    from ._quantities import evaluate
    model, q, method, fixed, N, options, size = (spec[k] for k in ("model", "quantity", "method", "fixed", "N",
                                                                   "options", "size"))
    out = []
    for idx, point in chunk:
        vals = {**fixed, **point}
        n = int(vals.pop(size)) if size in point else N
        try:
            res = evaluate(model, q, vals, method, N=n, **options)
            if res.unique is False:
                where = ", ".join(f"{k} = {v:g}" for k, v in point.items())
                out.append((idx, math.nan, res.method, "NonUniqueSteadyStateError: the steady state is not unique at "
                            f"{where} (null-space dimension {res.nullity})", res.nullity or -1, math.nan))
                continue
            nu = res.nullity if res.nullity is not None else -1
            resid = math.nan if res.residual is None else float(res.residual)
            out.append((idx, res.value, res.method, "ok", nu, resid))
        except Exception as exc:  # record the point, keep sweeping
            nu = exc.nullity if isinstance(exc, NonUniqueSteadyStateError) and exc.nullity is not None else -1
            out.append((idx, math.nan, method, one_line(exc), nu, math.nan))
    return out


#: quantities of evaluate that are not one number per point
_NOT_SCALAR = ("steady-state", "spectrum", "exceptional-points", "threshold")


def _library_closed_form(model, quantity, fixed, options) -> tuple:
    """``(closed form or None, why not)`` for a sweep of an explicit model with ``fixed`` values."""
    from ._closed_form import closed_form
    from ._point import choose_method
    eng, reason = choose_method(model, "steady-state", fixed, "auto")
    if not eng.startswith("exact"):
        return None, None
    try:
        cf = closed_form(model, quantity, fixed, method="exact", **options)
    except NonUniqueSteadyStateError:
        return None, "the generic steady state is not unique"
    except ClosedFormTooLargeError as exc:  # a closed form is only preferred here: go point by point
        return None, str(exc)
    label = getattr(model, "name", None) or "model"
    source = f"{label}/{quantity}: exact steady state over Q(free parameters)"
    return _Closed(cf.expr, cf.args, cf.denominators, cf.rank_drop, source), None


@dataclass(frozen=True)
class _Closed:
    expr: Any
    args: tuple
    denominators: tuple
    rank_drop: tuple
    source: str


def sweep(model, quantity: str, grid, /, fixed=None, method: str = "auto", *, N=None, cut=None, pair=None,
          op=None, client=None, map=None, workers: int | None = None, progress: bool = False,
          closed_form: bool = True, units: str | None = None, attrs: dict | None = None, size: str | None = None,
          **options):
    """Evaluate a scalar ``quantity`` of ``model`` on the product of the ``grid`` axes.

    Parameters
    ----------
    model : Model or PermutationModel
        The model (e.g. :func:`~symbolic_ness.engines.load_model` of a model file).
    quantity : str
        A scalar quantity of :func:`~symbolic_ness.engines.evaluate` (``negativity``,
        ``purity``, ``expectation``, ``liouvillian-gap``, ``spin-squeezing``, ...).
    grid : dict or list of str
        ``{name: values or "lo:hi:num" / "log:lo:hi:num" / "v1,v2"}`` or ``["name=spec", ...]``,
        the axes in order; a permutation model may have its qubit number ``N`` as an axis.
    fixed : dict, optional
        Values of the other parameters (``{name or symbol: value}``; floats are the rationals
        they print).
    method : {"auto", "exact", "numeric"}
        ``"auto"``: a closed form when the exact solve is the engine, else batched or per
        point; ``"numeric"`` never uses the closed form.
    N : int, optional
        Number of qubits of a permutation model (unless it is an axis).
    cut, pair, op : optional
        The quantity's options, as for :func:`~symbolic_ness.engines.evaluate`.
    client : distributed.Client, optional
        Per-point tasks or batched chunks on this Dask cluster.
    map : callable, optional
        A map with QuTiP's ``parallel_map`` signature ``map(task, values, task_args=())``.
    workers : int, optional
        Local processes (a local Dask cluster for per-point tasks; forked workers for batched
        grids of at least 4096 points); ``None``/1: in this process.
    progress : bool
        Also print the progress line on stderr (it is always logged on the ``symbolic_ness``
        logger at INFO).
    closed_form : bool
        False: never use a closed form.
    units : str, optional
        The unit of rates (e.g. ``"gamma"``): units of rate and time quantities.
    attrs : dict, optional
        Extra dataset attributes.
    size : str, optional
        Name of the qubit number of a permutation model as a value or axis (default: its
        integer parameter, else ``"N"``).
    options : the quantity's other options (e.g. ``sites``, ``state``, ``bath``).

    Returns
    -------
    xarray.Dataset
        One dimension per axis; the quantity (float, NaN where a point failed), ``status`` codes
        with ``status_message``, ``method`` codes with ``method_name``, where a steady state was
        solved point by point or batched ``nullity`` and ``residual``; attributes ``evaluator``
        (what ran), ``method``, ``points``, ``failed_points``, ``closed_form``, the version.

    Raises
    ------
    ParameterError
        An axis that is not a parameter, a parameter both fixed and an axis, a bad method, a
        grid too large for the memory, or every point refused with the same error.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x
    >>> g, k = sp.symbols("g kappa", positive=True)
    >>> m = Model(1, g * sigma_x(), [Jump(sigma_minus(), k)])   # <Z> = -k^2/(k^2 + 8 g^2)
    >>> ds = sweep(m, "expectation", {"kappa": [1.0, 2.0]}, fixed={"g": 1}, op="Z0", method="numeric")
    >>> [round(float(x), 12) for x in ds["expectation"].values], ds.attrs["evaluator"].split(":")[0]
    ([-0.111111111111, -0.333333333333], 'batched in process')
    """
    from ._point import Point, _is_perm, _check_model, check_sites, cut_arg, operator_arg, resolve, shape_of
    from ._closed_form import CLOSED_FORMS
    from ._quantities import QUANTITIES
    _check_model(model)
    scalar = [q for q in QUANTITIES if q not in _NOT_SCALAR]
    if quantity not in scalar:
        raise ParameterError("quantity", quantity, "a scalar quantity: " + ", ".join(scalar))
    if method not in ("auto", "exact", "numeric"):
        raise ParameterError("method", method, "auto, exact or numeric")
    axes = parse_grid(grid)
    perm = _is_perm(model)
    names = {s.name for s in model.parameters}
    if perm and size is None:
        ints = [s.name for s in model.parameters if s.is_integer]
        size = ints[0] if ints else "N"
    allowed = names | ({size} if perm else set())
    for n in axes:
        if n not in allowed:
            raise ParameterError("--grid", n, "a parameter of the model: " + ", ".join(sorted(allowed)))
    fixed = {getattr(k, "name", k): v for k, v in (fixed or {}).items()}
    if perm and size in fixed and size not in names:  # the qubit number given as a value
        N = fixed.pop(size)
    both = set(axes) & set(fixed)
    if both:
        raise ParameterError("--set", sorted(both)[0], "a parameter that is not also a grid axis")
    total = int(np.prod([len(v) for v in axes.values()]))
    check_memory(total, True)  # the result arrays alone
    # the values and options, checked once at a probe point (first, last or middle grid values)
    def at(probe):
        Np = int(probe.pop(size)) if perm and size in probe else N
        vals, Np = resolve(model, {**fixed, **probe}, Np)
        return Point(model, vals, method, Np)

    pt = probe_point(axes, at, lambda exc: perm and exc.name == "N" and size in axes)
    vals, Nprobe = pt.values, pt.N
    opts = dict(options)
    extra = {}
    if cut is not None or quantity in ("negativity", "log-negativity"):
        opts["cut"] = cut
        if not perm:
            extra["cut"] = cut_arg(pt, cut)
    if pair is not None or quantity in ("pair-negativity", "lambda-min"):
        opts["pair"] = pair
        if not perm:
            extra["pair"] = check_sites((0, 1) if pair is None else pair, "pair", pt.n, count=2)
    if op is not None or quantity == "expectation":
        o, generic = operator_arg(pt, op)
        opts["op"] = op
        if not perm and not generic and not o.free_symbols:
            extra["op"] = o.numeric(shape_of(model), {})
    fixed_exact = {} if perm else {s: v for s, v in vals.items() if s.name not in axes}  # checked at the probe
    fixed_names = {s.name: v for s, v in fixed_exact.items()}
    closed, why = None, None
    if closed_form and method in ("auto", "exact") and not perm and quantity in CLOSED_FORMS:
        cf_opts = {k: opts[k] for k in ("cut", "pair", "op") if k in opts}
        closed, why = _library_closed_form(model, quantity, fixed_exact, cf_opts)
        if closed is not None and not {a.name for a in closed.args} <= set(axes):
            closed = None
    batch = status_batch = None
    if closed is None and not perm:
        batch = batched_plan(model, quantity, fixed_names, axes, method, extra)
        if batch is None and method != "exact":
            status_batch = batched_plan(model, quantity, fixed_names, axes, status=True)
    label = getattr(model.one_site if perm else model, "name", None) or "model"
    spec = {"model": model, "quantity": quantity, "method": method, "fixed": fixed, "N": Nprobe,
            "options": opts, "size": size}
    axis_attrs = {}
    for n in axes:
        s = next((p for p in model.parameters if p.name == n), None)
        kind = "number of qubits" if s is None or (perm and n == size) else (
            "positive" if s.is_positive else "nonnegative" if s.is_nonnegative else "real")
        axis_attrs[n] = {"long_name": n, "description": f"model parameter {n} ({kind})"}
    doc = (QUANTITIES[quantity].__doc__ or quantity).strip().split("\n")[0]
    plan = SweepPlan(quantity, axes, method, _model_point, spec, closed, why, batch, status_batch,
                     point_status=status_batch is None and batch is None, axis_attrs=axis_attrs,
                     attrs={"model": label, "params": json.dumps(fixed, default=str), **(attrs or {})},
                     description=doc, units=units)
    return run_sweep(plan, client=client, map=map, workers=workers, progress=progress)
