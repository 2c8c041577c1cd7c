r"""Scale homogeneity: one variable fewer for the null vector of a row-homogeneous matrix.

**When.** :func:`row_degrees` proves, from the matrix itself, that every row :math:`i` of
:math:`A\in\mathbb Z[p_1,\dots,p_s]^{n\times N}` is homogeneous of some degree :math:`d_i`
(every monomial of every entry of the row has total degree :math:`d_i`). For a generator
whose symbols are all rates or energies and which has no fixed numeric energy scale, every
entry is homogeneous of degree 1 (:math:`d_i=1`); a fixed number next to a symbol in a row
(e.g. a field :math:`1/3` with a symbolic coupling) breaks it and the reduction is not used.

**Why it is exact.** Row homogeneity is the polynomial identity
:math:`A(\lambda p)=\operatorname{diag}(\lambda^{d_i})\,A(p)` in :math:`\mathbb Z[p,\lambda]`.
Let the generic nullity be 1 and :math:`X\in\mathbb Z[p]^N` the primitive null vector. Then
:math:`X(\lambda p)` is a polynomial null vector of :math:`A(p)` over
:math:`\mathbb Q(p,\lambda)`, so :math:`X(\lambda p)=r\,X(p)`, and by Gauss's lemma
(:math:`X` stays primitive in :math:`\mathbb Z[\lambda][p]`) :math:`r\in\mathbb Z[\lambda]`;
comparing degrees, :math:`r=\lambda^D`: **every coordinate of** :math:`X` **is homogeneous of
the same degree** :math:`D`, and the normalised vector :math:`X/X_0` is homogeneous of degree 0.

**Reduction** (:func:`dehomogenize`). Put :math:`p_k=1`: :math:`A_1(q)=A(q,p_k{=}1)` has
one variable fewer and the same generic nullity (the points with :math:`p_k\ne0` are
:math:`\lambda\cdot(q,1)`, :math:`\lambda=p_k`, where the null spaces agree). Any kernel
gives its primitive null vector :math:`y(q)`.

**Restoration** (:func:`rehomogenize`). :math:`x_i=p_k^{D}\,y_i(p/p_k)` with
:math:`D=\max_i\deg y_i`: each monomial :math:`c\,q^a` of :math:`y_i` becomes
:math:`c\,q^a p_k^{D-|a|}`. This is :math:`\pm X`: :math:`X(q,1)` is a null vector of
:math:`A_1`, primitive (a factor :math:`g(q)` of all :math:`X_i(q,1)` would homogenise to a
non-constant factor of all :math:`X_i`, which is not a power of :math:`p_k`), hence
:math:`X(q,1)=\pm y`; and :math:`\deg X=D` exactly (otherwise :math:`p_k` divides every
:math:`X_i`). The sign is fixed by the leading coefficient of the first non-zero coordinate
(the convention of :func:`~symbolic_ness.algebra._linalg_ring.normalize_vector`).

**Signs and domains.** Nothing above uses positivity: the identity holds for every
:math:`\lambda\ne0`, negative included, and the restoration is an identity of polynomials.
So the reduction is sound for symbols of any sign (real symbols of undetermined sign
included) — only the *generic* statement (:math:`p_k\ne0`) is used, which the exact solve
assumes anyway. The caller still certifies :math:`Ax=0` exactly on the full matrix.

>>> import sympy as sp
>>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
>>> a, b = sp.symbols("a b", positive=True)
>>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
>>> row_degrees(pm)
[1, 1]
>>> k = elimination_choice(pm)
>>> red = dehomogenize(pm, k)
>>> red.gens, red.to_sympy([[e for e in r.values()] for r in red.rows.values()])
((a,), [[-a, 1], [a, -1]])
>>> pm.to_sympy([rehomogenize([red.ctx.from_dict({(0,): 1}), red.ctx.gens()[0]], k, pm.gens)])
[[b, a]]
"""
from __future__ import annotations

from typing import Sequence

from ._linalg_ring import PolyMatrix, _ctx

__all__ = ["row_degrees", "elimination_choice", "dehomogenize", "rehomogenize"]


def row_degrees(pm: PolyMatrix) -> list | None:
    """Total degree of every non-zero row if each row is homogeneous, else ``None``.

    Rows without entries are omitted; ``None`` also for a matrix without variables.

    Parameters
    ----------
    pm : PolyMatrix
        The matrix A over Z[p_1, ..., p_s].

    Returns
    -------
    list of int or None
        d_i with every monomial of row i of total degree d_i, or ``None``.

    Examples
    --------
    >>> import sympy as sp
    >>> g, r = sp.symbols("g r")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): r, (1, 0): g, (1, 1): -r}, 2)
    >>> row_degrees(pm)
    [1, 1]
    """
    if not pm.gens:
        return None
    s = len(pm.gens)
    out = []
    for i in sorted(pm.rows):
        degs = {sum(int(x) for x in m[:s]) for e in pm.rows[i].values() for m in e.to_dict()}
        if len(degs) != 1:
            return None
        out.append(degs.pop())
    return out


