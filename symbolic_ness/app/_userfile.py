r"""Generic quantities on a user's model file, as a catalogue entry for the CLI.

``symbolic-ness evaluate FILE.toml QUANTITY --set NAME=VALUE ...`` looks the file up here
(:func:`file_model`): the result has the interface of a catalogued model (``name``, ``doc``,
``params``, ``quantities``, ``derive``, ``param_map``) plus :meth:`FileCatalogModel.closed_form`
and :meth:`FileCatalogModel.lambdify_report` for ``symbolic-ness lambdify``.

Quantities: ``steady-state``, ``negativity`` (``cut=0,1``: the sites of subsystem A; in a
symmetric file ``cut=k``: k qubits versus N - k), ``pair-negativity`` and ``lambda-min``
(``pair=i,j``), ``log-negativity``, ``purity``, ``expectation`` (``op="X0*Z1"``; in a
symmetric file ``Z_i`` sums over sites, ``Z_i*Z_j`` over pairs), ``spectrum``, ``threshold``
(``scan=NAME``: the intervals of the scanned parameter where the entanglement quantity is
positive). The solver is chosen by :func:`symbolic_ness.engines.choose_engine` and the JSON
``method`` says what ran.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy as sp

from .._errors import NonUniqueSteadyStateError, ParameterError, check_residual
from ..core import (PauliSum, lambdify, liouvillian_numeric, liouvillian_spectrum, negativity,
                    negativity_closed_form, parse_expression, partial_trace, partial_transpose,
                    pauli_liouvillian, block_split, pt_eigenvalues, steady_state)
from ..engines import ModelFile, choose_engine, read_model_file
from ._registry import CatalogModel, Param, Quantity, QuantityValue

__all__ = ["FileCatalogModel", "file_model"]

ENTANGLEMENT = ("negativity", "pair-negativity", "log-negativity")
MAX_DENSE_N = 10


# --------------------------------------------------------------------------- states
def _num(v):
    """A scalar (sympy or numpy) as a Python float/complex."""
    c = complex(sp.N(v, 20)) if isinstance(v, sp.Basic) else complex(v)
    return c.real if abs(c.imag) <= 1e-13 * max(1.0, abs(c.real)) else c


def _real(v):
    """A real quantity (negativity, expectation of a Hermitian operator): an exact value whose
    radicals only look complex (casus irreducibilis) or a numeric value with a rounding-level
    imaginary part becomes real; a genuinely complex value is returned unchanged."""
    if isinstance(v, sp.Basic):
        if v.is_real:
            return v
        c = complex(sp.N(v, 30))
        return float(c.real) if abs(c.imag) <= 1e-20 * max(1.0, abs(c.real)) else c
    c = complex(v)
    return float(c.real) if abs(c.imag) <= 1e-12 * max(1.0, abs(c.real)) else c


def _np(rho) -> np.ndarray:
    if isinstance(rho, np.ndarray):
        return rho.astype(complex)
    return np.array(sp.Matrix(rho).evalf(20).tolist(), dtype=complex)


def _shape(model):
    """The ``n`` argument of the core functions: the number of qubits, or the site dimensions."""
    return model.n if model.is_qubits else tuple(model.dims)


def _sub(shape, sites):
    """The shape of the reduced state on ``sites``."""
    return len(sites) if isinstance(shape, int) else tuple(shape[s] for s in sorted(sites))


@dataclass
class _Dense:
    """A unique steady state as a full density matrix (exact sympy or numeric numpy)."""

    rho: object
    n: int
    method: str
    shape: object = None  # site dimensions (files with dims), else None: n qubits

    def full(self):
        return self.rho

    def sub(self, sites):
        return _sub(self.shape or self.n, sites)

    def reduced(self, sites):
        return partial_trace(self.rho, sorted(sites), self.shape or self.n) if len(sites) < self.n else self.rho

    def cut_negativity(self, cut):
        return _negativity(self.rho, cut, self.shape or self.n)


@dataclass
class _Perm:
    """A unique steady state of the permutation-invariant engine."""

    ss: object
    n: int
    method: str

    def sub(self, sites):
        return len(sites)

    def full(self):
        from ..engines import permutation_density_matrix
        if self.n > MAX_DENSE_N:
            raise ParameterError("N", self.n, f"N <= {MAX_DENSE_N} for a full 2^N density matrix")
        return permutation_density_matrix(self.ss)

    def reduced(self, sites):
        from ..engines import permutation_reduced_state
        return permutation_reduced_state(self.ss, len(sites))

    def cut_negativity(self, cut):
        from ..engines import permutation_negativity
        return permutation_negativity(self.ss, len(cut))


def _negativity(rho, sites, n):
    """Negativity of ``rho`` for ``sites`` | rest: exact through the core when the state is exact
    (PT eigenvalues in radicals), else from the numeric eigenvalues."""
    if isinstance(rho, np.ndarray):
        return negativity(rho, list(sites), n)
    try:
        return negativity(sp.Matrix(rho), list(sites), n)
    except RuntimeError:  # characteristic polynomial not solvable in radicals: numeric eigenvalues
        return negativity(_np(rho), list(sites), n)


def _lambda_min(rho2, shape=2):
    if isinstance(rho2, np.ndarray):
        pt = partial_transpose(rho2, [0], shape)
        return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])
    evs = pt_eigenvalues(sp.Matrix(rho2), [0], shape)
    vals = [(_num(e).real if isinstance(_num(e), complex) else _num(e), e) for e, _ in evs]
    return min(vals, key=lambda t: t[0])[1]


# --------------------------------------------------------------------------- the catalogue entry
@dataclass
class FileCatalogModel(CatalogModel):
    """A model file seen through the catalogue interface (see the module docstring)."""

    model_file: ModelFile | None = None

    # ------------------------------------------------------------------ parameters
    def _values(self, params: dict) -> dict:
        names = {s.name for s in self.model_file.symbols}
        return {k: v for k, v in params.items() if k in names and v is not None}

    def _require(self, vals: dict, symbols) -> dict:
        out = {}
        dom = self.model_file.domain_map
        for s in symbols:
            if s.name not in vals:
                raise ParameterError(s.name, None, f"a value: --set {s.name}=... ({dom.get(s.name, 'integer')})")
            out[s] = vals[s.name]
        return out

    def _N(self, vals) -> int:
        mf = self.model_file
        if mf.sites not in vals:
            raise ParameterError(mf.sites, None, f"the number of qubits: --set {mf.sites}=... (an integer >= 2)")
        return int(vals[mf.sites])

    # ------------------------------------------------------------------ solving
    def _explicit_model(self, vals):
        mf = self.model_file
        if mf.symmetric:
            N = self._N(vals)
            if N > MAX_DENSE_N:
                raise ParameterError(mf.sites, N, f"{mf.sites} <= {MAX_DENSE_N} here (the permutation engine "
                                     "is needed for larger N)")
            return mf.expand(N)
        return mf.model()

    def state(self, quantity: str, params: dict, method: str):
        """The unique steady state at the given values (``_Dense`` or ``_Perm``)."""
        mf = self.model_file
        vals = self._values(params)
        eng, _ = choose_engine(mf, quantity, vals, method)
        if eng.startswith("permutation"):
            from ..engines import permutation_steady_state
            N = self._N(vals)
            pm = mf.permutation_model(N)
            rest = {s: v for s, v in self._require(vals, [s for s in mf.parameters() if s != mf.size_symbol]).items()}
            ss = permutation_steady_state(pm, N, values=rest, method=eng.split("-", 1)[1])
            self._unique(ss)
            ran = ss.method if str(ss.method).startswith("permutation") else f"permutation-{ss.method}"
            return _Perm(ss, N, ran)
        model = self._explicit_model(vals)
        base = eng.split("-")[0]
        sv = self._require(vals, model.parameters)
        ss = steady_state(model, sv, method=base)
        self._unique(ss)
        if base == "numeric":
            scale = max([1.0] + [abs(float(v)) for v in sv.values()])
            check_residual(f"numeric steady state of {mf.source}", ss.residual, 1e-8 * scale)
        return _Dense(ss.rho, model.n, eng, None if model.is_qubits else tuple(model.dims))

    def _unique(self, ss):
        if not ss.unique:
            raise NonUniqueSteadyStateError(
                f"the steady state of {self.model_file.source} is not unique at these parameter values: "
                f"null-space dimension {ss.nullity}", nullity=ss.nullity)

    # ------------------------------------------------------------------ argument parsing
    def _sites(self, text, key, n, count=None):
        try:
            sites = [int(x) for x in str(text).replace(" ", "").split(",") if x != ""]
        except ValueError:
            raise ParameterError(key, text, "comma-separated site numbers, e.g. 0,1") from None
        if not sites or len(set(sites)) != len(sites) or any(not 0 <= s < n for s in sites) \
                or (count is not None and len(sites) != count) or len(sites) >= n and count is None:
            what = f"{count} distinct sites" if count else "distinct sites (not all of them)"
            raise ParameterError(key, text, f"{what} in 0..{n - 1}")
        return sites

    def _size(self, params):
        mf = self.model_file
        return self._N(self._values(params)) if mf.symmetric else int(mf.sites)

    def _cut(self, params, n):
        if self.model_file.symmetric:
            try:
                k = int(str(params.get("cut", "1")))
            except ValueError:
                raise ParameterError("cut", params.get("cut"), f"an integer 1 <= k <= {n - 1}") from None
            if not 1 <= k <= n - 1:
                raise ParameterError("cut", k, f"an integer 1 <= k <= {n - 1} (k qubits versus N - k)")
            return list(range(k))
        return self._sites(params.get("cut", "0"), "cut", n)

    # ------------------------------------------------------------------ quantities
    def q_steady_state(self, params, method):
        st = self.state("steady-state", params, method)
        return QuantityValue(st.full(), st.method)

    def q_negativity(self, params, method, log=False):
        n = self._size(params)
        cut = self._cut(params, n)
        st = self.state("negativity", params, method)
        v = st.cut_negativity(cut)
        v = _real(v)
        if log:
            v = math.log2(2 * float(v) + 1) if not isinstance(v, sp.Basic) else sp.log(2 * v + 1, 2)
        return QuantityValue(v, st.method)

    def q_pair(self, params, method, what="negativity"):
        n = self._size(params)
        pair = self._sites(params.get("pair", "0,1"), "pair", n, count=2)
        st = self.state("pair-negativity", params, method)
        rho2 = st.reduced(pair)
        if what == "negativity":
            v = _negativity(rho2, [0], st.sub(pair))
        else:
            v = _lambda_min(rho2, st.sub(pair))
        return QuantityValue(_real(v), st.method)

    def q_purity(self, params, method):
        st = self.state("purity", params, method)
        rho = st.full()
        v = float(np.real(np.trace(rho @ rho))) if isinstance(rho, np.ndarray) else sp.expand((rho * rho).trace())
        return QuantityValue(v, st.method)

    def _operator(self, params):
        mf = self.model_file
        text = params.get("op")
        if text is None:
            raise ParameterError("op", None, 'an operator expression, e.g. --set op="X0*Z1"')
        sym = {k: v for k, v in mf.symbol_map.items()}
        generic = mf.symmetric and ("_i" in text or "_j" in text)
        op = parse_expression(text, sym, key="op", generic_sites=generic, dims=mf.dims or None)
        op = op if not isinstance(op, sp.Basic) else (type(mf.hamiltonian).scalar(op))
        vals = self._values(params)
        sub = {mf.symbol_map[k]: v for k, v in vals.items()}
        return op.subs(sub), generic

    def q_expectation(self, params, method):
        n = self._size(params)
        op, generic = self._operator(params)
        if op.free_symbols:
            raise ParameterError("op", params.get("op"), "an operator whose parameters all have values")
        st = self.state("expectation", params, method)
        total = 0
        if generic:  # symmetric: _i summed over sites, _i _j over pairs i < j
            one = PauliSum({k: c for k, c in op.terms.items() if not any(s == "j" for s, _ in k)})
            two = PauliSum({k: c for k, c in op.terms.items() if any(s == "j" for s, _ in k)})
            for part, m, count in ((one, 1, n), (two, 2, math.comb(n, 2))):
                for key, c in part.terms.items():
                    if not key:
                        total += c * count
                        continue
                    term = PauliSum({key: c}).relabel({"i": 0, "j": 1})
                    total += count * self._trace(st.reduced(list(range(m))), term, m)
        else:
            sites = sorted(op.sites())
            if any(s >= n for s in sites):
                raise ParameterError("op", params.get("op"), f"sites 0..{n - 1}")
            if not sites:
                total = op.terms.get((), 0)
            else:
                m = st.sub(sites)
                red = st.reduced(sites)
                total = self._trace(red, op.relabel({s: k for k, s in enumerate(sites)}), m)
        return QuantityValue(_real(total), st.method)

    @staticmethod
    def _trace(rho, op: PauliSum, m: int):
        if isinstance(rho, np.ndarray):
            return complex(np.trace(rho @ op.numeric(m, {})))
        return sp.expand((sp.Matrix(rho) * op.matrix(m)).trace())

    def q_spectrum(self, params, method):
        vals = self._values(params)
        model = self._explicit_model(vals)
        mf = self.model_file
        eng, _ = choose_engine(mf, "spectrum", vals, method)
        sv = self._require(vals, model.parameters)
        if eng.startswith("exact") and model.n <= 3:
            ev = liouvillian_spectrum(model.subs(sv)).numeric({})
            ran = "exact"
        else:
            L = liouvillian_numeric(model, sv).toarray()
            ev = np.linalg.eigvals(L)
            ran = "numeric"
        ev = sorted((complex(z) for z in ev), key=lambda z: (-round(z.real, 10), round(z.imag, 10)))
        return QuantityValue([[z.real, z.imag] for z in ev], ran)

    def q_threshold(self, params, method):
        from ._userthreshold import threshold
        return threshold(self, params, method)

    # ------------------------------------------------------------------ closed forms
    def symbolic_state(self, params):
        """Exact steady state with the parameters not in ``params`` left symbolic."""
        mf = self.model_file
        vals = self._values(params)
        model = self._explicit_model(vals)
        given = {s: vals[s.name] for s in model.parameters if s.name in vals}
        eng, reason = choose_engine(mf, "steady-state", vals, "auto")
        if not eng.startswith("exact"):
            raise ParameterError("--set", ", ".join(sorted(vals)) or "(none)",
                                 f"more parameter values for a closed form ({reason})")
        m = model.subs(given) if given else model
        ss = steady_state(m, method="exact")
        self._unique(ss)
        return ss, m

    def closed_form(self, quantity: str, params: dict):
        """``(expr, args)``: the closed form of ``quantity`` in the parameters left free."""
        expr, args, _ = self._closed_form(quantity, params)
        return expr, args

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
                expr, args, (ss, m) = self._closed_form(quantity, params)
            except NonUniqueSteadyStateError:
                return None
            return {"expr": expr, "source": f"{self.name}/{quantity}: exact steady state over Q(free parameters)",
                    "model": m, "assumptions": tuple(ss.assumptions), "denominators": tuple(ss.denominators)}
        return hook

    def _closed_form(self, quantity: str, params: dict):
        ss, m = self.symbolic_state(params)
        n = m.n
        shape = _shape(m)
        if quantity == "steady-state":
            expr = ss.rho
        elif quantity in ("negativity", "log-negativity"):
            cut = self._cut(params, n)
            expr = negativity_closed_form(ss.rho, cut, shape)
            if quantity == "log-negativity":
                expr = sp.log(2 * expr + 1, 2)
        elif quantity in ("pair-negativity", "lambda-min"):
            pair = self._sites(params.get("pair", "0,1"), "pair", n, count=2)
            rho2 = partial_trace(ss.rho, pair, shape) if n > 2 else ss.rho
            if quantity == "pair-negativity":
                expr = negativity_closed_form(rho2, [0], _sub(shape, pair))
            else:
                expr = sp.Min(*[e for e, _ in pt_eigenvalues(rho2, [0], _sub(shape, pair))])
        elif quantity == "purity":
            expr = sp.factor((ss.rho * ss.rho).trace())
        elif quantity == "expectation":
            op, generic = self._operator(params)
            if generic:
                raise ParameterError("op", params.get("op"), "site numbers for a closed form")
            expr = sp.factor((ss.rho * op.matrix(shape)).trace())
        else:
            raise ParameterError("QUANTITY", quantity, "a quantity with a closed form: steady-state, negativity, "
                                 "log-negativity, pair-negativity, lambda-min, purity, expectation")
        args = tuple(sorted(m.parameters, key=lambda s: s.name))
        return expr, args, (ss, m)

    def build_model(self, params: dict):
        """The explicit core model with the given parameter values substituted (the others stay
        symbols): ``CatalogModel.build`` for the generic quantities (exceptional points)."""
        vals = self._values(params)
        model = self._explicit_model(vals)
        given = {s: vals[s.name] for s in model.parameters if s.name in vals}
        return model.subs(given) if given else model

    def _sampler(self, model):
        """Random points of the declared domain (for timing the generated evaluator)."""
        bounds = self.model_file.bounds_map
        syms = list(model.parameters)

        def sample(rng):
            pt = {}
            for s in syms:
                if s in bounds:
                    lo, hi = (float(b) for b in bounds[s])
                    pt[s] = rng.uniform(lo, hi)
                elif s.is_positive or s.is_nonnegative:
                    pt[s] = rng.uniform(0.05, 20)
                else:
                    pt[s] = rng.uniform(-5, 5)
            return pt
        return sample

    def latex_of(self, quantity: str, params: dict) -> str:
        if quantity == "spectrum":
            from ..core import spectrum_latex
            vals = self._values(params)
            model = self._explicit_model(vals)
            given = {s: vals[s.name] for s in model.parameters if s.name in vals}
            if model.n > 2 and len(given) < len(model.parameters):
                raise ParameterError("--set", "", "every parameter value for an exact spectrum of more than 2 qubits")
            return spectrum_latex(liouvillian_spectrum(model.subs(given) if given else model))
        if quantity == "threshold":
            from ._userthreshold import threshold_latex
            return threshold_latex(self, params)
        expr, _ = self.closed_form(quantity, params)
        lhs = {"steady-state": r"\rho_{\mathrm{ss}}", "negativity": r"\mathcal N", "log-negativity": "E_N",
               "pair-negativity": r"\mathcal N_{ij}", "lambda-min": r"\lambda_{\min}", "purity": r"\mathrm{tr}\rho^2",
               "expectation": r"\langle O\rangle"}[quantity]
        from ..core import latex, matrix_latex
        return lhs + " = " + (matrix_latex(expr) if isinstance(expr, sp.MatrixBase) else latex(expr))

    def lambdify_report(self, quantity: str, params: dict, points: int = 10_000) -> str:
        """Signature and timing of the generated numpy evaluator of ``quantity``'s closed form."""
        t0 = time.perf_counter()
        expr, args = self.closed_form(quantity, params)
        t1 = time.perf_counter()
        f = lambdify(expr, args)
        t2 = time.perf_counter()
        rng = np.random.default_rng(0)
        sample = self._sampler(self._explicit_model(self._values(params)))
        import random
        r = random.Random(0)
        pts = [sample(r) for _ in range(points)]
        cols = [np.array([p[a] for p in pts]) for a in args]
        del rng
        f(*cols)
        t3 = time.perf_counter()
        f(*cols)
        t4 = time.perf_counter()
        return (f"{quantity}{f.signature}  [{self.name}]\n"
                f"closed form: {t1 - t0:.3f} s; lambdify: {(t2 - t1) * 1e3:.1f} ms; "
                f"{points} points: {(t4 - t3) * 1e3:.2f} ms ({(t4 - t3) / points * 1e6:.3f} us/point; "
                f"first call {(t3 - t2) * 1e3:.2f} ms)")

    # ------------------------------------------------------------------ derive
    def derive_steps(self, params: dict) -> list:
        mf = self.model_file
        steps = []
        t0 = time.perf_counter()
        doms = ", ".join(f"{k}: {v}" for k, v in mf.domains)
        text = (f"source: {mf.source}; {'symmetric (identical qubits), N = ' + str(mf.sites) if mf.symmetric else (f'{mf.sites} qubits' if not mf.dims else f'site dimensions {list(mf.dims)}')}; "
                f"normalization {mf.normalization}\nparameters: {doms or '(none)'}\n"
                f"H: {len(mf.hamiltonian.terms)} {'Pauli' if not mf.dims else 'matrix-unit'} terms; {len(mf.jumps)} jump(s); {len(mf.resets)} reset(s)\n"
                "checked: Hermitian H, rates >= 0 and reset states density matrices on the declared domain")
        steps.append(("model file", text, time.perf_counter() - t0))
        vals = self._values(params)
        t0 = time.perf_counter()
        eng, reason = choose_engine(mf, "steady-state", vals, "auto")
        steps.append(("engine", f"{eng}: {reason}", time.perf_counter() - t0))
        if mf.symmetric and mf.sites not in vals:
            steps.append(("steady state", f"give --set {mf.sites}=... to solve", 0.0))
            return steps
        if not eng.startswith("permutation"):
            t0 = time.perf_counter()
            model = self._explicit_model(vals)
            given = {s: vals[s.name] for s in model.parameters if s.name in vals}
            m = model.subs(given) if given else model
            if eng.startswith("exact"):
                M = pauli_liouvillian(m)
                blocks = block_split(M.todok(), M.shape[0])
                sizes = sorted((len(b) for b in blocks), reverse=True)
                basis = f"Pauli basis 4^{m.n}" if m.is_qubits else "real operator basis " + "*".join(f"{d}^2" for d in m.dims)
                steps.append(("Liouvillian", f"{basis} = {M.shape[0]}; {len(blocks)} decoupled blocks, "
                              f"largest {sizes[:6]}", time.perf_counter() - t0))
        t0 = time.perf_counter()
        try:
            if eng.startswith("exact") and not mf.symmetric:
                ss, m = self.symbolic_state(params)
                dens = ", ".join(str(d) for d in ss.denominators) or "none"
                text = (f"method exact; nullity {ss.nullity}; unique {ss.unique}; residual 0 (exact)\n"
                        f"valid for generic values; denominators: {dens}")
                if m.n <= 3 and len(m.parameters) <= 3:
                    text += "\nrho_ss = " + str(ss.rho.tolist())
            else:
                st = self.state("steady-state", params, "auto")
                res = getattr(getattr(st, "ss", None), "residual", None)
                text = f"method {st.method}; nullity 1; unique True" + (f"; residual {res:.2e}" if res is not None else "")
        except NonUniqueSteadyStateError as exc:
            text = f"not unique: null-space dimension {exc.nullity}"
        except ParameterError as exc:
            if exc.value is not None:  # a bad value, not a missing one: the CLI reports it
                raise
            missing = [s.name for s in mf.parameters() if s.name not in vals]
            text = (f"{eng} needs a value for every parameter: give --set " + " --set ".join(f"{x}=..." for x in missing)
                    + " (or fewer free symbols for an exact closed form)")
        steps.append(("steady state", text, time.perf_counter() - t0))
        return steps


