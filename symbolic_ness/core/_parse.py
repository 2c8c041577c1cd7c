r"""A restricted parser for operator and scalar expressions (model files, ``--set op=...``).

A model file is data, never code: expressions are read by a hand-written tokenizer and a
recursive-descent parser that only knows

* qubit operators ``X<k>``, ``Y<k>``, ``Z<k>``, ``Sp<k>`` (:math:`\sigma_+=|0\rangle\langle1|`),
  ``Sm<k>`` (:math:`\sigma_-`) on the 0-indexed site ``k``, their symmetric-model forms
  ``X_i``, ``Z_j``, … (a generic site ``i`` or ``j``), and the identity ``I``;
* numbers (``2``, ``0.5``, ``1e-3``: read as the exact rational they print), the declared
  parameter names, the imaginary unit ``i`` and ``sqrt(...)``;
* ``+ - * / **`` and parentheses.

``*`` is the operator product in the order written (``X0*Y0`` is :math:`i\,Z_0`); ``/`` and
``**`` with a non-integer exponent apply to scalars only. Nothing is ever evaluated as
Python (no ``eval``, no ``sympify`` of the text); the length and the nesting depth are
bounded. Operators are kept as :class:`PauliSum` — a dictionary from Pauli strings to
sympy coefficients — which is canonical, so Hermiticity is "every coefficient is real".

With ``dims`` (sites of any dimension) the level operators of
:mod:`symbolic_ness.core._parse_levels` (``T<k>(a,b)``, ``Sx<k> Sy<k> Sz<k>``, ``a<k> ad<k>
n<k>``) are read too, and every operator is a
:class:`~symbolic_ness.core._parse_levels.LevelSum`; without ``dims`` these names are unknown
(the message says that they need ``dims``).

>>> g = sp.Symbol("g", real=True)
>>> parse_expression("X0*Y0", {})
PauliSum({((0, 'Z'),): I})
>>> parse_expression("g*(Sp0*Sm1 + Sm0*Sp1)", {"g": g})
PauliSum({((0, 'X'), (1, 'X')): g/2, ((0, 'Y'), (1, 'Y')): g/2})
>>> parse_expression("sqrt(2)/4 + 0.5", {})
sqrt(2)/4 + 1/2
>>> parse_expression("__import__('os')", {})
Traceback (most recent call last):
...
symbolic_ness._errors.ParameterError: parameter 'expression' = "__import__('os')" is not allowed; allowed range: ...
"""
from __future__ import annotations

import re
from typing import Mapping

import sympy as sp

from .._cost import check_literal, check_power
from .._errors import ParameterError, SizeLimitError
from ._termsum import TermSum

__all__ = ["PauliSum", "parse_expression", "parse_number", "MAX_LENGTH", "MAX_DEPTH"]

MAX_LENGTH = 10_000
MAX_DEPTH = 100
MAX_PRODUCTS = 5_000_000  # Pauli-string products one expression may cost (expansion of sums and powers)

_ALLOWED = ("operators X<k>, Y<k>, Z<k>, Sp<k>, Sm<k> (0-indexed site k), I; numbers; declared "
            "parameters; i; sqrt(...); + - * / ** and parentheses")

# one-site Pauli products: (a, b) -> (phase, c) with a*b = phase*c
_PMUL = {("X", "Y"): (sp.I, "Z"), ("Y", "Z"): (sp.I, "X"), ("Z", "X"): (sp.I, "Y"),
         ("Y", "X"): (-sp.I, "Z"), ("Z", "Y"): (-sp.I, "X"), ("X", "Z"): (-sp.I, "Y")}
_LOCAL = {"X": {"X": 1}, "Y": {"Y": 1}, "Z": {"Z": 1},
          "Sp": {"X": sp.Rational(1, 2), "Y": sp.I / 2},   # (X + iY)/2 = |0><1|
          "Sm": {"X": sp.Rational(1, 2), "Y": -sp.I / 2}}  # (X - iY)/2 = |1><0|
_OPNAME = re.compile(r"^(X|Y|Z|Sp|Sm)(?:(\d+)|_(i|j))$")
_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z][A-Za-z0-9_]*)|(\*\*|[-+*/(),]))")
# level operators: unknown names without dims (the message says they need dims)
_QLEVEL = re.compile(r"^(T|Sx|Sy|Sz|ad|a|n)(?:(\d+)|_(i|j))$")
RESERVED = ("I", "i", "sqrt")
_ALLOWED_LEVELS = ("on site k of dimension d: T<k>(a,b) = |a><b|, Sx<k> Sy<k> Sz<k> Sp<k> Sm<k> (spin (d-1)/2), "
                   "a<k> ad<k> n<k> (truncated mode), X<k> Y<k> Z<k> (d = 2 only), I; numbers; declared "
                   "parameters; i; sqrt(...); + - * / ** and parentheses")


