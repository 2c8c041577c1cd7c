"""Shared fixtures: the CLI runner (the cache is isolated by the repository's root ``conftest.py``,
for these tests, the doctests and the notebooks alike). Hypothesis profiles: ``fast`` (default, ``make test``) and
``deep`` (``HYPOTHESIS_PROFILE=deep``, ``make test-deep``).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `from _helpers import ...` in every test folder

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