_METHODS = ("auto", "exact", "numeric")


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
    cut = (text("cut", "k: k qubits versus N - k (default 1)", "1") if mf.symmetric
           else text("cut", "sites of subsystem A, comma-separated (default 0)", "0"))
    pair = text("pair", "two sites i,j (default 0,1)", "0,1")
    op = text("op", 'operator expression, e.g. "X0*Z1"' + (' or "Z_i" (summed)' if mf.symmetric else ""))
    scan = text("scan", "the parameter to scan")
    which = Param("quantity", "entanglement quantity of the threshold", default="negativity", kind="choice",
                  choices=ENTANGLEMENT)
    rng = text("range", "lo,hi of a numeric scan (default: the domain, capped)")
    Q = lambda name, doc, fn, ps=(), lx=True: Quantity(  # noqa: E731
        name, doc, fn, latex=(lambda p, _q=name: m.latex_of(_q, p)) if lx else None, methods=_METHODS, params=ps)
    m.quantities = {
        "steady-state": Q("steady-state", "the steady-state density matrix", m.q_steady_state),
        "negativity": Q("negativity", "negativity of the cut (subsystem A) versus the rest", m.q_negativity, (cut,)),
        "pair-negativity": Q("pair-negativity", "negativity of the reduced two-qubit state of a pair",
                             lambda p, meth: m.q_pair(p, meth), (pair,)),
        "lambda-min": Q("lambda-min", "smallest eigenvalue of the partial transpose of a pair's state",
                        lambda p, meth: m.q_pair(p, meth, "lambda-min"), (pair,)),
        "log-negativity": Q("log-negativity", "log2(2N + 1) of the cut's negativity",
                            lambda p, meth: m.q_negativity(p, meth, log=True), (cut,)),
        "purity": Q("purity", "tr rho^2 of the steady state", m.q_purity),
        "expectation": Q("expectation", "<op> in the steady state", m.q_expectation, (op,)),
        "spectrum": Q("spectrum", "Liouvillian eigenvalues [re, im] (exact charpoly when small)", m.q_spectrum),
        "threshold": Q("threshold", "intervals [lo, hi] of the scanned parameter with the quantity > 0 "
                       "(hi null: unbounded)", m.q_threshold, (scan, which, cut, pair, rng)),
    }
    for name in ("negativity", "log-negativity", "pair-negativity", "lambda-min", "purity", "expectation"):
        m.quantities[name].closed_form = m.closed_form_hook(name)
    m.derive = m.derive_steps
    if not mf.symmetric:  # the explicit core model: exceptional points of its Liouvillian
        from ._generic import generic_quantities
        m.build = m.build_model
        for name, q in generic_quantities(m).items():
            m.quantities.setdefault(name, q)
    return m
