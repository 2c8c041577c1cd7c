r"""Thermodynamic and correlation quantities of a model file for the CLI (added to the file's
catalogue entry by :func:`thermo_quantities`): ``concurrence`` (``pair=i,j``), ``entropy``
(``sites=0,1``; default the whole state; bits), ``mutual-information`` (``cut=0``: the sites
of A, B the rest; bits), ``fidelity`` (``state="01"``: a product-state label of
:func:`~symbolic_ness.core.ket`), ``heat-current`` (``bath=LABEL``: :math:`\mathrm{Tr}[H
\mathcal D_\ell\rho]`, positive into the system) and ``entropy-production``
(:math:`-\sum_\ell J_\ell/T_\ell`, the baths' temperatures from ``temperature``, or from
``occupation`` and ``frequency``). The physics is in :mod:`symbolic_ness.core` and
:mod:`symbolic_ness.engines`; this module only reads arguments."""
from __future__ import annotations

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ..core import concurrence, current_labels, entropy, entropy_production, fidelity, heat_currents, mutual_information
from ._registry import Param, Quantity, QuantityValue

__all__ = ["thermo_quantities"]


def _value(v):
    if isinstance(v, sp.Basic):
        if v.free_symbols:
            return v
        c = complex(sp.N(v, 30))
        return float(c.real) if abs(c.imag) <= 1e-20 * max(1.0, abs(c.real)) else c
    return v


class _Numbers:
    """A solved state whose exact matrices without symbols are handed on as 30-digit floats
    (entropies of exact states with large rationals: logs of algebraic numbers, evaluated)."""

    def __init__(self, st):
        self.st, self.method = st, st.method

    @staticmethod
    def _n(rho):
        if isinstance(rho, np.ndarray) or sp.Matrix(rho).free_symbols:
            return rho
        return np.array(sp.Matrix(rho).evalf(30).tolist(), dtype=complex)

    def full(self):
        return self._n(self.st.full())

    def reduced(self, sites):
        return self._n(self.st.reduced(sites))


def thermo_quantities(m) -> dict:
    """The quantities above for the file catalogue entry ``m`` (a ``FileCatalogModel``)."""
    mf = m.model_file
    text = lambda name, doc, default=None: Param(name, doc, default=default, kind="text")  # noqa: E731
    methods = ("auto", "exact", "numeric")

    def dense(params, method, what):
        st = m.state(what, params, method)
        return _Numbers(st), m._size(params)

    def q_concurrence(params, method):
        st, n = dense(params, method, "concurrence")
        pair = m._sites(params.get("pair", "0,1"), "pair", n, count=2)
        return QuantityValue(_value(concurrence(st.reduced(pair))), st.method)

    def q_entropy(params, method):
        st, n = dense(params, method, "entropy")
        raw = params.get("sites")
        if raw in (None, "", "all"):
            return QuantityValue(_value(entropy(st.full())), st.method)
        sites = [int(x) for x in str(raw).replace(" ", "").split(",") if x != ""] if str(raw).replace(",", "").replace(" ", "").isdigit() else None
        if not sites or len(set(sites)) != len(sites) or any(not 0 <= s < n for s in sites):
            raise ParameterError("sites", raw, f"distinct sites in 0..{n - 1}, e.g. 0,1 (default: the whole state)")
        return QuantityValue(_value(entropy(st.reduced(sorted(sites)))), st.method)

    def q_mutual(params, method):
        st, n = dense(params, method, "mutual-information")
        cut = m._cut(params, n)
        return QuantityValue(_value(mutual_information(st.full(), cut, n)), st.method)

    def q_fidelity(params, method):
        st, n = dense(params, method, "fidelity")
        lab = str(params.get("state") or "")
        if len(lab) != n or any(c not in "01+-rl" for c in lab):
            raise ParameterError("state", lab, f"a product-state label of {n} letters from 0 1 + - r l, e.g. {'0' * n}")
        return QuantityValue(_value(fidelity(st.full(), lab)), st.method)

    def _currents(params, method):
        if mf.symmetric:
            raise ParameterError("model file", mf.source, "an explicit file (sites = <int>) for heat currents")
        vals = m._values(params)
        model = m._explicit_model(vals)
        sv = m._require(vals, model.parameters)
        st = m.state("heat-current", params, method)
        rho = st.full()
        mm = model.subs(sv)
        return heat_currents(mm, rho), st, mm, sv

    def q_heat(params, method):
        label = params.get("bath")
        if mf.symmetric:
            raise ParameterError("model file", mf.source, "an explicit file (sites = <int>) for heat currents")
        labels = current_labels(m._explicit_model(m._values(params)))
        if label not in labels:
            raise ParameterError("bath", label, "a bath/dissipator label of the file: " + ", ".join(labels))
        hc, st, _, _ = _currents(params, method)
        return QuantityValue(_value(hc.currents[label]), st.method)

    def q_sigma(params, method):
        from ..engines import bath_temperatures
        from ..engines._baths import file_baths
        hc, st, mm, sv = _currents(params, method)
        temps = bath_temperatures(file_baths(mf.baths, mm.n), sv)
        v = entropy_production(hc, temps)
        return QuantityValue(_value(v), st.method)

    Q = lambda name, doc, fn, ps=(): Quantity(name, doc, fn, latex=None, methods=methods, params=ps)  # noqa: E731
    return {
        "concurrence": Q("concurrence", "Wootters concurrence of a qubit pair's reduced state",
                         q_concurrence, (text("pair", "two sites i,j (default 0,1)", "0,1"),)),
        "entropy": Q("entropy", "von Neumann entropy in bits (of the reduced state of sites, default all)",
                     q_entropy, (text("sites", "sites of the reduced state, e.g. 0,1 (default: all)"),)),
        "mutual-information": Q("mutual-information", "S(A) + S(B) - S(AB) in bits, A = cut, B = the rest",
                                q_mutual, (text("cut", "sites of subsystem A (default 0)", "0"),)),
        "fidelity": Q("fidelity", "<psi|rho|psi> with a product state label", q_fidelity,
                      (text("state", 'product-state label, e.g. "01" or "+0"'),)),
        "heat-current": Q("heat-current", "Tr[H D_bath(rho)]: energy per unit time into the system from the bath",
                          q_heat, (text("bath", "the bath (dissipator) label"),)),
        "entropy-production": Q("entropy-production", "-sum_k J_k/T_k over the baths (>= 0: second law)", q_sigma),
    }

