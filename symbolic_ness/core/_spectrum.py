r"""Exact Liouvillian spectrum with multiplicities.

The characteristic polynomial of the real Pauli-basis generator :math:`M`
(similar to :math:`\mathcal L`) is computed block by block and factored over
the rationals in the parameters (sympy ``DomainMatrix.charpoly_factor_list``,
python-flint underneath); each irreducible factor's roots are given in
radicals where sympy can (degree ≤ 4), else as ``CRootOf``/implicit factors.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_minus
>>> k = sp.Symbol("kappa", positive=True)
>>> spec = liouvillian_spectrum(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
>>> spec.eigenvalues
[(0, 1), (-kappa, 1), (-kappa/2, 2)]

The spectrum also carries the model's exceptional locus (computed on first access, see
:mod:`symbolic_ness.core._exceptional`): here no eigenvalues merge for any kappa > 0.

>>> spec.exceptional_points
()
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sympy as sp

from .._cache import cached
from .._errors import CheckFailedError, ParameterError
from ._charpoly import LAMBDA, ImplicitRoot, _charpoly_factors
from ._model import Model

__all__ = ["Spectrum", "liouvillian_spectrum", "LAMBDA"]

@dataclass(frozen=True)
class Spectrum:
    """Eigenvalues of :math:`\\mathcal L` with multiplicities.

    ``factors``: list of ``(polynomial in LAMBDA, multiplicity)`` (irreducible over the
    rationals in the parameters); ``eigenvalues`` (computed on first access, cached):
    list of ``(expr, multiplicity)`` sorted canonically (radicals up to degree 4, else
    ``CRootOf``/implicit roots). The multiplicities add up to :math:`4^n`.
    ``model``: the model (for the lazily computed exceptional locus; not compared).
    ``exceptional_locus``: every eigenvalue merger inside the parameter domain with its exact
    Jordan structure (:class:`~symbolic_ness.core.ExceptionalPoint`);
    ``exceptional_points``: the defective ones (Jordan blocks of size > 1).
    :meth:`numeric` reads the numeric eigenvalues at a point from the factors directly (no
    symbolic roots are built).

    Attributes
    ----------
    factors : list
        ``(f(LAMBDA), m)`` pairs, det(λ − M) ∝ Π f^m.
    model : Model or None
        The model (not compared).
    eigenvalues : list
        ``(expr, multiplicity)`` (lazy).
    exceptional_locus, exceptional_points : tuple of ExceptionalPoint
        Lazy, see above.
    total : int
        Σ deg f · m = 4^n.

    Examples
    --------
    >>> from symbolic_ness import Model, Jump, sigma_minus
    >>> k = sp.Symbol("kappa", positive=True)
    >>> spec = liouvillian_spectrum(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
    >>> spec.factors
    [(lambda, 1), (kappa/2 + lambda, 2), (kappa + lambda, 1)]
    >>> spec.total
    4
    """

    factors: list
    model: Model | None = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def eigenvalues(self) -> list:
        """``[(eigenvalue, multiplicity)]``: the factors' roots in closed form (built on first access)."""
        return list(_eigenvalues(tuple(self.factors)))

    @property
    def exceptional_locus(self) -> tuple:
        """All eigenvalue mergers (defective or not) inside the parameter domain."""
        from ._exceptional import exceptional_locus
        return exceptional_locus(self.model) if self.model is not None else ()

    @property
    def exceptional_points(self) -> tuple:
        """The exceptional points: mergers where the Liouvillian is not diagonalizable."""
        return tuple(e for e in self.exceptional_locus if e.is_exceptional)

    @property
    def total(self) -> int:
        """Number of eigenvalues with multiplicity (:math:`4^n`): the sum of degree x multiplicity."""
        return sum(sp.degree(f, LAMBDA) * m for f, m in self.factors)

    def numeric(self, values: dict):
        r"""All eigenvalues (with repetition) as complex numbers at ``values`` (symbols or their
        names -> numbers; floats are read as the rationals they print).

        Every factor :math:`f^m` contributes all :math:`\deg f` roots of :math:`f` at the point,
        each ``m`` times (:func:`factor_roots_numeric`: exact square-free split, then mpmath
        ``polyroots``); the count is checked, no root is dropped.

        Parameters
        ----------
        values : dict
            ``{symbol or name: number}`` for every parameter.

        Returns
        -------
        numpy.ndarray of complex
            The total = 4^n eigenvalues (order of the factors).

        Raises
        ------
        CheckFailedError
            The number of numeric roots differs from ``total``.

        Examples
        --------
        >>> k = sp.Symbol("kappa", positive=True)
        >>> from symbolic_ness import Model, Jump, sigma_minus
        >>> spec = liouvillian_spectrum(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
        >>> sorted(spec.numeric({"kappa": 2}).real.tolist())
        [-2.0, -1.0, -1.0, 0.0]
        """
        import numpy as np
        out = []
        for poly, m in self.factors:
            for z in factor_roots_numeric(poly, values):
                out += [z] * m
        total = self.total
        if len(out) != total:
            raise CheckFailedError(f"spectrum at a point: {len(out)} numeric roots for {total} eigenvalues")
        return np.array(out, dtype=complex)


def _point(poly, values: dict) -> dict:
    """``values`` keyed by the symbols of ``poly`` (names accepted), real floats as the exact
    rationals they print."""
    import numpy as np
    by_name = {s.name: s for s in poly.free_symbols}
    out = {}
    for k, v in values.items():
        s = by_name.get(k if isinstance(k, str) else getattr(k, "name", None))
        if s is None:
            continue
        if isinstance(v, (float, np.floating, sp.Float)):
            v = sp.Rational(repr(float(v)))
        out[s] = sp.sympify(v)
    return out


def _mp(c, dps: int):
    """A sympy number as an mpmath number (rationals exactly divided, others to ``dps`` digits)."""
    import mpmath
    if c.is_Rational:
        return mpmath.mpf(int(c.p)) / int(c.q)
    z = sp.N(c, dps)
    re_, im_ = z.as_real_imag()
    return mpmath.mpc(mpmath.mpf(str(re_)), mpmath.mpf(str(im_)))


def factor_roots_numeric(poly, values: dict, dps: int = 40) -> list:
    r"""All :math:`\deg_\lambda` roots (with multiplicity) of ``poly`` (in ``LAMBDA``) at
    ``values``, as Python complex numbers.

    With exact (rational or Gaussian-rational) coefficients at the point, the polynomial is split
    exactly into square-free parts :math:`\prod_j g_j^{e_j}` (a factor irreducible in the
    parameters may acquire repeated roots at an exceptional point); the roots of each
    :math:`g_j` come from mpmath ``polyroots`` at ``dps`` digits (started from numpy's companion
    eigenvalues) and are repeated :math:`e_j` times. The number of roots is checked against
    the degree (:class:`~symbolic_ness.CheckFailedError` otherwise).

    >>> sorted(z.real for z in factor_roots_numeric((LAMBDA + 1) ** 2 * (LAMBDA - 3), {}))
    [-1.0, -1.0, 3.0]
    >>> sorted(round(z.imag, 12) for z in factor_roots_numeric(LAMBDA**2 + 2, {}))
    [-1.414213562373, 1.414213562373]
    """
    import mpmath
    import numpy as np

    expr = sp.sympify(poly)
    pt = _point(expr, values)
    P = sp.Poly(expr.xreplace(pt) if pt else expr, LAMBDA)
    deg = P.degree()
    if P.free_symbols - {LAMBDA}:
        raise ParameterError("values", sorted(s.name for s in P.free_symbols - {LAMBDA}),
                             "a value for every parameter of the spectrum")
    parts = [(P, 1)]
    if P.domain.is_ZZ or P.domain.is_QQ or P.domain.is_ZZ_I or P.domain.is_QQ_I:
        parts = P.sqf_list()[1]
    roots = []
    with mpmath.workdps(dps):
        for g, e in parts:
            d = g.degree()
            if d <= 0:
                continue
            cs = [_mp(c, dps) for c in g.all_coeffs()]
            if d == 1:
                rs = [-cs[1] / cs[0]]
            else:
                init = np.roots([complex(c) for c in cs])
                try:
                    rs = mpmath.polyroots(cs, maxsteps=200, extraprec=2 * dps, roots_init=list(init))
                except mpmath.NoConvergence:
                    rs = list(init)  # square-free: the companion eigenvalues are accurate
            if len(rs) != d:
                raise CheckFailedError(f"numeric roots: {len(rs)} roots of a degree-{d} factor")
            roots += [complex(r) for r in rs] * e
    if len(roots) != deg:
        raise CheckFailedError(f"numeric roots: {len(roots)} roots of a degree-{deg} polynomial")
    return roots


def liouvillian_spectrum(model: Model) -> Spectrum:
    """Exact spectrum of the model's Liouvillian: the factored characteristic polynomial; the
    closed-form eigenvalues (``.eigenvalues``) and the exceptional locus are computed lazily.

    det(λ − 𝓛) ∝ Π_f f(λ)^(m_f), f irreducible over Q(parameters); 𝓛 is similar to the real
    Pauli-basis generator M, whose blocks are factored.

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    Spectrum
        The factors; ``eigenvalues`` in closed form where possible.

    Examples
    --------
    Decay at rate κ: eigenvalues 0, −κ (population) and −κ/2 twice (coherences):

    >>> from symbolic_ness import Model, Jump, sigma_minus
    >>> k = sp.Symbol("kappa", positive=True)
    >>> spec = liouvillian_spectrum(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
    >>> spec.eigenvalues
    [(0, 1), (-kappa, 1), (-kappa/2, 2)]
    """
    factors = _charpoly_factors(model)
    return Spectrum(sorted(factors, key=lambda kv: sp.default_sort_key(kv[0])), model)


def _sqrt_content(k, P):
    r""":math:`\sqrt{kP}` for a positive rational ``k`` and a primitive integer polynomial ``P``,
    written :math:`(q/\mathrm{den})\sqrt{mP}` with :math:`k\,\mathrm{den}^2 = q^2 m`, m squarefree
    (and :math:`i\sqrt{-mP}` when :math:`-mP` is positive on the symbols' domain).

    >>> x = sp.Symbol("x", positive=True)
    >>> _sqrt_content(sp.Rational(3, 4), 3 - 4 * x), _sqrt_content(sp.Rational(1, 4), -x - 1)
    (sqrt(9 - 12*x)/2, I*sqrt(x + 1)/2)
    """
    from sympy.ntheory import factorint

    m = int(k.p) * int(k.q)
    q = 1
    for pr, e in factorint(m).items():
        q *= pr ** (e // 2)
    inner = sp.expand((m // (q * q)) * P)
    if (-inner).is_positive:
        return sp.Rational(q, k.q) * sp.I * sp.sqrt(sp.expand(-inner))
    return sp.Rational(q, k.q) * sp.sqrt(inner)


def _low_degree_roots(poly) -> list | None:
    r"""Roots of a linear or quadratic factor over :math:`\mathbb Q[p]` in one normal form, or
    ``None`` (other factors go through ``sympy.roots`` + ``simplify``).

    Monic :math:`\lambda+c`: :math:`-c` expanded. Monic :math:`\lambda^2+b\lambda+c` with a
    squarefree non-constant discriminant :math:`D=b^2/4-c=kP` (k > 0 rational, P primitive):
    :math:`-b/2\mp\sqrt{kP}` (:func:`_sqrt_content`). Exact (the quadratic formula); no
    ``simplify`` (whose first call alone imports ``sympy.physics.units``).

    >>> g, r = sp.symbols("g r", positive=True)
    >>> _low_degree_roots(LAMBDA**2 + 3*r*LAMBDA + 4*g**2 + 2*r**2)
    [-3*r/2 - sqrt(-16*g**2 + r**2)/2, -3*r/2 + sqrt(-16*g**2 + r**2)/2]
    """
    p = sp.Poly(poly, LAMBDA)
    deg = p.degree()
    if deg not in (1, 2) or not p.LC().is_Rational:
        return None
    cs = [sp.expand(c / p.LC()) for c in p.all_coeffs()]
    for c in cs:  # coefficients must lie in Q[p]
        if not c.is_Rational and not (c.is_polynomial() and sp.Poly(c, *c.free_symbols).domain in (sp.ZZ, sp.QQ)):
            return None
    if deg == 1:
        return [sp.expand(-cs[1])]
    b, c = cs[1], cs[2]
    D = sp.expand(b * b / 4 - c)
    if D.is_number:
        return None
    k, P = D.as_content_primitive()
    if any(mult > 1 for _, mult in sp.Poly(P).sqf_list()[1]):
        return None
    base, s = sp.expand(-b / 2), _sqrt_content(k, P)
    return [base - s, base + s]


@cached("spectrum-eigenvalues")
def _eigenvalues(factors: tuple) -> list:
    """``[(eigenvalue, multiplicity)]`` from the factored characteristic polynomial (roots in
    radicals for degree <= 4, else implicit roots), sorted canonically. Linear and quadratic
    factors over the rationals in the parameters: :func:`_low_degree_roots`; the others:
    ``sympy.roots`` then ``simplify``."""
    eig = {}
    for poly, mult in factors:
        fast = _low_degree_roots(poly)
        if fast is not None:
            for r in fast:
                eig[r] = eig.get(r, 0) + mult
            continue
        deg = sp.degree(poly, LAMBDA)
        rts = sp.roots(sp.Poly(poly, LAMBDA)) if deg <= 4 else {}
        if sum(rts.values()) != deg:
            # no radicals: keep the k-th root of the factor as an implicit object
            rts = {(sp.CRootOf(poly, k) if not poly.free_symbols - {LAMBDA} else ImplicitRoot(poly, sp.Integer(k))): 1
                   for k in range(deg)}
        for r, m in rts.items():
            r = sp.simplify(r)
            eig[r] = eig.get(r, 0) + m * mult
    return sorted(eig.items(), key=lambda kv: sp.default_sort_key(kv[0]))
