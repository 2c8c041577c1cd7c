r"""Model files: a user's qubit model as a small TOML text, read into the package's models.

The format (read with the standard library's :mod:`tomllib`; expressions with the restricted
parser of :mod:`symbolic_ness.core` — a model file is data, never code)::

    sites = 2                              # or: symmetric = true, sites = "N"
    normalization = "standard"             # kappa D[L]  |  "doubled": 2 kappa D[L]
    hamiltonian = "J*(X0*X1 + Y0*Y1) + h*Z0"

    [parameters]                           # every symbol with its domain
    J = "real"
    h = "real"
    kappa = "positive"                     # positive | nonnegative | real | integer | "[a, b]"

    [[jump]]                               # kappa D[L]
    operator = "Sm0"
    rate = "kappa"

    [[reset]]                              # r (|phi><phi|_site (x) tr_site rho - rho)
    site = 0
    state = "+"                            # "0", "1", "+", "-" or [["a","b"],["c","d"]]
    rate = "r"

Sites of any dimension (:mod:`symbolic_ness.engines._modelfile_levels`): a top-level
``dims = [3, 2]`` (each >= 2; ``sites`` may then be omitted) gives site ``k`` the dimension
``dims[k]`` and the operators ``T<k>(a,b)`` = |a><b|, ``Sx<k> Sy<k> Sz<k> Sp<k> Sm<k>``
(spin (d-1)/2, level a <-> m = s - a), ``a<k> ad<k> n<k>`` (truncated mode, level n = Fock
n); ``X<k> Y<k> Z<k>`` stay Paulis on d = 2 sites only; a ``[[reset]]`` of a d-level site
takes a d x d ``state`` (or a level ``k``: the projector |k><k|).

In a symmetric file (``symmetric = true``, ``sites = "N"``) a Hamiltonian term with ``_i`` is
summed over every site, a term with ``_i`` and ``_j`` over every pair :math:`i<j` (it must be
symmetric under :math:`i\leftrightarrow j`), and each jump/reset acts on every site. A
``[[jump]]`` with ``collective = true`` is instead ONE jump operator :math:`L=\sum_i o_i`
(``operator = "Sm_i"`` is :math:`J_-`; any single-site ``o_i``), symmetric files only.

Every check happens while reading, with a :class:`~symbolic_ness.ParameterError` naming the
key and its line: unknown keys, unknown operators, sites out of range, undeclared symbols, a
non-Hermitian Hamiltonian, a rate that can be negative on the declared domain, a reset state
that is not a density matrix, ``_j`` without ``_i``.

>>> mf = read_model_file('''
... sites = 1
... hamiltonian = "h*X0"
... [parameters]
... h = "real"
... kappa = "positive"
... [[jump]]
... operator = "Sm0"
... rate = "kappa"
... ''')
>>> m = mf.model()
>>> m.n, m.parameters, m.jumps[0].rate
(1, (h, kappa), kappa)
"""
from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import sympy as sp

from .._errors import ParameterError
from ..core import Jump, Model, Reset, projector
from ..core import PauliSum, parse_expression
from ..algebra import certify_nonnegative, find_violation
from ._engine_rule import explicit_engine
from ._modelfile_levels import (check_density_levels, check_hermitian_levels, check_level_parameter_names,
                                choose_levels_engine, dims_sites, level_scalar, level_state, read_dims)

__all__ = ["ModelFile", "read_model_file", "load_model", "expand_symmetric", "choose_engine",
           "permutation_engine_available"]

MAX_SITES = 6  # documented maximum: every explicit quantity and method has a declared size (EXPLICIT_MAX_SITES)
MAX_FILE = 5_000_000
_TOP_KEYS = {"sites", "symmetric", "normalization", "hamiltonian", "parameters", "jump", "reset",
             "name", "description", "bath", "dims"}
_JUMP_KEYS = ("operator", "rate", "label", "collective")
_RESET_KEYS = ("site", "state", "rate")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")
_OPLIKE = re.compile(r"^(X|Y|Z|Sp|Sm)(\d+|_i|_j)$")
_STATES = {"0": "0", "1": "1", "+": "+", "-": "-"}


