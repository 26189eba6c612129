"""Browser journeys of planning: forecast, staffing (change a target, show the maths), the
Dutch overview tiles and the Erlang calculator's published example.

Labels come from ``kcc.i18n`` so a reworded text does not break a journey; units and the
published numbers are asserted literally."""

from __future__ import annotations

import re

from kcc.i18n import TEXTS, t
from tests.browser.conftest import assert_no_exception, click_until_asked, open_page, open_tab, wait_idle

METRIC = '[data-testid="stMetric"]'
PLOTLY = '[data-testid="stPlotlyChart"]'
TABLE = '[data-testid="stDataFrame"], [data-testid="stTable"]'


def en(key: str, **fmt: object) -> str:
    assert key in TEXTS, f"no text {key!r}"
    return t(key, "en", **fmt)


def nl(key: str, **fmt: object) -> str:
    assert key in TEXTS, f"no text {key!r}"
    return t(key, "nl", **fmt)


def _metric(page, label: str, exact: bool = False):  # noqa: ANN001, ANN202
    """The metric tile whose label starts with ``label``, or is exactly ``label``."""
    label_re = re.compile("^" + re.escape(label) + ("$" if exact else ""))
    tile = page.locator(METRIC).filter(
        has=page.locator('[data-testid="stMetricLabel"]').filter(has_text=label_re)
    )
    assert tile.count() >= 1, f"no metric labelled {label!r}"
    return tile.first


def _metric_value(page, label: str, exact: bool = False) -> str:  # noqa: ANN001
    return _metric(page, label, exact).locator('[data-testid="stMetricValue"]').inner_text().strip()


def _chart_data(chart) -> str:  # noqa: ANN001
    """The traces a plotly chart drew (plotly keeps them on its graph element)."""
    graph = chart.locator(".js-plotly-plot").first
    graph.wait_for()
    return graph.evaluate("el => JSON.stringify(el.data.map(t => [t.name, t.y]))")


def _heatmap_data(chart) -> str:  # noqa: ANN001
    graph = chart.locator(".js-plotly-plot").first
    graph.wait_for()
    return graph.evaluate("el => JSON.stringify(el.data.map(t => t.z))")


def _pick_another(page, label: str) -> tuple[str, str]:  # noqa: ANN001
    """Choose another option in the select box labelled ``label``: (before, after)."""
    box = page.get_by_role("combobox", name=label)
    before = box.input_value()
    box.click()
    options = [o.strip() for o in page.get_by_role("option").all_inner_texts()]
    after = next(o for o in options if o != before)
    page.get_by_role("option", name=after, exact=True).click()
    assert box.input_value() == after
    return before, after


def test_forecast_chart_backtest_and_channel_switch(page, app_url: str) -> None:  # noqa: ANN001
    open_page(page, app_url, "forecast")
    assert_no_exception(page)
    # plotly.js loads after the script has run (the first chart of a browser session waits
    # for the library), so wait for the chart rather than count it at once
    page.locator(PLOTLY).first.wait_for(timeout=60_000)
    assert "yhat" not in _chart_data(page.locator(PLOTLY).first)  # named traces, not columns
    page.get_by_role("heading", name=en("forecast.backtest_title")).wait_for()
    explanation = TEXTS["forecast.backtest_explain"][0].split("{")[0].strip()  # its opening words
    assert page.get_by_text(explanation, exact=False).count() >= 1
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1, "the backtest table is missing"
    total_before = _metric_value(page, en("forecast.total"))

    before, after = _pick_another(page, en("forecast.series"))
    page.get_by_role("button", name=en("forecast.run")).click()
    wait_idle(page, timeout_ms=120_000)
    assert_no_exception(page)
    page.locator(PLOTLY).first.wait_for(timeout=60_000)
    assert _metric_value(page, en("forecast.total")) != total_before, f"{before} -> {after}"
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1


def test_staffing_target_change_moves_numbers_and_chart(page, app_url: str) -> None:  # noqa: ANN001
    open_page(page, app_url, "staffing")
    assert_no_exception(page)
    required = en("common.kpi_required_fte")
    short = en("staffing.m_short_hours")
    required_before = _metric_value(page, required)
    short_before = _metric_value(page, short)
    # the gap heat map averages the whole horizon (the day chart's first day may be closed,
    # or lie before the demo when a queue with older history was imported)
    heatmap = open_tab(page, en("staffing.tab_heatmap")).locator(PLOTLY).first
    heatmap_before = _heatmap_data(heatmap)

    open_tab(page, en("staffing.tab_targets"))
    target = page.get_by_label(en("staffing.target_sl"))
    assert float(target.input_value()) == 80.0
    target.fill("90")
    form = page.locator('[data-testid="stForm"]').filter(has=target)
    click_until_asked(page, form.get_by_role("button", name=en("staffing.apply")))
    wait_idle(page, timeout_ms=120_000)
    assert_no_exception(page)

    assert _metric_value(page, required) != required_before
    assert _metric_value(page, short) != short_before
    chart = open_tab(page, en("staffing.tab_chart")).locator(PLOTLY).first
    assert "[agents]" in _chart_data(chart)

    # the gap heat map changed with the target; the maths of one interval
    panel = open_tab(page, en("staffing.tab_heatmap"))
    assert _heatmap_data(panel.locator(PLOTLY).first) != heatmap_before, "the heat map did not change"
    title = en("staffing.detail_title", channel=en("common.ch_phone"), when="")
    panel.get_by_role("heading", name=re.compile("^" + re.escape(title))).wait_for()
    assert panel.get_by_text(en("staffing.detail_inputs"), exact=True).count() >= 1
    assert panel.get_by_text(en("staffing.detail_why"), exact=True).count() >= 1
    assert panel.locator(TABLE).count() >= 1


