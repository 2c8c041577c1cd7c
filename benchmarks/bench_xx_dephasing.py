"""CLI timing of the central-pair lambda_min of an n = 1000 XX chain, with and without dephasing.

Each run is a fresh ``python -m symbolic_ness evaluate ...`` subprocess (interpreter
start-up and imports included). One untimed warm-up run fills the on-disk cache of
derived closed forms; the reported time is the median of three runs. The "speedup" is
budget / measured time (issue: < 20 s with dephasing, < 5 s without), so > 1 meets it.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

N = 1000
CASES = [
    ("xx_cli_n1000_dephasing", 20.0,
     ["lambda-min", "--set", f"n={N}", "--set", "gamma=0.01", "--set", "Gamma=1", "--set", "region=bulk"]),
    ("xx_cli_n1000_gamma0", 5.0,
     ["lambda-min", "--set", f"n={N}", "--set", "gamma=0", "--set", "Gamma=1", "--set", f"pair={N // 2}"]),
]


def _time_cli(args) -> float:
    cmd = [sys.executable, "-m", "symbolic_ness", "evaluate", "xx-ness", *args, "--json"]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {r.stderr.strip()}")
    return dt


def run() -> list[tuple[str, float, str]]:
    out = []
    for name, budget, args in CASES:
        _time_cli(args)                       # warm-up (fills the cache of derived forms)
        t = statistics.median(_time_cli(args) for _ in range(3))
        out.append((name, budget / t, f"{budget:g} s budget"))
    return out


if __name__ == "__main__":
    for n, s, b in run():
        print(f"{n}: {s:.3g}x vs {b}")
