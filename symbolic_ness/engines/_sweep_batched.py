r"""The batched numeric evaluator of sweeps: chunks of grid points through the compiled
Liouvillian (:func:`~symbolic_ness.export.compile_liouvillian`,
:func:`~symbolic_ness.export.steady_states`, :func:`~symbolic_ness.export.liouvillian_gap`).

:func:`plan` decides whether a sweep can run batched (a numeric method and an explicit core model:
its steady-state quantities, ``liouvillian-gap`` / ``relaxation-time``) and returns a picklable
:class:`BatchPlan`; :func:`run` evaluates the flat index ranges of the grid in process, on local
worker processes (fork) or on a Dask client, and hands each finished range to ``store``.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field

import numpy as np

__all__ = ["BatchPlan", "plan", "status_plan", "run", "model_units", "QUANTITY_ATTRS", "bytes_per_point",
           "available_memory"]

STATE_QUANTITIES = ("negativity", "log-negativity", "pair-negativity", "lambda-min", "purity", "expectation")
GAP_QUANTITIES = ("liouvillian-gap", "relaxation-time")
#: what a batched state quantity needs in ``extra`` (the sites of the cut / pair, the operator matrix)
NEEDS = {"negativity": "cut", "log-negativity": "cut", "pair-negativity": "pair", "lambda-min": "pair",
         "expectation": "op"}
STATUS_MAX_DIM = 16  # status plans for catalogued models up to 4 qubits
PARALLEL_MIN = 4096  # fewer points: in process (starting workers costs more than the solve)

#: long names (plot labels) and unit kinds of the batched quantities
QUANTITY_ATTRS = {
    "negativity": ("negativity N", "1"), "log-negativity": ("log-negativity log2(2N + 1)", "1"),
    "pair-negativity": ("pair negativity", "1"), "lambda-min": ("smallest eigenvalue of the partial transpose", "1"),
    "purity": ("purity tr rho^2", "1"), "expectation": ("expectation value", "1"),
    "liouvillian-gap": ("Liouvillian gap (slowest decay rate)", "rate"),
    "relaxation-time": ("relaxation time 1/gap", "time"),
}


def model_units(description: str | None) -> str | None:
    """The unit a model declares in its description ("... (in units of gamma)"), else ``None``.

    Parameters
    ----------
    description : str or None
        A model's description (model files: ``description = "..."``).

    Returns
    -------
    str or None
        The unit of rates, e.g. ``"gamma"``.

    Examples
    --------
    >>> model_units("two qubits, rates in units of gamma"), model_units("no unit")
    ('gamma', None)
    """
    m = re.search(r"in units of\s+([^;,.)\]]+)", description or "")
    return m.group(1).strip() if m else None


@dataclass
class BatchPlan:
    """What a worker needs: the compiled Liouvillian, the grid and how to reduce a state."""

    compiled: object
    quantity: str
    axes: dict            # name -> values (grid order)
    fixed: dict           # name -> float for the compiled parameters not on an axis
    extra: dict = field(default_factory=dict)  # cut / pair sites, operator matrix

    @property
    def shape(self) -> tuple:
        return tuple(len(v) for v in self.axes.values())


def plan(model, quantity: str, fixed: dict, axes: dict, method: str, extra: dict | None = None):
    """A :class:`BatchPlan` for ``quantity`` of the explicit core ``model`` on the grid ``axes``
    (``fixed``: ``{name: value}`` of the other parameters; ``extra``: ``cut``/``pair`` sites or
    the operator matrix ``op``), or ``None`` when it is not batched (then point by point)."""
    if method not in ("numeric", "auto") or model is None:
        return None
    need = NEEDS.get(quantity)
    if quantity not in STATE_QUANTITIES + GAP_QUANTITIES or (need is not None and need not in (extra or {})):
        return None
    from ..export import compile_liouvillian
    c = compile_liouvillian(model)
    if any(x not in axes and x not in fixed for x in c.names):
        return None
    try:
        fx = {x: float(fixed[x]) for x in c.names if x not in axes}
    except (TypeError, ValueError):
        return None
    return BatchPlan(c, quantity, {k: np.asarray(v, dtype=float) for k, v in axes.items()}, fx, dict(extra or {}))


def status_plan(model, fixed: dict, axes: dict):
    """A plan for the ``nullity`` and ``residual`` of a per-point sweep of an explicit core model,
    computed batched instead of a second numeric solve at every point; ``None`` when the grid axes
    are not all symbols of that model or the model is large."""
    if model is None or model.dim > STATUS_MAX_DIM:  # compiling a large symbolic model costs more than it saves
        return None
    from ..export import compile_liouvillian
    try:
        c = compile_liouvillian(model)
        fx = {x: float(fixed[x]) for x in c.names if x not in axes}
    except Exception:  # e.g. an axis that is not a symbol (a size), a missing value: per point
        return None
    if not set(axes) <= set(c.names):
        return None
    return BatchPlan(c, "status", {k: np.asarray(v, dtype=float) for k, v in axes.items()}, fx)


def _points(p: BatchPlan, start: int, stop: int) -> np.ndarray:
    ix = np.unravel_index(np.arange(start, stop), p.shape)
    cols = []
    names = list(p.axes)
    for name in p.compiled.names:
        cols.append(p.axes[name][ix[names.index(name)]] if name in p.axes else np.full(stop - start, p.fixed[name]))
    return np.stack(cols, axis=1) if cols else np.zeros((stop - start, 0))


def evaluate_range(p: BatchPlan, start: int, stop: int) -> tuple:
    """``(start, stop, values, messages, nullity, residual, method)`` of the flat grid range; an
    unexpected error marks the range's points failed (with the error) instead of ending the sweep."""
    try:
        return _evaluate_range(p, start, stop)
    except Exception as exc:  # noqa: BLE001 - recorded per point, like the per-point evaluator
        msg = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        k = stop - start
        return start, stop, np.full(k, np.nan), [msg] * k, np.full(k, -1), np.full(k, np.nan), "failed"


