r"""Operators of a d-level site and the real operator basis of sites of any dimension.

Conventions
-----------
* A d-level site has the levels :math:`|0\rangle,\dots,|d-1\rangle`;
  :func:`transition` ``(a, b, d)`` is :math:`|a\rangle\langle b|`.
* Spin :math:`s=(d-1)/2`: level :math:`a` is :math:`m=s-a` (level 0 is the top), so
  :math:`S_z=\mathrm{diag}(s, s-1, \dots, -s)` and
  :math:`S_+|a\rangle=\sqrt{s(s+1)-m(m+1)}\,|a-1\rangle`; for :math:`d=2` these are
  :math:`\sigma_\pm` and :math:`S_z=\sigma_z/2` of the qubit convention.
* A truncated bosonic mode: level :math:`n` is the Fock state :math:`|n\rangle`,
  :math:`a|n\rangle=\sqrt n|n-1\rangle`, :math:`a^\dagger` its adjoint (truncated at
  :math:`d-1` photons, so :math:`[a,a^\dagger]\ne 1` on the top level), :math:`n=a^\dagger a`.

The **real operator basis** (:func:`site_basis`) of a d-level site is an orthogonal Hermitian
basis with integer (Gaussian-integer) entries: the identity, then for every pair
:math:`a<b` the symmetric :math:`X_{ab}=|a\rangle\langle b|+|b\rangle\langle a|` and the
antisymmetric :math:`Y_{ab}=-i|a\rangle\langle b|+i|b\rangle\langle a|`, then the
unnormalized generalized Gell-Mann diagonals :math:`D_l=\sum_{k<l}|k\rangle\langle k|-l|l\rangle\langle l|`,
:math:`l=1,\dots,d-1`. For :math:`d=2` this is exactly :math:`I, X, Y, Z` (the Pauli basis of the
qubit code). Norms :math:`\mathrm{tr}(B^2)`: :math:`d` for the identity, 2 for
:math:`X_{ab},Y_{ab}`, :math:`l(l+1)` for :math:`D_l`.

>>> spin_z(3)
Matrix([
[1, 0,  0],
[0, 0,  0],
[0, 0, -1]])
>>> destroy(3)
Matrix([
[0, 1,       0],
[0, 0, sqrt(2)],
[0, 0,       0]])
>>> [lab for lab, _, _ in site_basis(3)]
['I', 'X01', 'Y01', 'X02', 'Y02', 'X12', 'Y12', 'D1', 'D2']
>>> [lab for lab, _, _ in site_basis(2)]
['I', 'X', 'Y', 'Z']
"""
from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .._errors import ParameterError

__all__ = ["transition", "spin_x", "spin_y", "spin_z", "spin_plus", "spin_minus", "destroy", "create",
           "number", "site_basis", "basis_labels", "basis_string_dok", "basis_norms", "basis_size",
           "basis_numeric"]


def _dim(d) -> int:
    if isinstance(d, bool) or not isinstance(d, int) or d < 2:
        raise ParameterError("d", d, "an integer site dimension d >= 2")
    return d


def transition(a: int, b: int, d: int) -> sp.Matrix:
    r""":math:`|a\rangle\langle b|` on a d-level site (0 <= a, b < d).

    Parameters
    ----------
    a, b : int
        The levels, 0 ≤ a, b < d.
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        The d×d matrix with a single 1 at (a, b).

    Raises
    ------
    ParameterError
        A level or ``d`` is out of range.

    Examples
    --------
    >>> transition(0, 2, 3)
    Matrix([
    [0, 0, 1],
    [0, 0, 0],
    [0, 0, 0]])
    """
    d = _dim(d)
    for name, x in (("a", a), ("b", b)):
        if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < d:
            raise ParameterError(name, x, f"a level 0 <= {name} <= {d - 1} (site dimension {d})")
    m = sp.zeros(d, d)
    m[a, b] = 1
    return m


def spin_plus(d: int) -> sp.Matrix:
    r""":math:`S_+` of spin :math:`s=(d-1)/2` (level a has m = s - a): entries
    :math:`\langle a-1|S_+|a\rangle=\sqrt{s(s+1)-m(m+1)}`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        The d×d raising operator S_+.

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> spin_plus(2)
    Matrix([
    [0, 1],
    [0, 0]])
    """
    d = _dim(d)
    s = sp.Rational(d - 1, 2)
    m = sp.zeros(d, d)
    for a in range(1, d):
        mm = s - a
        m[a - 1, a] = sp.sqrt(s * (s + 1) - mm * (mm + 1))
    return m


