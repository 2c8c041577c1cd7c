"""Generic quantities attached to every catalogued model that defines ``CatalogModel.build``.

``build(params) -> core Model`` gives the model's explicit Liouvillian with the parameters
that were not set left as symbols. The quantities here work on any core
:class:`~symbolic_ness.core.Model` (catalogued models, and model files once they reach
the catalogue):

* ``exceptional-points`` — the defective eigenvalue mergers of the Liouvillian (the library
  call ``evaluate(model, "exceptional-points")``, :func:`symbolic_ness.engines.evaluate`, on
  :func:`symbolic_ness.core.exceptional_points`): a JSON list of
  ``{"condition", "latex", "eigenvalue", "algebraic", "geometric", "jordan_blocks", ...}``.
* ``liouvillian-gap`` / ``relaxation-time`` (model files) — the slowest nonzero decay rate of
  the whole generator and its inverse (:func:`symbolic_ness.export.liouvillian_gap`, numeric; every
  parameter needs a value). Sweeps evaluate them batched.

Parameters with a default take it unless named in ``--set symbolic=NAME[,NAME...]``;
parameters without a value stay symbolic.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import ParameterError
from ._registry import CatalogModel, Param, Quantity, QuantityValue, with_auto

if TYPE_CHECKING:  # the core (sympy) is imported when a generic quantity is evaluated
    from ..core import Model

__all__ = ["exceptional_points_json", "exceptional_points_latex", "attach_generic"]

def _symbolic_param(cm: CatalogModel) -> Param:
    """``symbolic=NAME,...``: parameters of ``cm`` kept symbolic although they have a default."""
    names = tuple(p.name for p in cm.params)

    def check(v):
        given = [x.strip() for x in str(v).split(",") if x.strip()]
        bad = [x for x in given if x not in names]
        if bad:
            raise ParameterError("symbolic", v, "a comma-separated list of parameters of "
                                 f"{cm.name}: " + ", ".join(names))
        return ",".join(given)
    return Param("symbolic", "comma-separated parameters kept symbolic although they have a default "
                 "(e.g. symbolic=gamma)", default="", kind="names", check=check)


def exceptional_points_json(model: Model) -> list:
    """The model's exceptional points as JSON-ready dicts: the library call
    ``evaluate(model, "exceptional-points")`` (:func:`symbolic_ness.engines.evaluate`)."""
    from ..engines import evaluate
    return evaluate(model, "exceptional-points").value


def exceptional_points_latex(model: Model) -> list:
    """The model's exceptional points as equations (``export.exceptional_point_equations``; the
    CLI prints them with ``export.equation_latex``)."""
    from ..core import exceptional_points
    from ..export import Text, exceptional_point_equations
    eps = exceptional_points(model)
    if not eps:
        return [Text("no exceptional points in the parameter domain")]
    return [e for ep in eps for e in exceptional_point_equations(ep)]


def _build(cm: CatalogModel, params: dict) -> Model:
    keep = {s.strip() for s in str(params.get("symbolic") or "").split(",") if s.strip()}
    names = {p.name for p in cm.params}
    bad = keep - names
    if bad:
        raise ParameterError("symbolic", ",".join(sorted(bad)), "names of parameters of " + cm.name + ": "
                             + ", ".join(sorted(names)))
    given = {k: v for k, v in params.items() if v is not None and k != "symbolic" and k not in keep}
    return cm.build(given)


def generic_quantities(cm: CatalogModel) -> dict:
    """``{name: Quantity}`` of the generic quantities of a model with ``build``."""
    @with_auto
    def ep_fn(params, method):
        return exceptional_points_json(_build(cm, params))

    def ep_latex(params):
        return exceptional_points_latex(_build(cm, params))

    def gap_fn(quantity):
        def fn(params, method):  # the library's evaluate (numeric gap of the whole generator)
            from ..engines import evaluate
            try:
                model = cm.build({})
            except Exception:  # a catalogue model that needs its parameters to build
                model = _build(cm, params)
            res = evaluate(model, quantity, {k: v for k, v in params.items() if v is not None}, "numeric")
            return QuantityValue(res.value, res.method)
        return fn

    gap = {"liouvillian-gap": Quantity(
        "liouvillian-gap", "slowest nonzero decay rate of the Liouvillian, -max Re(lambda != 0) (numeric, all blocks "
        "of the generator)", gap_fn("liouvillian-gap"), None, methods=("auto", "numeric")),
            "relaxation-time": Quantity(
        "relaxation-time", "relaxation time 1 / (Liouvillian gap) (numeric)", gap_fn("relaxation-time"), None,
        methods=("auto", "numeric"))}
    eps = {"exceptional-points": Quantity(
        "exceptional-points", "exceptional points of the Liouvillian: merging eigenvalues with a Jordan block "
        "(condition = 0, eigenvalue, algebraic/geometric multiplicity, Jordan blocks; exact, checked numerically)",
        ep_fn, ep_latex, methods=("auto", "exact"), params=(_symbolic_param(cm),))}
    # the numeric gap on model files (catalogued paper models keep their all-exact "auto")
    return {**gap, **eps} if getattr(cm, "model_file", None) is not None else eps


def attach_generic(models: dict) -> None:
    """Add the generic quantities to every model with ``build`` (idempotent; a model's own
    quantity of the same name wins)."""
    for cm in models.values():
        if cm.build is None:
            continue
        for name, q in generic_quantities(cm).items():
            cm.quantities.setdefault(name, q)
