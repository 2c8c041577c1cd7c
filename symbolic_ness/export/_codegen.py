r"""Stand-alone evaluators generated from a closed form: Python/numpy, C99 and JAX source.

:func:`generate_code` prints a sympy expression (common subexpressions eliminated with
``sympy.cse``) into source code that does **not** import symbolic_ness: a numpy module
(vectorized), a C99 pair ``NAME.c`` / ``NAME.h`` (a scalar ``double NAME(double a, ...)`` and
a vectorized loop ``NAME_vec``) or a JAX module (``jax.jit``-able and differentiable).
This is code *generation*, not evaluation: inside the package, :func:`lambdify` stays the only
way to evaluate an expression.

Soundness: the closed form is valid on the domain of its symbols' assumptions
(``positive`` → :math:`x>0`, ``nonnegative`` → :math:`x\ge0`, ``real``); every generated
evaluator returns NaN outside that domain instead of a value the derivation does not cover.
Rational coefficients are printed as the nearest double (17 significant digits).

>>> import sympy as sp
>>> x, y = sp.symbols("x y", positive=True)
>>> code = generate_code(sp.Max(0, x - y) / (x + y), (x, y), "python", name="f")
>>> sorted(code.files)
['f.py']
>>> ns = {}
>>> exec(code.files["f.py"], ns)
>>> float(ns["f"](3.0, 1.0)), bool(ns["f"](-1.0, 1.0) != ns["f"](-1.0, 1.0))
(0.5, True)
>>> print(generate_code(x ** 2 + y, (x, y), "c", name="f").files["f.h"].splitlines()[-3])
void f_vec(size_t n, const double *x, const double *y, double *out);
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import sympy as sp
from sympy.printing.c import C99CodePrinter
from sympy.printing.numpy import JaxPrinter, NumPyPrinter

from .._errors import ParameterError
from ._latex import latex
from ..algebra._polys import RealRoot

__all__ = ["GeneratedCode", "generate_code", "LANGUAGES"]

LANGUAGES = ("python", "c", "jax")


def _float_literal(v) -> str:
    return repr(float(v))


class _NumpyPrinter(NumPyPrinter):
    """numpy printer: nested ``maximum``/``minimum`` and doubles for rationals and big integers."""

    _mod = "numpy"

    def _nested(self, fn, args):
        args = [self._print(a) for a in args]
        out = args[0]
        for a in args[1:]:
            out = f"{self._mod}.{fn}({out}, {a})"
        return out

    def _print_Max(self, expr):
        return self._nested("maximum", expr.args)

    def _print_Min(self, expr):
        return self._nested("minimum", expr.args)

    def _print_Rational(self, expr):
        return _float_literal(expr)

    def _print_Integer(self, expr):
        return str(expr) if abs(int(expr)) < 2 ** 53 else _float_literal(expr)


class _JaxPrinter(JaxPrinter):
    _mod = "jax.numpy"
    _nested = _NumpyPrinter._nested
    _print_Max = _NumpyPrinter._print_Max
    _print_Min = _NumpyPrinter._print_Min
    _print_Rational = _NumpyPrinter._print_Rational
    _print_Integer = _NumpyPrinter._print_Integer


class _CPrinter(C99CodePrinter):
    def _print_Rational(self, expr):
        return _float_literal(expr)

    def _print_Integer(self, expr):
        return str(expr) if abs(int(expr)) < 2 ** 31 else _float_literal(expr)


@dataclass(frozen=True)
class GeneratedCode:
    """Generated source: ``files`` maps a file name to its text; :meth:`write` saves them.

    Attributes
    ----------
    lang : str
        ``"python"``, ``"c"`` or ``"jax"``.
    name : str
        The function name.
    args : tuple of Symbols
        The arguments, in signature order.
    files : mapping {str: str}
        File name → source text.

    Examples
    --------
    >>> x = sp.Symbol("x", positive=True)
    >>> code = generate_code(x ** 2, (x,), "c", name="sq")
    >>> code.lang, sorted(code.files)
    ('c', ['sq.c', 'sq.h'])
    """

    lang: str
    name: str
    args: tuple
    files: Mapping[str, str] = field(default_factory=dict)

    def write(self, directory) -> list:
        """Write every file into ``directory`` (created if needed); returns the paths."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        out = []
        for fname, text in self.files.items():
            (d / fname).write_text(text)
            out.append(d / fname)
        return out


def _finite(e) -> bool:
    return not e.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.AccumBounds, sp.Limit)


def _at_zero(expr, a):
    """The value of ``expr`` at ``a = 0`` (``a`` positive): the substitution where it is defined,
    else the one-sided limit ``a -> 0+`` (a removable singularity); ``None`` if neither is finite."""
    try:
        v = expr.subs(a, 0)
        if _finite(v):
            return v
    except (ZeroDivisionError, ValueError, TypeError):
        pass
    try:
        v = sp.limit(expr, a, 0, "+")
    except (NotImplementedError, ValueError, TypeError, ZeroDivisionError, RecursionError):
        return None
    return v if _finite(v) else None