def permutation_engine_available() -> bool:
    """Whether :class:`symbolic_ness.engines.PermutationModel` (the permutation engine) is installed.

    Returns
    -------
    bool
        ``True`` when the permutation-invariant engine can be imported.

    Examples
    --------
    >>> permutation_engine_available()
    True
    """
    try:
        from . import PermutationModel  # noqa: F401
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- domains
def _nonnegative_on_domain(expr, bounds: Mapping) -> bool | None:
    r"""``True`` if ``expr`` is certified :math:`\ge 0` on the declared domain and ``bounds``
    (:func:`~symbolic_ness.algebra.certify_nonnegative`), ``False`` if a violating point is
    found (:func:`~symbolic_ness.algebra.find_violation`), ``None`` if undecided (callers treat
    ``None`` as "not allowed": sound or silent).

    >>> c = sp.Symbol("c", real=True); k = sp.Symbol("k", positive=True)
    >>> _nonnegative_on_domain(k * (1 - c), {c: (-1, 1)}), _nonnegative_on_domain(k * c, {c: (-1, 1)})
    (True, False)
    """
    if certify_nonnegative(expr, bounds) is not None:
        return True
    return False if find_violation(expr, bounds) is not None else None


def _domain_symbol(name: str, domain, where):
    """``(symbol, bounds or None)`` for a declared domain."""
    d = domain.strip() if isinstance(domain, str) else domain
    if d == "positive":
        return sp.Symbol(name, positive=True), None
    if d == "nonnegative":
        return sp.Symbol(name, nonnegative=True), None
    if d == "real":
        return sp.Symbol(name, real=True), None
    if d == "integer":
        return sp.Symbol(name, integer=True), None
    if isinstance(d, str) and d.startswith("[") and d.endswith("]") and d.count(",") == 1:
        lo_s, hi_s = d[1:-1].split(",")
        lo = parse_expression(lo_s.strip(), {}, key=where, operators=False)
        hi = parse_expression(hi_s.strip(), {}, key=where, operators=False)
        if not (lo.is_real and hi.is_real and lo < hi):
            raise ParameterError(where, domain, "an interval \"[a, b]\" of real numbers with a < b")
        kw = {"positive": True} if lo > 0 else {"nonnegative": True} if lo >= 0 else \
            {"negative": True} if hi < 0 else {"nonpositive": True} if hi <= 0 else {"real": True}
        return sp.Symbol(name, **kw), (lo, hi)
    raise ParameterError(where, domain, 'positive | nonnegative | real | integer | "[a, b]" (closed interval)')


