r"""Model files with sites of any dimension: the ``dims`` key and its checks.

Syntax (see :mod:`symbolic_ness.engines._modelfile` for the rest of the format)::

    dims = [3, 2]                 # site 0: three levels, site 1: a qubit; sites may be omitted
    hamiltonian = "Delta*T0(0,0) + g*(T0(0,1)*Sm1 + T0(1,0)*Sp1)"

    [[reset]]
    site = 0
    state = [["0","0","0"],["0","1","0"],["0","0","0"]]   # d x d, or a level: state = 1

Operators on site ``k`` of dimension ``d``: ``T<k>(a,b)``, ``Sx<k> Sy<k> Sz<k> Sp<k> Sm<k>``,
``a<k> ad<k> n<k>``; ``X<k> Y<k> Z<k>`` on ``d = 2`` sites only
(:mod:`symbolic_ness.core._parse_levels`). Every check names the key and its line: ``dims``
entries that are not integers >= 2, ``dims`` disagreeing with ``sites``, a Hilbert space larger
than :data:`MAX_DIM`, a level or site out of range, a Pauli on a d > 2 site, a non-Hermitian
Hamiltonian, a reset state of the wrong size or not a density matrix on the whole domain.

>>> from symbolic_ness.engines import read_model_file
>>> mf = read_model_file('dims = [3]\nhamiltonian = "D*Sz0**2"\n[parameters]\nD = "real"')
>>> mf.dims, mf.sites, mf.model().dim
((3,), 1, 3)
"""
from __future__ import annotations

import itertools
import re
from typing import Mapping

import sympy as sp

from .._errors import ParameterError
from ..core import parse_expression

__all__ = ["read_dims", "dims_sites", "check_level_parameter_names", "level_scalar", "check_hermitian_levels",
           "level_state", "check_density_levels", "MAX_DIM", "EXACT_MAX_UNKNOWNS", "choose_levels_engine"]

MAX_DIM = 1024  # Hilbert-space dimension of a file with dims (numeric Liouvillian 1024^2 x 1024^2, sparse)
EXACT_MAX_UNKNOWNS = 4096  # d^2 unknowns above which an exact solve is refused (numeric works)
_LEVEL_NAME = re.compile(r"^(T|Sx|Sy|Sz|Sp|Sm|ad|a|n|X|Y|Z)\d+$")


def read_dims(data: Mapping, W, symmetric: bool) -> tuple:
    """The ``dims`` of a file: ``()`` without the key, else a tuple of integers >= 2."""
    if "dims" not in data:
        return ()
    raw = data["dims"]
    where = W(None, "dims")
    if symmetric:
        raise ParameterError(where, raw, "no dims in a symmetric file: identical d-level sites in the "
                             "permutation-invariant engine are not available yet (write the sites explicitly)")
    if not isinstance(raw, list) or not raw:
        raise ParameterError(where, raw, "a non-empty list of site dimensions, e.g. dims = [3, 2]")
    for d in raw:
        if isinstance(d, bool) or not isinstance(d, int) or d < 2:
            raise ParameterError(where, raw, "integer site dimensions, each >= 2 (e.g. dims = [3, 2])")
    total = 1
    for d in raw:
        total *= d
    if total > MAX_DIM:
        raise ParameterError(where, raw, f"a Hilbert space of dimension <= {MAX_DIM} (these dims give {total}: "
                             f"a {total ** 2}-dimensional Liouvillian); truncate the modes or use fewer sites")
    return tuple(raw)


def dims_sites(dims: tuple, sites, W) -> int:
    """``sites`` of a file with ``dims``: omitted, or equal to ``len(dims)``."""
    if sites is None:
        return len(dims)
    if isinstance(sites, bool) or not isinstance(sites, int) or sites != len(dims):
        raise ParameterError(W(None, "sites"), sites, f"sites = {len(dims)} (the length of dims = {list(dims)}), "
                             "or omit sites")
    return sites


def check_level_parameter_names(symbols: Mapping, W) -> None:
    """No parameter may be named like an operator of a d-level site (``a0``, ``n1``, ``T0``, ``Sx2``)."""
    for name in symbols:
        if _LEVEL_NAME.match(name):
            raise ParameterError(W(("parameters", 0), name), name, "a parameter name that is not an operator name "
                                 "(T<k>, Sx<k>, Sy<k>, Sz<k>, Sp<k>, Sm<k>, a<k>, ad<k>, n<k>, X<k>, Y<k>, Z<k>)")


def level_scalar(c):
    from ..core._parse_levels import LevelSum
    return LevelSum.scalar(c)


