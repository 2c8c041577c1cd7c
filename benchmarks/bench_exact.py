"""Benchmarks of the exact engine (issue "Exact engine at scale").

Lines (ratios measured in this run; never timed assertions):

* ``exact_nullspace_2q4p_vs_sympy_field``: 2 qubits, H = g ZZ + h (X1 + X2), dephasing gamma and
  decay r on both (4 symbols): ``nullspace_exact(..., method="interpolate")`` vs plain
  ``DomainMatrix(...).to_field().nullspace()`` on the same Pauli-basis generator; the two
  null vectors are checked to be proportional (identical up to a constant).
* ``exact_3q_reset_allpairs``: 3 qubits, all-to-all Ising g, dephasing gamma, reset to |+> on
  every site (g, r, gamma symbolic), cold cache, ``steady_state(method="exact")`` vs the goal of
  10 s; equal to the numeric null space at random points (1e-12).
* ``exact_4q_chain``: 4-qubit Ising chain, field 1/3, dephasing, resets on both ends (g, r, gamma
  symbolic) in a subprocess with a 60 s limit, vs the goal of 60 s (ratio < 1 = not reached).
* ``exact_vs_interpolate``: ``exact-ring`` vs ``exact-interpolate`` on the benchmark models
  (time ratio; the returned steady states are checked to be the same expressions).
* ``exact_homogeneity_4q3s``: 4-qubit Ising chain g ZZ + h X (field symbolic: no fixed energy
  scale), resets to |+> at rate r on both ends (g, h, r symbolic), cold cache, ``steady_state``
  with the scale-homogeneity reduction vs ``reductions=()`` in the same run; both equal to the
  numeric NESS at 2 random points (1e-12) and to each other.
* ``exact_homogeneity_2q4p`` / ``exact_homogeneity_3q3s``: the same comparison on the 2 x 4 and
  3 x 3 rows (no regression: ratio ~1 or more; identical expressions).
* ``exact_4q4s_homogeneity``: the 4 x 3 README chain with the field as a symbol h (g, h, gamma, r)
  in a subprocess with a 90 s limit, with the reduction, vs the 60 s goal of issue 26.
* ``exact_4q3s_prime_check``: the README 4 x 3 chain (field 1/3: no homogeneity), cold cache,
  default engine vs ``reductions=()`` (the previous schedule: primes in parallel batches until a
  Garner digit is small) in the same run; expectation values equal at 2 random points and equal
  to the numeric NESS (1e-12). The note states the 3 s goal of issue 26.
* ``exact_4q3s_scaling``: the same chain, default engine vs every reduction but the variable scaling
  (``reductions=("homogeneity", "prime_check")``) in the same run: the scaling (g, gamma, r) ->
  (g/3, gamma/3, 2r/3) needs 2 primes instead of 3; same expectation values, equal to the numeric NESS.
* ``exact_4q3s_vs_issue26_engine``: the README 4 x 3 chain, this tree vs the package at the commit
  issue 26 was filed against (``git archive`` into a temporary directory), each in fresh
  subprocesses with a cold cache, best of 2; the issue's goals are >= 5x and <= 3 s.
* ``exact_5q1s_chain``: 5-qubit Ising chain g ZZ + X/3, dephasing 1, resets to |+> at rate 1 on
  both ends (g symbolic), cold cache, default vs ``reductions=()`` in the same run (both with the
  sparse Pauli transform and vectorized symmetry detection); numeric agreement at 2 points.
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
from _timing import best_of, ising_reset_chain, no_cache  # noqa: E402


def _models():
    from symbolic_ness import Jump, Model, Reset, embed, projector, sigma_minus, sigma_x, sigma_z

    def m2q4p():
        g, h, gam, r = sp.symbols("g h gamma r", positive=True)
        n = 2
        Z = [embed(sigma_z(), i, n) for i in range(n)]
        X = [embed(sigma_x(), i, n) for i in range(n)]
        return Model(n, g * Z[0] * Z[1] + h * (X[0] + X[1]),
                     jumps=[Jump(Z[i], gam) for i in range(n)] + [Jump(embed(sigma_minus(), i, n), r) for i in range(n)])

    def m3q():
        g, r, gam = sp.symbols("g r gamma", positive=True)
        n = 3
        Z = [embed(sigma_z(), i, n) for i in range(n)]
        return Model(n, g * (Z[0] * Z[1] + Z[0] * Z[2] + Z[1] * Z[2]), jumps=[Jump(Z[i], gam) for i in range(n)],
                     resets=[Reset(i, projector("+"), r) for i in range(n)])

    def m4q():
        return ising_reset_chain(4, sp.Rational(1, 3))
    return m2q4p, m3q, m4q


def _chain_h(dephasing: bool):
    """4-qubit Ising chain g ZZ + h X, resets to |+> at rate r on both ends (+ dephasing gamma)."""
    return ising_reset_chain(4, sp.Symbol("h", positive=True), dephasing=None if dephasing else 0)


_CODE_4Q = """
import json, sys, time
sys.path.insert(0, %r)
import bench_exact as b
from _timing import exact_vs_numeric
from symbolic_ness import steady_state
m = b._models()[2]() if len(sys.argv) < 2 else b._chain_h(True)
t = time.perf_counter()
ss = steady_state(m, method="exact")
solve, solved_at = time.perf_counter() - t, time.time()
err = exact_vs_numeric(m, ss, 4)  # exact <P> = x_P / x_0 by python-flint vs the numeric null space
print(json.dumps({"solve": solve, "solved_at": solved_at, "max_err": err, "timings": ss.timings,
                  "method": ss.method, "reductions": ss.reductions}))
