"""Which solver runs for a quantity of an explicit model: one rule for model files and models.

>>> explicit_engine(2, ["g"], "steady-state", "auto")[0], explicit_engine(4, ["a", "b"], "purity", "auto")[0]
('exact', 'numeric')
"""
from __future__ import annotations

from .._errors import ParameterError

__all__ = ["explicit_engine", "check_explicit_size", "EXPLICIT_MAX_SITES", "EXACT_ONE_SYMBOL_MAX_SITES", "METHODS"]

METHODS = ("auto", "exact", "numeric")

#: what the explicit (non-symmetric) engines can do, in qubits: the numeric null space of the
#: 4^n x 4^n sparse Liouvillian (sparse LU fill grows past GBs at n = 10), the exact null space
#: over Q, the dense numeric spectrum (O(16^n) memory, O(64^n) time) and the exact spectrum
EXPLICIT_MAX_SITES = {"numeric": 6, "exact": 5, "spectrum-numeric": 5, "spectrum-exact": 3}
#: an exact threshold in at most one free symbol, requested explicitly: 6 qubits (the 4,096
#: unknowns reduce to a symmetry sector and the threshold reads the certified polynomial vector
#: without sympy; a 6-site chain takes minutes, with progress logged; two or more symbols, or
#: closed forms built in sympy from such a vector, would take hours)
EXACT_ONE_SYMBOL_MAX_SITES = 6


def check_explicit_size(n: int, quantity: str, method: str, nfree: int | None = None) -> None:
    """Refuse (``SizeLimitError``, before any work) an explicit model of ``n`` qubits that the
    engine for ``quantity``/``method`` cannot handle (:data:`EXPLICIT_MAX_SITES`; an explicitly
    requested exact threshold with ``nfree <= 1`` free symbols: :data:`EXACT_ONE_SYMBOL_MAX_SITES`)."""
    from .._errors import SizeLimitError
    spectrum = quantity == "spectrum"
    if method == "auto":
        key = "spectrum-numeric" if spectrum else "numeric"
    else:
        key = ("spectrum-" if spectrum else "") + ("exact" if method.startswith("exact") else "numeric")
    lim = EXPLICIT_MAX_SITES[key]
    one = key == "exact" and quantity == "threshold" and nfree is not None and nfree <= 1
    if one:
        lim = EXACT_ONE_SYMBOL_MAX_SITES
    if n > lim:
        what = "a numeric spectrum (dense 4^n x 4^n)" if key == "spectrum-numeric" else \
            "an exact spectrum" if key == "spectrum-exact" else f"the {key} steady state (4^n unknowns)"
        if key == "exact":
            what += (" (a threshold in at most one free symbol)" if one else
                     f" ({EXACT_ONE_SYMBOL_MAX_SITES} sites for a threshold in at most one free symbol)")
        alt = "symmetric = true for identical qubits (permutation engine) or fewer sites"
        if key in ("exact", "spectrum-exact"):
            alt = "--method numeric or fewer sites"
        raise SizeLimitError("sites", n, f"sites <= {lim} for {what} (estimate 4^{n} = {4 ** n} unknowns; "
                             f"fix: {alt})")


def explicit_engine(n: int, free: list, quantity: str, method: str = "auto") -> tuple:
    """``(method, reason)`` for an explicit ``n``-qubit model with the parameters ``free`` (names)
    left without a value: the exact core solve when the Liouvillian is small and few symbols stay
    free, the numeric null space otherwise; ``spectrum``: the exact factored characteristic
    polynomial up to 2 qubits. An explicit ``method`` (``"exact"``/``"numeric"``) is honoured."""
    if method not in METHODS:
        raise ParameterError("method", method, "auto, exact or numeric")
    if method != "auto":
        check_explicit_size(n, quantity, method, len(free))
        return method, f"requested (--method {method})"
    check_explicit_size(n, quantity, "auto")
    if quantity == "spectrum":
        # 2 qubits: exact factored charpoly (exact at exceptional points, where numeric
        # eigenvalues of a Jordan block lose half the digits). 3 qubits: the exact charpoly and
        # its CRootOf roots took 16 s + 115 s (collective-decay ring), so numeric unless requested.
        if n <= 2:
            return "exact", f"exact factored characteristic polynomial: 4^{n} = {4 ** n} eigenvalues, {len(free)} free symbols"
        return "numeric", (f"numeric eigenvalues: 4^{n} = {4 ** n} eigenvalues are too many for an exact characteristic "
                           "polynomial in seconds (--method exact forces it)")
    if (not free and n <= 4) or (len(free) <= 3 and n <= 2) or (len(free) <= 1 and n <= 3):
        return "exact", (f"exact null space over Q" + (f"({', '.join(free)})" if free else "")
                         + f": 4^{n} = {4 ** n} unknowns")
    return "numeric", f"numeric null space: 4^{n} = {4 ** n} unknowns with {len(free)} free symbols is too large for exact"
