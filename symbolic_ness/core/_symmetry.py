r"""Weak symmetries of a Lindblad generator and its symmetry-adapted (trace) sector.

A unitary :math:`U` is a *weak symmetry* when the superoperator
:math:`\mathcal U\rho=U\rho U^\dagger` commutes with :math:`\mathcal L`; a conserved
charge :math:`Q` gives the continuous family :math:`e^{-i\varphi Q}\rho e^{i\varphi Q}`,
i.e. :math:`[\mathcal L,\mathcal K]=0` with :math:`\mathcal K\rho=\tfrac i2[Q,\rho]`. If the
steady state is unique it is invariant: :math:`\mathcal U\rho=\rho`,
:math:`\mathcal K\rho=0`. The candidates tested here, directly on the Pauli-basis
generator :math:`M` (exact symbolic comparison of entries), are

* Pauli strings :math:`U=P_a` (e.g. the parity :math:`\prod_j\sigma^x_j`), which act on
  Pauli coordinates as signs;
* site permutations (reflections, translations, all of :math:`S_n`), also combined with a
  global flip :math:`X^{\otimes n}, Y^{\otimes n}, Z^{\otimes n}`; they permute coordinates
  with signs;
* :math:`U(1)` charges :math:`Q=\sum_j\sigma^a_j`, :math:`a\in\{x,y,z\}` (total magnetisation).

:func:`invariant_basis` returns an integer basis :math:`B` of the common invariant
subspace with rows :math:`P` such that :math:`B_{P,:}` is diagonal, so that the steady state
is :math:`x=Bc` with :math:`c` in the null space of :math:`(MB)_{P,:}`
(:func:`reduce_to_sector`).

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, embed, sigma_x, sigma_y, sigma_minus, pauli_liouvillian
>>> J, k = sp.symbols("J kappa", positive=True)
>>> H = J * (embed(sigma_x(), 0, 2) * embed(sigma_x(), 1, 2) + embed(sigma_y(), 0, 2) * embed(sigma_y(), 1, 2))
>>> m = Model(2, H, jumps=[Jump(embed(sigma_minus(), 0, 2), k), Jump(embed(sigma_minus(), 1, 2), k)])
>>> [s.name for s in detect_symmetries(pauli_liouvillian(m).todok(), 2)]
['U(1) sum sigma_z', 'parity ZZ', 'reflection']
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Mapping, Sequence

import sympy as sp

from ._symmetry_fast import Entries, _same, pauli_parities

__all__ = ["Symmetry", "detect_symmetries", "invariant_basis", "reduce_to_sector", "certify_sector"]

_L = "IXYZ"
# i[sigma_a, sigma_b]/2 = sign * sigma_c  (a, b, c in 1..3 = x, y, z)
_COMM = {3: {1: (2, -1), 2: (1, 1)}, 1: {2: (3, -1), 3: (2, 1)}, 2: {3: (1, -1), 1: (3, 1)}}


@dataclass(frozen=True)
class Symmetry:
    """A weak symmetry found on the Pauli-basis generator.

    ``kind``: ``"pauli"`` or ``"permutation"`` (signed permutation ``perm``/``signs`` of the
    Pauli coordinates: :math:`\\mathcal U e_\\mu = s_\\mu e_{\\pi(\\mu)}`), or ``"u1"``
    (``axis`` 1, 2, 3 for :math:`\\sum_j\\sigma^{x,y,z}_j`).

    Attributes
    ----------
    name : str
        A readable name, e.g. ``"parity Z"``.
    kind : str
        ``"pauli"``, ``"permutation"`` or ``"u1"``.
    perm, signs : tuple of int
        The signed permutation of Pauli coordinates (``"pauli"``/``"permutation"``).
    axis : int
        1, 2, 3 for a ``"u1"`` symmetry Σ_j σ^{x,y,z}_j (0 otherwise).
    generator : tuple
        ``((row, col), int)`` entries of K for ``"u1"`` charges on sites of any dimension.

    Examples
    --------
    >>> Symmetry("parity Z", "pauli", (0, 1, 2, 3), (1, -1, -1, 1)).kind
    'pauli'
    """

    name: str
    kind: str
    perm: tuple = ()
    signs: tuple = ()
    axis: int = 0
    generator: tuple = ()  # u1 of sites of any dimension: ((row, col), int) entries of K (real basis)


def _digits(mu: int, n: int) -> list:
    return [(mu >> (2 * (n - 1 - j))) & 3 for j in range(n)]


def _index(d: Sequence[int]) -> int:
    mu = 0
    for x in d:
        mu = 4 * mu + x
    return mu


def _digit_table(n: int):
    """``(4^n, n)`` int array of the Pauli digits of every index (numpy; one table per ``n``)."""
    import numpy as np
    mu = np.arange(4 ** n, dtype=np.int64)
    return np.stack([(mu >> (2 * (n - 1 - j))) & 3 for j in range(n)], axis=1)


def _pauli_action(a: Sequence[int], n: int, table=None):
    """Signs of the conjugation by the Pauli string with digits ``a``."""
    import numpy as np
    D = _digit_table(n) if table is None else table
    A = np.asarray(a, dtype=np.int64)[None, :]
    anti = ((A != 0) & (D != 0) & (D != A)).sum(axis=1)
    return tuple(range(4 ** n)), tuple(int(x) for x in np.where(anti % 2 == 1, -1, 1))


def _perm_arrays(pi: Sequence[int], flip: int, n: int, table=None):
    """``(perm, signs)`` int64 arrays of the site permutation ``pi`` with the global flip ``flip``."""
    import numpy as np
    D = _digit_table(n) if table is None else table
    new = np.zeros_like(D)
    new[:, list(pi)] = D
    perm = np.zeros(len(D), dtype=np.int64)
    for j in range(n):
        perm = 4 * perm + new[:, j]
    anti = ((D != 0) & (D != flip)).sum(axis=1) if flip else np.zeros(len(D), dtype=np.int64)
    return perm, np.where(anti % 2 == 1, -1, 1)


def _u1_generator(axis: int, n: int) -> dict:
    """``{(row, col): ±1}`` of :math:`\\mathcal K=\\tfrac i2[\\sum_j\\sigma^a_j,\\cdot]` in the Pauli basis."""
    K = {}
    for mu in range(4 ** n):
        d = _digits(mu, n)
        for j, x in enumerate(d):
            if x and x != axis:
                c, s = _COMM[axis][x]
                e = list(d)
                e[j] = c
                K[(_index(e), mu)] = K.get((_index(e), mu), 0) + s
    return K


def _matmul(A: Mapping, B: Mapping) -> dict:
    rows_b: dict = {}
    for (k, j), v in B.items():
        rows_b.setdefault(k, []).append((j, v))
    out: dict = {}
    for (i, k), v in A.items():
        for j, w in rows_b.get(k, ()):
            out[(i, j)] = out.get((i, j), 0) + v * w
    return out


def _commutes_with(dok: Mapping, K: Mapping) -> bool:
    a, b = _matmul(dok, K), _matmul(K, dok)
    return all(_same(a.get(key, 0), b.get(key, 0)) for key in set(a) | set(b))


def _f2(a: Sequence[int]) -> int:
    """Binary symplectic vector of a Pauli string (phases ignored)."""
    v = 0
    for x in a:
        v = (v << 2) | {0: 0, 1: 2, 2: 3, 3: 1}[x]
    return v


def detect_symmetries(dok: Mapping, n: int, max_permutation_sites: int = 6) -> list:
    """Weak symmetries of the Pauli-basis generator ``dok`` (``4^n × 4^n``), a generating set.

    Exact: each candidate is accepted only if every entry matches symbolically.

    A symmetry U is weak when U M = M U for the Pauli-basis generator M (ẋ = M x).

    Parameters
    ----------
    dok : mapping {(i, j): expr}
        The entries of M (4^n × 4^n, :func:`~symbolic_ness.core.pauli_liouvillian`).
    n : int
        Number of qubits.
    max_permutation_sites : int, default 6
        Site permutations are searched only for 2 ≤ n ≤ this.

    Returns
    -------
    list of Symmetry
        U(1) rotations, a GF(2)-independent set of Pauli parities, and site permutations.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z, pauli_liouvillian
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> [s.name for s in detect_symmetries(pauli_liouvillian(m).todok(), 1)]
    ['U(1) sum sigma_z', 'parity Z']
    """
    dok = {k: v for k, v in dok.items() if v != 0}
    ent = Entries(dok, 4 ** n)  # entries numbered by distinct value: vectorized exact tests
    found = []
    for axis in (3, 1, 2):
        K = _u1_generator(axis, n)
        ok = ent.commutes_int(K)
        if ok is None:  # entries not polynomials over Q: entry-wise symbolic test
            ok = _commutes_with(dok, K)
        if ok:
            found.append(Symmetry(f"U(1) sum sigma_{'xyz'[axis - 1]}", "u1", axis=axis))
    # Pauli strings: keep an independent (over GF(2)) generating set
    basis: list = []
    import numpy as np
    table = _digit_table(n)
    # a Pauli string acts by signs: it commutes iff every entry joins coordinates of equal sign
    acts = pauli_parities(ent.rows, ent.cols, table)
    for mu in np.nonzero(acts)[0].tolist():
        if mu == 0:
            continue
        a = _digits(mu, n)
        v = _f2(a)
        for b in basis:
            v = min(v, v ^ b)
        if v:
            perm, signs = _pauli_action(a, n, table)
            basis.append(v)
            basis.sort(reverse=True)
            found.append(Symmetry("parity " + "".join(_L[x] for x in a), "pauli", perm, signs))
    # site permutations (optionally with a global flip)
    if 2 <= n <= max_permutation_sites:
        group = {tuple(range(n))}
        for pi in permutations(range(n)):
            if pi in group:
                continue
            for flip in (0, 1, 2, 3):
                perm, signs = _perm_arrays(pi, flip, n, table)
                if ent.signed_perm_commutes(perm, signs):
                    perm, signs = tuple(perm.tolist()), tuple(signs.tolist())
                    name = "site permutation " + str(pi) + ("" if not flip else f" with {_L[flip] * n}")
                    if pi == tuple(range(n - 1, -1, -1)):
                        name = "reflection" + ("" if not flip else f" with {_L[flip] * n}")
                    found.append(Symmetry(name, "permutation", perm, signs))
                    group = _closure(group | {pi})
                    break
    return found


def _closure(gens: set) -> set:
    group = set(gens)
    frontier = list(group)
    while frontier:
        new = []
        for a in frontier:
            for b in list(group):
                for c in (tuple(a[i] for i in b), tuple(b[i] for i in a)):
                    if c not in group:
                        group.add(c)
                        new.append(c)
        frontier = new
    return group


def invariant_basis(symmetries: Sequence[Symmetry], n: int) -> tuple:
    r"""Integer basis of the subspace of coordinate vectors invariant under ``symmetries``.

    A weak symmetry acts on the real-basis coordinates as a signed permutation
    :math:`x_\mu\mapsto s_\mu x_{\pi(\mu)}` (U(1) charges as a linear constraint :math:`Kx=0`);
    the steady state lies in the common fixed space. Its basis columns are the signed orbit
    sums (orbits whose signs are inconsistent are dropped), reduced by the U(1) constraints.

    Parameters
    ----------
    symmetries : sequence of Symmetry
        From :func:`detect_symmetries` (or :func:`~symbolic_ness.core._charges.detect_charges`).
    n : int or list of int
        Number of qubits, or the site dimensions.

    Returns
    -------
    tuple
        ``(B, P)``: integer columns ``B`` (list of ``{row: int}``) and pivot rows ``P`` with
        ``B[a][P[a]] != 0`` and ``B[a][P[a']] = 0`` for ``a' != a``. The identity coordinate is
        always the first column (``P[0] = 0``, ``B[0] = {0: 1}``).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness import Model, Jump, pauli_liouvillian, sigma_minus, sigma_x
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m = Model(1, sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> syms = detect_symmetries(pauli_liouvillian(m).todok(), 1)
    >>> [s.name for s in syms], invariant_basis(syms, 1)    # no symmetry: every coordinate
    ([], ([{0: 1}, {1: 1}, {2: 1}, {3: 1}], [0, 1, 2, 3]))
    """
    import flint
    if isinstance(n, int):
        N = 4 ** n
    else:  # a list of site dimensions: the real operator basis of _levels
        from ._levels import basis_size
        N = basis_size(tuple(n))
    gens = [s for s in symmetries if s.kind != "u1"]
    coef: dict = {}
    cols = []
    for mu in range(N):
        if mu in coef:
            continue
        orbit = {mu: 1}
        stack, ok = [mu], True
        while stack:
            a = stack.pop()
            for g in gens:
                b, c = g.perm[a], g.signs[a] * orbit[a]
                if b in orbit:
                    ok = ok and orbit[b] == c
                else:
                    orbit[b] = c
                    stack.append(b)
        for a in orbit:
            coef[a] = True
        if ok:
            cols.append(orbit)
    u1 = [s for s in symmetries if s.kind == "u1"]
    if u1:
        K: dict = {}
        for k, s in enumerate(u1):
            gen = dict(s.generator) if s.generator else _u1_generator(s.axis, n)
            for (i, j), v in gen.items():
                K[(s.axis if not s.generator else ("q", k), i, j)] = v
        # K B0 c = 0: rows (axis, i), columns = orbit index
        rowid: dict = {}
        ent: dict = {}
        colof = {}
        for c, orb in enumerate(cols):
            for mu, sg in orb.items():
                colof.setdefault(mu, []).append((c, sg))
        for (ax, i, j), v in K.items():
            for c, sg in colof.get(j, ()):
                r = rowid.setdefault((ax, i), len(rowid))
                ent[(r, c)] = ent.get((r, c), 0) + v * sg
        A = flint.fmpq_mat(max(len(rowid), 1), len(cols))
        for (r, c), v in ent.items():
            A[r, c] = v
        R, rank = A.rref()
        piv, row = [], 0
        for c in range(len(cols)):
            if row < rank and R[row, c] != 0:
                piv.append(c)
                row += 1
        free = [c for c in range(len(cols)) if c not in set(piv)]
        newcols = []
        for f in free:
            comb = {f: flint.fmpq(1)}
            for rr, c in enumerate(piv):
                if R[rr, f] != 0:
                    comb[c] = -R[rr, f]
            den = 1
            for q in comb.values():
                den = den * int(q.q) // _g(den, int(q.q))
            vec: dict = {}
            for c, q in comb.items():
                w = int(q.p) * (den // int(q.q))
                for mu, sg in cols[c].items():
                    vec[mu] = vec.get(mu, 0) + w * sg
            newcols.append({mu: v for mu, v in vec.items() if v})
        cols = newcols
    if not u1:  # signed orbits have disjoint supports: the rref only scales each row by its first entry
        B, P = [], []
        for orb in sorted(cols, key=min):
            first = min(orb)
            s0 = orb[first]  # +-1
            B.append({mu: orb[mu] * s0 for mu in sorted(orb)})
            P.append(first)
        return B, P
    # echelon form on rows (columns of B): pivot rows P with B[P,:] diagonal
    M = flint.fmpq_mat(len(cols), N)
    for c, vec in enumerate(cols):
        for mu, v in vec.items():
            M[c, mu] = v
    R, rank = M.rref()
    B, P = [], []
    for r in range(rank):
        entries = {mu: R[r, mu] for mu in range(N) if R[r, mu] != 0}
        den = 1
        for q in entries.values():
            den = den * int(q.q) // _g(den, int(q.q))
        B.append({mu: int(q.p) * (den // int(q.q)) for mu, q in entries.items()})
        P.append(min(entries))
    return B, P


def _g(a, b):
    while b:
        a, b = b, a % b
    return a


def reduce_to_sector(pm, B: Sequence[dict], P: Sequence[int]):
    r"""The generator on the invariant subspace: :math:`(MB)_{P,:}`, rows made primitive.

    When :math:`MB=BQ` (the span of :math:`B` is :math:`M`-invariant) the rows :math:`P` determine
    an element of the span, so :math:`MBc=0` iff :math:`(MB)_{P,:}c=0`:
    :func:`certify_sector` proves this for the columns that are solved.

    Parameters
    ----------
    pm : PolyMatrix
        The generator :math:`M` over :math:`\mathbb Z[p]`.
    B, P : list of dict, list of int
        The invariant basis and its pivot rows (:func:`invariant_basis`).

    Returns
    -------
    PolyMatrix
        ``len(P) x len(B)``, each row divided by its content.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra import PolyMatrix
    >>> g = sp.Symbol("g")
    >>> pm = PolyMatrix.from_dok({(0, 1): g, (1, 0): g, (1, 2): g, (2, 1): g}, 3)
    >>> red = reduce_to_sector(pm, [{0: 1, 2: 1}, {1: 1}], [0, 1])
    >>> {i: {j: str(e) for j, e in r.items()} for i, r in red.rows.items()}   # [0, g], [2g, 0] made primitive
    {0: {1: '1'}, 1: {0: '1'}}
    """
    from ..algebra._linalg_ring import PolyMatrix, _primitive_row
    brow: dict = {}
    for c, vec in enumerate(B):
        for mu, v in vec.items():
            brow.setdefault(mu, []).append((c, v))
    rows = {}
    for a, pr in enumerate(P):
        acc: dict = {}
        for mu, e in pm.rows.get(pr, {}).items():
            for c, v in brow.get(mu, ()):
                acc[c] = acc[c] + e * v if c in acc else e * v
        acc = {c: e for c, e in acc.items() if not e.is_zero()}
        if acc:
            rows[a] = _primitive_row(acc)[0]
    return PolyMatrix(pm.gens, len(P), len(B), rows)


def expand_solution(B: Sequence[dict], c: Sequence, N: int, ctx) -> list:
    """``x = B c`` (fmpz_mpoly entries; a coordinate that is one column entry times +-1 shares
    or negates that ``c`` entry instead of multiplying and adding)."""
    x: list = [None] * N
    for col, vec in enumerate(B):
        if c[col].is_zero():
            continue
        for mu, v in vec.items():
            term = c[col] if v == 1 else -c[col] if v == -1 else c[col] * v
            x[mu] = term if x[mu] is None else x[mu] + term
    zero = ctx.from_dict({})
    return [zero if e is None else e for e in x]


def certify_sector(pm, B: Sequence[dict], P: Sequence[int], red, sector: Sequence[int]) -> None:
    r"""Prove that a null vector of the solved sector block is a null vector of :math:`M`.

    With :math:`x=Bc` and :math:`c` supported on ``sector``, :math:`Mx=0` follows from the
    certified :math:`\text{sub}\,c=0` (``sub`` = ``red`` on ``sector``) once three facts hold
    exactly, which this function checks:

    1. pivots: :math:`B_{P_a,a}\ne0` and :math:`B_{P_{a'},a}=0` for :math:`a'\ne a` (so an element
       :math:`y=Bd` of the span has :math:`d_a=y_{P_a}/B_{P_a,a}`);
    2. invariance: for every column :math:`a` in ``sector``, :math:`Mb_a` lies in the span of
       :math:`B`: :math:`D\,Mb_a=\sum_k (D/B_{P_k,k})\,(Mb_a)_{P_k}\,b_k` with :math:`D` the lcm of
       the pivots (polynomial arithmetic);
    3. decoupling: no row of ``red`` outside ``sector`` has an entry in a ``sector`` column.

    Then :math:`MBc=Bd` with :math:`d_k\propto(MBc)_{P_k}=h_k\,(\text{red}\,c)_k=0` (the rows of
    ``red`` are those of :math:`(MB)_{P,:}` divided by non-zero contents :math:`h_k`), so
    :math:`Mx=0`. This replaces the product of :math:`M` with the expanded vector (often ten times
    the sector's terms) by products of :math:`M` with the sparse integer columns of :math:`B`.

    Parameters
    ----------
    pm : PolyMatrix
        The full generator :math:`M` as built by ``PolyMatrix.from_dok`` (its row scalings are
        undone by :meth:`~symbolic_ness.algebra.PolyMatrix.proportional` for the invariance check;
        the null space does not see them).
    B, P : list of dict, list of int
        The invariant basis and its pivot rows (:func:`invariant_basis`).
    red : PolyMatrix
        :func:`reduce_to_sector` ``(pm, B, P)``.
    sector : list of int
        The solved block of ``red`` (columns of ``B``).

    Returns
    -------
    None
        Returns only when the three facts hold.

    Raises
    ------
    CheckFailedError
        If one of the three facts fails.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra import PolyMatrix
    >>> g = sp.Symbol("g")
    >>> pm = PolyMatrix.from_dok({(0, 1): g, (1, 0): g, (1, 2): g, (2, 1): g}, 3)
    >>> B, P = [{0: 1, 2: 1}, {1: 1}], [0, 1]           # span{e0 + e2, e1} is M-invariant
    >>> red = reduce_to_sector(pm, B, P)
    >>> certify_sector(pm, B, P, red, [0, 1]) is None
    True
    >>> certify_sector(pm, [{0: 1}, {1: 1}], [0, 1], reduce_to_sector(pm, [{0: 1}, {1: 1}], [0, 1]), [0, 1])
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: sector certificate: M b_1 leaves the span of the invariant basis
    """
    from math import lcm
    from .._errors import CheckFailedError
    for a, (b, pa) in enumerate(zip(B, P)):
        if not b.get(pa):
            raise CheckFailedError(f"sector certificate: basis column {a} vanishes at its pivot row")
    owners: dict = {}
    for a, b in enumerate(B):
        for mu in b:
            owners.setdefault(mu, []).append(a)
    for a, pa in enumerate(P):
        if any(k != a for k in owners.get(pa, ())):
            raise CheckFailedError(f"sector certificate: pivot row {pa} is shared by several basis columns")
    cols: dict = {}  # the columns of c M (from_dok scaled rows separately; invariance needs M itself)
    for i, r in pm.proportional().rows.items():
        for j, e in r.items():
            cols.setdefault(j, []).append((i, e))
    D = lcm(*(abs(int(b[pa])) for b, pa in zip(B, P))) if B else 1
    pivot_of = {pa: a for a, pa in enumerate(P)}
    inside = set(sector)
    for a in sector:
        y: dict = {}
        for mu, c in B[a].items():
            for i, e in cols.get(mu, ()):
                y[i] = y[i] + e * c if i in y else e * c
        y = {i: e for i, e in y.items() if not e.is_zero()}
        z: dict = {}
        for i, e in y.items():
            k = pivot_of.get(i)
            if k is None:
                continue
            f = e * (D // int(B[k][i]))
            for mu, c in B[k].items():
                z[mu] = z[mu] + f * c if mu in z else f * c
        for mu in set(y) | set(z):
            if y.get(mu, 0) * D != z.get(mu, 0):
                raise CheckFailedError(f"sector certificate: M b_{a} leaves the span of the invariant basis")
    for i, r in red.rows.items():
        if i not in inside and any(j in inside for j in r):
            raise CheckFailedError(f"sector certificate: row {i} outside the solved block couples to it")
