"""Provenance of the closed forms in n and the uniqueness argument of the two-point NESS."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

import symbolic_ness.papers.znidaric as D
from symbolic_ness.papers.znidaric import chain as zn_chain
from symbolic_ness.papers.znidaric import dephasing as zn_dephasing
from symbolic_ness.papers.znidaric import proofs as zn_proofs
from symbolic_ness.papers.znidaric import symbols as zn_symbols
from symbolic_ness import ParameterError


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_two_point_lyapunov_identity(n):
    assert zn_proofs.two_point_lyapunov_identity(n) is True


def test_every_form_has_a_known_status_and_listed_n_are_exact():
    rows = D.provenance_table()
    assert rows and all(r.status in zn_proofs.STATUSES for r in rows)
    zz = zn_proofs.provenance("zz-central-even")
    assert zz.status == "proved for all n >= n0" and zz.n0 == 8 and zz.listed == (4, 6)
    assert zn_proofs.provenance("off-centre-thresholds").status == "exact for listed n"
    Z = D.zz_closed_form("central-even")
    for n in zz.listed + (8, 10):      # exact agreement with the exact hierarchy below and above n0
        v = zn_dephasing.exact_pair_values(n, Fraction(3, 5), Fraction(1, 9))[0]
        assert Z.subs({D.LENGTH: n, D.COUPLING: sp.Rational(3, 5), D.DEPHASING: sp.Rational(1, 9)}) == sp.Rational(v)
    with pytest.raises(ParameterError):
        zn_proofs.provenance("no-such-form")


def test_proved_two_point_form_holds_below_n0_one_by_one():
    """n < n0 = 7 solved exactly one by one: the dephased two-point form at n = 3..6."""
    cf = zn_chain.dephasing_two_point_closed_form()
    G, g = Fraction(7, 10), Fraction(3, 40)
    for n in range(3, 7):
        zz, z1, z2, xy = zn_dephasing.exact_pair_values(n, G, g, 1, 1, pair=1)
        sub = {zn_symbols.COUPLING_L: sp.Rational(7, 10), zn_symbols.COUPLING_R: sp.Rational(7, 10), zn_symbols.MU: 2, zn_symbols.MUBAR: 0,
               D.DEPHASING: sp.Rational(3, 40), D.LENGTH: n}
        assert cf["z1"].subs(sub) == sp.Rational(z1)
        assert -cf["t"].subs(sub) == sp.Rational(xy)