# --------------------------------------------------------------------------- the file object
@dataclass(frozen=True, eq=False)
class ModelFile:
    r"""A parsed, checked model file.

    Attributes
    ----------
    source, name, description : str
        Where it was read from, its name and description.
    symmetric, normalization : bool, str
        A symmetric (identical qubits) file; ``"standard"`` or ``"doubled"``.
    sites : int or str
        Number of qubits, or the name of the integer size parameter (e.g. ``"N"``).
    symbols, domains, bounds : tuple
        Declared parameters (file order), their domains and intervals ``(symbol, (lo, hi))``.
    hamiltonian, jumps, resets : PauliSum, tuple, tuple
        H; ``(operator, rate, label)``; ``(site, state, rate)`` (site ``None``: every site).
    collective, baths, dims : tuple
        Collective jumps, ``[[bath]]`` tables, site dimensions (``()``: qubits).

    Examples
    --------
    >>> mf = read_model_file('sites = 1\nhamiltonian = "h*Z0"\n[parameters]\nh = "real"')
    >>> mf.sites, mf.symbols, mf.domains, mf.hamiltonian
    (1, (h,), (('h', 'real'),), PauliSum({((0, 'Z'),): h}))
    """

    source: str
    name: str
    description: str
    symmetric: bool
    sites: object
    normalization: str
    symbols: tuple
    domains: tuple
    bounds: tuple
    hamiltonian: PauliSum
    jumps: tuple
    resets: tuple
    collective: tuple = ()  # symmetric files: (operator, rate, label) of the jumps L = sum_i op_i
    baths: tuple = ()  # [[bath]] tables (engines._baths.read_bath_tables)
    dims: tuple = ()  # site dimensions of a file with dims = [...] (else all qubits)

    @property
    def site_dims(self):
        """``dims`` of a file with sites of any dimension, else the number of qubits (the ``n``
        argument of :func:`~symbolic_ness.core.partial_trace`, :func:`~symbolic_ness.core.negativity`)."""
        return tuple(self.dims) if self.dims else self.sites

    # ------------------------------------------------------------------ parameters
    @property
    def symbol_map(self) -> dict:
        return {s.name: s for s in self.symbols}

    @property
    def bounds_map(self) -> dict:
        return dict(self.bounds)

    @property
    def domain_map(self) -> dict:
        return dict(self.domains)

    @property
    def size_symbol(self):
        """The integer symbol of the number of qubits of a symmetric file (else ``None``)."""
        return self.symbol_map[self.sites] if self.symmetric else None

    def parameters(self) -> tuple:
        """Declared parameters that occur in the model (plus N for symmetric files), file order."""
        used = set(self.hamiltonian.free_symbols)
        for op, rate, _ in self.jumps + self.collective:
            used |= op.free_symbols | rate.free_symbols
        for _, st, rate in self.resets:
            used |= st.free_symbols | rate.free_symbols
        for b in self.baths:  # thermal baths: operator, rate, occupation/temperature/frequency
            used |= set().union(*(getattr(x, "free_symbols", set()) for x in b[:2] + b[3:6]))
            used |= self.hamiltonian.free_symbols if len(b) > 7 and b[7] == "global" else set()
        if self.symmetric:
            used.add(self.size_symbol)
        return tuple(s for s in self.symbols if s in used)

    def value(self, name: str, raw):
        """One parameter value, exact (a float becomes the rational it prints), checked
        against its declared domain.

        >>> mf = read_model_file('sites = 1\\nhamiltonian = "h*Z0"\\n[parameters]\\nh = "[0, 1]"')
        >>> mf.value("h", "0.25"), mf.value("h", 0.5)
        (1/4, 1/2)
        """
        sym = self.symbol_map.get(name)
        if sym is None:
            raise ParameterError(name, raw, "a parameter declared in the file: " + ", ".join(self.symbol_map))
        if isinstance(raw, sp.Basic):
            v = raw
        elif isinstance(raw, float):
            v = sp.Rational(repr(raw))
        elif isinstance(raw, int) and not isinstance(raw, bool):
            v = sp.Integer(raw)
        else:
            v = parse_expression(str(raw), {}, key=name, operators=False)
        dom = self.domain_map[name]
        if not (v.is_number and v.is_real):
            raise ParameterError(name, raw, f"a real number ({dom})")
        if sym.is_integer and not v.is_integer:
            raise ParameterError(name, raw, "an integer")
        if dom == "positive" and not v > 0:
            raise ParameterError(name, raw, f"{name} > 0")
        if dom == "nonnegative" and not v >= 0:
            raise ParameterError(name, raw, f"{name} >= 0")
        if sym in self.bounds_map:
            lo, hi = self.bounds_map[sym]
            if not lo <= v <= hi:
                raise ParameterError(name, raw, f"{lo} <= {name} <= {hi}")
        if self.symmetric and sym == self.size_symbol and not (v.is_integer and 2 <= v):
            raise ParameterError(name, raw, f"an integer number of qubits {name} >= 2")
        return v

    def values(self, raw: Mapping) -> dict:
        """``{symbol: exact value}`` of ``{name: value}`` (each checked by :meth:`value`)."""
        return {self.symbol_map[str(k)] if str(k) in self.symbol_map else k: self.value(str(k), v)
                for k, v in raw.items()}

    # ------------------------------------------------------------------ models
    def model(self) -> Model:
        """The explicit core :class:`~symbolic_ness.core.Model` of an explicit file."""
        if self.symmetric:
            raise ParameterError("symmetric", True, "an explicit file for model(); use expand(N) or "
                                 "permutation_model() for a symmetric file")
        n = int(self.sites)
        from ._baths import bath_jumps, file_baths
        shape = self.dims or n
        Hn = self.hamiltonian.matrix(shape)
        return Model(n, Hn,
                     jumps=tuple(Jump(op.matrix(shape), rate, label) for op, rate, label in self.jumps)
                     + tuple(j for b in file_baths(self.baths, shape) for j in bath_jumps(b, Hn, self.bounds_map)),
                     resets=tuple(Reset(site, st, rate) for site, st, rate in self.resets),
                     normalization=self.normalization, name=self.name,
                     constraints={s: b for s, b in self.bounds if s in self._used()}, dims=self.dims)

    def _used(self) -> set:
        return set(self.parameters())

    def _parts(self):
        """``(H1, H2)``: the one-site (generic site ``i``) and pair (``i < j``) Hamiltonians."""
        one, two = {}, {}
        for key, c in self.hamiltonian.terms.items():
            sites = {s for s, _ in key}
            if not sites:
                continue  # a multiple of the identity: no dynamics
            (two if "j" in sites else one)[key] = c
        return PauliSum(one), PauliSum(two)

    def expand(self, N: int) -> Model:
        """The explicit ``N``-qubit core model of a symmetric file (one-site terms on every site,
        pair terms on every pair i < j, every jump and reset on every site)."""
        if not self.symmetric:
            raise ParameterError("symmetric", False, "a symmetric file for expand(N)")
        N = int(self.value(self.sites, N))
        if N > MAX_SITES:
            raise ParameterError(self.sites, N, f"{self.sites} <= {MAX_SITES} for an explicit expansion")
        from ._point import expand_permutation_model  # one expansion for files and permutation models
        return expand_permutation_model(self.permutation_model(N), N, name=f"{self.name}-N{N}",
                                        constraints={s: b for s, b in self.bounds if s in self._used()})

    def permutation_model(self, N=None):
        """The :class:`~symbolic_ness.engines.PermutationModel` of a symmetric file (``N``
        substituted in the coefficients when given; needs the permutation engine)."""
        if not self.symmetric:
            raise ParameterError("symmetric", False, "a symmetric file for permutation_model()")
        from . import PermutationModel  # the permutation-invariant engine (lazy: optional here)
        sub = {self.size_symbol: self.value(self.sites, N)} if N is not None else {}
        one, two = self._parts()
        i0 = {"i": 0}
        site = Model(1, one.relabel(i0).subs(sub).matrix(1),
                     jumps=tuple(Jump(op.relabel(i0).subs(sub).matrix(1), rate.subs(sub), label)
                                 for op, rate, label in self.jumps),
                     resets=tuple(Reset(0, st.subs(sub), rate.subs(sub)) for _, st, rate in self.resets),
                     normalization=self.normalization, name=self.name + "-site")
        pair = None
        if two.terms:
            pair = Model(2, two.relabel({"i": 0, "j": 1}).subs(sub).matrix(2), name=self.name + "-pair")
        coll = tuple(Jump(op.relabel(i0).subs(sub).matrix(1), rate.subs(sub), label) for op, rate, label in self.collective)
        return PermutationModel(one_site=site, two_site=pair, collective=coll)