def spin_minus(d: int) -> sp.Matrix:
    """:math:`S_-=S_+^\\dagger`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        S_− = S_+ᵀ (real entries).

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> spin_minus(2)
    Matrix([
    [0, 0],
    [1, 0]])
    """
    return spin_plus(d).T


def spin_x(d: int) -> sp.Matrix:
    """:math:`S_x=(S_++S_-)/2`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        S_x.

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> spin_x(3)**2 + spin_y(3)**2 + spin_z(3)**2  # s(s+1) = 2 for s = 1
    Matrix([
    [2, 0, 0],
    [0, 2, 0],
    [0, 0, 2]])
    """
    return (spin_plus(d) + spin_minus(d)) / 2


def spin_y(d: int) -> sp.Matrix:
    """:math:`S_y=(S_+-S_-)/(2i)`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        S_y.

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> spin_x(3) * spin_y(3) - spin_y(3) * spin_x(3) == sp.I * spin_z(3)
    True
    """
    return (spin_plus(d) - spin_minus(d)) / (2 * sp.I)


def spin_z(d: int) -> sp.Matrix:
    """:math:`S_z=\\mathrm{diag}(s, s-1, \\dots, -s)`, :math:`s=(d-1)/2`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        S_z (level a has m = s − a).

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> spin_z(2)
    Matrix([
    [1/2,    0],
    [  0, -1/2]])
    """
    d = _dim(d)
    s = sp.Rational(d - 1, 2)
    return sp.diag(*[s - a for a in range(d)])


def destroy(d: int) -> sp.Matrix:
    r"""Truncated annihilation operator :math:`a|n\rangle=\sqrt n|n-1\rangle`, levels 0..d-1.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        a, with ``⟨n−1|a|n⟩ = √n``.

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> destroy(3)
    Matrix([
    [0, 1,       0],
    [0, 0, sqrt(2)],
    [0, 0,       0]])
    """
    d = _dim(d)
    m = sp.zeros(d, d)
    for k in range(1, d):
        m[k - 1, k] = sp.sqrt(k)
    return m


def create(d: int) -> sp.Matrix:
    r"""Truncated creation operator :math:`a^\dagger`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        a† = aᵀ (real entries).

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> create(3) * destroy(3) == number(3)
    True
    """
    return destroy(d).T


def number(d: int) -> sp.Matrix:
    r"""Number operator :math:`a^\dagger a=\mathrm{diag}(0,1,\dots,d-1)`.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    sympy Matrix
        diag(0, 1, ..., d − 1).

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> number(3)
    Matrix([
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 2]])
    """
    d = _dim(d)
    return sp.diag(*range(d))


# ----------------------------------------------------------------------- real operator basis
@lru_cache(maxsize=None)
def site_basis(d: int) -> tuple:
    """``((label, {(i, j): entry}, norm), ...)``: the orthogonal Hermitian basis of a d-level site
    (module docstring), ``norm`` = tr(B^2). For d = 2: I, X, Y, Z.

    Parameters
    ----------
    d : int
        The site dimension, d ≥ 2.

    Returns
    -------
    tuple
        ``(label, {(i, j): entry}, norm)`` per basis operator B: the identity, X_ab and Y_ab for
        a < b, then the diagonals D_l; ``norm`` = tr(B²).

    Raises
    ------
    ParameterError
        ``d`` is not an integer ≥ 2.

    Examples
    --------
    >>> [(lab, norm) for lab, _, norm in site_basis(2)]
    [('I', 2), ('X', 2), ('Y', 2), ('Z', 2)]
    """
    d = _dim(d)
    one = sp.Integer(1)
    out = [("I", {(k, k): one for k in range(d)}, d)]
    for a in range(d):
        for b in range(a + 1, d):
            sfx = f"{a}{b}" if d <= 10 else f"{a}_{b}"
            out.append(("X" + sfx, {(a, b): one, (b, a): one}, 2))
            out.append(("Y" + sfx, {(a, b): -sp.I, (b, a): sp.I}, 2))
    for ll in range(1, d):
        ent = {(k, k): one for k in range(ll)}
        ent[(ll, ll)] = sp.Integer(-ll)
        out.append((f"D{ll}", ent, ll * (ll + 1)))
    if d == 2:
        out = [(lab, e, nm) for (_, e, nm), lab in zip(out, "IXYZ")]
    return tuple(out)


