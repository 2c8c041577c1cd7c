"""Benchmarks of sites of any dimension (issue "Beyond qubits").

Lines (ratios measured in this run; never timed assertions):

* ``multilevel_jc_d4_4sym_vs_sympy_field``: Jaynes-Cummings, cavity truncated at 3 photons
  (dims 4 x 2), H = Delta a^dag a + g (a^dag s- + a s+), cavity loss kappa, pump P (4 symbols),
  cold cache: ``steady_state(method="exact")`` vs plain sympy ``DomainMatrix.to_field().nullspace()``
  on the same (rationalized, see ``core._congruence``) real-basis generator; the two states are
  checked equal at a random point (1e-12).
* ``multilevel_3x3x2_point_vs_qutip``: two coupled driven qutrits and a decaying qubit (dims
  3 x 3 x 2) at a numeric point: ``steady_state(method="numeric")`` (with its nullity check) vs
  ``qutip.steadystate`` on the same H and c_ops (QuTiP objects built beforehand); states equal 1e-10.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import best_of, no_cache  # noqa: E402


def jc_model():
    from symbolic_ness import Jump, Model, destroy, embed, sigma_minus
    g, k, P = sp.symbols("g kappa P", positive=True)
    Dl = sp.Symbol("Delta", real=True)
    dims = (4, 2)
    a, sm = embed(destroy(4), 0, dims), embed(sigma_minus(), 1, dims)
    return Model(2, Dl * a.H * a + g * (a.H * sm + sm.H * a), jumps=[Jump(a, k), Jump(sm.H, P)], dims=dims,
                 name="jc-bench")


def model_3x3x2():
    from symbolic_ness import Jump, Model, embed, sigma_minus, transition
    dims = (3, 3, 2)
    T = lambda s, a, b: embed(transition(a, b, 3), s, dims)  # noqa: E731
    sm = embed(sigma_minus(), 2, dims)
    J, W, k, g = sp.symbols("J Omega kappa gamma", positive=True)
    H = (J * (T(0, 1, 0) * T(1, 0, 1) + T(0, 0, 1) * T(1, 1, 0)) + W * (T(0, 0, 2) + T(0, 2, 0))
         + J * (T(1, 1, 0) * sm.H + T(1, 0, 1) * sm) + T(1, 2, 2) + W * (T(1, 0, 1) + T(1, 1, 0)) + W * (sm + sm.H))
    jumps = [Jump(sm, k)] + [Jump(T(s, 0, a), g) for s in (0, 1) for a in (1, 2)]
    return Model(3, H, jumps=jumps, dims=dims), {J: sp.Rational(1, 2), W: sp.Rational(1, 3), k: 1, g: sp.Rational(1, 4)}


def run():
    import qutip
    from symbolic_ness import steady_state, to_qutip
    from symbolic_ness.core import liouvillian_numeric

    out = []
    # 1. Jaynes-Cummings, 4 symbols, exact
    m = jc_model()
    res = {}
    ours = best_of(lambda: res.__setitem__("ss", no_cache(lambda: steady_state(m, method="exact"))), 1)
    pt = {s: sp.Rational(3 + i, 7) for i, s in enumerate(m.parameters)}
    a = np.array(res["ss"].rho.subs(pt).evalf(30).tolist(), dtype=complex)
    try:
        p = subprocess.run([sys.executable, __file__, "--sympy-baseline"], capture_output=True, text=True,
                           timeout=SYMPY_LIMIT)
        rec = json.loads(p.stdout.strip().splitlines()[-1])
        base = rec["seconds"]
        rho_b = np.array(rec["re"]) + 1j * np.array(rec["im"])
        assert np.abs(a - rho_b).max() < 1e-12, "sympy field and exact engine disagree"
        how = f"{base:.1f} s vs {ours:.2f} s"
    except subprocess.TimeoutExpired:
        base, how = SYMPY_LIMIT, f"not finished in {SYMPY_LIMIT} s (ratio a lower bound) vs {ours:.2f} s"
    out.append(("multilevel_jc_d4_4sym_vs_sympy_field", base / ours,
                f"sympy DomainMatrix field nullspace ({how}, cold cache, dims 4x2, 4 symbols)"))
    # 2. 3x3x2 at a numeric point vs qutip.steadystate
    m, vals = model_3x3x2()
    H, c_ops, _ = to_qutip(m, vals)
    steady_state(m, vals, method="numeric")  # warm-up: the numeric real basis of these dims is cached
    ss = {}
    ours = best_of(lambda: ss.__setitem__("s", steady_state(m, vals, method="numeric")), 3)
    q = {}
    base = best_of(lambda: q.__setitem__("s", qutip.steadystate(H, c_ops)), 3)
    assert ss["s"].unique and np.abs(ss["s"].rho - q["s"].full()).max() < 1e-10
    assert ss["s"].residual < 1e-9 and liouvillian_numeric(m, vals).shape == (324, 324)
    out.append(("multilevel_3x3x2_point_vs_qutip", base / ours,
                f"qutip.steadystate ({base * 1e3:.0f} ms vs {ours * 1e3:.0f} ms incl. the nullity check, dims 3x3x2)"))
    return out


SYMPY_LIMIT = 300  # seconds for the plain sympy baseline (a subprocess)


def _sympy_baseline():
    """Plain sympy field elimination on the rationalized generator; prints seconds and rho at the point."""
    from sympy.polys.matrices import DomainMatrix
    from symbolic_ness.core import basis_numeric, rational_generator
    m = jc_model()
    M, D = no_cache(lambda: rational_generator(m))
    t = time.perf_counter()
    ns = DomainMatrix.from_Matrix(sp.Matrix(M)).to_field().nullspace().to_Matrix()
    base = time.perf_counter() - t
    assert ns.rows == 1
    # the field's null vector x' (real-basis coordinates of rho' = D^-1 rho D^-1) at the point
    pt = {s: sp.Rational(3 + i, 7) for i, s in enumerate(m.parameters)}
    x = np.array([complex(sp.N(ns[0, j].subs(pt), 30)) for j in range(ns.cols)]).real
    T, norms = basis_numeric(m.dims)
    d = m.dim
    Dn = np.array([float(v) for v in D])
    rho = np.asarray(T @ (x / norms)).reshape(d, d, order="F") * np.outer(Dn, Dn)
    rho /= np.trace(rho)
    print(json.dumps({"seconds": base, "re": rho.real.tolist(), "im": rho.imag.tolist()}))


if __name__ == "__main__" and "--sympy-baseline" in sys.argv:
    _sympy_baseline()
elif __name__ == "__main__":
    for name, speedup, baseline in run():
        print(f"{name}: {speedup:.3g}x vs {baseline}")
