"""Command-line interface ``symbolic-ness``.

Sub-commands: ``evaluate``, ``latex``, ``derive``, ``reproduce``, ``list``, ``cache``.
Every failure prints one line ``symbolic-ness: error: <message>`` on stderr and
never a traceback (``SYMBOLIC_NESS_DEBUG=1`` shows it); the exit status says what
failed (:data:`EXIT_CODES`, also in ``--help``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path


from .._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError, exit_code
from ._json import to_jsonable
from ._lookup import lookup, parse_sets
from ._registry import QuantityValue, resolve_method

__all__ = ["main", "to_jsonable", "EXIT_CODES"]

EXIT_CODES = """exit status:
  0  success
  2  bad input: a parameter, model, quantity or method outside its allowed range (the
     message names it and the allowed range), or bad command-line syntax
  3  the steady state is not unique (null space of the Liouvillian has dimension > 1)
  4  a solve or a self-check failed (residual, certificate), or an unexpected error
     (set SYMBOLIC_NESS_DEBUG=1 to see its traceback)
methods: --method auto (default) lets each quantity pick (exact where it is cheap, else
  the fastest correct method); the JSON "method" says which one ran."""


def _catalog_help() -> str:
    from ._manifest import catalog_help
    return catalog_help()


_parse_sets = parse_sets
_lookup = lookup


def cmd_evaluate(args) -> int:
    from ._registry import parse_params
    m = _lookup(args.model, args.quantity)
    q = m.quantities[args.quantity]
    method = resolve_method(q, args.method)
    params = parse_params(m, args.quantity, _parse_sets(args.set))
    try:
        value = q.fn(params, method)
    except NonUniqueSteadyStateError as exc:  # the JSON form still reports the null-space dimension
        if args.json:
            print(json.dumps({"model": m.name, "quantity": q.name, "params": to_jsonable(params),
                              "method": method, "nullity": exc.nullity, "unique": False, "value": None}))
        raise
    if isinstance(value, QuantityValue):
        value, method = value.value, value.method
    if args.json:
        print(json.dumps({"model": m.name, "quantity": q.name, "params": to_jsonable(params),
                          "method": method, "value": to_jsonable(value)}))
    else:
        jv = to_jsonable(value)
        print(jv if isinstance(jv, (int, float, str)) else json.dumps(jv))
    return 0


def cmd_latex(args) -> int:
    from ._registry import parse_params
    m = _lookup(args.model, args.quantity)
    q = m.quantities[args.quantity]
    if q.latex is None:
        raise ParameterError("QUANTITY", q.name, "a quantity with a closed form (this one has no LaTeX)")
    params = parse_params(m, args.quantity, _parse_sets(args.set)) if args.set else {}
    from ..core import equation_latex
    print(equation_latex(q.latex(params)))
    return 0


def cmd_derive(args) -> int:
    from ._registry import parse_params
    m = _lookup(args.model)
    if m.derive is None:
        raise ParameterError("MODEL", m.name, "a model with a derivation")
    params = parse_params(m, None, _parse_sets(args.set)) if args.set else {}
    t0 = time.perf_counter()
    for title, text, seconds in m.derive(params):
        print(f"== {title}  ({seconds:.3f} s)")
        print(text)
        print()
    print(f"total: {time.perf_counter() - t0:.3f} s")
    return 0


def cmd_lambdify(args) -> int:
    """Signature and timing of the numpy evaluator of a model file's closed form (core.lambdify)."""
    from ._registry import parse_params
    m = _lookup(args.model, args.quantity)
    if not hasattr(m, "lambdify_report"):
        raise ParameterError("MODEL", m.name, "a model file (FILE.toml) for lambdify")
    params = parse_params(m, args.quantity, _parse_sets(args.set)) if args.set else {}
    print(m.lambdify_report(args.quantity, params))
    return 0


def cmd_list(args) -> int:
    print(_catalog_help())
    return 0


def cmd_sweep(args) -> int:
    from ._sweep import cmd_sweep as run
    return run(args)


def cmd_reproduce(args) -> int:
    from ._reproduce import reproduce
    only = args.only.split(",") if args.only else None
    return reproduce(Path(args.out), only=only)


