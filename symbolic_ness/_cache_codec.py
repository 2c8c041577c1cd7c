"""Cache entries as data: a JSON tree of whitelisted sympy node types.

:func:`encode` turns a result (sympy expressions and matrices, nested in tuples, lists and
dicts, plus ``None``/bool/int/float/str) into a JSON-able tree; :func:`decode` builds it back
**only** by calling the constructors of a fixed whitelist of sympy classes (and the classes the
package registers, e.g. ``RealRoot``). Nothing is evaluated, executed, compiled or unpickled: a
node naming anything else, or malformed, raises :class:`ValueError` (the cache then recomputes).

Node forms (``"s"`` = sympy node, ``"t"`` = Python container/value):

* ``{"t": "int", "v": hex}`` (Python int; hex strings have no digit limit), ``{"t": "py", "v":
  x}`` for ``None``/bool/float/str, ``{"t": "tuple" | "list", "v": [...]}``,
  ``{"t": "dict", "v": [[key, value], ...]}``;
* ``{"s": "Integer", "v": hex}``, ``{"s": "Rational", "p": hex, "q": hex}``,
  ``{"s": "Float", "m": [sign, hex mantissa, exponent, bits], "prec": p}``,
  ``{"s": "Symbol" | "Dummy", "n": name, "a": {assumption: bool}}``, ``{"s": "const", "n": name}``
  (``I``, ``pi``, ``E``, ``oo``, ...), ``{"s": "Matrix", "r": rows, "c": cols, "e": [[i, j, x],
  ...]}`` (non-zero entries; decoded as an ``ImmutableDenseMatrix``), and ``{"s": Class, "a":
  [args]}`` for every other whitelisted class (``Add``, ``Mul``, ``Pow``, ``Abs``, ``Max``,
  ``Piecewise``, ``CRootOf``, relations, ...).

>>> import sympy as sp
>>> x = sp.Symbol("x", positive=True)
>>> e = sp.Max(0, sp.sqrt(x) - sp.Rational(3, 7) * x ** 2) + sp.I * sp.Float(0.1)
>>> decode(encode(e)) == e
True
>>> decode({"s": "__import__", "a": []})
Traceback (most recent call last):
...
ValueError: cache entry: node type '__import__' is not allowed
"""
from __future__ import annotations

import functools

__all__ = ["encode", "decode", "register"]

_REGISTERED: dict = {}

# sympy classes a cache entry may build (constructors only; all are pure data)
_CLASSES = (
    "Add", "Mul", "Pow", "Abs", "Max", "Min", "Piecewise", "ExprCondPair", "exp", "log", "sin", "cos",
    "tan", "atan", "atan2", "asin", "acos", "sinh", "cosh", "tanh", "re", "im", "conjugate", "arg",
    "sign", "Heaviside", "floor", "ceiling", "factorial", "binomial", "Tuple", "Interval", "Union",
    "Intersection", "Complement", "FiniteSet", "And", "Or", "Not", "Xor", "Implies",
    "StrictGreaterThan", "GreaterThan", "StrictLessThan", "LessThan", "Equality", "Unequality",
    "CRootOf", "ComplexRootOf", "RootSum", "Lambda", "PurePoly", "Poly", "KroneckerDelta",
    "LambertW", "Sum", "Product",
)
_CONSTS = ("ImaginaryUnit", "Pi", "Exp1", "Infinity", "NegativeInfinity", "ComplexInfinity", "NaN",
           "EulerGamma", "GoldenRatio", "BooleanTrue", "BooleanFalse", "EmptySet", "Reals",
           "Naturals", "Integers", "Complexes", "Half", "One", "Zero", "NegativeOne")
MAX_POW_EXPONENT = 100_000  # a numeric power with a larger integer exponent is refused (work bound)
MAX_DEPTH = 2_000


def register(cls):
    """Let :func:`decode` build the package class ``cls`` (a sympy ``Function`` subclass)."""
    _REGISTERED[cls.__name__] = cls
    return cls


@functools.lru_cache(maxsize=None)
def _classes() -> dict:
    import sympy as sp
    out = {}
    for name in _CLASSES:
        obj = getattr(sp, name, None)
        if isinstance(obj, type):
            out[name] = obj
    from sympy.functions.elementary.piecewise import ExprCondPair
    out["ComplexRootOf"] = sp.CRootOf
    out["ExprCondPair"] = ExprCondPair
    return out


@functools.lru_cache(maxsize=None)
def _consts() -> dict:
    import sympy as sp
    return {name: getattr(sp.S, name) for name in _CONSTS}


def _hex(n: int) -> str:
    return format(int(n), "x") if n >= 0 else "-" + format(-int(n), "x")


def _unhex(s) -> int:
    if not isinstance(s, str) or len(s) > 10_000_000:
        raise ValueError("cache entry: malformed integer")
    return int(s, 16)


def encode(obj):
    """JSON-able tree of ``obj``; :class:`TypeError` for anything that is not data."""
    import sympy as sp
    if obj is None or isinstance(obj, (bool, float, str)):
        return {"t": "py", "v": obj}
    if isinstance(obj, int):
        return {"t": "int", "v": _hex(obj)}
    if isinstance(obj, sp.MatrixBase):
        ent = [[i, j, _enc(v)] for (i, j), v in sorted(obj.todok().items()) if v != 0]
        return {"s": "Matrix", "r": obj.rows, "c": obj.cols, "e": ent}
    if isinstance(obj, sp.Basic):
        return _enc(obj)
    if isinstance(obj, tuple):
        return {"t": "tuple", "v": [encode(o) for o in obj]}
    if isinstance(obj, list):
        return {"t": "list", "v": [encode(o) for o in obj]}
    if isinstance(obj, dict):
        return {"t": "dict", "v": [[encode(k), encode(v)] for k, v in obj.items()]}
    raise TypeError(f"cannot cache object of type {type(obj)}")