def _site_key(site):
    return (0, site, "") if isinstance(site, int) else (1, 0, site)


class PauliSum(TermSum):
    """An operator :math:`\\sum_s c_s P_s` on qubits: ``terms`` maps a Pauli string — a tuple of
    ``(site, letter)`` sorted by site, ``letter`` in ``"XYZ"`` and ``site`` an int or the
    generic ``"i"``/``"j"`` of symmetric models — to a nonzero sympy coefficient (``()`` is
    the identity).

    Parameters
    ----------
    terms : mapping or None, default None
        ``{pauli_string: coefficient}``; zero coefficients are dropped.

    Attributes
    ----------
    terms : dict
        The non-zero terms.

    Examples
    --------
    >>> (PauliSum.local("X", 0) * PauliSum.local("Y", 0)).terms
    {((0, 'Z'),): I}

    >>> g = sp.Symbol("g", positive=True)
    >>> parse_expression("g*X0*X1 + Z0", {"g": g}).matrix(2)
    Matrix([
    [1, 0,  0, g],
    [0, 1,  g, 0],
    [0, g, -1, 0],
    [g, 0,  0, -1]])
    """

    __slots__ = ()

    @classmethod
    def local(cls, name: str, site) -> "PauliSum":
        return cls({((site, p),): sp.sympify(c) for p, c in _LOCAL[name].items()})

    def __mul__(self, other: "PauliSum") -> "PauliSum":
        out: dict = {}
        for ka, va in self.terms.items():
            for kb, vb in other.terms.items():
                phase, key = _string_product(ka, kb)
                out[key] = sp.expand(out.get(key, 0) + phase * va * vb)
        return PauliSum(out)

    def dagger(self) -> "PauliSum":
        """Hermitian conjugate (Pauli strings are Hermitian: conjugate the coefficients)."""
        return PauliSum({k: sp.conjugate(v) for k, v in self.terms.items()})

    def relabel(self, mapping: Mapping) -> "PauliSum":
        """Rename sites (``{"i": 0, "j": 3}``); the result is re-sorted."""
        out: dict = {}
        for k, v in self.terms.items():
            key = tuple(sorted(((mapping.get(s, s), p) for s, p in k), key=lambda sp_: _site_key(sp_[0])))
            out[key] = sp.expand(out.get(key, 0) + v)
        return PauliSum(out)

    def subs(self, values: Mapping) -> "PauliSum":
        return PauliSum({k: sp.expand(v.subs(values)) for k, v in self.terms.items()})

    def matrix(self, n: int) -> sp.SparseMatrix:
        r"""The :math:`2^n\times2^n` matrix (site 0 = leftmost tensor factor), built entrywise:
        a Pauli string is a signed permutation matrix.

        >>> PauliSum.local("Sp", 0).matrix(1)
        Matrix([
        [0, 1],
        [0, 0]])
        """
        d = 2 ** n
        dok: dict = {}
        for key, c in self.terms.items():
            flip, ys, zs = 0, [], []
            for s, p in key:
                if not isinstance(s, int) or not 0 <= s < n:
                    raise ParameterError("site", s, f"an integer 0 <= site <= {n - 1}")
                bit = n - 1 - s
                if p in "XY":
                    flip |= 1 << bit
                if p == "Y":
                    ys.append(bit)
                if p == "Z":
                    zs.append(bit)
            for col in range(d):
                ph = c
                for b in ys:  # Y|0> = i|1>, Y|1> = -i|0>
                    ph = ph * (sp.I if not (col >> b) & 1 else -sp.I)
                for b in zs:
                    if (col >> b) & 1:
                        ph = -ph
                row = col ^ flip
                dok[(row, col)] = dok.get((row, col), 0) + ph
        return sp.SparseMatrix(d, d, {k: v for k, v in dok.items() if sp.expand(v) != 0})

    def numeric(self, n: int, values: Mapping):
        """Dense complex numpy matrix at ``values``."""
        import numpy as np
        M = self.subs(values).matrix(n)
        out = np.zeros((2 ** n, 2 ** n), dtype=complex)
        for (i, j), v in M.todok().items():
            out[i, j] = complex(sp.N(v, 20))
        return out


