r"""The boundary-driven XX chain (Žnidarič, PRA 85, 012324, Eqs. 5–10) as a model.

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

The same data are kept *locally* (:func:`chain_terms`: one- and two-site
operators with their rate family), so that the Heisenberg-picture generator can
be applied to Pauli strings of any length without :math:`2^n` matrices
(:func:`adjoint_generator`, :func:`closed_hierarchy`); :func:`xx_chain_model`
builds the core :class:`~symbolic_ness.core._model.Model` (full matrices, small n)
from the very same terms.

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

>>> ch = chain_terms(3, 1, 1, 1, 0, 0)           # Gamma_L = Gamma_R = 1, c = d = 1/2
>>> gen = adjoint_generator(ch, ((0, 'Z'),))
>>> sorted((pauli_label(s), float(v)) for s, v in gen.items())
[('1', -2.0), ('X1Y2', -2.0), ('Y1X2', 2.0), ('Z1', -4.0)]
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

import sympy as sp

from ..._errors import ParameterError

__all__ = ["xx_chain_model", "check_xx_parameters", "cd_to_mu", "mu_to_cd", "chain_terms",
           "ChainTerms", "pauli_mul", "adjoint_generator", "closed_hierarchy", "pauli_label",
           "FAMILIES"]

# ---------------------------------------------------------------- parameters


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


# ------------------------------------------------------------ local terms

#: rate families of the generator: the generator is sum_f rate_f * M_f
FAMILIES = ("H", "L+", "L-", "R+", "R-", "deph")


@dataclass(frozen=True)
class ChainTerms:
    """Local description of the chain (0-indexed sites).

    ``bonds``: Hamiltonian as ``[(coefficient, pauli_string)]``;
    ``jumps``: ``[(family, site, local_op, rate)]`` where ``local_op`` maps
    ``'I','X','Y','Z'`` to coefficients; ``rates``: ``{family: rate}``.
    """

    n: int
    bonds: tuple
    jumps: tuple
    rates: tuple  # ((family, rate), ...)

    def rate(self, family):
        return dict(self.rates)[family]


_SP = {"X": Fraction(1, 2), "Y": 1j / 2}          # sigma^+ = (X + iY)/2
_SM = {"X": Fraction(1, 2), "Y": -1j / 2}         # sigma^- = (X - iY)/2
_SZ = {"Z": 1}


def chain_terms(n, Gamma_L, Gamma_R, mu, mubar, gamma=0) -> ChainTerms:
    """The chain's Hamiltonian and jump operators as local Pauli data (see module doc)."""
    check_xx_parameters(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    n = int(n)
    GL, GR, mu, mb, g = (_real(k, v) for k, v in
                         (("Gamma_L", Gamma_L), ("Gamma_R", Gamma_R), ("mu", mu), ("mubar", mubar), ("gamma", gamma)))
    bonds = []
    for j in range(n - 1):
        bonds.append((1, ((j, "X"), (j + 1, "X"))))
        bonds.append((1, ((j, "Y"), (j + 1, "Y"))))
    rates = (("H", sp.Integer(1)),
             ("L+", GL * (1 - mu / 2 + mb)), ("L-", GL * (1 + mu / 2 - mb)),
             ("R+", GR * (1 + mu / 2 + mb)), ("R-", GR * (1 - mu / 2 - mb)),
             ("deph", g / 2))
    jumps = [("L+", 0, _SP), ("L-", 0, _SM), ("R+", n - 1, _SP), ("R-", n - 1, _SM)]
    jumps += [("deph", j, _SZ) for j in range(n)]
    return ChainTerms(n, tuple(bonds), tuple(jumps), rates)


def xx_chain_model(n, Gamma_L, Gamma_R, mu, mubar, gamma=0):
    """Core :class:`Model` of the chain (full :math:`2^n` matrices: small n only).

    Jumps are ``Jump(op, rate)`` with rate = the expression under the square
    root of Eqs. (8)–(9); dephasing ``Jump(sigma_z_j, gamma/2)`` is added only
    when ``gamma`` is not identically 0.
    """
    from ...core._model import Jump, Model
    from ...core._operators import sigma_x, sigma_y, sigma_z

    import numpy as np

    ch = chain_terms(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    n = ch.n
    mats = {"X": sigma_x(), "Y": sigma_y(), "Z": sigma_z(), "I": sp.eye(2)}
    npm = {"X": np.array([[0, 1], [1, 0]], dtype=complex), "Y": np.array([[0, -1j], [1j, 0]]),
           "Z": np.diag([1.0 + 0j, -1.0])}
    d = 2 ** n
    Hn = np.zeros((d, d), dtype=complex)
    for coef, string in ch.bonds:
        loc = dict(string)
        op = np.ones((1, 1), dtype=complex)
        for site in range(n):
            op = np.kron(op, npm[loc[site]] if site in loc else np.eye(2))
        Hn += coef * op
    # entries are Gaussian integers: exact conversion
    H = sp.Matrix(d, d, lambda i, j: sp.Integer(int(round(Hn[i, j].real))) + sp.I * sp.Integer(int(round(Hn[i, j].imag))))
    jumps = []
    g = ch.rate("deph")
    for fam, site, local in ch.jumps:
        if fam == "deph" and g == 0:
            continue
        loc = sp.zeros(2, 2)
        for p, c in local.items():
            loc += sp.nsimplify(c) * mats[p]
        jumps.append(Jump(_embed_fast(loc, site, n), ch.rate(fam), label=f"{fam}@{site + 1}"))
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


# ------------------------------------------------------- Pauli-string algebra
# single-site products: (a, b) -> (phase, c), with '' the identity
_PROD = {}
for _a in "XYZ":
    _PROD[("", _a)] = (1, _a)
    _PROD[(_a, "")] = (1, _a)
    _PROD[(_a, _a)] = (1, "")
_PROD[("", "")] = (1, "")
for _a, _b, _c in (("X", "Y", "Z"), ("Y", "Z", "X"), ("Z", "X", "Y")):
    _PROD[(_a, _b)] = (1j, _c)
    _PROD[(_b, _a)] = (-1j, _c)


def pauli_mul(s1: tuple, s2: tuple):
    """Product of two Pauli strings: returns ``(phase, string)``."""
    d = dict(s1)
    phase = 1
    for site, p in s2:
        q = d.get(site, "")
        ph, r = _PROD[(q, p)]
        phase *= ph
        if r:
            d[site] = r
        else:
            d.pop(site, None)
    return phase, tuple(sorted(d.items()))


def _op_mul(A: Mapping, B: Mapping) -> dict:
    out = {}
    for s1, c1 in A.items():
        for s2, c2 in B.items():
            ph, s = pauli_mul(s1, s2)
            out[s] = out.get(s, 0) + ph * c1 * c2
    return out


def _add(out: dict, A: Mapping, scale):
    for s, c in A.items():
        out[s] = out.get(s, 0) + scale * c


def _local_op(site, local: Mapping) -> dict:
    return {(() if p == "I" else ((site, p),)): c for p, c in local.items()}


def _dagger(A: Mapping) -> dict:
    return {s: complex(c).conjugate() if isinstance(c, complex) else c for s, c in A.items()}


def adjoint_generator(ch: ChainTerms, string: tuple, by_family: bool = False):
    r"""Heisenberg-picture generator applied to one Pauli string ``P``.

    .. math:: \mathcal L^\dagger P = i[H,P]+\sum_k 2\kappa_k\big(L_k^\dagger PL_k-\tfrac12\{L_k^\dagger L_k,P\}\big)

    Only terms whose support meets that of ``P`` contribute (locality). With
    ``by_family=True`` returns ``{family: {string: coefficient}}`` without the
    rates (the generator is linear in the rates); else the rates are applied.
    Coefficients are exact dyadic numbers (complex floats) times rates.
    """
    sites = {s for s, _ in string}
    P = {string: 1}
    fam_out = {f: {} for f in FAMILIES}
    # Hamiltonian: i[H, P]
    for coef, b in ch.bonds:
        if not sites & {s for s, _ in b}:
            continue
        B = {b: coef}
        _add(fam_out["H"], _op_mul(B, P), 1j)
        _add(fam_out["H"], _op_mul(P, B), -1j)
    for fam, site, local in ch.jumps:
        if site not in sites:
            continue
        L = _local_op(site, local)
        Ld = _dagger(L)
        LdL = _op_mul(Ld, L)
        _add(fam_out[fam], _op_mul(_op_mul(Ld, P), L), 2)
        _add(fam_out[fam], _op_mul(LdL, P), -1)
        _add(fam_out[fam], _op_mul(P, LdL), -1)
    for f in fam_out:
        fam_out[f] = {s: _clean(c) for s, c in fam_out[f].items() if abs(c) > 0}
    if by_family:
        return fam_out
    rates = dict(ch.rates)
    out = {}
    for f, terms in fam_out.items():
        r = rates[f]
        if r == 0:
            continue
        for s, c in terms.items():
            out[s] = out.get(s, 0) + sp.nsimplify(c) * r
    return {s: c for s, c in out.items() if c != 0}


def _clean(c):
    c = complex(c)
    if c.imag != 0:
        raise ArithmeticError("non-real coefficient in the Heisenberg equation of a Hermitian string")
    return c.real


def pauli_label(string: tuple) -> str:
    """1-indexed label of a Pauli string, e.g. ``X1Z2Y3``; identity is ``'1'``."""
    return "".join(f"{p}{s + 1}" for s, p in string) or "1"


def closed_hierarchy(ch: ChainTerms, seeds, max_size: int = 200000):
    r"""Close the Heisenberg hierarchy generated from ``seeds`` (Pauli strings).

    Breadth-first: apply :func:`adjoint_generator` to every string found until
    no new string appears. Returns ``(variables, blocks)`` where ``variables`` is
    the list of strings (identity excluded) and ``blocks[family]`` is a dict
    ``{(row, col): coeff}`` with ``col = -1`` for the identity (constant) term,
    so that :math:`\frac{d}{dt}\langle P_r\rangle=\sum_f\kappa_f\big(\sum_c M^f_{rc}\langle P_c\rangle+M^f_{r,-1}\big)`.
    Raises ``RuntimeError`` if more than ``max_size`` strings are generated.
    """
    index = {}
    variables = []
    queue = []
    for s in seeds:
        s = tuple(sorted(s))
        if s and s not in index:
            index[s] = len(variables)
            variables.append(s)
            queue.append(s)
    blocks = {f: {} for f in FAMILIES}
    k = 0
    while k < len(variables):
        s = variables[k]
        row = k
        k += 1
        for f, terms in adjoint_generator(ch, s, by_family=True).items():
            for t, c in terms.items():
                if t == ():
                    col = -1
                else:
                    col = index.get(t)
                    if col is None:
                        col = index[t] = len(variables)
                        variables.append(t)
                        if len(variables) > max_size:
                            raise RuntimeError(f"hierarchy larger than {max_size} strings")
                blocks[f][(row, col)] = blocks[f].get((row, col), 0) + c
    return variables, blocks


def family_matrices(blocks: dict, N: int):
    """Per rate family, the hierarchy as ``(sparse matrix, inhomogeneity)``.

    ``blocks[f]`` maps ``(row, col)`` to a coefficient; ``col < 0`` marks a
    constant term. Returns ``(mats, vecs)`` with ``mats[f]`` an N×N
    ``scipy.sparse.csr_matrix`` and ``vecs[f]`` a length-N array, so that the
    generator is ``sum_f rate_f * (mats[f] @ x + vecs[f])``.
    """
    import numpy as np
    import scipy.sparse as sps
    mats, vecs = {}, {}
    for f in FAMILIES:
        rows, cols, vals = [], [], []
        b = np.zeros(N)
        for (r, col), v in blocks[f].items():
            if col < 0:
                b[r] += v
            else:
                rows.append(r)
                cols.append(col)
                vals.append(v)
        mats[f] = sps.csr_matrix((vals, (rows, cols)), shape=(N, N))
        vecs[f] = b
    return mats, vecs