def _evaluate_range(p: BatchPlan, start: int, stop: int) -> tuple:
    from ..export import liouvillian_gap, steady_states
    from ..export._batched import STATUS
    pts = _points(p, start, stop)
    q = p.quantity
    if q in GAP_QUANTITIES:
        r = liouvillian_gap(p.compiled, pts)
        vals = r.gap if q == "liouvillian-gap" else r.relaxation_time
        nullity = np.where(r.status == 0, 1, np.where(r.status == 2, -1, 2))
        residual = np.full(len(pts), np.nan)
    else:
        r = steady_states(p.compiled, pts)
        if q == "status":
            vals = np.full(len(pts), np.nan)
        elif q in ("negativity", "log-negativity"):
            vals = r.negativity(p.extra["cut"])
            if q == "log-negativity":
                vals = np.log2(2 * vals + 1)
        elif q == "pair-negativity":
            vals = r.negativity([0], keep=p.extra["pair"])
        elif q == "lambda-min":
            vals = r.lambda_min([0], keep=p.extra["pair"])
        elif q == "purity":
            vals = r.purity()
        else:
            vals = r.expectation(p.extra["op"])
        nullity, residual = r.nullity, r.residual
    msgs = []
    for st, m in zip(r.status.tolist(), r.message):
        if st == 0:
            msgs.append("ok")
        elif st == 1:
            msgs.append(f"NonUniqueSteadyStateError: {m}")
        elif st == 3:
            msgs.append(f"CheckFailedError: {m or STATUS[st]}")
        else:
            msgs.append(m if m.startswith("ParameterError") else f"ParameterError: {m or STATUS[st]}")
    return start, stop, np.asarray(vals, dtype=float) + 0.0, msgs, np.asarray(nullity), np.asarray(residual), r.method


_PLAN: dict = {}


def _forked(start: int, stop: int):
    return evaluate_range(_PLAN["plan"], start, stop)


def _ranges(total: int, parts: int) -> list:
    size = max(256, min(20_000, math.ceil(total / max(parts, 1))))
    return [(a, min(a + size, total)) for a in range(0, total, size)]


def run(p: BatchPlan, store, progress, client=None, workers: int | None = None) -> str:
    """Evaluate the whole grid of ``p``; ``store(result of evaluate_range)`` per range; returns
    the evaluator description."""
    total = int(np.prod(p.shape))
    if client is not None:
        from distributed import as_completed
        nw = max(1, len(client.scheduler_info().get("workers", {})))
        fp = client.scatter(p, broadcast=True)
        futs = [client.submit(evaluate_range, fp, a, b, pure=False) for a, b in _ranges(total, 4 * nw)]
        method = _gather((fut.result() for fut in as_completed(futs)), store, progress)
        return f"batched on Dask ({nw} workers): {method}"
    if workers is not None and workers > 1 and total >= PARALLEL_MIN:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, as_completed
        _PLAN["plan"] = p  # inherited by the forked workers (no pickling of the plan)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as ex:
                futs = [ex.submit(_forked, a, b) for a, b in _ranges(total, 4 * workers)]
                method = _gather((fut.result() for fut in as_completed(futs)), store, progress)
        finally:
            _PLAN.clear()
        return f"batched on {workers} local processes: {method}"
    method = _gather((evaluate_range(p, a, b) for a, b in _ranges(total, 8)), store, progress)
    why = "" if workers is None or workers <= 1 else f", fewer than {PARALLEL_MIN} points"
    return f"batched in process{why}: {method}"



def _gather(results, store, progress) -> str:
    """Store every chunk result ``(a, b, ..., method)`` as it arrives and advance the progress line;
    the method the chunks ran (a failed chunk does not overwrite it)."""
    method = ""
    for res in results:
        method = res[-1] if res[-1] != "failed" else method
        store(res)
        progress.update(res[1] - res[0])
    return method


def bytes_per_point(batched: bool) -> int:
    """Memory a sweep holds per grid point (result arrays; per-point tasks also a Python dict)."""
    return 64 if batched else 700


def available_memory() -> int:
    """Available memory in bytes (``MemAvailable``), or a conservative 4 GiB when unknown."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 4 << 30