def _string_product(a: tuple, b: tuple):
    """Product of two Pauli strings: ``(phase, string)``."""
    loc = dict(a)
    phase = sp.Integer(1)
    for s, p in b:
        q = loc.get(s)
        if q is None:
            loc[s] = p
        elif q == p:
            del loc[s]
        else:
            ph, r = _PMUL[(q, p)]
            phase *= ph
            loc[s] = r
    return phase, tuple(sorted(loc.items(), key=lambda kv: _site_key(kv[0])))


def parse_number(text: str, key: str = "value") -> sp.Expr:
    """A decimal literal as the exact rational it prints (``"0.1"`` -> 1/10); no symbols.

    Parameters
    ----------
    text : str
        A number literal (or an arithmetic expression of numbers).
    key : str, default "value"
        The parameter or file key named in error messages.

    Returns
    -------
    sympy number
        The exact value.

    Raises
    ------
    ParameterError
        ``text`` is not a number (names ``key``).

    Examples
    --------
    >>> parse_number("2.5"), parse_number("-1e-3")
    (5/2, -1/1000)
    """
    v = parse_expression(text, {}, key=key, operators=False)
    return v


class _Parser:
    def __init__(self, text: str, symbols: Mapping, key: str, operators: bool, generic_sites: bool,
                 dims=None):
        self.text, self.symbols, self.key = text, symbols, key
        self.operators, self.generic_sites = operators, generic_sites
        self.dims = tuple(dims) if dims is not None else None
        self.toks = self._tokenize(text)
        self.pos = 0
        self.products = 0  # Pauli-string products spent so far (bounded by MAX_PRODUCTS)

    def spend(self, n: int, col):
        """Account for ``n`` Pauli-string products; refuse before an expansion beyond the budget."""
        self.products += n
        if self.products > MAX_PRODUCTS:
            raise SizeLimitError(self.key, self.text if len(self.text) <= 40 else self.text[:37] + "...",
                                 f"an expression whose expansion costs at most {MAX_PRODUCTS} Pauli-string products "
                                 f"(estimate {self.products:.3g} at column {col}; fix: expand fewer sums or use "
                                 "smaller powers)")

    def fail(self, why: str):
        allowed = (_ALLOWED if self.dims is None else _ALLOWED_LEVELS) if self.operators else "numbers, declared parameters, i, sqrt(...), + - * / ** and parentheses"
        raise ParameterError(self.key, self.text, f"{why} -- expressions may use {allowed}")

    def _tokenize(self, text):
        toks, pos = [], 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                col = pos + len(text[pos:]) - len(text[pos:].lstrip())
                self.fail(f"unexpected character {text[col]!r} at column {col + 1}")
            num, name, op = m.groups()
            col = m.start(m.lastindex) + 1
            toks.append(("num", num, col) if num else ("name", name, col) if name else ("op", op, col))
            pos = m.end()
        return toks

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else ("end", "", len(self.text) + 1)

    def take(self):
        t = self.peek()
        self.pos += 1
        return t

    def expect(self, op):
        t = self.take()
        if t[:2] != ("op", op):
            self.fail(f"expected {op!r} at column {t[2]}, found {t[1] or 'the end'!r}")

    def parse(self):
        if not self.toks:
            self.fail("empty expression")
        v = self.expr(0)
        t = self.peek()
        if t[0] != "end":
            self.fail(f"unexpected {t[1]!r} at column {t[2]}")
        return v

    def _deeper(self, depth):
        if depth > MAX_DEPTH:
            self.fail(f"nesting deeper than {MAX_DEPTH}")
        return depth + 1

    def expr(self, depth):
        depth = self._deeper(depth)
        v = self.term(depth)
        while self.peek()[:2] in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            w = self.term(depth)
            v = _add(v, w if op == "+" else _neg(w))
        return v

    def term(self, depth):
        v = self.unary(depth)
        while self.peek()[:2] in (("op", "*"), ("op", "/")):
            op, _, col = self.take()[1], None, self.peek()[2]
            w = self.unary(depth)
            if op == "*":
                if isinstance(v, PauliSum) and isinstance(w, PauliSum):
                    self.spend(len(v.terms) * len(w.terms), col)
                v = _mul(v, w)
            else:
                if isinstance(w, _OPS):
                    self.fail(f"division by an operator at column {col}")
                if w == 0:
                    self.fail(f"division by zero at column {col}")
                v = v.scale(1 / w) if isinstance(v, _OPS) else v / w
        return v

    def unary(self, depth):
        depth = self._deeper(depth)
        t = self.peek()
        if t[:2] in (("op", "-"), ("op", "+")):
            self.take()
            v = self.unary(depth)
            return _neg(v) if t[1] == "-" else v
        return self.power(depth)

    def power(self, depth):
        base = self.atom(depth)
        if self.peek()[:2] == ("op", "**"):
            col = self.take()[2]
            ex = self.unary(depth)
            if isinstance(ex, _OPS):
                self.fail(f"operator in an exponent at column {col}")
            if isinstance(base, _OPS):
                if not (ex.is_Integer and 0 <= ex <= 64):
                    self.fail(f"an operator power needs an integer exponent 0..64 (column {col})")
                t, nsites = len(base.terms), len(base.sites())
                size = 1
                for _ in range(int(ex)):  # a-priori: terms of base**k <= min(t**k, 4**sites)
                    self.spend(size * t, col)
                    size = min(size * t, 4 ** nsites)
                out = type(base).scalar(1)
                for _ in range(int(ex)):
                    out = out * base
                return out
            if base == 0 and ex.is_number and not ex.is_positive:
                self.fail(f"0 to a non-positive power at column {col}")
            check_power(self.key, base, ex)
            return sp.Pow(base, ex)
        return base

    def atom(self, depth):
        kind, val, col = self.take()
        if kind == "num":
            check_literal(self.key, val)
            return sp.Rational(val)
        if kind == "op" and val == "(":
            v = self.expr(depth)
            self.expect(")")
            return v
        if kind == "name":
            if val == "sqrt":
                if self.peek()[:2] != ("op", "("):
                    self.fail(f"sqrt needs parentheses at column {col}")
                self.take()
                arg = self.expr(depth)
                self.expect(")")
                if isinstance(arg, _OPS):
                    self.fail(f"sqrt of an operator at column {col}")
                return sp.sqrt(arg)
            if val == "i":
                return sp.I
            if val in self.symbols:
                return self.symbols[val]
            if self.dims is not None:
                return self._level(val, col)
            if _QLEVEL.match(val) and self.operators:
                self.fail(f"unknown name {val!r} at column {col}; the operators T<k>(a,b), Sx<k>, Sy<k>, Sz<k>, "
                          "a<k>, ad<k>, n<k> need a top-level dims = [...] (sites of any dimension)")
            m = _OPNAME.match(val)
            if (m or val == "I") and not self.operators:
                self.fail(f"operator {val!r} where a scalar is expected (column {col})")
            if val == "I":
                return PauliSum.scalar(1)
            if m:
                name, k, g = m.groups()
                if g is not None and not self.generic_sites:
                    self.fail(f"{val!r} (generic site _{g}) needs symmetric = true (column {col})")
                if k is not None and self.generic_sites:
                    self.fail(f"{val!r}: a symmetric model uses generic sites _i, _j, not site numbers (column {col})")
                site = g if g is not None else int(k)
                return PauliSum.local(name, site)
            self.fail(f"unknown name {val!r} at column {col}; declare parameters in [parameters]")
        self.fail(f"unexpected {val or 'end of expression'!r} at column {col}")

    def _levels_arg(self, val, col):
        """``(a, b)`` of ``T<k>(a,b)``: two integer literals in parentheses."""
        if self.peek()[:2] != ("op", "("):
            self.fail(f"{val} needs two levels: {val}(a,b) (column {col})")
        self.take()
        out = []
        for sep in (",", ")"):
            t = self.take()
            if t[0] != "num" or not t[1].isdigit():
                self.fail(f"{val}(a,b) takes integer levels a, b (column {t[2]})")
            out.append(int(t[1]))
            self.expect(sep)
        return tuple(out)

    def _level(self, val, col):
        from ._parse_levels import LEVEL_OPNAME, LevelSum, level_operator
        if val == "I":
            if not self.operators:
                self.fail(f"operator 'I' where a scalar is expected (column {col})")
            return LevelSum.scalar(1)
        m = LEVEL_OPNAME.match(val)
        if not m:
            if re.match(r"^(T|Sx|Sy|Sz|Sp|Sm|ad|a|n|X|Y|Z)_(i|j)$", val):
                self.fail(f"{val!r}: generic sites _i, _j need a symmetric file of qubits (column {col})")
            self.fail(f"unknown name {val!r} at column {col}; declare parameters in [parameters]")
        if not self.operators:
            self.fail(f"operator {val!r} where a scalar is expected (column {col})")
        name, k = m.groups()
        levels = self._levels_arg(val, col) if name == "T" else None
        try:
            return level_operator(name, int(k), self.dims, levels)
        except ParameterError as exc:
            self.fail(f"{exc.allowed} (column {col})")


