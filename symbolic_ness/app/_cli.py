"""Command-line interface ``symbolic-ness``.

Sub-commands: ``evaluate``, ``latex``, ``derive``, ``reproduce``, ``list``, ``cache``.
Every failure prints one line ``symbolic-ness: error: <message>`` on stderr and
never a traceback (``SYMBOLIC_NESS_DEBUG=1`` shows it); the exit status says what
failed (:data:`EXIT_CODES`, also in ``--help``).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
import traceback
from pathlib import Path


from .._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError, TimeBudgetExceeded, exit_code
from ._json import to_jsonable
from ._lookup import lookup, parse_sets
from ._progress import BATCH_COMMANDS, BATCH_TIMEOUT, DEFAULT_TIMEOUT
from ._registry import QuantityValue, resolve_method

__all__ = ["main", "to_jsonable", "EXIT_CODES"]

EXIT_CODES = """exit status:
  0  success
  2  bad input: a parameter, model, quantity or method outside its allowed range (the
     message names it and the allowed range), or bad command-line syntax; or a limit: a size
     refused before work, the time budget ran out (--timeout), or memory exhausted (the
     message says what to change)
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


def _emit(args, obj) -> None:
    """Print ``obj`` as one JSON line (the ``--json`` contract, see the README)."""
    print(json.dumps(to_jsonable(obj), allow_nan=True))


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
            args.json_done = True
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
    from ..export import equation_latex
    text = equation_latex(q.latex(params))
    if args.json:
        _emit(args, {"model": m.name, "quantity": q.name, "params": params, "latex": text})
    else:
        print(text)
    return 0


def cmd_derive(args) -> int:
    from ._registry import parse_params
    m = _lookup(args.model)
    if m.derive is None:
        raise ParameterError("MODEL", m.name, "a model with a derivation")
    params = parse_params(m, None, _parse_sets(args.set)) if args.set else {}
    t0 = time.perf_counter()
    steps = []
    for title, text, seconds in m.derive(params):
        if args.json:
            steps.append({"title": title, "text": text, "seconds": seconds})
            continue
        print(f"== {title}  ({seconds:.3f} s)")
        print(text)
        print()
    total = time.perf_counter() - t0
    if args.json:
        _emit(args, {"model": m.name, "params": params, "steps": steps, "seconds": total})
    else:
        print(f"total: {total:.3f} s")
    return 0


def cmd_lambdify(args) -> int:
    """Signature and timing of the numpy evaluator of a model file's closed form (core.lambdify)."""
    from ._registry import parse_params
    m = _lookup(args.model, args.quantity)
    if not hasattr(m, "lambdify_report"):
        raise ParameterError("MODEL", m.name, "a model file (FILE.toml) for lambdify")
    params = parse_params(m, args.quantity, _parse_sets(args.set)) if args.set else {}
    report = m.lambdify_report(args.quantity, params)
    if args.json:
        _emit(args, {"model": m.name, "quantity": args.quantity, "params": params, "report": report})
    else:
        print(report)
    return 0


def cmd_list(args) -> int:
    if args.json:
        from ._manifest import load_manifest
        data = load_manifest()
        if data is None:
            from ._manifest import describe_catalog
            data = describe_catalog()
        _emit(args, {"models": data["models"]})
        return 0
    print(_catalog_help())
    return 0


SWEEP_SUFFIXES = (".nc", ".h5", ".zarr")


def cmd_sweep(args) -> int:
    if Path(args.out).suffix.lower() not in SWEEP_SUFFIXES:
        raise ParameterError("--out", args.out, "a file ending in .nc or .h5 (NetCDF) or .zarr (Zarr)")
    if args.plot and Path(args.plot).suffix.lower() not in (".png", ".pdf", ".svg"):
        raise ParameterError("--plot", args.plot, "a file ending in .png, .pdf or .svg")
    from .._cost import MAX_GRID_POINTS, check_count, grid_points
    check_count("--grid", " ".join(args.grid), MAX_GRID_POINTS, "grid points (all axes together)",
                "fewer points per axis", estimate=grid_points(args.grid))
    from ._sweep import cmd_sweep as run
    if not args.json:
        return run(args)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = run(args)
    out = buf.getvalue().strip().splitlines()
    info = {"out": out[-1] if out else None, "status": rc}
    try:  # what the file holds: the sweep's own attributes
        import xarray as xr
        with xr.open_dataset(info["out"], engine="h5netcdf") if str(info["out"]).endswith(".nc") else \
                contextlib.nullcontext(None) as ds:
            if ds is not None:
                info.update({k: ds.attrs.get(k) for k in ("points", "failed_points", "evaluator", "method")
                             if k in ds.attrs})
    except Exception:  # the file is written; its summary is a courtesy
        pass
    _emit(args, info)
    return rc


