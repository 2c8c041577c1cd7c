"""Cost before work: a-priori size and cost checks that refuse in well under a second.

Every engine and quantity declares what it can do at a given size by calling one of the
checks below before it allocates or solves anything; a check that fails raises
:class:`~symbolic_ness.SizeLimitError` (a :class:`~symbolic_ness.ParameterError`, CLI exit 2)
whose one-line message names the parameter, the estimate, the limit and what would work.

The limits:

====================================  ===========================================================
check                                 limit
====================================  ===========================================================
:func:`check_memory`                  estimated bytes <= :func:`memory_limit` (half the physical
                                      memory, at most 16 GB; ``SYMBOLIC_NESS_MEMORY_LIMIT`` bytes
                                      overrides)
:func:`check_count`                   a count (grid points: :data:`MAX_GRID_POINTS`; jump tables,
                                      Pauli-string products, ...) <= its declared limit
:func:`check_exact_closed_form`       symbolic exact steady state of at most
                                      :data:`MAX_SYMBOLIC_QUBITS` explicit qubits
:func:`check_number`                  exact numbers with at most :data:`MAX_DIGITS` digits and a
                                      decimal exponent of magnitude at most :data:`MAX_DIGITS`
symmetric models (N identical         count coordinates: N <= 20 exact over Q, 12 with symbols,
qubits)                               60 numeric (``engines._permutation.MAX_N``); Dicke basis:
                                      N <= 100 numeric (``engines.DICKE_MAX_N``); each refusal
                                      names the method that goes further
====================================  ===========================================================

Time is bounded by the command line's ``--timeout`` (see ``symbolic-ness --help``).

>>> check_count("--grid", 10**9, 10**6, "grid points", "fewer points per axis")
Traceback (most recent call last):
...
symbolic_ness._errors.SizeLimitError: parameter '--grid' = 1000000000 is not allowed; allowed range: at most 1000000 grid points (estimate 1000000000; fix: fewer points per axis)
"""
from __future__ import annotations

import math
import os
import re

from ._errors import SizeLimitError

__all__ = ["GRID_HELP", "MAX_DIGITS", "MAX_SYMBOLIC_QUBITS", "MAX_GRID_POINTS", "grid_points", "memory_limit", "check_memory", "check_count",
           "check_exact_closed_form", "check_number", "check_literal", "check_power", "fmt_bytes"]

MAX_DIGITS = 1000          # digits of an exact number (numerator, denominator, decimal exponent)
MAX_SYMBOLIC_QUBITS = 5    # 4^5 = 1024 unknowns over Q(parameters)
MAX_GRID_POINTS = 10_000_000  # points of a sweep grid (all axes together)
#: the grid syntax of sweeps (library and ``--grid``)
GRID_HELP = "NAME=lo:hi:num (linear), NAME=log:lo:hi:num (geometric, lo, hi > 0) or NAME=v1,v2,..."