def _neg(v):
    return v.scale(-1) if isinstance(v, _OPS) else -v


def _add(a, b):
    if isinstance(a, _OPS) or isinstance(b, _OPS):
        cls = type(a) if isinstance(a, _OPS) else type(b)
        a = a if isinstance(a, _OPS) else cls.scalar(a)
        b = b if isinstance(b, _OPS) else cls.scalar(b)
        return a + b
    return a + b


def _mul(a, b):
    if isinstance(a, _OPS) and isinstance(b, _OPS):
        return a * b
    if isinstance(a, _OPS):
        return a.scale(b)
    if isinstance(b, _OPS):
        return b.scale(a)
    return a * b


def parse_expression(text: str, symbols: Mapping, key: str = "expression", operators: bool = True,
                     generic_sites: bool = False, dims=None):
    """Parse ``text`` into a sympy scalar or a :class:`PauliSum`.

    ``symbols`` maps the allowed parameter names to sympy symbols; ``operators=False``
    accepts scalars only; ``generic_sites=True`` is the symmetric-model mode (``X_i``,
    ``Z_j``; no site numbers); ``dims`` (a list of site dimensions) reads the operators of
    sites of any dimension (``T<k>(a,b)``, ``Sx<k>``, ``a<k>``, …) into a
    :class:`~symbolic_ness.core._parse_levels.LevelSum`. Any other input raises
    :class:`ParameterError` naming ``key``, before anything is built.

    Parameters
    ----------
    text : str
        The expression (a TOML int or float is read as the decimal it prints).
    symbols : mapping {str: Symbol}
        The allowed parameter names.
    key : str, default "expression"
        The file key named in error messages.
    operators : bool, default True
        Allow operators (``False``: scalars only).
    generic_sites : bool, default False
        Symmetric-model mode (``X_i``, ``Z_j``).
    dims : sequence of int or None, default None
        Site dimensions for operators of d-level sites.

    Returns
    -------
    sympy expression, PauliSum or LevelSum
        A scalar when the result has no operator part.

    Raises
    ------
    ParameterError
        Any syntax error, unknown name, too long or too deeply nested input.

    Examples
    --------
    >>> parse_expression("T0(2,0)", {}, key="op", dims=[3])
    LevelSum({((0, (2, 0)),): 1})
    >>> parse_expression("T0(3,0)", {}, key="op", dims=[3])
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'op' = 'T0(3,0)' is not allowed; allowed range: levels 0 <= a, b <= 2 in T0(a,b) (site 0 has dimension 3) (column 1) -- expressions may use ...

    >>> parse_expression("X0 * (", {}, key="hamiltonian")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'hamiltonian' = 'X0 * (' is not allowed; allowed range: unexpected 'end of expression' at column 7 -- expressions may use ...
    """
    if not isinstance(text, str):
        if isinstance(text, bool) or not isinstance(text, (int, float)):
            raise ParameterError(key, text, "an expression string")
        text = repr(text)  # a TOML number: the decimal string it prints
    if len(text) > MAX_LENGTH:
        raise ParameterError(key, text[:40] + "...", f"an expression of at most {MAX_LENGTH} characters")
    if text.count("(") > MAX_DEPTH:
        nest = depth = 0
        for ch in text:
            depth += (ch == "(") - (ch == ")")
            nest = max(nest, depth)
        if nest > MAX_DEPTH:
            raise ParameterError(key, text[:40] + "...", f"an expression nested at most {MAX_DEPTH} deep")
    v = _Parser(text, symbols, key, operators, generic_sites, dims).parse()
    if isinstance(v, _OPS) and set(v.terms) <= {()}:
        return v.terms.get((), sp.Integer(0))
    return sp.sympify(v) if not isinstance(v, _OPS) else v


from ._parse_levels import LevelSum as _LevelSum  # noqa: E402  (_parse_levels does not import _parse)

_OPS = (PauliSum, _LevelSum)
