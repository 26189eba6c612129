"""The plan check by simulation: known queueing values, reproducible seeds, tables that add up,
work resumed across intervals, messages in English and Dutch."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kcc import report, simulation
from kcc.checks import FieldError
from kcc.queueing import queue_metrics
from kcc.simulation import Arrivals, SimulationError, SimulationSpec, simulate_plan
from tests.report.test_report import make_summary
from tests.simulation.plans import OPEN_HOURS, START, small_plan

INTERVAL_S = 900.0


def _steady_state(servers: int, calls_per_interval: float, aht_s: float, patience_s: float | None,
                  runs: int = 30, intervals: int = 40, warmup: int = 8) -> pd.DataFrame:
    """Per run the share answered within 20 s and abandoned, after a warm-up."""
    volume, aht = np.full(intervals, calls_per_interval), np.full(intervals, aht_s)
    rows = []
    for run in range(runs):
        arrivals = simulation.draw_arrivals(np.random.default_rng([7, run]), volume, aht, INTERVAL_S,
                                            patience_s)
        outcome = simulation.simulate_live(arrivals, np.full(intervals, servers), INTERVAL_S)
        keep = (arrivals.interval >= warmup) & (arrivals.interval < intervals - 2)
        wait = (outcome.start_s - arrivals.time_s)[keep]
        rows.append({"sl": float(np.mean(np.isfinite(wait) & (wait <= 20.0))),
                     "abandon": float(np.mean(outcome.abandoned[keep]))})
    return pd.DataFrame(rows)


def _inside(values: pd.Series, expected: float, level: float = 0.99) -> tuple[float, float]:
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    low, high = values.mean() - half, values.mean() + half
    assert low <= expected <= high, f"{expected:.4f} outside [{low:.4f}, {high:.4f}]"
    return low, high


def test_an_erlang_c_interval_at_steady_state_has_erlang_cs_service_level() -> None:
    # 50 calls per quarter-hour of 180 s (10 Erlang) on 12 agents: Erlang C says 64.0 % within 20 s
    expected = float(queue_metrics(50, INTERVAL_S, 180, 12, 20).service_level)
    assert expected == pytest.approx(0.6402, abs=1e-4)
    runs = _steady_state(12, 50, 180, None)
    _inside(runs["sl"], expected)
    assert (runs["abandon"] == 0).all()
    # one agent fewer is visibly worse: the check can fail
    fewer = _steady_state(11, 50, 180, None)
    assert fewer["sl"].mean() < expected - 0.1


def test_an_erlang_a_interval_has_erlang_as_service_level_and_abandonment() -> None:
    # pyworkforce's Erlang A example: 100 calls / 30 min, AHT 180 s, 14 agents, patience 300 s
    m = queue_metrics(100, 1800, 180, 14, 20, patience_s=300)
    runs = _steady_state(14, 50, 180, 300.0)
    _inside(runs["sl"], float(m.service_level))
    _inside(runs["abandon"], float(m.p_abandon))


def test_an_agent_going_off_duty_finishes_the_call_in_hand() -> None:
    arrivals = Arrivals(np.array([800.0, 850.0]), np.array([0, 0]), np.array([300.0, 10.0]),
                        np.array([np.inf, np.inf]))
    out = simulation.simulate_live(arrivals, np.array([1, 0, 1]), INTERVAL_S)
    assert out.finish_s[0] == pytest.approx(1100.0)  # past the boundary at 900 s
    assert out.start_s[1] == pytest.approx(1800.0)  # waits for the next agent on duty
    impatient = dataclasses.replace(arrivals, patience_s=np.array([np.inf, 60.0]))
    out = simulation.simulate_live(impatient, np.array([1, 0, 1]), INTERVAL_S)
    assert out.abandoned.tolist() == [False, True]


def test_deferred_work_is_resumed_across_intervals_and_waits_out_closed_time() -> None:
    item = Arrivals(np.array([0.0]), np.array([0]), np.array([1500.0]), np.array([np.inf]))
    flat = simulation.simulate_backlog(item, np.ones(4), np.ones(4, dtype=bool), INTERVAL_S)
    assert flat.finish_s[0] == pytest.approx(1500.0)
    closed = simulation.simulate_backlog(item, np.ones(4), np.array([True, False, True, True]), INTERVAL_S)
    assert closed.finish_s[0] == pytest.approx(2400.0)  # 900 s, a closed quarter, then 600 s
    half = simulation.simulate_backlog(item, np.full(4, 0.5), np.ones(4, dtype=bool), INTERVAL_S)
    assert half.finish_s[0] == pytest.approx(3000.0)  # half an agent works at half speed


def test_the_same_seed_gives_the_same_check_and_another_seed_another() -> None:
    the_plan = small_plan()
    spec = SimulationSpec(replications=3, seed=11)
    first = simulate_plan(the_plan, START, spec, open_hours=OPEN_HOURS)
    again = simulate_plan(the_plan, START, spec, open_hours=OPEN_HOURS)
    pd.testing.assert_frame_equal(first.runs, again.runs)
    pd.testing.assert_frame_equal(first.days, again.days)
    other = simulate_plan(the_plan, START, dataclasses.replace(spec, seed=12), open_hours=OPEN_HOURS)
    assert not first.runs["in_time"].equals(other.runs["in_time"])
    # a channel's runs do not depend on which other channels are simulated
    alone = simulate_plan(the_plan, START, spec, open_hours=OPEN_HOURS, channels=("phone",))
    pd.testing.assert_frame_equal(alone.runs, first.runs[first.runs["channel"] == "phone"]
                                  .reset_index(drop=True))


def test_the_per_day_table_adds_up_to_the_week() -> None:
    result = simulate_plan(small_plan(), START, SimulationSpec(replications=4), open_hours=OPEN_HOURS)
    assert result.channels == ("phone", "email")
    assert list(result.days.columns) == list(simulation.DAY_COLUMNS)
    for channel in result.channels:
        days = result.days[result.days["channel"] == channel]
        week = result.week[result.week["channel"] == channel].iloc[0]
        assert list(days["day"]) == [START + timedelta(days=d) for d in range(7)]
        assert days["offered"].sum() == pytest.approx(week["offered"])
        assert days["model_volume"].sum() == pytest.approx(week["model_volume"])
        runs = result.runs[result.runs["channel"] == channel].groupby("replication").sum(numeric_only=True)
        assert week["share"] == pytest.approx((runs["in_time"] / runs["known"]).mean())
        assert week["share_lo"] <= week["share"] <= week["share_hi"]
    phone = result.week.set_index("channel").loc["phone"]
    assert phone["measure"] == "answer" and phone["threshold_s"] == 20.0
    # model and simulation agree for a steady queue: the model lies in the simulated interval
    assert phone["share_lo"] - 0.01 <= phone["model_share"] <= phone["share_hi"] + 0.01
    email = result.week.set_index("channel").loc["email"]
    assert email["measure"] == "response" and np.isnan(email["abandon"])


def test_fewer_agents_on_the_roster_simulate_worse() -> None:
    spec = SimulationSpec(replications=3)
    full = simulate_plan(small_plan(), START, spec, open_hours=OPEN_HOURS).week.set_index("channel")
    short = simulate_plan(small_plan(phone_agents=4.0, email_agents=1.0), START, spec,
                          open_hours=OPEN_HOURS).week.set_index("channel")
    assert short.loc["phone", "share"] < full.loc["phone", "share"] - 0.2
    assert short.loc["email", "share"] < full.loc["email", "share"]


def test_a_week_outside_the_plan_is_refused_in_english_and_dutch() -> None:
    with pytest.raises(SimulationError) as caught:
        simulate_plan(small_plan(), START + timedelta(days=7))
    assert caught.value.message("en") == (
        "The week starting 2026-11-23 is not a whole week of the plan (its first week starts 2026-11-16).")
    assert caught.value.message("nl") == (
        "De week die begint op 2026-11-23 is geen hele week van het plan (de eerste week begint op 2026-11-16).")


def test_the_spec_names_a_field_out_of_range() -> None:
    with pytest.raises(FieldError) as caught:
        SimulationSpec(replications=1)
    assert "replications" in caught.value.message("en") and "1" in caught.value.message("en")
    assert "replications" in caught.value.message("nl")


def test_progress_is_reported_per_channel_and_run() -> None:
    seen: list[tuple[int, int, str]] = []
    simulate_plan(small_plan(), START, SimulationSpec(replications=2), open_hours=OPEN_HOURS,
                  progress=lambda done, total, channel: seen.append((done, total, channel)))
    assert seen == [(1, 4, "phone"), (2, 4, "phone"), (3, 4, "email"), (4, 4, "email")]


def test_the_board_summary_says_checked_by_simulation() -> None:
    result = simulate_plan(small_plan(), START, SimulationSpec(replications=3), open_hours=OPEN_HOURS)
    check = report.simulation_check(result)
    assert [c.channel for c in check.channels] == ["phone", "email"]
    assert check.channels[0].share == pytest.approx(float(result.week["share"].iloc[0]))
    assert check.channels[1].abandon is None
    from kcc.report.sections import _simulation_fact, _simulation_table  # the section's parts

    for lang, fact, header in (
        ("en", "Checked by simulation: the week of 2026-11-16 to 2026-11-22, 3 runs per channel "
               "(seed 2026), with 95% confidence intervals.", "Simulated"),
        ("nl", "Gecontroleerd met simulatie: de week van 16-11-2026 tot en met 22-11-2026, 3 runs per "
               "kanaal (seed 2026), met 95% betrouwbaarheidsintervallen.", "Gesimuleerd"),
    ):
        summary = _summary_with(check, lang)
        assert _simulation_fact(summary) == fact
        table = _simulation_table(summary)
        assert header in table.columns and len(table.rows) == 2
        plan_section = next(s for s in report.layout(summary) if s.key == "plan")
        assert fact in plan_section.facts
        assert "plan.simulation" in [t.key for t in plan_section.tables]
        without = next(s for s in report.layout(dataclasses.replace(summary, simulation=None))
                       if s.key == "plan")
        assert [t.key for t in without.tables] == ["plan.channels"]
        for fmt in ("md", "html"):  # the table is in the text of every format that has one
            text = report.render(summary, fmt).decode()
            assert header in text and ("In time" if lang == "en" else "Op tijd") in text
        for fmt in report.FORMATS:
            assert report.render(summary, fmt)


def _summary_with(check: report.SimulationCheck, lang: str) -> report.StrategySummary:
    return make_summary(lang, simulation=check)


def test_deferred_work_is_in_time_by_the_measure_its_plan_staffs_for() -> None:
    """A queue target (WhatsApp, 15 min) counts an item in time when an agent picks it up within
    the target; a backlog target (e-mail, 8 h) when it is finished within it. Hand case, all
    open: an item picked up after 10 min and finished after 40 min."""
    from kcc.simulation.check import _counts  # the private measure itself, by hand
    from kcc.simulation.queues import Outcome

    open_flags = np.ones(96, dtype=bool)
    arrivals_s = np.array([0.0])
    outcome = Outcome(start_s=np.array([600.0]), finish_s=np.array([2400.0]),
                      abandoned=np.array([False]))
    queue = _counts("backlog", 15 * 60.0, arrivals_s, outcome, open_flags, 900.0)
    backlog_short = _counts("backlog", 2.5 * 3600.0, arrivals_s, outcome, open_flags, 900.0)
    assert queue["in_time"].tolist() == [True], "picked up within 15 min"
    assert backlog_short["in_time"].tolist() == [True], "finished within 2.5 h"
    late = Outcome(start_s=np.array([1200.0]), finish_s=np.array([2400.0]), abandoned=np.array([False]))
    assert _counts("backlog", 15 * 60.0, arrivals_s, late, open_flags, 900.0)["in_time"].tolist() == [False]
    slow = Outcome(start_s=np.array([600.0]), finish_s=np.array([3 * 3600.0]), abandoned=np.array([False]))
    assert _counts("backlog", 2.5 * 3600.0, arrivals_s, slow, open_flags, 900.0)["in_time"].tolist() == [False]


def test_agreement_counts_the_days_inside_below_and_above_the_interval() -> None:
    """Four days with contacts and a closed one: the model inside the interval, below it (the
    roster does 3 points better), above it by 2 and by 5 points (the plan promises more)."""
    from datetime import date

    import pandas as pd

    from kcc.simulation import agreement

    days = pd.DataFrame({
        "channel": ["phone"] * 5 + ["chat"],
        "day": pd.to_datetime(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-22", "2026-11-16"]),
        "model_share": [0.80, 0.70, 0.90, 0.85, float("nan"), 0.99],
        "share": [0.81, 0.73, 0.88, 0.80, float("nan"), 0.50],
        "share_lo": [0.78, 0.72, 0.87, 0.79, float("nan"), 0.45],
        "share_hi": [0.83, 0.74, 0.89, 0.81, float("nan"), 0.55],
    })
    found = agreement(days, "phone")
    assert (found.days, found.within, found.cautious, found.optimistic) == (4, 1, 1, 2)
    assert found.most_better == pytest.approx(0.03) and found.most_worse == pytest.approx(0.05)
    assert found.worse_days == (date(2026, 11, 18), date(2026, 11, 19))
    calm = agreement(days.iloc[:1], "phone")
    assert (calm.within, calm.most_better, calm.most_worse, calm.worse_days) == (1, 0.0, 0.0, ())


@pytest.mark.parametrize(("lang", "found"), [
    ("en", "What it found over the week: Phone promises more than the roster gives (the simulation does 3.0 pp "
           "worse); Chat on the safe side (the simulation does 1.5 pp better); E-mail as planned (the model within "
           "the simulated interval)."),
    ("nl", "Wat eruit komt over de week: Telefoon belooft meer dan het rooster levert (de simulatie haalt 3,0 "
           "%-punt minder); Chat aan de veilige kant (de simulatie haalt 1,5 %-punt meer); E-mail zoals gepland "
           "(het model binnen het gesimuleerde interval)."),
])
def test_the_board_summary_says_what_the_simulation_found(lang: str, found: str) -> None:
    """Per channel, by the Staffing page's rule: phone's model (80 %) above the simulated
    interval (76-78 %, mean 77 %), chat's (90 %) below it (91-92 %, mean 91.5 %), e-mail's
    inside; a channel without an interval is left out."""
    from datetime import date

    from kcc.report.model import SimulatedChannel

    check = report.SimulationCheck(date(2026, 11, 16), date(2026, 11, 22), 10, 2026, 0.95, (
        SimulatedChannel("phone", "answer", 30.0, 0.80, 0.77, 0.76, 0.78, 0.1, 0.1),
        SimulatedChannel("chat", "answer", 60.0, 0.90, 0.915, 0.91, 0.92),
        SimulatedChannel("email", "response", 86_400.0, 1.0, 1.0, 1.0, 1.0),
        SimulatedChannel("whatsapp", "response", 900.0, 0.8, None, None, None),
    ))
    plan_section = next(s for s in report.layout(_summary_with(check, lang)) if s.key == "plan")
    assert found in plan_section.facts
