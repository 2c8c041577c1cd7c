r"""The boundary-driven XX chain (Žnidarič, PRA 85, 012324, Eqs. 5–10) as a local model.

Conventions (paper 2, 1-indexed sites :math:`j=1..n`; code sites are 0-indexed)
------------------------------------------------------------------------------
.. math::

    H=\sum_{j=1}^{n-1}\big(\sigma^x_j\sigma^x_{j+1}+\sigma^y_j\sigma^y_{j+1}\big),\qquad
    \dot\rho=-i[H,\rho]+\sum_k 2\kappa_k\Big(L_k\rho L_k^\dagger-\tfrac12\{L_k^\dagger L_k,\rho\}\Big)

(``normalization="doubled"``), with the jump operators and rates

============================  ==================================================
:math:`L^L_1=\sigma^+_1`       :math:`\kappa=\Gamma_L(1-\mu/2+\bar\mu)=\Gamma_L(1-c)`
:math:`L^L_2=\sigma^-_1`       :math:`\kappa=\Gamma_L(1+\mu/2-\bar\mu)=\Gamma_L(1+c)`
:math:`L^R_1=\sigma^+_n`       :math:`\kappa=\Gamma_R(1+\mu/2+\bar\mu)=\Gamma_R(1+d)`
:math:`L^R_2=\sigma^-_n`       :math:`\kappa=\Gamma_R(1-\mu/2-\bar\mu)=\Gamma_R(1-d)`
:math:`\sigma^z_j`             :math:`\kappa=\gamma/2` (dephasing, every site)
============================  ==================================================

where :math:`c=\mu/2-\bar\mu`, :math:`d=\mu/2+\bar\mu`; the allowed region
:math:`1\pm\mu/2\pm\bar\mu\ge0` is the square :math:`|c|,|d|\le1`.

The chain is a :class:`~symbolic_ness.engines.LocalChain` (:func:`xx_local_chain`); the Pauli
hierarchy engine generates its Heisenberg equations. For the *structure* (independent of
values) the six rate families ``H, L+, L-, R+, R-, deph`` carry the weight symbols
:data:`FAMILY_SYMBOLS` (:func:`xx_family_chain`, :func:`closed_hierarchy`); :func:`xx_rates`
gives their values. :func:`xx_chain_model` builds the core
:class:`~symbolic_ness.core.Model` (full matrices, small n) from the very same local chain.

>>> import sympy as sp
>>> m = xx_chain_model(2, 1, 2, sp.Rational(1, 2), 0)
>>> m.normalization, [j.rate for j in m.jumps]
('doubled', [3/4, 5/4, 5/2, 3/2])
>>> cd_to_mu(1, 1), mu_to_cd(2, 0)
((2, 0), (1, 1))
>>> check_xx_parameters(3, 1, 1, 3, 0, 0)
Traceback (most recent call last):
...
symbolic_ness._errors.ParameterError: parameter 'mu, mubar' = (3, 0) is not allowed; allowed range: 1 ± mu/2 ± mubar >= 0, i.e. |c| <= 1 and |d| <= 1 with c = mu/2 - mubar = 3/2, d = mu/2 + mubar = 3/2

Heisenberg picture on Pauli strings (strings are tuples ``((site, p), ...)``,
``p`` in ``'XYZ'``, sites 0-indexed): :math:`\frac{d}{dt}\sigma^z_1=-2(\sigma^x_1\sigma^y_2-\sigma^y_1\sigma^x_2)-4\Gamma_L(\sigma^z_1+c)`,
the left bath pulling :math:`\langle\sigma^z_1\rangle` to :math:`-c`:

>>> gen = adjoint_generator(3, ((0, 'Z'),), xx_rates(1, 1, 1, 0, 0))     # c = d = 1/2
>>> sorted((pauli_label(s), float(v)) for s, v in gen.items())
[('1', -2.0), ('X1Y2', -2.0), ('Y1X2', 2.0), ('Z1', -4.0)]
"""
from __future__ import annotations

import functools

import sympy as sp

from ..._errors import ParameterError
from ...core import Jump, Model
from ...engines import (Closure, LocalChain, adjoint_action, close_hierarchy, family_matrices, local_chain,
                        pauli_label)

__all__ = ["xx_chain_model", "xx_local_chain", "xx_family_chain", "xx_rates", "check_xx_parameters", "cd_to_mu",
           "mu_to_cd", "FAMILIES", "FAMILY_SYMBOLS", "adjoint_generator", "closed_hierarchy",
           "family_blocks", "family_float_matrices", "pauli_label"]

def _is_num(x) -> bool:
    try:
        return sp.sympify(x).is_number
    except (sp.SympifyError, TypeError):
        return False


