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
