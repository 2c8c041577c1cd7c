"""On-disk cache of expensive symbolic results.

Results (sympy expressions/matrices, possibly nested in tuples, lists and
dicts with str keys) are stored as ``srepr`` text in JSON files, keyed by a
SHA-256 of the function name, the ``srepr`` of the inputs (models use
:meth:`Model.key`) and the sympy version. Lambdified callables are never
cached.

Environment variables
---------------------
``SYMBOLIC_NESS_NO_CACHE=1``
    disable reading and writing the cache.
``SYMBOLIC_NESS_CACHE_DIR``
    cache location (default ``~/.cache/symbolic_ness``).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

import sympy as sp

__all__ = ["cached", "cache_dir", "cache_enabled", "clear_cache"]

_NS = {k: getattr(sp, k) for k in dir(sp) if not k.startswith("_")}
_NS.update({"Integer": sp.Integer, "Rational": sp.Rational, "Symbol": sp.Symbol,
            "ImmutableDenseMatrix": sp.ImmutableDenseMatrix,
            "ImmutableSparseMatrix": sp.ImmutableSparseMatrix,
            "MutableDenseMatrix": sp.MutableDenseMatrix})


def cache_enabled() -> bool:
    return os.environ.get("SYMBOLIC_NESS_NO_CACHE", "") not in ("1", "true", "yes")


def cache_dir() -> Path:
    return Path(os.environ.get("SYMBOLIC_NESS_CACHE_DIR", Path.home() / ".cache" / "symbolic_ness"))


def clear_cache():
    d = cache_dir()
    if d.exists():
        for f in d.glob("*.json"):
            f.unlink()


def _key_of(obj) -> str:
    if hasattr(obj, "key") and callable(obj.key):
        return obj.key()
    if isinstance(obj, (list, tuple)):
        return "(" + ",".join(_key_of(o) for o in obj) + ")"
    if isinstance(obj, dict):
        return "{" + ",".join(f"{_key_of(k)}:{_key_of(v)}" for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(obj, sp.Basic) or isinstance(obj, sp.MatrixBase):
        return sp.srepr(obj)
    return repr(obj)


def _encode(obj):
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return {"t": "py", "v": obj}
    if isinstance(obj, sp.MatrixBase):
        return {"t": "sym", "v": sp.srepr(sp.ImmutableMatrix(obj))}
    if isinstance(obj, sp.Basic):
        return {"t": "sym", "v": sp.srepr(obj)}
    if isinstance(obj, tuple):
        return {"t": "tuple", "v": [_encode(o) for o in obj]}
    if isinstance(obj, list):
        return {"t": "list", "v": [_encode(o) for o in obj]}
    if isinstance(obj, dict):
        return {"t": "dict", "v": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    raise TypeError(f"cannot cache object of type {type(obj)}")


def _decode(d):
    t, v = d["t"], d["v"]
    if t == "py":
        return v
    if t == "sym":
        return eval(v, dict(_NS))  # noqa: S307 - our own srepr output
    if t == "tuple":
        return tuple(_decode(o) for o in v)
    if t == "list":
        return [_decode(o) for o in v]
    if t == "dict":
        return {_decode(k): _decode(val) for k, val in v}
    raise ValueError(t)


def cached(name: str):
    """Decorator: cache a pure function of sympy-representable arguments on disk."""

    def deco(fn):
        memo: dict = {}

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if not cache_enabled():
                return fn(*args, **kwargs)
            raw = f"{name}|{sp.__version__}|{_key_of(args)}|{_key_of(kwargs)}"
            h = hashlib.sha256(raw.encode()).hexdigest()[:32]
            path = cache_dir() / f"{name}-{h}.json"
            mkey = (str(path), raw)
            if mkey in memo:  # in-process memo in front of the disk
                return memo[mkey]
            if path.exists():
                try:
                    res = _decode(json.loads(path.read_text()))
                    memo[mkey] = res
                    return res
                except Exception:  # corrupt or incompatible entry: recompute
                    pass
            res = fn(*args, **kwargs)
            memo[mkey] = res
            try:
                payload = json.dumps(_encode(res))
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(fd, "w") as f:
                    f.write(payload)
                os.replace(tmp, path)
            except (TypeError, OSError):
                pass
            return res

        wrapper.uncached = fn
        return wrapper

    return deco