"""


def _numeric_agrees(model, ss, seed=0):
    from symbolic_ness import steady_state
    rng = np.random.default_rng(seed)
    for _ in range(2):
        vals = {p.name: float(rng.uniform(0.3, 2.0)) for p in model.parameters}
        num = steady_state(model, vals, method="numeric")
        ex = np.array(ss.rho.subs({p: vals[p.name] for p in model.parameters}).evalf(), dtype=complex)
        assert np.abs(ex - num.rho).max() < 1e-12, "exact steady state differs from the numeric null space"


def run() -> list:
    from sympy.polys.matrices import DomainMatrix
    from symbolic_ness import pauli_liouvillian, steady_state
    from symbolic_ness.algebra import nullspace_exact

    m2q4p, m3q, m4q = _models()
    out = []
    # 1. null space kernel vs plain sympy field elimination, same generator
    m = m2q4p()
    M = pauli_liouvillian(m)
    dok, N = M.todok(), M.shape[0]
    ours = []
    t_ours = best_of(lambda: ours.append(nullspace_exact(dok, N, method="interpolate")), 3)
    t0 = time.perf_counter()
    F = DomainMatrix.from_dict_sympy(N, N, {i: {j: v for (ii, j), v in dok.items() if ii == i} for i in range(N)})
    ref = F.to_field().nullspace().to_Matrix().tolist()
    t_field = time.perf_counter() - t0
    (u,), (v,) = ours[-1], ref
    i0 = next(k for k, x in enumerate(v) if x != 0)
    assert all(sp.cancel(u[k] * v[i0] - v[k] * u[i0]) == 0 for k in range(N)), "null vectors differ"
    out.append(("exact_nullspace_2q4p_vs_sympy_field", t_field / t_ours,
                "plain DomainMatrix.to_field().nullspace() on the same 16x16 generator (same vector)"))

    # 2. 3-qubit all-to-all reset model, cold cache
    m = m3q()
    res = {}
    t3 = best_of(lambda: res.__setitem__("ss", no_cache(lambda: steady_state(m, method="exact"))), 1)
    _numeric_agrees(m, res["ss"])
    out.append(("exact_3q_reset_allpairs", 10.0 / t3,
                f"the 10 s goal (took {t3:.2f} s, cold cache; sympy field took 656 s; numeric agreement 1e-12)"))

    # 3. 4-qubit chain in a fresh subprocess (cold cache) with a 60 s limit, then numeric agreement
    t0 = time.time()
    env = dict(os.environ, SYMBOLIC_NESS_NO_CACHE="1")
    try:
        proc = subprocess.run([sys.executable, "-c", _CODE_4Q % str(Path(__file__).parent)], env=env, timeout=60,
                              check=True, capture_output=True, text=True)
        rep = json.loads(proc.stdout.strip().splitlines()[-1])
        t4 = rep["solved_at"] - t0
        assert rep["max_err"] < 1e-12, f"4q exact steady state differs from the numeric one ({rep['max_err']:.2e})"
        tm = rep["timings"]
        note = (f"finished in {t4:.1f} s (steady_state {rep['solve']:.1f} s: setup "
                f"{tm.get('liouvillian', 0) + tm.get('convert', 0) + tm.get('rank', 0) + tm.get('symmetry', 0):.1f} s, "
                f"{tm.get('pencil_primes', 0)} primes x {tm.get('pencil_lines_per_prime', 0)} lines on "
                f"{tm.get('pencil_workers', 1)} workers {tm.get('pencil_primes_wall', 0):.1f} s wall "
                f"(lines {tm.get('pencil_lines_cpu', 0):.1f} s + interpolation {tm.get('pencil_interpolate_cpu', 0):.1f} s cpu), "
                f"CRT {tm.get('pencil_crt', 0):.1f} s, build {tm.get('pencil_build', 0):.1f} s, "
                f"primitive {tm.get('pencil_primitive', 0):.1f} s, certify {tm.get('pencil_certify', 0) + tm.get('certify', 0):.1f} s; "
                f"{rep['method']}; numeric agreement {rep['max_err']:.1e} at 2 random points)")
        ratio = 60.0 / t4
    except subprocess.TimeoutExpired:
        ratio, note = 0.0, "did NOT finish within 60 s"
    out.append(("exact_4q_chain", ratio, f"the 60 s goal ({note})"))

    # 4. ring vs interpolation: same expressions on the benchmark models
    ratios = []
    for mk in (m2q4p, m3q):
        m = mk()
        r = {}
        tr = best_of(lambda: r.__setitem__("ring", no_cache(lambda: steady_state(m, method="exact-ring"))), 1)
        ti = best_of(lambda: r.__setitem__("int", no_cache(lambda: steady_state(m, method="exact-interpolate"))), 1)
        assert r["ring"].rho == r["int"].rho, "ring and interpolation paths differ"
        ratios.append(tr / ti)
    out.append(("exact_vs_interpolate", min(ratios),
                "exact-ring on the same models (min ratio over 2q4p, 3q reset; identical expressions)"))

    # 5. scale homogeneity on / off, same run, cold cache (imports warmed up by the lines above)
    out.append(_homogeneity_line("exact_homogeneity_4q3s", _chain_h(False), large=True))
    out.append(_homogeneity_line("exact_homogeneity_2q4p", m2q4p()))
    out.append(_homogeneity_line("exact_homogeneity_3q3s", m3q()))

    # 6. 4 qubits x 4 symbols with the reduction, fresh subprocess, vs the 60 s goal
    t0 = time.time()
    try:
        proc = subprocess.run([sys.executable, "-c", _CODE_4Q % str(Path(__file__).parent), "4x4"], env=env,
                              timeout=90, check=True, capture_output=True, text=True)
        rep = json.loads(proc.stdout.strip().splitlines()[-1])
        t44 = rep["solved_at"] - t0
        assert rep["max_err"] < 1e-12, f"4x4 exact steady state differs from the numeric one ({rep['max_err']:.2e})"
        used = [r for r in rep["reductions"] if r["used"]]
        ratio, note = 60.0 / t44, (f"finished in {t44:.1f} s; homogeneity: eliminated "
                                   f"{used[0]['eliminated'] if used else 'none'}; {rep['method']}")
    except subprocess.TimeoutExpired:
        ratio, note = 0.0, "did NOT finish within 90 s"
    out.append(("exact_4q4s_homogeneity", ratio, f"the 60 s goal of issue 26 ({note})"))

    # 7. issue 26: prime check + content on / off, same run
    out += _schedule_lines(m4q(), 3.0, [("exact_4q3s_prime_check", ()),
                                        ("exact_4q3s_scaling", ("homogeneity", "prime_check"))])
    out.append(_issue_engine_line())
    out += _schedule_lines(_chain5(), 30.0, [("exact_5q1s_chain", ())])
    return out


def _chain5():
    """5-qubit Ising chain g ZZ + X/3, dephasing 1, resets to |+> at rate 1 on both ends (g symbolic)."""
    return ising_reset_chain(5, sp.Rational(1, 3), dephasing=1, rate=1)


ISSUE26_BASE = "34aeda6cba19e089aa40cd076b29e29f235034db"  # main when issue 26 was filed

_CODE_BASE = """
import sys, time
sys.path.insert(0, %r)
import bench_exact as b
from symbolic_ness import steady_state
m = b._models()[2]()
t = time.perf_counter()
ss = steady_state(m, method="exact")
print(time.perf_counter() - t, ss.method)
"""


def _issue_engine_line():
    """The README 4 x 3 chain, cold cache, each engine in a fresh subprocess (imports not timed):
    this tree vs the package as it was when issue 26 was filed (commit ISSUE26_BASE, exported
    with ``git archive`` into a temporary directory); the issue asks for >= 5x."""
    import tempfile
    root = Path(__file__).resolve().parents[1]
    code = _CODE_BASE % str(Path(__file__).parent)

    def timed(pythonpath):
        env = dict(os.environ, SYMBOLIC_NESS_NO_CACHE="1", PYTHONPATH=pythonpath)
        proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=600, check=True,
                              capture_output=True, text=True, cwd=tempfile.gettempdir())
        t, method = proc.stdout.strip().splitlines()[-1].split(" ", 1)
        return float(t), method

    with tempfile.TemporaryDirectory() as tmp:
        arc = subprocess.run(["git", "-C", str(root), "archive", ISSUE26_BASE, "symbolic_ness"],
                             capture_output=True)
        if arc.returncode != 0:
            return ("exact_4q3s_vs_issue26_engine", float("nan"),
                    f"commit {ISSUE26_BASE[:7]} not in this checkout (git history needed): not measured")
        subprocess.run(["tar", "-x", "-C", tmp], input=arc.stdout, check=True)
        t_new, meth = timed(str(root))
        t_old, _ = timed(tmp)
        t_new = min(t_new, timed(str(root))[0])  # best of two, the same for both below
        t_old = min(t_old, timed(tmp)[0])
    return ("exact_4q3s_vs_issue26_engine", t_old / t_new,
            f"the engine when issue 26 was filed (commit {ISSUE26_BASE[:7]}, same run, cold cache, fresh "
            f"processes, best of 2: {t_old:.2f} s vs {t_new:.2f} s; goal >= 5x and <= 3 s: "
            f"{'met' if t_old / t_new >= 5 and t_new <= 3 else 'NOT met'}; {meth})")


def _expectations_agree(m, on, off, tol):
    """Every Pauli expectation of the exact states ``on`` and ``off`` (``expectations_at``) agrees
    with the numeric NESS (1e-12) and with each other (``tol``; 0: identical) at 2 random points."""
    from symbolic_ness import steady_state
    from symbolic_ness.core import pauli_labels, pauli_string
    rng = np.random.default_rng(7)
    for _ in range(2):
        vals = {p.name: float(rng.uniform(0.3, 2.0)) for p in m.parameters}
        a, b = on.expectations_at(vals), off.expectations_at(vals)
        num = steady_state(m, vals, method="numeric")
        for lab in pauli_labels(m.n):
            ref = float(np.trace(pauli_string(lab, numeric=True) @ num.rho).real)
            assert abs(a.get(lab, 0.0) - ref) < 1e-12 and abs(a.get(lab, 0.0) - b.get(lab, 0.0)) <= tol


def _schedule_lines(m, goal, lines):
    """``steady_state`` with ``reductions=base`` vs the default (cold cache; the baselines first, as
    before, then the default once: the in-process memo would answer a second call), same
    expectation values, equal to the numeric NESS; ``lines`` = ``[(name, base)]``, ``base=()`` the
    previous prime schedule."""
    from symbolic_ness import steady_state
    offs = []
    for name, base in lines:
        r = {}
        t_off = best_of(lambda: r.__setitem__("off", no_cache(lambda: steady_state(m, reductions=base))), 1)
        offs.append((name, base, t_off, r["off"]))
    r = {}
    t_on = best_of(lambda: r.__setitem__("on", no_cache(lambda: steady_state(m))), 1)
    on, out = r["on"], []
    ro = on.reconstruction
    chk, sc = ro.get("prime_check", {}), ro.get("scaling", {})
    for name, base, t_off, off in offs:
        _expectations_agree(m, on, off, 1e-14)
        rf = off.reconstruction
        out.append((name, t_off / t_on,
                    f"the same engine with reductions={base!r} (took {t_off:.2f} s vs {t_on:.2f} s, goal {goal:g} s "
                    f"{'met' if t_on <= goal else 'NOT met'}; solve stage {off.timings.get('solve', 0):.2f} s vs "
                    f"{on.timings.get('solve', 0):.2f} s; {rf.get('primes')} vs {ro.get('primes')} primes x "
                    f"{ro.get('probes_per_prime')} probes, {chk.get('probes', 0)} check probes, content divided: "
                    f"{chk.get('content_divided_bits', 0)} bits; scaling "
                    f"{sc.get('scales') if sc.get('used') else 'not used'}; {on.method}; same expectation values)"))
    return out


def _homogeneity_line(name, m, large=False):
    """``steady_state`` without / with the scale-homogeneity reduction (cold cache, same run)."""
    from symbolic_ness import steady_state
    r = {}
    t_off = best_of(lambda: r.__setitem__("off", no_cache(lambda: steady_state(m, reductions=()))), 1)
    t_on = best_of(lambda: r.__setitem__("on", no_cache(lambda: steady_state(m))), 1)
    on, off = r["on"], r["off"]
    used = [x for x in on.reductions if x["used"]]
    assert used, "homogeneity reduction not used on a homogeneous model"
    if large:  # lazy results: compare expectation values at random points with each other and the numeric NESS
        _expectations_agree(m, on, off, 0.0)
    else:
        assert on.rho == off.rho, "reduced and unreduced steady states differ"
        _numeric_agrees(m, on)
    return (name, t_off / t_on,
            f"the same engine with reductions=() (took {t_off:.2f} s vs {t_on:.2f} s, solve stage "
            f"{off.timings.get('solve', 0):.2f} s vs {on.timings.get('solve', 0):.2f} s, "
            f"{off.reconstruction.get('probes_per_prime')} vs {on.reconstruction.get('probes_per_prime')} "
            f"probes per prime; eliminated {used[0]['eliminated']}; {on.method}; identical results)")


if __name__ == "__main__":
    for name, s, base in run():
        print(f"{name}: {s:.3g}x vs {base}")
