"""A time budget that runs out inside code which re-raises the interrupt as another exception
(numpy's C-extension import turns it into an ImportError) is still the one-line timeout refusal,
exit 2 — never "unexpected ImportError ... please report it" (seen with --timeout 0.05 on a
loaded machine)."""
from __future__ import annotations

import json

import symbolic_ness.engines as engines
from symbolic_ness import TimeBudgetExceeded
from symbolic_ness.app import main


def test_a_budget_interrupt_wrapped_in_another_error_is_the_timeout_refusal(monkeypatch, capsys):
    def wrapped(*a, **k):
        try:
            raise TimeBudgetExceeded("the time budget of 0.05 s ran out (--timeout 0.05); fix: a larger --timeout")
        except TimeBudgetExceeded as exc:
            raise ImportError("IMPORTANT: PLEASE READ THIS FOR ADVICE ... numpy C-extensions failed") from exc

    monkeypatch.setattr(engines, "evaluate", wrapped)
    code = main(["evaluate", "examples/hdb_reset_ising.toml", "purity", "--set", "g=1", "--set", "r=1",
                 "--set", "gamma=1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 2 and out["exit_status"] == 2
    assert "--timeout" in out["error"] and "ImportError" not in out["error"] and "report" not in out["error"]


def test_an_import_error_without_a_budget_behind_it_stays_unexpected(monkeypatch, capsys):
    def broken(*a, **k):
        raise ImportError("no module named nowhere")

    monkeypatch.setattr(engines, "evaluate", broken)
    code = main(["evaluate", "examples/hdb_reset_ising.toml", "purity", "--set", "g=1", "--set", "r=1",
                 "--set", "gamma=1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 4 and out["error"].startswith("unexpected ImportError")