def memory_limit() -> int:
    """Bytes one computation may plan to use: ``SYMBOLIC_NESS_MEMORY_LIMIT`` or half the
    physical memory (at most 16 GB)."""
    env = os.environ.get("SYMBOLIC_NESS_MEMORY_LIMIT", "").strip()
    if env:
        try:
            return max(1, int(float(env)))
        except ValueError:
            pass
    try:
        phys = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        phys = 8 * 2 ** 30
    return int(min(phys // 2, 16 * 2 ** 30))


def fmt_bytes(b: float) -> str:
    """``1.5e9`` -> ``'1.5 GB'``.

    >>> fmt_bytes(3e12), fmt_bytes(2048)
    ('3e+03 GB', '2 kB')
    """
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= scale:
            return f"{b / scale:.2g} {unit}"
    return f"{b:.0f} B"


def check_memory(name: str, value, nbytes: float, what: str, alternative: str) -> None:
    """Refuse when the planned memory ``nbytes`` of ``what`` exceeds :func:`memory_limit`."""
    lim = memory_limit()
    if not nbytes <= lim:
        raise SizeLimitError(name, value, f"a size whose {what} fits in memory (estimate {fmt_bytes(nbytes)}, "
                             f"limit {fmt_bytes(lim)}; fix: {alternative})")


def check_count(name: str, value, limit: float, what: str, alternative: str, estimate=None) -> None:
    """Refuse when ``estimate`` (default ``value``) exceeds ``limit`` ``what``."""
    est = value if estimate is None else estimate
    if not est <= limit:
        raise SizeLimitError(name, value, f"at most {limit:g} {what} (estimate {_num(est)}; fix: {alternative})"
                             if isinstance(limit, float) else
                             f"at most {limit} {what} (estimate {_num(est)}; fix: {alternative})")


def _num(x) -> str:
    if isinstance(x, int) and abs(x) >= 10 ** 15:
        return f"{float(x):.3g}" if abs(x) < 10 ** 300 else f"10^{len(str(abs(x))) - 1}"
    return str(x)


def grid_points(specs) -> int:
    """Number of points of the product grid of ``--grid NAME=SPEC`` strings, counted from the
    specs without building the axes (a spec it cannot read counts 1: the sweep reports it).

    >>> grid_points(["g=0:10:1000000000", "r=1,2,3"])
    3000000000
    """
    total = 1
    for g in specs or []:
        spec = str(g).split("=", 1)[-1].strip()
        try:
            total *= int(spec.rsplit(":", 1)[1]) if ":" in spec else max(1, len([x for x in spec.split(",") if x.strip()]))
        except ValueError:
            continue
    return total


def check_exact_closed_form(qubits: int, free: int) -> None:
    """A symbolic exact steady state (closed form) of ``qubits`` explicit qubits with ``free``
    parameters left symbolic: refused beyond :data:`MAX_SYMBOLIC_QUBITS` qubits (4^n unknowns
    over Q(parameters)); below, the time budget (``--timeout``) decides."""
    if free > 0 and qubits > MAX_SYMBOLIC_QUBITS:
        raise SizeLimitError("sites", qubits, f"at most {MAX_SYMBOLIC_QUBITS} qubits for a closed form with free "
                             f"parameters (estimate 4^{qubits} = {4 ** qubits} unknowns over Q({free} parameters); "
                             "fix: --set every parameter (exact rational values) or --method numeric)")


_LITERAL = re.compile(r"^\s*[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$")


def check_literal(key: str, text: str) -> None:
    """A decimal literal is bounded before it becomes an exact rational: at most
    :data:`MAX_DIGITS` digits and a decimal exponent of magnitude at most :data:`MAX_DIGITS`.

    >>> check_literal("rate", "1e-3")
    >>> check_literal("rate", "1e999999999")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.SizeLimitError: parameter 'rate' = '1e999999999' is not allowed; allowed range: a number with at most 1000 digits and a decimal exponent between -1000 and 1000
    """
    m = _LITERAL.match(text)
    if not m:
        return
    digits = len(m.group(1) or "") + len(m.group(2) or "")
    exp_txt = m.group(3)
    bad = digits > MAX_DIGITS
    if exp_txt is not None:
        if len(exp_txt.lstrip("+-").lstrip("0")) > 6:
            bad = True
        else:
            bad = bad or abs(int(exp_txt)) > MAX_DIGITS
    if bad:
        raise SizeLimitError(key, text if len(text) <= 40 else text[:37] + "...",
                             f"a number with at most {MAX_DIGITS} digits and a decimal exponent between "
                             f"-{MAX_DIGITS} and {MAX_DIGITS}")


def _digits(r) -> float:
    """Decimal digits of a rational's numerator/denominator (sympy ``Rational``)."""
    p, q = abs(int(r.p)), int(r.q)
    return max(p.bit_length(), q.bit_length()) * math.log10(2)


def check_number(key: str, value) -> None:
    """An exact sympy number: at most :data:`MAX_DIGITS` digits in numerator and denominator."""
    if getattr(value, "is_Rational", False) and _digits(value) > MAX_DIGITS:
        raise SizeLimitError(key, f"a number with {_digits(value):.0f} digits",
                             f"a number with at most {MAX_DIGITS} digits")


def check_power(key: str, base, exponent) -> None:
    """``base**exponent`` of exact numbers is bounded before it is computed: the result may have
    at most :data:`MAX_DIGITS` digits; a symbolic base takes an integer exponent of magnitude at
    most :data:`MAX_DIGITS`.

    >>> import sympy as sp
    >>> check_power("rate", sp.Integer(10), sp.Integer(10) ** 10)
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.SizeLimitError: parameter 'rate' = '10**10000000000' is not allowed; allowed range: a power whose value has at most 1000 digits (estimate 1e+10 digits)
    """
    if not getattr(exponent, "is_number", False):
        return
    if getattr(exponent, "is_Rational", False):
        e = abs(exponent)
        if _digits(e) > 20 or e.p > MAX_DIGITS * 10 ** 6:
            est = float("inf") if _digits(e) > 300 else float(e)
        else:
            est = float(e)
    else:
        return
    if getattr(base, "is_Rational", False):
        if base == 0 or abs(base) == 1:
            return
        digits = est * max(_digits(base), 1.0 if abs(base.p) != abs(base.q) else 0.0)
        if est > 0 and abs(base.p) > 1 and abs(base.q) == 1:
            digits = est * math.log10(abs(int(base.p))) if _digits(base) < 300 else est * _digits(base)
        if not digits <= MAX_DIGITS:
            raise SizeLimitError(key, f"{base}**{exponent}" if len(str(exponent)) < 30 else f"{base}**(huge)",
                                 f"a power whose value has at most {MAX_DIGITS} digits (estimate {digits:.3g} digits)")
    elif not est <= MAX_DIGITS:
        raise SizeLimitError(key, f"(...)**{exponent}" if len(str(exponent)) < 30 else "(...)**(huge)",
                             f"an exponent of magnitude at most {MAX_DIGITS}")
