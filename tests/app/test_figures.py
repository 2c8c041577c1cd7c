"""Figures a referee accepts: every axes labelled (with units), every mark in a legend.

Checked by matplotlib object inspection (:func:`symbolic_ness.app.figure_problems`) on every
figure that :func:`symbolic_ness.app.save_figure` writes (the fast reproduce sections) and on
sweep plots, plus the specific defects of issue 21.
"""
from __future__ import annotations

import json
import re

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


# ------------------------------------------------------------------ defects fixed in issue 21
# Each test draws the figure from data derived at a small size (coarse grids, one n) and
# inspects the matplotlib objects; each failed on the figures as they were before the fixes.
@pytest.fixture
def saved(monkeypatch):
    """``{file name: Figure}`` of every figure written while the test runs."""
    import matplotlib.figure as mf
    out = {}
    orig = mf.Figure.savefig

    def spy(self, path, *a, **k):
        out[str(path).split("/")[-1]] = self
        return orig(self, path, *a, **k)

    monkeypatch.setattr(mf.Figure, "savefig", spy)
    return out


def _texts(fig) -> list:
    """Every string a reader sees: legends, titles, axis labels, figure titles."""
    out = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
    if fig._suptitle is not None:
        out.append(fig._suptitle.get_text())
    for ax in fig.get_axes():
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legends = [a for a in ax.get_children() if type(a).__name__ == "Legend"]
        out += [t.get_text() for leg in legends for t in leg.get_texts()]
    return out


def _legend_handles(ax) -> list:
    """``[(handle, text), ...]`` of every legend drawn on ``ax``."""
    legends = [a for a in ax.get_children() if type(a).__name__ == "Legend"]
    return [(h, t.get_text()) for leg in legends for h, t in zip(leg.legend_handles, leg.get_texts())]


def _visible(line) -> bool:
    """A line shows something: a marker, or a stroke between at least two distinct points."""
    import numpy as np
    xy = np.unique(np.column_stack(line.get_data()).astype(float), axis=0)
    has_marker = line.get_marker() not in (None, "", "None", " ")
    return line.get_visible() and (has_marker or (len(xy) > 1 and line.get_linestyle() not in ("", "None")))


def test_xx_boundary_figures_name_every_mark_and_draw_every_state(tmp_path, saved):
    from symbolic_ness.app import xx_boundary_figures
    xx_boundary_figures(tmp_path, N=41)
    assert set(saved) == {f"xx_fig{k}.png" for k in (1, 4, 5, 6, 7, 8, 9)}
    for name, fig in saved.items():
        assert figure_problems(fig) == [], (name, figure_problems(fig))
        assert not [t for t in _texts(fig) if "CURRENT" in t or re.search(r"\binf\b", t)], name
    fig1 = saved["xx_fig1.png"]
    ax = fig1.get_axes()[0]
    texts = _texts(fig1)
    assert any(r"T=\infty" in t for t in texts)  # was "equilibrium $CURRENT=\infty$"
    curves = [ln for ln in ax.lines if r"\mu=" in ln.get_label()]
    assert len(curves) == 4 and all(_visible(ln) for ln in curves)  # mu = 2 was one invisible point
    # the shading is explained: a legend patch of its colour
    from matplotlib.patches import Patch
    assert any(isinstance(h, Patch) and "entangled" in t for h, t in _legend_handles(ax))
    # the coupling Gamma is named with units where it is an axis
    assert any("boundary coupling" in t and r"\Gamma" in t for t in _texts(saved["xx_fig5.png"]))
    assert any("boundary coupling" in t and r"\Gamma" in t for t in _texts(saved["xx_fig8.png"]))


def test_hdb_fig2_says_infinite_temperature_in_words_and_maths(tmp_path, saved):
    import numpy as np
    from symbolic_ness.app import hdb_fig2
    rs = np.linspace(0.1, 5, 6)
    hdb_fig2(tmp_path / "hdb_fig2.png", rs, {"0": rs / 10, "1/2": rs / 20})
    fig = saved["hdb_fig2.png"]
    texts = _texts(fig)
    assert figure_problems(fig) == []
    assert not [t for t in texts if re.search(r"\binf\b", t)]  # was "s = 1/2 (T = inf)"
    assert any(r"T = \infty" in t and "infinite temperature" in t for t in texts)


def test_dephasing_figures_say_what_dots_dotted_lines_shading_and_gamma_are(tmp_path, saved):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from symbolic_ness.app import xx_fig10, xx_fig11, xx_gamma_c_profile
    xx_fig10(tmp_path / "xx_fig10.png")
    xx_fig11(tmp_path / "xx_fig11.png", gammas=[0.0, 0.02, 0.04], grid=31)
    xx_gamma_c_profile(tmp_path / "xx_gamma_c_profile.png", ns=(6,))
    for name, fig in saved.items():
        assert figure_problems(fig) == [], (name, figure_problems(fig))
        # Gamma is defined (boundary coupling) and the axes carry units
        assert any(r"\Gamma" in t and "boundary coupling" in t for t in _texts(fig)) or name.startswith("xx_gamma_c"), name
        assert any("units of the hopping" in t for t in _texts(fig)), name
    fig10 = saved["xx_fig10.png"]
    ax = fig10.get_axes()[0]
    assert any("entangled" in t for _, t in _legend_handles(ax))  # the shading (was unexplained text)
    a1, a2 = saved["xx_fig11.png"].get_axes()
    leg1 = _legend_handles(a1)
    # dotted lines (the thresholds gamma_c) and the black dots have legend entries of their style
    assert any(isinstance(h, Line2D) and h.get_linestyle() == ":" and "dotted" in t for h, t in leg1)
    assert any(isinstance(h, Line2D) and h.get_marker() == "o" and r"\gamma=0.04" in t for h, t in leg1)
    for ln in a1.lines:
        style = (ln.get_linestyle(), ln.get_marker())
        assert any((h.get_linestyle(), h.get_marker()) == style for h, _ in leg1 if isinstance(h, Line2D)), style
    # the shading of each n and the dashed gamma = 0 edge are in the right panel's legend
    leg2 = _legend_handles(a2)
    assert sum(isinstance(h, Patch) and "entangled" in t for h, t in leg2) == 2
    assert any(isinstance(h, Line2D) and h.get_linestyle() == "--" for h, _ in leg2)
    prof = saved["xx_gamma_c_profile.png"].get_axes()[0]
    assert any("dots" in t for t in _texts(saved["xx_gamma_c_profile.png"]))
    assert all(_visible(ln) for ln in prof.lines)