def test_a_tab_shows_the_choice_left_in_it_and_stays_open_in_dutch(page, app_url: str) -> None:  # noqa: ANN001
    """The Staffing page draws only the open tab: a week chosen in one tab is shown again, as
    chosen, after another tab, and the language switch keeps the tab open (what the browser
    shows; the session holding the value is not enough)."""
    open_page(page, app_url, "staffing")
    assert page.locator(PLOTLY).count() == 1, "the day chart only: the other tabs wait to be opened"
    open_tab(page, en("staffing.tab_simulation"))
    week = page.get_by_role("combobox", name=en("simulation.week"), exact=True)
    week.click()
    chosen = page.get_by_role("option").nth(2)
    label = chosen.inner_text().strip()
    chosen.click()
    wait_idle(page)
    open_tab(page, en("staffing.tab_chart"))
    open_tab(page, en("staffing.tab_simulation"))
    assert week.input_value() == label
    switch = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=en("common.language"))
    switch.click()
    page.get_by_role("option", name="Nederlands", exact=True).click()
    wait_idle(page)
    assert page.locator('[role="tab"][aria-selected="true"]').inner_text().strip() == nl("staffing.tab_simulation")
    dutch = page.get_by_role("combobox", name=nl("simulation.week"), exact=True).input_value()
    assert dutch.split()[-1] == "-".join(reversed(label.split()[-1].split("-"))), (label, dutch)  # the same week
    assert_no_exception(page)


def test_overview_in_dutch_shows_tiles_with_units(page, app_url: str) -> None:  # noqa: ANN001
    open_page(page, app_url, "", lang="nl")
    assert_no_exception(page)
    week_title = nl("overview.tiles_week", start="", end="").split(":")[0]
    page.get_by_role("heading", name=re.compile("^" + re.escape(week_title))).wait_for()
    page.locator(METRIC).filter(has_text=nl("common.kpi_contacts_week")).first.wait_for(timeout=120_000)
    labels = page.locator(f'{METRIC} [data-testid="stMetricLabel"]').all_inner_texts()
    text = " | ".join(labels)
    for key in ("common.kpi_contacts_week", "common.kpi_rostered_fte", "common.kpi_sl_roster",
                "common.kpi_abandon_roster", "common.kpi_cost_roster_week"):
        assert nl(key) in text, f"{nl(key)!r} not among the tiles: {text}"
        assert en(key) not in text, f"English {en(key)!r} on the Dutch page"
    # board-readable: every figure says its unit
    assert re.search(r"\[fte\]", text, re.IGNORECASE), text
    assert text.count("[%]") >= 2, text
    assert "[EUR" in text, text
    sl = _metric_value(page, nl("common.kpi_sl_roster"), exact=True)
    assert sl.endswith("%") and re.search(r"\d", sl), sl
    fte_delta = _metric(page, nl("common.kpi_rostered_fte"), exact=True).locator(
        '[data-testid="stMetricDelta"]'
    )
    assert nl("overview.fte_required", value="").strip() in fte_delta.first.inner_text()


def test_erlang_calculator_reproduces_the_pyworkforce_example(page, app_url: str) -> None:  # noqa: ANN001
    open_page(page, app_url, "calculator")
    assert_no_exception(page)
    # start from other numbers, so the published ones below are really what is computed
    page.get_by_label(en("calc.calls"), exact=True).fill("50")
    page.get_by_role("button", name=en("calc.submit")).click()
    wait_idle(page)
    assert _metric_value(page, en("calc.required"), exact=True) != "14 agents"
    for key, value in (
        ("calc.calls", "100"),
        ("calc.interval_min", "30"),
        ("calc.aht_s", "180"),
        ("calc.answer_time_s", "20"),
        ("calc.target_sl_pct", "80"),
    ):
        page.get_by_label(en(key), exact=True).fill(value)
    page.get_by_role("button", name=en("calc.submit")).click()
    wait_idle(page)
    assert_no_exception(page)
    assert _metric_value(page, en("calc.required"), exact=True) == "14 agents"
    assert _metric_value(page, en("calc.sl"), exact=True) == "88.84 %"
