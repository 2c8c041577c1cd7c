r"""Local chain models and their Heisenberg (adjoint) action on Pauli strings.

A :class:`LocalChain` is a master equation on ``n`` qubits given by *local* data: Hamiltonian
terms :math:`h_k P_k` (``P_k`` a Pauli string, usually on one or two sites, ``h_k`` any sympy
expression), one-site jump operators :math:`L` (a :math:`2\times2` matrix with entries in
:math:`\mathbb Q(i)`) with symbolic rates :math:`\kappa`, and one-site resets, with the
dissipator normalization ``"standard"`` (:math:`\kappa D[L]`) or ``"doubled"``
(:math:`2\kappa D[L]`). It can be written by hand (:func:`local_chain`) or read off a core
:class:`~symbolic_ness.core.Model` (:meth:`LocalChain.from_model`).

The adjoint generator acts on a Pauli string :math:`P` as

.. math::

    \mathcal L^\dagger P = i[H,P] + f\sum_k\kappa_k\Big(L_k^\dagger P L_k
      -\tfrac12\{L_k^\dagger L_k,P\}\Big) + \sum_i r_i\big(\langle P_i\rangle_{\phi_i}-P_i\big)\otimes P_{\bar i},

and only the terms whose support meets that of :math:`P` contribute. For a Pauli string
term, :math:`i[Q,P]=2iQP` if :math:`Q,P` anticommute (a real :math:`\pm2` times a string)
and 0 otherwise; a one-site jump or reset maps the letter of :math:`P` on its site through a
:math:`4\times4` real matrix computed once from :math:`L` (exact rationals). The result is
linear in the *weights* (Hamiltonian coefficients and rates): :func:`adjoint_action` returns
it per weight ("family"), with exact rational coefficients.

Strings are tuples ``((site, letter), ...)`` sorted by site, letters in ``"XYZ"``, sites
0-indexed; ``()`` is the identity.

>>> import sympy as sp
>>> k = sp.Symbol("kappa", positive=True)
>>> ch = local_chain(2, hamiltonian=[(1, "XX", (0, 1)), (1, "YY", (0, 1))],
...                  jumps=[(0, "sigma-", k)])
>>> act = adjoint_action(ch, ((0, "Z"),))
>>> {pauli_label(s): c for s, c in sorted(act[ch.family_index(k)].items())}
{'1': Fraction(-1, 1), 'Z1': Fraction(-1, 1)}
>>> {pauli_label(s): int(c) for s, c in sorted(act[ch.family_index(1)].items())}
{'X1Y2': -2, 'Y1X2': 2}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np
import sympy as sp

from .._errors import ParameterError

__all__ = ["PauliTerm", "SiteJump", "SiteReset", "LocalChain", "local_chain", "pauli_mul", "pauli_label",
           "parse_pauli_string", "adjoint_action"]

_LETTERS = "IXYZ"

# single-site products: (a, b) -> (phase, c), with '' the identity
_PROD: dict = {}
for _a in "XYZ":
    _PROD[("", _a)] = (1, _a)
    _PROD[(_a, "")] = (1, _a)
    _PROD[(_a, _a)] = (1, "")
_PROD[("", "")] = (1, "")
for _a, _b, _c in (("X", "Y", "Z"), ("Y", "Z", "X"), ("Z", "X", "Y")):
    _PROD[(_a, _b)] = (1j, _c)
    _PROD[(_b, _a)] = (-1j, _c)


def pauli_mul(s1: tuple, s2: tuple):
    """Product of two Pauli strings: ``(phase, string)`` with phase in {±1, ±i}.

    Parameters
    ----------
    s1, s2 : tuple
        Pauli strings ``((site, letter), ...)``.

    Returns
    -------
    tuple
        ``(phase, string)`` with s1 · s2 = phase · string.

    Examples
    --------
    >>> pauli_mul(((0, "X"),), ((0, "Y"), (1, "Z")))
    (1j, ((0, 'Z'), (1, 'Z')))
    """
    d = dict(s1)
    phase = 1
    for site, p in s2:
        ph, r = _PROD[(d.get(site, ""), p)]
        phase *= ph
        if r:
            d[site] = r
        else:
            d.pop(site, None)
    return phase, tuple(sorted(d.items()))


def pauli_label(string: tuple) -> str:
    """1-indexed label of a Pauli string, e.g. ``X1Z2Y3``; the identity is ``'1'``.

    Parameters
    ----------
    string : tuple
        A Pauli string ``((site, letter), ...)`` (0-indexed sites).

    Returns
    -------
    str
        The label with 1-indexed sites.

    Examples
    --------
    >>> pauli_label(((0, "X"), (2, "Y")))
    'X1Y3'
    """
    return "".join(f"{p}{s + 1}" for s, p in string) or "1"


def parse_pauli_string(spec, sites: Sequence[int] | None = None) -> tuple:
    """A Pauli string from ``((site, letter), ...)``, ``{site: letter}`` or letters + sites.

    Parameters
    ----------
    spec : str, mapping or sequence
        Letters (with ``sites``), ``{site: letter}`` or ``((site, letter), ...)``; ``I`` is skipped.
    sites : sequence of int or None, default None
        The sites of the letters of a str ``spec`` (``None``: 0, 1, ...).

    Returns
    -------
    tuple
        ``((site, letter), ...)`` sorted by site.

    Raises
    ------
    ParameterError
        A letter is not I, X, Y, Z, a site repeats, or letters and sites differ in number.

    Examples
    --------
    >>> parse_pauli_string("XZ", (2, 3))
    ((2, 'X'), (3, 'Z'))
    >>> parse_pauli_string({1: "Y"})
    ((1, 'Y'),)
    """
    if isinstance(spec, str):
        if sites is None:
            sites = range(len(spec))
        if len(spec) != len(tuple(sites)):
            raise ParameterError("string", spec, "one letter per listed site")
        items = [(int(s), c) for s, c in zip(sites, spec) if c != "I"]
    elif isinstance(spec, Mapping):
        items = [(int(s), c) for s, c in spec.items() if c != "I"]
    else:
        items = [(int(s), c) for s, c in spec if c != "I"]
    if any(c not in "XYZ" for _, c in items):
        raise ParameterError("string", spec, "letters I, X, Y, Z")
    if len({s for s, _ in items}) != len(items):
        raise ParameterError("string", spec, "at most one letter per site")
    return tuple(sorted(items))


def _anticommute(p: tuple, q: tuple) -> bool:
    dq = dict(q)
    k = sum(1 for s, a in p if s in dq and dq[s] != a)
    return k % 2 == 1


# ----------------------------------------------------------------- local data
_PAULI2 = {"I": sp.eye(2), "X": sp.Matrix([[0, 1], [1, 0]]), "Y": sp.Matrix([[0, -sp.I], [sp.I, 0]]),
           "Z": sp.Matrix([[1, 0], [0, -1]])}
_NAMED = {"sigma+": sp.Matrix([[0, 1], [0, 0]]), "sigma-": sp.Matrix([[0, 0], [1, 0]]),
          "X": _PAULI2["X"], "Y": _PAULI2["Y"], "Z": _PAULI2["Z"]}


def _to_fraction(v, what: str) -> Fraction:
    v = sp.sympify(v)
    if not v.is_Rational:
        raise ParameterError(what, v, "exact rational entries (numbers in Q or Q(i))")
    return Fraction(int(v.p), int(v.q))


def _exact_number(x):
    """sympy number; a float becomes the rational it prints (``Rational(repr(x))``)."""
    if isinstance(x, float):
        return sp.Rational(repr(x))
    if isinstance(x, complex):
        return sp.Rational(repr(x.real)) + sp.I * sp.Rational(repr(x.imag))
    if isinstance(x, np.generic):
        return _exact_number(x.item())
    return sp.sympify(x)


def _local_matrix(op) -> sp.Matrix:
    if isinstance(op, str):
        if op not in _NAMED:
            raise ParameterError("jump operator", op, "a 2x2 matrix or one of " + ", ".join(_NAMED))
        return _NAMED[op]
    if isinstance(op, Mapping):
        M = sp.zeros(2, 2)
        for lab, c in op.items():
            if lab not in _PAULI2:
                raise ParameterError("jump operator", op, "Pauli letters I, X, Y, Z as keys")
            M += _exact_number(c) * _PAULI2[lab]
        return M
    M = sp.Matrix(np.asarray(op).tolist() if isinstance(op, np.ndarray) else op).applyfunc(_exact_number)
    if M.shape != (2, 2):
        raise ParameterError("jump operator", M.shape, "a 2x2 matrix (one-site jump)")
    return M


def _pauli_coefficients(M: sp.Matrix) -> dict:
    """``{letter: tr(sigma_letter M)/2}`` (exact)."""
    return {lab: sp.expand((P * M).trace() / 2) for lab, P in _PAULI2.items()}


def _real_fraction_map(M: sp.Matrix, what: str) -> dict:
    out = {}
    for lab, c in _pauli_coefficients(M).items():
        if c == 0:
            continue
        re, im = sp.re(c), sp.im(c)
        if im != 0:
            raise ParameterError(what, M.tolist(), "a map with real Pauli coefficients")
        out[lab] = _to_fraction(re, what)
    return out


@dataclass(frozen=True)
class PauliTerm:
    """Hamiltonian term ``coefficient * string`` (string: ``((site, letter), ...)``).

    Attributes
    ----------
    coefficient : sympy expression
        h_k.
    string : tuple
        P_k as ``((site, letter), ...)``.

    Examples
    --------
    >>> k, J = sp.symbols("kappa J", positive=True)
    >>> ch = local_chain(2, hamiltonian=[(J, "XX", (0, 1))], jumps=[(0, "sigma-", k)])
    >>> ch.hamiltonian[0]
    PauliTerm(coefficient=J, string=((0, 'X'), (1, 'X')))
    """

    coefficient: sp.Expr
    string: tuple


@dataclass(frozen=True)
class SiteJump:
    """Jump operator ``operator`` (2×2, entries in Q(i)) on ``site`` with ``rate``.

    Enters as f κ (L ρ L† − ½{L†L, ρ}) with L on ``site``.

    Attributes
    ----------
    site : int
        The site (0-indexed).
    operator : sympy ImmutableMatrix
        L (2×2).
    rate : sympy expression
        κ.
    label : str, default ""
        A name.

    Examples
    --------
    >>> k, J = sp.symbols("kappa J", positive=True)
    >>> ch = local_chain(2, hamiltonian=[(J, "XX", (0, 1))], jumps=[(0, "sigma-", k)])
    >>> ch.jumps[0].site, ch.jumps[0].rate, ch.jumps[0].label
    (0, kappa, 'sigma-')
    """

    site: int
    operator: sp.ImmutableMatrix
    rate: sp.Expr
    label: str = ""


@dataclass(frozen=True)
class SiteReset:
    """Reset of ``site`` to the one-qubit state ``state`` (2×2, rational entries) at ``rate``.

    Enters as r (ρ_φ ⊗ tr_site ρ − ρ); in the Heisenberg picture P_i → r(⟨P_i⟩_φ − P_i).

    Attributes
    ----------
    site : int
        The site (0-indexed).
    state : sympy ImmutableMatrix
        ρ_φ (2×2).
    rate : sympy expression
        r.

    Examples
    --------
    Reset to ``|0⟩`` at rate κ: L†(Z) = κ(1 − Z):

    >>> k = sp.Symbol("kappa", positive=True)
    >>> ch = local_chain(1, resets=[(0, sp.Matrix([[1, 0], [0, 0]]), k)])
    >>> ch.resets[0].rate, adjoint_action(ch, ((0, "Z"),))
    (kappa, {0: {((0, 'Z'),): Fraction(-1, 1), (): Fraction(1, 1)}})
    """

    site: int
    state: sp.ImmutableMatrix
    rate: sp.Expr


@dataclass(frozen=True)
class LocalChain:
    """Local description of an n-qubit master equation (see the module docstring).

    ``families`` are the distinct weights (Hamiltonian coefficients and rates, sympy
    expressions) in order of first appearance; the adjoint generator is
    :math:`\\sum_f w_f\\,\\mathcal M_f` with exact rational :math:`\\mathcal M_f`.

    Attributes
    ----------
    n : int
        Number of qubits.
    hamiltonian : tuple of PauliTerm, default ()
        The terms h_k P_k.
    jumps : tuple of SiteJump, default ()
        One-site jumps.
    resets : tuple of SiteReset, default ()
        One-site resets.
    normalization : str, default "standard"
        ``"standard"`` or ``"doubled"``.
    name : str, default ""
        A name.
    families : tuple
        The distinct weights w_f.
    symbols : tuple of Symbols
        Their free symbols.

    Examples
    --------
    >>> k, J = sp.symbols("kappa J", positive=True)
    >>> ch = local_chain(2, hamiltonian=[(J, "XX", (0, 1))], jumps=[(0, "sigma-", k)])
    >>> ch.families, ch.factor
    ((J, kappa), 1)
    """

    n: int
    hamiltonian: tuple = ()
    jumps: tuple = ()
    resets: tuple = ()
    normalization: str = "standard"
    name: str = ""
    _maps: dict = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if isinstance(self.n, bool) or not isinstance(self.n, (int, np.integer)) or self.n < 1:
            raise ParameterError("n", self.n, "an integer n >= 1 (number of sites)")
        if self.normalization not in ("standard", "doubled"):
            raise ParameterError("normalization", self.normalization, "'standard' or 'doubled'")
        for t in self.hamiltonian:
            if any(not 0 <= s < self.n for s, _ in t.string):
                raise ParameterError("hamiltonian", t.string, f"sites 0..{self.n - 1}")
        for j in tuple(self.jumps) + tuple(self.resets):
            if not 0 <= j.site < self.n:
                raise ParameterError("site", j.site, f"0 <= site <= {self.n - 1}")
        object.__setattr__(self, "_maps", _build_maps(self))

    @property
    def factor(self) -> int:
        """Dissipator prefactor f (1 standard, 2 doubled)."""
        return 2 if self.normalization == "doubled" else 1

    @property
    def families(self) -> tuple:
        return self._maps["families"]

    @property
    def symbols(self) -> tuple:
        """Free symbols of all weights, sorted by name."""
        syms = set()
        for w in self.families:
            syms |= sp.sympify(w).free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    def family_index(self, weight) -> int:
        """Index of the family with weight ``weight`` (ParameterError if none)."""
        w = sp.sympify(weight)
        for i, f in enumerate(self.families):
            if sp.sympify(f) == w:
                return i
        raise ParameterError("weight", weight, "one of the chain's weights " + str(list(self.families)))

    @classmethod
    def from_model(cls, model, max_weight: int = 2) -> "LocalChain":
        """Read the local data off a core :class:`~symbolic_ness.core.Model`.

        The Hamiltonian is decomposed into Pauli strings on at most ``max_weight`` sites
        (exactly: the sum is checked to reproduce H), every jump must act on one site and
        every reset is kept as a reset. Raises :class:`ParameterError` otherwise.
        """
        return _from_model(cls, model, max_weight)


def local_chain(n: int, hamiltonian: Sequence = (), jumps: Sequence = (), resets: Sequence = (),
                normalization: str = "standard", name: str = "") -> LocalChain:
    """Build a :class:`LocalChain` from light data.

    * ``hamiltonian``: items ``(coefficient, letters, sites)`` (e.g. ``(J, "XX", (0, 1))``),
      ``(coefficient, string)`` or :class:`PauliTerm`;
    * ``jumps``: items ``(site, operator, rate[, label])`` with ``operator`` a 2×2 matrix,
      a dict ``{letter: coefficient}`` or a name ``"sigma+"``, ``"sigma-"``, ``"X"``, ``"Y"``,
      ``"Z"``;
    * ``resets``: items ``(site, state, rate)`` with ``state`` a 2×2 density matrix.

    Coefficients and rates are sympy expressions (floats become the rational they print).

    Parameters
    ----------
    n : int
        Number of qubits.
    hamiltonian : sequence, default ()
        The Hamiltonian terms (forms above).
    jumps : sequence, default ()
        The jumps (forms above; the label defaults to the operator name).
    resets : sequence, default ()
        The resets.
    normalization : str, default "standard"
        ``"standard"`` (κ D[L]) or ``"doubled"`` (2κ D[L]).
    name : str, default ""
        A name.

    Returns
    -------
    LocalChain
        The chain.

    Raises
    ------
    ParameterError
        Bad sites, letters, operators or normalization.

    Examples
    --------
    >>> k, J = sp.symbols("kappa J", positive=True)
    >>> ch = local_chain(2, hamiltonian=[(J, "XX", (0, 1))], jumps=[(0, "sigma-", k)])
    >>> ch.n, len(ch.hamiltonian), ch.jumps[0].operator
    (2, 1, Matrix([
    [0, 0],
    [1, 0]]))
    """
    H = []
    for t in hamiltonian:
        if isinstance(t, PauliTerm):
            H.append(t)
        elif len(t) == 3:
            H.append(PauliTerm(_exact_number(t[0]), parse_pauli_string(t[1], t[2])))
        else:
            H.append(PauliTerm(_exact_number(t[0]), parse_pauli_string(t[1])))
    J = []
    for j in jumps:
        if isinstance(j, SiteJump):
            J.append(j)
            continue
        site, op, rate = j[:3]
        label = j[3] if len(j) > 3 else (op if isinstance(op, str) else "")
        J.append(SiteJump(int(site), sp.ImmutableMatrix(_local_matrix(op)), _exact_number(rate), label))
    R = []
    for r in resets:
        if isinstance(r, SiteReset):
            R.append(r)
            continue
        site, state, rate = r
        R.append(SiteReset(int(site), sp.ImmutableMatrix(_local_matrix(state)), _exact_number(rate)))
    return LocalChain(int(n), tuple(H), tuple(J), tuple(R), normalization, name)


def _build_maps(ch: LocalChain) -> dict:
    families: list = []

    def fam(w):
        w = sp.sympify(w)
        for i, f in enumerate(families):
            if f == w:
                return i
        families.append(w)
        return len(families) - 1

    by_site: dict = {s: [] for s in range(ch.n)}
    terms = []
    for t in ch.hamiltonian:
        if t.coefficient == 0 or not t.string:
            continue           # identity terms do not act
        k = len(terms)
        terms.append(("H", fam(t.coefficient), t.string))
        for s, _ in t.string:
            by_site[s].append(k)
    f = ch.factor
    for j in ch.jumps:
        if j.rate == 0:
            continue
        L = sp.Matrix(j.operator)
        Ld = L.H
        LdL = Ld * L
        lmap = {}
        for b in "XYZ":
            P = _PAULI2[b]
            M = f * (Ld * P * L - (LdL * P + P * LdL) / 2)
            lmap[b] = _real_fraction_map(M.applyfunc(sp.expand), "jump operator")
        k = len(terms)
        terms.append(("J", fam(j.rate), (j.site, lmap)))
        by_site[j.site].append(k)
    for r in ch.resets:
        if r.rate == 0:
            continue
        st = _pauli_coefficients(sp.Matrix(r.state))
        lmap = {}
        for b in "XYZ":
            v = 2 * st[b]       # <sigma_b> in the reset state = tr(state sigma_b) = 2 * coefficient
            m = {b: Fraction(-1)}
            if v != 0:
                if sp.im(v) != 0:
                    raise ParameterError("reset state", r.state.tolist(), "a Hermitian 2x2 density matrix")
                m["I"] = _to_fraction(v, "reset state")
            lmap[b] = m
        k = len(terms)
        terms.append(("J", fam(r.rate), (r.site, lmap)))
        by_site[r.site].append(k)
    return {"families": tuple(families), "terms": terms, "by_site": by_site}


def adjoint_action(chain: LocalChain, string: tuple) -> dict:
    r"""The adjoint generator applied to one Pauli string, per family.

    Returns ``{family_index: {string: Fraction}}`` (identity string ``()`` for constants) such
    that :math:`\mathcal L^\dagger P=\sum_f w_f\sum_Q M_f[Q]\,Q`.

    Parameters
    ----------
    chain : LocalChain
        The chain.
    string : tuple
        The Pauli string P.

    Returns
    -------
    dict
        ``{family_index: {string: Fraction}}``, zero entries dropped.

    Examples
    --------
    Decay at rate κ: L†(Z) = −κ(1 + Z):

    >>> k = sp.Symbol("kappa", positive=True)
    >>> adjoint_action(local_chain(1, jumps=[(0, "sigma-", k)]), ((0, "Z"),))
    {0: {(): Fraction(-1, 1), ((0, 'Z'),): Fraction(-1, 1)}}
    """
    maps = chain._maps
    terms = maps["terms"]
    cand = sorted({k for s, _ in string for k in maps["by_site"][s]})
    out: dict = {}
    for k in cand:
        kind, f, data = terms[k]
        acc = out.setdefault(f, {})
        if kind == "H":
            if not _anticommute(data, string):
                continue
            ph, r = pauli_mul(data, string)
            c = 2j * ph               # i [Q, P] = 2 i Q P for anticommuting strings: real +-2
            coef = Fraction(int(round(c.real)))
            acc[r] = acc.get(r, 0) + coef
        else:
            site, lmap = data
            d = dict(string)
            b = d[site]
            for a, c in lmap[b].items():
                if a == "I":
                    d2 = {s: p for s, p in d.items() if s != site}
                else:
                    d2 = dict(d)
                    d2[site] = a
                r = tuple(sorted(d2.items()))
                acc[r] = acc.get(r, 0) + c
    return {f: {s: c for s, c in acc.items() if c != 0} for f, acc in out.items() if any(c != 0 for c in acc.values())}


# --------------------------------------------------------------- from a Model
def _pauli_decompose(M, n: int, max_weight: int, what: str, allowed: str | None = None) -> dict:
    """Exact Pauli coefficients of the 2^n matrix M on strings of weight <= max_weight (checked)."""
    from itertools import combinations, product
    from ..core import pauli_string
    Ms = sp.SparseMatrix(M)
    dok = Ms.todok()
    d = 2 ** n
    out = {}
    recon = {}
    for w in range(0, max_weight + 1):
        for sites in combinations(range(n), w):
            for letters in product("XYZ", repeat=w):
                lab = ["I"] * n
                for s, a in zip(sites, letters):
                    lab[s] = a
                P = sp.SparseMatrix(pauli_string("".join(lab)))
                Pd = P.todok()
                # tr(P M) = sum_{(i,j)} P_ji M_ij
                tr = sp.Integer(0)
                for (i, j), v in dok.items():
                    pv = Pd.get((j, i), 0)
                    if pv != 0:
                        tr += pv * v
                c = sp.expand(tr / d)
                if c != 0:
                    out[tuple(zip(sites, letters))] = c
                    for (i, j), v in Pd.items():
                        recon[(i, j)] = recon.get((i, j), 0) + c * v
    keys = set(dok) | set(recon)
    for key in keys:
        if sp.expand(dok.get(key, 0) - recon.get(key, 0)) != 0:
            raise ParameterError(what, f"entry {key}", allowed or f"a sum of Pauli strings on at most "
                                 f"{max_weight} sites (a local operator)")
    return out


def _from_model(cls, model, max_weight: int) -> LocalChain:
    n = model.n
    H = [PauliTerm(c, s) for s, c in _pauli_decompose(model.hamiltonian, n, max_weight, "hamiltonian").items()
         if s]
    jumps = []
    for j in model.jumps:
        coeffs = _pauli_decompose(j.operator, n, 1, "jump operator", "an operator acting on one site")
        sites = {s for string in coeffs for s, _ in string}
        if len(sites) > 1:
            raise ParameterError("jump operator", j.label or "jump", "an operator acting on one site")
        site = sites.pop() if sites else 0
        loc = sp.zeros(2, 2)
        for string, c in coeffs.items():
            loc += c * (_PAULI2[string[0][1]] if string else sp.eye(2))
        jumps.append(SiteJump(site, sp.ImmutableMatrix(loc), j.rate, j.label))
    resets = [SiteReset(r.site, sp.ImmutableMatrix(r.state), r.rate) for r in model.resets]
    return cls(n, tuple(H), tuple(jumps), tuple(resets), model.normalization, getattr(model, "name", ""))
