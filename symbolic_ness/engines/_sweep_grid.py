"""Grids of sweeps: axes from text, integer codes of strings, the progress line, chunking and the
memory guard (used by :mod:`symbolic_ness.engines._sweep`)."""
from __future__ import annotations

import math
import sys
import time

import numpy as np

from .._cost import GRID_HELP
from .._errors import ParameterError
from .._log import LOGGER
from ._sweep_batched import available_memory, bytes_per_point

__all__ = ["GRID_HELP", "parse_axis", "parse_grid", "probe_point", "Codes", "Progress", "chunks", "check_memory",
           "one_line"]



def parse_axis(spec) -> np.ndarray:
    """Grid axis values from ``lo:hi:num``, ``log:lo:hi:num`` or ``v1,v2,...`` (or a sequence).

    Parameters
    ----------
    spec : str or sequence of numbers
        ``"lo:hi:num"`` (``num`` points, linear), ``"log:lo:hi:num"`` (geometric, lo, hi > 0),
        ``"v1,v2,..."`` or the values themselves.

    Returns
    -------
    numpy.ndarray
        The finite axis values (float), in the given order.

    Raises
    ------
    ParameterError
        Malformed text, no or non-finite values, or more points than a sweep allows.

    Examples
    --------
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
            raise ParameterError("--grid", spec, GRID_HELP) from None
    if vals.ndim != 1 or vals.size == 0 or not np.all(np.isfinite(vals)):
        raise ParameterError("--grid", spec if isinstance(spec, str) else list(np.ravel(vals)),
                             "a non-empty list of finite values: " + GRID_HELP)
    return vals + 0.0  # no -0.0 on an axis


def parse_grid(grid) -> dict:
    """The axes of a sweep grid, in order.

    Parameters
    ----------
    grid : dict or list of str
        ``{name: spec}`` or ``["name=spec", ...]``, each ``spec`` as for :func:`parse_axis`.

    Returns
    -------
    dict
        ``{name: numpy array of the axis values}``.

    Raises
    ------
    ParameterError
        No axis, an axis twice, or a malformed one.

    Examples
    --------
    >>> parse_grid(["g=0:1:3", "r=2,5"])
    {'g': array([0. , 0.5, 1. ]), 'r': array([2., 5.])}
    """
    if isinstance(grid, dict):
        items = [(getattr(k, "name", k), v) for k, v in grid.items()]
    else:
        items = []
        for g in grid:
            if not isinstance(g, str) or "=" not in g:
                raise ParameterError("--grid", g, GRID_HELP)
            k, v = g.split("=", 1)
            items.append((k.strip(), v))
    if not items:
        raise ParameterError("--grid", None, "at least one axis: " + GRID_HELP)
    out = {}
    for k, v in items:
        if k in out:
            raise ParameterError("--grid", k, "each axis once")
        out[k] = parse_axis(v)
    return out


def probe_point(axes: dict, check, tolerated=None):
    """``check(probe)`` at the first grid point whose values pass it: the first, last or middle
    value of every axis (a sweep's values and options are validated once, at such a probe).

    Parameters
    ----------
    axes : dict
        ``{name: 1-d array of values}`` (as :func:`parse_grid` returns).
    check : callable
        ``check({name: float})`` validates the other values with the axis values of the probe and
        returns what the sweep needs (raises ``ParameterError`` when a value is out of range).
    tolerated : callable, optional
        ``tolerated(exc)``: a ``ParameterError`` that does not name an axis but still only says the
        probe is outside the domain (default ``None``: only errors naming an axis move on).

    Returns
    -------
    object
        ``check``'s result at the first accepted probe.

    Raises
    ------
    ParameterError
        An error of ``check`` that is not about an axis value, or no probe accepted (``--grid``).

    Examples
    --------
    >>> import numpy as np
    >>> from symbolic_ness import ParameterError
    >>> def check(v):
    ...     if v["r"] <= 0:
    ...         raise ParameterError("r", v["r"], "r > 0")
    ...     return v
    >>> probe_point({"r": np.array([0.0, 1.0, 2.0])}, check)  # r = 0 refused: the last value
    {'r': 2.0}
    """
    for pos in (0, -1, None):
        probe = {n: float(v[len(v) // 2 if pos is None else pos]) for n, v in axes.items()}
        try:
            return check(probe)
        except ParameterError as exc:
            if exc.name not in axes and not (tolerated is not None and tolerated(exc)):
                raise
    raise ParameterError("--grid", ", ".join(axes), "axes with at least one allowed value")


def one_line(exc) -> str:
    """``"ErrorType: message"`` on one line (at most 300 characters): a failed point's status."""
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg}"[:300]


class Codes:
    """Strings as small integer codes (a million "ok" strings would cost 100 MB in NetCDF)."""

    def __init__(self, first: str):
        self.names, self._ix = [first], {first: 0}

    def code(self, s: str) -> int:
        if s not in self._ix:
            self._ix[s] = len(self.names)
            self.names.append(s)
        return self._ix[s]


def duration(seconds: float) -> str:
    """``"12 s"``, ``"3 min 5 s"``, ``"2 h 1 min"``."""
    if not math.isfinite(seconds):
        return "?"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"


class Progress:
    """``sweep: done/total points (rate/s, ETA ...)``: logged at INFO on the ``symbolic_ness``
    logger (at most every 2 s, and the last), and, when ``enabled``, also printed on stderr —
    redrawn in place (at most 5 times a second) on a terminal, else one line per update."""

    def __init__(self, total: int, enabled: bool, label: str = "sweep"):
        self.total, self.enabled, self.label = total, enabled, label
        self.done, self.t0, self.last, self.logged = 0, time.perf_counter(), 0.0, 0.0
        self.tty = bool(getattr(sys.stderr, "isatty", lambda: False)())

    def _line(self, now: float) -> str:
        rate = self.done / max(now - self.t0, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta = f", ETA {duration(left)}" if self.done < self.total else f", {duration(now - self.t0)}"
        return f"{self.label}: {self.done}/{self.total} points ({rate:.3g}/s{eta})"

    def update(self, k: int):
        self.done += k
        now = time.perf_counter()
        last = self.done >= self.total
        if now - self.logged > 2.0 or (last and now - self.t0 > 2.0):
            self.logged = now
            LOGGER.info(self._line(now))
        if self.enabled and (now - self.last > (0.2 if self.tty else 2.0) or last):
            self.last = now
            line = self._line(now)
            print(("\r" + line) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def close(self):
        if self.enabled and self.tty:
            print(file=sys.stderr, flush=True)


def chunks(points: list, parts: int) -> list:
    """``points`` cut into about ``parts`` consecutive chunks."""
    size = max(1, math.ceil(len(points) / max(parts, 1)))
    return [points[i:i + size] for i in range(0, len(points), size)]


def check_memory(total: int, batched: bool) -> None:
    """Refuse up front a grid whose arrays would not fit in half the available memory."""
    limit = int(0.5 * available_memory() / bytes_per_point(batched))
    if total > limit:
        raise ParameterError("--grid", f"{total} points", f"at most about {limit} points in the memory available "
                             "here: fewer or coarser axes, or split the grid into several sweeps over sub-ranges "
                             "(each can run on a Dask cluster, --scheduler)")
