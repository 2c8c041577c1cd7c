"""On-disk cache of expensive symbolic results.

Results (sympy expressions/matrices, possibly nested in tuples, lists and
dicts with str keys) are stored as ``srepr`` text in JSON files, keyed by a
SHA-256 of the function name, the ``srepr`` of the inputs (models use
:meth:`Model.key`), the sympy version, the package version and a hash of the
deriving code (:func:`code_hash`: the source of the decorated function's
package directory, of ``core/``, ``engines/`` and of this module), so a change
of the code that derives a result never serves a stale one. Lambdified
callables are never cached. ``symbolic-ness cache info`` / ``cache clear``
inspect and empty the cache.

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
import sys
import tempfile
from pathlib import Path

__all__ = ["cached", "cache_dir", "cache_enabled", "clear_cache", "cache_info", "code_hash",
           "register_cache_type", "package_version"]

_PKG = Path(__file__).resolve().parent

_REGISTERED: dict = {}  # package classes decodable from the cache (register_cache_type)


@functools.lru_cache(maxsize=None)
def _sympy_ns() -> dict:
    """sympy's public names (imported on first use: reading the cache's location, ``cache info``
    or ``clear`` never imports sympy)."""
    import sympy as sp
    ns = {k: getattr(sp, k) for k in dir(sp) if not k.startswith("_")}
    ns.update({"Integer": sp.Integer, "Rational": sp.Rational, "Symbol": sp.Symbol,
               "ImmutableDenseMatrix": sp.ImmutableDenseMatrix,
               "ImmutableSparseMatrix": sp.ImmutableSparseMatrix,
               "MutableDenseMatrix": sp.MutableDenseMatrix})
    return ns


def cache_enabled() -> bool:
    return os.environ.get("SYMBOLIC_NESS_NO_CACHE", "") not in ("1", "true", "yes")


def cache_dir() -> Path:
    return Path(os.environ.get("SYMBOLIC_NESS_CACHE_DIR", Path.home() / ".cache" / "symbolic_ness"))


def clear_cache() -> int:
    """Delete every cache entry (``*.json``) in :func:`cache_dir`; returns how many."""
    d = cache_dir()
    count = 0
    if d.exists():
        for f in list(d.glob("*.json")) + list(d.glob("*.tmp")):
            f.unlink()
            count += 1
    return count


def cache_info() -> dict:
    """``{"dir", "enabled", "entries", "bytes"}`` of the cache."""
    d = cache_dir()
    files = list(d.glob("*.json")) if d.exists() else []
    return {"dir": str(d), "enabled": cache_enabled(), "entries": len(files),
            "bytes": sum(f.stat().st_size for f in files)}


def register_cache_type(cls):
    """Make a sympy class defined in the package (e.g. ``RealRoot``) decodable from the cache."""
    _REGISTERED[cls.__name__] = cls
    return cls


@functools.lru_cache(maxsize=None)
def package_version() -> str:
    try:
        from importlib.metadata import version
        return version("symbolic_ness")
    except Exception:  # pragma: no cover - not installed
        return "unknown"


@functools.lru_cache(maxsize=None)
def code_hash(module: str) -> str:
    """SHA-256 (16 hex digits) of the source that derives results of ``module``: every ``.py``
    file in the module's package directory, in ``algebra/``, ``core/``, ``export/``, ``engines/`` and this module."""
    files = set()
    mfile = getattr(sys.modules.get(module), "__file__", None)
    if mfile is None:
        try:
            import importlib.util
            spec = importlib.util.find_spec(module)
            mfile = spec.origin if spec is not None else None
        except (ImportError, ValueError):
            mfile = None
    if mfile:
        files.update(Path(mfile).resolve().parent.glob("*.py"))
    for sub in ("algebra", "core", "export", "engines"):
        files.update((_PKG / sub).rglob("*.py"))
    files.add(_PKG / "_cache.py")
    return files_digest(files)


def write_entry(path: Path, text: str) -> None:
    """Write one cache entry atomically: a temporary file in the same folder, then a rename (a
    reader never sees half an entry). ``OSError`` propagates to the caller."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def files_digest(files, prefix: bytes = b"") -> str:
    """SHA-256 (16 hex digits) of ``prefix`` and, in sorted order, of every file's path relative to
    the package (POSIX form) and content; files that cannot be read are skipped."""
    h = hashlib.sha256(prefix)
    for f in sorted(files):
        try:
            h.update(f.relative_to(_PKG).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        except (OSError, ValueError):
            continue
    return h.hexdigest()[:16]


def _key_of(obj) -> str:
    import sympy as sp
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
    import sympy as sp
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
        return eval(v, {**_sympy_ns(), **_REGISTERED})  # noqa: S307 - our own srepr output
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
            import sympy as sp
            raw = (f"{name}|{sp.__version__}|{package_version()}|{code_hash(fn.__module__)}|"
                   f"{_key_of(args)}|{_key_of(kwargs)}")
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
                write_entry(path, json.dumps(_encode(res)))
            except (TypeError, OSError):
                pass
            return res

        wrapper.uncached = fn
        return wrapper

    return deco
