"""The pencil kernel's certificate in a forked child next to the primitive part (large vectors):
the same certified vector as in one process, and a wrong vector is refused by the child too.
Run in fresh single-threaded interpreters (the fork is only taken without other threads; a
pytest-xdist worker has some)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CODE = r"""
import importlib, sys, threading
sys.path.insert(0, %(tests)r)
import sympy as sp
from _helpers import ising_reset_chain, same_vector, trace_block
from symbolic_ness import CheckFailedError
from symbolic_ness.algebra import nullspace_pencil
pencil = importlib.import_module("symbolic_ness.algebra._pencil")
sub = trace_block(ising_reset_chain(3, sp.Rational(1, 3)))[1]
ref = nullspace_pencil(sub, resume=False)
assert threading.active_count() == 1
pencil._FORK_TERMS = 0  # every vector: certificate in a forked child
if sys.argv[1] == "wrong":  # fault injection: restore with the inverse scales
    build = importlib.import_module("symbolic_ness.algebra._pencil_build")
    real = build.restore_factors
    build.restore_factors = lambda s, top: real([1 / x for x in s], top)
info = {}
try:
    got = nullspace_pencil(sub, info=info, resume=False)
except CheckFailedError:
    got = None
forked = info["timings"].get("certify_forked", 0)
print("forked", forked, "same", got is not None and same_vector(got[0], ref[0]), "none", got is None)
"""


def _run(mode: str) -> str:
    code = _CODE % {"tests": str(ROOT / "tests")}
    proc = subprocess.run([sys.executable, "-c", code, mode], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), SYMBOLIC_NESS_NO_CACHE="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip().splitlines()[-1]


def test_forked_certificate_gives_the_same_vector():
    out = _run("right").split()
    assert int(out[1]) >= 1 and out[3] == "True", out


def test_forked_certificate_refuses_a_wrong_vector():
    out = _run("wrong").split()
    assert int(out[1]) >= 1 and out[3] == "False" and out[5] == "True", out  # refused, never returned
