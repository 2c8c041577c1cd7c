"""Model-file domain checks run on the core certificate: a rate or reset state is accepted only if
certified on the whole declared domain; a violating point gives "negative somewhere", an
undecided one "cannot be certified" (sound or silent)."""
from __future__ import annotations

import pytest

from symbolic_ness import ParameterError
from symbolic_ness.engines import read_model_file


def _file(rate: str, domains: str) -> str:
    return f'sites = 1\nhamiltonian = "Z0"\n[parameters]\n{domains}\n[[jump]]\noperator = "Sm0"\nrate = "{rate}"\n'


def test_interval_rate_certified():
    mf = read_model_file(_file("k*(1 - c)", 'k = "positive"\nc = "[-1, 1]"'))
    assert len(mf.jumps) == 1 and mf.bounds


def test_rational_rate_certified():
    mf = read_model_file(_file("k/(1 + c)", 'k = "positive"\nc = "[0, 2]"'))
    assert len(mf.jumps) == 1


def test_violated_rate_is_negative_somewhere():
    with pytest.raises(ParameterError, match="negative somewhere"):
        read_model_file(_file("k*c", 'k = "positive"\nc = "[-1, 1]"'))


def test_undecided_rate_cannot_be_certified():
    # Motzkin polynomial: >= 0 but no certificate applies, and no violating point exists
    with pytest.raises(ParameterError, match="cannot be certified"):
        read_model_file(_file("x**4*y**2 + x**2*y**4 - 3*x**2*y**2 + 1", 'x = "real"\ny = "real"'))


def test_reset_state_density_on_interval():
    text = ('sites = 1\nhamiltonian = "Z0"\n[parameters]\np = "[0, 1]"\n[[reset]]\nsite = 0\n'
            'state = [["p", "0"], ["0", "1 - p"]]\nrate = "1"\n')
    assert len(read_model_file(text).resets) == 1
    bad = text.replace('"[0, 1]"', '"[0, 2]"')
    with pytest.raises(ParameterError, match="density matrix"):
        read_model_file(bad)
