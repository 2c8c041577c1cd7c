"""CLI: the generic exceptional-points quantity and the HDB exceptional-point reproduce section."""
from __future__ import annotations

import json


def test_exceptional_points_json_reset_ising(cli):
    res = cli("evaluate", "reset-ising", "exceptional-points", "--set", "symbolic=gamma", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["method"] == "exact"
    (ep,) = out["value"]
    assert ep["condition"] == "g - r/4" and ep["eigenvalue"] == "-gamma - 3*r/2"
    assert (ep["algebraic"], ep["geometric"], ep["jordan_blocks"]) == (8, 4, [2, 2, 2, 2])
    assert ep["numeric_check"]["agrees"] is True


def test_exceptional_points_gamma_fixed_and_latex(cli):
    res = cli("evaluate", "reset-ising", "exceptional-points", "--set", "gamma=2", "--json")
    (ep,) = json.loads(res.stdout)["value"]
    assert ep["eigenvalue"] == "-3*r/2 - 2" and ep["jordan_blocks"] == [2, 2, 2, 2]
    tex = cli("latex", "reset-ising", "exceptional-points")
    assert tex.returncode == 0, tex.stderr
    # equations built from expressions (export.exceptional_point_equations), not glued strings
    assert r"g - \frac{r}{4} &= 0" in tex.stdout and "geometric 4" in tex.stdout
    assert r"\lambda_{\rm EP} &= - \gamma - \frac{3 r}{2}" in tex.stdout


def test_exceptional_points_bad_symbolic_name(cli):
    res = cli("evaluate", "reset-ising", "exceptional-points", "--set", "symbolic=delta")
    assert res.returncode == 2
    assert "symbolic" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_exceptional_section(tmp_path):
    from symbolic_ness.app import reproduce
    assert reproduce(tmp_path, only=["hdb-exceptional"]) == 0
    res = json.loads((tmp_path / "results.json").read_text())
    got = {n["name"]: n["derived"] for n in res["numbers"]}
    assert got["EP location g/r"] == 0.25
    assert (got["EP algebraic multiplicity"], got["EP geometric multiplicity"]) == (8, 4)
    assert got["EP numeric check agrees"] == 1.0
    assert (tmp_path / "figures" / "hdb_exceptional_point.png").stat().st_size > 10000