def cmd_codegen(args, inner) -> int:
    if not args.json:
        return inner(args)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = inner(args)
    text = buf.getvalue()
    res = {"model": args.model, "quantity": args.quantity, "lang": args.lang}
    if args.out:
        res["written"] = text.split()
    else:
        res["code"] = text
    _emit(args, res)
    return rc


def cmd_reproduce(args) -> int:
    from ._reproduce import reproduce
    only = args.only.split(",") if args.only else None
    rc = reproduce(Path(args.out), only=only)
    if args.json:
        _emit(args, {"out": str(Path(args.out)), "status": rc,
                     "results": str(Path(args.out) / "results.json")})
    return rc


def cmd_cache(args) -> int:
    from .._cache import cache_info, clear_cache
    if args.action == "clear":
        n = clear_cache()
        if args.json:
            _emit(args, {"removed": n, "dir": str(cache_info()["dir"])})
        else:
            print(f"removed {n} cache entries from {cache_info()['dir']}")
    else:
        info = cache_info()
        if args.json:
            _emit(args, {k: (str(v) if isinstance(v, Path) else v) for k, v in info.items()})
            return 0
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


MODEL_HELP = ("a catalogue model name (see 'symbolic-ness list') or a model file: a path with a "
              "directory part or ending in .toml, e.g. ./my_model or examples/x.toml")
QUANTITY_HELP = "a quantity of the model (see 'symbolic-ness list'; model files: steady-state, negativity, ...)"
SET_HELP = "parameter value NAME=VALUE (repeatable; each NAME at most once)"


_HELP = {"lang": "language of the generated code: python (numpy), c (C99 .c and .h) or jax (default python)"}


def _add_common(p) -> None:
    """Options every sub-command has: --json, --quiet, --timeout."""
    known = {a for act in p._actions for a in act.option_strings}
    if "--json" not in known:
        p.add_argument("--json", action="store_true",
                       help="print one JSON object on stdout (the JSON contract is in the README)")
    if "--quiet" not in known:
        p.add_argument("--quiet", action="store_true", help="no progress line or stage timings on stderr")
    default = BATCH_TIMEOUT if p.prog.split()[-1] in BATCH_COMMANDS else DEFAULT_TIMEOUT
    p.add_argument("--timeout", type=float, default=default, metavar="SECONDS",
                   help=f"time budget in seconds (default {default:g}; 0: none); when it runs out the "
                   "command stops with exit 2 and says what to change")


def build_parser() -> argparse.ArgumentParser:
    try:
        epilog = _catalog_help()
    except Exception as exc:  # keep --help usable even if a module fails to import
        epilog = f"(catalogue unavailable: {_one_line(exc)})"
    epilog = EXIT_CODES + "\n\n" + epilog
    p = _Parser(prog="symbolic-ness", description=__doc__.splitlines()[0] + " Exact NESS and entanglement.",
                epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"symbolic-ness {_version()}",
                   help="print the version and exit")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser, metavar="COMMAND",
                           help="one of the sub-commands below (each has --help)")
    e = sub.add_parser("evaluate", help="evaluate a quantity of a catalogued model")
    e.add_argument("model", help=MODEL_HELP); e.add_argument("quantity", help=QUANTITY_HELP)
    e.add_argument("--set", action="append", metavar="NAME=VALUE", help=SET_HELP)
    e.add_argument("--method", default="auto", metavar="METHOD",
                   help="auto (default: the quantity picks), exact, numeric or any method the quantity lists")
    e.set_defaults(func=cmd_evaluate)
    for name, helptext, func, args in (
            ("latex", "print the LaTeX of a derived closed form", cmd_latex, ("model", "quantity")),
            ("derive", "print the derivation of a model with timings", cmd_derive, ("model",)),
            ("lambdify", "signature and timing of a model file's generated numpy evaluator", cmd_lambdify,
             ("model", "quantity"))):
        sp_ = sub.add_parser(name, help=helptext)
        for a in args:
            sp_.add_argument(a, help=MODEL_HELP if a == "model" else QUANTITY_HELP)
        sp_.add_argument("--set", action="append", metavar="NAME=VALUE",
                         help=SET_HELP + "; parameters without a value stay symbolic")
        sp_.set_defaults(func=func)
    r = sub.add_parser("reproduce", help="derive everything; write results.json, LaTeX and figures")
    r.add_argument("--out", default="results", help="output directory (default: results)")
    r.add_argument("--only", default="", help="comma-separated section keys")
    r.set_defaults(func=cmd_reproduce)
    li = sub.add_parser("list", help="list models, quantities and parameters")
    li.set_defaults(func=cmd_list)
    c = sub.add_parser("cache", help="inspect (info) or empty (clear) the on-disk cache of derivations")
    c.add_argument("action", choices=["info", "clear"], help="info: where and how large; clear: remove the entries")
    c.set_defaults(func=cmd_cache)
    from ._closed_form import add_codegen_parser, add_latex_standalone
    from ._sweep_args import add_sweep_parser
    add_sweep_parser(sub, cmd_sweep); add_codegen_parser(sub, _lookup, _parse_sets)
    add_latex_standalone(sub)
    cg = sub.choices["codegen"]
    inner = cg.get_default("func")
    cg.set_defaults(func=lambda a, _inner=inner: cmd_codegen(a, _inner))
    for sp_ in sub.choices.values():
        for act in sp_._actions:  # help text for every argument, positionals included
            if act.help is None and act.dest in ("model", "quantity"):
                act.help = MODEL_HELP if act.dest == "model" else QUANTITY_HELP
            elif act.help is None and act.dest == "set":
                act.help = SET_HELP
            elif act.help is None and act.dest in _HELP:
                act.help = _HELP[act.dest]
            elif act.help is None and not isinstance(act, argparse._HelpAction):
                act.help = act.dest.replace("_", " ")
        _add_common(sp_)
    return p


