"""The Forecast page on a centre whose series holds week or month totals: it shows history and
forecast per week or month (not per day), with the caption that says why, the forecast table
and the backtest at that grain, in English and Dutch."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import importer, store
from kcc.i18n import t
from tests.conftest import ROOT
from tests.pages.helpers import frame_with, metric, page_texts
from tests.pages.test_dutch_walk import shown_table

PAGE = str(ROOT / "pages" / "forecast.py")


def _weekly_text(weeks: int = 60) -> str:
    """ISO weeks with a yearly swing, as a week report holds them."""
    starts = pd.date_range("2024-01-01", periods=weeks, freq="W-MON")
    rows = [f"{d.isocalendar().year}-W{d.isocalendar().week:02d},{2_000 + 10 * (i % 13)}" for i, d in enumerate(starts)]
    return "week,offered\n" + "\n".join(rows) + "\n"


def _monthly_text(months: int = 30) -> str:
    """The monthly report shape: ``Month,Inbound Calls`` with month names."""
    starts = pd.date_range("2023-01-01", periods=months, freq="MS")
    rows = [f"{m:%b %Y},{9_000 + 300 * (m.month in (1, 12)) + 7 * i}" for i, m in enumerate(starts)]
    return "Month,Inbound Calls\n" + "\n".join(rows) + "\n"


def _database(path: Path, text: str, name: str) -> Path:
    con = store.connect(str(path))
    try:
        source = importer.read_source(text.encode(), name)
        result = importer.run_import(con, source, importer.guess_mapping(source))
        assert result.ok, result.problems
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def weekly_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _database(tmp_path_factory.mktemp("weekly") / "kcc.duckdb", _weekly_text(), "weekly.csv")


@pytest.fixture(scope="module")
def monthly_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _database(tmp_path_factory.mktemp("monthly") / "kcc.duckdb", _monthly_text(), "monthly.csv")


@pytest.fixture
def weekly_db(weekly_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KCC_DB_PATH", str(weekly_file))
    yield weekly_file


@pytest.fixture
def monthly_db(monthly_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KCC_DB_PATH", str(monthly_file))
    yield monthly_file


def _run(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=300)
    at.session_state["lang"] = lang
    return at.run()


def _charts(at: AppTest) -> list:
    return list(at.get("plotly_chart"))


def _axis_title(at: AppTest) -> str:
    """The y-axis title of the page's one chart."""
    (chart,) = _charts(at)
    return json.loads(chart.proto.spec)["layout"]["yaxis"]["title"]["text"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_weekly_series_is_forecast_per_week(weekly_db: Path, lang: str) -> None:
    at = _run(lang)
    assert not at.exception, at.exception
    texts = page_texts(at)
    assert t("forecast.period_caption.week", lang) in texts
    # one chart, per week: no daily chart and no intraday chart
    assert _axis_title(at) == {"en": "Contacts per week [contacts]", "nl": "Contacten per week [contacten]"}[lang]
    assert at.number_input(key="forecast.horizon_weeks").value == 13
    table = frame_with(at, t("forecast.col_period.week", lang))
    assert len(table) == 13  # one row per week of the horizon
    first = table[t("forecast.col_period.week", lang)].iloc[0]
    # the week after the last stored ISO week (2025-W08 starts 2025-02-17), in the reader's format
    assert first == {"en": "2025-02-24", "nl": "24-02-2025"}[lang]
    backtest = frame_with(at, t("forecast.col_wmape.week", lang))
    assert t("forecast.method_baseline_last_week", lang) in set(backtest[t("forecast.col_method", lang)])
    assert t("forecast.col_coverage.week", lang) in backtest.columns
    assert {"en": "Busiest week [contacts]", "nl": "Drukste week [contacten]"}[lang] in texts


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_monthly_series_is_forecast_per_month(monthly_db: Path, lang: str) -> None:
    at = _run(lang)
    assert not at.exception, at.exception
    texts = page_texts(at)
    assert t("forecast.period_caption.month", lang) in texts
    assert _axis_title(at) == {"en": "Contacts per month [contacts]", "nl": "Contacten per maand [contacten]"}[lang]
    assert at.number_input(key="forecast.horizon_months").value == 18
    assert at.selectbox(key="forecast.method").disabled
    table = frame_with(at, t("forecast.col_period.month", lang))
    months = list(table[t("forecast.col_period.month", lang)])
    assert len(months) == 18
    # the stored months run from January 2023 to June 2025
    assert months[0] == {"en": "2025-07", "nl": "07-2025"}[lang]
    line = {"en": "Method used: the Capacity plan's monthly model, trend and yearly season",
            "nl": "Gebruikte methode: het maandmodel van het Capaciteitsplan, trend en jaarseizoen"}[lang]
    assert line in texts
    backtest = frame_with(at, t("forecast.col_wmape.month", lang))
    assert list(backtest[t("forecast.col_method", lang)]) == [
        t("forecast.method_monthly", lang), t("forecast.method_baseline_same_month_last_year", lang)]


def test_dutch_tables_use_dutch_numbers(monthly_db: Path) -> None:
    at = _run("nl")
    assert not at.exception, at.exception
    node = next(d for d in at.dataframe if t("forecast.col_period.month", "nl") in d.value.columns)
    shown = shown_table(node)
    forecast = shown[t("forecast.col_period_yhat", "nl")]
    # about 9,200 contacts a month: thousands with a point, no decimals, as every Dutch table
    assert all(re.fullmatch(r"\d{1,2}\.\d{3}", str(v)) for v in forecast), list(forecast)
    backtest = shown_table(next(d for d in at.dataframe if t("forecast.col_wmape.month", "nl") in d.value.columns))
    assert all("," in str(v) for v in backtest[t("forecast.col_wmape.month", "nl")]), backtest
    assert re.fullmatch(r"\d{3}\.\d{3}", metric(at, t("forecast.total", "nl")))


def test_a_longer_horizon_shows_more_months(monthly_db: Path) -> None:
    at = _run("en")
    at.number_input(key="forecast.horizon_months").set_value(24)
    at.button(key="forecast.run").click().run()
    assert not at.exception, at.exception
    assert len(frame_with(at, "Month")) == 24
