"""Exact entanglement thresholds in one parameter of 5- and 6-qubit chains (issue 26 goals).

Model (as ``exact_5q1s_chain`` in bench_exact.py): Ising chain g ZZ + X/3, dephasing 1 on every
site, resets to |+> at rate 1 on both ends, g symbolic on (0, oo); quantity "pair-negativity".

* ``exact_threshold_5q1s``: the end pair (0, 4), cold cache, goal 30 s (ratio 30 s / time). That
  pair is never entangled: the exact answer is the empty interval list (certified: no critical
  point of lambda_min in (0, oo) changes its sign). Today's route (the full sympy rho, partial
  trace, sympy charpoly and real roots) runs in a subprocess with a 120 s limit.
* ``exact_threshold_5q1s_root``: the same chain without dephasing, pair (0, 1), entangled for
  0 < g < g* with g* an exact root (CRootOf); checked against the numeric lambda_min either side.
* ``numeric_threshold_5q``: the numeric route of the 5-qubit end-pair threshold (one batched
  solve for the 241-point grid) vs the previous dense per-point route (numpy SVD of the 1024 x
  1024 Liouvillian per point, 3 points timed and scaled to the grid); same lambda_min (1e-10).
* ``exact_threshold_6q1s``: the 6-site chain, end pair (0, 5), goal 300 s (ratio 300 s / time),
  in a subprocess with a cold cache and a 330 s limit (the goal plus imports; past it the ratio
  300/330 is an upper bound).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import ising_reset_chain, no_cache  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OLD_LIMIT = 120


def chain(n, dephasing=1):
    """g ZZ + X/3, dephasing and resets at rate 1 (g the only symbol)."""
    return ising_reset_chain(n, sp.Rational(1, 3), dephasing=dephasing, rate=1)


def _timed_threshold(m, pair):
    from symbolic_ness.engines import threshold
    t = time.perf_counter()
    res = no_cache(lambda: threshold(m, "g", quantity="pair-negativity", pair=pair, method="exact"))
    return res, time.perf_counter() - t


_OLD = """
import sys, time
from unittest import mock
sys.path.insert(0, {bench!r})
from bench_exact_threshold import chain
from symbolic_ness.engines import threshold
m = chain({n})
with mock.patch("symbolic_ness.engines._threshold.flint_threshold", lambda *a: None):
    t = time.perf_counter()
    r = threshold(m, "g", quantity="pair-negativity", pair={pair}, method="exact")
print(time.perf_counter() - t, r.intervals)
"""


def _old_route(n, pair):
    """Seconds of today's route (full sympy rho) in a subprocess, or ``None`` past OLD_LIMIT."""
    env = dict(os.environ, SYMBOLIC_NESS_NO_CACHE="1", PYTHONPATH=str(ROOT))
    code = _OLD.format(bench=str(Path(__file__).resolve().parent), n=n, pair=pair)
    try:
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=OLD_LIMIT)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return float(out.stdout.split()[0])


NEW_6Q_LIMIT = 330  # the 300 s goal plus imports
_NEW6 = """
import sys, time
sys.path.insert(0, {bench!r})
from bench_exact_threshold import chain
from symbolic_ness import steady_state
from symbolic_ness.engines import threshold
m = chain(6)
t = time.perf_counter()
ss = steady_state(m)  # (the threshold below reads the same certified vector from the cache)
t_ss = time.perf_counter() - t
r = threshold(m, "g", quantity="pair-negativity", pair=(0, 5), method="exact")
assert r.method == "exact"
print(time.perf_counter() - t, t_ss, r.printed())
"""


def _new_route_6q():
    """``(seconds, seconds of the steady state, intervals)`` of the 6-qubit end-pair threshold in a
    subprocess with a fresh cache directory, or ``None`` past NEW_6Q_LIMIT."""
    import tempfile
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=cache, PYTHONPATH=str(ROOT))
        env.pop("SYMBOLIC_NESS_NO_CACHE", None)
        code = _NEW6.format(bench=str(Path(__file__).resolve().parent))
        try:
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                 timeout=NEW_6Q_LIMIT)
        except subprocess.TimeoutExpired:
            return None
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    t, t_ss, rest = out.stdout.strip().split(" ", 2)
    return float(t), float(t_ss), rest


