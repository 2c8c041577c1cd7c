r"""A user's model file as a catalogue entry for the CLI: argument translation only.

``symbolic-ness evaluate FILE.toml QUANTITY --set NAME=VALUE ...`` looks the file up here
(:func:`file_model`). Every quantity is one library call on the file's model
(:func:`~symbolic_ness.engines.load_model`: a core ``Model``, or a ``PermutationModel`` for a
symmetric file): :func:`~symbolic_ness.engines.evaluate`,
:func:`~symbolic_ness.engines.threshold`, :func:`~symbolic_ness.engines.closed_form`. This module
turns ``--set`` strings into the library's arguments (sites, operators, values) and the
library's results into what the CLI prints; it computes nothing itself.

Quantities (:data:`FILE_QUANTITIES`, name → (doc, options); a new one needs its library
function in ``engines._quantities.QUANTITIES`` and one row here): ``steady-state``,
``negativity`` (``cut=0,1``: the sites of subsystem A; in a symmetric file ``cut=k``: k qubits
versus N - k), ``pair-negativity`` and ``lambda-min`` (``pair=i,j``), ``log-negativity``,
``purity``, ``expectation`` (``op="X0*Z1"``; in a symmetric file ``Z_i`` sums over sites,
``Z_i*Z_j`` over pairs), ``spectrum``, ``threshold`` (``scan=NAME``: the intervals of the
scanned parameter where the entanglement quantity is positive), ``exceptional-points``
(explicit files). The JSON ``method`` says what ran.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import NonUniqueSteadyStateError, ParameterError
from ..engines import ModelFile, choose_engine, read_model_file
from ._registry import CatalogModel, Param, Quantity, QuantityValue

__all__ = ["FileCatalogModel", "file_model", "FILE_QUANTITIES", "SYMMETRIC_QUANTITIES", "EXPLICIT_QUANTITIES"]

ENTANGLEMENT = ("negativity", "pair-negativity", "log-negativity")
_METHODS = ("auto", "exact", "numeric")

#: quantity -> (help text, its options, has a closed form). A new file quantity: its function in
#: ``engines._quantities.QUANTITIES`` (the library) and one row here; options other than
#: cut/pair/op reach the library as the ``--set NAME=TEXT`` string.
FILE_QUANTITIES = {
    "steady-state": ("the steady-state density matrix", (), True),
    "negativity": ("negativity of the cut (subsystem A) versus the rest", ("cut",), True),
    "pair-negativity": ("negativity of the reduced two-qubit state of a pair", ("pair",), True),
    "lambda-min": ("smallest eigenvalue of the partial transpose of a pair's state", ("pair",), True),
    "log-negativity": ("log2(2N + 1) of the cut's negativity", ("cut",), True),
    "purity": ("tr rho^2 of the steady state", (), True),
    "expectation": ("<op> in the steady state", ("op",), True),
    "spectrum": ("Liouvillian eigenvalues [re, im] (exact charpoly when small)", (), False),
    "threshold": ("intervals [lo, hi] of the scanned parameter with the quantity > 0 (hi null: unbounded)",
                  ("scan", "quantity", "cut", "pair", "range"), False),
}
#: correlation measures and currents of explicit files (core/_measures.py, core/_currents.py)
EXPLICIT_QUANTITIES = {
    "concurrence": ("Wootters concurrence of a qubit pair's reduced state", ("pair",), False),
    "entropy": ("von Neumann entropy in bits (of the reduced state of sites, default all)", ("sites",), False),
    "mutual-information": ("S(A) + S(B) - S(AB) in bits, A = cut, B = the rest", ("cut",), False),
    "fidelity": ('<psi|rho|psi> with a product state label, e.g. --set state="01" or "+0"', ("state",), False),
    "heat-current": ("Tr[H D_bath(rho)]: energy per unit time into the system from the bath", ("bath",), False),
    "entropy-production": ("-sum_k J_k/T_k over the baths (>= 0: second law)", (), False),
}
#: quantities of symmetric files only (collective spin, engines/_spin.py): exact where the state is
SYMMETRIC_QUANTITIES = {
    "spin-squeezing": ("Wineland xi^2 = N Var(J_perp,min) / |<J>|^2", (), False),
    "emission-rate": ("<J+J-> (J- = sum_i Sm_i): superradiant emission per unit rate", (), False),
}


@dataclass
class FileCatalogModel(CatalogModel):
    """A model file seen through the catalogue interface (see the module docstring)."""

    model_file: ModelFile | None = None
    _models: dict = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ parameters
    def _values(self, params: dict) -> dict:
        names = {s.name for s in self.model_file.symbols}
        return {k: v for k, v in params.items() if k in names and v is not None}

    def _require(self, vals: dict, symbols) -> None:
        dom = self.model_file.domain_map
        for s in symbols:
            if s.name not in vals:
                raise ParameterError(s.name, None, f"a value: --set {s.name}=... ({dom.get(s.name, 'integer')})")

    def _N(self, vals) -> int:
        mf = self.model_file
        if mf.sites not in vals:
            raise ParameterError(mf.sites, None, f"the number of qubits: --set {mf.sites}=... (an integer >= 2)")
        return int(vals[mf.sites])

    def library_model(self, vals: dict):
        """``(model, N)``: the file's ``Model`` (``N`` None) or its ``PermutationModel`` with the
        number of qubits substituted."""
        mf = self.model_file
        N = self._N(vals) if mf.symmetric else None
        if N not in self._models:
            self._models[N] = mf.permutation_model(N) if mf.symmetric else mf.model()
        return self._models[N], N

    def _needed(self, model) -> list:
        """The parameters a point evaluation needs (explicit: the model's, sorted by name;
        symmetric: the declared ones in file order)."""
        mf = self.model_file
        if mf.symmetric:
            return [s for s in mf.parameters() if s != mf.size_symbol]
        return list(model.parameters)

    @staticmethod
    def _given(vals: dict, model) -> dict:
        """The values of the model's parameters, keyed by symbol."""
        byname = {s.name: s for s in model.parameters}
        return {byname[k]: v for k, v in vals.items() if k in byname}

    def _raise_not_unique(self, nullity):
        raise NonUniqueSteadyStateError(
            f"the steady state of {self.model_file.source} is not unique at these parameter values: "
            f"null-space dimension {nullity}", nullity=nullity)

    # ------------------------------------------------------------------ argument parsing
    def _sites(self, text, key, n, count=None):
        from ..engines import check_sites
        try:
            sites = [int(x) for x in str(text).replace(" ", "").split(",") if x != ""]
        except ValueError:
            raise ParameterError(key, text, "comma-separated site numbers, e.g. 0,1") from None
        return check_sites(sites, key, n, count, shown=text)

    def _size(self, params):
        mf = self.model_file
        return self._N(self._values(params)) if mf.symmetric else int(mf.sites)

    def _cut(self, params, n):
        if self.model_file.symmetric:
            from ..engines import check_bipartition
            text = params.get("cut", "1")
            try:
                k = int(str(text))
            except ValueError:
                raise ParameterError("cut", text, f"an integer 1 <= k <= {n - 1}") from None
            return check_bipartition(k, n)
        return self._sites(params.get("cut", "0"), "cut", n)

    def _pair(self, params, n):
        return self._sites(params.get("pair", "0,1"), "pair", n, count=2)

    def _operator(self, params):
        import sympy as sp
        from ..core import PauliSum, parse_expression
        mf = self.model_file
        text = params.get("op")
        if text is None:
            raise ParameterError("op", None, 'an operator expression, e.g. --set op="X0*Z1"')
        generic = mf.symmetric and ("_i" in text or "_j" in text)
        op = parse_expression(text, dict(mf.symbol_map), key="op", generic_sites=generic, dims=mf.dims or None)
        op = op if not isinstance(op, sp.Basic) else type(mf.hamiltonian).scalar(op)
        return op.subs({mf.symbol_map[k]: v for k, v in self._values(params).items()})

    def _options(self, quantity: str, params: dict) -> dict:
        """The library options of ``quantity`` from the ``--set`` strings."""
        names = {**FILE_QUANTITIES, **SYMMETRIC_QUANTITIES, **EXPLICIT_QUANTITIES}[quantity][1]
        out = {}
        if "cut" in names or "pair" in names:
            n = self._size(params)
            if "cut" in names:
                out["cut"] = self._cut(params, n)
            if "pair" in names:
                out["pair"] = self._pair(params, n)
        if "op" in names:
            out["op"] = self._operator(params)
            if out["op"].free_symbols:
                raise ParameterError("op", params.get("op"), "an operator whose parameters all have values")
        for name in names:  # any other option: the --set text as given (the library checks it)
            if name not in ("cut", "pair", "op") and params.get(name) is not None:
                out[name] = params[name]
        return out

    # ------------------------------------------------------------------ quantities
    def quantity(self, quantity: str, params: dict, method: str):
        """``evaluate FILE QUANTITY``: the library's :func:`~symbolic_ness.engines.evaluate`."""
        from ..engines import evaluate
        if quantity == "threshold":
            return self.q_threshold(params, method)
        options = self._options(quantity, params)
        vals = self._values(params)
        model, N = self.library_model(vals)
        self._require(vals, self._needed(model))
        if quantity in ("heat-current", "entropy-production"):
            self._require(vals, model.parameters)  # currents need every parameter value
        if quantity == "entropy-production":  # the baths' temperatures, as the file declares them
            from ..engines import bath_temperatures, file_bath_objects
            options["temperatures"] = bath_temperatures(file_bath_objects(self.model_file, model.n),
                                                        self._given(vals, model))
        res = evaluate(model, quantity, self._given(vals, model), method, N=N, **options)
        if res.unique is False:
            self._raise_not_unique(res.nullity)
        return QuantityValue(res.value, res.method)

    def _threshold_args(self, params: dict) -> tuple:
        mf = self.model_file
        name = params.get("scan")
        if name is None:
            raise ParameterError("scan", None, "the parameter to scan: --set scan=NAME")
        sym = mf.symbol_map.get(name)
        if sym is None or (mf.symmetric and name == mf.sites) or sym.is_integer:
            raise ParameterError("scan", name, "a declared real parameter: " +
                                 ", ".join(s.name for s in mf.parameters() if not s.is_integer))
        rest = {k: v for k, v in params.items() if k != name}
        vals = self._values(rest)
        model, N = self.library_model(vals)
        if sym not in model.parameters:
            raise ParameterError("scan", name, "a parameter that occurs in the model")
        self._require(vals, [s for s in self._needed(model) if s != sym])
        which = params.get("quantity") or "negativity"
        opts = {"quantity": which, "domain": mf.bounds_map.get(sym), "range": params.get("range") or None}
        n = N if mf.symmetric else model.n
        if which == "pair-negativity":
            opts["pair"] = self._pair(params, n)
        else:
            opts["cut"] = self._cut(params, n)
        return model, N, name, self._given(vals, model), opts

    def q_threshold(self, params, method):
        from ..engines import threshold
        model, N, name, given, opts = self._threshold_args(params)
        res = threshold(model, name, given, method=method, N=N, **opts)
        return QuantityValue(res.printed(), res.method)

    # ------------------------------------------------------------------ closed forms
    def closed_form(self, quantity: str, params: dict):
        """``(expr, args)``: the closed form of ``quantity`` in the parameters left free."""
        cf = self._closed_form(quantity, params)
        return cf.expr, cf.args

    def closed_form_hook(self, quantity: str):
        """The quantity's ``closed_form`` hook for :func:`~symbolic_ness.app.closed_form` (codegen,
        sweeps): ``{"expr", "source", "model", "assumptions", "denominators"}`` with the exact
        steady state's denominators (where it is not valid), or ``None`` when the exact solve is
        not the chosen engine or the generic steady state is not unique (then point by point)."""
        def hook(fixed: dict):
            params = {k: v for k, v in fixed.items() if v is not None}
            eng, _ = choose_engine(self.model_file, "steady-state", self._values(params), "auto")
            if not eng.startswith("exact") or self.model_file.symmetric:
                return None
            try:
                cf = self._closed_form(quantity, params)
            except NonUniqueSteadyStateError:
                return None
            return {"expr": cf.expr, "source": f"{self.name}/{quantity}: exact steady state over Q(free parameters)",
                    "model": cf.model, "assumptions": cf.assumptions, "denominators": cf.denominators}
        return hook

    def _closed_form(self, quantity: str, params: dict):
        from ..engines import closed_form
        vals = self._values(params)
        model, N = self.library_model(vals)
        if self.model_file.symmetric:  # the library has no closed forms of permutation models
            _, reason = choose_engine(self.model_file, "steady-state", vals, "auto")
            raise ParameterError("--set", ", ".join(sorted(vals)) or "(none)",
                                 f"more parameter values for a closed form ({reason})")
        options = self._options(quantity, params) if quantity in FILE_QUANTITIES else {}
        # the CLI bounds the time (--timeout), so no size guess here: method exact
        return closed_form(model, quantity, self._given(vals, model), N=N, method="exact", **options)

    def build_model(self, params: dict):
        """The explicit core model with the given parameter values substituted (the others stay
        symbols): ``CatalogModel.build`` for the generic quantities (exceptional points)."""
        vals = self._values(params)
        model, _ = self.library_model(vals)
        given = self._given(vals, model)
        return model.subs(given) if given else model

    def latex_of(self, quantity: str, params: dict):
        """The closed form as equations (one sympy object per side; the CLI prints them with the
        package printer, ``export.equation_latex``)."""
        from ..export import Equation, Named, spectrum_equations
        if quantity == "threshold":
            from ..engines import threshold
            model, N, name, given, opts = self._threshold_args(params)
            opts["range"] = None
            return threshold(model, name, given, N=N, exact_only=True, **opts).equations()
        cf = self._closed_form(quantity, params)
        if quantity == "spectrum":
            return spectrum_equations(cf.expr)
        lhs = {"steady-state": r"\rho_{\mathrm{ss}}", "negativity": r"\mathcal{N}", "log-negativity": "E_{N}",
               "pair-negativity": r"\mathcal{N}_{ij}", "lambda-min": r"\lambda_{\min}",
               "purity": r"\mathrm{tr}\,\rho^{2}", "expectation": r"\langle O\rangle"}[quantity]
        return [Equation(Named(lhs), cf.expr)]

    def lambdify_report(self, quantity: str, params: dict, points: int = 10_000) -> str:
        """Signature and timing of the generated numpy evaluator of ``quantity``'s closed form (the
        library's ``closed_form`` and ``export.evaluator_timing`` on random points of the declared
        domain), as the CLI prints it."""
        from ..export import evaluator_timing
        t0 = time.perf_counter()
        cf = self._closed_form(quantity, params)
        t1 = time.perf_counter()
        bounds = self.model_file.bounds_map  # the declared domain (unbounded: a finite window)
        t = evaluator_timing(cf.expr, cf.args, {a: bounds[a] for a in cf.args if a in bounds}, points)
        return (f"{quantity}{t.signature}  [{self.name}]\n"
                f"closed form: {t1 - t0:.3f} s; lambdify: {t.lambdify_s * 1e3:.1f} ms; "
                f"{points} points: {t.call_s * 1e3:.2f} ms ({t.per_point_s * 1e6:.3f} us/point; "
                f"first call {t.first_call_s * 1e3:.2f} ms)")

    def derive_steps(self, params: dict) -> list:
        """``derive FILE``: the library's :func:`~symbolic_ness.engines.derivation_steps`."""
        from ..engines import derivation_steps
        return derivation_steps(self.model_file, self._values(params))