def _branches(expr, args, valid_at=None) -> list:
    """``[(zeros, value)]``: the closed form's value where the positive or nonnegative arguments
    in ``zeros`` (one or two of them) are 0 — the domain edge, where the derivation's generic
    solution may not apply but the quantity is defined (``evaluate`` gives a number there).
    Removable singularities (0/0) are resolved by the one-sided limit. ``valid_at({symbol: 0,
    ...})``, when given, says whether the closed form holds at an edge (e.g. the steady state is
    unique there); an edge it rejects gets ``nan``. Without ``valid_at`` no edge is resolved."""
    if valid_at is None:  # nothing is known about the edges: they stay outside the domain (NaN)
        return []
    edge = [a for a in args if a.is_positive or a.is_nonnegative]
    out, single = [], {}

    def ok(zeros):
        return bool(valid_at({z: 0 for z in zeros}))

    def resolve(e, a, zeros):
        if not ok(zeros):
            return sp.nan
        v = _at_zero(e, a)
        return sp.nan if v is None else v

    for a in edge:
        v = resolve(expr, a, (a,))
        single[a] = v
        if a.is_positive or v is sp.nan or not _finite(expr.subs(a, 0)):
            out.append(((a,), v))
    for i, a in enumerate(edge):
        for b in edge[i + 1:]:
            if single[a] is sp.nan or single[b] is sp.nan:
                continue
            v = resolve(single[a], b, (a, b))
            if v is sp.nan or a.is_positive or b.is_positive or not _finite(single[a].subs(b, 0)):
                out.append(((a, b), v))
    return out


def _domain(args, branches=()) -> list:
    """``[(symbol, op)]`` from the assumptions: op ``">"`` (positive) or ``">="`` (nonnegative;
    also a positive symbol whose edge value 0 is resolved by a branch)."""
    edge = {z[0] for z, v in branches if len(z) == 1 and v is not sp.nan}
    out = []
    for a in args:
        if a.is_positive and a not in edge:
            out.append((a, ">"))
        elif a.is_nonnegative or a.is_positive:
            out.append((a, ">="))
    return out


def _domain_text(args, branches=()) -> str:
    parts = [f"{a.name} {op} 0" for a, op in _domain(args, branches)]
    reals = [a.name for a in args if a.is_real and not (a.is_positive or a.is_nonnegative)]
    if reals:
        parts.append(", ".join(reals) + " real")
    return ", ".join(parts) if parts else "all real arguments"


def _cse(expr, args):
    taken = {a.name for a in args} | {s.name for s in expr.free_symbols}
    k = 0

    def names():
        nonlocal k
        while True:
            nm = f"t{k}"
            k += 1
            if nm not in taken:
                yield sp.Symbol(nm, real=True)

    repl, red = sp.cse(expr, symbols=names(), optimizations="basic")
    return repl, red[0]


def _check_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name or "") or keyword.iskeyword(name):
        raise ParameterError("name", name, "a C/Python identifier (letters, digits, _)")
    return name


def _header_text(name, args, expr, model, assumptions, comment, branches=(), exclude=()) -> list:
    lines = [f"{name}({', '.join(a.name for a in args)}): generated by symbolic_ness (symbolic-ness codegen).",
             "Stand-alone: does not import symbolic_ness.", ""]
    if model:
        lines += ["Model:", *("    " + ln for ln in str(model).splitlines()), ""]
    lines += ["Formula (sympy):", "    " + sp.sstr(expr), "",
              "Formula (LaTeX):", "    " + latex(expr), "",
              f"Domain (the derivation's assumptions; NaN outside): {_domain_text(args, branches)}"]
    for zeros, v in branches:
        lines.append(f"At {' = '.join(z.name for z in zeros)} = 0 (domain edge): {sp.sstr(v)}")
    for f in exclude:
        lines.append(f"NaN where {sp.sstr(f)} = 0 (the closed form does not hold there)")
    for a in assumptions:
        lines.append("Assumption: " + str(a))
    return [comment + ln if ln else comment.rstrip() for ln in lines]


