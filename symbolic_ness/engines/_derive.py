"""What the engines do for a model file, step by step: :func:`derivation_steps`.

The ``derive`` report of a model file: the model as read, the engine chosen (and why), the
Liouvillian's block structure when the exact solve runs, and the steady state (exact with its
denominators, or numeric with its residual), each step with its wall time. Every step is a
library call (:func:`~symbolic_ness.engines.choose_engine`,
:func:`~symbolic_ness.engines.liouvillian_blocks`, :func:`~symbolic_ness.engines.closed_form`,
:func:`~symbolic_ness.engines.evaluate`); this module only words the results.
"""
from __future__ import annotations

import time
from typing import Mapping

from .._errors import NonUniqueSteadyStateError, ParameterError

__all__ = ["derivation_steps"]


def _model_text(mf) -> str:
    doms = ", ".join(f"{k}: {v}" for k, v in mf.domains)
    if mf.symmetric:
        size = f"symmetric (identical qubits), N = {mf.sites}"
    else:
        size = f"{mf.sites} qubits" if not mf.dims else f"site dimensions {list(mf.dims)}"
    return (f"source: {mf.source}; {size}; normalization {mf.normalization}\nparameters: {doms or '(none)'}\n"
            f"H: {len(mf.hamiltonian.terms)} Pauli terms; {len(mf.jumps)} jump(s); "
            f"{len(getattr(mf, 'collective', ()))} collective jump(s); {len(mf.resets)} reset(s)\n"
            "checked: Hermitian H, rates >= 0 and reset states density matrices on the declared domain")


def derivation_steps(model_file, values: Mapping | None = None) -> list:
    """The steps the engines take for ``model_file`` at ``values``, with their wall times.

    Parameters
    ----------
    model_file : ModelFile
        A read model file (:func:`~symbolic_ness.engines.read_model_file`).
    values : dict, optional
        ``{name: value}`` of the parameters given (the others stay symbolic where the exact
        engine runs; a numeric engine needs every one).

    Returns
    -------
    list of (str, str, float)
        ``(title, text, seconds)`` per step: ``model file``, ``engine``, ``Liouvillian`` (exact
        engine), ``steady state`` (method, nullity, uniqueness, residual or denominators; a
        non-unique state says so with its null-space dimension).

    Examples
    --------
    >>> from symbolic_ness.engines import read_model_file
    >>> mf = read_model_file('sites = 1\\nhamiltonian = "h*X0"\\n[parameters]\\nh = "real"\\n'
    ...                      '[[jump]]\\noperator = "Sm0"\\nrate = "1"')
    >>> [title for title, _, _ in derivation_steps(mf)]
    ['model file', 'engine', 'Liouvillian', 'steady state']
    >>> derivation_steps(mf)[3][1].splitlines()[0]
    'method exact; nullity 1; unique True; residual 0 (exact)'
    """
    from ._closed_form import closed_form
    from ._modelfile import choose_engine
    from ._quantities import evaluate, liouvillian_blocks
    mf = model_file
    names = {s.name: s for s in mf.parameters()}
    vals = {k: v for k, v in dict(values or {}).items() if k in names and v is not None}
    steps = []
    t0 = time.perf_counter()
    steps.append(("model file", _model_text(mf), time.perf_counter() - t0))
    t0 = time.perf_counter()
    eng, reason = choose_engine(mf, "steady-state", vals, "auto")
    steps.append(("engine", f"{eng}: {reason}", time.perf_counter() - t0))
    if mf.symmetric and mf.sites not in vals:
        steps.append(("steady state", f"give --set {mf.sites}=... to solve", 0.0))
        return steps
    if mf.symmetric:
        model, N = mf.permutation_model(), int(mf.value(mf.sites, vals[mf.sites]))
        given = {k: v for k, v in vals.items() if k != mf.sites or names[k] in model.parameters}
    else:
        model, N = mf.model(), None
        given = {names[k]: v for k, v in vals.items() if names[k] in model.parameters}
    if eng.startswith("exact"):
        t0 = time.perf_counter()
        m = model.subs(given) if given else model
        size, sizes = liouvillian_blocks(m)
        steps.append(("Liouvillian", f"Pauli basis 4^{m.n} = {size}; {len(sizes)} decoupled blocks, "
                      f"largest {sizes[:6]}", time.perf_counter() - t0))
    t0 = time.perf_counter()
    try:
        if eng.startswith("exact") and not mf.symmetric:
            cf = closed_form(model, "steady-state", given)
            dens = ", ".join(str(d) for d in cf.denominators) or "none"
            text = (f"method exact; nullity 1; unique True; residual 0 (exact)\n"
                    f"valid for generic values; denominators: {dens}")
            if cf.rank_drop:
                text += "; not unique where " + " or ".join(f"{f} = 0" for f in cf.rank_drop) + " (rank drop)"
            if cf.model.n <= 3 and len(cf.model.parameters) <= 3:
                text += "\nrho_ss = " + str(cf.expr.tolist())
        else:
            missing = [s.name for s in (model.parameters if not mf.symmetric else mf.parameters())
                       if s.name not in vals and not (mf.symmetric and s.name == mf.sites)]
            if missing:
                raise ParameterError(missing[0], None, "a value")
            res = evaluate(model, "steady-state", given, "auto", N=N)
            if res.unique is False:
                raise NonUniqueSteadyStateError("not unique", nullity=res.nullity)
            text = f"method {res.method}; nullity 1; unique True" + (
                f"; residual {res.residual:.2e}" if mf.symmetric and res.residual is not None else "")
    except NonUniqueSteadyStateError as exc:
        text = f"not unique: null-space dimension {exc.nullity}"
    except ParameterError as exc:
        if exc.value is not None:  # a bad value, not a missing one: the caller reports it
            raise
        missing = [s.name for s in mf.parameters() if s.name not in vals]
        text = (f"{eng} needs a value for every parameter: give --set " + " --set ".join(f"{x}=..." for x in missing)
                + " (or fewer free symbols for an exact closed form)")
    steps.append(("steady state", text, time.perf_counter() - t0))
    return steps
