r"""Two-point class equations of the XX chain read off the GENERATED hierarchy, n symbolic.

The hierarchy engine generates :math:`\frac{d}{dt}C_{jk}` (:math:`C_{jk}=\langle c_j^\dagger c_k\rangle`,
:func:`~symbolic_ness.engines.two_point_equations`) for a representative chain of
:data:`REP_N` sites with every rate family a free symbol. Each entry is classified by its
*shape*: the site class of j and of k (``"L"`` = site 1, ``"R"`` = site n, ``"B"`` = any other
site) and the distance :math:`k-j` (explicit for :math:`|k-j|\le2`, else ``"far+"``/``"far-"``).
The entry's *template* is the map offset :math:`(a,b)\mapsto` coefficient of
:math:`C_{j+a,k+b}`, plus its constant term (:func:`two_point_templates`); every entry of the
representative chain with the same shape must give the same template (translation invariance,
checked), and every offset satisfies :math:`|a|,|b|\le1` (locality, checked).

Why one representative per shape is every row of every chain with n >= :data:`TWO_POINT_N0`:
:math:`c_j^\dagger c_k` is a Pauli string supported on the sites between j and k with
:math:`\sigma^z` strictly inside; a bond term :math:`\sigma^x\sigma^x+\sigma^y\sigma^y` with both
sites strictly inside commutes with :math:`\sigma^z\sigma^z`, a dephasing term on a
:math:`\sigma^z` commutes, and a boundary jump acts only if its site is j or k. The generator
is a sum of translates of one bond term and one dephasing term plus the two boundary jumps, so
the equation of :math:`C_{jk}` depends only on the shape — the same on every chain
(:func:`check_templates` confirms it on the generated equations of chains of 5..10 sites).
:func:`two_point_class_entry` evaluates a row with symbolic indices (n, j) from the templates;
the hand-typed local data :func:`~symbolic_ness.papers.znidaric.two_point_local_data` are an
identity in the rate symbols with the template coefficients
(:func:`~symbolic_ness.papers.znidaric.check_local_data`), so the fast numeric path
(:func:`~symbolic_ness.papers.znidaric.bilinear_generator`) is the generated map.

>>> check_templates(6)
True
"""
from __future__ import annotations

import functools

import sympy as sp

from ..._errors import CheckFailedError
from ...engines import two_point_equations, two_point_symbols
from ._chain import FAMILY_SYMBOLS, xx_family_chain

__all__ = ["REP_N", "TWO_POINT_N0", "two_point_templates", "check_templates",
           "two_point_class_entry", "entry_shape"]

#: representative chain length of the template extraction (every shape of n >= 7 occurs)
REP_N = 9
#: smallest n for which the explicit boundary rows and the generic row of the class equations are distinct
TWO_POINT_N0 = 7


def _site_class(j, n):
    return "L" if j == 0 else "R" if j == n - 1 else "B"


def entry_shape(j, k, n):
    """Shape of the entry (j, k) (0-indexed) of an n-site chain."""
    d = k - j
    return (_site_class(j, n), _site_class(k, n), d if abs(d) <= 2 else ("far+" if d > 0 else "far-"))


def _templates_of(n: int) -> dict:
    gen = two_point_equations(xx_family_chain(int(n)))
    C = two_point_symbols(int(n))
    where = {C[j, k]: (j, k) for j in range(n) for k in range(n)}
    out: dict = {}
    for j in range(n):
        for k in range(n):
            e = sp.expand(gen[j, k])
            const = e.subs({s: 0 for s in e.free_symbols if s in where})
            t = {"const": sp.expand(const)}
            for s in e.free_symbols:
                if s in where:
                    l, m = where[s]
                    a, b = l - j, m - k
                    if abs(a) > 1 or abs(b) > 1:
                        raise CheckFailedError(f"two-point row ({j}, {k}) is not local: offset {(a, b)}")
                    t[(a, b)] = sp.expand(e.coeff(s))
            key = entry_shape(j, k, n)
            if key in out and out[key] != t:
                raise CheckFailedError(f"rows of shape {key} differ on the {n}-site chain (translation invariance)")
            out[key] = t
    return out


@functools.lru_cache(maxsize=None)
def two_point_templates() -> dict:
    """``{shape: template}`` read off the generated equations of the :data:`REP_N`-site chain
    (rates = :data:`~symbolic_ness.papers.znidaric.FAMILY_SYMBOLS`)."""
    return _templates_of(REP_N)


@functools.lru_cache(maxsize=None)
def check_templates(n: int) -> bool:
    """Every generated entry of the n-site chain equals the template of its shape (raises
    :class:`CheckFailedError` otherwise; shapes absent from the representative are reported)."""
    ref = two_point_templates()
    for key, t in _templates_of(int(n)).items():
        if key not in ref:
            raise CheckFailedError(f"shape {key} of the {n}-site chain has no representative")
        if ref[key] != t:
            raise CheckFailedError(f"shape {key}: the {n}-site chain differs from the representative")
    return True


def _parse(e, n, j):
    e = sp.expand(e)
    for base in (n, j):
        c = e - base
        if c.is_Integer:
            return base, int(c)
    if e.is_Integer:
        return 0, int(e)
    raise CheckFailedError(f"class equations: cannot parse the index {e}")


def two_point_class_entry(p, q, C, n, j, rates: dict):
    r"""Row (p, q) of the two-point equations (1-indexed symbolic indices: integers, ``n - c``
    or the generic ``j + c`` with :math:`3\le j\le n-4`) evaluated on the ansatz ``C(p, q)`` from
    the generated templates, rate families replaced by ``rates`` (``{family: value}``)."""
    def cls(e):
        base, c = _parse(e, n, j)
        return "L" if (base == 0 and c == 1) else "R" if (base == n and c == 0) else "B"

    def valid(e):            # 1 <= e <= n for every n >= 7 and 3 <= j <= n-4
        base, c = _parse(e, n, j)
        return c >= 1 if base == 0 else c <= 0 if base == n else True

    d = sp.expand(q - p)
    if not d.is_Integer:
        raise CheckFailedError("class entry: the two indices must differ by an integer")
    d = int(d)
    key = (cls(p), cls(q), d if abs(d) <= 2 else ("far+" if d > 0 else "far-"))
    tmpl = two_point_templates().get(key)
    if tmpl is None:
        raise CheckFailedError(f"no generated template of shape {key}")
    sub = {FAMILY_SYMBOLS[f]: v for f, v in rates.items()}
    val = tmpl["const"].subs(sub)
    for off, coef in tmpl.items():
        if off == "const":
            continue
        a, b = off
        if valid(p + a) and valid(q + b):
            val += coef.subs(sub) * C(p + a, q + b)
        elif coef != 0:
            raise CheckFailedError(f"template of shape {key} reaches outside the chain")
    return sp.expand(val)
