r"""Variable scaling that lowers the a-priori coefficient bound of a null vector.

Let :math:`M(p)\in\mathbb Z[p_1,\dots,p_s]^{n\times N}` have generic nullity 1 and let
:math:`x` be its primitive polynomial null vector (signed maximal minors of independent rows).
Substitute :math:`p_k\to s_kp_k` with positive rationals :math:`s_k=n_k/d_k` and clear every
row to a primitive integer row: :math:`M_s(p)=\operatorname{diag}(\lambda_i)M(s\circ p)`.
Row scalings change the null vector by a constant only, so the primitive null vector
:math:`y` of :math:`M_s` satisfies

.. math:: y(p)\;\propto\;x(s\circ p),\qquad y_\alpha\propto x_\alpha s^\alpha,\qquad
          x_\alpha\;\propto\;y_\alpha\prod_k n_k^{D_k-\alpha_k}d_k^{\alpha_k}

(:math:`D_k\ge\deg_{p_k}x`; the proportionality constants are removed by the primitive part).
A multi-modular reconstruction needs primes whose product exceeds twice the largest
coefficient, bounded (Leibniz) by :math:`B(s)=\sum_i\log_2\|\text{row}_i(M_s)\|_1` bits.
When a fixed number sets an energy scale (a field :math:`1/3` next to symbolic rates), the
coefficients of :math:`x` grow along a direction in exponent space and many of them carry
powers of small primes; a good :math:`s` flattens the growth and moves those powers into the
row contents, so :math:`y` needs fewer primes than :math:`x` (README 4 × 3 chain: coefficients
of 173 bits → 114, three primes → two).

:func:`choose_scaling` minimizes :math:`B(s)` over :math:`s_k\in 2^{\mathbb Z}3^{\mathbb Z}`
by coordinate descent from :math:`s=1` (multiplying one :math:`s_k` by
:math:`2^{\pm1}` or :math:`3^{\pm1}` while the bound drops). The choice only affects speed:
the restored :math:`x` is certified against the original matrix by the caller.

A ring of 10 sites, hopping :math:`6g` one way and :math:`3r+2/3` the other (the constant
:math:`2/3` sets the scale): :math:`s=(1/9,2/9)` makes every row
:math:`(-g-r-1,\ r+1,\ g)` and the bound drops from 58.6 to 25.8 bits.

>>> import sympy as sp
>>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
>>> g, r = sp.symbols("g r", positive=True)
>>> n = 10
>>> dok = {}
>>> for i in range(n):
...     dok[(i, i)] = -6 * g - sp.Rational(2, 3) - 3 * r
...     dok[(i, (i + 1) % n)] = 3 * r + sp.Rational(2, 3)
...     dok[(i, (i - 1) % n)] = 6 * g
>>> pm = PolyMatrix.from_dok(dok, n)
>>> sc = choose_scaling(pm, list(range(n)))
>>> [str(x) for x in sc.scales], round(sc.before_bits, 1), round(sc.after_bits, 1)
(['1/9', '2/9'], 58.6, 25.8)
>>> pm.to_sympy([[scaled_matrix(pm, sc.scales).rows[0][j] for j in (0, 1, n - 1)]])
[[-g - r - 1, r + 1, g]]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, log2

__all__ = ["Scaling", "choose_scaling", "scaled_matrix", "restore_factors"]

_STEPS = (Fraction(2), Fraction(1, 2), Fraction(3), Fraction(1, 3))
_MAX_EXP = 12  # |exponent of 2 or 3| in any s_k
_MIN_GAIN_BITS = 16.0  # below this, the restore pass would cost more than the primes it could save


@dataclass(frozen=True)
class Scaling:
    """The chosen scaling.

    Attributes
    ----------
    scales : tuple of Fraction
        :math:`s_k` per variable (all 1: no scaling).
    before_bits, after_bits : float
        The Leibniz bound :math:`B(1)` and :math:`B(s)` in bits over the rows considered.

    Examples
    --------
    >>> Scaling((Fraction(1), Fraction(1, 3)), 10.0, 8.0).used
    True
    """

    scales: tuple
    before_bits: float
    after_bits: float

    @property
    def used(self) -> bool:
        """``True`` when some :math:`s_k\\ne1`."""
        return any(x != 1 for x in self.scales)


def _row_terms(pm, rows) -> list:
    """Per row: ``[(exponent tuple, integer coefficient)]`` over all entries."""
    s = len(pm.gens)
    out = []
    for i in rows:
        terms = []
        for e in pm.rows.get(i, {}).values():
            for m, c in e.to_dict().items():
                terms.append((tuple(int(x) for x in m)[:s], int(c)))
        if terms:
            out.append(terms)
    return out


def _scaled_row(terms: list, scales) -> list:
    """Integer primitive coefficients of one row after :math:`p\\to s\\circ p` (denominators cleared)."""
    s = len(scales)
    top = [max(m[k] for m, _ in terms) for k in range(s)]
    vals = []
    for m, c in terms:
        for k in range(s):
            if scales[k] != 1:
                c *= scales[k].numerator ** m[k] * scales[k].denominator ** (top[k] - m[k])
        vals.append(c)
    g = 0
    for c in vals:
        g = gcd(g, c)
    return [c // g for c in vals] if g > 1 else vals


def _bound(rows_terms, scales) -> float:
    """:math:`B(s)` over ``rows_terms`` = ``{row terms: multiplicity}``."""
    return sum(k * log2(sum(abs(c) for c in _scaled_row(t, scales))) for t, k in rows_terms.items())


def _exponents(x: Fraction) -> tuple:
    """``(a, b)`` with ``x = 2^a 3^b``."""
    out = []
    for p in (2, 3):
        a, num, den = 0, x.numerator, x.denominator
        while num % p == 0:
            num //= p
            a += 1
        while den % p == 0:
            den //= p
            a -= 1
        out.append(a)
    return tuple(out)


def choose_scaling(pm, rows) -> Scaling:
    r"""The scaling :math:`s\in(2^{\mathbb Z}3^{\mathbb Z})^s` minimizing the Leibniz bound of ``rows``.

    Parameters
    ----------
    pm : PolyMatrix
        The integer polynomial matrix.
    rows : list of int
        The rows whose maximal minors give the null vector.

    Returns
    -------
    Scaling
        All ones unless the bound drops by at least 16 bits (a quarter of a 62-bit prime).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
    >>> a, b = sp.symbols("a b", positive=True)
    >>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
    >>> choose_scaling(pm, [0, 1]).used   # homogeneous, unit coefficients: nothing to gain
    False
    """
    s = len(pm.gens)
    terms = Counter(tuple(sorted(t)) for t in _row_terms(pm, rows))  # equal rows once, with multiplicity
    one = tuple(Fraction(1) for _ in range(s))
    best = before = _bound(terms, one)
    cur = list(one)
    while True:
        cand = None
        for k in range(s):
            for st in _STEPS:
                trial = list(cur)
                trial[k] = cur[k] * st
                if max(map(abs, _exponents(trial[k]))) > _MAX_EXP:
                    continue
                b = _bound(terms, trial)
                if b < best - 1e-9 and (cand is None or b < cand[0]):
                    cand = (b, trial)
        if cand is None:
            break
        best, cur = cand
    if before - best < _MIN_GAIN_BITS:
        return Scaling(one, before, before)
    return Scaling(tuple(cur), before, best)


def scaled_matrix(pm, scales):
    r""":math:`M_s`: ``pm`` with :math:`p_k\to s_kp_k`, every row cleared to a primitive integer row.

    Parameters
    ----------
    pm : PolyMatrix
        The integer polynomial matrix.
    scales : sequence of Fraction
        :math:`s_k` per variable.

    Returns
    -------
    PolyMatrix
        Same shape and variables; its null vectors are those of ``pm`` at :math:`s\circ p`.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
    >>> g = sp.Symbol("g", positive=True)
    >>> pm = PolyMatrix.from_dok({(0, 0): -3 * g, (0, 1): 1, (1, 0): 3 * g, (1, 1): -1}, 2)
    >>> pm.to_sympy([[scaled_matrix(pm, [Fraction(1, 3)]).rows[0][k] for k in (0, 1)]])
    [[-g, 1]]
    """
    from ._linalg_ring import PolyMatrix
    ctx, s = pm.ctx, len(pm.gens)
    rows = {}
    for i, row in pm.rows.items():
        cols = sorted(row)
        terms, where = [], []
        for j in cols:
            for m, c in row[j].to_dict().items():
                terms.append((tuple(int(x) for x in m)[:s], int(c)))
                where.append(j)
        vals = _scaled_row(terms, scales)
        new: dict = {}
        for j, (m, _), c in zip(where, terms, vals):
            new.setdefault(j, {})[m] = c
        rows[i] = {j: ctx.from_dict(d) for j, d in new.items()}
    return PolyMatrix(pm.gens, pm.nrows, pm.ncols, rows)


def restore_factors(scales, top) -> list:
    r"""Per variable ``k``: the list :math:`[n_k^{D_k-a}d_k^{a}]_{a=0..D_k}` with :math:`D_k=` ``top[k]``
    (``None`` for :math:`s_k=1`); :math:`x_\alpha\propto y_\alpha\prod_k` ``table[k][alpha_k]``.

    Examples
    --------
    >>> restore_factors([Fraction(2, 3), Fraction(1)], [2, 5])
    [[4, 6, 9], None]
    """
    out = []
    for sk, D in zip(scales, top):
        if sk == 1:
            out.append(None)
            continue
        n, d = sk.numerator, sk.denominator
        out.append([n ** (D - a) * d ** a for a in range(D + 1)])
    return out
