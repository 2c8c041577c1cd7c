"""Generated evaluators (C99 via ctypes, numpy module) vs the core's lambdified closed form.

The closed form is the derived HDB Sec. II negativity N(g, r, gamma); both generated
evaluators are checked against the lambdified one (1e-12 relative) before timing, on 10^6
random points.
"""
from __future__ import annotations

import ctypes
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import best_of  # noqa: E402
from symbolic_ness.app import closed_form  # noqa: E402
from symbolic_ness.export import generate_code, lambdify  # noqa: E402

N_POINTS = 10 ** 6


def run():
    cf = closed_form("reset-ising", "negativity")
    rng = np.random.default_rng(0)
    g, r, gamma = (np.ascontiguousarray(rng.uniform(lo, hi, N_POINTS)) for lo, hi in ((0.1, 10), (0.1, 20), (0.3, 2)))
    ref_fn = lambdify(cf.expr, cf.args)
    ref = ref_fn(g, r, gamma)
    t_ref = best_of(lambda: ref_fn(g, r, gamma))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (py,) = generate_code(cf.expr, cf.args, "python", name="negativity").write(tmp / "py")
        spec = importlib.util.spec_from_file_location("negativity_bench", py)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        assert np.allclose(mod.negativity(g, r, gamma), ref, rtol=1e-12, atol=1e-15)
        out.append(("codegen_numpy_negativity_1e6", t_ref / best_of(lambda: mod.negativity(g, r, gamma)),
                    "core.lambdify"))
        cc = shutil.which("cc")
        if cc is not None:
            generate_code(cf.expr, cf.args, "c", name="negativity").write(tmp / "c")
            lib = tmp / "c" / "libnegativity.so"
            subprocess.run([cc, "-O2", "-std=c99", "-shared", "-fPIC", "-o", str(lib),
                            str(tmp / "c" / "negativity.c"), "-lm"], check=True, capture_output=True)
            so = ctypes.CDLL(str(lib))
            dp = ctypes.POINTER(ctypes.c_double)
            so.negativity_vec.argtypes = [ctypes.c_size_t, dp, dp, dp, dp]
            res = np.empty(N_POINTS)
            ptrs = [a.ctypes.data_as(dp) for a in (g, r, gamma)] + [res.ctypes.data_as(dp)]

            def c_call():
                so.negativity_vec(N_POINTS, *ptrs)

            c_call()
            assert np.allclose(res, ref, rtol=1e-12, atol=1e-15)
            out.append(("codegen_c_negativity_1e6", t_ref / best_of(c_call), "core.lambdify"))
    return out


if __name__ == "__main__":
    for name, speedup, baseline in run():
        print(f"{name}: {speedup:.3g}x vs {baseline}")