def _python(expr, args, name, model, assumptions, jax: bool, valid_at=None, exclude=()) -> str:
    P = _JaxPrinter() if jax else _NumpyPrinter()
    mod = "jax.numpy" if jax else "numpy"
    pargs = [P._print(a) for a in args]
    branches = _branches(expr, args, valid_at)
    head = _header_text(name, args, expr, model, assumptions, "", branches, exclude)
    if jax:
        head += ["", "JAX: jit-able and differentiable (jax.jit, jax.grad). This module changes no JAX setting:",
                 "JAX computes in 32-bit floats unless 64-bit mode is on; for values that agree with the",
                 "numpy and C versions enable it before any JAX computation, e.g.",
                 '    import jax; jax.config.update("jax_enable_x64", True)',
                 "or set the environment variable JAX_ENABLE_X64=1."]
    else:
        head += ["", "numpy: vectorized (arguments broadcast against each other)."]
    doc = "\n".join(head).replace('"""', "'''").replace("\\", "\\\\")
    out = ['"""' + doc + '\n"""', ""]
    if jax:
        out += ["import jax.numpy", ""]
    else:
        out += ["import numpy", ""]
    out += [f"__all__ = [{name!r}]", f"ARGS = {tuple(a.name for a in args)!r}",
            f"EXPRESSION = {sp.sstr(expr)!r}", "", ""]
    helpers = []
    pieces = [("value", expr)] + [(f"edge{k}", v) for k, (_, v) in enumerate(branches)]
    body = []
    for var, e in pieces:
        repl, red = _cse(e, args)
        fn = f"_{name}_{var}"
        lines = [f"def {fn}({', '.join(pargs)}):"]
        lines += ["    " + f"{P._print(t)} = {P._print(x)}" for t, x in repl]
        lines.append(f"    return {P._print(red)}")
        helpers += lines + ["", ""]
        body.append(f"{var} = {fn}({', '.join(pargs)})")
    out += helpers
    out += [f"def {name}({', '.join(pargs)}):",
            f'    """{name}({", ".join(a.name for a in args)}); NaN outside {_domain_text(args, branches)}."""']
    for pa in pargs:
        out.append(f"    {pa} = {mod}.asarray({pa}, dtype=float)")
    for k, (zeros, _) in enumerate(branches):  # the domain edges, one-argument edges first
        cond = " & ".join(f"({P._print(z)} == 0)" for z in zeros)
        body.append(f"value = {mod}.where({cond}, edge{k}, value)")
    if exclude:  # where the closed form does not hold (e.g. the steady state is not unique)
        cond = " | ".join(f"({P._print(f)} == 0)" for f in exclude)
        body.append(f"value = {mod}.where({cond}, {mod}.nan, value)")
    conds = [f"({P._print(a)} {op} 0)" for a, op in _domain(args, branches)]
    if jax:
        out += ["    " + ln for ln in body]
    else:
        out += ["    with numpy.errstate(all='ignore'):"] + ["        " + ln for ln in body]
    if args:
        out.append(f"    shape = {mod}.broadcast_shapes({', '.join(p + '.shape' for p in pargs)})")
        out.append(f"    value = {mod}.broadcast_to(value, shape)")
        ok = " & ".join(conds) if conds else "True"
        out.append(f"    return {mod}.where({ok}, value, {mod}.nan)" + ("" if jax else "[()]"))
    else:
        out.append(f"    return {mod}.asarray(value, dtype=float)")
    return "\n".join(out) + "\n"


def _c(expr, args, name, model, assumptions, valid_at=None, exclude=()) -> dict:
    if expr.has(sp.I):
        raise ParameterError("lang", "c", "a real closed form for C (this one has complex terms; use python)")
    P = _CPrinter()
    pargs = [P._print(a) for a in args]
    branches = _branches(expr, args, valid_at)
    guard = re.sub(r"\W", "_", name).upper() + "_H"
    head = ["/*"] + _header_text(name, args, expr, model, assumptions, " * ", branches, exclude) + [
        " *", " * C99: double precision; compile e.g. cc -O2 -std=c99 -c " + name + ".c (link with -lm).", " */"]
    head = [ln.replace("*/", "* /") if i not in (0, len(head) - 1) else ln for i, ln in enumerate(head)]
    sig = f"double {name}({', '.join('double ' + a for a in pargs) or 'void'})"
    vsig = (f"void {name}_vec(size_t n, " + "".join(f"const double *{a}, " for a in pargs) + "double *out)")
    h = head + [f"#ifndef {guard}", f"#define {guard}", "", "#include <stddef.h>", "",
                "/* the closed form at one point; NaN outside the domain */", sig + ";",
                "/* out[i] = " + name + "(" + ", ".join(f"{a}[i]" for a in pargs) + ") for i < n */",
                vsig + ";", "", f"#endif /* {guard} */", ""]
    conds = [f"{P._print(a)} {op} 0" for a, op in _domain(args, branches)]
    c = head + ["#include <math.h>", "#include <stddef.h>", f'#include "{name}.h"', "", sig, "{"]
    if conds:
        c.append(f"    if (!({' && '.join(conds)})) return NAN;")
    if exclude:  # where the closed form does not hold (e.g. the steady state is not unique)
        c.append("    if (" + " || ".join(f"({P._print(f)}) == 0" for f in exclude) + ") return NAN;")

    def block(e, indent):
        repl, red = _cse(e, args)
        return ([f"{indent}const double {P._print(t)} = {P._print(x)};" for t, x in repl]
                + [f"{indent}return {P._print(red)};"])
    # most specific edge first (two arguments at 0, then one)
    for zeros, v in sorted(branches, key=lambda b: -len(b[0])):
        c.append("    if (" + " && ".join(f"{P._print(z)} == 0" for z in zeros) + ") {")
        c += block(v, "        ")
        c.append("    }")
    c += block(expr, "    ")
    c += ["}", "", vsig, "{",
          "    for (size_t i = 0; i < n; ++i)",
          f"        out[i] = {name}({', '.join(f'{a}[i]' for a in pargs)});", "}", ""]
    return {f"{name}.h": "\n".join(h), f"{name}.c": "\n".join(c)}


