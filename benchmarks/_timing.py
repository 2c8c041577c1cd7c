"""Timing helpers shared by the benchmark scripts (and the test suite's model of the README
exact-engine chain, ``ising_reset_chain``, re-exported from ``tests/_helpers.py``)."""
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _helpers import ising_reset_chain as ising_reset_chain  # noqa: E402


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


def exact_vs_numeric(model, ss, seed: int, points: int = 2) -> float:
    """Largest difference between the exact steady state ``ss`` of ``model`` (its
    ``expectations_at``: python-flint at the rationals the floats print) and the numeric
    null-space state, over every Pauli expectation at ``points`` random parameter points in
    [0.3, 2]."""
    import numpy as np
    from symbolic_ness import steady_state
    from symbolic_ness.core import pauli_labels, pauli_string
    rng = np.random.default_rng(seed)
    err = 0.0
    for _ in range(points):
        vals = {p.name: float(rng.uniform(0.3, 2.0)) for p in model.parameters}
        num = steady_state(model, vals, method="numeric")
        got = ss.expectations_at(vals)
        for lab in pauli_labels(model.n):
            ref = float(np.trace(pauli_string(lab, numeric=True) @ num.rho).real)
            err = max(err, abs(got.get(lab, 0.0) - ref))
    return err
