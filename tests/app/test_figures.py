"""Figures a referee accepts: every axes labelled (with units), every mark in a legend.

Checked by matplotlib object inspection (:func:`symbolic_ness.app.figure_problems`) on every
figure that :func:`symbolic_ness.app.save_figure` writes (the fast reproduce sections) and on
sweep plots, plus the specific defects of issue 21.
"""
from __future__ import annotations

import json

import pytest
from matplotlib.figure import Figure

from symbolic_ness.app import figure_audit, figure_problems, plot_sweep, reproduce, sweep


def test_figure_problems_flags_unlabelled_axes_and_marks():
    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1])
    ax.plot([0, 1], [1, 0], label="shown")
    probs = figure_problems(fig)
    assert "axes 0: no x label" in probs and "axes 0: no y label" in probs
    assert any("without label" in p for p in probs) and any("'shown' is not in a legend" in p for p in probs)


@pytest.mark.parametrize("dims", [1, 2])
def test_sweep_plots_have_units_legends_and_a_readable_title(tmp_path, dims):
    grid = {"r": "0.5:6:7"} if dims == 1 else {"r": "0.5:6:5", "g": "0.5:4:4"}
    ds = sweep("reset-ising", "negativity", grid, fixed={"g": 2.5, "gamma": 1} if dims == 1 else {"gamma": 1})
    captured = {}
    import matplotlib.figure as mf
    orig = mf.Figure.savefig

    def spy(self, *a, **k):
        captured["fig"] = self
        return orig(self, *a, **k)

    mf.Figure.savefig = spy
    try:
        plot_sweep(ds, tmp_path / "s.png")
    finally:
        mf.Figure.savefig = orig
    fig = captured["fig"]
    assert figure_problems(fig) == []
    ax = fig.get_axes()[0]
    assert "in units of" in ax.get_xlabel()
    title = ax.get_title()
    assert "{" not in title and '"' not in title  # no raw JSON
    assert all(len(line) <= 70 for line in title.splitlines())
    if dims == 1:
        assert "g = 2.5" in title


@pytest.fixture(scope="module")
def fast_sections(tmp_path_factory):
    out = tmp_path_factory.mktemp("figs")
    assert reproduce(out, only=["hdb-sec2", "hdb-exceptional", "xx-sec2-thermal"]) == 0
    return out


def test_every_figure_of_the_fast_sections_passes_inspection(fast_sections):
    audit = {k: v for k, v in figure_audit().items() if str(fast_sections) in k}
    assert {p.split("/")[-1] for p in audit} >= {"hdb_fig1.png", "hdb_exceptional_point.png", "xx_fig2.png",
                                                 "xx_fig3.png", "xx_thermal_tc.png"}
    assert all(v == [] for v in audit.values()), json.dumps(audit, indent=1)
