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


def _fixed_text(raw) -> str:
    """The fixed parameters (a JSON object or dict in ``ds.attrs["params"]``) as ``g = 2, r = 1``,
    wrapped to lines of at most 60 characters."""
    import json
    import textwrap
    if not raw or raw == "{}":
        return ""
    try:
        d = json.loads(raw) if isinstance(raw, str) else dict(raw)
    except (TypeError, ValueError):
        return textwrap.fill(str(raw), 60)
    return textwrap.fill(", ".join(f"{k} = {v:g}" if isinstance(v, (int, float)) else f"{k} = {v}"
                                   for k, v in d.items()), 60)


def _axis_label(name: str, units: str) -> str:
    return f"{name} (in units of {units})" if units else name


def plot_sweep(ds, path, variable: str | None = None, units: str | None = None) -> str:
    """Draw ``ds[variable]`` (default: the quantity in ``ds.attrs``) into ``path``; returns ``path``.

    Axes are labelled with the swept parameters "in units of ``units``" (default:
    ``ds.attrs["units"]``, else "the model's rates": every rate of a model is given in one unit,
    which the sweep does not know); the title names the model and quantity and lists the fixed
    parameters as ``name = value``. Every mark has a legend entry (the colour bar for a heatmap).
    """
    from matplotlib.figure import Figure

    from ._figures import figure_problems, unlabeled
    units = units if units is not None else ds.attrs.get("units", "the model's rates")

    var = variable or ds.attrs.get("quantity") or next(iter(ds.data_vars))
    da = ds[var]
    fig = Figure(figsize=(6.4, 4.8), constrained_layout=True)
    ax = fig.add_subplot()
    title = f"{ds.attrs.get('model', '')}: {var}"
    if da.ndim == 1:
        x = da.coords[da.dims[0]].values
        z = da.values
        ax.plot(x, z, lw=1.5, label=var)
        fld, _ = _boundary_field(z)
        if var + "_signed" in ds:
            fld = ds[var + "_signed"].values
        s = np.sign(fld)
        for j, k in enumerate(np.nonzero(s[1:] * s[:-1] < 0)[0]):
            ax.axvline(0.5 * (x[k] + x[k + 1]), color="k", ls=":", lw=1,
                       label="sign change (threshold)" if j == 0 else "_threshold")
            if j:
                unlabeled(ax.lines[-1], "same mark as the first threshold line")
        ax.legend(fontsize=8)
        ax.set_xlabel(_axis_label(da.dims[0], units))
        ax.set_ylabel(var)
    elif da.ndim == 2:
        ydim, xdim = da.dims
        x, y = da.coords[xdim].values, da.coords[ydim].values
        z = da.values
        mesh = ax.pcolormesh(x, y, z, shading="auto", cmap="viridis")
        unlabeled(mesh, "values given by the colour bar")
        fig.colorbar(mesh, ax=ax, label=var)
        fld, label = _boundary_field(z)
        if var + "_signed" in ds:  # exact boundary: zero level of X in max(0, X)
            fld, label = ds[var + "_signed"].values, "zero level of the closed form"
        fld = np.ma.masked_invalid(fld)
        if fld.count() and fld.min() < 0 < fld.max() and min(z.shape) > 1:
            cs = ax.contour(x, y, fld, levels=[0.0], colors="w", linewidths=1.2)
            cs.set_label(label)
            ax.legend(handles=[cs.legend_elements()[0][0]], labels=[label], fontsize=8, facecolor="0.6")
            ax.get_legend().texts[0].set_text(label)
        ax.set_xlabel(_axis_label(xdim, units))
        ax.set_ylabel(_axis_label(ydim, units))
    else:
        raise ValueError(f"plot_sweep draws 1 or 2 axes, got {da.ndim}")
    fixed = _fixed_text(ds.attrs.get("params", ""))
    ax.set_title(title + (f"\n{fixed}" if fixed else ""), fontsize=9)
    problems = figure_problems(fig)
    if problems:  # pragma: no cover - a defect of this function, caught by tests/app/test_figures.py
        raise AssertionError("; ".join(problems))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    return str(path)
