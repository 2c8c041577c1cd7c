"""Derived closed forms evaluated through a cache of their *expression* (data, never code).

A catalogued quantity that evaluates a derived closed form through a core
:func:`~symbolic_ness.export.lambdify` function can wrap its construction in
:func:`cached_evaluator`. The first call (cold cache) derives and lambdifies as before and
stores the derived expression and its arguments in the package cache directory
(``numpy-expr-*.json``, a JSON tree of whitelisted sympy nodes, :mod:`symbolic_ness._cache_codec`),
provided the caller gives a certificate ``check`` (without one nothing is read or written).
Later processes (warm cache) skip the derivation: they rebuild the expression from that data
(only sympy constructors run — no stored source is executed, compiled or evaluated), optionally
re-certify it with the caller's ``check`` (e.g. against a numeric steady state at random
points), and generate the numpy function afresh with the core ``lambdify`` — the same
expression through the same printer, so the numbers are bit for bit those of the derived one.

The cache key holds the quantity's key, :func:`~symbolic_ness.app._manifest.source_digest` (every
``.py`` file of the package: any change of the deriving code), sympy's release file and numpy's
version. An entry that fails to decode or to certify is discarded and recomputed with a
:class:`~symbolic_ness._cache.CacheWarning`; a fresh expression is stored only if ``check``
accepts it. ``SYMBOLIC_NESS_NO_CACHE=1`` disables the store.
"""
from __future__ import annotations

import hashlib
from typing import Callable

__all__ = ["cached_evaluator"]

_MEMO: dict = {}
KIND = "numpy-expr"


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
    return cache_dir() / f"{KIND}-{hashlib.sha256(raw.encode()).hexdigest()[:32]}.json"


def _from_entry(tree, key: str) -> object:
    """The core ``NumericFunction`` regenerated from a stored expression (data only)."""
    from .._cache_codec import decode
    from ..export import lambdify
    entry = decode(tree)
    if not (isinstance(entry, dict) and entry.get("backend") in ("numpy", "numpy-complex")
            and isinstance(entry.get("args"), tuple) and entry.get("key") == key):
        raise ValueError("malformed numpy-expr entry")
    return lambdify(entry["expr"], entry["args"], backend=entry["backend"])


def cached_evaluator(key: str, build: Callable[[], object], check: Callable[[object], None] | None = None) -> Callable:
    """The numpy evaluator ``build()`` returns (a core ``NumericFunction``); when a previous process
    stored its expression under ``key``, regenerated from that expression without deriving.

    ``key`` names what is evaluated (e.g. ``"hdb2/reset-ising/plus/negativity"``) and must change
    with anything ``build`` depends on besides the package source (which is in the key).
    ``check(fn)`` re-certifies a function regenerated from the disk (it raises if ``fn`` is wrong);
    without it the expression is not stored.

    >>> import sympy as sp
    >>> from symbolic_ness.export import lambdify
    >>> x = sp.Symbol("x", positive=True)
    >>> f = cached_evaluator("doctest/x2", lambda: lambdify(sp.Max(0, x ** 2 - 1), (x,)))
    >>> float(f(3.0))
    8.0
    """
    if key in _MEMO:
        return _MEMO[key]
    from .._cache import cache_enabled, entry_text, read_entry, refuse, write_entry
    path = _path(key) if cache_enabled() and check is not None else None
    if path is not None:
        try:
            tree = read_entry(path, KIND)
            if tree is not None:
                fn = _from_entry(tree, key)
                check(fn)
                _MEMO[key] = fn
                return fn
        except Exception as e:  # noqa: BLE001 - tampered, corrupt, uncertifiable or incompatible: recompute
            refuse(path, KIND, e)
    nf = build()
    if path is not None and getattr(nf, "backend", None) in ("numpy", "numpy-complex"):
        try:
            from .._cache_codec import encode
            tree = encode({"key": key, "expr": nf.expr, "args": tuple(nf.args), "backend": nf.backend})
            check(nf)  # stored only if its own certificate accepts it
            write_entry(path, entry_text(KIND, tree))
        except Exception:  # noqa: BLE001 - not encodable, not certifiable or not writable: not stored
            pass
    _MEMO[key] = nf
    return nf
