r"""Closed forms of catalogued quantities, and ``symbolic-ness codegen`` / ``latex --standalone``.

:func:`closed_form` returns the derived expression of a quantity with some parameters fixed
(exactly: each float is the rational it prints) and the others left as symbols, or ``None``
when the quantity offers none (then sweeps evaluate it point by point). Sources, in order:

1. the quantity's own hook: a :class:`~symbolic_ness.app.Quantity` may carry an attribute
   ``closed_form(params) -> sympy expression`` in symbols named like the free parameters (or
   a dict with keys ``expr``, ``source`` and optionally ``model``, ``assumptions``,
   ``denominators``; or ``None``: no closed form at these values, evaluate point by point);
2. ``negativity`` of a two-qubit model with an explicit core model (``CatalogModel.build``;
   ``reset-ising`` falls back to :func:`symbolic_ness.papers.hdb.ising_reset_model`): the
   library's :func:`symbolic_ness.engines.closed_form` (exact steady state over
   :math:`\mathbb Q(\text{free parameters})`, certified negativity, partial transpose on qubit 0).

The expression is valid where its symbols' assumptions hold and the steady state's
denominators do not vanish; callers evaluate it only there.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ParameterError
from ._lookup import lookup as _cli_lookup
from ._lookup import parse_sets as _cli_parse_sets

__all__ = ["ClosedForm", "closed_form", "exact_param", "resolve_model", "set_model_lookup", "add_codegen_parser",
           "add_latex_standalone"]


@dataclass(frozen=True)
class ClosedForm:
    """A quantity's closed form: ``expr`` in ``args`` (symbols, catalogue parameter order)."""

    expr: Any  # sympy expression
    args: tuple
    source: str
    model: Any = None            # the core Model it was derived from (or None)
    assumptions: tuple = ()
    denominators: tuple = ()     # must not vanish where the expression is used


def exact_param(v):
    """A parameter value as an exact sympy number (core :func:`~symbolic_ness.algebra.exact_number`:
    a float becomes the rational it prints); choice strings stay strings.

    >>> exact_param(0.1), exact_param(2), exact_param("plus")
    (1/10, 2, 'plus')
    """
    from ..algebra import exact_number
    return v if isinstance(v, str) else exact_number(v)


_ENTRIES: dict = {}
# the CLI's model lookup (catalogue names and model files) and --set parser
_CLI: dict = {"lookup": _cli_lookup, "parse_sets": _cli_parse_sets}


def set_model_lookup(lookup, parse_sets=None) -> None:
    """Use the CLI's model lookup (catalogue names and model files) and ``--set`` parser."""
    _CLI["lookup"] = lookup
    if parse_sets is not None:
        _CLI["parse_sets"] = parse_sets


def resolve_model(model, lookup=None):
    """A catalogue entry from a name (or, with the CLI's ``lookup``, a model file); objects pass."""
    if not isinstance(model, str):
        return model
    lookup = lookup or _CLI.get("lookup")
    key = (model, lookup)
    if key not in _ENTRIES:
        if lookup is not None:
            _ENTRIES[key] = lookup(model)
        else:
            from ._catalog import catalog
            models = catalog()
            if model not in models:
                raise ParameterError("MODEL", model, "one of " + ", ".join(models))
            _ENTRIES[key] = models[model]
    return _ENTRIES[key]



def _entry(model):
    return resolve_model(model)


def _core_model(entry, fixed: dict):
    """The explicit core model of a catalogue entry, or None."""
    if getattr(entry, "build", None) is not None:
        return entry.build(dict(fixed))
    if entry.name == "reset-ising":
        from ..papers.hdb import ising_reset_model
        return ising_reset_model()
    return None