def expand_symmetric(model_file: ModelFile, N: int) -> Model:
    r"""The explicit ``N``-qubit core :class:`~symbolic_ness.core.Model` of a symmetric model file.

    Parameters
    ----------
    model_file : ModelFile
        A symmetric file from :func:`read_model_file`.
    N : int
        Number of qubits.

    Returns
    -------
    Model
        The explicit model (site terms and jumps repeated on every qubit).

    Examples
    --------
    >>> mf = read_model_file('symmetric = true\nsites = "N"\n[parameters]\nN = "integer"\n[[jump]]\noperator = "Sm_i"\nrate = "1"')
    >>> [m.n for m in (expand_symmetric(mf, 2), expand_symmetric(mf, 3))], len(expand_symmetric(mf, 3).jumps)
    ([2, 3], 3)
    """
    return model_file.expand(N)


# --------------------------------------------------------------------------- reading
class _Where:
    """Line numbers of the keys of a TOML text (best effort: ``key = ...`` lines per table)."""

    def __init__(self, text: str, source: str):
        self.source, self.lines = source, {}
        section, counts = None, {}
        for no, line in enumerate(text.splitlines(), 1):
            s = line.strip()
            m = re.match(r"^\[\[\s*([A-Za-z0-9_\-]+)\s*\]\]", s)
            if m:
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
                section = (m.group(1), counts[m.group(1)])
                self.lines.setdefault((section, None), no)
                continue
            m = re.match(r"^\[\s*([A-Za-z0-9_\-]+)\s*\]", s)
            if m:
                section = (m.group(1), 0)
                self.lines.setdefault((section, None), no)
                continue
            m = re.match(r"^(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)\s*=", s)
            if m:
                self.lines.setdefault((section, m.group(1).strip("\"'")), no)

    def __call__(self, section, key) -> str:
        label = (key if section is None else f"{section[0]}.{key}" if section[1] == 0
                 else f"{section[0]}[{section[1]}]" + (f".{key}" if key else ""))
        no = self.lines.get((section, key), self.lines.get((section, None)))
        return f"{label} ({self.source}" + (f", line {no})" if no else ")")


MAX_TABLES = 1000     # [[jump]] / [[reset]] tables of one file
MAX_NESTING = 32      # arrays / inline tables inside each other
MAX_INT_DIGITS = 1000  # digits of a TOML integer (Python refuses to convert more than 4300)


