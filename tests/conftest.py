"""Shared fixtures: the CLI runner and an isolated cache directory."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


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
