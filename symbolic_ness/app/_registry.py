"""Catalogue of named models, quantities and reproduction sections.

Paper modules register what they provide here; the CLI (``symbolic-ness``)
and ``make reproduce`` only read this catalogue. Nothing here knows physics.

Contract for a quantity function: ``fn(params: dict, method: str) -> value``
where ``params`` maps parameter names to validated Python values (floats,
ints or strings) and ``method`` is one of the quantity's ``methods`` (e.g.
``"exact"``: the derived closed form / exact solve; ``"numeric"``: numerics;
``"auto"``: the function picks). The value may be a number (real or complex), a
list / nested list / numpy array, a dict of those, or ``None``; a function that
picked or refined the method returns :class:`QuantityValue` (value, method that ran).

Method resolution (:func:`resolve_method`, used by the CLI): ``"auto"`` (the
default) passes ``"auto"`` if the quantity lists it, else its first method;
any other requested method must be listed by the quantity.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .._errors import ParameterError

__all__ = ["Param", "Quantity", "QuantityValue", "with_auto", "CatalogModel", "ReproduceSection", "SectionResult",
           "register_model", "register_section", "MODELS", "SECTIONS", "parse_params", "resolve_method"]

INT_LIMIT = 10 ** 18  # integer parameters beyond this are rejected (no model needs them)


@dataclass
class Param:
    """A CLI parameter.

    kind: ``"real"``, ``"int"`` or ``"choice"``. ``required=True`` documents
    that the model's quantities need the value; the quantity functions raise
    :class:`ParameterError` naming it when it is missing (a model-level
    parameter may be irrelevant to some quantities, e.g. ``r`` for
    ``threshold-r``). ``check(value) -> value`` may raise :class:`ParameterError`.
    """

    name: str
    doc: str
    default: Any = None
    kind: str = "real"
    choices: tuple = ()
    check: Callable | None = None
    required: bool = False


@dataclass(frozen=True)
class QuantityValue:
    """A quantity's value together with the method that actually produced it.

    A quantity function called with ``method="auto"`` (or any method it may refine, e.g.
    ``"numeric"`` → ``"numeric-permutation"``) returns this so that the CLI's JSON reports
    what ran; a bare value means "the requested method ran".
    """

    value: Any
    method: str


def with_auto(fn: Callable[[dict, str], Any], auto: str = "exact",
              methods: tuple | None = None) -> Callable[[dict, str], Any]:
    """Wrap a quantity function of ``(params, method)`` so that ``method="auto"`` runs ``auto``
    and reports it (:class:`QuantityValue`); with ``methods``, any other method must be one of them.

    >>> f = with_auto(lambda p, m: m, methods=("exact", "numeric"))
    >>> f({}, "auto"), f({}, "numeric")
    (QuantityValue(value='exact', method='exact'), 'numeric')
    """
    def wrapped(p, method):
        if method == "auto":
            return QuantityValue(fn(p, auto), auto)
        if methods is not None and method not in methods:
            raise ParameterError("method", method, "auto, " + ", ".join(methods))
        return fn(p, method)
    wrapped.__doc__ = fn.__doc__
    wrapped.__name__ = getattr(fn, "__name__", "quantity")
    return wrapped


@dataclass
class Quantity:
    """A named quantity of a catalogued model."""

    name: str
    doc: str
    fn: Callable[[dict, str], Any]
    latex: Callable[[dict], str] | None = None
    methods: tuple = ("exact", "numeric")
    params: tuple = ()  # extra quantity-specific Param objects


@dataclass
class CatalogModel:
    name: str
    doc: str
    params: list
    quantities: dict
    derive: Callable[[dict], list] | None = None  # -> list of (title, text, seconds)
    validate: Callable[[dict], dict] | None = None  # cross-parameter checks
    # explicit core Model of the catalogued model (symbols for the parameters not fixed by
    # ``params``); generic quantities (spectrum, exceptional points, ...) use it
    build: Callable[[dict], Any] | None = None

    def param_map(self, quantity: str | None = None) -> dict:
        out = {p.name: p for p in self.params}
        if quantity is not None and quantity in self.quantities:
            for p in self.quantities[quantity].params:
                out[p.name] = p
        return out


@dataclass
class SectionResult:
    """What a reproduction section produced.

    numbers: list of dicts ``{"name", "paper", "derived", "rel_error", "note"}``
    (``paper`` may be None when the paper gives no number);
    latex: list of ``(title, latex_string)``; figures: list of paths;
    extra: free-form JSON-able data.
    """

    numbers: list = field(default_factory=list)
    latex: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class ReproduceSection:
    """A section of ``symbolic-ness reproduce``: ``run(out_dir, progress) -> SectionResult``."""

    key: str
    title: str
    run: Callable[[Path, Callable[[str], None]], SectionResult]
    order: int = 100


MODELS: dict = {}
SECTIONS: dict = {}


def register_model(model: CatalogModel) -> CatalogModel:
    MODELS[model.name] = model
    return model


def register_section(section: ReproduceSection) -> ReproduceSection:
    SECTIONS[section.key] = section
    return section


def _convert(p: Param, raw):
    """Validate one raw (string) value; every failure is a :class:`ParameterError` naming ``p``."""
    if p.kind == "real":
        try:
            v = float(raw)
        except (TypeError, ValueError, OverflowError):
            raise ParameterError(p.name, raw, "a real number") from None
        if v != v or v in (float("inf"), float("-inf")):
            raise ParameterError(p.name, raw, "a finite real number")
    elif p.kind == "int":
        try:
            v = int(str(raw).strip())
        except (TypeError, ValueError):
            try:
                f = float(raw)
            except (TypeError, ValueError, OverflowError):
                raise ParameterError(p.name, raw, "an integer") from None
            if not (f == f and abs(f) < INT_LIMIT) or f != int(f):
                raise ParameterError(p.name, raw, "an integer" if f == f and abs(f) < INT_LIMIT
                                     else f"an integer with |{p.name}| < 10^18")
            v = int(f)
        if abs(v) >= INT_LIMIT:
            raise ParameterError(p.name, raw, f"an integer with |{p.name}| < 10^18")
    elif p.kind == "choice":
        v = str(raw)
        if v not in p.choices:
            raise ParameterError(p.name, raw, "one of " + ", ".join(p.choices))
    else:
        v = raw
    if p.check is not None:
        v = p.check(v)
    return v


def resolve_method(q: Quantity, requested: str = "auto") -> str:
    """The method string passed to ``q.fn`` for a requested method (see the module docstring).

    >>> q = Quantity("x", "", lambda p, m: 0, methods=("exact", "numeric"))
    >>> resolve_method(q), resolve_method(q, "numeric")
    ('exact', 'numeric')
    >>> resolve_method(Quantity("y", "", lambda p, m: 0, methods=("auto", "exact")))
    'auto'
    """
    methods = tuple(q.methods)
    if requested == "auto":
        return "auto" if "auto" in methods else methods[0]
    if requested not in methods:
        allowed = ("auto, " if "auto" not in methods else "") + ", ".join(methods)
        raise ParameterError("method", requested, f"one of {allowed} for quantity {q.name!r}")
    return requested


def parse_params(model: CatalogModel, quantity: str | None, raw: dict) -> dict:
    """Validate raw ``{name: value}`` against the model (and quantity) parameters."""
    pm = model.param_map(quantity)
    out = {}
    for k, v in raw.items():
        if k not in pm:
            raise ParameterError(k, v, f"a parameter of model {model.name!r}: " + ", ".join(pm))
        out[k] = _convert(pm[k], v)
    for name, p in pm.items():
        if name not in out and p.default is not None:
            out[name] = _convert(p, p.default)
    if model.validate is not None:
        out = model.validate(out)
    return out