def elimination_choice(pm: PolyMatrix) -> int:
    r"""Index of the variable to set to 1.

    Variables of degree :math:`>1` in some entry first (the adjugate-pencil kernel needs a
    variable that is affine in every entry, so those are kept); among them the largest
    a-priori degree bound of the maximal minors (:math:`\sum_i\max_j\deg_{p_k}A_{ij}`: the most
    interpolation nodes saved); ties go to the last variable.

    Parameters
    ----------
    pm : PolyMatrix
        A row-homogeneous matrix (:func:`row_degrees` is not ``None``) with at least one variable.

    Returns
    -------
    int
        The index k of the variable p_k to set to 1 (:func:`dehomogenize`).

    Examples
    --------
    >>> import sympy as sp
    >>> g, r = sp.symbols("g r")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): r, (1, 0): g, (1, 1): -r}, 2)
    >>> elimination_choice(pm)
    1
    """
    s = len(pm.gens)
    bound, affine = [0] * s, [True] * s
    for r in pm.rows.values():
        rm = [0] * s
        for e in r.values():
            for k, d in enumerate(e.degrees()[:s]):
                d = int(d)
                rm[k] = max(rm[k], d)
                if d > 1:
                    affine[k] = False
        for k in range(s):
            bound[k] += rm[k]
    return max(range(s), key=lambda k: (not affine[k], bound[k], k))


def dehomogenize(pm: PolyMatrix, k: int) -> PolyMatrix:
    """``pm`` with the variable ``k`` set to 1, over the remaining variables.

    A_1(q) = A(q, p_k = 1); for a row-homogeneous A it has the same generic nullity.

    Parameters
    ----------
    pm : PolyMatrix
        The matrix A.
    k : int
        Index of the variable set to 1.

    Returns
    -------
    PolyMatrix
        A_1 over the other variables (zero entries dropped).

    Examples
    --------
    >>> import sympy as sp
    >>> g, r = sp.symbols("g r")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): r, (1, 0): g, (1, 1): -r}, 2)
    >>> dehomogenize(pm, 1).rows
    {0: {0: -g, 1: 1}, 1: {0: g, 1: -1}}
    """
    gens = tuple(g for j, g in enumerate(pm.gens) if j != k)
    ctx = _ctx(tuple(g.name for g in gens))
    new = ctx.gens()
    one = ctx.from_dict({(0,) * ctx.nvars(): 1})
    subs, it = [], iter(new)
    for j in range(len(pm.gens)):
        subs.append(one if j == k else next(it))
    rows = {}
    for i, r in pm.rows.items():
        row = {}
        for j, e in r.items():
            f = e.compose(*subs, ctx=ctx)
            if not f.is_zero():
                row[j] = f
        if row:
            rows[i] = row
    return PolyMatrix(gens, pm.nrows, pm.ncols, rows)


def rehomogenize(vec: Sequence, k: int, gens: Sequence, degree: int | None = None) -> list:
    r"""``x_i = p_k^D y_i(p/p_k)`` in the variables ``gens`` (``y`` over ``gens`` without ``k``).

    ``degree`` defaults to :math:`D=\max_i\deg y_i` (the only correct value for a primitive
    ``y``, see the module docstring); the sign is fixed as in ``normalize_vector``.

    Parameters
    ----------
    vec : sequence of fmpz_mpoly
        The null vector y of the dehomogenized matrix (over ``gens`` without p_k).
    k : int
        Index of the variable that was set to 1.
    gens : sequence of sympy Symbols
        All variables p of the original matrix.
    degree : int or None, default None
        D; ``None``: max_i deg y_i.

    Returns
    -------
    list of fmpz_mpoly
        The homogeneous vector x over ``gens``, first non-zero leading coefficient positive.

    Examples
    --------
    >>> import sympy as sp
    >>> g, r = sp.symbols("g r")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): r, (1, 0): g, (1, 1): -r}, 2)
    >>> from symbolic_ness.algebra import nullspace_ring
    >>> y = nullspace_ring(dehomogenize(pm, 1))[0]
    >>> pm.to_sympy([rehomogenize(y, 1, pm.gens)])
    [[r, g]]
    """
    s = len(gens)
    ctx = _ctx(tuple(g.name for g in gens))
    if degree is None:
        D = max((y.total_degree() for y in vec if not y.is_zero()), default=0) if s > 1 else 0
    else:
        D = degree
    out = []
    for y in vec:  # monoms()/coeffs() in C; fmpz coefficients are passed through unconverted
        ms = y.monoms() if s > 1 else [()] * len(y)
        out.append(ctx.from_dict({m[:k] + (D - sum(m),) + m[k:]: c for m, c in zip(ms, y.coeffs())}))
    first = next((e for e in out if not e.is_zero()), None)
    if first is not None and int(first.leading_coefficient()) < 0:
        out = [-e for e in out]
    return out
