"""App layer: the command line, the catalogue of named models, ``reproduce`` and figures.

Nothing below ``app`` imports it (only :mod:`symbolic_ness.__main__` does); matplotlib is
imported only here. Names are re-exported lazily (PEP 562): ``symbolic-ness list`` and
``--help`` import neither the catalogue's physics nor sympy/scipy; every name below is
importable as before and listed by ``dir()``.
"""
import importlib

# public name -> module it is re-exported from, imported on first access (one name per line)
_EXPORTS = {
    "CatalogModel": "._registry",
    "Param": "._registry",
    "Quantity": "._registry",
    "QuantityValue": "._registry",
    "ReproduceSection": "._registry",
    "SectionResult": "._registry",
    "parse_params": "._registry",
    "with_auto": "._registry",
    "catalog": "._catalog",
    "sections": "._catalog",
    "main": "._cli",
    "to_jsonable": "._json",
    "reproduce": "._reproduce",
    "latex_document": "..export",
    "ClosedForm": "._closed_form",
    "closed_form": "._closed_form",
    "sweep": "._sweep",
    "parse_axis": "._sweep",
    "write_dataset": "._sweep",
    "plot_sweep": "._sweep_plot",
    "describe_catalog": "._manifest",
    "load_manifest": "._manifest",
    "write_manifest": "._manifest",
    "cached_evaluator": "._numcache",
    "figure_problems": "._figures",
    "figure_audit": "._figures",
    "save_figure": "._figures",
    "unlabeled": "._figures",
    "hdb_fig2": "._hdb_general",
    "xx_boundary_figures": "._znidaric_boundary",
    "xx_fig10": "._znidaric_dephasing",
    "xx_fig11": "._znidaric_dephasing",
    "xx_gamma_c_profile": "._znidaric_dephasing",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
