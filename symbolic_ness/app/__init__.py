"""App layer: the command line, the catalogue of named models, ``reproduce`` and figures.

Nothing below ``app`` imports it (only :mod:`symbolic_ness.__main__` does); matplotlib is
imported only here.
"""
from ._registry import CatalogModel as CatalogModel
from ._registry import Param as Param
from ._registry import Quantity as Quantity
from ._registry import QuantityValue as QuantityValue
from ._registry import ReproduceSection as ReproduceSection
from ._registry import SectionResult as SectionResult
from ._registry import parse_params as parse_params
from ._registry import with_auto as with_auto
from ._catalog import catalog as catalog
from ._catalog import sections as sections
from ._cli import main as main
from ._json import to_jsonable as to_jsonable
from ..core import latex_document as latex_document
from ._reproduce import reproduce as reproduce
from ._closed_form import ClosedForm as ClosedForm
from ._closed_form import closed_form as closed_form
from ._closed_form import set_model_lookup as _set_model_lookup
from ._sweep import parse_axis as parse_axis
from ._sweep import sweep as sweep
from ._sweep import write_dataset as write_dataset
from ._sweep_plot import plot_sweep as plot_sweep
from ._cli import _lookup as _cli_lookup, _parse_sets as _cli_parse_sets

_set_model_lookup(_cli_lookup, _cli_parse_sets)  # sweep/closed_form resolve names like the CLI

__all__ = ["CatalogModel", "Param", "Quantity", "QuantityValue", "ReproduceSection", "SectionResult", "parse_params", "with_auto",
           "catalog", "sections", "main", "to_jsonable", "reproduce", "latex_document",
           "ClosedForm", "closed_form", "sweep", "parse_axis", "write_dataset", "plot_sweep"]
