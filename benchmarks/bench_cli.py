"""CLI start-up (issue 11): ``symbolic-ness list`` and a closed-form ``evaluate`` (warm cache).

``cache_warm_evaluate_*`` (issue 22): three ``evaluate`` commands of the README with a warm cache
(every hit re-certified: modular checks at a random point) against the same command with
``SYMBOLIC_NESS_NO_CACHE=1`` (derived from scratch), each a fresh process, best of 3.

Each is timed as a fresh ``python -m symbolic_ness ...`` process (best of 5) against a baseline
measured in the same run: a fresh ``python -c "import sympy"`` (what any command that imports
sympy pays before doing anything). The note gives the absolute seconds, the target (< 0.5 s),
and the eager path of before: a process that loads the whole catalogue (every provider module,
sympy, scipy and the papers), which ``list`` did until now.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time

EVAL = ["evaluate", "reset-ising", "negativity", "--set", "g=2.5", "--set", "r=10", "--set", "gamma=1", "--json"]
README_EVALS = {
    "negativity": EVAL,
    "exceptional_points": ["evaluate", "reset-ising", "exceptional-points", "--json"],
    "qutrit_negativity": ["evaluate", "examples/qutrit_qubit_entangled.toml", "negativity", "--set", "cut=0",
                          "--set", "J=2", "--set", "Omega=0.5", "--set", "Delta=1", "--set", "Omega_q=0.3",
                          "--set", "kappa=0.6", "--set", "gamma=1.2"],
}


_CPU: dict = {}  # argv -> best CPU seconds (user + system) of the child process


def _wall(argv, env, repeat=5) -> float:
    """Best wall time of ``repeat`` fresh processes (the best CPU time is kept in ``_CPU``)."""
    best, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    _CPU[tuple(argv)] = cpu
    return best


def run():
    with tempfile.TemporaryDirectory(prefix="bench-cli-cache-") as cache:
        env = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=cache)
        env.pop("SYMBOLIC_NESS_NO_CACHE", None)
        py = [sys.executable]
        t_sympy = _wall(py + ["-c", "import sympy"], env)
        t_eager = _wall(py + ["-c", "from symbolic_ness.app import catalog; catalog()"], env, repeat=3)
        t_list = _wall(py + ["-m", "symbolic_ness", "list"], env)
        subprocess.run(py + ["-m", "symbolic_ness", *EVAL], env=env, check=True, capture_output=True)  # warm up
        t_eval = _wall(py + ["-m", "symbolic_ness", *EVAL], env)
        warm = []
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        for name, argv in README_EVALS.items():
            cmd = py + ["-m", "symbolic_ness", *argv]
            subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=root)  # fill the cache
            t_warm = min(_timed(cmd, env, root) for _ in range(3))
            t_none = min(_timed(cmd, dict(env, SYMBOLIC_NESS_NO_CACHE="1"), root) for _ in range(3))
            warm.append((f"cache_warm_evaluate_{name}", t_none / t_warm,
                         f"uncached (SYMBOLIC_NESS_NO_CACHE=1) {t_none:.2f} s; warm, re-certified {t_warm:.2f} s"))
    cpu = {k[-1] if k[-1] != "--json" else "evaluate": v for k, v in _CPU.items() if k[-1] in ("--json", "list", "import sympy")}
    base = f'python -c "import sympy" ({t_sympy:.2f} s wall, {cpu["import sympy"]:.2f} s CPU)'
    return [
        ("cli_list_startup", t_sympy / t_list,
         f"{base}; list {t_list:.2f} s wall, {cpu['list']:.2f} s CPU (target < 0.5 s); eager catalogue "
         f"load {t_eager:.2f} s"),
        ("cli_evaluate_closed_form_startup", t_sympy / t_eval,
         f"{base}; evaluate reset-ising negativity, warm cache {t_eval:.2f} s wall, {cpu['evaluate']:.2f} s CPU "
         "(target < 0.5 s)"),
        *warm,
    ]


def _timed(cmd, env, cwd) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - t


if __name__ == "__main__":
    for name, speedup, baseline in run():
        print(f"{name}: {speedup:.3g}x vs {baseline}")
