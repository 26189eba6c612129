"""Overview's volume chart: weekly totals and one colour per channel (pure builders)."""

from __future__ import annotations

import pandas as pd

from kcc import config
from kcc.charts import staffing as charts


def _daily(start: str, days: int) -> pd.DataFrame:
    dates = pd.date_range(start, periods=days, freq="D").date
    return pd.DataFrame(
        [{"date": d, "channel": c, "offered": float(10 * i + (5 if c == "phone" else 1))}
         for i, d in enumerate(dates) for c in ("whatsapp", "phone")]
    )


def test_weekly_totals_keep_full_weeks_only_and_add_up() -> None:
    # Wednesday 2026-11-04 to Tuesday 2026-11-24: full weeks of Monday 9 and Monday 16 only
    daily = _daily("2026-11-04", 21)
    weeks = charts.weekly_totals(daily)
    mondays = sorted(set(pd.to_datetime(weeks["date"])))
    assert mondays == [pd.Timestamp("2026-11-09"), pd.Timestamp("2026-11-16")]
    days = pd.to_datetime(daily["date"])
    for monday in mondays:
        inside = daily[(days >= monday) & (days < monday + pd.Timedelta(days=7))]
        for channel in ("phone", "whatsapp"):
            got = weeks[(weeks["channel"] == channel) & (pd.to_datetime(weeks["date"]) == monday)]
            assert got["offered"].item() == inside[inside["channel"] == channel]["offered"].sum()
    assert list(dict.fromkeys(weeks["channel"])) == ["phone", "whatsapp"], "channel order as on screen"


def test_a_centre_closed_at_weekends_is_shown_per_week() -> None:
    """Weekdays only, Monday 3 March to Friday 28 March 2003 (the US bank's file has no
    weekend): the weekends are closed days, so the first three weeks are full and each adds up
    its five days; the last week ends on its Friday, before its Sunday, and is left out."""
    daily = _daily("2003-03-03", 26)
    daily = daily[pd.to_datetime(daily["date"]).dt.day_of_week < 5].reset_index(drop=True)
    weeks = charts.weekly_totals(daily)
    mondays = sorted(set(pd.to_datetime(weeks["date"])))
    assert mondays == list(pd.date_range("2003-03-03", periods=3, freq="7D"))
    first = weeks[(weeks["channel"] == "phone") & (pd.to_datetime(weeks["date"]) == mondays[0])]
    assert first["offered"].item() == sum(10 * i + 5 for i in range(5))


def test_without_a_full_week_the_days_stay() -> None:
    daily = _daily("2026-11-04", 5)
    assert charts.weekly_totals(daily).equals(daily[["date", "channel", "offered"]])


def test_volume_chart_stacks_phone_first_in_its_own_colour() -> None:
    fig = charts.volume_chart(charts.weekly_totals(_daily("2026-11-02", 14)), {"phone": "Telefoon"})
    assert [trace.name for trace in fig.data] == ["Telefoon", "whatsapp"]
    assert [trace.line.color for trace in fig.data] == [config.CHANNEL_COLORS["phone"],
                                                         config.CHANNEL_COLORS["whatsapp"]]
    assert all(trace.stackgroup == "one" for trace in fig.data)


def _plan_rows(days: int) -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp("2026-11-16", tz="Europe/Amsterdam"), periods=96 * days, freq="15min")
    hour = ds.hour + ds.minute / 60
    open_ = (hour >= 8) & (hour < 20)
    volume = [50.0 if o else 0.0 for o in open_]
    return pd.DataFrame({"ds": ds, "interval_min": 15, "volume": volume,
                         "required_scheduled": [v / 2 for v in volume],
                         "required_scheduled_p90": [v / 1.8 for v in volume],
                         "rostered": [20.0 if o else 0.0 for o in open_],
                         "gap": [20.0 - v / 2 if o else 0.0 for v, o in zip(volume, open_, strict=True)]})


def test_day_chart_shows_the_open_hours_with_an_hour_either_side() -> None:
    fig = charts.staffing_chart(_plan_rows(1))
    low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert (low, high) == (pd.Timestamp("2026-11-16 07:00"), pd.Timestamp("2026-11-16 21:00"))


def test_week_chart_keeps_every_day_in_view() -> None:
    assert charts.staffing_chart(_plan_rows(7)).layout.xaxis.range is None
