"""Writing a figure of a reproduce section: one place for layout, resolution and clean-up.

Figures are built with matplotlib in ``app/`` only; the backend is never switched here (the
tests' fixtures and ``make reproduce`` run without a display, where matplotlib picks Agg).
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["save_figure"]


def save_figure(fig, path, dpi: int = 120) -> Path:
    """Lay out ``fig`` (``tight_layout``), write it to ``path`` (parent folders created) at
    ``dpi`` and release it from pyplot's figure manager if it was created through pyplot.
    Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    if getattr(fig.canvas, "manager", None) is not None:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return path
