"""Run every benchmarks/bench_*.py and print one line per result.

Each module exposes ``run() -> list[(name, speedup, baseline_label)]`` where
``speedup = baseline_time / our_time`` measured in the same process. Output:
``name: <speedup>x vs <baseline>``.
"""
from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = 0
    for path in sorted(here.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
            for name, speedup, baseline in mod.run():
                print(f"{name}: {speedup:.3g}x vs {baseline}", flush=True)
        except Exception:
            failed += 1
            print(f"{path.stem}: FAILED", flush=True)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
