"""Figures of sweeps: a line (1 axis) or a heatmap with the entangled region's boundary (2 axes).

Uses matplotlib's object API (``matplotlib.figure.Figure``), never ``pyplot`` or
``matplotlib.use``: the backend stays the caller's choice.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["plot_sweep"]


def _boundary_field(z: np.ndarray):
    """Field whose zero level is the boundary of the region where the quantity is non-zero.

    Signed quantities (e.g. ``lambda-min``) change sign there: the field is the quantity.
    Non-negative ones (negativity = max(0, -λ)) are zero outside: the indicator minus 1/2.
    """
    finite = z[np.isfinite(z)]
    if finite.size and finite.min() < 0 < finite.max():
        return z, "zero contour"
    return np.where(np.isfinite(z), (z > 0).astype(float) - 0.5, np.nan), "boundary of the region > 0"


def plot_sweep(ds, path, variable: str | None = None) -> str:
    """Draw ``ds[variable]`` (default: the quantity in ``ds.attrs``) into ``path``; returns ``path``."""
    from matplotlib.figure import Figure

    var = variable or ds.attrs.get("quantity") or next(iter(ds.data_vars))
    da = ds[var]
    fig = Figure(figsize=(6.4, 4.8), constrained_layout=True)
    ax = fig.add_subplot()
    title = f"{ds.attrs.get('model', '')}: {var}"
    if da.ndim == 1:
        x = da.coords[da.dims[0]].values
        z = da.values
        ax.plot(x, z, lw=1.5)
        fld, _ = _boundary_field(z)
        if var + "_signed" in ds:
            fld = ds[var + "_signed"].values
        s = np.sign(fld)
        for k in np.nonzero(s[1:] * s[:-1] < 0)[0]:
            ax.axvline(0.5 * (x[k] + x[k + 1]), color="k", ls=":", lw=1)
        ax.set_xlabel(da.dims[0])
        ax.set_ylabel(var)
    elif da.ndim == 2:
        ydim, xdim = da.dims
        x, y = da.coords[xdim].values, da.coords[ydim].values
        z = da.values
        mesh = ax.pcolormesh(x, y, z, shading="auto", cmap="viridis")
        fig.colorbar(mesh, ax=ax, label=var)
        fld, label = _boundary_field(z)
        if var + "_signed" in ds:  # exact boundary: zero level of X in max(0, X)
            fld, label = ds[var + "_signed"].values, "zero level of the closed form"
        fld = np.ma.masked_invalid(fld)
        if fld.count() and fld.min() < 0 < fld.max() and min(z.shape) > 1:
            ax.contour(x, y, fld, levels=[0.0], colors="w", linewidths=1.2)
            title += f" ({label} in white)"
        ax.set_xlabel(xdim)
        ax.set_ylabel(ydim)
    else:
        raise ValueError(f"plot_sweep draws 1 or 2 axes, got {da.ndim}")
    fixed = ds.attrs.get("params", "")
    ax.set_title(title + (f"\n{fixed}" if fixed and fixed != "{}" else ""), fontsize=9)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    return str(path)
