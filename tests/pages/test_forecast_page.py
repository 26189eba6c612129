"""Forecast page as a user meets it (AppTest): forecast, backtest, event calendar, Dutch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.scenarios import ScenarioSpec
from kcc.ui import forecast_cache
from tests.conftest import ROOT
from tests.pages.helpers import frame_with, page_texts

PAGE = str(ROOT / "pages" / "forecast.py")
# Tests that only read share one demo copy (``shared_demo_db``), so the forecasts are fitted
# once; the test that saves the calendar has a copy of its own.


def test_forecast_page_shows_forecast_backtest_and_calendar(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    text = page_texts(at)
    for expected in ("Forecast", "Method used", "contacts/day", "How good is the forecast?",
                     "MASE", "Event calendar", "Holidays and events in the horizon"):  # fmt: skip
        assert expected in text, expected
    assert len(at.get("plotly_chart")) == 2
    # the demo's 28 days from 16 November hold no holiday or event: one section says so, and
    # the holidays' own section (with its buttons) does not repeat it
    assert "No holidays or events in the horizon." in [c.value for c in at.caption]
    assert "Public holidays in the horizon" not in [s.value for s in at.subheader]
    tables = [d.value for d in at.dataframe]
    backtest = next(t for t in tables if "MASE per day" in t.columns)
    assert "Baseline: same interval last week" in set(backtest["Method"])


def test_method_and_horizon_change_the_forecast(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.selectbox(key="forecast.method").set_value("seasonal_naive")
    at.number_input(key="forecast.horizon_days").set_value(91)
    at.button(key="forecast.run").click().run()
    assert not at.exception
    assert "Method used: Same day last week (seasonal naive)" in [c.value for c in at.caption]
    total = {m.label: m.value for m in at.metric}["Forecast total [contacts]"]
    assert float(total.replace(",", "")) > 0  # "218,632": thousands separated as on every page


def test_holidays_are_named_in_the_readers_language(shared_demo_db: Path) -> None:
    """The Dutch calendar names its days in English unless asked: a Dutch reader gets
    "Eerste kerstdag", an English one "Christmas Day", from the same cached forecast."""
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.selectbox(key="forecast.method").set_value("seasonal_naive")  # the method fitted above
    at.number_input(key="forecast.horizon_days").set_value(91)
    at.button(key="forecast.run").click().run()
    assert not at.exception
    assert "Christmas Day" in set(frame_with(at, "Holiday")["Holiday"])
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    names = set(frame_with(at, "Feestdag")["Feestdag"])
    assert {"Eerste kerstdag", "Tweede kerstdag", "Nieuwjaarsdag"} <= names
    assert "Christmas Day" not in page_texts(at) + "\n".join(names)
    assert any(m.value.endswith("· Eerste kerstdag") for m in at.markdown)  # the treatment rows


def test_saving_the_event_calendar_keeps_the_events(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    con = store.connect(str(demo_db))
    before = store.read_events(con)
    con.close()
    at.button(key="forecast.save_events").click().run()
    assert not at.exception
    assert f"Event calendar saved ({len(before)} events)." in page_texts(at)
    con = store.connect(str(demo_db))
    after = store.read_events(con)
    con.close()
    assert len(after) == len(before)
    # the channels round-trip through the editor's channel picker unchanged
    assert [list(c) for c in after["channels"]] == [list(c) for c in before["channels"]]
    assert list(after["kind"]) == list(before["kind"])



def test_a_saved_scenario_keeps_the_forecast_and_a_new_event_makes_it_again(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's forecast and backtest follow what a forecast reads (volumes, events, the
    forecast settings), not every write: after a saved scenario the page shows them again
    without fitting, after a new event it fits them again."""
    fitted = {"forecast": 0, "backtest": 0}

    def counted(name: str, fit: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            fitted[name] += 1
            return fit(*args, **kwargs)
        return run

    monkeypatch.setattr(forecast_cache, "fit_forecast", counted("forecast", forecast_cache.fit_forecast))
    monkeypatch.setattr(forecast_cache, "backtest", counted("backtest", forecast_cache.backtest))

    def shown() -> str:
        at = AppTest.from_file(PAGE, default_timeout=120).run()
        assert not at.exception
        return page_texts(at)

    first = shown()
    assert fitted == {"forecast": 1, "backtest": 1}
    con = store.connect(str(demo_db))
    try:
        store.save_scenario(con, name="Later", spec=ScenarioSpec().to_dict(), spec_version=ScenarioSpec().version,
                            user="tester")
        assert shown() == first
        assert fitted == {"forecast": 1, "backtest": 1}, "a saved scenario changes no forecast"
        store.write_event(con, name="Mailing", kind="mailing", start_date=date(2024, 11, 4),
                          end_date=date(2024, 11, 5), channels=["phone"], uplift_pct=10.0)
    finally:
        con.close()
    shown()
    assert fitted == {"forecast": 2, "backtest": 2}, "a new event is fitted again"

def test_forecast_page_in_dutch(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    text = page_texts(at)
    for expected in ("Prognose", "Gebruikte methode", "contacten/dag", "Hoe goed is de prognose?",
                     "Evenementenkalender"):  # fmt: skip
        assert expected in text, expected


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_automatic_uses_the_best_method_of_the_table_shown(demo_db: Path, lang: str) -> None:
    from kcc.forecast import CANDIDATES
    from kcc.formatting import fmt_number
    from kcc.i18n import t

    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if t("forecast.col_day_mase", lang) in d.value.columns)
    names = {t(f"forecast.method_{m}", lang): m for m in CANDIDATES}
    candidates = table[table[t("forecast.col_method", lang)].isin(list(names))]
    mase = candidates.set_index(t("forecast.col_method", lang))[t("forecast.col_day_mase", lang)].astype(float)
    best = names[str(mase.idxmin())]
    line = t("forecast.used_method_line", lang, method=t(f"forecast.method_{best}", lang))
    why = t("forecast.auto_by_backtest", lang, mase=fmt_number(float(mase.min()), 3, lang))
    captions = [c.value for c in at.caption]
    assert f"{line} · {why}" in captions, captions
    # the automatic row is named for what it is: the choice made at each moment in the past
    assert t("forecast.method_auto_backtest", lang) in set(table[t("forecast.col_method", lang)])
    # The baselines give no 80% interval. Their cell reads "–", not the grey "None" that
    # st.dataframe draws for a missing number; the other methods' coverage reads as numbers.
    from kcc.forecast import BASELINES

    coverage = table.set_index(t("forecast.col_method", lang))[t("forecast.col_coverage", lang)]
    baselines = [t(f"forecast.method_{m}", lang) for m in BASELINES]
    assert list(coverage[baselines]) == ["–", "–"]
    others = coverage.drop(baselines)
    assert len(others) >= 3 and all(0 <= int(v) <= 100 for v in others), others
