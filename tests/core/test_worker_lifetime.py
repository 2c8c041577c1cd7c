"""The exact engine's worker processes never outlive their parent (issue 21, item 7).

A large exact solve runs in a subprocess with two pencil-kernel workers; the subprocess is
killed with SIGKILL mid-solve (as a ``timeout`` or a scheduler would); its workers must be gone
within seconds instead of living on with parent 1."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")
ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sympy as sp
import symbolic_ness as s
g, r, gam = sp.symbols("g r gamma", positive=True)
n = 4  # the README's 4 x 3 chain (field 1/3: no scale homogeneity): ~15 s of pencil work on 2 workers
Z = [s.embed(s.sigma_z(), i, n) for i in range(n)]
X = [s.embed(s.sigma_x(), i, n) for i in range(n)]
H = g * sum((Z[i] * Z[i + 1] for i in range(n - 1)), sp.zeros(16, 16)) + sp.Rational(1, 3) * sum(X, sp.zeros(16, 16))
m = s.Model(n, H, jumps=[s.Jump(Z[i], gam) for i in range(n)],
            resets=[s.Reset(0, s.projector("+"), r), s.Reset(n - 1, s.projector("+"), r)])
print(s.steady_state(m).method)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork-based worker pool (Linux)")
def test_workers_die_with_a_killed_parent(tmp_path):
    env = dict(os.environ, SYMBOLIC_NESS_WORKERS="2", SYMBOLIC_NESS_NO_CACHE="1",
               SYMBOLIC_NESS_CACHE_DIR=str(tmp_path / "cache"))
    code = SCRIPT
    p = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL)
    kids = []
    try:
        t0 = time.monotonic()
        while time.monotonic() - t0 < 120 and p.poll() is None:
            kids = psutil.Process(p.pid).children()
            if len(kids) >= 2:
                break
            time.sleep(0.05)
        assert kids, "the solve never started its worker processes"
        os.kill(p.pid, signal.SIGKILL)
        p.wait(30)
        gone, alive = psutil.wait_procs(kids, timeout=15)
        assert not alive, f"workers outlived their parent: {[k.pid for k in alive]}"
    finally:
        for k in kids:  # never leave a process behind, whatever the outcome
            try:
                k.kill()
            except psutil.Error:
                pass
        if p.poll() is None:
            p.kill()
