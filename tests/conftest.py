"""Shared fixtures: the CLI runner and an isolated cache directory.

At import time (before any test, and before pytest-xdist starts its workers, which inherit the
environment) the disk cache is pointed at a fresh temporary directory unless
``SYMBOLIC_NESS_CACHE_DIR`` already names a directory other than the user's default
(``~/.cache/symbolic_ness``): the suite never reads or writes the user's cache, and subprocess
CLIs inherit the same directory. Hypothesis profiles: ``fast`` (default, ``make test``) and
``deep`` (``HYPOTHESIS_PROFILE=deep``, ``make test-deep``).
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

USER_CACHE = Path.home() / ".cache" / "symbolic_ness"


def _isolate_cache():
    cur = os.environ.get("SYMBOLIC_NESS_CACHE_DIR")
    if cur and Path(cur).expanduser().resolve() != USER_CACHE.resolve():
        return
    d = tempfile.mkdtemp(prefix="symbolic_ness-test-cache-")
    os.environ["SYMBOLIC_NESS_CACHE_DIR"] = d
    owner = os.getpid()
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(d, ignore_errors=True))


_isolate_cache()
# the CLI's progress line (stderr, after ~2 s) would interleave with the one-line error contract
# that many tests check; tests of the progress line switch it back on (SYMBOLIC_NESS_QUIET=0)
os.environ.setdefault("SYMBOLIC_NESS_QUIET", "1")

try:
    from hypothesis import HealthCheck, Phase, settings

    # fast: deterministic, no example database, no shrinking (a failure is reported as found)
    settings.register_profile("fast", max_examples=8, deadline=None, derandomize=True, database=None,
                              phases=[Phase.explicit, Phase.generate],
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.register_profile("deep", max_examples=300, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass


def run_cli(*args, timeout=600, env=None):
    """Run ``python -m symbolic_ness ARGS`` and return the CompletedProcess."""
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-m", "symbolic_ness", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=e)


@pytest.fixture
def cli():
    """``cli("evaluate", "reset-ising", "negativity", "--set", "g=2", "--json")``."""
    return run_cli


@pytest.fixture
def catalog():
    """The loaded model catalogue ``{name: CatalogModel}``."""
    from symbolic_ness.app import catalog
    return catalog()


def trace_pinned_null_vector(L, d: int, idx=None, dense: bool = False):
    """Independent numeric oracle for the steady state (it uses none of the package's solvers):
    ``vec(rho)`` (column stacking, ``rho`` d×d) with ``L vec(rho) = 0`` and ``tr rho = 1``, found
    by replacing the first row of ``L`` — or of its block on the vec indices ``idx`` — by the trace
    row and solving (``dense``: numpy LU, else scipy ``spsolve``). Returns the full ``d*d`` vector;
    callers check ``‖L v‖`` with their own tolerance."""
    import numpy as np
    import scipy.sparse as sps
    import scipy.sparse.linalg as spla

    L = sps.csr_matrix(L)
    idx = np.arange(d * d) if idx is None else np.asarray(idx)
    Ls = L if len(idx) == d * d and np.array_equal(idx, np.arange(d * d)) else L[idx][:, idx]
    trace_row = sps.csr_matrix(np.isin(idx, np.arange(d) * (d + 1)).astype(complex))
    A = sps.vstack([trace_row, Ls[1:]])
    b = np.zeros(len(idx), complex)
    b[0] = 1
    v = np.zeros(d * d, complex)
    v[idx] = np.linalg.solve(A.toarray(), b) if dense else spla.spsolve(A.tocsc(), b)
    return v


def random_qubit_model(seed: int, n: int, nsym: int, p_symbol: float = 0.7, p_reset: float = 0.4):
    """A random model for the exact-engine tests: 1-3 Pauli-string Hamiltonian terms, 1..2n jumps
    (sigma-, sigma+, sigma_z, sigma_x on random sites), with probability ``p_reset`` one reset to
    |0>, |1> or |+>; every coefficient is one of the ``nsym`` symbols a, b, c, d (probability
    ``p_symbol``) or a small rational, and every symbol appears (a decay on site 0 is added for a
    symbol not drawn)."""
    import random

    import sympy as sp

    from symbolic_ness import Jump, Model, Reset, embed, projector, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
    rng = random.Random(seed)
    syms = sp.symbols("a b c d", positive=True)[:nsym]
    ops = [sigma_x, sigma_y, sigma_z]

    def coef(i):
        return syms[i % nsym] if rng.random() < p_symbol else sp.Rational(rng.randint(1, 5), rng.randint(1, 3))
    d = 2 ** n
    H = sp.zeros(d, d)
    for t in range(rng.randint(1, 3)):
        P = sp.eye(d)
        for site in rng.sample(range(n), rng.randint(1, n)):
            P = P * embed(rng.choice(ops)(), site, n)
        H += coef(t) * P
    jumps = []
    for t in range(rng.randint(1, 2 * n)):
        op = rng.choice([sigma_minus, sigma_plus, sigma_z, sigma_x])()
        jumps.append(Jump(embed(op, rng.randrange(n), n), coef(t + 1)))
    resets = []
    if rng.random() < p_reset:
        resets.append(Reset(rng.randrange(n), projector(rng.choice("01+")), coef(3)))
    used = set(H.free_symbols).union(*[j.rate.free_symbols for j in jumps], *[r.rate.free_symbols for r in resets])
    jumps += [Jump(embed(sigma_minus(), 0, n), s) for s in syms if s not in used]
    return Model(n, H, jumps=jumps, resets=resets)