def _enc(e):
    import sympy as sp
    if isinstance(e, sp.MatrixBase):
        return encode(e)
    if not isinstance(e, sp.Basic):
        return encode(e)
    cls = type(e).__name__
    if e.is_Integer:
        return {"s": "Integer", "v": _hex(e.p)}
    if e.is_Rational:
        return {"s": "Rational", "p": _hex(e.p), "q": _hex(e.q)}
    if e.is_Float:
        s, m, x, b = e._mpf_
        return {"s": "Float", "m": [int(s), _hex(int(m)), int(x), int(b)], "prec": int(e._prec)}
    if isinstance(e, sp.Dummy):
        raise TypeError("cannot cache a Dummy symbol")
    if isinstance(e, sp.Symbol):
        return {"s": "Symbol", "n": e.name, "a": {k: bool(v) for k, v in e._assumptions_orig.items()
                                                  if v is not None}}
    if cls in _CONSTS and _consts().get(cls) is e:
        return {"s": "const", "n": cls}
    if cls in _REGISTERED and type(e) is _REGISTERED[cls] or (cls in _CLASSES and _classes().get(cls) is type(e)):
        if isinstance(e, sp.Poly):
            return {"s": cls, "a": [_enc(e.as_expr()), *[_enc(g) for g in e.gens]]}
        return {"s": cls, "a": [_enc(a) for a in e.args]}
    raise TypeError(f"cannot cache sympy node {cls}")


def decode(tree, _depth: int = 0):
    """The object :func:`encode` stored (whitelisted constructors only); :class:`ValueError` on
    anything else."""
    if _depth > MAX_DEPTH:
        raise ValueError("cache entry: nested too deeply")
    if not isinstance(tree, dict):
        raise ValueError("cache entry: malformed node")
    if "t" in tree:
        t, v = tree["t"], tree.get("v")
        if t == "py":
            if v is None or isinstance(v, (bool, float, str)):
                return v
            raise ValueError("cache entry: malformed value")
        if t == "int":
            return _unhex(v)
        if not isinstance(v, list):
            raise ValueError("cache entry: malformed container")
        if t == "tuple":
            return tuple(decode(o, _depth + 1) for o in v)
        if t == "list":
            return [decode(o, _depth + 1) for o in v]
        if t == "dict":
            out = {}
            for kv in v:
                if not (isinstance(kv, list) and len(kv) == 2):
                    raise ValueError("cache entry: malformed dict")
                out[decode(kv[0], _depth + 1)] = decode(kv[1], _depth + 1)
            return out
        raise ValueError(f"cache entry: value type {t!r} is not allowed")
    return _dec_sym(tree, _depth)


def _dec_sym(tree, depth):
    import sympy as sp
    s = tree.get("s")
    if s == "Integer":
        return sp.Integer(_unhex(tree.get("v")))
    if s == "Rational":
        q = _unhex(tree.get("q"))
        if q == 0:
            raise ValueError("cache entry: zero denominator")
        return sp.Rational(_unhex(tree.get("p")), q)
    if s == "Float":
        m, prec = tree.get("m"), tree.get("prec")
        if not (isinstance(m, list) and len(m) == 4 and isinstance(prec, int) and 1 <= prec <= 100_000
                and all(isinstance(k, int) for k in (m[0], m[2], m[3]))):
            raise ValueError("cache entry: malformed Float")
        from mpmath.libmp import normalize
        if not _unhex(m[1]):
            return sp.Float(0, precision=prec)
        return sp.Float._new(normalize(m[0], _unhex(m[1]), m[2], m[3], prec, "n"), prec)
    if s == "Symbol":
        name, a = tree.get("n"), tree.get("a", {})
        if not (isinstance(name, str) and isinstance(a, dict)
                and all(isinstance(k, str) and k.isidentifier() and isinstance(v, bool) for k, v in a.items())):
            raise ValueError("cache entry: malformed Symbol")
        return sp.Symbol(name, **a)
    if s == "const":
        c = _consts().get(tree.get("n"))
        if c is None:
            raise ValueError(f"cache entry: constant {tree.get('n')!r} is not allowed")
        return c
    if s == "Matrix":
        r, c, ent = tree.get("r"), tree.get("c"), tree.get("e")
        if not (isinstance(r, int) and isinstance(c, int) and 0 <= r <= 1 << 16 and 0 <= c <= 1 << 16
                and isinstance(ent, list) and r * c <= 1 << 24):
            raise ValueError("cache entry: malformed Matrix")
        dok = {}
        for item in ent:
            if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], int)
                    and isinstance(item[1], int) and 0 <= item[0] < r and 0 <= item[1] < c):
                raise ValueError("cache entry: malformed Matrix entry")
            dok[(item[0], item[1])] = decode(item[2], depth + 1)
        return sp.ImmutableDenseMatrix(sp.SparseMatrix(r, c, dok))
    cls = _REGISTERED.get(s) or _classes().get(s)
    if cls is None:
        raise ValueError(f"cache entry: node type {s!r} is not allowed")
    args = tree.get("a")
    if not isinstance(args, list):
        raise ValueError("cache entry: malformed node arguments")
    args = [decode(x, depth + 1) for x in args]
    if cls is sp.Pow and len(args) == 2 and args[0].is_number and args[1].is_Integer \
            and abs(int(args[1])) > MAX_POW_EXPONENT:
        raise ValueError("cache entry: power exponent too large")
    if s in ("Poly", "PurePoly"):
        return cls(args[0], *args[1:])
    return cls(*args)
