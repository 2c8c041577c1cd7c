"""Writing a figure of a reproduce section: one place for layout, resolution and clean-up.

Figures are built with matplotlib in ``app/`` only; the backend is never switched here (the
tests' fixtures and ``make reproduce`` run without a display, where matplotlib picks Agg).
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["save_figure", "figure_problems", "figure_audit", "unlabeled"]

_AUDIT: dict = {}


def unlabeled(artist, reason: str):
    """Mark ``artist`` as deliberately without a legend entry, saying why (``reason`` is shown by
    :func:`figure_problems` readers: e.g. "shading explained by the colour bar"). Returns it."""
    artist.set_gid("nolegend: " + reason)
    return artist


def figure_problems(fig) -> list:
    """What a referee would flag in ``fig``: every axes (insets included, colour bars excepted)
    needs x and y labels, and every plotted line, collection (scatter, contour, shading) and
    image needs a legend entry on its axes or the figure, or an explicit :func:`unlabeled` mark.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.subplots(); _ = ax.plot([0, 1], [0, 1], label="data")
    >>> figure_problems(fig)
    ['axes 0: no x label', 'axes 0: no y label', "axes 0: 'data' is not in a legend"]
    """
    out = []
    fig_labels = set()
    for leg in fig.legends:
        fig_labels |= {t.get_text() for t in leg.get_texts()}
    for k, ax in enumerate(fig.get_axes()):
        if ax.get_label() == "<colorbar>" or not ax.get_visible() or not ax.axison:
            continue
        if not ax.get_xlabel().strip():
            out.append(f"axes {k}: no x label")
        if not ax.get_ylabel().strip():
            out.append(f"axes {k}: no y label")
        leg = ax.get_legend()
        labels = set(fig_labels)
        if leg is not None:
            labels |= {t.get_text() for t in leg.get_texts()}
        for a in list(ax.lines) + list(ax.collections) + list(ax.images):
            gid = a.get_gid() or ""
            if gid.startswith("nolegend: "):
                continue
            lab = a.get_label() or ""
            if lab.startswith("_"):
                out.append(f"axes {k}: a {type(a).__name__} without label (nor an unlabeled() reason)")
            elif lab not in labels:
                out.append(f"axes {k}: {lab!r} is not in a legend")
    return out


def figure_audit() -> dict:
    """``{path: figure_problems}`` of every figure written by :func:`save_figure` in this process."""
    return dict(_AUDIT)


def save_figure(fig, path, dpi: int = 120) -> Path:
    """Lay out ``fig`` (``tight_layout``), write it to ``path`` (parent folders created) at
    ``dpi`` and release it from pyplot's figure manager if it was created through pyplot.
    Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    _AUDIT[str(path)] = figure_problems(fig)
    fig.savefig(path, dpi=dpi)
    if getattr(fig.canvas, "manager", None) is not None:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return path