def _real(name, x):
    try:
        v = sp.Rational(repr(x)) if isinstance(x, float) else sp.sympify(x)
    except (sp.SympifyError, TypeError):
        raise ParameterError(name, x, "a real number") from None
    if v.is_number and v.is_real is False:
        raise ParameterError(name, x, "a real number")
    return v


def cd_to_mu(c, d):
    """``(c, d) -> (mu, mubar)`` with :math:`\\mu=c+d`, :math:`\\bar\\mu=(d-c)/2`."""
    c, d = sp.sympify(c), sp.sympify(d)
    return c + d, (d - c) / 2


def mu_to_cd(mu, mubar):
    """``(mu, mubar) -> (c, d)`` with :math:`c=\\mu/2-\\bar\\mu`, :math:`d=\\mu/2+\\bar\\mu`."""
    mu, mubar = sp.sympify(mu), sp.sympify(mubar)
    return mu / 2 - mubar, mu / 2 + mubar


def check_xx_parameters(n, Gamma_L, Gamma_R, mu, mubar, gamma=0):
    """Validate chain parameters; raise :class:`ParameterError` naming the culprit.

    Symbols are accepted (only numeric values are range-checked).
    """
    if isinstance(n, bool) or not isinstance(n, (int,)) and not (hasattr(n, "is_integer") and n.is_integer):
        raise ParameterError("n", n, "an integer n >= 2")
    if int(n) < 2:
        raise ParameterError("n", n, "an integer n >= 2")
    for name, v in (("Gamma_L", Gamma_L), ("Gamma_R", Gamma_R)):
        v = _real(name, v)
        if v.is_number and not v > 0:
            raise ParameterError(name, v, f"{name} > 0")
    g = _real("gamma", gamma)
    if g.is_number and not g >= 0:
        raise ParameterError("gamma", g, "gamma >= 0")
    m, mb = _real("mu", mu), _real("mubar", mubar)
    if m.is_number and mb.is_number:
        c, d = mu_to_cd(m, mb)
        if abs(c) > 1 or abs(d) > 1:
            raise ParameterError("mu, mubar", (mu, mubar),
                                 "1 ± mu/2 ± mubar >= 0, i.e. |c| <= 1 and |d| <= 1 with "
                                 f"c = mu/2 - mubar = {c}, d = mu/2 + mubar = {d}")


#: rate families of the generator: the generator is sum_f rate_f * M_f
FAMILIES = ("H", "L+", "L-", "R+", "R-", "deph")
#: weight symbols of the families in :func:`xx_family_chain`
FAMILY_SYMBOLS = {f: sp.Symbol("w_" + f) for f in FAMILIES}


def xx_rates(Gamma_L, Gamma_R, mu, mubar, gamma=0) -> dict:
    """``{family: rate}`` of the chain (Eqs. 8–9; dephasing rate gamma/2; floats become the
    rational they print)."""
    GL, GR, m, mb, g = (_real(k, v) for k, v in (("Gamma_L", Gamma_L), ("Gamma_R", Gamma_R), ("mu", mu),
                                                 ("mubar", mubar), ("gamma", gamma)))
    return {"H": sp.Integer(1), "L+": GL * (1 - m / 2 + mb), "L-": GL * (1 + m / 2 - mb),
            "R+": GR * (1 + m / 2 + mb), "R-": GR * (1 - m / 2 - mb), "deph": g / 2}


def _chain(n, w, dephasing=True):
    H = []
    for j in range(n - 1):
        H += [(w["H"], "XX", (j, j + 1)), (w["H"], "YY", (j, j + 1))]
    jumps = [(0, "sigma+", w["L+"], "L+@1"), (0, "sigma-", w["L-"], "L-@1"),
             (n - 1, "sigma+", w["R+"], f"R+@{n}"), (n - 1, "sigma-", w["R-"], f"R-@{n}")]
    if dephasing:
        jumps += [(j, "Z", w["deph"], f"deph@{j + 1}") for j in range(n)]
    return local_chain(n, H, jumps, normalization="doubled", name=f"xx-chain-{n}")


