"""Timing helpers shared by the benchmark scripts."""
import os
import time


def best_of(fn, repeat=3):
    """Best wall time of ``repeat`` calls of ``fn()`` (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def no_cache(fn):
    """``fn()`` with the derivation cache off (``SYMBOLIC_NESS_NO_CACHE=1``), restored after."""
    old = os.environ.get("SYMBOLIC_NESS_NO_CACHE")
    os.environ["SYMBOLIC_NESS_NO_CACHE"] = "1"
    try:
        return fn()
    finally:
        if old is None:
            os.environ.pop("SYMBOLIC_NESS_NO_CACHE", None)
        else:
            os.environ["SYMBOLIC_NESS_NO_CACHE"] = old