def _lambda_min(m, g, pair):
    from symbolic_ness import steady_state
    from symbolic_ness.core import partial_trace, partial_transpose
    rho = steady_state(m, {"g": g}, method="numeric").rho
    return float(np.linalg.eigvalsh(partial_transpose(partial_trace(rho, list(pair), m.n), [0], 2))[0])


def run():
    out = []
    m5 = chain(5)
    res, t = _timed_threshold(m5, (0, 4))
    assert res.method == "exact" and res.intervals == []
    assert all(_lambda_min(m5, g, (0, 4)) > 0 for g in (0.3, 3.0))
    old = _old_route(5, (0, 4))
    base = (f"30 s goal (today's route: {old:.1f} s)" if old is not None
            else f"30 s goal (today's route did not finish within {OLD_LIMIT} s)")
    out.append(("exact_threshold_5q1s", 30.0 / t, base + f"; {t:.1f} s, intervals []"))

    m5r = chain(5, dephasing=0)
    res, t = _timed_threshold(m5r, (0, 1))
    (lo, hi), = res.intervals
    edge = float(sp.N(hi, 30))
    assert lo == 0 and res.edges == [("domain end", "exact root")]
    assert _lambda_min(m5r, edge * (1 - 1e-6), (0, 1)) < 0 < _lambda_min(m5r, edge * (1 + 1e-6), (0, 1))
    out.append(("exact_threshold_5q1s_root", 30.0 / t, f"30 s goal; {t:.1f} s, entangled for 0 < g < {edge:.12g}"))

    got = _new_route_6q()
    if got is None:
        out.append(("exact_threshold_6q1s", 300.0 / NEW_6Q_LIMIT,
                     f"300 s goal; did not finish within {NEW_6Q_LIMIT} s (ratio is an upper bound)"))
    else:
        t, t_ss, intervals = got
        out.append(("exact_threshold_6q1s", 300.0 / t, f"300 s goal; {t:.1f} s ({t_ss:.1f} s of it the exact "
                    f"steady state), intervals {intervals}"))
    out.append(_numeric_scan_line())
    return out


def _numeric_scan_line():
    """``numeric_threshold_5q``: the numeric route of the 5-qubit chain's end-pair threshold
    (``method="numeric"``: 241 grid points in one batched solve, then bisection) vs the previous
    per-point dense route (numpy SVD null vector of the dense 1024 x 1024 Liouvillian, the way
    the numeric threshold scanner worked before), timed on 3 grid points and scaled to the same number of
    points; the lambda_min values agree (1e-10)."""
    from symbolic_ness.core import liouvillian_numeric, partial_trace, partial_transpose
    from symbolic_ness.engines import threshold
    m = chain(5)
    t = time.perf_counter()
    res = threshold(m, "g", quantity="pair-negativity", pair=(0, 4), method="numeric")
    t_new = time.perf_counter() - t
    assert res.intervals == [] and res.method == "numeric-bisection"
    calls = 241  # the grid (no sign change, so no bisection)
    xs = (0.3, 1.0, 3.0)
    t = time.perf_counter()
    ref = []
    for x in xs:
        M = liouvillian_numeric(m, {"g": x}).toarray()
        v = np.linalg.svd(M)[2][-1].conj()
        rho = v.reshape(32, 32, order="F")
        rho = rho / np.trace(rho)
        pt = partial_transpose(partial_trace(rho, [0, 4], 5), [0], 2)
        ref.append(float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0]))
    t_old = (time.perf_counter() - t) / len(xs) * calls
    from symbolic_ness.engines import evaluate
    got = [float(evaluate(m, "lambda-min", {"g": x}, pair=(0, 4), method="numeric").value) for x in xs]
    assert max(abs(a - b) for a, b in zip(got, ref)) < 1e-10
    return ("numeric_threshold_5q", t_old / t_new,
            f"the previous dense per-point route (numpy SVD of the 1024 x 1024 Liouvillian, 3 points timed, "
            f"x {calls} grid points: {t_old:.0f} s) vs the batched scan ({t_new:.1f} s in all); same lambda_min")


if __name__ == "__main__":
    for name, speedup, baseline in run():
        print(f"{name}: {speedup:.3g}x vs {baseline}", flush=True)
