"""Pages on a centre whose only series holds daily totals: the pages that need intervals say
so plainly (English and Dutch) and offer an intraday profile; once one is chosen (saved per
centre) the daily volume is spread over intervals and planned. The Forecast page forecasts
the daily series as it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import importer, pipeline, store
from tests.conftest import ROOT
from tests.pages.helpers import page_texts


def _daily_text(days: int = 120) -> str:
    dates = pd.date_range("2026-01-05", periods=days, freq="D")
    rows = [f"{d.day}-{d.month}-{d.year};{0 if d.day_of_week == 6 else 300 + 20 * (d.day_of_week == 0)}"
            for d in dates]
    return "date;calls\n" + "\n".join(rows) + "\n"


@pytest.fixture
def daily_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database whose centre holds one daily series (``KCC_DB_PATH``)."""
    path = tmp_path / "kcc.duckdb"
    con = store.connect(str(path))
    try:
        source = importer.read_source(_daily_text().encode(), "daily.csv")
        assert importer.run_import(con, source, importer.guess_mapping(source)).ok
    finally:
        con.close()
    monkeypatch.setenv("KCC_DB_PATH", str(path))
    yield path


def _run(page: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=300)
    at.session_state["lang"] = lang
    at.session_state["plan.horizon_weeks"] = 4  # a short plan keeps the test quick
    return at.run()


NEEDS_EN = ("Intraday staffing needs interval data (contacts per 15, 30 or 60 minutes). These series "
            "hold daily totals only: Phone · default.")
NEEDS_NL = ("Personeelsplanning per interval heeft intervalgegevens nodig (contacten per 15, 30 of 60 "
            "minuten). Deze reeksen bevatten alleen dagtotalen: Telefoon · standaard.")


@pytest.mark.parametrize("page", ["overview", "staffing", "levers", "scenarios", "export"])
def test_planning_pages_say_they_need_intervals(daily_db: Path, page: str) -> None:
    at = _run(page)
    assert not at.exception
    assert NEEDS_EN in "\n".join(w.value for w in at.warning)
    assert at.selectbox(key=f"{page}.long_range.profile").value == "standard"


def test_the_notice_is_dutch_in_dutch(daily_db: Path) -> None:
    at = _run("staffing", "nl")
    assert not at.exception
    assert NEEDS_NL in "\n".join(w.value for w in at.warning)
    assert at.button(key="staffing.long_range.use").label == "Dit profiel gebruiken"


def test_forecast_page_forecasts_the_daily_series(daily_db: Path) -> None:
    at = _run("forecast")
    assert not at.exception
    assert NEEDS_EN in "\n".join(w.value for w in at.warning)
    assert "Forecast" in page_texts(at)


def test_choosing_the_standard_profile_is_saved_and_plans_the_days(daily_db: Path) -> None:
    at = _run("staffing")
    at.button(key="staffing.long_range.use").click().run()
    assert not at.exception
    con = store.connect(str(daily_db))
    try:
        assert store.read_setting(con, store.INTRADAY_PROFILE_KEY) == {"source": "standard"}
        run = pipeline.run_plan(con, horizon_weeks=1)
    finally:
        con.close()
    info = "\n".join(i.value for i in at.info)
    assert ("Phone · default hold daily totals: their daily volume is spread over intervals with the "
            "standard profile.") in info
    assert not any(NEEDS_EN in w.value for w in at.warning)
    # Tuesday 2026-05-05 follows the history: 300 forecast contacts spread from 08:00 to 20:00
    day = run.demand[run.demand["ds"].dt.tz_localize(None).dt.normalize() == pd.Timestamp("2026-05-05")]
    assert set(day["interval_min"]) == {15}
    assert day["volume"].sum() == pytest.approx(300, rel=0.05)
    opened = day[day["volume"] > 0]["ds"].dt.tz_localize(None)
    assert opened.min().hour == 8 and opened.max().hour == 19
    assert (run.plan["required"] > 0).any()
    nl = _run("overview", "nl")
    assert not nl.exception
    assert ("Telefoon · standaard bevatten dagtotalen: hun volume per dag wordt over intervallen verdeeld "
            "met het standaardprofiel.") in "\n".join(i.value for i in nl.info)


def _holiday_rows(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_forecast_page_lists_the_horizons_holidays_and_marks_one_closed(daily_db: Path) -> None:
    at = _run("forecast")
    assert not at.exception
    assert "Public holidays in the horizon" in [s.value for s in at.subheader]
    rows = _holiday_rows(at)
    assert "Ascension Day" in rows and "no history: treated as a normal day" in rows
    at.button(key="forecast.holiday.closed.2026-05-14").click().run()
    assert not at.exception
    con = store.connect(str(daily_db))
    try:
        assert store.read_setting(con, store.HOLIDAY_TREATMENTS_KEY) == {"2026-05-14": 0.0}
        out = pipeline.series_history(con, "phone", "default")
    finally:
        con.close()
    assert len(out) == 120
    assert "marked closed: no contacts" in _holiday_rows(at)
    at.button(key="forecast.holiday.reset.2026-05-14").click().run()
    assert "marked closed" not in _holiday_rows(at)


def test_forecast_page_holidays_in_dutch(daily_db: Path) -> None:
    at = _run("forecast", "nl")
    assert not at.exception
    assert "Feestdagen in de horizon" in [s.value for s in at.subheader]
    assert "geen historie: geldt als gewone dag" in _holiday_rows(at)
    at.number_input(key="forecast.holiday.pct.2026-05-14").set_value(30)
    at.button(key="forecast.holiday.reduced.2026-05-14").click().run()
    assert not at.exception
    assert "gemarkeerd als beperkt: 30 % van een gewone dag" in _holiday_rows(at)