def closed_form(model, quantity: str, fixed: dict | None = None, free=None) -> ClosedForm | None:
    """Closed form of ``quantity`` of ``model`` at the ``fixed`` parameter values.

    Parameters
    ----------
    model : catalogue name (or model file, where the CLI resolves those) or a CatalogModel.
    quantity : quantity name.
    fixed : ``{name: value}`` of the parameters substituted exactly (floats as the rationals
        they print; choice parameters as given).
    free : names kept symbolic (default: every real/int model parameter not in ``fixed``).

    Returns ``None`` when the quantity offers no closed form.

    >>> cf = closed_form("reset-ising", "negativity", {"gamma": 1.0}, free=("g", "r"))
    >>> cf.args
    (g, r)
    >>> cf.expr.subs({cf.args[0]: 2, cf.args[1]: 5})  # exact: a rational at rational points
    23/1968
    """
    import sympy as sp
    entry = _entry(model)
    if quantity not in entry.quantities:
        raise ParameterError("QUANTITY", quantity, f"one of {', '.join(entry.quantities)} for model {entry.name}")
    q = entry.quantities[quantity]
    fixed = dict(fixed or {})
    pnames = [p.name for p in entry.params] + [p.name for p in q.params]
    if free is None:
        free = tuple(p.name for p in list(entry.params) + list(q.params)
                     if p.name not in fixed and p.kind in ("real", "int", "expr"))
    free = tuple(free)
    hook = getattr(q, "closed_form", None)
    if callable(hook):  # an expression, a dict (expr, source, model, assumptions, denominators) or None
        res = hook(fixed)
        if res is None:
            return None
        if isinstance(res, dict):
            expr, source = sp.sympify(res["expr"]), res["source"]
            model_obj, assumptions = res.get("model"), tuple(res.get("assumptions", ()))
            dens = tuple(res.get("denominators", ()))
        else:
            expr = sp.sympify(res)
            source = f"{entry.name}/{quantity}: the quantity's closed form"
            model_obj, assumptions, dens = None, (), ()
    elif quantity == "negativity":
        try:
            M = _core_model(entry, fixed)
        except (ParameterError, KeyError, TypeError, ValueError):
            return None  # the explicit model needs values we keep free: evaluate point by point
        if M is None or M.n != 2:
            return None
        from .._errors import NonUniqueSteadyStateError
        from ..engines import closed_form as library_closed_form
        subs = {s: exact_param(fixed[s.name]) for s in M.parameters if s.name in fixed}
        if {s.name for s in M.parameters if s not in subs} - set(free):
            return None  # a parameter neither fixed nor free: no closed form in the requested arguments
        try:
            cf = library_closed_form(M, "negativity", subs, cut=[0], method="exact")
        except NonUniqueSteadyStateError:
            return None
        expr = sp.sympify(cf.expr)
        source = f"{entry.name}/{quantity}: core exact steady state and negativity (PT on qubit 0)"
        model_obj, assumptions, dens = cf.model, cf.assumptions, cf.denominators
    else:
        return None
    byname = {s.name: s for s in expr.free_symbols}
    unknown = set(byname) - set(free)
    if unknown:
        return None
    order = [n for n in pnames if n in free] + [n for n in free if n not in pnames]
    args = tuple(byname.get(n) or sp.Symbol(n, real=True) for n in order)
    return ClosedForm(expr, args, source, model_obj, assumptions, dens)


# ------------------------------------------------------------------ CLI hooks
def cmd_codegen(args) -> int:
    import sympy as sp
    from ..export import generate_code
    from ._registry import parse_params
    m = _CLI["lookup"](args.model, args.quantity)
    raw = _CLI["parse_sets"](args.set)
    fixed = parse_params(m, args.quantity, raw) if raw else {}
    fixed = {k: v for k, v in fixed.items() if k in raw}
    cf = closed_form(m, args.quantity, fixed)
    if cf is None:
        raise ParameterError("QUANTITY", args.quantity,
                             f"a quantity with a closed form (model {m.name} offers none for it)")
    name = (args.name or args.quantity).replace("-", "_")
    model_text = f"{m.name}: {m.doc}" + (f"\nfixed: {fixed}" if fixed else "")
    valid_at, exclude = None, ()
    if cf.model is not None:  # a domain edge counts where the NESS is unique; NaN on the rank-drop locus
        from ..engines import validity
        valid_at, exclude = validity(cf.model)
    code = generate_code(cf.expr, cf.args, args.lang, name=name, model=model_text, valid_at=valid_at, exclude=exclude,
                         assumptions=cf.assumptions + tuple(f"denominator {sp.sstr(d)} != 0" for d in cf.denominators))
    if args.out:
        for p in code.write(Path(args.out)):
            print(p)
    else:
        for fname, text in code.files.items():
            if len(code.files) > 1:
                print(f"/* ===== {fname} ===== */")
            sys.stdout.write(text)
    return 0


def add_codegen_parser(sub, lookup, parse_sets) -> None:
    """Add ``symbolic-ness codegen MODEL QUANTITY --lang python|c|jax [--out DIR]``."""
    set_model_lookup(lookup, parse_sets)
    c = sub.add_parser("codegen", help="write a stand-alone evaluator (numpy, C99 or JAX) of a closed form")
    c.add_argument("model"); c.add_argument("quantity")
    c.add_argument("--lang", default="python", choices=["python", "c", "jax"])
    c.add_argument("--out", default="", help="directory to write the files into (default: print)")
    c.add_argument("--name", default="", help="function name (default: the quantity name)")
    c.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help="fix a parameter exactly (repeatable); the others are function arguments")
    c.set_defaults(func=cmd_codegen)


def add_latex_standalone(sub) -> None:
    """Add ``--standalone`` to ``symbolic-ness latex``: print a compilable LaTeX document."""
    la = sub.choices.get("latex")
    if la is None:
        return
    la.add_argument("--standalone", action="store_true",
                    help="print a complete LaTeX document (compiles with pdflatex)")
    inner = la.get_default("func")

    def run(args) -> int:
        if not getattr(args, "standalone", False):
            return inner(args)
        import contextlib
        import io
        from ..export import latex_document
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            rc = inner(args)
        title = f"{args.model}: {args.quantity}"
        sys.stdout.write(latex_document([(title, [(args.quantity, buf.getvalue().strip())])],
                                        title=r"symbolic\_ness: " + title.replace("_", r"\_")))
        return rc

    la.set_defaults(func=run)
