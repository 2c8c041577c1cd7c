"""Benchmarks of the thermal machines (issue 23).

* ``thermal_machine_concurrence_vs_qutip``: the closed-form concurrence of
  examples/thermal_machine_two_qubit.toml (gamma_h = 1/100; g, n_h, n_c free) as one vectorized
  numpy evaluator over 10^5 points, per point, vs ``qutip.steadystate`` + ``qutip.concurrence`` per
  point (agreement checked to 1e-9 at the QuTiP points).
* ``refrigerator_exact_steady_state``: examples/absorption_refrigerator.toml (g, n_c, n_r, n_h
  symbolic), cold cache, exact steady state + the three exact heat currents, vs the 5 s goal.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import best_of  # noqa: E402

EX = Path(__file__).resolve().parents[1] / "examples"


def _qutip_point(g, nh, nc):
    import qutip as qt
    sm = [qt.tensor([qt.destroy(2).dag() if k == i else qt.qeye(2) for k in range(2)]) for i in range(2)]
    sz = [qt.tensor([qt.sigmaz() if k == i else qt.qeye(2) for k in range(2)]) for i in range(2)]
    H = (sz[0] + sz[1]) / 2 + g * (sm[0].dag() * sm[1] + sm[0] * sm[1].dag())
    c = [np.sqrt(0.01 * (nh + 1)) * sm[0], np.sqrt(0.01 * nh) * sm[0].dag(), np.sqrt(nc + 1) * sm[1],
         np.sqrt(nc) * sm[1].dag()]
    return qt.concurrence(qt.steadystate(H, c))


def run() -> list:
    from symbolic_ness import concurrence, heat_currents, lambdify, steady_state
    from symbolic_ness.engines import read_model_file

    out = []
    mf = read_model_file(EX / "thermal_machine_two_qubit.toml")
    S = mf.symbol_map
    m = mf.model().subs({S["gamma_h"]: sp.Rational(1, 100)})
    f = lambdify(concurrence(steady_state(m).rho), (S["g"], S["n_h"], S["n_c"]))
    rng = np.random.default_rng(0)
    N = 100_000
    G, NH, NC = rng.uniform(0.01, 0.3, N), rng.uniform(1, 30, N), rng.uniform(0, 0.02, N)  # around the entangled region
    t_ours = best_of(lambda: f(G, NH, NC), 3) / N
    pts = list(zip(G[:20], NH[:20], NC[:20]))
    t0 = time.perf_counter()
    ref = [_qutip_point(*p) for p in pts]
    t_qutip = (time.perf_counter() - t0) / len(pts)
    err = max(abs(f(*p) - r) for p, r in zip(pts, ref))
    assert err < 1e-9, f"closed-form concurrence differs from QuTiP ({err:.2e})"
    assert max(ref) > 1e-3, "no entangled point among the QuTiP checks"
    out.append(("thermal_machine_concurrence_vs_qutip", t_qutip / t_ours,
                f"qutip steadystate+concurrence per point ({t_qutip * 1e3:.2f} ms vs {t_ours * 1e9:.0f} ns per point "
                f"over {N} points; max deviation {err:.1e})"))

    old = os.environ.get("SYMBOLIC_NESS_NO_CACHE")
    os.environ["SYMBOLIC_NESS_NO_CACHE"] = "1"
    try:
        mr = read_model_file(EX / "absorption_refrigerator.toml").model()
        t0 = time.perf_counter()
        ss = steady_state(mr)
        t_ss = time.perf_counter() - t0
        hc = heat_currents(mr, ss.rho)
        t_all = time.perf_counter() - t0
    finally:
        if old is None:
            os.environ.pop("SYMBOLIC_NESS_NO_CACHE", None)
        else:
            os.environ["SYMBOLIC_NESS_NO_CACHE"] = old
    assert hc.zero_sum and sp.cancel(hc.currents["cold"] / hc.currents["hot"]) == sp.Rational(1, 2)
    out.append(("refrigerator_exact_steady_state", 5.0 / t_ss,
                f"the 5 s goal (exact steady state in g, n_c, n_r, n_h: {t_ss:.2f} s; with the three exact "
                f"heat currents and the zero-sum check {t_all:.2f} s; COP = 1/2 exactly)"))
    return out


if __name__ == "__main__":
    for name, s, base in run():
        print(f"{name}: {s:.3g}x vs {base}")