def basis_size(dims) -> int:
    """Number of basis operators :math:`\\prod_j d_j^2`."""
    n = 1
    for d in dims:
        n *= d * d
    return n


def _mu_digits(mu: int, dims) -> list:
    out = []
    for d in reversed(dims):
        mu, r = divmod(mu, d * d)
        out.append(r)
    return out[::-1]


def basis_labels(dims) -> list:
    """Labels of the product basis operators in index order (mixed radix :math:`d_j^2`, site 0
    most significant): concatenated ``IXYZ`` letters for qubits (``'IZ'``), else the site labels
    joined with ``.`` (``'X01.Z'``).

    Parameters
    ----------
    dims : sequence of int
        The site dimensions.

    Returns
    -------
    list of str
        One label per product basis operator B_μ = B_{μ_0} ⊗ B_{μ_1} ⊗ …, in index order.

    Examples
    --------
    >>> basis_labels([2, 2])[:5], basis_labels([3, 2])[:3]
    (['II', 'IX', 'IY', 'IZ', 'XI'], ['I.I', 'I.X', 'I.Y'])
    """
    dims = tuple(dims)
    labs = [[lab for lab, _, _ in site_basis(d)] for d in dims]
    sep = "" if set(dims) == {2} else "."
    return [sep.join(labs[j][x] for j, x in enumerate(_mu_digits(mu, dims))) for mu in range(basis_size(dims))]


def basis_string_dok(mu: int, dims) -> dict:
    """Nonzero entries ``{(i, j): value}`` of the product basis operator ``mu``."""
    entries = {(0, 0): sp.Integer(1)}
    for d, x in zip(dims, _mu_digits(mu, dims)):
        p = site_basis(d)[x][1]
        new = {}
        for (a, b), v in entries.items():
            for (i, j), w in p.items():
                new[(d * a + i, d * b + j)] = v * w
        entries = new
    return entries


def basis_norms(dims) -> list:
    """:math:`\\mathrm{tr}(B_\\mu^2)` of every product basis operator, in index order."""
    dims = tuple(dims)
    norms = [site_basis(d) for d in dims]
    out = []
    for mu in range(basis_size(dims)):
        v = 1
        for j, x in enumerate(_mu_digits(mu, dims)):
            v *= norms[j][x][2]
        out.append(v)
    return out


@lru_cache(maxsize=8)
def basis_numeric(dims: tuple):
    """``(T, norms)``: sparse complex ``T`` with columns vec(B_mu) (column stacking) and the numpy
    array of norms tr(B_mu^2), for numeric work in the real operator basis.

    Parameters
    ----------
    dims : tuple of int
        The site dimensions.

    Returns
    -------
    tuple
        ``(T, norms)``: scipy CSR matrix T of shape (D², Π d_j²), D = Π d_j, with columns
        vec(B_μ), and a float array of tr(B_μ²).

    Examples
    --------
    >>> T, norms = basis_numeric((2,))
    >>> T.shape, norms.tolist()
    ((4, 4), [2.0, 2.0, 2.0, 2.0])
    """
    import numpy as np
    import scipy.sparse as sps
    D = 1
    for d in dims:
        D *= d
    local = [[{k: complex(v) for k, v in e.items()} for _, e, _ in site_basis(d)] for d in dims]
    rows, cols, vals = [], [], []
    for mu in range(basis_size(dims)):
        entries = {(0, 0): 1.0 + 0j}
        for d, x, loc in zip(dims, _mu_digits(mu, dims), local):
            entries = {(d * a + i, d * b + j): v * w for (a, b), v in entries.items() for (i, j), w in loc[x].items()}
        for (i, j), v in entries.items():
            rows.append(i + D * j)
            cols.append(mu)
            vals.append(v)
    T = sps.csr_matrix((vals, (rows, cols)), shape=(D * D, basis_size(dims)))
    return T, np.array(basis_norms(dims), dtype=float)
