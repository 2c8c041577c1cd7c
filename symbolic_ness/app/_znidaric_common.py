"""Helpers shared by the Žnidarič catalogue providers (``app/_znidaric_*``)."""
from __future__ import annotations

from typing import Callable

from .._errors import ParameterError
from ._registry import QuantityValue

__all__ = ["with_auto", "METHODS"]

#: methods of every Žnidarič quantity; "auto" first (the CLI default when it offers one)
METHODS = ("auto", "exact", "numeric")


def with_auto(fn: Callable[[dict, str], object], auto: str = "exact") -> Callable[[dict, str], object]:
    """Wrap a quantity function of ``(params, method)`` with method ``"exact"``/``"numeric"`` so
    that ``"auto"`` runs ``auto`` and reports it (:class:`QuantityValue`)."""
    def wrapped(p, method):
        if method == "auto":
            return QuantityValue(fn(p, auto), auto)
        if method not in ("exact", "numeric"):
            raise ParameterError("method", method, "auto, exact or numeric")
        return fn(p, method)
    wrapped.__doc__ = fn.__doc__
    wrapped.__name__ = getattr(fn, "__name__", "quantity")
    return wrapped