def _check_shape(text: str, source: str) -> None:
    """Refuse, before TOML parsing, values nested deeper than :data:`MAX_NESTING` and integers
    with more than :data:`MAX_INT_DIGITS` digits (naming the key and line)."""
    depth = 0
    quote = None
    key, line = None, 1
    start = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            start = i + 1
            if quote in ('"', "'"):
                quote = None
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif ch == "=" and depth == 0:
            key = text[start:i].strip() or key
        elif ch in "[{" and (depth > 0 or text[start:i].strip().endswith("=")):
            depth += 1
            if depth > MAX_NESTING:
                raise ParameterError(f"{key} ({source}, line {line})", "deeply nested value",
                                     f"arrays or inline tables nested at most {MAX_NESTING} deep")
        elif ch in "]}" and depth > 0:
            depth -= 1
        elif ch.isdigit() and not quote:
            j = i
            while j < n and (text[j].isdigit() or text[j] == "_"):
                j += 1
            if j - i > MAX_INT_DIGITS:
                raise ParameterError(f"{key} ({source}, line {line})", f"a number with {j - i} digits",
                                     f"numbers with at most {MAX_INT_DIGITS} digits")
            i = j
            continue
        i += 1


def _text_of(path_or_text) -> tuple:
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text
                                          and "=" not in path_or_text):
        p = Path(path_or_text)
        if not p.is_file():
            raise ParameterError("model file", str(path_or_text), "an existing .toml model file")
        if p.stat().st_size > MAX_FILE:
            raise ParameterError("model file", str(p), f"a model file of at most {MAX_FILE} bytes")
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise ParameterError("model file", str(p), f"UTF-8 text (byte {raw[exc.start]:#04x} at line {line} "
                                 "is not UTF-8)") from None
        return text, p.name, p.stem
    if not isinstance(path_or_text, str):
        raise ParameterError("model file", type(path_or_text).__name__, "a path or the text of a TOML model file")
    if len(path_or_text) > MAX_FILE:
        raise ParameterError("model file", "<text>", f"a model file of at most {MAX_FILE} characters")
    return path_or_text, "<text>", "model"


def _state(raw, symbols, where):
    if isinstance(raw, int) and not isinstance(raw, bool) and raw in (0, 1):
        raw = str(raw)
    if isinstance(raw, str):
        if raw.strip() not in _STATES:
            raise ParameterError(where, raw, 'a reset state "0", "1", "+", "-" or a 2x2 matrix [["a","b"],["c","d"]]')
        return sp.ImmutableMatrix(projector(_STATES[raw.strip()]))
    if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(r, list) and len(r) == 2 for r in raw)):
        raise ParameterError(where, raw, 'a reset state "0", "1", "+", "-" or a 2x2 matrix [["a","b"],["c","d"]]')
    return sp.ImmutableMatrix([[parse_expression(x, symbols, key=where, operators=False) for x in row] for row in raw])


def _check_density(rho, bounds, where):
    """A 2x2 matrix is a density matrix on the whole domain: Hermitian, trace 1, det >= 0."""
    a, b, c, d = rho[0, 0], rho[0, 1], rho[1, 0], rho[1, 1]
    if any(sp.simplify(sp.im(x)) != 0 for x in (a, d)) or sp.simplify(c - sp.conjugate(b)) != 0:
        raise ParameterError(where, rho.tolist(), "a density matrix: Hermitian (real diagonal, rho10 = conj(rho01))")
    if sp.simplify(a + d - 1) != 0:
        raise ParameterError(where, rho.tolist(), "a density matrix: trace 1")
    for what, x in (("rho00 >= 0", a), ("rho11 >= 0", d), ("det >= 0", sp.expand(a * d - b * c))):
        if _nonnegative_on_domain(x, bounds) is not True:
            raise ParameterError(where, rho.tolist(), f"a density matrix on the whole declared domain ({what} fails "
                                 "or cannot be certified)")


def _rate(raw, symbols, bounds, where):
    """A rate: a real expression in the declared parameters, >= 0 on the whole declared domain.

    >>> k = sp.Symbol("kappa", positive=True)
    >>> _rate("(1 + i)*(1 - i)*kappa", {"kappa": k}, {}, "rate")
    2*kappa
    >>> _rate("i*kappa", {"kappa": k}, {}, "rate")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'rate' = 'i*kappa' is not allowed; allowed range: a real rate >= 0 (it has an imaginary part: kappa)
    """
    rate = parse_expression(raw, symbols, key=where, operators=False)
    if rate.has(sp.I):  # e.g. (1 + i)*(1 - i)*kappa: real after expansion, or an error
        rate = sp.expand(rate)
        im = sp.simplify(sp.im(rate))
        if im != 0:
            raise ParameterError(where, raw, f"a real rate >= 0 (it has an imaginary part: {im})")
    ok = _nonnegative_on_domain(rate, bounds)
    if ok is not True:
        why = "it is negative somewhere" if ok is False else "it cannot be certified"
        raise ParameterError(where, raw, f"a rate >= 0 on the whole declared domain of its parameters ({why})")
    return rate


