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

__all__ = ["Symmetry", "detect_symmetries", "invariant_basis", "reduce_to_sector"]

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


def _commutes_signed(dok: Mapping, perm, signs) -> bool:
    for (i, j), v in dok.items():
        w = dok.get((perm[i], perm[j]), 0)
        if not _same(w, signs[i] * signs[j] * v):
            return False
    return True


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
    """``(B, P)``: integer basis columns ``B`` (list of ``{row: int}``) of the invariant subspace,
    pivot rows ``P`` with ``B[P[a]][a] != 0`` and ``B[P[a']][a] = 0`` for ``a' != a``.

    The identity coordinate is always the first column (``P[0] = 0``, ``B[0] = {0: 1}``).
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
    """``(M B)_{P,:}`` as a :class:`~symbolic_ness.algebra._linalg_ring.PolyMatrix` (same null space as
    :math:`M` restricted to the invariant subspace spanned by ``B``)."""
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
    """``x = B c`` (fmpz_mpoly entries)."""
    x = [ctx.from_dict({}) for _ in range(N)]
    for col, vec in enumerate(B):
        if c[col].is_zero():
            continue
        for mu, v in vec.items():
            x[mu] = x[mu] + c[col] * v
    return x