def xx_local_chain(n, Gamma_L, Gamma_R, mu, mubar, gamma=0) -> LocalChain:
    """The chain as a :class:`~symbolic_ness.engines.LocalChain` with its actual rates."""
    check_xx_parameters(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    r = xx_rates(Gamma_L, Gamma_R, mu, mubar, gamma)
    return _chain(int(n), r, dephasing=r["deph"] != 0)


@functools.lru_cache(maxsize=64)
def xx_family_chain(n: int) -> LocalChain:
    """The chain with the family weight symbols :data:`FAMILY_SYMBOLS` (structure only)."""
    return _chain(int(n), FAMILY_SYMBOLS)


def _family_names(chain: LocalChain) -> list:
    inv = {v: k for k, v in FAMILY_SYMBOLS.items()}
    return [inv[w] for w in chain.families]


def adjoint_generator(n: int, string: tuple, rates: dict | None = None):
    r"""Heisenberg generator of the n-site chain applied to one Pauli string.

    ``rates=None``: ``{family: {string: Fraction}}`` (structure, linear in the rates);
    otherwise the rates (:func:`xx_rates`) are applied: ``{string: coefficient}``.
    """
    ch = xx_family_chain(n)
    names = _family_names(ch)
    fam = {names[f]: terms for f, terms in adjoint_action(ch, tuple(sorted(string))).items()}
    if rates is None:
        return fam
    out: dict = {}
    for f, terms in fam.items():
        r = sp.sympify(rates[f])
        if r == 0:
            continue
        for s, c in terms.items():
            out[s] = out.get(s, 0) + sp.Rational(c.numerator, c.denominator) * r
    return {s: c for s, c in out.items() if c != 0}


@functools.lru_cache(maxsize=64)
def closed_hierarchy(n: int, seeds: tuple, max_strings: int = 200000) -> Closure:
    """Closed hierarchy (engine :func:`~symbolic_ness.engines.close_hierarchy`) of the n-site
    family chain seeded with ``seeds``; its families are named by :func:`family_blocks`."""
    return close_hierarchy(xx_family_chain(n), seeds, max_strings=max_strings).require_closed()


def family_blocks(closure: Closure) -> dict:
    """``{family name: {(row, col): Fraction}}`` of a closure of the family chain."""
    return dict(zip(_family_names(closure.chain), closure.blocks))


def family_float_matrices(closure: Closure):
    """``({family: csr}, {family: constant vector})`` in floats (engine :func:`family_matrices`)."""
    mats, vecs = family_matrices(closure)
    names = _family_names(closure.chain)
    return dict(zip(names, mats)), dict(zip(names, vecs))


def xx_chain_model(n, Gamma_L, Gamma_R, mu, mubar, gamma=0) -> Model:
    """Core :class:`~symbolic_ness.core.Model` of the chain (full :math:`2^n` matrices: small n only).

    Built from :func:`xx_local_chain`: ``Jump(op, rate)`` with rate = the expression under
    the square root of Eqs. (8)–(9); dephasing ``Jump(sigma_z_j, gamma/2)`` only when
    ``gamma`` is not identically 0.

    Parameters
    ----------
    n : int
        Chain length (sites 1..n in the paper, 0..n−1 in code).
    Gamma_L, Gamma_R : number or Symbol
        Boundary couplings Γ_L, Γ_R.
    mu, mubar : number or Symbol
        Driving μ, μ̄ (c = μ/2 − μ̄, d = μ/2 + μ̄, ``|c|, |d| ≤ 1``).
    gamma : number or Symbol, default 0
        Bulk dephasing γ.

    Returns
    -------
    Model
        2^n-dimensional model, ``normalization="doubled"``.

    Raises
    ------
    ParameterError
        Parameters outside the allowed region.

    Examples
    --------
    μ = 1, μ̄ = 0 (c = d = 1/2): rates Γ_L(1 ∓ c) on the left, Γ_R(1 ± d) on the right:

    >>> m = xx_chain_model(3, 1, 1, 1, 0)
    >>> [(j.label, j.rate) for j in m.jumps]
    [('L+@1', 1/2), ('L-@1', 3/2), ('R+@3', 3/2), ('R-@3', 1/2)]
    """
    ch = xx_local_chain(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    n = ch.n
    d = 2 ** n
    # H = sum_j 2 (s+_j s-_{j+1} + s-_j s+_{j+1}): flips antiparallel neighbours (entries 2)
    entries = {}
    for a in range(d):
        for j in range(n - 1):
            bj, bk = (a >> (n - 1 - j)) & 1, (a >> (n - 2 - j)) & 1
            if bj != bk:
                b = a ^ ((1 << (n - 1 - j)) | (1 << (n - 2 - j)))
                entries[(a, b)] = entries.get((a, b), 0) + 2
    H = sp.SparseMatrix(d, d, entries)
    jumps = [Jump(_embed_fast(sp.Matrix(j.operator), j.site, n), j.rate, label=j.label) for j in ch.jumps]
    return Model(n, H, jumps=jumps, normalization="doubled", name=f"xx-chain-{n}")


def _embed_fast(loc, site, n):
    """Same as ``_operators.embed`` (site 0 = leftmost factor), built entry-wise (fast for n >= 7)."""
    d = 2 ** n
    shift = n - 1 - site
    entries = {}
    for a in range(2):
        for b in range(2):
            v = loc[a, b]
            if v == 0:
                continue
            for rest in range(d // 2):
                low = rest & ((1 << shift) - 1)
                high = rest >> shift
                i = (((high << 1) | a) << shift) | low
                j = (((high << 1) | b) << shift) | low
                entries[(i, j)] = v
    return sp.SparseMatrix(d, d, entries)
