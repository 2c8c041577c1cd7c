"""The restricted expression parser of model files (core.parse_expression, core.PauliSum)."""
from __future__ import annotations

import random

import pytest
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.core import (PauliSum, embed, identity, parse_expression, parse_number, sigma_minus,
                                sigma_plus, sigma_x, sigma_y, sigma_z)

J, D, h = sp.symbols("J Delta h", real=True)
SYMS = {"J": J, "Delta": D, "h": h}


def mat(text, n, syms=SYMS):
    v = parse_expression(text, syms)
    return v.matrix(n) if isinstance(v, PauliSum) else v * identity(n)


def test_product_in_written_order_and_pauli_algebra():
    assert mat("X0*Y0", 1) == sp.I * sigma_z()
    assert mat("Y0*X0", 1) == -sp.I * sigma_z()
    assert mat("Sp0*Sm0", 1) == sp.Matrix([[1, 0], [0, 0]])  # |0><1|1><0| = |0><0|
    assert mat("Sm0*Sp0", 1) == sp.Matrix([[0, 0], [0, 1]])
    assert mat("Sp0", 1) == sigma_plus() and mat("Sm0", 1) == sigma_minus()
    assert mat("X0*X0", 1) == identity(1) and mat("(X0 + Z0)**2", 1) == 2 * identity(1)
    assert mat("I", 2) == identity(2)


def test_matches_the_core_operators_at_random_coefficients():
    rng = random.Random(3)
    for _ in range(5):
        a, b, c = (sp.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(3))
        text = f"({a})*(X0*X1 + Y0*Y1) + ({b})*Z0*Z2 + ({c})*Sp1*Sm2 - ({c})*Sm1*Sp2 + J*X2"
        M = mat(text, 3)
        E = lambda op, k: embed(op, k, 3)  # noqa: E731
        ref = (a * (E(sigma_x(), 0) * E(sigma_x(), 1) + E(sigma_y(), 0) * E(sigma_y(), 1))
               + b * E(sigma_z(), 0) * E(sigma_z(), 2) + c * E(sigma_plus(), 1) * E(sigma_minus(), 2)
               - c * E(sigma_minus(), 1) * E(sigma_plus(), 2) + J * E(sigma_x(), 2))
        assert sp.simplify(sp.Matrix(M) - ref) == sp.zeros(8, 8)


def test_scalars_numbers_and_precedence():
    assert parse_number("0.1") == sp.Rational(1, 10) and parse_number("1e-3") == sp.Rational(1, 1000)
    assert parse_number("2**-1") == sp.Rational(1, 2) and parse_number("-2**2") == -4
    assert parse_number("2*3+4/8") == sp.Rational(13, 2) and parse_number("(1+2)*3") == 9
    assert parse_expression("sqrt(J**2)*i", SYMS) == sp.I * sp.Abs(J)
    assert parse_expression(0.25, {}) == sp.Rational(1, 4)  # a TOML float: the rational it prints
    assert parse_expression("-X0**2", {}) == -1  # ** binds tighter than unary minus


def test_generic_sites():
    op = parse_expression("g*Z_i*Z_j + h*X_i", {"g": sp.Symbol("g"), "h": h}, generic_sites=True)
    assert op.sites() == {"i", "j"}
    assert op.relabel({"i": 0, "j": 1}).matrix(2) == sp.Symbol("g") * embed(sigma_z(), 0, 2) * embed(sigma_z(), 1, 2) \
        + h * embed(sigma_x(), 0, 2)
    with pytest.raises(ParameterError, match="symmetric = true"):
        parse_expression("X_i", {})
    with pytest.raises(ParameterError, match="generic sites"):
        parse_expression("X0", {}, generic_sites=True)


@pytest.mark.parametrize("text, why", [
    ("__import__('os').system('touch /tmp/symbolic_ness_pwned')", "unknown name|unexpected"),
    ("X0.__class__", "unexpected character '.'"),
    ("lambda: 0", "unexpected character ':'"),
    ("lambda + 0", "unknown name 'lambda'"),
    ("Q0 + X0", "unknown name 'Q0'"),
    ("k*X0", "unknown name 'k'"),
    ("X0 ^ 2", "unexpected character"),
    ("X0 * (Y0", r"expected '\)'"),
    ("2 X0", "unexpected 'X0'"),
    ("X0/X1", "division by an operator"),
    ("1/0", "division by zero"),
    ("X0**0.5", "integer exponent"),
    ("sqrt(X0)", "sqrt of an operator"),
    ("", "empty"),
    ("(" * 150 + "1" + ")" * 150, "nested"),
    ("-" * 300 + "1", "nesting deeper"),
    ("(" * 10 ** 6 + ")" * 10 ** 6, "at most 10000 characters"),
])
def test_rejected_expressions(text, why, tmp_path):
    with pytest.raises(ParameterError, match=why) as exc:
        parse_expression(text, SYMS, key="hamiltonian")
    assert "hamiltonian" in str(exc.value) and "\n" not in str(exc.value)


def test_nothing_is_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in ("__import__('os').system('touch pwned')", "open('pwned', 'w')", "exec('x=1')"):
        with pytest.raises(ParameterError):
            parse_expression(text, SYMS)
    assert not (tmp_path / "pwned").exists()


def test_scalar_only_mode():
    with pytest.raises(ParameterError, match="where a scalar is expected"):
        parse_expression("X0", {}, operators=False)
    assert parse_expression("J*(1 - 0.5)", SYMS, operators=False) == J / 2


def test_moderate_nesting_is_fine():
    assert parse_number("(" * 40 + "2" + ")" * 40) == 2