def _version() -> str:
    from .. import __version__
    return __version__


def _one_line(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    return msg if len(msg) <= 500 else msg[:497] + "..."


def _quiet_pipe() -> None:
    """stdout's reader went away: send further output (and the final flush) to /dev/null."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _run(args) -> int:
    from ._progress import progress, time_budget
    quiet = args.quiet or os.environ.get("SYMBOLIC_NESS_QUIET", "") not in ("", "0")
    with progress(not quiet), time_budget(args.timeout):
        rc = args.func(args)
        sys.stdout.flush()
        return rc


def _exit_soon(code: int, seconds: float = 10.0) -> None:
    """After a time budget ran out, end the process within ``seconds`` even if interpreter
    shutdown waits for unfinished work (a worker pool, a C extension call in another thread)."""
    import threading

    def bye():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    t = threading.Timer(seconds, bye)
    t.daemon = True
    t.start()


def _budget_cause(exc):
    """The :class:`TimeBudgetExceeded` behind ``exc``, if the budget ran out inside code that
    re-raised it as something else (e.g. numpy's import turns it into an ``ImportError``)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, TimeBudgetExceeded):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def main(argv=None) -> int:
    """Run the CLI; returns the exit status (never raises, never prints a traceback unless
    ``SYMBOLIC_NESS_DEBUG=1``)."""
    args = None
    failure = None
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        print("symbolic-ness: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `symbolic-ness derive ... | head`: the reader is done, so are we
        _quiet_pipe()
        return 141
    except MemoryError:
        failure = "memory"  # handled below, once this frame's references are released
    except TimeBudgetExceeded as exc:
        failure = exc
        if argv is None:  # the command line itself: the process ends soon, whatever still runs
            _exit_soon(2)
    except Exception as exc:
        failure = _budget_cause(exc) or exc
        if os.environ.get("SYMBOLIC_NESS_DEBUG", "") not in ("", "0"):
            traceback.print_exc()
        if isinstance(failure, TimeBudgetExceeded) and argv is None:
            _exit_soon(2)
    if failure == "memory":
        msg, code = ("out of memory: the problem is too large for this machine; fix: a smaller size, more "
                     "parameters fixed with --set, or --method numeric"), 2
    else:
        code = exit_code(failure)
        known = code != 4 or isinstance(failure, CheckFailedError)
        msg = _one_line(failure) if known else (
            f"unexpected {type(failure).__name__}: {_one_line(failure) or '(no message)'}; "
            "please report it (set SYMBOLIC_NESS_DEBUG=1 for the traceback)")
    failure = None
    try:
        if args is not None and getattr(args, "json", False) and not getattr(args, "json_done", False):
            print(json.dumps({"error": msg, "exit_status": code}))
            sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe()
    print(f"symbolic-ness: error: {msg}", file=sys.stderr)
    return code
