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
from ._catalog import catalog as catalog
from ._catalog import sections as sections
from ._cli import main as main
from ._cli import to_jsonable as to_jsonable
from ._reproduce import latex_document as latex_document
from ._reproduce import reproduce as reproduce

__all__ = ["CatalogModel", "Param", "Quantity", "QuantityValue", "ReproduceSection", "SectionResult", "parse_params",
           "catalog", "sections", "main", "to_jsonable", "reproduce", "latex_document"]
