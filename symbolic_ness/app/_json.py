"""The CLI's JSON contract: how quantity values become JSON (complex → ``[re, im]``,
matrices and arrays → nested lists, exact numbers → floats)."""
from __future__ import annotations

import numpy as np
import sympy as sp

__all__ = ["to_jsonable"]


def to_jsonable(v):
    """Convert a quantity value to JSON: complex -> [re, im], arrays -> nested lists."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v)
    if isinstance(v, (complex, np.complexfloating)):
        return [float(v.real), float(v.imag)]
    if isinstance(v, np.ndarray):
        return [to_jsonable(x) for x in v.tolist()] if v.ndim else to_jsonable(v.item())
    if isinstance(v, sp.MatrixBase):
        return [[to_jsonable(x) for x in row] for row in v.tolist()]
    if isinstance(v, sp.Basic):
        if v.is_Integer:
            return int(v)
        c = complex(sp.N(v, 17))
        return c.real if c.imag == 0 else [c.real, c.imag]
    if isinstance(v, dict):
        return {str(k): to_jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_jsonable(x) for x in v]
    if hasattr(v, "tolist"):
        return to_jsonable(v.tolist())
    raise TypeError(f"cannot convert {type(v)} to JSON")
