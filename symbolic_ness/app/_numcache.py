"""Derived closed forms evaluated from cached numpy source, without importing sympy.

A catalogued quantity that evaluates a derived closed form through a core
:func:`~symbolic_ness.export.lambdify` function can wrap its construction in
:func:`cached_evaluator`. The first call (cold cache) derives and lambdifies as before and
stores the generated source of the numpy function in the package cache directory
(``numpy-code-*.json``); later processes (warm cache) compile that source with numpy alone, so a
closed-form ``symbolic-ness evaluate`` never imports sympy. It is the same source run with the
same numpy objects, so the numbers are bit for bit those of the lambdified function.

The cache key holds the quantity's key, :func:`~symbolic_ness.app._manifest.source_digest` (every
``.py`` file of the package: any change of the deriving code), sympy's release file (the printer
that wrote the source) and numpy's version. A function whose source uses anything but numpy
names, ``functools.reduce`` and builtins, or whose recompiled source does not reproduce its
value at a test point bit for bit, is not stored (it is then derived in every process, as before).
``SYMBOLIC_NESS_NO_CACHE=1`` disables the store.
"""
from __future__ import annotations

import hashlib
import json
from typing import Callable

__all__ = ["cached_evaluator", "CachedEvaluator"]

_MEMO: dict = {}


class CachedEvaluator:
    """A numpy function compiled from cached source; called like the core ``NumericFunction``
    it was generated from (positional arguments as float or complex arrays, numpy warnings off)."""

    def __init__(self, fn: Callable, backend: str, key: str):
        self.fn, self.backend, self.key = fn, backend, key

    def __call__(self, *values):
        import numpy as np
        dtype = complex if self.backend == "numpy-complex" else float
        with np.errstate(all="ignore"):
            return self.fn(*[np.asarray(v, dtype=dtype) for v in values])

    def __repr__(self):
        return f"CachedEvaluator({self.key!r})"


def _sympy_release() -> str:
    """sympy's release file (its version), read without importing sympy."""
    import importlib.util
    from pathlib import Path
    spec = importlib.util.find_spec("sympy")
    try:
        return Path(spec.origin).with_name("release.py").read_text()
    except (AttributeError, TypeError, OSError):
        return "unknown"


def _path(key: str):
    import numpy as np
    from .._cache import cache_dir
    from ._manifest import source_digest
    raw = f"{key}|{source_digest()}|{_sympy_release()}|{np.__version__}"
    return cache_dir() / f"numpy-code-{hashlib.sha256(raw.encode()).hexdigest()[:32]}.json"


def _namespace(names: dict) -> dict | None:
    import functools
    import numpy as np
    ns = {}
    for name, where in names.items():
        if where == "numpy" and hasattr(np, name):
            ns[name] = getattr(np, name)
        elif where == "functools.reduce" and name == "reduce":
            ns[name] = functools.reduce
        else:
            return None
    return ns


def _compile(entry: dict, key: str) -> CachedEvaluator | None:
    ns = _namespace(entry["names"])
    if ns is None or entry.get("backend") not in ("numpy", "numpy-complex"):
        return None
    exec(compile(entry["source"], f"<symbolic_ness cached evaluator {key}>", "exec"), ns)  # noqa: S102 - our own generated source
    fn = ns.get(entry["function"])
    return CachedEvaluator(fn, entry["backend"], key) if callable(fn) else None


def _names(code, glb: dict) -> dict | None:
    """``{name: "numpy" | "functools.reduce"}`` of the globals ``code`` reads (builtins are
    left out); ``None`` if one of them is something else."""
    import builtins
    import functools
    import numpy as np
    out = {}
    todo = [code]
    while todo:
        c = todo.pop()
        todo.extend(k for k in c.co_consts if hasattr(k, "co_names"))
        for name in c.co_names:
            if name not in glb:
                if hasattr(builtins, name):
                    continue
                return None
            obj = glb[name]
            if obj is functools.reduce and name == "reduce":
                out[name] = "functools.reduce"
            elif getattr(np, name, object()) is obj:
                out[name] = "numpy"
            else:
                return None
    return out


def _entry(nf, key: str) -> dict | None:
    """The storable form of a core ``NumericFunction`` (``None`` if it has none)."""
    import inspect
    import numpy as np
    fn = getattr(nf, "fn", None)
    if getattr(nf, "backend", None) not in ("numpy", "numpy-complex") or not inspect.isfunction(fn):
        return None
    if fn.__closure__ or fn.__defaults__ or fn.__kwdefaults__:
        return None
    try:
        source = inspect.getsource(fn)
    except (OSError, TypeError):
        return None
    names = _names(fn.__code__, fn.__globals__)
    if names is None:
        return None
    entry = {"key": key, "function": fn.__name__, "backend": nf.backend, "names": names, "source": source}
    try:  # the recompiled source must give the same numbers, bit for bit
        again = _compile(entry, key)
        rng = np.random.default_rng(12345)
        pts = [rng.uniform(0.5, 3.0, size=4) for _ in range(fn.__code__.co_argcount)]
        a, b = np.asarray(nf(*pts)), np.asarray(again(*pts))
    except Exception:  # noqa: BLE001 - anything odd: do not store
        return None
    if a.shape != b.shape or a.dtype != b.dtype or not np.array_equal(a, b, equal_nan=True):
        return None
    return entry


def cached_evaluator(key: str, build: Callable[[], object]) -> Callable:
    """The numpy evaluator ``build()`` returns (a core ``NumericFunction``), from the disk cache
    when a previous process stored its source under ``key`` (then sympy is not imported).

    ``key`` names what is evaluated (e.g. ``"hdb2/reset-ising/plus/negativity"``) and must change
    with anything ``build`` depends on besides the package source (which is in the key).

    >>> import sympy as sp
    >>> from symbolic_ness.export import lambdify
    >>> x = sp.Symbol("x", positive=True)
    >>> f = cached_evaluator("doctest/x2", lambda: lambdify(sp.Max(0, x ** 2 - 1), (x,)))
    >>> float(f(3.0))
    8.0
    """
    if key in _MEMO:
        return _MEMO[key]
    from .._cache import cache_enabled, write_entry
    path = _path(key) if cache_enabled() else None
    if path is not None and path.exists():
        try:
            entry = json.loads(path.read_text())
            fn = _compile(entry, key) if entry.get("key") == key else None
        except (OSError, ValueError, KeyError, SyntaxError):
            fn = None
        if fn is not None:
            _MEMO[key] = fn
            return fn
    nf = build()
    entry = _entry(nf, key) if path is not None else None
    if entry is not None:
        try:
            write_entry(path, json.dumps(entry))
        except OSError:
            pass
    _MEMO[key] = nf
    return nf