def cmd_cache(args) -> int:
    from .._cache import cache_info, clear_cache
    if args.action == "clear":
        n = clear_cache()
        print(f"removed {n} cache entries from {cache_info()['dir']}")
    else:
        info = cache_info()
        print(f"cache directory: {info['dir']}")
        print(f"enabled: {'yes' if info['enabled'] else 'no (SYMBOLIC_NESS_NO_CACHE)'}")
        print(f"entries: {info['entries']} ({info['bytes'] / 1e6:.2f} MB)")
    return 0


class UsageError(ParameterError):
    """Bad command-line syntax (exit 2, like every bad input)."""

    def __init__(self, message: str):
        self.name, self.value, self.allowed = "command line", None, message
        ValueError.__init__(self, f"{message} (see symbolic-ness --help)")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2), as every other failure."""

    def error(self, message):
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    try:
        epilog = _catalog_help()
    except Exception as exc:  # keep --help usable even if a module fails to import
        epilog = f"(catalogue unavailable: {_one_line(exc)})"
    epilog = EXIT_CODES + "\n\n" + epilog
    p = _Parser(prog="symbolic-ness", description=__doc__.splitlines()[0] + " Exact NESS and entanglement.",
                epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    e = sub.add_parser("evaluate", help="evaluate a quantity of a catalogued model")
    e.add_argument("model"); e.add_argument("quantity")
    e.add_argument("--set", action="append", metavar="NAME=VALUE", help="parameter value (repeatable)")
    e.add_argument("--method", default="auto", metavar="METHOD",
                   help="auto (default: the quantity picks), exact, numeric or any method the quantity lists")
    e.add_argument("--json", action="store_true", help="print a JSON object")
    e.set_defaults(func=cmd_evaluate)
    for name, helptext, func, args in (
            ("latex", "print the LaTeX of a derived closed form", cmd_latex, ("model", "quantity")),
            ("derive", "print the derivation of a model with timings", cmd_derive, ("model",)),
            ("lambdify", "signature and timing of a model file's generated numpy evaluator", cmd_lambdify,
             ("model", "quantity"))):
        sp_ = sub.add_parser(name, help=helptext)
        for a in args:
            sp_.add_argument(a)
        sp_.add_argument("--set", action="append", metavar="NAME=VALUE")
        sp_.set_defaults(func=func)
    r = sub.add_parser("reproduce", help="derive everything; write results.json, LaTeX and figures")
    r.add_argument("--out", default="results")
    r.add_argument("--only", default="", help="comma-separated section keys")
    r.set_defaults(func=cmd_reproduce)
    li = sub.add_parser("list", help="list models, quantities and parameters")
    li.set_defaults(func=cmd_list)
    c = sub.add_parser("cache", help="inspect (info) or empty (clear) the on-disk cache of derivations")
    c.add_argument("action", choices=["info", "clear"])
    c.set_defaults(func=cmd_cache)
    from ._closed_form import add_codegen_parser, add_latex_standalone
    from ._sweep_args import add_sweep_parser
    add_sweep_parser(sub, cmd_sweep); add_codegen_parser(sub, _lookup, _parse_sets)
    add_latex_standalone(sub)
    return p


def _one_line(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    return msg if len(msg) <= 500 else msg[:497] + "..."


def main(argv=None) -> int:
    """Run the CLI; returns the exit status (never raises, never prints a traceback unless
    ``SYMBOLIC_NESS_DEBUG=1``)."""
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        print("symbolic-ness: error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        code = exit_code(exc)
        known = code != 4 or isinstance(exc, CheckFailedError)
        msg = _one_line(exc) if known else (
            f"unexpected {type(exc).__name__}: {_one_line(exc) or '(no message)'}; "
            "please report it (set SYMBOLIC_NESS_DEBUG=1 for the traceback)")
        if os.environ.get("SYMBOLIC_NESS_DEBUG", "") not in ("", "0"):
            traceback.print_exc()
        print(f"symbolic-ness: error: {msg}", file=sys.stderr)
        return code