def _tables(data, name: str, keys: tuple, W) -> list:
    """``[(section, table)]`` of the ``[[name]]`` tables of a file, each key checked against
    ``keys`` (ParameterError naming the offending key and the allowed ones)."""
    raw = data.get(name, [])
    if not isinstance(raw, list):
        raise ParameterError(W(None, name), raw, f"[[{name}]] tables")
    if len(raw) > MAX_TABLES:
        from .._errors import SizeLimitError
        raise SizeLimitError(W(None, name), f"{len(raw)} tables", f"at most {MAX_TABLES} [[{name}]] tables (each "
                             "adds a dissipator to the Liouvillian; fix: combine jumps with a common rate)")
    out = []
    for k, table in enumerate(raw, 1):
        sec = (name, k)
        if not isinstance(table, dict):
            raise ParameterError(W(None, name), table,
                                 f"[[{name}]] tables (a TOML array of tables, not of {type(table).__name__} values)")
        for key in table:
            if key not in keys:
                raise ParameterError(W(sec, key), key, f"a [[{name}]] key: " + ", ".join(keys))
        out.append((sec, table))
    return out


def _collective_flag(jt: Mapping, symmetric: bool, where) -> bool:
    """The ``collective`` key of a ``[[jump]]``: a boolean, ``true`` only in a symmetric file."""
    coll = jt.get("collective", False)
    if not isinstance(coll, bool):
        raise ParameterError(where, coll, "true or false")
    if coll and not symmetric:
        raise ParameterError(where, coll, 'collective = true only in a symmetric file (symmetric = true, sites = "N"); '
                             'in an explicit file write the sum, e.g. operator = "Sm0 + Sm1 + Sm2"')
    return coll


def _check_collective_operator(op: PauliSum, raw, where):
    """A collective jump sums ONE single-site operator over the sites: every term acts on site ``_i`` only."""
    for key in op.terms:
        sites = {s for s, _ in key}
        if sites != {"i"}:
            what = "a two-site term" if len(sites) > 1 else f"a term on site {sorted(sites, key=str)[0]}"
            raise ParameterError(where, raw, f"a single-site operator in _i for collective = true (L = sum_i op_i); "
                                 f"it has {what}")


