"""Helpers shared by the Žnidarič catalogue providers (``app/_znidaric_*``)."""
from __future__ import annotations

from typing import Callable

from ._registry import with_auto as _with_auto

__all__ = ["with_auto", "METHODS"]

#: methods of every Žnidarič quantity; "auto" first (the CLI default when it offers one)
METHODS = ("auto", "exact", "numeric")


def with_auto(fn: Callable[[dict, str], object], auto: str = "exact") -> Callable[[dict, str], object]:
    """The registry's :func:`~symbolic_ness.app.with_auto` with the Žnidarič methods (exact, numeric)."""
    return _with_auto(fn, auto, METHODS[1:])