def check_hermitian_levels(H, dims: tuple, raw, where) -> None:
    """``H`` is Hermitian for every real parameter value (exact, entry by entry)."""
    M = H.matrix(dims)
    dok = M.todok()
    for (i, j), v in dok.items():
        w = dok.get((j, i), 0)
        if sp.expand(v - sp.conjugate(w)) != 0:
            raise ParameterError(where, raw, f"a Hermitian Hamiltonian for every real parameter value (entry ({i}, {j}) "
                                 f"is {v}, entry ({j}, {i}) is {w})")


def level_state(raw, d: int, site: int, symbols: Mapping, where) -> sp.ImmutableMatrix:
    """A reset state of a d-level site: a level ``k`` (the projector |k><k|) or a d x d matrix."""
    want = f'a reset state of site {site} (dimension {d}): a level 0..{d - 1} or a {d}x{d} matrix of strings'
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    if isinstance(raw, int) and not isinstance(raw, bool):
        if not 0 <= raw < d:
            raise ParameterError(where, raw, want)
        m = sp.zeros(d, d)
        m[raw, raw] = 1
        return sp.ImmutableMatrix(m)
    if not (isinstance(raw, list) and len(raw) == d and all(isinstance(r, list) and len(r) == d for r in raw)):
        shape = (f"{len(raw)}x{len(raw[0]) if raw and isinstance(raw[0], list) else '?'}"
                 if isinstance(raw, list) else type(raw).__name__)
        raise ParameterError(where, shape, want)
    return sp.ImmutableMatrix([[parse_expression(x, symbols, key=where, operators=False) for x in row] for row in raw])


def check_density_levels(rho, bounds: Mapping, where, nonnegative) -> None:
    """A d x d matrix is a density matrix on the whole declared domain: Hermitian, trace 1 and
    every principal minor certified >= 0 (``nonnegative(expr, bounds)`` is True)."""
    d = rho.rows
    for i in range(d):
        for j in range(i, d):
            if sp.simplify(rho[j, i] - sp.conjugate(rho[i, j])) != 0:
                raise ParameterError(where, rho.tolist(), f"a density matrix: Hermitian (rho{j}{i} = conj(rho{i}{j}))")
    if sp.simplify(rho.trace() - 1) != 0:
        raise ParameterError(where, rho.tolist(), "a density matrix: trace 1")
    for k in range(1, d + 1):
        for idx in itertools.combinations(range(d), k):
            minor = sp.expand(rho.extract(list(idx), list(idx)).det())
            if minor == 0:
                continue
            if nonnegative(minor, bounds) is not True:
                raise ParameterError(where, rho.tolist(), f"a density matrix on the whole declared domain (principal "
                                     f"minor {list(idx)} >= 0 fails or cannot be certified)")


def choose_levels_engine(dims: tuple, quantity: str, free: list, method: str) -> tuple:
    """``(method, reason)`` for a file with sites of any dimension (same engines as qubit files):
    exact when the Liouvillian is small for the number of free symbols, numeric otherwise."""
    D = 1
    for d in dims:
        D *= d
    U = D * D
    shape = "x".join(str(d) for d in dims)
    if method == "exact" and U > EXACT_MAX_UNKNOWNS:
        raise ParameterError("--method", "exact", f"--method numeric (or auto) for dims {shape}: {U} unknowns exceed "
                             f"the exact limit of {EXACT_MAX_UNKNOWNS} (sparse numeric solves up to dimension 1024)")
    if method != "auto":
        return method, f"requested (--method {method})"
    if quantity == "spectrum":
        if U <= 36 and len(free) <= 2 or U <= 16:
            return "exact", f"exact factored characteristic polynomial: dims {shape}, {U} eigenvalues, {len(free)} free symbols"
        return "numeric", f"numeric eigenvalues: dims {shape}, {U} eigenvalues (--method exact forces the exact charpoly)"
    # measured (README Limits): 3 x 4 symbols 0.7 s, 4x2 x 4 symbols 1-7 s, but 3x2 x 3 symbols 277 s
    # and 3x3x2 x 1 symbol 126 s: exact in auto only where it is seconds
    if (not free and U <= 1296) or (len(free) <= 4 and U <= 16) or (len(free) <= 2 and U <= 64) \
            or (len(free) <= 1 and U <= 144):
        return "exact", (f"exact null space over Q" + (f"({', '.join(s.name for s in free)})" if free else "")
                         + f": dims {shape}, {U} unknowns")
    return "numeric", f"numeric null space: dims {shape}, {U} unknowns with {len(free)} free symbols is too large for exact"