def read_model_file(path_or_text) -> ModelFile:
    r"""Read and check a model file (a path, or the TOML text itself) into a :class:`ModelFile`.

    Parameters
    ----------
    path_or_text : str or path
        A file path or the TOML text.

    Returns
    -------
    ModelFile
        The parsed, checked file.

    Raises
    ------
    ParameterError
        Invalid TOML, an unknown key, or a bad value (names the file key and line).

    Examples
    --------
    >>> read_model_file('sites = 1\nhamiltonian = "Z0"').hamiltonian
    PauliSum({((0, 'Z'),): 1})
    """
    text, source, stem = _text_of(path_or_text)
    _check_shape(text, source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(source, "TOML", f"valid TOML syntax ({exc})") from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer beyond Python's digit limit
        raise ParameterError(source, "TOML", f"TOML that Python can read ({' '.join(str(exc).split())[:120]})") from None
    W = _Where(text, source)
    for k in data:
        if k not in _TOP_KEYS:
            raise ParameterError(W(None, k), k, "a known key: " + ", ".join(sorted(_TOP_KEYS)))
    symmetric = data.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise ParameterError(W(None, "symmetric"), symmetric, "true or false")
    norm = data.get("normalization", "standard")
    if norm not in ("standard", "doubled"):
        raise ParameterError(W(None, "normalization"), norm, '"standard" or "doubled"')
    name = data.get("name", stem)
    desc = data.get("description", "")
    if not isinstance(name, str) or not isinstance(desc, str):
        raise ParameterError(W(None, "name"), name, "strings for name and description")
    # parameters
    params = data.get("parameters", {})
    if not isinstance(params, dict):
        raise ParameterError(W(None, "parameters"), params, "a [parameters] table of NAME = DOMAIN")
    symbols, domains, bounds = {}, [], []
    for pname, dom in params.items():
        where = W(("parameters", 0), pname)
        if not _NAME.match(pname) or pname in ("I", "i", "sqrt") or _OPLIKE.match(pname):
            raise ParameterError(where, pname, "a parameter name (letters, digits, _; not I, i, sqrt or an operator name)")
        sym, bd = _domain_symbol(pname, dom, where)
        symbols[pname] = sym
        domains.append((pname, dom.strip() if isinstance(dom, str) else dom))
        if bd is not None:
            bounds.append((sym, bd))
    bmap = dict(bounds)
    # sites
    sites = data.get("sites")
    dims = read_dims(data, W, symmetric)  # () without a dims key (qubits)
    if dims:
        sites = dims_sites(dims, sites, W)
        check_level_parameter_names(symbols, W)
    if symmetric:
        if not (isinstance(sites, str) and _NAME.match(sites)):
            raise ParameterError(W(None, "sites"), sites, 'the name of the number of qubits, e.g. sites = "N"')
        if sites in symbols and dict(domains)[sites] != "integer":
            raise ParameterError(W(("parameters", 0), sites), dict(domains)[sites], f'"integer" ({sites} is the number of qubits)')
        if sites not in symbols:
            symbols[sites] = sp.Symbol(sites, integer=True, positive=True)
            domains.append((sites, "integer"))
        else:
            symbols[sites] = sp.Symbol(sites, integer=True, positive=True)
    else:
        if isinstance(sites, bool) or not isinstance(sites, int) or not 1 <= sites <= MAX_SITES:
            raise ParameterError(W(None, "sites"), sites, f"an integer 1 <= sites <= {MAX_SITES} (or symmetric = true "
                                 'with sites = "N")')
    n = sites if not symmetric else None

    def check_sites(op: PauliSum, where, kind):
        for s in op.sites():
            if isinstance(s, int) and not s < n:
                raise ParameterError(where, f"site {s}", f"sites 0 <= k <= {n - 1} (0-indexed, sites = {n})")
        if symmetric:
            for key in op.terms:
                ss = {s for s, _ in key}
                if "j" in ss and "i" not in ss:
                    raise ParameterError(where, "_j without _i", "terms with _i (every site) or _i and _j "
                                         "(every pair i < j)")
                if kind == "jump" and "j" in ss:
                    raise ParameterError(where, "_j", "a one-site jump operator with _i (it acts on every site)")

    # Hamiltonian
    hraw = data.get("hamiltonian", "0")
    where = W(None, "hamiltonian")
    H = parse_expression(hraw, symbols, key=where, generic_sites=symmetric, dims=dims or None)
    H = H if not isinstance(H, sp.Basic) else (PauliSum.scalar(H) if not dims else level_scalar(H))
    check_sites(H, where, "hamiltonian")
    if dims:
        check_hermitian_levels(H, dims, hraw, where)
    for key, c in (H.terms.items() if not dims else ()):
        if sp.simplify(sp.im(c)) != 0:
            lab = "*".join(f"{p}{s}" if isinstance(s, int) else f"{p}_{s}" for s, p in key) or "I"
            raise ParameterError(where, hraw, f"a Hermitian Hamiltonian for every real parameter value (the "
                                 f"coefficient of {lab} is {c}, not real)")
    if symmetric:
        two = {k: c for k, c in H.terms.items() if any(s == "j" for s, _ in k)}
        if PauliSum(two) != PauliSum(two).relabel({"i": "j", "j": "i"}):
            raise ParameterError(where, hraw, "a pair term symmetric under i <-> j (e.g. X_i*Z_j + Z_i*X_j)")
    # jumps
    jumps, collective = [], []
    for sec, jt in _tables(data, "jump", _JUMP_KEYS, W):
        if "operator" not in jt:
            raise ParameterError(W(sec, None), "no operator", "a [[jump]] with operator = \"...\"")
        coll = _collective_flag(jt, symmetric, W(sec, "collective"))
        op = parse_expression(jt["operator"], symbols, key=W(sec, "operator"), generic_sites=symmetric,
                              dims=dims or None)
        if isinstance(op, sp.Basic) or not op.sites():
            raise ParameterError(W(sec, "operator"), jt["operator"], "an operator acting on at least one site")
        if coll:
            _check_collective_operator(op, jt["operator"], W(sec, "operator"))
        check_sites(op, W(sec, "operator"), "jump")
        rate = _rate(jt.get("rate", "1"), symbols, bmap, W(sec, "rate"))
        (collective if coll else jumps).append((op, rate, str(jt.get("label", jt["operator"]))))
    # resets
    resets = []
    for sec, rt in _tables(data, "reset", _RESET_KEYS, W):
        if symmetric:
            if rt.get("site", "i") != "i":
                raise ParameterError(W(sec, "site"), rt["site"], 'no site (or site = "i"): a reset acts on every site')
            site = None
        else:
            site = rt.get("site")
            if isinstance(site, bool) or not isinstance(site, int) or not 0 <= site < n:
                raise ParameterError(W(sec, "site"), site, f"an integer 0 <= site <= {n - 1} (0-indexed)")
        if "state" not in rt:
            raise ParameterError(W(sec, None), "no state", 'a [[reset]] with state = "0" | "1" | "+" | "-" | 2x2 matrix')
        if dims and dims[site] != 2:
            st = level_state(rt["state"], dims[site], site, symbols, W(sec, "state"))
            check_density_levels(st, bmap, W(sec, "state"), _nonnegative_on_domain)
        else:
            st = _state(rt["state"], symbols, W(sec, "state"))
            _check_density(st, bmap, W(sec, "state"))
        resets.append((site, st, _rate(rt.get("rate", "1"), symbols, bmap, W(sec, "rate"))))
    from ._baths import BATH_KEYS, read_bath_tables
    baths = read_bath_tables(_tables(data, "bath", BATH_KEYS, W), symbols, bmap, W, check_sites)
    if baths and symmetric:
        raise ParameterError(W(None, "bath"), "[[bath]]", "an explicit file (sites = <int>) for thermal baths")
    return ModelFile(source, str(name), desc, symmetric, sites, norm, tuple(symbols.values()), tuple(domains),
                     tuple(bounds), H, tuple(jumps), tuple(resets), tuple(collective), baths, dims)


def load_model(path_or_text):
    """The model of a model file: an explicit core :class:`~symbolic_ness.core.Model`, or for a
    symmetric file (``symmetric = true``) a :class:`~symbolic_ness.engines.PermutationModel`.

    Parameters
    ----------
    path_or_text : str or path
        A file path or the TOML text (invalid files raise ParameterError).

    Returns
    -------
    Model or PermutationModel
        The model.

    Examples
    --------
    >>> m = load_model('sites = 2\\nhamiltonian = "g*Z0*Z1"\\n[parameters]\\ng = "real"')
    >>> m.n, m.parameters
    (2, (g,))
    """
    mf = read_model_file(path_or_text)
    return mf.permutation_model() if mf.symmetric else mf.model()


# --------------------------------------------------------------------------- engine choice
def choose_engine(model_file: ModelFile, quantity: str, values: Mapping, method: str = "auto") -> tuple:
    r"""``(method, reason)``: which solver runs for ``quantity`` at ``values`` (``{name: value}``).

    Symmetric files use the permutation-invariant engine (or, while it is not installed, the
    explicit expansion); explicit files the exact core solve when the Liouvillian is small
    and few symbols stay free, the numeric null space otherwise. An explicit ``method``
    (``"exact"``/``"numeric"``) is honoured.

    Parameters
    ----------
    model_file : ModelFile
        A file from :func:`read_model_file`.
    quantity : str
        The quantity asked for (e.g. ``"steady-state"``).
    values : mapping
        ``{name: value}`` of the parameters given.
    method : str, default "auto"
        ``"auto"``, ``"exact"`` or ``"numeric"`` (else ParameterError).

    Returns
    -------
    tuple of str
        ``(method, reason)``.

    Examples
    --------
    >>> mf = read_model_file('sites = 1\nhamiltonian = "h*Z0"\n[parameters]\nh = "real"')
    >>> choose_engine(mf, "steady-state", {})
    ('exact', 'exact null space over Q(h): 4^1 = 4 unknowns')
    """
    if method not in ("auto", "exact", "numeric"):
        raise ParameterError("method", method, "auto, exact or numeric")
    names = {str(k) for k in values}
    if model_file.symmetric:
        N = int(model_file.value(model_file.sites, values[model_file.sites])) if model_file.sites in names else None
        if permutation_engine_available():
            m = "numeric" if method == "auto" else method
            return (f"permutation-{m}", "symmetric file (identical qubits): the permutation-invariant engine "
                    "(cost polynomial in N)")
        m = method if method != "auto" else ("exact" if N is not None and N <= 3 else "numeric")
        return (f"{m}-expanded", f"symmetric file expanded to N = {N} explicit qubits (the permutation engine "
                "is not installed)")
    free = [s.name for s in model_file.parameters() if s.name not in names]
    if model_file.dims:  # sites of any dimension: sizes from the dims
        return choose_levels_engine(model_file.dims, quantity,
                                    [s for s in model_file.parameters() if s.name not in names], method)
    return explicit_engine(int(model_file.sites), free, quantity, method)
