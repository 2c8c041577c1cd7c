"""The CLI's JSON contract: how quantity values become JSON (complex → ``[re, im]``,
matrices and arrays → nested lists, exact numbers → floats).

numpy and sympy are not imported here: a value can only be a numpy or sympy object if the
code that produced it imported them (so ``list`` and a warm closed-form ``evaluate`` never
load sympy)."""
from __future__ import annotations

import sys

__all__ = ["to_jsonable"]


def to_jsonable(v):
    """Convert a quantity value to JSON: complex -> [re, im], arrays -> nested lists.

    >>> to_jsonable({"a": (1, 2.5, 1 + 2j), "b": None})
    {'a': [1, 2.5, [1.0, 2.0]], 'b': None}

    A negative zero prints as ``0.0`` (it is the same value):

    >>> to_jsonable(-0.0), to_jsonable(complex(-0.0, 1))
    (0.0, [0.0, 1.0])
    """
    if v is None or isinstance(v, (bool, str)):
        return v
    np = sys.modules.get("numpy")
    sp = sys.modules.get("sympy")
    if isinstance(v, int) or (np is not None and isinstance(v, np.integer)):
        return int(v)
    if isinstance(v, float) or (np is not None and isinstance(v, np.floating)):
        return float(v) + 0.0
    if isinstance(v, complex) or (np is not None and isinstance(v, np.complexfloating)):
        return [float(v.real) + 0.0, float(v.imag) + 0.0]
    if np is not None and isinstance(v, np.ndarray):
        return [to_jsonable(x) for x in v.tolist()] if v.ndim else to_jsonable(v.item())
    if sp is not None and isinstance(v, sp.MatrixBase):
        return [[to_jsonable(x) for x in row] for row in v.tolist()]
    if sp is not None and isinstance(v, sp.Basic):
        if v.is_Integer:
            return int(v)
        c = complex(sp.N(v, 17))
        return c.real + 0.0 if c.imag == 0 else [c.real + 0.0, c.imag + 0.0]
    if isinstance(v, dict):
        return {str(k): to_jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_jsonable(x) for x in v]
    if hasattr(v, "tolist"):
        return to_jsonable(v.tolist())
    raise TypeError(f"cannot convert {type(v)} to JSON")
