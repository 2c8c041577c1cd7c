"""The ``symbolic-ness sweep`` sub-command's arguments (argparse only: building the CLI parser
imports neither the sweep machinery nor numpy/sympy; :func:`symbolic_ness.app.sweep` runs it)."""
from __future__ import annotations

import os


__all__ = ["GRID_HELP", "add_sweep_parser"]

from .._cost import GRID_HELP


def add_sweep_parser(sub, func) -> None:
    """Add ``symbolic-ness sweep MODEL QUANTITY --grid ... --out FILE`` to the CLI; ``func(args)``
    runs it."""
    s = sub.add_parser("sweep", help="evaluate a quantity over a parameter grid (xarray NetCDF/Zarr)",
                       description="Evaluate a scalar quantity on the product of the --grid axes. Closed "
                       "forms: one vectorized call; numeric steady-state quantities of model files and the "
                       "Liouvillian gap: the batched solver on chunks of points (local processes, --workers, "
                       "or an existing Dask cluster, --scheduler); otherwise per-point tasks on a local Dask "
                       "cluster (--workers) or an existing one (--scheduler).")
    s.add_argument("model", help="a catalogue model name or a model file (a path with a directory part or .toml)")
    s.add_argument("quantity", help="a scalar quantity of the model")
    s.add_argument("--grid", action="append", required=True, metavar="NAME=SPEC", help=GRID_HELP + " (repeatable)")
    s.add_argument("--set", action="append", metavar="NAME=VALUE", help="fixed parameter value (repeatable)")
    s.add_argument("--method", default=None, metavar="METHOD", help="a method of the quantity (default: closed form if any)")
    s.add_argument("--out", required=True, help="output file: .nc (NetCDF via h5netcdf) or .zarr (any other extension is an error)")
    s.add_argument("--plot", default="", help="also draw the sweep (PNG/PDF): line (1 axis) or heatmap (2 axes)")
    s.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="local worker processes: batched chunks (>= 4096 points) or a local Dask cluster "
                   "for per-point tasks (1: serial; default: CPU count)")
    s.add_argument("--scheduler", default="", help="address of an existing Dask scheduler, e.g. tcp://HOST:8786")
    s.add_argument("--quiet", action="store_true", help="no progress bar or stage timings on stderr")
    s.set_defaults(func=func)