def _params(mf: ModelFile) -> list:
    out = []
    for name, dom in mf.domains:
        out.append(Param(name, f"declared {dom}" + (" (number of qubits)" if mf.symmetric and name == mf.sites else ""),
                         kind="expr", check=lambda v, _n=name: mf.value(_n, v), required=True))
    return out


def file_model(path: str) -> FileCatalogModel:
    """The catalogue entry of the model file ``path`` (read and checked now)."""
    mf = read_model_file(Path(path))
    m = FileCatalogModel(name=str(path), doc=mf.description or f"model file {path}", params=_params(mf),
                         quantities={}, model_file=mf)
    text = lambda name, doc, default=None: Param(name, doc, default=default, kind="text")  # noqa: E731
    opts = {
        "cut": (text("cut", "k: k qubits versus N - k (default 1)", "1") if mf.symmetric
                else text("cut", "sites of subsystem A, comma-separated (default 0)", "0")),
        "pair": text("pair", "two sites i,j (default 0,1)", "0,1"),
        "op": text("op", 'operator expression, e.g. "X0*Z1"' + (' or "Z_i" (summed)' if mf.symmetric else "")),
        "scan": text("scan", "the parameter to scan"),
        "quantity": Param("quantity", "entanglement quantity of the threshold", default="negativity", kind="choice",
                          choices=ENTANGLEMENT),
        "range": text("range", "lo,hi of a numeric scan (default: the domain, capped)"),
    }
    table = dict(FILE_QUANTITIES, **(SYMMETRIC_QUANTITIES if mf.symmetric else EXPLICIT_QUANTITIES))
    for name, (doc, options, has_cf) in table.items():
        ps = tuple(opts[o] if o in opts else text(o, f"option {o} of {name}")
                   for o in (("scan", "quantity", "cut", "pair", "range") if name == "threshold" else options))
        q = Quantity(name, doc, lambda p, meth, _q=name: m.quantity(_q, p, meth),
                     latex=lambda p, _q=name: m.latex_of(_q, p), methods=_METHODS, params=ps)
        if has_cf and name != "steady-state":
            q.closed_form = m.closed_form_hook(name)
        m.quantities[name] = q
    m.derive = m.derive_steps
    if not mf.symmetric:  # the explicit core model: exceptional points of its Liouvillian
        from ._generic import generic_quantities
        m.build = m.build_model
        for name, q in generic_quantities(m).items():
            m.quantities.setdefault(name, q)
    return m