def generate_code(expr, args: Sequence[sp.Symbol], lang: str = "python", name: str = "f", *,
                  model: str = "", assumptions: Sequence[str] = (), valid_at=None,
                  exclude: Sequence = ()) -> GeneratedCode:
    """Stand-alone source code evaluating ``expr`` in the arguments ``args`` (in that order).

    Parameters
    ----------
    expr : sympy expression (real-valued for ``lang="c"``); free symbols must all be in ``args``.
    args : the arguments, in signature order; their assumptions set the domain (NaN outside).
    lang : ``"python"`` (numpy), ``"c"`` (C99 ``.c`` + ``.h``) or ``"jax"``.
    name : function (and file) name, a C/Python identifier.
    model, assumptions : text recorded in the docstring / header comment.
    valid_at : optional ``callable({symbol: 0, ...}) -> bool``: whether the closed form holds where
        those positive or nonnegative arguments are 0 (e.g. the steady state is unique there;
        ``lambda zeros: True`` when it always holds). Without it no domain edge is resolved.
    exclude : polynomials in the arguments (matched by name) on whose zero set the closed form
        does not hold (e.g. :attr:`SteadyState.rank_drop`: the steady state is not unique there);
        the generated code returns NaN there.

    Returns
    -------
    GeneratedCode
        The source files (``NAME.py``, or ``NAME.c`` and ``NAME.h``).

    Raises
    ------
    ParameterError
        Unknown ``lang``, a bad ``name``, a free symbol not in ``args``, or roots of a polynomial
        with parameter-dependent coefficients (``RealRoot``) that stand-alone code cannot evaluate.

    Notes
    -----
    With ``valid_at``, where a positive argument is 0 (the domain edge; also two at once) the
    generated code returns the closed form's value there — the substitution, or the one-sided
    limit at a removable 0/0 — so it agrees with a direct evaluation at that point; an edge
    without a finite value, or rejected by ``valid_at``, is NaN.

    Examples
    --------
    >>> x, y = sp.symbols("x y", positive=True)
    >>> src = generate_code(sp.sin(x) / x * y, (x, y), "python", name="f",
    ...                     valid_at=lambda zeros: True).files["f.py"]
    >>> "At x = 0 (domain edge): y" in src, "NaN outside x >= 0, y >= 0" in src
    (True, True)
    """
    if lang not in LANGUAGES:
        raise ParameterError("lang", lang, "one of " + ", ".join(LANGUAGES))
    name = _check_name(name)
    expr = sp.sympify(expr)
    args = tuple(args)
    missing = expr.free_symbols - set(args)
    if missing:
        raise ParameterError("args", sorted(s.name for s in missing),
                             "every free symbol of the expression as an argument")
    implicit = [a for a in expr.atoms(RealRoot) if a.free_symbols]
    if implicit:
        deg = max(len(a.args) - 2 for a in implicit)
        raise ParameterError("expr", f"roots of a degree-{deg} polynomial (RealRoot)",
                             "an explicit closed form: the stand-alone code cannot evaluate the roots of a "
                             f"polynomial of degree {deg} with parameter-dependent coefficients; fix more "
                             "parameters or evaluate point by point (evaluate, sweep)")
    byname = {a.name: a for a in args}
    excl = []
    for f in exclude:
        f = sp.sympify(f)
        if all(x.name in byname for x in f.free_symbols) and f.free_symbols:
            excl.append(f.xreplace({x: byname[x.name] for x in f.free_symbols}))
    if lang == "c":
        files = _c(expr, args, name, model, assumptions, valid_at, excl)
    else:
        files = {f"{name}.py": _python(expr, args, name, model, assumptions, jax=lang == "jax", valid_at=valid_at,
                                       exclude=excl)}
    return GeneratedCode(lang, name, tuple(a.name for a in args), files)
